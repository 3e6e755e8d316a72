/* cmd_build — pathwayc build: check everything, then write each
 * pathway's outputs, all of them or none (emit/outputs.h) (cli.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include "emit/dot.h"
#include "emit/html.h"
#include "emit/layout_budget.h"
#include "emit/outputs.h"
#include "emit/table.h"
#include "support/arena.h"
#include "support/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The outputs a build can write, by --emit's names. */
enum { EMIT_DOT = 1, EMIT_SVG = 2, EMIT_PNG = 4, EMIT_HTML = 8, EMIT_JSON = 16 };

static const struct {
    const char *name;
    int bit;
} emit_kinds[] = {{"dot", EMIT_DOT},   {"svg", EMIT_SVG},  {"png", EMIT_PNG},
                  {"html", EMIT_HTML}, {"json", EMIT_JSON}};
enum { NEMIT = sizeof emit_kinds / sizeof *emit_kinds };

/* The outputs --emit asks for, as a bit set; -1 after a usage error. */
static int parse_emit(const char *list)
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
            fprintf(stderr, "pathwayc: --emit: '%.*s' is not an output; choose from "
                            "dot, svg, png, html and json\n", (int)n, p);
            return -1;
        }
        set |= bit;
        p += n + (p[n] == ',');
    }
    return set;
}

/* What a build writes, for every pathway. */
typedef struct build_job {
    const char *dir;
    int emit;            /* EMIT_* bits */
    bool explicit_emit;  /* --emit was given */
    pw_html_options html;
    pw_outputs *outputs; /* each written, not yet renamed (outputs.h) */
} build_job;

/* Writes one output to its temporary file, to be renamed into place with
 * the others (finish_outputs); false after reporting. */
static bool write_output(build_job *job, const char *id, const char *ext,
                         const char *data, size_t len)
{
    if (pw_outputs_add(job->outputs, id, ext, data, len))
        return true;
    fprintf(stderr, "pathwayc: error: %s\n", pw_outputs_error(job->outputs));
    return false;
}

/* Every output written: rename each into place. Not all written: remove
 * them all, so a build that fails part of the way leaves the directory as
 * it was. PW_EXIT_OK, or PW_EXIT_USAGE after reporting. */
static int finish_outputs(build_job *job, int status)
{
    if (status == PW_EXIT_OK && !pw_outputs_commit(job->outputs)) {
        fprintf(stderr, "pathwayc: error: %s\n", pw_outputs_error(job->outputs));
        status = PW_EXIT_USAGE;
    }
    pw_outputs_free(job->outputs);
    job->outputs = NULL;
    return status;
}

typedef bool text_writer(const void *what, void *how, FILE *f, char *err,
                         size_t errsize);

/* Runs a writer into memory, then writes its text as DIR/ID.EXT; false
 * after reporting a failure of either. */
static bool write_text(build_job *job, const char *id, const char *ext,
                       text_writer *w, const void *what, void *how)
{
    char err[1024] = "";
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    bool made = f && w(what, how, f, err, sizeof err);
    if (f && fclose(f) != 0)
        made = false;
    if (!made)
        fprintf(stderr, "pathwayc: error: cannot make '%s.%s': %s\n", id, ext,
                err[0] ? err : strerror(errno));
    bool ok = made && write_output(job, id, ext, buf, len);
    free(buf);
    return ok;
}

/* The table, its content hash into how (PW_TABLE_HASH_SIZE bytes). */
static bool table_writer(const void *g, void *how, FILE *f, char *err,
                         size_t errsize)
{
    return pw_emit_table_hashed(g, f, how, err, errsize);
}

/* The checklist, with the hash of the table the build wrote, or (with no
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

/* The outputs of one pathway; false after reporting a failure. The
 * checklist shows the diagram inline when the build draws it as SVG. */
static bool build_one(const pw_graph *g, build_job *job)
{
    int emit = job->emit;
    char err[1024];
    if ((emit & (EMIT_SVG | EMIT_PNG)) && !pw_layout_fits(g, err, sizeof err)) {
        /* Asked for by name, a diagram that cannot be drawn is an error;
         * by default, the build goes on without it. */
        fprintf(stderr, "pathwayc: %s: cannot draw '%s' as SVG or PNG: %s; build "
                "its checklist and table without the drawing: --emit dot,html,json\n",
                job->explicit_emit ? "error" : "note", g->id, err);
        if (job->explicit_emit)
            return false;
        emit &= ~(EMIT_SVG | EMIT_PNG);
    }
    char hash[PW_TABLE_HASH_SIZE] = "";
    bool ok = !(emit & EMIT_JSON) || write_text(job, g->id, "json", table_writer, g, hash);
    pw_html_options html = job->html;
    html.hash = hash[0] ? hash : NULL;
    char *svg = NULL;
    pw_text_buf checklist = {0};
    if (emit & EMIT_HTML)
        pw_tb_printf(&checklist, "%s.html", g->id);
    const char *link = checklist.n ? pw_tb_str(&checklist) : NULL;
    if (ok && (emit & EMIT_DOT)) {
        char *data = NULL;
        size_t len = 0;
        if (!pw_emit_diagram(g, PW_DIAGRAM_DOT, link, &data, &len, err, sizeof err)) {
            fprintf(stderr, "pathwayc: error: cannot draw '%s' as dot: %s\n", g->id, err);
            ok = false;
        } else {
            ok = write_output(job, g->id, "dot", data, len);
        }
        free(data);
    }
    /* SVG and PNG from one layout */
    char *png = NULL;
    size_t svg_len = 0, png_len = 0;
    if (ok && (emit & (EMIT_SVG | EMIT_PNG))) {
        bool both = (emit & EMIT_SVG) && (emit & EMIT_PNG);
        if (!pw_emit_drawings(g, link, emit & EMIT_SVG ? &svg : NULL, &svg_len,
                              emit & EMIT_PNG ? &png : NULL, &png_len, err, sizeof err)) {
            fprintf(stderr, "pathwayc: error: cannot draw '%s' as %s: %s\n", g->id,
                    both ? "svg and png" : emit & EMIT_SVG ? "svg" : "png", err);
            ok = false;
        }
        if (ok && svg) {
            ok = write_output(job, g->id, "svg", svg, svg_len);
            html.svg = svg;
            html.svg_len = svg_len;
            html.svg_file = ok;
        }
        if (ok && png)
            ok = write_output(job, g->id, "png", png, png_len);
        free(png);
    }
    if (ok && (emit & EMIT_HTML))
        ok = write_text(job, g->id, "html", html_writer, g, &html);
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
    const index_job *job = what;
    (void)how;
    size_t n = pw_program_graph_count(job->prog);
    const pw_graph **gs = pw_xcalloc(n ? n : 1, sizeof *gs);
    for (size_t i = 0; i < n; i++)
        gs[i] = pw_program_graph(job->prog, i);
    const char *exts[NEMIT];
    size_t nexts = 0;
    for (size_t k = 0; k < NEMIT; k++)
        if ((job->emit & emit_kinds[k].bit) && emit_kinds[k].bit != EMIT_HTML)
            exts[nexts++] = emit_kinds[k].name;
    bool ok = pw_emit_index(gs, n, exts, nexts, job->today, f, err, errsize);
    free(gs);
    return ok;
}

/* Every output of every pathway of prog into dir, and with html the
 * index; PW_EXIT_OK, or PW_EXIT_USAGE after reporting. */
static int write_outputs(const pw_program *prog, build_job *job)
{
    int emit = job->emit;
    size_t n = pw_program_graph_count(prog);
    /* index.html lists the pathways; a pathway of that name would overwrite
     * it (or it the pathway's checklist). Nothing is written then. */
    for (size_t i = 0; (emit & EMIT_HTML) && i < n; i++)
        if (strcmp(pw_program_graph(prog, i)->id, "index") == 0)
            return pw_cli_usage_error("%s", "a pathway named 'index' would have the "
                                      "same checklist file as the list of pathways, "
                                      "index.html: give the pathway another name");
    const char **ids = pw_xcalloc(n ? n : 1, sizeof *ids);
    for (size_t i = 0; i < n; i++)
        ids[i] = pw_program_graph(prog, i)->id;
    job->html.siblings = ids;
    job->html.nsiblings = (emit & EMIT_HTML) ? n : 0;
    int status = PW_EXIT_OK;
    for (size_t i = 0; status == PW_EXIT_OK && i < n; i++)
        if (!build_one(pw_program_graph(prog, i), job))
            status = PW_EXIT_USAGE;
    free(ids);
    index_job index = {prog, emit, job->html.today};
    if (status == PW_EXIT_OK && (emit & EMIT_HTML) &&
        !write_text(job, "index", "html", index_writer, &index, NULL))
        status = PW_EXIT_USAGE;
    return finish_outputs(job, status);
}

/* build FILE...: check everything (tests included); only when nothing is
 * wrong, write each pathway's outputs, each whole or not at all. */
int pw_cli_build(const pw_cli_options *o)
{
    int emit = parse_emit(o->emit ? o->emit : "dot,svg,html,json");
    if (emit < 0)
        return PW_EXIT_USAGE;
    const char *dir = o->outdir ? o->outdir : ".";
    struct stat st;
    bool exists = stat(dir, &st) == 0;
    if (exists && !S_ISDIR(st.st_mode))
        return pw_cli_usage_error("-o: '%s' is not a directory", dir);
    if (o->nfiles == 0)
        return pw_cli_usage_error("%s", "build needs at least one FILE");
    pw_diag *diag = pw_cli_new_sink(o);
    if (!diag)
        return PW_EXIT_USAGE;
    pw_program *prog;
    pw_tally t = {0, 0};
    int status = pw_cli_check_and_test(o, diag, NULL, &prog, &t, NULL);
    pw_cli_print_diagnostics(o, diag);
    /* A build with errors writes nothing: earlier outputs stay as they were. */
    if (status == PW_EXIT_OK && pw_diag_error_count(diag) > 0)
        status = PW_EXIT_INPUT;
    /* The directory is made only now: a build with errors leaves no trace. */
    if (status == PW_EXIT_OK && !exists && mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "pathwayc: error: -o: cannot make the directory '%s': %s\n",
                dir, strerror(errno));
        status = PW_EXIT_USAGE;
    }
    build_job job = {dir, emit, o->emit != NULL, {.today = o->today}, NULL};
    if (status == PW_EXIT_OK) {
        job.outputs = pw_outputs_new(dir);
        status = write_outputs(prog, &job);
        pw_outputs_free(job.outputs); /* when it stopped before writing */
    }
    pw_diagram_release();
    pw_program_free(prog);
    pw_diag_free(diag);
    return status;
}

