/* dot — the pathway as a Graphviz diagram (see emit/dot.h).
 *
 * Every label is an HTML-like label, so that a title can be bold above a
 * coloured urgency banner. cgraph keeps one string pool per graph, and a
 * text cannot be in it both as HTML and as plain text (notes: "pick one
 * label style"), so every label is HTML and every label starts with '<';
 * the only plain strings with user text in them are tooltips, which start
 * with a word ("Step: ..."), so no tooltip can be taken for a label.
 *
 * User text goes through one of two escapers, and only these two:
 *   html_*: for labels: & < > " ' as entities, \ doubled (Graphviz still
 *           substitutes \N and \G inside HTML labels, and &#92; does not
 *           stop it), a newline as <BR/>;
 *   tip_text: for tooltips, which Graphviz decodes twice: entities and
 *           one level of backslashes first, then \N, \G and \\ again, so
 *           & becomes &amp; and \ becomes \\\\ (measured: \\ gives \N's
 *           substitution, \\\\ gives one backslash), a newline \n.
 * Both turn control characters, C1 controls and U+FFFE/U+FFFF (not XML
 * characters: the SVG would not parse, expat rejects them in labels)
 * into spaces, and drop carriage returns. What is XML's in this (the
 * entities of html_*, and the characters both keep out) is written once,
 * in markup.h, which the checklist uses too; the backslashes, newlines
 * and the tooltips' own &amp; are Graphviz's and stay here. */
#include "emit/dot.h"

#include "emit/layout_plan.h"
#include "emit/markup.h"
#include "emit/png.h"
#include "support/arena.h"
#include "support/text.h"

#include <cairo.h>
#include <gvc.h>
#include <gvplugin_device.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* s[0..n), with no newline in it, escaped for an HTML label: markup
 * (markup.h), and a backslash doubled for Graphviz. */
static void html_chars(pw_text_buf *b, const char *s, size_t n)
{
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t c = pw_utf8_next(s + i, n - i, &k);
        if (c == '\\')
            pw_tb_add(b, "\\\\");
        else
            pw_markup_char(b, s + i, k, c);
    }
}

/* One paragraph s[0..n) for an HTML label, broken into lines of at most
 * width code points (0: no limit) at spaces, or inside a word longer than
 * a line; lines are separated by <BR/>. With b NULL, only counts the
 * lines. Returns the number of lines. */
static int wrap(pw_text_buf *b, const char *s, size_t n, int width)
{
    size_t start = 0, space = SIZE_MAX;
    int col = 0, space_col = 0, lines = 1;
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t c = pw_utf8_next(s + i, n - i, &k);
        if (width > 0 && col >= width && c != ' ') {
            size_t end = space != SIZE_MAX ? space : i;
            if (b) {
                html_chars(b, s + start, end - start);
                pw_tb_add(b, "<BR/>");
            }
            lines++;
            start = space != SIZE_MAX ? space + 1 : i;
            col = space != SIZE_MAX ? col - space_col - 1 : 0;
            space = SIZE_MAX;
        }
        if (c == ' ') {
            space = i;
            space_col = col;
        }
        col++;
    }
    if (b)
        html_chars(b, s + start, n - start);
    return lines;
}

/* A paragraph wrapped at the narrowest width that needs no more lines
 * than width does, so that lines come out even ("Complete the National
 * Referral Form" as two lines of two and three words, not four and one).
 * Trying each narrower width costs the paragraph's length each time, so a
 * paragraph longer than EVEN_BYTES (no label a reader takes in at a
 * glance) is wrapped at width, once. */
enum { EVEN_BYTES = 1000 };

static void html_paragraph(pw_text_buf *b, const char *s, size_t n, int width)
{
    int best = width;
    if (width > 0 && n <= EVEN_BYTES) {
        int lines = wrap(NULL, s, n, width);
        for (int w = width - 1; w > 0 && wrap(NULL, s, n, w) == lines; w--)
            best = w;
    }
    wrap(b, s, n, best);
}

/* text for an HTML label, wrapped at width; its own newlines kept. */
static void html_text(pw_text_buf *b, const char *text, int width)
{
    const char *p = text ? text : "";
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        html_paragraph(b, p, n, width);
        if (!nl)
            break;
        pw_tb_add(b, "<BR/>");
        p = nl + 1;
    }
}

/* text for a tooltip (see the top of the file for why \ becomes four). */
static void tip_text(pw_text_buf *b, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t c = pw_utf8_next(text + i, n - i, &k);
        switch (c) {
        case '&': pw_tb_add(b, "&amp;"); break;
        case '\\': pw_tb_add(b, "\\\\\\\\"); break;
        case '\n': pw_tb_add(b, "\\n"); break;
        default: pw_markup_xml_char(b, text + i, k, c);
        }
    }
}

/* A tooltip line "Key: value". */
static void tip_line(pw_text_buf *b, const char *key, const char *value)
{
    if (!value)
        return;
    if (b->n)
        pw_tb_add(b, "\\n");
    pw_tb_add(b, key);
    pw_tb_add(b, ": ");
    tip_text(b, value);
}

/* ---- Graphviz errors ------------------------------------------------- */

/* Graphviz reports through one process-wide callback that takes no
 * context pointer, so the messages of the call in progress collect here
 * (pw_emit_diagram is documented as not reentrant). */
static char gv_messages[2048];
static size_t gv_nmessages;

static int collect_message(char *msg)
{
    size_t room = sizeof gv_messages - 1 - gv_nmessages;
    size_t n = strlen(msg);
    if (n > room)
        n = room;
    memcpy(gv_messages + gv_nmessages, msg, n);
    gv_nmessages += n;
    gv_messages[gv_nmessages] = '\0';
    return 0;
}

/* ---- the look -------------------------------------------------------- */

/* Wrap widths, in characters, chosen so that nodes stay narrow enough for
 * three side by side on A4 portrait. */
enum {
    WRAP_TITLE = 32,    /* a step's or an outcome's title */
    WRAP_QUESTION = 28, /* a diamond grows twice as fast as its text */
    WRAP_EDGE = 30,
    WRAP_SMALL = 34,    /* 9-point lines under a title */
    WRAP_NOTE = 60,     /* the notes below the drawing, 8-point */
    WRAP_STAGE = 40,
    WRAP_PAGE = 70,     /* the pathway's title, above everything */
};

#define FONT "DejaVu Sans"
#define RED "#b71c1c"
#define EMERGENCY_FILL "#d32f2f"
#define AMBER "#ffc107"
#define TBC_FILL "#fff6dc" /* what is to be confirmed, as in the checklist */
#define TBC_INK "#5c3d00"
#define SOURCE_INK "#455a64" /* where a node comes from: quiet, but 7:1 on white */

typedef struct outcome_look {
    const char *word, *fill, *line;
} outcome_look;

static outcome_look outcome_style(pw_outcome_kind k)
{
    switch (k) {
    case PW_OUTCOME_EMERGENCY: return (outcome_look){"Emergency", EMERGENCY_FILL, "#7f0000"};
    case PW_OUTCOME_REFERRAL: return (outcome_look){"Referral", "#ffe0b2", "#e65100"};
    case PW_OUTCOME_ADVICE: return (outcome_look){"Advice", "#c8e6c9", "#2e7d32"};
    case PW_OUTCOME_MONITOR: return (outcome_look){"Monitor", "#e1bee7", "#6a1b9a"};
    case PW_OUTCOME_NO_FURTHER_ACTION:
        return (outcome_look){"No further action", "#e0e0e0", "#424242"};
    case PW_OUTCOME_NONE: break;
    }
    return (outcome_look){"Outcome", "#e0e0e0", "#424242"};
}

static bool is_emergency(const pw_graph *g, int node)
{
    return node >= 0 && g->nodes[node].kind == PW_OUTCOME &&
           g->nodes[node].outcome == PW_OUTCOME_EMERGENCY;
}

/* ---- object IDs in creation order ------------------------------------ */

/* cgraph's default ID discipline uses the address of an object's name in
 * the string pool as its ID, and keeps subgraphs in ID order: agwrite and
 * the dot layout would meet the stages in an order that changes from run
 * to run with the heap (measured: two runs, two DOT texts). This one
 * numbers names as they are first seen (even IDs, 2, 4, ...) and anonymous
 * objects as they are made (odd IDs, as cgraph's own). It keeps the names
 * itself, in a hash table: leaving them to cgraph's internal map (a map
 * that refuses names) leaks that map's entries when the graph is closed.
 * The names must be pool strings (agstrdup): agwrite asks aghtmlstr of a
 * name, which reads the pool's header in front of the string. */
typedef struct name_ids {
    Agraph_t *root;
    char **names;     /* names[k] has ID 2k + 2; in root's string pool,
                       * where cgraph looks for the HTML mark of a name */
    size_t nnames, cap;
    size_t *slots;    /* open addressing: k + 1 for names[k], 0 for empty */
    size_t nslots;    /* a power of two, at least twice nnames */
    IDTYPE next_anon;
} name_ids;

static size_t *name_slot(name_ids *t, const char *name)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    size_t mask = t->nslots - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask)
        if (!t->slots[i] || !strcmp(t->names[t->slots[i] - 1], name))
            return &t->slots[i];
}

/* Makes room for one more name. */
static void name_ids_grow(name_ids *t)
{
    if (t->nnames == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->names = pw_xrealloc(t->names, t->cap, sizeof *t->names);
    }
    if (2 * (t->nnames + 1) <= t->nslots)
        return;
    free(t->slots);
    t->nslots = t->nslots ? 2 * t->nslots : 128;
    t->slots = pw_xcalloc(t->nslots, sizeof *t->slots);
    for (size_t k = 0; k < t->nnames; k++)
        *name_slot(t, t->names[k]) = k + 1;
}

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)disc;
    name_ids *t = pw_xcalloc(1, sizeof *t);
    t->root = g;
    t->next_anon = 1;
    name_ids_grow(t);
    return t;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    name_ids *t = state;
    (void)objtype;
    if (!str) {
        *id = t->next_anon;
        t->next_anon += 2;
        return 1;
    }
    size_t *slot = name_slot(t, str);
    if (!*slot) {
        if (!createflag)
            return 0; /* not a name of this graph */
        name_ids_grow(t);
        slot = name_slot(t, str);
        t->names[t->nnames++] = agstrdup(t->root, str);
        *slot = t->nnames;
    }
    *id = 2 * (IDTYPE)*slot;
    return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
    (void)state, (void)objtype, (void)id;
    return 0; /* no object is made with an ID of the caller's choosing */
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
    (void)state, (void)objtype, (void)id; /* names live until close */
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
    name_ids *t = state;
    (void)objtype;
    return id % 2 == 0 && id / 2 - 1 < t->nnames ? t->names[id / 2 - 1] : NULL;
}

static void ids_close(void *state)
{
    name_ids *t = state;
    for (size_t k = 0; k < t->nnames; k++)
        agstrfree(t->root, t->names[k]); /* the pool is still open here */
    free(t->names);
    free(t->slots);
    free(t);
}

static void ids_register(void *state, int objtype, void *obj)
{
    (void)state, (void)objtype, (void)obj;
}

static Agiddisc_t creation_order = {ids_open,  ids_map,   ids_alloc,   ids_free,
                                    ids_print, ids_close, ids_register};

/* ---- drawing: making the cgraph graph -------------------------------- */

/* What is to be confirmed (`tbc`) is numbered through the pathway: its
 * own first, then each stage's, each node's, each contact's and each
 * form's, in the graph's order. A marker on what it is about gives the
 * numbers ("To be confirmed: 3, 4"); the key gives the texts. A contact's
 * or form's numbers are marked on every node that names it. */
typedef struct tbc_owner {
    const void *what;  /* a pw_contact or pw_form */
    size_t first, n;
} tbc_owner;

typedef struct tbc_numbers {
    size_t pathway;    /* the pathway's first number */
    size_t *stage;     /* each stage's first number */
    size_t *node;      /* each node's */
    tbc_owner *owners; /* the contacts and forms with any, by address */
    size_t nowners;
    size_t total;
} tbc_numbers;

typedef struct drawing {
    const pw_graph *g;
    Agraph_t *root;
    Agraph_t *top;     /* cluster_pathway: everything but the edges */
    Agraph_t **stage;  /* the cluster of each stage, made when first used */
    Agraph_t **together; /* the cluster of each together, NULL for other nodes */
    Agraph_t **row;    /* in it, its steps side by side (rank=same) */
    Agnode_t **node;   /* NULL for a node left out; a together's is its
                        * first step, which its edges join at the cluster */
    tbc_numbers tbc;
    const char *checklist; /* the checklist's file name, for links, or NULL */
    pw_layout_plan plan;   /* which arrows are drawn to connectors */
    size_t *nconnectors;   /* connectors drawn from each node so far */
    pw_text_buf tmp, tip;
} drawing;

static void set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, (char *)name, (char *)value, "");
}

/* Sets an HTML label (the string is made HTML in the pool first, so the
 * plain copy agsafeset makes finds it). */
static void set_html(Agraph_t *root, void *obj, const char *attr, pw_text_buf *html)
{
    char *h = agstrdup_html(root, pw_tb_str(html));
    agsafeset(obj, (char *)attr, h, "");
    agstrfree(root, h);
}

static void set_fmt(void *obj, const char *name, pw_text_buf *tmp, const char *fmt,
                    const char *arg)
{
    pw_tb_truncate(tmp, 0);
    pw_tb_printf(tmp, fmt, arg);
    set(obj, name, pw_tb_str(tmp));
}

/* ---- what is to be confirmed ------------------------------------------ */

static int owner_order(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const tbc_owner *)a)->what;
    uintptr_t y = (uintptr_t)((const tbc_owner *)b)->what;
    return (x > y) - (x < y);
}

static void tbc_owner_add(tbc_numbers *t, const void *what, size_t n, size_t *k)
{
    if (!n)
        return;
    t->owners[t->nowners++] = (tbc_owner){what, *k, n};
    *k += n;
}

/* Numbers every `tbc` of b's pathway (see tbc_numbers). */
static void number_tbc(drawing *b)
{
    const pw_graph *g = b->g;
    tbc_numbers *t = &b->tbc;
    size_t k = 1;
    t->pathway = k;
    k += g->meta[PW_F_PATHWAY_TBC].texts.n;
    t->stage = pw_xcalloc(g->nstages + 1, sizeof *t->stage);
    for (size_t i = 0; i < g->nstages; i++) {
        t->stage[i] = k;
        k += g->stages[i].tbc.n;
    }
    t->node = pw_xcalloc(g->nnodes + 1, sizeof *t->node);
    for (size_t i = 0; i < g->nnodes; i++) {
        t->node[i] = k;
        k += g->nodes[i].tbc.n;
    }
    t->owners = pw_xcalloc(g->ncontacts + g->nforms + 1, sizeof *t->owners);
    for (size_t i = 0; i < g->ncontacts; i++)
        tbc_owner_add(t, g->contacts[i], g->contacts[i]->tbc.n, &k);
    for (size_t i = 0; i < g->nforms; i++)
        tbc_owner_add(t, g->forms[i], g->forms[i]->tbc.n, &k);
    /* by address, to be found from the nodes; the numbers are as above */
    qsort(t->owners, t->nowners, sizeof *t->owners, owner_order);
    t->total = k - 1;
}

static void tbc_free(tbc_numbers *t)
{
    free(t->stage);
    free(t->node);
    free(t->owners);
}

static const tbc_owner *tbc_owner_of(const tbc_numbers *t, const void *what)
{
    tbc_owner key = {what, 0, 0};
    return t->nowners ? bsearch(&key, t->owners, t->nowners, sizeof key, owner_order)
                      : NULL;
}

/* Appends the numbers first .. first+n-1 ("3", "3, 4", "3–6") to a marker
 * that has *any numbers so far. Our own digits only. */
static void tbc_numbers_text(pw_text_buf *t, size_t first, size_t n, bool *any)
{
    if (!n)
        return;
    pw_tb_add(t, *any ? ", " : "To be confirmed: ");
    *any = true;
    if (n == 1)
        pw_tb_printf(t, "%zu", first);
    else
        pw_tb_printf(t, n == 2 ? "%zu, %zu" : "%zu–%zu", first, first + n - 1);
}

/* The marker of node i: its own numbers, then those of the contacts and
 * forms it names (each once). False when it has none. */
static bool node_tbc_marker(pw_text_buf *t, const drawing *b, size_t i)
{
    const pw_gnode *n = &b->g->nodes[i];
    bool any = false;
    tbc_numbers_text(t, b->tbc.node[i], n->tbc.n, &any);
    for (size_t k = 0; k < n->ncontacts + n->nforms; k++) {
        const void *what = k < n->ncontacts ? (const void *)n->contacts[k]
                                            : (const void *)n->forms[k - n->ncontacts];
        const tbc_owner *o = tbc_owner_of(&b->tbc, what);
        bool seen = false; /* named twice: marked once (only those with any) */
        for (size_t j = 0; o && j < k && !seen; j++)
            seen = what == (j < n->ncontacts ? (const void *)n->contacts[j]
                                             : (const void *)n->forms[j - n->ncontacts]);
        if (o && !seen)
            tbc_numbers_text(t, o->first, o->n, &any);
    }
    return any;
}

/* The marker as a row of a label: dark on pale amber, in words. */
static void tbc_row(pw_text_buf *t, const char *marker, int width, bool left)
{
    pw_tb_add(t, left ? "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" BGCOLOR=\"" TBC_FILL "\">"
                      : "<TR><TD BGCOLOR=\"" TBC_FILL "\">");
    pw_tb_add(t, "<FONT POINT-SIZE=\"9\" COLOR=\"" TBC_INK "\"><B>");
    html_text(t, marker, width);
    pw_tb_add(t, "</B></FONT></TD></TR>");
}

static void graph_defaults(Agraph_t *r)
{
    agattr(r, AGRAPH, "fontname", FONT);
    agattr(r, AGRAPH, "fontsize", "11");
    agattr(r, AGRAPH, "rankdir", "TB");
    agattr(r, AGRAPH, "nodesep", "0.25");
    agattr(r, AGRAPH, "ranksep", "0.25");
    agattr(r, AGRAPH, "labelloc", "t");
    agattr(r, AGRAPH, "pad", "0.2");
    agattr(r, AGNODE, "fontname", FONT);
    agattr(r, AGNODE, "fontsize", "10");
    agattr(r, AGNODE, "shape", "box");
    agattr(r, AGNODE, "style", "filled");
    agattr(r, AGNODE, "fillcolor", "#ffffff");
    agattr(r, AGNODE, "color", "#37474f");
    agattr(r, AGNODE, "fontcolor", "#000000");
    agattr(r, AGNODE, "margin", "0.08,0.04");
    agattr(r, AGEDGE, "fontname", FONT);
    agattr(r, AGEDGE, "fontsize", "9");
    agattr(r, AGEDGE, "color", "#37474f");
    agattr(r, AGEDGE, "arrowsize", "0.7");
}

/* Under the title: why the pathway has no emergency route, when it says
 * it has none; the numbers of what is to be confirmed about it. */
static void graph_title_notes(drawing *b, pw_text_buf *t)
{
    const pw_gfield *route = &b->g->meta[PW_F_PATHWAY_EMERGENCY_ROUTE];
    if (route->word == PW_ROUTE_NONE) {
        pw_tb_add(t, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><B>No emergency route</B>");
        if (route->text.text) {
            pw_tb_add(t, ": ");
            html_text(t, route->text.text, WRAP_PAGE);
        }
        pw_tb_add(t, "</TD></TR>");
    }
    size_t n = b->g->meta[PW_F_PATHWAY_TBC].texts.n;
    if (n) {
        pw_text_buf marker = {0};
        bool any = false;
        tbc_numbers_text(&marker, b->tbc.pathway, n, &any);
        pw_tb_add(&marker, " (see the key)");
        tbc_row(t, pw_tb_str(&marker), WRAP_PAGE, true);
        pw_tb_free(&marker);
    }
}

/* The pathway's title, version, status and review date, above it all,
 * left-aligned (BALIGN: the lines a long title wraps into, too). */
static void graph_title(drawing *b)
{
    const pw_graph *g = b->g;
    pw_text_buf *t = &b->tmp;
    pw_tb_truncate(t, 0);
    pw_tb_add(t, "<TABLE BORDER=\"0\" CELLPADDING=\"0\" CELLSPACING=\"2\">"
              "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\"><B>");
    html_text(t, g->title ? g->title : g->id, WRAP_PAGE);
    pw_tb_add(t, "</B></FONT></TD></TR><TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
    const char *sep = "";
    const char *version = pw_graph_text(g, PW_F_PATHWAY_VERSION);
    pw_status status = pw_graph_status(g);
    pw_date review_by = pw_graph_date(g, PW_F_PATHWAY_REVIEW_BY);
    if (version) {
        pw_tb_add(t, "Version ");
        html_text(t, version, WRAP_PAGE);
        sep = " · ";
    }
    if (status != PW_STATUS_NONE) {
        pw_tb_add(t, sep);
        pw_tb_add(t, status == PW_STATUS_APPROVED ? "Approved"
                  : status == PW_STATUS_DRAFT ? "<B>DRAFT: not approved for use</B>"
                                                 : "<B>Under review</B>");
        sep = " · ";
    }
    if (review_by.year) {
        pw_tb_add(t, sep);
        pw_tb_printf(t, "Review by %04d-%02d-%02d", review_by.year,
                  review_by.month, review_by.day);
    }
    pw_tb_add(t, "</TD></TR>");
    graph_title_notes(b, t);
    pw_tb_add(t, "</TABLE>");
    /* The label of a borderless cluster around everything, not of the
     * root graph: gvc leaks the text of an HTML root label at every layout
     * (72 bytes a line, measured under valgrind), and every label here is
     * HTML. Clusters inside it set their own colour and justification,
     * which DOT would otherwise have them inherit from it. */
    b->top = agsubg(b->root, "cluster_pathway", 1);
    set_html(b->root, b->top, "label", t);
    set(b->top, "color", "transparent");
    set(b->top, "labeljust", "l");
    set(b->top, "margin", "0");
    set_fmt(b->top, "id", t, "pathway-%s", g->id);
    pw_tb_truncate(&b->tip, 0);
    tip_line(&b->tip, "Pathway", g->title ? g->title : g->id);
    const pw_texts *tbc = &g->meta[PW_F_PATHWAY_TBC].texts;
    for (size_t i = 0; i < tbc->n; i++)
        tip_line(&b->tip, "To be confirmed", tbc->at[i]);
    set(b->top, "tooltip", pw_tb_str(&b->tip));
    set_fmt(b->root, "id", t, "diagram-%s", g->id);
}

/* The cluster of stage s, made in the root when first asked for. */
static Agraph_t *stage_cluster(drawing *b, int s)
{
    if (b->stage[s])
        return b->stage[s];
    const pw_stage *st = &b->g->stages[s];
    pw_text_buf *t = &b->tmp;
    pw_tb_truncate(t, 0);
    pw_tb_printf(t, "cluster_stage_%s", st->id);
    Agraph_t *c = agsubg(b->top, pw_tb_str(t), 1);
    pw_tb_truncate(t, 0);
    /* the title alone, or with the marker of what is to be confirmed in
     * a table for its own background */
    if (st->tbc.n)
        pw_tb_add(t, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" "
                     "CELLPADDING=\"1\"><TR><TD>");
    pw_tb_add(t, "<FONT POINT-SIZE=\"13\"><B>");
    html_text(t, st->title ? st->title : st->id, WRAP_STAGE);
    pw_tb_add(t, "</B></FONT>");
    if (st->tbc.n) {
        pw_text_buf marker = {0};
        bool any = false;
        tbc_numbers_text(&marker, b->tbc.stage[s], st->tbc.n, &any);
        pw_tb_add(t, "</TD></TR>");
        tbc_row(t, pw_tb_str(&marker), WRAP_STAGE, false);
        pw_tb_add(t, "</TABLE>");
        pw_tb_free(&marker);
    }
    set_html(b->root, c, "label", t);
    set_fmt(c, "id", t, "stage-%s", st->id);
    pw_tb_truncate(&b->tip, 0);
    tip_line(&b->tip, "Stage", st->title ? st->title : st->id);
    for (size_t i = 0; i < st->tbc.n; i++)
        tip_line(&b->tip, "To be confirmed", st->tbc.at[i]);
    set(c, "tooltip", pw_tb_str(&b->tip));
    set(c, "style", "rounded,filled");
    set(c, "fillcolor", "#f5f7fa");
    set(c, "color", "#90a4ae");
    set(c, "margin", "10");
    /* Stage titles go on the right, where edges into the stage cross them
     * less: answers after the first usually branch right, so they come in
     * from the upper left. */
    set(c, "labeljust", "r");
    return b->stage[s] = c;
}

/* ---- nodes ----------------------------------------------------------- */

/* "Within 1 working day · Target 4 hours · Review after 4 weeks": our own
 * words and numbers only, safe in a label and in a tooltip alike. */
static bool timescales(pw_text_buf *t, const pw_gnode *n)
{
    const char *const word[] = {"Within", "Target", "Review after"};
    const pw_gtimescale *ts[] = {&n->within, &n->target, &n->review_after};
    bool any = false;
    for (size_t i = 0; i < 3; i++) {
        if (ts[i]->unit == PW_UNIT_NONE)
            continue;
        pw_tb_printf(t, "%s%s %ld %s", any ? " · " : "", word[i], (long)ts[i]->value,
                     pw_unit_words(ts[i]->unit, ts[i]->value));
        any = true;
    }
    return any;
}

/* A banner row across the label. */
static void badge(pw_text_buf *t, const char *bg, const char *fg, const char *text)
{
    pw_tb_printf(t, "<TR><TD BGCOLOR=\"%s\" CELLPADDING=\"2\">", bg);
    pw_tb_printf(t, "<FONT COLOR=\"%s\" POINT-SIZE=\"9\"><B>%s</B></FONT></TD></TR>",
              fg, text);
}

/* The banners above a title: START on the first node (a separate START
 * node would cost a whole rank of the page), EMERGENCY on an emergency
 * outcome, and the urgency when it is not routine. */
static void badges(pw_text_buf *t, const pw_gnode *n, bool start)
{
    bool immediate = n->urgency == PW_URGENCY_IMMEDIATE;
    bool urgent = n->urgency == PW_URGENCY_URGENT;
    if (start)
        badge(t, "#263238", "#ffffff", "START HERE");
    if (n->kind == PW_OUTCOME && n->outcome == PW_OUTCOME_EMERGENCY)
        badge(t, "#ffffff", RED, immediate ? "EMERGENCY · IMMEDIATE"
                                 : urgent  ? "EMERGENCY · URGENT"
                                           : "EMERGENCY");
    else if (immediate)
        badge(t, RED, "#ffffff", "IMMEDIATE");
    else if (urgent)
        badge(t, AMBER, "#000000", "URGENT");
}

/* Above an outcome's title: what kind of outcome it is, in words, so the
 * colour is never the only sign. */
static void outcome_header(pw_text_buf *t, const pw_gnode *n)
{
    outcome_look look = outcome_style(n->outcome);
    pw_tb_printf(t, "<TR><TD><FONT POINT-SIZE=\"8\" COLOR=\"%s\"><B>OUTCOME", look.line);
    if (n->outcome != PW_OUTCOME_NONE) {
        pw_tb_add(t, ": ");
        for (const char *w = look.word; *w; w++) {
            char c = (char)toupper((unsigned char)*w);
            pw_tb_addn(t, &c, 1);
        }
    }
    pw_tb_add(t, "</B></FONT></TD></TR>");
}

/* The phone numbers of the node's contacts: what a practitioner needs
 * without opening anything (the rest is in the tooltip). */
static void phones(pw_text_buf *t, const pw_gnode *n)
{
    for (size_t i = 0; i < n->ncontacts; i++) {
        const pw_contact *c = n->contacts[i];
        if (!c->phone.text)
            continue;
        pw_tb_add(t, "<TR><TD><FONT POINT-SIZE=\"9\">");
        html_text(t, c->title ? c->title : c->id, WRAP_SMALL);
        pw_tb_add(t, ": <B>");
        html_text(t, c->phone.text, 0);
        pw_tb_add(t, "</B></FONT></TD></TR>");
    }
}

/* How much of a `when` a box shows: generous, so that a condition is
 * seldom cut; the tooltip has it whole. */
enum { WHEN_BYTES = 240 };

/* text, cut after at most max bytes at a space, with "…" when cut. */
static void shortened(pw_text_buf *t, const char *text, size_t max)
{
    size_t n = strlen(text);
    if (n <= max) {
        pw_tb_add(t, text);
        return;
    }
    size_t cut = max;
    while (cut > 0 && text[cut] != ' ')
        cut--;
    if (cut == 0)
        for (cut = max; cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80; cut--)
            ; /* no space: cut between two characters */
    pw_tb_addn(t, text, cut);
    pw_tb_add(t, "\xe2\x80\xa6"); /* U+2026 */
}

/* "When: ..." under the title: the condition a step applies under
 * (the checklist's "When"), which a practitioner must not miss. */
static void when_row(pw_text_buf *t, const pw_gnode *n, bool emergency)
{
    if (!n->when.text)
        return;
    pw_text_buf line = {0};
    pw_tb_add(&line, "When: ");
    shortened(&line, n->when.text, WHEN_BYTES);
    pw_tb_printf(t, "<TR><TD><FONT POINT-SIZE=\"9\"%s><I>",
                 emergency ? " COLOR=\"#ffffff\"" : "");
    html_text(t, pw_tb_str(&line), WRAP_SMALL);
    pw_tb_add(t, "</I></FONT></TD></TR>");
    pw_tb_free(&line);
}

/* The consent rule of a step that shares, in a few words (the checklist
 * says it whole). Not on an emergency outcome: a 999 call never waits. */
static void consent_row(pw_text_buf *t, const pw_gnode *n, bool emergency)
{
    static const char *const words[] = {
        NULL, "Consent: needed", "Consent: not needed", "Consent: seek it, unless unsafe",
        "Consent: inform, unless unsafe", NULL, "Consent: not stated, ask your DSL"};
    if (emergency || (unsigned)n->consent > PW_CONSENT_NOT_STATED || !words[n->consent])
        return;
    pw_tb_printf(t, "<TR><TD><FONT POINT-SIZE=\"9\">%s</FONT></TD></TR>", words[n->consent]);
}

/* A question's criteria under its title, a compact list: "Any of these:"
 * or "All of these:", a line each, a nested list's under its own words. */
static void criteria_rows(pw_text_buf *t, const pw_gnode *n)
{
    if (!n->ncitems)
        return;
    pw_tb_printf(t, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\"><I>%s"
                    "</I>",
                 n->criteria_mode == PW_CRITERIA_ALL ? "All of these:" : "Any of these:");
    for (size_t i = 0; i < n->ncitems; i++) {
        const pw_gcriterion *c = &n->citems[i];
        pw_text_buf line = {0};
        if (c->mode == PW_CRITERIA_NONE) {
            pw_tb_add(&line, "\xe2\x80\xa2 "); /* U+2022 */
            pw_tb_add(&line, n->criteria[c->first]);
            pw_tb_add(t, "<BR/>");
            html_text(t, pw_tb_str(&line), WRAP_SMALL);
        } else {
            pw_tb_add(t, "<BR/>");
            pw_tb_add(t, c->mode == PW_CRITERIA_ALL ? "\xe2\x80\xa2 <I>all of:</I>"
                                                   : "\xe2\x80\xa2 <I>any of:</I>");
            for (size_t k = c->first; k < c->first + c->count; k++) {
                pw_tb_truncate(&line, 0);
                pw_tb_add(&line, "\xc2\xa0\xc2\xa0\xe2\x80\x93 "); /* two U+00A0, U+2013 */
                pw_tb_add(&line, n->criteria[k]);
                pw_tb_add(t, "<BR/>");
                html_text(t, pw_tb_str(&line), WRAP_SMALL);
            }
        }
        pw_tb_free(&line);
    }
    pw_tb_add(t, "</FONT></TD></TR>");
}

/* "4. Title": the number the checklist gives the node (html.c's
 * item_heading), so that a reader can go from a box to its item and
 * back. Wrapped with the title, the wrap widened by the number's width
 * ("4. " is 3), so that a title breaks where it did without its number;
 * the space after the number is a no-break space (U+00A0), so the number
 * never stands on a line alone. */
static void numbered_title(pw_text_buf *t, const pw_gnode *n)
{
    pw_text_buf title = {0};
    pw_tb_printf(&title, "%d.", n->index + 1);
    int width = (int)title.n + 1 + (n->kind == PW_QUESTION ? WRAP_QUESTION : WRAP_TITLE);
    pw_tb_add(&title, "\xc2\xa0"); /* U+00A0 */
    pw_tb_add(&title, n->title ? n->title : n->id);
    html_text(t, pw_tb_str(&title), width);
    pw_tb_free(&title);
}

/* The letter of the pathway's source document i in the diagram: A to Z,
 * then S27, S28, ... (the key lists them). */
static void source_letter(char *buf, size_t size, size_t i)
{
    if (i < 26)
        snprintf(buf, size, "%c", (char)('A' + i));
    else
        snprintf(buf, size, "S%zu", i + 1);
}

static void node_label(drawing *b, size_t i, bool start)
{
    pw_text_buf *t = &b->tmp;
    const pw_gnode *n = &b->g->nodes[i];
    bool emergency = n->kind == PW_OUTCOME && n->outcome == PW_OUTCOME_EMERGENCY;
    pw_tb_truncate(t, 0);
    pw_tb_add(t, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"1\">");
    badges(t, n, start);
    if (n->kind == PW_OUTCOME && !emergency)
        outcome_header(t, n);
    pw_tb_add(t, emergency ? "<TR><TD><FONT POINT-SIZE=\"11\"><B>" : "<TR><TD><B>");
    numbered_title(t, n);
    pw_tb_add(t, emergency ? "</B></FONT></TD></TR>" : "</B></TD></TR>");
    if (n->kind == PW_QUESTION && n->scored)
        pw_tb_printf(t, "<TR><TD><FONT POINT-SIZE=\"9\">Score %ld–%ld</FONT></TD></TR>",
                  (long)n->score_lo, (long)n->score_hi);
    size_t before = t->n;
    pw_tb_add(t, "<TR><TD><FONT POINT-SIZE=\"9\"><B>");
    if (timescales(t, n))
        pw_tb_add(t, "</B></FONT></TD></TR>");
    else
        pw_tb_truncate(t, before);
    if (n->personal)
        pw_tb_add(t, "<TR><TD><FONT POINT-SIZE=\"9\"><I>Yours to do: cannot be handed on"
                  "</I></FONT></TD></TR>");
    when_row(t, n, emergency);
    consent_row(t, n, emergency);
    phones(t, n);
    pw_text_buf marker = {0};
    if (node_tbc_marker(&marker, b, i))
        tbc_row(t, pw_tb_str(&marker), WRAP_SMALL, false);
    pw_tb_free(&marker);
    int src = pw_graph_source_of(b->g, n->source.text);
    if (src >= 0) {
        char letter[24];
        source_letter(letter, sizeof letter, (size_t)src);
        pw_tb_printf(t, "<TR><TD><FONT POINT-SIZE=\"8\" COLOR=\"%s\"><I>Source %s</I>"
                        "</FONT></TD></TR>", emergency ? "#ffffff" : SOURCE_INK, letter);
    }
    /* a together's last line leads into its steps, below it in its box */
    if (n->kind == PW_TOGETHER)
        pw_tb_add(t, "<TR><TD><FONT POINT-SIZE=\"9\"><I>Do all of these, in any order:"
                     "</I></FONT></TD></TR>");
    pw_tb_add(t, "</TABLE>");
}

static const char *kind_word(const pw_gnode *n)
{
    static const char *const words[] = {"Step", "Question", "Outcome", "Together"};
    return words[(unsigned)n->kind <= PW_TOGETHER ? n->kind : PW_STEP];
}

static const char *title_or_id(const pw_gnode *n)
{
    return n->title ? n->title : n->id;
}

static void tip_contact(pw_text_buf *t, const pw_contact *c)
{
    tip_line(t, "Contact", c->title ? c->title : c->id);
    const char *const key[] = {", phone ", ", email ", ", web ", ", hours ", " — "};
    const char *val[] = {c->phone.text, c->email.text, c->url.text,
                         c->hours.text, c->note.text};
    for (size_t i = 0; i < 5; i++) {
        if (val[i]) {
            pw_tb_add(t, key[i]);
            tip_text(t, val[i]);
        }
    }
    for (size_t i = 0; i < c->tbc.n; i++) {
        pw_tb_add(t, "; to be confirmed: ");
        tip_text(t, c->tbc.at[i]);
    }
    if (c->out_of_hours) {
        pw_tb_add(t, "; out of hours: ");
        tip_text(t, c->out_of_hours->title);
        if (c->out_of_hours->phone.text) {
            pw_tb_add(t, ", phone ");
            tip_text(t, c->out_of_hours->phone.text);
        }
    }
}

/* A question's criteria, one a line; a nested list's texts indented
 * under a line that says its kind. */
static void tip_criteria(pw_text_buf *t, const pw_gnode *n)
{
    if (!n->ncitems)
        return;
    tip_line(t, "Criteria", n->criteria_mode == PW_CRITERIA_ALL ? "all of" : "any of");
    for (size_t i = 0; i < n->ncitems; i++) {
        const pw_gcriterion *c = &n->citems[i];
        if (c->mode == PW_CRITERIA_NONE) {
            tip_line(t, "-", n->criteria[c->first]);
            continue;
        }
        tip_line(t, "-", c->mode == PW_CRITERIA_ALL ? "all of these:" : "any of these:");
        for (size_t k = c->first; k < c->first + c->count; k++)
            tip_line(t, "   -", n->criteria[k]);
    }
}

/* Everything the node says that the label leaves out. */
static void tip_details(pw_text_buf *t, const pw_graph *g, const pw_gnode *n)
{
    tip_line(t, "When", n->when.text);
    tip_criteria(t, n);
    for (size_t i = 0; i < n->ndos; i++)
        tip_line(t, "Do", n->dos[i]);
    tip_line(t, "Record", n->record.text);
    for (size_t i = 0; i < n->nforms; i++) {
        const pw_form *f = n->forms[i];
        tip_line(t, "Form", f->title ? f->title : f->id);
        for (size_t k = 0; k < f->tbc.n; k++) {
            pw_tb_add(t, "; to be confirmed: ");
            tip_text(t, f->tbc.at[k]);
        }
    }
    for (size_t i = 0; i < n->ncontacts; i++)
        tip_contact(t, n->contacts[i]);
    if (n->consent != PW_CONSENT_NONE) {
        tip_line(t, "Consent", n->consent == PW_CONSENT_NOT_STATED
                                   ? "not stated — ask your DSL"
                                   : pw_consent_name(n->consent));
        if (n->consent_text.text) {
            pw_tb_add(t, ": ");
            tip_text(t, n->consent_text.text);
        }
    }
    if (n->personal)
        tip_line(t, "Personal", "this duty cannot be handed to someone else");
    tip_line(t, "Note", n->note.text);
    for (size_t i = 0; i < n->tbc.n; i++)
        tip_line(t, "To be confirmed", n->tbc.at[i]);
    for (size_t i = 0; i < n->nalso; i++) {
        const pw_galso *a = &n->also[i];
        tip_line(t, "Also", a->node >= 0 ? g->nodes[a->node].title
                            : a->pathway_title ? a->pathway_title : a->pathway);
        if (a->why) {
            pw_tb_add(t, " (");
            tip_text(t, a->why);
            pw_tb_add(t, ")");
        }
    }
    tip_line(t, "Source", n->source.text);
    tip_line(t, "Source web address", n->source_url.text);
}

static void node_tooltip(pw_text_buf *t, const pw_graph *g, const pw_gnode *n)
{
    pw_tb_truncate(t, 0);
    tip_line(t, kind_word(n), n->title ? n->title : n->id);
    if (n->kind == PW_OUTCOME)
        tip_line(t, "Kind", outcome_style(n->outcome).word);
    if (n->stage >= 0)
        tip_line(t, "Stage", g->stages[n->stage].title);
    if (n->parent >= 0)
        tip_line(t, "Part of", title_or_id(&g->nodes[n->parent]));
    if (n->by)
        tip_line(t, "By", n->by->title ? n->by->title : n->by->id);
    else
        tip_line(t, "By", n->by_text.text);
    if (n->urgency != PW_URGENCY_NONE)
        tip_line(t, "Urgency", pw_urgency_name(n->urgency));
    size_t before = t->n;
    tip_line(t, "Timescale", "");
    if (!timescales(t, n))
        pw_tb_truncate(t, before);
    tip_details(t, g, n);
}

/* Shape and colour: the node's kind by its shape, an outcome's kind by
 * its colour (and in words in the label), an emergency by both. */
static void node_look(Agnode_t *v, const pw_gnode *n)
{
    if (n->kind == PW_QUESTION) {
        set(v, "shape", "diamond");
        set(v, "fillcolor", "#e3f2fd");
        set(v, "color", "#1565c0");
        set(v, "margin", "0.02,0.02");
    } else if (n->kind == PW_STEP) {
        set(v, "style", "rounded,filled");
    } else if (n->outcome == PW_OUTCOME_EMERGENCY) {
        set(v, "shape", "doubleoctagon");
        set(v, "fillcolor", EMERGENCY_FILL);
        set(v, "color", "#7f0000");
        set(v, "fontcolor", "#ffffff");
        set(v, "penwidth", "2.5");
        set(v, "margin", "0,0");
    } else {
        outcome_look look = outcome_style(n->outcome);
        set(v, "peripheries", "2");
        set(v, "fillcolor", look.fill);
        set(v, "color", look.line);
        set(v, "penwidth", "1.5");
    }
}

/* A node's box links to its step in the checklist, when the build writes
 * one beside the drawing. */
static void link_to_item(drawing *b, void *obj, const pw_gnode *n)
{
    if (!b->checklist)
        return;
    pw_tb_truncate(&b->tmp, 0);
    pw_tb_printf(&b->tmp, "%s#item-%s", b->checklist, n->id);
    set(obj, "URL", pw_tb_str(&b->tmp));
}

static void criteria_look(Agnode_t *v)
{
    set(v, "shape", "note");
    set(v, "style", "filled");
    set(v, "fillcolor", "#f4f9fe");
    set(v, "color", "#1565c0");
    set(v, "margin", "0.1,0.05");
}

/* A question's criteria: a note under its diamond, joined to it by a
 * dotted line. Inside the diamond they would make it twice as wide and
 * twice as tall as the list (a diamond's box is twice its label's). Not
 * held on the diamond's row with rank=same: with it, Graphviz 2.42's
 * flat_edges freed memory it still used on some pathways (e.g.
 * tests/errors/authors/base.pathway), and the build aborted. */
static void criteria_note(drawing *b, size_t i, Agraph_t *parent, Agnode_t *question)
{
    const pw_gnode *n = &b->g->nodes[i];
    pw_text_buf *t = &b->tmp;
    pw_tb_truncate(t, 0);
    pw_tb_printf(t, "criteria:%s", n->id); /* ':' is in no node id */
    Agnode_t *v = agnode(parent, pw_tb_str(t), 1);
    pw_tb_truncate(t, 0);
    pw_tb_add(t, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">");
    criteria_rows(t, n);
    pw_tb_add(t, "</TABLE>");
    set_html(b->root, v, "label", t);
    set_fmt(v, "id", t, "criteria-%s", n->id);
    pw_tb_truncate(&b->tip, 0);
    tip_criteria(&b->tip, n);
    set(v, "tooltip", pw_tb_str(&b->tip));
    link_to_item(b, v, n);
    criteria_look(v);
    Agedge_t *e = agedge(b->root, question, v, NULL, 1);
    set(e, "dir", "none");
    set(e, "style", "dotted");
    set(e, "color", "#1565c0");
    set_fmt(e, "id", t, "criteria-of-%s", n->id);
    pw_tb_truncate(&b->tip, 0);
    tip_line(&b->tip, "Criteria of", n->title ? n->title : n->id);
    set(e, "tooltip", pw_tb_str(&b->tip));
}

/* The name of together i's cluster, for an edge's lhead or ltail. */
static const char *together_name(drawing *b, int i)
{
    pw_tb_truncate(&b->tmp, 0);
    pw_tb_printf(&b->tmp, "cluster_together_%s", b->g->nodes[i].id);
    return pw_tb_str(&b->tmp);
}

/* A together: a box around its steps, which stand side by side in it in
 * source order (invisible edges keep the order), labelled as a node is,
 * with "Do all of these, in any order". Its edges join at the box (see
 * edge_ends). */
static void add_together(drawing *b, size_t i, Agraph_t *parent)
{
    const pw_gnode *n = &b->g->nodes[i];
    Agraph_t *c = agsubg(parent, (char *)together_name(b, (int)i), 1);
    b->together[i] = c;
    node_label(b, i, (int)i == b->g->start);
    set_html(b->root, c, "label", &b->tmp);
    node_tooltip(&b->tip, b->g, n);
    set(c, "tooltip", pw_tb_str(&b->tip));
    set_fmt(c, "id", &b->tmp, "together-%s", n->id);
    link_to_item(b, c, n);
    set(c, "style", "rounded,filled");
    set(c, "fillcolor", "#f3effa");
    set(c, "color", "#5b3f8c");
    set(c, "penwidth", "1.5");
    set(c, "margin", "8");
    set(c, "labeljust", "c");
    pw_tb_truncate(&b->tmp, 0);
    pw_tb_printf(&b->tmp, "steps_%s", n->id);
    b->row[i] = agsubg(c, (char *)pw_tb_str(&b->tmp), 1);
    set(b->row[i], "rank", "same");
    set(b->root, "compound", "true");
}

/* The graph node i is drawn in: its together's row, its stage, or the
 * pathway's cluster. */
static Agraph_t *parent_of(drawing *b, const pw_gnode *n)
{
    if (n->parent >= 0 && b->row[n->parent])
        return b->row[n->parent];
    return n->stage >= 0 ? stage_cluster(b, n->stage) : b->top;
}

/* Each together's node is its first step, and its steps keep their
 * order: made once every node is. */
static void join_togethers(drawing *b)
{
    const pw_graph *g = b->g;
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *n = &g->nodes[i];
        if (!b->together[i] || !n->ninner)
            continue;
        b->node[i] = b->node[n->inner[0]];
        for (size_t k = 1; k < n->ninner; k++) {
            Agnode_t *x = b->node[n->inner[k - 1]], *y = b->node[n->inner[k]];
            if (x && y)
                set(agedge(b->root, x, y, NULL, 1), "style", "invis");
        }
    }
}

static void add_nodes(drawing *b)
{
    const pw_graph *g = b->g;
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *n = &g->nodes[i];
        if (n->duplicate || !n->id || agnode(b->root, (char *)n->id, 0))
            continue;
        Agraph_t *parent = parent_of(b, n);
        if (n->kind == PW_TOGETHER) {
            add_together(b, i, parent);
            continue;
        }
        Agnode_t *v = agnode(parent, (char *)n->id, 1);
        b->node[i] = v;
        node_label(b, i, (int)i == g->start);
        set_html(b->root, v, "label", &b->tmp);
        node_tooltip(&b->tip, g, n);
        set(v, "tooltip", pw_tb_str(&b->tip));
        set_fmt(v, "id", &b->tmp, "node-%s", n->id);
        link_to_item(b, v, n);
        node_look(v, n);
        if (n->kind == PW_QUESTION && n->ncitems)
            criteria_note(b, i, parent, v);
    }
    join_togethers(b);
}

/* ---- edges ----------------------------------------------------------- */

/* An edge from or to a together is drawn from or to a step inside it
 * and clipped at its box (ltail, lhead: the root is compound), so that it
 * leaves or enters the box, not the step; but not an edge that stays
 * inside one box (Graphviz would refuse its ends). to is PW_NO_NODE for
 * another pathway. */
static void edge_ends(drawing *b, Agedge_t *e, int from, int to)
{
    int tail_in = b->g->nodes[from].parent, head_in = to >= 0 ? b->g->nodes[to].parent : -1;
    if (b->together[from] && from != to && head_in != from)
        set(e, "ltail", together_name(b, from));
    if (to >= 0 && b->together[to] && from != to && tail_in != to)
        set(e, "lhead", together_name(b, to));
}

/* ---- connectors ------------------------------------------------------ */

enum { CONNECTOR_TITLE_BYTES = 48 };

/* The look of a connector: its target's fill and line, in a shape no node
 * has (cds: a box with an arrow's point), so it is never taken for the
 * target itself. */
static void connector_look(Agnode_t *v, const pw_gnode *t)
{
    const char *fill = "#ffffff", *line = "#000000";
    if (!t) {
        set(v, "style", "dashed,filled");
        fill = "#f5f5f5";
    } else if (t->kind == PW_QUESTION) {
        fill = "#e3f2fd";
        line = "#1565c0";
    } else if (t->kind == PW_TOGETHER) {
        fill = "#f3effa";
        line = "#5b3f8c";
    } else if (t->kind == PW_OUTCOME) {
        outcome_look look = outcome_style(t->outcome);
        fill = look.fill;
        line = look.line;
        if (t->outcome == PW_OUTCOME_EMERGENCY) {
            line = "#7f0000";
            set(v, "fontcolor", "#ffffff");
            set(v, "penwidth", "2");
        }
    }
    set(v, "shape", "cds");
    set(v, "fillcolor", fill);
    set(v, "color", line);
    set(v, "margin", "0.14,0.03"); /* room for the point */
}

/* A connector from node i: a small box beside it that stands for the
 * target it leads to, drawn once elsewhere (layout_plan.h): "Go to" and
 * the target's number and title, linked to the target in the drawing.
 * to is the target node, or PW_NO_NODE for another pathway (id, title). */
static Agnode_t *connector_node(drawing *b, size_t i, int to, const char *pathway,
                                const char *pathway_title)
{
    const pw_gnode *src = &b->g->nodes[i], *t = to >= 0 ? &b->g->nodes[to] : NULL;
    size_t k = ++b->nconnectors[i];
    pw_text_buf *x = &b->tmp;
    pw_tb_truncate(x, 0);
    pw_tb_printf(x, "goto:%s.%zu", src->id, k); /* ':' is in no node id */
    Agraph_t *parent = src->stage >= 0 ? stage_cluster(b, src->stage) : b->top;
    Agnode_t *v = agnode(parent, pw_tb_str(x), 1);
    pw_tb_truncate(x, 0);
    pw_tb_printf(x, "connector-%s.%zu", src->id, k);
    set(v, "id", pw_tb_str(x));
    pw_tb_truncate(x, 0);
    if (t)
        pw_tb_printf(x, "#%s-%s", t->kind == PW_TOGETHER ? "together" : "node", t->id);
    else
        pw_tb_printf(x, "#other-pathway-%s", pathway);
    set(v, "URL", pw_tb_str(x));
    pw_text_buf title = {0};
    if (t)
        pw_tb_printf(&title, "%d.\xc2\xa0", t->index + 1); /* U+00A0 */
    shortened(&title, t ? title_or_id(t) : pathway_title ? pathway_title : pathway,
              CONNECTOR_TITLE_BYTES);
    pw_tb_truncate(x, 0);
    pw_tb_printf(x, "<FONT POINT-SIZE=\"8\"><I>%s</I></FONT><BR/><FONT POINT-SIZE=\"9\"><B>",
                 t ? "Go to" : "Go to another pathway");
    html_text(x, pw_tb_str(&title), WRAP_EDGE);
    pw_tb_add(x, "</B></FONT>");
    set_html(b->root, v, "label", x);
    pw_tb_truncate(&title, 0); /* the tooltip says it whole */
    if (t)
        pw_tb_printf(&title, "%d. ", t->index + 1);
    pw_tb_add(&title, t ? title_or_id(t) : pathway_title ? pathway_title : pathway);
    pw_tb_truncate(&b->tip, 0);
    tip_line(&b->tip, t ? "Go to" : "Go to another pathway", pw_tb_str(&title));
    set(v, "tooltip", pw_tb_str(&b->tip));
    pw_tb_free(&title);
    connector_look(v, t);
    return v;
}

/* A new edge from node i to node `to` (NULL when either was left out),
 * or to a connector for it when the plan says so; drawn red and heavy
 * when it leads to an emergency outcome. */
static Agedge_t *edge_to(drawing *b, size_t i, int to, bool connector)
{
    if (to < 0 || !b->node[i] || !b->node[to])
        return NULL;
    Agnode_t *head = connector ? connector_node(b, i, to, NULL, NULL) : b->node[to];
    Agedge_t *e = agedge(b->root, b->node[i], head, NULL, 1);
    edge_ends(b, e, (int)i, connector ? PW_NO_NODE : to);
    if (is_emergency(b->g, to)) {
        set(e, "color", RED);
        set(e, "fontcolor", RED);
        set(e, "penwidth", "3");
        set(e, "arrowsize", "1");
    }
    return e;
}

/* A short edge label: the text in bold for the emergency route. */
static void edge_label(drawing *b, Agedge_t *e, bool strong, const char *text)
{
    pw_text_buf *t = &b->tmp;
    pw_tb_truncate(t, 0);
    pw_tb_add(t, strong ? "<FONT POINT-SIZE=\"10\"><B>" : "<FONT POINT-SIZE=\"9\">");
    html_text(t, text, WRAP_EDGE);
    pw_tb_add(t, strong ? "</B></FONT>" : "</FONT>");
    set_html(b->root, e, "label", t);
}

static void edge_tip(drawing *b, Agedge_t *e, const char *key, const char *value,
                     int to)
{
    pw_tb_truncate(&b->tip, 0);
    if (value) {
        tip_line(&b->tip, key, value);
        tip_line(&b->tip, "Leads to", b->g->nodes[to].title);
    } else {
        tip_line(&b->tip, key, b->g->nodes[to].title);
    }
    set(e, "tooltip", pw_tb_str(&b->tip));
}

static void add_answers(drawing *b, size_t i)
{
    const pw_gnode *n = &b->g->nodes[i];
    pw_text_buf band = {0};
    for (size_t k = 0; k < n->nanswers; k++) {
        const pw_edge *a = &n->answers[k];
        Agedge_t *e = edge_to(b, i, a->target, pw_plan_answer(&b->plan, i, k));
        if (!e)
            continue;
        /* a band: its range, and its label when it has one */
        pw_tb_truncate(&band, 0);
        if (a->banded) {
            pw_tb_printf(&band, "%ld–%ld", (long)a->lo, (long)a->hi);
            if (a->label) {
                pw_tb_add(&band, ": ");
                pw_tb_add(&band, a->label);
            }
        }
        const char *text = a->banded ? pw_tb_str(&band) : a->label ? a->label : a->id;
        edge_label(b, e, is_emergency(b->g, a->target), text);
        edge_tip(b, e, a->banded ? "Score" : "Answer", text, a->target);
        pw_tb_truncate(&b->tmp, 0);
        if (a->banded)
            pw_tb_printf(&b->tmp, "answer-%s.%ld-%ld", n->id, (long)a->lo, (long)a->hi);
        else
            pw_tb_printf(&b->tmp, "answer-%s.%s", n->id, a->id ? a->id : "");
        set(e, "id", pw_tb_str(&b->tmp));
    }
    pw_tb_free(&band);
}

/* The node standing for another pathway an `also` names. */
static Agnode_t *pathway_node(drawing *b, const char *id, const char *title)
{
    pw_text_buf *t = &b->tmp;
    pw_tb_truncate(t, 0);
    pw_tb_printf(t, "pathway:%s", id); /* ':' is in no node id */
    Agnode_t *v = agnode(b->root, pw_tb_str(t), 0);
    if (v)
        return v;
    v = agnode(b->top, pw_tb_str(t), 1);
    pw_tb_truncate(t, 0);
    pw_tb_add(t, "<FONT POINT-SIZE=\"8\"><I>Another pathway</I></FONT><BR/><B>");
    html_text(t, title ? title : id, WRAP_TITLE);
    pw_tb_add(t, "</B>");
    set_html(b->root, v, "label", t);
    set_fmt(v, "id", t, "other-pathway-%s", id);
    pw_tb_truncate(&b->tip, 0);
    tip_line(&b->tip, "Pathway", title ? title : id);
    set(v, "tooltip", pw_tb_str(&b->tip));
    set(v, "shape", "tab");
    set(v, "style", "dashed,filled");
    return v;
}

/* `also`: work beside the pathway, not instead of it, so dashed. */
static void add_also(drawing *b, size_t i)
{
    const pw_gnode *n = &b->g->nodes[i];
    for (size_t k = 0; k < n->nalso; k++) {
        const pw_galso *a = &n->also[k];
        Agedge_t *e;
        bool connector = pw_plan_also(&b->plan, b->g, i, k);
        if (a->node >= 0)
            e = edge_to(b, i, a->node, connector);
        else if (a->pathway && b->node[i]) {
            Agnode_t *head = connector
                ? connector_node(b, i, PW_NO_NODE, a->pathway, a->pathway_title)
                : pathway_node(b, a->pathway, a->pathway_title);
            e = agedge(b->root, b->node[i], head, NULL, 1);
            edge_ends(b, e, (int)i, PW_NO_NODE);
        } else
            continue;
        if (!e)
            continue;
        set(e, "style", "dashed");
        pw_text_buf *t = &b->tmp;
        pw_tb_truncate(t, 0);
        pw_tb_add(t, "<FONT POINT-SIZE=\"9\"><I>also");
        if (a->why) {
            pw_tb_add(t, ":<BR/>");
            html_text(t, a->why, WRAP_EDGE);
        }
        pw_tb_add(t, "</I></FONT>");
        set_html(b->root, e, "label", t);
        pw_tb_truncate(&b->tip, 0);
        tip_line(&b->tip, "Also", a->node >= 0 ? b->g->nodes[a->node].title
                              : a->pathway_title ? a->pathway_title : a->pathway);
        tip_line(&b->tip, "When", a->why);
        set(e, "tooltip", pw_tb_str(&b->tip));
        pw_tb_truncate(t, 0);
        pw_tb_printf(t, "also-%s.%lu", n->id, (unsigned long)k + 1);
        set(e, "id", pw_tb_str(t));
    }
}

static void add_edges(drawing *b)
{
    const pw_graph *g = b->g;
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *n = &g->nodes[i];
        if (!b->node[i])
            continue;
        /* a step's, a together's, an emergency outcome's that goes on */
        Agedge_t *e = n->next >= 0 ? edge_to(b, i, n->next, pw_plan_next(&b->plan, i)) : NULL;
        if (e) {
            if (n->kind == PW_OUTCOME)
                edge_label(b, e, false, "once you have called 999");
            edge_tip(b, e, "Next", NULL, n->next);
            set_fmt(e, "id", &b->tmp, "next-%s", n->id);
        }
        add_answers(b, i);
        add_also(b, i);
    }
}

/* ---- the key --------------------------------------------------------- */

static Agnode_t *key_node(drawing *b, Agraph_t *key, const char *name,
                          const char *html)
{
    Agnode_t *v = agnode(key, (char *)name, 1);
    pw_tb_truncate(&b->tmp, 0);
    pw_tb_add(&b->tmp, html);
    set_html(b->root, v, "label", &b->tmp);
    set_fmt(v, "id", &b->tmp, "key-%s", name + 5);
    return v;
}

static Agedge_t *key_edge(drawing *b, Agnode_t *from, Agnode_t *to, const char *html)
{
    Agedge_t *e = agedge(b->root, from, to, NULL, 1);
    if (html) {
        pw_tb_truncate(&b->tmp, 0);
        pw_tb_add(&b->tmp, html);
        set_html(b->root, e, "label", &b->tmp);
    }
    return e;
}

/* One numbered text of the key's list of what is to be confirmed,
 * after the name of the contact or form it is about (NULL: none). */
static void key_tbc_line(pw_text_buf *t, size_t number, const char *about,
                         const char *text)
{
    pw_text_buf line = {0};
    if (about) {
        pw_tb_add(&line, about);
        pw_tb_add(&line, ": ");
    }
    pw_tb_add(&line, text);
    pw_tb_printf(t, "<TR><TD ALIGN=\"RIGHT\" VALIGN=\"TOP\"><B>%zu</B></TD>"
                    "<TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">", number);
    html_text(t, pw_tb_str(&line), WRAP_NOTE);
    pw_tb_add(t, "</TD></TR>");
    pw_tb_free(&line);
}

static void key_tbc_texts(pw_text_buf *t, const pw_texts *texts, size_t first,
                          const char *about)
{
    for (size_t i = 0; i < texts->n; i++)
        key_tbc_line(t, first + i, about, texts->at[i]);
}

/* The key's list of what is to be confirmed, in the order of the numbers
 * the markers give: a note under the key, in the pale amber of the
 * markers. */
static Agnode_t *key_tbc(drawing *b, Agraph_t *key)
{
    const pw_graph *g = b->g;
    pw_text_buf *t = &b->tmp;
    pw_tb_truncate(t, 0);
    pw_tb_add(t, "<FONT POINT-SIZE=\"8\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                 "CELLSPACING=\"0\" CELLPADDING=\"1\"><TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" "
                 "BGCOLOR=\"" TBC_FILL "\"><FONT COLOR=\"" TBC_INK "\"><B>To be confirmed: "
                 "<I>n</I></B></FONT></TD></TR><TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" "
                 "BALIGN=\"LEFT\">what the source does not say:</TD></TR>");
    key_tbc_texts(t, &g->meta[PW_F_PATHWAY_TBC].texts, b->tbc.pathway, NULL);
    for (size_t i = 0; i < g->nstages; i++)
        key_tbc_texts(t, &g->stages[i].tbc, b->tbc.stage[i], NULL);
    for (size_t i = 0; i < g->nnodes; i++)
        key_tbc_texts(t, &g->nodes[i].tbc, b->tbc.node[i], NULL);
    for (size_t i = 0; i < g->ncontacts; i++) {
        const pw_contact *c = g->contacts[i];
        const tbc_owner *o = tbc_owner_of(&b->tbc, c);
        if (o)
            key_tbc_texts(t, &c->tbc, o->first, c->title ? c->title : c->id);
    }
    for (size_t i = 0; i < g->nforms; i++) {
        const pw_form *f = g->forms[i];
        const tbc_owner *o = tbc_owner_of(&b->tbc, f);
        if (o)
            key_tbc_texts(t, &f->tbc, o->first, f->title ? f->title : f->id);
    }
    pw_tb_add(t, "</TABLE></FONT>");
    Agnode_t *v = agnode(key, "@key-tbc", 1);
    set_html(b->root, v, "label", t);
    set(v, "id", "key-tbc");
    set(v, "shape", "note");
    set(v, "fillcolor", "#fffdf5");
    set(v, "color", TBC_INK);
    return v;
}

/* The key's list of the documents the pathway is written from, each
 * after the letter its nodes' "Source" lines give. */
static Agnode_t *key_sources(drawing *b, Agraph_t *key)
{
    const pw_gfield *m = &b->g->meta[PW_F_PATHWAY_SOURCE];
    pw_text_buf *t = &b->tmp;
    pw_tb_truncate(t, 0);
    pw_tb_add(t, "<FONT POINT-SIZE=\"8\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                 "CELLSPACING=\"0\" CELLPADDING=\"1\"><TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">"
                 "<B>Sources</B></TD></TR><TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" "
                 "BALIGN=\"LEFT\">what this pathway is written from:</TD></TR>");
    for (size_t i = 0; i < m->nsources; i++) {
        char letter[24];
        source_letter(letter, sizeof letter, i);
        pw_tb_printf(t, "<TR><TD ALIGN=\"RIGHT\" VALIGN=\"TOP\"><I>%s</I></TD>"
                        "<TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">", letter);
        html_text(t, m->sources[i].text.text, WRAP_NOTE);
        pw_tb_add(t, "</TD></TR>");
    }
    pw_tb_add(t, "</TABLE></FONT>");
    Agnode_t *v = agnode(key, "@key-sources", 1);
    set_html(b->root, v, "label", t);
    set(v, "id", "key-sources");
    set(v, "shape", "note");
    set(v, "color", SOURCE_INK);
    return v;
}

/* What the diagram draws, so that the key shows every style it uses and
 * none it does not. */
typedef struct styles_used {
    bool question, criteria, step, together, stage, also;
    bool outcome[PW_OUTCOME_NO_FURTHER_ACTION + 1];
} styles_used;

static styles_used styles_of(const pw_graph *g)
{
    styles_used u = {.stage = g->nstages > 0};
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *n = &g->nodes[i];
        u.question |= n->kind == PW_QUESTION;
        u.criteria |= n->kind == PW_QUESTION && n->ncitems > 0;
        u.step |= n->kind == PW_STEP;
        u.together |= n->kind == PW_TOGETHER;
        u.also |= n->nalso > 0;
        if (n->kind == PW_OUTCOME && (unsigned)n->outcome <= PW_OUTCOME_NO_FURTHER_ACTION)
            u.outcome[n->outcome] = true;
    }
    return u;
}

/* Adds v below *last in the key's column (an invisible edge keeps the
 * order), unless an edge already joins them. */
static void key_below(drawing *b, Agnode_t **last, Agnode_t *v)
{
    if (*last)
        set(key_edge(b, *last, v, NULL), "style", "invis");
    *last = v;
}

/* A narrow column of small nodes showing each shape, fill and line the
 * diagram uses, with its meaning, and none it does not use; small so that
 * it can stand beside the pathway on A4 portrait without making the ranks
 * it shares taller. Node names start with '@', which no node id can. */
static void add_key(drawing *b)
{
    styles_used u = styles_of(b->g);
    Agraph_t *key = agsubg(b->top, "cluster_key", 1);
    pw_tb_truncate(&b->tmp, 0);
    pw_tb_add(&b->tmp, "<B>Key</B>");
    set_html(b->root, key, "label", &b->tmp);
    set(key, "id", "key");
    set(key, "labeljust", "l");
    set(key, "margin", "12");
    set(key, "style", "rounded");
    set(key, "color", "#90a4ae");
    Agnode_t *last = NULL, *q = NULL, *s = NULL, *first_outcome = NULL;
    if (u.question) {
        q = key_node(b, key, "@key-question", "<FONT POINT-SIZE=\"8\">Question</FONT>");
        node_look(q, &(pw_gnode){.kind = PW_QUESTION});
        last = q;
    }
    if (u.step) {
        s = key_node(b, key, "@key-step", "<FONT POINT-SIZE=\"8\">Step: do this</FONT>");
        node_look(s, &(pw_gnode){.kind = PW_STEP});
        if (q) {
            key_edge(b, q, s, "<FONT POINT-SIZE=\"8\">answer</FONT>");
            last = s;
        } else {
            key_below(b, &last, s);
        }
    }
    if (u.criteria) {
        Agnode_t *c = key_node(b, key, "@key-criteria",
                               "<FONT POINT-SIZE=\"8\">Criteria: what a<BR/>question asks about</FONT>");
        criteria_look(c);
        key_below(b, &last, c);
    }
    for (int k = PW_OUTCOME_REFERRAL; k <= PW_OUTCOME_NO_FURTHER_ACTION; k++) {
        if (!u.outcome[k])
            continue;
        outcome_look look = outcome_style((pw_outcome_kind)k);
        pw_text_buf name = {0}, html = {0};
        pw_tb_printf(&name, "@key-outcome-%s", pw_word_spelling(PW_WORDS_OUTCOME, k));
        pw_tb_printf(&html, "<FONT POINT-SIZE=\"8\">Outcome: %s%s</FONT>", look.word,
                     first_outcome ? "" : "<BR/>(the pathway ends here)");
        Agnode_t *o = key_node(b, key, pw_tb_str(&name), pw_tb_str(&html));
        node_look(o, &(pw_gnode){.kind = PW_OUTCOME, .outcome = (pw_outcome_kind)k});
        pw_tb_free(&name);
        pw_tb_free(&html);
        if (!first_outcome && u.also && (s || q)) {
            Agedge_t *e = key_edge(b, s ? s : q, o, "<FONT POINT-SIZE=\"8\"><I>also: as well,"
                                                  "<BR/>not instead</I></FONT>");
            set(e, "style", "dashed");
            if (last != (s ? s : q))
                set(key_edge(b, last, o, NULL), "style", "invis");
            last = o;
        } else {
            key_below(b, &last, o);
        }
        if (!first_outcome)
            first_outcome = o;
    }
    if (u.outcome[PW_OUTCOME_EMERGENCY]) {
        Agnode_t *x = key_node(b, key, "@key-emergency",
                               "<FONT POINT-SIZE=\"8\"><B>Emergency</B>: act now;<BR/>"
                               "red arrows lead here</FONT>");
        node_look(x, &(pw_gnode){.kind = PW_OUTCOME, .outcome = PW_OUTCOME_EMERGENCY});
        key_below(b, &last, x);
    }
    if (u.together) {
        Agnode_t *t = key_node(b, key, "@key-together",
                               "<FONT POINT-SIZE=\"8\">Together: do all of<BR/>"
                               "these, in any order</FONT>");
        set(t, "style", "rounded,filled");
        set(t, "fillcolor", "#f3effa");
        set(t, "color", "#5b3f8c");
        set(t, "penwidth", "1.5");
        key_below(b, &last, t);
    }
    if (b->plan.nconnectors) {
        Agnode_t *c = key_node(b, key, "@key-connector",
                               "<FONT POINT-SIZE=\"8\">Go to: the route goes on<BR/>"
                               "at the box of this number</FONT>");
        connector_look(c, &(pw_gnode){.kind = PW_STEP});
        key_below(b, &last, c);
    }
    if (u.stage) {
        Agnode_t *st = key_node(b, key, "@key-stage",
                                "<FONT POINT-SIZE=\"8\">Stage: a part of<BR/>the pathway</FONT>");
        set(st, "style", "rounded,filled");
        set(st, "fillcolor", "#f5f7fa");
        set(st, "color", "#90a4ae");
        key_below(b, &last, st);
    }
    /* The two notes, which can be long, stand side by side below the
     * pathway, on a row of their own (an invisible arrow from a node on
     * its last row, two rows long, puts them there): in the key's column
     * they shared rows with the pathway, and a row as tall as a note drew
     * the pathway's arrows across it long and empty. */
    bool tbc = b->tbc.total > 0, sources = b->g->meta[PW_F_PATHWAY_SOURCE].nsources > 0;
    if (!tbc && !sources)
        return;
    Agraph_t *notes = agsubg(b->top, "notes", 1);
    set(notes, "rank", "same");
    Agnode_t *first = tbc ? key_tbc(b, notes) : NULL;
    Agnode_t *second = sources ? key_sources(b, notes) : NULL;
    if (first && second) /* the list of what is to be confirmed first */
        set(key_edge(b, first, second, NULL), "style", "invis");
    if (!first)
        first = second;
    int deepest = b->plan.deepest;
    if (deepest >= 0 && b->node[deepest]) {
        Agedge_t *e = key_edge(b, b->node[deepest], first, NULL);
        set(e, "style", "invis");
        set(e, "minlen", "2");
    }
}

/* ---- output ---------------------------------------------------------- */

/* The Graphviz graph of g, made with cgraph: owned by the caller (agclose). */
static Agraph_t *make_agraph(const pw_graph *g, const char *checklist)
{
    drawing b = {.g = g, .checklist = checklist};
    Agdisc_t disc = {&AgMemDisc, &creation_order, &AgIoDisc};
    b.root = agopen((char *)(g->id ? g->id : "pathway"), Agdirected, &disc);
    b.stage = pw_xcalloc(g->nstages + 1, sizeof *b.stage);
    b.together = pw_xcalloc(g->nnodes + 1, sizeof *b.together);
    b.row = pw_xcalloc(g->nnodes + 1, sizeof *b.row);
    b.node = pw_xcalloc(g->nnodes + 1, sizeof *b.node);
    b.nconnectors = pw_xcalloc(g->nnodes + 1, sizeof *b.nconnectors);
    pw_layout_plan_make(g, &b.plan);
    graph_defaults(b.root);
    number_tbc(&b);
    graph_title(&b);
    add_nodes(&b);
    add_edges(&b);
    add_key(&b);
    tbc_free(&b.tbc);
    free(b.stage);
    free(b.together);
    free(b.row);
    free(b.node);
    free(b.nconnectors);
    pw_layout_plan_free(&b.plan);
    free(b.tmp.s);
    free(b.tip.s);
    return b.root;
}

/* DOT as cgraph writes it, before any layout. */
static bool write_dot(Agraph_t *dg, char **data, size_t *len)
{
    FILE *fp = open_memstream(data, len);
    if (!fp)
        return false;
    int rc = agwrite(dg, fp);
    bool ok = rc == 0 && !ferror(fp);
    ok = fclose(fp) == 0 && ok;
    return ok;
}

/* One gvc context for the process, made at the first layout: Graphviz
 * 2.42's pango plugin keeps a pointer to the last font name it measured,
 * which lives in its context, and compares it at the next layout even
 * after gvFreeContext freed it (valgrind: an invalid read in strcmp, a
 * use after free under ASan). A context per call is not safe. */
static GVC_t *gv_context;

void pw_diagram_release(void)
{
    if (gv_context)
        gvFreeContext(gv_context);
    gv_context = NULL;
}

/* ---- PNG ------------------------------------------------------------------
 * Graphviz's own PNG ("png:cairo") draws the whole diagram on one image
 * surface of 4 bytes a pixel (37 MB for Prevent at 150 dpi, every page of
 * it new memory to the kernel) and has libpng write it at zlib's default
 * level, five filters tried on every row: measured, seven eighths of a
 * build with PNG (bench/RESULTS.md, "PNG cost (issue 19)"). Here the same
 * cairo renderer draws once into a recording surface, through a device of
 * our own that only notes the size in pixels; the recording is played
 * back a band of rows at a time onto one small image surface, and
 * emit/png.c encodes each band as it comes. Played back onto whole pixels
 * the recording gives exactly the pixels drawing directly does (compared:
 * identical to png:cairo's, put over white). */

typedef struct {
    unsigned width, height;
} png_size;

static const cairo_user_data_key_t png_size_key;

/* The device's format step, when the page is drawn: the size in pixels
 * for the dpi, into the png_size the context carries. */
static void png_note_size(GVJ_t *job)
{
    png_size *size = cairo_get_user_data(job->context, &png_size_key);
    if (size) {
        size->width = job->width;
        size->height = job->height;
    }
}

/* Opens nothing: without it Graphviz would send the device's output to
 * stdout. */
static void png_no_output(GVJ_t *job)
{
    (void)job;
}

/* The device, in a plugin library of one, added to the context once
 * (render): Graphviz takes these tables as not const, and never writes
 * them. */
static gvdevice_engine_t png_device = {png_no_output, png_note_size, NULL};
static gvdevice_features_t png_device_features = {
    GVDEVICE_BINARY_FORMAT | GVDEVICE_DOES_TRUECOLOR, {0., 0.}, {0., 0.},
    {150., 150.}}; /* PNG_DPI: the dpi it draws at */
static gvplugin_installed_t png_devices[] = {
    {0, "pathwayc-png:cairo", 0, &png_device, &png_device_features},
    {0, NULL, 0, NULL, NULL}};
static gvplugin_api_t png_apis[] = {{API_device, png_devices}, {(api_t)0, NULL}};
static gvplugin_library_t png_library = {"pathwayc", png_apis};

enum {
    PNG_DPI = 150,           /* sharp enough to print on A4 */
    PNG_BAND_BYTES = 1 << 19 /* a band: about 512 KiB of pixels */
};

/* The recording, played back band by band into the encoder: a PNG of
 * size pixels, at dpi. */
static bool png_bands(cairo_surface_t *recording, png_size size, unsigned dpi, char **data,
                      size_t *len)
{
    pw_png *png = pw_png_begin(size.width, size.height, dpi ? dpi : 1);
    if (!png)
        return false;
    unsigned rows = PNG_BAND_BYTES / 4 / size.width;
    rows = rows < 16 ? 16 : rows;
    cairo_surface_t *band =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)size.width, (int)rows);
    bool ok = cairo_surface_status(band) == CAIRO_STATUS_SUCCESS;
    for (unsigned y = 0; ok && y < size.height; y += rows) {
        /* SOURCE: each band replaces the last, with no clearing between */
        cairo_t *cr = cairo_create(band);
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
        cairo_set_source_surface(cr, recording, 0, -(double)y);
        cairo_paint(cr);
        ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
        cairo_destroy(cr);
        cairo_surface_flush(band);
        const uint32_t *px = (const uint32_t *)(void *)cairo_image_surface_get_data(band);
        pw_png_rows(png, px, (size_t)cairo_image_surface_get_stride(band) / 4, rows);
    }
    cairo_surface_destroy(band);
    return pw_png_end(png, data, len) && ok;
}

/* The laid-out diagram drawn by Graphviz's cairo renderer into a new
 * recording (*recording, which the caller destroys), scale times its size
 * at PNG_DPI; its size in pixels at PNG_DPI into *size. */
static bool png_record(Agraph_t *dg, double scale, cairo_surface_t **recording, png_size *size)
{
    *recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create(*recording);
    cairo_scale(cr, scale, scale); /* Graphviz draws in the context as it finds it */
    bool ok = cairo_set_user_data(cr, &png_size_key, size, NULL) == CAIRO_STATUS_SUCCESS &&
              gvRenderContext(gv_context, dg, "pathwayc-png", cr) == 0 && agerrors() == 0 &&
              cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    return ok;
}

/* The laid-out diagram as a PNG at PNG_DPI. One larger than an image can
 * be (PW_PNG_MAX_SIDE pixels a side, as cairo's) is drawn again smaller,
 * to fit, at a lower dpi, so that its size in print stays (Graphviz's own
 * PNG scaled it the same way, saying so on stderr): in a recording, as in
 * an image, cairo cannot place anything past that many pixels. */
static bool render_png(Agraph_t *dg, char **data, size_t *len)
{
    cairo_surface_t *recording;
    png_size size = {0, 0};
    bool ok = png_record(dg, 1, &recording, &size);
    double scale = 1;
    if (ok && size.width > PW_PNG_MAX_SIDE)
        scale = (double)PW_PNG_MAX_SIDE / size.width;
    if (ok && size.height * scale > PW_PNG_MAX_SIDE)
        scale = (double)PW_PNG_MAX_SIDE / size.height;
    if (scale < 1) {
        cairo_surface_destroy(recording);
        ok = png_record(dg, scale, &recording, &size);
    }
    png_size pixels = {(unsigned)(size.width * scale), (unsigned)(size.height * scale)};
    ok = ok && png_bands(recording, pixels, (unsigned)(PNG_DPI * scale + 0.5), data, len);
    cairo_surface_destroy(recording);
    return ok;
}

/* SVG by gvc's plugin: a NUL-terminated copy. */
static bool render_svg(Agraph_t *dg, char **data, size_t *len)
{
    char *out = NULL;
    unsigned int n = 0;
    bool ok = gvRenderData(gv_context, dg, "svg", &out, &n) == 0 && out && agerrors() == 0;
    if (ok) {
        *data = pw_xcalloc((size_t)n + 1, 1);
        memcpy(*data, out, n);
        *len = n;
    }
    if (out)
        gvFreeRenderData(out);
    return ok;
}

/* Laid out with dot once and rendered as SVG, PNG or both (out[0] SVG,
 * out[1] PNG; a NULL data pointer is not wanted): copies the caller frees
 * with free(). The PNG's dpi is its device's, not the graph's, so that one
 * layout serves both (the layout does not depend on it: measured, the
 * same PNG byte for byte as with the graph's dpi set before layout). */
static bool render(Agraph_t *dg, char **data[2], size_t *len[2])
{
    if (!gv_context) {
        gv_context = gvContext();
        if (gv_context)
            gvAddLibrary(gv_context, &png_library);
    }
    if (!gv_context || gvLayout(gv_context, dg, "dot") != 0)
        return false;
    bool ok = agerrors() == 0;
    if (ok && data[0])
        ok = render_svg(dg, data[0], len[0]);
    if (ok && data[1])
        ok = render_png(dg, data[1], len[1]);
    gvFreeLayout(gv_context, dg);
    return ok;
}

/* Graphviz's messages into err, or what failed when it said nothing. */
static void gv_error(bool ok, const char *what, char *err, size_t errsize)
{
    if (!errsize)
        return;
    const char *msg = gv_messages;
    if (!ok && !*msg)
        msg = what;
    snprintf(err, errsize, "%s", msg);
    size_t n = strlen(err);
    while (n && (err[n - 1] == '\n' || err[n - 1] == ' '))
        err[--n] = '\0';
}

bool pw_emit_drawings(const pw_graph *g, const char *checklist, char **svg,
                      size_t *svg_len, char **png, size_t *png_len, char *err,
                      size_t errsize)
{
    char **data[2] = {svg, png};
    size_t *len[2] = {svg_len, png_len};
    for (int k = 0; k < 2; k++)
        if (data[k]) {
            *data[k] = NULL;
            *len[k] = 0;
        }
    gv_nmessages = 0;
    gv_messages[0] = '\0';
    agusererrf previous = agseterrf(collect_message);
    agreseterrors();
    Agraph_t *dg = make_agraph(g, checklist);
    bool ok = agerrors() == 0 && render(dg, data, len);
    agclose(dg);
    for (int k = 0; !ok && k < 2; k++)
        if (data[k]) {
            free(*data[k]);
            *data[k] = NULL;
            *len[k] = 0;
        }
    gv_error(ok, "Graphviz could not lay out or render the diagram\n", err, errsize);
    agseterrf(previous);
    agreseterrors();
    return ok;
}

bool pw_emit_diagram(const pw_graph *g, pw_diagram_format f, const char *checklist,
                     char **data, size_t *len, char *err, size_t errsize)
{
    if (f == PW_DIAGRAM_SVG)
        return pw_emit_drawings(g, checklist, data, len, NULL, NULL, err, errsize);
    if (f == PW_DIAGRAM_PNG)
        return pw_emit_drawings(g, checklist, NULL, NULL, data, len, err, errsize);
    *data = NULL;
    *len = 0;
    gv_nmessages = 0;
    gv_messages[0] = '\0';
    agusererrf previous = agseterrf(collect_message);
    agreseterrors();
    Agraph_t *dg = make_agraph(g, checklist);
    bool ok = agerrors() == 0 && write_dot(dg, data, len);
    agclose(dg);
    if (!ok) {
        free(*data);
        *data = NULL;
        *len = 0;
    }
    gv_error(ok, "could not write the DOT text\n", err, errsize);
    agseterrf(previous);
    agreseterrors();
    return ok;
}
