/* swap-after-realpath — an LD_PRELOAD library for tests/safety/import-race:
 * the race of an import with a rename, made to happen every time.
 *
 * PW_SWAP_ON=SUFFIX PW_SWAP='FROM>TO;FROM>TO' LD_PRELOAD=.../swap-after-realpath.so
 *
 * The first realpath() of a path ending in SUFFIX returns what it finds,
 * then renames each FROM to TO, in order, before the program goes on: a
 * program that checks the canonical path and then opens the name again
 * opens what the renames put there. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef char *realpath_fn(const char *, char *);

static int swapped;

static void swap(void)
{
    const char *spec = getenv("PW_SWAP");
    char *list = spec ? strdup(spec) : NULL;
    char *save = NULL;
    for (char *pair = list ? strtok_r(list, ";", &save) : NULL; pair;
         pair = strtok_r(NULL, ";", &save)) {
        char *to = strchr(pair, '>');
        if (!to)
            continue;
        *to++ = '\0';
        if (rename(pair, to) != 0)
            perror("swap-after-realpath: rename");
    }
    free(list);
}

char *realpath(const char *path, char *resolved)
{
    realpath_fn *real = (realpath_fn *)(void (*)(void))dlsym(RTLD_NEXT, "realpath");
    char *r = real(path, resolved);
    const char *on = getenv("PW_SWAP_ON");
    size_t n = strlen(path), k = on ? strlen(on) : 0;
    if (!swapped && on && k && n >= k && strcmp(path + n - k, on) == 0) {
        swapped = 1;
        swap();
    }
    return r;
}
