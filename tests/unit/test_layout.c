/* Unit tests for layout_budget: the estimate of dot's virtual nodes
 * (ranks by longest path, back edges left out, spans doubled) and the
 * limits that refuse a diagram before Graphviz is asked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include "emit/layout_budget.h"

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

static size_t cost_of(int n, bool loop)
{
    char *text = chain_text(n, loop);
    pw_fixture *fx = pw_fixture_resolve(text, NULL, NULL);
    size_t cost = pw_layout_virtual_nodes(pw_fixture_graph(fx));
    pw_fixture_free(fx);
    free(text);
    return cost;
}

/* risk(0) -> q0(1) -> ... -> q(n-1)(n) -> done(n+1). Edge q_i -> done
 * spans n+1-(i+1) = n-i ranks: 2(n-i)-1 virtual nodes when n-i > 1. The
 * chain edges span one rank; risk -> call spans one. */
static size_t expected(int n)
{
    size_t sum = 0;
    for (int i = 0; i < n; i++)
        if (n - i > 1)
            sum += 2 * (size_t)(n - i) - 1;
    return sum;
}

static void test_chain_to_shared_outcome(void **state)
{
    (void)state;
    assert_int_equal(cost_of(1, false), expected(1));
    assert_int_equal(cost_of(5, false), expected(5));
    assert_int_equal(cost_of(30, false), expected(30));
}

/* The loop edge q(n-1) -> q0 closes a loop: it is left out of the
 * ranking (no ranking would exist otherwise), so the ranks stay those of
 * the chain, and it adds only its own span, n-1 ranks. */
static void test_back_edge_ranks_are_not_raised(void **state)
{
    (void)state;
    int n = 10;
    size_t loop_span = 2 * (size_t)(n - 1) - 1;
    assert_int_equal(cost_of(n, true), expected(n) + loop_span);
}

static void test_limits(void **state)
{
    (void)state;
    char why[256];
    char *text = chain_text(40, false);
    pw_fixture *fx = pw_fixture_resolve(text, NULL, NULL);
    assert_true(pw_layout_fits(pw_fixture_graph(fx), why, sizeof why));
    pw_fixture_free(fx);
    free(text);
    text = chain_text(60, false);
    fx = pw_fixture_resolve(text, NULL, NULL);
    assert_false(pw_layout_fits(pw_fixture_graph(fx), why, sizeof why));
    assert_non_null(strstr(why, "laying it out would take minutes"));
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
        cmocka_unit_test(test_back_edge_ranks_are_not_raised),
        cmocka_unit_test(test_label_text),
        cmocka_unit_test(test_label_text_of_language2),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
