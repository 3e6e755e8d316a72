/* build — every output of a checked program, through a sink (build.h). */
#define _POSIX_C_SOURCE 200809L
#include "tools/build.h"

#include "emit/dot.h"
#include "emit/html.h"
#include "emit/layout_budget.h"
#include "emit/table.h"
#include "support/arena.h"
#include "support/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int bit;
} emit_kinds[] = {{"dot", PW_BUILD_DOT},   {"svg", PW_BUILD_SVG},  {"png", PW_BUILD_PNG},
                  {"html", PW_BUILD_HTML}, {"json", PW_BUILD_JSON}};
enum { NEMIT = sizeof emit_kinds / sizeof *emit_kinds };

int pw_build_parse_emit(const char *list, char *err, size_t errsize)
{
    int set = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        int bit = 0;
        for (size_t k = 0; k < NEMIT; k++)
            if (strlen(emit_kinds[k].name) == n && strncmp(emit_kinds[k].name, p, n) == 0)
                bit = emit_kinds[k].bit;
        if (!bit) {
            pw_errorf(err, errsize, "--emit: '%.*s' is not an output; choose from "
                               "dot, svg, png, html and json", (int)n, p);
            return -1;
        }
        set |= bit;
        p += n + (p[n] == ',');
    }
    return set;
}

/* One build under way. */
typedef struct job {
    const pw_build_options *o;
    pw_html_options html;
    char *err;
    size_t errsize;
} job;

static bool put(job *j, const char *id, const char *ext, const char *data, size_t len)
{
    return j->o->sink(j->o->cls, id, ext, data, len, j->err, j->errsize);
}

typedef bool text_writer(const void *what, void *how, FILE *f, char *err,
                         size_t errsize);

/* Runs a writer into memory, then hands its text to the sink as ID.EXT. */
static bool put_text(job *j, const char *id, const char *ext, text_writer *w,
                     const void *what, void *how)
{
    char err[1024] = "";
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    bool made = f && w(what, how, f, err, sizeof err);
    if (f && fclose(f) != 0)
        made = false;
    if (!made)
        pw_errorf(j->err, j->errsize, "cannot make '%s.%s': %s", id, ext,
             err[0] ? err : strerror(errno));
    bool ok = made && put(j, id, ext, buf, len);
    free(buf);
    return ok;
}

/* The table, its content hash into how (PW_TABLE_HASH_SIZE bytes). */
static bool table_writer(const void *g, void *how, FILE *f, char *err,
                         size_t errsize)
{
    return pw_emit_table_hashed(g, f, how, err, errsize);
}

/* The checklist, with the hash of the table the build made, or (with no
 * table built) the hash worked out here. */
static bool html_writer(const void *g, void *how, FILE *f, char *err,
                        size_t errsize)
{
    pw_html_options o = *(const pw_html_options *)how;
    char hash[PW_TABLE_HASH_SIZE];
    if (!o.hash && !pw_table_hash(g, hash, err, errsize))
        return false;
    if (!o.hash)
        o.hash = hash;
    return pw_emit_html(g, &o, f, err, errsize);
}

/* Which outputs of g can be made: without the drawings when g is too big
 * to draw and they were not asked for by name (a note), -1 when they were
 * (an error). */
static int drawable(job *j, const pw_graph *g)
{
    int emit = j->o->emit;
    char err[1024];
    if (!(emit & (PW_BUILD_SVG | PW_BUILD_PNG)) || pw_layout_fits(g, err, sizeof err))
        return emit;
    pw_text_buf msg = {0};
    pw_tb_printf(&msg, "cannot draw '%s' as SVG or PNG: %s; build its checklist and "
                 "table without the drawing: --emit dot,html,json", g->id, err);
    if (j->o->explicit_emit) {
        pw_errorf(j->err, j->errsize, "%s", pw_tb_str(&msg));
        emit = -1;
    } else {
        if (j->o->note)
            j->o->note(j->o->cls, pw_tb_str(&msg));
        emit &= ~(PW_BUILD_SVG | PW_BUILD_PNG);
    }
    pw_tb_free(&msg);
    return emit;
}

/* ID.dot, drawn with link as the nodes' target page. */
static bool put_dot(job *j, const pw_graph *g, const char *link)
{
    char err[1024];
    char *data = NULL;
    size_t len = 0;
    bool ok = pw_emit_diagram(g, PW_DIAGRAM_DOT, link, &data, &len, err, sizeof err);
    if (!ok)
        pw_errorf(j->err, j->errsize, "cannot draw '%s' as dot: %s", g->id, err);
    else
        ok = put(j, g->id, "dot", data, len);
    free(data);
    return ok;
}

/* ID.svg and ID.png from one layout; the SVG kept in *svg for the
 * checklist. */
static bool put_drawings(job *j, const pw_graph *g, int emit, const char *link,
                         char **svg, pw_html_options *html)
{
    char err[1024];
    char *png = NULL;
    size_t svg_len = 0, png_len = 0;
    bool both = (emit & PW_BUILD_SVG) && (emit & PW_BUILD_PNG);
    bool ok = pw_emit_drawings(g, link, emit & PW_BUILD_SVG ? svg : NULL, &svg_len,
                               emit & PW_BUILD_PNG ? &png : NULL, &png_len, err,
                               sizeof err);
    if (!ok)
        pw_errorf(j->err, j->errsize, "cannot draw '%s' as %s: %s", g->id,
             both ? "svg and png" : emit & PW_BUILD_SVG ? "svg" : "png", err);
    if (ok && *svg) {
        ok = put(j, g->id, "svg", *svg, svg_len);
        html->svg = *svg;
        html->svg_len = svg_len;
        html->svg_file = ok;
    }
    if (ok && png)
        ok = put(j, g->id, "png", png, png_len);
    free(png);
    return ok;
}

/* The outputs of one pathway. The checklist shows the diagram inline
 * when the build draws it as SVG. */
static bool build_one(job *j, const pw_graph *g)
{
    int emit = drawable(j, g);
    if (emit < 0)
        return false;
    char hash[PW_TABLE_HASH_SIZE] = "";
    bool ok = !(emit & PW_BUILD_JSON) || put_text(j, g->id, "json", table_writer, g, hash);
    pw_html_options html = j->html;
    html.hash = hash[0] ? hash : NULL;
    char *svg = NULL;
    pw_text_buf checklist = {0};
    if (emit & PW_BUILD_HTML)
        pw_tb_printf(&checklist, "%s.html", g->id);
    const char *link = checklist.n ? pw_tb_str(&checklist) : NULL;
    if (ok && (emit & PW_BUILD_DOT))
        ok = put_dot(j, g, link);
    if (ok && (emit & (PW_BUILD_SVG | PW_BUILD_PNG)))
        ok = put_drawings(j, g, emit, link, &svg, &html);
    if (ok && (emit & PW_BUILD_HTML))
        ok = put_text(j, g->id, "html", html_writer, g, &html);
    pw_tb_free(&checklist);
    free(svg);
    return ok;
}

typedef struct index_job {
    const pw_program *prog;
    int emit;
    pw_date today;
} index_job;

static bool index_writer(const void *what, void *how, FILE *f, char *err,
                         size_t errsize)
{
    const index_job *ij = what;
    (void)how;
    size_t n = pw_program_graph_count(ij->prog);
    const pw_graph **gs = pw_xcalloc(n ? n : 1, sizeof *gs);
    for (size_t i = 0; i < n; i++)
        gs[i] = pw_program_graph(ij->prog, i);
    const char *exts[NEMIT];
    size_t nexts = 0;
    for (size_t k = 0; k < NEMIT; k++)
        if ((ij->emit & emit_kinds[k].bit) && emit_kinds[k].bit != PW_BUILD_HTML)
            exts[nexts++] = emit_kinds[k].name;
    bool ok = pw_emit_index(gs, n, exts, nexts, ij->today, f, err, errsize);
    free(gs);
    return ok;
}

pw_build_result pw_build_program(const pw_program *prog, const pw_build_options *o,
                                 char *err, size_t errsize)
{
    int emit = o->emit;
    size_t n = pw_program_graph_count(prog);
    if (errsize)
        err[0] = '\0';
    /* index.html lists the pathways; a pathway of that name would overwrite
     * it (or it the pathway's checklist). Nothing is made then. */
    for (size_t i = 0; (emit & PW_BUILD_HTML) && i < n; i++)
        if (strcmp(pw_program_graph(prog, i)->id, "index") == 0) {
            pw_errorf(err, errsize, "%s", "a pathway named 'index' would have the "
                 "same checklist file as the list of pathways, index.html: give "
                 "the pathway another name");
            return PW_BUILD_CLASH;
        }
    const char **ids = pw_xcalloc(n ? n : 1, sizeof *ids);
    for (size_t i = 0; i < n; i++)
        ids[i] = pw_program_graph(prog, i)->id;
    job j = {o, {.today = o->today}, err, errsize};
    j.html.siblings = ids;
    j.html.nsiblings = (emit & PW_BUILD_HTML) ? n : 0;
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        ok = build_one(&j, pw_program_graph(prog, i));
    free(ids);
    index_job index = {prog, emit, o->today};
    if (ok && (emit & PW_BUILD_HTML))
        ok = put_text(&j, "index", "html", index_writer, &index, NULL);
    return ok ? PW_BUILD_OK : PW_BUILD_FAILED;
}
