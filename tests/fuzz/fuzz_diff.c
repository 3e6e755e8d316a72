/* fuzz_diff — libFuzzer harness for `pathwayc diff` (tools/diff.c): the
 * input is two .pathway files, split at its first NUL byte (without one,
 * the same file twice). Each is compiled; each clean pathway's table is
 * loaded with libpathway (a table the compiler wrote always loads) and
 * compared with the other file's pathway of the same id (else its first,
 * which diff refuses with a message), both ways and each with itself:
 *
 *   - a table compared with itself has no changes; two tables with the
 *     same content hash have none either; A to B differs when B to A does;
 *   - the text and Markdown reports hold no control character but the
 *     line breaks between their lines (text from the pathway as text.h
 *     shows it), and every line begins as the writer begins its lines,
 *     so no text from the pathway starts a line of its own; in Markdown,
 *     '<' and '>' are always escaped;
 *   - the JSON report is JSON, with one change for each of the diff's,
 *     each with its kind, what and id, and its title as the diff has it.
 *
 * A broken promise is a trap, which libFuzzer keeps as a crash. An input
 * with no pair to compare is left out of the corpus (the harness returns
 * -1): the front end's errors are fuzz_front's. Built and run by
 * tests/fuzz/fuzz.mk (docs/fuzzing.md). */
#include "support.h"

#include "tools/diff.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *report(const pw_diff *d, pw_diff_format f, size_t *len)
{
    char *buf = NULL;
    FILE *m = open_memstream(&buf, len);
    FUZZ_CHECK(m != NULL);
    FUZZ_CHECK(pw_diff_write(d, f, m));
    FUZZ_CHECK(fclose(m) == 0);
    return buf;
}

/* No control character but '\n': C0, DEL, C1 (as UTF-8). */
static void check_visible(const char *s, size_t n)
{
    FUZZ_CHECK(strlen(s) == n);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        FUZZ_CHECK(c >= 0x20 || c == '\n');
        FUZZ_CHECK(c != 0x7F);
        FUZZ_CHECK(!(c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                     (unsigned char)s[i + 1] <= 0x9F));
    }
}

static bool starts(const char *line, const char *const *prefixes)
{
    for (size_t i = 0; prefixes[i]; i++)
        if (strncmp(line, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    return false;
}

/* Every line of s after the first begins with one of prefixes, or is
 * empty. */
static void check_lines(const char *s, const char *const *prefixes)
{
    for (const char *nl = strchr(s, '\n'); nl && nl[1]; nl = strchr(nl + 1, '\n'))
        if (nl[1] != '\n' && !starts(nl + 1, prefixes)) {
            fprintf(stderr, "fuzz_diff: a line the writer did not begin: %.80s\n", nl + 1);
            FUZZ_CHECK(starts(nl + 1, prefixes));
        }
}

/* The lines a report's changes begin with (put_changes), and the line
 * that begins the text report's header. */
#define CHANGE_LINES                                                                     \
    "Added ", "Removed ", "Pathway", "Step ", "Question ", "Outcome ", "Together ",       \
        "Stage ", "Contact ", "Form ", "Role "

static void check_text(const pw_diff *d)
{
    static const char *const lines[] = {"  ", CHANGE_LINES, NULL};
    size_t n;
    char *s = report(d, PW_DIFF_TEXT, &n);
    check_visible(s, n);
    FUZZ_CHECK(s[0] == '\'');
    check_lines(s, lines);
    free(s);
}

static void check_md(const pw_diff *d)
{
    static const char *const lines[] = {"# Changes to '", "|", "## ", "- ", "  - ", "0", "1", "2",
                                        "3", "4", "5", "6", "7", "8", "9",
                                        "No differences.", "Reviewed and approved by: ",
                                        "Role: ", "Date: ", NULL};
    size_t n;
    char *s = report(d, PW_DIFF_MD, &n);
    check_visible(s, n);
    check_lines(s, lines);
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK((s[i] != '<' && s[i] != '>') || (i > 0 && s[i - 1] == '\\'));
    /* "N changes." is the one line that starts with a digit */
    for (const char *nl = strchr(s, '\n'); nl; nl = strchr(nl + 1, '\n'))
        FUZZ_CHECK(!(nl[1] >= '0' && nl[1] <= '9') || strstr(nl + 1, " change") != NULL);
    free(s);
}

static bool same_string(json_t *v, const char *s)
{
    return s ? json_is_string(v) && strcmp(json_string_value(v), s) == 0 : json_is_null(v);
}

static void check_json(const pw_diff *d)
{
    size_t n;
    char *s = report(d, PW_DIFF_JSON, &n);
    json_error_t e;
    json_t *root = json_loadb(s, n, JSON_REJECT_DUPLICATES, &e);
    FUZZ_CHECK(root != NULL);
    FUZZ_CHECK(json_is_true(json_object_get(root, "equal")) == pw_diff_equal(d));
    json_t *changes = json_object_get(root, "changes");
    FUZZ_CHECK(json_is_array(changes) && json_array_size(changes) == pw_diff_count(d));
    for (size_t i = 0; i < pw_diff_count(d); i++) {
        const pw_change *c = pw_diff_change(d, i);
        json_t *v = json_array_get(changes, i);
        FUZZ_CHECK(same_string(json_object_get(v, "kind"), c->kind));
        FUZZ_CHECK(same_string(json_object_get(v, "what"), c->what));
        FUZZ_CHECK(same_string(json_object_get(v, "id"), c->id));
        FUZZ_CHECK(same_string(json_object_get(v, "title"), c->title));
        FUZZ_CHECK(same_string(json_object_get(v, "old"), c->old_value));
        FUZZ_CHECK(same_string(json_object_get(v, "new"), c->new_value));
    }
    json_decref(root);
    free(s);
}

/* a against b: NULL when diff refuses them (not one pathway). */
static pw_diff *compare(const pathway_table *a, const pathway_table *b)
{
    char err[512] = "";
    pw_diff *d = pw_diff_tables(a, b, err, sizeof err);
    bool same_id = strcmp(pathway_table_info(a)->id, pathway_table_info(b)->id) == 0;
    FUZZ_CHECK((d != NULL) == same_id);
    if (!d) {
        FUZZ_CHECK(err[0] != '\0');
        return NULL;
    }
    FUZZ_CHECK(pw_diff_equal(d) == (pw_diff_count(d) == 0));
    FUZZ_CHECK(pw_diff_change(d, pw_diff_count(d)) == NULL);
    check_text(d);
    check_md(d);
    check_json(d);
    return d;
}

static pathway_table *load(const pw_graph *g)
{
    size_t len;
    char *json = fuzz_table_json(g, &len);
    pathway_error e;
    pathway_table *t = pathway_table_load_buffer(json, len, PATHWAY_LOAD_DEFAULT, &e);
    if (!t) {
        fprintf(stderr, "fuzz_diff: the compiler's table does not load: %s\n", e.message);
        FUZZ_CHECK(t != NULL);
    }
    free(json);
    return t;
}

static void pair(const pw_graph *ga, const pw_graph *gb)
{
    pathway_table *a = load(ga), *b = load(gb);
    pw_diff *self = compare(a, a);
    FUZZ_CHECK(self && pw_diff_equal(self));
    pw_diff_free(self);
    pw_diff *ab = compare(a, b), *ba = compare(b, a);
    FUZZ_CHECK((ab == NULL) == (ba == NULL));
    if (ab) {
        FUZZ_CHECK(pw_diff_equal(ab) == pw_diff_equal(ba));
        if (strcmp(pathway_table_info(a)->content_hash, pathway_table_info(b)->content_hash) ==
            0)
            FUZZ_CHECK(pw_diff_equal(ab));
    }
    pw_diff_free(ab);
    pw_diff_free(ba);
    pathway_table_free(a);
    pathway_table_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, '\0', size);
    size_t na = nul ? (size_t)(nul - data) : size;
    const uint8_t *b = nul ? nul + 1 : data;
    size_t nb = nul ? size - na - 1 : size;
    fuzz_compiled ca = fuzz_compile(data, na, "old.pathway");
    fuzz_compiled cb = fuzz_compile(b, nb, "new.pathway");
    size_t ga = ca.clean ? pw_program_graph_count(ca.prog) : 0;
    size_t gb = cb.clean ? pw_program_graph_count(cb.prog) : 0;
    for (size_t i = 0; i < ga && gb > 0 && i < 4; i++) {
        const pw_graph *x = pw_program_graph(ca.prog, i), *y = pw_program_graph(cb.prog, 0);
        for (size_t k = 0; k < gb; k++)
            if (strcmp(pw_program_graph(cb.prog, k)->id, x->id) == 0)
                y = pw_program_graph(cb.prog, k);
        pair(x, y);
    }
    fuzz_compiled_free(&ca);
    fuzz_compiled_free(&cb);
    return ga > 0 && gb > 0 ? 0 : -1; /* only compared pairs go into the corpus */
}
