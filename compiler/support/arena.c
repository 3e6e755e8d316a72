#include "support/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_MIN = 64 * 1024, CHUNK_MAX = 8 * 1024 * 1024, ALIGN = 16 };

typedef struct chunk {
    struct chunk *prev;
    size_t size; /* usable bytes after the header */
    size_t used;
    _Alignas(16) unsigned char data[];
} chunk;

struct pw_arena {
    chunk *top;
    size_t total;
};

/* Out of memory is not an input error the caller can recover from: the
 * program says so and stops (pw_out_of_memory, arena.h), as cgraph's
 * alloc wrappers do. */
void *pw_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        pw_out_of_memory();
    return p;
}

void *pw_xrealloc(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        pw_out_of_memory();
    size_t bytes = n * size;
    void *q = realloc(p, bytes ? bytes : 1);
    if (!q)
        pw_out_of_memory();
    return q;
}

char *pw_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = pw_xcalloc(n, 1);
    memcpy(d, s, n);
    return d;
}

pw_arena *pw_arena_new(void)
{
    return pw_xcalloc(1, sizeof(pw_arena));
}

void pw_arena_free(pw_arena *a)
{
    if (!a)
        return;
    for (chunk *c = a->top; c;) {
        chunk *prev = c->prev;
        free(c);
        c = prev;
    }
    free(a);
}

/* size bytes aligned to align (a power of two, at most ALIGN). */
static void *arena_take(pw_arena *a, size_t size, size_t align)
{
    if (size > SIZE_MAX - 2 * ALIGN - sizeof(chunk))
        pw_out_of_memory();
    chunk *c = a->top;
    size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
    if (!c || at > c->size || c->size - at < size) {
        /* chunks grow with the arena (an eighth of what it holds, up to
         * CHUNK_MAX): a large program takes a few large chunks, which
         * calloc maps fresh and need no clearing, not thousands of small */
        size_t want = a->total / 8;
        if (want > CHUNK_MAX)
            want = CHUNK_MAX;
        if (want < CHUNK_MIN)
            want = CHUNK_MIN;
        if (want < size)
            want = size;
        c = pw_xcalloc(1, sizeof(chunk) + want);
        c->size = want;
        c->prev = a->top;
        a->top = c;
        at = 0;
    }
    void *p = c->data + at;
    a->total += at + size - c->used;
    c->used = at + size;
    return p; /* chunks come zeroed from calloc and are never reused */
}

void *pw_arena_alloc(pw_arena *a, size_t size)
{
    return arena_take(a, size, ALIGN);
}

char *pw_arena_strndup(pw_arena *a, const char *s, size_t n)
{
    char *d = arena_take(a, n + 1, 1); /* text needs no alignment: packed */
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *pw_arena_strdup(pw_arena *a, const char *s)
{
    return pw_arena_strndup(a, s, strlen(s));
}

size_t pw_arena_used(const pw_arena *a)
{
    return a->total;
}
