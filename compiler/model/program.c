#include "model/program.h"

#include "model/construct.h"
#include "model/imports.h"
#include "model/scope.h"

#include <stdlib.h>

struct pw_program {
    pw_imports files;
    pw_scopes scopes;
    pw_graph **graphs;
    size_t ngraphs;
};

pw_program *pw_program_new(pw_diag *diag, const pw_program_options *o)
{
    pw_program *p = pw_xcalloc(1, sizeof *p);
    pw_imports_init(&p->files, diag, o->max_file_bytes, o->max_import_depth);
    p->files.overlay = o->overlay;
    p->files.overlay_ctx = o->overlay_ctx;
    for (size_t i = 0; i < o->ninclude_dirs; i++)
        pw_imports_allow(&p->files, o->include_dirs[i]);
    pw_scopes_init(&p->scopes, diag);
    return p;
}

bool pw_program_add(pw_program *p, const char *path)
{
    return pw_imports_add(&p->files, path);
}

void pw_program_resolve(pw_program *p)
{
    pw_scopes_resolve(&p->scopes, &p->files);
    for (size_t i = 0; i < p->files.all.n; i++) {
        const pw_file *f = p->files.all.at[i];
        if (!f->on_command_line)
            continue;
        for (const pw_ast_pathway *w = f->ast->pathways; w; w = w->next) {
            pw_graph *g = pw_graph_construct(&p->scopes, &p->files, f, w,
                                             (unsigned)p->ngraphs + 1);
            p->graphs = pw_xrealloc(p->graphs, p->ngraphs + 1, sizeof *p->graphs);
            p->graphs[p->ngraphs++] = g;
        }
    }
}

size_t pw_program_graph_count(const pw_program *p)
{
    return p->ngraphs;
}

const pw_graph *pw_program_graph(const pw_program *p, size_t i)
{
    return i < p->ngraphs ? p->graphs[i] : NULL;
}

size_t pw_program_file_count(const pw_program *p)
{
    return p->files.all.n;
}

const char *pw_program_file_name(const pw_program *p, size_t i)
{
    return i < p->files.all.n ? p->files.all.at[i]->src->name : NULL;
}

const pw_file *pw_program_file(const pw_program *p, size_t i)
{
    return i < p->files.all.n ? p->files.all.at[i] : NULL;
}

const pw_declared *pw_program_declared(const pw_program *p)
{
    return &p->scopes.declared;
}

void pw_program_free(pw_program *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->ngraphs; i++)
        pw_graph_free(p->graphs[i]);
    free(p->graphs);
    pw_scopes_free(&p->scopes);
    pw_imports_free(&p->files);
    free(p);
}

void pw_program_check(pw_program *p, pw_diag *d, const pw_check_options *o)
{
    if (pw_diag_error_count(d) > 0)
        return;
    pw_program_resolve(p);
    for (size_t i = 0; i < pw_program_graph_count(p); i++)
        pw_check_graph(pw_program_graph(p, i), d, o);
    pw_check_declared(pw_program_declared(p), d, o);
}
