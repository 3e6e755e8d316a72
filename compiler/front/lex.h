/* lex — the C side of grammar/lexer.l: keywords and their tokens, string
 * decoding, dates, numbers, and every lexical error. Private to the front
 * end. */
#ifndef PW_LEXER_UTIL_H
#define PW_LEXER_UTIL_H

#include "front/parser_state.h"

#include <stddef.h>

/* Every token goes to the parser through here, with its keyword
 * (PW_KW_NONE when it is not one): the last three are remembered for the
 * syntax errors. Returns token. */
int pw_lex_token(pw_parser *p, const pw_span *loc, int token, pw_keyword kw);
void pw_lex_open(pw_parser *p, uint32_t offset);
void pw_lex_close(pw_parser *p, uint32_t offset);

void pw_lex_comment(pw_parser *p, pw_span at, const char *s, size_t n);
void pw_lex_stray(pw_parser *p, pw_span at, const char *s, size_t n);
void pw_lex_bad_utf8(pw_parser *p, pw_span at, unsigned byte);
void pw_lex_date(pw_parser *p, pw_span at, const char *s, pw_date *out);
int32_t pw_lex_int(pw_parser *p, pw_span at, const char *s, size_t n);

void pw_lex_string_begin(pw_parser *p, uint32_t quote);
void pw_lex_put(pw_parser *p, const char *s, size_t n);
void pw_lex_putc(pw_parser *p, char c);
void pw_lex_unicode(pw_parser *p, pw_span at, const char *hex, size_t n);
void pw_lex_bad_unicode(pw_parser *p, pw_span at);
void pw_lex_bad_escape(pw_parser *p, pw_span at, const char *s, size_t n);
void pw_lex_lone_backslash(pw_parser *p, pw_span at);
void pw_lex_control(pw_parser *p, pw_span at, unsigned c);
void pw_lex_backslash_newline(pw_parser *p, pw_span at);
/* A look-alike of a token ('→' for '->', '.' for '..'): report it; the
 * scanner goes on with the real token. */
void pw_lex_lookalike(pw_parser *p, pw_span at, const char *s, size_t n,
                      const char *meant);
/* An opening curly or single quote: report it and start reading text that
 * ends at the matching closing quote or the end of the line. */
void pw_lex_wrong_quote(pw_parser *p, pw_span at, const char *s, size_t n);
bool pw_lex_quote_closes(pw_parser *p, const char *s, size_t n);
void pw_lex_string_end(pw_parser *p, pw_span *loc, pw_text *out);
void pw_lex_unterminated(pw_parser *p, pw_span *loc, pw_text *out);

#endif
