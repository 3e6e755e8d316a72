/* diff — see diff.h. First the comparison, which turns two tables into a
 * list of changes already in words; then the three writers, which only
 * lay that list out. */
#include "tools/diff.h"

#include "support/arena.h"
#include "support/text.h"

#include <jansson.h>

#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct pw_diff {
    pw_change *changes;
    size_t n, cap;
    char *id, *title;
    char *version[2], *hash[2]; /* [0] old, [1] new */
};

/* ==== words ============================================================ */

static char *xfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *xfmt(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = pw_xcalloc((size_t)(n < 0 ? 0 : n) + 1, 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
    va_end(ap);
    return s;
}

static char *dup_or_null(const char *s)
{
    return s ? pw_xstrdup(s) : NULL;
}

static bool same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* A table's name for a value, in words: "working-days" -> "working days". */
static char *words(const char *name)
{
    if (!name)
        return NULL;
    char *s = pw_xstrdup(name);
    for (char *p = s; *p; p++)
        if (*p == '-')
            *p = ' ';
    return s;
}

/* "'Title' (id)" */
static char *ref(const char *title, const char *id)
{
    return xfmt("'%s' (%s)", title ? title : id, id);
}

static char *node_ref(const pathway_node *n)
{
    return n ? ref(n->title, n->id) : NULL;
}

/* "within 1 working day", "review after 3 months"; NULL when not given. */
static char *timescale(const char *before, pathway_timescale t, const char *after)
{
    if (t.unit == PATHWAY_UNIT_NONE)
        return NULL;
    char *unit = words(pathway_unit_name(t.unit));
    if (t.value == 1)
        unit[strlen(unit) - 1] = '\0'; /* "hours" -> "hour" */
    char *s = xfmt("%s%d %s%s", before, t.value, unit, after);
    free(unit);
    return s;
}

static char *flag(bool set, const char *text)
{
    return set ? pw_xstrdup(text) : NULL;
}

/* ==== recording changes ================================================ */

/* What a change is about. */
typedef struct subject {
    pw_diff_section section;
    const char *what, *id, *title;
} subject;

/* A field: its name in the JSON report, in words, and whether its values
 * are text to show in quotes. */
typedef struct fdef {
    const char *field, *label;
    bool quoted;
} fdef;

/* A new change about s; the pointer is good until the next one. */
static pw_change *add(pw_diff *d, const subject *s, const char *kind, const char *field,
                      const char *label)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 16;
        d->changes = pw_xrealloc(d->changes, d->cap, sizeof *d->changes);
    }
    pw_change *c = &d->changes[d->n++];
    *c = (pw_change){s->section, kind, s->what, pw_xstrdup(s->id),
                     pw_xstrdup(s->title ? s->title : s->id), dup_or_null(field),
                     pw_xstrdup(label ? label : ""), NULL, NULL, false, NULL};
    return c;
}

/* A field of s: added (no old value), removed (no new one) or changed;
 * nothing when the two are the same. Takes o and n (either may be NULL).
 * Returns the change, or NULL when there is none. */
static pw_change *put(pw_diff *d, const subject *s, const fdef *f, char *o, char *n)
{
    if (same(o, n)) {
        free(o);
        free(n);
        return NULL;
    }
    pw_change *c = add(d, s, !o ? "added" : !n ? "removed" : "changed", f->field, f->label);
    c->old_value = o;
    c->new_value = n;
    c->quoted = f->quoted;
    return c;
}

/* A text field of a struct the table holds, found by its offset. */
typedef struct text_field {
    fdef f;
    size_t offset;
} text_field;

static const char *text_at(const void *p, size_t offset)
{
    const char *const *slot = (const void *)((const char *)p + offset);
    return *slot;
}

static void put_texts(pw_diff *d, const subject *s, const void *o, const void *n,
                      const text_field *fs, size_t k)
{
    for (size_t i = 0; i < k; i++)
        put(d, s, &fs[i].f, dup_or_null(text_at(o, fs[i].offset)),
            dup_or_null(text_at(n, fs[i].offset)));
}

/* ---- lists --------------------------------------------------------------
 * Items are paired by key (in order, so a repeated item pairs with its
 * repeat); each is shown by its words. */

typedef struct items {
    size_t n;
    char **keys, **words;
} items;

/* A list field: its items, and its name when only their order changed
 * (NULL: their order is not reported). */
typedef struct list_def {
    fdef item;
    const char *order_label;
} list_def;

/* Adds an item; takes key and word. */
static void items_add(items *l, char *key, char *word)
{
    l->keys = pw_xrealloc(l->keys, l->n + 1, sizeof *l->keys);
    l->words = pw_xrealloc(l->words, l->n + 1, sizeof *l->words);
    l->keys[l->n] = key;
    l->words[l->n++] = word;
}

/* Frees the items; l is empty again. */
static void items_free(items *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->keys[i]);
        free(l->words[i]);
    }
    free(l->keys);
    free(l->words);
    *l = (items){0};
}

/* The words of a list in the given order, "'a'; 'b'". */
static char *items_text(const items *l, const size_t *order, size_t n, bool quoted)
{
    pw_text_buf b = {0};
    for (size_t i = 0; i < n; i++)
        pw_tb_printf(&b, "%s%s%s%s", i ? "; " : "", quoted ? "'" : "",
                     l->words[order ? order[i] : i], quoted ? "'" : "");
    char *s = pw_xstrdup(pw_tb_str(&b));
    pw_tb_free(&b);
    return s;
}

/* The same items in another order: one change showing both orders. */
static void put_order(pw_diff *d, const subject *s, const list_def *f, const items *o,
                      const items *n, const size_t *pair)
{
    size_t *order = pw_xcalloc(o->n + 1, sizeof *order), k = 0;
    bool moved = false;
    for (size_t i = 0; i < o->n; i++)
        if (pair[i] != SIZE_MAX) {
            moved = moved || (k && pair[i] < order[k - 1]);
            order[k++] = pair[i];
        }
    if (moved) {
        char *before = items_text(n, order, k, f->item.quoted);
        for (size_t i = 0; i + 1 < k; i++) /* the new order: sorted */
            for (size_t j = i + 1; j < k; j++)
                if (order[j] < order[i]) {
                    size_t t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
        fdef of = {f->item.field, f->order_label, false};
        put(d, s, &of, before, items_text(n, order, k, f->item.quoted));
    }
    free(order);
}

/* Items removed, changed (same key, other words) and added, then their
 * order. Frees both lists. */
static void put_items(pw_diff *d, const subject *s, const list_def *f, items *o, items *n)
{
    bool *used = pw_xcalloc(n->n + 1, sizeof *used);
    size_t *pair = pw_xcalloc(o->n + 1, sizeof *pair);
    for (size_t i = 0; i < o->n; i++) {
        pair[i] = SIZE_MAX;
        for (size_t j = 0; j < n->n && pair[i] == SIZE_MAX; j++)
            if (!used[j] && strcmp(o->keys[i], n->keys[j]) == 0) {
                used[j] = true;
                pair[i] = j;
            }
        put(d, s, &f->item, pw_xstrdup(o->words[i]),
            pair[i] == SIZE_MAX ? NULL : pw_xstrdup(n->words[pair[i]]));
    }
    for (size_t j = 0; j < n->n; j++)
        if (!used[j])
            put(d, s, &f->item, NULL, pw_xstrdup(n->words[j]));
    if (f->order_label)
        put_order(d, s, f, o, n, pair);
    free(used);
    free(pair);
    items_free(o);
    items_free(n);
}

/* Says note of each change from `from` on (of each item removed only,
 * when removed_only). */
static void note_changes(pw_diff *d, size_t from, const char *note, bool removed_only)
{
    for (size_t i = from; i < d->n; i++)
        if (!removed_only || !d->changes[i].new_value)
            d->changes[i].note = pw_xstrdup(note);
}

/* What is still to be confirmed (tbc, format 2), of anything that has it:
 * each item added or removed (an item reworded is both). Their order says
 * nothing, so is not reported. */
static void put_tbc(pw_diff *d, const subject *s, const char *const *o, size_t no,
                    const char *const *n, size_t nn)
{
    static const list_def tbc = {{"tbc", "to be confirmed", true}, NULL};
    items oi = {0}, ni = {0};
    for (size_t i = 0; i < no; i++)
        items_add(&oi, pw_xstrdup(o[i]), pw_xstrdup(o[i]));
    for (size_t i = 0; i < nn; i++)
        items_add(&ni, pw_xstrdup(n[i]), pw_xstrdup(n[i]));
    put_items(d, s, &tbc, &oi, &ni);
}

/* The documents a pathway is written from (its `sources`; an older table's
 * one `source` stands for them), each its title and any web address. */
static void source_items(items *it, const pathway_info *p)
{
    const pathway_source *one = p->source.text ? &p->source : NULL;
    const pathway_source *list = p->nsources ? p->sources : one;
    size_t n = p->nsources ? p->nsources : one != NULL;
    for (size_t i = 0; i < n; i++) {
        const char *t = list[i].text, *u = list[i].url;
        size_t len = strlen(t) + (u ? strlen(u) + 3 : 0) + 1;
        char *shown = pw_xcalloc(len, 1);
        snprintf(shown, len, u ? "%s <%s>" : "%s", t, u ? u : "");
        items_add(it, pw_xstrdup(t), shown);
    }
}

static void put_sources(pw_diff *d, const subject *s, const pathway_info *o,
                        const pathway_info *n)
{
    static const list_def sources = {{"sources", "source", true}, NULL};
    items oi = {0}, ni = {0};
    source_items(&oi, o);
    source_items(&ni, n);
    put_items(d, s, &sources, &oi, &ni);
}

/* ==== nodes ============================================================ */

typedef struct ctx {
    pw_diff *d;
    const pathway_table *ot, *nt;
    const pathway_node **o2n; /* by old index: the new node it became */
    const pathway_node **n2o; /* by new index: the old node it was */
} ctx;

/* Each new node's old self: the old node of its id, else the first old
 * node its `replaces` names. */
static void match_nodes(ctx *c)
{
    size_t nn = pathway_table_node_count(c->nt);
    for (size_t i = 0; i < nn; i++) {
        const pathway_node *n = pathway_table_node(c->nt, i);
        const pathway_node *o = pathway_table_find_node(c->ot, n->id);
        for (size_t k = 0; !o && k < n->nreplaces; k++) {
            const pathway_node *r = pathway_table_find_node(c->ot, n->replaces[k]);
            if (r && !c->o2n[r->index])
                o = r;
        }
        if (o && !c->o2n[o->index]) {
            c->o2n[o->index] = n;
            c->n2o[i] = o;
        }
    }
}

/* A link of the old version leads to the same place as one of the new:
 * to the node the old target became. */
static bool same_link(const ctx *c, const pathway_node *o, const pathway_node *n)
{
    return o ? c->o2n[o->index] == n : n == NULL;
}

static void put_link(ctx *c, const subject *s, const fdef *f, const pathway_node *o,
                     const pathway_node *n)
{
    if (!same_link(c, o, n))
        put(c->d, s, f, node_ref(o), node_ref(n));
}

/* The node of the new version a link leads to: for a link of the old
 * version, the node its target became (NULL when it became none). */
static const pathway_node *now_node(const ctx *c, const pathway_node *to, bool old)
{
    return to && old ? c->o2n[to->index] : to;
}

/* A link as a list's item: keyed by where it leads now, so a renamed node
 * pairs with its old self; shown as that node, or the old one if it is
 * gone. */
static void link_item(const ctx *c, items *l, const pathway_node *to, bool old)
{
    const pathway_node *now = now_node(c, to, old);
    items_add(l, now ? xfmt("node:%s", now->id) : xfmt("gone:%s", to->id),
              node_ref(now ? now : to));
}

static subject node_subject(const pathway_node *n, pw_diff_section section)
{
    return (subject){section, pathway_node_kind_name(n->kind), n->id, n->title};
}

/* Who does it: a role "'Title' (id)", or who in words "'The chair'". */
static char *who_words(const pathway_node *n)
{
    return n->by ? ref(n->by->title, n->by->id) : n->by_text ? xfmt("'%s'", n->by_text)
                                                              : NULL;
}

static char *stage_words(const pathway_stage *st)
{
    return st ? xfmt("stage '%s'", st->title) : pw_xstrdup("no stage");
}

/* "in together 'Make the referrals' (refer_both)"; NULL for none. */
static char *in_words(const pathway_node *together)
{
    if (!together)
        return NULL;
    char *r = node_ref(together), *s = xfmt("in together %s", r);
    free(r);
    return s;
}

/* Renamed, moved between stages or togethers, kind, title, when, who. */
static void compare_heading(ctx *c, const subject *s, const pathway_node *o,
                            const pathway_node *n)
{
    static const fdef kind = {"kind", "kind", false}, who = {"by", "who", false},
                      in = {"in", "", false};
    static const text_field texts[] = {
        {{"title", "title", true}, offsetof(pathway_node, title)},
        {{"when", "when", true}, offsetof(pathway_node, when)}};
    if (strcmp(o->id, n->id) != 0) {
        pw_change *ch = add(c->d, s, "renamed", "id", "id");
        ch->old_value = pw_xstrdup(o->id);
        ch->new_value = pw_xstrdup(n->id);
    }
    /* A step inside a together is in the together's stage: when it is
     * inside one in both versions, a change of stage is said of the
     * together (and a move between two, below). */
    bool held = o->in && n->in;
    if (!held && !same(o->stage ? o->stage->id : NULL, n->stage ? n->stage->id : NULL)) {
        pw_change *ch = add(c->d, s, "moved", "stage", "stage");
        ch->old_value = stage_words(o->stage);
        ch->new_value = stage_words(n->stage);
    }
    if (!same_link(c, o->in, n->in))
        put(c->d, s, &in, in_words(o->in), in_words(n->in));
    put(c->d, s, &kind, words(pathway_node_kind_name(o->kind)),
        words(pathway_node_kind_name(n->kind)));
    put_texts(c->d, s, o, n, texts, sizeof texts / sizeof *texts);
    if (!same(o->by ? o->by->id : NULL, n->by ? n->by->id : NULL) ||
        !same(o->by_text, n->by_text))
        put(c->d, s, &who, who_words(o), who_words(n));
}

static void do_items(items *l, const pathway_node *v)
{
    for (size_t i = 0; i < v->ndo; i++)
        items_add(l, pw_xstrdup(v->do_items[i]), pw_xstrdup(v->do_items[i]));
}

/* A node's contacts and forms, each by its title in the new version when
 * it has one there: a contact renamed is said once, among the contacts,
 * not again on every node that names it. */
static void contact_items(const ctx *c, items *l, const pathway_node *v)
{
    for (size_t i = 0; i < v->ncontacts; i++) {
        const pathway_contact *k = pathway_table_find_contact(c->nt, v->contacts[i]->id);
        k = k ? k : v->contacts[i];
        items_add(l, pw_xstrdup(k->id), ref(k->title, k->id));
    }
}

static void form_items(const ctx *c, items *l, const pathway_node *v)
{
    for (size_t i = 0; i < v->nforms; i++) {
        const pathway_form *f = pathway_table_find_form(c->nt, v->forms[i]->id);
        f = f ? f : v->forms[i];
        items_add(l, pw_xstrdup(f->id), ref(f->title, f->id));
    }
}

static char *consent_words(pathway_consent_rule r)
{
    return words(pathway_consent_name(r));
}

/* What to do: items, timescales, urgency, consent, contacts, forms. */
static void compare_work(ctx *c, const subject *s, const pathway_node *o,
                         const pathway_node *n)
{
    static const list_def todo = {{"do", "item", true}, "order of the items"},
                          contacts = {{"contacts", "contact", false}, "order of the contacts"},
                          forms = {{"forms", "form", false}, "order of the forms"};
    static const fdef within = {"within", "", false}, target = {"target", "", false},
                      review = {"review_after", "", false},
                      urgency = {"urgency", "urgency", false},
                      consent = {"consent", "consent", false},
                      wording = {"consent.text", "consent wording", true};
    items oi = {0}, ni = {0};
    do_items(&oi, o);
    do_items(&ni, n);
    put_items(c->d, s, &todo, &oi, &ni);
    put(c->d, s, &within, timescale("within ", o->within, ""),
        timescale("within ", n->within, ""));
    put(c->d, s, &target, timescale("within ", o->target, " as a target"),
        timescale("within ", n->target, " as a target"));
    put(c->d, s, &review, timescale("review after ", o->review_after, ""),
        timescale("review after ", n->review_after, ""));
    put(c->d, s, &urgency, words(pathway_urgency_name(o->urgency)),
        words(pathway_urgency_name(n->urgency)));
    put(c->d, s, &consent, consent_words(o->consent.rule), consent_words(n->consent.rule));
    put(c->d, s, &wording, dup_or_null(o->consent.text), dup_or_null(n->consent.text));
    contact_items(c, &oi, o);
    contact_items(c, &ni, n);
    put_items(c->d, s, &contacts, &oi, &ni);
    form_items(c, &oi, o);
    form_items(c, &ni, n);
    put_items(c->d, s, &forms, &oi, &ni);
}

/* An `also` entry, keyed and shown by where it leads (for an old one: the
 * node that became of it, so a renamed node is no change here). */
static void also_items(const ctx *c, items *l, const pathway_node *v, bool old)
{
    for (size_t i = 0; i < v->nalso; i++) {
        const pathway_also *a = &v->also[i];
        if (a->pathway)
            items_add(l, xfmt("pathway:%s", a->pathway),
                      xfmt("the pathway '%s'", a->pathway));
        else
            link_item(c, l, a->node, old);
        if (a->why) {
            char *where = l->words[l->n - 1];
            l->words[l->n - 1] = xfmt("%s — %s", where, a->why);
            free(where);
        }
    }
}

/* Record, note, what is to be confirmed, personal duty, work alongside,
 * source. */
static void compare_record(ctx *c, const subject *s, const pathway_node *o,
                           const pathway_node *n)
{
    static const text_field texts[] = {
        {{"record", "record", true}, offsetof(pathway_node, record)},
        {{"note", "note", true}, offsetof(pathway_node, note)}};
    static const text_field sources[] = {
        {{"source", "source", true}, offsetof(pathway_node, source.text)},
        {{"source.url", "source address", false}, offsetof(pathway_node, source.url)}};
    static const fdef personal = {"personal", "", false};
    static const list_def also = {{"also", "also", false}, "order of the work alongside"};
    static const char duty[] = "a personal duty that cannot be handed on";
    put_texts(c->d, s, o, n, texts, sizeof texts / sizeof *texts);
    put_tbc(c->d, s, o->tbc, o->ntbc, n->tbc, n->ntbc);
    put(c->d, s, &personal, flag(o->personal, duty), flag(n->personal, duty));
    items oi = {0}, ni = {0};
    also_items(c, &oi, o, true);
    also_items(c, &ni, n, false);
    put_items(c->d, s, &also, &oi, &ni);
    put_texts(c->d, s, o, n, sources, sizeof sources / sizeof *sources);
}

/* "'Yes', which goes to 'Call 999' (call_999)", "score 0..13, which ...",
 * "score 14..27 'High risk', which ..." */
static char *answer_words(const pathway_answer *a)
{
    char *to = node_ref(a->next);
    char *s = !a->banded ? xfmt("'%s', which goes to %s", a->label, to)
              : a->label ? xfmt("score %d..%d '%s', which goes to %s", a->band_min,
                                a->band_max, a->label, to)
                         : xfmt("score %d..%d, which goes to %s", a->band_min, a->band_max, to);
    free(to);
    return s;
}

static const pathway_answer *find_answer(const pathway_node *q, const pathway_answer *a)
{
    if (!a->banded)
        return pathway_node_find_answer(q, a->id);
    for (size_t i = 0; i < q->nanswers; i++)
        if (q->answers[i].banded && q->answers[i].band_min == a->band_min &&
            q->answers[i].band_max == a->band_max)
            return &q->answers[i];
    return NULL;
}

/* "answers.yes", "answers.0..13" */
static char *answer_field(const pathway_answer *a, const char *more)
{
    return a->banded ? xfmt("answers.%d..%d%s", a->band_min, a->band_max, more)
                     : xfmt("answers.%s%s", a->id, more);
}

/* One answer of the old question and its match in the new one (or NULL). */
static void compare_answer(ctx *c, const subject *s, const pathway_answer *a,
                           const pathway_answer *b)
{
    char *field = answer_field(a, "");
    if (!b) {
        fdef f = {field, "answer", false};
        pw_change *ch = put(c->d, s, &f, answer_words(a), NULL);
        /* A saved walk keeps a score, which finds its band again. */
        if (!a->banded)
            ch->note = pw_xstrdup("walks saved after taking it cannot be restored");
    } else {
        char *lf = answer_field(a, ".label");
        char *ll = a->banded ? xfmt("label of band %d..%d", a->band_min, a->band_max)
                             : xfmt("label of answer %s", a->id);
        fdef f = {lf, ll, true};
        put(c->d, s, &f, dup_or_null(a->label), dup_or_null(b->label));
        free(lf);
        free(ll);
    }
    if (b && !same_link(c, a->next, b->next)) {
        char *nf = answer_field(a, ".next");
        char *label = a->banded ? xfmt("score %d..%d goes to", a->band_min, a->band_max)
                                : xfmt("answer '%s' goes to", b->label);
        fdef f = {nf, label, false};
        put(c->d, s, &f, node_ref(a->next), node_ref(b->next));
        free(nf);
        free(label);
    }
    free(field);
}

static void compare_answers(ctx *c, const subject *s, const pathway_node *o,
                            const pathway_node *n)
{
    for (size_t i = 0; i < o->nanswers; i++)
        compare_answer(c, s, &o->answers[i], find_answer(n, &o->answers[i]));
    for (size_t i = 0; i < n->nanswers; i++) {
        if (find_answer(o, &n->answers[i]))
            continue;
        char *field = answer_field(&n->answers[i], "");
        fdef f = {field, "answer", false};
        put(c->d, s, &f, NULL, answer_words(&n->answers[i]));
        free(field);
    }
}

static char *score_words(const pathway_node *q)
{
    return q->scored ? xfmt("%d..%d", q->score_min, q->score_max) : NULL;
}

/* A together's steps: each added or removed, through the matching (a
 * step renamed is no change). Their order is not reported: they are done
 * in any order. A saved walk replays a step marked done at its together,
 * so one that is no longer in it cannot be restored. */
static void compare_steps(ctx *c, const subject *s, const pathway_node *o,
                          const pathway_node *n)
{
    static const list_def steps = {{"steps", "step", false}, NULL};
    items oi = {0}, ni = {0};
    for (size_t i = 0; i < o->nsteps; i++)
        link_item(c, &oi, o->steps[i], true);
    for (size_t i = 0; i < n->nsteps; i++)
        link_item(c, &ni, n->steps[i], false);
    size_t from = c->d->n;
    put_items(c->d, s, &steps, &oi, &ni);
    note_changes(c->d, from, "walks saved after marking it done cannot be restored", true);
}

/* ---- criteria: the question's list, and the lists nested in it ---------- */

static bool nested(const pathway_criterion *k)
{
    return k->mode != PATHWAY_CRITERIA_NONE;
}

/* Criteria texts first to first + count - 1 of q, as list items. */
static void criteria_texts(items *l, const pathway_node *q, size_t first, size_t count)
{
    for (size_t i = first; i < first + count; i++)
        items_add(l, pw_xstrdup(q->criteria[i]), pw_xstrdup(q->criteria[i]));
}

/* The texts of the question's own list, not those of a nested one. */
static void top_criteria(items *l, const pathway_node *q)
{
    for (size_t i = 0; i < q->ncriteria_items; i++)
        if (!nested(&q->criteria_items[i]))
            criteria_texts(l, q, q->criteria_items[i].first, 1);
}

/* "any of 'Under 18'; 'Under 25 with additional needs'" */
static char *nested_words(const pathway_node *q, const pathway_criterion *k)
{
    items l = {0};
    criteria_texts(&l, q, k->first, k->count);
    char *mode = words(pathway_criteria_name(k->mode)), *texts = items_text(&l, NULL, l.n, true);
    char *w = xfmt("%s %s", mode, texts);
    free(mode);
    free(texts);
    items_free(&l);
    return w;
}

/* How many texts nested list a of o and nested list b of n share. */
static size_t shared_texts(const pathway_node *o, const pathway_criterion *a,
                           const pathway_node *n, const pathway_criterion *b)
{
    size_t k = 0;
    for (size_t i = a->first; i < a->first + a->count; i++)
        for (size_t j = b->first; j < b->first + b->count; j++)
            k += strcmp(o->criteria[i], n->criteria[j]) == 0;
    return k;
}

/* A nested list has no id of its own (its id is its place), so each of
 * n's is paired with the one of o, not yet paired, that shares the most
 * texts with it; one that shares none is new. pair[j]: the old item of
 * new item j, or SIZE_MAX; kept[i]: old item i is paired. */
static void pair_nested(const pathway_node *o, const pathway_node *n, size_t *pair, bool *kept)
{
    for (size_t j = 0; j < n->ncriteria_items; j++) {
        const pathway_criterion *b = &n->criteria_items[j];
        size_t best = 0;
        pair[j] = SIZE_MAX;
        for (size_t i = 0; nested(b) && i < o->ncriteria_items; i++) {
            const pathway_criterion *a = &o->criteria_items[i];
            size_t k = nested(a) && !kept[i] ? shared_texts(o, a, n, b) : 0;
            if (k > best) {
                best = k;
                pair[j] = i;
            }
        }
        if (pair[j] != SIZE_MAX)
            kept[pair[j]] = true;
    }
}

/* A nested list added or removed as a whole ("criteria.2"); takes o and n. */
static void put_nested(ctx *c, const subject *s, const char *id, char *o, char *n)
{
    char *field = xfmt("criteria.%s", id);
    fdef f = {field, "nested list", false};
    put(c->d, s, &f, o, n);
    free(field);
}

/* A nested list a of o that became b of n: its mode, its texts (added,
 * removed, their order), each said to be in it, by its place in n. */
static void compare_nested_list(ctx *c, const subject *s, const pathway_node *o,
                                const pathway_criterion *a, const pathway_node *n,
                                const pathway_criterion *b)
{
    char *mf = xfmt("criteria.%s.mode", b->id), *tf = xfmt("criteria.%s.items", b->id);
    char *list = xfmt("in the nested list, item %s", b->id);
    char *in = xfmt("in the nested %s list, item %s", pathway_criteria_name(b->mode), b->id);
    fdef mode = {mf, "criteria", false};
    list_def texts = {{tf, "criterion", true}, "order of the criteria"};
    size_t from = c->d->n;
    put(c->d, s, &mode, words(pathway_criteria_name(a->mode)),
        words(pathway_criteria_name(b->mode)));
    note_changes(c->d, from, list, false);
    items oi = {0}, ni = {0};
    criteria_texts(&oi, o, a->first, a->count);
    criteria_texts(&ni, n, b->first, b->count);
    from = c->d->n;
    put_items(c->d, s, &texts, &oi, &ni);
    note_changes(c->d, from, in, false);
    free(mf);
    free(tf);
    free(list);
    free(in);
}

/* The nested lists: those removed, then each of n's in its order, added
 * or what changed in it. Where a list stands among the question's
 * criteria is not reported (neither list says anything by its order). */
static void compare_nested(ctx *c, const subject *s, const pathway_node *o,
                           const pathway_node *n)
{
    size_t *pair = pw_xcalloc(n->ncriteria_items + 1, sizeof *pair);
    bool *kept = pw_xcalloc(o->ncriteria_items + 1, sizeof *kept);
    pair_nested(o, n, pair, kept);
    for (size_t i = 0; i < o->ncriteria_items; i++) {
        const pathway_criterion *a = &o->criteria_items[i];
        if (nested(a) && !kept[i])
            put_nested(c, s, a->id, nested_words(o, a), NULL);
    }
    for (size_t j = 0; j < n->ncriteria_items; j++) {
        const pathway_criterion *b = &n->criteria_items[j];
        if (pair[j] != SIZE_MAX)
            compare_nested_list(c, s, o, &o->criteria_items[pair[j]], n, b);
        else if (nested(b))
            put_nested(c, s, b->id, NULL, nested_words(n, b));
    }
    free(pair);
    free(kept);
}

/* Any of or all of, the question's own criteria (each added or removed,
 * their order), then the lists nested in it. */
static void compare_criteria(ctx *c, const subject *s, const pathway_node *o,
                             const pathway_node *n)
{
    static const fdef mode = {"criteria", "criteria", false};
    static const list_def criteria = {{"criteria.items", "criterion", true},
                                      "order of the criteria"};
    put(c->d, s, &mode, words(pathway_criteria_name(o->criteria_mode)),
        words(pathway_criteria_name(n->criteria_mode)));
    items oi = {0}, ni = {0};
    top_criteria(&oi, o);
    top_criteria(&ni, n);
    put_items(c->d, s, &criteria, &oi, &ni);
    compare_nested(c, s, o, n);
}

/* Where it goes: a together's steps, next, score, criteria, answers; an
 * outcome's kind. */
static void compare_route(ctx *c, const subject *s, const pathway_node *o,
                          const pathway_node *n)
{
    static const fdef next = {"next", "next", false}, score = {"score", "score range", false},
                      outcome = {"outcome", "outcome kind", false};
    compare_steps(c, s, o, n);
    put_link(c, s, &next, o->next, n->next);
    put(c->d, s, &score, score_words(o), score_words(n));
    compare_criteria(c, s, o, n);
    compare_answers(c, s, o, n);
    put(c->d, s, &outcome, words(pathway_outcome_name(o->outcome)),
        words(pathway_outcome_name(n->outcome)));
}

/* Adds part to what is said of a new node, after "; " if it is not the
 * first; takes part. */
static void note_part(pw_text_buf *b, const char *before, char *part)
{
    pw_tb_printf(b, "%s%s%s", b->n ? "; " : "", before, part);
    free(part);
}

/* A new node: where it is (its together, else its stage), what it holds
 * and where it leads. */
static char *added_note(const pathway_node *n)
{
    pw_text_buf b = {0};
    if (n->in)
        note_part(&b, "in together ", node_ref(n->in));
    else if (n->stage)
        note_part(&b, "in stage ", xfmt("'%s'", n->stage->title));
    for (size_t i = 0; i < n->nsteps; i++)
        note_part(&b, i ? "" : "steps ", node_ref(n->steps[i]));
    if (n->kind == PATHWAY_OUTCOME)
        note_part(&b, "outcome kind ", words(pathway_outcome_name(n->outcome)));
    if (n->next)
        note_part(&b, "next ", node_ref(n->next));
    for (size_t i = 0; i < n->nanswers; i++)
        note_part(&b, i ? "" : "answers ", answer_words(&n->answers[i]));
    char *s = pw_xstrdup(pw_tb_str(&b));
    pw_tb_free(&b);
    return s;
}

/* Every node of the new version, in its order: added, or what changed. */
static void compare_nodes(ctx *c)
{
    size_t nn = pathway_table_node_count(c->nt);
    for (size_t i = 0; i < nn; i++) {
        const pathway_node *n = pathway_table_node(c->nt, i), *o = c->n2o[i];
        subject s = node_subject(n, PW_DIFF_NODES);
        if (!o) {
            add(c->d, &s, "added", NULL, "")->note = added_note(n);
            continue;
        }
        compare_heading(c, &s, o, n);
        compare_work(c, &s, o, n);
        compare_record(c, &s, o, n);
        compare_route(c, &s, o, n);
    }
}

/* Old nodes nothing became: whether a walk saved at one can be restored. */
static void removed_nodes(ctx *c)
{
    size_t no = pathway_table_node_count(c->ot);
    for (size_t i = 0; i < no; i++) {
        const pathway_node *o = pathway_table_node(c->ot, i);
        if (c->o2n[i])
            continue;
        subject s = node_subject(o, PW_DIFF_REMOVED);
        pw_change *ch = add(c->d, &s, "removed", NULL, "");
        char *to = node_ref(pathway_table_find_replacement(c->nt, o->id));
        ch->note = to ? xfmt("walks saved at it go on at %s", to)
                      : pw_xstrdup("it has no replacement, so walks saved at it "
                                   "cannot be restored");
        free(to);
    }
}

/* ==== the pathway, and what its nodes share ============================ */

static void compare_info(ctx *c)
{
    const pathway_info *o = pathway_table_info(c->ot), *n = pathway_table_info(c->nt);
    static const text_field head[] = {
        {{"title", "title", true}, offsetof(pathway_info, title)},
        {{"owner", "owner", false}, offsetof(pathway_info, owner)},
        {{"version", "version", false}, offsetof(pathway_info, version)}};
    static const text_field approval[] = {
        {{"approved_by", "approved by", true}, offsetof(pathway_info, approved_by)},
        {{"approved_on", "approved on", false}, offsetof(pathway_info, approved_on)}};
    static const text_field source[] = {
        {{"source", "source", true}, offsetof(pathway_info, source.text)},
        {{"source.url", "source address", false}, offsetof(pathway_info, source.url)}};
    static const text_field rest[] = {
        {{"review_by", "review by", false}, offsetof(pathway_info, review_by)},
        {{"area", "area", true}, offsetof(pathway_info, area)},
        {{"topic", "topic", true}, offsetof(pathway_info, topic)},
        {{"summary", "summary", true}, offsetof(pathway_info, summary)},
        {{"audience", "audience", true}, offsetof(pathway_info, audience)}};
    static const text_field route_text[] = {
        {{"emergency_route.text", "why there is no emergency route", true},
         offsetof(pathway_info, emergency_route_text)}};
    static const text_field note[] = {{{"note", "note", true}, offsetof(pathway_info, note)}};
    static const fdef status = {"status", "status", false},
                      route = {"emergency_route", "", false},
                      start = {"start", "starts at", false};
    static const char none[] = "says it has no emergency route";
    subject s = {PW_DIFF_PATHWAY, "pathway", n->id, n->title};
    put_texts(c->d, &s, o, n, head, sizeof head / sizeof *head);
    put(c->d, &s, &status, words(pathway_status_name(o->status)),
        words(pathway_status_name(n->status)));
    put_texts(c->d, &s, o, n, approval, sizeof approval / sizeof *approval);
    if (o->nsources || n->nsources)
        put_sources(c->d, &s, o, n);
    else
        put_texts(c->d, &s, o, n, source, sizeof source / sizeof *source);
    put_texts(c->d, &s, o, n, rest, sizeof rest / sizeof *rest);
    put(c->d, &s, &route, flag(o->no_emergency_route, none), flag(n->no_emergency_route, none));
    put_texts(c->d, &s, o, n, route_text, 1);
    put_texts(c->d, &s, o, n, note, 1);
    put_tbc(c->d, &s, o->tbc, o->ntbc, n->tbc, n->ntbc);
    put_link(c, &s, &start, pathway_table_start(c->ot), pathway_table_start(c->nt));
}

/* Stages, contacts, forms and roles: each a set by id, compared alike. */
typedef struct coll {
    const char *what;
    size_t (*count)(const pathway_table *t);
    const void *(*at)(const pathway_table *t, size_t i);
    const void *(*find)(const pathway_table *t, const char *id);
    size_t id_offset, title_offset;
    const text_field *fields;
    size_t nfields;
    void (*more)(pw_diff *d, const subject *s, const void *o, const void *n);
    char *(*summary)(const void *n); /* said of a new one; NULL: nothing */
} coll;

static const void *stage_at(const pathway_table *t, size_t i)
{
    return pathway_table_stage(t, i);
}
static const void *stage_find(const pathway_table *t, const char *id)
{
    return pathway_table_find_stage(t, id);
}
static const void *contact_at(const pathway_table *t, size_t i)
{
    return pathway_table_contact(t, i);
}
static const void *contact_find(const pathway_table *t, const char *id)
{
    return pathway_table_find_contact(t, id);
}
static const void *form_at(const pathway_table *t, size_t i)
{
    return pathway_table_form(t, i);
}
static const void *form_find(const pathway_table *t, const char *id)
{
    return pathway_table_find_form(t, id);
}
static const void *role_at(const pathway_table *t, size_t i)
{
    return pathway_table_role(t, i);
}
static const void *role_find(const pathway_table *t, const char *id)
{
    return pathway_table_find_role(t, id);
}

static void stage_more(pw_diff *d, const subject *s, const void *o, const void *n)
{
    const pathway_stage *a = o, *b = n;
    put_tbc(d, s, a->tbc, a->ntbc, b->tbc, b->ntbc);
}

static void contact_more(pw_diff *d, const subject *s, const void *o, const void *n)
{
    static const fdef ooh = {"out_of_hours", "out of hours", false};
    const pathway_contact *x = o, *y = n;
    const pathway_contact *a = x->out_of_hours, *b = y->out_of_hours;
    if (!same(a ? a->id : NULL, b ? b->id : NULL))
        put(d, s, &ooh, a ? ref(a->title, a->id) : NULL, b ? ref(b->title, b->id) : NULL);
    put_tbc(d, s, x->tbc, x->ntbc, y->tbc, y->ntbc);
}

static char *contact_summary(const void *p)
{
    const pathway_contact *k = p;
    pw_text_buf b = {0};
    const char *parts[][2] = {{"phone", k->phone}, {"email", k->email}, {"", k->url}};
    for (size_t i = 0; i < 3; i++)
        if (parts[i][1])
            pw_tb_printf(&b, "%s%s%s%s", b.n ? ", " : "", parts[i][0], *parts[i][0] ? " " : "",
                         parts[i][1]);
    char *s = b.n ? pw_xstrdup(pw_tb_str(&b)) : NULL;
    pw_tb_free(&b);
    return s;
}

static void form_more(pw_diff *d, const subject *s, const void *o, const void *n)
{
    static const fdef per_child = {"per_child", "", false};
    static const char text[] = "one form for each child";
    const pathway_form *a = o, *b = n;
    put(d, s, &per_child, flag(a->per_child, text), flag(b->per_child, text));
    put_tbc(d, s, a->tbc, a->ntbc, b->tbc, b->ntbc);
}

static char *form_summary(const void *p)
{
    const pathway_form *f = p;
    return f->version ? xfmt("version %s", f->version) : NULL;
}

static void compare_coll(ctx *c, const coll *k)
{
    size_t nn = k->count(c->nt), no = k->count(c->ot);
    for (size_t i = 0; i < nn; i++) {
        const void *n = k->at(c->nt, i);
        subject s = {PW_DIFF_SHARED, k->what, text_at(n, k->id_offset),
                     text_at(n, k->title_offset)};
        const void *o = k->find(c->ot, s.id);
        if (!o) {
            add(c->d, &s, "added", NULL, "")->note = k->summary ? k->summary(n) : NULL;
            continue;
        }
        put_texts(c->d, &s, o, n, k->fields, k->nfields);
        if (k->more)
            k->more(c->d, &s, o, n);
    }
    for (size_t i = 0; i < no; i++) {
        const void *o = k->at(c->ot, i);
        subject s = {PW_DIFF_SHARED, k->what, text_at(o, k->id_offset),
                     text_at(o, k->title_offset)};
        if (!k->find(c->nt, s.id))
            add(c->d, &s, "removed", NULL, "");
    }
}

static const text_field stage_fields[] = {
    {{"title", "name", true}, offsetof(pathway_stage, title)}};
static const text_field role_fields[] = {
    {{"title", "name", true}, offsetof(pathway_role, title)}};
static const text_field contact_fields[] = {
    {{"title", "name", true}, offsetof(pathway_contact, title)},
    {{"phone", "phone", false}, offsetof(pathway_contact, phone)},
    {{"email", "email", false}, offsetof(pathway_contact, email)},
    {{"url", "web address", false}, offsetof(pathway_contact, url)},
    {{"hours", "hours", false}, offsetof(pathway_contact, hours)},
    {{"verified", "last checked", false}, offsetof(pathway_contact, verified)},
    {{"note", "note", true}, offsetof(pathway_contact, note)}};
static const text_field form_fields[] = {
    {{"title", "name", true}, offsetof(pathway_form, title)},
    {{"version", "version", false}, offsetof(pathway_form, version)},
    {{"url", "web address", false}, offsetof(pathway_form, url)},
    {{"note", "note", true}, offsetof(pathway_form, note)}};

#define FIELDS(a) a, sizeof a / sizeof *a

static void compare_shared(ctx *c)
{
    const coll colls[] = {
        {"stage", pathway_table_stage_count, stage_at, stage_find,
         offsetof(pathway_stage, id), offsetof(pathway_stage, title), FIELDS(stage_fields),
         stage_more, NULL},
        {"contact", pathway_table_contact_count, contact_at, contact_find,
         offsetof(pathway_contact, id), offsetof(pathway_contact, title),
         FIELDS(contact_fields), contact_more, contact_summary},
        {"form", pathway_table_form_count, form_at, form_find, offsetof(pathway_form, id),
         offsetof(pathway_form, title), FIELDS(form_fields), form_more, form_summary},
        {"role", pathway_table_role_count, role_at, role_find, offsetof(pathway_role, id),
         offsetof(pathway_role, title), FIELDS(role_fields), NULL, NULL}};
    for (size_t i = 0; i < sizeof colls / sizeof *colls; i++)
        compare_coll(c, &colls[i]);
}

pw_diff *pw_diff_tables(const pathway_table *old_t, const pathway_table *new_t,
                        char *err, size_t errsize)
{
    const pathway_info *oi = pathway_table_info(old_t), *ni = pathway_table_info(new_t);
    if (strcmp(oi->id, ni->id) != 0) {
        snprintf(err, errsize, "they are two different pathways, '%s' and '%s': diff "
                 "compares two versions of one pathway", oi->id, ni->id);
        return NULL;
    }
    pw_diff *d = pw_xcalloc(1, sizeof *d);
    d->id = pw_xstrdup(ni->id);
    d->title = pw_xstrdup(ni->title);
    d->version[0] = dup_or_null(oi->version);
    d->version[1] = dup_or_null(ni->version);
    d->hash[0] = pw_xstrdup(oi->content_hash);
    d->hash[1] = pw_xstrdup(ni->content_hash);
    size_t no = pathway_table_node_count(old_t), nn = pathway_table_node_count(new_t);
    ctx c = {d, old_t, new_t, pw_xcalloc(no + 1, sizeof *c.o2n),
             pw_xcalloc(nn + 1, sizeof *c.n2o)};
    compare_info(&c);
    match_nodes(&c);
    compare_nodes(&c);
    removed_nodes(&c);
    compare_shared(&c);
    free(c.o2n);
    free(c.n2o);
    return d;
}

bool pw_diff_equal(const pw_diff *d)
{
    return d->n == 0;
}

size_t pw_diff_count(const pw_diff *d)
{
    return d->n;
}

const pw_change *pw_diff_change(const pw_diff *d, size_t i)
{
    return i < d->n ? &d->changes[i] : NULL;
}

void pw_diff_free(pw_diff *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        pw_change *c = &d->changes[i];
        free(c->id);
        free(c->title);
        free(c->field);
        free(c->label);
        free(c->old_value);
        free(c->new_value);
        free(c->note);
    }
    free(d->changes);
    free(d->id);
    free(d->title);
    for (int k = 0; k < 2; k++) {
        free(d->version[k]);
        free(d->hash[k]);
    }
    free(d);
}

bool pw_diff_parse_format(const char *name, pw_diff_format *f)
{
    static const struct {
        const char *name;
        pw_diff_format f;
    } names[] = {{"text", PW_DIFF_TEXT}, {"md", PW_DIFF_MD}, {"markdown", PW_DIFF_MD},
                 {"json", PW_DIFF_JSON}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i].name) == 0) {
            *f = names[i].f;
            return true;
        }
    return false;
}

/* ==== text and Markdown ================================================ */

/* In Markdown, a character that would be read as markup here. An
 * underscore inside a word (an id) is not, and stays as it is. */
static bool md_special(const char *s, size_t i, size_t n)
{
    unsigned char ch = (unsigned char)s[i];
    if (strchr("\\`*[]<>|~", ch))
        return true;
    bool before = i > 0 && isalnum((unsigned char)s[i - 1]);
    bool after = i + 1 < n && isalnum((unsigned char)s[i + 1]);
    if (ch == '_')
        return !before || !after;
    return ch == '&' && (after || (i + 1 < n && s[i + 1] == '#'));
}

/* Text from a pathway, safe to show: as text.h shows text from data
 * (control characters as escapes: \n, \t, \u{001B}), so none reaches a
 * terminal; in Markdown, markup escaped too (an escape's backslash
 * included, so that it reads as one). */
static void put_safe(FILE *f, const char *s, bool md)
{
    pw_text_buf b = {0};
    pw_tb_add_visible(&b, s, strlen(s), 0);
    const char *v = pw_tb_str(&b);
    if (!md) {
        fwrite(v, 1, b.n, f);
        pw_tb_free(&b);
        return;
    }
    for (size_t i = 0; i < b.n; i++) {
        if (md_special(v, i, b.n))
            fputc('\\', f);
        fputc(v[i], f);
    }
    pw_tb_free(&b);
}

/* "Step 'Title' (id)", or with a verb "Added step 'Title' (id)"; in
 * Markdown in bold, the id as code. */
static void put_entity(FILE *f, const pw_change *c, const char *verb, bool md)
{
    if (md)
        fputs("**", f);
    if (verb)
        fprintf(f, "%s %s", verb, c->what);
    else
        fprintf(f, "%c%s", toupper((unsigned char)c->what[0]), c->what + 1);
    if (strcmp(c->what, "pathway") != 0) {
        fputs(" '", f);
        put_safe(f, c->title, md);
        fprintf(f, md ? "' (`%s`)" : "' (%s)", c->id);
    }
    if (md)
        fputs("**", f);
}

static void put_value(FILE *f, const pw_change *c, const char *v, bool md)
{
    if (c->quoted)
        fputc('\'', f);
    put_safe(f, v, md);
    if (c->quoted)
        fputc('\'', f);
}

/* "LABEL OLD → NEW", "LABEL added: NEW", "now NEW", ... */
static void put_field(FILE *f, const pw_change *c, bool md)
{
    if (c->label[0]) {
        put_safe(f, c->label, md);
        fputs(strcmp(c->kind, "changed") == 0 ? " " : strcmp(c->kind, "added") == 0
                                                         ? " added: " : " removed: ", f);
    } else if (strcmp(c->kind, "changed") != 0) {
        fputs(strcmp(c->kind, "added") == 0 ? "now " : "no longer ", f);
    }
    if (c->old_value)
        put_value(f, c, c->old_value, md);
    if (c->old_value && c->new_value)
        fputs(" → ", f);
    if (c->new_value)
        put_value(f, c, c->new_value, md);
}

/* What a change of a field says, without the thing it is about. */
static void put_tail(FILE *f, const pw_change *c, bool md)
{
    if (strcmp(c->kind, "renamed") == 0) {
        fprintf(f, md ? "renamed from `%s`" : "renamed from %s", c->old_value);
    } else if (strcmp(c->kind, "moved") == 0) {
        fputs("moved from ", f);
        put_safe(f, c->old_value, md);
        fputs(" to ", f);
        put_safe(f, c->new_value, md);
    } else {
        put_field(f, c, md);
    }
    if (c->note) {
        fputs(" (", f);
        put_safe(f, c->note, md);
        fputc(')', f);
    }
}

/* Changes i and j are about the same thing (and neither about all of it). */
static bool same_subject(const pw_diff *d, size_t i, size_t j)
{
    if (j >= d->n)
        return false;
    const pw_change *a = &d->changes[i], *b = &d->changes[j];
    return a->field && b->field && a->section == b->section &&
           strcmp(a->what, b->what) == 0 && strcmp(a->id, b->id) == 0;
}

/* The changes from i on about one thing: on one line when there is one,
 * else the thing, then one line each (in Markdown, a nested list).
 * Returns the index after them. */
static size_t put_changes(FILE *f, const pw_diff *d, size_t i, bool md)
{
    const pw_change *c = &d->changes[i];
    fputs(md ? "- " : "", f);
    if (!c->field) {
        put_entity(f, c, strcmp(c->kind, "added") == 0 ? "Added" : "Removed", md);
        if (c->note) {
            fputs(": ", f);
            put_safe(f, c->note, md);
        }
        fputc('\n', f);
        return i + 1;
    }
    put_entity(f, c, NULL, md);
    bool one = !same_subject(d, i, i + 1);
    fputs(one && (strcmp(c->kind, "renamed") == 0 || strcmp(c->kind, "moved") == 0)
              ? " " : one ? ": " : md ? "\n" : ":\n", f);
    size_t j = i;
    do {
        fputs(one ? "" : md ? "  - " : "  ", f);
        put_tail(f, &d->changes[j], md);
        fputc('\n', f);
        j++;
    } while (same_subject(d, i, j));
    return j;
}

static void put_version(FILE *f, const pw_diff *d, int k)
{
    if (d->version[k]) {
        fputs("version ", f);
        put_safe(f, d->version[k], false);
        fputs(", ", f);
    } else
        fputs("no version, ", f);
    fputs(d->hash[k], f);
}

static void write_text(const pw_diff *d, FILE *f)
{
    fputc('\'', f);
    put_safe(f, d->title, false);
    fprintf(f, "' (%s): ", d->id);
    if (d->n)
        fprintf(f, "%zu change%s\n", d->n, d->n == 1 ? "" : "s");
    else
        fputs("no differences\n", f);
    fputs("  old: ", f);
    put_version(f, d, 0);
    fputs("\n  new: ", f);
    put_version(f, d, 1);
    fputc('\n', f);
    for (size_t i = 0; i < d->n;) {
        if (i == 0 || d->changes[i].section != d->changes[i - 1].section)
            fputc('\n', f);
        i = put_changes(f, d, i, false);
    }
}

static void md_version(FILE *f, const char *v)
{
    if (v)
        put_safe(f, v, true);
    else
        fputs("none", f);
}

static void md_header(const pw_diff *d, FILE *f)
{
    fputs("# Changes to '", f);
    put_safe(f, d->title, true);
    fprintf(f, "' (`%s`)\n\n", d->id);
    fputs("| | Old | New |\n|---|---|---|\n| Version | ", f);
    md_version(f, d->version[0]);
    fputs(" | ", f);
    md_version(f, d->version[1]);
    fprintf(f, " |\n| Content hash | `%s` | `%s` |\n\n", d->hash[0], d->hash[1]);
    if (d->n)
        fprintf(f, "%zu change%s.\n", d->n, d->n == 1 ? "" : "s");
    else
        fputs("No differences.\n", f);
}

static void write_md(const pw_diff *d, FILE *f)
{
    static const char *const headings[PW_DIFF_NSECTIONS] = {
        "The pathway", "Steps, questions and outcomes",
        "Removed steps, questions and outcomes", "Stages, contacts, forms and roles"};
    md_header(d, f);
    for (size_t i = 0; i < d->n;) {
        if (i == 0 || d->changes[i].section != d->changes[i - 1].section)
            fprintf(f, "\n## %s\n\n", headings[d->changes[i].section]);
        i = put_changes(f, d, i, true);
    }
    fputs("\n## Sign-off\n\nReviewed and approved by: ____________________  \n"
          "Role: ____________________  \nDate: ____________\n", f);
}

/* ==== JSON ============================================================= */

static json_t *jstr(const char *s)
{
    json_t *v = s ? json_string(s) : NULL;
    return v ? v : json_null();
}

static json_t *json_version(const pw_diff *d, int k)
{
    json_t *v = json_object();
    json_object_set_new(v, "version", jstr(d->version[k]));
    json_object_set_new(v, "content_hash", jstr(d->hash[k]));
    return v;
}

static json_t *json_change(const pw_change *c)
{
    json_t *v = json_object();
    json_object_set_new(v, "kind", jstr(c->kind));
    json_object_set_new(v, "what", jstr(c->what));
    json_object_set_new(v, "id", jstr(c->id));
    json_object_set_new(v, "title", jstr(c->title));
    json_object_set_new(v, "field", jstr(c->field));
    json_object_set_new(v, "old", jstr(c->old_value));
    json_object_set_new(v, "new", jstr(c->new_value));
    json_object_set_new(v, "note", jstr(c->note));
    return v;
}

static bool write_json(const pw_diff *d, FILE *f)
{
    json_t *root = json_object(), *changes = json_array();
    json_object_set_new(root, "format", json_string("pathway-diff"));
    json_object_set_new(root, "format_version", json_integer(1));
    json_object_set_new(root, "pathway", jstr(d->id));
    json_object_set_new(root, "title", jstr(d->title));
    json_object_set_new(root, "old", json_version(d, 0));
    json_object_set_new(root, "new", json_version(d, 1));
    json_object_set_new(root, "equal", json_boolean(d->n == 0));
    for (size_t i = 0; i < d->n; i++)
        json_array_append_new(changes, json_change(&d->changes[i]));
    json_object_set_new(root, "changes", changes);
    int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    fputc('\n', f);
    return rc == 0;
}

bool pw_diff_write(const pw_diff *d, pw_diff_format format, FILE *out)
{
    bool ok = true;
    if (format == PW_DIFF_JSON)
        ok = write_json(d, out);
    else if (format == PW_DIFF_MD)
        write_md(d, out);
    else
        write_text(d, out);
    return ok && fflush(out) == 0 && !ferror(out);
}
