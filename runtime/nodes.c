/* nodes — a table's steps, questions and outcomes: their fields (first
 * pass), then the links between them (second pass, once every node id is
 * known). */
#include "load.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The fields each kind may not carry (docs/table.schema.json). */
static const char *const not_for_step[] = {"review_after", "score", "answers", "criteria",
                                           "outcome", NULL};
static const char *const not_for_question[] = {"do",       "forms",    "review_after",
                                               "consent",  "personal", "next",
                                               "outcome",  NULL};
static const char *const not_for_outcome[] = {"next", "score", "answers", "criteria", NULL};

static void check_kind_fields(pwrt_loader *ld, const json_t *v, const char *at,
                              pathway_node_kind kind)
{
    const char *const *keys = kind == PATHWAY_STEP       ? not_for_step
                              : kind == PATHWAY_QUESTION ? not_for_question
                                                         : not_for_outcome;
    for (; *keys; keys++)
        if (pwrt_field(ld, v, *keys))
            pwrt_ld_fail(ld, ld->malformed, pwrt_key(at, *keys).s,
                         "%s %s does not take \"%s\"", kind == PATHWAY_OUTCOME ? "an" : "a",
                         pwrt_kind_names[kind], *keys);
}

/* ---- links between nodes ------------------------------------------------ */

/* Keeps a link to make in the second pass (nothing once something is
 * wrong: then there is no second pass). */
static void add_link(pwrt_loader *ld, const char *id, const pathway_node **to)
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
    l->items[l->n++] = (pwrt_link){id, to};
}

/* ---- shared shapes ------------------------------------------------------ */

static pathway_timescale timescale(pwrt_loader *ld, const json_t *v, const char *base,
                                   const char *key, const char *kind)
{
    pathway_timescale ts = {0, PATHWAY_UNIT_NONE};
    json_t *o = pwrt_get(ld, v, base, key, JSON_OBJECT, false);
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

static pathway_consent consent(pwrt_loader *ld, const json_t *v, const char *base)
{
    pathway_consent c = {PATHWAY_CONSENT_NONE, NULL};
    json_t *o = pwrt_get(ld, v, base, "consent", JSON_OBJECT, false);
    if (!o)
        return c;
    pwrt_path at = pwrt_key(base, "consent");
    /* "not-stated" is of format 2: in a format-1 table, said so */
    bool v2 = pwrt_format_2(ld);
    const char *rule = json_string_value(pwrt_field(ld, o, "rule"));
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
static bool range(pwrt_loader *ld, const json_t *o, const char *at, int *lo, int *hi)
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

static void stage_of(pwrt_loader *ld, const json_t *v, const char *at, pathway_node *n)
{
    json_t *s = pwrt_field(ld, v, "stage");
    pwrt_path p = pwrt_key(at, "stage");
    if (!s) {
        pwrt_ld_fail(ld, ld->malformed, p.s, "missing");
    } else if (json_is_string(s)) {
        const char *id = json_string_value(s);
        n->stage = pwrt_idmap_get(&ld->t->stage_ids, id);
        if (!n->stage)
            pwrt_ld_fail(ld, ld->malformed, p.s, "no stage has the id '%s'",
                         pwrt_show(id).s);
    } else if (!json_is_null(s)) {
        pwrt_ld_fail(ld, ld->malformed, p.s, "expected a string or null, found %s",
                     pwrt_type_name(s));
    }
}

/* forms or contacts: a list of ids, each of something in `map`; the
 * caller makes a typed array of *n and fills it from get(i). */
static const char **linked_ids(pwrt_loader *ld, const json_t *v, const char *at,
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

static void forms_of(pwrt_loader *ld, const json_t *v, const char *at, pathway_node *n)
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

static void contacts_of(pwrt_loader *ld, const json_t *v, const char *at, pathway_node *n)
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
static void role_of(pwrt_loader *ld, const json_t *v, const char *at, pathway_node *n)
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
static void load_also(pwrt_loader *ld, const json_t *v, const char *at, pathway_node *n)
{
    json_t *a = pwrt_get(ld, v, at, "also", JSON_ARRAY, false);
    if (!a)
        return;
    pwrt_path base = pwrt_key(at, "also");
    size_t count = json_array_size(a);
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
        json_t *o = json_array_get(a, i);
        pwrt_path p = pwrt_item(base.s, i);
        if (!json_is_object(o)) {
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
static void also_links(pwrt_loader *ld, const json_t *v, pathway_node *n)
{
    json_t *list = json_object_get(v, "also");
    for (size_t i = 0; i < n->nalso; i++)
        add_link(ld, json_string_value(json_object_get(json_array_get(list, i), "node")),
                 &((pathway_also *)n->also)[i].node);
}

/* ---- questions --------------------------------------------------------- */

static void load_criteria(pwrt_loader *ld, const json_t *v, const char *at, pathway_node *n)
{
    json_t *o = pwrt_get(ld, v, at, "criteria", JSON_OBJECT, false);
    if (!o)
        return;
    pwrt_path p = pwrt_key(at, "criteria");
    n->criteria_mode = (pathway_criteria_mode)pwrt_enum(ld, o, p.s, "mode",
                                                        pwrt_criteria_names, 3, true);
    if (!json_object_get(o, "items"))
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(p.s, "items").s, "missing");
    n->criteria = pwrt_strings(ld, o, p.s, "items", false, &n->ncriteria);
}

/* One answer: named {id, label, next} or a band {band, label (format 2,
 * optional), next}; `next` is linked in the second pass. */
static void load_answer(pwrt_loader *ld, const json_t *o, const char *p, pathway_node *n,
                        pathway_answer *a)
{
    pwrt_read_fields(ld, o);
    json_t *band = pwrt_field(ld, o, "band");
    a->banded = n->scored;
    if (n->scored) {
        json_t *b = pwrt_get(ld, o, p, "band", JSON_OBJECT, true);
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
    add_link(ld, pwrt_id_ref(ld, o, p, "next", true), &a->next);
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

static void load_answers(pwrt_loader *ld, const json_t *v, const char *at, pathway_node *n)
{
    json_t *s = pwrt_get(ld, v, at, "score", JSON_OBJECT, false);
    n->scored = s && range(ld, s, pwrt_key(at, "score").s, &n->score_min, &n->score_max);
    if (s && pwrt_field(ld, v, "criteria"))
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(at, "criteria").s,
                     "a scored question does not take \"criteria\"");
    load_criteria(ld, v, at, n);
    json_t *list = pwrt_get(ld, v, at, "answers", JSON_ARRAY, true);
    if (!list || ld->failed)
        return;
    pwrt_path base = pwrt_key(at, "answers");
    size_t count = json_array_size(list);
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
        json_t *o = json_array_get(list, i);
        pwrt_path p = pwrt_item(base.s, i);
        answers[i].index = i;
        if (!json_is_object(o))
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

/* ---- a node ------------------------------------------------------------- */

/* Everything a step or outcome does and needs. */
static void load_body(pwrt_loader *ld, const json_t *v, const char *at, pathway_node *n)
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
    n->personal = pwrt_get(ld, v, at, "personal", JSON_TRUE, false) != NULL;
    load_also(ld, v, at, n);
    n->source = pwrt_source(ld, v, at);
    n->replaces = pwrt_strings(ld, v, at, "replaces", true, &n->nreplaces);
}

static void load_node(pwrt_loader *ld, const json_t *v, const char *at, pathway_node *n)
{
    pwrt_read_fields(ld, v);
    n->id = pwrt_id(ld, v, at, "id", true);
    n->kind = (pathway_node_kind)pwrt_enum(ld, v, at, "kind", pwrt_kind_names, 4, true);
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
        add_link(ld, pwrt_id_ref(ld, v, at, "next", true), &n->next);
    if (n->kind == PATHWAY_QUESTION)
        load_answers(ld, v, at, n);
    if (n->kind == PATHWAY_OUTCOME)
        n->outcome = (pathway_outcome_kind)pwrt_enum(ld, v, at, "outcome",
                                                     pwrt_outcome_names, 6, true);
    if (n->nalso)
        also_links(ld, v, n);
}

void pwrt_load_nodes(pwrt_loader *ld, const json_t *nodes)
{
    for (size_t i = 0; i < ld->t->nnodes && !ld->failed; i++) {
        json_t *v = json_array_get(nodes, i);
        pwrt_path at = pwrt_item("nodes", i);
        ld->t->nodes[i].index = i;
        if (!json_is_object(v))
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
    link_replaces(ld);
}

void pwrt_free_links(pwrt_loader *ld)
{
    free(ld->links.items);
    ld->links = (pwrt_links){NULL, 0, 0};
}
