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
#include "front/trivia.h"

/* Parses src. The AST is owned by the caller (pw_ast_free); it refers to
 * src, which must outlive it. */
pw_ast_file *pw_parse(const pw_source *src, pw_diag *diag);

/* As pw_parse, and records the comments and braces into *t, which starts
 * zeroed ({0}) and is freed with pw_trivia_free (its arrays are heap). */
pw_ast_file *pw_parse_trivia(const pw_source *src, pw_diag *diag, pw_trivia *t);
void pw_trivia_free(pw_trivia *t);

#endif
