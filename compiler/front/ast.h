/* ast — the syntax tree of one .pathway file, as the parser builds it.
 *
 * Every node and every name carries its source span. The whole tree, and
 * every string in it, lives in the file's arena: pw_ast_free releases it in
 * one call. Lists are singly linked in source order. The AST belongs to the
 * front end: model/construct turns it into the graph, and backends never
 * see it. */
#ifndef PW_AST_H
#define PW_AST_H

#include "support/arena.h"
#include "support/dates.h"
#include "support/source.h"
#include "support/vocab.h"

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

/* A timescale as written: `1 working-day`. */
typedef struct pw_timescale {
    int32_t value;
    pw_unit unit; /* PW_UNIT_NONE: absent or invalid */
    pw_span span;
} pw_timescale;

/* A list of names (`contact a, b`, `through n, m`). field is the span of
 * the field that gave the name (`contact a, b`, keyword included), so that
 * fields given on several lines can be told apart (pathwayc fmt keeps
 * them apart); it is zero in lists that are not fields (`through`). */
typedef struct pw_name_item {
    pw_name name;
    pw_span field;
    struct pw_name_item *next;
} pw_name_item;

/* A field's value, in the form its field's vocab.def line says. */
typedef union pw_value {
    pw_text text;         /* TEXT */
    pw_name name;         /* NAME */
    pw_name_item *names;  /* NAMES, in order */
    pw_date date;         /* DATE */
    pw_timescale time;    /* TIME */
    struct {
        pw_name word;     /* as written */
        int value;        /* in the field's word set; 0: not one (reported) */
        pw_text text;     /* WORD_TEXT's text; text NULL when not given */
    } choice;             /* WORD, WORD_TEXT */
    struct {
        pw_name name;     /* NAME_OR_TEXT: text NULL when a text is given */
        pw_text text;     /* text NULL when not given */
    } ref;                /* NAME_TEXT (`also TARGET "why"`), NAME_OR_TEXT */
    struct {
        pw_text text, url; /* url.text NULL when not given */
    } source;             /* SOURCE */
} pw_value;

/* One field as written: `KEYWORD VALUE`. A declaration holds its fields
 * in source order; the parser has checked that its kind takes each one,
 * and that one given once at most is given once, so a field that is here
 * is one the kind allows. A value that was wrong (a bad date, a word that
 * is not one of the allowed ones, a web address that is not one) is
 * reported and its field left out. */
typedef struct pw_ast_field {
    pw_field field;
    pw_span span;         /* the whole field, keyword included */
    pw_value v;
    struct pw_ast_field *next;
} pw_ast_field;

/* One answer of a question: `ID "Label" -> TARGET`, or `band LO..HI
 * "Label" -> T` (id.text NULL, banded; the label optional either way). */
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

/* One criterion of an any-of/all-of: a text, or (one level down) a
 * nested list of the other kind. */
typedef struct pw_ast_criterion {
    pw_text text;                   /* text NULL for a nested list */
    pw_criteria_mode mode;          /* a nested list's */
    struct pw_ast_criterion *items; /* a nested list's, in order */
    pw_span span;                   /* the text, or the list from its keyword
                                     * to its '}' */
    struct pw_ast_criterion *next;
} pw_ast_criterion;

typedef struct pw_ast_stage pw_ast_stage;

/* A step, question, outcome or together: its fields, and a question's
 * answers. The nodes written inside a `together` follow it in the list
 * of nodes, each with the together as its parent. */
typedef struct pw_ast_node {
    pw_node_kind kind;
    pw_name id;
    pw_text title;
    pw_span span;         /* keyword to closing brace */
    pw_ast_stage *stage;  /* NULL outside any stage */
    struct pw_ast_node *parent; /* the together it is written in, or NULL */
    size_t ninner;        /* a together's: how many nodes it holds */
    pw_ast_field *fields; /* in source order */

    /* questions */
    pw_answer *answers;   /* labelled answers and bands, in order */
    pw_criteria_mode criteria_mode;
    pw_ast_criterion *criteria;
    pw_span criteria_span;
    bool scored;
    int32_t score_lo, score_hi;
    pw_span score_span;

    struct pw_ast_node *next_node; /* source order, across stages */
} pw_ast_node;

struct pw_ast_stage {
    pw_name id;
    pw_text title;
    pw_span span;  /* its head: keyword, name and title */
    pw_span block; /* keyword to closing brace (its head without a block) */
    pw_ast_field *fields; /* in source order */
    struct pw_ast_stage *next;
};

typedef struct pw_ast_contact {
    pw_name id;
    pw_text title;
    pw_span span;  /* its head: keyword, name and title */
    pw_span block; /* keyword to closing brace (its head without a block) */
    pw_ast_field *fields; /* in source order */
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
    pw_span span;  /* its head: keyword, name and title */
    pw_span block; /* keyword to closing brace (its head without a block) */
    pw_ast_field *fields; /* in source order */
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
    pw_span span;       /* its head: `scenario "Name"` (messages point here) */
    pw_span block;      /* keyword to closing brace (its head when the block
                         * did not parse) */
    pw_scenario_answer *answers;
    pw_name expect;
    pw_span expect_span;
    pw_name_item *through;
    struct pw_ast_scenario *next;
} pw_ast_scenario;

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
    pw_ast_field *fields;     /* the pathway's own, in source order */
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

/* The first field f of a list, or NULL. */
const pw_ast_field *pw_ast_field_get(const pw_ast_field *list, pw_field f);
/* The value of the first field f of a list, or an absent one (text NULL,
 * year 0, PW_UNIT_NONE, word 0) when the list has none. */
pw_text pw_ast_text(const pw_ast_field *list, pw_field f);
pw_name pw_ast_name(const pw_ast_field *list, pw_field f);
pw_date pw_ast_date(const pw_ast_field *list, pw_field f);
pw_timescale pw_ast_time(const pw_ast_field *list, pw_field f);
int pw_ast_word(const pw_ast_field *list, pw_field f);
/* How many fields f a list has, and how many names they give (NAMES). */
size_t pw_ast_count(const pw_ast_field *list, pw_field f);
size_t pw_ast_count_names(const pw_ast_field *list, pw_field f);

#endif
