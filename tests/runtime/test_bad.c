/* Every malformed table in tests/runtime/bad/ is refused, with the code
 * and the exact message in the .expected file beside it (written by
 * tests/runtime/make-bad.py, where each case is explained), both from a
 * file and from a buffer; and the tables they change load: base.json, of
 * format_version 1, and base-v2.json, the same in format 2 with every key
 * format 2 added. One test per table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BAD "tests/runtime/bad"

static void test_base_loads(void **state)
{
    (void)state;
    pathway_error err;
    pathway_table *t = pathway_table_load_file("tests/runtime/base.json", 0, &err);
    if (!t)
        fail_msg("base.json: %s", err.message);
    assert_int_equal(err.code, PATHWAY_OK);
    assert_string_equal(err.message, "");
    assert_int_equal(pathway_table_node_count(t), 6);
    pathway_table_free(t);
}

/* Format 2's keys, read back; and the same table without them, in format
 * 1, reads them as absent. */
static void test_base_v2_loads(void **state)
{
    (void)state;
    pathway_error err;
    pathway_table *t = pathway_table_load_file("tests/runtime/base-v2.json", 0, &err);
    if (!t)
        fail_msg("base-v2.json: %s", err.message);
    const pathway_info *in = pathway_table_info(t);
    assert_int_equal(in->format_version, 2);
    assert_string_equal(in->approved_by, "The Board");
    assert_string_equal(in->approved_on, "2025-01-31");
    assert_string_equal(in->area, "Hertfordshire");
    assert_string_equal(in->topic, "Exploitation");
    assert_string_equal(in->summary, "Use this when you are worried.");
    assert_string_equal(in->source.text, "Manual");
    assert_int_equal(in->nsources, 2);
    assert_string_equal(in->sources[0].text, "Manual");
    assert_null(in->sources[0].url);
    assert_string_equal(in->sources[1].text, "Guide");
    assert_string_equal(in->sources[1].url, "https://example.org/guide");
    assert_false(in->no_emergency_route);
    assert_null(in->emergency_route_text);
    assert_int_equal(in->ntbc, 1);
    assert_string_equal(in->tbc[0], "The phone number");
    assert_string_equal(pathway_table_stage(t, 0)->tbc[0], "Who leads it");
    assert_int_equal(pathway_table_contact(t, 0)->ntbc, 0);
    assert_null(pathway_table_contact(t, 0)->tbc);
    assert_int_equal(pathway_table_contact(t, 1)->ntbc, 2);
    assert_string_equal(pathway_table_contact(t, 1)->tbc[1], "Its phone number");
    assert_string_equal(pathway_table_form(t, 0)->tbc[0], "Which version");
    const pathway_node *talk = pathway_table_node(t, 1);
    assert_int_equal(talk->ntbc, 1);
    assert_string_equal(talk->tbc[0], "How soon");
    assert_int_equal(talk->consent.rule, PATHWAY_CONSENT_NOT_STATED);
    assert_string_equal(pathway_consent_name(talk->consent.rule), "not-stated");
    assert_null(talk->by_text);
    const pathway_node *dash = pathway_table_node(t, 2);
    assert_null(dash->answers[0].label);
    assert_string_equal(dash->answers[1].label, "High risk");
    assert_null(pathway_table_node(t, 5)->by);
    assert_string_equal(pathway_table_node(t, 5)->by_text, "The chair of the meeting");
    /* nested criteria, an outcome that goes on, a together */
    const pathway_node *tick = pathway_table_node(t, 3);
    assert_int_equal(tick->ncriteria, 3);
    assert_string_equal(tick->criteria_ids[2], "2.2");
    assert_string_equal(tick->criteria[2], "Three");
    assert_int_equal(tick->ncriteria_items, 2);
    assert_int_equal(tick->criteria_items[1].mode, PATHWAY_CRITERIA_ALL_OF);
    const pathway_node *both = pathway_table_find_node(t, "both");
    assert_ptr_equal(pathway_table_node(t, 4)->next, both);
    assert_int_equal(both->kind, PATHWAY_TOGETHER);
    assert_int_equal(both->nsteps, 2);
    assert_ptr_equal(both->steps[1]->in, both);
    assert_ptr_equal(pathway_table_find_replacement(t, "old_b2"), both->steps[1]);
    pathway_table_free(t);

    t = pathway_table_load_file("tests/runtime/base.json", 0, &err);
    assert_non_null(t);
    in = pathway_table_info(t);
    assert_int_equal(in->format_version, 1);
    assert_null(in->approved_by);
    assert_null(in->area);
    assert_int_equal(in->ntbc, 0);
    assert_null(in->tbc);
    assert_int_equal(pathway_table_stage(t, 0)->ntbc, 0);
    assert_int_equal(pathway_table_node(t, 1)->consent.rule, PATHWAY_CONSENT_NEEDED);
    assert_null(pathway_table_node(t, 2)->answers[1].label);
    assert_null(pathway_table_node(t, 5)->by_text);
    assert_string_equal(pathway_table_node(t, 3)->criteria_ids[1], "2");
    assert_null(pathway_table_node(t, 4)->next);
    pathway_table_free(t);
}

/* *state: the path of one bad table. */
static void test_refused(void **state)
{
    const char *json = *state;
    char expected_path[512];
    snprintf(expected_path, sizeof expected_path, "%.*s.expected",
             (int)(strlen(json) - strlen(".json")), json);
    char *expected = read_text(expected_path, NULL);
    char *message = strchr(expected, '\n');
    assert_non_null(message);
    *message++ = '\0';
    message[strcspn(message, "\n")] = '\0';

    pathway_error err;
    pathway_table *t = pathway_table_load_file(json, PATHWAY_LOAD_DEFAULT, &err);
    assert_null(t);
    assert_string_equal(pathway_code_name(err.code), expected);
    assert_string_equal(err.message, message);
    /* the message is "where: what", where is a prefix of it */
    assert_memory_equal(err.message, err.where, strlen(err.where));

    size_t n;
    char *text = read_text(json, &n);
    pathway_error err2;
    assert_null(pathway_table_load_buffer(text, n, PATHWAY_LOAD_DEFAULT, &err2));
    assert_int_equal(err2.code, err.code);
    assert_string_equal(err2.message, err.message);
    free(text);
    free(expected);
}

/* Format 3's hash does not depend on the order of keys: the same table
 * with its keys sorted and shuffled (and keys whose order differs between
 * UTF-8 and UTF-16) loads, with one hash. */
static void test_base_v3_loads(void **state)
{
    (void)state;
    pathway_error err;
    pathway_table *sorted = pathway_table_load_file("tests/runtime/base-v3.json", 0, &err);
    if (!sorted)
        fail_msg("base-v3.json: %s", err.message);
    pathway_table *shuffled =
        pathway_table_load_file("tests/runtime/base-v3-shuffled.json", 0, &err);
    if (!shuffled)
        fail_msg("base-v3-shuffled.json: %s", err.message);
    const pathway_info *a = pathway_table_info(sorted), *b = pathway_table_info(shuffled);
    assert_int_equal(a->format_version, 3);
    assert_string_equal(a->content_hash, b->content_hash);
    assert_string_equal(a->area, "Hertfordshire");
    assert_int_equal(pathway_table_node_count(sorted), pathway_table_node_count(shuffled));
    pathway_table_free(sorted);
    pathway_table_free(shuffled);
}

int main(void)
{
    glob_t g;
    if (glob(BAD "/*.json", 0, NULL, &g) != 0 || g.gl_pathc < 30) {
        fprintf(stderr, "test_bad: fewer than 30 tables in " BAD "\n");
        return 1;
    }
    size_t n = g.gl_pathc + 3;
    struct CMUnitTest *tests = calloc(n, sizeof *tests);
    tests[0] = (struct CMUnitTest)cmocka_unit_test(test_base_loads);
    tests[1] = (struct CMUnitTest)cmocka_unit_test(test_base_v2_loads);
    tests[2] = (struct CMUnitTest)cmocka_unit_test(test_base_v3_loads);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *base = strrchr(g.gl_pathv[i], '/') + 1;
        tests[i + 3] = (struct CMUnitTest){.name = base, .test_func = test_refused,
                                           .initial_state = g.gl_pathv[i]};
    }
    int failed = _cmocka_run_group_tests("bad tables", tests, n, NULL, NULL);
    free(tests);
    globfree(&g);
    return failed;
}
