/* trivia — what pathwayc fmt needs beside the AST, and nothing else does:
 * the comments and the braces of a file, as the scanner meets them
 * (front/lex.c records them; front/parse.h hands them to fmt). Types only. */
#ifndef PW_TRIVIA_H
#define PW_TRIVIA_H

#include "support/source.h"

#include <stddef.h>
#include <stdint.h>

/* Every comment and every pair of braces, in source order. */
typedef struct pw_comment {
    pw_span span;      /* '#' to the end of its line, the newline left out */
    uint32_t prev_end; /* end of the token before it; 0 when none */
} pw_comment;

typedef struct pw_brace {
    uint32_t open, close; /* offsets of '{' and its '}' (close 0: unclosed) */
    uint32_t prev_end;    /* end of the token before '{' */
} pw_brace;

typedef struct pw_trivia {
    pw_comment *comments;
    size_t ncomments, capcomments;
    pw_brace *braces;
    size_t nbraces, capbraces;
    size_t *open;         /* while parsing: the braces not yet closed */
    size_t nopen, capopen;
} pw_trivia;

#endif
