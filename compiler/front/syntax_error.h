/* syntax_error — turns bison's view of a syntax error (the symbols on the
 * parser's stack and the tokens it could have taken) into a message in a
 * policy author's words: "expected '{' after the pathway title", "expected
 * '->' and a target after answer 'yes'", "unknown field 'nxt'; did you mean
 * 'next'?". Private to the front end. */
#ifndef PW_SYNTAX_ERROR_H
#define PW_SYNTAX_ERROR_H

#include "front/parser_state.h"

enum { PW_SYNTAX_MAX = 160 };

/* found: the token met (PW_SX_END at the end of the file), at loc. want:
 * the n tokens that could have come instead. stack: the symbols on the
 * parser's stack, innermost first. */
void pw_syntax_error(pw_parser *p, pw_sym found, pw_span loc, const pw_sym *want,
                     int n, const pw_sym *stack, int depth);

/* A field's keyword kw in a block (of declaration group g) that takes no
 * field of that name: reported as the syntax error it is ("unexpected
 * 'kind' in pathway 'p'", with what the block holds), at the keyword; the
 * parser then recovers as from any syntax error. */
/* Whether s is written as a name: a letter or '_', then letters, digits,
 * '_' and '-'. */
bool pw_syntax_name_at(const pw_parser *p, pw_span s);
/* After offset from, on its line: blanks, a name (*name, empty when there
 * is none), blanks, '->', blanks, the target (*to): an answer's tail, as
 * in `"Level 1" level_1 -> own_service`. False when no '->' comes there. */
bool pw_syntax_answer_tail(const pw_parser *p, uint32_t from, pw_span *name, pw_span *to);
/* The name the parser holds as its lookahead, a name token, becomes name
 * (parse.c): after an error, the parser reads it as that. */
void pw_parse_rename_lookahead(pw_parser *p, pw_name name);
void pw_syntax_misplaced(pw_parser *p, pw_group g, pw_keyword kw, pw_span keyword);

/* The token read after the title of a declaration of group g (keyword
 * kw) without its '{', when it is a field only that kind takes (the
 * lexer's last token, p->tok_kw[0] at p->last_tok): the '{' is missing.
 * Says so, and queues the '{' and that token for the parser to read
 * again; true then (the caller discards the lookahead). */
bool pw_syntax_missing_open(pw_parser *p, pw_group g, pw_keyword kw, pw_span title);

/* A declaration (keyword kw) whose name id the parser read without a
 * title, when the lookahead (p->last_tok) begins words on the same line
 * that are its title without quotes: reports it, takes them as *title,
 * and has the lexer skip them; true then. */
bool pw_syntax_unquoted_title(pw_parser *p, pw_keyword kw, pw_name id, pw_text *title);

/* Braces. count: works out p->brace_excess before reading. extra: a '}'
 * just read (at), already taken off the open braces, when the file has
 * more '}' than '{' and this one is indented less or more than the line
 * of the '{' it closes: reports it as one too many, puts the brace back;
 * true then (the caller drops the '}'). missing: a token first on its
 * line (at) when the file has more '{' than '}' and the token is indented
 * no more than the line of the innermost open '{': reports that block as
 * never closed, and those around it the token is not inside either; how
 * many, then (the caller hands the parser as many '}' first), else 0. */
void pw_syntax_brace_count(pw_parser *p);
bool pw_syntax_brace_extra(pw_parser *p, pw_span at);
int pw_syntax_brace_missing(pw_parser *p, pw_span at);

/* Skip the tokens to come up to the '}' that leaves depth braces open
 * (that '}' included): the block of a '{' error recovery dropped. */
void pw_syntax_skip_block(pw_parser *p, size_t depth);

#endif
