/* layout_plan — which of a pathway's arrows the diagram draws as arrows,
 * and which as connectors, decided before Graphviz lays it out.
 *
 * Graphviz's dot layout slows down steeply with the "virtual nodes" it
 * adds where an arrow spans many rows, and such arrows are what make a
 * big chart unreadable: in safeguarding every stage asks "is anyone in
 * immediate danger?", and each "yes" is an arrow across the whole chart
 * to one "Call 999". Flowchart practice draws a connector instead: a
 * small box beside the question, "Go to 12. Call 999", styled as its
 * target and linked to it; the target is drawn once, where its main
 * route ends (docs/diagrams.md).
 *
 * The rule (docs/diagrams.md, "The rule"). Each node's main route is
 * the arrow that first reaches it in a breadth-first walk from the start.
 * Rows are estimated as dot ranks them: a node's row is the longest path
 * to it over the arrows kept, leaving out those that close a loop (a
 * depth-first search from the start marks them). An arrow that is not its
 * target's main route becomes a connector when it spans more than
 * max_span rows, or pushes its target more than max_span rows below the
 * main route's tail; rows are estimated again until nothing changes.
 * max_span is PW_PLAN_MAX_SPAN_READABLE, unless the arrows left would
 * still make the layout expensive (or the rounds do not settle); then it
 * is 1: only arrows one breadth-first row down stay arrows, and none
 * spans more than one row. `also` arrows (to a node or to another
 * pathway) are arrows too. */
#ifndef PW_LAYOUT_PLAN_H
#define PW_LAYOUT_PLAN_H

#include "model/graph.h"

#include <stdbool.h>
#include <stddef.h>

enum {
    /* An arrow spanning more rows than this to a node other arrows lead
     * to is drawn to a connector: two rows is an arrow the eye follows
     * past one box; beyond it, arrows cross boxes and each other. */
    PW_PLAN_MAX_SPAN_READABLE = 2,
    /* Estimated virtual nodes above which every arrow but a node's main
     * one becomes a connector when it spans more than one row. */
    PW_PLAN_MAX_VIRTUAL = 1500,
};

/* An arrow of node i: its `next` (slot 0), its answer k (slot 1 + k), or
 * its `also` k (slot 1 + nanswers + k); slots of arrows that do not
 * exist (no next, an answer that did not resolve) are never connectors. */
typedef struct pw_layout_plan {
    size_t *first;      /* node i's slots are first[i] .. first[i + 1] - 1 */
    bool *connector;    /* per slot: drawn to a connector */
    size_t nconnectors;
    int max_span;       /* the rule's max_span, as decided */
    size_t virtual_nodes; /* estimated for the arrows drawn as arrows */
    int deepest;        /* a node on the last row of the pathway, or -1 */
} pw_layout_plan;

/* Decides g's plan; free it with pw_layout_plan_free. Borrows g. */
void pw_layout_plan_make(const pw_graph *g, pw_layout_plan *p);
void pw_layout_plan_free(pw_layout_plan *p);

static inline bool pw_plan_next(const pw_layout_plan *p, size_t i)
{
    return p->connector[p->first[i]];
}

static inline bool pw_plan_answer(const pw_layout_plan *p, size_t i, size_t k)
{
    return p->connector[p->first[i] + 1 + k];
}

static inline bool pw_plan_also(const pw_layout_plan *p, const pw_graph *g, size_t i,
                                size_t k)
{
    return p->connector[p->first[i] + 1 + g->nodes[i].nanswers + k];
}

#endif
