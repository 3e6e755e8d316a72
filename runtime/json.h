/* json — the JSON libpathway reads (tables, saved walks), parsed by yajl
 * into a compact tree of its own.
 *
 * Why not jansson's tree, which the library used before: a value there is
 * a block of its own, a key is one more, an object is a hash table, so a
 * table took eight to ten times its size in memory while it was read
 * (a 37 MB table, 326 MB), and making and freeing those blocks was most
 * of the time a load took. Here a value is 16 bytes in arrays of its
 * container, a member 24, all in a few large blocks; keys are kept once
 * each (a table repeats a few dozen), and the text of strings goes where
 * the caller says: for a table, into the table's own arena, so that what
 * the loader keeps is not copied again. yajl parses the text as it is
 * read, 64 KB at a time; the whole text is never held. (bench/RESULTS.md
 * has the figures.)
 *
 * What is accepted is what jansson accepted with JSON_REJECT_DUPLICATES:
 * RFC 8259 JSON, one value, UTF-8 checked, no comments, a key at most once
 * in an object; and, as jansson, no "\u0000" in a string (text that
 * cannot hold NUL), integers that fit 64 bits, nesting at most 2048 deep.
 * The tree is read-only once made; it is freed in one call. */
#ifndef PWRT_JSON_H
#define PWRT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pwrt_arena;

typedef enum pwrt_jtype {
    PWRT_JNULL,
    PWRT_JFALSE,
    PWRT_JTRUE,
    PWRT_JINTEGER,
    PWRT_JREAL,
    PWRT_JSTRING,
    PWRT_JARRAY,
    PWRT_JOBJECT
} pwrt_jtype;

typedef struct pwrt_jv pwrt_jv;
typedef struct pwrt_jmember pwrt_jmember;

/* A value. n: a string's length in bytes (its text is NUL-terminated and
 * holds no NUL), an array's items, an object's members (in the order of
 * the text). A real number is kept as its text (u.s, n bytes), as written:
 * the format has none, so it is only named in a message or hashed. */
struct pwrt_jv {
    uint32_t type; /* pwrt_jtype */
    uint32_t n;
    union {
        long long i;
        const char *s;
        const pwrt_jv *items;
        const pwrt_jmember *members;
    } u;
};

struct pwrt_jmember {
    const char *key; /* NUL-terminated */
    pwrt_jv value;
};

/* The nesting a text may have (jansson's limit). */
enum { PWRT_JSON_MAX_DEPTH = 2048 };

typedef struct pwrt_json pwrt_json; /* a parsed text: its tree and memory */

/* Where parsing failed: a message, and the line and column (from 1) of
 * the byte it failed at. */
typedef enum pwrt_json_failure {
    PWRT_JSON_BAD,    /* not JSON, or JSON the format does not take */
    PWRT_JSON_NOMEM,  /* out of memory */
    PWRT_JSON_UNREAD  /* the reader failed (and knows why) */
} pwrt_json_failure;

typedef struct pwrt_json_error {
    pwrt_json_failure kind;
    char text[160];
    size_t line, column;
} pwrt_json_error;

/* Reads the text to parse: up to n bytes into buf; the count (0 at the
 * end), or -1 when reading fails (the reader remembers why). */
typedef long pwrt_json_read(void *arg, unsigned char *buf, size_t n);

/* Parses all the text `read` gives, a buffer at a time. The text of
 * strings goes to `strings` when it is given (the caller's arena, which
 * must outlive the tree; keys are the tree's own), else the tree's own.
 * Returns the parse, or NULL with *e set. */
pwrt_json *pwrt_json_parse(pwrt_json_read *read, void *arg, struct pwrt_arena *strings,
                           pwrt_json_error *e);
/* The same over a buffer in memory. */
pwrt_json *pwrt_json_parse_buffer(const void *data, size_t size, struct pwrt_arena *strings,
                                  pwrt_json_error *e);
void pwrt_json_free(pwrt_json *j);
const pwrt_jv *pwrt_json_root(const pwrt_json *j);

/* obj[key] (obj an object), or NULL. */
const pwrt_jv *pwrt_jv_get(const pwrt_jv *obj, const char *key);

static inline bool pwrt_jv_is(const pwrt_jv *v, pwrt_jtype t)
{
    return v && v->type == (uint32_t)t;
}

/* What jansson's accessors gave, NULL-safe as they were: the type; an
 * array's size and items (0 and NULL for anything else); an object's
 * size; a string's text (NULL for anything else); an integer (0). */
static inline pwrt_jtype pwrt_jtypeof(const pwrt_jv *v)
{
    return (pwrt_jtype)v->type;
}

static inline size_t pwrt_jarray_size(const pwrt_jv *a)
{
    return pwrt_jv_is(a, PWRT_JARRAY) ? a->n : 0;
}

static inline const pwrt_jv *pwrt_jarray_get(const pwrt_jv *a, size_t i)
{
    return pwrt_jv_is(a, PWRT_JARRAY) && i < a->n ? &a->u.items[i] : NULL;
}

static inline size_t pwrt_jobject_size(const pwrt_jv *o)
{
    return pwrt_jv_is(o, PWRT_JOBJECT) ? o->n : 0;
}

static inline const char *pwrt_jstring(const pwrt_jv *v)
{
    return pwrt_jv_is(v, PWRT_JSTRING) ? v->u.s : NULL;
}

static inline long long pwrt_jinteger(const pwrt_jv *v)
{
    return pwrt_jv_is(v, PWRT_JINTEGER) ? v->u.i : 0;
}

#endif
