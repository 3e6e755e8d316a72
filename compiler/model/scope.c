#include "model/scope.h"

#include "support/suggest.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What the code below, written once for the three kinds, needs to know of
 * each: its words in messages, and where its struct keeps the fields all
 * three have (pw_contact, pw_role and pw_form differ around them). */
static const struct kind {
    const char *what;          /* in messages */
    const char *unknown;       /* the code of a name not declared */
    size_t id, loc, used, own, title; /* offsetof each field */
} kinds[PW_DECL_KINDS] = {
    [PW_DECL_CONTACT] = {"contact", "E0204", offsetof(pw_contact, id),
                         offsetof(pw_contact, loc), offsetof(pw_contact, used),
                         offsetof(pw_contact, own), offsetof(pw_contact, title)},
    [PW_DECL_ROLE] = {"role", "E0205", offsetof(pw_role, id), offsetof(pw_role, loc),
                      offsetof(pw_role, used), offsetof(pw_role, own),
                      offsetof(pw_role, title)},
    [PW_DECL_FORM] = {"form", "E0206", offsetof(pw_form, id), offsetof(pw_form, loc),
                      offsetof(pw_form, used), offsetof(pw_form, own),
                      offsetof(pw_form, title)},
};

static const char *decl_id(pw_decl_kind k, const void *obj)
{
    return *(const char *const *)((const char *)obj + kinds[k].id);
}

static pw_loc decl_loc(pw_decl_kind k, const void *obj)
{
    return *(const pw_loc *)((const char *)obj + kinds[k].loc);
}

static void set_used(pw_decl_kind k, void *obj)
{
    *(bool *)((char *)obj + kinds[k].used) = true;
}

static void set_own(pw_decl_kind k, void *obj, bool own)
{
    *(bool *)((char *)obj + kinds[k].own) = own;
}

void pw_scope_duplicate(pw_diag *d, const char *what, const char *id, pw_loc again,
                        pw_loc first)
{
    pw_diagnostic *g = pw_diag_error(d, "E0201", again.src, again.span,
                                     "%s '%s' is declared twice", what, id);
    pw_diag_note(g, first.src, first.span, "first declared here");
    pw_diag_help(g, "give each %s its own name, or remove one", what);
}

void pw_scope_unknown(pw_diag *d, const char *code, const char *what, pw_loc at,
                      const char *name, const char *best, const char *otherwise)
{
    pw_diagnostic *g = pw_diag_error(d, code, at.src, at.span, "unknown %s '%s'",
                                     what, name);
    if (best) {
        pw_diag_help(g, "did you mean '%s'?", best);
        pw_diag_fix(g, at.span, best);
    } else {
        pw_diag_help(g, "%s", otherwise);
    }
}

/* ---- declarations --------------------------------------------------------- */

void pw_scopes_init(pw_scopes *s, pw_diag *diag)
{
    *s = (pw_scopes){.diag = diag, .arena = pw_arena_new()};
}

static const char *copy(pw_scopes *s, const char *text)
{
    return text ? pw_arena_strdup(s->arena, text) : NULL;
}

/* The texts of every field f of a list, copied into the scopes' arena. */
static pw_texts texts(pw_scopes *s, const pw_file *file, const pw_ast_field *list,
                      pw_field f)
{
    size_t n = pw_ast_count(list, f);
    pw_texts t = {n ? pw_arena_alloc(s->arena, n * sizeof *t.at) : NULL,
                  n ? pw_arena_alloc(s->arena, n * sizeof *t.loc) : NULL, 0};
    for (; list; list = list->next)
        if (list->field == f) {
            t.loc[t.n] = pw_file_loc(file, list->span);
            t.at[t.n++] = copy(s, list->v.text.text);
        }
    return t;
}

static pw_contact *new_contact(pw_scopes *s, const pw_file *f, const pw_ast_contact *c)
{
    pw_contact *k = pw_arena_alloc(s->arena, sizeof *k);
    k->id = copy(s, c->id.text);
    k->title = copy(s, c->title.text);
    k->loc = pw_file_loc(f, c->id.span);
    const pw_ast_field *x = c->fields;
    k->phone = pw_file_text(f, s->arena, pw_ast_text(x, PW_F_CONTACT_PHONE));
    k->email = pw_file_text(f, s->arena, pw_ast_text(x, PW_F_CONTACT_EMAIL));
    k->url = pw_file_text(f, s->arena, pw_ast_text(x, PW_F_CONTACT_URL));
    k->hours = pw_file_text(f, s->arena, pw_ast_text(x, PW_F_CONTACT_HOURS));
    k->note = pw_file_text(f, s->arena, pw_ast_text(x, PW_F_CONTACT_NOTE));
    k->verified = pw_ast_date(x, PW_F_CONTACT_VERIFIED);
    k->tbc = texts(s, f, x, PW_F_CONTACT_TBC);
    k->verified_loc = pw_file_loc(f, k->verified.span);
    pw_declared *d = &s->declared;
    d->contacts = pw_xrealloc(d->contacts, d->ncontacts + 1, sizeof *d->contacts);
    d->contacts[d->ncontacts++] = k;
    return k;
}

static pw_role *new_role(pw_scopes *s, const pw_file *f, const pw_ast_role *r)
{
    pw_role *k = pw_arena_alloc(s->arena, sizeof *k);
    k->id = copy(s, r->id.text);
    k->title = copy(s, r->title.text);
    k->loc = pw_file_loc(f, r->id.span);
    pw_declared *d = &s->declared;
    d->roles = pw_xrealloc(d->roles, d->nroles + 1, sizeof *d->roles);
    d->roles[d->nroles++] = k;
    return k;
}

static pw_form *new_form(pw_scopes *s, const pw_file *f, const pw_ast_form *a)
{
    pw_form *k = pw_arena_alloc(s->arena, sizeof *k);
    k->id = copy(s, a->id.text);
    k->title = copy(s, a->title.text);
    k->loc = pw_file_loc(f, a->id.span);
    k->version = pw_file_text(f, s->arena, pw_ast_text(a->fields, PW_F_FORM_VERSION));
    k->url = pw_file_text(f, s->arena, pw_ast_text(a->fields, PW_F_FORM_URL));
    k->note = pw_file_text(f, s->arena, pw_ast_text(a->fields, PW_F_FORM_NOTE));
    k->per_child = pw_ast_field_get(a->fields, PW_F_FORM_PER_CHILD) != NULL;
    k->tbc = texts(s, f, a->fields, PW_F_FORM_TBC);
    pw_declared *d = &s->declared;
    d->forms = pw_xrealloc(d->forms, d->nforms + 1, sizeof *d->forms);
    d->forms[d->nforms++] = k;
    return k;
}

static void add_own(pw_file_scope *fs, pw_decl_kind k, void *obj)
{
    fs->own[k] = pw_xrealloc(fs->own[k], fs->nown[k] + 1, sizeof *fs->own[k]);
    fs->own[k][fs->nown[k]++] = obj;
}

/* Creates the objects for a file's own declarations. */
static void declare_file(pw_scopes *s, pw_file *f)
{
    pw_file_scope *fs = pw_xcalloc(1, sizeof *fs);
    s->files = pw_xrealloc(s->files, s->nfiles + 1, sizeof *s->files);
    s->files[s->nfiles++] = fs;
    f->scope = fs;
    bool own = f->on_command_line && f->ast->pathways;
    for (const pw_ast_contact *c = f->ast->contacts; c; c = c->next) {
        pw_contact *k = new_contact(s, f, c);
        k->own = own;
        add_own(fs, PW_DECL_CONTACT, k);
    }
    for (const pw_ast_role *r = f->ast->roles; r; r = r->next) {
        pw_role *k = new_role(s, f, r);
        k->own = own;
        add_own(fs, PW_DECL_ROLE, k);
    }
    for (const pw_ast_form *a = f->ast->forms; a; a = a->next) {
        pw_form *k = new_form(s, f, a);
        k->own = own;
        add_own(fs, PW_DECL_FORM, k);
    }
}

/* ---- what each file sees -------------------------------------------------- */

/* Whether the second declaration obj was reported already (a file can be
 * seen by many): report each once. */
static bool first_report(pw_scopes *s, const void *obj)
{
    for (size_t i = 0; i < s->nreported; i++)
        if (s->reported[i] == obj)
            return false;
    s->reported = pw_xrealloc(s->reported, s->nreported + 1, sizeof *s->reported);
    s->reported[s->nreported++] = obj;
    return true;
}

/* Adds one declaration to what a file sees; reports a name declared
 * twice, once. */
static void see(pw_scopes *s, pw_visible *v, pw_decl_kind k, void *obj)
{
    const char *id = decl_id(k, obj);
    if (!id)
        return;
    void *old = pw_names_add(v->names, id, obj);
    if (!old) {
        v->list[v->n++] = obj;
    } else if (old != obj && first_report(s, obj)) {
        pw_scope_duplicate(s->diag, kinds[k].what, id, decl_loc(k, obj),
                           decl_loc(k, old));
        set_own(k, obj, false); /* no "unused" on top */
        set_own(k, old, false);
    }
}

/* Room in v for n declarations. */
static void open_visible(pw_visible *v, size_t n)
{
    v->names = pw_names_new(n);
    v->list = pw_xcalloc(n + 1, sizeof *v->list);
    v->n = 0;
}

static void close_visible(pw_visible *v)
{
    pw_names_free(v->names);
    free(v->list);
}

static void see_file(pw_scopes *s, pw_imports *m, pw_file *f)
{
    pw_files files = {0};
    pw_imports_closure(m, f, &files);
    pw_file_scope *fs = f->scope;
    for (pw_decl_kind k = 0; k < PW_DECL_KINDS; k++) {
        size_t n = 0;
        for (size_t i = 0; i < files.n; i++)
            n += files.at[i]->scope->nown[k];
        open_visible(&fs->sees[k], n);
    }
    for (size_t i = 0; i < files.n; i++) {
        const pw_file_scope *other = files.at[i]->scope;
        for (pw_decl_kind k = 0; k < PW_DECL_KINDS; k++)
            for (size_t j = 0; j < other->nown[k]; j++)
                see(s, &fs->sees[k], k, other->own[k][j]);
    }
    free(files.at);
}

/* The out-of-hours contacts of those declared at a file's top level. */
static void file_out_of_hours(pw_scopes *s, const pw_file *f)
{
    pw_scope top = {.file = f};
    void **own = f->scope->own[PW_DECL_CONTACT];
    size_t i = 0;
    for (const pw_ast_contact *a = f->ast->contacts; a; a = a->next, i++) {
        pw_contact *k = own[i];
        pw_name ooh = pw_ast_name(a->fields, PW_F_CONTACT_OUT_OF_HOURS);
        if (ooh.text)
            k->out_of_hours = pw_scope_find(s, &top, PW_DECL_CONTACT, ooh);
    }
}

static size_t count_pathways(const pw_ast_pathway *w)
{
    size_t n = 0;
    for (; w; w = w->next)
        n++;
    return n;
}

static void index_pathways(pw_scopes *s, const pw_imports *m)
{
    size_t n = 0;
    for (size_t i = 0; i < m->order.n; i++)
        n += count_pathways(m->order.at[i]->ast->pathways);
    s->pathways = pw_names_new(n);
    pw_names *where = pw_names_new(n); /* id -> the file of its pathway */
    for (size_t i = 0; i < m->order.n; i++) {
        pw_file *f = m->order.at[i];
        for (const pw_ast_pathway *w = f->ast->pathways; w; w = w->next) {
            const pw_ast_pathway *old = pw_names_add(s->pathways, w->id.text, (void *)w);
            if (!old) {
                pw_names_add(where, w->id.text, f);
                continue;
            }
            const pw_file *of = pw_names_get(where, w->id.text);
            pw_scope_duplicate(s->diag, "pathway", w->id.text,
                               pw_file_loc(f, w->id.span), pw_file_loc(of, old->id.span));
        }
    }
    pw_names_free(where);
}

void pw_scopes_resolve(pw_scopes *s, pw_imports *m)
{
    for (size_t i = 0; i < m->order.n; i++)
        declare_file(s, m->order.at[i]);
    for (size_t i = 0; i < m->order.n; i++)
        see_file(s, m, m->order.at[i]);
    for (size_t i = 0; i < m->order.n; i++)
        file_out_of_hours(s, m->order.at[i]);
    index_pathways(s, m);
}

/* ---- what a pathway sees -------------------------------------------------- */

/* error[E0202]: a pathway's own obj has the name of outer, which its file
 * sees. */
static void hides(pw_scopes *s, pw_decl_kind k, const void *obj, const void *outer,
                  const char *pathway)
{
    const char *what = kinds[k].what;
    pw_loc at = decl_loc(k, obj), other = decl_loc(k, outer);
    pw_diagnostic *g = pw_diag_error(s->diag, "E0202", at.src, at.span,
                                     "%s '%s' in pathway '%s' hides the %s of that "
                                     "name its file can see",
                                     what, decl_id(k, obj), pathway, what);
    pw_diag_note(g, other.src, other.span, "the other is declared here");
    pw_diag_help(g, "rename one of them, or use the shared one");
}

/* One of a pathway's own declarations: local to it, and not allowed to
 * hide a name its file can see. */
static void declare_local(pw_scopes *s, pw_scope *sc, pw_decl_kind k, void *obj,
                          const char *pathway)
{
    set_own(k, obj, true);
    const char *id = decl_id(k, obj);
    void *outer = pw_names_get(sc->file->scope->sees[k].names, id);
    pw_visible *own = &sc->own[k];
    void *old = pw_names_add(own->names, id, obj);
    if (old) {
        pw_scope_duplicate(s->diag, kinds[k].what, id, decl_loc(k, obj),
                           decl_loc(k, old));
        set_own(k, obj, false);
        set_own(k, old, false);
    } else if (outer) {
        set_used(k, outer); /* meant: no "unused" on top */
        hides(s, k, obj, outer, pathway);
    }
    own->list[own->n++] = obj;
}

static size_t count_contacts(const pw_ast_contact *c)
{
    size_t n = 0;
    for (; c; c = c->next)
        n++;
    return n;
}

static size_t count_roles(const pw_ast_role *r)
{
    size_t n = 0;
    for (; r; r = r->next)
        n++;
    return n;
}

static size_t count_forms(const pw_ast_form *f)
{
    size_t n = 0;
    for (; f; f = f->next)
        n++;
    return n;
}

void pw_scope_open(pw_scopes *s, pw_scope *sc, const pw_file *f,
                   const pw_ast_pathway *w)
{
    *sc = (pw_scope){.file = f};
    const char *id = w->id.text;
    open_visible(&sc->own[PW_DECL_CONTACT], count_contacts(w->contacts));
    for (const pw_ast_contact *a = w->contacts; a; a = a->next)
        declare_local(s, sc, PW_DECL_CONTACT, new_contact(s, f, a), id);
    open_visible(&sc->own[PW_DECL_ROLE], count_roles(w->roles));
    for (const pw_ast_role *a = w->roles; a; a = a->next)
        declare_local(s, sc, PW_DECL_ROLE, new_role(s, f, a), id);
    open_visible(&sc->own[PW_DECL_FORM], count_forms(w->forms));
    for (const pw_ast_form *a = w->forms; a; a = a->next)
        declare_local(s, sc, PW_DECL_FORM, new_form(s, f, a), id);
}

void pw_scope_close(pw_scope *sc)
{
    for (pw_decl_kind k = 0; k < PW_DECL_KINDS; k++)
        close_visible(&sc->own[k]);
}

/* ---- lookup --------------------------------------------------------------- */

static void *lookup(const pw_visible *v, const char *name)
{
    return v->names ? pw_names_get(v->names, name) : NULL;
}

static void offer(pw_suggest *sg, pw_decl_kind k, const pw_visible *v)
{
    for (size_t i = 0; i < v->n; i++)
        pw_suggest_offer(sg, decl_id(k, v->list[i]));
}

/* Marks used every declaration of v named id. */
static void use_named(pw_decl_kind k, const pw_visible *v, const char *id)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(decl_id(k, v->list[i]), id) == 0)
            set_used(k, v->list[i]);
}

static void not_declared(pw_scopes *s, const pw_scope *sc, pw_decl_kind k, pw_name n)
{
    const pw_visible *own = &sc->own[k], *file = &sc->file->scope->sees[k];
    pw_suggest sg;
    pw_suggest_init(&sg, n.text);
    offer(&sg, k, own);
    offer(&sg, k, file);
    const char *best = pw_suggest_best(&sg);
    char otherwise[256];
    snprintf(otherwise, sizeof otherwise,
             "declare it with '%s NAME \"...\"' in this file or a file it imports",
             kinds[k].what);
    /* `by prevent_dsp`, where prevent_dsp is a contact: a name of another
     * kind (not "declare it", which would make a second of that name) */
    for (pw_decl_kind o = 0; o < PW_DECL_KINDS && !best; o++) {
        if (o == k || !(lookup(&sc->own[o], n.text) ||
                        lookup(&sc->file->scope->sees[o], n.text)))
            continue;
        if (k == PW_DECL_ROLE && o == PW_DECL_CONTACT)
            snprintf(otherwise, sizeof otherwise,
                     "'%s' is a contact, not a role: 'by' names the role that does the "
                     "step (by practitioner); give the contact with 'contact %s'",
                     n.text, n.text);
        else
            snprintf(otherwise, sizeof otherwise, "'%s' is a %s, not a %s: give it with "
                     "'%s %s', and name a %s here", n.text, kinds[o].what, kinds[k].what,
                     kinds[o].what, n.text, kinds[k].what);
        break;
    }
    pw_scope_unknown(s->diag, kinds[k].unknown, kinds[k].what,
                     pw_file_loc(sc->file, n.span), n.text, best, otherwise);
    if (best) { /* the one suggested was meant: not "unused" on top */
        use_named(k, own, best);
        use_named(k, file, best);
    }
}

void *pw_scope_find(pw_scopes *s, const pw_scope *sc, pw_decl_kind k, pw_name n)
{
    void *obj = lookup(&sc->own[k], n.text);
    if (!obj)
        obj = lookup(&sc->file->scope->sees[k], n.text);
    if (obj)
        set_used(k, obj);
    else
        not_declared(s, sc, k, n);
    return obj;
}

bool pw_same_words(const char *text, const char *word)
{
    if (!text || !word)
        return false;
    while (*text == ' ')
        text++;
    size_t n = strlen(text);
    while (n && text[n - 1] == ' ')
        n--;
    return n && strlen(word) == n && strncasecmp(text, word, n) == 0;
}

static void *named_in(const pw_visible *v, pw_decl_kind k, const char *text)
{
    for (size_t i = 0; i < v->n; i++) {
        const char *title =
            *(const char *const *)((const char *)v->list[i] + kinds[k].title);
        if (pw_same_words(text, decl_id(k, v->list[i])) || pw_same_words(text, title))
            return v->list[i];
    }
    return NULL;
}

void *pw_scope_named_by_text(const pw_scope *sc, pw_decl_kind k, const char *text)
{
    void *obj = named_in(&sc->own[k], k, text);
    return obj ? obj : named_in(&sc->file->scope->sees[k], k, text);
}

/* ---- cleanup -------------------------------------------------------------- */

static void free_file_scope(pw_file_scope *fs)
{
    for (pw_decl_kind k = 0; k < PW_DECL_KINDS; k++) {
        free(fs->own[k]);
        close_visible(&fs->sees[k]);
    }
    free(fs);
}

void pw_scopes_free(pw_scopes *s)
{
    for (size_t i = 0; i < s->nfiles; i++)
        free_file_scope(s->files[i]);
    free(s->files);
    free(s->reported);
    free(s->declared.contacts);
    free(s->declared.roles);
    free(s->declared.forms);
    pw_names_free(s->pathways);
    pw_arena_free(s->arena);
}
