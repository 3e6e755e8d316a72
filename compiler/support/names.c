/* names — see names.h.
 *
 * Open addressing with linear probing over a power-of-two array at most
 * half full, hashed with 64-bit FNV-1a over the whole key. It replaced
 * glibc's hsearch_r, whose hash keeps only the last few characters of a
 * key: ids that differ early and share their end (check_with_parent_1 ...
 * check_with_parent_20000) collided, and checking 20,000 such steps took
 * 3.7 s instead of 0.16 s. */
#include "support/names.h"

#include "support/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct slot {
    const char *key; /* NULL: empty */
    void *value;
    uint64_t hash;
} slot;

struct pw_names {
    slot *slots;
    size_t mask; /* slots - 1; the number of slots is a power of two */
    size_t count, capacity;
};

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 0x100000001b3u;
    return h;
}

pw_names *pw_names_new(size_t capacity)
{
    pw_names *m = pw_xcalloc(1, sizeof *m);
    size_t n = 16;
    while (n < 2 * capacity + 1) /* at most half full: probes stay short */
        n *= 2;
    m->slots = pw_xcalloc(n, sizeof *m->slots);
    m->mask = n - 1;
    m->capacity = capacity;
    return m;
}

void pw_names_free(pw_names *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m);
}

/* The slot of key, or the empty slot where it would go. */
static slot *find(const pw_names *m, const char *key, uint64_t h)
{
    for (size_t i = (size_t)h & m->mask;; i = (i + 1) & m->mask) {
        slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
            return s;
    }
}

void *pw_names_get(pw_names *m, const char *key)
{
    slot *s = find(m, key, fnv1a(key));
    return s->key ? s->value : NULL;
}

void *pw_names_add(pw_names *m, const char *key, void *value)
{
    uint64_t h = fnv1a(key);
    slot *s = find(m, key, h);
    if (s->key)
        return s->value;
    if (m->count >= m->capacity) {
        fputs("pathwayc: internal error: name table full\n", stderr);
        abort();
    }
    *s = (slot){key, value, h};
    m->count++;
    return NULL;
}
