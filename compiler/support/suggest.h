/* suggest — "did you mean …?": the closest of a set of names to a word
 * that matched none, by edit distance (insertions, deletions,
 * substitutions and swaps of neighbours), when it is close enough to be a
 * likely typo. */
#ifndef PW_SUGGEST_H
#define PW_SUGGEST_H

#include <stddef.h>

typedef struct pw_suggest {
    const char *word;
    const char *best; /* not owned: a candidate offered */
    size_t best_distance;
} pw_suggest;

void pw_suggest_init(pw_suggest *s, const char *word);
/* Considers one candidate; ties keep the first offered. */
void pw_suggest_offer(pw_suggest *s, const char *candidate);
/* The closest candidate within reach, or NULL. */
const char *pw_suggest_best(const pw_suggest *s);

/* The closest of a NULL-terminated list, or NULL. */
const char *pw_suggest_from(const char *word, const char *const *candidates);

#endif
