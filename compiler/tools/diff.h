/* diff — `pathwayc diff`: what changed between two versions of one
 * pathway, in practitioners' words, and the three ways of writing it
 * (text, Markdown, JSON). Both versions are compared as loaded tables
 * (libpathway), whatever they were read from. docs/diff.md describes the
 * report and the JSON structure. */
#ifndef PW_DIFF_H
#define PW_DIFF_H

#include "pathway.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum pw_diff_format { PW_DIFF_TEXT, PW_DIFF_MD, PW_DIFF_JSON } pw_diff_format;

/* The report's sections, in the order they are written. */
typedef enum pw_diff_section {
    PW_DIFF_PATHWAY, /* the pathway's own details and where it starts */
    PW_DIFF_NODES,   /* steps, questions, outcomes, togethers: in the new
                        version's order */
    PW_DIFF_REMOVED, /* nodes of the old version that are gone: in its order */
    PW_DIFF_SHARED,  /* stages, contacts, forms, roles */
    PW_DIFF_NSECTIONS
} pw_diff_section;

/* One change. Every string is owned by the diff. */
typedef struct pw_change {
    pw_diff_section section;
    const char *kind; /* "added", "removed", "renamed", "moved", "changed" */
    const char *what; /* "pathway", "step", "question", "outcome", "together",
                         "stage", "contact", "form", "role" */
    char *id;         /* the thing's id (its new one, when it was renamed) */
    char *title;      /* its title (the new one, when it changed) */
    char *field;      /* "phone", "within", "answers.yes", "criteria.2.items",
                         ...; NULL for the thing as a whole (added, removed) */
    char *label;      /* the field in words; "" when the values say it */
    char *old_value;  /* in words; NULL when the old version has none */
    char *new_value;  /* in words; NULL when the new version has none */
    bool quoted;      /* the values are text to show in quotes */
    char *note;       /* more to say, or NULL */
} pw_change;

typedef struct pw_diff pw_diff;

/* Compares two versions of one pathway. Nodes are matched by id, else
 * through the new node's `replaces`. Returns the diff (the caller's:
 * pw_diff_free), or NULL with a message in err when the two are not of
 * the same pathway (their ids differ). Borrows both tables for the call
 * only. */
pw_diff *pw_diff_tables(const pathway_table *old_t, const pathway_table *new_t,
                        char *err, size_t errsize);

/* No changes at all. */
bool pw_diff_equal(const pw_diff *d);
size_t pw_diff_count(const pw_diff *d);
/* The i-th change, in report order; NULL out of range. Owned by d. */
const pw_change *pw_diff_change(const pw_diff *d, size_t i);

/* "text", "md" (or "markdown"), "json"; false for anything else. */
bool pw_diff_parse_format(const char *name, pw_diff_format *f);

/* Writes the report to out; false when writing failed. */
bool pw_diff_write(const pw_diff *d, pw_diff_format f, FILE *out);

/* NULL is allowed. */
void pw_diff_free(pw_diff *d);

#endif
