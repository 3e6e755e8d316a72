/* hash — the content hash of a table, recomputed as docs/table-format.md
 * says: the table without "content_hash" and "compiler", keys in file
 * order, written compactly, \u escapes in lower case, SHA-256. jansson
 * keeps the key order of the file and writes the same escapes as the
 * compiler (which uses it too), except for upper-case \u hex digits, which
 * are lowered as the format asks. */
#include "internal.h"

#include <jansson.h>
#include <openssl/evp.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct buffer {
    char *text;
    size_t len, cap;
    bool failed;
} buffer;

static int append(const char *s, size_t n, void *data)
{
    buffer *b = data;
    if (b->cap - b->len < n + 1) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < n + 1) {
            if (cap > SIZE_MAX / 2) {
                b->failed = true;
                return -1;
            }
            cap *= 2;
        }
        char *p = realloc(b->text, cap);
        if (!p) {
            b->failed = true;
            return -1;
        }
        b->text = p;
        b->cap = cap;
    }
    memcpy(b->text + b->len, s, n);
    b->len += n;
    b->text[b->len] = '\0';
    return 0;
}

/* Every backslash in JSON text starts an escape, so pairs are skipped
 * whole; in a \uXXXX the four hex digits are lowered. */
static void lower_unicode_escapes(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\' || i + 1 >= n)
            continue;
        i++;
        if (s[i] == 'u')
            for (size_t k = 1; k <= 4 && i + k < n; k++)
                s[i + k] = (char)tolower((unsigned char)s[i + k]);
    }
}

/* The table without the two keys that are not hashed: a new object
 * sharing the values, keys in the same order. */
static json_t *hashed_part(const json_t *root)
{
    json_t *t = json_object();
    const char *key;
    json_t *value;
    if (!t)
        return NULL;
    json_object_foreach((json_t *)root, key, value) {
        if (strcmp(key, "content_hash") == 0 || strcmp(key, "compiler") == 0)
            continue;
        if (json_object_set(t, key, value) != 0) {
            json_decref(t);
            return NULL;
        }
    }
    return t;
}

bool pwrt_content_hash(const json_t *root, char out[7 + 64 + 1])
{
    json_t *t = hashed_part(root);
    buffer b = {0};
    bool ok = t && json_dump_callback(t, append, &b, JSON_COMPACT) == 0 && !b.failed;
    json_decref(t);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (ok) {
        lower_unicode_escapes(b.text, b.len);
        ok = EVP_Digest(b.text ? b.text : "", b.len, md, &len, EVP_sha256(), NULL) &&
             len == 32;
    }
    free(b.text);
    if (!ok)
        return false;
    memcpy(out, "sha256:", 7);
    for (unsigned int i = 0; i < len; i++)
        snprintf(out + 7 + 2 * i, 3, "%02x", md[i]);
    return true;
}
