/* compile — what the commands share: the diagnostics sink, reading,
 * checking and testing the files (with -M's depfile), printing the
 * diagnostics, and a .pathway compiled to its table in memory (cli.h). */
#include "cli/cli.h"

#include "emit/table.h"
#include "model/check.h"
#include "support/arena.h"
#include "support/depfile.h"
#include "support/source.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* -M: the depfile of every file the program read (depfile.h). */
static bool write_depfile(const pw_cli_options *o, const pw_program *prog,
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

pw_diag *pw_cli_new_sink(const pw_cli_options *o)
{
    pw_diag *diag = pw_diag_new();
    pw_diag_set_werror(diag, o->werror);
    for (size_t i = 0; i < o->ndisabled; i++) {
        const char *w = o->disabled[i];
        bool off = strncmp(w, "no-", 3) == 0;
        if (off ? pw_diag_disable(diag, w + 3) : pw_diag_enable(diag, w))
            continue;
        pw_cli_usage_error("-W%s: there is no warning of that name", w);
        pw_diag_free(diag);
        return NULL;
    }
    return diag;
}

/* Reads, resolves and checks the files: the part check and test share.
 * Returns the exit status so far; *prog is the program (NULL when the
 * options were wrong). */
static int compile(const pw_cli_options *o, pw_diag *diag, pw_program **prog)
{
    pw_program_options po = {o->includes, o->nincludes, PW_CLI_MAX_FILE_BYTES,
                             PW_CLI_MAX_IMPORT_DEPTH, NULL, NULL};
    *prog = pw_program_new(diag, &po);
    int status = PW_EXIT_OK;
    for (size_t i = 0; i < o->nfiles; i++) {
        if (pw_program_add(*prog, o->files[i]))
            continue;
        if (errno == EFBIG)
            pw_cli_message("error: '%s' is larger than %u MiB; pathway "
                           "files are refused above that size",
                           o->files[i], PW_CLI_MAX_FILE_BYTES / (1024 * 1024));
        else
            pw_cli_message("error: cannot read '%s': %s", o->files[i],
                           pw_read_strerror(errno));
        status = PW_EXIT_USAGE;
    }
    pw_check_options co = {o->today};
    pw_program_check(*prog, diag, &co);
    const char *unreadable;
    if (o->depfile && !write_depfile(o, *prog, &unreadable)) {
        if (unreadable)
            pw_cli_message("error: cannot write '%s': make cannot read "
                           "the file name '%s' (a line break, or a backslash at "
                           "the end)", o->depfile, unreadable);
        else
            pw_cli_message("error: cannot write '%s': %s", o->depfile,
                           strerror(errno));
        status = PW_EXIT_USAGE;
    }
    return status;
}

int pw_cli_check_and_test(const pw_cli_options *o, pw_diag *diag, FILE *lines,
                          pw_program **prog, pw_tally *t, bool *ran)
{
    int status = compile(o, diag, prog);
    bool run = status == PW_EXIT_OK && pw_diag_error_count(diag) == 0;
    for (size_t i = 0; run && i < pw_program_graph_count(*prog); i++)
        pw_testing_run(pw_program_graph(*prog, i), diag, lines, t);
    if (ran)
        *ran = run;
    return status;
}

void pw_cli_print_diagnostics(const pw_cli_options *o, pw_diag *diag)
{
    pw_diag_print(diag, stderr, o->format, o->colour);
    if (o->format == PW_DIAG_TEXT)
        pw_diag_print_summary(diag, stderr, o->colour);
}

char *pw_cli_compile_table(const pw_cli_options *o, size_t *len, int *status)
{
    pw_diag *diag = pw_cli_new_sink(o);
    if (!diag) {
        *status = PW_EXIT_USAGE;
        return NULL;
    }
    pw_program *prog;
    pw_tally t = {0, 0};
    *status = pw_cli_check_and_test(o, diag, NULL, &prog, &t, NULL);
    pw_cli_print_diagnostics(o, diag);
    if (*status == PW_EXIT_OK && pw_diag_error_count(diag) > 0)
        *status = PW_EXIT_INPUT;
    const pw_graph *g = NULL;
    size_t n = *status == PW_EXIT_OK ? pw_program_graph_count(prog) : 0, matches = 0;
    for (size_t i = 0; i < n; i++)
        if (!o->pathway || strcmp(pw_program_graph(prog, i)->id, o->pathway) == 0) {
            g = pw_program_graph(prog, i);
            matches++;
        }
    char *text = NULL, err[512] = "";
    if (*status == PW_EXIT_OK && matches != 1)
        *status = pw_cli_usage_error(o->pathway ? "'%s' has no pathway of that id"
                                                : "'%s' has no pathway, or several: "
                                                  "choose one with --pathway ID",
                                     o->pathway ? o->pathway : o->files[0]);
    FILE *f = *status == PW_EXIT_OK ? open_memstream(&text, len) : NULL;
    if (f) {
        bool made = pw_emit_table(g, f, err, sizeof err);
        if (fclose(f) != 0 || !made) {
            pw_cli_message("error: cannot make the table: %s", err);
            *status = PW_EXIT_USAGE;
        }
    }
    pw_program_free(prog);
    pw_diag_free(diag);
    if (*status != PW_EXIT_OK) {
        free(text);
        return NULL;
    }
    return text;
}

void pw_cli_read_error(const char *path, int e, const char *what)
{
    if (e == EFBIG)
        pw_cli_message("error: cannot read '%s': it is larger than %u MiB; a %s is "
                       "refused above that size (docs/limits.md)",
                       path, (strcmp(what, "saved walk") == 0 ? PW_CLI_MAX_WALK_BYTES
                                                              : PW_CLI_MAX_TABLE_BYTES) >> 20,
                       what);
    else
        pw_cli_message("error: cannot read '%s': %s", path, pw_read_strerror(e));
}
