/* nodes — a table's steps, questions, outcomes and togethers: their
 * fields (first pass), then the links between them (second pass, once
 * every node id is known), and what the links must agree on (a together
 * and the steps inside it; nothing else leads to those steps). */
#include "load.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* The fields each kind may not carry (docs/pathway-table-3.schema.json), by kind;
 * then the keys format 2 added that it may not carry, checked only in a
 * format-2 table (in a format-1 table they are keys the format does not
 * define, and ignored). An outcome's `next` is checked with its kind. */
static const char *const not_for_step[] = {"review_after", "score", "answers", "criteria",
                                           "outcome", NULL};
static const char *const not_for_question[] = {"do",       "forms",    "review_after",
                                               "consent",  "personal", "next",
                                               "outcome",  NULL};
static const char *const not_for_outcome[] = {"score", "answers", "criteria", NULL};
static const char *const not_for_together[] = {"forms",    "contacts", "review_after",
                                               "consent",  "personal", "score",
                                               "answers",  "criteria", "outcome", NULL};
static const char *const *const not_for[] = {NULL, not_for_step, not_for_question,
                                             not_for_outcome, not_for_together};
static const char *const not_for_step_2[] = {"steps", NULL};
static const char *const not_for_others_2[] = {"in", "steps", NULL};
static const char *const not_for_together_2[] = {"in", NULL};
static const char *const *const not_for_2[] = {NULL, not_for_step_2, not_for_others_2,
                                               not_for_others_2, not_for_together_2};

/* "a step", "an outcome", ... */
static const char *a_kind(pathway_node_kind kind)
{
    static const char *const names[] = {NULL, "a step", "a question", "an outcome",
                                        "a together"};
    return names[kind];
}

static void check_keys(pwrt_loader *ld, const pwrt_jv *v, const char *at,
                       pathway_node_kind kind, const char *const *keys)
{
    for (; *keys; keys++)
        if (pwrt_jv_get(v, *keys))
            pwrt_ld_fail(ld, ld->malformed, pwrt_key(at, *keys).s,
                         "%s does not take \"%s\"", a_kind(kind), *keys);
}

static void check_kind_fields(pwrt_loader *ld, const pwrt_jv *v, const char *at,
                              pathway_node_kind kind)
{
    check_keys(ld, v, at, kind, not_for[kind]);
    if (pwrt_format_2(ld))
        check_keys(ld, v, at, kind, not_for_2[kind]);
}

/* ---- links between nodes ------------------------------------------------ */

/* Keeps a link to make in the second pass (nothing once something is
 * wrong: then there is no second pass). inner: see pwrt_link. */
static void add_link(pwrt_loader *ld, const char *id, const pathway_node **to, bool inner)
{
    pwrt_links *l = &ld->links;
    if (!id || ld->failed)
        return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : ld->t->nnodes + 16;
        pwrt_link *items = cap < SIZE_MAX / sizeof *items
                               ? realloc(l->items, cap * sizeof *items) : NULL;
        if (!items) {
            pwrt_ld_nomem(ld);
            return;
        }
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = (pwrt_link){id, to, inner};
}

/* ---- shared shapes ------------------------------------------------------ */

static pathway_timescale timescale(pwrt_loader *ld, const pwrt_jv *v, const char *base,
                                   const char *key, const char *kind)
{
    pathway_timescale ts = {0, PATHWAY_UNIT_NONE};
    const pwrt_jv *o = pwrt_get(ld, v, base, key, PWRT_JOBJECT, false);
    if (!o)
        return ts;
    pwrt_path at = pwrt_key(base, key);
    ts.value = pwrt_int(ld, o, at.s, "value", 1, true, NULL);
    ts.unit = (pathway_unit)pwrt_enum(ld, o, at.s, "unit", pwrt_unit_names, 7, true);
    static const char *const kinds[] = {NULL, "max", "target", "review-after"};
    int k = pwrt_enum(ld, o, at.s, "kind", kinds, 4, true);
    if (k && strcmp(kinds[k], kind) != 0)
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(at.s, "kind").s,
                     "'%s' under \"%s\", which is always '%s'", kinds[k], key, kind);
    return ts;
}

static pathway_consent consent(pwrt_loader *ld, const pwrt_jv *v, const char *base)
{
    pathway_consent c = {PATHWAY_CONSENT_NONE, NULL};
    const pwrt_jv *o = pwrt_get(ld, v, base, "consent", PWRT_JOBJECT, false);
    if (!o)
        return c;
    pwrt_path at = pwrt_key(base, "consent");
    /* "not-stated" is of format 2: in a format-1 table, said so */
    bool v2 = pwrt_format_2(ld);
    const char *rule = pwrt_jstring(pwrt_jv_get(o, "rule"));
    if (!v2 && rule && strcmp(rule, "not-stated") == 0)
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(at.s, "rule").s,
                     "'not-stated' is a rule of format_version 2, and this table is of "
                     "format_version 1");
    c.rule = (pathway_consent_rule)pwrt_enum(ld, o, at.s, "rule", pwrt_consent_names,
                                             v2 ? 7 : 6, true);
    c.text = pwrt_text(ld, o, at.s, "text", false);
    return c;
}

/* {"min", "max"}, min not above max. */
static bool range(pwrt_loader *ld, const pwrt_jv *o, const char *at, int *lo, int *hi)
{
    bool p1, p2;
    *lo = pwrt_int(ld, o, at, "min", 0, true, &p1);
    *hi = pwrt_int(ld, o, at, "max", 0, true, &p2);
    if (!p1 || !p2 || ld->failed)
        return false;
    if (*lo > *hi)
        return pwrt_ld_fail(ld, ld->malformed, at, "min %d is greater than max %d", *lo,
                            *hi);
    return true;
}

/* ---- links to stages, roles, forms, contacts ----------------------------- */

static void stage_of(pwrt_loader *ld, const pwrt_jv *v, const char *at, pathway_node *n)
{
    const pwrt_jv *s = pwrt_jv_get(v, "stage");
    pwrt_path p = pwrt_key(at, "stage");
    if (!s) {
        pwrt_ld_fail(ld, ld->malformed, p.s, "missing");
    } else if (pwrt_jv_is(s, PWRT_JSTRING)) {
        const char *id = pwrt_jstring(s);
        n->stage = pwrt_idmap_get(&ld->t->stage_ids, id);
        if (!n->stage)
            pwrt_ld_fail(ld, ld->malformed, p.s, "no stage has the id '%s'",
                         pwrt_show(id).s);
    } else if (!pwrt_jv_is(s, PWRT_JNULL)) {
        pwrt_ld_fail(ld, ld->malformed, p.s, "expected a string or null, found %s",
                     pwrt_type_name(s));
    }
}

/* forms or contacts: a list of ids, each of something in `map`; the
 * caller makes a typed array of *n and fills it from get(i). */
static const char **linked_ids(pwrt_loader *ld, const pwrt_jv *v, const char *at,
                               const char *key, const pwrt_idmap *map, const char *what,
                               size_t *n)
{
    const char **ids = pwrt_strings(ld, v, at, key, true, n);
    for (size_t i = 0; ids && i < *n; i++)
        if (!pwrt_idmap_get(map, ids[i]))
            pwrt_ld_fail(ld, ld->malformed, pwrt_item(pwrt_key(at, key).s, i).s,
                         "no %s has the id '%s'", what, pwrt_show(ids[i]).s);
    return ids;
}

static void forms_of(pwrt_loader *ld, const pwrt_jv *v, const char *at, pathway_node *n)
{
    const pwrt_idmap *map = &ld->t->form_ids;
    size_t count;
    const char **ids = linked_ids(ld, v, at, "forms", map, "form", &count);
    const pathway_form **forms = ids ? pwrt_arena_array(&ld->t->arena, count,
                                                        sizeof *forms) : NULL;
    if (ids && !forms)
        pwrt_ld_nomem(ld);
    if (!forms)
        return;
    for (size_t i = 0; i < count; i++)
        forms[i] = pwrt_idmap_get(map, ids[i]);
    n->forms = forms;
    n->nforms = count;
}

static void contacts_of(pwrt_loader *ld, const pwrt_jv *v, const char *at, pathway_node *n)
{
    const pwrt_idmap *map = &ld->t->contact_ids;
    size_t count;
    const char **ids = linked_ids(ld, v, at, "contacts", map, "contact", &count);
    const pathway_contact **contacts = ids ? pwrt_arena_array(&ld->t->arena, count,
                                                              sizeof *contacts) : NULL;
    if (ids && !contacts)
        pwrt_ld_nomem(ld);
    if (!contacts)
        return;
    for (size_t i = 0; i < count; i++)
        contacts[i] = pwrt_idmap_get(map, ids[i]);
    n->contacts = contacts;
    n->ncontacts = count;
}

/* Who does it: `by`, a role of the table, or (format 2) `by_text`, in
 * words; never both. */
static void role_of(pwrt_loader *ld, const pwrt_jv *v, const char *at, pathway_node *n)
{
    const char *id = pwrt_id(ld, v, at, "by", false);
    if (id) {
        n->by = pwrt_idmap_get(&ld->t->role_ids, id);
        if (!n->by)
            pwrt_ld_fail(ld, ld->malformed, pwrt_key(at, "by").s,
                         "no role has the id '%s'", pwrt_show(id).s);
    }
    if (!pwrt_format_2(ld))
        return;
    n->by_text = pwrt_text(ld, v, at, "by_text", false);
    if (id && n->by_text)
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(at, "by_text").s,
                     "a node has \"by\" (a role) or \"by_text\", not both");
}

/* ---- also ------------------------------------------------------------------ */

/* The node links are made in the second pass. */
static void load_also(pwrt_loader *ld, const pwrt_jv *v, const char *at, pathway_node *n)
{
    const pwrt_jv *a = pwrt_get(ld, v, at, "also", PWRT_JARRAY, false);
    if (!a)
        return;
    pwrt_path base = pwrt_key(at, "also");
    size_t count = pwrt_jarray_size(a);
    if (count == 0) {
        pwrt_ld_fail(ld, ld->malformed, base.s, "an empty list (the key is left out "
                     "when there is nothing to list)");
        return;
    }
    pathway_also *also = pwrt_arena_array(&ld->t->arena, count, sizeof *also);
    if (!also) {
        pwrt_ld_nomem(ld);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        const pwrt_jv *o = pwrt_jarray_get(a, i);
        pwrt_path p = pwrt_item(base.s, i);
        if (!pwrt_jv_is(o, PWRT_JOBJECT)) {
            pwrt_ld_fail(ld, ld->malformed, p.s, "expected an object, found %s",
                         pwrt_type_name(o));
            return;
        }
        const char *node = pwrt_id_ref(ld, o, p.s, "node", false);
        also[i].pathway = pwrt_id(ld, o, p.s, "pathway", false);
        also[i].why = pwrt_text(ld, o, p.s, "why", false);
        if (node && also[i].pathway)
            pwrt_ld_fail(ld, ld->malformed, p.s, "has both \"node\" and \"pathway\"");
        else if (!node && !also[i].pathway && !ld->failed)
            pwrt_ld_fail(ld, ld->malformed, p.s, "has neither \"node\" nor \"pathway\"");
    }
    n->also = also;
    n->nalso = count;
}

/* The also entries that name a node are linked after the node's next or
 * answers, the order the links have always been checked in. */
static void also_links(pwrt_loader *ld, const pwrt_jv *v, pathway_node *n)
{
    const pwrt_jv *list = pwrt_jv_get(v, "also");
    for (size_t i = 0; i < n->nalso; i++)
        add_link(ld, pwrt_jstring(pwrt_jv_get(pwrt_jarray_get(list, i), "node")),
                 &((pathway_also *)n->also)[i].node, false);
}

/* ---- questions --------------------------------------------------------- */

/* Criteria come in two shapes. Format 1: a list of texts, numbered "1",
 * "2", ... here. Format 2: a list of items, each a text {id, text} or a
 * nested list {id, mode, items: [text, ...]} of the other mode, one level
 * deep, each id its place ("2", "2.1"). Either way the node gets the
 * texts in order (criteria, with criteria_ids) and the list's items
 * (criteria_items), each a text or a run of the texts. Format 2's list is
 * checked whole first (counting the texts), then copied. */

/* Whether format-2 criterion o is a nested list rather than a text. */
static bool is_list(const pwrt_jv *o)
{
    return pwrt_jv_get(o, "items") || pwrt_jv_get(o, "mode");
}

/* The id of criterion o at p must be its place. */
static void check_criterion_id(pwrt_loader *ld, const pwrt_jv *o, const char *p,
                               const char *place)
{
    const char *id = pwrt_jstring(pwrt_get(ld, o, p, "id", PWRT_JSTRING, true));
    if (id && strcmp(id, place) != 0)
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(p, "id").s,
                     "'%s' should be '%s': a criterion's id is its place in the list",
                     pwrt_show(id).s, place);
}

/* A text {id, text} at p, at place `place`; nested: inside a nested list,
 * where a list cannot be. */
static void check_text(pwrt_loader *ld, const pwrt_jv *o, const char *p, const char *place,
                       bool nested)
{
    if (!pwrt_jv_is(o, PWRT_JOBJECT)) {
        pwrt_ld_fail(ld, ld->malformed, p, "expected an object, found %s",
                     pwrt_type_name(o));
        return;
    }
    if (nested && is_list(o)) {
        pwrt_ld_fail(ld, ld->malformed, p, "a list inside a nested list: criteria nest one "
                     "level only");
        return;
    }
    check_criterion_id(ld, o, p, place);
    pwrt_get(ld, o, p, "text", PWRT_JSTRING, true);
}

/* A list's "items" (o at p: the question's criteria, or a nested list):
 * a non-empty array; its size, or 0 when something is wrong. */
static size_t list_size(pwrt_loader *ld, const pwrt_jv *o, const char *p, bool nested)
{
    const pwrt_jv *items = pwrt_get(ld, o, p, "items", PWRT_JARRAY, true);
    if (items && pwrt_jarray_size(items) == 0)
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(p, "items").s, "an empty list (%s)",
                     nested ? "a nested list holds at least one criterion"
                            : "a question's criteria have at least one item");
    return ld->failed ? 0 : pwrt_jarray_size(items);
}

/* A nested list {id, mode, items} at p, at place `place`, inside a list of
 * mode `outer`; adds its texts to *ntexts. */
static void check_nested(pwrt_loader *ld, const pwrt_jv *o, const char *p, const char *place,
                         int outer, size_t *ntexts)
{
    check_criterion_id(ld, o, p, place);
    int mode = pwrt_enum(ld, o, p, "mode", pwrt_criteria_names, 3, true);
    if (mode && mode == outer)
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(p, "mode").s,
                     "'%s' inside an %s list: a nested list is of the other mode",
                     pwrt_criteria_names[mode], pwrt_criteria_names[outer]);
    size_t count = list_size(ld, o, p, true);
    pwrt_path base = pwrt_key(p, "items");
    for (size_t j = 0; j < count && !ld->failed; j++) {
        char inner[64];
        snprintf(inner, sizeof inner, "%s.%zu", place, j + 1);
        check_text(ld, pwrt_jarray_get(pwrt_jv_get(o, "items"), j),
                   pwrt_item(base.s, j).s, inner, true);
    }
    *ntexts += count;
}

/* Format 2's list o (at p, of mode `mode`), checked; its texts counted. */
static size_t check_criteria_2(pwrt_loader *ld, const pwrt_jv *o, const char *p, int mode)
{
    size_t count = list_size(ld, o, p, false), ntexts = 0;
    const pwrt_jv *items = pwrt_jv_get(o, "items");
    pwrt_path base = pwrt_key(p, "items");
    for (size_t i = 0; i < count && !ld->failed; i++) {
        const pwrt_jv *c = pwrt_jarray_get(items, i);
        pwrt_path at = pwrt_item(base.s, i);
        char place[32];
        snprintf(place, sizeof place, "%zu", i + 1);
        if (pwrt_jv_is(c, PWRT_JOBJECT) && is_list(c)) {
            check_nested(ld, c, at.s, place, mode, &ntexts);
        } else {
            check_text(ld, c, at.s, place, false);
            ntexts++;
        }
    }
    return ntexts;
}

/* A copy of o[key], a string already checked. */
static const char *copy_string(pwrt_loader *ld, const pwrt_jv *o, const char *key)
{
    return pwrt_keep(ld, pwrt_jstring(pwrt_jv_get(o, key)));
}

/* Room for the ids of ntexts texts and for nitems items; false when out
 * of memory. */
static bool criteria_room(pwrt_loader *ld, pathway_node *n, size_t ntexts, size_t nitems)
{
    pwrt_arena *a = &ld->t->arena;
    n->criteria_ids = pwrt_arena_array(a, ntexts, sizeof *n->criteria_ids);
    n->criteria_items = pwrt_arena_array(a, nitems, sizeof *n->criteria_items);
    if (n->criteria_ids && n->criteria_items)
        return true;
    return pwrt_ld_nomem(ld);
}

/* Copies format 2's checked list o into n: its texts, their ids, its items. */
static void copy_criteria_2(pwrt_loader *ld, const pwrt_jv *o, pathway_node *n,
                            size_t ntexts)
{
    const pwrt_jv *items = pwrt_jv_get(o, "items");
    size_t nitems = pwrt_jarray_size(items);
    n->criteria = pwrt_arena_array(&ld->t->arena, ntexts, sizeof *n->criteria);
    if (!n->criteria)
        pwrt_ld_nomem(ld);
    if (!n->criteria || !criteria_room(ld, n, ntexts, nitems))
        return;
    const char **texts = (const char **)n->criteria, **ids = (const char **)n->criteria_ids;
    pathway_criterion *list = (pathway_criterion *)n->criteria_items;
    size_t k = 0;
    for (size_t i = 0; i < nitems; i++) {
        const pwrt_jv *c = pwrt_jarray_get(items, i);
        bool nested = is_list(c);
        const pwrt_jv *texts_of = nested ? pwrt_jv_get(c, "items") : NULL;
        size_t count = nested ? pwrt_jarray_size(texts_of) : 1;
        list[i] = (pathway_criterion){copy_string(ld, c, "id"), PATHWAY_CRITERIA_NONE, NULL,
                                      k, count};
        if (nested)
            list[i].mode = (pathway_criteria_mode)pwrt_enum(ld, c, "", "mode",
                                                            pwrt_criteria_names, 3, true);
        for (size_t j = 0; j < count; j++, k++) {
            const pwrt_jv *t = nested ? pwrt_jarray_get(texts_of, j) : c;
            texts[k] = copy_string(ld, t, "text");
            ids[k] = nested ? copy_string(ld, t, "id") : list[i].id;
        }
        if (!nested)
            list[i].text = texts[list[i].first];
    }
    n->ncriteria = ntexts;
    n->ncriteria_items = nitems;
}

/* Format 1's list of texts, each an item of its own, numbered from 1. */
static void load_criteria_1(pwrt_loader *ld, const pwrt_jv *o, const char *p,
                            pathway_node *n)
{
    size_t count;
    const char **texts = pwrt_strings(ld, o, p, "items", false, &count);
    n->criteria = texts;
    if (!texts || !criteria_room(ld, n, count, count))
        return;
    const char **ids = (const char **)n->criteria_ids;
    pathway_criterion *list = (pathway_criterion *)n->criteria_items;
    for (size_t i = 0; i < count; i++) {
        char id[32];
        snprintf(id, sizeof id, "%zu", i + 1);
        ids[i] = pwrt_arena_strdup(&ld->t->arena, id);
        if (!ids[i])
            pwrt_ld_nomem(ld);
        list[i] = (pathway_criterion){ids[i], PATHWAY_CRITERIA_NONE, texts[i], i, 1};
    }
    n->ncriteria = n->ncriteria_items = count;
}

static void load_criteria(pwrt_loader *ld, const pwrt_jv *v, const char *at, pathway_node *n)
{
    const pwrt_jv *o = pwrt_get(ld, v, at, "criteria", PWRT_JOBJECT, false);
    if (!o)
        return;
    pwrt_path p = pwrt_key(at, "criteria");
    n->criteria_mode = (pathway_criteria_mode)pwrt_enum(ld, o, p.s, "mode",
                                                        pwrt_criteria_names, 3, true);
    if (!pwrt_jv_get(o, "items")) {
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(p.s, "items").s, "missing");
        return;
    }
    if (!pwrt_format_2(ld)) {
        load_criteria_1(ld, o, p.s, n);
        return;
    }
    size_t ntexts = check_criteria_2(ld, o, p.s, n->criteria_mode);
    if (!ld->failed)
        copy_criteria_2(ld, o, n, ntexts);
}

/* One answer: named {id, label, next} or a band {band, label (format 2,
 * optional), next}; `next` is linked in the second pass. */
static void load_answer(pwrt_loader *ld, const pwrt_jv *o, const char *p, pathway_node *n,
                        pathway_answer *a)
{
    const pwrt_jv *band = pwrt_jv_get(o, "band");
    a->banded = n->scored;
    if (n->scored) {
        const pwrt_jv *b = pwrt_get(ld, o, p, "band", PWRT_JOBJECT, true);
        if (b)
            range(ld, b, pwrt_key(p, "band").s, &a->band_min, &a->band_max);
        if (pwrt_format_2(ld))
            a->label = pwrt_text(ld, o, p, "label", false);
    } else if (band) {
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(p, "band").s,
                     "a band, but the question has no \"score\"");
    } else {
        a->id = pwrt_id(ld, o, p, "id", true);
        a->label = pwrt_text(ld, o, p, "label", true);
    }
    add_link(ld, pwrt_id_ref(ld, o, p, "next", true), &a->next, false);
}

/* Whether one of the first n answers of q has the id. */
static bool has_answer(const pathway_node *q, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (q->answers[i].id && strcmp(q->answers[i].id, id) == 0)
            return true;
    return false;
}

/* Answer ids are unique within a question: checked by comparing, for the
 * few answers of most questions, or in a map for many (a question may
 * have 100,000 answers; a map for each of 100,000 questions was a tenth
 * of loading them). Criteria questions answer exactly yes and no. */
static void check_named(pwrt_loader *ld, const char *at, const pathway_node *n)
{
    enum { FEW = 8 };
    pwrt_idmap seen = {NULL, 0};
    if (n->nanswers > FEW && !pwrt_idmap_init(&seen, n->nanswers)) {
        pwrt_ld_nomem(ld);
        return;
    }
    for (size_t i = 0; i < n->nanswers && !ld->failed; i++) {
        const char *id = n->answers[i].id;
        bool again = id && (seen.slots ? pwrt_idmap_add(&seen, id, &n->answers[i]) != NULL
                                       : has_answer(n, i, id));
        if (again)
            pwrt_ld_fail(ld, ld->malformed,
                         pwrt_key(pwrt_item(pwrt_key(at, "answers").s, i).s, "id").s,
                         "the question already has an answer '%s'", pwrt_show(id).s);
    }
    pwrt_idmap_free(&seen);
    bool yes_no = n->nanswers == 2 && has_answer(n, 2, "yes") && has_answer(n, 2, "no");
    if (n->criteria_mode && !yes_no)
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(at, "answers").s,
                     "a question with criteria has exactly the answers yes and no");
}

/* Bands by their lowest score, then in source order. */
static int by_min(const void *a, const void *b)
{
    const pathway_answer *x = *(const pathway_answer *const *)a;
    const pathway_answer *y = *(const pathway_answer *const *)b;
    if (x->band_min != y->band_min)
        return x->band_min < y->band_min ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The bands cover the score range exactly once: each inside it, no two
 * sharing a score, none missing. */
static void check_bands(pwrt_loader *ld, const char *at, const pathway_node *n)
{
    pwrt_path list = pwrt_key(at, "answers");
    for (size_t i = 0; i < n->nanswers; i++) {
        const pathway_answer *a = &n->answers[i];
        if (a->band_min < n->score_min || a->band_max > n->score_max) {
            pwrt_ld_fail(ld, ld->malformed, pwrt_key(pwrt_item(list.s, i).s, "band").s,
                         "%d..%d goes outside the score range %d..%d", a->band_min,
                         a->band_max, n->score_min, n->score_max);
            return;
        }
    }
    const pathway_answer **order = malloc(n->nanswers * sizeof *order);
    if (!order) {
        pwrt_ld_nomem(ld);
        return;
    }
    for (size_t i = 0; i < n->nanswers; i++)
        order[i] = &n->answers[i];
    qsort(order, n->nanswers, sizeof *order, by_min);
    int64_t covered = (int64_t)n->score_min - 1; /* every score up to here has a band */
    for (size_t i = 0; i < n->nanswers && !ld->failed; i++) {
        const pathway_answer *a = order[i];
        pwrt_path p = pwrt_key(pwrt_item(list.s, a->index).s, "band");
        if (a->band_min <= covered)
            pwrt_ld_fail(ld, ld->malformed, p.s, "%d..%d overlaps band %d..%d (%s[%zu])",
                         a->band_min, a->band_max, order[i - 1]->band_min,
                         order[i - 1]->band_max, list.s, order[i - 1]->index);
        else if (a->band_min > covered + 1)
            pwrt_ld_fail(ld, ld->malformed, list.s, "no band holds the scores %lld..%d",
                         (long long)(covered + 1), a->band_min - 1);
        covered = a->band_max;
    }
    if (!ld->failed && covered < n->score_max)
        pwrt_ld_fail(ld, ld->malformed, list.s, "no band holds the scores %lld..%d",
                     (long long)(covered + 1), n->score_max);
    free(order);
}

static void load_answers(pwrt_loader *ld, const pwrt_jv *v, const char *at, pathway_node *n)
{
    const pwrt_jv *s = pwrt_get(ld, v, at, "score", PWRT_JOBJECT, false);
    n->scored = s && range(ld, s, pwrt_key(at, "score").s, &n->score_min, &n->score_max);
    if (s && pwrt_jv_get(v, "criteria"))
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(at, "criteria").s,
                     "a scored question does not take \"criteria\"");
    load_criteria(ld, v, at, n);
    const pwrt_jv *list = pwrt_get(ld, v, at, "answers", PWRT_JARRAY, true);
    if (!list || ld->failed)
        return;
    pwrt_path base = pwrt_key(at, "answers");
    size_t count = pwrt_jarray_size(list);
    if (count < 2) {
        pwrt_ld_fail(ld, ld->malformed, base.s,
                     "a question needs at least two answers, found %zu", count);
        return;
    }
    pathway_answer *answers = pwrt_arena_array(&ld->t->arena, count, sizeof *answers);
    if (!answers) {
        pwrt_ld_nomem(ld);
        return;
    }
    for (size_t i = 0; i < count && !ld->failed; i++) {
        const pwrt_jv *o = pwrt_jarray_get(list, i);
        pwrt_path p = pwrt_item(base.s, i);
        answers[i].index = i;
        if (!pwrt_jv_is(o, PWRT_JOBJECT))
            pwrt_ld_fail(ld, ld->malformed, p.s, "expected an object, found %s",
                         pwrt_type_name(o));
        else
            load_answer(ld, o, p.s, n, &answers[i]);
    }
    n->answers = answers;
    n->nanswers = count;
    if (ld->failed)
        return;
    if (n->scored)
        check_bands(ld, at, n);
    else
        check_named(ld, at, n);
}

/* ---- what every node has ------------------------------------------------ */

/* Everything a node does and needs, but where it goes on to. */
static void load_body(pwrt_loader *ld, const pwrt_jv *v, const char *at, pathway_node *n)
{
    stage_of(ld, v, at, n);
    role_of(ld, v, at, n);
    n->do_items = pwrt_strings(ld, v, at, "do", false, &n->ndo);
    n->record = pwrt_text(ld, v, at, "record", false);
    forms_of(ld, v, at, n);
    contacts_of(ld, v, at, n);
    n->within = timescale(ld, v, at, "within", "max");
    n->target = timescale(ld, v, at, "target", "target");
    n->review_after = timescale(ld, v, at, "review_after", "review-after");
    n->urgency = (pathway_urgency)pwrt_enum(ld, v, at, "urgency", pwrt_urgency_names, 4,
                                            true);
    n->consent = consent(ld, v, at);
    n->when = pwrt_text(ld, v, at, "when", false);
    n->note = pwrt_text(ld, v, at, "note", false);
    n->tbc = pwrt_tbc(ld, v, at, &n->ntbc);
    n->personal = pwrt_get(ld, v, at, "personal", PWRT_JTRUE, false) != NULL;
    load_also(ld, v, at, n);
    n->source = pwrt_source(ld, v, at);
    n->replaces = pwrt_strings(ld, v, at, "replaces", true, &n->nreplaces);
}

/* ---- where a node goes on to ---------------------------------------------- */

/* A step's next or (format 2) `in`, the together it is inside, which
 * says where the walk goes once its steps are done: a step has one of
 * the two. */
static void load_step(pwrt_loader *ld, const pwrt_jv *v, const char *at, pathway_node *n)
{
    const char *in = pwrt_format_2(ld) ? pwrt_id_ref(ld, v, at, "in", false) : NULL;
    if (in && pwrt_jv_get(v, "next"))
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(at, "next").s,
                     "a step inside a together (\"in\") does not take \"next\": the "
                     "together's next says where the walk goes");
    else if (in)
        add_link(ld, in, &n->in, true);
    else
        add_link(ld, pwrt_id_ref(ld, v, at, "next", true), &n->next, false);
}

/* An outcome's kind, and (format 2) the next of an emergency outcome that
 * goes on; at any other outcome the walk ends. */
static void load_outcome(pwrt_loader *ld, const pwrt_jv *v, const char *at, pathway_node *n)
{
    n->outcome = (pathway_outcome_kind)pwrt_enum(ld, v, at, "outcome", pwrt_outcome_names,
                                                 6, true);
    if (!pwrt_jv_get(v, "next"))
        return;
    pwrt_path p = pwrt_key(at, "next");
    if (!pwrt_format_2(ld))
        pwrt_ld_fail(ld, ld->malformed, p.s, "an outcome does not take \"next\"");
    else if (n->outcome && n->outcome != PATHWAY_OUTCOME_EMERGENCY)
        pwrt_ld_fail(ld, ld->malformed, p.s, "an outcome of kind '%s' does not take "
                     "\"next\": the walk ends there (only an emergency outcome goes on)",
                     pwrt_outcome_names[n->outcome]);
    else
        add_link(ld, pwrt_id_ref(ld, v, at, "next", true), &n->next, false);
}

/* A together's steps (ids of steps inside it, at least two; checked
 * against those steps in the second pass) and its next. */
static void load_together(pwrt_loader *ld, const pwrt_jv *v, const char *at, pathway_node *n)
{
    const pwrt_jv *list = pwrt_get(ld, v, at, "steps", PWRT_JARRAY, true);
    pwrt_path base = pwrt_key(at, "steps");
    size_t count = pwrt_jarray_size(list);
    if (list && count < 2)
        pwrt_ld_fail(ld, ld->malformed, base.s,
                     "a together holds at least two steps, found %zu", count);
    const pathway_node **steps = list && !ld->failed
                                     ? pwrt_arena_array(&ld->t->arena, count, sizeof *steps)
                                     : NULL;
    if (list && !ld->failed && !steps)
        pwrt_ld_nomem(ld);
    for (size_t i = 0; steps && i < count && !ld->failed; i++) {
        const pwrt_jv *s = pwrt_jarray_get(list, i);
        pwrt_path p = pwrt_item(base.s, i);
        if (!pwrt_jv_is(s, PWRT_JSTRING))
            pwrt_ld_fail(ld, ld->malformed, p.s, "expected a string, found %s",
                         pwrt_type_name(s));
        else if (!pwrt_is_id(pwrt_jstring(s)))
            pwrt_ld_fail(ld, ld->malformed, p.s, "'%s' is not an id",
                         pwrt_show(pwrt_jstring(s)).s);
        else
            add_link(ld, pwrt_jstring(s), &steps[i], true);
    }
    n->steps = steps;
    n->nsteps = steps ? count : 0;
    add_link(ld, pwrt_id_ref(ld, v, at, "next", true), &n->next, false);
}

/* ---- a node ------------------------------------------------------------------ */

static void load_node(pwrt_loader *ld, const pwrt_jv *v, const char *at, pathway_node *n)
{
    n->id = pwrt_id(ld, v, at, "id", true);
    /* "together" is a kind of format 2 */
    n->kind = (pathway_node_kind)pwrt_enum(ld, v, at, "kind", pwrt_kind_names,
                                           pwrt_format_2(ld) ? 5 : 4, true);
    n->title = pwrt_text(ld, v, at, "title", true);
    if (n->id) {
        const pathway_node *old = pwrt_idmap_add(&ld->t->node_ids, n->id, n);
        if (old)
            pwrt_ld_fail(ld, ld->malformed, pwrt_key(at, "id").s,
                         "the id '%s' is already used by nodes[%zu]", pwrt_show(n->id).s,
                         old->index);
    }
    if (!n->kind)
        return;
    check_kind_fields(ld, v, at, n->kind);
    load_body(ld, v, at, n);
    if (n->kind == PATHWAY_STEP)
        load_step(ld, v, at, n);
    if (n->kind == PATHWAY_QUESTION)
        load_answers(ld, v, at, n);
    if (n->kind == PATHWAY_OUTCOME)
        load_outcome(ld, v, at, n);
    if (n->kind == PATHWAY_TOGETHER)
        load_together(ld, v, at, n);
    if (n->nalso)
        also_links(ld, v, n);
}

void pwrt_load_nodes(pwrt_loader *ld, const pwrt_jv *nodes)
{
    for (size_t i = 0; i < ld->t->nnodes && !ld->failed; i++) {
        const pwrt_jv *v = pwrt_jarray_get(nodes, i);
        pwrt_path at = pwrt_item("nodes", i);
        ld->t->nodes[i].index = i;
        if (!pwrt_jv_is(v, PWRT_JOBJECT))
            pwrt_ld_fail(ld, ld->malformed, at.s, "expected an object, found %s",
                         pwrt_type_name(v));
        else
            load_node(ld, v, at.s, &ld->t->nodes[i]);
    }
}

/* ---- the second pass: links between nodes -------------------------------- */

/* Where the link `to` was read: found from the pointer, by a walk over the
 * nodes, only for the one link reported. */
static pwrt_path link_path(const pathway_table *t, const pathway_node *const *to)
{
    for (size_t i = 0; i < t->nnodes; i++) {
        const pathway_node *n = &t->nodes[i];
        pwrt_path at = pwrt_item("nodes", i);
        if (to == &n->next)
            return pwrt_key(at.s, "next");
        if (to == &n->in)
            return pwrt_key(at.s, "in");
        for (size_t k = 0; k < n->nsteps; k++)
            if (to == &n->steps[k])
                return pwrt_item(pwrt_key(at.s, "steps").s, k);
        for (size_t k = 0; k < n->nanswers; k++)
            if (to == &n->answers[k].next)
                return pwrt_key(pwrt_item(pwrt_key(at.s, "answers").s, k).s, "next");
        for (size_t k = 0; k < n->nalso; k++)
            if (to == &n->also[k].node)
                return pwrt_key(pwrt_item(pwrt_key(at.s, "also").s, k).s, "node");
    }
    return pwrt_key("", "nodes");
}

/* Each old id is replaced by one node, and is no longer a node's id. */
static void link_replaces(pwrt_loader *ld)
{
    pathway_table *t = ld->t;
    size_t total = 0;
    for (size_t i = 0; i < t->nnodes; i++)
        total += t->nodes[i].nreplaces;
    if (!pwrt_idmap_init(&t->replaced, total)) {
        pwrt_ld_nomem(ld);
        return;
    }
    for (size_t i = 0; i < t->nnodes && !ld->failed; i++) {
        const pathway_node *n = &t->nodes[i];
        for (size_t k = 0; k < n->nreplaces && !ld->failed; k++) {
            const char *old = n->replaces[k];
            pwrt_path p = pwrt_item(pwrt_key(pwrt_item("nodes", i).s, "replaces").s, k);
            const pathway_node *other;
            if (pwrt_idmap_get(&t->node_ids, old))
                pwrt_ld_fail(ld, ld->malformed, p.s,
                             "'%s' is the id of a node of this table", pwrt_show(old).s);
            else if ((other = pwrt_idmap_add(&t->replaced, old, n)) != NULL)
                pwrt_ld_fail(ld, ld->malformed, p.s, "'%s' is replaced by node '%s' too",
                             pwrt_show(old).s, other->id);
        }
    }
}

/* ---- togethers and the steps inside them --------------------------------- */

/* Together g's steps: each a step that is `in` g, listed once. listed[i]
 * counts the togethers' listings of node i. */
static void check_steps(pwrt_loader *ld, const pathway_node *g, unsigned char *listed)
{
    pwrt_path base = pwrt_key(pwrt_item("nodes", g->index).s, "steps");
    for (size_t k = 0; k < g->nsteps && !ld->failed; k++) {
        const pathway_node *s = g->steps[k];
        pwrt_path p = pwrt_item(base.s, k);
        if (s->kind != PATHWAY_STEP)
            pwrt_ld_fail(ld, ld->malformed, p.s, "'%s' is %s, not a step: a together "
                         "holds steps only", pwrt_show(s->id).s, a_kind(s->kind));
        else if (!s->in)
            pwrt_ld_fail(ld, ld->malformed, p.s, "step '%s' has no \"in\" naming this "
                         "together", pwrt_show(s->id).s);
        else if (s->in != g)
            pwrt_ld_fail(ld, ld->malformed, p.s, "step '%s' is in together '%s', not "
                         "this one", pwrt_show(s->id).s, pwrt_show(s->in->id).s);
        else if (listed[s->index]++)
            pwrt_ld_fail(ld, ld->malformed, p.s, "'%s' is listed twice",
                         pwrt_show(s->id).s);
    }
}

/* Step n's `in` names a together (in_together), which lists it (listed,
 * after check_steps). */
static void check_in(pwrt_loader *ld, const pathway_node *n, bool in_together,
                     const unsigned char *listed)
{
    pwrt_path p = pwrt_key(pwrt_item("nodes", n->index).s, "in");
    if (in_together && n->in->kind != PATHWAY_TOGETHER)
        pwrt_ld_fail(ld, ld->malformed, p.s, "'%s' is %s, not a together",
                     pwrt_show(n->in->id).s, a_kind(n->in->kind));
    else if (!in_together && !listed[n->index])
        pwrt_ld_fail(ld, ld->malformed, p.s, "together '%s' does not list '%s' in its "
                     "\"steps\"", pwrt_show(n->in->id).s, pwrt_show(n->id).s);
}

/* Each step `in` a together is one of its steps, listed once, and each
 * step a together lists is `in` it: what each `in` names first, then
 * each together's steps, then the steps no together lists. */
static void check_togethers(pwrt_loader *ld)
{
    const pathway_table *t = ld->t;
    unsigned char *listed = calloc(t->nnodes, 1);
    if (!listed) {
        pwrt_ld_nomem(ld);
        return;
    }
    for (size_t i = 0; i < t->nnodes && !ld->failed; i++)
        if (t->nodes[i].in)
            check_in(ld, &t->nodes[i], true, listed);
    for (size_t i = 0; i < t->nnodes && !ld->failed; i++)
        if (t->nodes[i].kind == PATHWAY_TOGETHER)
            check_steps(ld, &t->nodes[i], listed);
    for (size_t i = 0; i < t->nnodes && !ld->failed; i++)
        if (t->nodes[i].in)
            check_in(ld, &t->nodes[i], false, listed);
    free(listed);
}

/* Nothing but its together leads to a step inside one: start, next,
 * answers and also name the together, where the walk does its steps. */
static void check_inner_links(pwrt_loader *ld)
{
    const pwrt_links *l = &ld->links;
    const pathway_node *start = ld->t->start;
    if (start->in)
        pwrt_ld_fail(ld, ld->malformed, "start", "'%s' is a step inside together '%s': "
                     "a walk starts at the together", pwrt_show(start->id).s,
                     pwrt_show(start->in->id).s);
    for (size_t i = 0; i < l->n && !ld->failed; i++) {
        const pathway_node *to = *l->items[i].to;
        if (!l->items[i].inner && to->in)
            pwrt_ld_fail(ld, ld->malformed, link_path(ld->t, l->items[i].to).s,
                         "'%s' is a step inside together '%s': name the together (a walk "
                         "does its steps there)", pwrt_show(to->id).s,
                         pwrt_show(to->in->id).s);
    }
}

/* ---- every node can end ---------------------------------------------------- */

/* Calls body with `to` bound to each node n leads to: its next (a step's,
 * a together's, an emergency outcome's) and its answers' nodes. `also` is
 * not a route (it is offered beside the walk), and the steps inside a
 * together lead nowhere of their own: the walk does them at the together.
 * The compiler's rule (compiler/model/graph.c, FOR_EACH_SUCCESSOR). */
#define FOR_EACH_NEXT(n, to, body)                                          \
    do {                                                                    \
        if ((n)->next) {                                                    \
            const pathway_node *to = (n)->next;                             \
            body;                                                           \
        }                                                                   \
        for (size_t k_ = 0; k_ < (n)->nanswers; k_++) {                     \
            const pathway_node *to = (n)->answers[k_].next;                 \
            body;                                                           \
        }                                                                   \
    } while (0)

/* Whether the walk ends at n: an outcome with no next. */
static bool ends(const pathway_node *n)
{
    return n->kind == PATHWAY_OUTCOME && !n->next;
}

/* "step", "question", ... for a message. */
static const char *kind_word(pathway_node_kind kind)
{
    static const char *const words[] = {"node", "step", "question", "outcome", "together"};
    return words[kind];
}

/* The first node v leads to that cannot end, or NULL. */
static const pathway_node *trapped_next(const bool *ok, const pathway_node *v)
{
    const pathway_node *next = NULL;
    FOR_EACH_NEXT(v, to, {
        if (!next && !ok[to->index])
            next = to;
    });
    return next;
}

/* The loop that `from`, a node that cannot end, leads into, as "'a' ->
 * 'b' -> 'a'" in buf (cut with "..." after six nodes or when full). Each
 * such node leads to another (were all its nodes able to end, it could
 * end too), so following the first comes round. */
static void describe_loop(const pathway_table *t, const bool *ok, const pathway_node *from,
                          char *buf, size_t size)
{
    const pathway_node *v = from;
    unsigned char *seen = calloc(t->nnodes, 1);
    if (seen) { /* the loop's first node: the first one come to twice */
        for (; v && !seen[v->index]; v = trapped_next(ok, v))
            seen[v->index] = 1;
        free(seen);
    } /* else (out of memory) from, which may be before the loop */
    const pathway_node *entry = v;
    size_t len = 0;
    buf[0] = '\0';
    for (int shown = 0; v && len < size; shown++) {
        if (shown == 6) {
            len += (size_t)snprintf(buf + len, size - len, "...");
            break;
        }
        len += (size_t)snprintf(buf + len, size - len, "'%s' -> ", pwrt_show(v->id).s);
        v = trapped_next(ok, v);
        if (v == entry && len < size) {
            len += (size_t)snprintf(buf + len, size - len, "'%s'", pwrt_show(v->id).s);
            break;
        }
    }
    if (len >= size) /* cut: say so */
        memcpy(buf + size - 4, "...", 4);
}

/* Backwards from every outcome where the walk ends, over next links and
 * answers taken in reverse (each node's predecessors, gathered in one
 * array): which nodes can end, in time linear in the table. NULL when
 * out of memory; else the caller's (free); *nends: how many outcomes end. */
static bool *can_end(const pathway_table *t, size_t *nends)
{
    size_t n = t->nnodes, m = 0;
    for (size_t i = 0; i < n; i++)
        FOR_EACH_NEXT(&t->nodes[i], to, { (void)to; m++; });
    /* node i's predecessors: pred[first[i]] to pred[first[i + 1] - 1] */
    size_t *first = calloc(n + 1, sizeof *first);
    size_t *pred = malloc((m ? m : 1) * sizeof *pred);
    size_t *queue = malloc(n * sizeof *queue);
    bool *ok = calloc(n, sizeof *ok);
    if (first && pred && queue && ok) {
        for (size_t i = 0; i < n; i++)
            FOR_EACH_NEXT(&t->nodes[i], to, { first[to->index + 1]++; });
        for (size_t i = 0; i < n; i++) {
            first[i + 1] += first[i];
            queue[i] = first[i]; /* where node i's next predecessor goes */
        }
        for (size_t i = 0; i < n; i++)
            FOR_EACH_NEXT(&t->nodes[i], to, { pred[queue[to->index]++] = i; });
        size_t head = 0, tail = 0;
        for (size_t i = 0; i < n; i++)
            if (ends(&t->nodes[i])) {
                ok[i] = true;
                queue[tail++] = i;
            }
        *nends = tail;
        while (head < tail) {
            size_t v = queue[head++];
            for (size_t k = first[v]; k < first[v + 1]; k++)
                if (!ok[pred[k]]) {
                    ok[pred[k]] = true;
                    queue[tail++] = pred[k];
                }
        }
    } else {
        free(ok);
        ok = NULL;
    }
    free(first);
    free(pred);
    free(queue);
    return ok;
}

/* Every node can reach an outcome where the walk ends (the compiler's
 * E0308). The first node that cannot, in table order, is refused, naming
 * the loop it is caught in, or saying that no outcome ends the walk. A
 * step inside a together goes as its together goes: the together is the
 * one named. */
static void check_ends(pwrt_loader *ld)
{
    const pathway_table *t = ld->t;
    size_t nends = 0;
    bool *ok = can_end(t, &nends);
    if (!ok) {
        pwrt_ld_nomem(ld);
        return;
    }
    for (size_t i = 0; i < t->nnodes; i++) {
        const pathway_node *v = &t->nodes[i];
        if (ok[i] || v->in)
            continue;
        pwrt_path at = pwrt_item("nodes", i);
        if (!nends) {
            pwrt_ld_fail(ld, ld->malformed, at.s, "no outcome can be reached from %s '%s': "
                         "the table has no outcome where a walk ends (one without "
                         "\"next\")", kind_word(v->kind), pwrt_show(v->id).s);
        } else {
            char loop[200];
            describe_loop(t, ok, v, loop, sizeof loop);
            pwrt_ld_fail(ld, ld->malformed, at.s, "no outcome can be reached from %s '%s': "
                         "the walk goes round %s with no way out", kind_word(v->kind),
                         pwrt_show(v->id).s, loop);
        }
        break;
    }
    free(ok);
}

void pwrt_link_nodes(pwrt_loader *ld)
{
    const pwrt_links *l = &ld->links;
    if (ld->failed)
        return;
    for (size_t i = 0; i < l->n; i++) {
        const pathway_node *to = pwrt_idmap_get(&ld->t->node_ids, l->items[i].id);
        if (!to) {
            pwrt_ld_fail(ld, ld->malformed, link_path(ld->t, l->items[i].to).s,
                         "no node has the id '%s'", pwrt_show(l->items[i].id).s);
            return;
        }
        *l->items[i].to = to;
    }
    check_togethers(ld);
    if (!ld->failed)
        check_inner_links(ld);
    if (!ld->failed)
        link_replaces(ld);
    if (!ld->failed)
        check_ends(ld);
}

void pwrt_free_links(pwrt_loader *ld)
{
    free(ld->links.items);
    ld->links = (pwrt_links){NULL, 0, 0};
}
