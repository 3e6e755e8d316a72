/* dot — the pathway as a diagram: DOT, SVG or PNG.
 *
 * Built from the resolved graph with Graphviz's cgraph and laid out and
 * rendered in-process with gvc (dot layout); nothing is run in a shell.
 * This is the only file of the compiler that includes Graphviz (its
 * headers define node_t, MIN, TRUE ... for everyone who includes them). */
#ifndef PW_EMIT_DOT_H
#define PW_EMIT_DOT_H

#include "model/graph.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    PW_DIAGRAM_DOT, /* DOT without layout (cgraph's agwrite): stable text,
                     * the same on every machine, for golden tests */
    PW_DIAGRAM_SVG, /* laid out with dot; coordinates depend on fonts */
    PW_DIAGRAM_PNG,
} pw_diagram_format;

/* Draws g in format f. Every node is a Graphviz node named by its id; in
 * SVG its group has id "node-ID" and its tooltip the node's full text.
 * Stages are clusters "cluster_stage_ID" (SVG id "stage-ID"); answers,
 * `next` and `also` edges have SVG ids "answer-Q.A" (a band: "answer-Q.LO-HI"),
 * "next-ID" and "also-ID.N". Nodes marked duplicate are left out, and so
 * are edges to targets that did not resolve. When checklist is not NULL
 * (the file name of the pathway's checklist, written beside the drawing),
 * every node's box links to its step there: "CHECKLIST#item-ID".
 * A question's criteria are a note under it ("criteria-ID", joined by
 * the edge "criteria-of-ID"); an arrow drawn to a connector (layout_plan.h)
 * ends at a node "connector-ID.K" that links to its target ("#node-ID",
 * "#together-ID" or "#other-pathway-ID").
 *
 * On success returns true, with *data (malloc'd, owned by the caller, not
 * NUL-terminated for PNG; DOT and SVG have a NUL after *len bytes) and
 * *len set; err (when errsize > 0) holds Graphviz's warnings, or "" when
 * there were none. On failure returns false with *data NULL, *len 0 and
 * Graphviz's error message in err.
 *
 * The same graph gives byte-identical DOT and SVG. SVG and PNG share one
 * Graphviz context for the whole process (a context per call is not safe
 * with Graphviz 2.42: see emit/dot.c); Graphviz's error handler is
 * process-wide too, so calls must not run in two threads at once. */
bool pw_emit_diagram(const pw_graph *g, pw_diagram_format f, const char *checklist,
                     char **data, size_t *len, char *err, size_t errsize);

/* Draws g as SVG, PNG or both from one layout: *svg and *png (each
 * skipped when its pointer is NULL) as pw_emit_diagram gives them. On
 * failure both are NULL and err says why. */
bool pw_emit_drawings(const pw_graph *g, const char *checklist, char **svg,
                      size_t *svg_len, char **png, size_t *png_len, char *err,
                      size_t errsize);

/* Frees the shared Graphviz context. Call it once, when no more diagrams
 * will be drawn (before exit, so that leak checkers see nothing of ours);
 * a later pw_emit_diagram would make a new context, which Graphviz 2.42
 * does not survive safely. Harmless when no diagram was drawn. */
void pw_diagram_release(void);

#endif
