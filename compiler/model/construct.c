#include "model/construct.h"

#include "model/check.h"
#include "support/suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What one pathway's graph is being constructed from. */
typedef struct gctx {
    pw_scopes *s;
    const pw_imports *m;
    const pw_file *f;
    const pw_ast_pathway *w;
    pw_graph *g;
    pw_scope scope;          /* the pathway's own contacts, roles and forms,
                              * then its file's */
    pw_names *nodes, *stages;
    size_t ccap, rcap, fcap; /* room in g->contacts, roles, forms */
    unsigned mark;           /* the graph's number: marks what it lists */
    pw_gnode *cur;           /* the node being filled, or NULL */
    /* Two nodes of one name, and the uses of names no node has that look
     * like no node's name: reported together at the end (lost_names). */
    struct twice { int first, again; } *twice;
    size_t ntwice, twicecap;
    struct lost { const char *name; pw_loc at; } *lost;
    size_t nlost, lostcap;
    /* The uses of names no node has that are close to one node's name
     * (typos), and how often each node's name is used: reported at the end
     * (typos), where a name spelt one way by two or more uses, close to
     * a node no use names, is the node's name misspelt. */
    struct typo { const char *name, *best; pw_loc at; } *typo;
    size_t ntypo, typocap;
    unsigned *used;
} gctx;

/* ---- the lengths of the AST's lists --------------------------------------- */

static size_t count_stages(const pw_ast_stage *s)
{
    size_t n = 0;
    for (; s; s = s->next)
        n++;
    return n;
}

static size_t count_nodes(const pw_ast_node *a)
{
    size_t n = 0;
    for (; a; a = a->next_node)
        n++;
    return n;
}

static size_t count_answers(const pw_answer *a)
{
    size_t n = 0;
    for (; a; a = a->next)
        n++;
    return n;
}

/* A question's criteria: items in its list, and texts at any depth
 * the graph keeps (one level down). */
static void count_criteria(const pw_ast_criterion *l, size_t *items, size_t *texts)
{
    for (; l; l = l->next) {
        (*items)++;
        if (l->text.text)
            (*texts)++;
        for (const pw_ast_criterion *x = l->items; x; x = x->next)
            *texts += x->text.text != NULL;
    }
}

static size_t count_names(const pw_name_item *i)
{
    size_t n = 0;
    for (; i; i = i->next)
        n++;
    return n;
}

static size_t count_scenario_answers(const pw_scenario_answer *a)
{
    size_t n = 0;
    for (; a; a = a->next)
        n++;
    return n;
}

static size_t count_scenarios(const pw_ast_scenario *a)
{
    size_t n = 0;
    for (; a; a = a->next)
        n++;
    return n;
}

static size_t count_asserts(const pw_ast_assert *a)
{
    size_t n = 0;
    for (; a; a = a->next)
        n++;
    return n;
}

/* ---- the graph's memory --------------------------------------------------- */

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

/* The texts of every field f of a list, copied into the graph. */
static pw_texts gtexts(const gctx *c, const pw_ast_field *list, pw_field f)
{
    size_t n = pw_ast_count(list, f);
    pw_texts t = {garray(c, n, sizeof *t.at), garray(c, n, sizeof *t.loc), 0};
    for (; list; list = list->next)
        if (list->field == f) {
            t.loc[t.n] = pw_file_loc(c->f, list->span);
            t.at[t.n++] = gcopy(c, list->v.text.text);
        }
    return t;
}

static pw_gtext gt(const gctx *c, pw_text t)
{
    return pw_file_text(c->f, c->g->arena, t);
}

static pw_gtimescale gts(const gctx *c, pw_timescale t)
{
    return (pw_gtimescale){t.value, t.unit, pw_file_loc(c->f, t.span)};
}

/* A criterion's text and its id ("2.1": the first text of the list that
 * is the question's second item). */
static void add_criterion(const gctx *c, pw_gnode *v, const pw_ast_criterion *x,
                          size_t item, size_t sub)
{
    char id[48];
    if (sub)
        snprintf(id, sizeof id, "%zu.%zu", item, sub);
    else
        snprintf(id, sizeof id, "%zu", item);
    v->criteria[v->ncriteria] = gcopy(c, x->text.text);
    v->criteria_ids[v->ncriteria] = gcopy(c, id);
    v->criteria_loc[v->ncriteria++] = pw_file_loc(c->f, x->text.span);
}

/* The question's criteria: every text, in order, with its id; and its
 * list's items, each a text or a nested list of texts. A list nested
 * deeper (reported) is left out. */
static void fill_criteria(const gctx *c, const pw_ast_node *a, pw_gnode *v)
{
    size_t items = 0, texts = 0;
    count_criteria(a->criteria, &items, &texts);
    v->criteria_mode = a->criteria_mode;
    v->criteria = garray(c, texts, sizeof *v->criteria);
    v->criteria_ids = garray(c, texts, sizeof *v->criteria_ids);
    v->criteria_loc = garray(c, texts, sizeof *v->criteria_loc);
    v->citems = garray(c, items, sizeof *v->citems);
    for (const pw_ast_criterion *x = a->criteria; x; x = x->next) {
        pw_gcriterion *it = &v->citems[v->ncitems++];
        char id[24];
        snprintf(id, sizeof id, "%zu", v->ncitems);
        it->id = gcopy(c, id);
        it->loc = pw_file_loc(c->f, x->span);
        it->first = v->ncriteria;
        if (x->text.text) {
            add_criterion(c, v, x, v->ncitems, 0);
        } else {
            it->mode = x->mode;
            size_t sub = 0;
            for (const pw_ast_criterion *y = x->items; y; y = y->next)
                if (y->text.text)
                    add_criterion(c, v, y, v->ncitems, ++sub);
        }
        it->count = v->ncriteria - it->first;
    }
}

/* A heap array of n elements of size bytes, with *cap room, made room for
 * one more: doubled when full. */
static void *room(void *list, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return list;
    *cap = *cap ? 2 * *cap : 8;
    return pw_xrealloc(list, *cap, size);
}

/* A heap array of n elements of size bytes, moved into the graph's arena
 * so that freeing the graph frees everything. */
static void *settle(pw_graph *g, void *list, size_t n, size_t size)
{
    void *a = pw_arena_alloc(g->arena, (n + 1) * size);
    if (n)
        memcpy(a, list, n * size);
    free(list);
    return a;
}

/* ---- references ----------------------------------------------------------- */

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

/* The graph lists each contact, role and form it uses once, first use
 * first: heap arrays until settled. */
static void list_contact(gctx *c, pw_contact *k)
{
    if (k->mark == c->mark)
        return;
    k->mark = c->mark;
    pw_graph *g = c->g;
    g->contacts = room(g->contacts, g->ncontacts, &c->ccap, sizeof *g->contacts);
    g->contacts[g->ncontacts++] = k;
}

static void list_role(gctx *c, pw_role *k)
{
    if (k->mark == c->mark)
        return;
    k->mark = c->mark;
    pw_graph *g = c->g;
    g->roles = room(g->roles, g->nroles, &c->rcap, sizeof *g->roles);
    g->roles[g->nroles++] = k;
}

static void list_form(gctx *c, pw_form *k)
{
    if (k->mark == c->mark)
        return;
    k->mark = c->mark;
    pw_graph *g = c->g;
    g->forms = room(g->forms, g->nforms, &c->fcap, sizeof *g->forms);
    g->forms[g->nforms++] = k;
}

/* The declaration a name means, listed in the graph; NULL when there is
 * none (reported). */
static pw_contact *find_contact(gctx *c, pw_name n)
{
    pw_contact *k = pw_scope_find(c->s, &c->scope, PW_DECL_CONTACT, n);
    if (k)
        list_contact(c, k);
    else
        unresolved(c);
    return k;
}

static pw_role *find_role(gctx *c, pw_name n)
{
    pw_role *k = pw_scope_find(c->s, &c->scope, PW_DECL_ROLE, n);
    if (k)
        list_role(c, k);
    else
        unresolved(c);
    return k;
}

static pw_form *find_form(gctx *c, pw_name n)
{
    pw_form *k = pw_scope_find(c->s, &c->scope, PW_DECL_FORM, n);
    if (k)
        list_form(c, k);
    else
        unresolved(c);
    return k;
}

/* error[E0203]: unknown node. */
static void unknown_node(gctx *c, const char *name, pw_loc at, const char *best)
{
    char otherwise[256];
    snprintf(otherwise, sizeof otherwise,
             "no step, question, outcome or together of pathway '%s' has that name",
             c->g->id);
    pw_stage *st = c->stages && !best ? pw_names_get(c->stages, name) : NULL;
    if (st) { /* `next stage_1`: a stage, where a node is wanted */
        const char *first = NULL;
        for (size_t i = 0; i < c->g->nnodes && !first; i++)
            if (c->g->nodes[i].stage == (int)(st - c->g->stages))
                first = c->g->nodes[i].id;
        snprintf(otherwise, sizeof otherwise, "'%s' is a stage: a walk goes on to a step, "
                 "question, outcome or together%s%s%s", name,
                 first ? "; the first of this stage is '" : "", first ? first : "",
                 first ? "'" : "");
    }
    pw_scope_unknown(c->s->diag, "E0203", "node", at, name, best, otherwise);
}

/* The node n names, or PW_NO_NODE. A name close to a node's is a typo,
 * reported now; one close to none is kept for lost_names: where a node
 * is declared twice, it is most likely the name one of the two lost. */
static int find_node(gctx *c, pw_name n)
{
    int *at = pw_names_get(c->nodes, n.text);
    if (!c->used)
        c->used = pw_xcalloc(c->g->nnodes + 1, sizeof *c->used);
    if (at) {
        c->used[*at]++;
        return *at;
    }
    pw_suggest s;
    pw_suggest_init(&s, n.text);
    for (size_t i = 0; i < c->g->nnodes; i++)
        pw_suggest_offer(&s, c->g->nodes[i].id);
    pw_loc loc = pw_file_loc(c->f, n.span);
    if (pw_suggest_best(&s)) {
        c->typo = room(c->typo, c->ntypo, &c->typocap, sizeof *c->typo);
        c->typo[c->ntypo++] = (struct typo){n.text, pw_suggest_best(&s), loc};
    } else {
        c->lost = room(c->lost, c->nlost, &c->lostcap, sizeof *c->lost);
        c->lost[c->nlost++] = (struct lost){n.text, loc};
    }
    broken_link(c);
    return PW_NO_NODE;
}

/* How many words of name ("early_help_offered") are words of title
 * ("Early Help offered"), in any case. */
static size_t words_shared(const char *name, const char *title)
{
    size_t n = 0;
    for (const char *w = name; *w;) {
        size_t len = strcspn(w, "_-");
        for (const char *t = title; t && *t && len > 1;) {
            while (*t && !isalnum((unsigned char)*t))
                t++;
            size_t tl = 0;
            while (isalnum((unsigned char)t[tl]))
                tl++;
            if (tl == len && strncasecmp(t, w, len) == 0) {
                n++;
                break;
            }
            t += tl;
        }
        w += len;
        w += *w != '\0';
    }
    return n;
}

/* How well the name fits either node of pair k: the words it shares with
 * the better of their titles. */
static size_t fits(const gctx *c, size_t k, const char *name, bool *again)
{
    const pw_gnode *a = &c->g->nodes[c->twice[k].first];
    const pw_gnode *b = &c->g->nodes[c->twice[k].again];
    size_t x = words_shared(name, a->title), y = words_shared(name, b->title);
    if (again)
        *again = y >= x;
    return x > y ? x : y;
}

/* Adds the line of at to lines (n so far, at most six kept, the rest
 * counted in *more), unless it is the line just added. */
static void add_line(pw_loc at, unsigned *lines, size_t *n, size_t *more)
{
    unsigned line, col;
    pw_source_position(at.src, at.span.begin, &line, &col);
    if (*n && lines[*n - 1] == line)
        return;
    if (*n < 6)
        lines[(*n)++] = line;
    else
        ++*more;
}

/* "line 131", "lines 131, 158 and 176", "... and 2 more". */
static void say_lines(const unsigned *lines, size_t n, size_t more, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "line%s ", n > 1 ? "s" : "");
    for (size_t i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%u",
                                i == 0 ? "" : i + 1 == n && !more ? " and " : ", ",
                                lines[i]);
    if (more && len < size)
        snprintf(buf + len, size - len, " and %zu more", more);
}

/* Where the lost names of pair k are used (owner[i] == k). */
static void lost_lines(const gctx *c, const size_t *owner, size_t k, char *buf,
                       size_t size)
{
    unsigned lines[6];
    size_t n = 0, more = 0;
    for (size_t i = 0; i < c->nlost; i++)
        if (owner[i] == k)
            add_line(c->lost[i].at, lines, &n, &more);
    say_lines(lines, n, more, buf, size);
}

/* Where the typos of name are used; their number into *uses. */
static void typo_lines(const gctx *c, const char *name, char *buf, size_t size,
                       size_t *uses)
{
    unsigned lines[6];
    size_t n = 0, more = 0;
    *uses = 0;
    for (size_t i = 0; i < c->ntypo; i++)
        if (strcmp(c->typo[i].name, name) == 0) {
            ++*uses;
            add_line(c->typo[i].at, lines, &n, &more);
        }
    say_lines(lines, n, more, buf, size);
}

/* The uses of names close to a node's (find_node). A name used two or
 * more times, all close to one node whose own name nothing uses, is most
 * likely that node's name misspelt where it is declared: one error there
 * (E0320), none at the uses. Otherwise each use is an unknown name
 * (E0203) with its suggestion. A file with very many typos is not worth
 * the quadratic grouping: each is reported as it stands. */
static void typos(gctx *c)
{
    pw_names *said = pw_names_new(c->ntypo + 1);
    for (size_t i = 0; i < c->ntypo; i++) {
        const struct typo *t = &c->typo[i];
        int *best = pw_names_get(c->nodes, t->best);
        const bool *done = pw_names_get(said, t->name);
        if (done && *done)
            continue;
        char lines[120];
        size_t uses = 0;
        if (best && !c->used[*best] && c->ntypo <= 20000)
            typo_lines(c, t->name, lines, sizeof lines, &uses);
        if (uses < 2) {
            unknown_node(c, t->name, t->at, t->best);
            continue;
        }
        static const bool yes = true;
        pw_names_add(said, t->name, (void *)&yes);
        const pw_gnode *v = &c->g->nodes[*best];
        pw_diagnostic *g = pw_diag_error(c->s->diag, "E0320", v->loc.src, v->loc.span,
                                         "%s '%s' is declared with a name its uses "
                                         "do not have: %s name it '%s'",
                                         pw_node_kind_name(v->kind), v->id, lines,
                                         t->name);
        pw_diag_help(g, "did you mean to name it '%s'? Change the name here, or "
                        "change its uses to '%s'", t->name, v->id);
    }
    pw_names_free(said);
}

/* The pair of nodes of one name each lost name goes to (lost_names),
 * into owner: first the names that fit one pair best, then the others. */
static void assign_lost(const gctx *c, size_t *owner)
{
    const size_t none = (size_t)-1;
    pw_names *done = pw_names_new(c->nlost);
    bool *taken = pw_xcalloc(c->ntwice + 1, sizeof *taken);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < c->nlost; i++) {
            if (pass && owner[i] != none)
                continue;
            const size_t *same = pw_names_get(done, c->lost[i].name);
            if (same) {
                owner[i] = *same;
                continue;
            }
            size_t best = 0, fit = fits(c, 0, c->lost[i].name, NULL), ties = 1;
            for (size_t k = 1; k < c->ntwice; k++) {
                size_t f = fits(c, k, c->lost[i].name, NULL);
                if (f > fit || (f == fit && pass && taken[best] && !taken[k]))
                    best = k;
                ties = f > fit ? 1 : ties + (f == fit);
                fit = f > fit ? f : fit;
            }
            owner[i] = none;
            if (ties > 1 && !pass)
                continue;
            owner[i] = best;
            taken[best] = true;
            pw_names_add(done, c->lost[i].name, &owner[i]);
        }
    free(taken);
    pw_names_free(done);
}

/* error[E0201] for each pair of nodes of one name. A name used but declared
 * nowhere, that looks like no node's (find_node kept it), is then most
 * likely the name one of the two was meant to have (copied, or renamed,
 * and not renamed back): the error says so, at the one whose title fits
 * the name, and the uses of the name are not reported on their own. With
 * no pair, they are unknown names (E0203). */
static void lost_names(gctx *c)
{
    if (!c->ntwice) {
        for (size_t i = 0; i < c->nlost; i++)
            unknown_node(c, c->lost[i].name, c->lost[i].at, NULL);
        return;
    }
    size_t *owner = pw_xcalloc(c->nlost + 1, sizeof *owner);
    /* a name to the pair whose title fits it best; a name that fits two
     * equally to one that has no name yet (each pair lost one, most
     * likely); a pathological file is not worth a quadratic search */
    if (c->ntwice > 1 && c->nlost <= 4000000 / c->ntwice)
        assign_lost(c, owner);
    for (size_t k = 0; k < c->ntwice; k++) {
        const char *names[3];
        size_t nnames = 0;
        for (size_t i = 0; i < c->nlost; i++) {
            bool seen = owner[i] != k;
            for (size_t j = 0; j < nnames && !seen; j++)
                seen = strcmp(names[j], c->lost[i].name) == 0;
            if (!seen && nnames < 3)
                names[nnames++] = c->lost[i].name;
        }
        bool again = true;
        if (nnames)
            fits(c, k, names[0], &again);
        const pw_gnode *v = &c->g->nodes[again ? c->twice[k].again : c->twice[k].first];
        const pw_gnode *o = &c->g->nodes[again ? c->twice[k].first : c->twice[k].again];
        pw_diagnostic *g = pw_diag_error(c->s->diag, "E0201", v->loc.src, v->loc.span,
                                         "node '%s' is declared twice", v->id);
        pw_diag_note(g, o->loc.src, o->loc.span,
                     again ? "first declared here" : "declared again here");
        if (!nnames) {
            pw_diag_help(g, "give each node its own name, or remove one");
            continue;
        }
        char lines[120];
        lost_lines(c, owner, k, lines, sizeof lines);
        if (nnames == 1)
            pw_diag_help(g, "did you mean to name this one '%s'? No node has that "
                            "name, and %s use%s it", names[0], lines,
                         strncmp(lines, "lines", 5) ? "s" : "");
        else
            pw_diag_help(g, "did you mean to name this one '%s'%s%s%s '%s'? No node "
                            "has those names, and %s use them", names[0],
                         nnames == 3 ? ", '" : "", nnames == 3 ? names[1] : "",
                         nnames == 3 ? "' or" : " or", names[nnames - 1], lines);
    }
    free(owner);
}

static void index_stages(gctx *c)
{
    size_t n = count_stages(c->w->stages);
    c->stages = pw_names_new(n);
    c->g->stages = pw_arena_alloc(c->g->arena, (n + 1) * sizeof *c->g->stages);
    for (const pw_ast_stage *s = c->w->stages; s; s = s->next) {
        pw_stage *st = &c->g->stages[c->g->nstages];
        st->id = gcopy(c, s->id.text);
        st->title = gcopy(c, s->title.text);
        st->tbc = gtexts(c, s->fields, PW_F_STAGE_TBC);
        st->loc = pw_file_loc(c->f, s->id.span);
        pw_stage *old = pw_names_add(c->stages, st->id, st);
        if (old)
            pw_scope_duplicate(c->s->diag, "stage", st->id, st->loc, old->loc);
        c->g->nstages++;
    }
}

/* Each together's steps, from the steps' parents. */
static void index_inner(gctx *c)
{
    pw_graph *g = c->g;
    for (size_t i = 0; i < g->nnodes; i++)
        if (g->nodes[i].parent != PW_NO_NODE)
            g->nodes[g->nodes[i].parent].ninner++;
    for (size_t i = 0; i < g->nnodes; i++) {
        pw_gnode *t = &g->nodes[i];
        t->inner = garray(c, t->ninner, sizeof *t->inner);
        t->ninner = 0;
    }
    for (size_t i = 0; i < g->nnodes; i++)
        if (g->nodes[i].parent != PW_NO_NODE) {
            pw_gnode *t = &g->nodes[g->nodes[i].parent];
            t->inner[t->ninner++] = (int)i;
        }
}

/* Every node gets its index first, so references can point forward. A
 * node inside a together follows it in the list; the togethers still
 * open (nested ones are an error, reported, but still indexed) are kept
 * on a stack, so finding a node's together is linear overall. */
static void index_nodes(gctx *c)
{
    size_t n = count_nodes(c->w->nodes);
    c->nodes = pw_names_new(n);
    c->g->nodes = pw_arena_alloc(c->g->arena, (n + 1) * sizeof *c->g->nodes);
    const pw_ast_node **open = pw_xcalloc(n + 1, sizeof *open);
    int *open_at = pw_xcalloc(n + 1, sizeof *open_at);
    size_t nopen = 0;
    for (const pw_ast_node *a = c->w->nodes; a; a = a->next_node) {
        pw_gnode *v = &c->g->nodes[c->g->nnodes];
        v->index = (int)c->g->nnodes++;
        while (nopen && open[nopen - 1] != a->parent)
            nopen--;
        v->parent = a->parent && nopen ? open_at[nopen - 1] : PW_NO_NODE;
        if (a->kind == PW_TOGETHER) {
            open[nopen] = a;
            open_at[nopen++] = v->index;
        }
        v->kind = a->kind;
        v->id = gcopy(c, a->id.text);
        v->title = gcopy(c, a->title.text);
        v->loc = pw_file_loc(c->f, a->id.span);
        v->stage = -1;
        if (a->stage && a->stage->id.text) {
            pw_stage *st = pw_names_get(c->stages, a->stage->id.text);
            v->stage = st ? (int)(st - c->g->stages) : -1;
        }
        v->next = PW_NO_NODE;
        int *at = pw_names_get(c->nodes, v->id);
        if (at) { /* reported by lost_names */
            c->twice = room(c->twice, c->ntwice, &c->twicecap, sizeof *c->twice);
            c->twice[c->ntwice++] = (struct twice){*at, v->index};
            v->duplicate = true;
            v->named_twice = c->g->nodes[*at].named_twice = true;
            c->g->incomplete = true;
        } else
            pw_names_add(c->nodes, v->id, &v->index);
    }
    free(open);
    free(open_at);
    index_inner(c);
}

/* ---- nodes ---------------------------------------------------------------- */

/* `also` names neither a node of this pathway nor a pathway (reported). */
static void unknown_also(gctx *c, pw_name target, pw_loc at)
{
    pw_suggest s;
    pw_suggest_init(&s, target.text);
    for (size_t i = 0; i < c->g->nnodes; i++)
        pw_suggest_offer(&s, c->g->nodes[i].id);
    for (size_t i = 0; i < c->m->all.n; i++)
        for (const pw_ast_pathway *w = c->m->all.at[i]->ast->pathways; w; w = w->next)
            pw_suggest_offer(&s, w->id.text);
    if (!pw_suggest_best(&s) && c->ntwice) {
        /* where a node is declared twice, most likely the name one of the
         * two lost: lost_names says so with the duplicate */
        c->lost = room(c->lost, c->nlost, &c->lostcap, sizeof *c->lost);
        c->lost[c->nlost++] = (struct lost){target.text, at};
        broken_link(c);
        return;
    }
    pw_scope_unknown(c->s->diag, "E0207", "node or pathway", at, target.text,
                     pw_suggest_best(&s),
                     "'also' names a node of this pathway, or a pathway in any "
                     "file read");
    broken_link(c); /* what it leads to may now seem unreachable */
}

/* `also X`: a node of this pathway, else a pathway by id. */
static void fill_also(gctx *c, const pw_ast_node *a, pw_gnode *v)
{
    v->also = garray(c, pw_ast_count(a->fields, PW_F_NODE_ALSO), sizeof *v->also);
    for (const pw_ast_field *al = a->fields; al; al = al->next) {
        if (al->field != PW_F_NODE_ALSO)
            continue;
        pw_name target = al->v.ref.name;
        pw_galso *x = &v->also[v->nalso++];
        const pw_ast_pathway *other;
        x->node = PW_NO_NODE;
        x->why = gcopy(c, al->v.ref.text.text);
        x->loc = pw_file_loc(c->f, target.span);
        int *at = pw_names_get(c->nodes, target.text);
        if (at) {
            x->node = *at;
        } else if ((other = pw_names_get(c->s->pathways, target.text))) {
            x->pathway = gcopy(c, target.text);
            x->pathway_title = gcopy(c, other->title.text);
        } else {
            unknown_also(c, target, x->loc);
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
    v->answers = garray(c, count_answers(a->answers), sizeof *v->answers);
    for (const pw_answer *an = a->answers; an; an = an->next) {
        pw_edge *e = &v->answers[v->nanswers++];
        e->banded = an->banded;
        e->lo = an->lo;
        e->hi = an->hi;
        e->loc = pw_file_loc(c->f, an->banded ? an->range_span : an->id.span);
        if (!an->banded) {
            e->id = gcopy(c, an->id.text);
            e->label = gcopy(c, default_label(an));
        } else {
            e->label = gcopy(c, an->label.text);
        }
        e->target = PW_NO_NODE;
        if (an->target.text)
            e->target = find_node(c, an->target);
        else
            broken_link(c); /* a syntax error, reported */
    }
    fill_criteria(c, a, v);
    v->scored = a->scored;
    v->score_lo = a->score_lo;
    v->score_hi = a->score_hi;
}

/* The forms, and the contacts, a node names that are found, in the order
 * its fields name them. */
static void fill_forms(gctx *c, const pw_ast_field *list, pw_gnode *v)
{
    v->forms = garray(c, pw_ast_count_names(list, PW_F_NODE_FORM), sizeof *v->forms);
    for (; list; list = list->next)
        for (const pw_name_item *i = list->field == PW_F_NODE_FORM ? list->v.names : NULL;
             i; i = i->next) {
            pw_form *k = find_form(c, i->name);
            if (k)
                v->forms[v->nforms++] = k;
        }
}

static void fill_contacts(gctx *c, const pw_ast_field *list, pw_gnode *v)
{
    v->contacts = garray(c, pw_ast_count_names(list, PW_F_NODE_CONTACT),
                         sizeof *v->contacts);
    for (; list; list = list->next)
        for (const pw_name_item *i =
                 list->field == PW_F_NODE_CONTACT ? list->v.names : NULL;
             i; i = i->next) {
            pw_contact *k = find_contact(c, i->name);
            if (k)
                v->contacts[v->ncontacts++] = k;
        }
}

static void fill_replaces(gctx *c, const pw_ast_field *list, pw_gnode *v)
{
    size_t n = pw_ast_count_names(list, PW_F_NODE_REPLACES);
    v->replaces = garray(c, n, sizeof *v->replaces);
    v->replaces_loc = garray(c, n, sizeof *v->replaces_loc);
    for (; list; list = list->next)
        for (const pw_name_item *r =
                 list->field == PW_F_NODE_REPLACES ? list->v.names : NULL;
             r; r = r->next) {
            v->replaces_loc[v->nreplaces] = pw_file_loc(c->f, r->name.span);
            v->replaces[v->nreplaces++] = gcopy(c, r->name.text);
        }
}

/* `do` items, `record`, `when`, `note` and `source`. */
static void fill_texts(gctx *c, const pw_ast_field *list, pw_gnode *v)
{
    v->dos = garray(c, pw_ast_count(list, PW_F_NODE_DO), sizeof *v->dos);
    for (const pw_ast_field *x = list; x; x = x->next)
        if (x->field == PW_F_NODE_DO)
            v->dos[v->ndos++] = gcopy(c, x->v.text.text);
    v->record = gt(c, pw_ast_text(list, PW_F_NODE_RECORD));
    v->when = gt(c, pw_ast_text(list, PW_F_NODE_WHEN));
    v->note = gt(c, pw_ast_text(list, PW_F_NODE_NOTE));
    const pw_ast_field *src = pw_ast_field_get(list, PW_F_NODE_SOURCE);
    v->source = gt(c, src ? src->v.source.text : (pw_text){0});
    v->source_url = gt(c, src ? src->v.source.url : (pw_text){0});
}

/* W0013: `by "dsl"` where a role dsl (or a role titled so) is seen: the
 * words, not the role, which was surely meant (so marked used: no
 * "unused" on top). */
static void by_text_role(gctx *c, pw_gnode *v)
{
    pw_role *r = pw_scope_named_by_text(&c->scope, PW_DECL_ROLE, v->by_text.text);
    if (!r)
        return;
    r->used = true;
    pw_loc at = v->by_text.loc;
    pw_diagnostic *d =
        pw_same_words(v->by_text.text, r->id)
            ? pw_diag_warning(c->s->diag, "W0013", "by-text-role", at.src, at.span,
                              "by \"%s\" is the words '%s', not the role '%s'",
                              v->by_text.text, v->by_text.text, r->title ? r->title : r->id)
            : pw_diag_warning(c->s->diag, "W0013", "by-text-role", at.src, at.span,
                              "by \"%s\" is these words, not the role '%s' of that "
                              "title", v->by_text.text, r->id);
    pw_diag_note(d, r->loc.src, r->loc.span, "the role is declared here");
    pw_diag_help(d, "write the role's name without quotes: by %s", r->id);
}

static void fill_node(gctx *c, const pw_ast_node *a, pw_gnode *v)
{
    const pw_ast_field *f = a->fields;
    const pw_ast_field *by = pw_ast_field_get(f, PW_F_NODE_BY);
    if (by && by->v.ref.name.text)
        v->by = find_role(c, by->v.ref.name);
    else if (by) {
        v->by_text = gt(c, by->v.ref.text);
        by_text_role(c, v);
    }
    v->tbc = gtexts(c, f, PW_F_NODE_TBC);
    fill_texts(c, f, v);
    fill_forms(c, f, v);
    fill_contacts(c, f, v);
    v->within = gts(c, pw_ast_time(f, PW_F_NODE_WITHIN));
    v->target = gts(c, pw_ast_time(f, PW_F_NODE_TARGET));
    v->review_after = gts(c, pw_ast_time(f, PW_F_NODE_REVIEW_AFTER));
    v->urgency = (pw_urgency)pw_ast_word(f, PW_F_NODE_URGENCY);
    const pw_ast_field *consent = pw_ast_field_get(f, PW_F_NODE_CONSENT);
    v->consent = consent ? (pw_consent_rule)consent->v.choice.value : PW_CONSENT_NONE;
    v->consent_text = gt(c, consent ? consent->v.choice.text : (pw_text){0});
    v->personal = pw_ast_field_get(f, PW_F_NODE_PERSONAL) != NULL;
    v->outcome = (pw_outcome_kind)pw_ast_word(f, PW_F_NODE_KIND);
    fill_also(c, a, v);
    fill_replaces(c, f, v);
    pw_name next = pw_ast_name(f, PW_F_NODE_NEXT);
    if (next.text) {
        v->next = find_node(c, next);
        v->next_loc = pw_file_loc(c->f, next.span);
    }
    v->span = pw_file_loc(c->f, a->span);
    fill_answers(c, a, v);
}

/* Where a walk starts (`start`, a scenario's `from`), n names a step
 * inside a together (reported): `what` is the message's start, `fix` the
 * help's form for the together's name. */
static void inside_together(gctx *c, pw_name n, const char *what, const char *fix)
{
    int *at = pw_names_get(c->nodes, n.text);
    const pw_gnode *v = &c->g->nodes[*at], *t = &c->g->nodes[v->parent];
    pw_diagnostic *g = pw_diag_error(c->s->diag, "E0317", c->f->src, n.span,
                                     "%s '%s': it is a step inside together '%s'", what,
                                     v->id, t->id);
    pw_diag_note(g, t->loc.src, t->loc.span, "'%s' is declared here", t->id);
    char help[160];
    snprintf(help, sizeof help, fix, t->id);
    pw_diag_help(g, "a walk does the steps of a together at the together: start it "
                    "there instead, as in: %s", help);
}

/* ---- scenarios and assertions --------------------------------------------- */

static void wrong_kind(gctx *c, pw_name n, const pw_gnode *v, const char *wanted,
                       const char *help)
{
    pw_diagnostic *g = pw_diag_error(c->s->diag, "E0209", c->f->src, n.span,
                                     "'%s' is %s %s, not %s", n.text,
                                     v->kind == PW_OUTCOME ? "an" : "a",
                                     pw_node_kind_name(v->kind), wanted);
    pw_diag_note(g, v->loc.src, v->loc.span, "'%s' is declared here", v->id);
    pw_diag_help(g, "%s", help);
}

/* A scenario answers q by name when it is scored, or by a score when it is
 * not (reported). */
static void answered_wrongly(gctx *c, const pw_scenario_answer *sa, const pw_gnode *q)
{
    pw_diagnostic *g = pw_diag_error(
        c->s->diag, "E0209", c->f->src, sa->value_span,
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
}

/* A scenario names an answer q does not have (reported). */
static void no_such_answer(gctx *c, const pw_scenario_answer *sa, const pw_gnode *q,
                           const char *best)
{
    pw_diagnostic *g = pw_diag_error(c->s->diag, "E0208", c->f->src,
                                     sa->answer.span, "question '%s' has no answer '%s'",
                                     q->id, sa->answer.text);
    if (best) {
        pw_diag_help(g, "did you mean '%s'?", best);
        pw_diag_fix(g, sa->answer.span, best);
        return;
    }
    char list[256] = "";
    size_t len = 0;
    for (size_t i = 0; i < q->nanswers && len < sizeof list - 8; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s'%s'",
                                i == 0 ? "" : i + 1 == q->nanswers ? " and " : ", ",
                                q->answers[i].id);
    pw_diag_help(g, "its answers are %s", list);
}

/* The answer of question q that a scenario names, or -1 (reported); for a
 * score, -1 when it is in range and -2 when it is not (reported). */
static int scenario_answer(gctx *c, const pw_scenario_answer *sa, const pw_gnode *q)
{
    if (sa->is_score != q->scored) {
        answered_wrongly(c, sa, q);
        return -1;
    }
    if (sa->is_score) {
        if (sa->score >= q->score_lo && sa->score <= q->score_hi)
            return -1;
        pw_diagnostic *g = pw_diag_error(c->s->diag, "E0209", c->f->src,
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
    no_such_answer(c, sa, q, pw_suggest_best(&s));
    return -1;
}

static void fill_scenario_answers(gctx *c, const pw_ast_scenario *a, pw_gscenario *s)
{
    size_t n = count_scenario_answers(a->answers);
    s->answers = pw_arena_alloc(c->g->arena, (n + 1) * sizeof *s->answers);
    for (const pw_scenario_answer *sa = a->answers; sa; sa = sa->next) {
        pw_gscenario_answer *x = &s->answers[s->nanswers];
        x->loc = pw_file_loc(c->f, sa->span);
        x->question = find_node(c, sa->question);
        x->answer = -1;
        x->is_score = sa->is_score;
        x->score = sa->score;
        if (x->question == PW_NO_NODE)
            continue;
        const pw_gnode *q = &c->g->nodes[x->question];
        if (q->answers_wrong || (q->named_twice && q->kind != PW_QUESTION))
            continue; /* follows from the error reported there */
        if (q->kind != PW_QUESTION) {
            wrong_kind(c, sa->question, q, "a question",
                       "'answer' names a question and one of its answers");
            continue;
        }
        x->answer = scenario_answer(c, sa, q);
        if (x->answer >= 0 || (x->answer == -1 && sa->is_score && q->scored))
            s->nanswers++;
    }
}

static void fill_scenario(gctx *c, const pw_ast_scenario *a, pw_gscenario *s)
{
    s->name = gcopy(c, a->name.text);
    s->loc = pw_file_loc(c->f, a->span);
    s->expect = PW_NO_NODE;
    s->from = a->from.text ? find_node(c, a->from) : c->g->start;
    if (a->from.text && s->from != PW_NO_NODE && c->g->nodes[s->from].parent >= 0) {
        inside_together(c, a->from, "a walk cannot start at", "from %s");
        s->from = PW_NO_NODE;
    }
    fill_scenario_answers(c, a, s);
    if (a->expect.text) {
        s->expect = find_node(c, a->expect);
        if (s->expect != PW_NO_NODE && c->g->nodes[s->expect].kind != PW_OUTCOME) {
            if (!c->g->nodes[s->expect].named_twice) /* else it follows */
                wrong_kind(c, a->expect, &c->g->nodes[s->expect], "an outcome",
                       "a scenario expects the outcome its walk ends at");
            s->expect = PW_NO_NODE;
        }
    }
    size_t n = count_names(a->through);
    s->through = pw_arena_alloc(c->g->arena, (n + 1) * sizeof *s->through);
    for (const pw_name_item *t = a->through; t; t = t->next) {
        int v = find_node(c, t->name);
        if (v != PW_NO_NODE)
            s->through[s->nthrough++] = v;
    }
}

static void fill_tests(gctx *c)
{
    pw_graph *g = c->g;
    size_t n = count_scenarios(c->w->scenarios);
    g->scenarios = pw_arena_alloc(g->arena, (n + 1) * sizeof *g->scenarios);
    for (const pw_ast_scenario *a = c->w->scenarios; a; a = a->next)
        fill_scenario(c, a, &g->scenarios[g->nscenarios++]);
    n = count_asserts(c->w->asserts);
    g->asserts = pw_arena_alloc(g->arena, (n + 1) * sizeof *g->asserts);
    for (const pw_ast_assert *a = c->w->asserts; a; a = a->next) {
        pw_gassert *x = &g->asserts[g->nasserts];
        x->kind = a->kind;
        x->steps = a->steps;
        x->loc = pw_file_loc(c->f, a->span);
        x->a = find_node(c, a->a);
        x->b = a->kind == PW_ASSERT_WITHIN ? PW_NO_NODE : find_node(c, a->b);
        if (x->a != PW_NO_NODE && (a->kind == PW_ASSERT_WITHIN || x->b != PW_NO_NODE))
            g->nasserts++;
    }
}

/* ---- the graph ------------------------------------------------------------ */

static void fill_meta(gctx *c)
{
    const pw_ast_pathway *w = c->w;
    pw_graph *g = c->g;
    g->id = gcopy(c, w->id.text);
    g->title = gcopy(c, w->title.text);
    g->loc = pw_file_loc(c->f, w->id.span);
    /* the pathway's own fields, each as its form says (its start is a link,
     * resolved with the nodes) */
    for (const pw_ast_field *x = w->fields; x; x = x->next) {
        pw_gfield *m = &g->meta[x->field];
        switch (pw_field_get(x->field)->form) {
        case PW_V_TEXT:
            if (pw_field_get(x->field)->many) {
                if (!m->texts.n)
                    m->texts = gtexts(c, w->fields, x->field);
                break;
            }
            m->text = gt(c, x->v.text);
            m->at = m->text.loc;
            break;
        case PW_V_WORD_TEXT:
            m->word = x->v.choice.value;
            m->text = gt(c, x->v.choice.text);
            m->at = pw_file_loc(c->f, x->span);
            break;
        case PW_V_SOURCE:
            if (pw_field_get(x->field)->many) {
                if (!m->nsources)
                    m->sources = garray(c, pw_ast_count(w->fields, x->field), sizeof *m->sources);
                m->sources[m->nsources++] = (pw_gsource){gt(c, x->v.source.text),
                                                         gt(c, x->v.source.url)};
                break;
            }
            m->text = gt(c, x->v.source.text);
            m->url = gt(c, x->v.source.url);
            m->at = m->text.loc;
            break;
        case PW_V_DATE:
            m->date = x->v.date;
            m->at = pw_file_loc(c->f, x->v.date.span);
            break;
        case PW_V_WORD:
            m->word = x->v.choice.value;
            m->at = pw_file_loc(c->f, x->v.choice.word.span);
            break;
        default:
            break;
        }
    }
}

/* The pathway's own contacts' out-of-hours contacts; then every contact
 * the graph lists brings its out-of-hours contact, and that one its own: a
 * reader of the graph finds each contact it can be sent to. After the
 * nodes, so the graph lists contacts in the order nodes use them. */
static void fill_out_of_hours(gctx *c)
{
    size_t i = 0;
    for (const pw_ast_contact *a = c->w->contacts; a; a = a->next, i++) {
        pw_contact *k = c->scope.own[PW_DECL_CONTACT].list[i];
        pw_name ooh = pw_ast_name(a->fields, PW_F_CONTACT_OUT_OF_HOURS);
        if (ooh.text)
            k->out_of_hours = find_contact(c, ooh);
    }
    pw_graph *g = c->g;
    for (i = 0; i < g->ncontacts; i++)
        if (g->contacts[i]->out_of_hours)
            list_contact(c, g->contacts[i]->out_of_hours);
}

static void fill_start(gctx *c)
{
    pw_graph *g = c->g;
    pw_name start = pw_ast_name(c->w->fields, PW_F_PATHWAY_START);
    if (start.text) {
        g->start = find_node(c, start);
        if (g->start != PW_NO_NODE && g->nodes[g->start].parent >= 0) {
            inside_together(c, start, "a walk cannot start at", "start %s");
            g->start = PW_NO_NODE;
        }
        g->incomplete |= g->start == PW_NO_NODE;
    } else if (g->nnodes)
        g->start = 0;
}

pw_graph *pw_graph_construct(pw_scopes *s, const pw_imports *m, const pw_file *f,
                             const pw_ast_pathway *w, unsigned number)
{
    pw_arena *arena = pw_arena_new();
    pw_graph *g = pw_arena_alloc(arena, sizeof *g);
    g->arena = arena;
    g->start = PW_NO_NODE;
    gctx c = {.s = s, .m = m, .f = f, .w = w, .g = g, .mark = number};
    fill_meta(&c);
    pw_scope_open(s, &c.scope, f, w);
    index_stages(&c);
    index_nodes(&c);
    size_t i = 0;
    for (const pw_ast_node *a = w->nodes; a; a = a->next_node, i++) {
        c.cur = &g->nodes[i];
        fill_node(&c, a, c.cur);
    }
    c.cur = NULL;
    /* before the scenarios: one that answers a question whose answers are
     * in error is not reported as well */
    for (i = 0; i < g->nnodes; i++)
        g->nodes[i].answers_wrong = pw_check_answers(g, &g->nodes[i], s->diag);
    fill_out_of_hours(&c);
    fill_start(&c);
    fill_tests(&c);
    typos(&c);
    lost_names(&c);
    free(c.twice);
    free(c.lost);
    free(c.typo);
    free(c.used);
    g->contacts = settle(g, g->contacts, g->ncontacts, sizeof *g->contacts);
    g->roles = settle(g, g->roles, g->nroles, sizeof *g->roles);
    g->forms = settle(g, g->forms, g->nforms, sizeof *g->forms);
    pw_names_free(c.nodes);
    pw_names_free(c.stages);
    pw_scope_close(&c.scope);
    return g;
}
