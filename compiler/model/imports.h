/* imports — the files of a program: each file named on the command line
 * and, depth first, every file it imports. Each file is read once,
 * relative to the file that imports it, and never outside the allowed
 * roots (the command-line file's directory and any -I directory); a
 * problem with an import (E0210-E0213) goes to the sink. An import is
 * opened once, by its canonical path under a descriptor of the root that
 * holds it, with no link followed on either (pw_open_dir,
 * pw_open_beneath), and read from that descriptor only if it is a regular
 * file: a link swapped between the check and the read cannot lead outside
 * the roots, nor to a pipe.
 * A pw_imports owns its files: their sources, ASTs and canonical paths. */
#ifndef PW_IMPORTS_H
#define PW_IMPORTS_H

#include "front/ast.h"
#include "model/graph.h"
#include "support/diag.h"

#include <stdbool.h>
#include <stddef.h>

/* A list of files; it borrows them. Free at with free(). */
typedef struct pw_files {
    struct pw_file **at;
    size_t n;
} pw_files;

/* One file of the program. */
typedef struct pw_file {
    pw_source *src;
    pw_ast_file *ast;
    char *real;            /* canonical path: each file is read once */
    const char *root;      /* the directory its imports may read under */
    bool on_command_line;
    bool loaded;           /* false while its imports are being read */
    pw_files imports;      /* the files it imports, in order */
    unsigned visit;        /* pw_imports_closure's mark */
    struct pw_file_scope *scope; /* what it declares and sees: set and
                                  * owned by scope.c */
} pw_file;

/* The text to read in place of the file at a canonical path (the language
 * server's open documents, edited but not saved): NULL to read the file.
 * The text must stay as it is while the program lives. */
typedef const char *pw_overlay_fn(void *ctx, const char *real, size_t *len);

typedef struct pw_imports {
    pw_diag *diag;
    pw_overlay_fn *overlay; /* NULL: every file from disk */
    void *overlay_ctx;
    size_t max_file_bytes;  /* larger files are refused */
    unsigned max_depth;     /* imports of imports of ... */
    char **roots;           /* canonical: every -I directory, then the
                             * directory of each command-line file */
    size_t nroots;
    pw_files all;           /* every file, in the order read */
    pw_files order;         /* imports before the files that import them */
    pw_files stack;         /* the chain of imports being read */
    unsigned visit;         /* pw_imports_closure's mark */
} pw_imports;

/* An empty set of files reporting to diag. Free with pw_imports_free. */
void pw_imports_init(pw_imports *m, pw_diag *diag, size_t max_file_bytes,
                     unsigned max_depth);
void pw_imports_free(pw_imports *m);

/* Lets imports read files under dir too (-I). A directory that does not
 * exist is left out: the command line checks them first. */
void pw_imports_allow(pw_imports *m, const char *dir);

/* Reads a file named on the command line, and its imports. Returns false,
 * with errno set and nothing reported, when the file itself cannot be
 * read; problems in its imports are reported to the sink. */
bool pw_imports_add(pw_imports *m, const char *path);

/* Appends to out the files f sees: its imports depth first, then itself,
 * each once. out borrows them. */
void pw_imports_closure(pw_imports *m, pw_file *f, pw_files *out);

void pw_files_push(pw_files *l, pw_file *f);

/* A place in f, for messages. */
pw_loc pw_file_loc(const pw_file *f, pw_span s);

/* t, written in f, copied into a with its place. */
pw_gtext pw_file_text(const pw_file *f, pw_arena *a, pw_text t);

#endif
