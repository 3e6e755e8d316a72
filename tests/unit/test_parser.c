/* Unit tests for the parser: every construct of the language lands in the
 * AST with the right shape and spans, and broken input recovers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "front/parse.h"

#include <stdlib.h>
#include <string.h>

typedef struct parsed {
    pw_source *src;
    pw_diag *diag;
    pw_ast_file *ast;
    char *printed;
} parsed;

static parsed *parse(const char *text)
{
    parsed *r = calloc(1, sizeof *r);
    r->src = pw_source_from_memory("t.pathway", text, strlen(text));
    r->diag = pw_diag_new();
    r->ast = pw_parse(r->src, r->diag);
    return r;
}

static const char *messages(parsed *r)
{
    if (!r->printed) {
        size_t len = 0;
        FILE *f = open_memstream(&r->printed, &len);
        pw_diag_print(r->diag, f, PW_DIAG_TEXT, false);
        fclose(f);
    }
    return r->printed;
}

static void done(parsed *r)
{
    free(r->printed);
    pw_ast_free(r->ast);
    pw_diag_free(r->diag);
    pw_source_free(r->src);
    free(r);
}

static void assert_clean(parsed *r)
{
    if (pw_diag_error_count(r->diag))
        fail_msg("unexpected errors:\n%s", messages(r));
}

/* The field f of a list; fails the test when there is none. */
static const pw_ast_field *fv(const pw_ast_field *list, pw_field f)
{
    const pw_ast_field *x = pw_ast_field_get(list, f);
    if (!x)
        fail_msg("no field '%s'", pw_field_name(f));
    return x;
}

/* The next field f after x (a field given more than once). */
static const pw_ast_field *again(const pw_ast_field *x, pw_field f)
{
    return fv(x->next, f);
}

/* The source text a span covers. */
static char *spanned(parsed *r, pw_span s)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "%.*s", (int)(s.end - s.begin), r->src->text + s.begin);
    return buf;
}

static const char everything[] =
    "import \"common/herts.pathway\"\n"
    "contact spa \"Single Point of Access\" {\n"
    "  phone \"0800 6444 101\"\n"
    "  email \"spa@example.nhs.uk\"\n"
    "  url \"https://example.org/spa\"\n"
    "  hours \"24/7\"\n"
    "  out-of-hours police\n"
    "  verified 2024-11-07\n"
    "  note \"Say it is urgent\"\n"
    "}\n"
    "contact police \"Police\" { phone \"999\" }\n"
    "role dsl \"Designated Safeguarding Lead\"\n"
    "form nrf \"National Referral Form\" {\n"
    "  version \"2025\" url \"https://example.org/nrf\" per-child note \"n\"\n"
    "}\n"
    "pathway prevent \"Prevent\" {\n"
    "  owner \"HSCP\" version \"2024.11\" status approved\n"
    "  source \"Manual 5.3.9\" url \"https://example.org/manual\"\n"
    "  review-by 2025-11-30 audience \"Everyone\" start risk note \"n\"\n"
    "  role lead \"Prevent lead\"\n"
    "  stage notice \"Notice\" {\n"
    "    question risk \"Is anyone at \" \"immediate risk?\" {\n"
    "      yes -> call_999\n"
    "      no \"Not now\" -> refer\n"
    "    }\n"
    "  }\n"
    "  step refer \"Refer\" {\n"
    "    by dsl do \"one\" do \"two\" record \"r\" form nrf contact spa, police\n"
    "    contact police within 1 working-day target 4 hours urgency urgent\n"
    "    consent not-needed \"Not for Prevent\" when \"w\" note \"n\" personal\n"
    "    also other_pathway \"why\" also call_999\n"
    "    source \"s\" url \"https://example.org/s\" replaces old1, old2\n"
    "    next urgent_q\n"
    "  }\n"
    "  question urgent_q \"Any?\" {\n"
    "    any-of { \"a\" \"b\" }\n"
    "    yes -> call_999  no -> dash\n"
    "  }\n"
    "  question dash \"DASH?\" {\n"
    "    score 0..27\n"
    "    band 0..13 -> call_999\n"
    "    band 14..27 -> call_999\n"
    "  }\n"
    "  outcome call_999 \"Call 999\" { kind emergency review-after 4 weeks }\n"
    "  scenario \"goes to 999\" {\n"
    "    answer risk no answer urgent_q no answer dash 12\n"
    "    expect call_999 through refer, dash\n"
    "  }\n"
    "  assert every path to call_999 passes risk\n"
    "  assert no path reaches refer before risk\n"
    "  assert risk within 1 step of start\n"
    "  assert risk within 2 steps of start\n"
    "}\n";

static void test_file_level_declarations(void **state)
{
    (void)state;
    parsed *r = parse(everything);
    assert_clean(r);
    pw_ast_file *f = r->ast;
    assert_non_null(f->imports);
    assert_string_equal(f->imports->path.text, "common/herts.pathway");
    assert_null(f->imports->next);

    pw_ast_contact *c = f->contacts;
    assert_string_equal(c->id.text, "spa");
    assert_string_equal(spanned(r, c->id.span), "spa");
    assert_string_equal(c->title.text, "Single Point of Access");
    assert_string_equal(fv(c->fields, PW_F_CONTACT_PHONE)->v.text.text, "0800 6444 101");
    assert_string_equal(fv(c->fields, PW_F_CONTACT_EMAIL)->v.text.text,
                        "spa@example.nhs.uk");
    assert_string_equal(fv(c->fields, PW_F_CONTACT_URL)->v.text.text,
                        "https://example.org/spa");
    assert_string_equal(fv(c->fields, PW_F_CONTACT_HOURS)->v.text.text, "24/7");
    assert_string_equal(fv(c->fields, PW_F_CONTACT_OUT_OF_HOURS)->v.name.text, "police");
    pw_date verified = fv(c->fields, PW_F_CONTACT_VERIFIED)->v.date;
    assert_int_equal(verified.year, 2024);
    assert_int_equal(verified.month, 11);
    assert_int_equal(verified.day, 7);
    assert_string_equal(fv(c->fields, PW_F_CONTACT_NOTE)->v.text.text,
                        "Say it is urgent");
    assert_string_equal(c->next->id.text, "police");
    assert_null(c->next->next);

    assert_string_equal(f->roles->id.text, "dsl");
    assert_string_equal(f->roles->title.text, "Designated Safeguarding Lead");
    assert_null(f->roles->next);

    pw_ast_form *fm = f->forms;
    assert_string_equal(fm->id.text, "nrf");
    assert_string_equal(fv(fm->fields, PW_F_FORM_VERSION)->v.text.text, "2025");
    assert_string_equal(fv(fm->fields, PW_F_FORM_URL)->v.text.text,
                        "https://example.org/nrf");
    assert_non_null(fv(fm->fields, PW_F_FORM_PER_CHILD));
    assert_string_equal(fv(fm->fields, PW_F_FORM_NOTE)->v.text.text, "n");
    done(r);
}

static void test_pathway_metadata(void **state)
{
    (void)state;
    parsed *r = parse(everything);
    assert_clean(r);
    pw_ast_pathway *w = r->ast->pathways;
    assert_non_null(w);
    assert_null(w->next);
    assert_string_equal(w->id.text, "prevent");
    assert_string_equal(w->title.text, "Prevent");
    const pw_ast_field *f = w->fields;
    assert_string_equal(fv(f, PW_F_PATHWAY_OWNER)->v.text.text, "HSCP");
    assert_string_equal(fv(f, PW_F_PATHWAY_VERSION)->v.text.text, "2024.11");
    assert_int_equal(fv(f, PW_F_PATHWAY_STATUS)->v.choice.value, PW_STATUS_APPROVED);
    assert_string_equal(fv(f, PW_F_PATHWAY_SOURCE)->v.source.text.text, "Manual 5.3.9");
    assert_string_equal(fv(f, PW_F_PATHWAY_SOURCE)->v.source.url.text,
                        "https://example.org/manual");
    assert_int_equal(fv(f, PW_F_PATHWAY_REVIEW_BY)->v.date.year, 2025);
    assert_string_equal(fv(f, PW_F_PATHWAY_AUDIENCE)->v.text.text, "Everyone");
    assert_string_equal(fv(f, PW_F_PATHWAY_START)->v.name.text, "risk");
    assert_string_equal(fv(f, PW_F_PATHWAY_NOTE)->v.text.text, "n");
    /* a role inside the pathway is local to it */
    assert_string_equal(w->roles->id.text, "lead");
    assert_null(w->contacts);
    assert_string_equal(w->stages->id.text, "notice");
    assert_null(w->stages->next);
    /* the whole pathway's span runs from its keyword to its brace */
    assert_int_equal(r->src->text[w->span.begin], 'p');
    assert_int_equal(r->src->text[w->span.end - 1], '}');
    done(r);
}

static void test_nodes_in_source_order_with_stages(void **state)
{
    (void)state;
    parsed *r = parse(everything);
    pw_ast_node *n = r->ast->pathways->nodes;
    const char *ids[] = {"risk", "refer", "urgent_q", "dash", "call_999"};
    pw_node_kind kinds[] = {PW_QUESTION, PW_STEP, PW_QUESTION, PW_QUESTION,
                            PW_OUTCOME};
    for (int i = 0; i < 5; i++, n = n->next_node) {
        assert_non_null(n);
        assert_string_equal(n->id.text, ids[i]);
        assert_int_equal(n->kind, kinds[i]);
    }
    assert_null(n);
    pw_ast_node *risk = r->ast->pathways->nodes;
    assert_ptr_equal(risk->stage, r->ast->pathways->stages);
    assert_null(risk->next_node->stage);
    /* adjacent strings join */
    assert_string_equal(risk->title.text, "Is anyone at immediate risk?");
    assert_string_equal(spanned(r, risk->title.span),
                        "\"Is anyone at \" \"immediate risk?\"");
    done(r);
}

static void test_every_step_field(void **state)
{
    (void)state;
    parsed *r = parse(everything);
    pw_ast_node *s = r->ast->pathways->nodes->next_node;
    const pw_ast_field *f = s->fields;
    assert_string_equal(fv(f, PW_F_NODE_BY)->v.name.text, "dsl");
    const pw_ast_field *d = fv(f, PW_F_NODE_DO);
    assert_string_equal(d->v.text.text, "one");
    assert_string_equal(again(d, PW_F_NODE_DO)->v.text.text, "two");
    assert_null(pw_ast_field_get(again(d, PW_F_NODE_DO)->next, PW_F_NODE_DO));
    assert_string_equal(fv(f, PW_F_NODE_RECORD)->v.text.text, "r");
    assert_string_equal(fv(f, PW_F_NODE_FORM)->v.names->name.text, "nrf");
    /* `contact a, b` is one field, a second `contact` line another */
    const pw_ast_field *c = fv(f, PW_F_NODE_CONTACT);
    assert_string_equal(c->v.names->name.text, "spa");
    assert_string_equal(c->v.names->next->name.text, "police");
    assert_null(c->v.names->next->next);
    assert_string_equal(spanned(r, c->span), "contact spa, police");
    assert_string_equal(again(c, PW_F_NODE_CONTACT)->v.names->name.text, "police");
    assert_int_equal(fv(f, PW_F_NODE_WITHIN)->v.time.value, 1);
    assert_int_equal(fv(f, PW_F_NODE_WITHIN)->v.time.unit, PW_UNIT_WORKING_DAYS);
    assert_int_equal(fv(f, PW_F_NODE_TARGET)->v.time.value, 4);
    assert_int_equal(fv(f, PW_F_NODE_TARGET)->v.time.unit, PW_UNIT_HOURS);
    assert_int_equal(fv(f, PW_F_NODE_URGENCY)->v.choice.value, PW_URGENCY_URGENT);
    assert_int_equal(fv(f, PW_F_NODE_CONSENT)->v.choice.value, PW_CONSENT_NOT_NEEDED);
    assert_string_equal(fv(f, PW_F_NODE_CONSENT)->v.choice.text.text, "Not for Prevent");
    assert_string_equal(fv(f, PW_F_NODE_WHEN)->v.text.text, "w");
    assert_string_equal(fv(f, PW_F_NODE_NOTE)->v.text.text, "n");
    assert_non_null(fv(f, PW_F_NODE_PERSONAL));
    const pw_ast_field *al = fv(f, PW_F_NODE_ALSO);
    assert_string_equal(al->v.ref.name.text, "other_pathway");
    assert_string_equal(al->v.ref.text.text, "why");
    assert_string_equal(again(al, PW_F_NODE_ALSO)->v.ref.name.text, "call_999");
    assert_null(again(al, PW_F_NODE_ALSO)->v.ref.text.text);
    assert_string_equal(fv(f, PW_F_NODE_SOURCE)->v.source.text.text, "s");
    assert_string_equal(fv(f, PW_F_NODE_SOURCE)->v.source.url.text,
                        "https://example.org/s");
    const pw_name_item *rp = fv(f, PW_F_NODE_REPLACES)->v.names;
    assert_string_equal(rp->name.text, "old1");
    assert_string_equal(rp->next->name.text, "old2");
    pw_name next = fv(f, PW_F_NODE_NEXT)->v.name;
    assert_string_equal(next.text, "urgent_q");
    assert_string_equal(spanned(r, next.span), "urgent_q");
    done(r);
}

static void test_questions(void **state)
{
    (void)state;
    parsed *r = parse(everything);
    pw_ast_node *risk = r->ast->pathways->nodes;
    pw_answer *a = risk->answers;
    assert_string_equal(a->id.text, "yes");
    assert_null(a->label.text);
    assert_string_equal(a->target.text, "call_999");
    assert_false(a->banded);
    assert_string_equal(a->next->id.text, "no");
    assert_string_equal(a->next->label.text, "Not now");
    assert_string_equal(a->next->target.text, "refer");
    assert_string_equal(spanned(r, a->next->span), "no \"Not now\" -> refer");

    pw_ast_node *any = risk->next_node->next_node;
    assert_int_equal(any->criteria_mode, PW_CRITERIA_ANY);
    assert_string_equal(any->criteria->text.text, "a"); /* not joined */
    assert_string_equal(any->criteria->next->text.text, "b");
    assert_string_equal(any->answers->next->target.text, "dash");

    pw_ast_node *dash = any->next_node;
    assert_true(dash->scored);
    assert_int_equal(dash->score_lo, 0);
    assert_int_equal(dash->score_hi, 27);
    pw_answer *b = dash->answers;
    assert_true(b->banded);
    assert_int_equal(b->lo, 0);
    assert_int_equal(b->hi, 13);
    assert_string_equal(spanned(r, b->range_span), "0..13");
    assert_int_equal(b->next->lo, 14);
    assert_int_equal(b->next->hi, 27);
    assert_null(b->next->next);
    done(r);
}

static void test_outcomes(void **state)
{
    (void)state;
    parsed *r = parse(everything);
    pw_ast_node *o = r->ast->pathways->nodes;
    while (o->next_node)
        o = o->next_node;
    assert_int_equal(o->kind, PW_OUTCOME);
    assert_int_equal(fv(o->fields, PW_F_NODE_KIND)->v.choice.value, PW_OUTCOME_EMERGENCY);
    assert_int_equal(fv(o->fields, PW_F_NODE_REVIEW_AFTER)->v.time.value, 4);
    assert_int_equal(fv(o->fields, PW_F_NODE_REVIEW_AFTER)->v.time.unit, PW_UNIT_WEEKS);
    done(r);
}

static void test_scenarios_and_assertions(void **state)
{
    (void)state;
    parsed *r = parse(everything);
    pw_ast_scenario *s = r->ast->pathways->scenarios;
    assert_string_equal(s->name.text, "goes to 999");
    pw_scenario_answer *a = s->answers;
    assert_string_equal(a->question.text, "risk");
    assert_string_equal(a->answer.text, "no");
    assert_false(a->is_score);
    a = a->next->next;
    assert_string_equal(a->question.text, "dash");
    assert_true(a->is_score);
    assert_int_equal(a->score, 12);
    assert_null(a->next);
    assert_string_equal(s->expect.text, "call_999");
    assert_string_equal(s->through->name.text, "refer");
    assert_string_equal(s->through->next->name.text, "dash");

    pw_ast_assert *as = r->ast->pathways->asserts;
    assert_int_equal(as->kind, PW_ASSERT_EVERY_PATH_PASSES);
    assert_string_equal(as->a.text, "call_999");
    assert_string_equal(as->b.text, "risk");
    as = as->next;
    assert_int_equal(as->kind, PW_ASSERT_NO_PATH_BEFORE);
    assert_string_equal(as->a.text, "refer");
    assert_string_equal(as->b.text, "risk");
    as = as->next;
    assert_int_equal(as->kind, PW_ASSERT_WITHIN);
    assert_string_equal(as->a.text, "risk");
    assert_int_equal(as->steps, 1);
    assert_int_equal(as->next->steps, 2);
    assert_null(as->next->next);
    done(r);
}

static void test_empty_file(void **state)
{
    (void)state;
    parsed *r = parse("# only a comment\n");
    assert_clean(r);
    assert_null(r->ast->pathways);
    assert_null(r->ast->contacts);
    done(r);
}

static void test_recovery_keeps_later_nodes(void **state)
{
    (void)state;
    parsed *r = parse("pathway p \"P\" {\n"
                      "  step a \"A\" {\n"
                      "    next b\n"             /* '}' missing */
                      "  step b \"B\" { nxt c }\n" /* mistyped field */
                      "  outcome c \"C\" { kind monitor }\n"
                      "}\n");
    assert_int_equal(pw_diag_error_count(r->diag), 2);
    const char *m = messages(r);
    assert_non_null(strstr(m, "t.pathway:3:11: error[E0131]: '}' missing: the '{' "
                              "of step 'a' on line 2 is never closed"));
    assert_non_null(strstr(m, "t.pathway:4:16: error[E0100]: unknown field "
                              "'nxt' in step 'b'"));
    /* b and c are still in the tree */
    pw_ast_node *n = r->ast->pathways->nodes;
    assert_string_equal(n->id.text, "a");
    assert_string_equal(fv(n->fields, PW_F_NODE_NEXT)->v.name.text, "b");
    assert_string_equal(n->next_node->id.text, "b");
    assert_string_equal(n->next_node->next_node->id.text, "c");
    assert_int_equal(fv(n->next_node->next_node->fields, PW_F_NODE_KIND)->v.choice.value,
                     PW_OUTCOME_MONITOR);
    done(r);
}

static void test_repaired_heads_keep_their_blocks(void **state)
{
    (void)state;
    parsed *r = parse("pathway p \"P\" {\n"
                      "  step talk to dsl \"Talk\" { next c }\n"
                      "  Step b \"B\" { next c }\n"
                      "  outcome c Done { kind monitor }\n"
                      "}\n");
    assert_int_equal(pw_diag_error_count(r->diag), 3);
    const char *m = messages(r);
    assert_non_null(strstr(m, "error[E0124]: a name cannot contain spaces: write talk_to_dsl"));
    assert_non_null(strstr(m, "error[E0125]: 'Step' is written in small letters: step"));
    assert_non_null(strstr(m, "error[E0128]: put the title in quotes: \"Done\""));
    /* each is made as meant, with the fields of its block */
    pw_ast_node *n = r->ast->pathways->nodes;
    assert_string_equal(n->id.text, "talk_to_dsl");
    assert_string_equal(n->title.text, "Talk");
    assert_string_equal(fv(n->fields, PW_F_NODE_NEXT)->v.name.text, "c");
    assert_string_equal(n->next_node->id.text, "b");
    assert_string_equal(fv(n->next_node->fields, PW_F_NODE_NEXT)->v.name.text, "c");
    assert_string_equal(n->next_node->next_node->title.text, "Done");
    done(r);
}

static void test_recovery_skips_a_dropped_block(void **state)
{
    (void)state;
    parsed *r = parse("pathway p \"P\" {\n"
                      "  stage s \"S\" {\n"
                      "    question q, \"Q\" {\n"
                      "      any-of { \"x\" }\n"
                      "      yes -> c\n"
                      "    }\n"
                      "    step b \"B\" { next c }\n"
                      "  }\n"
                      "  outcome c \"C\" { kind monitor }\n"
                      "}\n");
    assert_int_equal(pw_diag_error_count(r->diag), 1);
    pw_ast_node *n = r->ast->pathways->nodes;
    assert_string_equal(n->id.text, "b");
    assert_string_equal(n->next_node->id.text, "c");
    done(r);
}

static void test_fields_a_kind_does_not_take(void **state)
{
    (void)state;
    parsed *r = parse("pathway p \"P\" {\n"
                      "  question q \"Q\" { do \"x\" yes -> o no -> o }\n"
                      "  outcome o \"O\" { kind advice next q }\n"
                      "  step s \"S\" { yes -> o next o next o }\n"
                      "}\n");
    assert_int_equal(pw_diag_error_count(r->diag), 4);
    const char *m = messages(r);
    assert_non_null(strstr(m, "2:20: error[E0110]: a question cannot have 'do'"));
    assert_non_null(strstr(m, "3:36: error[E0116]: outcome 'o' is of kind advice, so "
                              "the walk ends there"));
    assert_non_null(strstr(m, "4:16: error[E0110]: a step cannot have answers"));
    assert_non_null(strstr(m, "4:32: error[E0111]: 'next' is given twice"));
    done(r);
}

static void test_values_and_urls(void **state)
{
    (void)state;
    parsed *r = parse("contact c \"C\" { url \"javascript:alert(1)\" email \"x\" }\n"
                      "pathway p \"P\" { status aproved\n"
                      "  step s \"S\" { within 0 days urgency soon consent maybe next s }\n"
                      "  question q \"Q\" { score 9..1 }\n"
                      "}\n");
    const char *m = messages(r);
    assert_non_null(strstr(m, "1:21: error[E0113]: 'javascript:alert(1)' is not a web "
                              "address that starts with https://"));
    assert_non_null(strstr(m, "1:49: error[E0119]: 'x' is not an email address"));
    assert_non_null(strstr(m, "2:24: error[E0112]: unknown status 'aproved'"));
    assert_non_null(strstr(m, "did you mean 'approved'?"));
    assert_non_null(strstr(m, "3:23: error[E0114]: a timescale of 0 days"));
    assert_non_null(strstr(m, "3:38: error[E0112]: unknown urgency 'soon'"));
    assert_non_null(strstr(m, "3:51: error[E0112]: unknown consent rule 'maybe'"));
    assert_non_null(strstr(m, "4:26: error[E0115]: the score range 9..1 is empty"));
    assert_int_equal(pw_diag_error_count(r->diag), 7);
    /* a bad URL is not kept */
    assert_null(pw_ast_field_get(r->ast->contacts->fields, PW_F_CONTACT_URL));
    done(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_level_declarations),
        cmocka_unit_test(test_pathway_metadata),
        cmocka_unit_test(test_nodes_in_source_order_with_stages),
        cmocka_unit_test(test_every_step_field),
        cmocka_unit_test(test_questions),
        cmocka_unit_test(test_outcomes),
        cmocka_unit_test(test_scenarios_and_assertions),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_recovery_keeps_later_nodes),
        cmocka_unit_test(test_repaired_heads_keep_their_blocks),
        cmocka_unit_test(test_recovery_skips_a_dropped_block),
        cmocka_unit_test(test_fields_a_kind_does_not_take),
        cmocka_unit_test(test_values_and_urls),
    };
    return cmocka_run_group_tests_name("parser", tests, NULL, NULL);
}
