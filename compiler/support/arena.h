/* arena — a bump allocator for things that die together, and the checked
 * heap allocation everything else uses.
 *
 * The AST of a file and every string in it live in one arena, freed in one
 * call. Allocation never fails silently: out of memory, every allocation
 * of the compiler's modules calls pw_out_of_memory, below, which reports
 * and ends the process; library code never sees a NULL. */
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
 * (out of memory, or n * size overflowing, calls pw_out_of_memory). Free
 * with free(). */
void *pw_xcalloc(size_t n, size_t size);
void *pw_xrealloc(void *p, size_t n, size_t size);
char *pw_xstrdup(const char *s);

/* Out of memory: the one place it is reported. The compiler's modules
 * call it when an allocation fails (pw_xcalloc, pw_xrealloc, arenas, name
 * tables) and never exit themselves; it does not return. The program
 * provides it, once: pathwayc in compiler/cli/main.c (it prints
 * "pathwayc: out of memory" and exits with status 2, docs/limits.md), the
 * unit tests in tests/unit/fixture.c, the fuzz harnesses in tests/fuzz/. */
_Noreturn void pw_out_of_memory(void);

#endif
