/* idmap — ids to things in O(1): linear probing over a power-of-two table
 * kept at most half full, hashed with 64-bit FNV-1a. Why not hsearch_r:
 * see share.h (pathwayc's name tables are made of it too). A key and its value share a slot, so a probe of a large
 * map (a 100,000-node table's is 4 MB) is one cache miss, not two. */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    /* FNV's low bits mix poorly for keys that differ only at the end;
     * a final avalanche (from MurmurHash3) spreads them. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    return h;
}

bool pwrt_idmap_init(pwrt_idmap *m, size_t n)
{
    size_t cap = 16;
    while (cap / 2 < n) {
        if (cap > SIZE_MAX / 4 / sizeof *m->slots)
            return false;
        cap *= 2;
    }
    m->slots = calloc(cap, sizeof *m->slots);
    m->mask = m->slots ? cap - 1 : 0;
    return m->slots != NULL;
}

void pwrt_idmap_free(pwrt_idmap *m)
{
    free(m->slots);
    m->slots = NULL;
    m->mask = 0;
}

/* The slot that holds key, or the empty slot where it would go. */
static pwrt_idmap_slot *slot(const pwrt_idmap *m, const char *key)
{
    size_t i = (size_t)hash(key) & m->mask;
    while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
        i = (i + 1) & m->mask;
    return &m->slots[i];
}

const void *pwrt_idmap_add(pwrt_idmap *m, const char *key, const void *value)
{
    pwrt_idmap_slot *s = slot(m, key);
    if (s->key)
        return s->value;
    s->key = key;
    s->value = value;
    return NULL;
}

const void *pwrt_idmap_get(const pwrt_idmap *m, const char *key)
{
    if (!m->slots || !key)
        return NULL;
    const pwrt_idmap_slot *s = slot(m, key);
    return s->key ? s->value : NULL;
}
