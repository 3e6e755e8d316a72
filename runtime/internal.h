/* internal.h — what the runtime's modules share and a user never sees.
 *
 * Names here start with `pwrt_` and are hidden from the shared object
 * (-fvisibility=hidden: only PATHWAY_API names are exported). Modules:
 * arena (one block list per table), idmap (ids to things in O(1)), error
 * (filling a pathway_error), load (reading checked fields, load.h), table
 * (the top level, lists, reading), nodes (nodes and their links), hash
 * (the content hash), walk, save (saved walks), timefmt (RFC 3339 times).
 * The id map and the content hash are declared in share.h, because
 * pathwayc uses them too. */
#ifndef PWRT_INTERNAL_H
#define PWRT_INTERNAL_H

#include "pathway.h"
#include "share.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- arena: everything of a table, freed in one call ------------------ */

typedef struct pwrt_block pwrt_block;
typedef struct pwrt_arena {
    pwrt_block *head;
} pwrt_arena;

/* size bytes, zeroed and aligned for any object, or NULL when out of
 * memory (or size too large). Owned by the arena. */
void *pwrt_arena_alloc(pwrt_arena *a, size_t size);
/* n objects of size bytes each, with an overflow check. */
void *pwrt_arena_array(pwrt_arena *a, size_t n, size_t size);
/* size bytes aligned to align (a power of two, at most that of
 * max_align_t), not zeroed; NULL when out of memory. */
void *pwrt_arena_raw(pwrt_arena *a, size_t size, size_t align);
/* n bytes for text, unaligned and not zeroed. */
char *pwrt_arena_bytes(pwrt_arena *a, size_t n);
/* A copy of s, or NULL when out of memory. */
char *pwrt_arena_strdup(pwrt_arena *a, const char *s);
void pwrt_arena_free(pwrt_arena *a);

/* Text for a message: s, or its first 60-odd bytes (cut between
 * characters) and "...", so that a path and the rest fit beside it. */
typedef struct pwrt_shown {
    char s[68];
} pwrt_shown;
pwrt_shown pwrt_show(const char *s);

/* ---- init: what the dependencies set up on first use, once --------------- */

/* Called by every function of the API that loads, hashes or writes JSON
 * (init.c); safe from any thread, cheap after the first call. */
void pwrt_init(void);

/* ---- errors ------------------------------------------------------------ */

/* Fills err (when not NULL): code, where (a JSON path or ""), and the
 * message "where: what" (or "what" alone). Returns code. */
pathway_code pwrt_fail(pathway_error *err, pathway_code code, const char *where,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
pathway_code pwrt_vfail(pathway_error *err, pathway_code code, const char *where,
                        const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));
/* Clears err to PATHWAY_OK, "" and "". */
void pwrt_ok(pathway_error *err);

/* ---- the table --------------------------------------------------------- */

struct pathway_table {
    pwrt_arena arena;
    pathway_info info;
    const pathway_node *start;
    pathway_node *nodes;
    size_t nnodes;
    pathway_stage *stages;
    size_t nstages;
    pathway_contact *contacts;
    size_t ncontacts;
    pathway_role *roles;
    size_t nroles;
    pathway_form *forms;
    size_t nforms;
    pwrt_idmap node_ids, stage_ids, contact_ids, role_ids, form_ids;
    pwrt_idmap replaced; /* old id -> the node that replaces it */
};

/* Whether s is an id as docs/table-format.md defines it. */
bool pwrt_is_id(const char *s);

/* ---- times --------------------------------------------------------------- */

enum { PWRT_TIME_SIZE = sizeof "9999-12-31T23:59:59Z" };

/* t clamped to 1970-01-01T00:00:00Z..9999-12-31T23:59:59Z. */
int64_t pwrt_clamp_time(int64_t t);
/* "YYYY-MM-DDTHH:MM:SSZ" for a clamped t. */
void pwrt_format_time(int64_t t, char out[PWRT_TIME_SIZE]);
/* Parses exactly that form (a real date and time, UTC); false otherwise. */
bool pwrt_parse_time(const char *s, int64_t *t);
/* Whether s is "YYYY-MM-DD", a real date. */
bool pwrt_is_date(const char *s);

/* ---- walks ---------------------------------------------------------------- */

/* A move as the walk keeps it: the public struct, plus the ticked flags
 * it owns. */
struct pathway_walk {
    const pathway_table *table;
    pathway_clock clock;
    bool system_clock;
    const pathway_node *from;
    int64_t started;
    pathway_move *moves;
    size_t nmoves, cap;
    char *saved_hash; /* restored walks: the hash of the save; else NULL */
};

/* A walk at node `from`, started at `started`; NULL when out of memory. */
pathway_walk *pwrt_walk_new(const pathway_table *t, const pathway_node *from,
                            const pathway_clock *clock, int64_t started);

/* The moves, stamped with *time, or by the walk's clock when time is
 * NULL (restore replays saved times). Each checks the move as the public
 * function does, and reads the clock only for a move it makes. */
pathway_code pwrt_walk_next_at(pathway_walk *w, const int64_t *time, pathway_error *err);
pathway_code pwrt_walk_answer_at(pathway_walk *w, const char *id, const int64_t *time,
                                 pathway_error *err);
pathway_code pwrt_walk_score_at(pathway_walk *w, int score, const int64_t *time,
                                pathway_error *err);
pathway_code pwrt_walk_criteria_at(pathway_walk *w, const bool *ticked, size_t n,
                                   const int64_t *time, pathway_error *err);
pathway_code pwrt_walk_done_at(pathway_walk *w, const char *step_id, const int64_t *time,
                               pathway_error *err);

#endif
