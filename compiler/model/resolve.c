#define _XOPEN_SOURCE 700 /* realpath */
#include "model/resolve.h"

#include "support/names.h"
#include "front/parse.h"
#include "support/suggest.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One file of the program. */
typedef struct unit {
    pw_source *src;
    pw_ast_file *ast;
    char *real;            /* canonical path, to load each file once */
    const char *root;      /* the directory its imports may read under */
    bool on_command_line;
    int state;             /* 0 loading, 1 loaded */
    struct unit **imports;
    size_t nimports;
    /* this file's own declarations, in order */
    pw_contact **contacts;
    pw_role **roles;
    pw_form **forms;
    size_t ncontacts, nroles, nforms;
    unsigned visit;        /* closure()'s mark */
    /* what its pathways can see: its own declarations and those of every
     * file it imports, directly or not */
    pw_names *see_contacts, *see_roles, *see_forms;
    pw_contact **vis_contacts;
    pw_role **vis_roles;
    pw_form **vis_forms;
    size_t nvis_contacts, nvis_roles, nvis_forms;
} unit;

struct pw_program {
    pw_diag *diag;
    pw_program_options opt;
    char **roots;          /* canonical -I directories */
    size_t nroots;
    unit **units;          /* in the order read */
    size_t nunits;
    unit **order;          /* imports before the files that import them */
    size_t norder;
    unit **stack;          /* the chain of imports being loaded */
    size_t depth;
    pw_arena *arena;       /* contacts, roles, forms */
    pw_declared declared;
    pw_names *pathways;    /* every pathway id -> pw_ast_pathway */
    pw_graph **graphs;
    size_t ngraphs;
    unsigned mark;
    const void **reported; /* declarations reported as duplicates */
    size_t nreported;
};

#define GROW(arr, n) ((arr) = pw_xrealloc((arr), (n) + 1, sizeof *(arr)))

static pw_loc loc_of(const unit *u, pw_span s)
{
    return (pw_loc){u->src, s};
}

/* ---- loading -------------------------------------------------------------- */

pw_program *pw_program_new(pw_diag *diag, const pw_program_options *o)
{
    pw_program *p = pw_xcalloc(1, sizeof *p);
    p->diag = diag;
    p->opt = *o;
    p->arena = pw_arena_new();
    for (size_t i = 0; i < o->ninclude_dirs; i++) {
        char *r = realpath(o->include_dirs[i], NULL);
        if (!r)
            continue; /* main checks -I directories before this */
        GROW(p->roots, p->nroots);
        p->roots[p->nroots++] = r;
    }
    return p;
}

static unit *find_unit(const pw_program *p, const char *real)
{
    for (size_t i = 0; i < p->nunits; i++)
        if (strcmp(p->units[i]->real, real) == 0)
            return p->units[i];
    return NULL;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return pw_xstrdup(".");
    if (slash == path)
        return pw_xstrdup("/");
    char *d = pw_xstrdup(path);
    d[slash - path] = '\0';
    return d;
}

/* Is the canonical path under the canonical directory dir? */
static bool under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return true;
    return strncmp(path, dir, n) == 0 && path[n] == '/';
}

static bool allowed(const pw_program *p, const char *real, const char *root)
{
    if (under(real, root))
        return true;
    for (size_t i = 0; i < p->nroots; i++)
        if (under(real, p->roots[i]))
            return true;
    return false;
}

static void load_imports(pw_program *p, unit *u);

static unit *new_unit(pw_program *p, pw_source *src, char *real, const char *root)
{
    unit *u = pw_xcalloc(1, sizeof *u);
    u->src = src;
    u->real = real;
    u->root = root;
    GROW(p->units, p->nunits);
    p->units[p->nunits++] = u;
    u->ast = pw_parse(src, p->diag);
    return u;
}

/* Reads one file and its imports, depth first. */
static void load(pw_program *p, unit *u)
{
    GROW(p->stack, p->depth);
    p->stack[p->depth++] = u;
    load_imports(p, u);
    p->depth--;
    u->state = 1;
    GROW(p->order, p->norder);
    p->order[p->norder++] = u; /* after its imports */
}

bool pw_program_add(pw_program *p, const char *path)
{
    char *real = realpath(path, NULL);
    if (!real)
        return false;
    unit *u = find_unit(p, real);
    if (u) {
        free(real);
        u->on_command_line = true;
        return true;
    }
    pw_source *src = pw_source_read(path, p->opt.max_file_bytes);
    if (!src) {
        int e = errno;
        free(real);
        errno = e;
        return false;
    }
    char *root = dir_of(real);
    GROW(p->roots, p->nroots);
    p->roots[p->nroots++] = root; /* kept for its unit's lifetime */
    u = new_unit(p, src, real, root);
    u->on_command_line = true;
    load(p, u);
    return true;
}

/* "a.pathway -> b.pathway -> a.pathway" for a cycle closing at u. */
static char *cycle_chain(const pw_program *p, const unit *u)
{
    size_t from = 0;
    while (from < p->depth && p->stack[from] != u)
        from++;
    size_t len = 1;
    for (size_t i = from; i < p->depth; i++)
        len += strlen(p->stack[i]->src->name) + 4;
    len += strlen(u->src->name);
    char *s = pw_xcalloc(len, 1);
    for (size_t i = from; i < p->depth; i++) {
        strcat(s, p->stack[i]->src->name);
        strcat(s, " -> ");
    }
    strcat(s, u->src->name);
    return s;
}

/* rel taken from the directory base, with "." and ".." worked out by
 * the letters (for a file that does not exist, realpath cannot say). */
static char *lexical_path(const char *base, const char *rel)
{
    size_t n = strlen(base) + strlen(rel) + 3;
    char *joined = pw_xcalloc(n, 1), *out = pw_xcalloc(n, 1);
    snprintf(joined, n, "%s/%s", rel[0] == '/' ? "" : base, rel);
    size_t len = 0;
    for (char *save = NULL, *part = strtok_r(joined, "/", &save); part;
         part = strtok_r(NULL, "/", &save)) {
        if (strcmp(part, ".") == 0)
            continue;
        if (strcmp(part, "..") == 0) {
            while (len > 0 && out[len - 1] != '/')
                len--;
            if (len > 0)
                len--; /* the slash */
            out[len] = '\0';
            continue;
        }
        len += (size_t)snprintf(out + len, n - len, "/%s", part);
    }
    if (!len)
        strcpy(out, "/");
    free(joined);
    return out;
}

/* Where name would lead when realpath cannot say (a part of it is
 * missing): the canonical path of the longest leading part that exists,
 * then the rest by the letters; a dangling symbolic link is followed to
 * where it points. So "link/missing" through a link to a directory outside
 * the roots, or a dangling link to a path outside, is found outside, as it
 * would be if the file existed: whether it does is never told. hops bounds
 * the links followed. Heap string. */
static char *where_missing(const char *name, int hops)
{
    char *real = realpath(name, NULL);
    if (real)
        return real;
    const char *slash = strrchr(name, '/');
    char *parent = slash ? pw_xstrdup(name) : pw_xstrdup(".");
    if (slash)
        parent[slash == name ? 1 : slash - name] = '\0';
    const char *base = slash ? slash + 1 : name;
    /* the parent is shorter, so this ends; only links count as hops */
    char *up = strcmp(parent, name) != 0 ? where_missing(parent, hops)
                                         : pw_xstrdup(parent);
    free(parent);
    char *at = lexical_path(up, base);
    char target[PATH_MAX];
    ssize_t n = hops > 0 ? readlink(at, target, sizeof target - 1) : -1;
    if (n > 0) {
        target[n] = '\0';
        char *via = lexical_path(up, target); /* absolute targets stay so */
        free(at);
        at = where_missing(via, hops - 1);
        free(via);
    }
    free(up);
    return at;
}

static void outside_roots(pw_program *p, const unit *u, const pw_ast_import *im)
{
    pw_diagnostic *g = pw_diag_error(p->diag, "E0212", u->src, im->path.span,
                                     "import '%s' is outside the directories "
                                     "this compile may read", im->path.text);
    pw_diag_help(g, "imports stay under the directory of the file named on "
                    "the command line; allow another with -I DIR");
}

/* An import must be a regular file: opening a named pipe would wait for a
 * writer for ever, and a device could be read without end. False after
 * reporting. */
static bool regular_file(pw_program *p, const unit *u, const pw_ast_import *im,
                         const char *real, const char *name)
{
    struct stat st;
    const char *why;
    if (stat(real, &st) != 0)
        why = strerror(errno);
    else if (S_ISREG(st.st_mode))
        return true;
    else
        why = S_ISDIR(st.st_mode) ? "it is a directory" : "it is not a regular file";
    pw_diagnostic *g = pw_diag_error(p->diag, "E0210", u->src, im->path.span,
                                     "cannot read import '%s': %s", name, why);
    pw_diag_help(g, "import a .pathway file");
    return false;
}

static void import_one(pw_program *p, unit *u, const pw_ast_import *im)
{
    const char *rel = im->path.text;
    char *dir = dir_of(u->src->name);
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *name = pw_xcalloc(n, 1);
    if (rel[0] == '/' || strcmp(dir, ".") == 0)
        snprintf(name, n, "%s", rel);
    else
        snprintf(name, n, "%s/%s", dir, rel);
    free(dir);
    char *real = realpath(name, NULL);
    if (!real) {
        int e = errno;
        char *where = where_missing(name, 40);
        bool out = !allowed(p, where, u->root);
        free(where);
        if (out) {
            /* where it points is refused before whether it exists: a
             * compile never says what lies outside its roots */
            outside_roots(p, u, im);
            free(name);
            return;
        }
        pw_diagnostic *g = pw_diag_error(p->diag, "E0210", u->src, im->path.span,
                                         "cannot read import '%s': %s", name,
                                         strerror(e));
        pw_diag_help(g, "the path is relative to the file that imports it (%s)",
                     u->src->name);
        free(name);
        return;
    }
    if (!allowed(p, real, u->root)) {
        outside_roots(p, u, im);
        free(real);
        free(name);
        return;
    }
    if (!regular_file(p, u, im, real, name)) {
        free(real);
        free(name);
        return;
    }
    unit *v = find_unit(p, real);
    if (v && v->state == 0) {
        char *chain = cycle_chain(p, v);
        pw_diagnostic *g = pw_diag_error(p->diag, "E0211", u->src, im->path.span,
                                         "import cycle: %s", chain);
        pw_diag_help(g, "a file cannot import itself, directly or through "
                        "others; move what both need into a third file");
        free(chain);
    } else if (!v && p->depth > p->opt.max_import_depth) {
        pw_diagnostic *g = pw_diag_error(p->diag, "E0213", u->src, im->path.span,
                                         "imports nest more than %u deep",
                                         p->opt.max_import_depth);
        pw_diag_help(g, "import the shared files directly from this one");
    } else if (!v) {
        pw_source *src = pw_source_read(name, p->opt.max_file_bytes);
        if (!src) {
            pw_diagnostic *g;
            if (errno == EFBIG)
                g = pw_diag_error(p->diag, "E0210", u->src, im->path.span,
                                  "cannot read import '%s': it is larger than %zu "
                                  "MiB", name, p->opt.max_file_bytes >> 20);
            else
                g = pw_diag_error(p->diag, "E0210", u->src, im->path.span,
                                  "cannot read import '%s': %s", name,
                                  strerror(errno));
            pw_diag_help(g, "check the file's permissions and size; pathway "
                            "files are refused above %zu MiB",
                         p->opt.max_file_bytes >> 20);
        } else {
            v = new_unit(p, src, real, u->root);
            real = NULL;
            load(p, v);
        }
    }
    if (v) {
        GROW(u->imports, u->nimports);
        u->imports[u->nimports++] = v;
    }
    free(real);
    free(name);
}

static void load_imports(pw_program *p, unit *u)
{
    for (const pw_ast_import *im = u->ast->imports; im; im = im->next)
        if (im->path.text)
            import_one(p, u, im);
}

/* ---- declarations --------------------------------------------------------- */

static const char *copy(pw_program *p, const char *s)
{
    return s ? pw_arena_strdup(p->arena, s) : NULL;
}

static pw_gtext gtext(pw_arena *a, const unit *u, pw_text t)
{
    return (pw_gtext){t.text ? pw_arena_strdup(a, t.text) : NULL, loc_of(u, t.span)};
}

/* The text of field f of a list, or an absent text. */
static pw_text field_text(const pw_ast_field *list, pw_field f)
{
    const pw_ast_field *x = pw_ast_field_get(list, f);
    return x ? x->v.text : (pw_text){0};
}

static pw_name field_name(const pw_ast_field *list, pw_field f)
{
    const pw_ast_field *x = pw_ast_field_get(list, f);
    return x ? x->v.name : (pw_name){0};
}

static pw_date field_date(const pw_ast_field *list, pw_field f)
{
    const pw_ast_field *x = pw_ast_field_get(list, f);
    return x ? x->v.date : (pw_date){0};
}

static pw_timescale field_time(const pw_ast_field *list, pw_field f)
{
    const pw_ast_field *x = pw_ast_field_get(list, f);
    return x ? x->v.time : (pw_timescale){0};
}

static int field_word(const pw_ast_field *list, pw_field f)
{
    const pw_ast_field *x = pw_ast_field_get(list, f);
    return x ? x->v.choice.value : 0;
}

static pw_contact *new_contact(pw_program *p, const unit *u, const pw_ast_contact *c)
{
    pw_contact *k = pw_arena_alloc(p->arena, sizeof *k);
    const pw_ast_field *f = c->fields;
    k->id = copy(p, c->id.text);
    k->title = copy(p, c->title.text);
    k->loc = loc_of(u, c->id.span);
    k->phone = gtext(p->arena, u, field_text(f, PW_F_CONTACT_PHONE));
    k->email = gtext(p->arena, u, field_text(f, PW_F_CONTACT_EMAIL));
    k->url = gtext(p->arena, u, field_text(f, PW_F_CONTACT_URL));
    k->hours = gtext(p->arena, u, field_text(f, PW_F_CONTACT_HOURS));
    k->note = gtext(p->arena, u, field_text(f, PW_F_CONTACT_NOTE));
    k->verified = field_date(f, PW_F_CONTACT_VERIFIED);
    k->verified_loc = loc_of(u, k->verified.span);
    GROW(p->declared.contacts, p->declared.ncontacts);
    p->declared.contacts[p->declared.ncontacts++] = k;
    return k;
}

static pw_role *new_role(pw_program *p, const unit *u, const pw_ast_role *r)
{
    pw_role *k = pw_arena_alloc(p->arena, sizeof *k);
    k->id = copy(p, r->id.text);
    k->title = copy(p, r->title.text);
    k->loc = loc_of(u, r->id.span);
    GROW(p->declared.roles, p->declared.nroles);
    p->declared.roles[p->declared.nroles++] = k;
    return k;
}

static pw_form *new_form(pw_program *p, const unit *u, const pw_ast_form *f)
{
    pw_form *k = pw_arena_alloc(p->arena, sizeof *k);
    k->id = copy(p, f->id.text);
    k->title = copy(p, f->title.text);
    k->loc = loc_of(u, f->id.span);
    k->version = gtext(p->arena, u, field_text(f->fields, PW_F_FORM_VERSION));
    k->url = gtext(p->arena, u, field_text(f->fields, PW_F_FORM_URL));
    k->note = gtext(p->arena, u, field_text(f->fields, PW_F_FORM_NOTE));
    k->per_child = pw_ast_field_get(f->fields, PW_F_FORM_PER_CHILD) != NULL;
    GROW(p->declared.forms, p->declared.nforms);
    p->declared.forms[p->declared.nforms++] = k;
    return k;
}

static void duplicate(pw_program *p, const char *what, const char *id, pw_loc again,
                      pw_loc first)
{
    pw_diagnostic *g = pw_diag_error(p->diag, "E0201", again.src, again.span,
                                     "%s '%s' is declared twice", what, id);
    pw_diag_note(g, first.src, first.span, "first declared here");
    pw_diag_help(g, "give each %s its own name, or remove one", what);
}

/* Creates the objects for a file's own declarations. */
static void declare_unit(pw_program *p, unit *u)
{
    bool own = u->on_command_line && u->ast->pathways;
    for (const pw_ast_contact *c = u->ast->contacts; c; c = c->next) {
        GROW(u->contacts, u->ncontacts);
        u->contacts[u->ncontacts] = new_contact(p, u, c);
        u->contacts[u->ncontacts++]->own = own;
    }
    for (const pw_ast_role *r = u->ast->roles; r; r = r->next) {
        GROW(u->roles, u->nroles);
        u->roles[u->nroles] = new_role(p, u, r);
        u->roles[u->nroles++]->own = own;
    }
    for (const pw_ast_form *f = u->ast->forms; f; f = f->next) {
        GROW(u->forms, u->nforms);
        u->forms[u->nforms] = new_form(p, u, f);
        u->forms[u->nforms++]->own = own;
    }
}

/* The files u sees: its imports depth first, then itself, each once. */
static void closure(pw_program *p, unit *u, unit ***out, size_t *n)
{
    if (u->visit == p->mark)
        return;
    u->visit = p->mark;
    /* imports first, as a C header comes before the file that includes it:
     * a name declared again in the importing file is reported there */
    for (size_t i = 0; i < u->nimports; i++)
        closure(p, u->imports[i], out, n);
    GROW(*out, *n);
    (*out)[(*n)++] = u;
}

/* Whether the second declaration obj was reported already (a file can be
 * seen by many): report each once. */
static bool first_report(pw_program *p, const void *obj)
{
    for (size_t i = 0; i < p->nreported; i++)
        if (p->reported[i] == obj)
            return false;
    GROW(p->reported, p->nreported);
    p->reported[p->nreported++] = obj;
    return true;
}

/* Adds one declaration to what a file sees; reports a name declared
 * twice, once. */
#define SEE(p, u, kind, what, obj, vis, nvis, table)                        \
    do {                                                                    \
        if (!(obj)->id)                                                     \
            break;                                                          \
        kind *old_ = pw_names_add((u)->table, (obj)->id, (obj));            \
        if (!old_)                                                          \
            (u)->vis[(u)->nvis++] = (obj);                                  \
        else if (old_ != (obj) && first_report(p, (obj))) {                 \
            duplicate(p, what, (obj)->id, (obj)->loc, old_->loc);           \
            (obj)->own = old_->own = false; /* no "unused" on top */        \
        }                                                                   \
    } while (0)

static void build_scope(pw_program *p, unit *u)
{
    unit **files = NULL;
    size_t nfiles = 0;
    p->mark++;
    closure(p, u, &files, &nfiles);
    size_t nc = 0, nr = 0, nf = 0;
    for (size_t i = 0; i < nfiles; i++) {
        nc += files[i]->ncontacts;
        nr += files[i]->nroles;
        nf += files[i]->nforms;
    }
    u->see_contacts = pw_names_new(nc);
    u->see_roles = pw_names_new(nr);
    u->see_forms = pw_names_new(nf);
    u->vis_contacts = pw_xcalloc(nc + 1, sizeof *u->vis_contacts);
    u->vis_roles = pw_xcalloc(nr + 1, sizeof *u->vis_roles);
    u->vis_forms = pw_xcalloc(nf + 1, sizeof *u->vis_forms);
    for (size_t i = 0; i < nfiles; i++) {
        unit *f = files[i];
        for (size_t k = 0; k < f->ncontacts; k++)
            SEE(p, u, pw_contact, "contact", f->contacts[k], vis_contacts,
                nvis_contacts, see_contacts);
        for (size_t k = 0; k < f->nroles; k++)
            SEE(p, u, pw_role, "role", f->roles[k], vis_roles, nvis_roles, see_roles);
        for (size_t k = 0; k < f->nforms; k++)
            SEE(p, u, pw_form, "form", f->forms[k], vis_forms, nvis_forms, see_forms);
    }
    free(files);
}

/* ---- references ----------------------------------------------------------- */

/* What one pathway's graph is being built from. */
typedef struct gctx {
    pw_program *p;
    unit *u;
    const pw_ast_pathway *w;
    pw_graph *g;
    pw_names *nodes, *stages;
    pw_names *contacts, *roles, *forms; /* the pathway's own */
    pw_contact **lcontacts;
    pw_role **lroles;
    pw_form **lforms;
    size_t nlcontacts, nlroles, nlforms;
    size_t ccap, rcap, fcap; /* room in g->contacts, roles, forms */
    pw_gnode *cur;           /* the node being filled, or NULL */
} gctx;

/* A reference of the current node did not resolve (it was reported): no
 * node-level warnings for it. */
static void unresolved(gctx *c)
{
    if (c->cur)
        c->cur->unresolved = true;
}

/* A link between nodes did not resolve: what a walk can reach is not
 * known, so no path-level warnings for the pathway. */
static void broken_link(gctx *c)
{
    unresolved(c);
    if (c->cur)
        c->g->incomplete = true;
}

static void unknown(pw_program *p, const char *code, const char *what, pw_loc at,
                    const char *name, const char *best, const char *otherwise)
{
    pw_diagnostic *g = pw_diag_error(p->diag, code, at.src, at.span,
                                     "unknown %s '%s'", what, name);
    if (best)
        pw_diag_help(g, "did you mean '%s'?", best);
    else
        pw_diag_help(g, "%s", otherwise);
}

/* Looks a name up in the pathway's own declarations, then in what its
 * file sees; reports it when neither has it. Marks what it finds as used
 * and lists it once in the graph. */
#define LOOKUP(out, c, kind, local, list, nlist, see, vis, nvis, glist, gn,   \
               gcap, code, what, name)                                        \
    do {                                                                      \
        kind *k_ = pw_names_get((c)->local, (name).text);                     \
        if (!k_)                                                              \
            k_ = pw_names_get((c)->u->see, (name).text);                      \
        if (!k_) {                                                            \
            pw_suggest s_;                                                    \
            pw_suggest_init(&s_, (name).text);                                \
            for (size_t i_ = 0; i_ < (c)->nlist; i_++)                        \
                pw_suggest_offer(&s_, (c)->list[i_]->id);                     \
            for (size_t i_ = 0; i_ < (c)->u->nvis; i_++)                      \
                pw_suggest_offer(&s_, (c)->u->vis[i_]->id);                   \
            const char *best_ = pw_suggest_best(&s_);                         \
            unknown((c)->p, code, what, loc_of((c)->u, (name).span),          \
                    (name).text, best_,                                       \
                    "declare it with '" what " " "NAME \"...\"' in this file " \
                    "or a file it imports");                                  \
            /* the one suggested was meant: not "unused" on top */            \
            for (size_t i_ = 0; best_ && i_ < (c)->nlist; i_++)               \
                if (strcmp((c)->list[i_]->id, best_) == 0)                    \
                    (c)->list[i_]->used = true;                               \
            for (size_t i_ = 0; best_ && i_ < (c)->u->nvis; i_++)             \
                if (strcmp((c)->u->vis[i_]->id, best_) == 0)                  \
                    (c)->u->vis[i_]->used = true;                             \
            unresolved(c);                                                    \
        } else {                                                              \
            k_->used = true;                                                  \
            if (k_->mark != (c)->p->mark) {                                   \
                k_->mark = (c)->p->mark;                                      \
                if ((c)->g->gn == (c)->gcap) {                                \
                    (c)->gcap = (c)->gcap ? 2 * (c)->gcap : 8;                \
                    (c)->g->glist = pw_xrealloc((c)->g->glist, (c)->gcap,     \
                                                sizeof *(c)->g->glist);       \
                }                                                             \
                (c)->g->glist[(c)->g->gn++] = k_;                             \
            }                                                                 \
        }                                                                     \
        (out) = k_;                                                           \
    } while (0)

static pw_contact *find_contact(gctx *c, pw_name n)
{
    pw_contact *k;
    LOOKUP(k, c, pw_contact, contacts, lcontacts, nlcontacts, see_contacts,
           vis_contacts, nvis_contacts, contacts, ncontacts, ccap, "E0204",
           "contact", n);
    return k;
}

static pw_role *find_role(gctx *c, pw_name n)
{
    pw_role *k;
    LOOKUP(k, c, pw_role, roles, lroles, nlroles, see_roles, vis_roles,
           nvis_roles, roles, nroles, rcap, "E0205", "role", n);
    return k;
}

static pw_form *find_form(gctx *c, pw_name n)
{
    pw_form *k;
    LOOKUP(k, c, pw_form, forms, lforms, nlforms, see_forms, vis_forms,
           nvis_forms, forms, nforms, fcap, "E0206", "form", n);
    return k;
}

static int find_node(gctx *c, pw_name n)
{
    int *at = pw_names_get(c->nodes, n.text);
    if (at)
        return *at;
    pw_suggest s;
    pw_suggest_init(&s, n.text);
    for (size_t i = 0; i < c->g->nnodes; i++)
        pw_suggest_offer(&s, c->g->nodes[i].id);
    char otherwise[160];
    snprintf(otherwise, sizeof otherwise,
             "no step, question or outcome of pathway '%s' has that name",
             c->g->id);
    unknown(c->p, "E0203", "node", loc_of(c->u, n.span), n.text,
            pw_suggest_best(&s), otherwise);
    broken_link(c);
    return PW_NO_NODE;
}

/* The length of a linked list of the AST. */
#define COUNT(n, type, list)                                \
    do {                                                    \
        (n) = 0;                                            \
        for (const type *it_ = (list); it_; it_ = it_->next) \
            (n)++;                                          \
    } while (0)

/* Room for n items in the graph's arena; NULL for none, as most nodes have
 * no `do`, answers, `also` or `replaces`: 100,000 empty arrays would cost
 * megabytes. Every reader goes by the count. */
static void *garray(const gctx *c, size_t n, size_t size)
{
    return n ? pw_arena_alloc(c->g->arena, n * size) : NULL;
}

static const char *gcopy(const gctx *c, const char *s)
{
    return s ? pw_arena_strdup(c->g->arena, s) : NULL;
}

static pw_gtext gt(const gctx *c, pw_text t)
{
    return gtext(c->g->arena, c->u, t);
}

static pw_gtimescale gts(const gctx *c, pw_timescale t)
{
    return (pw_gtimescale){t.value, t.unit, loc_of(c->u, t.span)};
}

/* A pathway's own contacts, roles and forms: local to it, and not allowed
 * to hide a name its file can see. */
#define LOCALS(c, kind, asttype, what, astlist, make, table, list, n, see)    \
    do {                                                                      \
        size_t cap_;                                                          \
        COUNT(cap_, asttype, astlist);                                        \
        (c)->table = pw_names_new(cap_);                                      \
        (c)->list = pw_xcalloc(cap_ + 1, sizeof *(c)->list);                  \
        for (const asttype *a_ = (astlist); a_; a_ = a_->next) {              \
            kind *k_ = make((c)->p, (c)->u, a_);                              \
            k_->own = true;                                                   \
            kind *outer_ = pw_names_get((c)->u->see, k_->id);                 \
            kind *old_ = pw_names_add((c)->table, k_->id, k_);                \
            if (old_) {                                                       \
                duplicate((c)->p, what, k_->id, k_->loc, old_->loc);          \
                k_->own = old_->own = false;                                  \
            } else if (outer_) {                                              \
                outer_->used = true; /* meant: no "unused" on top */          \
                pw_diagnostic *g_ = pw_diag_error(                            \
                    (c)->p->diag, "E0202", k_->loc.src, k_->loc.span,         \
                    "%s '%s' in pathway '%s' hides the %s of that name its "  \
                    "file can see", what, k_->id, (c)->g->id, what);          \
                pw_diag_note(g_, outer_->loc.src, outer_->loc.span,           \
                             "the other is declared here");                   \
                pw_diag_help(g_, "rename one of them, or use the shared one");\
            }                                                                 \
            (c)->list[(c)->n++] = k_;                                         \
        }                                                                     \
    } while (0)

static void local_decls(gctx *c)
{
    LOCALS(c, pw_contact, pw_ast_contact, "contact", c->w->contacts, new_contact,
           contacts, lcontacts, nlcontacts, see_contacts);
    LOCALS(c, pw_role, pw_ast_role, "role", c->w->roles, new_role, roles, lroles,
           nlroles, see_roles);
    LOCALS(c, pw_form, pw_ast_form, "form", c->w->forms, new_form, forms, lforms,
           nlforms, see_forms);
}

static void index_stages(gctx *c)
{
    size_t n;
    COUNT(n, pw_ast_stage, c->w->stages);
    c->stages = pw_names_new(n);
    c->g->stages = pw_arena_alloc(c->g->arena, (n + 1) * sizeof *c->g->stages);
    for (const pw_ast_stage *s = c->w->stages; s; s = s->next) {
        pw_stage *st = &c->g->stages[c->g->nstages];
        st->id = gcopy(c, s->id.text);
        st->title = gcopy(c, s->title.text);
        st->loc = loc_of(c->u, s->id.span);
        pw_stage *old = pw_names_add(c->stages, st->id, st);
        if (old)
            duplicate(c->p, "stage", st->id, st->loc, old->loc);
        c->g->nstages++;
    }
}

/* Every node gets its index first, so references can point forward. */
static void index_nodes(gctx *c)
{
    size_t n = 0;
    for (const pw_ast_node *a = c->w->nodes; a; a = a->next_node)
        n++;
    c->nodes = pw_names_new(n);
    c->g->nodes = pw_arena_alloc(c->g->arena, (n + 1) * sizeof *c->g->nodes);
    for (const pw_ast_node *a = c->w->nodes; a; a = a->next_node) {
        pw_gnode *v = &c->g->nodes[c->g->nnodes];
        v->index = (int)c->g->nnodes++;
        v->kind = a->kind;
        v->id = gcopy(c, a->id.text);
        v->title = gcopy(c, a->title.text);
        v->loc = loc_of(c->u, a->id.span);
        v->stage = -1;
        if (a->stage && a->stage->id.text) {
            pw_stage *st = pw_names_get(c->stages, a->stage->id.text);
            v->stage = st ? (int)(st - c->g->stages) : -1;
        }
        v->next = PW_NO_NODE;
        pw_gnode *old = NULL;
        int *at = pw_names_get(c->nodes, v->id);
        if (at)
            old = &c->g->nodes[*at];
        if (old) {
            duplicate(c->p, "node", v->id, v->loc, old->loc);
            v->duplicate = true;
            c->g->incomplete = true;
        } else
            pw_names_add(c->nodes, v->id, &v->index);
    }
}

/* ---- nodes ---------------------------------------------------------------- */

/* `also X`: a node of this pathway, else a pathway by id. */
static size_t count_fields(const pw_ast_field *list, pw_field f)
{
    size_t n = 0;
    for (; list; list = list->next)
        n += list->field == f;
    return n;
}

static void fill_also(gctx *c, const pw_ast_node *a, pw_gnode *v)
{
    size_t n = count_fields(a->fields, PW_F_NODE_ALSO);
    v->also = garray(c, n, sizeof *v->also);
    for (const pw_ast_field *f = a->fields; f; f = f->next) {
        if (f->field != PW_F_NODE_ALSO)
            continue;
        pw_name target = f->v.ref.name;
        pw_text why = f->v.ref.text;
        pw_galso *x = &v->also[v->nalso++];
        const pw_ast_pathway *other;
        x->node = PW_NO_NODE;
        x->why = gcopy(c, why.text);
        x->loc = loc_of(c->u, target.span);
        int *at = pw_names_get(c->nodes, target.text);
        if (at) {
            x->node = *at;
        } else if ((other = pw_names_get(c->p->pathways, target.text))) {
            x->pathway = gcopy(c, target.text);
            x->pathway_title = gcopy(c, other->title.text);
        } else {
            pw_suggest s;
            pw_suggest_init(&s, target.text);
            for (size_t i = 0; i < c->g->nnodes; i++)
                pw_suggest_offer(&s, c->g->nodes[i].id);
            for (size_t i = 0; i < c->p->nunits; i++)
                for (const pw_ast_pathway *w = c->p->units[i]->ast->pathways; w;
                     w = w->next)
                    pw_suggest_offer(&s, w->id.text);
            unknown(c->p, "E0207", "node or pathway", x->loc, target.text,
                    pw_suggest_best(&s),
                    "'also' names a node of this pathway, or a pathway in any "
                    "file read");
            unresolved(c);
            v->nalso--;
        }
    }
}

static const char *default_label(const pw_answer *a)
{
    if (a->label.text)
        return a->label.text;
    if (strcmp(a->id.text, "yes") == 0)
        return "Yes";
    if (strcmp(a->id.text, "no") == 0)
        return "No";
    return a->id.text;
}

static void fill_answers(gctx *c, const pw_ast_node *a, pw_gnode *v)
{
    size_t n;
    COUNT(n, pw_answer, a->answers);
    v->answers = garray(c, n, sizeof *v->answers);
    for (const pw_answer *an = a->answers; an; an = an->next) {
        pw_edge *e = &v->answers[v->nanswers++];
        e->banded = an->banded;
        e->lo = an->lo;
        e->hi = an->hi;
        e->loc = loc_of(c->u, an->banded ? an->range_span : an->id.span);
        if (!an->banded) {
            e->id = gcopy(c, an->id.text);
            e->label = gcopy(c, default_label(an));
        }
        e->target = PW_NO_NODE;
        if (an->target.text)
            e->target = find_node(c, an->target);
        else
            broken_link(c); /* a syntax error, reported */
    }
    COUNT(n, pw_text_item, a->criteria);
    v->criteria_mode = a->criteria_mode;
    v->criteria = garray(c, n, sizeof *v->criteria);
    for (const pw_text_item *t = a->criteria; t; t = t->next)
        v->criteria[v->ncriteria++] = gcopy(c, t->text.text);
    v->scored = a->scored;
    v->score_lo = a->score_lo;
    v->score_hi = a->score_hi;
}

/* The found ones of a list of contact or form names. */

/* How many names the fields f of a list give. */
static size_t count_names(const pw_ast_field *list, pw_field f)
{
    size_t n = 0;
    for (; list; list = list->next)
        for (const pw_name_item *i = list->field == f ? list->v.names : NULL; i;
             i = i->next)
            n++;
    return n;
}

/* The forms a node's `form` fields name, in order; those that do not
 * resolve (reported) left out. */
static void fill_forms(gctx *c, const pw_ast_node *a, pw_gnode *v)
{
    v->forms = garray(c, count_names(a->fields, PW_F_NODE_FORM), sizeof *v->forms);
    for (const pw_ast_field *x = a->fields; x; x = x->next)
        for (const pw_name_item *i = x->field == PW_F_NODE_FORM ? x->v.names : NULL;
             i; i = i->next) {
            pw_form *k = find_form(c, i->name);
            if (k)
                v->forms[v->nforms++] = k;
        }
}

static void fill_contacts(gctx *c, const pw_ast_node *a, pw_gnode *v)
{
    v->contacts = garray(c, count_names(a->fields, PW_F_NODE_CONTACT),
                         sizeof *v->contacts);
    for (const pw_ast_field *x = a->fields; x; x = x->next)
        for (const pw_name_item *i = x->field == PW_F_NODE_CONTACT ? x->v.names : NULL;
             i; i = i->next) {
            pw_contact *k = find_contact(c, i->name);
            if (k)
                v->contacts[v->ncontacts++] = k;
        }
}

static void fill_texts(gctx *c, const pw_ast_node *a, pw_gnode *v)
{
    const pw_ast_field *f = a->fields;
    v->dos = garray(c, count_fields(f, PW_F_NODE_DO), sizeof *v->dos);
    for (const pw_ast_field *x = f; x; x = x->next)
        if (x->field == PW_F_NODE_DO)
            v->dos[v->ndos++] = gcopy(c, x->v.text.text);
    v->record = gt(c, field_text(f, PW_F_NODE_RECORD));
    v->when = gt(c, field_text(f, PW_F_NODE_WHEN));
    v->note = gt(c, field_text(f, PW_F_NODE_NOTE));
    const pw_ast_field *src = pw_ast_field_get(f, PW_F_NODE_SOURCE);
    v->source = gt(c, src ? src->v.source.text : (pw_text){0});
    v->source_url = gt(c, src ? src->v.source.url : (pw_text){0});
}

static void fill_replaces(gctx *c, const pw_ast_node *a, pw_gnode *v)
{
    size_t n = count_names(a->fields, PW_F_NODE_REPLACES);
    v->replaces = garray(c, n, sizeof *v->replaces);
    v->replaces_loc = garray(c, n, sizeof *v->replaces_loc);
    for (const pw_ast_field *x = a->fields; x; x = x->next)
        for (const pw_name_item *r = x->field == PW_F_NODE_REPLACES ? x->v.names : NULL;
             r; r = r->next) {
            v->replaces_loc[v->nreplaces] = loc_of(c->u, r->name.span);
            v->replaces[v->nreplaces++] = gcopy(c, r->name.text);
        }
}

static void fill_node(gctx *c, const pw_ast_node *a, pw_gnode *v)
{
    const pw_ast_field *f = a->fields;
    pw_name by = field_name(f, PW_F_NODE_BY);
    if (by.text)
        v->by = find_role(c, by);
    fill_texts(c, a, v);
    fill_forms(c, a, v);
    fill_contacts(c, a, v);
    v->within = gts(c, field_time(f, PW_F_NODE_WITHIN));
    v->target = gts(c, field_time(f, PW_F_NODE_TARGET));
    v->review_after = gts(c, field_time(f, PW_F_NODE_REVIEW_AFTER));
    v->urgency = (pw_urgency)field_word(f, PW_F_NODE_URGENCY);
    const pw_ast_field *consent = pw_ast_field_get(f, PW_F_NODE_CONSENT);
    v->consent = consent ? (pw_consent_rule)consent->v.choice.value : PW_CONSENT_NONE;
    v->consent_text = gt(c, consent ? consent->v.choice.text : (pw_text){0});
    v->personal = pw_ast_field_get(f, PW_F_NODE_PERSONAL) != NULL;
    v->outcome = (pw_outcome_kind)field_word(f, PW_F_NODE_KIND);
    fill_also(c, a, v);
    fill_replaces(c, a, v);
    pw_name next = field_name(f, PW_F_NODE_NEXT);
    if (next.text) {
        v->next = find_node(c, next);
        v->next_loc = loc_of(c->u, next.span);
    }
    v->span = loc_of(c->u, a->span);
    fill_answers(c, a, v);
}

/* ---- scenarios and assertions --------------------------------------------- */

static void wrong_kind(gctx *c, pw_name n, const pw_gnode *v, const char *wanted,
                       const char *help)
{
    pw_diagnostic *g = pw_diag_error(c->p->diag, "E0209", c->u->src, n.span,
                                     "'%s' is %s %s, not %s", n.text,
                                     v->kind == PW_OUTCOME ? "an" : "a",
                                     pw_node_kind_name(v->kind), wanted);
    pw_diag_note(g, v->loc.src, v->loc.span, "'%s' is declared here", v->id);
    pw_diag_help(g, "%s", help);
}

/* The answer of question q that a scenario names, or -1 (reported). */
static int scenario_answer(gctx *c, const pw_scenario_answer *sa, const pw_gnode *q)
{
    if (sa->is_score != q->scored) {
        pw_diagnostic *g = pw_diag_error(
            c->p->diag, "E0209", c->u->src, sa->value_span,
            q->scored ? "question '%s' is answered by a score, not by name"
                      : "question '%s' is answered by name, not by a score",
            q->id);
        pw_diag_note(g, q->loc.src, q->loc.span, "'%s' is declared here", q->id);
        if (q->scored)
            pw_diag_help(g, "give a score from %d to %d, as in: answer %s %d",
                         q->score_lo, q->score_hi, q->id, q->score_lo);
        else
            pw_diag_help(g, "give one of its answers, as in: answer %s %s", q->id,
                         q->nanswers ? q->answers[0].id : "yes");
        return -1;
    }
    if (sa->is_score) {
        if (sa->score >= q->score_lo && sa->score <= q->score_hi)
            return -1;
        pw_diagnostic *g = pw_diag_error(c->p->diag, "E0209", c->u->src,
                                         sa->value_span,
                                         "%d is outside the scores of question "
                                         "'%s', %d..%d", sa->score, q->id,
                                         q->score_lo, q->score_hi);
        pw_diag_note(g, q->loc.src, q->loc.span, "'%s' is declared here", q->id);
        pw_diag_help(g, "give a score from %d to %d", q->score_lo, q->score_hi);
        return -2;
    }
    pw_suggest s;
    pw_suggest_init(&s, sa->answer.text);
    for (size_t i = 0; i < q->nanswers; i++) {
        if (strcmp(q->answers[i].id, sa->answer.text) == 0)
            return (int)i;
        pw_suggest_offer(&s, q->answers[i].id);
    }
    pw_diagnostic *g = pw_diag_error(c->p->diag, "E0208", c->u->src,
                                     sa->answer.span, "question '%s' has no answer '%s'",
                                     q->id, sa->answer.text);
    const char *best = pw_suggest_best(&s);
    if (best) {
        pw_diag_help(g, "did you mean '%s'?", best);
    } else {
        char list[256] = "";
        size_t len = 0;
        for (size_t i = 0; i < q->nanswers && len < sizeof list - 8; i++)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s'%s'",
                                    i == 0 ? "" : i + 1 == q->nanswers ? " and " : ", ",
                                    q->answers[i].id);
        pw_diag_help(g, "its answers are %s", list);
    }
    return -1;
}

static void fill_scenario(gctx *c, const pw_ast_scenario *a, pw_gscenario *s)
{
    s->name = gcopy(c, a->name.text);
    s->loc = loc_of(c->u, a->span);
    s->expect = PW_NO_NODE;
    s->from = a->from.text ? find_node(c, a->from) : c->g->start;
    size_t n;
    COUNT(n, pw_scenario_answer, a->answers);
    s->answers = pw_arena_alloc(c->g->arena, (n + 1) * sizeof *s->answers);
    for (const pw_scenario_answer *sa = a->answers; sa; sa = sa->next) {
        pw_gscenario_answer *x = &s->answers[s->nanswers];
        x->loc = loc_of(c->u, sa->span);
        x->question = find_node(c, sa->question);
        x->answer = -1;
        x->is_score = sa->is_score;
        x->score = sa->score;
        if (x->question == PW_NO_NODE)
            continue;
        const pw_gnode *q = &c->g->nodes[x->question];
        if (q->kind != PW_QUESTION) {
            wrong_kind(c, sa->question, q, "a question",
                       "'answer' names a question and one of its answers");
            continue;
        }
        x->answer = scenario_answer(c, sa, q);
        if (x->answer >= 0 || (x->answer == -1 && sa->is_score && q->scored))
            s->nanswers++;
    }
    if (a->expect.text) {
        s->expect = find_node(c, a->expect);
        if (s->expect != PW_NO_NODE && c->g->nodes[s->expect].kind != PW_OUTCOME) {
            wrong_kind(c, a->expect, &c->g->nodes[s->expect], "an outcome",
                       "a scenario expects the outcome its walk ends at");
            s->expect = PW_NO_NODE;
        }
    }
    COUNT(n, pw_name_item, a->through);
    s->through = pw_arena_alloc(c->g->arena, (n + 1) * sizeof *s->through);
    for (const pw_name_item *t = a->through; t; t = t->next) {
        int v = find_node(c, t->name);
        if (v != PW_NO_NODE)
            s->through[s->nthrough++] = v;
    }
}

static void fill_tests(gctx *c)
{
    size_t n;
    COUNT(n, pw_ast_scenario, c->w->scenarios);
    c->g->scenarios = pw_arena_alloc(c->g->arena, (n + 1) * sizeof *c->g->scenarios);
    for (const pw_ast_scenario *a = c->w->scenarios; a; a = a->next)
        fill_scenario(c, a, &c->g->scenarios[c->g->nscenarios++]);
    COUNT(n, pw_ast_assert, c->w->asserts);
    c->g->asserts = pw_arena_alloc(c->g->arena, (n + 1) * sizeof *c->g->asserts);
    for (const pw_ast_assert *a = c->w->asserts; a; a = a->next) {
        pw_gassert *x = &c->g->asserts[c->g->nasserts];
        x->kind = a->kind;
        x->steps = a->steps;
        x->loc = loc_of(c->u, a->span);
        x->a = find_node(c, a->a);
        x->b = a->kind == PW_ASSERT_WITHIN ? PW_NO_NODE : find_node(c, a->b);
        if (x->a != PW_NO_NODE && (a->kind == PW_ASSERT_WITHIN || x->b != PW_NO_NODE))
            c->g->nasserts++;
    }
}

/* ---- graphs --------------------------------------------------------------- */

static void fill_meta(gctx *c)
{
    const pw_ast_pathway *w = c->w;
    pw_graph *g = c->g;
    g->id = gcopy(c, w->id.text);
    g->title = gcopy(c, w->title.text);
    g->loc = loc_of(c->u, w->id.span);
    const pw_ast_field *f = w->fields;
    g->owner = gt(c, field_text(f, PW_F_PATHWAY_OWNER));
    g->version = gt(c, field_text(f, PW_F_PATHWAY_VERSION));
    g->audience = gt(c, field_text(f, PW_F_PATHWAY_AUDIENCE));
    g->note = gt(c, field_text(f, PW_F_PATHWAY_NOTE));
    const pw_ast_field *src = pw_ast_field_get(f, PW_F_PATHWAY_SOURCE);
    g->source = gt(c, src ? src->v.source.text : (pw_text){0});
    g->source_url = gt(c, src ? src->v.source.url : (pw_text){0});
    g->status = (pw_status)field_word(f, PW_F_PATHWAY_STATUS);
    g->review_by = field_date(f, PW_F_PATHWAY_REVIEW_BY);
    g->review_by_loc = loc_of(c->u, g->review_by.span);
}

/* The graph's lists of contacts, roles and forms grew on the heap; move
 * them into its arena, so freeing the graph frees everything. */
#define SETTLE(g, list, n)                                                    \
    do {                                                                      \
        void *a_ = pw_arena_alloc((g)->arena, ((n) + 1) * sizeof *(g)->list); \
        if (n)                                                                \
            memcpy(a_, (g)->list, (n) * sizeof *(g)->list);                   \
        free((g)->list);                                                      \
        (g)->list = a_;                                                       \
    } while (0)

static void resolve_ooh(gctx *c, const pw_ast_contact *a, pw_contact *k)
{
    pw_name ooh = field_name(a->fields, PW_F_CONTACT_OUT_OF_HOURS);
    if (ooh.text)
        k->out_of_hours = find_contact(c, ooh);
}

/* Every contact the graph lists brings its out-of-hours contact, and that
 * one its own: a reader of the graph finds each contact it can be sent to. */
static void list_out_of_hours(gctx *c)
{
    pw_graph *g = c->g;
    for (size_t i = 0; i < g->ncontacts; i++) {
        pw_contact *o = g->contacts[i]->out_of_hours;
        if (!o || o->mark == c->p->mark)
            continue;
        o->mark = c->p->mark;
        if (g->ncontacts == c->ccap) {
            c->ccap = c->ccap ? 2 * c->ccap : 8;
            g->contacts = pw_xrealloc(g->contacts, c->ccap, sizeof *g->contacts);
        }
        g->contacts[g->ncontacts++] = o;
    }
}

static pw_graph *build_graph(pw_program *p, unit *u, const pw_ast_pathway *w)
{
    pw_arena *arena = pw_arena_new();
    pw_graph *g = pw_arena_alloc(arena, sizeof *g);
    g->arena = arena;
    g->start = PW_NO_NODE;
    gctx c = {.p = p, .u = u, .w = w, .g = g};
    p->mark++; /* a new graph: lists each contact, role, form once */
    fill_meta(&c);
    local_decls(&c);
    index_stages(&c);
    index_nodes(&c);
    size_t i = 0;
    for (const pw_ast_node *a = w->nodes; a; a = a->next_node) {
        c.cur = &g->nodes[i];
        fill_node(&c, a, &g->nodes[i++]);
    }
    c.cur = NULL;
    /* after the nodes, so the graph lists contacts in the order nodes use
     * them */
    i = 0;
    for (const pw_ast_contact *a = w->contacts; a; a = a->next)
        resolve_ooh(&c, a, c.lcontacts[i++]);
    list_out_of_hours(&c);
    pw_name start = field_name(w->fields, PW_F_PATHWAY_START);
    if (start.text) {
        g->start = find_node(&c, start);
        g->incomplete |= g->start == PW_NO_NODE;
    }
    else if (g->nnodes)
        g->start = 0;
    fill_tests(&c);
    SETTLE(g, contacts, g->ncontacts);
    SETTLE(g, roles, g->nroles);
    SETTLE(g, forms, g->nforms);
    pw_names_free(c.nodes);
    pw_names_free(c.stages);
    pw_names_free(c.contacts);
    pw_names_free(c.roles);
    pw_names_free(c.forms);
    free(c.lcontacts);
    free(c.lroles);
    free(c.lforms);
    return g;
}

/* out-of-hours of the contacts declared at a file's top level */
static void resolve_file_contacts(pw_program *p, unit *u)
{
    pw_graph scratch = {0};
    gctx c = {.p = p, .u = u, .g = &scratch};
    c.contacts = pw_names_new(0);
    size_t i = 0;
    for (const pw_ast_contact *a = u->ast->contacts; a; a = a->next)
        resolve_ooh(&c, a, u->contacts[i++]);
    free(scratch.contacts);
    pw_names_free(c.contacts);
}

static void index_pathways(pw_program *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->norder; i++) {
        size_t k;
        COUNT(k, pw_ast_pathway, p->order[i]->ast->pathways);
        n += k;
    }
    p->pathways = pw_names_new(n);
    pw_names *where = pw_names_new(n); /* id -> the unit of its pathway */
    for (size_t i = 0; i < p->norder; i++) {
        unit *u = p->order[i];
        for (const pw_ast_pathway *w = u->ast->pathways; w; w = w->next) {
            const pw_ast_pathway *old = pw_names_add(p->pathways, w->id.text, (void *)w);
            if (!old) {
                pw_names_add(where, w->id.text, u);
                continue;
            }
            const unit *ou = pw_names_get(where, w->id.text);
            duplicate(p, "pathway", w->id.text, loc_of(u, w->id.span),
                      loc_of(ou, old->id.span));
        }
    }
    pw_names_free(where);
}

void pw_program_resolve(pw_program *p)
{
    for (size_t i = 0; i < p->norder; i++)
        declare_unit(p, p->order[i]);
    for (size_t i = 0; i < p->norder; i++)
        build_scope(p, p->order[i]);
    for (size_t i = 0; i < p->norder; i++)
        resolve_file_contacts(p, p->order[i]);
    index_pathways(p);
    for (size_t i = 0; i < p->nunits; i++) {
        unit *u = p->units[i];
        if (!u->on_command_line)
            continue;
        for (const pw_ast_pathway *w = u->ast->pathways; w; w = w->next) {
            GROW(p->graphs, p->ngraphs);
            p->graphs[p->ngraphs++] = build_graph(p, u, w);
        }
    }
}

/* ---- access and cleanup ----------------------------------------------------- */

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
    return p->nunits;
}

const char *pw_program_file_name(const pw_program *p, size_t i)
{
    return i < p->nunits ? p->units[i]->src->name : NULL;
}

const pw_declared *pw_program_declared(const pw_program *p)
{
    return &p->declared;
}

static void free_unit(unit *u)
{
    pw_ast_free(u->ast);
    pw_source_free(u->src);
    free(u->real);
    free(u->imports);
    free(u->contacts);
    free(u->roles);
    free(u->forms);
    pw_names_free(u->see_contacts);
    pw_names_free(u->see_roles);
    pw_names_free(u->see_forms);
    free(u->vis_contacts);
    free(u->vis_roles);
    free(u->vis_forms);
    free(u);
}

void pw_program_free(pw_program *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->ngraphs; i++)
        pw_graph_free(p->graphs[i]);
    free(p->graphs);
    for (size_t i = 0; i < p->nunits; i++)
        free_unit(p->units[i]);
    free(p->units);
    free(p->order);
    free(p->stack);
    for (size_t i = 0; i < p->nroots; i++)
        free(p->roots[i]);
    free(p->roots);
    free(p->reported);
    free(p->declared.contacts);
    free(p->declared.roles);
    free(p->declared.forms);
    pw_names_free(p->pathways);
    pw_arena_free(p->arena);
    free(p);
}
