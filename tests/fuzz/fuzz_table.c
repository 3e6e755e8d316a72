/* fuzz_table — a libFuzzer harness for libpathway's table loader (and,
 * with the same input, the reader of saved walks).
 *
 * Each input is loaded as a table twice, with and without the content-hash
 * check (without it, inputs that are tables but for their hash get past
 * the loader). A table that loads is read and walked: every node found by
 * its id, every text of format 2 read (tbc lists, by_text, togethers and
 * their steps, criteria with their ids and items), a walk to an outcome
 * (or 200 moves) taking the first answer at each question and doing the
 * first step left at each together, saved, restored, compared, and undone
 * to its start. The input is also restored as a saved walk of two small
 * built-in tables, one of each format. Any crash, leak, sanitizer report
 * or broken invariant is a finding.
 *
 *   make build/fuzz/fuzz_table && build/fuzz/fuzz_table -runs=20000 \
 *       build/fuzz/work tests/fuzz/corpus/table */
#include "pathway.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)                                                                         \
    do {                                                                                 \
        if (!(x))                                                                        \
            abort();                                                                     \
    } while (0)

/* An error is filled whole: a code, a terminated message starting with
 * its where. */
static void check_error(const pathway_error *err)
{
    CHECK(err->code != PATHWAY_OK);
    CHECK(pathway_code_name(err->code) != NULL);
    CHECK(memchr(err->message, '\0', sizeof err->message) != NULL);
    CHECK(memchr(err->where, '\0', sizeof err->where) != NULL);
    CHECK(err->message[0] != '\0');
    CHECK(strncmp(err->message, err->where, strlen(err->where)) == 0);
}

static int64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return 1738314000;
}

static const pathway_clock clock_ = {fixed_clock, NULL};

/* At together g: the first of its steps not done yet, or next when all
 * are done. */
static pathway_code together(pathway_walk *w, const pathway_node *g)
{
    CHECK(pathway_walk_done_count(w) <= g->nsteps);
    for (size_t i = 0; i < g->nsteps; i++)
        if (!pathway_walk_step_done(w, g->steps[i])) {
            CHECK(pathway_walk_next(w, NULL) == PATHWAY_E_STEPS_LEFT);
            return pathway_walk_done(w, g->steps[i]->id, NULL);
        }
    CHECK(pathway_walk_done_count(w) == g->nsteps);
    return pathway_walk_next(w, NULL);
}

/* One move on from where w is: next (at a step, or an outcome that goes
 * on), a step done at a together, the first answer, the lowest score,
 * no criteria ticked. */
static pathway_code move_on(pathway_walk *w)
{
    const pathway_node *n = pathway_walk_current(w);
    CHECK(n->in == NULL); /* a walk is never inside a together */
    if (n->kind == PATHWAY_TOGETHER)
        return together(w, n);
    if (n->kind != PATHWAY_QUESTION)
        return pathway_walk_next(w, NULL);
    if (n->scored)
        return pathway_walk_score(w, n->score_min, NULL);
    if (n->criteria_mode) {
        bool *ticked = calloc(n->ncriteria, sizeof *ticked);
        pathway_code c = pathway_walk_criteria(w, ticked, n->ncriteria, NULL);
        free(ticked);
        return c;
    }
    return pathway_walk_answer(w, n->answers[0].id, NULL);
}

/* A tbc list: its count agrees with its array, every item is text. */
static size_t read_tbc(const char *const *tbc, size_t n)
{
    CHECK((tbc == NULL) == (n == 0));
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += strlen(tbc[i]);
    return total;
}

/* What format 2 added: read whole (ASan sees a bad pointer), and as the
 * format says (never by and by_text both; a format-1 table has none). */
static void read_format_2(const pathway_table *t)
{
    const pathway_info *in = pathway_table_info(t);
    size_t total = read_tbc(in->tbc, in->ntbc);
    CHECK(in->no_emergency_route || !in->emergency_route_text);
    for (size_t i = 0; i < pathway_table_stage_count(t); i++)
        total += read_tbc(pathway_table_stage(t, i)->tbc, pathway_table_stage(t, i)->ntbc);
    for (size_t i = 0; i < pathway_table_contact_count(t); i++)
        total += read_tbc(pathway_table_contact(t, i)->tbc,
                          pathway_table_contact(t, i)->ntbc);
    for (size_t i = 0; i < pathway_table_form_count(t); i++)
        total += read_tbc(pathway_table_form(t, i)->tbc, pathway_table_form(t, i)->ntbc);
    for (size_t i = 0; i < pathway_table_node_count(t); i++) {
        const pathway_node *n = pathway_table_node(t, i);
        CHECK(!(n->by && n->by_text));
        total += read_tbc(n->tbc, n->ntbc) + (n->by_text ? strlen(n->by_text) : 0);
        for (size_t k = 0; k < n->nanswers; k++)
            CHECK(n->answers[k].banded || n->answers[k].label != NULL);
    }
    CHECK(in->format_version >= 2 || (total == 0 && !in->area && !in->summary));
}

/* A question's criteria: every text has an id, the items cover the texts
 * once, in order. */
static void read_criteria(const pathway_node *n)
{
    CHECK((n->criteria_mode == PATHWAY_CRITERIA_NONE) == (n->ncriteria == 0));
    size_t next = 0;
    for (size_t i = 0; i < n->ncriteria_items; i++) {
        const pathway_criterion *c = &n->criteria_items[i];
        CHECK(c->first == next && c->count >= 1 && strlen(c->id) > 0);
        CHECK((c->mode == PATHWAY_CRITERIA_NONE) == (c->text != NULL));
        CHECK(c->mode != n->criteria_mode);
        next += c->count;
    }
    CHECK(next == n->ncriteria);
    for (size_t i = 0; i < n->ncriteria; i++)
        CHECK(strlen(n->criteria_ids[i]) + strlen(n->criteria[i]) > 0);
}

/* Togethers and their steps agree; every node but a question (and a step
 * inside a together) goes on, but an outcome that ends the walk. */
static void read_node(const pathway_node *n)
{
    CHECK(n->kind != PATHWAY_STEP || (n->next != NULL) != (n->in != NULL));
    CHECK(n->kind != PATHWAY_TOGETHER || (n->nsteps >= 2 && n->next != NULL));
    CHECK(!n->next || n->kind != PATHWAY_OUTCOME || n->outcome == PATHWAY_OUTCOME_EMERGENCY);
    for (size_t k = 0; k < n->nsteps; k++)
        CHECK(n->steps[k]->in == n && n->steps[k]->kind == PATHWAY_STEP);
    CHECK(!n->in || n->in->kind == PATHWAY_TOGETHER);
    read_criteria(n);
}

static void walk_table(const pathway_table *t)
{
    for (size_t i = 0; i < pathway_table_node_count(t); i++) {
        const pathway_node *n = pathway_table_node(t, i);
        CHECK(pathway_table_find_node(t, n->id) == n);
        for (size_t k = 0; k < n->nanswers; k++)
            CHECK(n->answers[k].next != NULL && n->answers[k].next->in == NULL);
        read_node(n);
    }
    read_format_2(t);
    pathway_walk *w = pathway_walk_start(t, &clock_, NULL);
    CHECK(w != NULL);
    for (int i = 0; i < 200 && !pathway_walk_finished(w); i++)
        CHECK(move_on(w) == PATHWAY_OK);
    CHECK(!pathway_walk_finished(w) || pathway_walk_outcome(w)->next == NULL);
    char *saved = pathway_walk_save(w, NULL);
    CHECK(saved != NULL);
    pathway_walk *r = pathway_walk_restore(t, saved, strlen(saved), &clock_, NULL);
    CHECK(r != NULL);
    CHECK(pathway_walk_current(r) == pathway_walk_current(w));
    CHECK(pathway_walk_move_count(r) == pathway_walk_move_count(w));
    pathway_free(saved);
    pathway_walk_free(r);
    while (pathway_walk_move_count(w) > 0)
        CHECK(pathway_walk_back(w, NULL) == PATHWAY_OK);
    CHECK(pathway_walk_back(w, NULL) == PATHWAY_E_AT_START);
    pathway_walk_free(w);
}

/* Small tables to restore inputs against as saved walks: of format 1,
 * and of format 2 with an emergency outcome that goes on to a together,
 * and nested criteria (tests/fuzz/corpus/table/walk-builtin*.json are
 * saves of walks of them). */
static const char builtin[] =
    "{\"format\":\"pathway-table\",\"format_version\":1,\"compiler\":\"pathwayc 0.1.0\","
    "\"content_hash\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\","
    "\"pathway\":{\"id\":\"demo\",\"title\":\"Demo\"},\"start\":\"risk\",\"stages\":[],"
    "\"contacts\":[],\"roles\":[],\"forms\":[],\"nodes\":["
    "{\"id\":\"risk\",\"kind\":\"question\",\"title\":\"R\",\"stage\":null,"
    "\"urgency\":\"routine\",\"answers\":[{\"id\":\"yes\",\"label\":\"Yes\",\"next\":\"call\"},"
    "{\"id\":\"no\",\"label\":\"No\",\"next\":\"talk\"}]},"
    "{\"id\":\"talk\",\"kind\":\"step\",\"title\":\"T\",\"stage\":null,"
    "\"urgency\":\"routine\",\"replaces\":[\"old\"],\"next\":\"dash\"},"
    "{\"id\":\"dash\",\"kind\":\"question\",\"title\":\"D\",\"stage\":null,"
    "\"urgency\":\"routine\",\"score\":{\"min\":0,\"max\":9},\"answers\":["
    "{\"band\":{\"min\":0,\"max\":4},\"next\":\"tick\"},{\"band\":{\"min\":5,\"max\":9},"
    "\"next\":\"call\"}]},"
    "{\"id\":\"tick\",\"kind\":\"question\",\"title\":\"A\",\"stage\":null,"
    "\"urgency\":\"routine\",\"answers\":[{\"id\":\"yes\",\"label\":\"Yes\",\"next\":\"call\"},"
    "{\"id\":\"no\",\"label\":\"No\",\"next\":\"nfa\"}],"
    "\"criteria\":{\"mode\":\"all-of\",\"items\":[\"One\",\"Two\"]}},"
    "{\"id\":\"call\",\"kind\":\"outcome\",\"title\":\"C\",\"stage\":null,"
    "\"urgency\":\"immediate\",\"outcome\":\"emergency\"},"
    "{\"id\":\"nfa\",\"kind\":\"outcome\",\"title\":\"N\",\"stage\":null,"
    "\"urgency\":\"routine\",\"outcome\":\"no-further-action\"}]}";

static const char builtin2[] =
    "{\"format\":\"pathway-table\",\"format_version\":2,\"compiler\":\"pathwayc 0.1.0\","
    "\"content_hash\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\","
    "\"pathway\":{\"id\":\"demo2\",\"title\":\"Demo\"},\"start\":\"risk\",\"stages\":[],"
    "\"contacts\":[],\"roles\":[],\"forms\":[],\"nodes\":["
    "{\"id\":\"risk\",\"kind\":\"question\",\"title\":\"R\",\"stage\":null,"
    "\"urgency\":\"routine\",\"answers\":[{\"id\":\"yes\",\"label\":\"Yes\",\"next\":\"call\"},"
    "{\"id\":\"no\",\"label\":\"No\",\"next\":\"tick\"}],"
    "\"criteria\":{\"mode\":\"all-of\",\"items\":[{\"id\":\"1\",\"text\":\"One\"},"
    "{\"id\":\"2\",\"mode\":\"any-of\",\"items\":[{\"id\":\"2.1\",\"text\":\"Two\"},"
    "{\"id\":\"2.2\",\"text\":\"Three\"}]}]}},"
    "{\"id\":\"call\",\"kind\":\"outcome\",\"title\":\"C\",\"stage\":null,"
    "\"urgency\":\"immediate\",\"next\":\"both\",\"outcome\":\"emergency\"},"
    "{\"id\":\"tick\",\"kind\":\"question\",\"title\":\"A\",\"stage\":null,"
    "\"urgency\":\"routine\",\"answers\":[{\"id\":\"yes\",\"label\":\"Yes\",\"next\":\"both\"},"
    "{\"id\":\"no\",\"label\":\"No\",\"next\":\"nfa\"}],"
    "\"criteria\":{\"mode\":\"any-of\",\"items\":[{\"id\":\"1\",\"text\":\"One\"},"
    "{\"id\":\"2\",\"mode\":\"all-of\",\"items\":[{\"id\":\"2.1\",\"text\":\"Two\"},"
    "{\"id\":\"2.2\",\"text\":\"Three\"}]}]}},"
    "{\"id\":\"both\",\"kind\":\"together\",\"title\":\"B\",\"stage\":null,"
    "\"urgency\":\"routine\",\"steps\":[\"b1\",\"b2\"],\"next\":\"nfa\"},"
    "{\"id\":\"b1\",\"kind\":\"step\",\"title\":\"B1\",\"stage\":null,"
    "\"urgency\":\"routine\",\"replaces\":[\"old\"],\"in\":\"both\"},"
    "{\"id\":\"b2\",\"kind\":\"step\",\"title\":\"B2\",\"stage\":null,"
    "\"urgency\":\"routine\",\"in\":\"both\"},"
    "{\"id\":\"nfa\",\"kind\":\"outcome\",\"title\":\"N\",\"stage\":null,"
    "\"urgency\":\"routine\",\"outcome\":\"no-further-action\"}]}";

static void restore_as_walk_of(const pathway_table *t, const uint8_t *data, size_t size)
{
    pathway_error err;
    pathway_walk *w = pathway_walk_restore(t, (const char *)data, size, &clock_, &err);
    if (!w) {
        check_error(&err);
        return;
    }
    CHECK(pathway_walk_current(w)->in == NULL);
    char *saved = pathway_walk_save(w, NULL);
    CHECK(saved != NULL);
    pathway_free(saved);
    pathway_walk_free(w);
}

static void restore_as_walk(const uint8_t *data, size_t size)
{
    static pathway_table *t1, *t2;
    if (!t1)
        t1 = pathway_table_load_buffer(builtin, strlen(builtin), PATHWAY_LOAD_NO_HASH_CHECK,
                                       NULL);
    if (!t2)
        t2 = pathway_table_load_buffer(builtin2, strlen(builtin2),
                                       PATHWAY_LOAD_NO_HASH_CHECK, NULL);
    CHECK(t1 != NULL && t2 != NULL);
    restore_as_walk_of(t1, data, size);
    restore_as_walk_of(t2, data, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned flags[] = {PATHWAY_LOAD_DEFAULT, PATHWAY_LOAD_NO_HASH_CHECK};
    for (size_t i = 0; i < 2; i++) {
        pathway_error err;
        pathway_table *t = pathway_table_load_buffer(data, size, flags[i], &err);
        if (t) {
            CHECK(err.code == PATHWAY_OK);
            walk_table(t);
            pathway_table_free(t);
        } else {
            check_error(&err);
        }
    }
    restore_as_walk(data, size);
    return 0;
}
