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

static pathway_code give(pathway_walk *w, const pathway_node *q, const char *a)
{
    if (strncmp(a, "ticked:", 7) == 0) {
        bool ticked[16] = {false};
        for (const char *p = a + 7; *p; p++)
            if (*p >= '1' && *p <= '9')
                ticked[*p - '1'] = true;
        return pathway_walk_criteria(w, ticked, q->ncriteria, NULL);
    }
    if (q->scored)
        return pathway_walk_score(w, atoi(a), NULL);
    return pathway_walk_answer(w, a, NULL);
}

pathway_code walk_on(pathway_walk *w, const char *const *answers, size_t n)
{
    size_t k = 0;
    while (!pathway_walk_finished(w)) {
        const pathway_node *cur = pathway_walk_current(w);
        pathway_code c;
        if (cur->kind == PATHWAY_STEP)
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
