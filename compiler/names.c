#define _GNU_SOURCE 1 /* hsearch_r */
#include "names.h"

#include "arena.h"

#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pw_names {
    struct hsearch_data h;
    size_t count, capacity;
};

pw_names *pw_names_new(size_t capacity)
{
    pw_names *m = pw_xcalloc(1, sizeof *m);
    m->capacity = capacity;
    /* Twice the names, so the table never fills (hsearch_r refuses to add
     * to a full table) and probes stay short. */
    if (!hcreate_r(2 * capacity + 16, &m->h)) {
        fputs("pathwayc: out of memory\n", stderr);
        exit(2);
    }
    return m;
}

void pw_names_free(pw_names *m)
{
    if (!m)
        return;
    hdestroy_r(&m->h);
    free(m);
}

void *pw_names_get(pw_names *m, const char *key)
{
    ENTRY e = {(char *)key, NULL}, *found = NULL;
    if (!hsearch_r(e, FIND, &found, &m->h) || !found)
        return NULL;
    return found->data;
}

void *pw_names_add(pw_names *m, const char *key, void *value)
{
    void *old = pw_names_get(m, key);
    if (old)
        return old;
    ENTRY e = {(char *)key, value}, *found = NULL;
    if (m->count >= m->capacity || !hsearch_r(e, ENTER, &found, &m->h)) {
        fputs("pathwayc: internal error: name table full\n", stderr);
        abort();
    }
    m->count++;
    return NULL;
}
