/* scenario — the tests policy authors write for their own pathways.
 *
 * A scenario walks the graph from its start: at a step it goes on to
 * `next`; at a question it takes the scenario's next answer, which must be
 * for that question (a score picks the band that holds it); at an outcome
 * it stops. It passes when it stops at the expected outcome, having passed
 * every `through` node and used every answer. These are the walk
 * semantics of libpathway's walks (runtime/): a change to one is a change
 * to both.
 *
 * An assertion holds over every path of the graph, not one walk; each is
 * decided by one breadth-first search, linear in nodes and edges, and a
 * failing one comes with the shortest counter-example. */
#ifndef PW_SCENARIO_H
#define PW_SCENARIO_H

#include "model/graph.h"

#include <stdbool.h>

/* What a run found: a message when it failed, and the path it took (for a
 * scenario) or a counter-example (for an assertion). Owned by the caller:
 * free with pw_result_free. */
typedef struct pw_result {
    bool passed;
    char *message;   /* why it failed; NULL when it passed */
    pw_loc at;       /* where to report it */
    int *path;       /* node indexes */
    size_t npath;
} pw_result;

void pw_result_free(pw_result *r);

/* Runs scenario i of g. */
void pw_scenario_run(const pw_graph *g, size_t i, pw_result *r);

/* Decides assertion i of g. */
void pw_assert_check(const pw_graph *g, size_t i, pw_result *r);

/* Assertion i as one line, "assert every path to O passes N"; owned by
 * the caller. */
char *pw_assert_text(const pw_graph *g, size_t i);

/* "risk -> notice -> refer": a path for messages; owned by the caller. */
char *pw_path_text(const pw_graph *g, const int *path, size_t n);

/* Which nodes and answers a set of scenario runs visited: coverage for
 * `pathwayc test --coverage`. visited_node has g->nnodes entries;
 * visited_answer[i] has g->nodes[i].nanswers entries. Only what a walk
 * passes counts: a node that only an `also` offers is covered by a
 * scenario `from` it. Owned by the caller: free with pw_coverage_free. */
typedef struct pw_coverage {
    bool *visited_node;
    bool **visited_answer;
    size_t nnodes;
} pw_coverage;

void pw_coverage_init(pw_coverage *c, const pw_graph *g);
/* Marks what scenario i's walk visits. */
void pw_coverage_add(pw_coverage *c, const pw_graph *g, size_t i);
void pw_coverage_free(pw_coverage *c);

#endif
