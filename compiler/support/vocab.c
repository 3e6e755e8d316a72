#include "support/vocab.h"

#include <stdlib.h>
#include <string.h>

/* ---- keywords -------------------------------------------------------------- */

static const struct {
    const char *spelling;
    const char *follows;
    const char *token; /* the parser's token, by name */
} keywords[PW_KW_COUNT] = {
    [PW_KW_NONE] = {"", NULL, ""},
#define PW_KEYWORD(id, spelling, token, follows) [PW_KW_##id] = {spelling, follows, #token},
#include "support/vocab.def"
};

const char *const pw_keyword_spellings[PW_KW_COUNT] = {
#define PW_KEYWORD(id, spelling, token, follows) spelling,
#include "support/vocab.def"
    NULL,
};

typedef struct key {
    const char *s;
    size_t n;
} key;

static int cmp_keyword(const void *a, const void *b)
{
    const key *k = a;
    const char *w = *(const char *const *)b;
    /* the first letters settle most comparisons without a call */
    int c = k->n ? (unsigned char)k->s[0] - (unsigned char)w[0] : -(unsigned char)w[0];
    if (c)
        return c;
    /* s is n bytes, not a string: it may hold a NUL (from a hostile file) */
    size_t wl = strlen(w), m = k->n < wl ? k->n : wl;
    c = memcmp(k->s, w, m);
    if (c)
        return c;
    return k->n < wl ? -1 : k->n > wl ? 1 : 0;
}

/* vocab.def lists the keywords in alphabetical order (a unit test keeps
 * it so), so the spellings can be searched. */
pw_keyword pw_keyword_find(const char *s, size_t n)
{
    key k = {s, n};
    const char *const *w = bsearch(&k, pw_keyword_spellings, PW_KW_COUNT - 1,
                                   sizeof *pw_keyword_spellings, cmp_keyword);
    return w ? (pw_keyword)(w - pw_keyword_spellings + 1) : PW_KW_NONE;
}

const char *pw_keyword_spelling(pw_keyword k)
{
    return (unsigned)k < PW_KW_COUNT ? keywords[k].spelling : "";
}

const char *pw_keyword_follows(pw_keyword k)
{
    return (unsigned)k < PW_KW_COUNT ? keywords[k].follows : NULL;
}

int pw_keyword_token_form(pw_keyword k)
{
    static const struct {
        const char *token;
        pw_value_form form;
    } forms[] = {
        {"FIELD_TEXT", PW_V_TEXT},           {"FIELD_NAME", PW_V_NAME},
        {"FIELD_NAMES", PW_V_NAMES},         {"FIELD_WORD", PW_V_WORD},
        {"FIELD_WORD_TEXT", PW_V_WORD_TEXT}, {"FIELD_NAME_TEXT", PW_V_NAME_TEXT},
        {"FIELD_DATE", PW_V_DATE},           {"FIELD_TIME", PW_V_TIME},
        {"FIELD_SOURCE", PW_V_SOURCE},       {"FIELD_FLAG", PW_V_FLAG},
        {"FIELD_NAME_OR_TEXT", PW_V_NAME_OR_TEXT},
    };
    if ((unsigned)k >= PW_KW_COUNT)
        return -1;
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        if (strcmp(keywords[k].token, forms[i].token) == 0)
            return (int)forms[i].form;
    return -1;
}

/* ---- fields ---------------------------------------------------------------- */

enum { ONCE = 0, MANY = 1 };

static const pw_field_info fields[PW_F_COUNT] = {
#define PW_FIELD(group, id, keyword, name, value, words, repeat, kinds, rank, key,  \
                 label, help)                                                      \
    [PW_F_##group##_##id] = {PW_G_##group, PW_KW_##keyword, name, PW_V_##value,     \
                             PW_WORDS_##words, repeat, kinds, rank, key, label, help},
#include "support/vocab.def"
};

const pw_field_info *pw_field_get(pw_field f)
{
    return &fields[(unsigned)f < PW_F_COUNT ? f : PW_F_NONE];
}

const char *pw_field_name(pw_field f)
{
    const pw_field_info *i = pw_field_get(f);
    return i->name ? i->name : pw_keyword_spelling(i->keyword);
}

pw_field pw_field_first(pw_group g, size_t *n)
{
    pw_field first = PW_F_NONE;
    *n = 0;
    for (int f = PW_F_NONE + 1; f < PW_F_COUNT; f++) {
        if (fields[f].group != g)
            continue;
        if (!first)
            first = (pw_field)f;
        ++*n;
    }
    return first;
}

pw_field pw_field_find(pw_group g, pw_keyword k)
{
    for (int f = PW_F_NONE + 1; f < PW_F_COUNT; f++)
        if (fields[f].group == g && fields[f].keyword == k)
            return (pw_field)f;
    return PW_F_NONE;
}

bool pw_field_takes(pw_field f, pw_node_kind k)
{
    const char *kinds = pw_field_get(f)->kinds;
    return kinds && (unsigned)k < strlen(kinds) && kinds[k] == "SQOT"[k];
}

/* ---- value words -------------------------------------------------------------- */

static const struct {
    const char *what, *phrase;
} sets[PW_WORDS_COUNT] = {
    [PW_WORDS_NONE] = {"", NULL},
#define PW_WORDS(set, what, phrase) [PW_WORDS_##set] = {what, phrase},
#include "support/vocab.def"
};

static const struct {
    pw_word_set set;
    const char *spelling;
} words[] = {
#define PW_WORD(set, id, spelling) {PW_WORDS_##set, spelling},
#include "support/vocab.def"
};
enum { NWORDS = sizeof words / sizeof *words };

/* The index in words[] of value 1 of set, and how many the set has. */
static size_t set_range(pw_word_set set, int *count)
{
    size_t i = 0;
    while (i < NWORDS && words[i].set != set)
        i++;
    *count = 0;
    for (size_t k = i; k < NWORDS && words[k].set == set; k++)
        ++*count;
    return i;
}

int pw_word_find(pw_word_set set, const char *s)
{
    int n;
    size_t first = set_range(set, &n);
    for (int v = 1; v <= n; v++)
        if (strcmp(words[first + (size_t)v - 1].spelling, s) == 0)
            return v;
    return 0;
}

const char *pw_word_spelling(pw_word_set set, int v)
{
    int n;
    size_t first = set_range(set, &n);
    return v >= 1 && v <= n ? words[first + (size_t)v - 1].spelling : "";
}

int pw_word_count(pw_word_set set)
{
    int n;
    set_range(set, &n);
    return n;
}

const char *pw_words_what(pw_word_set set)
{
    return (unsigned)set < PW_WORDS_COUNT ? sets[set].what : "";
}

const char *pw_words_phrase(pw_word_set set)
{
    return (unsigned)set < PW_WORDS_COUNT ? sets[set].phrase : NULL;
}

const char *pw_status_name(pw_status s)
{
    return pw_word_spelling(PW_WORDS_STATUS, (int)s);
}

const char *pw_urgency_name(pw_urgency u)
{
    return pw_word_spelling(PW_WORDS_URGENCY, (int)u);
}

const char *pw_consent_name(pw_consent_rule c)
{
    return pw_word_spelling(PW_WORDS_CONSENT, (int)c);
}

const char *pw_outcome_kind_name(pw_outcome_kind k)
{
    return pw_word_spelling(PW_WORDS_OUTCOME, (int)k);
}

const char *pw_node_kind_name(pw_node_kind k)
{
    switch (k) {
    case PW_STEP: return pw_keyword_spelling(PW_KW_STEP);
    case PW_QUESTION: return pw_keyword_spelling(PW_KW_QUESTION);
    case PW_OUTCOME: return pw_keyword_spelling(PW_KW_OUTCOME);
    case PW_TOGETHER: return pw_keyword_spelling(PW_KW_TOGETHER);
    }
    return "";
}

/* ---- units -------------------------------------------------------------------- */

static const struct {
    const char *one, *many, *one_words, *many_words;
} units[PW_UNIT_COUNT] = {
    [PW_UNIT_NONE] = {"", "", "", ""},
#define PW_UNIT(id, one, many, one_words, many_words) \
    [PW_UNIT_##id] = {one, many, one_words, many_words},
#include "support/vocab.def"
};

pw_unit pw_unit_find(const char *s)
{
    for (int u = PW_UNIT_NONE + 1; u < PW_UNIT_COUNT; u++)
        if (strcmp(units[u].one, s) == 0 || strcmp(units[u].many, s) == 0)
            return (pw_unit)u;
    return PW_UNIT_NONE;
}

const char *pw_unit_name(pw_unit u, int32_t value)
{
    if ((unsigned)u >= PW_UNIT_COUNT)
        return "";
    return value == 1 ? units[u].one : units[u].many;
}

const char *pw_unit_words(pw_unit u, int32_t value)
{
    if ((unsigned)u >= PW_UNIT_COUNT)
        return "";
    return value == 1 ? units[u].one_words : units[u].many_words;
}
