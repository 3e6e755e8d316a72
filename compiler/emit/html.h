/* html — the checklist: one pathway as a self-contained HTML page a
 * practitioner can follow, print and tick off; and the index page that
 * lists the pathways of a build.
 *
 * What is on the page, and the ids and classes scripts and tests rely on,
 * are in docs/checklist.md. The page is built from the graph alone (never
 * the AST); its style sheet and script are compiler/assets/checklist.css
 * and checklist.js, built in (assets.h). The same graph, options and
 * diagram always give the same bytes. */
#ifndef PW_EMIT_HTML_H
#define PW_EMIT_HTML_H

#include "model/graph.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct pw_html_options {
    const char *hash; /* the content hash of g's table ("sha256:...", from
                       * the table the build wrote, pw_emit_table_hashed,
                       * or pw_table_hash): the page shows it and the
                       * saved ticks are kept by it. Required. Borrowed. */
    pw_date today;    /* review dates before it are shown as overdue
                       * (year 0: nothing is) */
    const char *svg;  /* the pathway's diagram as SVG (pw_emit_diagram),
                       * shown inline; NULL for none. Borrowed. */
    size_t svg_len;
    bool svg_file;    /* the build writes that diagram beside the page as
                       * ID.svg: the inline diagram links to it, to open
                       * it full size */
    const char *const *siblings; /* ids of the pathways whose checklists
                                  * this build writes beside this one:
                                  * `also` links to those only. Borrowed. */
    size_t nsiblings;
} pw_html_options;

/* Writes the checklist of g to out. g must be a graph that resolved and
 * checked without errors; one with a link that did not resolve is refused
 * (pw_graph_links_resolved), like pw_emit_table. Borrows everything; out is neither flushed nor
 * closed. The page is built whole before anything is written. Returns true
 * on success; on failure false with a one-line message in err (errsize
 * bytes, terminated when errsize > 0). Prints nothing itself. */
bool pw_emit_html(const pw_graph *g, const pw_html_options *o, FILE *out,
                  char *err, size_t errsize);

/* Writes index.html for the n graphs gs, grouped by area, then topic
 * (a level of headings for each that some pathway gives; those without
 * one last, under a heading that says so), then by title: each
 * pathway's title (linked to ID.html), summary, owner, version, review
 * date (overdue marked against today), status, and links to ID.EXT for
 * each of the nexts extensions in exts (the other outputs of the build,
 * e.g. "svg", "json"). The order depends on the graphs alone, not on
 * theirs in gs. Borrows everything. Returns false, with a message in err,
 * when writing failed. */
bool pw_emit_index(const pw_graph *const *gs, size_t n, const char *const *exts,
                   size_t nexts, pw_date today, FILE *out, char *err,
                   size_t errsize);

#endif
