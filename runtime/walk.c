/* walk — a person's way through a table, one move at a time, with the
 * semantics of the compiler's scenario walks (compiler/scenario.c): a step
 * goes on to its next, a question where its answer (or the band holding
 * its score) leads, a together to its next once each of its steps is
 * marked done, an emergency outcome with a next on to it, and any other
 * outcome ends the walk. A refused move leaves the walk as it was.
 *
 * Which steps of a together are done is not kept apart: it is the run of
 * done moves at the end of the walk, the ones made since it came to the
 * together (a done move keeps the walk there, and any other move leaves),
 * so back undoes a step done like any move, and a walk that comes round
 * to the together again finds every step to do. */
#include "internal.h"

#include <stdio.h>
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
    if (from->in) {
        pwrt_fail(err, PATHWAY_E_KIND, "", "'%s' is a step inside together '%s': a walk "
                  "starts at the together", from->id, from->in->id);
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

/* An emergency outcome with a next is reached, and the walk goes on. */
PATHWAY_API bool pathway_walk_finished(const pathway_walk *w)
{
    const pathway_node *n = pathway_walk_current(w);
    return n && n->kind == PATHWAY_OUTCOME && !n->next;
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

/* ---- the steps done at a together ----------------------------------------- */

/* How many moves at the end of the walk are done moves: the steps done
 * at the together it is at. A together holds a few steps, so these are
 * plain scans of those moves. */
static size_t done_run(const pathway_walk *w)
{
    size_t k = 0;
    while (k < w->nmoves && w->moves[w->nmoves - 1 - k].kind == PATHWAY_MOVE_DONE)
        k++;
    return k;
}

static bool is_done(const pathway_walk *w, const pathway_node *step)
{
    for (size_t k = done_run(w); k > 0; k--)
        if (w->moves[w->nmoves - k].step == step)
            return true;
    return false;
}

PATHWAY_API bool pathway_walk_step_done(const pathway_walk *w, const pathway_node *step)
{
    return w && step && step->in && step->in == pathway_walk_current(w) && is_done(w, step);
}

PATHWAY_API size_t pathway_walk_done_count(const pathway_walk *w)
{
    return w ? done_run(w) : 0;
}

/* ---- moves ------------------------------------------------------------------ */

/* What to do at node n, for a refusal. */
static const char *what_to_do(const pathway_node *n)
{
    if (n->kind == PATHWAY_QUESTION)
        return "answer it";
    if (n->kind == PATHWAY_TOGETHER)
        return "mark its steps done, then go on with next";
    return "go on with next";
}

/* "a step", ...: the kind of node n, for a refusal. */
static const char *kind_of(const pathway_node *n)
{
    switch (n->kind) {
    case PATHWAY_STEP: return "a step";
    case PATHWAY_QUESTION: return "a question";
    case PATHWAY_TOGETHER: return "a together";
    default: return "an emergency outcome that goes on";
    }
}

/* The current node into *n when a move that needs a node of kind `want`
 * can be made there (for next, want is PATHWAY_STEP: any node that goes
 * on); else the error for the move. */
static pathway_code at_kind(pathway_walk *w, pathway_node_kind want,
                            const pathway_node **n, pathway_error *err)
{
    if (!w)
        return pwrt_fail(err, PATHWAY_E_ARGUMENT, "", "no walk");
    *n = pathway_walk_current(w);
    if (pathway_walk_finished(w))
        return pwrt_fail(err, PATHWAY_E_FINISHED, "", "the walk has ended, at outcome '%s'",
                         (*n)->id);
    if (want == PATHWAY_STEP && (*n)->kind == PATHWAY_QUESTION)
        return pwrt_fail(err, PATHWAY_E_KIND, "", "'%s' is a question: answer it",
                         (*n)->id);
    if (want != PATHWAY_STEP && (*n)->kind != want)
        return pwrt_fail(err, PATHWAY_E_KIND, "", "'%s' is %s, not %s: %s", (*n)->id,
                         kind_of(*n),
                         want == PATHWAY_QUESTION ? "a question" : "a together",
                         what_to_do(*n));
    return PATHWAY_OK;
}

/* At together g with steps not done: the error naming them (as many as
 * fit). */
static pathway_code steps_left(const pathway_walk *w, const pathway_node *g,
                               pathway_error *err)
{
    char left[320] = "";
    size_t used = 0, shown = 0, count = 0;
    for (size_t i = 0; i < g->nsteps; i++) {
        if (is_done(w, g->steps[i]))
            continue;
        count++;
        size_t n = strlen(g->steps[i]->id) + 4;
        if (used + n + 16 < sizeof left) {
            used += (size_t)snprintf(left + used, sizeof left - used, "%s'%s'",
                                     shown ? ", " : "", g->steps[i]->id);
            shown++;
        }
    }
    if (shown < count)
        snprintf(left + used, sizeof left - used, "%sand %zu more", shown ? ", " : "",
                 count - shown);
    return pwrt_fail(err, PATHWAY_E_STEPS_LEFT, "", "together '%s' has %s still to do: %s",
                     g->id, count == 1 ? "a step" : "steps", left);
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

/* Loading sees to it that every node a walk can be at but a question has
 * a next: a walk is never at a step inside a together (nothing leads
 * there, and it cannot start there). */
pathway_code pwrt_walk_next_at(pathway_walk *w, const int64_t *time, pathway_error *err)
{
    const pathway_node *n;
    pathway_code c = at_kind(w, PATHWAY_STEP, &n, err);
    if (c != PATHWAY_OK)
        return c;
    if (n->kind == PATHWAY_TOGETHER && done_run(w) < n->nsteps)
        return steps_left(w, n, err);
    pathway_move m = {.kind = PATHWAY_MOVE_NEXT, .from = n, .to = n->next};
    return push(w, m, time, err);
}

pathway_code pwrt_walk_done_at(pathway_walk *w, const char *step_id, const int64_t *time,
                               pathway_error *err)
{
    const pathway_node *g;
    pathway_code c = at_kind(w, PATHWAY_TOGETHER, &g, err);
    if (c != PATHWAY_OK)
        return c;
    if (!step_id)
        return pwrt_fail(err, PATHWAY_E_ARGUMENT, "", "no step id");
    const pathway_node *s = pathway_table_find_node(w->table, step_id);
    if (!s || s->in != g)
        return pwrt_fail(err, PATHWAY_E_STEP, "", "together '%s' has no step '%.200s'",
                         g->id, step_id);
    if (is_done(w, s))
        return pwrt_fail(err, PATHWAY_E_ALREADY_DONE, "", "step '%s' of together '%s' is "
                         "done already", s->id, g->id);
    pathway_move m = {.kind = PATHWAY_MOVE_DONE, .from = g, .to = g, .step = s};
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

/* Whether criterion c is met by the ticked texts: a text when it is
 * ticked, a nested list by its own mode over its texts. */
static bool item_met(const pathway_criterion *c, const bool *ticked)
{
    if (c->mode == PATHWAY_CRITERIA_NONE)
        return ticked[c->first];
    size_t k = 0;
    for (size_t j = 0; j < c->count; j++)
        k += ticked[c->first + j];
    return c->mode == PATHWAY_CRITERIA_ANY_OF ? k > 0 : k == c->count;
}

/* Whether the n items of a list of mode `mode` are met: any-of when one
 * item is, all-of when every item is. */
static bool met(pathway_criteria_mode mode, const pathway_criterion *items, size_t n,
                const bool *ticked)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += item_met(&items[i], ticked);
    return mode == PATHWAY_CRITERIA_ANY_OF ? count > 0 : count == n;
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
    bool yes = met(q->criteria_mode, q->criteria_items, q->ncriteria_items, ticked);
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

PATHWAY_API pathway_code pathway_walk_done(pathway_walk *w, const char *step_id,
                                           pathway_error *err)
{
    pwrt_ok(err);
    return pwrt_walk_done_at(w, step_id, NULL, err);
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
