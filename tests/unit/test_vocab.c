/* Unit tests for the vocabulary (support/vocab.def): the table is
 * consistent with itself and with the grammar, so that a line added there
 * cannot silently give a field the parser cannot read, a keyword the
 * lexer cannot find, or a layout fmt cannot order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "front/parser.h"
#include "support/vocab.h"

#include <string.h>

static void test_keywords_are_sorted_and_found(void **state)
{
    (void)state;
    for (int k = PW_KW_NONE + 1; k < PW_KW_COUNT; k++) {
        const char *s = pw_keyword_spelling((pw_keyword)k);
        if (k > PW_KW_NONE + 1 && strcmp(pw_keyword_spelling((pw_keyword)(k - 1)), s) >= 0)
            fail_msg("vocab.def: keyword '%s' is out of alphabetical order", s);
        assert_int_equal(pw_keyword_find(s, strlen(s)), k);
        assert_string_equal(pw_keyword_spellings[k - 1], s);
    }
    assert_null(pw_keyword_spellings[PW_KW_COUNT - 1]);
    assert_int_equal(pw_keyword_find("nxt", 3), PW_KW_NONE);
    assert_int_equal(pw_keyword_find("step", 3), PW_KW_NONE); /* "ste" */
    assert_int_equal(pw_keyword_find("stepsx", 5), PW_KW_STEPS);
}

/* The token the grammar reads a field of form f with, when its keyword
 * has no token of its own. */
static int class_token(pw_value_form f)
{
    switch (f) {
    case PW_V_TEXT: return PW_T_FIELD_TEXT;
    case PW_V_NAME: return PW_T_FIELD_NAME;
    case PW_V_NAMES: return PW_T_FIELD_NAMES;
    case PW_V_WORD: return PW_T_FIELD_WORD;
    case PW_V_WORD_TEXT: return PW_T_FIELD_WORD_TEXT;
    case PW_V_NAME_TEXT: return PW_T_FIELD_NAME_TEXT;
    case PW_V_DATE: return PW_T_FIELD_DATE;
    case PW_V_TIME: return PW_T_FIELD_TIME;
    case PW_V_SOURCE: return PW_T_FIELD_SOURCE;
    case PW_V_FLAG: return PW_T_FIELD_FLAG;
    case PW_V_NAME_OR_TEXT: return PW_T_FIELD_NAME_OR_TEXT;
    default: return -1;
    }
}

static bool is_class_token(int t)
{
    for (int f = PW_V_FLAG; f <= PW_V_SOURCE; f++)
        if (class_token((pw_value_form)f) == t)
            return true;
    return false;
}

/* A keyword the lexer gives a class token is read by the grammar's one
 * rule for that form: every field of that keyword must have that form. */
static void test_field_keywords_match_their_token(void **state)
{
    (void)state;
    for (int f = PW_F_NONE + 1; f < PW_F_COUNT; f++) {
        const pw_field_info *i = pw_field_get((pw_field)f);
        if (!i->keyword)
            continue;
        int t = pw_yy_keyword_token(i->keyword);
        if (is_class_token(t) && t != class_token(i->form))
            fail_msg("vocab.def: field '%s' has a value of another form than "
                     "its keyword's token", pw_field_name((pw_field)f));
        /* the vocabulary knows the same of its keyword */
        assert_int_equal(pw_keyword_token_form(i->keyword),
                         is_class_token(t) ? (int)i->form : -1);
    }
}

static void test_every_field_is_described(void **state)
{
    (void)state;
    for (int f = PW_F_NONE + 1; f < PW_F_COUNT; f++) {
        const pw_field_info *i = pw_field_get((pw_field)f);
        const char *name = pw_field_name((pw_field)f);
        assert_true(name[0] != '\0');
        assert_non_null(i->help);
        assert_true(i->rank > 0);
        if (i->form == PW_V_WORD || i->form == PW_V_WORD_TEXT)
            assert_true(pw_word_count(i->words) > 0);
        else
            assert_int_equal(i->words, PW_WORDS_NONE);
        if (i->group == PW_G_NODE)
            assert_int_equal(strlen(i->kinds), 4);
        else
            assert_string_equal(i->kinds, "");
        /* a field is found from its keyword in its group */
        if (i->keyword)
            assert_int_equal(pw_field_find(i->group, i->keyword), f);
    }
}

/* fmt orders a block's fields by rank: two fields of one group share a
 * rank only when they are one list (a question's answers and bands). */
static void test_ranks_order_each_group(void **state)
{
    (void)state;
    for (int a = PW_F_NONE + 1; a < PW_F_COUNT; a++)
        for (int b = a + 1; b < PW_F_COUNT; b++) {
            const pw_field_info *x = pw_field_get((pw_field)a);
            const pw_field_info *y = pw_field_get((pw_field)b);
            if (x->group != y->group || x->rank != y->rank)
                continue;
            bool answers = (a == PW_F_NODE_ANSWERS && b == PW_F_NODE_BAND) ||
                           (a == PW_F_NODE_BAND && b == PW_F_NODE_ANSWERS);
            if (!answers)
                fail_msg("vocab.def: '%s' and '%s' share a rank",
                         pw_field_name((pw_field)a), pw_field_name((pw_field)b));
        }
}

static void test_fields_of_a_group_are_together(void **state)
{
    (void)state;
    size_t n;
    pw_field first = pw_field_first(PW_G_CONTACT, &n);
    assert_int_equal(first, PW_F_CONTACT_PHONE);
    assert_int_equal(n, 8);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(pw_field_get((pw_field)(first + (int)i))->group, PW_G_CONTACT);
}

static void test_words(void **state)
{
    (void)state;
    assert_int_equal(pw_word_find(PW_WORDS_CONSENT, "seek-unless-unsafe"),
                     PW_CONSENT_SEEK_UNLESS_UNSAFE);
    assert_int_equal(pw_word_find(PW_WORDS_CONSENT, "seek"), 0);
    assert_string_equal(pw_status_name(PW_STATUS_UNDER_REVIEW), "under-review");
    assert_string_equal(pw_outcome_kind_name(PW_OUTCOME_NONE), "");
    assert_string_equal(pw_urgency_name((pw_urgency)99), "");
    assert_int_equal(pw_unit_find("working-day"), PW_UNIT_WORKING_DAYS);
    assert_int_equal(pw_unit_find("working-days"), PW_UNIT_WORKING_DAYS);
    assert_int_equal(pw_unit_find("fortnight"), PW_UNIT_NONE);
    assert_string_equal(pw_unit_name(PW_UNIT_HOURS, 1), "hour");
    assert_string_equal(pw_unit_words(PW_UNIT_WORKING_DAYS, 3), "working days");
    assert_string_equal(pw_node_kind_name(PW_OUTCOME), "outcome");
}

static void test_node_kinds(void **state)
{
    (void)state;
    assert_true(pw_field_takes(PW_F_NODE_NEXT, PW_STEP));
    /* an emergency outcome may go on (the parser checks the kind) */
    assert_true(pw_field_takes(PW_F_NODE_NEXT, PW_OUTCOME));
    assert_false(pw_field_takes(PW_F_NODE_NEXT, PW_QUESTION));
    assert_true(pw_field_takes(PW_F_NODE_NEXT, PW_TOGETHER));
    assert_true(pw_field_takes(PW_F_NODE_RECORD, PW_TOGETHER));
    assert_false(pw_field_takes(PW_F_NODE_FORM, PW_TOGETHER));
    assert_false(pw_field_takes(PW_F_NODE_CONSENT, PW_TOGETHER));
    assert_false(pw_field_takes(PW_F_NODE_ANSWERS, PW_TOGETHER));
    assert_string_equal(pw_node_kind_name(PW_TOGETHER), "together");
    assert_true(pw_field_takes(PW_F_NODE_ANSWERS, PW_QUESTION));
    assert_false(pw_field_takes(PW_F_NODE_DO, PW_QUESTION));
    assert_false(pw_field_takes(PW_F_PATHWAY_OWNER, PW_STEP));
    assert_int_equal(pw_field_find(PW_G_NODE, PW_KW_OWNER), PW_F_NONE);
    assert_string_equal(pw_field_name(PW_F_NODE_CRITERIA), "any-of/all-of");
    assert_string_equal(pw_field_get(PW_F_NODE_FORM)->key, "forms");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keywords_are_sorted_and_found),
        cmocka_unit_test(test_field_keywords_match_their_token),
        cmocka_unit_test(test_every_field_is_described),
        cmocka_unit_test(test_ranks_order_each_group),
        cmocka_unit_test(test_fields_of_a_group_are_together),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_node_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
