/* sanitizer-canary heap|signed|leak|clean — a program broken on purpose,
 * built with the flags of the ASan+UBSan build (the Makefile's SAN), to
 * show what a sanitizer report looks like from outside: heap writes one
 * byte past an allocation (ASan), signed adds past INT_MAX (UBSan), leak
 * loses an allocation (LeakSanitizer), clean does nothing wrong. Under
 * ASAN_ENV each report must end the program with the sanitizers' exit
 * status, which is none of pathwayc's own (tests/sanitizer-exit).
 * The faults depend on argc, so that the compiler cannot see them coming
 * and warn, or fold them away. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int sink;

static int heap_overflow(int past)
{
    char *p = malloc(8);
    if (!p)
        return 2;
    /* Through a volatile pointer, so that UBSan's object-size check (gcc)
     * does not know the size and leaves the write to ASan. */
    char *volatile v = p;
    v[7 + past] = 1; /* past is 1: the byte after the 8 allocated */
    sink = v[0];
    free(p);
    return 0;
}

static int signed_overflow(int past)
{
    volatile int big = INT_MAX;
    int sum = big + past; /* past is 1: INT_MAX + 1 */
    sink = sum;
    return 0;
}

static int leak(int size)
{
    char *p = malloc((size_t)size * 32);
    if (!p)
        return 2;
    memset(p, 1, (size_t)size * 32);
    sink = p[0];
    p = NULL; /* the only pointer to it, gone */
    return 0;
}

int main(int argc, char **argv)
{
    int one = argc - 1; /* 1 with the one argument */
    if (argc != 2) {
        fprintf(stderr, "usage: sanitizer-canary heap|signed|leak|clean\n");
        return 2;
    }
    if (strcmp(argv[1], "heap") == 0)
        return heap_overflow(one);
    if (strcmp(argv[1], "signed") == 0)
        return signed_overflow(one);
    if (strcmp(argv[1], "leak") == 0)
        return leak(one);
    if (strcmp(argv[1], "clean") == 0)
        return 0;
    fprintf(stderr, "sanitizer-canary: unknown fault '%s'\n", argv[1]);
    return 2;
}
