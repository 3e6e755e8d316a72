/* fmt — pathwayc fmt: a pathway file in its canonical layout
 * (docs/fmt.md), printed from the AST and the comments the parser kept
 * (parse.h: pw_parse_trivia), never from the text.
 *
 * The layout is a function of what the file says, not of how it was laid
 * out: formatting twice gives what formatting once gave, and the formatted
 * file compiles to the same table as the original. A file that does not
 * read cleanly is never formatted. */
#ifndef PW_FMT_H
#define PW_FMT_H

#include "support/diag.h"
#include "support/source.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Sets d to report what stops fmt and nothing else: errors, and of the
 * warnings only those about the layout fmt lays out anew, which the
 * formatted file would no longer show (joined-text: two pieces of text
 * joined with no space; criterion-split: two criteria on one line;
 * do-when: a 'when' on a 'do's line). Other warnings are check's. */
void pw_fmt_diag_setup(pw_diag *d);

/* The canonical text of src: heap, NUL-terminated, *len bytes without the
 * NUL, owned by the caller (free). NULL when src has an error of any kind
 * the reader reports (syntax, text, values), or a warning d reports (set
 * up by pw_fmt_diag_setup): those go to diag, which must not be printed
 * after src is freed. */
char *pw_fmt_source(const pw_source *src, pw_diag *diag, size_t *len);

typedef enum {
    PW_FMT_PRINT, /* the formatted text of one file on out */
    PW_FMT_WRITE, /* -w: rewrite each file that would change, atomically */
    PW_FMT_CHECK, /* --check: list on out each file that would change */
} pw_fmt_mode;

typedef struct pw_fmt_options {
    pw_fmt_mode mode;
    size_t max_bytes;         /* larger files are refused */
    pw_diag_format format;    /* how diagnostics are printed on err */
    bool colour;
} pw_fmt_options;

/* pathwayc fmt PATH...: each PATH a file, or a directory standing for
 * every *.pathway under it (recursively, sorted, hidden entries left out).
 * A file with errors is reported on err (diagnostics, then the count line)
 * and left as it is. Returns the exit status: 0 done (with --check: nothing
 * would change), 1 a file has errors (with --check: or would change), 2
 * usage or I/O trouble, reported on err. */
int pw_fmt_run(const char *const *paths, size_t npaths, const pw_fmt_options *o,
               pw_diag *diag, FILE *out, FILE *err);

#endif
