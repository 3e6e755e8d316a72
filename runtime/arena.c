/* arena — the blocks a table's nodes, lists and strings live in, freed in
 * one call. Unlike the compiler's arena, running out of memory is not
 * fatal: allocation returns NULL and the loader refuses the table. */
#include "internal.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK_SIZE = 64 * 1024 };

struct pwrt_block {
    pwrt_block *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
};

#define ALIGN (alignof(max_align_t))

/* A block with room for at least size bytes: the usual size, or one of its
 * own for a large request. */
static pwrt_block *new_block(size_t size)
{
    size_t room = size > BLOCK_SIZE ? size : BLOCK_SIZE;
    if (room > SIZE_MAX - sizeof(pwrt_block))
        return NULL;
    pwrt_block *b = malloc(sizeof *b + room);
    if (!b)
        return NULL;
    b->used = 0;
    b->size = room;
    return b;
}

void *pwrt_arena_raw(pwrt_arena *a, size_t size, size_t align)
{
    if (size > SIZE_MAX - ALIGN)
        return NULL;
    pwrt_block *b = a->head;
    size_t at = b ? (b->used + align - 1) / align * align : 0;
    if (!b || at > b->size || b->size - at < size) {
        b = new_block(size);
        if (!b)
            return NULL;
        /* A big block of its own goes behind the current one, so the
         * current one's free room is not lost. */
        if (a->head && size > BLOCK_SIZE) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
        at = 0;
    }
    void *p = b->data + at;
    b->used = at + size;
    return p;
}

void *pwrt_arena_alloc(pwrt_arena *a, size_t size)
{
    if (size > SIZE_MAX - ALIGN)
        return NULL;
    size = (size + ALIGN - 1) / ALIGN * ALIGN;
    if (size == 0)
        size = ALIGN;
    void *p = pwrt_arena_raw(a, size, ALIGN);
    if (p)
        memset(p, 0, size);
    return p;
}

void *pwrt_arena_array(pwrt_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return pwrt_arena_alloc(a, n * size);
}

char *pwrt_arena_bytes(pwrt_arena *a, size_t n)
{
    return pwrt_arena_raw(a, n, 1);
}

char *pwrt_arena_strdup(pwrt_arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = pwrt_arena_alloc(a, n);
    if (p)
        memcpy(p, s, n);
    return p;
}

void pwrt_arena_free(pwrt_arena *a)
{
    pwrt_block *b = a->head;
    while (b) {
        pwrt_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
