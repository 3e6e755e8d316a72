/* Unit tests for layout_plan (which arrows are drawn to connectors) and
 * layout_budget (the limits that refuse a diagram before Graphviz is
 * asked). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include "emit/layout_budget.h"
#include "emit/layout_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char head[] =
    "contact police \"Police\" { phone \"999\" }\n"
    "pathway p \"P\" {\n"
    "  owner \"o\" version \"1\" review-by 2030-01-01\n"
    "  question risk \"Danger?\" { yes -> call no -> q0 }\n"
    "  outcome call \"Call 999\" { kind emergency contact police record \"r\" }\n"
    "  outcome done \"Done\" { kind advice record \"r\" }\n";

/* risk, then n questions q0..q(n-1) in a chain, each also leading to
 * done; with loop, the last leads back to q0 instead of ending. */
static char *chain_text(int n, bool loop)
{
    size_t cap = sizeof head + 128 * (size_t)n + 64;
    char *s = calloc(cap, 1);
    size_t len = (size_t)snprintf(s, cap, "%s", head);
    for (int i = 0; i < n; i++) {
        char next[32];
        if (i + 1 < n)
            snprintf(next, sizeof next, "q%d", i + 1);
        else
            snprintf(next, sizeof next, "%s", loop ? "q0" : "done");
        len += (size_t)snprintf(s + len, cap - len,
                                "  question q%d \"Q%d?\" { yes -> %s no -> done }\n",
                                i, i, next);
    }
    snprintf(s + len, cap - len, "}\n");
    return s;
}

/* The plan of a pathway text. */
typedef struct planned {
    pw_fixture *fx;
    pw_layout_plan plan;
} planned;

static planned plan_of(const char *text)
{
    planned p = {pw_fixture_resolve(text, NULL, NULL), {0}};
    pw_layout_plan_make(pw_fixture_graph(p.fx), &p.plan);
    return p;
}

static void planned_free(planned *p)
{
    pw_layout_plan_free(&p->plan);
    pw_fixture_free(p->fx);
}

static size_t node_index(const planned *p, const char *id)
{
    const pw_graph *g = pw_fixture_graph(p->fx);
    for (size_t i = 0; i < g->nnodes; i++)
        if (!strcmp(g->nodes[i].id, id))
            return i;
    fail_msg("no node %s", id);
    return 0;
}

/* Whether node id's answer k is drawn to a connector. */
static bool answer_connects(const planned *p, const char *id, size_t k)
{
    return pw_plan_answer(&p->plan, node_index(p, id), k);
}

/* risk -> q0 -> ... -> q29 -> done, each question also to done: done is
 * drawn where its first route (q0's "no") ends, and every later arrow to
 * it is a connector beside its question (q29's "yes" too); nothing spans
 * more than two rows, so Graphviz adds no virtual node. Before
 * connectors, 60 such questions took dot minutes. */
static void test_chain_to_shared_outcome(void **state)
{
    (void)state;
    char *text = chain_text(30, false);
    planned p = plan_of(text);
    assert_int_equal(p.plan.max_span, PW_PLAN_MAX_SPAN_READABLE);
    assert_false(answer_connects(&p, "risk", 0)); /* 999 beside the start */
    assert_false(answer_connects(&p, "q0", 1));   /* done's main route */
    for (int i = 1; i < 30; i++) {
        char id[16];
        snprintf(id, sizeof id, "q%d", i);
        assert_int_equal(answer_connects(&p, id, 0), i == 29); /* yes: the chain */
        assert_true(answer_connects(&p, id, 1));
    }
    assert_int_equal(p.plan.nconnectors, 30);
    assert_int_equal(p.plan.virtual_nodes, 0);
    planned_free(&p);
    free(text);
}

/* The loop's arrow back from q9 to q0 spans nine rows: a connector. A
 * short loop (ask again, two rows back) stays an arrow. (c's "yes" is a
 * connector: it would push x three rows below a, its first route.) */
static void test_long_loop_is_a_connector(void **state)
{
    (void)state;
    char *text = chain_text(10, true);
    planned p = plan_of(text);
    assert_true(answer_connects(&p, "q9", 0));
    planned_free(&p);
    free(text);
    p = plan_of("pathway p \"P\" {\n"
                "  owner \"o\" version \"1\" review-by 2030-01-01\n"
                "  question a \"A?\" { yes -> b no -> x }\n"
                "  step b \"B\" { record \"r\" next c }\n"
                "  question c \"C?\" { again -> a yes -> x }\n"
                "  outcome x \"X\" { kind advice record \"r\" }\n"
                "}\n");
    assert_false(answer_connects(&p, "c", 0));
    assert_true(answer_connects(&p, "c", 1));
    assert_int_equal(p.plan.nconnectors, 1);
    planned_free(&p);
}

/* A small pathway whose arrows span at most two rows is drawn as it was:
 * a question whose "no" skips one step keeps its arrow. */
static void test_small_pathway_unchanged(void **state)
{
    (void)state;
    planned p = plan_of("contact police \"Police\" { phone \"999\" }\n"
                        "pathway p \"P\" {\n"
                        "  owner \"o\" version \"1\" review-by 2030-01-01\n"
                        "  question risk \"Danger?\" { yes -> call no -> a }\n"
                        "  outcome call \"Call 999\" { kind emergency contact police "
                        "record \"r\" }\n"
                        "  question a \"A?\" { yes -> b no -> c }\n"
                        "  step b \"B\" { record \"r\" next c }\n"
                        "  step c \"C\" { record \"r\" next x }\n"
                        "  outcome x \"X\" { kind advice record \"r\" }\n"
                        "}\n");
    assert_int_equal(p.plan.nconnectors, 0);
    assert_int_equal(p.plan.max_span, PW_PLAN_MAX_SPAN_READABLE);
    planned_free(&p);
}

/* When the arrows left would still cost Graphviz too much (here 600
 * questions, each "no" skipping the next: every first route spans two
 * rows), only arrows one breadth-first row down stay arrows, and none
 * spans more than one row. */
static void test_expensive_falls_back_to_one_row(void **state)
{
    (void)state;
    int n = 600;
    size_t cap = sizeof head + 128 * (size_t)n + 128;
    char *s = calloc(cap, 1);
    size_t len = (size_t)snprintf(s, cap, "%s", head);
    for (int i = 0; i < n; i++) {
        char skip[32];
        snprintf(skip, sizeof skip, i + 2 <= n ? "q%d" : "done", i + 2);
        len += (size_t)snprintf(s + len, cap - len,
                                "  question q%d \"Q%d?\" { yes -> q%d no -> %s }\n", i, i,
                                i + 1, skip);
    }
    snprintf(s + len, cap - len, "  question q%d \"Q%d?\" { yes -> done no -> done }\n}\n",
             n, n);
    planned p = plan_of(s);
    assert_int_equal(p.plan.max_span, 1);
    assert_int_equal(p.plan.virtual_nodes, 0);
    assert_true(p.plan.nconnectors > 0);
    planned_free(&p);
    free(s);
}

static void test_limits(void **state)
{
    (void)state;
    char why[256];
    /* 60 questions to one outcome: refused before connectors, drawn now */
    char *text = chain_text(60, false);
    pw_fixture *fx = pw_fixture_resolve(text, NULL, NULL);
    assert_true(pw_layout_fits(pw_fixture_graph(fx), why, sizeof why));
    pw_fixture_free(fx);
    free(text);
    text = chain_text(PW_LAYOUT_MAX_NODES - 3, false); /* + risk, call, done */
    fx = pw_fixture_resolve(text, NULL, NULL);
    assert_true(pw_layout_fits(pw_fixture_graph(fx), why, sizeof why));
    pw_fixture_free(fx);
    free(text);
    text = chain_text(PW_LAYOUT_MAX_NODES - 2, false);
    fx = pw_fixture_resolve(text, NULL, NULL);
    assert_false(pw_layout_fits(pw_fixture_graph(fx), why, sizeof why));
    assert_non_null(strstr(why, "diagrams are drawn for at most 2500"));
    pw_fixture_free(fx);
    free(text);
    /* 2000 questions, each with two arrows to outcomes drawn at the top
     * (q1999's "yes" too): 2003 nodes and 4000 connectors are too many
     * boxes */
    size_t cap = sizeof head + 128 * 2000 + 64;
    text = calloc(cap, 1);
    size_t len = (size_t)snprintf(text, cap, "%s", head);
    for (int i = 0; i < 2000; i++) {
        char next[32];
        snprintf(next, sizeof next, i + 1 < 2000 ? "q%d" : "done", i + 1);
        len += (size_t)snprintf(text + len, cap - len,
                                "  question q%d \"Q%d?\" { yes -> %s no -> done "
                                "danger -> call }\n", i, i, next);
    }
    snprintf(text + len, cap - len, "}\n");
    fx = pw_fixture_resolve(text, NULL, NULL);
    assert_false(pw_layout_fits(pw_fixture_graph(fx), why, sizeof why));
    assert_non_null(strstr(why, "it would draw 6003 boxes (2003 nodes and 4000 connectors), and "
                                 "diagrams are drawn with at most 6000"));
    pw_fixture_free(fx);
    free(text);
}

/* The text of the labels counts: a title of 200,000 bytes is drawn, one
 * of 200,001 (with the rest of the labels, more) is not. */
static void test_label_text(void **state)
{
    (void)state;
    char why[256];
    size_t rest = 0;
    for (int big = 0; big < 2; big++) {
        size_t n = big ? PW_LAYOUT_MAX_TEXT + 1 : 1000;
        char *text = calloc(sizeof head + n + 128, 1);
        memcpy(text, head, sizeof head - 1);
        char *title = strstr(text, "pathway p \"P\"") + strlen("pathway p \"");
        memmove(title + n - 1, title, strlen(title) + 1);
        memset(title, 'x', n);
        strcat(text, "  question q0 \"Q0?\" { yes -> done no -> done }\n}\n");
        pw_fixture *fx = pw_fixture_resolve(text, NULL, NULL);
        const pw_graph *g = pw_fixture_graph(fx);
        if (!big) {
            rest = pw_layout_label_bytes(g) - n;
            assert_true(pw_layout_fits(g, why, sizeof why));
        } else {
            assert_int_equal(pw_layout_label_bytes(g), n + rest);
            assert_false(pw_layout_fits(g, why, sizeof why));
            assert_non_null(strstr(why, "its labels hold"));
        }
        pw_fixture_free(fx);
        free(text);
    }
}

/* The diagram draws what is to be confirmed (the key lists every `tbc`,
 * a contact's after its title), why there is no emergency route, and a
 * band's label: each counts. */
static size_t label_bytes(const char *text)
{
    pw_fixture *fx = pw_fixture_resolve(text, NULL, NULL);
    size_t n = pw_layout_label_bytes(pw_fixture_graph(fx));
    pw_fixture_free(fx);
    return n;
}

static void test_label_text_of_language2(void **state)
{
    (void)state;
    static const char base[] =
        "contact c \"Cc\" { email \"t@example.org\" %s }\n"
        "pathway p \"P\" {\n"
        "  owner \"o\" version \"1\" review-by 2030-01-01 %s\n"
        "  stage s \"S\" { step a \"A\" { contact c record \"r\" %s next q } }\n"
        "  question q \"Q\" { score 0..9 band 0..4 %s -> x band 5..9 -> x }\n"
        "  outcome x \"X\" { kind advice record \"r\" }\n"
        "}\n";
    char text[1024];
    snprintf(text, sizeof text, base, "", "", "", "");
    size_t plain = label_bytes(text);
    snprintf(text, sizeof text, base, "tbc \"12345\"",
             "tbc \"123\" emergency-route none \"1234567\"", "tbc \"1\" tbc \"12\"",
             "\"1234\"");
    /* 5 + the contact's title (2), 3, 7, 1 + 2, and the band's 4 */
    assert_int_equal(label_bytes(text), plain + 5 + 2 + 3 + 7 + 3 + 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chain_to_shared_outcome),
        cmocka_unit_test(test_long_loop_is_a_connector),
        cmocka_unit_test(test_small_pathway_unchanged),
        cmocka_unit_test(test_expensive_falls_back_to_one_row),
        cmocka_unit_test(test_label_text),
        cmocka_unit_test(test_label_text_of_language2),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
