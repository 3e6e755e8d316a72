/* syntax_error — turns bison's view of a syntax error (the symbols on the
 * parser's stack and the tokens it could have taken) into a message in a
 * policy author's words: "expected '{' after the pathway title", "expected
 * '->' and a target after answer 'yes'", "unknown field 'nxt'; did you mean
 * 'next'?". Private to the front end. */
#ifndef PW_SYNTAX_ERROR_H
#define PW_SYNTAX_ERROR_H

#include "front/parser_state.h"

enum { PW_SYNTAX_MAX = 160 };

/* found: the name of the token met (NULL at the end of the file), at loc.
 * want: the n tokens that could have come instead. stack: the grammar
 * symbols on the parser's stack, innermost first. Names are bison's symbol
 * names (a keyword's own spelling, "name", "text", "node_items", ...). */
void pw_syntax_error(pw_parser *p, const char *found, pw_span loc,
                     const char *const *want, int n, const char *const *stack,
                     int depth);

#endif
