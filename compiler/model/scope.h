/* scope — the contacts, roles and forms a program declares, and which one
 * a name means where it is written. A file sees its own declarations and
 * those of every file it imports, directly or not; a pathway sees its own
 * too, which may not hide its file's (E0202). A name declared twice
 * (E0201) and a name that is not declared (E0204-E0206, with the nearest
 * that is) are reported to the sink.
 * A pw_scopes owns every declaration (in its arena) and every file's
 * scope; the graphs point into it, so it must outlive them. */
#ifndef PW_SCOPE_H
#define PW_SCOPE_H

#include "model/graph.h"
#include "model/imports.h"
#include "support/names.h"

/* The three kinds of declaration, to write once what is done to each. */
typedef enum pw_decl_kind {
    PW_DECL_CONTACT, /* pw_contact */
    PW_DECL_ROLE,    /* pw_role */
    PW_DECL_FORM,    /* pw_form */
    PW_DECL_KINDS
} pw_decl_kind;

/* The declarations of one kind a file or a pathway sees: by name, and in
 * the order seen (the candidates for "did you mean"). It borrows them. */
typedef struct pw_visible {
    pw_names *names;
    void **list;
    size_t n;
} pw_visible;

/* What one file declares (in order) and sees. */
typedef struct pw_file_scope {
    void **own[PW_DECL_KINDS];
    size_t nown[PW_DECL_KINDS];
    pw_visible sees[PW_DECL_KINDS];
} pw_file_scope;

/* Where names are looked up: a pathway's own declarations, then its
 * file's scope; at a file's top level, its own are empty. */
typedef struct pw_scope {
    const pw_file *file;
    pw_visible own[PW_DECL_KINDS];
} pw_scope;

typedef struct pw_scopes {
    pw_diag *diag;
    pw_arena *arena;       /* every contact, role and form */
    pw_declared declared;  /* and in the order declared */
    pw_names *pathways;    /* every pathway id -> its pw_ast_pathway */
    pw_file_scope **files; /* every file's scope */
    size_t nfiles;
    const void **reported; /* declarations reported as duplicates */
    size_t nreported;
} pw_scopes;

/* Empty scopes reporting to diag. Free with pw_scopes_free. */
void pw_scopes_init(pw_scopes *s, pw_diag *diag);
void pw_scopes_free(pw_scopes *s);

/* Resolves the names of a program's files, in three passes over them in
 * order (imports first): declares each file's own contacts, roles and
 * forms (f->scope); works out what each sees, reporting names declared
 * twice; resolves the out-of-hours contacts of those at each file's top
 * level. Then indexes the pathways of every file by id. */
void pw_scopes_resolve(pw_scopes *s, pw_imports *m);

/* Opens the scope of pathway w of file f: declares the pathway's own
 * contacts, roles and forms. Close with pw_scope_close. */
void pw_scope_open(pw_scopes *s, pw_scope *sc, const pw_file *f,
                   const pw_ast_pathway *w);
void pw_scope_close(pw_scope *sc);

/* The declaration of kind k that n names in sc, marked used; NULL when
 * there is none (reported, with the nearest name, which is marked used:
 * it was meant). */
void *pw_scope_find(pw_scopes *s, const pw_scope *sc, pw_decl_kind k, pw_name n);

/* The declaration of kind k whose name or title text is, in any case
 * (`by "dsl"`, `by "Designated Safeguarding Lead"`), that sc sees; NULL
 * when there is none. Nothing is reported or marked used. */
void *pw_scope_named_by_text(const pw_scope *sc, pw_decl_kind k, const char *text);
/* Whether text, its spaces at either end left out, is word in any case. */
bool pw_same_words(const char *text, const char *word);

/* error[E0201]: WHAT 'ID' is declared twice, at again, first at first. */
void pw_scope_duplicate(pw_diag *d, const char *what, const char *id, pw_loc again,
                        pw_loc first);

/* error[CODE]: unknown WHAT 'NAME', with "did you mean 'BEST'?" or else
 * the help otherwise. */
void pw_scope_unknown(pw_diag *d, const char *code, const char *what, pw_loc at,
                      const char *name, const char *best, const char *otherwise);

#endif
