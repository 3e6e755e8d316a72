/* Walks on tests/runtime/kinds.pathway's table: every move, every refusal
 * (each leaving the walk unchanged), back to the start, the path, a loop,
 * walks from a given node, the clock, and separate walks of one table in
 * several threads at once; a walk of format2.pathway's table, whose bands
 * have labels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include <pthread.h>
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
    const char *answers[] = {"no", "low", "9", "ticked:", "ticked:12"};
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

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_start),       T(test_answer_and_next), T(test_wrong_moves),
        T(test_score),       T(test_criteria),        T(test_finished),
        T(test_back),        T(test_loop_and_path),   T(test_start_at),
        T(test_system_clock), cmocka_unit_test(test_null_walk), T(test_threads),
        cmocka_unit_test(test_band_labels),
    };
    return cmocka_run_group_tests_name("runtime walk", tests, NULL, NULL);
}
