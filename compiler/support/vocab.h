/* vocab — the language's vocabulary (support/vocab.def) as C: reserved
 * words, the fields of each kind of declaration, and the words a value may
 * be, with what each is for. Every stage of the compiler reads the
 * language's words from here, never from a list of its own; the enums of
 * values (statuses, urgencies, consent rules, outcome kinds, units) are
 * generated from the same table. All data is static: nothing to free. */
#ifndef PW_VOCAB_H
#define PW_VOCAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A reserved word. PW_KW_NONE: not one. */
typedef enum pw_keyword {
    PW_KW_NONE,
#define PW_KEYWORD(id, spelling, token, follows) PW_KW_##id,
#include "support/vocab.def"
    PW_KW_COUNT
} pw_keyword;

/* The kinds of declaration that have fields. */
typedef enum pw_group {
    PW_G_PATHWAY,
    PW_G_STAGE,
    PW_G_CONTACT,
    PW_G_FORM,
    PW_G_NODE,
    PW_G_SCENARIO,
} pw_group;

/* A field of a kind of declaration: PW_F_GROUP_ID. PW_F_NONE: not one. */
typedef enum pw_field {
    PW_F_NONE,
#define PW_FIELD(group, id, ...) PW_F_##group##_##id,
#include "support/vocab.def"
    PW_F_COUNT
} pw_field;

/* The form of a field's value (vocab.def says what each is). */
typedef enum pw_value_form {
    PW_V_FLAG,
    PW_V_TEXT,
    PW_V_NAME,
    PW_V_NAMES,
    PW_V_WORD,
    PW_V_WORD_TEXT,
    PW_V_NAME_TEXT,
    PW_V_NAME_OR_TEXT,
    PW_V_DATE,
    PW_V_TIME,
    PW_V_SOURCE,
    PW_V_RANGE,
    PW_V_ANSWER,
    PW_V_BAND,
    PW_V_CRITERIA,
    PW_V_SANSWER,
    PW_V_EXPECT,
} pw_value_form;

/* The sets of words a WORD value may be. */
typedef enum pw_word_set {
    PW_WORDS_NONE,
#define PW_WORDS(set, what, phrase) PW_WORDS_##set,
#include "support/vocab.def"
    PW_WORDS_COUNT
} pw_word_set;

/* Each set as an enum of its own, its words numbered from 1 in vocab.def's
 * order; 0 (PW_SET_NONE) is "not given" (or not one of the words). Each
 * enum takes the words of its set and skips the others. */
#define PW_WORD_ENUM(set, id, spelling) PW_WORD_IN_##set(PW_##set##_##id)
#define PW_WORD_SKIP(x)
#define PW_WORD_TAKE(x) x,
#define PW_WORD_IN_STATUS PW_WORD_SKIP
#define PW_WORD_IN_URGENCY PW_WORD_SKIP
#define PW_WORD_IN_CONSENT PW_WORD_SKIP
#define PW_WORD_IN_ROUTE PW_WORD_SKIP
#define PW_WORD_IN_OUTCOME PW_WORD_SKIP

#undef PW_WORD_IN_STATUS
#define PW_WORD_IN_STATUS PW_WORD_TAKE
typedef enum pw_status {
    PW_STATUS_NONE,
#define PW_WORD PW_WORD_ENUM
#include "support/vocab.def"
} pw_status;
#undef PW_WORD_IN_STATUS
#define PW_WORD_IN_STATUS PW_WORD_SKIP

#undef PW_WORD_IN_URGENCY
#define PW_WORD_IN_URGENCY PW_WORD_TAKE
typedef enum pw_urgency {
    PW_URGENCY_NONE,
#define PW_WORD PW_WORD_ENUM
#include "support/vocab.def"
} pw_urgency;
#undef PW_WORD_IN_URGENCY
#define PW_WORD_IN_URGENCY PW_WORD_SKIP

#undef PW_WORD_IN_CONSENT
#define PW_WORD_IN_CONSENT PW_WORD_TAKE
typedef enum pw_consent_rule {
    PW_CONSENT_NONE,
#define PW_WORD PW_WORD_ENUM
#include "support/vocab.def"
} pw_consent_rule;
#undef PW_WORD_IN_CONSENT
#define PW_WORD_IN_CONSENT PW_WORD_SKIP

#undef PW_WORD_IN_ROUTE
#define PW_WORD_IN_ROUTE PW_WORD_TAKE
typedef enum pw_route {
    PW_ROUTE_UNSAID,
#define PW_WORD PW_WORD_ENUM
#include "support/vocab.def"
} pw_route;
#undef PW_WORD_IN_ROUTE
#define PW_WORD_IN_ROUTE PW_WORD_SKIP

#undef PW_WORD_IN_OUTCOME
#define PW_WORD_IN_OUTCOME PW_WORD_TAKE
typedef enum pw_outcome_kind {
    PW_OUTCOME_NONE,
#define PW_WORD PW_WORD_ENUM
#include "support/vocab.def"
} pw_outcome_kind;

#undef PW_WORD_IN_STATUS
#undef PW_WORD_IN_URGENCY
#undef PW_WORD_IN_CONSENT
#undef PW_WORD_IN_ROUTE
#undef PW_WORD_IN_OUTCOME
#undef PW_WORD_ENUM
#undef PW_WORD_SKIP
#undef PW_WORD_TAKE

/* Units of time. */
typedef enum pw_unit {
    PW_UNIT_NONE,
#define PW_UNIT(id, ...) PW_UNIT_##id,
#include "support/vocab.def"
    PW_UNIT_COUNT
} pw_unit;

/* The kinds of node, spelt as their keywords. */
typedef enum pw_node_kind { PW_STEP, PW_QUESTION, PW_OUTCOME, PW_TOGETHER } pw_node_kind;

typedef enum pw_criteria_mode {
    PW_CRITERIA_NONE,
    PW_CRITERIA_ANY,
    PW_CRITERIA_ALL,
} pw_criteria_mode;

/* The forms of `assert`. */
typedef enum pw_assert_kind {
    PW_ASSERT_EVERY_PATH_PASSES, /* assert every path to A passes B */
    PW_ASSERT_NO_PATH_BEFORE,    /* assert no path reaches A before B */
    PW_ASSERT_WITHIN,            /* assert A within K steps of start */
} pw_assert_kind;

/* ---- keywords -------------------------------------------------------------- */

/* The keyword spelt s[0..n), or PW_KW_NONE. */
pw_keyword pw_keyword_find(const char *s, size_t n);
/* "out-of-hours"; "" for PW_KW_NONE. */
const char *pw_keyword_spelling(pw_keyword k);
/* What a syntax error expects after k, in an author's words; NULL when
 * vocab.def gives nothing (the caller knows the default of k's form). */
const char *pw_keyword_follows(pw_keyword k);
/* When the parser reads k as the keyword of a field of some form (its
 * token is FIELD_TEXT, FIELD_DATE, ...): that form (a pw_value_form);
 * -1 when k has a token of its own. */
int pw_keyword_token_form(pw_keyword k);
/* Every keyword's spelling, in order, NULL-terminated (did you mean). */
extern const char *const pw_keyword_spellings[];

/* ---- fields ---------------------------------------------------------------- */

typedef struct pw_field_info {
    pw_group group;
    pw_keyword keyword;  /* PW_KW_NONE: written without one (answers) */
    const char *name;    /* how messages name it */
    pw_value_form form;
    pw_word_set words;   /* for PW_V_WORD and PW_V_WORD_TEXT */
    bool many;           /* may be given more than once */
    const char *kinds;   /* in PW_G_NODE: "SQOT" with the kinds that take it */
    int rank;            /* its place in fmt's layout of its group */
    const char *key;     /* its key in the table, or NULL */
    const char *label;   /* the checklist's name for it, or NULL */
    const char *help;
} pw_field_info;

/* f's description; f must be a field (not PW_F_NONE). */
const pw_field_info *pw_field_get(pw_field f);
/* How messages name f: its keyword, or its name ("answers"). */
const char *pw_field_name(pw_field f);
/* The field keyword k gives in a declaration of group g, or PW_F_NONE. */
pw_field pw_field_find(pw_group g, pw_keyword k);
/* Whether a node of kind k takes f (a field of PW_G_NODE). */
bool pw_field_takes(pw_field f, pw_node_kind k);
/* The fields of group g, in vocab.def's order: *n of them from the
 * returned index on (fields of a group are contiguous). */
pw_field pw_field_first(pw_group g, size_t *n);

/* ---- value words -------------------------------------------------------------- */

/* The value of word s in set, or 0 when it is not one of them. */
int pw_word_find(pw_word_set set, const char *s);
/* The spelling of value v of set ("" for 0 or out of range). */
const char *pw_word_spelling(pw_word_set set, int v);
/* How many words set has. */
int pw_word_count(pw_word_set set);
/* "consent rule": what a word of set is, for messages. */
const char *pw_words_what(pw_word_set set);
/* "a consent rule": how a syntax error names one, or NULL. */
const char *pw_words_phrase(pw_word_set set);

const char *pw_status_name(pw_status s);
const char *pw_urgency_name(pw_urgency u);
const char *pw_consent_name(pw_consent_rule c);
const char *pw_outcome_kind_name(pw_outcome_kind k);
const char *pw_node_kind_name(pw_node_kind k);

/* The unit spelt s (singular or plural), or PW_UNIT_NONE. */
pw_unit pw_unit_find(const char *s);
/* The keyword spelling of a unit: "working-day" for 1, else "working-days". */
const char *pw_unit_name(pw_unit u, int32_t value);
/* The unit in words, for people: "working day", "working days". */
const char *pw_unit_words(pw_unit u, int32_t value);

#endif
