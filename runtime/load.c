/* load — the field readers (see load.h). */
#include "load.h"

#include <stdio.h>
#include <string.h>

const char *const pwrt_kind_names[5] = {NULL, "step", "question", "outcome", "together"};
const char *const pwrt_urgency_names[4] = {NULL, "routine", "urgent", "immediate"};
const char *const pwrt_unit_names[7] = {NULL,   "minutes", "hours", "days",
                                        "working-days", "weeks", "months"};
const char *const pwrt_consent_names[7] = {NULL, "needed", "not-needed",
                                           "seek-unless-unsafe", "inform-unless-unsafe",
                                           "not-applicable", "not-stated"};
const char *const pwrt_outcome_names[6] = {NULL,      "emergency", "referral", "advice",
                                           "monitor", "no-further-action"};
const char *const pwrt_status_names[4] = {NULL, "draft", "approved", "under-review"};
const char *const pwrt_criteria_names[3] = {NULL, "any-of", "all-of"};

/* Paths are built for every field read, though shown only with a
 * problem, so they are put together by hand: snprintf was a tenth of
 * loading a large table. One that does not fit ends in "..." rather than
 * mislead. */
typedef struct path_builder {
    pwrt_path p;
    size_t len; /* the length the path would have, were it not cut */
} path_builder;

static void add(path_builder *b, const char *s, size_t n)
{
    if (b->len < sizeof b->p.s - 1) {
        size_t room = sizeof b->p.s - 1 - b->len;
        memcpy(b->p.s + b->len, s, n < room ? n : room);
    }
    b->len += n;
}

static pwrt_path done(path_builder *b)
{
    if (b->len >= sizeof b->p.s)
        memcpy(b->p.s + sizeof b->p.s - 4, "...", 4);
    else
        b->p.s[b->len] = '\0';
    return b->p;
}

pwrt_path pwrt_key(const char *base, const char *key)
{
    path_builder b;
    b.len = 0;
    if (base[0]) {
        add(&b, base, strlen(base));
        add(&b, ".", 1);
    }
    add(&b, key, strlen(key));
    return done(&b);
}

pwrt_path pwrt_item(const char *base, size_t i)
{
    char digits[3 * sizeof i + 2];
    size_t n = sizeof digits;
    digits[--n] = ']';
    do {
        digits[--n] = (char)('0' + i % 10);
        i /= 10;
    } while (i);
    digits[--n] = '[';
    path_builder b;
    b.len = 0;
    add(&b, base, strlen(base));
    add(&b, digits + n, sizeof digits - n);
    return done(&b);
}

bool pwrt_ld_fail(pwrt_loader *ld, pathway_code code, const char *where,
                  const char *fmt, ...)
{
    if (ld->failed)
        return false;
    ld->failed = true;
    va_list ap;
    va_start(ap, fmt);
    pwrt_vfail(ld->err, code, where, fmt, ap);
    va_end(ap);
    return false;
}

bool pwrt_ld_nomem(pwrt_loader *ld)
{
    return pwrt_ld_fail(ld, PATHWAY_E_NOMEM, "", "out of memory");
}

const char *pwrt_type_name(const pwrt_jv *v)
{
    switch (pwrt_jtypeof(v)) {
    case PWRT_JOBJECT: return "an object";
    case PWRT_JARRAY: return "an array";
    case PWRT_JSTRING: return "a string";
    case PWRT_JINTEGER: return "an integer";
    case PWRT_JREAL: return "a real number";
    case PWRT_JTRUE: return "true";
    case PWRT_JFALSE: return "false";
    case PWRT_JNULL: return "null";
    }
    return "something else";
}

static const char *wanted_name(pwrt_jtype type)
{
    switch (type) {
    case PWRT_JOBJECT: return "an object";
    case PWRT_JARRAY: return "an array";
    case PWRT_JSTRING: return "a string";
    case PWRT_JINTEGER: return "an integer";
    case PWRT_JTRUE: return "true";
    default: return "something else";
    }
}

bool pwrt_only_keys(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                    const char *const *keys, const char *what, const char *why)
{
    for (uint32_t i = 0; pwrt_jv_is(obj, PWRT_JOBJECT) && i < obj->n; i++) {
        const char *key = obj->u.members[i].key;
        size_t k = 0;
        while (keys[k] && strcmp(keys[k], key) != 0)
            k++;
        if (!keys[k])
            return pwrt_ld_fail(ld, ld->malformed, pwrt_key(base, key).s,
                                "not a key of %s (%s)", what, why);
    }
    return true;
}

const pwrt_jv *pwrt_get(pwrt_loader *ld, const pwrt_jv *obj, const char *base, const char *key,
                 pwrt_jtype type, bool required)
{
    const pwrt_jv *v = pwrt_jv_get(obj, key);
    if (!v) {
        if (required && obj)
            pwrt_ld_fail(ld, ld->malformed, pwrt_key(base, key).s, "missing");
        return NULL;
    }
    if (pwrt_jtypeof(v) != type) {
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(base, key).s, "expected %s, found %s",
                     wanted_name(type), pwrt_type_name(v));
        return NULL;
    }
    return v;
}

const char *pwrt_keep(pwrt_loader *ld, const char *s)
{
    if (ld->text_in_table)
        return s;
    const char *copy = pwrt_arena_strdup(&ld->t->arena, s);
    if (!copy)
        pwrt_ld_nomem(ld);
    return copy;
}

static const char *copy(pwrt_loader *ld, const pwrt_jv *v)
{
    return pwrt_keep(ld, pwrt_jstring(v));
}

const char *pwrt_text(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                      const char *key, bool required)
{
    const pwrt_jv *v = pwrt_get(ld, obj, base, key, PWRT_JSTRING, required);
    return v ? copy(ld, v) : NULL;
}

pwrt_shown pwrt_show(const char *s)
{
    pwrt_shown out;
    size_t n = strlen(s), max = sizeof out.s - 4;
    if (n <= max) {
        memcpy(out.s, s, n + 1);
        return out;
    }
    /* cut before a UTF-8 continuation byte, never inside a character */
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    memcpy(out.s, s, max);
    memcpy(out.s + max, "...", 4);
    return out;
}

const char *pwrt_id_ref(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                        const char *key, bool required)
{
    const pwrt_jv *v = pwrt_get(ld, obj, base, key, PWRT_JSTRING, required);
    if (!v)
        return NULL;
    if (!pwrt_is_id(pwrt_jstring(v))) {
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(base, key).s, "'%s' is not an id",
                     pwrt_show(pwrt_jstring(v)).s);
        return NULL;
    }
    return pwrt_jstring(v);
}

const char *pwrt_id(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                    const char *key, bool required)
{
    const char *id = pwrt_id_ref(ld, obj, base, key, required);
    if (!id)
        return NULL;
    return pwrt_keep(ld, id);
}

/* Whether s has a space or control character (what a web address or an
 * email address cannot hold). */
static bool has_space(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || *s == 0x7f)
            return true;
    return false;
}

const char *pwrt_url(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                     const char *key)
{
    const char *s = pwrt_text(ld, obj, base, key, false);
    if (!s)
        return NULL;
    size_t skip = strncmp(s, "https://", 8) == 0 ? 8 : strncmp(s, "http://", 7) == 0 ? 7 : 0;
    if (skip == 0 || s[skip] == '\0' || has_space(s)) {
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(base, key).s,
                     "'%s' is not a web address (https:// or http://)", pwrt_show(s).s);
        return NULL;
    }
    return s;
}

const char *pwrt_date(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                      const char *key)
{
    const char *s = pwrt_text(ld, obj, base, key, false);
    if (s && !pwrt_is_date(s)) {
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(base, key).s,
                     "'%s' is not a date (YYYY-MM-DD)", pwrt_show(s).s);
        return NULL;
    }
    return s;
}

const char *pwrt_email(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                       const char *key)
{
    const char *s = pwrt_text(ld, obj, base, key, false);
    if (!s)
        return NULL;
    const char *at = strchr(s, '@');
    bool ok = at && at != s && at[1] && !strchr(at + 1, '@') && !has_space(s) &&
              !strpbrk(s, "<>\"");
    if (!ok) {
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(base, key).s,
                     "'%s' is not one email address", pwrt_show(s).s);
        return NULL;
    }
    return s;
}

int pwrt_int(pwrt_loader *ld, const pwrt_jv *obj, const char *base, const char *key,
             int min, bool required, bool *present)
{
    const pwrt_jv *v = pwrt_get(ld, obj, base, key, PWRT_JINTEGER, required);
    if (present)
        *present = v != NULL;
    if (!v)
        return 0;
    long long n = pwrt_jinteger(v);
    if (n < min || n > 2147483647) {
        pwrt_ld_fail(ld, ld->malformed, pwrt_key(base, key).s,
                     "%lld is not a whole number from %d to 2147483647", (long long)n, min);
        return 0;
    }
    return (int)n;
}

int pwrt_enum(pwrt_loader *ld, const pwrt_jv *obj, const char *base, const char *key,
              const char *const *names, size_t n, bool required)
{
    const pwrt_jv *v = pwrt_get(ld, obj, base, key, PWRT_JSTRING, required);
    if (!v)
        return 0;
    const char *s = pwrt_jstring(v);
    for (size_t i = 1; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return (int)i;
    char list[256] = "";
    size_t used = 0;
    for (size_t i = 1; i < n && used < sizeof list; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s\"%s\"",
                                 i == 1 ? "" : i + 1 == n ? " or " : ", ", names[i]);
    pwrt_ld_fail(ld, ld->malformed, pwrt_key(base, key).s, "'%s' is not %s",
                 pwrt_show(s).s, list);
    return 0;
}

const char **pwrt_strings(pwrt_loader *ld, const pwrt_jv *obj, const char *base,
                          const char *key, bool ids, size_t *n)
{
    *n = 0;
    const pwrt_jv *a = pwrt_get(ld, obj, base, key, PWRT_JARRAY, false);
    if (!a)
        return NULL;
    pwrt_path at = pwrt_key(base, key);
    size_t count = pwrt_jarray_size(a);
    if (count == 0) {
        pwrt_ld_fail(ld, ld->malformed, at.s, "an empty list (the key is left out "
                     "when there is nothing to list)");
        return NULL;
    }
    const char **items = pwrt_arena_array(&ld->t->arena, count, sizeof *items);
    if (!items) {
        pwrt_ld_nomem(ld);
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        const pwrt_jv *v = pwrt_jarray_get(a, i);
        pwrt_path p = pwrt_item(at.s, i);
        if (!pwrt_jv_is(v, PWRT_JSTRING)) {
            pwrt_ld_fail(ld, ld->malformed, p.s, "expected a string, found %s",
                         pwrt_type_name(v));
            return NULL;
        }
        if (ids && !pwrt_is_id(pwrt_jstring(v))) {
            pwrt_ld_fail(ld, ld->malformed, p.s, "'%s' is not an id",
                         pwrt_show(pwrt_jstring(v)).s);
            return NULL;
        }
        items[i] = copy(ld, v);
    }
    *n = count;
    return items;
}

bool pwrt_format_2(const pwrt_loader *ld)
{
    return ld->t->info.format_version >= 2;
}

const char **pwrt_tbc(pwrt_loader *ld, const pwrt_jv *obj, const char *base, size_t *n)
{
    *n = 0;
    return pwrt_format_2(ld) ? pwrt_strings(ld, obj, base, "tbc", false, n) : NULL;
}

pathway_source pwrt_source(pwrt_loader *ld, const pwrt_jv *obj, const char *base)
{
    pathway_source s = {NULL, NULL};
    const pwrt_jv *v = pwrt_get(ld, obj, base, "source", PWRT_JOBJECT, false);
    if (!v)
        return s;
    pwrt_path at = pwrt_key(base, "source");
    s.text = pwrt_text(ld, v, at.s, "text", true);
    s.url = pwrt_url(ld, v, at.s, "url");
    return s;
}

/* letters, digits and '_', with '-' only before a letter or digit; the
 * first a letter or '_' */
static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool pwrt_is_id(const char *s)
{
    if (!(is_alnum(s[0]) || s[0] == '_') || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (size_t i = 1; s[i]; i++) {
        if (is_alnum(s[i]) || s[i] == '_')
            continue;
        if (s[i] == '-' && is_alnum(s[i + 1]))
            continue;
        return false;
    }
    return true;
}
