/* index — every name of a program's files as the language server sees
 * them: each declaration (a node, stage, pathway, contact, role or form)
 * and each reference to one (`next`, an answer's `->`, `contact`, `by`,
 * `form`, `also`, `start`, `out-of-hours`, a scenario's and an
 * assertion's nodes, an `import`'s file), with its place and the
 * declaration it resolves to.
 *
 * Built from the syntax trees alone (front/ast.h), so that it works on a
 * file with errors as far as the parser could read it: a reference
 * resolves as the compiler resolves it (a node in its own pathway; a
 * contact, role or form declared in the pathway, else at a file's top
 * level, its own file first), and one that does not is kept unresolved.
 * Which fields hold references is said once, in index.c (refs_of_field):
 * a new field that names something needs a line there. */
#ifndef PW_INDEX_H
#define PW_INDEX_H

#include "front/ast.h"
#include "model/imports.h"
#include "model/program.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum pw_sym_kind {
    PW_SYM_NODE,
    PW_SYM_CONTACT,
    PW_SYM_ROLE,
    PW_SYM_FORM,
    PW_SYM_PATHWAY,
    PW_SYM_STAGE,
    PW_SYM_FILE, /* an import's path; its declaration is the file */
} pw_sym_kind;

enum { PW_SYM_NONE = (size_t)-1 };

typedef struct pw_sym {
    pw_sym_kind kind;
    bool def;                       /* a declaration, not a reference */
    bool node_or_pathway;           /* `also`: a node, else a pathway */
    const char *name;
    const char *title;              /* a declaration's title, or NULL */
    const pw_file *file;
    pw_span span;                   /* the name as written */
    const pw_ast_pathway *pathway;  /* the pathway it is written in, or NULL */
    const void *decl;               /* a declaration's AST (pw_ast_node,
                                     * pw_ast_contact, ...); a FILE's pw_file */
    size_t target;                  /* the declaration it resolves to
                                     * (itself for one), or PW_SYM_NONE */
} pw_sym;

typedef struct pw_index {
    pw_sym *at;
    size_t n, cap;
} pw_index;

/* Indexes every file p read (p need not be resolved). Free with
 * pw_index_free. */
void pw_index_build(pw_index *x, const pw_program *p);
void pw_index_free(pw_index *x);

/* The name at byte offset of f (its span holds offset, or ends at it),
 * or PW_SYM_NONE. */
size_t pw_index_find(const pw_index *x, const pw_file *f, uint32_t offset);

/* The declaration of kind k named name that a reference in pathway w of
 * file f would resolve to, or PW_SYM_NONE. */
size_t pw_index_lookup(const pw_index *x, pw_sym_kind k, const char *name,
                       const pw_file *f, const pw_ast_pathway *w);

/* The innermost node, and the pathway, whose span holds offset in f's
 * tree (NULL when none does). */
const pw_ast_node *pw_index_node_at(const pw_file *f, uint32_t offset,
                                    const pw_ast_pathway **pathway);

#endif
