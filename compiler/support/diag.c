#define _POSIX_C_SOURCE 200809L
#include "support/diag.h"

#include "support/arena.h"
#include "support/text.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct note {
    const pw_source *src; /* NULL for a note without a place */
    pw_span span;
    char *msg;
} note;

struct pw_diagnostic {
    pw_severity severity;
    const char *code;
    const char *name; /* warnings only */
    const pw_source *src;
    pw_span span;
    char *msg;
    char *help;
    char *fix;      /* the replacement of fix_span; NULL: no fix */
    pw_span fix_span;
    note *notes;
    size_t nnotes;
    size_t seq;  /* report order, to keep the sort stable */
    size_t file; /* order of the file's first report */
};

/* At most this many errors, and as many warnings, are kept for one file;
 * the rest are only counted. A hostile file (100,000 stray characters, or
 * unterminated texts) would otherwise print a diagnostic, source line and
 * all, for each: output without bound, and time with the square of the
 * line's length. A hundred is more than anyone reads before fixing the
 * first. */
enum { MAX_KEPT = 100 };

/* What one file was told since the last print, by severity (pw_severity).
 * Forgotten at each print: a source may be freed after its diagnostics are
 * printed (fmt prints each file's), and another allocated where it was. */
typedef struct file_tally {
    const pw_source *src;
    size_t kept[2], dropped[2];
} file_tally;

struct pw_diag {
    pw_diagnostic **list;
    size_t n, cap;
    size_t errors, warnings, seq;
    size_t tbc; /* items still to be confirmed (pw_diag_count_tbc) */
    bool werror;
    char **disabled;
    size_t ndisabled;
    file_tally *files;
    size_t nfiles;
};

/* Every warning's -Wno-NAME name; LANGUAGE.md "What the compiler checks". */
static const char *const warning_names[] = {
    "unreachable", "unused",          "review-overdue",
    "metadata",    "no-emergency-exit", "immediate-contact",
    "consent",     "personal-contact",  "no-record",
    "tbc",         "duplicate-criterion", "by-text-role",
    "criterion-split", "do-when",   "joined-text",
};

pw_diag *pw_diag_new(void)
{
    return pw_xcalloc(1, sizeof(pw_diag));
}

static void free_diagnostic(pw_diagnostic *g)
{
    for (size_t i = 0; i < g->nnotes; i++)
        free(g->notes[i].msg);
    free(g->notes);
    free(g->msg);
    free(g->help);
    free(g->fix);
    free(g);
}

static void clear(pw_diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        free_diagnostic(d->list[i]);
    d->n = 0;
}

void pw_diag_free(pw_diag *d)
{
    if (!d)
        return;
    clear(d);
    free(d->list);
    for (size_t i = 0; i < d->ndisabled; i++)
        free(d->disabled[i]);
    free(d->disabled);
    free(d->files);
    free(d);
}

void pw_diag_no_warnings(pw_diag *d)
{
    for (size_t i = 0; i < sizeof warning_names / sizeof *warning_names; i++)
        pw_diag_disable(d, warning_names[i]);
}

bool pw_diag_disable(pw_diag *d, const char *name)
{
    for (size_t i = 0; i < sizeof warning_names / sizeof *warning_names; i++) {
        if (strcmp(warning_names[i], name) != 0)
            continue;
        d->disabled = pw_xrealloc(d->disabled, d->ndisabled + 1, sizeof(char *));
        d->disabled[d->ndisabled++] = pw_xstrdup(name);
        return true;
    }
    return false;
}

bool pw_diag_enable(pw_diag *d, const char *name)
{
    bool known = false;
    for (size_t i = 0; i < sizeof warning_names / sizeof *warning_names; i++)
        known |= strcmp(warning_names[i], name) == 0;
    for (size_t i = 0; i < d->ndisabled; i++)
        if (strcmp(d->disabled[i], name) == 0)
            d->disabled[i][0] = '\0'; /* no name matches "" */
    return known;
}

void pw_diag_set_werror(pw_diag *d, bool on)
{
    d->werror = on;
}

static bool disabled(const pw_diag *d, const char *name)
{
    for (size_t i = 0; i < d->ndisabled; i++)
        if (strcmp(d->disabled[i], name) == 0)
            return true;
    return false;
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *s = pw_xcalloc((size_t)n + 1, 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

/* The order of src's first report, so files print in a stable order. */
static size_t file_order(const pw_diag *d, const pw_source *src)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->list[i]->src == src)
            return d->list[i]->file;
    return d->seq;
}

static file_tally *tally_of(pw_diag *d, const pw_source *src)
{
    for (size_t i = 0; i < d->nfiles; i++)
        if (d->files[i].src == src)
            return &d->files[i];
    d->files = pw_xrealloc(d->files, d->nfiles + 1, sizeof *d->files);
    d->files[d->nfiles] = (file_tally){.src = src};
    return &d->files[d->nfiles++];
}

/* Counts the diagnostic; NULL when it is one too many for its file (it is
 * counted, not kept). */
static pw_diagnostic *add(pw_diag *d, pw_severity sev, const char *code,
                          const char *name, const pw_source *src, pw_span span,
                          const char *fmt, va_list ap)
{
    if (sev == PW_ERROR)
        d->errors++;
    else
        d->warnings++;
    file_tally *t = tally_of(d, src);
    if (t->kept[sev] == MAX_KEPT) {
        t->dropped[sev]++;
        return NULL;
    }
    t->kept[sev]++;
    pw_diagnostic *g = pw_xcalloc(1, sizeof *g);
    g->severity = sev;
    g->code = code;
    g->name = name;
    g->src = src;
    g->span = span;
    g->msg = vformat(fmt, ap);
    g->file = file_order(d, src);
    g->seq = d->seq++;
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 16;
        d->list = pw_xrealloc(d->list, d->cap, sizeof *d->list);
    }
    d->list[d->n++] = g;
    return g;
}

pw_diagnostic *pw_diag_error(pw_diag *d, const char *code, const pw_source *src,
                             pw_span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pw_diagnostic *g = add(d, PW_ERROR, code, NULL, src, span, fmt, ap);
    va_end(ap);
    return g;
}

pw_diagnostic *pw_diag_warning(pw_diag *d, const char *code, const char *name,
                               const pw_source *src, pw_span span,
                               const char *fmt, ...)
{
    if (disabled(d, name))
        return NULL;
    va_list ap;
    va_start(ap, fmt);
    pw_diagnostic *g = add(d, d->werror ? PW_ERROR : PW_WARNING, code, name, src,
                           span, fmt, ap);
    va_end(ap);
    return g;
}

static void add_note(pw_diagnostic *g, const pw_source *src, pw_span span,
                     char *msg)
{
    g->notes = pw_xrealloc(g->notes, g->nnotes + 1, sizeof *g->notes);
    g->notes[g->nnotes++] = (note){src, span, msg};
}

void pw_diag_note(pw_diagnostic *g, const pw_source *src, pw_span span,
                  const char *fmt, ...)
{
    if (!g)
        return;
    va_list ap;
    va_start(ap, fmt);
    add_note(g, src, span, vformat(fmt, ap));
    va_end(ap);
}

void pw_diag_info(pw_diagnostic *g, const char *fmt, ...)
{
    if (!g)
        return;
    va_list ap;
    va_start(ap, fmt);
    add_note(g, NULL, (pw_span){0, 0}, vformat(fmt, ap));
    va_end(ap);
}

void pw_diag_help(pw_diagnostic *g, const char *fmt, ...)
{
    if (!g)
        return;
    va_list ap;
    va_start(ap, fmt);
    free(g->help);
    g->help = vformat(fmt, ap);
    va_end(ap);
}

void pw_diag_fix(pw_diagnostic *g, pw_span span, const char *replacement)
{
    if (!g)
        return;
    free(g->fix);
    g->fix = pw_xstrdup(replacement);
    g->fix_span = span;
}

size_t pw_diag_error_count(const pw_diag *d)
{
    return d->errors;
}

size_t pw_diag_warning_count(const pw_diag *d)
{
    return d->warnings;
}

static int by_place(const void *pa, const void *pb)
{
    const pw_diagnostic *a = *(pw_diagnostic *const *)pa;
    const pw_diagnostic *b = *(pw_diagnostic *const *)pb;
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    if (a->span.begin != b->span.begin)
        return a->span.begin < b->span.begin ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void sort(pw_diag *d)
{
    if (d->n > 1)
        qsort(d->list, d->n, sizeof *d->list, by_place);
}

size_t pw_diag_count(pw_diag *d)
{
    sort(d);
    return d->n;
}

const pw_diagnostic *pw_diag_at(pw_diag *d, size_t i)
{
    return i < d->n ? d->list[i] : NULL;
}

pw_severity pw_diagnostic_severity(const pw_diagnostic *g) { return g->severity; }
const char *pw_diagnostic_code(const pw_diagnostic *g) { return g->code; }
const char *pw_diagnostic_name(const pw_diagnostic *g) { return g->name; }
const pw_source *pw_diagnostic_source(const pw_diagnostic *g) { return g->src; }
pw_span pw_diagnostic_span(const pw_diagnostic *g) { return g->span; }
const char *pw_diagnostic_message(const pw_diagnostic *g) { return g->msg; }
const char *pw_diagnostic_help(const pw_diagnostic *g) { return g->help; }
size_t pw_diagnostic_note_count(const pw_diagnostic *g) { return g->nnotes; }

const char *pw_diagnostic_note(const pw_diagnostic *g, size_t i,
                               const pw_source **src, pw_span *span)
{
    *src = g->notes[i].src;
    *span = g->notes[i].span;
    return g->notes[i].msg;
}

bool pw_diagnostic_fix(const pw_diagnostic *g, pw_span *span,
                       const char **replacement)
{
    if (!g->fix)
        return false;
    *span = g->fix_span;
    *replacement = g->fix;
    return true;
}

/* ---- text output ------------------------------------------------------ */

typedef struct style {
    const char *error, *warning, *note, *help, *bold, *gutter, *reset;
} style;

static const style plain = {"", "", "", "", "", "", ""};
static const style ansi = {"\033[1;31m", "\033[1;35m", "\033[1;36m",
                           "\033[1;32m", "\033[1m",    "\033[1;34m",
                           "\033[0m"};

static unsigned digits(unsigned n)
{
    unsigned k = 1;
    while (n >= 10) {
        n /= 10;
        k++;
    }
    return k;
}

static size_t codepoints(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

/* Writes a source line with its control characters (but tab) shown as
 * their Unicode control pictures, one column each, so that a raw CR or
 * escape byte in the input neither garbles the terminal nor shifts the
 * caret (text.h: PW_VISIBLE_PICTURES). */
static void write_visible(FILE *out, const char *s, size_t n)
{
    pw_write_visible(out, s, n, PW_VISIBLE_PICTURES);
}

/* s as text.h shows text from data, in b (emptied first): every part of a
 * diagnostic comes from data, or may (a name, a title, a file name). */
static const char *shown(pw_text_buf *b, const char *s)
{
    pw_tb_truncate(b, 0);
    pw_tb_add_visible(b, s, strlen(s), 0);
    return pw_tb_str(b);
}

/* A line longer than this many columns is shown cut down to this many,
 * from a little before the span: a 16 MiB line then costs one screenful,
 * not 16 MiB a diagnostic. */
enum { SHOWN_COLUMNS = 160, COLUMNS_BEFORE = 60 };

/* The byte offset of code point k (from 0) of s[0..n), or n. */
static size_t byte_of(const char *s, size_t n, size_t k)
{
    size_t i = 0, cp = 0;
    for (; i < n; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;
        if (cp++ == k)
            break;
    }
    return i;
}

/* The source line of span's start, and under it a caret at the start and
 * '~' to the end of the span (or of the line, for a span that goes on).
 * Of a long line, columns first..last are shown, with '…' for the rest. */
static void print_excerpt(FILE *out, const pw_source *src, pw_span span,
                          int width, const char *mark, const style *st)
{
    unsigned line, col, eline, ecol;
    pw_source_position(src, span.begin, &line, &col);
    pw_source_position(src, span.end, &eline, &ecol);
    size_t len;
    const char *text = pw_source_line(src, line, &len);
    size_t ncols = codepoints(text, len), first = 1, last = ncols;
    if (ncols > SHOWN_COLUMNS) {
        first = col > COLUMNS_BEFORE ? col - COLUMNS_BEFORE : 1;
        if (first + SHOWN_COLUMNS - 1 > ncols)
            first = ncols - SHOWN_COLUMNS + 1;
        last = first + SHOWN_COLUMNS - 1;
    }
    size_t b = byte_of(text, len, first - 1), e = byte_of(text, len, last);
    fprintf(out, "%s%*u |%s", st->gutter, width, line, st->reset);
    if (len) {
        fputs(first > 1 ? " \xE2\x80\xA6" : " ", out); /* U+2026 */
        write_visible(out, text + b, e - b);
        if (last < ncols)
            fputs("\xE2\x80\xA6", out);
    }
    fputc('\n', out);
    fprintf(out, "%s%*s |%s ", st->gutter, width, "", st->reset);
    if (first > 1)
        fputc(' ', out);
    /* Keep tabs, so the caret lines up under a tab-indented line. */
    size_t cp = first - 1;
    for (size_t i = b; i < len && cp + 1 < col; i++) {
        if (((unsigned char)text[i] & 0xC0) == 0x80)
            continue;
        fputc(text[i] == '\t' ? '\t' : ' ', out);
        cp++;
    }
    size_t end = eline == line ? ecol : ncols + 1;
    if (end > last + 1)
        end = last + 1;
    size_t n = end > col ? end - col : 1;
    fprintf(out, "%s^", mark);
    for (size_t i = 1; i < n; i++)
        fputc('~', out);
    fprintf(out, "%s\n", st->reset);
}

static void print_text(FILE *out, const pw_diagnostic *g, const style *st)
{
    unsigned maxline = 0;
    unsigned line, col;
    pw_source_position(g->src, g->span.begin, &line, &col);
    maxline = line;
    for (size_t i = 0; i < g->nnotes; i++) {
        unsigned l, c;
        if (!g->notes[i].src)
            continue;
        pw_source_position(g->notes[i].src, g->notes[i].span.begin, &l, &c);
        if (l > maxline)
            maxline = l;
    }
    int width = (int)(digits(maxline) + 1 > 5 ? digits(maxline) + 1 : 5);
    bool err = g->severity == PW_ERROR;
    const char *colour = err ? st->error : st->warning;
    /* A warning names the option that silences it, as gcc does; one made
     * an error by --werror says so. */
    char tag[64] = "";
    if (g->name)
        snprintf(tag, sizeof tag, " [%s-W%s]", err ? "--werror, " : "", g->name);
    pw_text_buf name = {0}, msg = {0};
    fprintf(out, "%s%s:%u:%u: %s%s[%s]%s: %s%s%s\n", st->bold,
            shown(&name, g->src->name), line, col, colour, err ? "error" : "warning",
            g->code, st->reset, st->bold, shown(&msg, g->msg), tag);
    fputs(st->reset, out);
    print_excerpt(out, g->src, g->span, width, colour, st);
    for (size_t i = 0; i < g->nnotes; i++) {
        const note *n = &g->notes[i];
        if (!n->src) {
            fprintf(out, "%*s %s=%s %snote:%s %s\n", width, "", st->gutter,
                    st->reset, st->bold, st->reset, shown(&msg, n->msg));
            continue;
        }
        unsigned l, c;
        pw_source_position(n->src, n->span.begin, &l, &c);
        fprintf(out, "%s%s:%u:%u: %snote:%s %s\n", st->bold, shown(&name, n->src->name),
                l, c, st->note, st->reset, shown(&msg, n->msg));
        print_excerpt(out, n->src, n->span, width, st->note, st);
    }
    if (g->help)
        fprintf(out, "%*s %s=%s %shelp:%s %s\n", width, "", st->gutter,
                st->reset, st->help, st->reset, shown(&msg, g->help));
    pw_tb_free(&name);
    pw_tb_free(&msg);
}

/* ---- JSON output ------------------------------------------------------ */

static json_t *place(const pw_source *src, pw_span span)
{
    unsigned l, c, el, ec;
    pw_source_position(src, span.begin, &l, &c);
    pw_source_position(src, span.end, &el, &ec);
    return json_pack("{s:s, s:I, s:I, s:I, s:I}", "file", src->name, "line",
                     (json_int_t)l, "column", (json_int_t)c, "end_line",
                     (json_int_t)el, "end_column", (json_int_t)ec);
}

static void print_json(FILE *out, const pw_diagnostic *g)
{
    json_t *o = place(g->src, g->span);
    json_object_set_new(o, "severity",
                        json_string(g->severity == PW_ERROR ? "error" : "warning"));
    json_object_set_new(o, "code", json_string(g->code));
    if (g->name)
        json_object_set_new(o, "name", json_string(g->name));
    json_object_set_new(o, "message", json_string(g->msg));
    json_t *notes = json_array();
    for (size_t i = 0; i < g->nnotes; i++) {
        const note *n = &g->notes[i];
        json_t *jn = n->src ? place(n->src, n->span) : json_object();
        json_object_set_new(jn, "message", json_string(n->msg));
        json_array_append_new(notes, jn);
    }
    json_object_set_new(o, "notes", notes);
    if (g->help)
        json_object_set_new(o, "help", json_string(g->help));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (s) {
        fprintf(out, "%s\n", s);
        free(s);
    }
    json_decref(o);
}

/* "FILE: note: 99900 more errors not shown; ...", for each file with
 * reports left out (MAX_KEPT). */
static void print_dropped(const pw_diag *d, FILE *out, const style *st)
{
    for (size_t i = 0; i < d->nfiles; i++) {
        const file_tally *t = &d->files[i];
        size_t e = t->dropped[PW_ERROR], w = t->dropped[PW_WARNING];
        if (!e && !w)
            continue;
        pw_text_buf name = {0};
        fprintf(out, "%s%s:%s %snote:%s ", st->bold, shown(&name, t->src->name),
                st->reset, st->note, st->reset);
        pw_tb_free(&name);
        if (e)
            fprintf(out, "%zu more error%s", e, e == 1 ? "" : "s");
        if (e && w)
            fputs(" and ", out);
        if (w)
            fprintf(out, "%zu more warning%s", w, w == 1 ? "" : "s");
        fprintf(out, " not shown: the first %d errors and %d warnings of a "
                     "file are shown\n", MAX_KEPT, MAX_KEPT);
    }
}

void pw_diag_print(pw_diag *d, FILE *out, pw_diag_format format, bool colour)
{
    sort(d);
    for (size_t i = 0; i < d->n; i++) {
        if (format == PW_DIAG_JSON)
            print_json(out, d->list[i]);
        else
            print_text(out, d->list[i], colour ? &ansi : &plain);
    }
    if (format == PW_DIAG_TEXT)
        print_dropped(d, out, colour ? &ansi : &plain);
    clear(d);
    free(d->files);
    d->files = NULL;
    d->nfiles = 0;
    fflush(out);
}

void pw_diag_count_tbc(pw_diag *d, size_t n)
{
    d->tbc += n;
}

size_t pw_diag_tbc_count(const pw_diag *d)
{
    return d->tbc;
}

void pw_diag_print_summary(const pw_diag *d, FILE *out, bool colour)
{
    const style *st = colour ? &ansi : &plain;
    if (!d->errors && !d->warnings && !d->tbc)
        return;
    fputs(st->bold, out);
    const char *sep = "";
    if (d->errors) {
        fprintf(out, "%zu error%s", d->errors, d->errors == 1 ? "" : "s");
        sep = ", ";
    }
    if (d->warnings) {
        fprintf(out, "%s%zu warning%s", sep, d->warnings, d->warnings == 1 ? "" : "s");
        sep = ", ";
    }
    if (d->tbc)
        fprintf(out, "%s%zu item%s to be confirmed", sep, d->tbc,
                d->tbc == 1 ? "" : "s");
    fprintf(out, "%s\n", st->reset);
}
