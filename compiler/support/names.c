/* names — see names.h.
 *
 * The map itself is libpathway's (runtime/idmap.c), which is made for a
 * number of keys fixed in advance; this adapter counts the keys and, when
 * the table holds as many as it was sized for, moves them into a map
 * twice the size, so adding never fails and never overruns. Callers size
 * their tables exactly, so that happens only for one made with a
 * guess. */
#include "support/names.h"

#include "support/arena.h"

#include "share.h"

#include <stdlib.h>

struct pw_names {
    pwrt_idmap map;
    size_t count, capacity; /* keys held; keys the map is sized for */
};

/* A map for n keys; out of memory is reported (arena.h). */
static void make(pwrt_idmap *map, size_t n)
{
    if (!pwrt_idmap_init(map, n))
        pw_out_of_memory();
}

pw_names *pw_names_new(size_t capacity)
{
    pw_names *m = pw_xcalloc(1, sizeof *m);
    make(&m->map, capacity);
    m->capacity = capacity;
    return m;
}

void pw_names_free(pw_names *m)
{
    if (!m)
        return;
    pwrt_idmap_free(&m->map);
    free(m);
}

void *pw_names_get(pw_names *m, const char *key)
{
    /* the map keeps values const; they are the caller's own, given to add */
    return (void *)pwrt_idmap_get(&m->map, key);
}

/* Every key into a map twice as large. */
static void grow(pw_names *m)
{
    pwrt_idmap bigger;
    size_t capacity = m->capacity ? 2 * m->capacity : 8;
    if (capacity < m->capacity)
        pw_out_of_memory();
    make(&bigger, capacity);
    for (size_t i = 0; i <= m->map.mask; i++) {
        const pwrt_idmap_slot *s = &m->map.slots[i];
        if (s->key)
            pwrt_idmap_add(&bigger, s->key, s->value);
    }
    pwrt_idmap_free(&m->map);
    m->map = bigger;
    m->capacity = capacity;
}

void *pw_names_add(pw_names *m, const char *key, void *value)
{
    if (m->count == m->capacity) {
        void *old = pw_names_get(m, key);
        if (old)
            return old;
        grow(m);
    }
    const void *old = pwrt_idmap_add(&m->map, key, value);
    if (old)
        return (void *)old;
    m->count++;
    return NULL;
}
