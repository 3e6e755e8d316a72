/* share.h — the parts of libpathway that pathwayc reuses (it links
 * libpathway.a), so that each rule is written once: the id map the
 * compiler's name tables are made of (compiler/support/names.c), and the
 * content hash its tables carry (compiler/emit/table.c). Not installed,
 * not part of the API: names start with `pwrt_`, hidden from the shared
 * object like the rest of internal.h, which includes this header. */
#ifndef PWRT_SHARE_H
#define PWRT_SHARE_H

#include <stdbool.h>
#include <stddef.h>

/* ---- idmap: open addressing from id strings to pointers -------------- */

/* Keys are borrowed and must outlive the map. A plain linear-probing
 * table hashed with FNV-1a (and a final mix), at most half full. Why not
 * glibc's hsearch_r: its hash keeps only the first eight characters of a
 * key, so ids with a longer common prefix ("check_with_parent_1", ...)
 * all collide and building the map becomes quadratic (40,000 such ids
 * took 4 s to insert). */
typedef struct pwrt_idmap_slot {
    const char *key; /* NULL: empty */
    const void *value;
} pwrt_idmap_slot;

typedef struct pwrt_idmap {
    pwrt_idmap_slot *slots;
    size_t mask; /* capacity - 1; capacity a power of two */
} pwrt_idmap;

/* A map for up to n keys; false when out of memory (or n too large). */
bool pwrt_idmap_init(pwrt_idmap *m, size_t n);
void pwrt_idmap_free(pwrt_idmap *m);
/* Adds key -> value unless key is there: returns NULL when added, else
 * the value key already has (the map unchanged). Never more than the n
 * keys the map was made for. */
const void *pwrt_idmap_add(pwrt_idmap *m, const char *key, const void *value);
const void *pwrt_idmap_get(const pwrt_idmap *m, const char *key);

/* ---- the content hash -------------------------------------------------- */

/* "sha256:", 64 hex digits and a NUL. */
enum { PWRT_HASH_SIZE = 7 + 64 + 1 };

/* The content hash of a parsed table's root (an object, whose
 * "content_hash" and "compiler" keys are left out), by the rule of its
 * format_version as docs/table-format.md defines it: keys in the text's
 * order (formats 1 and 2) or RFC 8785 (3). Into out as "sha256:" and 64
 * hex digits: the loader recomputes it to check a table. False when out of
 * memory (or, in format 3, on a real number, which the loader refuses
 * first). */
struct pwrt_jv;
bool pwrt_content_hash(const struct pwrt_jv *root, int format_version,
                       char out[PWRT_HASH_SIZE]);
/* The same from the text of a table (the compiler's, which writes its
 * hash with this), by the rule of the format_version it holds. False
 * when the text is not JSON or out of memory. */
bool pwrt_content_hash_text(const char *json, size_t n, char out[PWRT_HASH_SIZE]);

#endif
