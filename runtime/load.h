/* load — reading the fields of a parsed table, each checked as
 * docs/table-format.md says, with the JSON path of anything wrong.
 *
 * Loading goes on after a problem (each reader then returns a harmless
 * default), but only the first problem is kept: loader.failed says there
 * was one, and the loader checks it between its passes, before anything
 * relies on what was read. So each loader function reads as the plain
 * list of its fields. */
#ifndef PWRT_LOAD_H
#define PWRT_LOAD_H

#include "internal.h"

#include "json.h"

/* Links from nodes to nodes: each id (jansson's text, which lives as long
 * as the parsed root) and the pointer to set to the node of that id. They
 * are gathered as the nodes are read, in the order they are checked, and
 * made once every node's id is known, without reading the JSON again.
 * inner: whether the link may name a step inside a together (a together's
 * `steps`, a step's `in`); nothing else may (start, next, answers, also
 * name the together). */
typedef struct pwrt_link {
    const char *id;
    const pathway_node **to;
    bool inner;
} pwrt_link;

typedef struct pwrt_links {
    pwrt_link *items; /* malloc'd */
    size_t n, cap;
} pwrt_links;

typedef struct pwrt_loader {
    pathway_table *t;       /* where copies of text go (NULL: no copies) */
    bool text_in_table;     /* the parse put the text of strings in t's arena */
    pathway_error *err;
    pathway_code malformed; /* the code of a problem: _E_TABLE or _E_SAVE */
    bool failed;
    pwrt_links links;       /* tables: the links of the nodes read so far */
} pwrt_loader;

/* A JSON path, built by value: "nodes[3].answers[1].next". */
typedef struct pwrt_path {
    char s[PATHWAY_WHERE_SIZE];
} pwrt_path;

pwrt_path pwrt_key(const char *base, const char *key);   /* base.key */
pwrt_path pwrt_item(const char *base, size_t i);         /* base[i] */

/* Records the first problem (later ones are dropped); returns false. */
bool pwrt_ld_fail(pwrt_loader *ld, pathway_code code, const char *where,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
bool pwrt_ld_nomem(pwrt_loader *ld);

/* The text of a string of the parsed JSON, kept in the table: itself when
 * the parse put it in the table's arena, else a copy there; NULL (and a
 * problem) when out of memory. */
const char *pwrt_keep(pwrt_loader *ld, const char *s);


/* "an object", "a string", "an integer", ... */
const char *pwrt_type_name(const pwrt_jv *v);

/* Whether obj (an object) holds no key but those of `keys` (a list ending
 * in NULL): a key it does not know is a problem, at its path, saying what
 * obj is (`what`, "a saved walk") and why (`why`). */
bool pwrt_only_keys(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                    const char *const *keys, const char *what, const char *why);

/* obj[key] when present and of type `type`; NULL when absent (a problem
 * when required) or of another type (a problem). For PWRT_JTRUE, a
 * false is "another type". */
const pwrt_jv *pwrt_get(pwrt_loader *ld, const pwrt_jv *obj, const char *base, const char *key,
                 pwrt_jtype type, bool required);

/* obj[key] as text copied into the table, or NULL. */
const char *pwrt_text(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                      const char *key, bool required);
/* The same, and it must be an id. */
const char *pwrt_id(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                    const char *key, bool required);
/* The same, not copied: jansson's text, which lives as long as obj. */
const char *pwrt_id_ref(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                        const char *key, bool required);
/* The same, and it must be a web address, a date or an email address. */
const char *pwrt_url(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                     const char *key);
const char *pwrt_date(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                      const char *key);
const char *pwrt_email(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                       const char *key);

/* obj[key], a whole number from min to 2147483647; 0 when absent or
 * wrong. *present (may be NULL) says whether it was there. */
int pwrt_int(pwrt_loader *ld, const pwrt_jv *obj, const char *base, const char *key,
             int min, bool required, bool *present);

/* obj[key], one of names[1..n-1] (names[0] is the _NONE value, NULL):
 * its index, or 0 when absent or wrong. */
int pwrt_enum(pwrt_loader *ld, const pwrt_jv *obj, const char *base, const char *key,
              const char *const *names, size_t n, bool required);

/* obj[key], a non-empty array of strings (ids when `ids`), copied into
 * the table; NULL and *n = 0 when absent or wrong. */
const char **pwrt_strings(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                          const char *key, bool ids, size_t *n);

/* Whether the table is of format_version 2 or later: a format-1 table
 * does not have the keys format 2 added, so in one they are not read (a
 * reader of format 1 ignores keys it does not know). */
bool pwrt_format_2(const pwrt_loader *ld);

/* obj["tbc"] (format 2): what is still to be confirmed, a non-empty array
 * of strings; NULL and *n = 0 when absent, wrong, or in a format-1 table. */
const char **pwrt_tbc(pwrt_loader *ld, const pwrt_jv *obj, const char *base, size_t *n);

/* {"text", "url"} at obj[key]. */
pathway_source pwrt_source(pwrt_loader *ld, const pwrt_jv *obj, const char *base);

/* The spellings of each enum, indexed by value (index 0: _NONE). */
extern const char *const pwrt_kind_names[5];
extern const char *const pwrt_urgency_names[4];
extern const char *const pwrt_unit_names[7];
extern const char *const pwrt_consent_names[7];
extern const char *const pwrt_outcome_names[6];
extern const char *const pwrt_status_names[4];
extern const char *const pwrt_criteria_names[3];

/* The nodes: read them (first pass, which gathers ld->links), then link
 * them (second pass, only when the first found nothing wrong; the JSON
 * must still be there). In nodes.c. The loader's links are freed by
 * pwrt_free_links, whether or not the second pass ran. */
void pwrt_load_nodes(pwrt_loader *ld, const pwrt_jv *nodes);
void pwrt_link_nodes(pwrt_loader *ld);
void pwrt_free_links(pwrt_loader *ld);

#endif
