/* Unit tests for the scanner: every token kind, every escape, UTF-8 edge
 * cases, dates, numbers, and locations in code points. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "front/parser_state.h"

#include "front/parser.h"
#define YYSTYPE PW_YYSTYPE
#define YYLTYPE PW_YYLTYPE
#include "front/lexer.h"

#include <stdlib.h>
#include <string.h>

int pw_yylex_scan(PW_YYSTYPE *lval, PW_YYLTYPE *lloc, yyscan_t scanner);

enum { MAX_TOKENS = 64 };

typedef struct lexed {
    pw_source *src;
    pw_diag *diag;
    pw_arena *arena;
    int n;
    int tok[MAX_TOKENS];
    PW_YYSTYPE val[MAX_TOKENS];
    pw_span loc[MAX_TOKENS];
    char *printed; /* the diagnostics as text, once printed */
} lexed;

static lexed *lex(const char *text, size_t len)
{
    lexed *l = calloc(1, sizeof *l);
    l->src = pw_source_from_memory("t.pathway", text, len);
    l->diag = pw_diag_new();
    l->arena = pw_arena_new();
    pw_parser p = {.src = l->src, .diag = l->diag, .arena = l->arena};
    yyscan_t sc;
    pw_yylex_init_extra(&p, &sc);
    YY_BUFFER_STATE b = pw_yy_scan_bytes(l->src->text, (int)l->src->size, sc);
    for (;;) {
        PW_YYSTYPE v;
        pw_span at;
        int t = pw_yylex_scan(&v, &at, sc);
        if (t == 0 || l->n == MAX_TOKENS)
            break;
        l->tok[l->n] = t;
        l->val[l->n] = v;
        l->loc[l->n++] = at;
    }
    pw_yy_delete_buffer(b, sc);
    pw_yylex_destroy(sc);
    free(p.buf);
    free(p.braces);
    return l;
}

#define LEX(s) lex(s, sizeof(s) - 1)

static void done(lexed *l)
{
    free(l->printed);
    pw_diag_free(l->diag);
    pw_arena_free(l->arena);
    pw_source_free(l->src);
    free(l);
}

/* The diagnostics as text (printing empties the sink, so print once). */
static const char *messages(lexed *l)
{
    if (!l->printed) {
        size_t len = 0;
        FILE *f = open_memstream(&l->printed, &len);
        pw_diag_print(l->diag, f, PW_DIAG_TEXT, false);
        fclose(f);
    }
    return l->printed;
}

static void assert_message(lexed *l, const char *needle)
{
    const char *m = messages(l);
    if (!strstr(m, needle))
        fail_msg("expected '%s' in:\n%s", needle, m);
}

static void column_of(lexed *l, int i, unsigned *line, unsigned *col)
{
    pw_source_position(l->src, l->loc[i].begin, line, col);
}

static void test_keywords_and_names(void **state)
{
    (void)state;
    lexed *l = LEX("step no-further-action any-of out-of-hours yes no _x9 steps");
    assert_int_equal(l->n, 8);
    assert_int_equal(l->tok[0], PW_T_STEP);
    assert_int_equal(l->tok[1], PW_T_IDENT);
    assert_string_equal(l->val[1].name.text, "no-further-action");
    assert_int_equal(l->tok[2], PW_T_ANY_OF);
    /* a field's keyword comes as the token of its value's form, with the
     * keyword as its value */
    assert_int_equal(l->tok[3], PW_T_FIELD_NAME);
    assert_int_equal(l->val[3].kw, PW_KW_OUT_OF_HOURS);
    assert_int_equal(l->tok[4], PW_T_IDENT); /* yes and no are not reserved */
    assert_int_equal(l->tok[5], PW_T_IDENT);
    assert_string_equal(l->val[6].name.text, "_x9");
    assert_int_equal(l->tok[7], PW_T_STEPS);
    assert_int_equal(pw_diag_error_count(l->diag), 0);
    done(l);
}

static void test_arrow_splits_names(void **state)
{
    (void)state;
    lexed *l = LEX("a->b");
    assert_int_equal(l->n, 3);
    assert_int_equal(l->tok[0], PW_T_IDENT);
    assert_string_equal(l->val[0].name.text, "a");
    assert_int_equal(l->tok[1], PW_T_ARROW);
    assert_int_equal(l->tok[2], PW_T_IDENT);
    assert_string_equal(l->val[2].name.text, "b");
    done(l);
}

static void test_trailing_hyphen_is_not_a_name(void **state)
{
    (void)state;
    lexed *l = LEX("abc- d");
    assert_int_equal(l->n, 2);
    assert_string_equal(l->val[0].name.text, "abc");
    assert_int_equal(pw_diag_error_count(l->diag), 1);
    assert_message(l, "t.pathway:1:4: error[E0015]: a name cannot end with '-': 'abc-'");
    done(l);
}

static void test_punctuation(void **state)
{
    (void)state;
    lexed *l = LEX("{ } , -> ..");
    int want[] = {'{', '}', ',', PW_T_ARROW, PW_T_DOTDOT};
    assert_int_equal(l->n, 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(l->tok[i], want[i]);
    done(l);
}

static void test_numbers_and_ranges(void **state)
{
    (void)state;
    lexed *l = LEX("0..27 2147483647");
    assert_int_equal(l->n, 4);
    assert_int_equal(l->tok[0], PW_T_INT);
    assert_int_equal(l->val[0].integer, 0);
    assert_int_equal(l->tok[1], PW_T_DOTDOT);
    assert_int_equal(l->val[2].integer, 27);
    assert_int_equal(l->val[3].integer, 2147483647);
    assert_int_equal(pw_diag_error_count(l->diag), 0);
    done(l);
}

static void test_number_overflow(void **state)
{
    (void)state;
    lexed *l = LEX("score 0..2147483648");
    assert_int_equal(l->n, 4);
    assert_int_equal(l->val[3].integer, INT32_MAX);
    assert_int_equal(pw_diag_error_count(l->diag), 1);
    assert_message(l, "1:10: error[E0008]: number too large: 2147483648");
    done(l);
}

static void test_dates(void **state)
{
    (void)state;
    lexed *l = LEX("2024-02-29 2025-02-29 2000-02-29 1900-02-29 2025-13-01");
    assert_int_equal(l->n, 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(l->tok[i], PW_T_DATE);
    assert_int_equal(l->val[0].date.year, 2024);
    assert_int_equal(l->val[0].date.month, 2);
    assert_int_equal(l->val[0].date.day, 29);
    assert_int_equal(l->val[1].date.year, 0); /* not a date */
    assert_int_equal(l->val[2].date.year, 2000); /* divisible by 400 */
    assert_int_equal(l->val[3].date.year, 0);    /* 1900: not a leap year */
    assert_int_equal(l->val[4].date.year, 0);
    assert_int_equal(pw_diag_error_count(l->diag), 3);
    assert_message(l, "2025-02-29 is not a date: February 2025 has 28 days");
    assert_message(l, "2025-13-01 is not a date: there is no month 13");
    done(l);
}

static void test_every_escape(void **state)
{
    (void)state;
    lexed *l = LEX("\"q\\\" b\\\\ n\\n t\\t u\\u{2014} e\\u{1F600}\"");
    assert_int_equal(l->n, 1);
    assert_int_equal(l->tok[0], PW_T_STRING);
    assert_string_equal(l->val[0].text.text,
                        "q\" b\\ n\n t\t u\xE2\x80\x94 e\xF0\x9F\x98\x80");
    assert_int_equal(pw_diag_error_count(l->diag), 0);
    done(l);
}

static void test_bad_escapes(void **state)
{
    (void)state;
    lexed *l = LEX("\"\\q \\u{D800} \\u{110000} \\u{0} \\u{zz} \\u1\"");
    assert_int_equal(l->n, 1);
    assert_int_equal(pw_diag_error_count(l->diag), 6);
    assert_message(l, "1:2: error[E0004]: unknown escape '\\q'");
    assert_message(l, "1:5: error[E0005]: \\u{D800} is not a Unicode character");
    assert_message(l, "\\u{110000} is not a Unicode character");
    assert_message(l, "\\u{0} is not allowed in text");
    assert_message(l, "error[E0005]: malformed \\u escape");
    /* \u without braces is a malformed \u escape, not an unknown one */
    assert_message(l, "1:38: error[E0005]: malformed \\u escape");
    done(l);
}

static void test_unterminated_string_points_at_quote(void **state)
{
    (void)state;
    lexed *l = LEX("note \"never closed\nnext x");
    assert_int_equal(l->tok[0], PW_T_FIELD_TEXT);
    assert_int_equal(l->val[0].kw, PW_KW_NOTE);
    assert_int_equal(l->tok[1], PW_T_STRING);
    assert_string_equal(l->val[1].text.text, "never closed");
    assert_int_equal(l->tok[2], PW_T_FIELD_NAME); /* goes on at the next line */
    assert_int_equal(l->val[2].kw, PW_KW_NEXT);
    assert_message(l, "t.pathway:1:6: error[E0003]: unterminated text");
    done(l);
}

static void test_unterminated_at_end_of_file(void **state)
{
    (void)state;
    lexed *l = LEX("\"open");
    assert_int_equal(l->n, 1);
    assert_message(l, "1:1: error[E0003]");
    done(l);
}

static void test_control_characters_in_strings(void **state)
{
    (void)state;
    lexed *l = LEX("\"a\x01 b\rc\td\"");
    assert_int_equal(l->n, 1);
    assert_int_equal(pw_diag_error_count(l->diag), 2);
    assert_message(l, "1:3: error[E0006]: control character U+0001 in text");
    assert_message(l, "1:6: error[E0006]: control character U+000D in text");
    assert_string_equal(l->val[0].text.text, "a bc\td"); /* a raw tab is kept */
    done(l);
}

static void test_valid_utf8(void **state)
{
    (void)state;
    /* 2-, 3- and 4-byte sequences, at the edges of their ranges. */
    lexed *l = LEX("\"\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xED\x9F\xBF \xEF\xBF\xBF "
                   "\xF0\x90\x80\x80 \xF4\x8F\xBF\xBF\" # \xE2\x80\x94 comment");
    assert_int_equal(l->n, 1);
    assert_int_equal(pw_diag_error_count(l->diag), 0);
    done(l);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    /* overlong, surrogate, above U+10FFFF, stray continuation, truncated */
    lexed *l = LEX("\"\xC0\x80\" \"\xED\xA0\x80\" \"\xF4\x90\x80\x80\" \"\x80\" \"\xE2\x80\"");
    assert_int_equal(l->n, 5);
    assert_message(l, "1:2: error[E0001]: invalid UTF-8: byte 0xC0");
    assert_message(l, "1:6: error[E0001]: invalid UTF-8: byte 0xED");
    /* one report for each broken sequence, not one for each byte */
    assert_int_equal(pw_diag_error_count(l->diag), 5);
    assert_message(l, "error[E0001]: invalid UTF-8: byte 0xF4");
    assert_message(l, "error[E0001]: invalid UTF-8: byte 0x80");
    assert_message(l, "error[E0001]: invalid UTF-8: byte 0xE2");
    done(l);
}

static void test_invalid_utf8_in_comment_and_outside(void **state)
{
    (void)state;
    lexed *l = LEX("# bad \xFF here\nstep \xFE x");
    assert_int_equal(l->n, 2);
    assert_int_equal(pw_diag_error_count(l->diag), 2);
    assert_message(l, "1:7: error[E0001]: invalid UTF-8: byte 0xFF");
    assert_message(l, "2:6: error[E0001]: invalid UTF-8: byte 0xFE");
    done(l);
}

static void test_byte_order_mark(void **state)
{
    (void)state;
    lexed *l = LEX("\xEF\xBB\xBFstep \xEF\xBB\xBF");
    assert_int_equal(l->n, 1);
    unsigned line, col;
    column_of(l, 0, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1); /* the BOM is not a column */
    /* one later in the file is a stray character */
    assert_message(l, "1:6: error[E0014]: an invisible character: a byte order mark (U+FEFF)");
    done(l);
}

static void test_stray_characters_name_themselves(void **state)
{
    (void)state;
    lexed *l = LEX("@ \xC2\xA7 ;");
    assert_int_equal(l->n, 0);
    assert_message(l, "1:1: error[E0002]: unexpected character '@'");
    assert_message(l, "1:3: error[E0002]: unexpected character '\xC2\xA7' (U+00A7)");
    assert_message(l, "1:5: error[E0002]: unexpected character ';'");
    done(l);
}

static void test_wrong_quotes_read_as_text(void **state)
{
    (void)state;
    /* one error each, and the text is still text */
    lexed *l = LEX("owner \xE2\x80\x9CHSCP\xE2\x80\x9D note 'it\xE2\x80\x99s' next");
    assert_int_equal(l->n, 5);
    assert_int_equal(l->tok[1], PW_T_STRING);
    assert_string_equal(l->val[1].text.text, "HSCP");
    assert_int_equal(l->tok[3], PW_T_STRING);
    assert_string_equal(l->val[3].text.text, "it\xE2\x80\x99s");
    assert_int_equal(l->tok[4], PW_T_FIELD_NAME);
    assert_int_equal(pw_diag_error_count(l->diag), 2);
    assert_message(l, "1:7: error[E0002]: text in curly quotes");
    assert_message(l, "1:19: error[E0002]: text in single quotes");
    done(l);
}

static void test_lookalike_tokens(void **state)
{
    (void)state;
    lexed *l = LEX("yes \xE2\x86\x92 b score 0.27 x .");
    int want[] = {PW_T_IDENT, PW_T_ARROW, PW_T_IDENT, PW_T_SCORE, PW_T_INT,
                  PW_T_DOTDOT, PW_T_INT, PW_T_IDENT};
    assert_int_equal(l->n, 8);
    for (int i = 0; i < 8; i++)
        assert_int_equal(l->tok[i], want[i]);
    assert_int_equal(pw_diag_error_count(l->diag), 3); /* the last '.' is stray */
    assert_message(l, "1:5: error[E0012]: a right arrow '\xE2\x86\x92' (U+2192)");
    assert_message(l, "1:16: error[E0002]: unexpected character '.'");
    done(l);
}

/* Look-alikes pasted from a word processor: one error each, and the token
 * that was meant. */
static void test_dash_lookalikes_give_the_name_meant(void **state)
{
    (void)state;
    lexed *l = LEX("step early\xE2\x80\x93help kind no\xE2\x80\x94" "further\xE2\x80\x94" "action "
                   "out\xE2\x80\x91of\xE2\x80\x91hours share\xE2\x80\x8B_now");
    assert_int_equal(l->n, 6);
    assert_int_equal(l->tok[1], PW_T_IDENT);
    assert_string_equal(l->val[1].name.text, "early-help");
    assert_string_equal(l->val[3].name.text, "no-further-action");
    assert_int_equal(l->tok[4], PW_T_FIELD_NAME); /* the keyword out-of-hours */
    assert_int_equal(l->val[4].kw, PW_KW_OUT_OF_HOURS);
    assert_string_equal(l->val[5].name.text, "share_now");
    assert_int_equal(pw_diag_error_count(l->diag), 4);
    assert_message(l, "1:11: error[E0011]: an en dash (U+2013) in 'early\xE2\x80\x93help'");
    assert_message(l, "help: write '-' (the hyphen on the keyboard): no-further-action");
    assert_message(l, "error[E0014]: an invisible character inside the name 'share_now': "
                      "a zero-width space (U+200B)");
    done(l);
}

static void test_arrows_written_another_way(void **state)
{
    (void)state;
    lexed *l = LEX("a => b\nc \xE2\x80\x93> d\ne > f\ng: h\ni --> j\nk \xE2\x87\x92 l");
    assert_int_equal(l->n, 18);
    for (int i = 0; i < 18; i += 3) {
        assert_int_equal(l->tok[i], PW_T_IDENT);
        assert_int_equal(l->tok[i + 1], PW_T_ARROW);
        assert_int_equal(l->tok[i + 2], PW_T_IDENT);
    }
    assert_int_equal(pw_diag_error_count(l->diag), 6);
    assert_message(l, "1:3: error[E0012]: an arrow is written '->', not '=>'");
    assert_message(l, "help: write '->': a -> b");
    assert_message(l, "4:2: error[E0012]: the answer 'g' leads on with '->', not ':'");
    done(l);
}

static void test_colon_after_a_keyword_is_left_out(void **state)
{
    (void)state;
    lexed *l = LEX("owner: \"x\" kind: advice");
    assert_int_equal(l->n, 4);
    assert_int_equal(l->tok[1], PW_T_STRING);
    assert_int_equal(l->tok[3], PW_T_IDENT);
    assert_int_equal(pw_diag_error_count(l->diag), 2);
    assert_message(l, "1:6: error[E0019]: a ':' after 'owner'");
    done(l);
}

static void test_dates_written_another_way(void **state)
{
    (void)state;
    lexed *l = LEX("31/12/2027 2027-12-1 2027/6/30 2027\xE2\x80\x93" "12\xE2\x80\x93" "31 "
                   "31/11/2027 3/4/2027");
    assert_int_equal(l->n, 6);
    for (int i = 0; i < 6; i++)
        assert_int_equal(l->tok[i], PW_T_DATE);
    int want[][3] = {{2027, 12, 31}, {2027, 12, 1}, {2027, 6, 30}, {2027, 12, 31},
                     {0, 0, 0}, {2027, 4, 3}};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(l->val[i].date.year, want[i][0]);
        assert_int_equal(l->val[i].date.month, want[i][1]);
        assert_int_equal(l->val[i].date.day, want[i][2]);
    }
    assert_int_equal(pw_diag_error_count(l->diag), 6);
    assert_message(l, "1:1: error[E0010]: the date '31/12/2027' is written day/month/year");
    assert_message(l, "help: write dates as YYYY-MM-DD: 2027-12-01");
    assert_message(l, "error[E0007]: 31/11/2027 is not a date: November 2027 has 30 days");
    assert_message(l, "note: read as 3 April 2027 (day/month/year); if you meant 4 March, "
                      "write 2027-03-04");
    done(l);
}

static void test_ranges_with_a_hyphen(void **state)
{
    (void)state;
    lexed *l = LEX("within 1-2 working-days score 0-27 band 4\xE2\x80\x93" "6");
    int want[] = {PW_T_WITHIN, PW_T_INT, PW_T_IDENT, PW_T_SCORE, PW_T_INT,
                  PW_T_DOTDOT, PW_T_INT, PW_T_BAND, PW_T_INT, PW_T_DOTDOT, PW_T_INT};
    assert_int_equal(l->n, 11);
    for (int i = 0; i < 11; i++)
        assert_int_equal(l->tok[i], want[i]);
    assert_int_equal(l->val[1].integer, 2); /* a timescale: the longest */
    assert_int_equal(l->val[4].integer, 0);
    assert_int_equal(l->val[6].integer, 27);
    assert_int_equal(l->val[10].integer, 6);
    assert_int_equal(pw_diag_error_count(l->diag), 3);
    assert_message(l, "error[E0016]: a timescale is one number, not the range '1-2'");
    assert_message(l, "help: give the longest, 'within 2 working-days'");
    assert_message(l, "error[E0017]: a range is written with two dots, not '-': '0-27'");
    done(l);
}

static void test_unquoted_text_after_a_text_field(void **state)
{
    (void)state;
    lexed *l = LEX("hours 24/7 }\nphone 0300 123 4043 hours \"x\"\nwithin 4 hours }\n"
                   "do Write it down\"\nowner \xE2\x80\x9CHSCP\xE2\x80\x9D");
    int want[] = {PW_T_HOURS, PW_T_STRING, '}', PW_T_FIELD_TEXT, PW_T_STRING,
                  PW_T_HOURS, PW_T_STRING, PW_T_WITHIN, PW_T_INT, PW_T_HOURS, '}',
                  PW_T_FIELD_TEXT, PW_T_STRING, PW_T_FIELD_TEXT, PW_T_STRING};
    assert_int_equal(l->n, 15);
    for (int i = 0; i < 15; i++)
        assert_int_equal(l->tok[i], want[i]);
    assert_string_equal(l->val[1].text.text, "24/7");
    assert_string_equal(l->val[4].text.text, "0300 123 4043");
    assert_string_equal(l->val[12].text.text, "Write it down");
    assert_string_equal(l->val[14].text.text, "HSCP");
    assert_int_equal(pw_diag_error_count(l->diag), 4); /* and the curly quotes */
    assert_message(l, "1:7: error[E0018]: text without quotes after 'hours'");
    assert_message(l, "help: text goes in straight double quotes: phone \"0300 123 4043\"");
    assert_message(l, "4:4: error[E0018]: text without its opening quote after 'do'");
    done(l);
}

static void test_unicode_spaces_are_spaces(void **state)
{
    (void)state;
    lexed *l = LEX("owner\xC2\xA0\"x\"\xE2\x80\x89\xE2\x80\x89next a");
    assert_int_equal(l->n, 4);
    assert_int_equal(l->tok[1], PW_T_STRING);
    assert_int_equal(pw_diag_error_count(l->diag), 2);
    assert_message(l, "1:6: error[E0013]: a non-breaking space (U+00A0) outside text");
    assert_message(l, "help: replace them with ordinary spaces");
    done(l);
}

static void test_backslash_at_end_of_line(void **state)
{
    (void)state;
    lexed *l = LEX("\"first \\\n  second\" next");
    assert_int_equal(l->n, 2);
    assert_string_equal(l->val[0].text.text, "first second");
    assert_int_equal(pw_diag_error_count(l->diag), 1);
    assert_message(l, "1:8: error[E0004]: a backslash cannot continue text");
    done(l);
}

static void test_columns_count_code_points(void **state)
{
    (void)state;
    lexed *l = LEX("\"\xC3\xA9t\xC3\xA9\" \t x\n  y");
    unsigned line, col;
    column_of(l, 1, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 9); /* "été" is 5 code points, then space, tab */
    column_of(l, 2, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
    done(l);
}

static void test_token_spans(void **state)
{
    (void)state;
    lexed *l = LEX("next   update_records");
    assert_int_equal(l->loc[0].begin, 0);
    assert_int_equal(l->loc[0].end, 4);
    assert_int_equal(l->loc[1].begin, 7);
    assert_int_equal(l->loc[1].end, 21);
    done(l);
}

static void test_crlf_line_endings(void **state)
{
    (void)state;
    lexed *l = LEX("step\r\nnext\r\n");
    assert_int_equal(l->n, 2);
    unsigned line, col;
    column_of(l, 1, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 1);
    assert_int_equal(pw_diag_error_count(l->diag), 0);
    done(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keywords_and_names),
        cmocka_unit_test(test_arrow_splits_names),
        cmocka_unit_test(test_trailing_hyphen_is_not_a_name),
        cmocka_unit_test(test_punctuation),
        cmocka_unit_test(test_numbers_and_ranges),
        cmocka_unit_test(test_number_overflow),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_every_escape),
        cmocka_unit_test(test_bad_escapes),
        cmocka_unit_test(test_unterminated_string_points_at_quote),
        cmocka_unit_test(test_unterminated_at_end_of_file),
        cmocka_unit_test(test_control_characters_in_strings),
        cmocka_unit_test(test_valid_utf8),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_invalid_utf8_in_comment_and_outside),
        cmocka_unit_test(test_byte_order_mark),
        cmocka_unit_test(test_stray_characters_name_themselves),
        cmocka_unit_test(test_wrong_quotes_read_as_text),
        cmocka_unit_test(test_lookalike_tokens),
        cmocka_unit_test(test_dash_lookalikes_give_the_name_meant),
        cmocka_unit_test(test_arrows_written_another_way),
        cmocka_unit_test(test_colon_after_a_keyword_is_left_out),
        cmocka_unit_test(test_dates_written_another_way),
        cmocka_unit_test(test_ranges_with_a_hyphen),
        cmocka_unit_test(test_unquoted_text_after_a_text_field),
        cmocka_unit_test(test_unicode_spaces_are_spaces),
        cmocka_unit_test(test_backslash_at_end_of_line),
        cmocka_unit_test(test_columns_count_code_points),
        cmocka_unit_test(test_token_spans),
        cmocka_unit_test(test_crlf_line_endings),
    };
    return cmocka_run_group_tests_name("lexer", tests, NULL, NULL);
}
