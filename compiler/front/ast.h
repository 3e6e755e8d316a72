/* ast — the syntax tree of one .pathway file, as the parser builds it.
 *
 * Every node and every name carries its source span. The whole tree, and
 * every string in it, lives in the file's arena: pw_ast_free releases it in
 * one call. Lists are singly linked in source order. The AST belongs to the
 * front end: resolve turns it into the graph, and backends never see it. */
#ifndef PW_AST_H
#define PW_AST_H

#include "support/arena.h"
#include "support/dates.h"
#include "support/source.h"

#include <stdbool.h>
#include <stdint.h>

/* A name as written: an identifier with its place. text is NULL when the
 * name was not given (an optional field left out). */
typedef struct pw_name {
    const char *text;
    pw_span span;
} pw_name;

/* A string after escapes and adjacent-string joining. */
typedef struct pw_text {
    const char *text; /* NULL when absent */
    pw_span span;
} pw_text;

/* pw_date (a date and its span) is support/dates.h's. */

typedef enum {
    PW_UNIT_NONE,
    PW_UNIT_MINUTES,
    PW_UNIT_HOURS,
    PW_UNIT_DAYS,
    PW_UNIT_WORKING_DAYS,
    PW_UNIT_WEEKS,
    PW_UNIT_MONTHS,
} pw_unit;

typedef struct pw_timescale {
    int32_t value;
    pw_unit unit; /* PW_UNIT_NONE: absent or invalid */
    pw_span span;
} pw_timescale;

typedef enum { PW_STATUS_NONE, PW_STATUS_DRAFT, PW_STATUS_APPROVED, PW_STATUS_UNDER_REVIEW } pw_status;
typedef enum { PW_URGENCY_NONE, PW_URGENCY_IMMEDIATE, PW_URGENCY_URGENT, PW_URGENCY_ROUTINE } pw_urgency;
typedef enum {
    PW_CONSENT_NONE,
    PW_CONSENT_NEEDED,
    PW_CONSENT_NOT_NEEDED,
    PW_CONSENT_SEEK_UNLESS_UNSAFE,
    PW_CONSENT_INFORM_UNLESS_UNSAFE,
    PW_CONSENT_NOT_APPLICABLE,
} pw_consent_rule;
typedef enum {
    PW_OUTCOME_NONE,
    PW_OUTCOME_EMERGENCY,
    PW_OUTCOME_REFERRAL,
    PW_OUTCOME_ADVICE,
    PW_OUTCOME_MONITOR,
    PW_OUTCOME_NO_FURTHER_ACTION,
} pw_outcome_kind;

/* A list of names (`contact a, b`, `through n, m`). field is the span of
 * the field that gave the name (`contact a, b`, keyword included), so that
 * fields given on several lines can be told apart (pathwayc fmt keeps
 * them apart); it is zero in lists that are not fields (`through`). */
typedef struct pw_name_item {
    pw_name name;
    pw_span field;
    struct pw_name_item *next;
} pw_name_item;

typedef struct pw_text_item {
    pw_text text;
    struct pw_text_item *next;
} pw_text_item;

/* `also TARGET "why"` */
typedef struct pw_also {
    pw_name target;
    pw_text why;
    pw_span span;
    struct pw_also *next;
} pw_also;

/* One answer of a question: `ID "Label" -> TARGET`, or `band LO..HI -> T`
 * (id.text NULL, banded). */
typedef struct pw_answer {
    pw_name id;
    pw_text label;
    bool banded;
    int32_t lo, hi;
    pw_span range_span; /* LO..HI, for bands */
    pw_name target;
    pw_span span;
    struct pw_answer *next;
} pw_answer;

typedef enum { PW_CRITERIA_NONE, PW_CRITERIA_ANY, PW_CRITERIA_ALL } pw_criteria_mode;

typedef enum { PW_STEP, PW_QUESTION, PW_OUTCOME } pw_node_kind;

typedef struct pw_ast_stage pw_ast_stage;

/* A step, question or outcome, with every field any kind can take; the
 * parser reports fields a kind does not take, so a field set here is one
 * the kind allows. Each single-valued field has its own span (the span of
 * the whole field, keyword included). */
typedef struct pw_ast_node {
    pw_node_kind kind;
    pw_name id;
    pw_text title;
    pw_span span;         /* keyword to closing brace */
    pw_ast_stage *stage;  /* NULL outside any stage */

    pw_name by;
    pw_text_item *dos;    /* `do` items, in order */
    pw_text record;
    pw_name_item *forms;
    pw_name_item *contacts;
    pw_timescale within;
    pw_timescale target;
    pw_urgency urgency;
    pw_span urgency_span;
    pw_consent_rule consent;
    pw_text consent_text;
    pw_span consent_span;
    pw_text when;
    pw_text note;
    bool personal;
    pw_span personal_span;
    pw_also *also;
    pw_text source;
    pw_text source_url;
    pw_name_item *replaces;
    pw_name next;
    /* questions */
    pw_answer *answers;   /* labelled answers and bands, in order */
    pw_criteria_mode criteria_mode;
    pw_text_item *criteria;
    pw_span criteria_span;
    bool scored;
    int32_t score_lo, score_hi;
    pw_span score_span;
    /* outcomes */
    pw_outcome_kind outcome;
    pw_span outcome_span;
    pw_timescale review_after;

    struct pw_ast_node *next_node; /* source order, across stages */
} pw_ast_node;

struct pw_ast_stage {
    pw_name id;
    pw_text title;
    pw_span span;
    struct pw_ast_stage *next;
};

typedef struct pw_ast_contact {
    pw_name id;
    pw_text title;
    pw_span span;
    pw_text phone, email, url, hours, note;
    pw_name out_of_hours;
    pw_date verified;
    struct pw_ast_contact *next;
} pw_ast_contact;

typedef struct pw_ast_role {
    pw_name id;
    pw_text title;
    pw_span span;
    struct pw_ast_role *next;
} pw_ast_role;

typedef struct pw_ast_form {
    pw_name id;
    pw_text title;
    pw_span span;
    pw_text version, url, note;
    bool per_child;
    pw_span per_child_span;
    struct pw_ast_form *next;
} pw_ast_form;

/* `answer Q A` or `answer Q 12` in a scenario. */
typedef struct pw_scenario_answer {
    pw_name question;
    pw_name answer; /* text NULL for a score */
    bool is_score;
    int32_t score;
    pw_span value_span; /* the answer's name, or the score */
    pw_span span;
    struct pw_scenario_answer *next;
} pw_scenario_answer;

typedef struct pw_ast_scenario {
    pw_text name;
    pw_name from;       /* `from NODE`; text NULL: from the start */
    pw_span span;
    pw_scenario_answer *answers;
    pw_name expect;
    pw_span expect_span;
    pw_name_item *through;
    struct pw_ast_scenario *next;
} pw_ast_scenario;

typedef enum {
    PW_ASSERT_EVERY_PATH_PASSES, /* assert every path to A passes B */
    PW_ASSERT_NO_PATH_BEFORE,    /* assert no path reaches A before B */
    PW_ASSERT_WITHIN,            /* assert A within K steps of start */
} pw_assert_kind;

typedef struct pw_ast_assert {
    pw_assert_kind kind;
    pw_name a, b;
    int32_t steps;
    pw_span span;
    struct pw_ast_assert *next;
} pw_ast_assert;

typedef struct pw_ast_pathway {
    pw_name id;
    pw_text title;
    pw_span span;
    pw_text owner, version, audience, note;
    pw_status status;
    pw_span status_span;
    pw_text source, source_url;
    pw_date review_by;
    pw_name start;
    pw_ast_contact *contacts; /* local to the pathway */
    pw_ast_role *roles;
    pw_ast_form *forms;
    pw_ast_stage *stages;
    pw_ast_node *nodes;       /* every node, in source order */
    pw_ast_scenario *scenarios;
    pw_ast_assert *asserts;
    struct pw_ast_pathway *next;
} pw_ast_pathway;

typedef struct pw_ast_import {
    pw_text path;
    pw_span span;
    struct pw_ast_import *next;
} pw_ast_import;

/* One parsed file. */
typedef struct pw_ast_file {
    const pw_source *source; /* not owned */
    pw_arena *arena;         /* owns the tree */
    pw_ast_import *imports;
    pw_ast_contact *contacts;
    pw_ast_role *roles;
    pw_ast_form *forms;
    pw_ast_pathway *pathways;
} pw_ast_file;

/* An empty file AST over src, with its own arena. Free with pw_ast_free. */
pw_ast_file *pw_ast_new(const pw_source *src);
void pw_ast_free(pw_ast_file *f);

/* Keyword spellings of the enums, for messages and backends. */
const char *pw_unit_name(pw_unit u, int32_t value);
/* The unit in words, for people: "working day", "working days". */
const char *pw_unit_words(pw_unit u, int32_t value);
const char *pw_status_name(pw_status s);
const char *pw_urgency_name(pw_urgency u);
const char *pw_consent_name(pw_consent_rule c);
const char *pw_outcome_kind_name(pw_outcome_kind k);
const char *pw_node_kind_name(pw_node_kind k);

#endif
