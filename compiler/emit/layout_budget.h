/* layout_budget — whether a pathway's diagram can be laid out in
 * reasonable time, decided before Graphviz is asked.
 *
 * Graphviz's dot layout (2.42) slows down steeply with the number of
 * "virtual nodes" it adds where an arrow spans several rows; the layout
 * plan (layout_plan.h) draws such arrows to connectors, so what is left
 * is the size of the drawing itself: its boxes (nodes and connectors)
 * and the text of its labels. The estimate is deterministic — the same
 * pathway is always drawn or always refused, on any machine — and linear
 * in the size of the graph. */
#ifndef PW_LAYOUT_BUDGET_H
#define PW_LAYOUT_BUDGET_H

#include "model/graph.h"

#include <stdbool.h>
#include <stddef.h>

enum {
    PW_LAYOUT_MAX_NODES = 2500,  /* nodes of one pathway */
    PW_LAYOUT_MAX_BOXES = 6000,  /* nodes and connectors drawn */
    PW_LAYOUT_MAX_TEXT = 200000, /* bytes of text in labels */
};

/* The bytes of text the diagram's labels draw: the pathway's title and
 * version, why it has no emergency route, and every stage's and node's
 * title, answer and band label, contact name and phone, and `also` (its
 * pathway's title and why); and the key's list of what is to be confirmed
 * (every `tbc`, a contact's and form's after its title). Graphviz measures
 * and places every line of it: a 15 MiB title takes a minute and a
 * gigabyte to lay out. Borrows g. */
size_t pw_layout_label_bytes(const pw_graph *g);

/* True when g is within the three limits. Otherwise false, with a
 * one-line reason in why (whysize bytes, terminated when whysize > 0).
 * A connector's label is short (a number and a title cut at 48 bytes):
 * the limit on boxes bounds their text, which is not counted again. */
bool pw_layout_fits(const pw_graph *g, char *why, size_t whysize);

#endif
