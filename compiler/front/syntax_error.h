/* syntax_error — turns bison's view of a syntax error (the symbols on the
 * parser's stack and the tokens it could have taken) into a message in a
 * policy author's words: "expected '{' after the pathway title", "expected
 * '->' and a target after answer 'yes'", "unknown field 'nxt'; did you mean
 * 'next'?". Private to the front end. */
#ifndef PW_SYNTAX_ERROR_H
#define PW_SYNTAX_ERROR_H

#include "front/parser_state.h"

enum { PW_SYNTAX_MAX = 160 };

/* The grammar symbols the messages tell apart; grammar/parser.y maps its
 * symbols to these by name (sym_of), so a renamed rule fails to compile
 * rather than silently changing a message. */
typedef enum pw_sx {
    PW_SX_OTHER,   /* a symbol the messages do not look at */
    PW_SX_END,     /* the end of the file */
    /* tokens */
    PW_SX_NAME, PW_SX_TEXT, PW_SX_NUMBER, PW_SX_DATE,
    PW_SX_OPEN, PW_SX_CLOSE, PW_SX_COMMA, PW_SX_ARROW, PW_SX_DOTDOT,
    PW_SX_KEYWORD, /* a word the grammar names itself: kw says which */
    PW_SX_FIELD,   /* a field's keyword: kw says which when it is known,
                    * form the form of its value */
    /* rules */
    PW_SX_ID, PW_SX_STR, PW_SX_STR_OPT,
    PW_SX_FILE, PW_SX_PATHWAY_ITEMS, PW_SX_STAGE_ITEMS, PW_SX_NODE_ITEMS,
    PW_SX_CONTACT_FIELDS, PW_SX_FORM_FIELDS, PW_SX_SCENARIO_ITEMS,
    PW_SX_CRITERIA,
} pw_sx;

typedef struct pw_sym {
    pw_sx sx;
    pw_keyword kw;
    pw_value_form form;
} pw_sym;

/* found: the token met (PW_SX_END at the end of the file), at loc. want:
 * the n tokens that could have come instead. stack: the symbols on the
 * parser's stack, innermost first. */
void pw_syntax_error(pw_parser *p, pw_sym found, pw_span loc, const pw_sym *want,
                     int n, const pw_sym *stack, int depth);

/* A field's keyword kw in a block (of declaration group g) that takes no
 * field of that name: reported as the syntax error it is ("unexpected
 * 'kind' in pathway 'p'", with what the block holds), at the keyword; the
 * parser then recovers as from any syntax error. */
void pw_syntax_misplaced(pw_parser *p, pw_group g, pw_keyword kw, pw_span keyword);

#endif
