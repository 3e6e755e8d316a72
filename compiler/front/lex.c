#include "front/lex.h"

#include "front/trivia.h"
#include "support/dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pw_lex_token(pw_parser *p, const pw_span *loc, int token, pw_keyword kw)
{
    p->prev2_tok = p->prev_tok;
    p->prev_tok = p->last_tok;
    p->last_tok = *loc;
    p->tok_kw[2] = p->tok_kw[1];
    p->tok_kw[1] = p->tok_kw[0];
    p->tok_kw[0] = kw;
    return token;
}

/* Room for one more item in a growable array of *n items, *cap allotted. */
static void *grow(void *a, size_t *n, size_t *cap, size_t size)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        a = pw_xrealloc(a, *cap, size);
    }
    return a;
}

void pw_lex_open(pw_parser *p, uint32_t offset)
{
    p->braces = grow(p->braces, &p->nbraces, &p->capbraces, sizeof *p->braces);
    p->braces[p->nbraces++] = offset;
    pw_trivia *t = p->trivia;
    if (!t)
        return;
    t->braces = grow(t->braces, &t->nbraces, &t->capbraces, sizeof *t->braces);
    t->open = grow(t->open, &t->nopen, &t->capopen, sizeof *t->open);
    t->open[t->nopen++] = t->nbraces;
    t->braces[t->nbraces++] = (pw_brace){offset, 0, p->last_tok.end};
}

void pw_lex_close(pw_parser *p, uint32_t offset)
{
    if (p->nbraces)
        p->nbraces--;
    pw_trivia *t = p->trivia;
    if (t && t->nopen)
        t->braces[t->open[--t->nopen]].close = offset;
}

/* ---- errors ----------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_length(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

void pw_lex_bad_utf8(pw_parser *p, pw_span at, unsigned byte)
{
    /* One report for a run of bad bytes: the rest of a broken sequence
     * adds nothing. */
    bool more = p->bad_utf8_end == at.begin && at.begin > 0;
    p->bad_utf8_end = at.begin + 1;
    if (more)
        return;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0001", p->src,
                                     (pw_span){at.begin, at.begin + 1},
                                     "invalid UTF-8: byte 0x%02X", byte);
    pw_diag_help(g, "save the file as UTF-8 text");
}

void pw_lex_comment(pw_parser *p, pw_span at, const char *s, size_t n)
{
    pw_trivia *t = p->trivia;
    if (t) {
        t->comments = grow(t->comments, &t->ncomments, &t->capcomments,
                           sizeof *t->comments);
        t->comments[t->ncomments++] = (pw_comment){at, p->last_tok.end};
    }
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_length(u + i, n - i);
        if (!len) {
            pw_lex_bad_utf8(p, (pw_span){at.begin + (uint32_t)i, 0}, u[i]);
            len = 1;
        }
        i += len;
    }
}

static unsigned decode(const unsigned char *s, size_t n)
{
    if (n == 1)
        return s[0];
    unsigned c = s[0] & (0xFF >> (n + 1));
    for (size_t i = 1; i < n; i++)
        c = (c << 6) | (s[i] & 0x3F);
    return c;
}

void pw_lex_stray(pw_parser *p, pw_span at, const char *s, size_t n)
{
    unsigned c = decode((const unsigned char *)s, n);
    pw_diagnostic *g;
    if (c == '\'')
        g = pw_diag_error(p->diag, "E0002", p->src, at,
                          "unexpected character \"'\"");
    else if (c >= 0x21 && c < 0x7F)
        g = pw_diag_error(p->diag, "E0002", p->src, at,
                          "unexpected character '%.*s'", (int)n, s);
    else if (c >= 0x80 && c != 0xFEFF && !(c >= 0x200B && c <= 0x200F) &&
             !(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069))
        g = pw_diag_error(p->diag, "E0002", p->src, at,
                          "unexpected character '%.*s' (U+%04X)", (int)n, s, c);
    else
        g = pw_diag_error(p->diag, "E0002", p->src, at,
                          "unexpected invisible character U+%04X", c);
    if (c == '\'' || c == 0x201C || c == 0x201D)
        pw_diag_help(g, "text goes in straight double quotes: \"like this\"");
    else if (c == '-' || c == '>')
        pw_diag_help(g, "answers lead on with '->', as in: yes -> call_999");
    else if (c == '.')
        pw_diag_help(g, "ranges are written with two dots, as in: score 0..27");
    else
        pw_diag_help(g, "remove it; outside quotes a pathway uses names, "
                        "numbers, dates, '{', '}', ',', '->' and '..'");
}

/* s is YYYY-MM-DD (the scanner's pattern): what is a date is
 * support/dates.h's to say, the messages are the lexer's. */
void pw_lex_date(pw_parser *p, pw_span at, const char *s, pw_date *out)
{
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    pw_diagnostic *g = NULL;
    *out = (pw_date){0, 0, 0, at};
    switch (pw_date_check(y, m, d)) {
    case PW_DATE_OK:
        *out = (pw_date){y, m, d, at};
        return;
    case PW_DATE_NO_MONTH:
        g = pw_diag_error(p->diag, "E0007", p->src, at,
                          "%.10s is not a date: there is no month %d", s, m);
        break;
    case PW_DATE_NO_DAY:
        g = pw_diag_error(p->diag, "E0007", p->src, at,
                          "%.10s is not a date: there is no day 0", s);
        break;
    case PW_DATE_PAST_MONTH_END:
        g = pw_diag_error(p->diag, "E0007", p->src, at,
                          "%.10s is not a date: %s %d has %d days", s,
                          pw_date_month_name(m), y, pw_date_days_in_month(y, m));
        break;
    case PW_DATE_IMPLAUSIBLE:
        g = pw_diag_error(p->diag, "E0007", p->src, at,
                          "%.10s is not a plausible date", s);
        break;
    }
    pw_diag_help(g, "dates are written YYYY-MM-DD, as in 2025-11-30");
}

int32_t pw_lex_int(pw_parser *p, pw_span at, const char *s, size_t n)
{
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        v = v * 10 + (s[i] - '0');
        if (v > INT32_MAX) {
            pw_diagnostic *g = pw_diag_error(p->diag, "E0008", p->src, at,
                                             "number too large: %.*s", (int)n, s);
            pw_diag_help(g, "numbers go from 0 to 2147483647");
            return INT32_MAX;
        }
    }
    return (int32_t)v;
}

/* ---- strings ---------------------------------------------------------- */

void pw_lex_string_begin(pw_parser *p, uint32_t quote)
{
    p->string_start = quote;
    p->buflen = 0;
    p->string_bad = false;
}

void pw_lex_put(pw_parser *p, const char *s, size_t n)
{
    if (p->buflen + n + 1 > p->bufcap) {
        while (p->buflen + n + 1 > p->bufcap)
            p->bufcap = p->bufcap ? 2 * p->bufcap : 256;
        p->buf = pw_xrealloc(p->buf, p->bufcap, 1);
    }
    memcpy(p->buf + p->buflen, s, n);
    p->buflen += n;
}

void pw_lex_putc(pw_parser *p, char c)
{
    pw_lex_put(p, &c, 1);
}

static void put_codepoint(pw_parser *p, unsigned c)
{
    char b[4];
    size_t n;
    if (c < 0x80) {
        b[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (c >> 18));
        b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    pw_lex_put(p, b, n);
}

void pw_lex_unicode(pw_parser *p, pw_span at, const char *hex, size_t n)
{
    unsigned long c = strtoul(hex, NULL, 16);
    (void)n;
    if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        pw_diagnostic *g = pw_diag_error(
            p->diag, "E0005", p->src, at,
            c == 0 ? "\\u{0} is not allowed in text"
                   : "\\u{%lX} is not a Unicode character", c);
        pw_diag_help(g, "use a code point from U+0001 to U+10FFFF, "
                        "outside the surrogates U+D800 to U+DFFF");
        p->string_bad = true;
        return;
    }
    put_codepoint(p, (unsigned)c);
}

void pw_lex_bad_unicode(pw_parser *p, pw_span at)
{
    pw_diagnostic *g = pw_diag_error(p->diag, "E0005", p->src, at,
                                     "malformed \\u escape");
    pw_diag_help(g, "write a code point as 1 to 6 hex digits in braces, "
                    "as in \\u{2014}");
    p->string_bad = true;
}

void pw_lex_bad_escape(pw_parser *p, pw_span at, const char *s, size_t n)
{
    if (s[1] == 'u') {
        pw_lex_bad_unicode(p, at);
        return;
    }
    pw_diagnostic *g = pw_diag_error(p->diag, "E0004", p->src, at,
                                     "unknown escape '%.*s'", (int)n, s);
    pw_diag_help(g, "the escapes are \\\", \\\\, \\n, \\t and \\u{XXXX}; "
                        "write \\\\ for a backslash");
    p->string_bad = true;
}

void pw_lex_lone_backslash(pw_parser *p, pw_span at)
{
    pw_diagnostic *g = pw_diag_error(p->diag, "E0004", p->src, at,
                                     "a backslash must start an escape");
    pw_diag_help(g, "write \\\\ for a backslash");
    p->string_bad = true;
}

void pw_lex_backslash_newline(pw_parser *p, pw_span at)
{
    pw_diagnostic *g = pw_diag_error(p->diag, "E0004", p->src,
                                     (pw_span){at.begin, at.begin + 1},
                                     "a backslash cannot continue text on the "
                                     "next line");
    pw_diag_help(g, "close the text and open a new one on the next line: "
                    "\"first part \" \"second part\"");
    p->string_bad = true; /* read on, joining the lines as the author meant */
}

void pw_lex_lookalike(pw_parser *p, pw_span at, const char *s, size_t n,
                      const char *meant)
{
    unsigned c = decode((const unsigned char *)s, n);
    pw_diagnostic *g =
        c < 0x80 ? pw_diag_error(p->diag, "E0002", p->src, at,
                                 "unexpected character '%.*s'", (int)n, s)
                 : pw_diag_error(p->diag, "E0002", p->src, at,
                                 "unexpected character '%.*s' (U+%04X)", (int)n,
                                 s, c);
    pw_diag_help(g, "write '%s'%s", meant,
                 meant[0] == '.' ? " for a range, as in: score 0..27"
                                 : " (a hyphen and a greater-than sign)");
}

void pw_lex_wrong_quote(pw_parser *p, pw_span at, const char *s, size_t n)
{
    unsigned c = decode((const unsigned char *)s, n);
    pw_diagnostic *g =
        c == '\''
            ? pw_diag_error(p->diag, "E0002", p->src, at,
                            "text in single quotes")
            : pw_diag_error(p->diag, "E0002", p->src, at,
                            "text in curly quotes '%.*s' (U+%04X)", (int)n, s, c);
    pw_diag_help(g, "text goes in straight double quotes: \"like this\"");
    /* the closing quote that matches: ” for “, ’ for ‘, ' for ' */
    const char *close = c == 0x201C ? "\xE2\x80\x9D" : c == 0x2018 ? "\xE2\x80\x99" : "'";
    strcpy(p->close_quote, close);
    pw_lex_string_begin(p, at.begin);
}

bool pw_lex_quote_closes(pw_parser *p, const char *s, size_t n)
{
    if (strlen(p->close_quote) == n && memcmp(s, p->close_quote, n) == 0)
        return true;
    pw_lex_put(p, s, n);
    return false;
}

void pw_lex_control(pw_parser *p, pw_span at, unsigned c)
{
    pw_diagnostic *g = pw_diag_error(p->diag, "E0006", p->src, at,
                                     "control character U+%04X in text", c);
    pw_diag_help(g, c == '\r' ? "save the file with Unix (LF) or Windows (CRLF) "
                                "line endings"
                              : "remove it; write \\t for a tab or \\n for a "
                                "new line");
    p->string_bad = true;
}

static void finish(pw_parser *p, pw_span *loc, pw_text *out)
{
    loc->begin = p->string_start;
    out->text = pw_arena_strndup(p->arena, p->buf ? p->buf : "", p->buflen);
    out->span = *loc;
}

void pw_lex_string_end(pw_parser *p, pw_span *loc, pw_text *out)
{
    finish(p, loc, out);
}

void pw_lex_unterminated(pw_parser *p, pw_span *loc, pw_text *out)
{
    uint32_t end = loc->begin; /* before the newline, or at the end */
    pw_diagnostic *g = pw_diag_error(p->diag, "E0003", p->src,
                                     (pw_span){p->string_start, p->string_start + 1},
                                     "unterminated text: no closing '\"'");
    pw_diag_help(g, "close the text with '\"' on the same line; to go on over "
                    "several lines, close it and open a new one: \"first part \" "
                    "\"second part\"");
    loc->end = end;
    finish(p, loc, out);
}
