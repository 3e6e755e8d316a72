/* support — what the compiler's libFuzzer harnesses share (fuzz_html,
 * fuzz_dot, fuzz_diff, fuzz_walk, fuzz_run): fuzzed bytes compiled as a
 * .pathway file whose imports of the repository's shared files resolve,
 * and a check that stops the run so libFuzzer keeps the input.
 *
 * The front end reads files, so each source is written to a directory of
 * the harness's own (mkdtemp under /tmp), beside copies of
 * the .pathway files of pathways/common (in common/) and pathways/cse.pathway, so that
 * the real pathways of the seed corpora compile as they do in the tree.
 * FUZZ_REPO (the Makefile's -D) is the repository they are copied from. */
#ifndef PW_FUZZ_SUPPORT_H
#define PW_FUZZ_SUPPORT_H

#include "model/graph.h"
#include "model/program.h"
#include "support/diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A broken promise: the harness stops at once (a trap, which libFuzzer
 * reports as a crash and keeps the input of), after saying what broke. */
#define FUZZ_CHECK(x)                                                                    \
    do {                                                                                 \
        if (!(x))                                                                        \
            fuzz_fail(__FILE__, __LINE__, #x);                                           \
    } while (0)

_Noreturn void fuzz_fail(const char *file, int line, const char *what);

/* A compiled source: its program and diagnostics (the caller's:
 * fuzz_compiled_free). */
typedef struct fuzz_compiled {
    pw_program *prog;
    pw_diag *diag;
    bool clean; /* no errors: every graph may go to a backend */
} fuzz_compiled;

/* Compiles size bytes at data as the file NAME (a bare file name, such as
 * "a.pathway") of the harness's directory, checked as `pathwayc check`
 * does on 2025-06-01. */
fuzz_compiled fuzz_compile(const uint8_t *data, size_t size, const char *name);
void fuzz_compiled_free(fuzz_compiled *c);

/* The table of g (a graph of a clean compile) as JSON, NUL-terminated
 * (the caller's: free), *len its length; aborts when the table cannot be
 * written, which for a clean graph is a finding. */
char *fuzz_table_json(const pw_graph *g, size_t *len);

/* A file of the repository (FUZZ_REPO/path) whole, NUL-terminated (the
 * caller's: free); aborts when it cannot be read: the harness is
 * mis-built. */
char *fuzz_repo_file(const char *path, size_t *len);

#endif
