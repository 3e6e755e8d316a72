/* index — the names of a program's files (index.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "server/index.h"

#include "support/arena.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static size_t add(pw_index *x, pw_sym s)
{
    if (x->n == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 256;
        x->at = pw_xrealloc(x->at, x->cap, sizeof *x->at);
    }
    s.target = s.def ? x->n : PW_SYM_NONE;
    x->at[x->n] = s;
    return x->n++;
}

static void def(pw_index *x, pw_sym_kind k, pw_name n, pw_text title, const pw_file *f,
                const pw_ast_pathway *w, const void *decl)
{
    if (n.text)
        add(x, (pw_sym){k, true, false, n.text, title.text, f, n.span, w, decl, 0});
}

static void ref(pw_index *x, pw_sym_kind k, pw_name n, const pw_file *f,
                const pw_ast_pathway *w)
{
    if (n.text)
        add(x, (pw_sym){k, false, false, n.text, NULL, f, n.span, w, NULL, 0});
}

/* The references a field holds: the one place that says which fields
 * name what. */
static void refs_of_field(pw_index *x, const pw_ast_field *fd, const pw_file *f,
                          const pw_ast_pathway *w)
{
    switch (fd->field) {
    case PW_F_PATHWAY_START:
    case PW_F_NODE_NEXT:
        ref(x, PW_SYM_NODE, fd->v.name, f, w);
        break;
    case PW_F_NODE_ALSO:
        if (fd->v.ref.name.text)
            add(x, (pw_sym){PW_SYM_NODE, false, true, fd->v.ref.name.text, NULL, f,
                            fd->v.ref.name.span, w, NULL, 0});
        break;
    case PW_F_NODE_BY:
        ref(x, PW_SYM_ROLE, fd->v.ref.name, f, w);
        break;
    case PW_F_CONTACT_OUT_OF_HOURS:
        ref(x, PW_SYM_CONTACT, fd->v.name, f, w);
        break;
    case PW_F_NODE_CONTACT:
    case PW_F_NODE_FORM:
        for (const pw_name_item *it = fd->v.names; it; it = it->next)
            ref(x, fd->field == PW_F_NODE_CONTACT ? PW_SYM_CONTACT : PW_SYM_FORM,
                it->name, f, w);
        break;
    default:
        break;
    }
}

static void refs_of_fields(pw_index *x, const pw_ast_field *list, const pw_file *f,
                           const pw_ast_pathway *w)
{
    for (const pw_ast_field *fd = list; fd; fd = fd->next)
        refs_of_field(x, fd, f, w);
}

static void contacts(pw_index *x, const pw_ast_contact *c, const pw_file *f,
                     const pw_ast_pathway *w)
{
    for (; c; c = c->next) {
        def(x, PW_SYM_CONTACT, c->id, c->title, f, w, c);
        refs_of_fields(x, c->fields, f, w);
    }
}

static void roles(pw_index *x, const pw_ast_role *r, const pw_file *f,
                  const pw_ast_pathway *w)
{
    for (; r; r = r->next)
        def(x, PW_SYM_ROLE, r->id, r->title, f, w, r);
}

static void forms(pw_index *x, const pw_ast_form *m, const pw_file *f,
                  const pw_ast_pathway *w)
{
    for (; m; m = m->next)
        def(x, PW_SYM_FORM, m->id, m->title, f, w, m);
}

static void pathway(pw_index *x, const pw_ast_pathway *w, const pw_file *f)
{
    def(x, PW_SYM_PATHWAY, w->id, w->title, f, NULL, w);
    refs_of_fields(x, w->fields, f, w);
    contacts(x, w->contacts, f, w);
    roles(x, w->roles, f, w);
    forms(x, w->forms, f, w);
    for (const pw_ast_stage *s = w->stages; s; s = s->next)
        def(x, PW_SYM_STAGE, s->id, s->title, f, w, s);
    for (const pw_ast_node *n = w->nodes; n; n = n->next_node) {
        def(x, PW_SYM_NODE, n->id, n->title, f, w, n);
        refs_of_fields(x, n->fields, f, w);
        for (const pw_answer *a = n->answers; a; a = a->next)
            ref(x, PW_SYM_NODE, a->target, f, w);
    }
    for (const pw_ast_scenario *sc = w->scenarios; sc; sc = sc->next) {
        ref(x, PW_SYM_NODE, sc->from, f, w);
        for (const pw_scenario_answer *a = sc->answers; a; a = a->next)
            ref(x, PW_SYM_NODE, a->question, f, w);
        ref(x, PW_SYM_NODE, sc->expect, f, w);
        for (const pw_name_item *it = sc->through; it; it = it->next)
            ref(x, PW_SYM_NODE, it->name, f, w);
    }
    for (const pw_ast_assert *as = w->asserts; as; as = as->next) {
        ref(x, PW_SYM_NODE, as->a, f, w);
        ref(x, PW_SYM_NODE, as->b, f, w);
    }
}

/* The file an import of f names, among those p read; NULL when none. */
static const pw_file *imported(const pw_program *p, const pw_file *f, const char *rel)
{
    const char *name = f->src->name;
    const char *slash = strrchr(name, '/');
    size_t dir = slash ? (size_t)(slash - name) : 0;
    size_t n = dir + strlen(rel) + 3;
    char *path = pw_xcalloc(n, 1);
    if (rel[0] == '/' || !slash)
        snprintf(path, n, "%s", rel);
    else
        snprintf(path, n, "%.*s/%s", (int)dir, name, rel);
    char *real = realpath(path, NULL);
    free(path);
    const pw_file *found = NULL;
    for (size_t i = 0; real && !found && i < pw_program_file_count(p); i++) {
        const pw_file *g = pw_program_file(p, i);
        if (g->real && strcmp(g->real, real) == 0)
            found = g;
    }
    free(real);
    return found;
}

static bool same_scope(const pw_sym *s, const pw_file *f, const pw_ast_pathway *w)
{
    return s->pathway == w && (w || s->file == f);
}

size_t pw_index_lookup(const pw_index *x, pw_sym_kind k, const char *name,
                       const pw_file *f, const pw_ast_pathway *w)
{
    /* the pathway's own, then its file's top level, then any file's */
    size_t file_level = PW_SYM_NONE, any = PW_SYM_NONE;
    for (size_t i = 0; i < x->n; i++) {
        const pw_sym *s = &x->at[i];
        if (!s->def || s->kind != k || strcmp(s->name, name) != 0)
            continue;
        if (k == PW_SYM_PATHWAY)
            return i;
        if (w && same_scope(s, f, w))
            return i;
        if (k == PW_SYM_NODE || k == PW_SYM_STAGE)
            continue; /* a pathway's nodes are its own */
        if (!s->pathway && s->file == f && file_level == PW_SYM_NONE)
            file_level = i;
        if (!s->pathway && any == PW_SYM_NONE)
            any = i;
    }
    return file_level != PW_SYM_NONE ? file_level : any;
}

void pw_index_build(pw_index *x, const pw_program *p)
{
    *x = (pw_index){0};
    for (size_t i = 0; i < pw_program_file_count(p); i++) {
        const pw_file *f = pw_program_file(p, i);
        if (!f->ast)
            continue;
        for (const pw_ast_import *im = f->ast->imports; im; im = im->next) {
            if (!im->path.text)
                continue;
            const pw_file *to = imported(p, f, im->path.text);
            add(x, (pw_sym){PW_SYM_FILE, false, false, im->path.text, NULL, f,
                            im->path.span, NULL, to, 0});
        }
        contacts(x, f->ast->contacts, f, NULL);
        roles(x, f->ast->roles, f, NULL);
        forms(x, f->ast->forms, f, NULL);
        for (const pw_ast_pathway *w = f->ast->pathways; w; w = w->next)
            pathway(x, w, f);
    }
    for (size_t i = 0; i < x->n; i++) {
        pw_sym *s = &x->at[i];
        if (s->def || s->kind == PW_SYM_FILE)
            continue;
        s->target = pw_index_lookup(x, s->kind, s->name, s->file, s->pathway);
        if (s->target == PW_SYM_NONE && s->node_or_pathway) {
            s->target = pw_index_lookup(x, PW_SYM_PATHWAY, s->name, s->file, NULL);
            if (s->target != PW_SYM_NONE)
                s->kind = PW_SYM_PATHWAY;
        }
    }
}

void pw_index_free(pw_index *x)
{
    free(x->at);
    *x = (pw_index){0};
}

size_t pw_index_find(const pw_index *x, const pw_file *f, uint32_t offset)
{
    size_t best = PW_SYM_NONE;
    for (size_t i = 0; i < x->n; i++) {
        const pw_sym *s = &x->at[i];
        if (s->file != f || offset < s->span.begin || offset > s->span.end)
            continue;
        /* the name the offset is in, before one it only touches */
        if (best == PW_SYM_NONE || offset < s->span.end)
            best = i;
    }
    return best;
}

static bool holds(pw_span s, uint32_t offset)
{
    return offset >= s.begin && offset < s.end;
}

const pw_ast_node *pw_index_node_at(const pw_file *f, uint32_t offset,
                                    const pw_ast_pathway **pathway)
{
    *pathway = NULL;
    if (!f->ast)
        return NULL;
    for (const pw_ast_pathway *w = f->ast->pathways; w; w = w->next) {
        if (!holds(w->span, offset))
            continue;
        *pathway = w;
        const pw_ast_node *best = NULL;
        for (const pw_ast_node *n = w->nodes; n; n = n->next_node)
            if (holds(n->span, offset) &&
                (!best || n->span.end - n->span.begin < best->span.end - best->span.begin))
                best = n;
        return best;
    }
    return NULL;
}
