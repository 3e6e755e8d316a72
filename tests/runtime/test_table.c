/* Reading a table: every field of tests/runtime/kinds.pathway's table
 * (which has each field of format_version 1), lookups by id, iteration,
 * the names of values and codes, loading from a buffer and a file, and
 * what loading refuses that is not the table's fault (a missing file, no
 * arguments); every field format 2 added (tests/runtime/format2.pathway)
 * and its node shapes: togethers, an emergency outcome that goes on,
 * nested criteria with their ids (tests/runtime/forms.pathway).
 * Malformed tables are in test_bad.
 *
 * Format-1 tables still load and read the same: the tests of kinds.json
 * run again on tests/runtime/kinds-v1.json, the table of the same
 * kinds.pathway as a compiler of format 1 wrote it (pathwayc at commit
 * 984d7b4, the last before format 2). When kinds.pathway changes, write it
 * again with that compiler:
 *   git archive 984d7b4 | tar -x -C /tmp/v1 && make -C /tmp/v1 build
 *   /tmp/v1/build/pathwayc build --emit json -o /tmp/v1/out \
 *       tests/runtime/kinds.pathway && cp /tmp/v1/out/kinds.json \
 *       tests/runtime/kinds-v1.json */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KINDS_V1 "tests/runtime/kinds-v1.json"

static int setup(void **state)
{
    *state = load_table("kinds.json");
    return 0;
}

static int setup_v1(void **state)
{
    pathway_error err;
    *state = pathway_table_load_file(KINDS_V1, PATHWAY_LOAD_DEFAULT, &err);
    if (!*state)
        fail_msg(KINDS_V1 ": %s", err.message);
    return 0;
}

static int teardown(void **state)
{
    pathway_table_free(*state);
    return 0;
}

static const pathway_node *node(void **state, const char *id)
{
    const pathway_node *n = pathway_table_find_node(*state, id);
    if (!n)
        fail_msg("no node %s", id);
    return n;
}

static void test_info(void **state)
{
    const pathway_info *in = pathway_table_info(*state);
    assert_in_range(in->format_version, 1, 3); /* test_format_versions */
    assert_string_equal(in->compiler, "pathwayc 0.1.0");
    assert_int_equal(strlen(in->content_hash), 71);
    assert_memory_equal(in->content_hash, "sha256:", 7);
    assert_string_equal(in->id, "kinds");
    assert_string_equal(in->title, "Every kind");
    assert_string_equal(in->owner, "Owner");
    assert_string_equal(in->version, "1.2");
    assert_int_equal(in->status, PATHWAY_STATUS_APPROVED);
    assert_string_equal(in->approved_by, "The board");
    assert_string_equal(in->approved_on, "2025-01-01");
    assert_string_equal(in->source.text, "Manual 1.2");
    assert_string_equal(in->source.url, "https://example.org/manual");
    assert_string_equal(in->review_by, "2099-06-30");
    if (in->format_version >= 2) { /* its one source line */
        assert_int_equal(in->nsources, 1);
        assert_string_equal(in->sources[0].text, "Manual 1.2");
        assert_string_equal(in->sources[0].url, "https://example.org/manual");
    } else {
        assert_null(in->sources);
        assert_int_equal(in->nsources, 0);
    }
    assert_string_equal(in->audience, "Everyone");
    assert_string_equal(in->note, "A note");
    assert_ptr_equal(pathway_table_start(*state), node(state, "risk"));
    /* none of format 2's */
    assert_null(in->area);
    assert_null(in->topic);
    assert_null(in->summary);
    assert_false(in->no_emergency_route);
    assert_null(in->emergency_route_text);
    assert_null(in->tbc);
    assert_int_equal(in->ntbc, 0);
}

static void test_stages_roles_forms(void **state)
{
    const pathway_table *t = *state;
    assert_int_equal(pathway_table_stage_count(t), 1);
    const pathway_stage *s = pathway_table_stage(t, 0);
    assert_string_equal(s->id, "first");
    assert_string_equal(s->title, "First");
    assert_int_equal(s->index, 0);
    assert_null(pathway_table_stage(t, 1));
    assert_ptr_equal(pathway_table_find_stage(t, "first"), s);

    assert_int_equal(pathway_table_role_count(t), 1);
    const pathway_role *r = pathway_table_role(t, 0);
    assert_string_equal(r->id, "dsl");
    assert_string_equal(r->title, "Designated Safeguarding Lead");
    assert_ptr_equal(pathway_table_find_role(t, "dsl"), r);
    assert_null(pathway_table_role(t, 1));

    assert_int_equal(pathway_table_form_count(t), 1);
    const pathway_form *f = pathway_table_form(t, 0);
    assert_string_equal(f->id, "referral");
    assert_string_equal(f->title, "Referral form");
    assert_string_equal(f->version, "2025");
    assert_string_equal(f->url, "https://example.org/form");
    assert_true(f->per_child);
    assert_string_equal(f->note, "New");
    assert_ptr_equal(pathway_table_find_form(t, "referral"), f);
    assert_null(pathway_table_form(t, 1));
}

static void test_contacts(void **state)
{
    const pathway_table *t = *state;
    assert_int_equal(pathway_table_contact_count(t), 3);
    const pathway_contact *team = pathway_table_contact(t, 0);
    const pathway_contact *night = pathway_table_find_contact(t, "night");
    assert_string_equal(team->id, "team");
    assert_string_equal(team->title, "Team");
    assert_string_equal(team->phone, "01234 567890");
    assert_string_equal(team->email, "team@example.org");
    assert_string_equal(team->url, "https://example.org/team");
    assert_string_equal(team->hours, "9-5");
    assert_ptr_equal(team->out_of_hours, night);
    assert_string_equal(team->verified, "2025-01-31");
    assert_string_equal(team->note, "Ask for the duty worker");
    assert_int_equal(night->index, 2);
    assert_string_equal(night->phone, "0800 000 000");
    assert_null(night->email);
    assert_null(night->url);
    assert_null(night->hours);
    assert_null(night->out_of_hours);
    assert_null(night->verified);
    assert_null(night->note);
    assert_null(pathway_table_contact(t, 3));
}

/* The step with every field. */
static void test_step(void **state)
{
    const pathway_node *n = node(state, "act");
    assert_int_equal(n->kind, PATHWAY_STEP);
    assert_string_equal(n->title, "Act");
    assert_ptr_equal(n->stage, pathway_table_find_stage(*state, "first"));
    assert_ptr_equal(n->by, pathway_table_find_role(*state, "dsl"));
    assert_int_equal(n->ndo, 2);
    assert_string_equal(n->do_items[0], "First thing");
    assert_string_equal(n->do_items[1], "Second thing");
    assert_string_equal(n->record, "What was done");
    assert_int_equal(n->nforms, 1);
    assert_ptr_equal(n->forms[0], pathway_table_find_form(*state, "referral"));
    assert_int_equal(n->ncontacts, 1);
    assert_ptr_equal(n->contacts[0], pathway_table_find_contact(*state, "team"));
    assert_int_equal(n->within.value, 1);
    assert_int_equal(n->within.unit, PATHWAY_UNIT_WORKING_DAYS);
    assert_int_equal(n->target.value, 4);
    assert_int_equal(n->target.unit, PATHWAY_UNIT_HOURS);
    assert_int_equal(n->review_after.value, 0);
    assert_int_equal(n->review_after.unit, PATHWAY_UNIT_NONE);
    assert_int_equal(n->urgency, PATHWAY_URGENCY_URGENT);
    assert_int_equal(n->consent.rule, PATHWAY_CONSENT_SEEK_UNLESS_UNSAFE);
    assert_string_equal(n->consent.text, "Seek unless unsafe");
    assert_string_equal(n->when, "If needed");
    assert_string_equal(n->note, "Step note");
    assert_true(n->personal);
    assert_int_equal(n->nalso, 2);
    assert_ptr_equal(n->also[0].node, node(state, "watch"));
    assert_null(n->also[0].pathway);
    assert_string_equal(n->also[0].why, "Alongside");
    assert_null(n->also[1].node);
    assert_string_equal(n->also[1].pathway, "other");
    assert_null(n->also[1].why);
    assert_string_equal(n->source.text, "Manual 1.2, part 2");
    assert_string_equal(n->source.url, "https://example.org/2");
    assert_int_equal(n->nreplaces, 2);
    assert_string_equal(n->replaces[0], "old_act");
    assert_string_equal(n->replaces[1], "older_act");
    assert_ptr_equal(n->next, node(state, "level"));
    assert_false(n->scored);
    assert_int_equal(n->nanswers, 0);
    assert_null(n->answers);
    assert_int_equal(n->criteria_mode, PATHWAY_CRITERIA_NONE);
    assert_int_equal(n->outcome, PATHWAY_OUTCOME_NONE);
    assert_int_equal(n->index, 1);
    assert_null(n->by_text);
    assert_null(n->tbc);
    assert_int_equal(n->ntbc, 0);
}

static void test_questions(void **state)
{
    const pathway_node *level = node(state, "level");
    assert_int_equal(level->kind, PATHWAY_QUESTION);
    assert_null(level->next);
    assert_int_equal(level->nanswers, 3);
    assert_false(level->answers[0].banded);
    assert_string_equal(level->answers[0].id, "low");
    assert_string_equal(level->answers[0].label, "Low need");
    assert_ptr_equal(level->answers[0].next, node(state, "dash"));
    assert_string_equal(level->answers[1].label, "high");
    assert_int_equal(level->answers[2].index, 2);
    assert_ptr_equal(level->answers[2].next, node(state, "act"));
    assert_null(level->do_items);
    assert_null(level->record);

    const pathway_node *dash = node(state, "dash");
    assert_true(dash->scored);
    assert_int_equal(dash->score_min, 0);
    assert_int_equal(dash->score_max, 10);
    assert_int_equal(dash->nanswers, 2);
    assert_true(dash->answers[1].banded);
    assert_null(dash->answers[1].id);
    assert_null(dash->answers[1].label);
    assert_int_equal(dash->answers[1].band_min, 5);
    assert_int_equal(dash->answers[1].band_max, 10);
    assert_ptr_equal(dash->answers[1].next, node(state, "urgent"));
    assert_null(dash->stage);

    const pathway_node *urgent = node(state, "urgent");
    assert_int_equal(urgent->criteria_mode, PATHWAY_CRITERIA_ANY_OF);
    assert_int_equal(urgent->ncriteria, 3);
    assert_string_equal(urgent->criteria[2], "Missing");
    assert_int_equal(node(state, "serious")->criteria_mode, PATHWAY_CRITERIA_ALL_OF);
    /* criteria without nesting: each text an item, numbered from 1 (in a
     * format-1 table by the library, in format 2 by the table) */
    assert_int_equal(urgent->ncriteria_items, 3);
    for (size_t i = 0; i < 3; i++) {
        const pathway_criterion *c = &urgent->criteria_items[i];
        char id[8];
        snprintf(id, sizeof id, "%zu", i + 1);
        assert_string_equal(urgent->criteria_ids[i], id);
        assert_string_equal(c->id, id);
        assert_int_equal(c->mode, PATHWAY_CRITERIA_NONE);
        assert_ptr_equal(c->text, urgent->criteria[i]);
        assert_int_equal(c->first, i);
        assert_int_equal(c->count, 1);
    }
    assert_null(level->criteria_ids);
    assert_null(level->criteria_items);
    assert_int_equal(level->ncriteria_items, 0);
}

static void test_outcomes(void **state)
{
    const pathway_node *call = node(state, "call_999");
    assert_int_equal(call->kind, PATHWAY_OUTCOME);
    assert_int_equal(call->outcome, PATHWAY_OUTCOME_EMERGENCY);
    assert_null(call->next); /* the walk ends there */
    assert_null(call->in);
    assert_null(call->steps);
    assert_int_equal(call->urgency, PATHWAY_URGENCY_IMMEDIATE);
    assert_ptr_equal(call->contacts[0], pathway_table_find_contact(*state, "police"));
    assert_null(call->next);
    const pathway_node *referred = node(state, "referred");
    assert_int_equal(referred->outcome, PATHWAY_OUTCOME_REFERRAL);
    assert_int_equal(referred->consent.rule, PATHWAY_CONSENT_NEEDED);
    assert_null(referred->consent.text);
    const pathway_node *watch = node(state, "watch");
    assert_int_equal(watch->outcome, PATHWAY_OUTCOME_MONITOR);
    assert_int_equal(watch->review_after.value, 1);
    assert_int_equal(watch->review_after.unit, PATHWAY_UNIT_WEEKS);
    assert_int_equal(watch->urgency, PATHWAY_URGENCY_ROUTINE);
    /* text JSON escapes, read back as the bytes written */
    assert_string_equal(watch->note, "Ctl \x01\x1f\x7f slash / e\xcc\x81 \xe2\x80\xa8 tab\t "
                                     "quote\" \\ \xf0\x9f\x98\x80");
    assert_int_equal(node(state, "nfa")->outcome, PATHWAY_OUTCOME_NO_FURTHER_ACTION);
}

static void test_lookups(void **state)
{
    const pathway_table *t = *state;
    size_t n = pathway_table_node_count(t);
    assert_int_equal(n, 10);
    for (size_t i = 0; i < n; i++) {
        const pathway_node *x = pathway_table_node(t, i);
        assert_int_equal(x->index, i);
        assert_ptr_equal(pathway_table_find_node(t, x->id), x);
    }
    assert_null(pathway_table_node(t, n));
    assert_null(pathway_table_find_node(t, "nobody"));
    assert_null(pathway_table_find_node(t, ""));
    assert_null(pathway_table_find_node(t, NULL));
    assert_null(pathway_table_find_stage(t, "act"));
    assert_null(pathway_table_find_contact(t, "dsl"));
    assert_null(pathway_table_find_role(t, "team"));
    assert_null(pathway_table_find_form(t, "first"));
    assert_ptr_equal(pathway_table_find_replacement(t, "old_act"), node(state, "act"));
    assert_ptr_equal(pathway_table_find_replacement(t, "older_act"), node(state, "act"));
    assert_null(pathway_table_find_replacement(t, "act"));
    /* NULL tables read as empty */
    assert_null(pathway_table_info(NULL));
    assert_null(pathway_table_start(NULL));
    assert_int_equal(pathway_table_node_count(NULL), 0);
    assert_null(pathway_table_find_node(NULL, "act"));
    assert_null(pathway_table_find_replacement(NULL, "old_act"));
}

static void test_answer_lookups(void **state)
{
    const pathway_node *level = node(state, "level"), *dash = node(state, "dash");
    assert_ptr_equal(pathway_node_find_answer(level, "unsure"), &level->answers[2]);
    assert_null(pathway_node_find_answer(level, "maybe"));
    assert_null(pathway_node_find_answer(level, NULL));
    assert_null(pathway_node_find_answer(dash, "low"));
    assert_ptr_equal(pathway_node_find_band(dash, 0), &dash->answers[0]);
    assert_ptr_equal(pathway_node_find_band(dash, 4), &dash->answers[0]);
    assert_ptr_equal(pathway_node_find_band(dash, 5), &dash->answers[1]);
    assert_ptr_equal(pathway_node_find_band(dash, 10), &dash->answers[1]);
    assert_null(pathway_node_find_band(dash, 11));
    assert_null(pathway_node_find_band(dash, -1));
    assert_null(pathway_node_find_band(level, 1));
    assert_null(pathway_node_find_band(NULL, 1));
    assert_null(pathway_node_find_answer(NULL, "yes"));
}

/* text with the first `from` replaced by `to` (malloc'd). */
static char *edited(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    if (!at)
        fail_msg("no %s in the text", from);
    size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    snprintf(out, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    return out;
}

/* kinds.json is of format 3 (what the compiler writes now), kinds-v1.json
 * of format 1; the same otherwise, but for their content hashes. */
static void test_format_versions(void **state)
{
    (void)state;
    pathway_table *t2 = load_table("kinds.json"), *t1 = NULL;
    setup_v1((void **)&t1);
    const pathway_info *i2 = pathway_table_info(t2), *i1 = pathway_table_info(t1);
    assert_int_equal(PATHWAY_TABLE_FORMAT_VERSION, 3);
    assert_int_equal(i2->format_version, 3);
    assert_int_equal(i1->format_version, 1);
    assert_string_not_equal(i1->content_hash, i2->content_hash);
    assert_int_equal(pathway_table_node_count(t1), pathway_table_node_count(t2));
    pathway_table_free(t1);
    pathway_table_free(t2);
}

/* Every field format 2 added, from the compiler's table of
 * tests/runtime/format2.pathway. */
static void test_format_2_pathway(void **state)
{
    (void)state;
    pathway_table *t = load_table("format2.json");
    const pathway_info *in = pathway_table_info(t);
    assert_int_equal(in->format_version, 3); /* format 2's fields, as the compiler writes now */
    assert_int_equal(in->status, PATHWAY_STATUS_DRAFT);
    assert_null(in->approved_by);
    assert_null(in->approved_on);
    assert_string_equal(in->area, "Hertfordshire");
    assert_string_equal(in->topic, "Exploitation");
    assert_string_equal(in->summary, "Use this when a recruitment panel finds a concern.");
    assert_true(in->no_emergency_route);
    assert_string_equal(in->emergency_route_text, "A recruitment procedure: emergencies go "
                        "through the organisation's own route.");
    assert_int_equal(in->ntbc, 2);
    assert_string_equal(in->tbc[0], "The source gives no phone number for the panel.");
    assert_string_equal(in->tbc[1], "Who chairs the panel out of term.");

    const pathway_stage *st = pathway_table_find_stage(t, "panel");
    assert_int_equal(st->ntbc, 1);
    assert_string_equal(st->tbc[0], "Whether the panel meets in the holidays");
    const pathway_contact *c = pathway_table_find_contact(t, "line");
    assert_int_equal(c->ntbc, 2);
    assert_string_equal(c->tbc[0], "The out-of-hours number");
    assert_string_equal(c->tbc[1], "Whether it takes referrals from schools");
    const pathway_form *f = pathway_table_find_form(t, "panel_form");
    assert_int_equal(f->ntbc, 1);
    assert_string_equal(f->tbc[0], "Whether version 3 is current");
    assert_int_equal(pathway_table_role_count(t), 0); /* by in words names no role */
    pathway_table_free(t);
}

/* Format 2's node shapes, from the compiler's table of
 * tests/runtime/forms.pathway. */
static void test_together(void **state)
{
    (void)state;
    pathway_table *t = load_table("forms.json");
    const pathway_node *g = pathway_table_find_node(t, "refer_both");
    assert_int_equal(g->kind, PATHWAY_TOGETHER);
    assert_string_equal(pathway_node_kind_name(g->kind), "together");
    assert_string_equal(g->title, "Make the referrals");
    assert_int_equal(g->nsteps, 3);
    const char *ids[] = {"refer_climb", "refer_branch", "tell_parents"};
    for (size_t i = 0; i < 3; i++) {
        const pathway_node *s = g->steps[i];
        assert_ptr_equal(s, pathway_table_find_node(t, ids[i]));
        assert_int_equal(s->kind, PATHWAY_STEP);
        assert_ptr_equal(s->in, g);
        assert_null(s->next); /* the together's next says where to go */
        assert_null(s->steps);
        assert_int_equal(s->index, g->index + 1 + i); /* right after it */
    }
    assert_ptr_equal(g->next, pathway_table_find_node(t, "review"));
    assert_null(g->in);
    assert_int_equal(g->within.value, 1);
    assert_string_equal(g->record, "Which referrals you made, and when");
    assert_int_equal(g->steps[1]->consent.rule, PATHWAY_CONSENT_SEEK_UNLESS_UNSAFE);
    assert_string_equal(g->steps[0]->contacts[0]->id, "climb");
    /* a step not inside one */
    const pathway_node *tell = pathway_table_find_node(t, "tell_dsl");
    assert_null(tell->in);
    assert_non_null(tell->next);
    pathway_table_free(t);
}

static void test_outcome_that_goes_on(void **state)
{
    (void)state;
    pathway_table *t = load_table("forms.json");
    const pathway_node *call = pathway_table_find_node(t, "call_999");
    assert_int_equal(call->kind, PATHWAY_OUTCOME);
    assert_int_equal(call->outcome, PATHWAY_OUTCOME_EMERGENCY);
    assert_ptr_equal(call->next, pathway_table_find_node(t, "tell_dsl"));
    assert_null(pathway_table_find_node(t, "referred")->next);
    pathway_table_free(t);
}

/* c is item `id` of q: a text, or a nested list of mode `mode` of the
 * texts first.. (count of them). */
static void criterion_is(const pathway_node *q, size_t i, const char *id,
                         pathway_criteria_mode mode, size_t first, size_t count)
{
    const pathway_criterion *c = &q->criteria_items[i];
    assert_string_equal(c->id, id);
    assert_int_equal(c->mode, mode);
    assert_int_equal(c->first, first);
    assert_int_equal(c->count, count);
    if (mode == PATHWAY_CRITERIA_NONE)
        assert_ptr_equal(c->text, q->criteria[first]);
    else
        assert_null(c->text);
}

static void test_nested_criteria(void **state)
{
    (void)state;
    pathway_table *t = load_table("forms.json");
    const pathway_node *q = pathway_table_find_node(t, "eligible");
    assert_int_equal(q->criteria_mode, PATHWAY_CRITERIA_ALL_OF);
    assert_int_equal(q->ncriteria, 3); /* every text, nested ones too */
    const char *texts[] = {"Victim of, or at risk of, child sexual exploitation",
                           "Under 18", "Under 25 with additional needs"};
    const char *ids[] = {"1", "2.1", "2.2"};
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(q->criteria[i], texts[i]);
        assert_string_equal(q->criteria_ids[i], ids[i]);
    }
    assert_int_equal(q->ncriteria_items, 2);
    criterion_is(q, 0, "1", PATHWAY_CRITERIA_NONE, 0, 1);
    criterion_is(q, 1, "2", PATHWAY_CRITERIA_ANY_OF, 1, 2);
    const pathway_node *r = pathway_table_find_node(t, "review");
    assert_int_equal(r->criteria_mode, PATHWAY_CRITERIA_ANY_OF);
    criterion_is(r, 0, "1", PATHWAY_CRITERIA_NONE, 0, 1);
    criterion_is(r, 1, "2", PATHWAY_CRITERIA_ALL_OF, 1, 2);
    assert_string_equal(r->criteria_ids[2], "2.2");
    assert_string_equal(r->criteria[2], "Not engaging with services");
    pathway_table_free(t);
}

static void test_format_2_nodes(void **state)
{
    (void)state;
    pathway_table *t = load_table("format2.json");
    const pathway_node *meet = pathway_table_find_node(t, "meet");
    assert_null(meet->by);
    assert_string_equal(meet->by_text, "The chair of the meeting");
    assert_int_equal(meet->consent.rule, PATHWAY_CONSENT_NOT_STATED);
    assert_string_equal(meet->consent.text,
                        "The source does not say whether consent is needed.");
    assert_int_equal(meet->ntbc, 1);
    assert_string_equal(meet->tbc[0], "How soon the panel must meet");

    const pathway_node *total = pathway_table_find_node(t, "total");
    assert_string_equal(total->by_text, "The panel");
    assert_int_equal(total->ntbc, 1);
    assert_string_equal(total->tbc[0], "Whether the score is out of 27");
    assert_true(total->scored);
    assert_true(total->answers[0].banded);
    assert_null(total->answers[0].id);
    assert_string_equal(total->answers[0].label, "Standard risk");
    assert_null(total->answers[1].label); /* a band without one */
    assert_ptr_equal(pathway_node_find_band(total, 14), &total->answers[1]);

    const pathway_node *advice = pathway_table_find_node(t, "advice");
    assert_int_equal(advice->ntbc, 1);
    assert_string_equal(advice->tbc[0], "Who writes the advice down");
    assert_null(advice->by_text);
    const pathway_node *refer = pathway_table_find_node(t, "refer");
    assert_string_equal(refer->by_text, "The chair of the meeting");
    assert_null(refer->tbc);
    assert_int_equal(refer->ntbc, 0);
    pathway_table_free(t);
}

/* In a format-1 table, the keys format 2 added are not the format's: they
 * are ignored, whatever they hold, as a reader of format 1 ignores any key
 * it does not know (and they are covered by the hash, as such keys are).
 * "not-stated" is refused (test_bad). */
static void test_format_1_ignores_format_2_keys(void **state)
{
    (void)state;
    char *text = read_text("tests/runtime/base.json", NULL);
    char *a = edited(text, "\"review_by\"", "\"tbc\": 7, \"area\": [], \"emergency_route\": "
                     "\"none\", \"review_by\"");
    char *b = edited(a, "\"by\": \"dsl\"", "\"by\": \"dsl\", \"by_text\": \"Also\", "
                     "\"tbc\": []");
    char *c0 = edited(b, "\"next\": \"nfa\"", "\"label\": 5, \"next\": \"nfa\"");
    /* togethers' keys on a step and a question, as in format 2 they are
     * not taken */
    char *c1 = edited(c0, "\"next\": \"dash\"", "\"in\": 3, \"steps\": \"x\", "
                      "\"next\": \"dash\"");
    char *c = edited(c1, "\"title\": \"Risk?\"", "\"title\": \"Risk?\", \"in\": \"talk\"");
    pathway_error err;
    pathway_table *t = pathway_table_load_buffer(c, strlen(c), PATHWAY_LOAD_NO_HASH_CHECK,
                                                 &err);
    if (!t)
        fail_msg("%s", err.message);
    const pathway_info *in = pathway_table_info(t);
    assert_int_equal(in->format_version, 1);
    assert_null(in->tbc);
    assert_null(in->area);
    assert_false(in->no_emergency_route);
    const pathway_node *talk = pathway_table_find_node(t, "talk");
    assert_non_null(talk->by);
    assert_null(talk->by_text);
    assert_int_equal(talk->ntbc, 0);
    assert_null(talk->in);
    assert_null(talk->steps);
    assert_ptr_equal(talk->next, pathway_table_find_node(t, "dash"));
    const pathway_node *dash = pathway_table_find_node(t, "dash");
    assert_null(dash->answers[0].label);
    assert_null(pathway_table_find_node(t, "risk")->in);
    pathway_table_free(t);
    assert_null(pathway_table_load_buffer(c, strlen(c), 0, &err));
    assert_int_equal(err.code, PATHWAY_E_HASH);
    /* the same keys in a format-2 table are read, and refused */
    char *d = edited(c, "\"format_version\": 1", "\"format_version\": 2");
    assert_null(pathway_table_load_buffer(d, strlen(d), PATHWAY_LOAD_NO_HASH_CHECK, &err));
    assert_string_equal(err.message, "pathway.area: expected a string, found an array");
    free(d);
    free(c);
    free(c1);
    free(c0);
    free(b);
    free(a);
    free(text);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(pathway_node_kind_name(PATHWAY_QUESTION), "question");
    assert_string_equal(pathway_node_kind_name(PATHWAY_TOGETHER), "together");
    assert_null(pathway_node_kind_name((pathway_node_kind)0));
    assert_null(pathway_node_kind_name((pathway_node_kind)5));
    assert_string_equal(pathway_urgency_name(PATHWAY_URGENCY_IMMEDIATE), "immediate");
    assert_string_equal(pathway_unit_name(PATHWAY_UNIT_WORKING_DAYS), "working-days");
    assert_null(pathway_unit_name(PATHWAY_UNIT_NONE));
    assert_string_equal(pathway_consent_name(PATHWAY_CONSENT_INFORM_UNLESS_UNSAFE),
                        "inform-unless-unsafe");
    assert_string_equal(pathway_consent_name(PATHWAY_CONSENT_NOT_STATED), "not-stated");
    assert_null(pathway_consent_name((pathway_consent_rule)(PATHWAY_CONSENT_NOT_STATED + 1)));
    assert_null(pathway_consent_name(PATHWAY_CONSENT_NONE));
    assert_string_equal(pathway_outcome_name(PATHWAY_OUTCOME_NO_FURTHER_ACTION),
                        "no-further-action");
    assert_string_equal(pathway_status_name(PATHWAY_STATUS_UNDER_REVIEW), "under-review");
    assert_string_equal(pathway_criteria_name(PATHWAY_CRITERIA_ALL_OF), "all-of");
    assert_null(pathway_criteria_name((pathway_criteria_mode)-1));
    assert_string_equal(pathway_code_name(PATHWAY_OK), "PATHWAY_OK");
    assert_string_equal(pathway_code_name(PATHWAY_E_REPLAY), "PATHWAY_E_REPLAY");
    assert_string_equal(pathway_code_name(PATHWAY_E_STEP), "PATHWAY_E_STEP");
    assert_string_equal(pathway_code_name(PATHWAY_E_ALREADY_DONE), "PATHWAY_E_ALREADY_DONE");
    assert_string_equal(pathway_code_name(PATHWAY_E_STEPS_LEFT), "PATHWAY_E_STEPS_LEFT");
    assert_string_equal(pathway_code_name(PATHWAY_E_TOO_LARGE), "PATHWAY_E_TOO_LARGE");
    for (int c = PATHWAY_OK; c <= PATHWAY_E_TOO_LARGE; c++)
        assert_non_null(pathway_code_name((pathway_code)c));
    assert_null(pathway_code_name((pathway_code)(PATHWAY_E_TOO_LARGE + 1)));
}

/* From a buffer with no NUL after it (ASan would see a read past it),
 * freed before the table is read: the table holds its own copy. */
static void test_load_buffer(void **state)
{
    (void)state;
    size_t n;
    char *text = read_text(TABLES "/kinds.json", &n);
    char *exact = malloc(n);
    memcpy(exact, text, n);
    free(text);
    pathway_error err;
    pathway_table *t = pathway_table_load_buffer(exact, n, PATHWAY_LOAD_DEFAULT, &err);
    free(exact);
    assert_non_null(t);
    assert_string_equal(pathway_table_node(t, 1)->do_items[1], "Second thing");
    pathway_table_free(t);
    /* err may be NULL */
    assert_null(pathway_table_load_buffer("[]", 2, 0, NULL));
}

static void test_load_errors(void **state)
{
    (void)state;
    pathway_error err;
    assert_null(pathway_table_load_file("tests/runtime/no-such.json", 0, &err));
    assert_int_equal(err.code, PATHWAY_E_IO);
    assert_string_equal(err.where, "");
    assert_string_equal(err.message,
                        "cannot read 'tests/runtime/no-such.json': No such file or directory");
    assert_null(pathway_table_load_file("tests/runtime", 0, &err));
    assert_int_equal(err.code, PATHWAY_E_IO);
    assert_string_equal(err.message, "cannot read 'tests/runtime': Is a directory");
    assert_null(pathway_table_load_file(NULL, 0, &err));
    assert_int_equal(err.code, PATHWAY_E_ARGUMENT);
    assert_null(pathway_table_load_buffer(NULL, 5, 0, &err));
    assert_int_equal(err.code, PATHWAY_E_ARGUMENT);
    assert_null(pathway_table_load_buffer(NULL, 0, 0, &err));
    assert_int_equal(err.code, PATHWAY_E_JSON);
    pathway_table_free(NULL);
}

/* A file is parsed as it is read (json_load_callback): the same table,
 * or the same error, as the same bytes from a buffer, however the text
 * is cut short or spoiled. */
static void test_file_as_buffer(void **state)
{
    (void)state;
    size_t n;
    char *text = read_text(TABLES "/kinds.json", &n);
    char path[] = "/tmp/pathway-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    for (size_t cut = 0; cut <= n; cut += n / 53 + 1) {
        for (int spoil = 0; spoil < 2; spoil++) {
            char saved = cut < n ? text[cut] : '\0';
            if (spoil && cut < n)
                text[cut] = '#';
            size_t len = spoil ? n : cut;
            FILE *f = fopen(path, "wb");
            assert_non_null(f);
            assert_int_equal(fwrite(text, 1, len, f), len);
            assert_int_equal(fclose(f), 0);
            pathway_error a, b;
            pathway_table *t1 = pathway_table_load_file(path, 0, &a);
            pathway_table *t2 = pathway_table_load_buffer(text, len, 0, &b);
            assert_int_equal(t1 != NULL, t2 != NULL);
            assert_int_equal(a.code, b.code);
            assert_string_equal(a.message, b.message);
            pathway_table_free(t1);
            pathway_table_free(t2);
            if (cut < n)
                text[cut] = saved;
        }
    }
    unlink(path);
    free(text);
}

/* Links are made after every node is read, but checked in the order they
 * always were: a node's next (or answers) before its also entries,
 * though "also" comes first in the node. */
static void test_link_order(void **state)
{
    (void)state;
    char *text = read_text("tests/runtime/base.json", NULL);
    char *one = edited(text, "\"node\": \"nfa\"", "\"node\": \"elsewhere\"");
    char *two = edited(one, "\"next\": \"dash\"", "\"next\": \"gone\"");
    pathway_error err;
    assert_null(pathway_table_load_buffer(two, strlen(two), 0, &err));
    assert_int_equal(err.code, PATHWAY_E_TABLE);
    assert_string_equal(err.message, "nodes[1].next: no node has the id 'gone'");
    assert_null(pathway_table_load_buffer(one, strlen(one), 0, &err));
    assert_string_equal(err.message, "nodes[1].also[0].node: no node has the id 'elsewhere'");
    free(two);
    free(one);
    free(text);
}

/* Answer ids are compared for a few answers and mapped for many: the
 * first answer whose id an earlier one has is reported, either way. */
static void test_duplicate_answers(void **state)
{
    (void)state;
    char *text = read_text("tests/runtime/base.json", NULL);
    for (int many = 0; many < 2; many++) {
        /* risk's answers: a2, a3, ... (10 when many, else 1), a2 again,
         * then its own yes and no: 4 or 13 answers */
        int count = many ? 10 : 1;
        char to[2048] = "\"answers\": [";
        size_t used = strlen(to);
        for (int i = 0; i <= count; i++)
            used += (size_t)snprintf(to + used, sizeof to - used,
                                     "{\"id\": \"a%d\", \"label\": \"A\", \"next\": \"nfa\"}, ",
                                     i < count ? i + 2 : 2);
        char *t = edited(text, "\"answers\": [", to);
        pathway_error err;
        assert_null(pathway_table_load_buffer(t, strlen(t), 0, &err));
        char expected[128];
        snprintf(expected, sizeof expected,
                 "nodes[0].answers[%d].id: the question already has an answer 'a2'", count);
        assert_string_equal(err.message, expected);
        free(t);
    }
    free(text);
}

/* Keys the format does not define are ignored (a table from a newer
 * compiler of the same format version); the hash covers them, so only
 * the hash check sees them. */
static void test_unknown_keys(void **state)
{
    (void)state;
    char *text = read_text("tests/runtime/base.json", NULL);
    const char *at = strstr(text, "\"start\"");
    assert_non_null(at);
    size_t n = strlen(text) + 64;
    char *more = malloc(n);
    snprintf(more, n, "%.*s\"later\": {\"x\": [1.5, null]},\n  %s", (int)(at - text), text,
             at);
    pathway_error err;
    pathway_table *t = pathway_table_load_buffer(more, strlen(more),
                                                 PATHWAY_LOAD_NO_HASH_CHECK, &err);
    assert_non_null(t);
    pathway_table_free(t);
    assert_null(pathway_table_load_buffer(more, strlen(more), 0, &err));
    assert_int_equal(err.code, PATHWAY_E_HASH);
    free(more);
    free(text);
}

/* Every table of pathways/ loads, its hash checked. */
static void test_every_pathway_loads(void **state)
{
    (void)state;
    glob_t g;
    assert_int_equal(glob(TABLES "/pathways/*.json", 0, NULL, &g), 0);
    assert_true(g.gl_pathc >= 1);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        pathway_error err;
        pathway_table *t = pathway_table_load_file(g.gl_pathv[i], 0, &err);
        if (!t)
            fail_msg("%s: %s", g.gl_pathv[i], err.message);
        assert_non_null(pathway_table_start(t));
        pathway_table_free(t);
    }
    globfree(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_info, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stages_roles_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contacts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_step, setup, teardown),
        cmocka_unit_test_setup_teardown(test_questions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outcomes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookups, setup, teardown),
        cmocka_unit_test_setup_teardown(test_answer_lookups, setup, teardown),
        /* the same, of the format-1 table */
        cmocka_unit_test_setup_teardown(test_info, setup_v1, teardown),
        cmocka_unit_test_setup_teardown(test_stages_roles_forms, setup_v1, teardown),
        cmocka_unit_test_setup_teardown(test_contacts, setup_v1, teardown),
        cmocka_unit_test_setup_teardown(test_step, setup_v1, teardown),
        cmocka_unit_test_setup_teardown(test_questions, setup_v1, teardown),
        cmocka_unit_test_setup_teardown(test_outcomes, setup_v1, teardown),
        cmocka_unit_test_setup_teardown(test_lookups, setup_v1, teardown),
        cmocka_unit_test_setup_teardown(test_answer_lookups, setup_v1, teardown),
        cmocka_unit_test(test_format_versions),
        cmocka_unit_test(test_format_2_pathway),
        cmocka_unit_test(test_format_2_nodes),
        cmocka_unit_test(test_together),
        cmocka_unit_test(test_outcome_that_goes_on),
        cmocka_unit_test(test_nested_criteria),
        cmocka_unit_test(test_format_1_ignores_format_2_keys),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_load_buffer),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_file_as_buffer),
        cmocka_unit_test(test_link_order),
        cmocka_unit_test(test_duplicate_answers),
        cmocka_unit_test(test_unknown_keys),
        cmocka_unit_test(test_every_pathway_loads),
    };
    return cmocka_run_group_tests_name("runtime table", tests, NULL, NULL);
}
