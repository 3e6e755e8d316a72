/* testing — the policy authors' tests of a pathway run as `check`, `test`
 * and `build` run them, and what came of them said: a line each for
 * `test`, each failure an error in the sink (E0401 for a scenario, E0402
 * for an assertion, with its walk or counter-example), and, for `test
 * --coverage`, what no scenario visits. The tests themselves (the walk,
 * the assertions' searches, coverage) are scenario.h's. */
#ifndef PW_TESTING_H
#define PW_TESTING_H

#include "model/graph.h"
#include "support/diag.h"

#include <stdio.h>

/* How many tests passed and failed, added to by each run. */
typedef struct pw_tally {
    size_t passed, failed;
} pw_tally;

/* Runs every scenario of g, then every assertion, in source order; adds
 * each to t and reports each failure to diag. With lines not NULL,
 * writes "ok   ID: scenario "NAME"" or "FAIL ID: assert ..." for each to
 * it. Borrows everything. */
void pw_testing_run(const pw_graph *g, pw_diag *diag, FILE *lines, pw_tally *t);

/* Writes what the scenarios of g do not visit to out: "coverage ID: N of M
 * nodes, K of L answers", then a line for each node not visited and each
 * answer (or score band) not taken, with its file and line. */
void pw_testing_coverage(const pw_graph *g, FILE *out);

#endif
