/* json — JSON text into a compact tree, through yajl's parser (json.h).
 *
 * yajl reports what it reads (a string, the start of an object, ...) and
 * this file makes the tree: the values of each open array or object wait
 * on one stack, and when the container ends they are copied into an array
 * of their own in the tree's blocks, so every container is one array of
 * exactly its size. What yajl lets through and the format does not
 * (jansson refused it, and a tool in another language would read it
 * differently) is refused here: UTF-8 that is overlong, a surrogate or
 * above U+10FFFF (yajl checks only the shape of its bytes), an escaped
 * surrogate without its pair (yajl makes it '?'), "\u0000", a key twice in
 * one object, nesting deeper than PWRT_JSON_MAX_DEPTH. */
#include "json.h"

#include "internal.h"

#include <yajl/yajl_parse.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { READ_SIZE = 64 * 1024 };

/* Keys, each kept once: a table has a million keys and a few dozen
 * different ones. Open addressing, at most half full. */
typedef struct key_slot {
    const char *key; /* NULL: empty */
    uint32_t len, hash;
} key_slot;

struct pwrt_json {
    pwrt_arena tree;  /* values, members, keys, and strings when no arena is given */
    pwrt_jv root;
};

/* One escape being read across the text (see scan_escapes). */
typedef struct escape_scan {
    int state;         /* where in a string or an escape the text stands */
    int digits;        /* hex digits of \u read so far */
    unsigned code;     /* their value */
    bool want_low;     /* a high surrogate was read: a low one must follow */
    bool bad;
    size_t bad_at;     /* where, in the chunk read last */
    bool any;          /* anything but white space was read */
} escape_scan;

typedef struct builder {
    pwrt_json *j;
    pwrt_arena *strings;
    /* the values of the open containers, one after another */
    pwrt_jmember *stack;
    size_t used, cap;
    /* the open containers: each one's first value in stack, and type */
    struct open {
        size_t first;
        bool object;
    } *open;
    size_t depth, open_cap;
    const char *key; /* the key of the next member of the open object */
    key_slot *keys;
    size_t nkeys, keys_mask;
    bool have_root;
    char problem[120]; /* why a callback stopped the parse */
    bool nomem;
    escape_scan esc;
} builder;

static int stop(builder *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int stop(builder *b, const char *fmt, ...)
{
    if (!b->problem[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(b->problem, sizeof b->problem, fmt, ap);
        va_end(ap);
    }
    return 0;
}

static int nomem(builder *b)
{
    b->nomem = true;
    return stop(b, "out of memory");
}

/* Whether s[0..n) is UTF-8 as RFC 3629 defines it: no overlong form, no
 * surrogate, nothing above U+10FFFF (yajl checks only the byte shapes). */
static bool utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned min, cp;
        if (c >= 0xC2 && c <= 0xDF)
            len = 2, min = 0x80, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3, min = 0x800, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4, min = 0x10000, cp = c & 0x07;
        else
            return false;
        if (n - i < len)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

/* Text a string or key may be: UTF-8, and no NUL (which "\u0000" gives). */
static int check_text(builder *b, const unsigned char *s, size_t n, const char *what)
{
    if (memchr(s, '\0', n))
        return stop(b, "%s holds \"\\u0000\" (text cannot hold the character NUL)", what);
    if (!utf8_ok(s, n))
        return stop(b, "%s is not valid UTF-8", what);
    if (n > UINT32_MAX)
        return stop(b, "%s is too long", what);
    return 1;
}

/* A copy of s[0..n) and a NUL, unaligned, in a. */
static const char *copy_text(pwrt_arena *a, const unsigned char *s, size_t n)
{
    char *p = pwrt_arena_bytes(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static uint32_t hash_bytes(const unsigned char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 16777619u;
    return h;
}

static bool grow_keys(builder *b)
{
    size_t cap = b->keys ? (b->keys_mask + 1) * 2 : 64;
    key_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; b->keys && i <= b->keys_mask; i++) {
        if (!b->keys[i].key)
            continue;
        size_t at = b->keys[i].hash & (cap - 1);
        while (slots[at].key)
            at = (at + 1) & (cap - 1);
        slots[at] = b->keys[i];
    }
    free(b->keys);
    b->keys = slots;
    b->keys_mask = cap - 1;
    return true;
}

/* The one copy of the key s[0..n), or NULL when out of memory. */
static const char *intern(builder *b, const unsigned char *s, size_t n)
{
    if ((!b->keys || (b->nkeys + 1) * 2 > b->keys_mask + 1) && !grow_keys(b))
        return NULL;
    uint32_t h = hash_bytes(s, n);
    size_t at = h & b->keys_mask;
    for (; b->keys[at].key; at = (at + 1) & b->keys_mask)
        if (b->keys[at].hash == h && b->keys[at].len == n && memcmp(b->keys[at].key, s, n) == 0)
            return b->keys[at].key;
    const char *k = copy_text(&b->j->tree, s, n);
    if (!k)
        return NULL;
    b->keys[at] = (key_slot){.key = k, .len = (uint32_t)n, .hash = h};
    b->nkeys++;
    return k;
}

/* A value read: the root, or the next value of the open container. */
static int add(builder *b, pwrt_jv v)
{
    if (b->depth == 0) {
        b->j->root = v;
        b->have_root = true;
        return 1;
    }
    if (b->used == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        pwrt_jmember *s = realloc(b->stack, cap * sizeof *s);
        if (!s)
            return nomem(b);
        b->stack = s;
        b->cap = cap;
    }
    b->stack[b->used++] = (pwrt_jmember){.key = b->key, .value = v};
    b->key = NULL;
    return 1;
}

static int on_null(void *ctx)
{
    return add(ctx, (pwrt_jv){.type = PWRT_JNULL});
}

static int on_boolean(void *ctx, int value)
{
    return add(ctx, (pwrt_jv){.type = value ? PWRT_JTRUE : PWRT_JFALSE});
}

/* A number as yajl found it (its grammar checked): an integer when it has
 * no fraction or exponent, else a real number, kept as written (format 3
 * refuses it, naming it so; formats 1 and 2 hash its value). */
static int on_number(void *ctx, const char *s, size_t n)
{
    builder *b = ctx;
    char text[32];
    bool real = memchr(s, '.', n) || memchr(s, 'e', n) || memchr(s, 'E', n);
    if (!real) {
        if (n >= sizeof text)
            return stop(b, "%.20s... is too large a whole number", s);
        memcpy(text, s, n);
        text[n] = '\0';
        errno = 0;
        long long v = strtoll(text, NULL, 10);
        if (errno == ERANGE)
            return stop(b, "%s is too large a whole number", text);
        return add(b, (pwrt_jv){.type = PWRT_JINTEGER, .u.i = v});
    }
    const char *kept = copy_text(&b->j->tree, (const unsigned char *)s, n);
    if (!kept)
        return nomem(b);
    double v = strtod(kept, NULL);
    if (isinf(v))
        return stop(b, "%s is too large a number", pwrt_show(kept).s);
    return add(b, (pwrt_jv){.type = PWRT_JREAL, .n = (uint32_t)n, .u.s = kept});
}

static int on_string(void *ctx, const unsigned char *s, size_t n)
{
    builder *b = ctx;
    if (!check_text(b, s, n, "a string"))
        return 0;
    const char *text = copy_text(b->strings ? b->strings : &b->j->tree, s, n);
    if (!text)
        return nomem(b);
    return add(b, (pwrt_jv){.type = PWRT_JSTRING, .n = (uint32_t)n, .u.s = text});
}

/* Objects up to this size are checked for a key twice as each key is
 * read (so the place given is the key's); larger ones when they end. */
enum { FEW_KEYS = 32 };

static int on_key(void *ctx, const unsigned char *s, size_t n)
{
    builder *b = ctx;
    if (!check_text(b, s, n, "a key"))
        return 0;
    b->key = intern(b, s, n);
    if (!b->key)
        return nomem(b);
    size_t first = b->open[b->depth - 1].first;
    if (b->used - first <= FEW_KEYS)
        for (size_t i = first; i < b->used; i++)
            if (b->stack[i].key == b->key)
                return stop(b, "the key \"%s\" twice in one object", pwrt_show(b->key).s);
    return 1;
}

static int open_container(builder *b, bool object)
{
    if (b->depth == PWRT_JSON_MAX_DEPTH)
        return stop(b, "nested more than %d deep", PWRT_JSON_MAX_DEPTH);
    /* A place for the container in its own container (with its key),
     * filled when it ends. */
    if (b->depth > 0 && !add(b, (pwrt_jv){.type = PWRT_JNULL}))
        return 0;
    if (b->depth == b->open_cap) {
        size_t cap = b->open_cap ? b->open_cap * 2 : 16;
        struct open *o = realloc(b->open, cap * sizeof *o);
        if (!o)
            return nomem(b);
        b->open = o;
        b->open_cap = cap;
    }
    b->open[b->depth++] = (struct open){.first = b->used, .object = object};
    return 1;
}

static int on_start_map(void *ctx)
{
    return open_container(ctx, true);
}

static int on_start_array(void *ctx)
{
    return open_container(ctx, false);
}

static int by_pointer(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (const char *const *)a, y = (uintptr_t) * (const char *const *)b;
    return x < y ? -1 : x > y;
}

/* The key found twice among an object's members, or NULL. Keys are kept
 * once each, so equal keys are the same pointer. */
static const char *twice(builder *b, const pwrt_jmember *m, size_t n, bool *failed)
{
    *failed = false;
    if (n <= FEW_KEYS + 1)
        return NULL; /* each key was checked as it was read */
    const char **keys = malloc(n * sizeof *keys);
    if (!keys) {
        *failed = true;
        nomem(b);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        keys[i] = m[i].key;
    qsort(keys, n, sizeof *keys, by_pointer);
    const char *found = NULL;
    for (size_t i = 1; i < n && !found; i++)
        if (keys[i] == keys[i - 1])
            found = keys[i];
    free(keys);
    return found;
}

static int close_container(void *ctx)
{
    builder *b = ctx;
    struct open o = b->open[--b->depth];
    size_t n = b->used - o.first;
    const pwrt_jmember *m = n ? b->stack + o.first : NULL;
    if (n > UINT32_MAX)
        return stop(b, "too many values in one %s", o.object ? "object" : "array");
    pwrt_jv v = {.type = o.object ? PWRT_JOBJECT : PWRT_JARRAY, .n = (uint32_t)n};
    if (o.object) {
        bool failed;
        const char *dup = twice(b, m, n, &failed);
        if (failed)
            return 0;
        if (dup)
            return stop(b, "the key \"%s\" twice in one object", pwrt_show(dup).s);
        pwrt_jmember *members = n ? pwrt_arena_raw(&b->j->tree, n * sizeof *members, 8) : NULL;
        if (n && !members)
            return nomem(b);
        if (n)
            memcpy(members, m, n * sizeof *members);
        v.u.members = members;
    } else {
        pwrt_jv *items = n ? pwrt_arena_raw(&b->j->tree, n * sizeof *items, 8) : NULL;
        if (n && !items)
            return nomem(b);
        for (size_t i = 0; i < n; i++)
            items[i] = m[i].value;
        v.u.items = items;
    }
    b->used = o.first;
    if (b->depth == 0) {
        b->j->root = v;
        b->have_root = true;
    } else {
        b->stack[b->used - 1].value = v; /* in the place open_container kept */
    }
    return 1;
}

static const yajl_callbacks callbacks = {
    .yajl_null = on_null,
    .yajl_boolean = on_boolean,
    .yajl_number = on_number,
    .yajl_string = on_string,
    .yajl_start_map = on_start_map,
    .yajl_map_key = on_key,
    .yajl_end_map = close_container,
    .yajl_start_array = on_start_array,
    .yajl_end_array = close_container,
};

/* Escapes in the text that yajl would change rather than refuse: "\uD800"
 * without a low surrogate after it (or a low one alone) becomes '?'. Read
 * alongside yajl, a byte at a time over the same text; only the shape of
 * strings matters here (yajl finds every other mistake). */
enum { OUTSIDE, IN_STRING, AFTER_BACKSLASH, IN_HEX, WANT_BACKSLASH };

static void scan_escapes(escape_scan *e, const unsigned char *s, size_t n)
{
    /* Most of a table has no backslash: then only the quotes matter, and
     * whether anything but white space was read. */
    if ((e->state == OUTSIDE || e->state == IN_STRING) && !memchr(s, '\\', n)) {
        size_t quotes = 0;
        for (size_t i = 0; i < n; i++)
            quotes += s[i] == '"';
        for (size_t i = 0; i < n && !e->any; i++)
            e->any = s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r';
        if (quotes % 2)
            e->state = e->state == OUTSIDE ? IN_STRING : OUTSIDE;
        return;
    }
    for (size_t i = 0; i < n && !e->bad; i++) {
        unsigned char c = s[i];
        switch (e->state) {
        case OUTSIDE:
            if (c == '"')
                e->state = IN_STRING;
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                e->any = true;
            break;
        case IN_STRING:
            if (c == '\\')
                e->state = AFTER_BACKSLASH;
            else if (c == '"')
                e->state = OUTSIDE;
            break;
        case AFTER_BACKSLASH:
            if (c == 'u') {
                e->state = IN_HEX;
                e->digits = 0;
                e->code = 0;
            } else if (e->want_low) {
                e->bad = true;
            } else {
                e->state = IN_STRING;
            }
            break;
        case IN_HEX: {
            unsigned d = c >= '0' && c <= '9'   ? c - '0'
                         : c >= 'a' && c <= 'f' ? c - 'a' + 10
                         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                : 16;
            if (d == 16) { /* yajl refuses it */
                e->state = IN_STRING;
                break;
            }
            e->code = e->code << 4 | d;
            if (++e->digits < 4)
                break;
            bool high = e->code >= 0xD800 && e->code <= 0xDBFF;
            bool low = e->code >= 0xDC00 && e->code <= 0xDFFF;
            if (e->want_low ? !low : low)
                e->bad = true;
            e->want_low = high;
            e->state = high ? WANT_BACKSLASH : IN_STRING;
            break;
        }
        case WANT_BACKSLASH:
            if (c == '\\')
                e->state = AFTER_BACKSLASH;
            else
                e->bad = true;
            break;
        default:
            break;
        }
        if (e->bad)
            e->bad_at = i;
    }
}

/* A place in the text: the line and column (from 1, in characters) of
 * the next byte, and of the last character read (0 before any). */
typedef struct place {
    size_t line, column;
    size_t last_line, last_column;
} place;

static void advance(const unsigned char *s, size_t n, place *p)
{
    for (size_t i = 0; i < n; i++) {
        if ((s[i] & 0xC0) == 0x80)
            continue; /* inside a character */
        p->last_line = p->line;
        p->last_column = p->column;
        if (s[i] == '\n') {
            p->line++;
            p->column = 1;
        } else {
            p->column++;
        }
    }
}

/* The same, faster, for the place of the next byte only (last_line and
 * last_column are left 0): what is kept between chunks. */
static void skip(const unsigned char *s, size_t n, place *p)
{
    size_t lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n';
    const unsigned char *from = s;
    if (lines) {
        p->line += lines;
        p->column = 1;
        from = s + n;
        while (from[-1] != '\n')
            from--;
    }
    size_t chars = 0;
    for (const unsigned char *c = from; c < s + n; c++)
        chars += (*c & 0xC0) != 0x80;
    p->column += chars;
    p->last_line = p->last_column = 0;
}

static void free_builder(builder *b)
{
    free(b->stack);
    free(b->open);
    free(b->keys);
}

void pwrt_json_free(pwrt_json *j)
{
    if (!j)
        return;
    pwrt_arena_free(&j->tree);
    free(j);
}

const pwrt_jv *pwrt_json_root(const pwrt_json *j)
{
    return &j->root;
}

/* yajl's message for what stopped it, shortened: "lexical error: invalid
 * char in json text." becomes "invalid char in json text". */
static void yajl_problem(yajl_handle h, char *out, size_t size)
{
    unsigned char *msg = yajl_get_error(h, 0, NULL, 0);
    const char *s = msg ? (const char *)msg : "not JSON";
    const char *colon = strstr(s, "error: ");
    if (colon)
        s = colon + 7;
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '.' || s[n - 1] == ' '))
        n--;
    /* yajl's words, put as the rest of the library's messages are */
    static const char *const plain[][2] = {
        {"premature EOF", "the text ends before its JSON does"},
        {"invalid char in json text", "a character JSON does not allow here"},
        {"invalid string in json text",
         "not a JSON value (its only words are true, false and null)"},
        {"trailing garbage", "more text after the JSON value"},
        {"after array element, I expect ',' or ']'", "expected ',' or ']' after an item"},
        {"after key and value, inside map, I expect ',' or '}'",
         "expected ',' or '}' after a member of an object"},
        {"invalid object key - must be a string", "a key must be a string in double quotes"},
        {"unallowed token at this point in JSON text", "JSON does not allow this here"},
    };
    const char *said = NULL;
    for (size_t i = 0; i < sizeof plain / sizeof plain[0] && !said; i++)
        if (strlen(plain[i][0]) == n && strncmp(s, plain[i][0], n) == 0)
            said = plain[i][1];
    if (said)
        snprintf(out, size, "%s", said);
    else
        snprintf(out, size, "%.*s", (int)n, s);
    if (msg)
        yajl_free_error(h, msg);
}

pwrt_json *pwrt_json_parse(pwrt_json_read *read, void *arg, pwrt_arena *strings,
                           pwrt_json_error *e)
{
    *e = (pwrt_json_error){.line = 0};
    builder b = {.strings = strings};
    unsigned char *buf = malloc(READ_SIZE);
    b.j = calloc(1, sizeof *b.j);
    yajl_handle h = b.j && buf ? yajl_alloc(&callbacks, NULL, &b) : NULL;
    if (!h) {
        snprintf(e->text, sizeof e->text, "out of memory");
        e->kind = PWRT_JSON_NOMEM;
        goto fail;
    }
    place at_chunk = {.line = 1, .column = 1}; /* where the chunk read last begins */
    place at_last = at_chunk; /* where the last chunk that was not empty began */
    size_t last_len = 0;
    yajl_status st = yajl_status_ok;
    const unsigned char *chunk = buf;
    long got = 0;
    bool surrogate = false;
    for (;;) {
        got = read(arg, buf, READ_SIZE);
        if (got < 0) {
            e->kind = PWRT_JSON_UNREAD; /* the reader says why */
            goto fail;
        }
        if (got == 0) {
            st = yajl_complete_parse(h);
            chunk = buf;
            break;
        }
        at_last = at_chunk;
        last_len = (size_t)got;
        scan_escapes(&b.esc, buf, (size_t)got);
        st = yajl_parse(h, buf, (size_t)got);
        /* yajl may have stopped on what the scan found (a lone low
         * surrogate makes text that is not UTF-8), or before it */
        if (st != yajl_status_ok && b.esc.bad && yajl_get_bytes_consumed(h) >= b.esc.bad_at) {
            b.problem[0] = '\0';
            st = yajl_status_ok;
        }
        if (st != yajl_status_ok)
            break;
        if (b.esc.bad) {
            stop(&b, "an escaped surrogate (\\uD800-\\uDFFF) without its pair");
            st = yajl_status_client_canceled;
            surrogate = true;
            break;
        }
        skip(buf, (size_t)got, &at_chunk);
    }
    if (st != yajl_status_ok || !b.have_root) {
        /* The place given is that of the character the parse stopped at:
         * the offending one (an escape), the last one read (yajl, and the
         * callbacks, stop just after what is wrong), or the last of the
         * text when it ended too soon. */
        place p = at_chunk;
        if (got == 0) {
            p = at_last; /* buf still holds the last chunk */
            advance(buf, last_len, &p);
        } else if (surrogate) {
            advance(chunk, b.esc.bad_at + 1, &p);
        } else {
            size_t at = yajl_get_bytes_consumed(h);
            advance(chunk, at > (size_t)got ? (size_t)got : at, &p);
        }
        e->line = p.last_line ? p.last_line : 1;
        e->column = p.last_line ? p.last_column : 1;
        if (b.problem[0])
            snprintf(e->text, sizeof e->text, "%s", b.problem);
        else if (!b.esc.any)
            snprintf(e->text, sizeof e->text, "no value (the text is empty)");
        else
            yajl_problem(h, e->text, sizeof e->text);
        if (b.nomem) {
            e->line = e->column = 0;
            e->kind = PWRT_JSON_NOMEM;
        }
        goto fail;
    }
    yajl_free(h);
    free(buf);
    free_builder(&b);
    return b.j;
fail:
    if (h)
        yajl_free(h);
    free(buf);
    free_builder(&b);
    pwrt_json_free(b.j);
    return NULL;
}

typedef struct memory_reader {
    const unsigned char *data;
    size_t size, pos;
} memory_reader;

static long read_memory(void *arg, unsigned char *buf, size_t n)
{
    memory_reader *r = arg;
    size_t k = r->size - r->pos < n ? r->size - r->pos : n;
    if (k) {
        memcpy(buf, r->data + r->pos, k);
        r->pos += k;
    }
    return (long)k;
}

pwrt_json *pwrt_json_parse_buffer(const void *data, size_t size, pwrt_arena *strings,
                                  pwrt_json_error *e)
{
    memory_reader r = {.data = data, .size = data ? size : 0};
    return pwrt_json_parse(read_memory, &r, strings, e);
}

const pwrt_jv *pwrt_jv_get(const pwrt_jv *obj, const char *key)
{
    if (!pwrt_jv_is(obj, PWRT_JOBJECT))
        return NULL;
    for (uint32_t i = 0; i < obj->n; i++)
        if (obj->u.members[i].key[0] == key[0] && strcmp(obj->u.members[i].key, key) == 0)
            return &obj->u.members[i].value;
    return NULL;
}
