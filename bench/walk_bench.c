/* walk_bench TABLE.json [REPEATS] — libpathway's speed on one table: how
 * long loading it takes (the best of REPEATS loads, hash check included),
 * and how many moves a second a walk makes, walking from the start to an
 * outcome again and again (at each question the first answer, or the
 * score range's low end; a walk that meets a node twice takes the next
 * answer there, so loops end). Prints two lines for bench/run. Uses only
 * <pathway.h>. */
#include <pathway.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One walk to an outcome; returns the number of moves, or -1. */
static long walk_once(const pathway_table *t, unsigned *seen, unsigned round)
{
    pathway_error e;
    pathway_walk *w = pathway_walk_start(t, NULL, &e);
    long moves = 0;
    while (w && !pathway_walk_finished(w)) {
        const pathway_node *n = pathway_walk_current(w);
        unsigned visits = seen[n->index] == round ? 1 : 0;
        seen[n->index] = round;
        pathway_code c;
        if (n->kind == PATHWAY_STEP)
            c = pathway_walk_next(w, &e);
        else if (n->scored)
            c = pathway_walk_score(w, n->score_min, &e);
        else
            c = pathway_walk_answer(w, n->answers[visits % n->nanswers].id, &e);
        if (c != PATHWAY_OK) {
            fprintf(stderr, "walk_bench: %s\n", e.message);
            moves = -1;
            break;
        }
        moves++;
    }
    pathway_walk_free(w);
    return w ? moves : -1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: walk_bench TABLE.json [REPEATS]\n");
        return 2;
    }
    int repeats = argc > 2 ? atoi(argv[2]) : 3;
    double best = 1e30;
    pathway_table *t = NULL;
    pathway_error e;
    for (int i = 0; i < repeats; i++) {
        pathway_table_free(t);
        double a = now();
        t = pathway_table_load_file(argv[1], PATHWAY_LOAD_DEFAULT, &e);
        double b = now();
        if (!t) {
            fprintf(stderr, "walk_bench: %s\n", e.message);
            return 1;
        }
        best = b - a < best ? b - a : best;
    }
    printf("load %.4f s\n", best);
    unsigned *seen = calloc(pathway_table_node_count(t) + 1, sizeof *seen);
    long total = 0;
    double a = now(), b = a;
    for (unsigned round = 1; b - a < 1.0; round++) {
        long m = walk_once(t, seen, round);
        if (m < 0)
            return 1;
        total += m;
        b = now();
    }
    printf("moves %.0f per second\n", (double)total / (b - a));
    free(seen);
    pathway_table_free(t);
    return 0;
}
