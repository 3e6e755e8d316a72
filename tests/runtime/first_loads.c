/* first_loads TABLE — four threads load the table at once, as the first
 * thing the process does with libpathway, then each walks it, saves the
 * walk and restores it. Run under helgrind (runtime/runtime.mk): what the
 * library's dependencies set up on first use (OpenSSL's digests, jansson's
 * hash seed) is set up once (pthread_once), so helgrind finds no race.
 * Exit 0 when every thread did all of it (helgrind's status is 99 when it
 * reports anything). */
#include "pathway.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { THREADS = 4 };

typedef struct job {
    const char *path;
    int ok;
} job;

static void *first_load(void *arg)
{
    job *j = arg;
    pathway_error err;
    pathway_table *t = pathway_table_load_file(j->path, PATHWAY_LOAD_DEFAULT, &err);
    if (!t) {
        fprintf(stderr, "first_loads: %s\n", err.message);
        return NULL;
    }
    pathway_walk *w = pathway_walk_start(t, NULL, &err);
    char *saved = w ? pathway_walk_save(w, &err) : NULL;
    pathway_walk *again = saved ? pathway_walk_restore(t, saved, strlen(saved), NULL, &err)
                                : NULL;
    j->ok = again != NULL;
    if (!again)
        fprintf(stderr, "first_loads: %s\n", err.message);
    pathway_walk_free(again);
    pathway_free(saved);
    pathway_walk_free(w);
    pathway_table_free(t);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: first_loads TABLE\n");
        return 2;
    }
    pthread_t threads[THREADS];
    job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (job){argv[1], 0};
        if (pthread_create(&threads[i], NULL, first_load, &jobs[i]) != 0)
            return 2;
    }
    int ok = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        ok += jobs[i].ok;
    }
    printf("%d of %d threads loaded, walked, saved and restored the table\n", ok, THREADS);
    printf("%d passed, %d failed\n", ok == THREADS, ok != THREADS);
    return ok == THREADS ? 0 : 1;
}
