/* Unit tests for scenarios, assertions and coverage, on graphs with loops,
 * several outcomes and unreachable parts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include "model/scenario.h"

#include <stdlib.h>
#include <string.h>

/* risk -> call | notice; notice -> worried; worried: yes -> dash,
 * no -> nfa, unsure -> notice (a loop); dash bands -> nfa | refer;
 * refer -> referred. `orphan` is unreachable. */
static const char base[] =
    "contact police \"Police\" { phone \"999\" }\n"
    "pathway p \"P\" {\n"
    "  question risk \"Danger?\" { yes -> call no -> notice }\n"
    "  step notice \"Notice\" { next worried also orphan }\n"
    "  question worried \"Worried?\" { yes -> dash no -> nfa unsure -> notice }\n"
    "  question dash \"DASH\" { score 0..27 band 0..13 -> nfa band 14..27 -> refer }\n"
    "  step refer \"Refer\" { next referred }\n"
    "  step orphan \"Orphan\" { next nfa }\n"
    "  outcome call \"999\" { kind emergency contact police }\n"
    "  outcome nfa \"NFA\" { kind no-further-action }\n"
    "  outcome referred \"Referred\" { kind referral }\n"
    "%s\n"
    "}\n";

typedef struct run {
    pw_fixture *fx;
    const pw_graph *g;
    pw_result r;
} run;

/* Resolves base with the given tests and runs the first scenario, or the
 * first assertion when there is no scenario. */
static run *start(const char *tests)
{
    run *x = calloc(1, sizeof *x);
    char text[4096];
    snprintf(text, sizeof text, base, tests);
    x->fx = pw_fixture_resolve(text, NULL, NULL);
    x->g = pw_fixture_graph(x->fx);
    if (x->g->nscenarios)
        pw_scenario_run(x->g, 0, &x->r);
    else
        pw_assert_check(x->g, 0, &x->r);
    return x;
}

static void finish(run *x)
{
    pw_result_free(&x->r);
    pw_fixture_free(x->fx);
    free(x);
}

static void assert_path(run *x, const char *want)
{
    char *got = pw_path_text(x->g, x->r.path, x->r.npath);
    assert_string_equal(got, want);
    free(got);
}

static void assert_fails(run *x, const char *message)
{
    assert_false(x->r.passed);
    assert_non_null(x->r.message);
    if (!strstr(x->r.message, message))
        fail_msg("'%s' not in '%s'", message, x->r.message);
}

static void test_scenario_through_a_loop(void **state)
{
    (void)state;
    run *x = start("scenario \"s\" { answer risk no answer worried unsure "
                   "answer worried yes answer dash 14 expect referred "
                   "through notice, refer }");
    assert_true(x->r.passed);
    assert_path(x, "risk -> notice -> worried -> notice -> worried -> dash -> "
                   "refer -> referred");
    finish(x);
}

static void test_scenario_band_edges(void **state)
{
    (void)state;
    run *x = start("scenario \"s\" { answer risk no answer worried yes "
                   "answer dash 13 expect nfa }");
    assert_true(x->r.passed); /* 13 is the top of 0..13 */
    finish(x);
}

static void test_scenario_failures(void **state)
{
    (void)state;
    run *x = start("scenario \"s\" { answer risk yes expect nfa }");
    assert_fails(x, "ended at outcome 'call', not 'nfa'");
    assert_path(x, "risk -> call");
    finish(x);
    x = start("scenario \"s\" { answer risk no answer worried unsure }");
    assert_fails(x, "ran out of answers at question 'worried'");
    assert_path(x, "risk -> notice -> worried -> notice -> worried");
    finish(x);
    x = start("scenario \"s\" { answer risk no answer dash 3 expect nfa }");
    assert_fails(x, "next answer is for question 'dash', but the walk met "
                    "question 'worried'");
    finish(x);
    x = start("scenario \"s\" { answer risk yes answer worried no expect call }");
    assert_fails(x, "before this answer (for question 'worried') was used");
    finish(x);
    x = start("scenario \"s\" { answer risk no answer worried no expect nfa "
              "through dash }");
    assert_fails(x, "did not pass 'dash'");
    finish(x);
}

static void test_every_path_passes(void **state)
{
    (void)state;
    run *x = start("assert every path to referred passes dash");
    assert_true(x->r.passed);
    finish(x);
    /* nfa can be reached from worried without dash: the shortest way */
    x = start("assert every path to nfa passes dash");
    assert_fails(x, "reaches 'nfa' without passing 'dash'");
    assert_path(x, "risk -> notice -> worried -> nfa");
    finish(x);
    /* the unreachable orphan's edge to nfa does not count */
    x = start("assert every path to nfa passes notice");
    assert_true(x->r.passed);
    finish(x);
}

static void test_no_path_before(void **state)
{
    (void)state;
    run *x = start("assert no path reaches refer before worried");
    assert_true(x->r.passed);
    finish(x);
    /* the loop back to notice does not help: notice comes before worried */
    x = start("assert no path reaches notice before worried");
    assert_fails(x, "reaches 'notice' before passing 'worried'");
    assert_path(x, "risk -> notice");
    finish(x);
}

static void test_within(void **state)
{
    (void)state;
    run *x = start("assert risk within 0 steps of start");
    assert_true(x->r.passed);
    finish(x);
    /* a walk ends at call without meeting notice */
    x = start("assert notice within 1 step of start");
    assert_fails(x, "ends at 'call' without meeting 'notice'");
    assert_path(x, "risk -> call");
    finish(x);
    finish(start("assert risk within 5 steps of start"));
}

static void test_within_loop_and_length(void **state)
{
    (void)state;
    static const char loopy[] =
        "pathway p \"P\" {\n"
        "  step a \"A\" { next b }\n"
        "  question b \"B\" { again -> a on -> c short -> d }\n"
        "  step c \"C\" { next d }\n"
        "  step d \"D\" { next e }\n"
        "  outcome e \"E\" { kind advice }\n"
        "  assert e within 9 steps of start\n"
        "}\n";
    pw_fixture *fx = pw_fixture_resolve(loopy, NULL, NULL);
    const pw_graph *g = pw_fixture_graph(fx);
    pw_result r;
    pw_assert_check(g, 0, &r);
    assert_false(r.passed); /* a -> b -> a ... never meets e */
    assert_non_null(strstr(r.message, "go round a loop without meeting 'e'"));
    pw_result_free(&r);
    pw_fixture_free(fx);

    static const char longer[] =
        "pathway p \"P\" {\n"
        "  question a \"A\" { long -> b short -> d }\n"
        "  step b \"B\" { next c }\n"
        "  step c \"C\" { next d }\n"
        "  step d \"D\" { next e }\n"
        "  outcome e \"E\" { kind advice }\n"
        "  assert e within 3 steps of start\n"
        "  assert e within 4 steps of start\n"
        "}\n";
    fx = pw_fixture_resolve(longer, NULL, NULL);
    g = pw_fixture_graph(fx);
    pw_assert_check(g, 0, &r);
    /* the shortest way to e is 2 moves, but the longest is 4 */
    assert_false(r.passed);
    assert_non_null(strstr(r.message, "makes 3 moves without meeting 'e'"));
    char *path = pw_path_text(g, r.path, r.npath);
    assert_string_equal(path, "a -> b -> c -> d");
    free(path);
    pw_result_free(&r);
    pw_assert_check(g, 1, &r);
    assert_true(r.passed);
    pw_result_free(&r);
    pw_fixture_free(fx);
}

static void test_coverage(void **state)
{
    (void)state;
    run *x = start("scenario \"s\" { answer risk no answer worried no expect nfa }");
    pw_coverage cov;
    pw_coverage_init(&cov, x->g);
    pw_coverage_add(&cov, x->g, 0);
    int risk = pw_graph_find(x->g, "risk"), orphan = pw_graph_find(x->g, "orphan"),
        dash = pw_graph_find(x->g, "dash"), worried = pw_graph_find(x->g, "worried");
    assert_true(cov.visited_node[risk]);
    assert_false(cov.visited_node[orphan]); /* only offered by an `also` */
    assert_false(cov.visited_node[dash]);
    assert_false(cov.visited_answer[risk][0]); /* yes */
    assert_true(cov.visited_answer[risk][1]);  /* no */
    assert_true(cov.visited_answer[worried][1]);
    pw_coverage_free(&cov);
    finish(x);
}

/* A walk with a together (its steps pass with it, in order written) and
 * an emergency outcome that goes on: risk yes -> call -> both -> done. */
static const char together[] =
    "contact police \"Police\" { phone \"999\" }\n"
    "pathway p \"P\" {\n"
    "  question risk \"Danger?\" { yes -> call no -> both }\n"
    "  outcome call \"999\" { kind emergency contact police next both }\n"
    "  together both \"Both\" {\n"
    "    step a \"A\" { }\n"
    "    step b \"B\" { }\n"
    "    next done\n"
    "  }\n"
    "  outcome done \"Done\" { kind referral }\n"
    "%s\n"
    "}\n";

static run *start_together(const char *tests)
{
    run *x = calloc(1, sizeof *x);
    char text[4096];
    snprintf(text, sizeof text, together, tests);
    x->fx = pw_fixture_resolve(text, NULL, NULL);
    x->g = pw_fixture_graph(x->fx);
    if (x->g->nscenarios)
        pw_scenario_run(x->g, 0, &x->r);
    else
        pw_assert_check(x->g, 0, &x->r);
    return x;
}

static void test_scenario_through_together_and_emergency(void **state)
{
    (void)state;
    run *x = start_together("scenario \"s\" { answer risk yes expect done "
                            "through call, b }");
    assert_true(x->r.passed);
    assert_path(x, "risk -> call -> both -> a -> b -> done");
    finish(x);
    /* expect names where the walk ends, not an outcome it passed */
    x = start_together("scenario \"s\" { answer risk yes expect call }");
    assert_fails(x, "passed outcome 'call' and went on to end at 'done'");
    assert_fails(x, "'through call'");
    finish(x);
    x = start_together("scenario \"s\" { answer risk no expect done through call }");
    assert_fails(x, "did not pass 'call'");
    finish(x);
}

static void test_assertions_and_together(void **state)
{
    (void)state;
    /* a step inside is done at the together: every path to it passes it */
    run *x = start_together("assert every path to a passes both");
    assert_true(x->r.passed);
    finish(x);
    x = start_together("assert every path to done passes b");
    assert_true(x->r.passed);
    finish(x);
    /* the steps of one together are in any order */
    x = start_together("assert no path reaches a before b");
    assert_fails(x, "in any order");
    assert_path(x, "risk -> both");
    finish(x);
    x = start_together("assert every path to both passes a");
    assert_fails(x, "before its step 'a' is done");
    finish(x);
    x = start_together("assert every path to done passes call");
    assert_fails(x, "reaches 'done' without passing 'call'");
    assert_path(x, "risk -> both -> done");
    finish(x);
    /* within counts the together's place; an outcome that goes on is no end */
    x = start_together("assert b within 2 steps of start");
    assert_true(x->r.passed);
    finish(x);
    x = start_together("assert done within 1 step of start");
    assert_fails(x, "without meeting 'done'");
    finish(x);
}

static void test_coverage_of_together(void **state)
{
    (void)state;
    run *x = start_together("scenario \"s\" { answer risk no expect done }");
    pw_coverage cov;
    pw_coverage_init(&cov, x->g);
    pw_coverage_add(&cov, x->g, 0);
    assert_true(cov.visited_node[pw_graph_find(x->g, "a")]);
    assert_true(cov.visited_node[pw_graph_find(x->g, "b")]);
    assert_false(cov.visited_node[pw_graph_find(x->g, "call")]);
    pw_coverage_free(&cov);
    finish(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scenario_through_a_loop),
        cmocka_unit_test(test_scenario_band_edges),
        cmocka_unit_test(test_scenario_failures),
        cmocka_unit_test(test_every_path_passes),
        cmocka_unit_test(test_no_path_before),
        cmocka_unit_test(test_within),
        cmocka_unit_test(test_within_loop_and_length),
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_scenario_through_together_and_emergency),
        cmocka_unit_test(test_assertions_and_together),
        cmocka_unit_test(test_coverage_of_together),
    };
    return cmocka_run_group_tests_name("scenario", tests, NULL, NULL);
}
