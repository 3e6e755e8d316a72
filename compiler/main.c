/* main — the pathwayc command line: options, subcommands, exit status.
 * The only place the program exits or decides what goes to stdout and
 * stderr. Exit status: 0 success (warnings allowed), 1 the input has
 * errors, 2 usage or I/O trouble. */
#define _POSIX_C_SOURCE 200809L
#include "diag.h"
#include "parse.h"
#include "version.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

/* Larger files are refused before they are read whole (docs/limits.md). */
#define MAX_FILE_BYTES (16u * 1024 * 1024)

typedef struct options {
    pw_diag_format format;
    bool colour;
    const char **files;
    size_t nfiles;
} options;

static const char usage_text[] =
    "usage: pathwayc COMMAND [OPTION]... FILE...\n"
    "\n"
    "Compile safeguarding pathways.\n"
    "\n"
    "Commands:\n"
    "  check FILE...          parse and check pathway files; report every problem\n"
    "\n"
    "Options:\n"
    "  --diagnostics=FORMAT   text (default) or json (one JSON object a line)\n"
    "  --color=WHEN           auto (default: colour on a terminal, unless NO_COLOR\n"
    "                         is set), always, or never\n"
    "  -h, --help             show this help and exit\n"
    "  --version              show the version and exit\n"
    "\n"
    "Exit status: 0 success (warnings allowed), 1 the input has errors,\n"
    "2 usage or I/O trouble.\n";

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

/* Parses the options after the command; returns -1 on success, else the
 * exit status. */
static int parse_options(int argc, char **argv, options *o)
{
    const char *colour = "auto";
    o->files = calloc((size_t)argc, sizeof *o->files);
    if (!o->files)
        return EXIT_USAGE;
    bool only_files = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            o->files[o->nfiles++] = a;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            return EXIT_OK;
        } else if (strcmp(a, "--") == 0) {
            only_files = true;
        } else if (strcmp(a, "--diagnostics=text") == 0) {
            o->format = PW_DIAG_TEXT;
        } else if (strcmp(a, "--diagnostics=json") == 0) {
            o->format = PW_DIAG_JSON;
        } else if (strncmp(a, "--color=", 8) == 0 || strncmp(a, "--colour=", 9) == 0) {
            colour = strchr(a, '=') + 1;
            if (strcmp(colour, "auto") && strcmp(colour, "always") &&
                strcmp(colour, "never"))
                return usage_error("--color takes auto, always or never, not '%s'",
                                   colour);
        } else {
            return usage_error("unknown option '%s'", a);
        }
    }
    o->colour = want_colour(colour);
    return -1;
}

/* check FILE...: parse each file and report its problems. */
static int cmd_check(const options *o)
{
    if (o->nfiles == 0)
        return usage_error("%s", "check needs at least one FILE");
    pw_diag *diag = pw_diag_new();
    int status = EXIT_OK;
    for (size_t i = 0; i < o->nfiles; i++) {
        const char *path = o->files[i];
        pw_source *src = pw_source_read(path, MAX_FILE_BYTES);
        if (!src) {
            if (errno == EFBIG)
                fprintf(stderr, "pathwayc: error: '%s' is larger than %u MiB; "
                                "pathway files are refused above that size\n",
                        path, MAX_FILE_BYTES / (1024 * 1024));
            else
                fprintf(stderr, "pathwayc: error: cannot read '%s': %s\n", path,
                        strerror(errno));
            status = EXIT_USAGE;
            continue;
        }
        pw_ast_file *ast = pw_parse(src, diag);
        pw_diag_print(diag, stderr, o->format, o->colour);
        pw_ast_free(ast);
        pw_source_free(src);
    }
    if (o->format == PW_DIAG_TEXT)
        pw_diag_print_summary(diag, stderr, o->colour);
    if (status == EXIT_OK && pw_diag_error_count(diag) > 0)
        status = EXIT_INPUT;
    pw_diag_free(diag);
    return status;
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
        if (strcmp(cmd, "check") == 0)
            status = cmd_check(&o);
        else
            status = usage_error("unknown command '%s'", cmd);
    }
    free(o.files);
    return status;
}
