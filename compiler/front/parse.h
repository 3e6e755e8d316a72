/* parse — runs the scanner and parser over one source and returns its AST.
 *
 * Every lexical and syntax error goes to the diagnostic sink; the parser
 * recovers and goes on, so one run reports all of a file's errors. The
 * returned AST holds everything that parsed; it is always returned (never
 * NULL), even for a file with errors. */
#ifndef PW_PARSE_H
#define PW_PARSE_H

#include "front/ast.h"
#include "support/diag.h"

/* Parses src. The AST is owned by the caller (pw_ast_free); it refers to
 * src, which must outlive it. */
pw_ast_file *pw_parse(const pw_source *src, pw_diag *diag);

/* What pathwayc fmt needs beside the AST, and nothing else does: every
 * comment and every pair of braces, in source order. */
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

/* As pw_parse, and records the comments and braces into *t, which starts
 * zeroed ({0}) and is freed with pw_trivia_free (its arrays are heap). */
pw_ast_file *pw_parse_trivia(const pw_source *src, pw_diag *diag, pw_trivia *t);
void pw_trivia_free(pw_trivia *t);

#endif
