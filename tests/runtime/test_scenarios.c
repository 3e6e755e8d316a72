/* libpathway walks agree with the compiler's scenarios. Every scenario of
 * every pathway in the .pathway files of pathways/ (and tests/runtime/) is
 * read from the source with a small reader of its own (scenarios only;
 * nothing is added to the compiler), then walked in libpathway on the
 * table `pathwayc build` wrote: steps pass through (as do emergency
 * outcomes that go on, and togethers, each of whose steps is done), each
 * question takes the next answer (which must be for it), and the walk
 * must end at the expected outcome, having passed every `through` node
 * (a step inside a together is passed when it is done) and used every
 * answer (docs/language.md, section 5). One test per scenario; one more
 * checks the reader against prevent-scenarios.txt, prevent's scenarios
 * copied out by hand. */
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

enum { NAME = 128, MANY = 64 };

typedef struct scenario {
    char table[512];        /* the table file of its pathway */
    char pathway[NAME];
    char desc[512];
    char from[NAME];        /* "" for the start */
    char question[MANY][NAME], answer[MANY][NAME];
    size_t nanswers;
    char expect[NAME];      /* "" when any outcome will do */
    char through[MANY][NAME];
    size_t nthrough;
    char label[640];        /* "pathway: description" */
} scenario;

/* ---- reading scenarios from .pathway source ------------------------------ */

typedef enum tok { T_END, T_WORD, T_STRING, T_OPEN, T_CLOSE, T_COMMA } tok;

/* The next token from *s into text: a word (anything up to white space,
 * a brace, comma, quote or comment), a string (its raw content), a brace
 * or a comma. Comments and white space are skipped. */
static tok next_token(const char **s, char *text, size_t size)
{
    const char *p = *s;
    text[0] = '\0';
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (*p != '#')
            break;
        while (*p && *p != '\n')
            p++;
    }
    tok t = T_WORD;
    size_t n = 0;
    if (*p == '\0') {
        t = T_END;
    } else if (*p == '{' || *p == '}' || *p == ',') {
        t = *p == '{' ? T_OPEN : *p == '}' ? T_CLOSE : T_COMMA;
        p++;
    } else if (*p == '"') {
        t = T_STRING;
        for (p++; *p && *p != '"' && *p != '\n'; p++) {
            if (*p == '\\' && p[1])
                p++;
            if (n + 1 < size)
                text[n++] = *p;
        }
        if (*p == '"')
            p++;
    } else {
        while (*p && !strchr(" \t\r\n{},\"#", *p)) {
            if (n + 1 < size)
                text[n++] = *p;
            p++;
        }
    }
    if (t == T_WORD || t == T_STRING)
        text[n] = '\0';
    *s = p;
    return t;
}

/* Copies src into dst (n bytes); fails the test when it does not fit. */
static void copy(char *dst, size_t n, const char *src)
{
    size_t len = strlen(src);
    if (len >= n)
        fail_msg("too long for the test: %s", src);
    memcpy(dst, src, len + 1);
}

/* scenario STRING... [from NAME] { (answer Q A | expect O [through N, ...])* } */
static bool read_scenario(const char **s, scenario *sc)
{
    char text[512];
    tok t;
    while ((t = next_token(s, text, sizeof text)) == T_STRING)
    {
        size_t used = strlen(sc->desc);
        copy(sc->desc + used, sizeof sc->desc - used, text);
    }
    if (t == T_WORD && strcmp(text, "from") == 0) {
        next_token(s, sc->from, NAME);
        t = next_token(s, text, sizeof text);
    }
    if (t != T_OPEN)
        return false;
    const char *kw = "";
    while ((t = next_token(s, text, sizeof text)) != T_CLOSE && t != T_END) {
        if (t != T_WORD)
            continue;
        if (strcmp(text, "answer") == 0 && sc->nanswers < MANY) {
            next_token(s, sc->question[sc->nanswers], NAME);
            next_token(s, sc->answer[sc->nanswers++], NAME);
        } else if (strcmp(text, "expect") == 0) {
            next_token(s, sc->expect, NAME);
        } else if (strcmp(text, "through") == 0) {
            kw = "through";
        } else if (strcmp(kw, "through") == 0 && sc->nthrough < MANY) {
            copy(sc->through[sc->nthrough++], NAME, text);
        }
    }
    return t == T_CLOSE;
}

/* Appends the scenarios of the file at path to *list; their tables are
 * in dir. */
static void read_file_scenarios(const char *path, const char *dir, scenario **list,
                                size_t *n)
{
    char *text = read_text(path, NULL);
    const char *s = text;
    char word[512], pathway[NAME] = "";
    int depth = 0;
    tok t;
    while ((t = next_token(&s, word, sizeof word)) != T_END) {
        if (t == T_OPEN)
            depth++;
        else if (t == T_CLOSE)
            depth--;
        else if (t == T_WORD && depth == 0 && strcmp(word, "pathway") == 0)
            next_token(&s, pathway, sizeof pathway);
        else if (t == T_WORD && depth == 1 && strcmp(word, "scenario") == 0) {
            *list = realloc(*list, (*n + 1) * sizeof **list);
            scenario *sc = &(*list)[*n];
            memset(sc, 0, sizeof *sc);
            snprintf(sc->pathway, NAME, "%s", pathway);
            if (!read_scenario(&s, sc))
                fail_msg("%s: cannot read scenario \"%s\"", path, sc->desc);
            snprintf(sc->table, sizeof sc->table, "%s/%s.json", dir, pathway);
            snprintf(sc->label, sizeof sc->label, "%s: %s", pathway, sc->desc);
            ++*n;
        }
    }
    free(text);
}

static void read_all(const char *pattern, const char *dir, scenario **list, size_t *n)
{
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0)
        return;
    for (size_t i = 0; i < g.gl_pathc; i++)
        read_file_scenarios(g.gl_pathv[i], dir, list, n);
    globfree(&g);
}

/* ---- walking one in libpathway --------------------------------------------- */

/* At together g: each of its steps done, in order, then on. */
static pathway_code together(pathway_walk *w, const pathway_node *g, pathway_error *err)
{
    for (size_t i = 0; i < g->nsteps; i++) {
        pathway_code c = pathway_walk_done(w, g->steps[i]->id, err);
        if (c != PATHWAY_OK)
            return c;
    }
    return pathway_walk_next(w, err);
}

/* Whether the walk passed node `id`: a node of its path, or a step done. */
static bool passed(const pathway_walk *w, const char *id)
{
    for (size_t p = 0; p < pathway_walk_path_length(w); p++)
        if (strcmp(pathway_walk_path_node(w, p)->id, id) == 0)
            return true;
    for (size_t i = 0; i < pathway_walk_move_count(w); i++) {
        const pathway_move *m = pathway_walk_move(w, i);
        if (m->step && strcmp(m->step->id, id) == 0)
            return true;
    }
    return false;
}

static void test_scenario(void **state)
{
    const scenario *sc = *state;
    pathway_error err;
    pathway_table *t = pathway_table_load_file(sc->table, 0, &err);
    if (!t)
        fail_msg("%s: %s", sc->table, err.message);
    pathway_walk *w = sc->from[0] ? pathway_walk_start_at(t, sc->from, NULL, &err)
                                  : pathway_walk_start(t, NULL, &err);
    if (!w)
        fail_msg("%s", err.message);
    size_t k = 0;
    while (!pathway_walk_finished(w)) {
        const pathway_node *n = pathway_walk_current(w);
        pathway_code c;
        if (n->kind == PATHWAY_TOGETHER) {
            c = together(w, n, &err);
        } else if (n->kind != PATHWAY_QUESTION) { /* a step, an outcome that goes on */
            c = pathway_walk_next(w, &err);
        } else {
            if (k == sc->nanswers)
                fail_msg("the walk ran out of answers at question '%s'", n->id);
            if (strcmp(sc->question[k], n->id) != 0)
                fail_msg("the next answer is for question '%s', but the walk met '%s'",
                         sc->question[k], n->id);
            c = n->scored ? pathway_walk_score(w, atoi(sc->answer[k]), &err)
                          : pathway_walk_answer(w, sc->answer[k], &err);
            k++;
        }
        if (c != PATHWAY_OK)
            fail_msg("%s", err.message);
    }
    const char *end = pathway_walk_outcome(w)->id;
    if (sc->expect[0])
        assert_string_equal(end, sc->expect);
    assert_int_equal(k, sc->nanswers);
    for (size_t i = 0; i < sc->nthrough; i++)
        if (!passed(w, sc->through[i]))
            fail_msg("the walk did not pass '%s'", sc->through[i]);
    pathway_walk_free(w);
    pathway_table_free(t);
}

/* ---- the reader against prevent's scenarios copied out by hand ------------- */

typedef struct found {
    scenario *list;
    size_t n;
} found;

/* " | "-separated field i of line, into out. */
static void field(const char *line, int i, char *out, size_t size)
{
    for (; i > 0 && line; i--)
        line = strstr(line, " | ") ? strstr(line, " | ") + 3 : NULL;
    assert_non_null(line);
    size_t n = strcspn(line, "|\n");
    while (n && line[n - 1] == ' ')
        n--;
    snprintf(out, size, "%.*s", (int)n, line);
}

/* "a b c" into items; "-" is none. */
static size_t words(const char *s, char items[][NAME])
{
    size_t n = 0;
    char copy[1024];
    snprintf(copy, sizeof copy, "%s", s);
    char *save;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
        if (strcmp(w, "-") != 0)
            snprintf(items[n++], NAME, "%s", w);
    return n;
}

static void test_reader_matches_hand_copy(void **state)
{
    const found *all = *state;
    char *text = read_text("tests/runtime/prevent-scenarios.txt", NULL);
    size_t in_file = 0, listed = 0;
    for (size_t i = 0; i < all->n; i++)
        in_file += strcmp(all->list[i].pathway, "prevent") == 0;
    char *save;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#')
            continue;
        char pathway[NAME], desc[512], from[NAME], answers[1024], expect[NAME], through[1024];
        field(line, 0, pathway, sizeof pathway);
        field(line, 1, desc, sizeof desc);
        field(line, 2, from, sizeof from);
        field(line, 3, answers, sizeof answers);
        field(line, 4, expect, sizeof expect);
        field(line, 5, through, sizeof through);
        const scenario *sc = NULL;
        for (size_t i = 0; i < all->n && !sc; i++)
            if (strcmp(all->list[i].pathway, pathway) == 0 &&
                strcmp(all->list[i].desc, desc) == 0)
                sc = &all->list[i];
        if (!sc)
            fail_msg("pathways/prevent.pathway has no scenario \"%s\"", desc);
        listed++;
        assert_string_equal(sc->from, strcmp(from, "-") == 0 ? "" : from);
        assert_string_equal(sc->expect, expect);
        static char qa[MANY][NAME], th[MANY][NAME];
        size_t na = words(answers, qa), nt = words(through, th);
        assert_int_equal(sc->nanswers, na);
        for (size_t i = 0; i < na; i++) {
            char pair[2 * NAME + 1];
            snprintf(pair, sizeof pair, "%s=%s", sc->question[i], sc->answer[i]);
            assert_string_equal(pair, qa[i]);
        }
        assert_int_equal(sc->nthrough, nt);
        for (size_t i = 0; i < nt; i++)
            assert_string_equal(sc->through[i], th[i]);
    }
    assert_int_equal(listed, in_file);
    assert_true(listed >= 4);
    free(text);
}

int main(void)
{
    found all = {NULL, 0};
    read_all("pathways/*.pathway", TABLES "/pathways", &all.list, &all.n);
    read_all("tests/runtime/*.pathway", TABLES, &all.list, &all.n);
    struct CMUnitTest *tests = calloc(all.n + 1, sizeof *tests);
    tests[0] = (struct CMUnitTest){.name = "the reader finds prevent's scenarios",
                                   .test_func = test_reader_matches_hand_copy,
                                   .initial_state = &all};
    for (size_t i = 0; i < all.n; i++)
        tests[i + 1] = (struct CMUnitTest){.name = all.list[i].label,
                                           .test_func = test_scenario,
                                           .initial_state = &all.list[i]};
    int failed = _cmocka_run_group_tests("scenarios in libpathway", tests, all.n + 1, NULL,
                                         NULL);
    free(tests);
    free(all.list);
    return failed;
}
