/* save — a walk as JSON, and back.
 *
 *   {"format": "pathway-walk", "format_version": 2, "pathway": ID,
 *    "content_hash": HASH, "started": TIME, "from": NODE,
 *    "moves": [{"node": NODE, "move": "next" | "answer" | "score" |
 *               "criteria" | "done", "score": N,
 *               "ticked": [{"id": ID, "text": TEXT}], "step": NODE,
 *               "answer": ID, "to": NODE, "time": TIME}, ...]}
 *
 * Version 1 had no "done" moves, and its "ticked" were the criteria's
 * texts alone; it is still read. Restoring replays the moves through the
 * walk's own checks, so a restored walk is one the API could have made;
 * against a newer table, node ids go through its `replaces`.
 * docs/runtime.md has the details. */
#include "load.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

/* ---- saving --------------------------------------------------------------- */

typedef struct builder {
    bool failed;
} builder;

static void put(builder *b, json_t *obj, const char *key, json_t *v)
{
    if (json_object_set_new(obj, key, v) != 0)
        b->failed = true;
}

static void put_time(builder *b, json_t *obj, const char *key, int64_t t)
{
    char s[PWRT_TIME_SIZE];
    pwrt_format_time(t, s);
    put(b, obj, key, json_string(s));
}

static const char *const move_names[] = {NULL, "next", "answer", "score", "criteria",
                                         "done"};

/* The ticked criteria of move m, each by its id and text. */
static json_t *ticked_value(builder *b, const pathway_move *m)
{
    json_t *a = json_array();
    b->failed |= a == NULL;
    for (size_t i = 0; i < m->from->ncriteria; i++) {
        if (!m->ticked[i])
            continue;
        json_t *c = json_object();
        b->failed |= c == NULL;
        put(b, c, "id", json_string(m->from->criteria_ids[i]));
        put(b, c, "text", json_string(m->from->criteria[i]));
        if (json_array_append_new(a, c) != 0)
            b->failed = true;
    }
    return a;
}

static json_t *move_value(builder *b, const pathway_move *m)
{
    json_t *v = json_object();
    b->failed |= v == NULL;
    put(b, v, "node", json_string(m->from->id));
    put(b, v, "move", json_string(move_names[m->kind]));
    if (m->kind == PATHWAY_MOVE_SCORE)
        put(b, v, "score", json_integer(m->score));
    if (m->kind == PATHWAY_MOVE_CRITERIA)
        put(b, v, "ticked", ticked_value(b, m));
    if (m->kind == PATHWAY_MOVE_DONE)
        put(b, v, "step", json_string(m->step->id));
    if (m->kind == PATHWAY_MOVE_ANSWER || m->kind == PATHWAY_MOVE_CRITERIA)
        put(b, v, "answer", json_string(m->answer->id));
    put(b, v, "to", json_string(m->to->id));
    put_time(b, v, "time", m->time);
    return v;
}

static json_t *walk_value(builder *b, const pathway_walk *w)
{
    const pathway_info *in = &w->table->info;
    json_t *v = json_object(), *moves = json_array();
    b->failed |= !v || !moves;
    put(b, v, "format", json_string("pathway-walk"));
    put(b, v, "format_version", json_integer(PATHWAY_WALK_FORMAT_VERSION));
    put(b, v, "pathway", json_string(in->id));
    put(b, v, "content_hash", json_string(in->content_hash));
    put_time(b, v, "started", w->started);
    put(b, v, "from", json_string(w->from->id));
    for (size_t i = 0; i < w->nmoves; i++)
        if (json_array_append_new(moves, move_value(b, &w->moves[i])) != 0)
            b->failed = true;
    put(b, v, "moves", moves);
    return v;
}

PATHWAY_API char *pathway_walk_save(const pathway_walk *w, pathway_error *err)
{
    pwrt_init();
    pwrt_ok(err);
    if (!w) {
        pwrt_fail(err, PATHWAY_E_ARGUMENT, "", "no walk");
        return NULL;
    }
    builder b = {false};
    json_t *v = walk_value(&b, w);
    const size_t flags = JSON_INDENT(2);
    /* The text goes into our own buffer (not jansson's, whose allocator
     * a program may have replaced), so pathway_free frees it. */
    size_t n = b.failed ? 0 : json_dumpb(v, NULL, 0, flags);
    char *text = n ? malloc(n + 2) : NULL;
    if (text && json_dumpb(v, text, n, flags) == n) {
        text[n] = '\n';
        text[n + 1] = '\0';
    } else {
        free(text);
        text = NULL;
    }
    json_decref(v);
    if (!text)
        pwrt_fail(err, PATHWAY_E_NOMEM, "", "out of memory");
    return text;
}

/* ---- restoring --------------------------------------------------------- */

typedef struct restorer {
    pwrt_loader ld;        /* for the field readers; copies nothing */
    const pathway_table *t;
    int version;           /* the save's format_version */
    bool same;             /* saved against this very table */
    pathway_walk *w;
} restorer;

/* A problem with what the save says of the table: with the same table the
 * save is malformed; with a newer one the table does not take it. */
static pathway_code replay_code(const restorer *r)
{
    return r->same ? PATHWAY_E_SAVE : PATHWAY_E_REPLAY;
}

/* The node of this table a saved id stands for: the node of that id, or
 * (against a newer table) the node that replaces it. */
static const pathway_node *node_for(restorer *r, const pwrt_jv *obj, const char *at,
                                    const char *key)
{
    const pwrt_jv *v = pwrt_get(&r->ld, obj, at, key, PWRT_JSTRING, true);
    if (!v)
        return NULL;
    const char *id = pwrt_jstring(v);
    const pathway_node *n = pathway_table_find_node(r->t, id);
    if (!n && !r->same)
        n = pathway_table_find_replacement(r->t, id);
    if (n)
        return n;
    if (r->same)
        pwrt_ld_fail(&r->ld, PATHWAY_E_SAVE, pwrt_key(at, key).s, "no node has the id '%s'",
                     pwrt_show(id).s);
    else
        pwrt_ld_fail(&r->ld, PATHWAY_E_REMOVED, pwrt_key(at, key).s,
                     "node '%s' of the saved walk is not in this table, and no node "
                     "replaces it", pwrt_show(id).s);
    return NULL;
}

static bool time_of(restorer *r, const pwrt_jv *obj, const char *at, const char *key,
                    int64_t *t)
{
    const pwrt_jv *v = pwrt_get(&r->ld, obj, at, key, PWRT_JSTRING, true);
    if (!v)
        return false;
    if (!pwrt_parse_time(pwrt_jstring(v), t))
        return pwrt_ld_fail(&r->ld, PATHWAY_E_SAVE, pwrt_key(at, key).s,
                            "'%s' is not a time (YYYY-MM-DDTHH:MM:SSZ, from 1970)",
                            pwrt_show(pwrt_jstring(v)).s);
    return true;
}

/* The criterion of question q that saved text v at p names (version 1:
 * the first of that text): its index, or q->ncriteria with the problem
 * recorded. */
static size_t criterion_by_text(restorer *r, const pwrt_jv *v, const char *p,
                                const pathway_node *q)
{
    size_t k = 0;
    if (!pwrt_jv_is(v, PWRT_JSTRING)) {
        pwrt_ld_fail(&r->ld, PATHWAY_E_SAVE, p, "expected a string, found %s",
                     pwrt_type_name(v));
        return q->ncriteria;
    }
    while (k < q->ncriteria && strcmp(q->criteria[k], pwrt_jstring(v)) != 0)
        k++;
    if (k == q->ncriteria)
        pwrt_ld_fail(&r->ld, replay_code(r), p, "'%s' is not a criterion of question '%s'",
                     pwrt_show(pwrt_jstring(v)).s, q->id);
    return k;
}

/* The same for saved criterion {id, text} v (version 2): found by its id,
 * and its text must be the same, or the question has changed under it. */
static size_t criterion_by_id(restorer *r, const pwrt_jv *v, const char *p,
                              const pathway_node *q)
{
    if (!pwrt_jv_is(v, PWRT_JOBJECT)) {
        pwrt_ld_fail(&r->ld, PATHWAY_E_SAVE, p, "expected an object, found %s",
                     pwrt_type_name(v));
        return q->ncriteria;
    }
    const pwrt_jv *id = pwrt_get(&r->ld, v, p, "id", PWRT_JSTRING, true);
    const pwrt_jv *text = pwrt_get(&r->ld, v, p, "text", PWRT_JSTRING, true);
    if (!id || !text)
        return q->ncriteria;
    size_t k = 0;
    while (k < q->ncriteria && strcmp(q->criteria_ids[k], pwrt_jstring(id)) != 0)
        k++;
    if (k == q->ncriteria)
        pwrt_ld_fail(&r->ld, replay_code(r), pwrt_key(p, "id").s,
                     "question '%s' has no criterion '%s' to tick", q->id,
                     pwrt_show(pwrt_jstring(id)).s);
    else if (strcmp(q->criteria[k], pwrt_jstring(text)) != 0)
        pwrt_ld_fail(&r->ld, replay_code(r), pwrt_key(p, "text").s,
                     "criterion '%s' of question '%s' has changed: it was '%s' when the "
                     "walk was saved, and is '%s' now", q->criteria_ids[k], q->id,
                     pwrt_show(pwrt_jstring(text)).s, pwrt_show(q->criteria[k]).s);
    else
        return k;
    return q->ncriteria;
}

/* The ticked flags of question q from the saved criteria; the caller
 * frees them. */
static bool *ticked_of(restorer *r, const pwrt_jv *m, const char *at, const pathway_node *q)
{
    const pwrt_jv *list = pwrt_get(&r->ld, m, at, "ticked", PWRT_JARRAY, true);
    if (!list)
        return NULL;
    bool *ticked = calloc(q->ncriteria + 1, sizeof *ticked);
    if (!ticked) {
        pwrt_ld_nomem(&r->ld);
        return NULL;
    }
    for (size_t i = 0; i < pwrt_jarray_size(list) && !r->ld.failed; i++) {
        const pwrt_jv *v = pwrt_jarray_get(list, i);
        pwrt_path p = pwrt_item(pwrt_key(at, "ticked").s, i);
        size_t k = r->version >= 2 ? criterion_by_id(r, v, p.s, q)
                                   : criterion_by_text(r, v, p.s, q);
        if (k < q->ncriteria)
            ticked[k] = true;
    }
    if (r->ld.failed) {
        free(ticked);
        return NULL;
    }
    return ticked;
}

/* Makes saved move m (of kind `kind`) on the walk. */
static pathway_code make_move(restorer *r, const pwrt_jv *m, const char *at, int kind,
                              const int64_t *time, pathway_error *e)
{
    pathway_walk *w = r->w;
    const pathway_node *q = pathway_walk_current(w);
    if (kind == PATHWAY_MOVE_NEXT)
        return pwrt_walk_next_at(w, time, e);
    if (kind == PATHWAY_MOVE_DONE) {
        const pathway_node *step = node_for(r, m, at, "step");
        return step ? pwrt_walk_done_at(w, step->id, time, e) : PATHWAY_E_SAVE;
    }
    if (kind == PATHWAY_MOVE_SCORE) {
        int score = pwrt_int(&r->ld, m, at, "score", 0, true, NULL);
        return r->ld.failed ? PATHWAY_E_SAVE : pwrt_walk_score_at(w, score, time, e);
    }
    if (kind == PATHWAY_MOVE_CRITERIA && (q->kind != PATHWAY_QUESTION || !q->criteria_mode))
        return pwrt_walk_criteria_at(w, NULL, 0, time, e); /* the walk says why */
    const pwrt_jv *answer = pwrt_get(&r->ld, m, at, "answer", PWRT_JSTRING, true);
    if (!answer)
        return PATHWAY_E_SAVE;
    if (kind == PATHWAY_MOVE_ANSWER)
        return pwrt_walk_answer_at(w, pwrt_jstring(answer), time, e);
    bool *ticked = ticked_of(r, m, at, q);
    if (!ticked)
        return PATHWAY_E_SAVE;
    pathway_code c = pwrt_walk_criteria_at(w, ticked, q->ncriteria, time, e);
    free(ticked);
    const pathway_answer *a = c == PATHWAY_OK ? pathway_walk_move(w, w->nmoves - 1)->answer
                                              : NULL;
    if (a && strcmp(a->id, pwrt_jstring(answer)) != 0) {
        pwrt_ld_fail(&r->ld, replay_code(r), pwrt_key(at, "answer").s,
                     "the ticked criteria of question '%s' give '%s' in this table, not "
                     "'%s'", q->id, a->id, pwrt_show(pwrt_jstring(answer)).s);
        return replay_code(r);
    }
    return c;
}

/* Replays saved move i: made at the node the walk is at, taken by the
 * table, and leading where it led. */
static bool replay(restorer *r, const pwrt_jv *m, size_t i)
{
    pwrt_path at = pwrt_item("moves", i); /* an object: see find_nodes */
    const pathway_node *from = node_for(r, m, at.s, "node");
    /* "done" is a move of version 2 */
    int kind = pwrt_enum(&r->ld, m, at.s, "move", move_names, r->version >= 2 ? 6 : 5,
                         true);
    int64_t time = 0;
    time_of(r, m, at.s, "time", &time);
    if (r->ld.failed)
        return false;
    const pathway_node *cur = pathway_walk_current(r->w);
    if (from != cur)
        return pwrt_ld_fail(&r->ld, replay_code(r), pwrt_key(at.s, "node").s,
                            "the saved move was made at '%s', but the walk is at '%s' "
                            "in this table", pwrt_jstring(pwrt_jv_get(m, "node")),
                            cur->id);
    pathway_error e;
    pathway_code c = make_move(r, m, at.s, kind, &time, &e);
    if (r->ld.failed)
        return false;
    if (c != PATHWAY_OK)
        return pwrt_ld_fail(&r->ld, c == PATHWAY_E_NOMEM ? c : replay_code(r), at.s, "%s",
                            e.message);
    const pathway_node *to = node_for(r, m, at.s, "to");
    if (to && to != pathway_walk_current(r->w))
        return pwrt_ld_fail(&r->ld, replay_code(r), pwrt_key(at.s, "to").s,
                            "the saved move led to '%s', but in this table it leads to "
                            "'%s'", pwrt_jstring(pwrt_jv_get(m, "to")),
                            pathway_walk_current(r->w)->id);
    return !r->ld.failed;
}

/* format, format_version, pathway and content_hash: is this a save this
 * library reads, of this table's pathway? */
static bool check_header(restorer *r, const pwrt_jv *root)
{
    pwrt_loader *ld = &r->ld;
    const pwrt_jv *f = pwrt_jv_get(root, "format");
    if (!pwrt_jv_is(f, PWRT_JSTRING) || strcmp(pwrt_jstring(f), "pathway-walk") != 0)
        return pwrt_ld_fail(ld, PATHWAY_E_FORMAT, "format",
                            "%s (not a saved walk)", f ? "expected \"pathway-walk\"" :
                            "missing");
    const pwrt_jv *v = pwrt_jv_get(root, "format_version");
    if (!pwrt_jv_is(v, PWRT_JINTEGER) || pwrt_jinteger(v) < 1)
        return pwrt_ld_fail(ld, PATHWAY_E_FORMAT, "format_version", "%s",
                            v ? "not a format version" : "missing");
    if (pwrt_jinteger(v) > PATHWAY_WALK_FORMAT_VERSION)
        return pwrt_ld_fail(ld, PATHWAY_E_FORMAT, "format_version",
                            "%lld is newer than this library reads (%d)",
                            (long long)pwrt_jinteger(v), PATHWAY_WALK_FORMAT_VERSION);
    r->version = (int)pwrt_jinteger(v);
    const pwrt_jv *p = pwrt_get(ld, root, "", "pathway", PWRT_JSTRING, true);
    const pwrt_jv *h = pwrt_get(ld, root, "", "content_hash", PWRT_JSTRING, true);
    if (!p || !h)
        return false;
    if (strcmp(pwrt_jstring(p), r->t->info.id) != 0)
        return pwrt_ld_fail(ld, PATHWAY_E_PATHWAY, "pathway",
                            "the saved walk is of pathway '%s', not '%s'",
                            pwrt_show(pwrt_jstring(p)).s, r->t->info.id);
    r->same = strcmp(pwrt_jstring(h), r->t->info.content_hash) == 0;
    return true;
}

/* A saved walk holds the keys of its format_version and nothing else: one
 * no reader knows would be dropped the next time the walk is saved, so it
 * is refused rather than lost (a writer that adds a key makes a new
 * version). */
static const char *const walk_keys[] = {"format", "format_version", "pathway",
                                        "content_hash", "started", "from", "moves", NULL};
static const char *const move_keys[] = {"node", "move", "score", "ticked", "step",
                                        "answer", "to", "time", NULL};
static const char *const ticked_keys[] = {"id", "text", NULL};
static const char why_no_key[] = "a saved walk holds only the keys of its format_version; "
                                 "one a reader does not know would be lost when the walk is "
                                 "saved again";

/* Every node the save names, found before anything is replayed, so that a
 * node removed from a newer table is reported as such, whatever else
 * changed around it. */
static void find_nodes(restorer *r, const pwrt_jv *root, const pwrt_jv *moves)
{
    node_for(r, root, "", "from");
    for (size_t i = 0; i < pwrt_jarray_size(moves) && !r->ld.failed; i++) {
        const pwrt_jv *m = pwrt_jarray_get(moves, i);
        pwrt_path at = pwrt_item("moves", i);
        if (!pwrt_jv_is(m, PWRT_JOBJECT)) {
            pwrt_ld_fail(&r->ld, PATHWAY_E_SAVE, at.s, "expected an object, found %s",
                         pwrt_type_name(m));
            return;
        }
        if (!pwrt_only_keys(&r->ld, m, at.s, move_keys, "a move", why_no_key))
            return;
        const pwrt_jv *ticked = pwrt_jv_get(m, "ticked");
        for (size_t k = 0; k < pwrt_jarray_size(ticked); k++)
            if (!pwrt_only_keys(&r->ld, pwrt_jarray_get(ticked, k),
                                pwrt_item(pwrt_key(at.s, "ticked").s, k).s, ticked_keys,
                                "a ticked criterion", why_no_key))
                return;
        node_for(r, m, at.s, "node");
        node_for(r, m, at.s, "to");
        const char *move = pwrt_jstring(pwrt_jv_get(m, "move"));
        if (r->version >= 2 && move && strcmp(move, "done") == 0)
            node_for(r, m, at.s, "step");
    }
}

static void restore(restorer *r, const pwrt_jv *root, const pathway_clock *clock)
{
    if (!pwrt_jv_is(root, PWRT_JOBJECT)) {
        pwrt_ld_fail(&r->ld, PATHWAY_E_FORMAT, "", "expected an object at the top, found "
                     "%s (not a saved walk)", pwrt_type_name(root));
        return;
    }
    if (!check_header(r, root) ||
        !pwrt_only_keys(&r->ld, root, "", walk_keys, "a saved walk", why_no_key))
        return;
    int64_t started = 0;
    time_of(r, root, "", "started", &started);
    const pwrt_jv *moves = pwrt_get(&r->ld, root, "", "moves", PWRT_JARRAY, true);
    if (!r->ld.failed)
        find_nodes(r, root, moves);
    const pathway_node *from = node_for(r, root, "", "from");
    if (from && from->in)
        pwrt_ld_fail(&r->ld, replay_code(r), "from", "'%s' is a step inside together '%s': "
                     "a walk starts at the together", from->id, from->in->id);
    if (r->ld.failed)
        return;
    r->w = pwrt_walk_new(r->t, from, clock, started);
    const char *hash = pwrt_jstring(pwrt_jv_get(root, "content_hash"));
    if (r->w)
        r->w->saved_hash = malloc(strlen(hash) + 1);
    if (!r->w || !r->w->saved_hash) {
        pwrt_ld_nomem(&r->ld);
        return;
    }
    strcpy(r->w->saved_hash, hash);
    for (size_t i = 0; i < pwrt_jarray_size(moves) && !r->ld.failed; i++)
        replay(r, pwrt_jarray_get(moves, i), i);
}

PATHWAY_API pathway_walk *pathway_walk_restore(const pathway_table *t, const char *saved,
                                               size_t size, const pathway_clock *clock,
                                               pathway_error *err)
{
    pwrt_init();
    pwrt_ok(err);
    if (!t || (!saved && size)) {
        pwrt_fail(err, PATHWAY_E_ARGUMENT, "", t ? "no saved walk" : "no table");
        return NULL;
    }
    if (size > PATHWAY_WALK_MAX_BYTES) {
        pwrt_fail(err, PATHWAY_E_TOO_LARGE, "", "the saved walk is %zu bytes, more than "
                  "the %u MiB a saved walk may be", size,
                  PATHWAY_WALK_MAX_BYTES / (1024u * 1024u));
        return NULL;
    }
    pwrt_json_error je;
    pwrt_json *j = pwrt_json_parse_buffer(saved, size, NULL, &je);
    if (!j) {
        if (je.kind == PWRT_JSON_NOMEM)
            pwrt_fail(err, PATHWAY_E_NOMEM, "", "out of memory");
        else
            pwrt_fail(err, PATHWAY_E_JSON, "", "not JSON: line %zu, column %zu: %s",
                      je.line, je.column, je.text);
        return NULL;
    }
    const pwrt_jv *root = pwrt_json_root(j);
    restorer r = {.ld = {.t = NULL, .err = err, .malformed = PATHWAY_E_SAVE}, .t = t};
    restore(&r, root, clock);
    pwrt_json_free(j);
    if (r.ld.failed) {
        pathway_walk_free(r.w);
        return NULL;
    }
    return r.w;
}
