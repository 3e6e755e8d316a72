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
/* A '(' or '[' for '{', a ')' or ']' for '}' (E0002 with the fix): the
 * lexer goes on with the brace. */
void pw_lex_bracket(pw_parser *p, pw_span at, char c);
void pw_lex_lookalike(pw_parser *p, pw_span at, const char *s, size_t n,
                      const char *meant);
/* An opening curly or single quote: report it and start reading text that
 * ends at the matching closing quote or the end of the line. */
void pw_lex_wrong_quote(pw_parser *p, pw_span at, const char *s, size_t n);
bool pw_lex_quote_closes(pw_parser *p, const char *s, size_t n);
void pw_lex_string_end(pw_parser *p, pw_span *loc, pw_text *out);

/* ---- what an author pasted or wrote another way -------------------------
 *
 * Each reports the mistake once, saying what the character or form is and
 * what to write, and gives the scanner the token the author meant, so the
 * parser sees no second mistake. */

/* A name with a dash look-alike (en dash, em dash, minus sign, ...) or an
 * invisible character inside (early–help): *out is the name meant
 * (early-help). Returns its keyword when that is one, else PW_KW_NONE. */
pw_keyword pw_lex_word(pw_parser *p, pw_span at, const char *s, size_t n,
                       pw_name *out);
/* A name ending in '-' (or a look-alike): *out is the name without it. */
pw_keyword pw_lex_dash_end(pw_parser *p, pw_span at, const char *s, size_t n,
                           pw_name *out);
/* Spaces that are not ' ' (U+00A0, ...), maybe among ordinary ones. One
 * between two words (police<U+00A0>emergency): the help says it may be
 * '_', the words being one name. */
void pw_lex_space(pw_parser *p, pw_span at, const char *s, size_t n);
/* Two words with one such space between them, s[0..n): when joined with
 * '-' they are a keyword, a unit or a value word (working<U+00A0>days,
 * out-of<U+00A0>hours), reported (E0013: write '-'), and true, with *out
 * that word and *kw its keyword (PW_KW_NONE for a unit or value word);
 * false, nothing reported, otherwise. */
bool pw_lex_spaced_word(pw_parser *p, pw_span at, const char *s, size_t n, pw_name *out,
                        pw_keyword *kw);
/* Invisible characters (U+200B, U+FEFF, ...) outside a name. */
void pw_lex_invisible(pw_parser *p, pw_span at, const char *s, size_t n);
/* An arrow written another way: =>, –>, -->, →, '>' alone, '- >'. */
void pw_lex_arrow(pw_parser *p, pw_span at, const char *s, size_t n);
/* A ':'. True when it stands for '->' (after an answer, before the name
 * it leads to); false when it is only to be left out (after a field's
 * keyword, or anywhere else). */
bool pw_lex_colon(pw_parser *p, pw_span at);
/* A date written another way (DATEL in grammar/lexer.l: 31/12/2027,
 * 2027/12/31, 2027-12-1, 2027–12–31): *out is the date meant, or year 0
 * when it cannot be worked out or is not a date. */
/* A date written in words (31 May 2027, May 31, 2027): reported, and read
 * as the date it says. */
void pw_lex_date_words(pw_parser *p, pw_span at, const char *s, size_t n, pw_date *out);
void pw_lex_date_other(pw_parser *p, pw_span at, const char *s, size_t n,
                       pw_date *out);
/* Two numbers joined by a dash (1-2). What it is read as: */
typedef enum pw_dashed {
    PW_DASHED_RANGE, /* the range lo..hi: *value is lo, the scanner hands
                      * the dash on as '..' and then hi */
    PW_DASHED_ONE,   /* one number, *value (a timescale: the longest) */
    PW_DASHED_DATE,  /* a date missing its day (after review-by): *date */
} pw_dashed;
pw_dashed pw_lex_dashed(pw_parser *p, pw_span at, const char *s, size_t n,
                        int32_t *value, pw_date *date);
/* Whether a 'hours' read now is the unit of a timescale (within 4 hours),
 * not the contact field: the token before it follows a timescale's
 * keyword. */
bool pw_lex_hours_is_unit(const pw_parser *p);
/* Text written without quotes after a keyword whose value is text: s[0..n)
 * is the rest of the line. Returns how many bytes of it are the text (0:
 * it is not unquoted text, read it as usual), with *out the text. */
/* A word that begins a line inside a list of criteria (the innermost open
 * '{' follows any-of or all-of), other than any-of and all-of: a
 * criterion written without quotes. */
bool pw_lex_criterion_line(const pw_parser *p, pw_span at, const char *s, size_t n);
/* A word that begins a line of a list of criteria and is followed by '{'
 * (`allof {`): when it is any-of or all-of misspelt, reported, and that
 * keyword returned; PW_KW_NONE otherwise. */
pw_keyword pw_lex_list_word(pw_parser *p, pw_span at, const char *s, size_t n);
/* The criterion without quotes at s (the rest of its line): reported,
 * and read as the text it was meant to be; returns the bytes it takes. */
size_t pw_lex_unquoted_criterion(pw_parser *p, pw_span at, const char *s, size_t n,
                                 pw_text *out);
/* '//' and the rest of its line: a comment begun as in C or JavaScript. */
void pw_lex_slash_comment(pw_parser *p, pw_span at, const char *s, size_t n);
size_t pw_lex_unquoted(pw_parser *p, pw_span at, const char *s, size_t n,
                       pw_text *out);
void pw_lex_unterminated(pw_parser *p, pw_span *loc, pw_text *out);

/* '...' or an ellipsis '…' (U+2026) for a range's '..' (score 0...27):
 * reported; true when it is read as '..' (a number just before or after
 * it), false when it is only left out. */
bool pw_lex_dots(pw_parser *p, pw_span at, const char *s, size_t n);
/* A number with a decimal point or comma, s[0..n) (1.5, 0,5). True when it
 * is a timescale's (after within, target or review-after): reported, with
 * the time in a smaller unit where it is a whole number of one, and read as
 * *value, the whole number above it; false (nothing reported) otherwise. */
bool pw_lex_decimal(pw_parser *p, pw_span at, const char *s, size_t n, int32_t *value);
/* A file's name where a name belongs (also cse.pathway): reported, and
 * *out is the name without the directory and '.pathway' (cse). */
void pw_lex_file_name(pw_parser *p, pw_span at, const char *s, size_t n, pw_name *out);
/* A name with an apostrophe inside (children's_services, with ' or ’):
 * reported, and *out is the name without it (childrens_services). Returns
 * its keyword when that is one. */
pw_keyword pw_lex_apostrophe(pw_parser *p, pw_span at, const char *s, size_t n,
                             pw_name *out);

/* A '"' inside text at [at]: true when the text plainly goes on after it
 * (a letter or digit straight after it; or words, not a keyword, and an
 * odd number of '"' after it on the line): reported once, and every '"'
 * up to the line's last is read as part of the text. False: it closes
 * the text. */
bool pw_lex_quote_inside(pw_parser *p, pw_span at);
/* A curly closing quote (” or ’) inside text opened with '"', at [at]:
 * true when it ends the text (nothing after it on the line but a '{',
 * '}', '->' or a comment): reported, and the text is read as closed. */
bool pw_lex_curly_close(pw_parser *p, pw_span at, const char *s, size_t n);

/* A word that begins a line after a text closed with '"' on a line above,
 * on a line whose only '"' ends it (but for a '{', '}', '->' or a
 * comment): the text's next line, written without its opening quote
 * (unless the word is a field's keyword, no deeper indented than the
 * text: then it is the next field). */
bool pw_lex_continued_line(const pw_parser *p, pw_span at, size_t n);
/* The end of the line [at] (its line end and the next line's indentation)
 * inside text opened with '"': true when the next line goes on with the
 * text (a word first, its only '"' at its end): reported once (E0003), and
 * the text goes on over it, with a space between the lines. */
bool pw_lex_text_goes_on(pw_parser *p, pw_span at);
/* That line, at s (the rest of it): reported (E0018), and read as the text
 * it was meant to be, with a space before it when the text above does not
 * end in one; returns the bytes it takes. */
size_t pw_lex_unquoted_next_line(pw_parser *p, pw_span at, const char *s, size_t n,
                                 pw_text *out);

/* A run of '-', '=', '*' or '_' (or dashes a word processor put in) at
 * [at], and what it is read as: */
typedef enum pw_rule_run {
    PW_RUN_COMMENT, /* a comment without its '#' (reported once, E0002; the
                     * scanner skips the rest of the line): the run begins
                     * its line (---- NOTICE ----), or follows a token on
                     * its line and words follow it (note "x" -- see the
                     * policy) */
    PW_RUN_STRAY,   /* characters out of place, reported once for the first
                     * *used bytes; the rest is read again */
    PW_RUN_AGAIN,   /* read it as usual (__ is a name) */
} pw_rule_run;
pw_rule_run pw_lex_rule_run(pw_parser *p, pw_span at, size_t *used);
/* At a '(' or '[' that follows a token on its line: true when the rest of
 * the line is words only (note "See the policy." [H] line 129), unless it
 * is a block's brace: the line is a declaration's head, or a keyword
 * follows the bracket (outcome o "O" ( kind advice )). */
bool pw_lex_bracket_comment(pw_parser *p, pw_span at);

#endif
