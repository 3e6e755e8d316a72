/* Unit tests for the diagnostic sink and its two formats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/diag.h"
#include "support/suggest.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char text[] = "step a \"A\" {\n"
                           "    next updat_records\n"
                           "}\n"
                           "\tstep \"\xC3\xA9t\xC3\xA9\" x\n";

static char *print(pw_diag *d, pw_diag_format fmt, bool colour)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    pw_diag_print(d, f, fmt, colour);
    pw_diag_print_summary(d, f, colour);
    fclose(f);
    return buf;
}

/* Where word first occurs in s, or -1. */
static long offset_of(const char *s, const char *word)
{
    size_t n = strlen(word);
    for (long i = 0; s[i]; i++)
        if (strncmp(s + i, word, n) == 0)
            return i;
    return -1;
}

static void test_text_with_caret_note_and_help(void **state)
{
    (void)state;
    pw_source *src = pw_source_from_memory("p.pathway", text, sizeof text - 1);
    pw_diag *d = pw_diag_new();
    pw_diagnostic *g = pw_diag_error(d, "E0203", src, (pw_span){22, 35},
                                     "unknown node '%s'", "updat_records");
    pw_diag_note(g, src, (pw_span){5, 6}, "in step '%s'", "a");
    pw_diag_help(g, "did you mean '%s'?", "update_records");
    char *out = print(d, PW_DIAG_TEXT, false);
    assert_string_equal(out,
                        "p.pathway:2:10: error[E0203]: unknown node 'updat_records'\n"
                        "    2 |     next updat_records\n"
                        "      |          ^~~~~~~~~~~~~\n"
                        "p.pathway:1:6: note: in step 'a'\n"
                        "    1 | step a \"A\" {\n"
                        "      |      ^\n"
                        "      = help: did you mean 'update_records'?\n"
                        "1 error\n");
    free(out);
    pw_diag_free(d);
    pw_source_free(src);
}

static void test_caret_after_tab_and_wide_text(void **state)
{
    (void)state;
    pw_source *src = pw_source_from_memory("p.pathway", text, sizeof text - 1);
    pw_diag *d = pw_diag_new();
    /* "x" on line 4, after a tab and a string with two 2-byte letters */
    const char *x = strrchr(text, 'x');
    uint32_t at = (uint32_t)(x - text);
    pw_diag_warning(d, "W0001", "unused", src, (pw_span){at, at + 1}, "w");
    char *out = print(d, PW_DIAG_TEXT, false);
    assert_string_equal(out, "p.pathway:4:13: warning[W0001]: w [-Wunused]\n"
                             "    4 | \tstep \"\xC3\xA9t\xC3\xA9\" x\n"
                             "      | \t           ^\n"
                             "1 warning\n");
    free(out);
    pw_diag_free(d);
    pw_source_free(src);
}

static void test_sorted_by_place_and_counted(void **state)
{
    (void)state;
    pw_source *src = pw_source_from_memory("p.pathway", text, sizeof text - 1);
    pw_diag *d = pw_diag_new();
    pw_diag_error(d, "E2", src, (pw_span){22, 26}, "second");
    pw_diag_warning(d, "W1", "unused", src, (pw_span){0, 4}, "first");
    pw_diag_error(d, "E3", src, (pw_span){22, 26}, "third");
    assert_int_equal(pw_diag_error_count(d), 2);
    assert_int_equal(pw_diag_warning_count(d), 1);
    char *out = print(d, PW_DIAG_TEXT, false);
    long first = offset_of(out, "first"), second = offset_of(out, "second"),
         third = offset_of(out, "third");
    assert_true(first >= 0);
    assert_true(first < second && second < third);
    assert_non_null(strstr(out, "\n2 errors, 1 warning\n"));
    free(out);
    /* printing forgets the diagnostics but keeps the counts */
    out = print(d, PW_DIAG_TEXT, false);
    assert_string_equal(out, "2 errors, 1 warning\n");
    free(out);
    pw_diag_free(d);
    pw_source_free(src);
}

static void test_no_summary_when_clean(void **state)
{
    (void)state;
    pw_diag *d = pw_diag_new();
    char *out = print(d, PW_DIAG_TEXT, false);
    assert_string_equal(out, "");
    free(out);
    pw_diag_free(d);
}

static void test_json_lines(void **state)
{
    (void)state;
    pw_source *src = pw_source_from_memory("p.pathway", text, sizeof text - 1);
    pw_diag *d = pw_diag_new();
    pw_diagnostic *g = pw_diag_warning(d, "W0301", "unused", src, (pw_span){22, 35},
                                       "quote \" and \\ kept");
    pw_diag_note(g, src, (pw_span){5, 6}, "here");
    pw_diag_info(g, "no place");
    pw_diag_help(g, "h");
    pw_diag_error(d, "E1", src, (pw_span){0, 4}, "e");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    pw_diag_print(d, f, PW_DIAG_JSON, false);
    fclose(f);
    /* two lines, each a JSON object */
    char *nl = strchr(buf, '\n');
    assert_non_null(nl);
    *nl = '\0';
    json_error_t err;
    json_t *first = json_loads(buf, 0, &err);
    json_t *second = json_loads(nl + 1, 0, &err);
    assert_non_null(first);
    assert_non_null(second);
    assert_string_equal(json_string_value(json_object_get(first, "code")), "E1");
    assert_string_equal(json_string_value(json_object_get(second, "severity")),
                        "warning");
    assert_string_equal(json_string_value(json_object_get(second, "name")), "unused");
    assert_string_equal(json_string_value(json_object_get(second, "message")),
                        "quote \" and \\ kept");
    assert_int_equal(json_integer_value(json_object_get(second, "line")), 2);
    assert_int_equal(json_integer_value(json_object_get(second, "column")), 10);
    assert_int_equal(json_integer_value(json_object_get(second, "end_column")), 23);
    json_t *notes = json_object_get(second, "notes");
    assert_int_equal(json_array_size(notes), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(notes, 0), "line")),
                     1);
    assert_null(json_object_get(json_array_get(notes, 1), "line"));
    assert_string_equal(json_string_value(json_object_get(second, "help")), "h");
    json_decref(first);
    json_decref(second);
    free(buf);
    pw_diag_free(d);
    pw_source_free(src);
}

static void test_colour_only_when_asked(void **state)
{
    (void)state;
    pw_source *src = pw_source_from_memory("p.pathway", text, sizeof text - 1);
    pw_diag *d = pw_diag_new();
    pw_diag_error(d, "E1", src, (pw_span){0, 4}, "e");
    char *out = print(d, PW_DIAG_TEXT, true);
    assert_non_null(strstr(out, "\033[1;31merror"));
    free(out);
    pw_diag_error(d, "E1", src, (pw_span){0, 4}, "e");
    out = print(d, PW_DIAG_TEXT, false);
    assert_null(strchr(out, '\033'));
    free(out);
    pw_diag_free(d);
    pw_source_free(src);
}

static void test_disable_and_werror(void **state)
{
    (void)state;
    pw_source *src = pw_source_from_memory("p.pathway", text, sizeof text - 1);
    pw_diag *d = pw_diag_new();
    assert_true(pw_diag_disable(d, "unused"));
    assert_false(pw_diag_disable(d, "no-such-warning"));
    assert_null(pw_diag_warning(d, "W1", "unused", src, (pw_span){0, 4}, "w"));
    pw_diag_set_werror(d, true);
    pw_diag_warning(d, "W2", "metadata", src, (pw_span){0, 4}, "m");
    assert_int_equal(pw_diag_error_count(d), 1);
    assert_int_equal(pw_diag_warning_count(d), 0);
    char *out = print(d, PW_DIAG_TEXT, false);
    assert_non_null(strstr(out, "p.pathway:1:1: error[W2]: m [--werror, -Wmetadata]\n"));
    free(out);
    pw_diag_free(d);
    pw_source_free(src);
}

static void test_span_at_end_of_file(void **state)
{
    (void)state;
    pw_source *src = pw_source_from_memory("p.pathway", "step", 4);
    pw_diag *d = pw_diag_new();
    pw_diag_error(d, "E0100", src, (pw_span){4, 4}, "expected a name");
    char *out = print(d, PW_DIAG_TEXT, false);
    assert_string_equal(out, "p.pathway:1:5: error[E0100]: expected a name\n"
                             "    1 | step\n"
                             "      |     ^\n"
                             "1 error\n");
    free(out);
    pw_diag_free(d);
    pw_source_free(src);
}

/* 100 errors and 100 warnings of a file are kept; the rest are counted,
 * NULL is returned for them, and the text says how many were left out. */
static void test_a_hundred_of_each_kept(void **state)
{
    (void)state;
    pw_source *src = pw_source_from_memory("p.pathway", "step", 4);
    pw_source *other = pw_source_from_memory("q.pathway", "step", 4);
    pw_diag *d = pw_diag_new();
    for (int i = 0; i < 150; i++) {
        pw_diagnostic *g = pw_diag_error(d, "E0100", src, (pw_span){0, 4}, "e%d", i);
        assert_true((g != NULL) == (i < 100));
        pw_diag_help(g, "help"); /* NULL is fine */
    }
    for (int i = 0; i < 101; i++)
        pw_diag_warning(d, "W0001", "unreachable", src, (pw_span){0, 4}, "w%d", i);
    assert_non_null(pw_diag_error(d, "E0100", other, (pw_span){0, 4}, "other"));
    assert_int_equal(pw_diag_error_count(d), 151);
    assert_int_equal(pw_diag_warning_count(d), 101);
    char *out = print(d, PW_DIAG_TEXT, false);
    assert_non_null(strstr(out, "p.pathway: note: 50 more errors and 1 more warning "
                                "not shown: the first 100 errors and 100 warnings "
                                "of a file are shown\n"));
    assert_null(strstr(out, "q.pathway: note:"));
    assert_null(strstr(out, "e100"));
    assert_non_null(strstr(out, "151 errors, 101 warnings\n"));
    free(out);
    /* a print starts the count again */
    assert_non_null(pw_diag_error(d, "E0100", src, (pw_span){0, 4}, "again"));
    pw_diag_free(d);
    pw_source_free(src);
    pw_source_free(other);
}

/* A line over 160 columns is shown cut down to the 160 around the span,
 * with '…' where it was cut, and the caret still under the span. */
static void test_long_line_cut_down(void **state)
{
    (void)state;
    char line[1001];
    memset(line, 'x', 1000);
    line[1000] = '\0';
    memcpy(line + 500, "next", 4);
    pw_source *src = pw_source_from_memory("p.pathway", line, 1000);
    pw_diag *d = pw_diag_new();
    pw_diag_error(d, "E0100", src, (pw_span){500, 504}, "here");
    char *out = print(d, PW_DIAG_TEXT, false);
    char want[1024];
    snprintf(want, sizeof want,
             "p.pathway:1:501: error[E0100]: here\n"
             "    1 | \xE2\x80\xA6%.60snext%.96s\xE2\x80\xA6\n"
             "      | %61s^~~~\n"
             "1 error\n",
             line, line, "");
    assert_string_equal(out, want);
    free(out);
    /* at the end of the line: the last 160 columns, no '…' after */
    pw_diag_error(d, "E0100", src, (pw_span){1000, 1000}, "end");
    out = print(d, PW_DIAG_TEXT, false);
    snprintf(want, sizeof want,
             "p.pathway:1:1001: error[E0100]: end\n"
             "    1 | \xE2\x80\xA6%.160s\n"
             "      | %161s^\n"
             "2 errors\n",
             line, "");
    assert_string_equal(out, want);
    free(out);
    pw_diag_free(d);
    pw_source_free(src);
}

static void test_suggestions(void **state)
{
    (void)state;
    const char *names[] = {"update_records", "notice", "next", NULL};
    assert_string_equal(pw_suggest_from("updat_records", names), "update_records");
    assert_string_equal(pw_suggest_from("nxet", names), "next"); /* a swap */
    assert_null(pw_suggest_from("completely_different", names));
    assert_null(pw_suggest_from("next", names)); /* itself is no suggestion */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_with_caret_note_and_help),
        cmocka_unit_test(test_caret_after_tab_and_wide_text),
        cmocka_unit_test(test_sorted_by_place_and_counted),
        cmocka_unit_test(test_no_summary_when_clean),
        cmocka_unit_test(test_json_lines),
        cmocka_unit_test(test_colour_only_when_asked),
        cmocka_unit_test(test_disable_and_werror),
        cmocka_unit_test(test_span_at_end_of_file),
        cmocka_unit_test(test_a_hundred_of_each_kept),
        cmocka_unit_test(test_long_line_cut_down),
        cmocka_unit_test(test_suggestions),
    };
    return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
