/* support — see support.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *read_text(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot read %s", path);
    size_t cap = 4096, len = 0, got;
    char *s = malloc(cap);
    while (s && (got = fread(s + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len < 2)
            s = realloc(s, cap *= 2);
    }
    fclose(f);
    assert_non_null(s);
    s[len] = '\0';
    if (n)
        *n = len;
    return s;
}

pathway_table *load_table(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", TABLES, name);
    pathway_error err;
    pathway_table *t = pathway_table_load_file(path, PATHWAY_LOAD_DEFAULT, &err);
    if (!t)
        fail_msg("%s: %s", path, err.message);
    return t;
}

static int64_t tick(void *ctx)
{
    test_clock *c = ctx;
    if (c->next == 0)
        c->next = TEST_CLOCK_START;
    int64_t t = c->next;
    c->next += 60;
    return t;
}

pathway_clock clock_of(test_clock *c)
{
    return (pathway_clock){tick, c};
}

/* "ticked:1,2.1" at question q: the criteria of those ids. */
static pathway_code tick_ids(pathway_walk *w, const pathway_node *q, const char *list)
{
    bool ticked[64] = {false};
    assert_true(q->ncriteria <= 64);
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ","), k = 0;
        while (k < q->ncriteria && !(strlen(q->criteria_ids[k]) == n &&
                                     strncmp(q->criteria_ids[k], p, n) == 0))
            k++;
        if (k == q->ncriteria)
            fail_msg("question '%s' has no criterion '%.*s'", q->id, (int)n, p);
        ticked[k] = true;
        p += n + (p[n] == ',');
    }
    return pathway_walk_criteria(w, ticked, q->ncriteria, NULL);
}

static pathway_code give(pathway_walk *w, const pathway_node *q, const char *a)
{
    if (strncmp(a, "ticked:", 7) == 0)
        return tick_ids(w, q, a + 7);
    if (q->scored)
        return pathway_walk_score(w, atoi(a), NULL);
    return pathway_walk_answer(w, a, NULL);
}

/* Each step of together g done, in order, then on. */
static pathway_code together(pathway_walk *w, const pathway_node *g)
{
    for (size_t i = 0; i < g->nsteps; i++) {
        pathway_code c = pathway_walk_done(w, g->steps[i]->id, NULL);
        if (c != PATHWAY_OK)
            return c;
    }
    return pathway_walk_next(w, NULL);
}

pathway_code walk_on(pathway_walk *w, const char *const *answers, size_t n)
{
    size_t k = 0;
    while (!pathway_walk_finished(w)) {
        const pathway_node *cur = pathway_walk_current(w);
        pathway_code c;
        if (cur->kind == PATHWAY_TOGETHER)
            c = together(w, cur);
        else if (cur->kind != PATHWAY_QUESTION) /* a step, an outcome that goes on */
            c = pathway_walk_next(w, NULL);
        else if (k < n)
            c = give(w, cur, answers[k++]);
        else
            return PATHWAY_E_ARGUMENT;
        if (c != PATHWAY_OK)
            return c;
    }
    return k == n ? PATHWAY_OK : PATHWAY_E_ARGUMENT;
}
