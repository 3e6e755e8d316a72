/* idmap — ids to things in O(1): linear probing over a power-of-two table
 * kept at most half full, hashed with 64-bit FNV-1a. Why not hsearch_r:
 * see internal.h. */
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
        if (cap > SIZE_MAX / 4 / sizeof(void *))
            return false;
        cap *= 2;
    }
    m->keys = calloc(cap, sizeof *m->keys);
    m->values = calloc(cap, sizeof *m->values);
    m->mask = cap - 1;
    if (!m->keys || !m->values) {
        pwrt_idmap_free(m);
        return false;
    }
    return true;
}

void pwrt_idmap_free(pwrt_idmap *m)
{
    free(m->keys);
    free(m->values);
    m->keys = NULL;
    m->values = NULL;
    m->mask = 0;
}

/* The slot that holds key, or the empty slot where it would go. */
static size_t slot(const pwrt_idmap *m, const char *key)
{
    size_t i = (size_t)hash(key) & m->mask;
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & m->mask;
    return i;
}

const void *pwrt_idmap_add(pwrt_idmap *m, const char *key, const void *value)
{
    size_t i = slot(m, key);
    if (m->keys[i])
        return m->values[i];
    m->keys[i] = key;
    m->values[i] = value;
    return NULL;
}

const void *pwrt_idmap_get(const pwrt_idmap *m, const char *key)
{
    if (!m->keys || !key)
        return NULL;
    size_t i = slot(m, key);
    return m->keys[i] ? m->values[i] : NULL;
}
