/* table — the table (docs/table-format.md). Every field written here
 * is documented there, in the same order, and described by
 * docs/pathway-table-3.schema.json; change all three together. */
#include "emit/table.h"

#include "support/arena.h"
#include "support/text.h"
#include "support/version.h"

#include "pathway.h" /* PATHWAY_TABLE_FORMAT_VERSION: what this writes */
#include "share.h"   /* pwrt_content_hash: the hash the loader checks */

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

_Static_assert((int)PW_TABLE_HASH_SIZE == (int)PWRT_HASH_SIZE, "one size of content hash");

/* Key order is insertion order (jansson keeps it; the flag says so). */
#define DUMP_FLAGS (JSON_PRESERVE_ORDER)

/* A table under construction. Building does not stop at a failed
 * allocation: it notes it and goes on, so each builder reads as a plain
 * list of fields and the caller looks once at the end. jansson's *_new
 * setters take their value even when they fail (and accept a NULL object
 * or value), so nothing leaks either way. */
typedef struct tb {
    const pw_graph *g;
    bool failed;
} tb;

static void put(tb *b, json_t *obj, const char *key, json_t *v)
{
    if (json_object_set_new(obj, key, v) != 0)
        b->failed = true;
}

static void push(tb *b, json_t *arr, json_t *v)
{
    if (json_array_append_new(arr, v) != 0)
        b->failed = true;
}

static json_t *new_object(tb *b)
{
    json_t *o = json_object();
    b->failed |= o == NULL;
    return o;
}

static json_t *new_array(tb *b)
{
    json_t *a = json_array();
    b->failed |= a == NULL;
    return a;
}

/* Absent text (NULL) is left out, never written as null. json_string
 * refuses text that is not UTF-8; the lexer lets none through, and put
 * would note it if it did. */
static void put_text(tb *b, json_t *obj, const char *key, const char *text)
{
    if (text)
        put(b, obj, key, json_string(text));
}

/* A flag is written only when set, and then as true. */
static void put_flag(tb *b, json_t *obj, const char *key, bool on)
{
    if (on)
        put(b, obj, key, json_true());
}

static void put_date(tb *b, json_t *obj, const char *key, pw_date d)
{
    char s[PW_DATE_TEXT_SIZE];
    if (d.year == 0)
        return;
    pw_date_format(d, s);
    put(b, obj, key, json_string(s));
}

/* {"value": 1, "unit": "working-days", "kind": "max"}. The unit is always
 * plural, so a tool has one spelling per unit whatever the value. */
static void put_timescale(tb *b, json_t *obj, const char *key,
                          pw_gtimescale t, const char *kind)
{
    if (t.unit == PW_UNIT_NONE)
        return;
    json_t *v = new_object(b);
    put(b, v, "value", json_integer(t.value));
    put(b, v, "unit", json_string(pw_unit_name(t.unit, 2)));
    put(b, v, "kind", json_string(kind));
    put(b, obj, key, v);
}

/* A field's key in the table (vocab.def). */
static const char *key(pw_field f)
{
    return pw_field_get(f)->key;
}

/* {"text": ..., "url": ...}; left out without text (the language gives a
 * url only after the text). */
static void put_source(tb *b, json_t *obj, const char *k, pw_gtext text, pw_gtext url)
{
    if (!text.text)
        return;
    json_t *v = new_object(b);
    put_text(b, v, "text", text.text);
    put_text(b, v, "url", url.text);
    put(b, obj, k, v);
}

/* A source given many times: KEY, the first (what readers of format 2
 * before "sources" read), then "sources", every one, {text, url} each, in
 * order. Both left out when none. */
static void put_sources(tb *b, json_t *obj, const char *key, const pw_gfield *m)
{
    if (!m->nsources)
        return;
    put_source(b, obj, key, m->sources[0].text, m->sources[0].url);
    json_t *a = new_array(b);
    for (size_t i = 0; i < m->nsources; i++) {
        json_t *v = new_object(b);
        put_text(b, v, "text", m->sources[i].text.text);
        put_text(b, v, "url", m->sources[i].url.text);
        push(b, a, v);
    }
    put(b, obj, "sources", a);
}

/* A list of strings; left out when empty. */
static void put_strings(tb *b, json_t *obj, const char *key,
                        const char *const *items, size_t n)
{
    if (n == 0)
        return;
    json_t *a = new_array(b);
    for (size_t i = 0; i < n; i++)
        push(b, a, json_string(items[i]));
    put(b, obj, key, a);
}

static json_t *id_title(tb *b, const char *id, const char *title)
{
    json_t *v = new_object(b);
    put_text(b, v, "id", id);
    put_text(b, v, "title", title);
    return v;
}

/* ---- contacts, roles, forms, stages -------------------------------------- */

static bool listed(const pw_contact *const *list, size_t n, const pw_contact *c)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == c)
            return true;
    return false;
}

/* The graph's contacts (those its nodes name, first use first, then their
 * out-of-hours contacts). construct lists every out-of-hours contact; the
 * check here keeps the table sound whatever a graph holds: every
 * out_of_hours id names a contact of the table. Owned by the caller. */
static const pw_contact **table_contacts(const pw_graph *g, size_t *count)
{
    size_t n = g->ncontacts, cap = n + 8;
    const pw_contact **list = pw_xcalloc(cap, sizeof *list);
    for (size_t i = 0; i < n; i++)
        list[i] = g->contacts[i];
    for (size_t i = 0; i < n; i++) {
        const pw_contact *o = list[i]->out_of_hours;
        if (!o || listed(list, n, o))
            continue;
        if (n == cap) {
            cap *= 2;
            list = pw_xrealloc(list, cap, sizeof *list);
        }
        list[n++] = o;
    }
    *count = n;
    return list;
}

static json_t *contact_value(tb *b, const pw_contact *c)
{
    json_t *v = id_title(b, c->id, c->title);
    put_text(b, v, key(PW_F_CONTACT_PHONE), c->phone.text);
    put_text(b, v, key(PW_F_CONTACT_EMAIL), c->email.text);
    put_text(b, v, key(PW_F_CONTACT_URL), c->url.text);
    put_text(b, v, key(PW_F_CONTACT_HOURS), c->hours.text);
    if (c->out_of_hours)
        put_text(b, v, key(PW_F_CONTACT_OUT_OF_HOURS), c->out_of_hours->id);
    put_date(b, v, key(PW_F_CONTACT_VERIFIED), c->verified);
    put_text(b, v, key(PW_F_CONTACT_NOTE), c->note.text);
    put_strings(b, v, key(PW_F_CONTACT_TBC), c->tbc.at, c->tbc.n);
    return v;
}

static json_t *contacts_value(tb *b)
{
    size_t n;
    const pw_contact **list = table_contacts(b->g, &n);
    json_t *a = new_array(b);
    for (size_t i = 0; i < n; i++)
        push(b, a, contact_value(b, list[i]));
    free(list);
    return a;
}

static json_t *roles_value(tb *b)
{
    json_t *a = new_array(b);
    for (size_t i = 0; i < b->g->nroles; i++)
        push(b, a, id_title(b, b->g->roles[i]->id, b->g->roles[i]->title));
    return a;
}

static json_t *forms_value(tb *b)
{
    json_t *a = new_array(b);
    for (size_t i = 0; i < b->g->nforms; i++) {
        const pw_form *f = b->g->forms[i];
        json_t *v = id_title(b, f->id, f->title);
        put_text(b, v, key(PW_F_FORM_VERSION), f->version.text);
        put_text(b, v, key(PW_F_FORM_URL), f->url.text);
        put_flag(b, v, key(PW_F_FORM_PER_CHILD), f->per_child);
        put_text(b, v, key(PW_F_FORM_NOTE), f->note.text);
        put_strings(b, v, key(PW_F_FORM_TBC), f->tbc.at, f->tbc.n);
        push(b, a, v);
    }
    return a;
}

static json_t *stages_value(tb *b)
{
    json_t *a = new_array(b);
    for (size_t i = 0; i < b->g->nstages; i++) {
        const pw_stage *st = &b->g->stages[i];
        json_t *v = id_title(b, st->id, st->title);
        put_strings(b, v, key(PW_F_STAGE_TBC), st->tbc.at, st->tbc.n);
        push(b, a, v);
    }
    return a;
}

/* ---- nodes --------------------------------------------------------------- */

static const char *node_id(const tb *b, int index)
{
    return b->g->nodes[index].id;
}

static void put_consent(tb *b, json_t *obj, const pw_gnode *n)
{
    if (n->consent == PW_CONSENT_NONE)
        return;
    json_t *v = new_object(b);
    put_text(b, v, "rule", pw_consent_name(n->consent));
    put_text(b, v, "text", n->consent_text.text);
    put(b, obj, key(PW_F_NODE_CONSENT), v);
}

static void put_also(tb *b, json_t *obj, const pw_gnode *n)
{
    if (n->nalso == 0)
        return;
    json_t *a = new_array(b);
    for (size_t i = 0; i < n->nalso; i++) {
        const pw_galso *x = &n->also[i];
        json_t *v = new_object(b);
        if (x->node != PW_NO_NODE)
            put_text(b, v, "node", node_id(b, x->node));
        else
            put_text(b, v, "pathway", x->pathway);
        put_text(b, v, "why", x->why);
        push(b, a, v);
    }
    put(b, obj, key(PW_F_NODE_ALSO), a);
}

static void put_forms_contacts(tb *b, json_t *obj, const pw_gnode *n)
{
    if (n->nforms) {
        json_t *a = new_array(b);
        for (size_t i = 0; i < n->nforms; i++)
            push(b, a, json_string(n->forms[i]->id));
        put(b, obj, key(PW_F_NODE_FORM), a);
    }
    if (n->ncontacts) {
        json_t *a = new_array(b);
        for (size_t i = 0; i < n->ncontacts; i++)
            push(b, a, json_string(n->contacts[i]->id));
        put(b, obj, key(PW_F_NODE_CONTACT), a);
    }
}

static json_t *range_value(tb *b, int32_t lo, int32_t hi)
{
    json_t *v = new_object(b);
    put(b, v, "min", json_integer(lo));
    put(b, v, "max", json_integer(hi));
    return v;
}

/* A named answer {id, label, next}, or a band {band: {min, max}, next}. */
static json_t *answer_value(tb *b, const pw_edge *e)
{
    json_t *v = new_object(b);
    if (e->banded) {
        put(b, v, "band", range_value(b, e->lo, e->hi));
        put_text(b, v, "label", e->label);
    } else {
        put_text(b, v, "id", e->id);
        put_text(b, v, "label", e->label);
    }
    put_text(b, v, "next", node_id(b, e->target));
    return v;
}

/* What a node does and needs, in the order the checklist shows it. */
static void put_node_body(tb *b, json_t *v, const pw_gnode *n)
{
    if (n->by)
        put_text(b, v, key(PW_F_NODE_BY), n->by->id);
    put_text(b, v, "by_text", n->by_text.text);
    put_strings(b, v, key(PW_F_NODE_DO), n->dos, n->ndos);
    put_text(b, v, key(PW_F_NODE_RECORD), n->record.text);
    put_forms_contacts(b, v, n);
    put_timescale(b, v, key(PW_F_NODE_WITHIN), n->within, "max");
    put_timescale(b, v, key(PW_F_NODE_TARGET), n->target, "target");
    put_timescale(b, v, key(PW_F_NODE_REVIEW_AFTER), n->review_after, "review-after");
    put_text(b, v, key(PW_F_NODE_URGENCY),
             pw_urgency_name(n->urgency == PW_URGENCY_NONE ? PW_URGENCY_ROUTINE
                                                            : n->urgency));
    put_consent(b, v, n);
    put_text(b, v, key(PW_F_NODE_WHEN), n->when.text);
    put_text(b, v, key(PW_F_NODE_NOTE), n->note.text);
    put_strings(b, v, key(PW_F_NODE_TBC), n->tbc.at, n->tbc.n);
    put_flag(b, v, key(PW_F_NODE_PERSONAL), n->personal);
    put_also(b, v, n);
    put_source(b, v, key(PW_F_NODE_SOURCE), n->source, n->source_url);
    put_strings(b, v, key(PW_F_NODE_REPLACES), n->replaces, n->nreplaces);
}

/* A question's criteria: each text {id, text}; a nested list {id, mode,
 * items} of texts. */
static json_t *criteria_value(tb *b, pw_criteria_mode mode, const pw_gnode *n,
                              const pw_gcriterion *items, size_t nitems)
{
    json_t *c = new_object(b);
    put_text(b, c, "mode", mode == PW_CRITERIA_ANY ? "any-of" : "all-of");
    json_t *a = new_array(b);
    for (size_t i = 0; i < nitems; i++) {
        const pw_gcriterion *it = &items[i];
        json_t *x = new_object(b);
        put_text(b, x, "id", it->id);
        if (it->mode == PW_CRITERIA_NONE) {
            put_text(b, x, "text", n->criteria[it->first]);
        } else {
            put_text(b, x, "mode", it->mode == PW_CRITERIA_ANY ? "any-of" : "all-of");
            json_t *sub = new_array(b);
            for (size_t k = it->first; k < it->first + it->count; k++) {
                json_t *y = new_object(b);
                put_text(b, y, "id", n->criteria_ids[k]);
                put_text(b, y, "text", n->criteria[k]);
                push(b, sub, y);
            }
            put(b, x, "items", sub);
        }
        push(b, a, x);
    }
    put(b, c, "items", a);
    return c;
}

/* Where a walk goes from the node: the together a step is in, a
 * together's steps, next, or score and answers, or criteria, or the
 * outcome's kind. */
static void put_node_links(tb *b, json_t *v, const pw_gnode *n)
{
    if (n->parent != PW_NO_NODE)
        put_text(b, v, "in", node_id(b, n->parent));
    if (n->kind == PW_TOGETHER) {
        json_t *a = new_array(b);
        for (size_t i = 0; i < n->ninner; i++)
            push(b, a, json_string(node_id(b, n->inner[i])));
        put(b, v, "steps", a);
    }
    if (n->next != PW_NO_NODE)
        put_text(b, v, key(PW_F_NODE_NEXT), node_id(b, n->next));
    if (n->scored)
        put(b, v, key(PW_F_NODE_SCORE), range_value(b, n->score_lo, n->score_hi));
    if (n->kind == PW_QUESTION) {
        json_t *a = new_array(b);
        for (size_t i = 0; i < n->nanswers; i++)
            push(b, a, answer_value(b, &n->answers[i]));
        put(b, v, key(PW_F_NODE_ANSWERS), a);
    }
    if (n->criteria_mode != PW_CRITERIA_NONE)
        put(b, v, key(PW_F_NODE_CRITERIA),
            criteria_value(b, n->criteria_mode, n, n->citems, n->ncitems));
    if (n->outcome != PW_OUTCOME_NONE)
        put_text(b, v, key(PW_F_NODE_KIND), pw_outcome_kind_name(n->outcome));
}

static json_t *node_value(tb *b, const pw_gnode *n)
{
    json_t *v = new_object(b);
    put_text(b, v, "id", n->id);
    put_text(b, v, "kind", pw_node_kind_name(n->kind));
    put_text(b, v, "title", n->title);
    /* the one field written as null: every node says where it is */
    put(b, v, "stage", n->stage >= 0 ? json_string(b->g->stages[n->stage].id)
                                     : json_null());
    put_node_body(b, v, n);
    put_node_links(b, v, n);
    return v;
}

static json_t *nodes_value(tb *b)
{
    json_t *a = new_array(b);
    for (size_t i = 0; i < b->g->nnodes; i++)
        push(b, a, node_value(b, &b->g->nodes[i]));
    return a;
}

/* ---- the whole table ----------------------------------------------------- */

/* The pathway's own fields, each under its key, in vocab.def's order (the
 * start, a link, is written at the top). */
static json_t *pathway_value(tb *b)
{
    const pw_graph *g = b->g;
    json_t *v = id_title(b, g->id, g->title);
    size_t n;
    pw_field first = pw_field_first(PW_G_PATHWAY, &n);
    for (size_t i = 0; i < n; i++) {
        pw_field f = (pw_field)(first + (int)i);
        const pw_field_info *info = pw_field_get(f);
        const pw_gfield *m = &g->meta[f];
        switch (info->form) {
        case PW_V_TEXT:
            if (info->many)
                put_strings(b, v, info->key, m->texts.at, m->texts.n);
            else
                put_text(b, v, info->key, m->text.text);
            break;
        case PW_V_WORD_TEXT:
            if (m->word) {
                json_t *x = new_object(b);
                put_text(b, x, "value", pw_word_spelling(info->words, m->word));
                put_text(b, x, "text", m->text.text);
                put(b, v, info->key, x);
            }
            break;
        case PW_V_SOURCE:
            if (info->many)
                put_sources(b, v, info->key, m);
            else
                put_source(b, v, info->key, m->text, m->url);
            break;
        case PW_V_DATE: put_date(b, v, info->key, m->date); break;
        case PW_V_WORD:
            if (m->word)
                put_text(b, v, info->key, pw_word_spelling(info->words, m->word));
            break;
        default: break;
        }
    }
    return v;
}

/* The table without "compiler" and "content_hash": what the hash covers. */
static json_t *hashed_part(tb *b)
{
    json_t *t = new_object(b);
    put_text(b, t, "format", "pathway-table");
    put(b, t, "format_version", json_integer(PATHWAY_TABLE_FORMAT_VERSION));
    put(b, t, "pathway", pathway_value(b));
    put_text(b, t, key(PW_F_PATHWAY_START), node_id(b, b->g->start));
    put(b, t, "stages", stages_value(b));
    put(b, t, "contacts", contacts_value(b));
    put(b, t, "roles", roles_value(b));
    put(b, t, "forms", forms_value(b));
    put(b, t, "nodes", nodes_value(b));
    return t;
}

/* "sha256:" and the hex SHA-256 of t's canonical text, by the rule the
 * loader checks (runtime/hash.c, docs/table-format.md). */
static bool hash_of(const json_t *t, char hash[PWRT_HASH_SIZE])
{
    char *text = json_dumps(t, DUMP_FLAGS | JSON_COMPACT);
    bool ok = text && pwrt_content_hash_text(text, strlen(text), hash);
    free(text);
    return ok;
}

static json_t *content_hash(tb *b, const json_t *t)
{
    char hash[PWRT_HASH_SIZE];
    json_t *v = hash_of(t, hash) ? json_string(hash) : NULL;
    b->failed |= v == NULL;
    return v;
}

/* format, format_version, compiler, content_hash, then the rest of the
 * hashed part in its order. */
static json_t *whole_table(tb *b, json_t *hashed)
{
    json_t *t = new_object(b);
    const char *key;
    json_t *value;
    put_text(b, t, "format", "pathway-table");
    put(b, t, "format_version", json_integer(PATHWAY_TABLE_FORMAT_VERSION));
    put_text(b, t, "compiler", "pathwayc " PW_VERSION);
    put(b, t, "content_hash", content_hash(b, hashed));
    json_object_foreach(hashed, key, value) {
        if (strcmp(key, "format") != 0 && strcmp(key, "format_version") != 0 &&
            json_object_set(t, key, value) != 0)
            b->failed = true;
    }
    return t;
}

bool pw_table_hash(const pw_graph *g, char hash[PW_TABLE_HASH_SIZE], char *err,
                   size_t errsize)
{
    if (!pw_graph_links_resolved(g, err, errsize))
        return false;
    tb b = {.g = g};
    json_t *hashed = hashed_part(&b);
    bool ok = !b.failed && hash_of(hashed, hash);
    json_decref(hashed);
    return ok ? true : pw_errorf(err, errsize, "pathway '%s': cannot work out its "
                            "content hash (out of memory)", g->id);
}

bool pw_emit_table(const pw_graph *g, FILE *out, char *err, size_t errsize)
{
    return pw_emit_table_hashed(g, out, NULL, err, errsize);
}

bool pw_emit_table_hashed(const pw_graph *g, FILE *out,
                          char hash[PW_TABLE_HASH_SIZE], char *err, size_t errsize)
{
    if (!pw_graph_links_resolved(g, err, errsize))
        return false;
    tb b = {.g = g};
    json_t *hashed = hashed_part(&b);
    json_t *table = b.failed ? NULL : whole_table(&b, hashed);
    char *text = b.failed ? NULL : json_dumps(table, JSON_INDENT(2) | DUMP_FLAGS);
    if (text && hash)
        snprintf(hash, PW_TABLE_HASH_SIZE, "%s",
                 json_string_value(json_object_get(table, "content_hash")));
    json_decref(table);
    json_decref(hashed);
    if (!text)
        return pw_errorf(err, errsize, "pathway '%s': cannot build its table "
                    "(out of memory)", g->id);
    size_t n = strlen(text);
    if (n + 1 > PATHWAY_TABLE_MAX_BYTES) {
        free(text);
        return pw_errorf(err, errsize, "pathway '%s': its table would be %zu bytes, more "
                         "than the %u MiB libpathway loads; split the pathway, or shorten "
                         "its texts", g->id, n + 1, PATHWAY_TABLE_MAX_BYTES / (1024u * 1024u));
    }
    bool ok = fwrite(text, 1, n, out) == n && fputc('\n', out) != EOF;
    free(text);
    return ok ? true : pw_errorf(err, errsize, "pathway '%s': cannot write its "
                            "table", g->id);
}
