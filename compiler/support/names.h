/* names — a table from names to things, for resolving references in
 * O(1): a hash table sized once for the names it will hold (names.c says
 * why it is not hsearch_r). Keys are not copied: they must outlive the
 * table. */
#ifndef PW_NAMES_H
#define PW_NAMES_H

#include <stddef.h>

typedef struct pw_names pw_names;

/* A table for up to capacity names. Owned by the caller; free with
 * pw_names_free (NULL is allowed). */
pw_names *pw_names_new(size_t capacity);
void pw_names_free(pw_names *m);

/* The thing named key, or NULL. */
void *pw_names_get(pw_names *m, const char *key);

/* Adds key -> value (value not NULL). Returns NULL when added, or the
 * value key already had (the table is unchanged then). Adding more names
 * than the capacity is a programming error and aborts. */
void *pw_names_add(pw_names *m, const char *key, void *value);

#endif
