/* options — the command line's options, parsed into pw_cli_options for
 * every command, and the --help text (cli.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include "support/arena.h"
#include "support/text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* --help: every command and option (tests/man-page checks that
 * docs/pathwayc.1 describes each of them). */
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
    "  lsp                    the language server for editors: LSP on stdin and\n"
    "                         stdout (docs/lsp.md)\n"
    "  serve FILE|DIR         a live preview on 127.0.0.1: the checklists and\n"
    "                         diagrams of FILE (or every *.pathway of DIR), built\n"
    "                         again on every save, errors shown over the pages\n"
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
    "                         no-record, tbc, duplicate-criterion, by-text-role,\n"
    "                         criterion-split, do-when, joined-text); -WNAME\n"
    "                         turns it back on\n"
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
    "  --port N               (serve) listen on port N of 127.0.0.1 (default: a\n"
    "                         free port, printed)\n"
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

void pw_cli_usage(FILE *out)
{
    fputs(usage_text, out);
}

int pw_cli_usage_error(const char *fmt, const char *arg)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    pw_cli_message(fmt, arg);
#pragma GCC diagnostic pop
    fputs("Try 'pathwayc --help'.\n", stderr);
    return PW_EXIT_USAGE;
}

void pw_cli_message(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pathwayc: ", stderr);
    pw_vprintf_visible(stderr, 0, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
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
static int decide_today(pw_cli_options *o, const char *given)
{
    if (given) {
        if (!pw_date_parse(given, &o->today))
            return pw_cli_usage_error("--today takes a date written YYYY-MM-DD, not '%s'",
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
            return pw_cli_usage_error("SOURCE_DATE_EPOCH must be a number of seconds, "
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
static bool run_option(int argc, char **argv, int *i, pw_cli_options *o, bool *bad)
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

/* --port's value: 1-65535. */
static bool parse_port(const char *v, unsigned *port)
{
    if (!v || !*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 5)
        return false;
    long n = strtol(v, NULL, 10);
    *port = (unsigned)n;
    return n >= 1 && n <= 65535;
}

static int parse_option(int argc, char **argv, int *i, pw_cli_options *o,
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
            return pw_cli_usage_error("--color takes auto, always or never, not '%s'",
                                      *colour);
    } else if (strcmp(a, "--werror") == 0 || strcmp(a, "-Werror") == 0) {
        o->werror = true;
    } else if (strncmp(a, "-W", 2) == 0 && a[2]) {
        o->disabled[o->ndisabled++] = a + 2; /* "no-NAME" or "NAME", in order */
    } else if (strncmp(a, "--today", 7) == 0 && (a[7] == '=' || !a[7])) {
        *today = a[7] ? a + 8 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!*today)
            return pw_cli_usage_error("%s", "--today needs a date");
    } else if (strncmp(a, "-I", 2) == 0) {
        const char *dir = option_value(argc, argv, i, 2);
        struct stat st;
        if (!dir)
            return pw_cli_usage_error("%s", "-I needs a directory");
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
            return pw_cli_usage_error("-I: '%s' is not a directory", dir);
        o->includes[o->nincludes++] = dir;
    } else if (strncmp(a, "-M", 2) == 0) {
        o->depfile = option_value(argc, argv, i, 2);
        if (!o->depfile)
            return pw_cli_usage_error("%s", "-M needs a file name");
    } else if (strcmp(a, "--coverage") == 0) {
        o->coverage = true;
    } else if (strcmp(a, "-o") == 0 || (strncmp(a, "-o", 2) == 0 && a[2])) {
        o->outdir = option_value(argc, argv, i, 2);
        if (!o->outdir)
            return pw_cli_usage_error("%s", "-o needs a directory");
    } else if (strncmp(a, "--emit", 6) == 0 && (a[6] == '=' || !a[6])) {
        o->emit = a[6] ? a + 7 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!o->emit)
            return pw_cli_usage_error("%s", "--emit needs a list, such as dot,svg,json");
    } else if (strncmp(a, "--format", 8) == 0 && (a[8] == '=' || !a[8])) {
        o->report_format = a[8] ? a + 9 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!o->report_format)
            return pw_cli_usage_error("%s", "--format needs text, md or json");
    } else if (strncmp(a, "--port", 6) == 0 && (a[6] == '=' || !a[6])) {
        const char *v = a[6] ? a + 7 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!parse_port(v, &o->port))
            return pw_cli_usage_error("--port takes a port number from 1 to 65535, "
                                      "not '%s'", v ? v : "");
    } else if (strcmp(a, "-w") == 0 || strcmp(a, "--check") == 0) {
        *(a[1] == 'w' ? &o->fmt_write : &o->fmt_check) = true;
    } else if (run_option(argc, argv, i, o, &bad)) {
        if (bad)
            return pw_cli_usage_error("%s needs a value", a);
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
        pw_cli_usage(stdout);
        return PW_EXIT_OK;
    } else {
        return pw_cli_usage_error("unknown option '%s'", a);
    }
    return -1;
}

int pw_cli_parse_options(int argc, char **argv, pw_cli_options *o)
{
    const char *colour = "auto", *today = NULL;
    size_t n = (size_t)argc + 1;
    o->files = pw_xcalloc(n, sizeof *o->files);
    o->includes = pw_xcalloc(n, sizeof *o->includes);
    o->disabled = pw_xcalloc(n, sizeof *o->disabled);
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


void pw_cli_options_free(pw_cli_options *o)
{
    free(o->files);
    free(o->includes);
    free(o->disabled);
}
