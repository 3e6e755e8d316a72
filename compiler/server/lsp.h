/* lsp — `pathwayc lsp`: the Language Server Protocol (3.17) over a pair of
 * streams, for editors (docs/lsp.md).
 *
 * It keeps the documents the editor has open in memory and checks each as
 * `pathwayc check` would, reading open documents in place of their files
 * (imports.h's overlay) and writing nothing to disk; an edit re-checks the
 * document and every open document that read it. It answers completion,
 * hover, definition, references, rename, code actions, formatting,
 * document symbols and folding ranges from the syntax trees (index.h).
 * Positions are in UTF-16 code units, as the protocol requires.
 *
 * One thread, one message at a time. Nothing the client sends can stop
 * it but `exit` or the end of its input: a malformed message gets a
 * protocol error and the next is read. */
#ifndef PW_LSP_H
#define PW_LSP_H

#include "support/dates.h"

#include <stdio.h>

typedef struct pw_lsp_options {
    pw_date today;          /* for review-overdue */
    const char *docs;       /* file:// address of docs/diagnostics.md, or
                             * NULL: diagnostics link to no page */
    FILE *log;              /* a line for each message, or NULL */
} pw_lsp_options;

/* Serves the client on in (a file descriptor) and out until `exit` or the
 * end of input. Returns 0 after shutdown then exit, else 1 (the
 * protocol's rule for the exit status). */
int pw_lsp_serve(int in, FILE *out, const pw_lsp_options *o);

#endif
