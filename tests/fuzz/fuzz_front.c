/* fuzz_front — libFuzzer harness for the whole front end: any bytes as a
 * .pathway file, read, parsed, resolved and checked as `pathwayc check`
 * does, its scenarios and assertions run, each clean pathway's table
 * written, and every diagnostic printed (text and JSON). Nothing may
 * crash, hang, leak or trip a sanitizer, whatever the bytes.
 *
 * The bytes are written to a file in a directory of the harness's own
 * (imports resolve against it and find nothing), since the front end
 * reads files. Built and run by tests/fuzz/fuzz.mk. */
#include "model/check.h"
#include "support/diag.h"
#include "emit/table.h"
#include "model/program.h"
#include "model/scenario.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static char path[128];

static void run_tests(const pw_graph *g)
{
    for (size_t i = 0; i < g->nscenarios + g->nasserts; i++) {
        pw_result r;
        if (i < g->nscenarios) {
            pw_scenario_run(g, i, &r);
        } else {
            pw_assert_check(g, i - g->nscenarios, &r);
            free(pw_assert_text(g, i - g->nscenarios));
        }
        if (r.npath)
            free(pw_path_text(g, r.path, r.npath));
        pw_result_free(&r);
    }
}

static void outputs(pw_program *prog, pw_diag *diag)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    for (size_t i = 0; f && i < pw_program_graph_count(prog); i++) {
        const pw_graph *g = pw_program_graph(prog, i);
        run_tests(g);
        char err[256];
        if (pw_diag_error_count(diag) == 0)
            pw_emit_table(g, f, err, sizeof err);
    }
    if (f) {
        pw_diag_print(diag, f, PW_DIAG_TEXT, false);
        pw_diag_print(diag, f, PW_DIAG_JSON, false);
        fclose(f);
    }
    free(buf);
}

/* Out of memory in the compiler's modules (arena.h): a finding, kept
 * by libFuzzer as a crash with the input that caused it. */
void pw_out_of_memory(void)
{
    fputs("fuzz_front: out of memory\n", stderr);
    abort();
}

/* The harness's directory and its one file, removed at exit. */
static void remove_dir(void)
{
    unlink(path);
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        strcpy(dir, "/tmp/pw-fuzz-XXXXXX");
        if (!mkdtemp(dir))
            abort();
        snprintf(path, sizeof path, "%s/main.pathway", dir);
        atexit(remove_dir);
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    pw_diag *diag = pw_diag_new();
    pw_program_options o = {NULL, 0, 1 << 20, 8, NULL, NULL};
    pw_program *prog = pw_program_new(diag, &o);
    pw_program_add(prog, path);
    pw_check_options co = {{2025, 6, 1, {0, 0}}};
    pw_program_check(prog, diag, &co);
    outputs(prog, diag);
    pw_program_free(prog);
    pw_diag_free(diag);
    return 0;
}
