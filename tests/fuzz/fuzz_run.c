/* fuzz_run — libFuzzer harness for walking, as `pathwayc run` walks, with
 * libpathway's public API (runtime/pathway.h) driven by the input's
 * bytes. The first byte picks one of the tables of support.h
 * (fuzz_table, compiled once at start-up); each byte after it is an
 * action, some taking the byte after as their argument:
 *
 *   0-3  a move where the walk stands: at a question the answer the next
 *        byte picks, or a score (now and then out of range, refused), or
 *        the criteria whose ticks are the next byte's bits; at a together
 *        a step the next byte picks done (one done already is refused),
 *        or next; elsewhere next
 *   4    back: to the node the last move was made at (at the start,
 *        refused); a step done is not done any more
 *   5    save and restore: the restored walk is the same walk, its save
 *        the same text, and the walk goes on from it
 *   6    a move the walk cannot make (an answer it does not have, next at
 *        a question, criteria of the wrong count, a score at a question
 *        without one): refused with its error filled, the walk unchanged
 *   7    a new walk at the node the next byte picks (a step inside a
 *        together refused)
 *
 * After every action the walk stands on a node of its table, never inside
 * a together, its path and moves agree, and it has finished exactly at an
 * outcome that goes nowhere (fuzz_check_walk); a move that succeeds is one
 * more move, made at where the walk stood. A broken promise is a trap,
 * which libFuzzer keeps as a crash. Built and run by tests/fuzz/fuzz.mk
 * (docs/fuzzing.md).
 *
 * Built with -DFUZZ_RUN_SAVES, each input's last walk is saved to a file
 * of the directory $FUZZ_RUN_SAVES, named for its content: how the seeds
 * of tests/fuzz/corpus/walk were made, from this harness's corpus. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (size_t i = 0; i < FUZZ_NTABLES; i++)
        fuzz_table(i);
    return 0;
}

typedef struct input {
    const uint8_t *data;
    size_t size, at;
} input;

static uint8_t next_byte(input *in)
{
    return in->at < in->size ? in->data[in->at++] : 0;
}

static void check_error(const pathway_error *e, pathway_code code)
{
    FUZZ_CHECK(e->code == code && code != PATHWAY_OK);
    FUZZ_CHECK(memchr(e->message, '\0', sizeof e->message) != NULL);
    FUZZ_CHECK(e->message[0] != '\0');
    FUZZ_CHECK(strncmp(e->message, e->where, strlen(e->where)) == 0);
}

static pathway_code at_question(pathway_walk *w, const pathway_node *n, input *in,
                                pathway_error *e)
{
    uint8_t b = next_byte(in);
    if (n->scored) {
        /* one time in eight, one past either end of the range */
        int range = n->score_max - n->score_min + 1;
        int score = b % 8 == 7 ? (b & 8 ? n->score_max + 1 : n->score_min - 1)
                               : n->score_min + (b / 8) % range;
        pathway_code c = pathway_walk_score(w, score, e);
        FUZZ_CHECK((c == PATHWAY_OK) == (score >= n->score_min && score <= n->score_max));
        return c;
    }
    if (n->criteria_mode && b & 1) {
        bool ticked[64] = {false};
        FUZZ_CHECK(n->ncriteria <= 64); /* the tables have fewer */
        for (size_t i = 0; i < n->ncriteria; i++)
            ticked[i] = (b >> (1 + i % 7)) & 1;
        return pathway_walk_criteria(w, ticked, n->ncriteria, e);
    }
    return pathway_walk_answer(w, n->answers[b % n->nanswers].id, e);
}

static pathway_code at_together(pathway_walk *w, const pathway_node *n, input *in,
                                pathway_error *e)
{
    uint8_t b = next_byte(in);
    if (b % (n->nsteps + 1) == n->nsteps) {
        bool all_done = pathway_walk_done_count(w) == n->nsteps;
        pathway_code c = pathway_walk_next(w, e);
        FUZZ_CHECK(c == (all_done ? PATHWAY_OK : PATHWAY_E_STEPS_LEFT));
        return c;
    }
    const pathway_node *step = n->steps[b % (n->nsteps + 1)];
    bool was_done = pathway_walk_step_done(w, step);
    pathway_code c = pathway_walk_done(w, step->id, e);
    FUZZ_CHECK(c == (was_done ? PATHWAY_E_ALREADY_DONE : PATHWAY_OK));
    FUZZ_CHECK(pathway_walk_step_done(w, step));
    return c;
}

static void move(pathway_walk *w, input *in)
{
    const pathway_node *n = pathway_walk_current(w);
    size_t before = pathway_walk_move_count(w);
    pathway_error e;
    pathway_code c;
    if (n->kind == PATHWAY_QUESTION)
        c = at_question(w, n, in, &e);
    else if (n->kind == PATHWAY_TOGETHER)
        c = at_together(w, n, in, &e);
    else
        c = pathway_walk_next(w, &e);
    FUZZ_CHECK(c == PATHWAY_OK || !pathway_walk_finished(w) || c == PATHWAY_E_FINISHED);
    if (c != PATHWAY_OK) {
        check_error(&e, c);
        FUZZ_CHECK(pathway_walk_current(w) == n && pathway_walk_move_count(w) == before);
        return;
    }
    FUZZ_CHECK(pathway_walk_move_count(w) == before + 1);
    FUZZ_CHECK(pathway_walk_move(w, before)->from == n);
}

static void back(pathway_walk *w)
{
    size_t moves = pathway_walk_move_count(w);
    pathway_error e;
    if (moves == 0) {
        check_error(&e, pathway_walk_back(w, &e));
        FUZZ_CHECK(e.code == PATHWAY_E_AT_START);
        return;
    }
    const pathway_move *m = pathway_walk_move(w, moves - 1);
    const pathway_node *from = m->from, *step = m->step;
    FUZZ_CHECK(pathway_walk_back(w, &e) == PATHWAY_OK);
    FUZZ_CHECK(pathway_walk_current(w) == from);
    FUZZ_CHECK(pathway_walk_move_count(w) == moves - 1);
    FUZZ_CHECK(!step || !pathway_walk_step_done(w, step));
}

/* A move the walk cannot make, where it stands: refused, nothing changed. */
static void refused(pathway_walk *w)
{
    const pathway_node *n = pathway_walk_current(w);
    size_t moves = pathway_walk_move_count(w), done = pathway_walk_done_count(w);
    pathway_error e;
    pathway_code c;
    if (n->kind == PATHWAY_QUESTION && !n->scored) {
        c = pathway_walk_answer(w, "no such answer", &e);
        FUZZ_CHECK(c == PATHWAY_E_ANSWER);
        bool ticked[65] = {false};
        FUZZ_CHECK(n->ncriteria < 65);
        check_error(&e, pathway_walk_criteria(w, ticked, n->ncriteria + 1, &e));
        c = pathway_walk_score(w, 0, &e);
        FUZZ_CHECK(c == PATHWAY_E_KIND);
    } else if (n->kind == PATHWAY_QUESTION) {
        c = pathway_walk_answer(w, "yes", &e);
        FUZZ_CHECK(c == PATHWAY_E_KIND);
    } else {
        c = pathway_walk_answer(w, "yes", &e);
        FUZZ_CHECK(c == PATHWAY_E_KIND || c == PATHWAY_E_FINISHED);
    }
    check_error(&e, c);
    if (n->kind != PATHWAY_TOGETHER) {
        check_error(&e, pathway_walk_done(w, "no-such-step", &e));
    } else {
        FUZZ_CHECK(pathway_walk_done(w, "no-such-step", &e) == PATHWAY_E_STEP);
    }
    if (n->kind == PATHWAY_QUESTION)
        FUZZ_CHECK(pathway_walk_next(w, &e) == PATHWAY_E_KIND);
    FUZZ_CHECK(pathway_walk_current(w) == n && pathway_walk_move_count(w) == moves);
    FUZZ_CHECK(pathway_walk_done_count(w) == done);
}

static pathway_walk *start_at(const pathway_table *t, pathway_walk *w, uint8_t b)
{
    const pathway_node *n = pathway_table_node(t, b % pathway_table_node_count(t));
    pathway_error e;
    pathway_walk *x = pathway_walk_start_at(t, n->id, &fuzz_clock, &e);
    if (n->in) {
        FUZZ_CHECK(x == NULL);
        check_error(&e, PATHWAY_E_KIND);
        return w;
    }
    FUZZ_CHECK(x != NULL && pathway_walk_current(x) == n);
    FUZZ_CHECK(pathway_walk_move_count(x) == 0);
    pathway_walk_free(w);
    return x;
}

#ifdef FUZZ_RUN_SAVES
static void save_walk(const pathway_walk *w)
{
    char *saved = pathway_walk_save(w, NULL), path[4096];
    unsigned long h = 5381;
    for (const char *s = saved; *s; s++)
        h = h * 33 + (unsigned char)*s;
    snprintf(path, sizeof path, "%s/walk-%016lx.json", getenv("FUZZ_RUN_SAVES"), h);
    FILE *f = fopen(path, "w");
    FUZZ_CHECK(f && fputs(saved, f) >= 0 && fclose(f) == 0);
    pathway_free(saved);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const pathway_table *t = fuzz_table(data[0] % FUZZ_NTABLES);
    input in = {data, size, 1};
    pathway_walk *w = pathway_walk_start(t, &fuzz_clock, NULL);
    FUZZ_CHECK(w != NULL && pathway_walk_current(w) == pathway_table_start(t));
    fuzz_check_walk(w);
    while (in.at < in.size) {
        uint8_t action = next_byte(&in) % 8;
        if (action < 4) {
            move(w, &in);
        } else if (action == 4) {
            back(w);
        } else if (action == 5) {
            pathway_walk *r = fuzz_round_trip(w);
            pathway_walk_free(w);
            w = r;
        } else if (action == 6) {
            refused(w);
        } else {
            w = start_at(t, w, next_byte(&in));
        }
        fuzz_check_walk(w);
    }
#ifdef FUZZ_RUN_SAVES
    save_walk(w);
#endif
    pathway_walk_free(w);
    return 0;
}
