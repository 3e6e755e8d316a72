/* table — the table: one pathway as a JSON object that other tools
 * (libpathway, editors, CI) load and walk.
 *
 * The format, its fields in order and the content-hash rule are in
 * docs/table-format.md, with a JSON Schema in docs/pathway-table-3.schema.json. The
 * same graph always gives the same bytes: keys in a fixed order, no clock,
 * no addresses. The table is built from the graph alone, never the AST. */
#ifndef PW_EMIT_TABLE_H
#define PW_EMIT_TABLE_H

#include "model/graph.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Writes the table of g to out: one JSON object, two-space indent, ending
 * in a newline. g must be a graph that resolved and checked without
 * errors; one with a link that did not resolve (no start, a step without
 * `next`, an answer or `also` without a target) is refused.
 *
 * Borrows g and out (out is neither flushed nor closed). Returns true on
 * success. On failure returns false with a one-line message in err
 * (errsize bytes, terminated when errsize > 0). The table is built whole
 * before anything is written, so a refused graph writes nothing; a failed
 * write may leave part of it in out (write to a pw_output and discard it).
 * Prints nothing itself. */
bool pw_emit_table(const pw_graph *g, FILE *out, char *err, size_t errsize);

/* "sha256:" and 64 hex digits, and a NUL. */
enum { PW_TABLE_HASH_SIZE = 7 + 64 + 1 };

/* As pw_emit_table, and the content hash the table carries into hash
 * (when it is written; not NULL): for a build that writes the checklist
 * too, which shows the hash (pw_html_options). */
bool pw_emit_table_hashed(const pw_graph *g, FILE *out,
                          char hash[PW_TABLE_HASH_SIZE], char *err, size_t errsize);

/* The content hash the table of g carries ("sha256:..."), into hash. The
 * same rules as pw_emit_table: refused (false, message in err) for a graph
 * with a link that did not resolve. Prints nothing. */
bool pw_table_hash(const pw_graph *g, char hash[PW_TABLE_HASH_SIZE], char *err,
                   size_t errsize);

#endif
