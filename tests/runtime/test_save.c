/* Saving and restoring walks: the saved text exactly, round trips at
 * every point of a walk, every refusal of a malformed save, and replays
 * onto a newer version of a pathway (tests/runtime/v1 -> v2) through its
 * `replaces`, refusing removed nodes and changed routes; a walk saved
 * against a table of format 1 restored on the same pathway's table of
 * format 2, and back. Format 2's shapes (tests/runtime/forms.pathway):
 * steps done at a together and nested criteria ticked, saved by id (and
 * text) and restored; replayed onto a newer version (tests/runtime/v1/
 * jointly.pathway -> v2) through the `replaces` of a step inside a
 * together, refusing a criterion whose text changed; and saves of
 * format_version 1, which named ticked criteria by their texts alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fixture {
    pathway_table *kinds, *v1, *v2, *forms, *j1, *j2;
    test_clock clock;
    pathway_clock c;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->kinds = load_table("kinds.json");
    f->v1 = load_table("v1/versions.json");
    f->v2 = load_table("v2/versions.json");
    f->forms = load_table("forms.json");
    f->j1 = load_table("v1/jointly.json");
    f->j2 = load_table("v2/jointly.json");
    f->c = clock_of(&f->clock);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    pathway_table_free(f->kinds);
    pathway_table_free(f->v1);
    pathway_table_free(f->v2);
    pathway_table_free(f->forms);
    pathway_table_free(f->j1);
    pathway_table_free(f->j2);
    free(f);
    return 0;
}

/* A walk of t from `from` (NULL: the start) with the answers. */
static pathway_walk *walked(fixture *f, const pathway_table *t, const char *from,
                            const char *const *answers, size_t n)
{
    f->clock.next = 0; /* every walk starts at TEST_CLOCK_START */
    pathway_walk *w = from ? pathway_walk_start_at(t, from, &f->c, NULL)
                           : pathway_walk_start(t, &f->c, NULL);
    assert_non_null(w);
    pathway_code c = walk_on(w, answers, n);
    assert_true(c == PATHWAY_OK || c == PATHWAY_E_ARGUMENT); /* may stop at a question */
    return w;
}

static char *saved(const pathway_walk *w)
{
    pathway_error err;
    char *s = pathway_walk_save(w, &err);
    if (!s)
        fail_msg("save: %s", err.message);
    assert_int_equal(err.code, PATHWAY_OK);
    return s;
}

/* Two walks with the same start, moves, times and table. */
static void same_walk(const pathway_walk *a, const pathway_walk *b)
{
    assert_int_equal(pathway_walk_started(a), pathway_walk_started(b));
    assert_int_equal(pathway_walk_move_count(a), pathway_walk_move_count(b));
    assert_ptr_equal(pathway_walk_path_node(a, 0), pathway_walk_path_node(b, 0));
    for (size_t i = 0; i < pathway_walk_move_count(a); i++) {
        const pathway_move *x = pathway_walk_move(a, i), *y = pathway_walk_move(b, i);
        assert_int_equal(x->kind, y->kind);
        assert_ptr_equal(x->from, y->from);
        assert_ptr_equal(x->to, y->to);
        assert_ptr_equal(x->answer, y->answer);
        assert_int_equal(x->score, y->score);
        assert_int_equal(x->time, y->time);
        assert_ptr_equal(x->step, y->step);
        for (size_t k = 0; x->ticked && k < x->from->ncriteria; k++)
            assert_int_equal(x->ticked[k], y->ticked[k]);
        assert_true(!x->ticked == !y->ticked);
    }
}

static void test_saved_text(void **state)
{
    fixture *f = *state;
    const char *answers[] = {"no", "low", "7", "ticked:2,3"};
    pathway_walk *w = walked(f, f->kinds, NULL, answers, 4);
    char *s = saved(w);
    char expected[2048];
    snprintf(expected, sizeof expected,
             "{\n"
             "  \"format\": \"pathway-walk\",\n"
             "  \"format_version\": 2,\n"
             "  \"pathway\": \"kinds\",\n"
             "  \"content_hash\": \"%s\",\n"
             "  \"started\": \"2025-01-31T09:00:00Z\",\n"
             "  \"from\": \"risk\",\n"
             "  \"moves\": [\n"
             "    {\n"
             "      \"node\": \"risk\",\n"
             "      \"move\": \"answer\",\n"
             "      \"answer\": \"no\",\n"
             "      \"to\": \"act\",\n"
             "      \"time\": \"2025-01-31T09:01:00Z\"\n"
             "    },\n"
             "    {\n"
             "      \"node\": \"act\",\n"
             "      \"move\": \"next\",\n"
             "      \"to\": \"level\",\n"
             "      \"time\": \"2025-01-31T09:02:00Z\"\n"
             "    },\n"
             "    {\n"
             "      \"node\": \"level\",\n"
             "      \"move\": \"answer\",\n"
             "      \"answer\": \"low\",\n"
             "      \"to\": \"dash\",\n"
             "      \"time\": \"2025-01-31T09:03:00Z\"\n"
             "    },\n"
             "    {\n"
             "      \"node\": \"dash\",\n"
             "      \"move\": \"score\",\n"
             "      \"score\": 7,\n"
             "      \"to\": \"urgent\",\n"
             "      \"time\": \"2025-01-31T09:04:00Z\"\n"
             "    },\n"
             "    {\n"
             "      \"node\": \"urgent\",\n"
             "      \"move\": \"criteria\",\n"
             "      \"ticked\": [\n"
             "        {\n"
             "          \"id\": \"2\",\n"
             "          \"text\": \"Injury\"\n"
             "        },\n"
             "        {\n"
             "          \"id\": \"3\",\n"
             "          \"text\": \"Missing\"\n"
             "        }\n"
             "      ],\n"
             "      \"answer\": \"yes\",\n"
             "      \"to\": \"call_999\",\n"
             "      \"time\": \"2025-01-31T09:05:00Z\"\n"
             "    }\n"
             "  ]\n"
             "}\n",
             pathway_table_info(f->kinds)->content_hash);
    assert_string_equal(s, expected);
    pathway_free(s);
    pathway_walk_free(w);
}

/* Saved and restored at every point of a walk (after each move, and
 * after going back), the restored walk is the same and saves the same
 * text; it goes on with its own clock. */
static void test_round_trips(void **state)
{
    fixture *f = *state;
    /* the answer given after each round's save; at round 6, back twice
     * (nfa -> dash -> level) first */
    const char *plan[10] = {"no", "unsure", "low", "3", NULL, NULL, "low", "3", NULL, NULL};
    f->clock.next = 0;
    pathway_walk *w = pathway_walk_start(f->kinds, &f->c, NULL);
    for (int round = 0; round < 10; round++) {
        char *s = saved(w);
        pathway_error err;
        test_clock later = {TEST_CLOCK_START + 86400};
        pathway_clock lc = clock_of(&later);
        pathway_walk *r = pathway_walk_restore(f->kinds, s, strlen(s), &lc, &err);
        if (!r)
            fail_msg("round %d: %s", round, err.message);
        same_walk(w, r);
        assert_string_equal(pathway_walk_saved_hash(r),
                            pathway_table_info(f->kinds)->content_hash);
        char *s2 = saved(r);
        assert_string_equal(s, s2);
        if (!pathway_walk_finished(r)) { /* goes on by its own clock */
            const pathway_node *n = pathway_walk_current(r);
            pathway_code c = n->kind == PATHWAY_STEP ? pathway_walk_next(r, NULL)
                             : n->scored             ? pathway_walk_score(r, 1, NULL)
                                                     : pathway_walk_answer(r, n->answers[0].id,
                                                                           NULL);
            assert_int_equal(c, PATHWAY_OK);
            assert_int_equal(pathway_walk_move(r, pathway_walk_move_count(r) - 1)->time,
                             TEST_CLOCK_START + 86400);
        }
        pathway_free(s);
        pathway_free(s2);
        pathway_walk_free(r);
        if (round == 6) {
            assert_int_equal(pathway_walk_back(w, NULL), PATHWAY_OK);
            assert_int_equal(pathway_walk_back(w, NULL), PATHWAY_OK);
        }
        if (plan[round])
            walk_on(w, &plan[round], 1);
    }
    assert_string_equal(pathway_walk_outcome(w)->id, "nfa");
    assert_int_equal(pathway_walk_move_count(w), 6);
    pathway_walk_free(w);
}

static void test_round_trip_from(void **state)
{
    fixture *f = *state;
    const char *answers[] = {"ticked:1,2"};
    pathway_walk *w = walked(f, f->kinds, "serious", answers, 1);
    char *s = saved(w);
    assert_non_null(strstr(s, "\"from\": \"serious\""));
    pathway_walk *r = pathway_walk_restore(f->kinds, s, strlen(s), NULL, NULL);
    assert_non_null(r);
    same_walk(w, r);
    assert_string_equal(pathway_walk_outcome(r)->id, "referred");
    pathway_free(s);
    pathway_walk_free(r);
    pathway_walk_free(w);
}

/* Times outside 1970..9999 are taken as the nearer end. */
static int64_t far_past(void *ctx)
{
    (void)ctx;
    return -5;
}
static int64_t far_future(void *ctx)
{
    (void)ctx;
    return INT64_MAX;
}

static void test_clamped_times(void **state)
{
    fixture *f = *state;
    pathway_clock past = {far_past, NULL}, future = {far_future, NULL};
    pathway_walk *w = pathway_walk_start(f->kinds, &past, NULL);
    assert_int_equal(pathway_walk_started(w), 0);
    char *s = saved(w);
    assert_non_null(strstr(s, "\"started\": \"1970-01-01T00:00:00Z\""));
    pathway_free(s);
    pathway_walk_free(w);
    w = pathway_walk_start(f->kinds, &future, NULL);
    pathway_walk_answer(w, "yes", NULL);
    s = saved(w);
    assert_non_null(strstr(s, "\"time\": \"9999-12-31T23:59:59Z\""));
    pathway_walk *r = pathway_walk_restore(f->kinds, s, strlen(s), NULL, NULL);
    same_walk(w, r);
    pathway_free(s);
    pathway_walk_free(r);
    pathway_walk_free(w);
}

/* ---- malformed saves --------------------------------------------------- */

/* The save of kinds' walk no, low, 7, ticked 2 and 3 with `old` replaced
 * by `new` (the first place only) is refused with code and message. */
static void refuse_edit(fixture *f, const char *old, const char *new, pathway_code code,
                        const char *message)
{
    const char *answers[] = {"no", "low", "7", "ticked:2,3"};
    pathway_walk *w = walked(f, f->kinds, NULL, answers, 4);
    char *s = saved(w), text[4096];
    char *at = strstr(s, old);
    if (!at)
        fail_msg("no '%s' in the save", old);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - s), s, new, at + strlen(old));
    pathway_error err;
    pathway_walk *r = pathway_walk_restore(f->kinds, text, strlen(text), NULL, &err);
    if (r)
        fail_msg("restored: %s -> %s", old, new);
    assert_string_equal(pathway_code_name(err.code), pathway_code_name(code));
    assert_string_equal(err.message, message);
    pathway_free(s);
    pathway_walk_free(w);
}

static void test_malformed_saves(void **state)
{
    fixture *f = *state;
    refuse_edit(f, "{", "[", PATHWAY_E_JSON,
                "not JSON: line 2, column 11: expected ',' or ']' after an item");
    refuse_edit(f, "\"format\": \"pathway-walk\"", "\"format\": \"pathway-table\"",
                PATHWAY_E_FORMAT, "format: expected \"pathway-walk\" (not a saved walk)");
    refuse_edit(f, "\"format\": \"pathway-walk\",", "", PATHWAY_E_FORMAT,
                "format: missing (not a saved walk)");
    refuse_edit(f, "\"format_version\": 2", "\"format_version\": 3", PATHWAY_E_FORMAT,
                "format_version: 3 is newer than this library reads (2)");
    refuse_edit(f, "\"format_version\": 2", "\"format_version\": \"2\"", PATHWAY_E_FORMAT,
                "format_version: not a format version");
    refuse_edit(f, "\"pathway\": \"kinds\"", "\"pathway\": \"prevent\"", PATHWAY_E_PATHWAY,
                "pathway: the saved walk is of pathway 'prevent', not 'kinds'");
    refuse_edit(f, "\"pathway\": \"kinds\"", "\"pathway\": 3", PATHWAY_E_SAVE,
                "pathway: expected a string, found an integer");
    refuse_edit(f, "\"content_hash\"", "\"hash\"", PATHWAY_E_SAVE, "content_hash: missing");
    refuse_edit(f, "2025-01-31T09:00:00Z", "2025-01-31 09:00", PATHWAY_E_SAVE,
                "started: '2025-01-31 09:00' is not a time (YYYY-MM-DDTHH:MM:SSZ, from 1970)");
    refuse_edit(f, "2025-01-31T09:02:00Z", "2025-02-30T09:02:00Z", PATHWAY_E_SAVE,
                "moves[1].time: '2025-02-30T09:02:00Z' is not a time "
                "(YYYY-MM-DDTHH:MM:SSZ, from 1970)");
    refuse_edit(f, "\"from\": \"risk\"", "\"from\": \"rsik\"", PATHWAY_E_SAVE,
                "from: no node has the id 'rsik'");
    refuse_edit(f, "\"moves\": [", "\"moves\": {\"x\": [", PATHWAY_E_JSON,
                "not JSON: line 54, column 2: the text ends before its JSON does");
    refuse_edit(f, "\"moves\"", "\"steps\"", PATHWAY_E_SAVE,
                "steps: not a key of a saved walk (a saved walk holds only the keys of its "
                "format_version; one a reader does not know would be lost when the walk is "
                "saved again)");
    refuse_edit(f, "\"move\": \"next\"", "\"move\": \"next\", \"why\": \"asked\"",
                PATHWAY_E_SAVE,
                "moves[1].why: not a key of a move (a saved walk holds only the keys of its "
                "format_version; one a reader does not know would be lost when the walk is "
                "saved again)");
    refuse_edit(f, "\"move\": \"next\"", "\"move\": \"skip\"", PATHWAY_E_SAVE,
                "moves[1].move: 'skip' is not \"next\", \"answer\", \"score\", "
                "\"criteria\" or \"done\"");
    refuse_edit(f, "\"node\": \"act\"", "\"node\": \"level\"", PATHWAY_E_SAVE,
                "moves[1].node: the saved move was made at 'level', but the walk is at "
                "'act' in this table");
    refuse_edit(f, "\"answer\": \"no\"", "\"answer\": \"maybe\"", PATHWAY_E_SAVE,
                "moves[0]: question 'risk' has no answer 'maybe'");
    refuse_edit(f, "\"answer\": \"no\",", "", PATHWAY_E_SAVE, "moves[0].answer: missing");
    refuse_edit(f, "\"score\": 7", "\"score\": 70", PATHWAY_E_SAVE,
                "moves[3]: 70 is outside the scores of question 'dash', 0..10");
    refuse_edit(f, "\"score\": 7", "\"score\": -7", PATHWAY_E_SAVE,
                "moves[3].score: -7 is not a whole number from 0 to 2147483647");
    refuse_edit(f, "\"move\": \"next\"", "\"move\": \"score\", \"score\": 1", PATHWAY_E_SAVE,
                "moves[1]: 'act' is a step, not a question: go on with next");
    refuse_edit(f, "\"move\": \"score\"", "\"move\": \"criteria\"", PATHWAY_E_SAVE,
                "moves[3]: question 'dash' has no criteria");
    refuse_edit(f, "\"to\": \"act\"", "\"to\": \"level\"", PATHWAY_E_SAVE,
                "moves[0].to: the saved move led to 'level', but in this table it leads "
                "to 'act'");
    refuse_edit(f, "\"Injury\"", "\"Injuries\"", PATHWAY_E_SAVE,
                "moves[4].ticked[0].text: criterion '2' of question 'urgent' has changed: it "
                "was 'Injuries' when the walk was saved, and is 'Injury' now");
    refuse_edit(f, "\"id\": \"2\"", "\"id\": \"7\"", PATHWAY_E_SAVE,
                "moves[4].ticked[0].id: question 'urgent' has no criterion '7' to tick");
    refuse_edit(f, "\"id\": \"2\",", "", PATHWAY_E_SAVE, "moves[4].ticked[0].id: missing");
    refuse_edit(f, "\"text\": \"Missing\"", "\"text\": 3", PATHWAY_E_SAVE,
                "moves[4].ticked[1].text: expected a string, found an integer");
    refuse_edit(f, "\"ticked\": [", "\"ticked\": [\"Threats\", ", PATHWAY_E_SAVE,
                "moves[4].ticked[0]: expected an object, found a string");
    refuse_edit(f, "\"move\": \"next\"", "\"move\": \"done\", \"step\": \"act\"",
                PATHWAY_E_SAVE, "moves[1]: 'act' is a step, not a together: go on with next");
    refuse_edit(f, "\"answer\": \"yes\"", "\"answer\": \"no\"", PATHWAY_E_SAVE,
                "moves[4].answer: the ticked criteria of question 'urgent' give 'yes' in "
                "this table, not 'no'");
    refuse_edit(f, "\"ticked\": [", "\"ticked\": [3, ", PATHWAY_E_SAVE,
                "moves[4].ticked[0]: expected an object, found an integer");
    refuse_edit(f, "    {\n      \"node\": \"act\"", "    7,\n    {\n      \"node\": \"act\"",
                PATHWAY_E_SAVE, "moves[1]: expected an object, found an integer");
    refuse_edit(f, "\"pathway\": \"kinds\"", "\"pathway\": \"kinds\", \"pathway\": \"kinds\"",
                PATHWAY_E_JSON,
                "not JSON: line 4, column 31: the key \"pathway\" twice in one object");
}

static void test_restore_arguments(void **state)
{
    fixture *f = *state;
    pathway_error err;
    assert_null(pathway_walk_restore(NULL, "{}", 2, NULL, &err));
    assert_int_equal(err.code, PATHWAY_E_ARGUMENT);
    assert_null(pathway_walk_restore(f->kinds, NULL, 2, NULL, &err));
    assert_int_equal(err.code, PATHWAY_E_ARGUMENT);
    assert_null(pathway_walk_restore(f->kinds, "[1]", 3, NULL, &err));
    assert_int_equal(err.code, PATHWAY_E_FORMAT);
    assert_string_equal(err.message,
                        "expected an object at the top, found an array (not a saved walk)");
    assert_null(pathway_walk_save(NULL, &err));
    assert_int_equal(err.code, PATHWAY_E_ARGUMENT);
    assert_null(pathway_walk_restore(f->kinds, "{", 1, NULL, NULL));
    pathway_free(NULL);
}

/* ---- across versions ---------------------------------------------------- */

static pathway_walk *replayed(fixture *f, pathway_walk *old, pathway_table *onto,
                              pathway_error *err)
{
    char *s = saved(old);
    pathway_walk *r = pathway_walk_restore(onto, s, strlen(s), &f->c, err);
    pathway_free(s);
    return r;
}

static void path_is(const pathway_walk *w, const char *const *ids, size_t n)
{
    assert_int_equal(pathway_walk_path_length(w), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(pathway_walk_path_node(w, i)->id, ids[i]);
}

/* Renamed nodes (talk -> talk_to_dsl, referred -> referral_made) are found
 * through `replaces`; the times are kept; saved again, the walk has the
 * new table's hash and ids. */
static void test_replay_through_replaces(void **state)
{
    fixture *f = *state;
    const char *answers[] = {"no", "yes"};
    pathway_walk *w = walked(f, f->v1, NULL, answers, 2);
    path_is(w, (const char *[]){"risk", "talk", "worried", "refer", "referred"}, 5);
    pathway_error err;
    pathway_walk *r = replayed(f, w, f->v2, &err);
    if (!r)
        fail_msg("%s", err.message);
    path_is(r, (const char *[]){"risk", "talk_to_dsl", "worried", "refer", "referral_made"},
            5);
    assert_ptr_equal(pathway_walk_table(r), f->v2);
    assert_string_equal(pathway_walk_outcome(r)->id, "referral_made");
    assert_string_equal(pathway_walk_saved_hash(r), pathway_table_info(f->v1)->content_hash);
    assert_string_not_equal(pathway_table_info(f->v1)->content_hash,
                            pathway_table_info(f->v2)->content_hash);
    for (size_t i = 0; i < pathway_walk_move_count(w); i++)
        assert_int_equal(pathway_walk_move(r, i)->time, pathway_walk_move(w, i)->time);
    char *s = saved(r);
    assert_non_null(strstr(s, pathway_table_info(f->v2)->content_hash));
    assert_non_null(strstr(s, "\"to\": \"referral_made\""));
    assert_null(strstr(s, "\"talk\""));
    pathway_free(s);
    pathway_walk_free(r);
    pathway_walk_free(w);
}

/* A walk saved half way, at a renamed step, goes on in the new table. */
static void test_replay_half_way(void **state)
{
    fixture *f = *state;
    const char *answers[] = {"no"};
    pathway_walk *w = walked(f, f->v1, NULL, answers, 1);
    pathway_walk_back(w, NULL);
    pathway_walk_answer(w, "no", NULL);
    assert_string_equal(pathway_walk_current(w)->id, "talk");
    pathway_walk *r = replayed(f, w, f->v2, NULL);
    assert_non_null(r);
    assert_string_equal(pathway_walk_current(r)->id, "talk_to_dsl");
    const char *on[] = {"maybe"};
    assert_int_equal(walk_on(r, on, 1), PATHWAY_OK);
    path_is(r, (const char *[]){"risk", "talk_to_dsl", "worried", "extra_check",
                                "monitor_step", "watch"}, 6);
    pathway_walk_free(r);
    pathway_walk_free(w);
}

static void refuse_replay(fixture *f, pathway_table *from_table, const char *from,
                          const char *const *answers, size_t n, pathway_table *onto,
                          pathway_code code, const char *message)
{
    pathway_walk *w = walked(f, from_table, from, answers, n);
    pathway_error err;
    pathway_walk *r = replayed(f, w, onto, &err);
    assert_null(r);
    assert_string_equal(pathway_code_name(err.code), pathway_code_name(code));
    assert_string_equal(err.message, message);
    pathway_walk_free(w);
}

static void test_replay_refused(void **state)
{
    fixture *f = *state;
    /* old_check was removed, and nothing replaces it */
    refuse_replay(f, f->v1, NULL, (const char *[]){"unsure", "no"}, 2, f->v2,
                  PATHWAY_E_REMOVED,
                  "moves[0].to: node 'old_check' of the saved walk is not in this table, "
                  "and no node replaces it");
    refuse_replay(f, f->v1, "old_check", NULL, 0, f->v2, PATHWAY_E_REMOVED,
                  "from: node 'old_check' of the saved walk is not in this table, and no "
                  "node replaces it");
    /* maybe now passes a new step first */
    refuse_replay(f, f->v1, NULL, (const char *[]){"no", "maybe"}, 2, f->v2,
                  PATHWAY_E_REPLAY,
                  "moves[2].to: the saved move led to 'monitor_step', but in this table it "
                  "leads to 'extra_check'");
    /* from the newer to the older: its new ids are unknown there */
    refuse_replay(f, f->v2, NULL, (const char *[]){"no", "no"}, 2, f->v1, PATHWAY_E_REMOVED,
                  "moves[0].to: node 'talk_to_dsl' of the saved walk is not in this table, "
                  "and no node replaces it");
    /* another pathway altogether */
    refuse_replay(f, f->kinds, NULL, (const char *[]){"yes"}, 1, f->v2, PATHWAY_E_PATHWAY,
                  "pathway: the saved walk is of pathway 'kinds', not 'versions'");
}

/* An answer the newer table no longer has: replayed by hand-editing the
 * hash of a v2 save (a table that differs only there). */
static void test_replay_answer_gone(void **state)
{
    fixture *f = *state;
    pathway_walk *w = walked(f, f->v2, NULL, (const char *[]){"no", "no"}, 2);
    char *s = saved(w), text[4096];
    const char *hash = pathway_table_info(f->v2)->content_hash;
    char *at = strstr(s, hash);
    char *ans = strstr(s, "\"answer\": \"no\"");
    assert_non_null(at);
    assert_non_null(ans);
    memcpy(ans, "\"answer\": \"nn\"", 14);
    snprintf(text, sizeof text, "%.*ssha256:%064d%s", (int)(at - s), s, 0, at + 71);
    pathway_error err;
    assert_null(pathway_walk_restore(f->v2, text, strlen(text), NULL, &err));
    assert_int_equal(err.code, PATHWAY_E_REPLAY);
    assert_string_equal(err.message, "moves[0]: question 'risk' has no answer 'nn'");
    pathway_free(s);
    pathway_walk_free(w);
}

/* A table of format 1 and one of format 2 of the same pathway differ only
 * in their hashes: a walk saved against either is replayed on the other
 * (kinds-v1.json is the format-1 table of kinds.pathway; test_table). */
static void test_replay_across_formats(void **state)
{
    fixture *f = *state;
    pathway_error err;
    pathway_table *old = pathway_table_load_file("tests/runtime/kinds-v1.json", 0, &err);
    if (!old)
        fail_msg("kinds-v1.json: %s", err.message);
    const char *answers[] = {"no", "unsure", "low", "7", "ticked:2"};
    const pathway_table *from[2] = {old, f->kinds}, *to[2] = {f->kinds, old};
    for (int k = 0; k < 2; k++) {
        pathway_walk *w = walked(f, from[k], NULL, answers, 5);
        assert_string_equal(pathway_walk_outcome(w)->id, "call_999");
        char *s = saved(w);
        pathway_walk *r = pathway_walk_restore(to[k], s, strlen(s), NULL, &err);
        if (!r)
            fail_msg("%s", err.message);
        assert_string_equal(pathway_walk_saved_hash(r),
                            pathway_table_info(from[k])->content_hash);
        assert_int_equal(pathway_walk_move_count(r), pathway_walk_move_count(w));
        assert_string_equal(pathway_walk_outcome(r)->id, "call_999");
        assert_ptr_equal(pathway_walk_table(r), to[k]);
        pathway_walk_free(r);
        pathway_free(s);
        pathway_walk_free(w);
    }
    pathway_table_free(old);
}

/* ---- format 2's shapes ----------------------------------------------------- */

/* s with its first `old` replaced by `new` (malloc'd); fails when s has
 * no `old`. */
static char *edit(const char *s, const char *old, const char *new)
{
    const char *at = strstr(s, old);
    if (!at)
        fail_msg("no '%s' in the save", old);
    size_t n = strlen(s) - strlen(old) + strlen(new) + 1;
    char *out = malloc(n);
    snprintf(out, n, "%.*s%s%s", (int)(at - s), s, new, at + strlen(old));
    return out;
}

/* text, restored on t, is refused with code and message. */
static void refuse_text(const pathway_table *t, const char *text, pathway_code code,
                        const char *message)
{
    pathway_error err;
    pathway_walk *r = pathway_walk_restore(t, text, strlen(text), NULL, &err);
    if (r)
        fail_msg("restored: %s", text);
    assert_string_equal(pathway_code_name(err.code), pathway_code_name(code));
    assert_string_equal(err.message, message);
}

/* forms: 999 and on, both criteria of eligible ticked but 2.1, one step
 * of the together done. */
static pathway_walk *forms_walk(fixture *f)
{
    f->clock.next = 0;
    pathway_walk *w = pathway_walk_start(f->forms, &f->c, NULL);
    bool ticked[3] = {true, false, true};
    assert_int_equal(pathway_walk_answer(w, "yes", NULL), PATHWAY_OK);
    assert_int_equal(pathway_walk_next(w, NULL), PATHWAY_OK);
    assert_int_equal(pathway_walk_next(w, NULL), PATHWAY_OK);
    assert_int_equal(pathway_walk_criteria(w, ticked, 3, NULL), PATHWAY_OK);
    assert_int_equal(pathway_walk_done(w, "tell_parents", NULL), PATHWAY_OK);
    return w;
}

static void test_saved_text_forms(void **state)
{
    fixture *f = *state;
    pathway_walk *w = forms_walk(f);
    char *s = saved(w);
    char expected[4096];
    snprintf(expected, sizeof expected,
             "{\n"
             "  \"format\": \"pathway-walk\",\n"
             "  \"format_version\": 2,\n"
             "  \"pathway\": \"forms\",\n"
             "  \"content_hash\": \"%s\",\n"
             "  \"started\": \"2025-01-31T09:00:00Z\",\n"
             "  \"from\": \"risk\",\n"
             "  \"moves\": [\n"
             "    {\n"
             "      \"node\": \"risk\",\n"
             "      \"move\": \"answer\",\n"
             "      \"answer\": \"yes\",\n"
             "      \"to\": \"call_999\",\n"
             "      \"time\": \"2025-01-31T09:01:00Z\"\n"
             "    },\n"
             "    {\n"
             "      \"node\": \"call_999\",\n"
             "      \"move\": \"next\",\n"
             "      \"to\": \"tell_dsl\",\n"
             "      \"time\": \"2025-01-31T09:02:00Z\"\n"
             "    },\n"
             "    {\n"
             "      \"node\": \"tell_dsl\",\n"
             "      \"move\": \"next\",\n"
             "      \"to\": \"eligible\",\n"
             "      \"time\": \"2025-01-31T09:03:00Z\"\n"
             "    },\n"
             "    {\n"
             "      \"node\": \"eligible\",\n"
             "      \"move\": \"criteria\",\n"
             "      \"ticked\": [\n"
             "        {\n"
             "          \"id\": \"1\",\n"
             "          \"text\": \"Victim of, or at risk of, child sexual exploitation\"\n"
             "        },\n"
             "        {\n"
             "          \"id\": \"2.2\",\n"
             "          \"text\": \"Under 25 with additional needs\"\n"
             "        }\n"
             "      ],\n"
             "      \"answer\": \"yes\",\n"
             "      \"to\": \"refer_both\",\n"
             "      \"time\": \"2025-01-31T09:04:00Z\"\n"
             "    },\n"
             "    {\n"
             "      \"node\": \"refer_both\",\n"
             "      \"move\": \"done\",\n"
             "      \"step\": \"tell_parents\",\n"
             "      \"to\": \"refer_both\",\n"
             "      \"time\": \"2025-01-31T09:05:00Z\"\n"
             "    }\n"
             "  ]\n"
             "}\n",
             pathway_table_info(f->forms)->content_hash);
    assert_string_equal(s, expected);
    pathway_free(s);
    pathway_walk_free(w);
}

/* Saved and restored after every move of a walk through the together
 * (each step done, back, and on to the end): the same walk, the same
 * text; a restored walk at the together knows which steps are done. */
static void test_round_trips_forms(void **state)
{
    fixture *f = *state;
    pathway_walk *w = forms_walk(f);
    const char *plan[] = {"refer_climb", "back", "refer_branch", "refer_climb", "next",
                          "ticked:", NULL};
    for (size_t round = 0;; round++) {
        char *s = saved(w);
        pathway_error err;
        pathway_walk *r = pathway_walk_restore(f->forms, s, strlen(s), NULL, &err);
        if (!r)
            fail_msg("round %zu: %s", round, err.message);
        same_walk(w, r);
        assert_int_equal(pathway_walk_done_count(r), pathway_walk_done_count(w));
        const pathway_node *g = pathway_table_find_node(f->forms, "refer_both");
        for (size_t i = 0; i < g->nsteps; i++)
            assert_int_equal(pathway_walk_step_done(r, g->steps[i]),
                             pathway_walk_step_done(w, g->steps[i]));
        char *s2 = saved(r);
        assert_string_equal(s, s2);
        pathway_free(s);
        pathway_free(s2);
        pathway_walk_free(r);
        const char *p = plan[round];
        if (!p)
            break;
        pathway_code c = strcmp(p, "back") == 0   ? pathway_walk_back(w, NULL)
                         : strcmp(p, "next") == 0 ? pathway_walk_next(w, NULL)
                         : strncmp(p, "ticked:", 7) == 0 ? walk_on(w, &p, 1)
                                                         : pathway_walk_done(w, p, NULL);
        assert_int_equal(c, PATHWAY_OK);
    }
    assert_string_equal(pathway_walk_outcome(w)->id, "referred");
    pathway_walk_free(w);
}

static void test_malformed_forms_saves(void **state)
{
    fixture *f = *state;
    pathway_walk *w = forms_walk(f);
    char *s = saved(w);
    const pathway_table *t = f->forms;
    struct { const char *old, *new; pathway_code code; const char *message; } cases[] = {
        {"\"step\": \"tell_parents\",", "", PATHWAY_E_SAVE, "moves[4].step: missing"},
        {"\"step\": \"tell_parents\"", "\"step\": \"tell_parent\"", PATHWAY_E_SAVE,
         "moves[4].step: no node has the id 'tell_parent'"},
        {"\"step\": \"tell_parents\"", "\"step\": \"tell_dsl\"", PATHWAY_E_SAVE,
         "moves[4]: together 'refer_both' has no step 'tell_dsl'"},
        {"\"step\": \"tell_parents\"", "\"step\": 7", PATHWAY_E_SAVE,
         "moves[4].step: expected a string, found an integer"},
        {"\"to\": \"refer_both\",\n      \"time\": \"2025-01-31T09:05:00Z\"",
         "\"to\": \"review\",\n      \"time\": \"2025-01-31T09:05:00Z\"", PATHWAY_E_SAVE,
         "moves[4].to: the saved move led to 'review', but in this table it leads to "
         "'refer_both'"},
        {"\"from\": \"risk\"", "\"from\": \"refer_climb\"", PATHWAY_E_SAVE,
         "from: 'refer_climb' is a step inside together 'refer_both': a walk starts at the "
         "together"},
        {"\"id\": \"2.2\"", "\"id\": \"2\"", PATHWAY_E_SAVE,
         "moves[3].ticked[1].id: question 'eligible' has no criterion '2' to tick"},
        {"\"id\": \"2.2\"", "\"id\": \"2.1\"", PATHWAY_E_SAVE,
         "moves[3].ticked[1].text: criterion '2.1' of question 'eligible' has changed: it "
         "was 'Under 25 with additional needs' when the walk was saved, and is 'Under 18' "
         "now"},
        {"\"answer\": \"yes\",\n      \"to\": \"refer_both\"",
         "\"answer\": \"no\",\n      \"to\": \"refer_both\"", PATHWAY_E_SAVE,
         "moves[3].answer: the ticked criteria of question 'eligible' give 'yes' in this "
         "table, not 'no'"},
        {"\"node\": \"call_999\",\n      \"move\": \"next\"",
         "\"node\": \"call_999\",\n      \"move\": \"answer\", \"answer\": \"yes\"",
         PATHWAY_E_SAVE, "moves[1]: 'call_999' is an emergency outcome that goes on, not a "
         "question: go on with next"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = edit(s, cases[i].old, cases[i].new);
        refuse_text(t, text, cases[i].code, cases[i].message);
        free(text);
    }
    /* a step done twice */
    pathway_walk_done(w, "refer_climb", NULL);
    char *s2 = saved(w);
    char *text = edit(s2, "\"step\": \"refer_climb\"", "\"step\": \"tell_parents\"");
    refuse_text(t, text, PATHWAY_E_SAVE,
                "moves[5]: step 'tell_parents' of together 'refer_both' is done already");
    free(text);
    pathway_free(s2);
    pathway_free(s);
    pathway_walk_free(w);
}

/* Saves of format_version 1 (library 1.0 and 1.1) name the criteria ticked
 * by their texts alone: they are restored (each text the first criterion
 * of that text), and saved again in version 2. A "done" move, or a
 * criterion by id, is not of version 1. */
static void test_version_1_saves(void **state)
{
    fixture *f = *state;
    const char *answers[] = {"no", "low", "7", "ticked:2,3"};
    pathway_walk *w = walked(f, f->kinds, NULL, answers, 4);
    char *v2 = saved(w);
    char *a = edit(v2, "\"format_version\": 2", "\"format_version\": 1");
    char *b = edit(a, "{\n          \"id\": \"2\",\n          \"text\": \"Injury\"\n        }",
                   "\"Injury\"");
    char *v1 = edit(b, "{\n          \"id\": \"3\",\n          \"text\": \"Missing\"\n"
                    "        }", "\"Missing\"");
    assert_non_null(strstr(v1, "\"ticked\": [\n        \"Injury\",\n        \"Missing\"\n"));
    pathway_error err;
    pathway_walk *r = pathway_walk_restore(f->kinds, v1, strlen(v1), NULL, &err);
    if (!r)
        fail_msg("%s", err.message);
    same_walk(w, r);
    char *again = saved(r);
    assert_string_equal(again, v2);
    /* refused as in version 1 */
    char *c = edit(v1, "\"Injury\"", "\"Injuries\"");
    refuse_text(f->kinds, c, PATHWAY_E_SAVE,
                "moves[4].ticked[0]: 'Injuries' is not a criterion of question 'urgent'");
    char *d = edit(v1, "\"Injury\"", "{\"id\": \"2\", \"text\": \"Injury\"}");
    refuse_text(f->kinds, d, PATHWAY_E_SAVE,
                "moves[4].ticked[0]: expected a string, found an object");
    char *e = edit(v1, "\"move\": \"next\"", "\"move\": \"done\", \"step\": \"act\"");
    refuse_text(f->kinds, e, PATHWAY_E_SAVE,
                "moves[1].move: 'done' is not \"next\", \"answer\", \"score\" or "
                "\"criteria\"");
    char *all[] = {a, b, v1, again, c, d, e};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        free(all[i]);
    pathway_free(v2);
    pathway_walk_free(r);
    pathway_walk_free(w);
}

/* jointly v1 -> v2: the step write, inside the together, is now write_up
 * (which replaces it); criterion 2.1's text changed. */
static void test_replay_together(void **state)
{
    fixture *f = *state;
    pathway_walk *w = walked(f, f->j1, NULL, (const char *[]){"ticked:1,2.2"}, 1);
    assert_string_equal(pathway_walk_outcome(w)->id, "advised");
    pathway_error err;
    pathway_walk *r = replayed(f, w, f->j2, &err);
    if (!r)
        fail_msg("%s", err.message);
    assert_string_equal(pathway_walk_outcome(r)->id, "advised");
    assert_string_equal(pathway_walk_move(r, 2)->step->id, "write_up");
    char *s = saved(r);
    assert_non_null(strstr(s, "\"step\": \"write_up\""));
    assert_null(strstr(s, "\"write\""));
    pathway_free(s);
    pathway_walk_free(r);
    /* saved half way, at the together with tell done (back over next and
     * the done write): it goes on in the new table with write_up */
    assert_int_equal(pathway_walk_back(w, NULL), PATHWAY_OK);
    assert_int_equal(pathway_walk_back(w, NULL), PATHWAY_OK);
    r = replayed(f, w, f->j2, &err);
    if (!r)
        fail_msg("%s", err.message);
    const pathway_node *g = pathway_walk_current(r);
    assert_string_equal(g->id, "both");
    assert_int_equal(pathway_walk_done_count(r), 1);
    assert_true(pathway_walk_step_done(r, pathway_table_find_node(f->j2, "tell")));
    assert_false(pathway_walk_step_done(r, pathway_table_find_node(f->j2, "write_up")));
    assert_int_equal(pathway_walk_done(r, "write_up", NULL), PATHWAY_OK);
    assert_int_equal(pathway_walk_next(r, NULL), PATHWAY_OK);
    assert_string_equal(pathway_walk_outcome(r)->id, "advised");
    pathway_walk_free(r);
    pathway_walk_free(w);
}

static void test_replay_changed_criterion(void **state)
{
    fixture *f = *state;
    refuse_replay(f, f->j1, NULL, (const char *[]){"ticked:1,2.1"}, 1, f->j2,
                  PATHWAY_E_REPLAY,
                  "moves[0].ticked[1].text: criterion '2.1' of question 'who' has changed: "
                  "it was 'Under 18' when the walk was saved, and is 'Under 18 years old' "
                  "now");
    /* a step removed from a together: the newer table has no node for it */
    pathway_walk *w = walked(f, f->j2, NULL, (const char *[]){"ticked:1,2.2"}, 1);
    pathway_error err;
    assert_null(replayed(f, w, f->j1, &err));
    assert_int_equal(err.code, PATHWAY_E_REMOVED);
    assert_string_equal(err.message, "moves[2].step: node 'write_up' of the saved walk is "
                                     "not in this table, and no node replaces it");
    pathway_walk_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_saved_text),
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_round_trip_from),
        cmocka_unit_test(test_clamped_times),
        cmocka_unit_test(test_malformed_saves),
        cmocka_unit_test(test_restore_arguments),
        cmocka_unit_test(test_replay_through_replaces),
        cmocka_unit_test(test_replay_half_way),
        cmocka_unit_test(test_replay_refused),
        cmocka_unit_test(test_replay_answer_gone),
        cmocka_unit_test(test_replay_across_formats),
        cmocka_unit_test(test_saved_text_forms),
        cmocka_unit_test(test_round_trips_forms),
        cmocka_unit_test(test_malformed_forms_saves),
        cmocka_unit_test(test_version_1_saves),
        cmocka_unit_test(test_replay_together),
        cmocka_unit_test(test_replay_changed_criterion),
    };
    return cmocka_run_group_tests_name("runtime save", tests, setup, teardown);
}
