/* pathway.h — libpathway: load the runtime table that `pathwayc build
 * --emit json` writes, and walk a person through it.
 *
 * This header is the whole public API. The man page libpathway(3) is its
 * summary; the documents `make install` puts in share/doc/pathwayc are the
 * rest: runtime.md (the tour, with the saved-walk format), table-format.md
 * (every field of a table, and its content hash), the JSON Schemas
 * pathway-table-3.schema.json and pathway-walk-2.schema.json, and
 * examples/walk.c (a complete program). Every
 * external name starts with `pathway_` (types, functions) or `PATHWAY_`
 * (constants).
 *
 * Ownership, once for the whole header:
 *   - A pathway_table is the caller's from load to pathway_table_free. Every
 *     pointer read from it (nodes, stages, contacts, roles, forms, answers,
 *     every string) belongs to the table and lives exactly as long as it.
 *     A loaded table never changes.
 *   - A pathway_walk is the caller's from start or restore to
 *     pathway_walk_free. It borrows its table, which must outlive it.
 *     Pointers a walk hands out (a pathway_move, its `ticked` flags) belong
 *     to the walk and stay valid until the walk next changes (a move, back,
 *     free); nodes and answers they point to belong to the table.
 *   - Text a function returns as `char *` is the caller's: free it with
 *     pathway_free.
 *   - Strings and buffers passed in are only borrowed for the call.
 *   - A pathway_error is the caller's (usually on the stack); it owns no
 *     memory. Every function that takes one accepts NULL there.
 *
 * Errors are values: nothing here prints, exits or aborts. A function that
 * fails returns NULL or a pathway_code other than PATHWAY_OK, fills the
 * pathway_error, and leaves everything as it was: no table is ever partly
 * loaded, and a refused move leaves the walk unchanged.
 *
 * Threads: there is no global state. A loaded table is read-only, so any
 * number of threads may read it and walk it at once; a walk must be used
 * by one thread at a time (separate walks need no locking). The library
 * uses jansson, whose allocator hooks (json_set_alloc_funcs) are global:
 * set them, if at all, before any thread starts. */
#ifndef PATHWAY_H
#define PATHWAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version (the shared object is libpathway.so.MAJOR). */
#define PATHWAY_VERSION_MAJOR 1
#define PATHWAY_VERSION_MINOR 4
#define PATHWAY_VERSION_PATCH 0
#define PATHWAY_VERSION "1.4.0"

/* The newest table format_version this library reads: it reads every
 * version from 1 to this one, and refuses a larger one (PATHWAY_E_FORMAT).
 *
 * Format 2 (library 1.1) added, each read into the member of the same
 * name: the pathway's area, topic, summary, emergency_route (read as
 * no_emergency_route and emergency_route_text) and tbc; tbc on stages,
 * contacts, forms and nodes; a node's by_text; a band's label; the consent
 * rule "not-stated" (PATHWAY_CONSENT_NOT_STATED). A format-1 table is a
 * format-2 table without them: in one, these keys are not the format's and
 * are ignored, as a reader of format 1 ignores keys it does not know, so
 * the members read NULL, 0 or false (and "not-stated" is refused).
 * Library 1.1 also reads the pathway's approved_by and approved_on, which
 * format 1 has too.
 *
 * Library 1.2 reads the rest of format 2: the node kind "together"
 * (PATHWAY_TOGETHER, with `steps`, and `in` on the steps inside one),
 * `next` on an emergency outcome (the walk goes on after it), and nested
 * criteria with their ids (criteria_ids, criteria_items), and the
 * pathway's `sources` (every document it is written from).
 *
 * Format 3 (library 1.4) is format 2 with another rule for the content
 * hash: SHA-256 of the table's RFC 8785 canonical form (keys sorted),
 * which any JSON library can produce, rather than of its text in the
 * file's key order; and only whole numbers, from -(2^53 - 1) to 2^53 - 1,
 * anywhere in the table. Each table is checked by the rule of its own
 * version. */
#define PATHWAY_TABLE_FORMAT_VERSION 3
/* The format_version of the saved walks it writes; it reads every version
 * from 1 to this one. Version 2 (library 1.2) saves ticked criteria by id
 * and text, and the steps done at a together. */
#define PATHWAY_WALK_FORMAT_VERSION 2

/* The most a table's text and a saved walk's text may be, in bytes
 * (else PATHWAY_E_TOO_LARGE; since library 1.3). The largest generated
 * table of 100,000 nodes is 37 MB, a real pathway's under 20 KB; a saved
 * walk takes 115-140 bytes a move, so 1 MiB holds some 7,500 moves.
 * Text over the limit is refused before it is parsed, and a file is read
 * no further than one byte past it. */
#define PATHWAY_TABLE_MAX_BYTES (64u * 1024u * 1024u)
#define PATHWAY_WALK_MAX_BYTES (1024u * 1024u)

#if defined(__GNUC__)
#define PATHWAY_API __attribute__((visibility("default")))
#else
#define PATHWAY_API
#endif

/* ==== Errors =========================================================== */

typedef enum pathway_code {
    PATHWAY_OK = 0,
    PATHWAY_E_ARGUMENT, /* NULL where a value is needed, a wrong count */
    PATHWAY_E_NOMEM,    /* out of memory */
    PATHWAY_E_IO,       /* a file cannot be opened or read */
    PATHWAY_E_JSON,     /* the text is not one JSON value */
    PATHWAY_E_FORMAT,   /* not a pathway table (or saved walk), or a
                           format_version newer than this library reads */
    PATHWAY_E_TABLE,    /* a malformed table: a field missing or mistyped,
                           a link to nothing, overlapping bands, ... */
    PATHWAY_E_HASH,     /* the table's content_hash does not match it */
    PATHWAY_E_NOT_FOUND, /* no node with that id */
    PATHWAY_E_KIND,     /* the move does not fit the node: answering a
                           step, `next` at a question, ticking criteria of
                           a question that has none, a score for a question
                           without one (or an answer id for one with one) */
    PATHWAY_E_ANSWER,   /* the question has no answer with that id */
    PATHWAY_E_SCORE,    /* the score is outside the question's range */
    PATHWAY_E_FINISHED, /* the walk is at an outcome: it has ended */
    PATHWAY_E_AT_START, /* back, with no move left to undo */
    PATHWAY_E_SAVE,     /* a malformed saved walk */
    PATHWAY_E_PATHWAY,  /* a saved walk of another pathway */
    PATHWAY_E_REMOVED,  /* a node of a saved walk is not in the newer
                           table and no node there `replaces` it */
    PATHWAY_E_REPLAY,   /* the newer table does not take the saved walk's
                           moves: an answer gone, a route changed, ... */
    /* Since library 1.2: moves at a together. */
    PATHWAY_E_STEP,     /* the together has no step with that id */
    PATHWAY_E_ALREADY_DONE, /* that step of the together is done already */
    PATHWAY_E_STEPS_LEFT, /* next at a together whose steps are not all
                            done yet */
    /* Since library 1.3. */
    PATHWAY_E_TOO_LARGE /* a table larger than PATHWAY_TABLE_MAX_BYTES, or a
                           saved walk larger than PATHWAY_WALK_MAX_BYTES */
} pathway_code;

enum { PATHWAY_WHERE_SIZE = 256, PATHWAY_MESSAGE_SIZE = 512 };

/* What went wrong and where. `where` is a JSON path into the table or the
 * saved walk ("nodes[3].answers[1].next"), or "" when there is no such
 * place (a move at the wrong node, a file that cannot be read, text that is
 * not JSON, whose line and column are in the message). `message` is one
 * line: the path, ": ", and what is wrong ("nodes[3].answers[1].next: no
 * node has the id 'x'"), or only what is wrong when `where` is "". Both
 * are always NUL-terminated; very long ids are cut short. */
typedef struct pathway_error {
    pathway_code code;
    char where[PATHWAY_WHERE_SIZE];
    char message[PATHWAY_MESSAGE_SIZE];
} pathway_error;

/* "PATHWAY_OK", "PATHWAY_E_TABLE", ...: the constant's name, static; NULL
 * for a value that is not a pathway_code. */
PATHWAY_API const char *pathway_code_name(pathway_code code);

/* Frees text this library returned (pathway_walk_save). NULL is allowed. */
PATHWAY_API void pathway_free(void *p);

/* ==== What a table holds ===============================================
 * Field by field as table-format.md describes them. A text field the
 * table leaves out is NULL here; a list it leaves out has count 0 and a
 * NULL array; a flag it leaves out is false; an enum it leaves out is the
 * _NONE value. A `tbc` list (format 2) is what the source does not say
 * and is still to be confirmed, said so rather than invented: tbc[0] to
 * tbc[ntbc - 1], in order. These structs are written only by the library:
 * never allocate, copy by value or take sizeof of one, as later minor
 * versions may add fields at their ends (as 1.1 did). */

typedef struct pathway_table pathway_table;
typedef struct pathway_node pathway_node;

typedef enum pathway_status {
    PATHWAY_STATUS_NONE = 0,
    PATHWAY_STATUS_DRAFT,
    PATHWAY_STATUS_APPROVED,
    PATHWAY_STATUS_UNDER_REVIEW
} pathway_status;

typedef enum pathway_node_kind {
    PATHWAY_STEP = 1,
    PATHWAY_QUESTION,
    PATHWAY_OUTCOME,
    /* Format 2; since library 1.2. Two or more steps (its `steps`), done
     * in any order, then on to its next. */
    PATHWAY_TOGETHER
} pathway_node_kind;

typedef enum pathway_urgency {
    PATHWAY_URGENCY_ROUTINE = 1, /* the table's default */
    PATHWAY_URGENCY_URGENT,
    PATHWAY_URGENCY_IMMEDIATE
} pathway_urgency;

typedef enum pathway_unit {
    PATHWAY_UNIT_NONE = 0,
    PATHWAY_UNIT_MINUTES,
    PATHWAY_UNIT_HOURS,
    PATHWAY_UNIT_DAYS,
    PATHWAY_UNIT_WORKING_DAYS,
    PATHWAY_UNIT_WEEKS,
    PATHWAY_UNIT_MONTHS
} pathway_unit;

typedef enum pathway_consent_rule {
    PATHWAY_CONSENT_NONE = 0,
    PATHWAY_CONSENT_NEEDED,
    PATHWAY_CONSENT_NOT_NEEDED,
    PATHWAY_CONSENT_SEEK_UNLESS_UNSAFE,
    PATHWAY_CONSENT_INFORM_UNLESS_UNSAFE,
    PATHWAY_CONSENT_NOT_APPLICABLE,
    /* Format 2: the source does not say whether consent is needed. Not a
     * rule: show it as "not stated: ask your DSL", never as one. */
    PATHWAY_CONSENT_NOT_STATED
} pathway_consent_rule;

typedef enum pathway_outcome_kind {
    PATHWAY_OUTCOME_NONE = 0, /* not an outcome */
    PATHWAY_OUTCOME_EMERGENCY,
    PATHWAY_OUTCOME_REFERRAL,
    PATHWAY_OUTCOME_ADVICE,
    PATHWAY_OUTCOME_MONITOR,
    PATHWAY_OUTCOME_NO_FURTHER_ACTION
} pathway_outcome_kind;

typedef enum pathway_criteria_mode {
    PATHWAY_CRITERIA_NONE = 0,
    PATHWAY_CRITERIA_ANY_OF,
    PATHWAY_CRITERIA_ALL_OF
} pathway_criteria_mode;

/* One item of a question's criteria (format 2's shape; a format-1 table's
 * criteria read as texts, with ids "1", "2", ...): a text, or a nested
 * list of texts of the other mode (one level deep). The texts themselves
 * are the node's criteria[first] to criteria[first + count - 1]: a text's
 * one, or a nested list's, in order. Since library 1.2. */
typedef struct pathway_criterion {
    const char *id;             /* its place: "1", "2" (nested texts: "2.1") */
    pathway_criteria_mode mode; /* a nested list's mode; _NONE for a text */
    const char *text;           /* a text's text; NULL for a nested list */
    size_t first, count;        /* its texts, in the node's criteria */
} pathway_criterion;

/* The table's spelling of each value ("question", "working-days",
 * "seek-unless-unsafe", "not-stated", "no-further-action", "under-review",
 * "any-of"):
 * static text, NULL for a _NONE value or one out of range. */
PATHWAY_API const char *pathway_node_kind_name(pathway_node_kind k);
PATHWAY_API const char *pathway_urgency_name(pathway_urgency u);
PATHWAY_API const char *pathway_unit_name(pathway_unit u);
PATHWAY_API const char *pathway_consent_name(pathway_consent_rule r);
PATHWAY_API const char *pathway_outcome_name(pathway_outcome_kind k);
PATHWAY_API const char *pathway_status_name(pathway_status s);
PATHWAY_API const char *pathway_criteria_name(pathway_criteria_mode m);

/* {"text", "url"}: text NULL when the table gives no source. */
typedef struct pathway_source {
    const char *text;
    const char *url;
} pathway_source;

/* The table's top level and its "pathway" object. */
typedef struct pathway_info {
    int format_version;       /* 1, 2 or 3 */
    const char *compiler;     /* "pathwayc 0.1.0" */
    const char *content_hash; /* "sha256:" and 64 lower-case hex digits */
    const char *id;           /* the pathway's id */
    const char *title;
    const char *owner;
    const char *version;      /* the pathway's own version */
    pathway_status status;
    pathway_source source;
    const char *review_by;    /* "YYYY-MM-DD" */
    const char *audience;
    const char *note;
    /* Since library 1.1. approved_by and approved_on are of format 1 too;
     * the rest are of format 2 (NULL, false or 0 in a format-1 table). */
    const char *approved_by;  /* who signed it off */
    const char *approved_on;  /* "YYYY-MM-DD" */
    const char *area;         /* where it applies: "Hertfordshire" */
    const char *topic;        /* what it is about: "Exploitation" */
    const char *summary;      /* one plain sentence on when to use it */
    bool no_emergency_route;  /* emergency_route {"value": "none"}: the
                                 pathway truly has no emergency route */
    const char *emergency_route_text; /* why not; NULL when not given */
    const char *const *tbc;   /* what is still to be confirmed */
    size_t ntbc;
    /* Since library 1.2 (format 2): every document the pathway is written
     * from, in order; `source` is the first. NULL and 0 when the table
     * gives none, or is older. */
    const pathway_source *sources;
    size_t nsources;
} pathway_info;

/* A stage or role: {"id", "title"}. index: its place in the table's list.
 * A stage may have a tbc list (format 2; since library 1.1). */
typedef struct pathway_stage {
    const char *id;
    const char *title;
    size_t index;
    const char *const *tbc;
    size_t ntbc;
} pathway_stage;

typedef struct pathway_role {
    const char *id;
    const char *title;
    size_t index;
} pathway_role;

typedef struct pathway_contact {
    const char *id;
    const char *title;
    const char *phone;
    const char *email;
    const char *url;
    const char *hours;
    const struct pathway_contact *out_of_hours; /* a contact of the table */
    const char *verified;                       /* "YYYY-MM-DD" */
    const char *note;
    size_t index;
    const char *const *tbc; /* format 2; since library 1.1 */
    size_t ntbc;
} pathway_contact;

typedef struct pathway_form {
    const char *id;
    const char *title;
    const char *version;
    const char *url;
    bool per_child;
    const char *note;
    size_t index;
    const char *const *tbc; /* format 2; since library 1.1 */
    size_t ntbc;
} pathway_form;

/* within, target, review_after: value 0 (and unit _NONE) when absent;
 * otherwise value >= 1. Which of the three it is says its kind. */
typedef struct pathway_timescale {
    int value;
    pathway_unit unit;
} pathway_timescale;

typedef struct pathway_consent {
    pathway_consent_rule rule; /* _NONE when the node says nothing;
                                  _NOT_STATED when it says the source does
                                  not say */
    const char *text;
} pathway_consent;

/* Work alongside: a node of this table, or another pathway by its id
 * (exactly one of node and pathway is set). Never a route. */
typedef struct pathway_also {
    const pathway_node *node;
    const char *pathway;
    const char *why;
} pathway_also;

/* One way a question branches: a named answer (id, label) or, for a scored
 * question, a band (band_min..band_max, inclusive), which may have a label
 * too (its name, "High risk"; format 2). */
typedef struct pathway_answer {
    bool banded;
    const char *id;    /* named: "yes", "level_2"; bands: NULL */
    const char *label; /* named: the text to show, always set; bands: the
                          band's name, NULL when it has none (always NULL
                          in a format-1 table and before library 1.1) */
    int band_min, band_max;
    const pathway_node *next;
    size_t index;      /* its place among the question's answers */
} pathway_answer;

struct pathway_node {
    const char *id;
    pathway_node_kind kind;
    const char *title;
    const pathway_stage *stage;   /* NULL outside any stage */
    const pathway_role *by;       /* who does it, a role; see also by_text */
    const char *const *do_items;  /* `do`, in order */
    size_t ndo;
    const char *record;
    const pathway_form *const *forms;
    size_t nforms;
    const pathway_contact *const *contacts;
    size_t ncontacts;
    pathway_timescale within, target, review_after;
    pathway_urgency urgency;      /* always set */
    pathway_consent consent;
    const char *when;
    const char *note;
    bool personal;
    const pathway_also *also;
    size_t nalso;
    pathway_source source;
    const char *const *replaces;  /* ids this node had in earlier versions */
    size_t nreplaces;
    const pathway_node *next;     /* steps (not inside a together) and
                                     togethers: always; an emergency outcome
                                     that goes on (format 2): set; others
                                     NULL */
    bool scored;                  /* questions with `score` */
    int score_min, score_max;
    const pathway_answer *answers; /* questions: at least two */
    size_t nanswers;
    pathway_criteria_mode criteria_mode;
    const char *const *criteria;  /* the criteria's texts, nested ones too,
                                     in order (see criteria_items) */
    size_t ncriteria;
    pathway_outcome_kind outcome; /* outcomes: always; others _NONE */
    size_t index;                 /* its place in the table (source order) */
    /* Format 2; since library 1.1. */
    const char *by_text;          /* who does it, in words, when that is not
                                     a role; never set with by */
    const char *const *tbc;       /* what is still to be confirmed */
    size_t ntbc;
    /* Since library 1.2 (format 2; NULL and 0 in a format-1 table, but
     * for the criteria's ids and items, which every table with criteria
     * has). */
    const pathway_node *in;       /* a step inside a together: the together;
                                     else NULL */
    const pathway_node *const *steps; /* a together: its steps, in order
                                     (at least two); else NULL */
    size_t nsteps;
    const char *const *criteria_ids; /* one for each of criteria: "1", "2.1" */
    const pathway_criterion *criteria_items; /* the question's list: its
                                     items, in order, under criteria_mode */
    size_t ncriteria_items;
};

/* ==== Loading a table ==================================================== */

enum {
    PATHWAY_LOAD_DEFAULT = 0,
    /* Skip the content-hash check (for tools that edit tables by hand and
     * for fuzzing); everything else is checked as always. */
    PATHWAY_LOAD_NO_HASH_CHECK = 1u << 0
};

/* Loads a table from the file at path, or from size bytes at data (which
 * need not be NUL-terminated). Everything the format says is checked:
 * `format` is "pathway-table" and `format_version` from 1 to
 * PATHWAY_TABLE_FORMAT_VERSION (else PATHWAY_E_FORMAT); every field the
 * format defines is there when required and of its type and values; ids
 * are ids and unique within their list; every link (start, next, answers,
 * stage, by, forms, contacts, out_of_hours, also) names something in the
 * table; a node has `by` or `by_text`, not both; questions have at least
 * two answers, all named or all bands, the bands covering the score range
 * exactly once (no overlap, no gap); criteria questions answer exactly
 * yes and no; criteria items are texts or nested lists of the other mode,
 * one level deep, each id its place ("1", "2.1"); a together holds two or
 * more steps, each `in` it and listed once, and nothing else leads to a
 * step inside one; only an emergency outcome has a next; a kind carries
 * only the fields it may; in format 3, every number anywhere is a whole
 * number from -(2^53 - 1) to 2^53 - 1; `replaces` names no node of the table and no old
 * id twice; and every node can reach an outcome where the walk ends (one
 * without a next), over next links and answers (`also` is not a route; a
 * step inside a together goes as its together goes), so no walk is caught
 * in a loop with no way out and a table without such an outcome is
 * refused, as the compiler refuses the pathway (else PATHWAY_E_TABLE, with
 * the JSON path: for a node that cannot end, the first in the table,
 * "nodes[3]", naming the loop it is caught in). Keys the format
 * does not define are ignored, as the format asks (in a format-1 table,
 * those format 2 added too). Last, unless
 * flags has PATHWAY_LOAD_NO_HASH_CHECK, the content_hash is recomputed as
 * the format describes for the table's version, and a table whose hash
 * does not match is refused (PATHWAY_E_HASH). Text that is not JSON (RFC
 * 8259, UTF-8), or with a key twice in one object, "\u0000" in a string,
 * an escaped surrogate without its pair or nesting deeper than 2048, is
 * PATHWAY_E_JSON, with the line and column. Text of more than PATHWAY_TABLE_MAX_BYTES is
 * PATHWAY_E_TOO_LARGE, before any of it is parsed: a buffer by its size,
 * a regular file by its size before it is read, anything else (a pipe, a
 * device) once one byte more than that has been read.
 *
 * Returns the table (the caller's: pathway_table_free), or NULL with err
 * filled. The table holds its own copy of everything; data and path are
 * only borrowed. */
PATHWAY_API pathway_table *pathway_table_load_file(const char *path, unsigned flags,
                                                   pathway_error *err);
PATHWAY_API pathway_table *pathway_table_load_buffer(const void *data, size_t size,
                                                     unsigned flags, pathway_error *err);

/* Frees the table and everything read from it. NULL is allowed. Free its
 * walks first. */
PATHWAY_API void pathway_table_free(pathway_table *t);

/* ==== Reading a table ===================================================
 * Lookups by id are O(1) (a hash table built at load) and return NULL for
 * an unknown id; the i-th item is NULL when i is out of range. */

PATHWAY_API const pathway_info *pathway_table_info(const pathway_table *t);
PATHWAY_API const pathway_node *pathway_table_start(const pathway_table *t);

PATHWAY_API size_t pathway_table_node_count(const pathway_table *t);
PATHWAY_API const pathway_node *pathway_table_node(const pathway_table *t, size_t i);
PATHWAY_API const pathway_node *pathway_table_find_node(const pathway_table *t,
                                                        const char *id);
/* The node whose `replaces` lists old_id, or NULL. */
PATHWAY_API const pathway_node *pathway_table_find_replacement(const pathway_table *t,
                                                               const char *old_id);

PATHWAY_API size_t pathway_table_stage_count(const pathway_table *t);
PATHWAY_API const pathway_stage *pathway_table_stage(const pathway_table *t, size_t i);
PATHWAY_API const pathway_stage *pathway_table_find_stage(const pathway_table *t,
                                                          const char *id);

PATHWAY_API size_t pathway_table_contact_count(const pathway_table *t);
PATHWAY_API const pathway_contact *pathway_table_contact(const pathway_table *t, size_t i);
PATHWAY_API const pathway_contact *pathway_table_find_contact(const pathway_table *t,
                                                              const char *id);

PATHWAY_API size_t pathway_table_role_count(const pathway_table *t);
PATHWAY_API const pathway_role *pathway_table_role(const pathway_table *t, size_t i);
PATHWAY_API const pathway_role *pathway_table_find_role(const pathway_table *t,
                                                        const char *id);

PATHWAY_API size_t pathway_table_form_count(const pathway_table *t);
PATHWAY_API const pathway_form *pathway_table_form(const pathway_table *t, size_t i);
PATHWAY_API const pathway_form *pathway_table_find_form(const pathway_table *t,
                                                        const char *id);

/* A question's named answer with that id, or NULL (NULL also for a
 * scored question, whose answers are bands). */
PATHWAY_API const pathway_answer *pathway_node_find_answer(const pathway_node *q,
                                                           const char *id);
/* A scored question's band that holds score, or NULL. */
PATHWAY_API const pathway_answer *pathway_node_find_band(const pathway_node *q, int score);

/* ==== Walks ==============================================================
 * A walk goes as the scenarios of a pathway file go (pathwayc's `test`): it
 * starts at the table's start (or a given node); at a step, `next` goes on
 * to the step's next; at a question, an answer goes where that answer
 * leads (a score where the band holding it leads; ticked criteria give
 * yes or no); at a together, each of its steps is marked done, in any
 * order, and then `next` goes on to the together's next; at an emergency
 * outcome that goes on (one with a next), the outcome has been reached
 * (it is in the path) and `next` goes on; at any other outcome the walk
 * has ended. Nothing moves by itself: each move is one call. Each move is
 * stamped with the walk's clock. */

typedef struct pathway_walk pathway_walk;

/* A time source: now(ctx) returns the time in seconds since
 * 1970-01-01T00:00:00Z. Times are saved to the second, in UTC; one
 * outside 1970-01-01..9999-12-31 is taken as the nearer end. Pass NULL
 * for the system clock (time()). The walk copies the struct; ctx is
 * borrowed for the walk's life. */
typedef struct pathway_clock {
    int64_t (*now)(void *ctx);
    void *ctx;
} pathway_clock;

typedef enum pathway_move_kind {
    PATHWAY_MOVE_NEXT = 1, /* on from a step */
    PATHWAY_MOVE_ANSWER,   /* a named answer */
    PATHWAY_MOVE_SCORE,    /* a score, at a scored question */
    PATHWAY_MOVE_CRITERIA, /* ticked criteria, at an any-of/all-of question */
    PATHWAY_MOVE_DONE      /* a step marked done, at a together (since 1.2) */
} pathway_move_kind;

/* One move of a walk, as it was made. */
typedef struct pathway_move {
    pathway_move_kind kind;
    const pathway_node *from;     /* the node it was made at */
    const pathway_node *to;       /* where it led (DONE: the together, where
                                     the walk stays) */
    const pathway_answer *answer; /* the answer or band taken; NULL for NEXT
                                     and DONE */
    int score;                    /* SCORE: the score given; else 0 */
    const bool *ticked;           /* CRITERIA: one flag per criterion text of
                                     `from` (its ncriteria); else NULL */
    int64_t time;                 /* when, by the walk's clock */
    const pathway_node *step;     /* DONE: the step done; else NULL. Since
                                     library 1.2. */
} pathway_move;

/* A new walk at the table's start, or at the node with id node_id (any
 * kind: for work only an `also` leads to; PATHWAY_E_NOT_FOUND when there
 * is none; PATHWAY_E_KIND for a step inside a together, whose walk starts
 * at the together). Returns the walk (the caller's: pathway_walk_free), or NULL
 * with err filled. Borrows t, which must outlive the walk. */
PATHWAY_API pathway_walk *pathway_walk_start(const pathway_table *t,
                                             const pathway_clock *clock,
                                             pathway_error *err);
PATHWAY_API pathway_walk *pathway_walk_start_at(const pathway_table *t,
                                                const char *node_id,
                                                const pathway_clock *clock,
                                                pathway_error *err);
/* NULL is allowed. */
PATHWAY_API void pathway_walk_free(pathway_walk *w);

PATHWAY_API const pathway_table *pathway_walk_table(const pathway_walk *w);
/* The node the walk is at. */
PATHWAY_API const pathway_node *pathway_walk_current(const pathway_walk *w);
/* Whether the walk has ended, and at which outcome (NULL while not). It
 * ends at an outcome without a next: at an emergency outcome that goes on
 * it has not ended (the outcome is the current node and in the path, as
 * reached; next goes on). */
PATHWAY_API bool pathway_walk_finished(const pathway_walk *w);
PATHWAY_API const pathway_node *pathway_walk_outcome(const pathway_walk *w);
/* When the walk started, by its clock. */
PATHWAY_API int64_t pathway_walk_started(const pathway_walk *w);

/* The moves. Each returns PATHWAY_OK, or an error code (with err filled)
 * and the walk unchanged:
 *   next     at a step; at a together once each of its steps is done
 *            (else PATHWAY_E_STEPS_LEFT, naming them); at an emergency
 *            outcome that goes on. PATHWAY_E_KIND at a question,
 *            PATHWAY_E_FINISHED at an outcome where the walk has ended.
 *   answer   at a question with named answers (criteria questions too:
 *            "yes" or "no"); PATHWAY_E_ANSWER for an id it does not
 *            have, PATHWAY_E_KIND at a step or a scored question.
 *   score    at a scored question; PATHWAY_E_SCORE outside its range,
 *            PATHWAY_E_KIND elsewhere.
 *   criteria at an any-of or all-of question: ticked[i] for each of its n
 *            criteria (n must be ncriteria, else PATHWAY_E_ARGUMENT);
 *            the answer is yes when the question's list is met: an any-of
 *            list when one of its items is, an all-of list when every
 *            item is; a text is met when it is ticked, a nested list by
 *            its own mode over its texts. ticked is copied.
 *   done     at a together: marks its step with id step_id done (a
 *            PATHWAY_MOVE_DONE; the walk stays at the together).
 *            PATHWAY_E_STEP when the together has no such step,
 *            PATHWAY_E_ALREADY_DONE when it is done already, PATHWAY_E_KIND
 *            at another kind of node (since library 1.2).
 *   back     undoes the last move (any number of times; undoing a done
 *            move makes the step not done again);
 *            PATHWAY_E_AT_START when there is none. */
PATHWAY_API pathway_code pathway_walk_next(pathway_walk *w, pathway_error *err);
PATHWAY_API pathway_code pathway_walk_answer(pathway_walk *w, const char *answer_id,
                                             pathway_error *err);
PATHWAY_API pathway_code pathway_walk_score(pathway_walk *w, int score,
                                            pathway_error *err);
PATHWAY_API pathway_code pathway_walk_criteria(pathway_walk *w, const bool *ticked,
                                               size_t n, pathway_error *err);
PATHWAY_API pathway_code pathway_walk_done(pathway_walk *w, const char *step_id,
                                           pathway_error *err);
PATHWAY_API pathway_code pathway_walk_back(pathway_walk *w, pathway_error *err);

/* At a together: whether its step `step` is done since the walk came to
 * it, and how many of its steps are. false and 0 when the walk is not at
 * the together step is in (not at a together). Since library 1.2. */
PATHWAY_API bool pathway_walk_step_done(const pathway_walk *w, const pathway_node *step);
PATHWAY_API size_t pathway_walk_done_count(const pathway_walk *w);

/* The path so far: path_length is move_count + 1; path node 0 is where the
 * walk started, path node i + 1 is where move i led (after a DONE move,
 * the together again: the step done is the move's `step`). Out of range:
 * NULL. */
PATHWAY_API size_t pathway_walk_move_count(const pathway_walk *w);
PATHWAY_API const pathway_move *pathway_walk_move(const pathway_walk *w, size_t i);
PATHWAY_API size_t pathway_walk_path_length(const pathway_walk *w);
PATHWAY_API const pathway_node *pathway_walk_path_node(const pathway_walk *w, size_t i);

/* ==== Saving and restoring a walk ========================================
 * A saved walk is JSON (runtime.md, pathway-walk-2.schema.json): the
 * pathway's id, the table's content hash, the node it started at and when,
 * and each move in order with the node it was made at, the answer (or
 * score, or ticked criteria by id and text, or the step done), the node it
 * led to ("to": the last move's is where the walk stands) and its time.
 * It holds no other key: restoring refuses one (PATHWAY_E_SAVE), since a
 * key this library does not know would be lost when it saves the walk
 * again. Moves undone with back are not in it. It is written at
 * PATHWAY_WALK_FORMAT_VERSION; saves of every earlier version are read. */

/* The walk as JSON text (the caller's: pathway_free), or NULL with err
 * filled (out of memory only). */
PATHWAY_API char *pathway_walk_save(const pathway_walk *w, pathway_error *err);

/* A walk from size bytes of saved text, against table t. The save must be
 * a pathway-walk of a format_version this library reads (else
 * PATHWAY_E_FORMAT), well formed (else PATHWAY_E_SAVE, with the JSON
 * path), and of t's pathway id (else PATHWAY_E_PATHWAY); a save of more
 * than PATHWAY_WALK_MAX_BYTES is refused before it is parsed
 * (PATHWAY_E_TOO_LARGE).
 *
 * Same content hash: the moves are replayed exactly, with their times.
 * Another hash (a newer table): each saved node id is found in t, or else
 * as an id some node of t `replaces`; a node that is neither is refused
 * with PATHWAY_E_REMOVED naming it. The moves are replayed on t: each
 * must be made at the node the walk has reached, and must be one t takes
 * (the answer still there, the score in range, the ticked criteria still
 * criteria that give the saved answer, the walk ending where the save
 * stood); else PATHWAY_E_REPLAY saying which and where. A ticked
 * criterion is found by its id, and its text must be the same (in a save
 * of format_version 1, which has only texts, by the first criterion of
 * that text); a step done is found by its id, through `replaces` too.
 * Nothing is skipped or guessed: a walk is restored whole or not at all.
 *
 * Returns the walk (the caller's: pathway_walk_free; later moves are
 * stamped by clock, NULL for the system clock), or NULL with err filled.
 * Borrows t, which must outlive the walk. */
PATHWAY_API pathway_walk *pathway_walk_restore(const pathway_table *t, const char *saved,
                                               size_t size, const pathway_clock *clock,
                                               pathway_error *err);

/* The content hash of the table a restored walk was saved against (which
 * differs from its table's when it was replayed onto a newer one); NULL
 * for a walk that was started, not restored. Owned by the walk. */
PATHWAY_API const char *pathway_walk_saved_hash(const pathway_walk *w);

#ifdef __cplusplus
}
#endif

#endif
