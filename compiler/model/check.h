/* check — what the compiler catches before a pathway reaches a
 * practitioner: every error and warning of LANGUAGE.md "What the compiler
 * checks" that needs the resolved graph (docs/diagnostics.md lists them
 * with their codes). Every pass over the graph is linear in its nodes and
 * edges and uses no recursion, so a 100,000-node chain or loop is safe. */
#ifndef PW_CHECK_H
#define PW_CHECK_H

#include "support/diag.h"
#include "model/graph.h"

typedef struct pw_check_options {
    pw_date today; /* for review-overdue */
} pw_check_options;

/* Checks one pathway's graph: structure (steps without next, questions'
 * answers, score bands, outcomes' kinds), nodes that cannot reach an
 * outcome, unreachable nodes, and the domain warnings. */
void pw_check_graph(const pw_graph *g, pw_diag *d, const pw_check_options *o);

/* Checks what the whole program declared: unused contacts, roles and forms,
 * contacts verified over a year ago, emails that look like a person's. */
void pw_check_declared(const pw_declared *decl, pw_diag *d,
                       const pw_check_options *o);

#endif
