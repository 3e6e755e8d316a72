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

#include "pathway.h"

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

/* The tables fuzz_walk and fuzz_run walk, compiled once from the
 * repository's pathways (their paths in fuzz_tables_paths, in order):
 * real pathways with togethers, criteria, scores and replaces, and two
 * versions of one pathway (tests/diff/structure-*), so that a walk saved
 * with the old one is restored against the new one through `replaces`.
 * Owned by support.c for the life of the process. */
enum { FUZZ_NTABLES = 6 };
extern const char *const fuzz_tables_paths[FUZZ_NTABLES];
const pathway_table *fuzz_table(size_t i);

/* The clock of every walk: a fixed time. */
extern const pathway_clock fuzz_clock;

/* Checks what is true of any walk: it stands on a node of its table,
 * never inside a together; its path ends there and is one longer than its
 * moves, each move made where the one before led; it has finished exactly
 * at an outcome that goes nowhere. */
void fuzz_check_walk(const pathway_walk *w);

/* Checks that a and b are the same walk: the same table, start, moves
 * (kind, from, to, answer, score, ticks, time, step), steps done, and
 * where they stand. */
void fuzz_check_same_walk(const pathway_walk *a, const pathway_walk *b);

/* Saves w, restores the save against w's table and checks the two are the
 * same walk, and that saving the restored walk gives the same text.
 * Returns the restored walk (the caller's: pathway_walk_free). */
pathway_walk *fuzz_round_trip(const pathway_walk *w);

#endif
