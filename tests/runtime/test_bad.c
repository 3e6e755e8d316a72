/* Every malformed table in tests/runtime/bad/ is refused, with the code
 * and the exact message in the .expected file beside it (written by
 * tests/runtime/make-bad.py, where each case is explained), both from a
 * file and from a buffer; and base.json, which they all change, loads.
 * One test per table. */
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

int main(void)
{
    glob_t g;
    if (glob(BAD "/*.json", 0, NULL, &g) != 0 || g.gl_pathc < 30) {
        fprintf(stderr, "test_bad: fewer than 30 tables in " BAD "\n");
        return 1;
    }
    size_t n = g.gl_pathc + 1;
    struct CMUnitTest *tests = calloc(n, sizeof *tests);
    tests[0] = (struct CMUnitTest)cmocka_unit_test(test_base_loads);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *base = strrchr(g.gl_pathv[i], '/') + 1;
        tests[i + 1] = (struct CMUnitTest){.name = base, .test_func = test_refused,
                                           .initial_state = g.gl_pathv[i]};
    }
    int failed = _cmocka_run_group_tests("bad tables", tests, n, NULL, NULL);
    free(tests);
    globfree(&g);
    return failed;
}
