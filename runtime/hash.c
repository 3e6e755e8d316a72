/* hash — the content hash of a table, recomputed as docs/table-format.md
 * says: the table without "content_hash" and "compiler", keys in file
 * order, written compactly, \u escapes in lower case, SHA-256. The
 * loader checks a table's hash with it, and pathwayc writes its tables'
 * hash with it (share.h), so the rule is written once.
 *
 * The canonical text is written here from jansson's tree (which keeps the
 * key order of the file) straight into the digest, a buffer at a time,
 * never whole. It used to be json_dump_callback's text, lowered and then
 * hashed: for a 100,000-node table that took a quarter of the load, most
 * of it in the dumper's cycle check (a formatted pointer and a hash-table
 * insert for every object and array) and in growing a 20 MB buffer. The
 * text is the same byte for byte: the escapes below are the ones jansson
 * writes with JSON_COMPACT (its \u00XX lowered), and real numbers, which
 * only keys the format does not define can hold, are written by jansson
 * itself. */
#include "internal.h"

#include <jansson.h>
#include <openssl/evp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BUFFER_SIZE = 64 * 1024 };

typedef struct writer {
    EVP_MD_CTX *md;
    bool failed;
    size_t used;
    char buf[BUFFER_SIZE];
} writer;

static void flush(writer *w)
{
    if (w->used && !EVP_DigestUpdate(w->md, w->buf, w->used))
        w->failed = true;
    w->used = 0;
}

static void put(writer *w, const char *s, size_t n)
{
    while (n > 0) {
        if (w->used == BUFFER_SIZE)
            flush(w);
        size_t room = BUFFER_SIZE - w->used, k = n < room ? n : room;
        memcpy(w->buf + w->used, s, k);
        w->used += k;
        s += k;
        n -= k;
    }
}

static void put_char(writer *w, char c)
{
    if (w->used == BUFFER_SIZE)
        flush(w);
    w->buf[w->used++] = c;
}

/* What each byte of a string is written as: 0 itself, 'u' \u00xx, else
 * a backslash and that letter. Bytes from 0x80 are parts of UTF-8
 * characters (jansson checked them), written as they are. */
static const char escape[256] = {
    ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't',
    [0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u',
    [0x05] = 'u', [0x06] = 'u', [0x07] = 'u', [0x0b] = 'u', [0x0e] = 'u',
    [0x0f] = 'u', [0x10] = 'u', [0x11] = 'u', [0x12] = 'u', [0x13] = 'u',
    [0x14] = 'u', [0x15] = 'u', [0x16] = 'u', [0x17] = 'u', [0x18] = 'u',
    [0x19] = 'u', [0x1a] = 'u', [0x1b] = 'u', [0x1c] = 'u', [0x1d] = 'u',
    [0x1e] = 'u', [0x1f] = 'u', ['"'] = '"',  ['\\'] = '\\',
};

static void put_string(writer *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    put_char(w, '"');
    size_t run = 0; /* s[run..i) is still to be written as it is */
    for (size_t i = 0; i < n; i++) {
        char e = escape[(unsigned char)s[i]];
        if (!e)
            continue;
        put(w, s + run, i - run);
        run = i + 1;
        if (e == 'u') {
            char u[6] = {'\\', 'u', '0', '0', hex[(unsigned char)s[i] >> 4],
                         hex[(unsigned char)s[i] & 15]};
            put(w, u, sizeof u);
        } else {
            char pair[2] = {'\\', e};
            put(w, pair, sizeof pair);
        }
    }
    put(w, s + run, n - run);
    put_char(w, '"');
}

static void put_integer(writer *w, json_int_t v)
{
    char digits[24];
    size_t i = sizeof digits;
    /* in unsigned arithmetic, so that the most negative value works too */
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        digits[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        digits[--i] = '-';
    put(w, digits + i, sizeof digits - i);
}

/* A real number as jansson writes it ("%.17g", and ".0" when that looks
 * whole): the format has none, so this is rare enough to ask jansson. */
static void put_real(writer *w, const json_t *v)
{
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    if (!s) {
        w->failed = true;
        return;
    }
    put(w, s, strlen(s));
    free(s);
}

static void put_value(writer *w, const json_t *v, bool top);

/* {"key":value,...}; at the top, without the two keys that are not hashed. */
static void put_object(writer *w, const json_t *obj, bool top)
{
    const char *key;
    json_t *value;
    bool first = true;
    put_char(w, '{');
    json_object_foreach((json_t *)obj, key, value) {
        if (top && (strcmp(key, "content_hash") == 0 || strcmp(key, "compiler") == 0))
            continue;
        if (!first)
            put_char(w, ',');
        first = false;
        put_string(w, key, strlen(key));
        put_char(w, ':');
        put_value(w, value, false);
    }
    put_char(w, '}');
}

/* Recursion is as deep as the text's nesting, which jansson's parser
 * limits (2048 levels). */
static void put_value(writer *w, const json_t *v, bool top)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        put_object(w, v, top);
        break;
    case JSON_ARRAY:
        put_char(w, '[');
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i)
                put_char(w, ',');
            put_value(w, json_array_get(v, i), false);
        }
        put_char(w, ']');
        break;
    case JSON_STRING:
        put_string(w, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        put_integer(w, json_integer_value(v));
        break;
    case JSON_REAL:
        put_real(w, v);
        break;
    case JSON_TRUE:
        put(w, "true", 4);
        break;
    case JSON_FALSE:
        put(w, "false", 5);
        break;
    case JSON_NULL:
        put(w, "null", 4);
        break;
    }
}

bool pwrt_content_hash(const json_t *root, char out[PWRT_HASH_SIZE])
{
    writer *w = malloc(sizeof *w);
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    bool ok = w && md && EVP_DigestInit_ex(md, EVP_sha256(), NULL);
    if (ok) {
        w->md = md;
        w->failed = false;
        w->used = 0;
        put_value(w, root, true);
        flush(w);
        ok = !w->failed && EVP_DigestFinal_ex(md, digest, &len) && len == 32;
    }
    EVP_MD_CTX_free(md);
    free(w);
    if (!ok)
        return false;
    static const char hex[] = "0123456789abcdef";
    memcpy(out, "sha256:", 7);
    for (unsigned int i = 0; i < len; i++) {
        out[7 + 2 * i] = hex[digest[i] >> 4];
        out[8 + 2 * i] = hex[digest[i] & 15];
    }
    out[7 + 64] = '\0';
    return true;
}
