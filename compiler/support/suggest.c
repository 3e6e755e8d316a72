#include "support/suggest.h"

#include <string.h>
#include <strings.h>

enum { MAX_LEN = 64 };

/* Optimal string alignment distance (Damerau-Levenshtein without
 * repeated edits of one substring), over bytes. */
static size_t distance(const char *a, size_t n, const char *b, size_t m)
{
    size_t rows[3][MAX_LEN + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            if (prev[j - 1] + cost < d)
                d = prev[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < d)
                d = prev2[j - 2] + 1;
            cur[j] = d;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[m];
}

void pw_suggest_init(pw_suggest *s, const char *word)
{
    s->word = word;
    s->best = NULL;
    s->best_distance = (size_t)-1;
}

void pw_suggest_offer(pw_suggest *s, const char *candidate)
{
    size_t n = strlen(s->word), m = strlen(candidate);
    if (n > MAX_LEN || m > MAX_LEN || strcmp(s->word, candidate) == 0)
        return;
    if (strcasecmp(s->word, candidate) == 0) { /* `DSL` for `dsl` */
        s->best = candidate;
        s->best_distance = 0;
        return;
    }
    size_t d = distance(s->word, n, candidate, m);
    /* A third of the longer name, at least one edit: close enough to be a
     * slip of the keyboard, far enough not to suggest nonsense. */
    size_t longer = n > m ? n : m;
    size_t limit = longer / 3 ? longer / 3 : 1;
    if (d <= limit && d < s->best_distance) {
        s->best = candidate;
        s->best_distance = d;
    }
}

const char *pw_suggest_best(const pw_suggest *s)
{
    return s->best;
}

const char *pw_suggest_from(const char *word, const char *const *candidates)
{
    pw_suggest s;
    pw_suggest_init(&s, word);
    for (size_t i = 0; candidates[i]; i++)
        pw_suggest_offer(&s, candidates[i]);
    return pw_suggest_best(&s);
}
