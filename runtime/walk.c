/* walk — a person's way through a table, one move at a time, with the
 * semantics of the compiler's scenario walks (compiler/scenario.c): a step
 * goes on to its next, a question where its answer (or the band holding
 * its score) leads, and an outcome ends the walk. A refused move leaves
 * the walk as it was. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t system_now(void *ctx)
{
    (void)ctx;
    return (int64_t)time(NULL);
}

pathway_walk *pwrt_walk_new(const pathway_table *t, const pathway_node *from,
                            const pathway_clock *clock, int64_t started)
{
    pathway_walk *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->table = t;
    w->from = from;
    w->system_clock = !clock || !clock->now;
    w->clock = w->system_clock ? (pathway_clock){system_now, NULL} : *clock;
    w->started = pwrt_clamp_time(started);
    return w;
}

static int64_t now(const pathway_walk *w)
{
    return pwrt_clamp_time(w->clock.now(w->clock.ctx));
}

static pathway_walk *start(const pathway_table *t, const pathway_node *from,
                           const pathway_clock *clock, pathway_error *err)
{
    pathway_walk *w = pwrt_walk_new(t, from, clock, 0);
    if (!w) {
        pwrt_fail(err, PATHWAY_E_NOMEM, "", "out of memory");
        return NULL;
    }
    w->started = now(w);
    return w;
}

PATHWAY_API pathway_walk *pathway_walk_start(const pathway_table *t,
                                             const pathway_clock *clock,
                                             pathway_error *err)
{
    pwrt_ok(err);
    if (!t) {
        pwrt_fail(err, PATHWAY_E_ARGUMENT, "", "no table");
        return NULL;
    }
    return start(t, t->start, clock, err);
}

PATHWAY_API pathway_walk *pathway_walk_start_at(const pathway_table *t,
                                                const char *node_id,
                                                const pathway_clock *clock,
                                                pathway_error *err)
{
    pwrt_ok(err);
    if (!t || !node_id) {
        pwrt_fail(err, PATHWAY_E_ARGUMENT, "", t ? "no node id" : "no table");
        return NULL;
    }
    const pathway_node *from = pathway_table_find_node(t, node_id);
    if (!from) {
        pwrt_fail(err, PATHWAY_E_NOT_FOUND, "", "no node has the id '%.200s'", node_id);
        return NULL;
    }
    return start(t, from, clock, err);
}

PATHWAY_API void pathway_walk_free(pathway_walk *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->nmoves; i++)
        free((bool *)w->moves[i].ticked);
    free(w->moves);
    free(w->saved_hash);
    free(w);
}

/* ---- where the walk is ---------------------------------------------------- */

PATHWAY_API const pathway_table *pathway_walk_table(const pathway_walk *w)
{
    return w ? w->table : NULL;
}

PATHWAY_API const pathway_node *pathway_walk_current(const pathway_walk *w)
{
    if (!w)
        return NULL;
    return w->nmoves ? w->moves[w->nmoves - 1].to : w->from;
}

PATHWAY_API bool pathway_walk_finished(const pathway_walk *w)
{
    const pathway_node *n = pathway_walk_current(w);
    return n && n->kind == PATHWAY_OUTCOME;
}

PATHWAY_API const pathway_node *pathway_walk_outcome(const pathway_walk *w)
{
    return pathway_walk_finished(w) ? pathway_walk_current(w) : NULL;
}

PATHWAY_API int64_t pathway_walk_started(const pathway_walk *w)
{
    return w ? w->started : 0;
}

PATHWAY_API const char *pathway_walk_saved_hash(const pathway_walk *w)
{
    return w ? w->saved_hash : NULL;
}

PATHWAY_API size_t pathway_walk_move_count(const pathway_walk *w)
{
    return w ? w->nmoves : 0;
}

PATHWAY_API const pathway_move *pathway_walk_move(const pathway_walk *w, size_t i)
{
    return w && i < w->nmoves ? &w->moves[i] : NULL;
}

PATHWAY_API size_t pathway_walk_path_length(const pathway_walk *w)
{
    return w ? w->nmoves + 1 : 0;
}

PATHWAY_API const pathway_node *pathway_walk_path_node(const pathway_walk *w, size_t i)
{
    if (!w || i > w->nmoves)
        return NULL;
    return i == 0 ? w->from : w->moves[i - 1].to;
}

/* ---- moves ------------------------------------------------------------------ */

/* The current node into *n when it is of kind `want`; else the error for
 * a move that needs one. */
static pathway_code at_kind(pathway_walk *w, pathway_node_kind want,
                            const pathway_node **n, pathway_error *err)
{
    if (!w)
        return pwrt_fail(err, PATHWAY_E_ARGUMENT, "", "no walk");
    *n = pathway_walk_current(w);
    if ((*n)->kind == PATHWAY_OUTCOME)
        return pwrt_fail(err, PATHWAY_E_FINISHED, "", "the walk has ended, at outcome '%s'",
                         (*n)->id);
    if ((*n)->kind != want && want == PATHWAY_STEP)
        return pwrt_fail(err, PATHWAY_E_KIND, "", "'%s' is a question: answer it",
                         (*n)->id);
    if ((*n)->kind != want)
        return pwrt_fail(err, PATHWAY_E_KIND, "", "'%s' is a step, not a question: go on "
                         "with next", (*n)->id);
    return PATHWAY_OK;
}

/* Adds a move (taking ticked), stamped with *time or the clock. */
static pathway_code push(pathway_walk *w, pathway_move m, const int64_t *time,
                         pathway_error *err)
{
    if (w->nmoves == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 16;
        pathway_move *p = cap > w->cap && cap < SIZE_MAX / sizeof *p
                              ? realloc(w->moves, cap * sizeof *p)
                              : NULL;
        if (!p) {
            free((bool *)m.ticked);
            return pwrt_fail(err, PATHWAY_E_NOMEM, "", "out of memory");
        }
        w->moves = p;
        w->cap = cap;
    }
    m.time = time ? pwrt_clamp_time(*time) : now(w);
    w->moves[w->nmoves++] = m;
    return PATHWAY_OK;
}

pathway_code pwrt_walk_next_at(pathway_walk *w, const int64_t *time, pathway_error *err)
{
    const pathway_node *n;
    pathway_code c = at_kind(w, PATHWAY_STEP, &n, err);
    if (c != PATHWAY_OK)
        return c;
    pathway_move m = {.kind = PATHWAY_MOVE_NEXT, .from = n, .to = n->next};
    return push(w, m, time, err);
}

pathway_code pwrt_walk_answer_at(pathway_walk *w, const char *id, const int64_t *time,
                                 pathway_error *err)
{
    const pathway_node *q;
    pathway_code c = at_kind(w, PATHWAY_QUESTION, &q, err);
    if (c != PATHWAY_OK)
        return c;
    if (!id)
        return pwrt_fail(err, PATHWAY_E_ARGUMENT, "", "no answer id");
    if (q->scored)
        return pwrt_fail(err, PATHWAY_E_KIND, "", "question '%s' takes a score, not an "
                         "answer id", q->id);
    const pathway_answer *a = pathway_node_find_answer(q, id);
    if (!a)
        return pwrt_fail(err, PATHWAY_E_ANSWER, "", "question '%s' has no answer '%.200s'",
                         q->id, id);
    pathway_move m = {.kind = PATHWAY_MOVE_ANSWER, .from = q, .to = a->next, .answer = a};
    return push(w, m, time, err);
}

pathway_code pwrt_walk_score_at(pathway_walk *w, int score, const int64_t *time,
                                pathway_error *err)
{
    const pathway_node *q;
    pathway_code c = at_kind(w, PATHWAY_QUESTION, &q, err);
    if (c != PATHWAY_OK)
        return c;
    if (!q->scored)
        return pwrt_fail(err, PATHWAY_E_KIND, "", "question '%s' has no score", q->id);
    const pathway_answer *a = pathway_node_find_band(q, score);
    if (!a)
        return pwrt_fail(err, PATHWAY_E_SCORE, "", "%d is outside the scores of question "
                         "'%s', %d..%d", score, q->id, q->score_min, q->score_max);
    pathway_move m = {.kind = PATHWAY_MOVE_SCORE, .from = q, .to = a->next, .answer = a,
                      .score = score};
    return push(w, m, time, err);
}

pathway_code pwrt_walk_criteria_at(pathway_walk *w, const bool *ticked, size_t n,
                                   const int64_t *time, pathway_error *err)
{
    const pathway_node *q;
    pathway_code c = at_kind(w, PATHWAY_QUESTION, &q, err);
    if (c != PATHWAY_OK)
        return c;
    if (!q->criteria_mode)
        return pwrt_fail(err, PATHWAY_E_KIND, "", "question '%s' has no criteria", q->id);
    if (n != q->ncriteria || !ticked)
        return pwrt_fail(err, PATHWAY_E_ARGUMENT, "", "question '%s' has %zu criteria, "
                         "not %zu", q->id, q->ncriteria, ticked ? n : 0);
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ticked[i];
    bool yes = q->criteria_mode == PATHWAY_CRITERIA_ANY_OF ? count > 0 : count == n;
    const pathway_answer *a = pathway_node_find_answer(q, yes ? "yes" : "no");
    bool *copy = malloc(n * sizeof *copy);
    if (!copy)
        return pwrt_fail(err, PATHWAY_E_NOMEM, "", "out of memory");
    memcpy(copy, ticked, n * sizeof *copy);
    pathway_move m = {.kind = PATHWAY_MOVE_CRITERIA, .from = q, .to = a->next, .answer = a,
                      .ticked = copy};
    return push(w, m, time, err);
}

PATHWAY_API pathway_code pathway_walk_next(pathway_walk *w, pathway_error *err)
{
    pwrt_ok(err);
    return pwrt_walk_next_at(w, NULL, err);
}

PATHWAY_API pathway_code pathway_walk_answer(pathway_walk *w, const char *answer_id,
                                             pathway_error *err)
{
    pwrt_ok(err);
    return pwrt_walk_answer_at(w, answer_id, NULL, err);
}

PATHWAY_API pathway_code pathway_walk_score(pathway_walk *w, int score, pathway_error *err)
{
    pwrt_ok(err);
    return pwrt_walk_score_at(w, score, NULL, err);
}

PATHWAY_API pathway_code pathway_walk_criteria(pathway_walk *w, const bool *ticked,
                                               size_t n, pathway_error *err)
{
    pwrt_ok(err);
    return pwrt_walk_criteria_at(w, ticked, n, NULL, err);
}

PATHWAY_API pathway_code pathway_walk_back(pathway_walk *w, pathway_error *err)
{
    pwrt_ok(err);
    if (!w)
        return pwrt_fail(err, PATHWAY_E_ARGUMENT, "", "no walk");
    if (w->nmoves == 0)
        return pwrt_fail(err, PATHWAY_E_AT_START, "", "there is no move to undo: the walk "
                         "is where it started, at '%s'", w->from->id);
    w->nmoves--;
    free((bool *)w->moves[w->nmoves].ticked);
    w->moves[w->nmoves].ticked = NULL;
    return PATHWAY_OK;
}
