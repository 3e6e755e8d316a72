/* Walks on tests/runtime/kinds.pathway's table: every move, every refusal
 * (each leaving the walk unchanged), back to the start, the path, a loop,
 * walks from a given node, the clock, and separate walks of one table in
 * several threads at once; a walk of format2.pathway's table, whose bands
 * have labels; and walks of forms.pathway's: at a together (its steps
 * done in any order, every refusal, back, coming round to it again), past
 * an emergency outcome that goes on, and nested criteria. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct fixture {
    pathway_table *t;
    test_clock clock;
    pathway_walk *w;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->t = load_table("kinds.json");
    pathway_clock c = clock_of(&f->clock);
    f->w = pathway_walk_start(f->t, &c, NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    pathway_walk_free(f->w);
    pathway_table_free(f->t);
    free(f);
    return 0;
}

static const char *at(const fixture *f)
{
    return pathway_walk_current(f->w)->id;
}

/* A refused move: its code and message, and the walk as it was. */
static void refused(fixture *f, pathway_code got, pathway_error *err, pathway_code code,
                    const char *message, size_t moves, const char *node)
{
    assert_int_equal(got, code);
    assert_int_equal(err->code, code);
    assert_string_equal(err->where, "");
    assert_string_equal(err->message, message);
    assert_int_equal(pathway_walk_move_count(f->w), moves);
    assert_string_equal(at(f), node);
}

static void test_start(void **state)
{
    fixture *f = *state;
    assert_non_null(f->w);
    assert_ptr_equal(pathway_walk_table(f->w), f->t);
    assert_ptr_equal(pathway_walk_current(f->w), pathway_table_start(f->t));
    assert_false(pathway_walk_finished(f->w));
    assert_null(pathway_walk_outcome(f->w));
    assert_int_equal(pathway_walk_move_count(f->w), 0);
    assert_int_equal(pathway_walk_path_length(f->w), 1);
    assert_ptr_equal(pathway_walk_path_node(f->w, 0), pathway_table_start(f->t));
    assert_null(pathway_walk_path_node(f->w, 1));
    assert_null(pathway_walk_move(f->w, 0));
    assert_int_equal(pathway_walk_started(f->w), TEST_CLOCK_START);
    assert_null(pathway_walk_saved_hash(f->w));
}

static void test_answer_and_next(void **state)
{
    fixture *f = *state;
    pathway_error err;
    assert_int_equal(pathway_walk_answer(f->w, "no", &err), PATHWAY_OK);
    assert_int_equal(err.code, PATHWAY_OK);
    assert_string_equal(at(f), "act");
    const pathway_move *m = pathway_walk_move(f->w, 0);
    const pathway_node *risk = pathway_table_find_node(f->t, "risk");
    assert_int_equal(m->kind, PATHWAY_MOVE_ANSWER);
    assert_ptr_equal(m->from, risk);
    assert_ptr_equal(m->to, pathway_walk_current(f->w));
    assert_ptr_equal(m->answer, &risk->answers[1]);
    assert_null(m->ticked);
    assert_int_equal(m->time, TEST_CLOCK_START + 60);
    assert_int_equal(pathway_walk_next(f->w, &err), PATHWAY_OK);
    assert_string_equal(at(f), "level");
    m = pathway_walk_move(f->w, 1);
    assert_int_equal(m->kind, PATHWAY_MOVE_NEXT);
    assert_null(m->answer);
    assert_int_equal(m->time, TEST_CLOCK_START + 120);
}

static void test_wrong_moves(void **state)
{
    fixture *f = *state;
    pathway_error err;
    refused(f, pathway_walk_next(f->w, &err), &err, PATHWAY_E_KIND,
            "'risk' is a question: answer it", 0, "risk");
    refused(f, pathway_walk_answer(f->w, "perhaps", &err), &err, PATHWAY_E_ANSWER,
            "question 'risk' has no answer 'perhaps'", 0, "risk");
    refused(f, pathway_walk_score(f->w, 3, &err), &err, PATHWAY_E_KIND,
            "question 'risk' has no score", 0, "risk");
    bool ticked[3] = {true, false, false};
    refused(f, pathway_walk_criteria(f->w, ticked, 3, &err), &err, PATHWAY_E_KIND,
            "question 'risk' has no criteria", 0, "risk");
    refused(f, pathway_walk_answer(f->w, NULL, &err), &err, PATHWAY_E_ARGUMENT,
            "no answer id", 0, "risk");
    assert_int_equal(pathway_walk_answer(f->w, "no", &err), PATHWAY_OK);
    refused(f, pathway_walk_answer(f->w, "yes", &err), &err, PATHWAY_E_KIND,
            "'act' is a step, not a question: go on with next", 1, "act");
    refused(f, pathway_walk_score(f->w, 1, &err), &err, PATHWAY_E_KIND,
            "'act' is a step, not a question: go on with next", 1, "act");
    refused(f, pathway_walk_criteria(f->w, ticked, 3, &err), &err, PATHWAY_E_KIND,
            "'act' is a step, not a question: go on with next", 1, "act");
    /* refused moves do not read the clock */
    assert_int_equal(pathway_walk_next(f->w, &err), PATHWAY_OK);
    assert_int_equal(pathway_walk_move(f->w, 1)->time, TEST_CLOCK_START + 120);
}

static void test_score(void **state)
{
    fixture *f = *state;
    pathway_error err;
    const char *to_dash[] = {"no", "low"};
    walk_on(f->w, to_dash, 2);
    assert_int_equal(pathway_walk_next(f->w, &err), PATHWAY_E_KIND);
    assert_string_equal(at(f), "dash");
    refused(f, pathway_walk_answer(f->w, "low", &err), &err, PATHWAY_E_KIND,
            "question 'dash' takes a score, not an answer id", 3, "dash");
    refused(f, pathway_walk_score(f->w, 11, &err), &err, PATHWAY_E_SCORE,
            "11 is outside the scores of question 'dash', 0..10", 3, "dash");
    refused(f, pathway_walk_score(f->w, -1, &err), &err, PATHWAY_E_SCORE,
            "-1 is outside the scores of question 'dash', 0..10", 3, "dash");
    assert_int_equal(pathway_walk_score(f->w, 5, &err), PATHWAY_OK);
    assert_string_equal(at(f), "urgent");
    const pathway_move *m = pathway_walk_move(f->w, 3);
    assert_int_equal(m->kind, PATHWAY_MOVE_SCORE);
    assert_int_equal(m->score, 5);
    assert_ptr_equal(m->answer, &m->from->answers[1]);
    assert_int_equal(pathway_walk_back(f->w, &err), PATHWAY_OK);
    assert_int_equal(pathway_walk_score(f->w, 4, &err), PATHWAY_OK);
    assert_string_equal(at(f), "nfa");
}

static void test_criteria(void **state)
{
    fixture *f = *state;
    pathway_error err;
    const char *to_urgent[] = {"no", "low", "7"};
    walk_on(f->w, to_urgent, 3);
    assert_string_equal(at(f), "urgent");
    bool ticked[3] = {false, false, false};
    refused(f, pathway_walk_criteria(f->w, ticked, 2, &err), &err, PATHWAY_E_ARGUMENT,
            "question 'urgent' has 3 criteria, not 2", 4, "urgent");
    refused(f, pathway_walk_criteria(f->w, NULL, 3, &err), &err, PATHWAY_E_ARGUMENT,
            "question 'urgent' has 3 criteria, not 0", 4, "urgent");
    /* any-of, none ticked: no */
    assert_int_equal(pathway_walk_criteria(f->w, ticked, 3, &err), PATHWAY_OK);
    assert_string_equal(at(f), "serious");
    const pathway_move *m = pathway_walk_move(f->w, 4);
    assert_int_equal(m->kind, PATHWAY_MOVE_CRITERIA);
    assert_string_equal(m->answer->id, "no");
    /* all-of, one of two: no; both: yes. The flags are copied. */
    bool one[2] = {true, false}, both[2] = {true, true};
    assert_int_equal(pathway_walk_criteria(f->w, one, 2, &err), PATHWAY_OK);
    assert_string_equal(at(f), "watch");
    assert_int_equal(pathway_walk_back(f->w, &err), PATHWAY_OK);
    assert_int_equal(pathway_walk_criteria(f->w, both, 2, &err), PATHWAY_OK);
    assert_string_equal(at(f), "referred");
    both[0] = false;
    m = pathway_walk_move(f->w, 5);
    assert_true(m->ticked[0] && m->ticked[1]);
    /* any-of, one ticked: yes; a criteria question also takes yes/no */
    pathway_walk_back(f->w, &err);
    pathway_walk_back(f->w, &err);
    ticked[1] = true;
    assert_int_equal(pathway_walk_criteria(f->w, ticked, 3, &err), PATHWAY_OK);
    assert_string_equal(at(f), "call_999");
    pathway_walk_back(f->w, &err);
    assert_int_equal(pathway_walk_answer(f->w, "yes", &err), PATHWAY_OK);
    assert_string_equal(at(f), "call_999");
}

static void test_finished(void **state)
{
    fixture *f = *state;
    pathway_error err;
    assert_int_equal(pathway_walk_answer(f->w, "yes", &err), PATHWAY_OK);
    assert_true(pathway_walk_finished(f->w));
    assert_ptr_equal(pathway_walk_outcome(f->w), pathway_table_find_node(f->t, "call_999"));
    refused(f, pathway_walk_next(f->w, &err), &err, PATHWAY_E_FINISHED,
            "the walk has ended, at outcome 'call_999'", 1, "call_999");
    refused(f, pathway_walk_answer(f->w, "yes", &err), &err, PATHWAY_E_FINISHED,
            "the walk has ended, at outcome 'call_999'", 1, "call_999");
    refused(f, pathway_walk_score(f->w, 1, &err), &err, PATHWAY_E_FINISHED,
            "the walk has ended, at outcome 'call_999'", 1, "call_999");
    /* without an error struct the code is the same */
    assert_int_equal(pathway_walk_next(f->w, NULL), PATHWAY_E_FINISHED);
    assert_int_equal(pathway_walk_answer(f->w, "x", NULL), PATHWAY_E_FINISHED);
}

static void test_back(void **state)
{
    fixture *f = *state;
    pathway_error err;
    refused(f, pathway_walk_back(f->w, &err), &err, PATHWAY_E_AT_START,
            "there is no move to undo: the walk is where it started, at 'risk'", 0, "risk");
    const char *answers[] = {"no", "low", "9", "ticked:", "ticked:1,2"};
    assert_int_equal(walk_on(f->w, answers, 5), PATHWAY_OK);
    assert_string_equal(at(f), "referred");
    size_t n = pathway_walk_move_count(f->w);
    assert_int_equal(n, 6);
    const char *back_to[] = {"serious", "urgent", "dash", "level", "act", "risk"};
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(pathway_walk_back(f->w, &err), PATHWAY_OK);
        assert_string_equal(at(f), back_to[i]);
        assert_int_equal(pathway_walk_move_count(f->w), n - i - 1);
    }
    assert_int_equal(pathway_walk_back(f->w, NULL), PATHWAY_E_AT_START);
    /* and on again, another way */
    assert_int_equal(pathway_walk_answer(f->w, "yes", &err), PATHWAY_OK);
    assert_string_equal(at(f), "call_999");
}

/* level: unsure goes back round to act; the path holds both visits. */
static void test_loop_and_path(void **state)
{
    fixture *f = *state;
    const char *answers[] = {"no", "unsure", "unsure", "high"};
    assert_int_equal(walk_on(f->w, answers, 4), PATHWAY_OK);
    const char *path[] = {"risk", "act", "level", "act", "level", "act", "level", "referred"};
    size_t n = sizeof path / sizeof path[0];
    assert_int_equal(pathway_walk_path_length(f->w), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(pathway_walk_path_node(f->w, i)->id, path[i]);
    for (size_t i = 0; i + 1 < n; i++) {
        const pathway_move *m = pathway_walk_move(f->w, i);
        assert_ptr_equal(m->from, pathway_walk_path_node(f->w, i));
        assert_ptr_equal(m->to, pathway_walk_path_node(f->w, i + 1));
        assert_int_equal(m->time, TEST_CLOCK_START + 60 * (int64_t)(i + 1));
    }
}

static void test_start_at(void **state)
{
    fixture *f = *state;
    pathway_error err;
    pathway_walk *w = pathway_walk_start_at(f->t, "watch", NULL, &err);
    assert_non_null(w);
    assert_true(pathway_walk_finished(w));
    assert_string_equal(pathway_walk_outcome(w)->id, "watch");
    pathway_walk_free(w);
    w = pathway_walk_start_at(f->t, "dash", NULL, &err);
    assert_int_equal(pathway_walk_score(w, 0, &err), PATHWAY_OK);
    assert_string_equal(pathway_walk_outcome(w)->id, "nfa");
    assert_int_equal(pathway_walk_back(w, &err), PATHWAY_OK);
    assert_int_equal(pathway_walk_back(w, &err), PATHWAY_E_AT_START);
    assert_string_equal(err.message, "there is no move to undo: the walk is where it "
                                     "started, at 'dash'");
    pathway_walk_free(w);
    assert_null(pathway_walk_start_at(f->t, "nowhere", NULL, &err));
    assert_int_equal(err.code, PATHWAY_E_NOT_FOUND);
    assert_string_equal(err.message, "no node has the id 'nowhere'");
    assert_null(pathway_walk_start_at(f->t, NULL, NULL, &err));
    assert_int_equal(err.code, PATHWAY_E_ARGUMENT);
    assert_null(pathway_walk_start_at(NULL, "risk", NULL, &err));
    assert_int_equal(err.code, PATHWAY_E_ARGUMENT);
    assert_null(pathway_walk_start(NULL, NULL, &err));
    assert_int_equal(err.code, PATHWAY_E_ARGUMENT);
}

static void test_system_clock(void **state)
{
    fixture *f = *state;
    int64_t before = (int64_t)time(NULL);
    pathway_walk *w = pathway_walk_start(f->t, NULL, NULL);
    pathway_clock no_now = {NULL, NULL}; /* also the system clock */
    pathway_walk *w2 = pathway_walk_start(f->t, &no_now, NULL);
    assert_int_equal(pathway_walk_answer(w, "yes", NULL), PATHWAY_OK);
    int64_t after = (int64_t)time(NULL);
    assert_true(pathway_walk_started(w) >= before && pathway_walk_started(w) <= after);
    assert_true(pathway_walk_move(w, 0)->time >= before);
    assert_true(pathway_walk_move(w, 0)->time <= after);
    assert_true(pathway_walk_started(w2) >= before);
    pathway_walk_free(w);
    pathway_walk_free(w2);
}

static void test_null_walk(void **state)
{
    (void)state;
    pathway_error err;
    assert_int_equal(pathway_walk_next(NULL, &err), PATHWAY_E_ARGUMENT);
    assert_string_equal(err.message, "no walk");
    assert_int_equal(pathway_walk_answer(NULL, "yes", &err), PATHWAY_E_ARGUMENT);
    assert_int_equal(pathway_walk_score(NULL, 1, &err), PATHWAY_E_ARGUMENT);
    assert_int_equal(pathway_walk_criteria(NULL, NULL, 0, &err), PATHWAY_E_ARGUMENT);
    assert_int_equal(pathway_walk_back(NULL, &err), PATHWAY_E_ARGUMENT);
    assert_null(pathway_walk_current(NULL));
    assert_null(pathway_walk_table(NULL));
    assert_false(pathway_walk_finished(NULL));
    assert_null(pathway_walk_outcome(NULL));
    assert_int_equal(pathway_walk_move_count(NULL), 0);
    assert_int_equal(pathway_walk_path_length(NULL), 0);
    assert_null(pathway_walk_path_node(NULL, 0));
    assert_int_equal(pathway_walk_started(NULL), 0);
    pathway_walk_free(NULL);
}

/* Four threads walk one table at once, each its own walks, saving and
 * restoring them: nothing is shared but the (read-only) table. */
typedef struct job {
    const pathway_table *t;
    int ok;
} job;

static void *walker(void *arg)
{
    job *j = arg;
    const char *answers[] = {"no", "unsure", "low", "7", "ticked:", "ticked:1"};
    for (int i = 0; i < 200; i++) {
        test_clock c = {0};
        pathway_clock clock = clock_of(&c);
        pathway_walk *w = pathway_walk_start(j->t, &clock, NULL);
        bool ok = walk_on(w, answers, 6) == PATHWAY_OK;
        char *saved = pathway_walk_save(w, NULL);
        pathway_walk *r = pathway_walk_restore(j->t, saved, strlen(saved), &clock, NULL);
        ok = ok && r && pathway_walk_outcome(r) == pathway_walk_outcome(w) &&
             strcmp(pathway_walk_outcome(r)->id, "watch") == 0;
        j->ok += ok;
        pathway_free(saved);
        pathway_walk_free(r);
        pathway_walk_free(w);
    }
    return NULL;
}

static void test_threads(void **state)
{
    fixture *f = *state;
    pthread_t threads[4];
    job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (job){f->t, 0};
        assert_int_equal(pthread_create(&threads[i], NULL, walker, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(jobs[i].ok, 200);
    }
}

/* A band taken is the move's answer, with its label when it has one. */
static void test_band_labels(void **state)
{
    (void)state;
    pathway_table *t = load_table("format2.json");
    test_clock tc = {0};
    pathway_clock c = clock_of(&tc);
    for (int high = 0; high < 2; high++) {
        pathway_walk *w = pathway_walk_start(t, &c, NULL);
        assert_int_equal(pathway_walk_next(w, NULL), PATHWAY_OK);
        assert_int_equal(pathway_walk_score(w, high ? 27 : 13, NULL), PATHWAY_OK);
        const pathway_move *m = pathway_walk_move(w, 1);
        assert_int_equal(m->kind, PATHWAY_MOVE_SCORE);
        assert_true(m->answer->banded);
        if (high)
            assert_null(m->answer->label);
        else
            assert_string_equal(m->answer->label, "Standard risk");
        assert_string_equal(pathway_walk_outcome(w)->id, high ? "refer" : "advice");
        pathway_walk_free(w);
    }
    pathway_table_free(t);
}

/* ---- format 2's shapes: tests/runtime/forms.pathway ---------------------- */

static int setup_forms(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->t = load_table("forms.json");
    pathway_clock c = clock_of(&f->clock);
    f->w = pathway_walk_start(f->t, &c, NULL);
    *state = f;
    return 0;
}

static const pathway_node *find(const fixture *f, const char *id)
{
    const pathway_node *n = pathway_table_find_node(f->t, id);
    if (!n)
        fail_msg("no node %s", id);
    return n;
}

/* Done step `id` at the together: a move of its own, the walk still there. */
static void done(fixture *f, const char *id)
{
    pathway_error err;
    size_t before = pathway_walk_move_count(f->w);
    assert_int_equal(pathway_walk_done(f->w, id, &err), PATHWAY_OK);
    assert_int_equal(err.code, PATHWAY_OK);
    const pathway_move *m = pathway_walk_move(f->w, before);
    assert_int_equal(m->kind, PATHWAY_MOVE_DONE);
    assert_ptr_equal(m->from, pathway_walk_current(f->w));
    assert_ptr_equal(m->to, m->from);
    assert_ptr_equal(m->step, find(f, id));
    assert_null(m->answer);
    assert_null(m->ticked);
    assert_true(pathway_walk_step_done(f->w, find(f, id)));
}

static void test_together(void **state)
{
    fixture *f = *state;
    pathway_error err;
    bool ticked[3] = {true, true, false}; /* 1 and 2.1 */
    assert_int_equal(pathway_walk_answer(f->w, "no", &err), PATHWAY_OK);
    assert_int_equal(pathway_walk_criteria(f->w, ticked, 3, &err), PATHWAY_OK);
    assert_string_equal(at(f), "refer_both");
    const pathway_node *g = pathway_walk_current(f->w);
    assert_false(pathway_walk_finished(f->w));
    assert_int_equal(pathway_walk_done_count(f->w), 0);
    refused(f, pathway_walk_next(f->w, &err), &err, PATHWAY_E_STEPS_LEFT,
            "together 'refer_both' has steps still to do: 'refer_climb', 'refer_branch', "
            "'tell_parents'", 2, "refer_both");
    refused(f, pathway_walk_answer(f->w, "yes", &err), &err, PATHWAY_E_KIND,
            "'refer_both' is a together, not a question: mark its steps done, then go on "
            "with next", 2, "refer_both");
    refused(f, pathway_walk_score(f->w, 1, &err), &err, PATHWAY_E_KIND,
            "'refer_both' is a together, not a question: mark its steps done, then go on "
            "with next", 2, "refer_both");
    /* in any order: the last first */
    done(f, "tell_parents");
    assert_int_equal(pathway_walk_done_count(f->w), 1);
    assert_false(pathway_walk_step_done(f->w, g->steps[0]));
    assert_int_equal(pathway_walk_move(f->w, 2)->time, TEST_CLOCK_START + 180);
    refused(f, pathway_walk_done(f->w, "tell_parents", &err), &err, PATHWAY_E_ALREADY_DONE,
            "step 'tell_parents' of together 'refer_both' is done already", 3, "refer_both");
    refused(f, pathway_walk_done(f->w, "tell_dsl", &err), &err, PATHWAY_E_STEP,
            "together 'refer_both' has no step 'tell_dsl'", 3, "refer_both");
    refused(f, pathway_walk_done(f->w, "refer_both", &err), &err, PATHWAY_E_STEP,
            "together 'refer_both' has no step 'refer_both'", 3, "refer_both");
    refused(f, pathway_walk_done(f->w, "nowhere", &err), &err, PATHWAY_E_STEP,
            "together 'refer_both' has no step 'nowhere'", 3, "refer_both");
    refused(f, pathway_walk_done(f->w, NULL, &err), &err, PATHWAY_E_ARGUMENT, "no step id",
            3, "refer_both");
    done(f, "refer_climb");
    refused(f, pathway_walk_next(f->w, &err), &err, PATHWAY_E_STEPS_LEFT,
            "together 'refer_both' has a step still to do: 'refer_branch'", 4, "refer_both");
    /* back makes a step not done again */
    assert_int_equal(pathway_walk_back(f->w, &err), PATHWAY_OK);
    assert_false(pathway_walk_step_done(f->w, g->steps[0]));
    assert_true(pathway_walk_step_done(f->w, g->steps[2]));
    assert_int_equal(pathway_walk_done_count(f->w), 1);
    done(f, "refer_branch");
    done(f, "refer_climb");
    assert_int_equal(pathway_walk_done_count(f->w), 3);
    assert_int_equal(pathway_walk_next(f->w, &err), PATHWAY_OK);
    assert_string_equal(at(f), "review");
    const pathway_move *m = pathway_walk_move(f->w, 5);
    assert_int_equal(m->kind, PATHWAY_MOVE_NEXT);
    assert_ptr_equal(m->from, g);
    assert_null(m->step);
    /* the path: the together once for each move made there */
    const char *path[] = {"risk", "eligible", "refer_both", "refer_both", "refer_both",
                          "refer_both", "review"};
    assert_int_equal(pathway_walk_path_length(f->w), 7);
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(pathway_walk_path_node(f->w, i)->id, path[i]);
    /* away from it, nothing is done */
    assert_int_equal(pathway_walk_done_count(f->w), 0);
    assert_false(pathway_walk_step_done(f->w, g->steps[0]));
    refused(f, pathway_walk_done(f->w, "refer_climb", &err), &err, PATHWAY_E_KIND,
            "'review' is a question, not a together: answer it", 6, "review");
    /* back to the together: all done, as they were */
    assert_int_equal(pathway_walk_back(f->w, &err), PATHWAY_OK);
    assert_int_equal(pathway_walk_done_count(f->w), 3);
    assert_int_equal(pathway_walk_next(f->w, &err), PATHWAY_OK);
    /* round again: every step to do again */
    assert_int_equal(pathway_walk_answer(f->w, "yes", &err), PATHWAY_OK);
    assert_ptr_equal(pathway_walk_current(f->w), g);
    assert_int_equal(pathway_walk_done_count(f->w), 0);
    for (size_t i = 0; i < g->nsteps; i++)
        assert_false(pathway_walk_step_done(f->w, g->steps[i]));
    const char *on[] = {"no"};
    assert_int_equal(walk_on(f->w, on, 1), PATHWAY_OK);
    assert_string_equal(pathway_walk_outcome(f->w)->id, "referred");
}

static void test_not_at_a_together(void **state)
{
    fixture *f = *state;
    pathway_error err;
    refused(f, pathway_walk_done(f->w, "refer_climb", &err), &err, PATHWAY_E_KIND,
            "'risk' is a question, not a together: answer it", 0, "risk");
    assert_int_equal(pathway_walk_answer(f->w, "yes", &err), PATHWAY_OK);
    assert_int_equal(pathway_walk_next(f->w, &err), PATHWAY_OK);
    refused(f, pathway_walk_done(f->w, "refer_climb", &err), &err, PATHWAY_E_KIND,
            "'tell_dsl' is a step, not a together: go on with next", 2, "tell_dsl");
    assert_false(pathway_walk_step_done(f->w, find(f, "refer_climb")));
    assert_false(pathway_walk_step_done(f->w, find(f, "tell_dsl")));
    assert_false(pathway_walk_step_done(f->w, NULL));
    assert_false(pathway_walk_step_done(NULL, find(f, "refer_climb")));
    assert_int_equal(pathway_walk_done_count(NULL), 0);
    assert_int_equal(pathway_walk_done(NULL, "x", &err), PATHWAY_E_ARGUMENT);
    assert_string_equal(err.message, "no walk");
    /* a walk cannot start inside a together: at the together it can */
    assert_null(pathway_walk_start_at(f->t, "refer_branch", NULL, &err));
    assert_int_equal(err.code, PATHWAY_E_KIND);
    assert_string_equal(err.message, "'refer_branch' is a step inside together "
                                     "'refer_both': a walk starts at the together");
    pathway_walk *w = pathway_walk_start_at(f->t, "refer_both", NULL, &err);
    assert_non_null(w);
    assert_int_equal(pathway_walk_done(w, "refer_branch", &err), PATHWAY_OK);
    pathway_walk_free(w);
}

/* An emergency outcome with a next is reached, recorded, and gone on
 * from: the walk has not ended there. */
static void test_outcome_goes_on(void **state)
{
    fixture *f = *state;
    pathway_error err;
    assert_int_equal(pathway_walk_answer(f->w, "yes", &err), PATHWAY_OK);
    const pathway_node *call = pathway_walk_current(f->w);
    assert_string_equal(call->id, "call_999");
    assert_int_equal(call->kind, PATHWAY_OUTCOME);
    assert_false(pathway_walk_finished(f->w));
    assert_null(pathway_walk_outcome(f->w));
    refused(f, pathway_walk_answer(f->w, "yes", &err), &err, PATHWAY_E_KIND,
            "'call_999' is an emergency outcome that goes on, not a question: go on with "
            "next", 1, "call_999");
    refused(f, pathway_walk_done(f->w, "refer_climb", &err), &err, PATHWAY_E_KIND,
            "'call_999' is an emergency outcome that goes on, not a together: go on with "
            "next", 1, "call_999");
    assert_int_equal(pathway_walk_next(f->w, &err), PATHWAY_OK);
    assert_string_equal(at(f), "tell_dsl");
    const pathway_move *m = pathway_walk_move(f->w, 1);
    assert_int_equal(m->kind, PATHWAY_MOVE_NEXT);
    assert_ptr_equal(m->from, call);
    assert_ptr_equal(pathway_walk_path_node(f->w, 1), call); /* reached, on the way */
    const char *on[] = {"no"};
    assert_int_equal(walk_on(f->w, on, 1), PATHWAY_OK);
    assert_true(pathway_walk_finished(f->w));
    assert_string_equal(pathway_walk_outcome(f->w)->id, "nfa");
    refused(f, pathway_walk_next(f->w, &err), &err, PATHWAY_E_FINISHED,
            "the walk has ended, at outcome 'nfa'", 4, "nfa");
    /* back to it: not ended again */
    assert_int_equal(pathway_walk_back(f->w, &err), PATHWAY_OK);
    assert_int_equal(pathway_walk_back(f->w, &err), PATHWAY_OK);
    assert_int_equal(pathway_walk_back(f->w, &err), PATHWAY_OK);
    assert_ptr_equal(pathway_walk_current(f->w), call);
    assert_false(pathway_walk_finished(f->w));
    /* started there, it goes on too */
    pathway_walk *w = pathway_walk_start_at(f->t, "call_999", NULL, &err);
    assert_false(pathway_walk_finished(w));
    assert_int_equal(pathway_walk_next(w, &err), PATHWAY_OK);
    pathway_walk_free(w);
}

/* The answer at question q for the criteria of the ids ticked. */
static const char *answer_for(fixture *f, const char *q, const char *ticked)
{
    pathway_walk *w = pathway_walk_start_at(f->t, q, NULL, NULL);
    char a[64];
    snprintf(a, sizeof a, "ticked:%s", ticked);
    const char *answers[] = {a};
    const pathway_node *n = pathway_walk_current(w);
    walk_on(w, answers, 1);
    const pathway_move *m = pathway_walk_move(w, 0);
    assert_int_equal(m->kind, PATHWAY_MOVE_CRITERIA);
    assert_ptr_equal(m->from, n);
    const char *id = m->answer->id;
    pathway_walk_free(w);
    return id;
}

static void test_nested_criteria(void **state)
{
    fixture *f = *state;
    /* all-of: 1, and any-of 2.1, 2.2 */
    assert_string_equal(answer_for(f, "eligible", ""), "no");
    assert_string_equal(answer_for(f, "eligible", "1"), "no");
    assert_string_equal(answer_for(f, "eligible", "2.1"), "no");
    assert_string_equal(answer_for(f, "eligible", "2.1,2.2"), "no");
    assert_string_equal(answer_for(f, "eligible", "1,2.1"), "yes");
    assert_string_equal(answer_for(f, "eligible", "1,2.2"), "yes");
    assert_string_equal(answer_for(f, "eligible", "1,2.1,2.2"), "yes");
    /* any-of: 1, or all-of 2.1, 2.2 */
    assert_string_equal(answer_for(f, "review", ""), "no");
    assert_string_equal(answer_for(f, "review", "1"), "yes");
    assert_string_equal(answer_for(f, "review", "2.1"), "no");
    assert_string_equal(answer_for(f, "review", "2.2"), "no");
    assert_string_equal(answer_for(f, "review", "2.1,2.2"), "yes");
    assert_string_equal(answer_for(f, "review", "1,2.2"), "yes");
    /* n counts every text, nested ones too */
    pathway_error err;
    bool ticked[3] = {true, true, false};
    assert_int_equal(pathway_walk_answer(f->w, "no", &err), PATHWAY_OK);
    refused(f, pathway_walk_criteria(f->w, ticked, 2, &err), &err, PATHWAY_E_ARGUMENT,
            "question 'eligible' has 3 criteria, not 2", 1, "eligible");
    assert_int_equal(pathway_walk_criteria(f->w, ticked, 3, &err), PATHWAY_OK);
    assert_true(pathway_walk_move(f->w, 1)->ticked[1]);
    assert_false(pathway_walk_move(f->w, 1)->ticked[2]);
}

/* A together of many steps with long ids: the refusal names as many as
 * fit and counts the rest. */
static void test_many_steps_left(void **state)
{
    (void)state;
    enum { N = 40 };
    char text[16384], steps[4096] = "", nodes[12288] = "";
    size_t s = 0, n = 0;
    for (int i = 0; i < N; i++) {
        s += (size_t)snprintf(steps + s, sizeof steps - s, "%s\"a_step_with_a_long_id_%02d\"",
                              i ? "," : "", i);
        n += (size_t)snprintf(nodes + n, sizeof nodes - n,
                              ",{\"id\":\"a_step_with_a_long_id_%02d\",\"kind\":\"step\","
                              "\"title\":\"S\",\"stage\":null,\"urgency\":\"routine\","
                              "\"in\":\"g\"}", i);
    }
    snprintf(text, sizeof text,
             "{\"format\":\"pathway-table\",\"format_version\":2,\"compiler\":\"x\","
             "\"content_hash\":\"sha256:%064d\",\"pathway\":{\"id\":\"p\",\"title\":\"P\"},"
             "\"start\":\"g\",\"stages\":[],\"contacts\":[],\"roles\":[],\"forms\":[],"
             "\"nodes\":[{\"id\":\"g\",\"kind\":\"together\",\"title\":\"G\","
             "\"stage\":null,\"urgency\":\"routine\",\"steps\":[%s],\"next\":\"end\"}%s,"
             "{\"id\":\"end\",\"kind\":\"outcome\",\"title\":\"E\",\"stage\":null,"
             "\"urgency\":\"routine\",\"outcome\":\"advice\"}]}",
             0, steps, nodes);
    pathway_error err;
    pathway_table *t = pathway_table_load_buffer(text, strlen(text),
                                                 PATHWAY_LOAD_NO_HASH_CHECK, &err);
    if (!t)
        fail_msg("%s", err.message);
    pathway_walk *w = pathway_walk_start(t, NULL, NULL);
    assert_int_equal(pathway_walk_done(w, "a_step_with_a_long_id_00", NULL), PATHWAY_OK);
    assert_int_equal(pathway_walk_next(w, &err), PATHWAY_E_STEPS_LEFT);
    const char *head = "together 'g' has steps still to do: 'a_step_with_a_long_id_01', "
                       "'a_step_with_a_long_id_02', ";
    assert_memory_equal(err.message, head, strlen(head));
    const char *tail = "'a_step_with_a_long_id_10', and 29 more";
    assert_string_equal(err.message + strlen(err.message) - strlen(tail), tail);
    for (int i = 1; i < N; i++) {
        char id[32];
        snprintf(id, sizeof id, "a_step_with_a_long_id_%02d", i);
        assert_int_equal(pathway_walk_done(w, id, NULL), PATHWAY_OK);
    }
    assert_int_equal(pathway_walk_next(w, &err), PATHWAY_OK);
    assert_true(pathway_walk_finished(w));
    pathway_walk_free(w);
    pathway_table_free(t);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
#define F(name) cmocka_unit_test_setup_teardown(name, setup_forms, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_start),       T(test_answer_and_next), T(test_wrong_moves),
        T(test_score),       T(test_criteria),        T(test_finished),
        T(test_back),        T(test_loop_and_path),   T(test_start_at),
        T(test_system_clock), cmocka_unit_test(test_null_walk), T(test_threads),
        cmocka_unit_test(test_band_labels),
        F(test_together),    F(test_not_at_a_together), F(test_outcome_goes_on),
        F(test_nested_criteria), cmocka_unit_test(test_many_steps_left),
    };
    return cmocka_run_group_tests_name("runtime walk", tests, NULL, NULL);
}
