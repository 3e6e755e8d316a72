/* names — a table from names to things, for resolving references in
 * O(1). An adapter over libpathway's id map (runtime/share.h: FNV-1a,
 * linear probing, at most half full), so the compiler and the runtime
 * look ids up the same way. Keys are not copied: they must outlive the
 * table. */
#ifndef PW_NAMES_H
#define PW_NAMES_H

#include <stddef.h>

typedef struct pw_names pw_names;

/* A table sized for capacity names (more may be added: it grows). Owned
 * by the caller; free with pw_names_free (NULL is allowed). */
pw_names *pw_names_new(size_t capacity);
void pw_names_free(pw_names *m);

/* The thing named key, or NULL. */
void *pw_names_get(pw_names *m, const char *key);

/* Adds key -> value (value not NULL). Returns NULL when added, or the
 * value key already had (the table is unchanged then). */
void *pw_names_add(pw_names *m, const char *key, void *value);

#endif
