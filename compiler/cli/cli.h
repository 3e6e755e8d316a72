/* cli — the pathwayc command line: what main.c and the command files
 * share. main.c parses the options (options.c) and calls one function per
 * command (cmd_*.c); what a command does lives in the modules below cli/,
 * which have unit tests, and a command only says what to do with their
 * results: what goes to stdout and stderr, and the exit status. cli/ is
 * the only place the program decides either, and the only place it exits
 * (pw_out_of_memory, main.c). */
#ifndef PW_CLI_H
#define PW_CLI_H

#include "model/program.h"
#include "model/testing.h"
#include "support/dates.h"
#include "support/diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit status: 0 success (warnings allowed), 1 the input has errors, 2
 * usage or I/O trouble (run and diff give 0 and 1 their own meanings:
 * the usage text says which). */
enum { PW_EXIT_OK = 0, PW_EXIT_INPUT = 1, PW_EXIT_USAGE = 2 };

/* Limits (docs/limits.md). */
#define PW_CLI_MAX_FILE_BYTES (16u * 1024 * 1024)
#define PW_CLI_MAX_IMPORT_DEPTH 32u
#define PW_CLI_MAX_TABLE_BYTES (64u * 1024 * 1024) /* a table: run, diff */
#define PW_CLI_MAX_WALK_BYTES (1u * 1024 * 1024)   /* a saved walk: run --resume */

/* Every option of every command, as given. The strings are argv's. */
typedef struct pw_cli_options {
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
    unsigned port;                                   /* serve: --port (0: a free one) */
} pw_cli_options;

/* ---- options.c ------------------------------------------------------------ */

/* Parses the argc options after the command into o (zeroed by the
 * caller); returns -1 on success, else the exit status (after --help, or
 * after reporting a usage error). Free o with pw_cli_options_free. */
int pw_cli_parse_options(int argc, char **argv, pw_cli_options *o);
void pw_cli_options_free(pw_cli_options *o);

/* The --help text. */
void pw_cli_usage(FILE *out);

/* "pathwayc: " and fmt with arg on stderr, then how to get help; returns
 * PW_EXIT_USAGE. */
int pw_cli_usage_error(const char *fmt, const char *arg)
    __attribute__((format(printf, 1, 0)));

/* "pathwayc: " and the formatted message on stderr, then a line break;
 * the message shown as text.h shows text from data (a file name, an
 * argument), its control characters as escapes. Every message of cli/
 * with data in it goes through here. */
void pw_cli_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- compile.c: what the commands share ----------------------------------- */

/* "pathwayc: error: cannot read 'PATH': ..." on stderr for pw_read_file's
 * errno e, what being "table" or "saved walk" (whose limit EFBIG names). */
void pw_cli_read_error(const char *path, int e, const char *what);

/* A diagnostics sink set up as the options say (-W, --werror); NULL after
 * reporting a -W name no warning has. Free with pw_diag_free. */
pw_diag *pw_cli_new_sink(const pw_cli_options *o);

/* Reads, resolves and checks the files (writing -M's depfile), then runs
 * the scenarios and assertions, only when nothing before them is wrong (a
 * walk over a broken graph proves nothing), with a line each on lines
 * when it is not NULL, counted in t. Returns the exit status so far (a
 * file that cannot be read, a depfile that cannot be written: reported);
 * *prog is the program, to free with pw_program_free. *ran (when ran is
 * not NULL) says whether the tests ran. */
int pw_cli_check_and_test(const pw_cli_options *o, pw_diag *diag, FILE *lines,
                          pw_program **prog, pw_tally *t, bool *ran);

/* Every diagnostic, then (for text) the count line, on stderr. */
void pw_cli_print_diagnostics(const pw_cli_options *o, pw_diag *diag);

/* The table of the one pathway (or --pathway's) of the .pathway file
 * o->files[0], checked (tests included) and compiled in memory: heap,
 * *len bytes. NULL after reporting; *status says why. */
char *pw_cli_compile_table(const pw_cli_options *o, size_t *len, int *status);

/* ---- the commands: each returns the exit status --------------------------- */

int pw_cli_check(const pw_cli_options *o); /* cmd_check.c */
int pw_cli_test(const pw_cli_options *o);  /* cmd_check.c */
int pw_cli_build(const pw_cli_options *o); /* cmd_build.c */
int pw_cli_run(const pw_cli_options *o);   /* cmd_run.c */
int pw_cli_diff(const pw_cli_options *o);  /* cmd_diff.c */
int pw_cli_fmt(const pw_cli_options *o);   /* cmd_fmt.c */
int pw_cli_lsp(const pw_cli_options *o);   /* cmd_lsp.c */
int pw_cli_serve(const pw_cli_options *o); /* cmd_serve.c */

#endif
