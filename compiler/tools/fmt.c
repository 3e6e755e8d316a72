/* fmt — the canonical layout (docs/fmt.md).
 *
 * Three passes over one file:
 *   1. anchors: every declaration, field, node, answer and item of the AST
 *      becomes an anchor with its source span, in a tree that follows the
 *      blocks of the file;
 *   2. comments: each comment the parser kept is attached to an anchor, by
 *      position alone (see place());
 *   3. printing: each block's anchors in canonical order, with their
 *      comments, into lines; trailing comments are aligned last.
 * The text itself is read only for the comments, the white space before
 * them (a blank line?) and the indentation of a line a field starts on. */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700 /* realpath */
#include "tools/fmt.h"

#include "support/arena.h"
#include "front/ast.h"
#include "support/output.h"
#include "front/parse.h"
#include "support/text.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    WIDTH = 80,  /* text is wrapped to end by this column */
    STEP = 2,    /* the indentation of each level */
    KEYCOL = 10, /* a value starts at least this far from its keyword */
    FAR = 40,    /* text opening past this column goes on at a nearer one */
};

/* Where a comment goes with its anchor: on lines of their own before it
 * (lead), at the end of its head line (head), at the end of its last line
 * (tail), on lines of their own under a field's value (after), before the
 * '}' of its block (end). */
enum { S_LEAD, S_HEAD, S_TAIL, S_AFTER, S_END, NSLOTS };

typedef enum akind {
    K_ROOT, K_IMPORT, K_CONTACT, K_ROLE, K_FORM, K_PATHWAY, K_STAGE, K_NODE,
    K_SCENARIO, K_ASSERT, K_FIELD, K_CRITERIA, K_CRITERION, K_ANSWER,
    K_SANSWER, K_EXPECT,
} akind;

/* The canonical order of what a block holds: an anchor's rank. A field's
 * rank is its place in vocab.def (within its kind of declaration); items
 * (declarations, stages, nodes, scenarios, assertions) come after the
 * fields and keep their source order, as do fields of one rank. */
enum { ITEM = 1000 };

typedef struct anchor anchor;
struct anchor {
    akind kind;
    int rank;
    pw_field field;            /* a field's, and the score's */
    const void *ast;           /* what it prints: node, contact, ... */
    const void *val;           /* a field (pw_ast_field) or list item */
    uint32_t begin, end;       /* in the source, block included */
    bool block;                /* written with braces: */
    uint32_t open, close;      /* where they are */
    anchor *first, *last, *sib; /* kids, while building */
    anchor **kids;             /* kids, sorted */
    size_t nkids;
    size_t slot[NSLOTS][2];    /* first and last comment + 1; 0: none */
};

typedef struct cmt {
    pw_span span;   /* trailing white space left out */
    unsigned line, col;
    bool trailing;  /* after a token on its line */
    bool blank;     /* a blank line before it */
    size_t next;    /* the next comment in its slot + 1; 0: none */
} cmt;

typedef struct line {
    size_t start, len; /* the content, in fmt.text */
    size_t comment;    /* a trailing comment + 1; 0: none */
} line;

typedef struct fmt {
    const pw_source *src;
    const pw_trivia *tv;
    pw_arena *arena;
    cmt *cm;
    size_t ncm;
    pw_text_buf text;
    line *lines;
    size_t nlines, caplines;
} fmt;

/* How the anchors of one block are laid out. */
typedef struct ctx {
    unsigned indent;
    unsigned keycol;   /* where field values start */
    unsigned namew;    /* answers: the widest name */
    unsigned arrow;    /* the column of the aligned arrows */
    int maxlabel;      /* answers with labels this wide or less align */
} ctx;

/* ---- lines ------------------------------------------------------------ */


static void putn(fmt *f, const char *s, size_t n)
{
    pw_tb_addn(&f->text, s, n);
    f->lines[f->nlines - 1].len += n;
}

static void put(fmt *f, const char *s)
{
    putn(f, s, strlen(s));
}

static void putf(fmt *f, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void putf(fmt *f, const char *format, ...)
{
    char buf[64];
    va_list ap;
    va_start(ap, format);
    vsnprintf(buf, sizeof buf, format, ap);
    va_end(ap);
    put(f, buf);
}

static void spaces(fmt *f, unsigned n)
{
    static const char sp[] = "                                ";
    for (; n > sizeof sp - 1; n -= sizeof sp - 1)
        putn(f, sp, sizeof sp - 1);
    putn(f, sp, n);
}

static void newline(fmt *f, unsigned indent)
{
    if (f->nlines == f->caplines) {
        f->caplines = f->caplines ? 2 * f->caplines : 256;
        f->lines = pw_xrealloc(f->lines, f->caplines, sizeof *f->lines);
    }
    f->lines[f->nlines++] = (line){f->text.n, 0, 0};
    spaces(f, indent);
}

/* One blank line, unless at the start or after one. */
static void blank(fmt *f)
{
    const line *l = f->nlines ? &f->lines[f->nlines - 1] : NULL;
    if (l && (l->len || l->comment))
        newline(f, 0);
}

/* Code points in s[0..n). */
static unsigned width(const char *s, size_t n)
{
    unsigned w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

static unsigned line_width(const fmt *f, size_t i)
{
    const line *l = &f->lines[i];
    return l->len ? width(f->text.s + l->start, l->len) : 0;
}

static unsigned col(const fmt *f)
{
    return line_width(f, f->nlines - 1);
}

static void pad_to(fmt *f, unsigned column)
{
    unsigned c = col(f);
    spaces(f, column > c ? column - c : 1);
}

static const char *comment_text(const fmt *f, size_t i, size_t *n)
{
    *n = f->cm[i].span.end - f->cm[i].span.begin;
    return f->src->text + f->cm[i].span.begin;
}

/* The lines, with the trailing comments of each run of lines that have
 * one aligned two spaces after the longest of those lines. */
static void render(const fmt *f, pw_text_buf *out)
{
    size_t i = 0;
    while (i < f->nlines && !f->lines[i].len && !f->lines[i].comment)
        i++;
    size_t last = f->nlines;
    while (last > i && !f->lines[last - 1].len && !f->lines[last - 1].comment)
        last--;
    while (i < last) {
        size_t j = i;
        unsigned c = 0;
        for (; j < last && f->lines[j].comment; j++)
            c = line_width(f, j) > c ? line_width(f, j) : c;
        for (size_t k = i; k < (j > i ? j : i + 1); k++) {
            const line *l = &f->lines[k];
            pw_tb_addn(out, f->text.s + l->start, l->len);
            if (l->comment) {
                for (unsigned w = line_width(f, k); w < c + 2; w++)
                    pw_tb_addn(out, " ", 1);
                size_t n;
                const char *s = comment_text(f, l->comment - 1, &n);
                pw_tb_addn(out, s, n);
            }
            pw_tb_addn(out, "\n", 1);
        }
        i = j > i ? j : i + 1;
    }
}

/* ---- text ------------------------------------------------------------- */

/* Characters written as \u{...}: those the reader refuses raw (control
 * characters), and those a reader of the file cannot see or that change
 * how the text around them is shown (invisible marks, bidirectional
 * controls, line separators, noncharacters). Joiners (U+200C, U+200D) are
 * left alone: emoji and some scripts need them. */
static bool escaped(uint32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD || c == 0x61C ||
           c == 0x180E || c == 0x200B || c == 0x200E || c == 0x200F ||
           (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) ||
           c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || c == 0xFFFE ||
           c == 0xFFFF;
}

/* The code point at s[0..n) as written in text; its length in *k. */
static const char *spell(const char *s, size_t n, size_t *k, char buf[16])
{
    uint32_t c = pw_utf8_next(s, n, k);
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\t': return "\\t";
    }
    if (!escaped(c)) {
        memcpy(buf, s, *k);
        buf[*k] = '\0';
        return buf;
    }
    snprintf(buf, 16, "\\u{%04X}", (unsigned)c);
    return buf;
}

/* Width of s[0..n) as written in text, quotes left out. */
static unsigned spelt_width(const char *s, size_t n)
{
    unsigned w = 0;
    char buf[16];
    for (size_t i = 0, k; i < n; i += k) {
        const char *t = spell(s + i, n - i, &k, buf);
        w += width(t, strlen(t));
    }
    return w;
}

static void put_spelt(fmt *f, const char *s, size_t n)
{
    char buf[16];
    for (size_t i = 0, k; i < n; i += k)
        put(f, spell(s + i, n - i, &k, buf));
}

/* One text, unwrapped, in quotes. */
static void put_string(fmt *f, const char *s)
{
    put(f, "\"");
    put_spelt(f, s, strlen(s));
    put(f, "\"");
}

/* The end of the piece of text that starts at i: just after the next
 * space or newline, or the end. */
static size_t piece_end(const char *s, size_t i, size_t n)
{
    while (i < n && s[i] != ' ' && s[i] != '\n')
        i++;
    return i < n ? i + 1 : n;
}

/* A text at the current column, wrapped to WIDTH by splitting it into
 * adjacent texts after spaces and newlines; the texts after the first
 * start at column cont. The last line leaves room for suffix columns. A
 * piece too long for a line is left whole. */
static void put_text(fmt *f, const char *s, unsigned cont, unsigned suffix)
{
    size_t n = strlen(s), i = 0;
    if (!n)
        put(f, "\"\"");
    while (i < n) {
        unsigned c = col(f) + 2, room = c < WIDTH ? WIDTH - c : 0, w = 0;
        size_t j = i;
        do {
            size_t k = piece_end(s, j, n);
            unsigned pw = spelt_width(s + j, k - j) + (k == n ? suffix : 0);
            if (j > i && w + pw > room)
                break;
            w += pw;
            j = k;
        } while (j < n);
        put(f, "\"");
        put_spelt(f, s + i, j - i);
        put(f, "\"");
        if ((i = j) < n)
            newline(f, cont);
    }
}

/* Where text that opens at the current column goes on: under its first
 * line, or at near when that is far to the right. */
static unsigned cont_col(const fmt *f, unsigned near)
{
    unsigned c = col(f);
    return c <= FAR ? c : near;
}

/* Names separated by commas, wrapped under the first. With field, only
 * the names of that field (one line of `contact a, b`). */
static void put_names(fmt *f, const pw_name_item *it, const pw_span *field)
{
    unsigned c0 = col(f);
    for (bool first = true; it; it = it->next, first = false) {
        if (field && (it->field.begin != field->begin || it->field.end != field->end))
            break;
        unsigned n = (unsigned)strlen(it->name.text);
        const pw_name_item *nx = it->next;
        bool last = !nx || (field && nx->field.begin != field->begin);
        if (!first) {
            put(f, ",");
            if (col(f) + 1 + n + !last > WIDTH)
                newline(f, c0);
            else
                put(f, " ");
        }
        put(f, it->name.text);
    }
}

/* ---- anchors ---------------------------------------------------------- */

static anchor *mk(fmt *f, anchor *up, akind k, int r, const void *ast,
                  pw_span at)
{
    anchor *a = pw_arena_alloc(f->arena, sizeof *a);
    a->kind = k;
    a->rank = r;
    a->ast = ast;
    a->begin = at.begin;
    a->end = at.end;
    if (up) {
        if (up->last)
            up->last->sib = a;
        else
            up->first = a;
        up->last = a;
        up->nkids++;
    }
    return a;
}

/* A field of a declaration's list. */
static anchor *field(fmt *f, anchor *up, const void *ast, const pw_ast_field *x)
{
    anchor *a = mk(f, up, K_FIELD, pw_field_get(x->field)->rank, ast, x->span);
    a->field = x->field;
    a->val = x;
    return a;
}

static void fields_anchors(fmt *f, anchor *up, const void *ast,
                           const pw_ast_field *list)
{
    for (; list; list = list->next)
        field(f, up, ast, list);
}

/* The braces of a's block, when the '{' comes right after its head. */
static void find_block(fmt *f, anchor *a, uint32_t head_end)
{
    const pw_trivia *t = f->tv;
    size_t lo = 0, hi = t->nbraces;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->braces[mid].open < head_end)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == t->nbraces || t->braces[lo].prev_end != head_end ||
        !t->braces[lo].close)
        return;
    a->block = true;
    a->open = t->braces[lo].open;
    a->close = t->braces[lo].close;
    a->end = a->close + 1;
}

static void contact_anchor(fmt *f, anchor *up, const pw_ast_contact *c)
{
    anchor *a = mk(f, up, K_CONTACT, ITEM, c, c->span);
    find_block(f, a, c->span.end);
    fields_anchors(f, a, c, c->fields);
}

static void form_anchor(fmt *f, anchor *up, const pw_ast_form *fm)
{
    anchor *a = mk(f, up, K_FORM, ITEM, fm, fm->span);
    find_block(f, a, fm->span.end);
    fields_anchors(f, a, fm, fm->fields);
}

static int rank_of(pw_field f)
{
    return pw_field_get(f)->rank;
}

static const char *mode_name(pw_criteria_mode m)
{
    return pw_keyword_spelling(m == PW_CRITERIA_ANY ? PW_KW_ANY_OF : PW_KW_ALL_OF);
}

/* An any-of/all-of and what it lists (val: the nested list's criterion;
 * NULL for the question's own list). */
static void criteria_anchors(fmt *f, anchor *up, int rank, const pw_ast_node *n,
                             const pw_ast_criterion *nested, pw_criteria_mode mode,
                             const pw_ast_criterion *items, pw_span at)
{
    anchor *c = mk(f, up, K_CRITERIA, rank, n, at);
    c->val = nested;
    find_block(f, c, at.begin + (uint32_t)strlen(mode_name(mode)));
    for (const pw_ast_criterion *it = items; it; it = it->next)
        if (it->text.text)
            mk(f, c, K_CRITERION, 0, n, it->text.span)->val = &it->text;
        else
            criteria_anchors(f, c, 0, n, it, it->mode, it->items, it->span);
}

static void question_anchors(fmt *f, anchor *a, const pw_ast_node *n)
{
    if (n->criteria_mode != PW_CRITERIA_NONE)
        criteria_anchors(f, a, rank_of(PW_F_NODE_CRITERIA), n, NULL, n->criteria_mode,
                         n->criteria, n->criteria_span);
    if (n->scored)
        mk(f, a, K_FIELD, rank_of(PW_F_NODE_SCORE), n, n->score_span)->field =
            PW_F_NODE_SCORE;
    for (const pw_answer *an = n->answers; an; an = an->next)
        mk(f, a, K_ANSWER, rank_of(PW_F_NODE_ANSWERS), n, an->span)->val = an;
}

/* A together's `next` comes after the steps inside it, where the walk
 * goes on. */
static anchor *node_anchor(fmt *f, anchor *up, const pw_ast_node *n)
{
    anchor *a = mk(f, up, K_NODE, ITEM, n, n->span);
    find_block(f, a, n->title.span.end);
    a->end = n->span.end;
    for (const pw_ast_field *x = n->fields; x; x = x->next) {
        anchor *k = field(f, a, n, x);
        if (n->kind == PW_TOGETHER && x->field == PW_F_NODE_NEXT)
            k->rank = ITEM + 1;
    }
    question_anchors(f, a, n);
    return a;
}

static void scenario_anchor(fmt *f, anchor *up, const pw_ast_scenario *s)
{
    anchor *a = mk(f, up, K_SCENARIO, ITEM, s, s->span);
    find_block(f, a, s->span.end);
    for (const pw_scenario_answer *sa = s->answers; sa; sa = sa->next)
        mk(f, a, K_SANSWER, rank_of(PW_F_SCENARIO_ANSWER), s, sa->span)->val = sa;
    if (s->expect.text)
        mk(f, a, K_EXPECT, rank_of(PW_F_SCENARIO_EXPECT), s, s->expect_span);
}

/* Nodes go into their stage's anchor: stages and the nodes in them come
 * in the same order, so one cursor finds each node's stage. */
static void nodes_anchors(fmt *f, anchor *a, const pw_ast_pathway *w)
{
    size_t n = 0, cur = 0;
    for (const pw_ast_stage *s = w->stages; s; s = s->next)
        n++;
    anchor **stages = pw_arena_alloc(f->arena, (n ? n : 1) * sizeof *stages);
    n = 0;
    for (const pw_ast_stage *s = w->stages; s; s = s->next) {
        stages[n] = mk(f, a, K_STAGE, ITEM, s, s->span);
        find_block(f, stages[n], s->span.end);
        fields_anchors(f, stages[n++], s, s->fields);
    }
    anchor *together = NULL; /* the last together: the nodes inside it follow it */
    for (const pw_ast_node *nd = w->nodes; nd; nd = nd->next_node) {
        if (nd->parent && together && together->ast == nd->parent) {
            node_anchor(f, together, nd);
            continue;
        }
        while (nd->stage && cur < n && stages[cur]->ast != nd->stage)
            cur++;
        if (nd->stage && cur == n) /* not in order: cannot happen */
            for (cur = 0; cur < n && stages[cur]->ast != nd->stage; cur++)
                ;
        anchor *k = node_anchor(f, nd->stage && cur < n ? stages[cur] : a, nd);
        if (nd->kind == PW_TOGETHER)
            together = k;
    }
}

static void pathway_anchor(fmt *f, anchor *up, const pw_ast_pathway *w)
{
    anchor *a = mk(f, up, K_PATHWAY, ITEM, w, w->span);
    find_block(f, a, w->title.span.end);
    fields_anchors(f, a, w, w->fields);
    for (const pw_ast_contact *c = w->contacts; c; c = c->next)
        contact_anchor(f, a, c);
    for (const pw_ast_role *r = w->roles; r; r = r->next)
        mk(f, a, K_ROLE, ITEM, r, r->span);
    for (const pw_ast_form *fm = w->forms; fm; fm = fm->next)
        form_anchor(f, a, fm);
    nodes_anchors(f, a, w);
    for (const pw_ast_scenario *s = w->scenarios; s; s = s->next)
        scenario_anchor(f, a, s);
    for (const pw_ast_assert *as = w->asserts; as; as = as->next)
        mk(f, a, K_ASSERT, ITEM, as, as->span);
}

static anchor *file_anchors(fmt *f, const pw_ast_file *file)
{
    anchor *root = mk(f, NULL, K_ROOT, ITEM, file,
                      (pw_span){0, (uint32_t)f->src->size});
    for (const pw_ast_import *im = file->imports; im; im = im->next)
        mk(f, root, K_IMPORT, ITEM, im, im->span);
    for (const pw_ast_contact *c = file->contacts; c; c = c->next)
        contact_anchor(f, root, c);
    for (const pw_ast_role *r = file->roles; r; r = r->next)
        mk(f, root, K_ROLE, ITEM, r, r->span);
    for (const pw_ast_form *fm = file->forms; fm; fm = fm->next)
        form_anchor(f, root, fm);
    for (const pw_ast_pathway *w = file->pathways; w; w = w->next)
        pathway_anchor(f, root, w);
    return root;
}

static int by_begin(const void *x, const void *y)
{
    const anchor *a = *(anchor *const *)x, *b = *(anchor *const *)y;
    return a->begin < b->begin ? -1 : a->begin > b->begin;
}

static int by_rank(const void *x, const void *y)
{
    const anchor *a = *(anchor *const *)x, *b = *(anchor *const *)y;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    return by_begin(x, y);
}

/* Each anchor's kids as an array, in source order. */
static void finish(fmt *f, anchor *a)
{
    a->kids = pw_arena_alloc(f->arena, (a->nkids ? a->nkids : 1) * sizeof *a->kids);
    size_t i = 0;
    for (anchor *k = a->first; k; k = k->sib) {
        a->kids[i++] = k;
        finish(f, k);
    }
    qsort(a->kids, a->nkids, sizeof *a->kids, by_begin);
}

/* Each anchor's kids in canonical order, for printing. */
static void canonical(anchor *a)
{
    qsort(a->kids, a->nkids, sizeof *a->kids, by_rank);
    for (size_t i = 0; i < a->nkids; i++)
        canonical(a->kids[i]);
}

/* ---- comments --------------------------------------------------------- */

/* A blank line in the white space just before off. */
static bool blank_before(const fmt *f, uint32_t off)
{
    unsigned nl = 0;
    for (; off > f->src->body; off--) {
        char c = f->src->text[off - 1];
        if (c == '\n')
            nl++;
        else if (c != ' ' && c != '\t' && c != '\r')
            break;
    }
    return nl >= 2;
}

static void prepare_comments(fmt *f)
{
    f->ncm = f->tv->ncomments;
    f->cm = pw_arena_alloc(f->arena, (f->ncm ? f->ncm : 1) * sizeof *f->cm);
    for (size_t i = 0; i < f->ncm; i++) {
        const pw_comment *pc = &f->tv->comments[i];
        const char *t = f->src->text;
        cmt *c = &f->cm[i];
        uint32_t b = pc->span.begin, e = pc->span.end;
        while (e > b + 1 && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'))
            e--;
        c->span = (pw_span){b, e};
        pw_source_position(f->src, b, &c->line, &c->col);
        c->trailing = pc->prev_end > 0 && !memchr(t + pc->prev_end, '\n', b - pc->prev_end);
        c->blank = blank_before(f, b);
    }
}

/* The last kid that begins before pos. */
static anchor *kid_before(const anchor *a, uint32_t pos)
{
    size_t lo = 0, hi = a->nkids;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->kids[mid]->begin < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? a->kids[lo - 1] : NULL;
}

/* The first kid that ends after pos. */
static anchor *kid_after(const anchor *a, uint32_t pos)
{
    size_t lo = 0, hi = a->nkids;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->kids[mid]->end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < a->nkids ? a->kids[lo] : NULL;
}

static void attach(fmt *f, anchor *a, int slot, size_t i)
{
    size_t *s = a->slot[slot];
    if (s[1])
        f->cm[s[1] - 1].next = i + 1;
    else
        s[0] = i + 1;
    s[1] = i + 1;
}

/* The innermost anchor the token that ends at pe belongs to. */
static anchor *owner(anchor *root, uint32_t pe)
{
    anchor *a = root;
    for (anchor *k; (k = kid_before(a, pe)) && pe <= k->end;)
        a = k;
    return a;
}

/* The column where the line holding off starts its text. */
static unsigned indent_at(const fmt *f, uint32_t off)
{
    unsigned ln, column, n = 1;
    size_t len;
    pw_source_position(f->src, off, &ln, &column);
    const char *s = pw_source_line(f->src, ln, &len);
    for (size_t i = 0; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
        n++;
    return n;
}

/* A comment after a token on its line goes with the innermost anchor that
 * token belongs to: on its head line when the token is its '{' or before
 * it, else at the end of its last line. A comment on the line under a
 * field, indented further than the field, stays under it. Any other
 * comment goes before the first anchor of its block that ends after it,
 * or before the block's '}' when there is none. */
static void place(fmt *f, anchor *root, size_t i, anchor **at, int *slot)
{
    const cmt *c = &f->cm[i];
    uint32_t pos = c->span.begin, pe = f->tv->comments[i].prev_end;
    anchor *a = owner(root, pe);
    int s = -1;
    if (c->trailing && a != root)
        s = !a->block || pe >= a->end ? S_TAIL : pe <= a->open + 1 ? S_HEAD : -1;
    else if (!c->trailing && !c->blank && a->kind == K_FIELD && pe == a->end &&
             c->col > indent_at(f, a->begin))
        s = S_AFTER;
    if (s >= 0) {
        attach(f, *at = a, *slot = s, i);
        return;
    }
    anchor *box = root;
    for (anchor *k; (k = kid_before(box, pos)) && k->block && k->open < pos &&
                    pos < k->close;)
        box = k;
    anchor *k = kid_after(box, pos);
    *slot = k ? S_LEAD : S_END;
    attach(f, *at = k ? k : box, *slot, i);
}

/* A comment on the line after a trailing comment, or one under a field,
 * in its column, goes on with it. */
static void attach_all(fmt *f, anchor *root)
{
    anchor *at = NULL;
    int slot = S_LEAD;
    for (size_t i = 0; i < f->ncm; i++) {
        const cmt *c = &f->cm[i];
        if (i && !c->trailing && (slot == S_HEAD || slot == S_TAIL || slot == S_AFTER) &&
            c->line == f->cm[i - 1].line + 1 && c->col == f->cm[i - 1].col)
            attach(f, at, slot, i);
        else
            place(f, root, i, &at, &slot);
    }
}

/* ---- printing --------------------------------------------------------- */

static void print_anchor(fmt *f, const anchor *a, const ctx *x);

static bool has(const anchor *a, int slot)
{
    return a->slot[slot][0] != 0;
}

/* The comments of a slot, each on a line of its own. */
static void print_own(fmt *f, const anchor *a, int slot, unsigned indent,
                      bool blank_first)
{
    for (size_t i = a->slot[slot][0]; i; i = f->cm[i - 1].next) {
        if (f->cm[i - 1].blank && (i != a->slot[slot][0] || blank_first))
            blank(f);
        newline(f, indent);
        size_t n;
        const char *s = comment_text(f, i - 1, &n);
        putn(f, s, n);
    }
}

/* The comments of a slot at the end of the current line, and under it. */
static void print_trailing(fmt *f, const anchor *a, int slot)
{
    for (size_t i = a->slot[slot][0]; i; i = f->cm[i - 1].next) {
        if (f->lines[f->nlines - 1].comment)
            newline(f, 0);
        f->lines[f->nlines - 1].comment = i;
    }
}

/* Written with braces: always for what must have them; for contacts,
 * forms and nodes, when there is something to put inside. */
static bool opens_block(const anchor *a)
{
    switch (a->kind) {
    case K_CONTACT:
    case K_FORM:
    case K_NODE:
        return a->nkids || has(a, S_END);
    case K_IMPORT:
    case K_ROLE:
    case K_ASSERT:
        return false;
    default:
        return true;
    }
}

static bool is_item(const anchor *a)
{
    return a->rank == ITEM;
}

/* Items of one kind that are one line each may stand together. */
static bool grouped(const anchor *a, const anchor *b)
{
    if (a->kind != b->kind)
        return false;
    if (a->kind == K_IMPORT || a->kind == K_ROLE || a->kind == K_ASSERT)
        return true;
    return (a->kind == K_CONTACT || a->kind == K_FORM) && !opens_block(a) &&
           !opens_block(b);
}

/* One blank line between items, except between items that stand together
 * and had none; none between fields, except before a comment that had
 * one. */
static void separate(fmt *f, const anchor *prev, const anchor *k)
{
    if (!prev)
        return;
    const cmt *lead = has(k, S_LEAD) ? &f->cm[k->slot[S_LEAD][0] - 1] : NULL;
    bool gap = is_item(k) ? !is_item(prev) || !grouped(prev, k) ||
                                blank_before(f, lead ? lead->span.begin : k->begin)
                          : (lead && lead->blank) || is_item(prev);
    if (gap)
        blank(f);
}

/* The comments before an item keep a blank line between them and it; a
 * comment inside its head has none before it. */
static void print_lead(fmt *f, const anchor *k, unsigned indent)
{
    print_own(f, k, S_LEAD, indent, false);
    if (has(k, S_LEAD) && is_item(k) && f->cm[k->slot[S_LEAD][1] - 1].span.begin < k->begin &&
        blank_before(f, k->begin))
        blank(f);
}

static const char *answer_name(const pw_answer *an, char buf[40])
{
    if (!an->banded)
        return an->id.text;
    snprintf(buf, 40, "band %d..%d", an->lo, an->hi);
    return buf;
}

/* The label's width in the file; -1 without one. */
static int label_width(const pw_answer *an)
{
    const char *s = an->label.text;
    return s ? (int)spelt_width(s, strlen(s)) : -1;
}

/* The column of an answer's arrow, with nothing to line up with. */
static unsigned own_arrow(const ctx *x, const pw_answer *an)
{
    int lw = label_width(an);
    return x->indent + x->namew + 1 + (lw >= 0 ? (unsigned)lw + 3 : 0);
}

static bool fits(const pw_answer *an, unsigned arrow)
{
    return arrow + 3 + strlen(an->target.text) <= WIDTH;
}

/* Lined up: the answers that fit on a line, less the ones with the widest
 * labels until the arrows of the rest line up within WIDTH. */
static bool aligned(const ctx *x, const pw_answer *an)
{
    return fits(an, own_arrow(x, an)) && label_width(an) <= x->maxlabel;
}

/* The i-th kid of a when it is an answer (or a band), else NULL. */
static const pw_answer *answer_at(const anchor *a, size_t i)
{
    return a->kids[i]->kind == K_ANSWER ? a->kids[i]->val : NULL;
}

/* Lines up the answers with labels up to lim wide: true when all of them
 * fit within WIDTH. */
static bool line_up(const anchor *a, ctx *x, int lim)
{
    x->maxlabel = lim;
    x->arrow = 0;
    for (size_t i = 0; i < a->nkids; i++) {
        const pw_answer *an = answer_at(a, i);
        if (an && aligned(x, an) && own_arrow(x, an) > x->arrow)
            x->arrow = own_arrow(x, an);
    }
    for (size_t i = 0; i < a->nkids; i++) {
        const pw_answer *an = answer_at(a, i);
        if (an && aligned(x, an) && !fits(an, x->arrow))
            return false;
    }
    return true;
}

/* The widest label narrower than lim of an answer that fits on a line;
 * -2 when there is none (-1: an answer without a label). */
static int narrower(const anchor *a, const ctx *x, int lim)
{
    int w = -2;
    for (size_t i = 0; i < a->nkids; i++) {
        const pw_answer *an = answer_at(a, i);
        if (an && fits(an, own_arrow(x, an)) && label_width(an) < lim &&
            label_width(an) > w)
            w = label_width(an);
    }
    return w;
}

/* Answers: names padded to the widest; the arrows of as many answers as
 * will fit within WIDTH lined up, dropping those with the widest labels
 * first. */
static void layout_answers(const anchor *a, ctx *x)
{
    char buf[40];
    for (size_t i = 0; i < a->nkids; i++) {
        const pw_answer *an = answer_at(a, i);
        const char *nm = an ? answer_name(an, buf) : "";
        unsigned w = width(nm, strlen(nm));
        x->namew = w > x->namew ? w : x->namew;
    }
    int lim = narrower(a, x, INT_MAX);
    while (!line_up(a, x, lim))
        lim = narrower(a, x, lim);
}

/* Where the values of a block's fields start, and how its answers line
 * up. */
static void layout(const anchor *a, unsigned indent, ctx *x)
{
    *x = (ctx){.indent = indent, .maxlabel = -2};
    size_t key = KEYCOL;
    for (size_t i = 0; i < a->nkids; i++) {
        const anchor *k = a->kids[i];
        if (k->kind == K_FIELD && pw_field_get(k->field)->form != PW_V_FLAG &&
            strlen(pw_field_name(k->field)) + 1 > key)
            key = strlen(pw_field_name(k->field)) + 1;
    }
    x->keycol = indent + (unsigned)key;
    if (a->kind == K_NODE)
        layout_answers(a, x);
}

/* What a block holds, and its closing comments. */
static void print_kids(fmt *f, const anchor *a, unsigned indent)
{
    ctx x;
    layout(a, indent, &x);
    const anchor *prev = NULL;
    for (size_t i = 0; i < a->nkids; i++) {
        const anchor *k = a->kids[i];
        separate(f, prev, k);
        print_lead(f, k, indent);
        print_anchor(f, k, &x);
        prev = k;
    }
    print_own(f, a, S_END, indent, prev != NULL);
}

/* After a head that ends in " {" when opens_block(a): the block. */
static void print_block(fmt *f, const anchor *a, unsigned indent)
{
    print_trailing(f, a, S_HEAD);
    if (!opens_block(a)) {
        print_trailing(f, a, S_TAIL);
        return;
    }
    print_kids(f, a, indent + STEP);
    newline(f, indent);
    put(f, "}");
    print_trailing(f, a, S_TAIL);
}

/* KEYWORD NAME "Title" [{ ... }] */
static void print_head(fmt *f, const anchor *a, unsigned indent, const char *kw,
                       const pw_name *id, const pw_text *title)
{
    bool braces = opens_block(a);
    newline(f, indent);
    put(f, kw);
    put(f, " ");
    put(f, id->text);
    put(f, " ");
    put_text(f, title->text, cont_col(f, indent + 2 * STEP), braces ? 2 : 0);
    if (braces)
        put(f, " {");
    print_block(f, a, indent);
}

/* " TEXT" after a value, when there is one. */
static void opt_text(fmt *f, const pw_text *t, const ctx *x)
{
    if (!t->text)
        return;
    put(f, " ");
    put_text(f, t->text, cont_col(f, x->keycol), 0);
}

/* source "TEXT" [url "ADDRESS"]: the address on the last line of the
 * text when it fits there, else on a line of its own. */
static void print_source(fmt *f, const pw_ast_field *x, const ctx *c)
{
    const pw_text *s = &x->v.source.text, *url = &x->v.source.url;
    put_text(f, s->text, cont_col(f, c->keycol), 0);
    if (!url->text)
        return;
    if (col(f) + 5 + spelt_width(url->text, strlen(url->text)) + 2 > WIDTH)
        newline(f, c->keycol);
    else
        put(f, " ");
    put(f, "url ");
    put_text(f, url->text, cont_col(f, c->keycol), 0);
}

static void print_value(fmt *f, const anchor *a, const ctx *c)
{
    const pw_ast_node *n = a->ast;
    const pw_ast_field *x = a->val;
    switch (pw_field_get(a->field)->form) {
    case PW_V_TEXT: put_text(f, x->v.text.text, cont_col(f, c->keycol), 0); break;
    case PW_V_NAME: put(f, x->v.name.text); break;
    case PW_V_NAMES: put_names(f, x->v.names, NULL); break;
    case PW_V_WORD: put(f, x->v.choice.word.text); break;
    case PW_V_DATE: {
        char date[PW_DATE_TEXT_SIZE];
        pw_date_format(x->v.date, date);
        put(f, date);
        break;
    }
    case PW_V_TIME:
        putf(f, "%d %s", (int)x->v.time.value,
             pw_unit_name(x->v.time.unit, x->v.time.value));
        break;
    case PW_V_WORD_TEXT:
        put(f, x->v.choice.word.text);
        opt_text(f, &x->v.choice.text, c);
        break;
    case PW_V_NAME_TEXT:
        put(f, x->v.ref.name.text);
        opt_text(f, &x->v.ref.text, c);
        break;
    case PW_V_NAME_OR_TEXT:
        if (x->v.ref.name.text)
            put(f, x->v.ref.name.text);
        else
            put_text(f, x->v.ref.text.text, cont_col(f, c->keycol), 0);
        break;
    case PW_V_SOURCE: print_source(f, x, c); break;
    case PW_V_RANGE: putf(f, "%d..%d", (int)n->score_lo, (int)n->score_hi); break;
    default: break;
    }
}

static void print_field(fmt *f, const anchor *a, const ctx *x)
{
    newline(f, x->indent);
    put(f, pw_field_name(a->field));
    if (pw_field_get(a->field)->form != PW_V_FLAG)
        pad_to(f, x->keycol);
    print_value(f, a, x);
    print_trailing(f, a, S_TAIL);
    print_own(f, a, S_AFTER, x->keycol, false);
}

/* NAME ["Label"] -> TARGET, arrows lined up; a label too long for that
 * wraps, and the arrow follows it, on its last line when it fits. */
static void print_answer(fmt *f, const anchor *a, const ctx *x)
{
    const pw_answer *an = a->val;
    char buf[40];
    bool in = aligned(x, an);
    unsigned cont = x->indent + x->namew + 1;
    newline(f, x->indent);
    put(f, answer_name(an, buf));
    if (an->label.text) {
        pad_to(f, cont);
        cont = cont_col(f, x->indent + 2 * STEP);
        if (in)
            put_string(f, an->label.text);
        else
            put_text(f, an->label.text, cont, 0);
    }
    if (in)
        pad_to(f, x->arrow);
    else if (an->label.text && col(f) + 4 + strlen(an->target.text) > WIDTH)
        newline(f, cont);
    else
        pad_to(f, an->label.text ? col(f) + 1 : cont);
    put(f, "-> ");
    put(f, an->target.text);
    print_trailing(f, a, S_TAIL);
}

/* scenario "Name" [from NODE] {: `from` on the name's last line when it
 * fits there. */
static void print_scenario(fmt *f, const anchor *a, unsigned indent)
{
    const pw_ast_scenario *s = a->ast;
    newline(f, indent);
    put(f, "scenario ");
    put_text(f, s->name.text, cont_col(f, indent + 2 * STEP), s->from.text ? 0 : 2);
    if (s->from.text) {
        if (col(f) + 6 + strlen(s->from.text) + 2 > WIDTH)
            newline(f, indent + 2 * STEP);
        else
            put(f, " ");
        put(f, "from ");
        put(f, s->from.text);
    }
    put(f, " {");
    print_block(f, a, indent);
}

static void print_scenario_item(fmt *f, const anchor *a, unsigned indent)
{
    const pw_ast_scenario *s = a->ast;
    const pw_scenario_answer *sa = a->val;
    newline(f, indent);
    if (a->kind == K_EXPECT) {
        put(f, "expect ");
        put(f, s->expect.text);
        if (s->through) {
            put(f, " through ");
            put_names(f, s->through, NULL);
        }
    } else {
        put(f, "answer ");
        put(f, sa->question.text);
        put(f, " ");
        if (sa->is_score)
            putf(f, "%d", (int)sa->score);
        else
            put(f, sa->answer.text);
    }
    print_trailing(f, a, S_TAIL);
}

static void print_assert(fmt *f, const anchor *a, unsigned indent)
{
    const pw_ast_assert *as = a->ast;
    newline(f, indent);
    if (as->kind == PW_ASSERT_WITHIN) {
        put(f, "assert ");
        put(f, as->a.text);
        putf(f, " within %d step%s of start", (int)as->steps, as->steps == 1 ? "" : "s");
    } else {
        bool every = as->kind == PW_ASSERT_EVERY_PATH_PASSES;
        put(f, every ? "assert every path to " : "assert no path reaches ");
        put(f, as->a.text);
        put(f, every ? " passes " : " before ");
        put(f, as->b.text);
    }
    print_trailing(f, a, S_TAIL);
}

static void print_criteria(fmt *f, const anchor *a, unsigned indent)
{
    const pw_ast_node *n = a->ast;
    const pw_ast_criterion *nested = a->val;
    newline(f, indent);
    put(f, mode_name(nested ? nested->mode : n->criteria_mode));
    put(f, " {");
    print_block(f, a, indent);
}

static void print_anchor(fmt *f, const anchor *a, const ctx *x)
{
    unsigned in = x->indent;
    const pw_ast_contact *c = a->ast;
    const pw_ast_role *r = a->ast;
    const pw_ast_form *fm = a->ast;
    const pw_ast_stage *st = a->ast;
    const pw_ast_node *n = a->ast;
    const pw_ast_pathway *w = a->ast;
    switch (a->kind) {
    case K_ROOT: break;
    case K_IMPORT:
        newline(f, in);
        put(f, "import ");
        put_text(f, ((const pw_ast_import *)a->ast)->path.text, cont_col(f, in + 2 * STEP), 0);
        print_trailing(f, a, S_TAIL);
        break;
    case K_CONTACT: print_head(f, a, in, "contact", &c->id, &c->title); break;
    case K_ROLE: print_head(f, a, in, "role", &r->id, &r->title); break;
    case K_FORM: print_head(f, a, in, "form", &fm->id, &fm->title); break;
    case K_PATHWAY: print_head(f, a, in, "pathway", &w->id, &w->title); break;
    case K_STAGE: print_head(f, a, in, "stage", &st->id, &st->title); break;
    case K_NODE: print_head(f, a, in, pw_node_kind_name(n->kind), &n->id, &n->title); break;
    case K_SCENARIO: print_scenario(f, a, in); break;
    case K_ASSERT: print_assert(f, a, in); break;
    case K_FIELD: print_field(f, a, x); break;
    case K_CRITERIA: print_criteria(f, a, in); break;
    case K_CRITERION:
        newline(f, in);
        put_string(f, ((const pw_text *)a->val)->text);
        print_trailing(f, a, S_TAIL);
        break;
    case K_ANSWER: print_answer(f, a, x); break;
    case K_SANSWER:
    case K_EXPECT: print_scenario_item(f, a, in); break;
    }
}

static char *format(const pw_source *src, const pw_ast_file *ast,
                    const pw_trivia *tv, size_t *len)
{
    fmt f = {.src = src, .tv = tv, .arena = pw_arena_new()};
    anchor *root = file_anchors(&f, ast);
    finish(&f, root);
    prepare_comments(&f);
    attach_all(&f, root);
    canonical(root);
    print_kids(&f, root, 0);
    pw_text_buf out = {0};
    render(&f, &out);
    pw_tb_free(&f.text);
    free(f.lines);
    pw_arena_free(f.arena);
    *len = out.n;
    return out.s ? out.s : pw_xcalloc(1, 1);
}

void pw_fmt_diag_setup(pw_diag *d)
{
    pw_diag_no_warnings(d);
    pw_diag_enable(d, "joined-text");
    pw_diag_enable(d, "criterion-split");
    pw_diag_enable(d, "do-when");
}

char *pw_fmt_source(const pw_source *src, pw_diag *diag, size_t *len)
{
    pw_trivia tv = {0};
    size_t errors = pw_diag_error_count(diag), warnings = pw_diag_warning_count(diag);
    pw_ast_file *ast = pw_parse_trivia(src, diag, &tv);
    char *text = NULL;
    /* a warning the sink reports is one formatting would hide
     * (pw_fmt_diag_setup): the file is left as it is, as with an error */
    if (pw_diag_error_count(diag) == errors && pw_diag_warning_count(diag) == warnings)
        text = format(src, ast, &tv, len);
    pw_ast_free(ast);
    pw_trivia_free(&tv);
    return text;
}

/* ---- the command -------------------------------------------------------- */

typedef struct paths {
    char **v;
    size_t n, cap;
} paths;

static void add_path(paths *p, char *s)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 16;
        p->v = pw_xrealloc(p->v, p->cap, sizeof *p->v);
    }
    p->v[p->n++] = s;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir), size = n + strlen(name) + 2;
    char *s = pw_xcalloc(size, 1);
    snprintf(s, size, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
    return s;
}

/* Every *.pathway under dir, hidden entries and symbolic links (to files
 * or directories) left out: what is under dir is formatted once, and
 * nothing else; false after reporting a directory that cannot be read. */
static bool walk(const char *dir, paths *p, FILE *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        pw_println_visible(err, "pathwayc: error: cannot read the directory '%s': %s", dir,
                strerror(errno));
        return false;
    }
    bool ok = true;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char *path = join(dir, e->d_name);
        struct stat st;
        bool known = lstat(path, &st) == 0;
        if (known && S_ISDIR(st.st_mode)) {
            ok = walk(path, p, err) && ok;
            free(path);
        } else if (known && S_ISREG(st.st_mode) && pw_source_is_pathway_name(e->d_name)) {
            add_path(p, path);
        } else {
            free(path);
        }
    }
    closedir(d);
    return ok;
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The files the arguments stand for; false after reporting trouble. */
static bool expand(const char *const *in, size_t n, paths *p, FILE *err)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(in[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
            add_path(p, pw_xstrdup(in[i]));
            continue;
        }
        size_t from = p->n;
        ok = walk(in[i], p, err) && ok;
        qsort(p->v + from, p->n - from, sizeof *p->v, by_name);
    }
    return ok;
}

/* Writes text over path, whole or not at all, as its owner had it: the
 * temporary file is given the file's owner and permissions (was: what
 * stat said of it before it was read) before a byte is written, so the
 * text is never readable by more people than before; and it takes the
 * name only if the file is still what was read (same size and time of
 * last change, looked at just before the rename), else *changed is set
 * and nothing is written. A symbolic link stays a link, as with an
 * editor: the file it leads to is rewritten, through a temporary file
 * beside that file. */
static bool rewrite(const char *path, const char *text, size_t len,
                    const struct stat *was, bool *changed)
{
    *changed = false;
    char *real = realpath(path, NULL);
    if (!real)
        return false;
    pw_output *o = pw_output_open_like(real, was);
    FILE *f = o ? pw_output_stream(o) : NULL;
    bool ok = f && fwrite(text, 1, len, f) == len;
    int e = errno;
    if (o && !ok)
        pw_output_discard(o);
    else if (o) {
        ok = pw_output_commit_unchanged(o, was, changed);
        e = errno;
    }
    free(real);
    errno = e;
    return ok;
}

/* Reports why path could not be rewritten (rewrite): 2. */
static int cannot_rewrite(const char *path, const struct stat *was, bool changed,
                          FILE *err)
{
    if (changed)
        pw_println_visible(err, "pathwayc: error: '%s' changed while fmt was running: nothing "
                     "written; run fmt again", path);
    else if (errno == EPERM && was->st_uid != geteuid())
        pw_println_visible(err, "pathwayc: error: cannot write '%s': it belongs to another "
                     "user, and the rewritten file would belong to you: nothing "
                     "written; run fmt -w as its owner", path);
    else
        pw_println_visible(err, "pathwayc: error: cannot write '%s': %s", path, strerror(errno));
    return 2;
}

static int fmt_file(const char *path, const pw_fmt_options *o, pw_diag *diag,
                    FILE *out, FILE *err)
{
    /* what the file is before it is read: it is rewritten only if it is
     * still that just before the rename */
    struct stat was;
    bool known = stat(path, &was) == 0;
    pw_source *src = known ? pw_source_read(path, o->max_bytes) : NULL;
    if (!src) {
        if (errno == EFBIG)
            pw_println_visible(err, "pathwayc: error: '%s' is larger than %zu MiB; pathway "
                         "files are refused above that size",
                    path, o->max_bytes / (1024 * 1024));
        else
            pw_println_visible(err, "pathwayc: error: cannot read '%s': %s", path,
                pw_read_strerror(errno));
        return 2;
    }
    size_t len = 0, errors = pw_diag_error_count(diag);
    char *text = pw_fmt_source(src, diag, &len);
    pw_diag_print(diag, err, o->format, o->colour);
    if (!text && pw_diag_error_count(diag) == errors && o->format == PW_DIAG_TEXT)
        pw_println_visible(err, "pathwayc: '%s' is left as it is: formatted, it would no longer "
                     "show what the warning above is about; fix that, then run fmt "
                     "again", path);
    bool same = text && len == src->size && memcmp(text, src->text, len) == 0;
    int status = text ? 0 : 1;
    if (text && o->mode == PW_FMT_PRINT) {
        fwrite(text, 1, len, out);
    } else if (!same && text && o->mode == PW_FMT_CHECK) {
        pw_println_visible(out, "%s", path);
        status = 1;
    } else if (!same && text && o->mode == PW_FMT_WRITE) {
        bool changed;
        if (!rewrite(path, text, len, &was, &changed))
            status = cannot_rewrite(path, &was, changed, err);
    }
    free(text);
    pw_source_free(src);
    return status;
}

int pw_fmt_run(const char *const *in, size_t nin, const pw_fmt_options *o,
               pw_diag *diag, FILE *out, FILE *err)
{
    paths p = {0};
    int status = expand(in, nin, &p, err) ? 0 : 2;
    if (o->mode == PW_FMT_PRINT && p.n != 1 && status == 0) {
        pw_println_visible(err, "pathwayc: fmt prints one file; to format several, rewrite "
                     "them with -w or list those that would change with --check");
        status = 2;
    }
    for (size_t i = 0; i < p.n && !(o->mode == PW_FMT_PRINT && status); i++) {
        int s = fmt_file(p.v[i], o, diag, out, err);
        status = s > status ? s : status;
    }
    if (o->format == PW_DIAG_TEXT)
        pw_diag_print_summary(diag, err, o->colour);
    for (size_t i = 0; i < p.n; i++)
        free(p.v[i]);
    free(p.v);
    return status;
}
