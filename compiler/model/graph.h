/* graph — the validated pathway graph every backend reads.
 *
 * construct builds one pw_graph per pathway from the ASTs of a program (a
 * file and its imports); checks, scenarios and the backends read it and
 * never the AST. Nodes are in source order and refer to each other by
 * index. A graph owns its nodes, stages, scenarios and strings (its own
 * arena, strings copied from the AST); the contacts, roles and forms it
 * points to, and the sources its places refer to, belong to the program
 * that resolved it (program.h), which must outlive it. */
#ifndef PW_GRAPH_H
#define PW_GRAPH_H

#include "support/arena.h"
#include "support/dates.h"
#include "support/source.h"
#include "support/vocab.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A place in a source file, for messages. */
typedef struct pw_loc {
    const pw_source *src;
    pw_span span;
} pw_loc;

/* Texts of a field given any number of times (`tbc`), in source order,
 * with where each field is written. */
typedef struct pw_texts {
    const char **at;
    pw_loc *loc;
    size_t n;
} pw_texts;

/* Text with the place it was written. text is NULL when absent. */
typedef struct pw_gtext {
    const char *text;
    pw_loc loc;
} pw_gtext;

typedef struct pw_gtimescale {
    int32_t value;
    pw_unit unit; /* PW_UNIT_NONE: none given */
    pw_loc loc;
} pw_gtimescale;

typedef struct pw_contact {
    const char *id;
    const char *title;
    pw_loc loc;                       /* the name in its declaration */
    pw_gtext phone, email, url, hours, note;
    pw_texts tbc;                     /* what is to be confirmed */
    bool tbc_warned;                  /* check's: W0010 said once */
    struct pw_contact *out_of_hours;  /* NULL when none */
    pw_date verified;                 /* year 0: not given */
    pw_loc verified_loc;
    bool used;            /* named by some node or contact */
    bool own;             /* declared in a command-line file that has a
                           * pathway, or inside a pathway: `unused` applies */
    unsigned mark;        /* construct's bookkeeping */
} pw_contact;

typedef struct pw_role {
    const char *id;
    const char *title;
    pw_loc loc;
    bool used, own;
    unsigned mark;
} pw_role;

typedef struct pw_form {
    const char *id;
    const char *title;
    pw_loc loc;
    pw_gtext version, url, note;
    pw_texts tbc;
    bool tbc_warned;
    bool per_child;
    bool used, own;
    unsigned mark;
} pw_form;

/* Every contact, role and form declared anywhere in a program, in the
 * order read; owned by the program (pw_program_declared). */
typedef struct pw_declared {
    pw_contact **contacts;
    size_t ncontacts;
    pw_role **roles;
    size_t nroles;
    pw_form **forms;
    size_t nforms;
} pw_declared;

typedef struct pw_stage {
    const char *id;
    const char *title;
    pw_loc loc;
    pw_texts tbc;
} pw_stage;

enum { PW_NO_NODE = -1 };

/* An answer: an id with a label, or a band of scores. */
typedef struct pw_edge {
    const char *id;      /* "yes", "level_2", ...; NULL for a band */
    const char *label;   /* as written, or "Yes"/"No" by default; a band's
                          * label, or NULL */
    bool banded;
    int32_t lo, hi;      /* the band, inclusive */
    int target;          /* node index */
    pw_loc loc;
} pw_edge;

/* `also`: a node of this pathway, or another pathway by id. */
typedef struct pw_galso {
    int node;            /* PW_NO_NODE when it names a pathway */
    const char *pathway; /* the pathway's id, when it names one */
    const char *pathway_title; /* and its title (NULL when it has none) */
    const char *why;     /* NULL when not given */
    pw_loc loc;
} pw_galso;

/* One item of a question's criteria: a text, or a nested list of texts
 * (one level down, of the other kind), which are the question's texts
 * [first, first + count). */
typedef struct pw_gcriterion {
    const char *id;       /* "1", "2": its place in the question's list */
    pw_criteria_mode mode; /* a nested list's; PW_CRITERIA_NONE for a text */
    size_t first, count;  /* its texts: a text is one (count 1) */
    pw_loc loc;           /* the text, or the nested list's keyword */
} pw_gcriterion;

typedef struct pw_gnode {
    int index;
    pw_node_kind kind;
    const char *id;
    const char *title;
    pw_loc loc;           /* the node's name in its declaration */
    int stage;            /* index into stages, or -1 */
    int parent;           /* the together it is inside, or PW_NO_NODE */
    int *inner;           /* a together's steps, in source order */
    size_t ninner;

    pw_role *by;          /* `by ROLE` */
    pw_gtext by_text;     /* `by "who"`: text NULL when not given */
    const char **dos;
    size_t ndos;
    pw_gtext record, when, note, source, source_url;
    pw_form **forms;
    size_t nforms;
    pw_contact **contacts;
    size_t ncontacts;
    pw_gtimescale within, target, review_after;
    pw_urgency urgency;   /* PW_URGENCY_NONE when not given (routine) */
    pw_consent_rule consent;
    pw_gtext consent_text;
    bool personal;
    pw_texts tbc;         /* what is to be confirmed about it */
    pw_galso *also;
    size_t nalso;
    const char **replaces;
    pw_loc *replaces_loc;
    size_t nreplaces;

    int next;             /* steps (but those inside a together),
                           * togethers and emergency outcomes that go on:
                           * the next node, or PW_NO_NODE */
    pw_loc next_loc;      /* where `next` is written; src NULL when it is not */
    pw_edge *answers;     /* questions: in source order */
    size_t nanswers;
    pw_criteria_mode criteria_mode;
    const char **criteria;      /* every text, nested ones included, in order */
    const char **criteria_ids;  /* and the id of each: "1", "2.1" */
    pw_loc *criteria_loc;
    size_t ncriteria;
    pw_gcriterion *citems;      /* the question's list: texts and nested lists */
    size_t ncitems;
    bool scored;
    int32_t score_lo, score_hi;
    pw_outcome_kind outcome;
    pw_loc span;          /* the whole declaration */
    bool duplicate;       /* a second node of one name (reported) */
    bool named_twice;     /* another node has its name (reported): a use of
                           * the name, resolved to the first, may mean
                           * either, so no check of what it means */
    bool answers_wrong;   /* a question whose answers were reported as in
                           * error (pw_check_answers): a scenario that
                           * answers it is not checked */
    bool unresolved;      /* one of its references did not resolve (reported) */
} pw_gnode;

typedef struct pw_gscenario_answer {
    int question;
    int answer;          /* index into the question's answers; -1 for a score */
    bool is_score;
    int32_t score;
    pw_loc loc;
} pw_gscenario_answer;

typedef struct pw_gscenario {
    const char *name;
    pw_loc loc;
    int from;            /* where the walk starts: the pathway's start, or a
                          * node named by `from` */
    pw_gscenario_answer *answers;
    size_t nanswers;
    int expect;          /* an outcome, or PW_NO_NODE */
    int *through;
    size_t nthrough;
} pw_gscenario;

typedef struct pw_gassert {
    pw_assert_kind kind;
    int a, b;            /* node indexes (b unused for WITHIN) */
    int32_t steps;
    pw_loc loc;
} pw_gassert;

/* One of a pathway's own fields (vocab.def, group PATHWAY) as written,
 * in the form of its value; all zero when it is not given. */
/* A document a pathway is written from: its title and web address. */
typedef struct pw_gsource {
    pw_gtext text;
    pw_gtext url;        /* text NULL when not given */
} pw_gsource;

typedef struct pw_gfield {
    pw_gtext text;       /* TEXT; a SOURCE's text; a WORD_TEXT's text */
    pw_texts texts;      /* a TEXT field given any number of times */
    pw_gtext url;        /* a SOURCE's web address */
    pw_gsource *sources; /* a SOURCE field given any number of times, in */
    size_t nsources;     /* source order (text and url are then unused) */
    pw_date date;        /* DATE */
    int word;            /* WORD: its value in the field's word set */
    pw_loc at;           /* the value's place */
} pw_gfield;

typedef struct pw_graph {
    pw_arena *arena;
    const char *id;
    const char *title;
    pw_loc loc;
    /* The pathway's own fields, meta[f] for each field f of the group
     * PATHWAY: what a reader is told about the pathway, generically (the
     * table and the checklist show each by vocab.def's key and label). */
    pw_gfield meta[PW_F_COUNT];

    pw_gnode *nodes;
    size_t nnodes;
    int start;           /* PW_NO_NODE only in a pathway without nodes */
    pw_stage *stages;
    size_t nstages;
    pw_contact **contacts; /* every contact the pathway uses, first use first,
                            * then their out-of-hours contacts */
    size_t ncontacts;
    pw_role **roles;
    size_t nroles;
    pw_form **forms;
    size_t nforms;
    pw_gscenario *scenarios;
    size_t nscenarios;
    pw_gassert *asserts;
    size_t nasserts;
    bool incomplete;     /* a link did not resolve (reported): checks of
                          * paths would only repeat that error */
} pw_graph;

/* The pathway's field f (of the group PATHWAY): its text (NULL when not
 * given), its date (year 0 when not given), its status. */
const char *pw_graph_text(const pw_graph *g, pw_field f);
pw_date pw_graph_date(const pw_graph *g, pw_field f);
pw_status pw_graph_status(const pw_graph *g);

/* Which of the pathway's `source` documents a node's source text names:
 * the index of the one whose title it begins with, the title ending there,
 * at the end of the text or before ':', ',', ';' or " (" (docs/language.md,
 * Sources); -1 when none (E0321). */
int pw_graph_source_of(const pw_graph *g, const char *text);

/* Where a walk is when it does node v: the together v is inside, else v
 * itself. */
static inline int pw_graph_place(const pw_graph *g, int v)
{
    return v >= 0 && g->nodes[v].parent >= 0 ? g->nodes[v].parent : v;
}

/* Whether a walk ends at node v: an outcome that does not go on. */
static inline bool pw_graph_ends(const pw_graph *g, int v)
{
    return g->nodes[v].kind == PW_OUTCOME && g->nodes[v].next == PW_NO_NODE;
}

/* Frees a graph. NULL is allowed. */
void pw_graph_free(pw_graph *g);

/* The index of the node with that id, or PW_NO_NODE. O(n). */
int pw_graph_find(const pw_graph *g, const char *id);

/* Whether every link of g resolved: its start, each step's `next`, each
 * answer's target, each `also`. A backend that writes links (the table,
 * the checklist) refuses a graph with one that did not. False, with a
 * one-line message in err (errsize bytes, terminated when errsize > 0),
 * when one did not. */
bool pw_graph_links_resolved(const pw_graph *g, char *err, size_t errsize);

/* Edges as arrays (compressed rows), for passes over the whole graph:
 * succ[first[i] .. first[i+1]) are the nodes node i leads to (its `next`,
 * or its answers' targets, missing targets left out, a target named by
 * two answers listed twice); pred the same backwards. Owned by the
 * caller: free with pw_adjacency_free. */
typedef struct pw_adjacency {
    int *first, *succ;
    int *pfirst, *pred;
} pw_adjacency;

void pw_adjacency_build(const pw_graph *g, pw_adjacency *a);
void pw_adjacency_free(pw_adjacency *a);

#endif
