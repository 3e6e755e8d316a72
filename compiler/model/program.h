/* program — from .pathway files to pathway graphs.
 *
 * A program is the files named on the command line and everything they
 * import (imports.h). pw_program_resolve resolves every name (scope.h)
 * and constructs one graph for each pathway in a command-line file
 * (construct.h). Every problem goes to the sink; the graphs hold what
 * resolved (a reference that did not is PW_NO_NODE or NULL). The program
 * owns its files, their declarations and the graphs. */
#ifndef PW_PROGRAM_H
#define PW_PROGRAM_H

#include "support/diag.h"
#include "model/check.h"
#include "model/graph.h"
#include "model/imports.h"

#include <stdbool.h>

typedef struct pw_program pw_program;

typedef struct pw_program_options {
    const char *const *include_dirs; /* -I: more roots imports may read */
    size_t ninclude_dirs;
    size_t max_file_bytes;           /* larger files are refused */
    unsigned max_import_depth;       /* imports of imports of ... */
    pw_overlay_fn *overlay;          /* NULL, or text to read in place of
                                      * files (imports.h) */
    void *overlay_ctx;
} pw_program_options;

/* A new program reporting to diag. The options' strings must outlive it.
 * Owned by the caller: free with pw_program_free. */
pw_program *pw_program_new(pw_diag *diag, const pw_program_options *o);
void pw_program_free(pw_program *p);

/* Reads a file named on the command line, and, depth first, its imports:
 * each file once, relative to the file that imports it, never outside the
 * allowed roots (the command-line file's directory and any -I directory),
 * with a cycle reported as the chain that closes it. Returns false, with
 * errno set and nothing reported, when the file itself cannot be read (a
 * usage or I/O problem for the caller); problems in its text and its
 * imports are reported to the sink. */
bool pw_program_add(pw_program *p, const char *path);

/* Resolves the names of every file read and constructs the graphs. Call
 * once, after the last pw_program_add. */
void pw_program_resolve(pw_program *p);

/* The graphs, one per pathway of the command-line files, in source
 * order. Owned by the program. */
size_t pw_program_graph_count(const pw_program *p);
const pw_graph *pw_program_graph(const pw_program *p, size_t i);

/* Every file read (command-line files and imports), in the order read, by
 * the name used in messages. */
size_t pw_program_file_count(const pw_program *p);
const char *pw_program_file_name(const pw_program *p, size_t i);

/* File i of pw_program_file_count's, with its source and syntax tree:
 * what the language server reads to find names. */
const pw_file *pw_program_file(const pw_program *p, size_t i);

/* Every contact, role and form declared anywhere in the program, in the
 * order read; owned by the program. */
const pw_declared *pw_program_declared(const pw_program *p);

/* Resolves p and runs every check on it (model/check.h): each pathway's
 * graph, then what the program declared. Does nothing when d already
 * holds an error: names are resolved only once every file reads cleanly,
 * or what a syntax error left out would come back as a cascade of
 * unknown names. Call once, after the last pw_program_add, instead of
 * pw_program_resolve. */
void pw_program_check(pw_program *p, pw_diag *d, const pw_check_options *o);

#endif
