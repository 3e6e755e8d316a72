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

#include "json.h"

#include <jansson.h>
#include <openssl/evp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BUFFER_SIZE = 64 * 1024 };

typedef struct writer {
    EVP_MD_CTX *md;
    bool failed;
    bool canonical; /* format 3: RFC 8785, keys sorted */
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

static void put_integer(writer *w, long long v)
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
 * whole), the rule of formats 1 and 2: the format has none, so this is
 * rare enough to ask jansson. Format 3 has no real numbers (the loader
 * refuses them before the hash). */
static void put_real(writer *w, const char *text)
{
    json_t *v = json_real(strtod(text, NULL));
    char *s = v && !w->canonical ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    json_decref(v);
    if (!s) {
        w->failed = true;
        return;
    }
    put(w, s, strlen(s));
    free(s);
}

/* The first UTF-16 code unit of the character at *s (UTF-8, checked by
 * the parser), and its code point; *s moves past it. */
static unsigned utf16_first(const unsigned char **s, unsigned *cp)
{
    const unsigned char *p = *s;
    unsigned c = p[0], n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    unsigned v = n == 1 ? c : c & (0xFF >> (n + 1));
    for (unsigned i = 1; i < n; i++)
        v = v << 6 | (p[i] & 0x3F);
    *s = p + n;
    *cp = v;
    return v < 0x10000 ? v : 0xD800 + ((v - 0x10000) >> 10);
}

/* RFC 8785's order of keys: by their UTF-16 code units. It is the order
 * of their UTF-8 bytes except between characters from U+E000 to U+FFFF
 * and those above U+FFFF (surrogate pairs come first in UTF-16). */
static int by_utf16(const void *x, const void *y)
{
    const unsigned char *a = (const unsigned char *)(*(const pwrt_jmember *const *)x)->key;
    const unsigned char *b = (const unsigned char *)(*(const pwrt_jmember *const *)y)->key;
    while (*a && *b) {
        if (*a == *b && *a < 0x80) {
            a++, b++;
            continue;
        }
        unsigned ca, cb;
        unsigned ua = utf16_first(&a, &ca), ub = utf16_first(&b, &cb);
        if (ua != ub)
            return ua < ub ? -1 : 1;
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    return (*a != 0) - (*b != 0);
}

static void put_value(writer *w, const pwrt_jv *v, bool top);

static void put_member(writer *w, const pwrt_jmember *m, bool *first)
{
    if (!*first)
        put_char(w, ',');
    *first = false;
    put_string(w, m->key, strlen(m->key));
    put_char(w, ':');
    put_value(w, &m->value, false);
}

static bool hashed(const pwrt_jmember *m, bool top)
{
    return !top || (strcmp(m->key, "content_hash") != 0 && strcmp(m->key, "compiler") != 0);
}

/* {"key":value,...}; at the top, without the two keys that are not
 * hashed. Keys in the text's order (formats 1, 2) or sorted (3). */
static void put_object(writer *w, const pwrt_jv *obj, bool top)
{
    bool first = true;
    put_char(w, '{');
    if (!w->canonical || obj->n < 2) {
        for (uint32_t i = 0; i < obj->n; i++)
            if (hashed(&obj->u.members[i], top))
                put_member(w, &obj->u.members[i], &first);
    } else {
        const pwrt_jmember *few[16];
        const pwrt_jmember **order = obj->n <= 16 ? few : malloc(obj->n * sizeof *order);
        if (!order) {
            w->failed = true;
            return;
        }
        for (uint32_t i = 0; i < obj->n; i++)
            order[i] = &obj->u.members[i];
        qsort(order, obj->n, sizeof *order, by_utf16);
        for (uint32_t i = 0; i < obj->n; i++)
            if (hashed(order[i], top))
                put_member(w, order[i], &first);
        if (order != few)
            free(order);
    }
    put_char(w, '}');
}

/* Recursion is as deep as the text's nesting, which the parser limits
 * (PWRT_JSON_MAX_DEPTH). */
static void put_value(writer *w, const pwrt_jv *v, bool top)
{
    switch (pwrt_jtypeof(v)) {
    case PWRT_JOBJECT:
        put_object(w, v, top);
        break;
    case PWRT_JARRAY:
        put_char(w, '[');
        for (uint32_t i = 0; i < v->n; i++) {
            if (i)
                put_char(w, ',');
            put_value(w, &v->u.items[i], false);
        }
        put_char(w, ']');
        break;
    case PWRT_JSTRING:
        put_string(w, v->u.s, v->n);
        break;
    case PWRT_JINTEGER:
        put_integer(w, v->u.i);
        break;
    case PWRT_JREAL:
        put_real(w, v->u.s);
        break;
    case PWRT_JTRUE:
        put(w, "true", 4);
        break;
    case PWRT_JFALSE:
        put(w, "false", 5);
        break;
    case PWRT_JNULL:
        put(w, "null", 4);
        break;
    }
}

bool pwrt_content_hash(const pwrt_jv *root, int format_version, char out[PWRT_HASH_SIZE])
{
    pwrt_init();
    writer *w = malloc(sizeof *w);
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    bool ok = w && md && EVP_DigestInit_ex(md, EVP_sha256(), NULL);
    if (ok) {
        w->md = md;
        w->failed = false;
        w->canonical = format_version >= 3;
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

bool pwrt_content_hash_text(const char *json, size_t n, char out[PWRT_HASH_SIZE])
{
    pwrt_json_error e;
    pwrt_json *j = pwrt_json_parse_buffer(json, n, NULL, &e);
    if (!j)
        return false;
    const pwrt_jv *root = pwrt_json_root(j);
    const pwrt_jv *version = pwrt_jv_get(root, "format_version");
    bool ok = pwrt_jv_is(root, PWRT_JOBJECT) &&
              pwrt_content_hash(root, (int)pwrt_jinteger(version), out);
    pwrt_json_free(j);
    return ok;
}
