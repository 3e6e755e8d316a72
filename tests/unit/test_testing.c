/* Unit tests for running the authors' tests (model/testing.c): the line
 * each writes, the tally, each failure as an error in the sink with its
 * walk or counter-example and help, and coverage. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include "model/testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* risk: yes -> call, no -> notice -> nfa; dash (unreachable) bands. */
static const char text[] =
    "contact police \"Police\" { phone \"999\" }\n"
    "pathway p \"P\" {\n"
    "  question risk \"Danger?\" { yes -> call no -> notice }\n"
    "  step notice \"Notice\" { next nfa }\n"
    "  question dash \"DASH\" { score 0..27 band 0..13 -> nfa band 14..27 -> call }\n"
    "  outcome call \"999\" { kind emergency contact police }\n"
    "  outcome nfa \"NFA\" { kind no-further-action }\n"
    "  scenario \"danger\" { answer risk yes expect call }\n"
    "  scenario \"wrong\" { answer risk no expect call }\n"
    "  assert every path to nfa passes notice\n"
    "  assert no path reaches notice before nfa\n"
    "}\n";

typedef struct out {
    char *buf;
    size_t len;
    FILE *f;
} out;

static void open_out(out *o)
{
    o->buf = NULL;
    o->len = 0;
    o->f = open_memstream(&o->buf, &o->len);
    assert_non_null(o->f);
}

static char *close_out(out *o)
{
    fclose(o->f);
    return o->buf;
}

static void test_lines_tally_and_errors(void **state)
{
    (void)state;
    pw_fixture *fx = pw_fixture_resolve(text, NULL, NULL);
    const pw_graph *g = pw_fixture_graph(fx);
    pw_diag *diag = pw_diag_new();
    pw_tally t = {1, 2}; /* added to */
    out lines;
    open_out(&lines);
    pw_testing_run(g, diag, lines.f, &t);
    char *s = close_out(&lines);
    assert_string_equal(s, "ok   p: scenario \"danger\"\n"
                           "FAIL p: scenario \"wrong\"\n"
                           "ok   p: assert every path to nfa passes notice\n"
                           "FAIL p: assert no path reaches notice before nfa\n");
    free(s);
    assert_int_equal(t.passed, 3);
    assert_int_equal(t.failed, 4);
    assert_int_equal(pw_diag_error_count(diag), 2);

    out d;
    open_out(&d);
    pw_diag_print(diag, d.f, PW_DIAG_TEXT, false);
    s = close_out(&d);
    assert_non_null(strstr(s, "error[E0401]: scenario \"wrong\" fails: the walk "
                              "ended at outcome 'nfa', not 'call'"));
    assert_non_null(strstr(s, "= note: the walk: risk -> notice -> nfa"));
    assert_non_null(strstr(s, "= help: change the scenario if it is wrong, or the "
                              "pathway if it is"));
    assert_non_null(strstr(s, "error[E0402]: assertion fails: a walk reaches "
                              "'notice' before passing 'nfa'"));
    assert_non_null(strstr(s, "= note: for example: risk -> notice\n"));
    assert_non_null(strstr(s, "= help: this path breaks the rule: change the "
                              "pathway, or the assertion if the rule is wrong"));
    free(s);
    pw_diag_free(diag);
    pw_fixture_free(fx);
}

/* Without lines nothing is written, and the tally and errors are the same. */
static void test_quiet(void **state)
{
    (void)state;
    pw_fixture *fx = pw_fixture_resolve(text, NULL, NULL);
    pw_diag *diag = pw_diag_new();
    pw_tally t = {0, 0};
    pw_testing_run(pw_fixture_graph(fx), diag, NULL, &t);
    assert_int_equal(t.passed, 2);
    assert_int_equal(t.failed, 2);
    assert_int_equal(pw_diag_error_count(diag), 2);
    pw_diag_free(diag);
    pw_fixture_free(fx);
}

static void test_coverage(void **state)
{
    (void)state;
    pw_fixture *fx = pw_fixture_resolve(text, NULL, NULL);
    const pw_graph *g = pw_fixture_graph(fx);
    out o;
    open_out(&o);
    pw_testing_coverage(g, o.f);
    char *s = close_out(&o);
    const char *file = g->nodes[0].loc.src->name;
    char want[2048];
    snprintf(want, sizeof want,
             "coverage p: 4 of 5 nodes, 2 of 4 answers\n"
             "  not visited: question 'dash' (%s:5)\n"
             "  not taken: 'dash' band 0..13 (%s:5)\n"
             "  not taken: 'dash' band 14..27 (%s:5)\n",
             file, file, file);
    assert_string_equal(s, want);
    free(s);
    pw_fixture_free(fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_tally_and_errors),
        cmocka_unit_test(test_quiet),
        cmocka_unit_test(test_coverage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
