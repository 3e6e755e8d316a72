/* main — the pathwayc command line: options, subcommands, exit status.
 * The only place the program exits or decides what goes to stdout and
 * stderr. Exit status: 0 success (warnings allowed), 1 the input has
 * errors, 2 usage or I/O trouble. */
#define _POSIX_C_SOURCE 200809L
#include "model/check.h"
#include "support/diag.h"
#include "tools/diff.h"
#include "tools/fmt.h"
#include "emit/dot.h"
#include "emit/html.h"
#include "emit/table.h"
#include "emit/layout_budget.h"
#include "emit/outputs.h"
#include "support/output.h"
#include "model/program.h"
#include "tools/run.h"
#include "model/testing.h"
#include "support/source.h"
#include "support/arena.h"
#include "support/dates.h"
#include "support/depfile.h"
#include "support/version.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

/* Limits (docs/limits.md). */
#define MAX_FILE_BYTES (16u * 1024 * 1024)
#define MAX_IMPORT_DEPTH 32u
#define MAX_TABLE_BYTES (512u * 1024 * 1024) /* a table, or a saved walk */

typedef struct options {
    pw_diag_format format;
    bool colour;
    bool werror;
    const char **files;
    size_t nfiles;
    const char **includes;
    size_t nincludes;
    const char **disabled;
    size_t ndisabled;
    const char *depfile;
    pw_date today;
    bool coverage;
    const char *outdir;
    const char *emit;
    const char *save, *resume, *transcript, *pathway; /* run */
    const char *report_format;                       /* diff: --format */
    bool fmt_write, fmt_check;                       /* fmt: -w, --check */
} options;

static const char usage_text[] =
    "usage: pathwayc COMMAND [OPTION]... FILE...\n"
    "\n"
    "Compile safeguarding pathways.\n"
    "\n"
    "Commands:\n"
    "  check FILE...          parse, resolve and check pathway files, run their\n"
    "                         scenarios and assertions; report every problem\n"
    "  test FILE...           run the scenarios and assertions: one line each,\n"
    "                         then \"N passed, M failed\"\n"
    "  build FILE...          check, then write for each pathway ID: ID.dot,\n"
    "                         ID.svg, ID.html, ID.json (and ID.png on request)\n"
    "  run TABLE.json|FILE    walk a pathway in the terminal, one answer a line\n"
    "  diff OLD NEW           what changed between two versions of a pathway\n"
    "                         (tables or .pathway files), in words\n"
    "  fmt FILE|DIR...        print a file in the canonical layout; with -w,\n"
    "                         rewrite each file (every *.pathway of a DIR) in\n"
    "                         place; with --check, list those that would change\n"
    "\n"
    "Options:\n"
    "  -I DIR                 let imports read files under DIR too (by default\n"
    "                         only under the directory of each FILE)\n"
    "  -M FILE                write a make depfile: FILE depends on every file\n"
    "                         read, imports included\n"
    "  --today DATE           the date review-overdue compares with (YYYY-MM-DD;\n"
    "                         default: SOURCE_DATE_EPOCH, else the clock)\n"
    "  -Wno-NAME              silence the warning NAME (unreachable, unused,\n"
    "                         review-overdue, metadata, no-emergency-exit,\n"
    "                         immediate-contact, consent, personal-contact,\n"
    "                         no-record); -WNAME turns it back on\n"
    "  --werror               treat warnings as errors\n"
    "  --coverage             (test) list the nodes and answers no scenario visits\n"
    "  -o DIR                 (build) write into DIR (default: .)\n"
    "  --emit LIST            (build) what to write, from dot,svg,png,html,json\n"
    "                         (default: dot,svg,html,json; html also writes\n"
    "                         index.html, and shows the diagram when svg is built)\n"
    "  --save FILE            (run) where q, or the end of the input, saves the walk\n"
    "  --resume FILE          (run) go on from a saved walk\n"
    "  --transcript FILE      (run) write every move as a JSON line, as it is made\n"
    "  --pathway ID           (run, diff) which pathway of FILE, when it has several\n"
    "  --format FMT           (diff) text (default), md (Markdown) or json\n"
    "  -w                     (fmt) rewrite the files in place, atomically\n"
    "  --check                (fmt) list the files that would change; exit 1 if any\n"
    "  --diagnostics=FORMAT   text (default) or json (one JSON object a line)\n"
    "  --color=WHEN           auto (default: colour on a terminal, unless NO_COLOR\n"
    "                         is set), always, or never\n"
    "  -h, --help             show this help and exit\n"
    "  --version              show the version and exit\n"
    "\n"
    "Exit status: 0 success (warnings allowed; run: the walk reached an\n"
    "outcome; diff: no differences), 1 the input has errors (run: the walk\n"
    "stopped before one; diff: they differ), 2 usage or I/O trouble (diff:\n"
    "also a .pathway with errors).\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "pathwayc: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'pathwayc --help'.\n");
    return EXIT_USAGE;
}

static bool want_colour(const char *when)
{
    if (strcmp(when, "always") == 0)
        return true;
    if (strcmp(when, "never") == 0)
        return false;
    const char *nc = getenv("NO_COLOR");
    return isatty(STDERR_FILENO) && !(nc && nc[0]);
}

/* Today, for review-overdue: --today, else SOURCE_DATE_EPOCH (so builds are
 * reproducible), else the clock; in UTC. */
static int decide_today(options *o, const char *given)
{
    if (given) {
        if (!pw_date_parse(given, &o->today))
            return usage_error("--today takes a date written YYYY-MM-DD, not '%s'",
                               given);
        return -1;
    }
    int64_t t = (int64_t)time(NULL);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && epoch[0]) {
        char *end;
        errno = 0;
        long long v = strtoll(epoch, &end, 10);
        if (errno || *end || v < 0)
            return usage_error("SOURCE_DATE_EPOCH must be a number of seconds, "
                               "not '%s'", epoch);
        t = (int64_t)v;
    }
    o->today = pw_date_utc(t);
    return -1;
}

/* The value of an option given as "-X VALUE" or "-XVALUE". */
static const char *option_value(int argc, char **argv, int *i, size_t skip)
{
    if (argv[*i][skip])
        return argv[*i] + skip;
    if (*i + 1 < argc)
        return argv[++*i];
    return NULL;
}

/* --save, --resume, --transcript, --pathway: true when argv[*i] is one
 * of them (*bad when its value is missing). */
static bool run_option(int argc, char **argv, int *i, options *o, bool *bad)
{
    static const char *const names[] = {"--save", "--resume", "--transcript",
                                        "--pathway"};
    const char **slots[] = {&o->save, &o->resume, &o->transcript, &o->pathway};
    for (size_t k = 0; k < 4; k++) {
        size_t n = strlen(names[k]);
        if (strncmp(argv[*i], names[k], n) != 0 || (argv[*i][n] && argv[*i][n] != '='))
            continue;
        *slots[k] = argv[*i][n] ? argv[*i] + n + 1 : (*i + 1 < argc ? argv[++*i] : NULL);
        *bad = !*slots[k] || !**slots[k];
        return true;
    }
    return false;
}

static int parse_option(int argc, char **argv, int *i, options *o,
                        const char **colour, const char **today)
{
    const char *a = argv[*i];
    bool bad = false;
    if (strcmp(a, "--diagnostics=text") == 0) {
        o->format = PW_DIAG_TEXT;
    } else if (strcmp(a, "--diagnostics=json") == 0) {
        o->format = PW_DIAG_JSON;
    } else if (strncmp(a, "--color=", 8) == 0 || strncmp(a, "--colour=", 9) == 0) {
        *colour = strchr(a, '=') + 1;
        if (strcmp(*colour, "auto") && strcmp(*colour, "always") &&
            strcmp(*colour, "never"))
            return usage_error("--color takes auto, always or never, not '%s'",
                               *colour);
    } else if (strcmp(a, "--werror") == 0 || strcmp(a, "-Werror") == 0) {
        o->werror = true;
    } else if (strncmp(a, "-W", 2) == 0 && a[2]) {
        o->disabled[o->ndisabled++] = a + 2; /* "no-NAME" or "NAME", in order */
    } else if (strncmp(a, "--today", 7) == 0 && (a[7] == '=' || !a[7])) {
        *today = a[7] ? a + 8 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!*today)
            return usage_error("%s", "--today needs a date");
    } else if (strncmp(a, "-I", 2) == 0) {
        const char *dir = option_value(argc, argv, i, 2);
        struct stat st;
        if (!dir)
            return usage_error("%s", "-I needs a directory");
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
            return usage_error("-I: '%s' is not a directory", dir);
        o->includes[o->nincludes++] = dir;
    } else if (strncmp(a, "-M", 2) == 0) {
        o->depfile = option_value(argc, argv, i, 2);
        if (!o->depfile)
            return usage_error("%s", "-M needs a file name");
    } else if (strcmp(a, "--coverage") == 0) {
        o->coverage = true;
    } else if (strcmp(a, "-o") == 0 || (strncmp(a, "-o", 2) == 0 && a[2])) {
        o->outdir = option_value(argc, argv, i, 2);
        if (!o->outdir)
            return usage_error("%s", "-o needs a directory");
    } else if (strncmp(a, "--emit", 6) == 0 && (a[6] == '=' || !a[6])) {
        o->emit = a[6] ? a + 7 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!o->emit)
            return usage_error("%s", "--emit needs a list, such as dot,svg,json");
    } else if (strncmp(a, "--format", 8) == 0 && (a[8] == '=' || !a[8])) {
        o->report_format = a[8] ? a + 9 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!o->report_format)
            return usage_error("%s", "--format needs text, md or json");
    } else if (strcmp(a, "-w") == 0 || strcmp(a, "--check") == 0) {
        *(a[1] == 'w' ? &o->fmt_write : &o->fmt_check) = true;
    } else if (run_option(argc, argv, i, o, &bad)) {
        if (bad)
            return usage_error("%s needs a value", a);
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    } else {
        return usage_error("unknown option '%s'", a);
    }
    return -1;
}

/* Parses the options after the command; returns -1 on success, else the
 * exit status. */
static int parse_options(int argc, char **argv, options *o)
{
    const char *colour = "auto", *today = NULL;
    size_t n = (size_t)argc + 1;
    o->files = calloc(n, sizeof *o->files);
    o->includes = calloc(n, sizeof *o->includes);
    o->disabled = calloc(n, sizeof *o->disabled);
    if (!o->files || !o->includes || !o->disabled)
        return EXIT_USAGE;
    bool only_files = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            o->files[o->nfiles++] = a;
        } else if (strcmp(a, "--") == 0) {
            only_files = true;
        } else {
            int status = parse_option(argc, argv, &i, o, &colour, &today);
            if (status >= 0)
                return status;
        }
    }
    o->colour = want_colour(colour);
    return decide_today(o, today);
}

/* -M: the depfile of every file the program read (depfile.h). */
static bool write_depfile(const options *o, const pw_program *prog,
                          const char **unreadable)
{
    size_t n = pw_program_file_count(prog);
    const char **names = pw_xcalloc(n ? n : 1, sizeof *names);
    for (size_t i = 0; i < n; i++)
        names[i] = pw_program_file_name(prog, i);
    bool ok = pw_depfile_write(o->depfile, names, n, unreadable);
    int e = errno;
    free(names);
    errno = e;
    return ok;
}

static pw_diag *new_sink(const options *o)
{
    pw_diag *diag = pw_diag_new();
    pw_diag_set_werror(diag, o->werror);
    for (size_t i = 0; i < o->ndisabled; i++) {
        const char *w = o->disabled[i];
        bool off = strncmp(w, "no-", 3) == 0;
        if (off ? pw_diag_disable(diag, w + 3) : pw_diag_enable(diag, w))
            continue;
        usage_error("-W%s: there is no warning of that name", w);
        pw_diag_free(diag);
        return NULL;
    }
    return diag;
}

/* Reads, resolves and checks the files: the part check and test share.
 * Returns the exit status so far; *prog is the program (NULL when the
 * options were wrong). */
static int compile(const options *o, pw_diag *diag, pw_program **prog)
{
    pw_program_options po = {o->includes, o->nincludes, MAX_FILE_BYTES,
                             MAX_IMPORT_DEPTH};
    *prog = pw_program_new(diag, &po);
    int status = EXIT_OK;
    for (size_t i = 0; i < o->nfiles; i++) {
        if (pw_program_add(*prog, o->files[i]))
            continue;
        if (errno == EFBIG)
            fprintf(stderr, "pathwayc: error: '%s' is larger than %u MiB; pathway "
                            "files are refused above that size\n",
                    o->files[i], MAX_FILE_BYTES / (1024 * 1024));
        else
            fprintf(stderr, "pathwayc: error: cannot read '%s': %s\n", o->files[i],
                    strerror(errno));
        status = EXIT_USAGE;
    }
    pw_check_options co = {o->today};
    pw_check_program(*prog, diag, &co);
    const char *unreadable;
    if (o->depfile && !write_depfile(o, *prog, &unreadable)) {
        if (unreadable)
            fprintf(stderr, "pathwayc: error: cannot write '%s': make cannot read "
                            "the file name '%s' (a line break, or a backslash at "
                            "the end)\n", o->depfile, unreadable);
        else
            fprintf(stderr, "pathwayc: error: cannot write '%s': %s\n", o->depfile,
                    strerror(errno));
        status = EXIT_USAGE;
    }
    return status;
}

/* What check, test and build share: read, resolve, check, then run the
 * scenarios and assertions, only when nothing before them is wrong (a walk
 * over a broken graph proves nothing). *ran (when ran is not NULL) says
 * whether they ran. */
static int check_and_test(const options *o, pw_diag *diag, FILE *lines,
                          pw_program **prog, pw_tally *t, bool *ran)
{
    int status = compile(o, diag, prog);
    bool run = status == EXIT_OK && pw_diag_error_count(diag) == 0;
    for (size_t i = 0; run && i < pw_program_graph_count(*prog); i++)
        pw_testing_run(pw_program_graph(*prog, i), diag, lines, t);
    if (ran)
        *ran = run;
    return status;
}

/* Every diagnostic, then (for text) the count line, on stderr. */
static void print_diagnostics(const options *o, pw_diag *diag)
{
    pw_diag_print(diag, stderr, o->format, o->colour);
    if (o->format == PW_DIAG_TEXT)
        pw_diag_print_summary(diag, stderr, o->colour);
}

/* check FILE... and test FILE...: read, resolve, check, then run the
 * scenarios and assertions (only when nothing is wrong before them: a walk
 * over a broken graph proves nothing). test also lists each on stdout and
 * closes with "N passed, M failed". */
static int cmd_check(const options *o, bool listing)
{
    if (o->coverage && !listing)
        return usage_error("%s", "--coverage goes with 'pathwayc test'");
    if (o->nfiles == 0)
        return usage_error("%s", listing ? "test needs at least one FILE"
                                         : "check needs at least one FILE");
    pw_diag *diag = new_sink(o);
    if (!diag)
        return EXIT_USAGE;
    pw_program *prog;
    pw_tally t = {0, 0};
    bool ran;
    int status = check_and_test(o, diag, listing ? stdout : NULL, &prog, &t, &ran);
    if (ran && listing && o->coverage)
        for (size_t i = 0; i < pw_program_graph_count(prog); i++)
            pw_testing_coverage(pw_program_graph(prog, i), stdout);
    fflush(stdout);
    print_diagnostics(o, diag);
    if (listing) {
        if (!ran)
            fprintf(stdout, "tests not run: the files have errors\n");
        fprintf(stdout, "%zu passed, %zu failed\n", t.passed, t.failed);
    }
    if (status == EXIT_OK && pw_diag_error_count(diag) > 0)
        status = EXIT_INPUT;
    pw_program_free(prog);
    pw_diag_free(diag);
    return status;
}

/* The outputs --emit asks for, as a bit set; -1 after a usage error. */
enum { EMIT_DOT = 1, EMIT_SVG = 2, EMIT_PNG = 4, EMIT_HTML = 8, EMIT_JSON = 16 };

static const struct {
    const char *name;
    int bit;
} emit_kinds[] = {{"dot", EMIT_DOT},   {"svg", EMIT_SVG},  {"png", EMIT_PNG},
                  {"html", EMIT_HTML}, {"json", EMIT_JSON}};
enum { NEMIT = sizeof emit_kinds / sizeof *emit_kinds };

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
 * it was. EXIT_OK, or EXIT_USAGE after reporting. */
static int finish_outputs(build_job *job, int status)
{
    if (status == EXIT_OK && !pw_outputs_commit(job->outputs)) {
        fprintf(stderr, "pathwayc: error: %s\n", pw_outputs_error(job->outputs));
        status = EXIT_USAGE;
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
    static const struct {
        int bit;
        pw_diagram_format f;
        const char *ext;
    } diagrams[] = {{EMIT_DOT, PW_DIAGRAM_DOT, "dot"},
                    {EMIT_SVG, PW_DIAGRAM_SVG, "svg"},
                    {EMIT_PNG, PW_DIAGRAM_PNG, "png"}};
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
    for (size_t k = 0; ok && k < sizeof diagrams / sizeof *diagrams; k++) {
        if (!(emit & diagrams[k].bit))
            continue;
        char *data = NULL;
        size_t len = 0;
        if (!pw_emit_diagram(g, diagrams[k].f, &data, &len, err, sizeof err)) {
            fprintf(stderr, "pathwayc: error: cannot draw '%s' as %s: %s\n", g->id,
                    diagrams[k].ext, err);
            ok = false;
        } else {
            ok = write_output(job, g->id, diagrams[k].ext, data, len);
        }
        if (diagrams[k].f == PW_DIAGRAM_SVG) {
            svg = data;
            html.svg = data;
            html.svg_len = len;
        } else {
            free(data);
        }
    }
    if (ok && (emit & EMIT_HTML))
        ok = write_text(job, g->id, "html", html_writer, g, &html);
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
 * index; EXIT_OK, or EXIT_USAGE after reporting. */
static int write_outputs(const pw_program *prog, build_job *job)
{
    int emit = job->emit;
    size_t n = pw_program_graph_count(prog);
    /* index.html lists the pathways; a pathway of that name would overwrite
     * it (or it the pathway's checklist). Nothing is written then. */
    for (size_t i = 0; (emit & EMIT_HTML) && i < n; i++)
        if (strcmp(pw_program_graph(prog, i)->id, "index") == 0)
            return usage_error("%s", "a pathway named 'index' would have the "
                               "same checklist file as the list of pathways, "
                               "index.html: give the pathway another name");
    const char **ids = pw_xcalloc(n ? n : 1, sizeof *ids);
    for (size_t i = 0; i < n; i++)
        ids[i] = pw_program_graph(prog, i)->id;
    job->html.siblings = ids;
    job->html.nsiblings = (emit & EMIT_HTML) ? n : 0;
    int status = EXIT_OK;
    for (size_t i = 0; status == EXIT_OK && i < n; i++)
        if (!build_one(pw_program_graph(prog, i), job))
            status = EXIT_USAGE;
    free(ids);
    index_job index = {prog, emit, job->html.today};
    if (status == EXIT_OK && (emit & EMIT_HTML) &&
        !write_text(job, "index", "html", index_writer, &index, NULL))
        status = EXIT_USAGE;
    return finish_outputs(job, status);
}

/* build FILE...: check everything (tests included); only when nothing is
 * wrong, write each pathway's outputs, each whole or not at all. */
static int cmd_build(const options *o)
{
    int emit = parse_emit(o->emit ? o->emit : "dot,svg,html,json");
    if (emit < 0)
        return EXIT_USAGE;
    const char *dir = o->outdir ? o->outdir : ".";
    struct stat st;
    bool exists = stat(dir, &st) == 0;
    if (exists && !S_ISDIR(st.st_mode))
        return usage_error("-o: '%s' is not a directory", dir);
    if (o->nfiles == 0)
        return usage_error("%s", "build needs at least one FILE");
    pw_diag *diag = new_sink(o);
    if (!diag)
        return EXIT_USAGE;
    pw_program *prog;
    pw_tally t = {0, 0};
    int status = check_and_test(o, diag, NULL, &prog, &t, NULL);
    print_diagnostics(o, diag);
    /* A build with errors writes nothing: earlier outputs stay as they were. */
    if (status == EXIT_OK && pw_diag_error_count(diag) > 0)
        status = EXIT_INPUT;
    /* The directory is made only now: a build with errors leaves no trace. */
    if (status == EXIT_OK && !exists && mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "pathwayc: error: -o: cannot make the directory '%s': %s\n",
                dir, strerror(errno));
        status = EXIT_USAGE;
    }
    build_job job = {dir, emit, o->emit != NULL, {.today = o->today}, NULL};
    if (status == EXIT_OK) {
        job.outputs = pw_outputs_new(dir);
        status = write_outputs(prog, &job);
        pw_outputs_free(job.outputs); /* when it stopped before writing */
    }
    pw_diagram_release();
    pw_program_free(prog);
    pw_diag_free(diag);
    return status;
}

/* The table of the pathway in a .pathway file: checked (tests included)
 * and compiled in memory. NULL after reporting; *status says why. */
static char *compile_table(const options *o, size_t *len, int *status)
{
    pw_diag *diag = new_sink(o);
    if (!diag) {
        *status = EXIT_USAGE;
        return NULL;
    }
    pw_program *prog;
    pw_tally t = {0, 0};
    *status = check_and_test(o, diag, NULL, &prog, &t, NULL);
    print_diagnostics(o, diag);
    if (*status == EXIT_OK && pw_diag_error_count(diag) > 0)
        *status = EXIT_INPUT;
    const pw_graph *g = NULL;
    size_t n = *status == EXIT_OK ? pw_program_graph_count(prog) : 0, matches = 0;
    for (size_t i = 0; i < n; i++)
        if (!o->pathway || strcmp(pw_program_graph(prog, i)->id, o->pathway) == 0) {
            g = pw_program_graph(prog, i);
            matches++;
        }
    char *text = NULL, err[512] = "";
    if (*status == EXIT_OK && matches != 1)
        *status = usage_error(o->pathway ? "'%s' has no pathway of that id"
                              : "'%s' has no pathway, or several: choose one with "
                                "--pathway ID", o->pathway ? o->pathway : o->files[0]);
    FILE *f = *status == EXIT_OK ? open_memstream(&text, len) : NULL;
    if (f) {
        bool made = pw_emit_table(g, f, err, sizeof err);
        if (fclose(f) != 0 || !made) {
            fprintf(stderr, "pathwayc: error: cannot make the table: %s\n", err);
            *status = EXIT_USAGE;
        }
    }
    pw_program_free(prog);
    pw_diag_free(diag);
    if (*status != EXIT_OK) {
        free(text);
        return NULL;
    }
    return text;
}

static int64_t fixed_now(void *ctx)
{
    return *(const int64_t *)ctx;
}

/* run TABLE.json|FILE.pathway: walk it in the terminal (run.h). The
 * clock is SOURCE_DATE_EPOCH when set, so a scripted walk's transcript is
 * the same every time. */
static int cmd_run(const options *o)
{
    if (o->nfiles != 1)
        return usage_error("%s", "run needs one TABLE.json or FILE.pathway");
    const char *path = o->files[0];
    size_t len = 0, resume_len = 0;
    int status = EXIT_OK;
    bool source = pw_source_is_pathway_name(path);
    char *text = source ? compile_table(o, &len, &status)
                        : pw_read_file(path, MAX_TABLE_BYTES, &len);
    if (!text)
        return source ? status
                      : (fprintf(stderr, "pathwayc: error: cannot read '%s': %s\n",
                                 path, strerror(errno)), EXIT_USAGE);
    pathway_error e;
    pathway_table *t = pathway_table_load_buffer(text, len, PATHWAY_LOAD_DEFAULT, &e);
    free(text);
    if (!t) {
        fprintf(stderr, "pathwayc: error: '%s' is not a table pathwayc can walk: %s\n",
                path, e.message);
        return EXIT_USAGE;
    }
    char *resume =
        o->resume ? pw_read_file(o->resume, MAX_TABLE_BYTES, &resume_len) : NULL;
    FILE *transcript = o->transcript ? fopen(o->transcript, "w") : NULL;
    if ((o->resume && !resume) || (o->transcript && !transcript)) {
        fprintf(stderr, "pathwayc: error: cannot %s '%s': %s\n",
                o->resume && !resume ? "read" : "write",
                o->resume && !resume ? o->resume : o->transcript, strerror(errno));
        status = EXIT_USAGE;
    }
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    int64_t fixed = epoch && *epoch ? strtoll(epoch, NULL, 10) : 0;
    pathway_clock clock = {fixed_now, &fixed};
    pw_run_options ro = {o->save, resume, resume_len, transcript,
                         isatty(STDIN_FILENO) != 0, epoch && *epoch ? &clock : NULL};
    if (status == EXIT_OK)
        status = pw_run(t, &ro, stdin, stdout, stderr);
    if (transcript)
        fclose(transcript);
    free(resume);
    pathway_table_free(t);
    return status;
}

/* diff OLD NEW: what changed between two versions of a pathway (diff.h),
 * each a table or a .pathway compiled in memory. Exit 0 the same, 1
 * different, 2 usage or I/O trouble; a .pathway with errors is 2 as well,
 * as 1 would read as "they differ". */
static int cmd_diff(const options *o)
{
    pw_diff_format format = PW_DIFF_TEXT;
    if (o->nfiles != 2)
        return usage_error("%s", "diff needs two files, OLD and NEW (tables or "
                                 ".pathway files)");
    if (o->report_format && !pw_diff_parse_format(o->report_format, &format))
        return usage_error("--format takes text, md or json, not '%s'", o->report_format);
    pathway_table *t[2] = {NULL, NULL};
    int status = EXIT_OK;
    for (size_t k = 0; k < 2 && status == EXIT_OK; k++) {
        options one = *o;
        one.files = o->files + k;
        one.nfiles = 1;
        const char *path = o->files[k];
        size_t len = 0;
        bool source = pw_source_is_pathway_name(path);
        char *text = source ? compile_table(&one, &len, &status)
                            : pw_read_file(path, MAX_TABLE_BYTES, &len);
        pathway_error e = {0};
        t[k] = text ? pathway_table_load_buffer(text, len, PATHWAY_LOAD_DEFAULT, &e) : NULL;
        if (!text && !source)
            fprintf(stderr, "pathwayc: error: cannot read '%s': %s\n", path, strerror(errno));
        else if (!text && status == EXIT_INPUT)
            fprintf(stderr, "pathwayc: error: '%s' has errors: nothing compared\n", path);
        else if (!t[k] && text)
            fprintf(stderr, "pathwayc: error: '%s' is not a pathway table: %s\n", path,
                    e.message);
        status = t[k] ? EXIT_OK : EXIT_USAGE;
        free(text);
    }
    char err[512] = "";
    pw_diff *d = status == EXIT_OK ? pw_diff_tables(t[0], t[1], err, sizeof err) : NULL;
    if (status == EXIT_OK && !d) {
        fprintf(stderr, "pathwayc: error: cannot compare '%s' with '%s': %s\n", o->files[0],
                o->files[1], err);
        status = EXIT_USAGE;
    } else if (d && !pw_diff_write(d, format, stdout)) {
        fprintf(stderr, "pathwayc: error: cannot write the report: %s\n", strerror(errno));
        status = EXIT_USAGE;
    } else if (d) {
        status = pw_diff_equal(d) ? EXIT_OK : EXIT_INPUT;
    }
    pw_diff_free(d);
    pathway_table_free(t[0]);
    pathway_table_free(t[1]);
    return status;
}

/* fmt FILE|DIR...: the canonical layout (fmt.h, docs/fmt.md). */
static int cmd_fmt(const options *o)
{
    if (o->nfiles == 0)
        return usage_error("%s", "fmt needs at least one FILE or DIR");
    if (o->fmt_write && o->fmt_check)
        return usage_error("%s", "fmt takes -w or --check, not both");
    pw_diag *diag = new_sink(o);
    if (!diag)
        return EXIT_USAGE;
    pw_fmt_options fo = {o->fmt_write   ? PW_FMT_WRITE
                         : o->fmt_check ? PW_FMT_CHECK
                                        : PW_FMT_PRINT,
                         MAX_FILE_BYTES, o->format, o->colour};
    int status = pw_fmt_run(o->files, o->nfiles, &fo, diag, stdout, stderr);
    pw_diag_free(diag);
    return status;
}

/* Out of memory, from any module (arena.h): said once, here. */
void pw_out_of_memory(void)
{
    fputs("pathwayc: out of memory\n", stderr);
    exit(EXIT_USAGE);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("%s", "no command given");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("pathwayc %s\n", PW_VERSION);
        return EXIT_OK;
    }
    options o = {0};
    int status = parse_options(argc - 2, argv + 2, &o);
    if (status < 0) {
        if (strcmp(cmd, "check") == 0 || strcmp(cmd, "test") == 0)
            status = cmd_check(&o, strcmp(cmd, "test") == 0);
        else if (strcmp(cmd, "build") == 0)
            status = cmd_build(&o);
        else if (strcmp(cmd, "run") == 0)
            status = cmd_run(&o);
        else if (strcmp(cmd, "diff") == 0)
            status = cmd_diff(&o);
        else if (strcmp(cmd, "fmt") == 0)
            status = cmd_fmt(&o);
        else
            status = usage_error("unknown command '%s'", cmd);
    }
    free(o.files);
    free(o.includes);
    free(o.disabled);
    return status;
}
