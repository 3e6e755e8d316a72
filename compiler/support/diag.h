/* diag — the one sink every diagnostic goes to.
 *
 * A diagnostic has a stable code (E… for errors, W… for warnings, with a
 * name for -Wno-NAME), a primary span with its message, any number of
 * notes pointing at other places ("first declared here"), and help text
 * telling the author what to do. The sink collects them; pw_diag_print
 * writes them in source order, as text with the source line and a caret
 * underline, or as JSON lines for editors and CI. Nothing here exits or
 * prints unless asked to. */
#ifndef PW_DIAG_H
#define PW_DIAG_H

#include "support/source.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

typedef enum { PW_ERROR, PW_WARNING } pw_severity;

typedef enum { PW_DIAG_TEXT, PW_DIAG_JSON } pw_diag_format;

typedef struct pw_diag pw_diag;
typedef struct pw_diagnostic pw_diagnostic;

/* A new sink. Owned by the caller; free with pw_diag_free. */
pw_diag *pw_diag_new(void);
void pw_diag_free(pw_diag *d);

/* -Wno-NAME: warnings of that name are dropped. Returns false for a name
 * no warning has (the caller reports the usage error). */
bool pw_diag_disable(pw_diag *d, const char *name);
/* Every warning dropped (fmt: what reading a file warns of is check's
 * to say). */
void pw_diag_no_warnings(pw_diag *d);
/* -WNAME: warnings of that name are reported again (they are by default).
 * Returns false for a name no warning has. */
bool pw_diag_enable(pw_diag *d, const char *name);
/* --werror: warnings count, and print, as errors. */
void pw_diag_set_werror(pw_diag *d, bool on);

/* Reports an error at span of src. The message is printf-formatted. The
 * returned diagnostic is owned by the sink; use it only to add notes and
 * help before the next report. src must outlive the sink's printing.
 *
 * The sink keeps the first 100 errors and the first 100 warnings of each
 * file; past those, a report is counted (pw_diag_error_count, the summary)
 * but not kept, and NULL is returned, which pw_diag_note, pw_diag_info and
 * pw_diag_help accept and ignore. The text output says how many were left
 * out. */
pw_diagnostic *pw_diag_error(pw_diag *d, const char *code, const pw_source *src,
                             pw_span span, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Reports a warning. name is its -Wno-NAME name (a string literal). Returns
 * NULL when the warning is disabled (it is not counted then), or is one too
 * many for its file (it is counted); pw_diag_note and pw_diag_help accept
 * NULL and do nothing. */
pw_diagnostic *pw_diag_warning(pw_diag *d, const char *code, const char *name,
                               const pw_source *src, pw_span span,
                               const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* A secondary place, printed with its own source line. */
void pw_diag_note(pw_diagnostic *g, const pw_source *src, pw_span span,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A note without a place ("= note: …"). */
void pw_diag_info(pw_diagnostic *g, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* What to do about it ("= help: …"). One per diagnostic; a second call
 * replaces the first. */
void pw_diag_help(pw_diagnostic *g, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A fix an editor can apply (a quick fix): the text at span of src, which
 * is the diagnostic's own source, replaced by replacement ("did you mean
 * 'X'?" gives X in place of the name written). One per diagnostic; a
 * second call replaces the first. Printed by neither output: read through
 * pw_diagnostic_fix. */
void pw_diag_fix(pw_diagnostic *g, pw_span span, const char *replacement);

size_t pw_diag_error_count(const pw_diag *d);
size_t pw_diag_warning_count(const pw_diag *d);

/* Writes every diagnostic reported since the last print, sorted by file
 * (in order of first report) and then position, and forgets them (the
 * counts stay); as text, then a note for each file with reports left out
 * since the last print. A source line over 160 columns is shown cut down
 * to the columns around the span, with '…' where it was cut. colour: ANSI
 * colours in text output. */
void pw_diag_print(pw_diag *d, FILE *out, pw_diag_format format, bool colour);

/* The diagnostics reported since the last print, for a program that is
 * not a terminal (the language server): sorted as pw_diag_print sorts
 * them, and kept until the next print or pw_diag_free. */
size_t pw_diag_count(pw_diag *d);
const pw_diagnostic *pw_diag_at(pw_diag *d, size_t i);

/* What a diagnostic says. Its severity is as printed: a warning under
 * --werror is an error. pw_diagnostic_note's src is NULL for a note
 * without a place. pw_diagnostic_fix returns false when it has none. */
pw_severity pw_diagnostic_severity(const pw_diagnostic *g);
const char *pw_diagnostic_code(const pw_diagnostic *g);
const char *pw_diagnostic_name(const pw_diagnostic *g); /* NULL for errors */
const pw_source *pw_diagnostic_source(const pw_diagnostic *g);
pw_span pw_diagnostic_span(const pw_diagnostic *g);
const char *pw_diagnostic_message(const pw_diagnostic *g);
const char *pw_diagnostic_help(const pw_diagnostic *g); /* NULL: none */
size_t pw_diagnostic_note_count(const pw_diagnostic *g);
const char *pw_diagnostic_note(const pw_diagnostic *g, size_t i,
                               const pw_source **src, pw_span *span);
bool pw_diagnostic_fix(const pw_diagnostic *g, pw_span *span,
                       const char **replacement);

/* The closing count line, "2 errors, 1 warning", for text output; nothing
 * when there were none. */
void pw_diag_print_summary(const pw_diag *d, FILE *out, bool colour);

/* The pathways checked say n more things are still to be confirmed (`tbc`):
 * not a problem, but the summary line says how many. */
void pw_diag_count_tbc(pw_diag *d, size_t n);
size_t pw_diag_tbc_count(const pw_diag *d);

#endif
