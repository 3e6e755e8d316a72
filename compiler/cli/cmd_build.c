/* cmd_build — pathwayc build: check everything, then write each
 * pathway's outputs (tools/build.h), all of them or none (emit/outputs.h)
 * (cli.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include "emit/dot.h"
#include "emit/outputs.h"
#include "tools/build.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The sink of the build: each output to the staging directory, to be
 * moved into place with the others (outputs.h). */
static bool add_output(void *cls, const char *id, const char *ext, const char *data,
                       size_t len, char *err, size_t errsize)
{
    pw_outputs *outputs = cls;
    if (pw_outputs_add(outputs, id, ext, data, len))
        return true;
    snprintf(err, errsize, "%s", pw_outputs_error(outputs));
    return false;
}

static void print_note(void *cls, const char *text)
{
    (void)cls;
    pw_cli_message("note: %s", text);
}

/* Every output of every pathway of prog into dir, and with html the
 * index; all moved into place when every one is written, else none, with
 * dir locked against other builds meanwhile (a second one waits, after a
 * note) (outputs.h). PW_EXIT_OK, or PW_EXIT_USAGE after reporting. */
static int write_outputs(const pw_program *prog, const char *dir, pw_build_options *b)
{
    pw_outputs *outputs = pw_outputs_new(dir);
    pw_outputs_lock_result lock = pw_outputs_lock(outputs, false);
    if (lock == PW_OUTPUTS_BUSY) {
        pw_cli_message("note: another build is writing into '%s'; "
                        "waiting for it to finish", dir);
        lock = pw_outputs_lock(outputs, true);
    }
    if (lock != PW_OUTPUTS_LOCKED) {
        pw_cli_message("error: %s", pw_outputs_error(outputs));
        pw_outputs_free(outputs);
        return PW_EXIT_USAGE;
    }
    b->sink = add_output;
    b->note = print_note;
    b->cls = outputs;
    char err[2048];
    int status = PW_EXIT_OK;
    switch (pw_build_program(prog, b, err, sizeof err)) {
    case PW_BUILD_OK:
        if (!pw_outputs_commit(outputs)) {
            pw_cli_message("error: %s", pw_outputs_error(outputs));
            status = PW_EXIT_USAGE;
        }
        break;
    case PW_BUILD_FAILED:
        pw_cli_message("error: %s", err);
        status = PW_EXIT_USAGE;
        break;
    case PW_BUILD_CLASH:
        status = pw_cli_usage_error("%s", err);
        break;
    }
    pw_outputs_free(outputs);
    return status;
}

/* build FILE...: check everything (tests included); only when nothing is
 * wrong, write each pathway's outputs, each whole or not at all. */
int pw_cli_build(const pw_cli_options *o)
{
    char err[512];
    int emit = pw_build_parse_emit(o->emit ? o->emit : "dot,svg,html,json", err,
                                   sizeof err);
    if (emit < 0) {
        pw_cli_message("%s", err);
        return PW_EXIT_USAGE;
    }
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
        pw_cli_message("error: -o: cannot make the directory '%s': %s",
                dir, strerror(errno));
        status = PW_EXIT_USAGE;
    }
    pw_build_options b = {.emit = emit, .explicit_emit = o->emit != NULL,
                          .today = o->today};
    if (status == PW_EXIT_OK)
        status = write_outputs(prog, dir, &b);
    pw_diagram_release();
    pw_program_free(prog);
    pw_diag_free(diag);
    return status;
}

