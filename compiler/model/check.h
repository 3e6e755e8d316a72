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

/* Checks the answers of question v of g: at least two (E0302), each name
 * once (E0303), yes and no for criteria (E0304), bands that fit the score
 * (E0305-E0307), yes and no in lower case (E0319). True when it reported
 * an error: construct calls it before it resolves the scenarios, and marks
 * the question (answers_wrong), so that a scenario answering it is not
 * reported as well (the error follows from this one). */
bool pw_check_answers(const pw_graph *g, const pw_gnode *v, pw_diag *d);

/* Checks what the whole program declared: unused contacts, roles and forms,
 * contacts verified over a year ago, emails that look like a person's. */
void pw_check_declared(const pw_declared *decl, pw_diag *d,
                       const pw_check_options *o);

#endif
