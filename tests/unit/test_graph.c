/* Unit tests for program (imports, scope, construct) and graph: what the
 * backends will read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/check.h"
#include "fixture.h"
#include "model/program.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef pw_fixture fixture;

static fixture *resolve_files(const char *main_text, const char *other_name,
                              const char *other_text)
{
    return pw_fixture_resolve(main_text, other_name, other_text);
}

static void done(fixture *fx)
{
    pw_fixture_free(fx);
}

static void assert_no_errors(fixture *fx)
{
    if (pw_diag_error_count(fx->diag)) {
        pw_diag_print(fx->diag, stderr, PW_DIAG_TEXT, false);
        fail_msg("unexpected errors");
    }
}

static const char shared[] =
    "contact police \"Police\" { phone \"999\" out-of-hours duty }\n"
    "contact duty \"Duty team\" { phone \"0300 123 4567\" }\n"
    "role dsl \"Designated Safeguarding Lead\"\n"
    "pathway other \"Another pathway\" {\n"
    "  outcome x \"X\" { kind advice }\n"
    "}\n";

static const char main_text[] =
    "import \"shared.pathway\"\n"
    "form nrf \"Referral form\"\n"
    "pathway p \"P\" {\n"
    "  stage notice \"Notice\" {\n"
    "    question risk \"Risk?\" { yes -> call no \"Not now\" -> refer maybe -> call }\n"
    "  }\n"
    "  step refer \"Refer\" {\n"
    "    by dsl contact duty, police form nrf also other \"why\" also call\n"
    "    next call\n"
    "  }\n"
    "  outcome call \"Call 999\" { kind emergency contact police }\n"
    "  scenario \"s\" { answer risk no expect call through refer }\n"
    "  assert every path to call passes risk\n"
    "}\n";

static void test_nodes_and_edges(void **state)
{
    (void)state;
    fixture *fx = resolve_files(main_text, "shared.pathway", shared);
    assert_no_errors(fx);
    assert_int_equal(pw_program_graph_count(fx->prog), 1); /* not `other` */
    const pw_graph *g = pw_program_graph(fx->prog, 0);
    assert_string_equal(g->id, "p");
    assert_int_equal(g->nnodes, 3);
    assert_int_equal(g->start, 0); /* the first node, when no `start` */
    const pw_gnode *risk = &g->nodes[0], *refer = &g->nodes[1];
    assert_string_equal(risk->id, "risk");
    assert_int_equal(risk->stage, 0);
    assert_string_equal(g->stages[0].id, "notice");
    assert_int_equal(refer->stage, -1);
    assert_int_equal(risk->nanswers, 3);
    assert_string_equal(risk->answers[0].label, "Yes"); /* default labels */
    assert_string_equal(risk->answers[1].label, "Not now");
    assert_string_equal(risk->answers[2].label, "maybe");
    assert_int_equal(risk->answers[0].target, 2);
    assert_int_equal(risk->answers[1].target, 1);
    assert_int_equal(refer->next, 2);
    done(fx);
}

static void test_references(void **state)
{
    (void)state;
    fixture *fx = resolve_files(main_text, "shared.pathway", shared);
    const pw_graph *g = pw_program_graph(fx->prog, 0);
    const pw_gnode *refer = &g->nodes[1];
    assert_string_equal(refer->by->id, "dsl");
    assert_int_equal(refer->ncontacts, 2);
    assert_string_equal(refer->contacts[0]->id, "duty");
    assert_string_equal(refer->contacts[1]->id, "police");
    assert_string_equal(refer->contacts[1]->out_of_hours->id, "duty");
    assert_string_equal(refer->forms[0]->id, "nrf");
    /* `also`: a pathway by id, and a node of this pathway */
    assert_int_equal(refer->nalso, 2);
    assert_int_equal(refer->also[0].node, PW_NO_NODE);
    assert_string_equal(refer->also[0].pathway, "other");
    assert_string_equal(refer->also[0].why, "why");
    assert_int_equal(refer->also[1].node, 2);
    /* the graph lists each contact it uses once, first use first */
    assert_int_equal(g->ncontacts, 2);
    assert_string_equal(g->contacts[0]->id, "duty");
    assert_string_equal(g->contacts[1]->id, "police");
    assert_int_equal(g->nroles, 1);
    assert_int_equal(g->nforms, 1);
    done(fx);
}

static void test_scenarios_and_asserts(void **state)
{
    (void)state;
    fixture *fx = resolve_files(main_text, "shared.pathway", shared);
    const pw_graph *g = pw_program_graph(fx->prog, 0);
    assert_int_equal(g->nscenarios, 1);
    const pw_gscenario *s = &g->scenarios[0];
    assert_int_equal(s->nanswers, 1);
    assert_int_equal(s->answers[0].question, 0);
    assert_int_equal(s->answers[0].answer, 1); /* `no` */
    assert_int_equal(s->expect, 2);
    assert_int_equal(s->nthrough, 1);
    assert_int_equal(s->through[0], 1);
    assert_int_equal(g->nasserts, 1);
    assert_int_equal(g->asserts[0].a, 2);
    assert_int_equal(g->asserts[0].b, 0);
    done(fx);
}

static void test_files_read(void **state)
{
    (void)state;
    fixture *fx = resolve_files(main_text, "shared.pathway", shared);
    assert_int_equal(pw_program_file_count(fx->prog), 2);
    assert_non_null(strstr(pw_program_file_name(fx->prog, 1), "shared.pathway"));
    const pw_declared *d = pw_program_declared(fx->prog);
    assert_int_equal(d->ncontacts, 2);
    assert_true(d->contacts[0]->used); /* police */
    assert_false(d->contacts[0]->own); /* declared in an imported file */
    done(fx);
}

static void test_adjacency(void **state)
{
    (void)state;
    fixture *fx = resolve_files(main_text, "shared.pathway", shared);
    const pw_graph *g = pw_program_graph(fx->prog, 0);
    pw_adjacency a;
    pw_adjacency_build(g, &a);
    /* risk -> call, refer, call; refer -> call; call -> nothing */
    assert_int_equal(a.first[1] - a.first[0], 3);
    assert_int_equal(a.succ[a.first[0] + 1], 1);
    assert_int_equal(a.first[2] - a.first[1], 1);
    assert_int_equal(a.first[3] - a.first[2], 0);
    /* call has three edges in: two from risk, one from refer */
    assert_int_equal(a.pfirst[3] - a.pfirst[2], 3);
    pw_adjacency_free(&a);
    done(fx);
}

static void test_unresolved_marks_incomplete(void **state)
{
    (void)state;
    fixture *fx = resolve_files("pathway p \"P\" {\n"
                                "  step a \"A\" { next nowhere }\n"
                                "  outcome o \"O\" { kind advice }\n"
                                "}\n",
                                NULL, NULL);
    const pw_graph *g = pw_program_graph(fx->prog, 0);
    assert_int_equal(pw_diag_error_count(fx->diag), 1);
    assert_true(g->incomplete);
    assert_int_equal(g->nodes[0].next, PW_NO_NODE);
    done(fx);
}

/* A node declared twice: one error, and the name no node has that one of
 * the two lost is not reported on its own; both are marked. */
static void test_duplicate_poisons_lost_name(void **state)
{
    (void)state;
    fixture *fx = resolve_files("pathway p \"P\" {\n"
                                "  question q \"Q?\" { yes -> a no -> later_help }\n"
                                "  outcome a \"A\" { kind advice }\n"
                                "  outcome a \"Later help\" { kind advice }\n"
                                "  scenario \"s\" { answer q no expect later_help }\n"
                                "}\n",
                                NULL, NULL);
    const pw_graph *g = pw_program_graph(fx->prog, 0);
    assert_int_equal(pw_diag_error_count(fx->diag), 1);
    assert_true(g->incomplete);
    assert_true(g->nodes[1].named_twice);
    assert_true(g->nodes[2].named_twice);
    assert_false(g->nodes[1].duplicate);
    assert_true(g->nodes[2].duplicate);
    assert_false(g->nodes[0].named_twice);
    done(fx);
}

/* A question whose answers are in error is marked, and a scenario that
 * answers it is not reported: one error. */
static void test_answers_wrong_poisons_scenarios(void **state)
{
    (void)state;
    fixture *fx = resolve_files("pathway p \"P\" {\n"
                                "  question q \"Q?\" { Yes -> a no -> b }\n"
                                "  question r \"R?\" { yes -> a }\n"
                                "  outcome a \"A\" { kind advice }\n"
                                "  outcome b \"B\" { kind advice }\n"
                                "  scenario \"s\" { answer q yes expect a }\n"
                                "  scenario \"t\" { answer q no answer r no expect b }\n"
                                "}\n",
                                NULL, NULL);
    const pw_graph *g = pw_program_graph(fx->prog, 0);
    assert_int_equal(pw_diag_error_count(fx->diag), 2); /* E0319, E0302 */
    assert_true(g->nodes[0].answers_wrong);
    assert_true(g->nodes[1].answers_wrong);
    assert_false(g->nodes[2].answers_wrong);
    done(fx);
}

static void test_date_compare(void **state)
{
    (void)state;
    pw_date a = {2025, 6, 1, {0, 0}}, b = {2025, 6, 2, {0, 0}}, c = {2024, 12, 31, {0, 0}};
    assert_true(pw_date_compare(a, b) < 0);
    assert_true(pw_date_compare(b, a) > 0);
    assert_int_equal(pw_date_compare(a, a), 0);
    assert_true(pw_date_compare(c, a) < 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nodes_and_edges),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_scenarios_and_asserts),
        cmocka_unit_test(test_files_read),
        cmocka_unit_test(test_adjacency),
        cmocka_unit_test(test_unresolved_marks_incomplete),
        cmocka_unit_test(test_duplicate_poisons_lost_name),
        cmocka_unit_test(test_answers_wrong_poisons_scenarios),
        cmocka_unit_test(test_date_compare),
    };
    return cmocka_run_group_tests_name("graph", tests, NULL, NULL);
}
