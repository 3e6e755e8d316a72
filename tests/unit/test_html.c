/* Unit tests for the checklist (emit/html.c) and where its content hash
 * comes from: the hash the caller gives (the table's, which
 * pw_emit_table_hashed and pw_table_hash agree on) is the one the page
 * shows and keeps its ticks by; no hash, or a link that did not resolve,
 * and nothing is written. The inline diagram's size and links. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "emit/html.h"
#include "emit/table.h"
#include "fixture.h"
#include "model/program.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char small[] =
    "pathway p \"P\" {\n"
    "  owner \"O\" version \"1\" review-by 2025-01-01\n"
    "  question q \"Q?\" { yes -> a  no -> b }\n"
    "  outcome a \"A\" { kind emergency urgency immediate }\n"
    "  outcome b \"B\" { kind no-further-action }\n"
    "}\n";

/* The checklist of g with o, or NULL (err says why). Owned by the caller. */
static char *checklist(const pw_graph *g, const pw_html_options *o, char *err,
                       size_t errsize)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    bool ok = pw_emit_html(g, o, f, err, errsize);
    fclose(f);
    if (!ok) {
        assert_int_equal(len, 0); /* nothing written */
        free(buf);
        return NULL;
    }
    return buf;
}

static void test_hash_of_the_table(void **state)
{
    (void)state;
    pw_fixture *fx = pw_fixture_resolve(small, NULL, NULL);
    const pw_graph *g = pw_fixture_graph(fx);
    char from_table[PW_TABLE_HASH_SIZE] = "", alone[PW_TABLE_HASH_SIZE] = "";
    char err[256] = "", *json = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&json, &len);
    assert_true(pw_emit_table_hashed(g, f, from_table, err, sizeof err));
    fclose(f);
    assert_true(pw_table_hash(g, alone, err, sizeof err));
    assert_string_equal(from_table, alone);
    assert_int_equal(strlen(alone), PW_TABLE_HASH_SIZE - 1);
    char field[128];
    snprintf(field, sizeof field, "\"content_hash\": \"%s\"", alone);
    assert_non_null(strstr(json, field));
    free(json);

    pw_html_options o = {.hash = from_table};
    char *page = checklist(g, &o, err, sizeof err);
    assert_non_null(page);
    char attr[128];
    snprintf(attr, sizeof attr, "data-hash=\"%s\"", alone);
    assert_non_null(strstr(page, attr));
    snprintf(attr, sizeof attr, "Content hash <code>%s</code>", alone);
    assert_non_null(strstr(page, attr));
    free(page);
    pw_fixture_free(fx);
}

/* The page shows whatever hash it is given: it does not work one out. */
static void test_shows_the_hash_given(void **state)
{
    (void)state;
    pw_fixture *fx = pw_fixture_resolve(small, NULL, NULL);
    pw_html_options o = {.hash = "sha256:given"};
    char err[256] = "";
    char *page = checklist(pw_fixture_graph(fx), &o, err, sizeof err);
    assert_non_null(strstr(page, "data-hash=\"sha256:given\""));
    free(page);
    pw_fixture_free(fx);
}

static void test_refuses_without_a_hash(void **state)
{
    (void)state;
    pw_fixture *fx = pw_fixture_resolve(small, NULL, NULL);
    pw_html_options o = {0};
    char err[256] = "";
    assert_null(checklist(pw_fixture_graph(fx), &o, err, sizeof err));
    assert_string_equal(err, "no content hash for the checklist");
    pw_fixture_free(fx);
}

static void test_refuses_unresolved_links(void **state)
{
    (void)state;
    pw_gnode n = {.kind = PW_STEP, .id = "a", .title = "A", .stage = -1, .parent = PW_NO_NODE,
                  .next = PW_NO_NODE};
    pw_graph g = {.id = "p", .title = "P", .nodes = &n, .nnodes = 1, .start = 0};
    pw_html_options o = {.hash = "sha256:x"};
    char err[128] = "";
    assert_null(checklist(&g, &o, err, sizeof err));
    assert_string_equal(err, "step 'a' has a link that did not resolve");
    g.start = PW_NO_NODE;
    assert_null(checklist(&g, &o, err, sizeof err));
    assert_string_equal(err, "pathway 'p' has links that did not resolve");
}

/* The review date against today: overdue before it, not on it. */
static void test_review_overdue(void **state)
{
    (void)state;
    pw_fixture *fx = pw_fixture_resolve(small, NULL, NULL);
    const pw_graph *g = pw_fixture_graph(fx);
    const pw_graph *gs[] = {g};
    const char *const exts[] = {"json"};
    for (int day = 1; day <= 2; day++) {
        char *buf = NULL, err[128] = "";
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        assert_true(pw_emit_index(gs, 1, exts, 1, (pw_date){2025, 1, day, {0, 0}}, f,
                                  err, sizeof err));
        fclose(f);
        assert_non_null(strstr(buf, "1 January 2025"));
        if (day == 1)
            assert_null(strstr(buf, "overdue</strong>"));
        else
            assert_non_null(strstr(buf, "overdue</strong>"));
        free(buf);
    }
    pw_fixture_free(fx);
}

/* The index groups by area, then topic, those without one last, and
 * orders by title without case: whatever the order it is given the
 * pathways in. */
static const char grouped[] =
    "pathway p1 \"Beta\" { area \"Hertfordshire\" topic \"Exploitation\" %s }\n"
    "pathway p2 \"alpha\" { area \"Hertfordshire\" topic \"Exploitation\" %s }\n"
    "pathway p3 \"Gamma\" { area \"Hertfordshire\" %s }\n"
    "pathway p4 \"Delta\" { area \"Herefordshire\" topic \"Recruitment\" "
    "summary \"Use <this>\" %s }\n"
    "pathway p5 \"Eps\" { topic \"X\" %s }\n";

static char *index_of(const pw_graph *const *gs, size_t n)
{
    char *buf = NULL, err[128] = "";
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_true(pw_emit_index(gs, n, NULL, 0, (pw_date){0}, f, err, sizeof err));
    fclose(f);
    return buf;
}

static void test_index_groups(void **state)
{
    (void)state;
    const char *body = "outcome o \"O\" { kind advice }";
    char text[1024];
    snprintf(text, sizeof text, grouped, body, body, body, body, body);
    pw_fixture *fx = pw_fixture_resolve(text, NULL, NULL);
    const pw_graph *gs[5], *back[5];
    assert_int_equal(pw_program_graph_count(fx->prog), 5);
    for (size_t i = 0; i < 5; i++)
        gs[i] = back[4 - i] = pw_program_graph(fx->prog, i);
    char *one = index_of(gs, 5), *two = index_of(back, 5);
    assert_string_equal(one, two);
    const char *const outline[] = {
        "<h2 id=\"area-1\">Herefordshire</h2>", "<h3 id=\"topic-2\">Recruitment</h3>",
        "Delta</a></h4>", "<p class=\"summary\">Use &lt;this&gt;</p>",
        "<h2 id=\"area-3\">Hertfordshire</h2>", "<h3 id=\"topic-4\">Exploitation</h3>",
        "alpha</a></h4>", "Beta</a></h4>", "<h3 id=\"topic-5\">No topic given</h3>",
        "Gamma</a></h4>", "<h2 id=\"area-6\">No area given</h2>",
        "<h3 id=\"topic-7\">X</h3>", "Eps</a></h4>", "</main>"};
    const char *at = one;
    for (size_t i = 0; i < sizeof outline / sizeof *outline; i++) {
        const char *next = strstr(at, outline[i]);
        if (!next)
            fail_msg("'%s' not found after the index's previous part in:\n%s", outline[i], one);
        at = next;
    }
    free(one);
    free(two);
    /* no area or topic anywhere: one list, no group headings */
    pw_fixture_free(fx);
    fx = pw_fixture_resolve(small, NULL, NULL);
    const pw_graph *g = pw_fixture_graph(fx);
    one = index_of(&g, 1);
    assert_null(strstr(one, "<h3"));
    assert_null(strstr(one, "given"));
    assert_non_null(strstr(one, "<ul class=\"pathways\">\n<li class=\"pathway\"><h2>"));
    free(one);
    pw_fixture_free(fx);
}

/* One topic in two areas: each topic's section is named by its area's
 * heading and its own, so no two regions of the index share a name. */
static void test_index_topic_in_two_areas(void **state)
{
    (void)state;
    pw_fixture *fx = pw_fixture_resolve(
        "pathway a \"A\" { area \"Herefordshire\" topic \"Levels of need\" "
        "outcome o \"O\" { kind advice } }\n"
        "pathway b \"B\" { area \"Hertfordshire\" topic \"Levels of need\" "
        "outcome o \"O\" { kind advice } }\n",
        NULL, NULL);
    const pw_graph *gs[] = {pw_program_graph(fx->prog, 0), pw_program_graph(fx->prog, 1)};
    char *page = index_of(gs, 2);
    assert_non_null(strstr(page, "<section class=\"topic\" aria-labelledby=\"area-1 topic-2\">\n"
                                 "<h3 id=\"topic-2\">Levels of need</h3>"));
    assert_non_null(strstr(page, "<section class=\"topic\" aria-labelledby=\"area-3 topic-4\">\n"
                                 "<h3 id=\"topic-4\">Levels of need</h3>"));
    assert_non_null(strstr(page, "<section class=\"area\" aria-labelledby=\"area-3\">"));
    free(page);
    pw_fixture_free(fx);
}

/* The inline diagram: drawn at its natural size in px (Graphviz's
 * points are 4/3 px), never narrower than the width that keeps its
 * smallest text at 10 px (8 points at 1000 points wide: 1000 × 10.2 / 8 =
 * 1275 px), and linked to ID.svg only when the build writes that file. */
static void test_diagram_size_and_link(void **state)
{
    (void)state;
    static const char svg[] =
        "<?xml version=\"1.0\"?>\n<svg width=\"1000pt\" height=\"300pt\"\n"
        " viewBox=\"0.00 0.00 1000.00 300.00\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        "<g id=\"n\"><text font-size=\"10.00\">a</text><text font-size=\"8.00\">b</text>"
        "</g>\n</svg>\n";
    pw_fixture *fx = pw_fixture_resolve(small, NULL, NULL);
    pw_html_options o = {.hash = "sha256:x", .svg = svg, .svg_len = sizeof svg - 1};
    char err[256] = "";
    for (int file = 0; file <= 1; file++) {
        o.svg_file = file;
        char *page = checklist(pw_fixture_graph(fx), &o, err, sizeof err);
        assert_non_null(page);
        assert_non_null(strstr(page, "<svg class=\"diagram-floor\" width=\"1275\" height=\"0\""));
        assert_non_null(strstr(page, "aria-label=\"Diagram of P\" width=\"1334\" height=\"400\" "
                                     "viewBox=\"0.00 0.00 1000.00 300.00\""));
        assert_null(strstr(page, "1000pt"));
        assert_non_null(strstr(page, "<g id=\"diagram-n\">"));
        const char *link = "<a href=\"p.svg\" target=\"_blank\">Open the diagram full "
                           "size (SVG, opens in a new tab)</a>";
        if (file)
            assert_non_null(strstr(page, link));
        else
            assert_null(strstr(page, link));
        free(page);
    }
    pw_fixture_free(fx);
}

/* The inline drawing's links, made the page's: a box's link to its step
 * in this pathway's checklist (P.html#item-ID, its '-' as Graphviz may
 * write it) goes to the step on the page; a link inside the drawing (a
 * connector's) to the id its target has inline; any other is kept, and
 * nothing else changes. */
static void test_diagram_links(void **state)
{
    (void)state;
    static const char svg[] =
        "<svg width=\"100pt\" height=\"50pt\" viewBox=\"0.00 0.00 100.00 50.00\">\n"
        "<g id=\"node&#45;q\"><g id=\"a_node&#45;q\"><a xlink:href=\"p&#45;r.html#item-q\" "
        "xlink:title=\"Q\"><text>q</text></a></g></g>\n"
        "<g id=\"connector&#45;q.1\"><a xlink:href=\"#node&#45;a\" xlink:title=\"Go\">"
        "</a></g>\n<a xlink:href=\"p-r.html#item-a\"></a><a xlink:href=\"other.html#item-a\">"
        "</a><a xlink:href=\"pp-r.html#item-a\"></a><a xlink:href=\"p-r.html\"></a>"
        "<a xlink:title=\"Stage\"></a><text> xlink:href=&quot;#x&quot;</text>\n</svg>\n";
    pw_fixture *fx = pw_fixture_resolve("pathway p-r \"P\" {\n"
                                        "  owner \"O\" version \"1\" review-by 2025-01-01\n"
                                        "  outcome a \"A\" { kind advice }\n}\n",
                                        NULL, NULL);
    pw_html_options o = {.hash = "sha256:x", .svg = svg, .svg_len = sizeof svg - 1};
    char err[256] = "";
    char *page = checklist(pw_fixture_graph(fx), &o, err, sizeof err);
    assert_non_null(page);
    assert_non_null(strstr(page,
        "<g id=\"diagram-node&#45;q\"><g id=\"diagram-a_node&#45;q\"><a xlink:href=\"#item-q\" "
        "xlink:title=\"Q\"><text>q</text></a></g></g>\n"
        "<g id=\"diagram-connector&#45;q.1\"><a xlink:href=\"#diagram-node&#45;a\" "
        "xlink:title=\"Go\"></a></g>\n<a xlink:href=\"#item-a\"></a>"
        "<a xlink:href=\"other.html#item-a\"></a><a xlink:href=\"pp-r.html#item-a\"></a>"
        "<a xlink:href=\"p-r.html\"></a><a xlink:title=\"Stage\"></a>"
        "<text> xlink:href=&quot;#x&quot;</text>\n</svg>\n</div>"));
    free(page);
    pw_fixture_free(fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_of_the_table),
        cmocka_unit_test(test_shows_the_hash_given),
        cmocka_unit_test(test_refuses_without_a_hash),
        cmocka_unit_test(test_refuses_unresolved_links),
        cmocka_unit_test(test_review_overdue),
        cmocka_unit_test(test_diagram_size_and_link),
        cmocka_unit_test(test_diagram_links),
        cmocka_unit_test(test_index_groups),
        cmocka_unit_test(test_index_topic_in_two_areas),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
