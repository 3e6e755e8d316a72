/* layout_budget — whether a pathway's diagram can be laid out in
 * reasonable time, decided before Graphviz is asked.
 *
 * Graphviz's dot layout (2.42) slows down steeply with the number of
 * "virtual nodes" it adds where an edge spans several ranks: a chain of
 * 100 questions that each also lead to one shared outcome takes minutes
 * (bench/RESULTS.md). The estimate here is deterministic — the same
 * pathway is always drawn or always refused, on any machine — and linear
 * in the size of the graph. */
#ifndef PW_LAYOUT_BUDGET_H
#define PW_LAYOUT_BUDGET_H

#include "model/graph.h"

#include <stdbool.h>
#include <stddef.h>

enum {
    PW_LAYOUT_MAX_NODES = 1500,   /* nodes of one pathway */
    PW_LAYOUT_MAX_VIRTUAL = 3000, /* estimated virtual nodes */
    PW_LAYOUT_MAX_TEXT = 200000,  /* bytes of text in labels */
};

/* The estimate: ranks by longest path over the graph without its back
 * edges (those that close a loop), and for each edge (`next`, answers,
 * `also`) the ranks it spans, doubled as dot doubles ranks when edges
 * are labelled. Borrows g. */
size_t pw_layout_virtual_nodes(const pw_graph *g);

/* The bytes of text the diagram's labels draw: the pathway's title and
 * version, why it has no emergency route, and every stage's and node's
 * title, answer and band label, contact name and phone, and `also` (its
 * pathway's title and why); and the key's list of what is to be confirmed
 * (every `tbc`, a contact's and form's after its title). Graphviz measures
 * and places every line of it: a 15 MiB title takes a minute and a
 * gigabyte to lay out. Borrows g. */
size_t pw_layout_label_bytes(const pw_graph *g);

/* True when g is within the three limits. Otherwise false, with a one-line
 * reason in why (whysize bytes, terminated when whysize > 0). */
bool pw_layout_fits(const pw_graph *g, char *why, size_t whysize);

#endif
