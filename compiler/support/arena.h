/* arena — a bump allocator for things that die together.
 *
 * The AST of a file and every string in it live in one arena, freed in one
 * call. Allocation never fails silently: on out-of-memory the arena calls
 * the process's out-of-memory handler (pw_oom), which reports and exits;
 * library code below main() never sees a NULL. */
#ifndef PW_ARENA_H
#define PW_ARENA_H

#include <stddef.h>

typedef struct pw_arena pw_arena;

/* A new, empty arena. Owned by the caller; free with pw_arena_free. */
pw_arena *pw_arena_new(void);

/* Frees the arena and everything allocated in it. NULL is allowed. */
void pw_arena_free(pw_arena *a);

/* size bytes, zeroed, aligned for any object. Owned by the arena. */
void *pw_arena_alloc(pw_arena *a, size_t size);

/* A NUL-terminated copy of the n bytes at s. Owned by the arena. */
char *pw_arena_strndup(pw_arena *a, const char *s, size_t n);
char *pw_arena_strdup(pw_arena *a, const char *s);

/* Bytes handed out so far (for benchmarks and limits). */
size_t pw_arena_used(const pw_arena *a);

/* Checked heap allocation for code outside arenas: zeroed, never NULL
 * (out of memory, or n * size overflowing, ends the process with a
 * message). Free with free(). */
void *pw_xcalloc(size_t n, size_t size);
void *pw_xrealloc(void *p, size_t n, size_t size);
char *pw_xstrdup(const char *s);

#endif
