#include "front/lex.h"

#include "front/trivia.h"
#include "support/dates.h"
#include "support/suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

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

void pw_lex_slash_comment(pw_parser *p, pw_span at, const char *s, size_t n)
{
    const char *rest = s + 2;
    int m = (int)(n - 2);
    while (m > 0 && (*rest == ' ' || *rest == '\t'))
        rest++, m--;
    while (m > 0 && (rest[m - 1] == ' ' || rest[m - 1] == '\t' || rest[m - 1] == '\r'))
        m--;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0002", p->src, (pw_span){at.begin, at.begin + 2},
                                     "'//' does not begin a comment in a pathway");
    if (m > 60)
        for (m = 60; m > 0 && ((unsigned char)rest[m] & 0xC0) == 0x80;)
            m--; /* not in the middle of a character */
    pw_diag_help(g, "begin a comment with '#' instead: # %.*s%s", m, rest,
                 (int)(n - 2) > 60 ? "..." : "");
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

static bool is_dash(unsigned c);
static bool is_invisible(unsigned c);
static const char *describe_char(unsigned c, char *buf, size_t size);

void pw_lex_stray(pw_parser *p, pw_span at, const char *s, size_t n)
{
    unsigned c = decode((const unsigned char *)s, n);
    pw_diagnostic *g;
    if (is_invisible(c)) {
        pw_lex_invisible(p, at, s, n);
        return;
    }
    if (c == '\'')
        g = pw_diag_error(p->diag, "E0002", p->src, at,
                          "unexpected character \"'\"");
    else if (is_dash(c)) {
        char what[80];
        g = pw_diag_error(p->diag, "E0011", p->src, at,
                          "%s on its own, as a word processor writes '-'",
                          describe_char(c, what, sizeof what));
    } else if (c >= 0x21 && c < 0x7F)
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
    else if ((c == '-' || is_dash(c)) && at.end < p->src->size &&
             p->src->text[at.end] >= '0' && p->src->text[at.end] <= '9')
        pw_diag_help(g, "numbers are written without a sign: there are no "
                        "numbers below 0");
    else if (c == '-' || is_dash(c))
        pw_diag_help(g, "a '-' joins two words of a name, with no space around "
                        "it (early-help), and begins the arrow '->' of an "
                        "answer (yes -> call_999)");
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

void pw_lex_bracket(pw_parser *p, pw_span at, char c)
{
    bool open = c == '(' || c == '[';
    pw_diagnostic *g = pw_diag_error(p->diag, "E0002", p->src, at,
                                     "a '%c' where a block %s: blocks are written "
                                     "with '{' and '}'", c, open ? "opens" : "closes");
    pw_diag_help(g, "write '%c'", open ? '{' : '}');
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

/* ---- what an author pasted or wrote another way ----------------------- */

/* The characters a word processor or a web page puts in for plain ones,
 * named as an author would know them. */
static const struct {
    unsigned c;
    const char *name;
} char_names[] = {
    {0x00A0, "a non-breaking space"},
    {0x00AD, "a soft hyphen"},
    {0x1680, "an Ogham space mark"},
    {0x2000, "an en quad space"},
    {0x2001, "an em quad space"},
    {0x2002, "an en space"},
    {0x2003, "an em space"},
    {0x2004, "a three-per-em space"},
    {0x2005, "a four-per-em space"},
    {0x2006, "a six-per-em space"},
    {0x2007, "a figure space"},
    {0x2008, "a punctuation space"},
    {0x2009, "a thin space"},
    {0x200A, "a hair space"},
    {0x200B, "a zero-width space"},
    {0x200C, "a zero-width non-joiner"},
    {0x200D, "a zero-width joiner"},
    {0x200E, "a left-to-right mark"},
    {0x200F, "a right-to-left mark"},
    {0x2010, "a typographic hyphen"},
    {0x2011, "a non-breaking hyphen"},
    {0x2012, "a figure dash"},
    {0x2013, "an en dash"},
    {0x2014, "an em dash"},
    {0x2015, "a horizontal bar"},
    {0x202F, "a narrow non-breaking space"},
    {0x205F, "a medium mathematical space"},
    {0x2060, "a word joiner"},
    {0x2192, "a right arrow"},
    {0x21D2, "a double right arrow"},
    {0x21E8, "a white right arrow"},
    {0x2212, "a minus sign"},
    {0x2794, "a heavy right arrow"},
    {0x279C, "a heavy round-tipped right arrow"},
    {0x27F6, "a long right arrow"},
    {0x2B62, "a right arrow"},
    {0x3000, "an ideographic space"},
    {0xFE63, "a small hyphen-minus"},
    {0xFEFF, "a byte order mark"},
    {0xFF0D, "a full-width hyphen-minus"},
};

static const char *char_name(unsigned c)
{
    for (size_t i = 0; i < sizeof char_names / sizeof *char_names; i++)
        if (char_names[i].c == c)
            return char_names[i].name;
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        return "a text-direction mark";
    return NULL;
}

static bool is_dash(unsigned c)
{
    return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE63 ||
           c == 0xFF0D;
}

static bool is_invisible(unsigned c)
{
    return (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF ||
           c == 0x00AD || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

/* The code point at s (at most n bytes), its length in *len (1 for a
 * byte that is not valid UTF-8). */
static unsigned code_at(const char *s, size_t n, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    *len = utf8_length(u, n);
    if (!*len) {
        *len = 1;
        return u[0];
    }
    return decode(u, *len);
}

/* "an en dash (U+2013)", into buf. */
static const char *describe_char(unsigned c, char *buf, size_t size)
{
    const char *name = char_name(c);
    if (name)
        snprintf(buf, size, "%s (U+%04X)", name, c);
    else
        snprintf(buf, size, "the character U+%04X", c);
    return buf;
}

static bool is_name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool is_alnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* How much of s[0..n) a message quotes: at most 60 bytes, not cutting a
 * character in two; CLIPPED says whether "..." follows. */
static int clip(const char *s, size_t n)
{
    size_t m = n > 60 ? 60 : n;
    while (m < n && m > 0 && ((unsigned char)s[m] & 0xC0) == 0x80)
        m--;
    return (int)m;
}
#define CLIPPED(s, n) ((size_t)clip(s, n) < (n) ? "..." : "")

/* The word (letters, digits, '_', '-') at offset, after any spaces or
 * tabs; its length in *n (0: none on this line). */
static const char *word_after(const pw_parser *p, uint32_t offset, int *n)
{
    const char *s = p->src->text;
    size_t i = offset;
    while (i < p->src->size && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t j = i;
    while (j < p->src->size && is_name_char(s[j]))
        j++;
    *n = (int)(j - i);
    return s + i;
}

bool pw_lex_hours_is_unit(const pw_parser *p)
{
    pw_keyword k = p->tok_kw[1];
    return p->tok_kw[0] == PW_KW_NONE &&
           (k == PW_KW_WITHIN || k == PW_KW_TARGET || k == PW_KW_REVIEW_AFTER);
}

/* s[0..n) with every dash look-alike made '-' and every invisible
 * character left out, in the arena; the first look-alike of each sort at
 * *dash and *hidden (offsets in s; n when there is none), and its code
 * point in *dash_c, *hidden_c. */
static char *plain_word(pw_parser *p, const char *s, size_t n, size_t *dash,
                        unsigned *dash_c, size_t *dash_len, size_t *hidden,
                        unsigned *hidden_c, size_t *hidden_len)
{
    char *out = pw_arena_alloc(p->arena, n + 1);
    size_t k = 0;
    *dash = *hidden = n;
    *dash_c = *hidden_c = 0;
    *dash_len = *hidden_len = 0;
    for (size_t i = 0; i < n;) {
        size_t len;
        unsigned c = code_at(s + i, n - i, &len);
        if (c < 0x80) {
            out[k++] = (char)c;
        } else if (is_dash(c)) {
            if (*dash == n) {
                *dash = i;
                *dash_c = c;
                *dash_len = len;
            }
            out[k++] = '-';
        } else if (*hidden == n) {
            *hidden = i;
            *hidden_c = c;
            *hidden_len = len;
        }
        i += len;
    }
    out[k] = '\0';
    return out;
}

pw_keyword pw_lex_word(pw_parser *p, pw_span at, const char *s, size_t n,
                       pw_name *out)
{
    size_t dash, hidden, dash_len, hidden_len;
    unsigned dash_c, hidden_c;
    char *word = plain_word(p, s, n, &dash, &dash_c, &dash_len, &hidden,
                            &hidden_c, &hidden_len);
    char what[80];
    pw_diagnostic *g;
    if (dash < n) {
        g = pw_diag_error(p->diag, "E0011", p->src,
                          (pw_span){at.begin + (uint32_t)dash,
                                    at.begin + (uint32_t)(dash + dash_len)},
                          "%s in '%.*s', as a word processor writes '-'",
                          describe_char(dash_c, what, sizeof what), (int)n, s);
        pw_diag_help(g, "write '-' (the hyphen on the keyboard): %s", word);
    } else {
        g = pw_diag_error(p->diag, "E0014", p->src,
                          (pw_span){at.begin + (uint32_t)hidden,
                                    at.begin + (uint32_t)(hidden + hidden_len)},
                          "an invisible character inside the name '%s': %s",
                          word, describe_char(hidden_c, what, sizeof what));
        pw_diag_help(g, "retype the name, which leaves it out: %s", word);
    }
    out->text = word;
    out->span = at;
    return pw_keyword_find(word, strlen(word));
}

pw_keyword pw_lex_dash_end(pw_parser *p, pw_span at, const char *s, size_t n,
                           pw_name *out)
{
    size_t k = 0;
    while (k < n && is_name_char(s[k]))
        k++;
    while (k > 0 && s[k - 1] == '-') /* the name ends before its dashes */
        k--;
    out->text = pw_arena_strndup(p->arena, s, k);
    out->span = (pw_span){at.begin, at.begin + (uint32_t)k};
    pw_span dashes = {at.begin + (uint32_t)k, at.end};
    size_t len;
    unsigned c = code_at(s + k, n - k, &len);
    char what[80];
    pw_diagnostic *g =
        c == '-' ? pw_diag_error(p->diag, "E0015", p->src, dashes,
                                 "a name cannot end with '-': '%.*s'", (int)n, s)
                 : pw_diag_error(p->diag, "E0015", p->src, dashes,
                                 "a name cannot end with a dash: '%.*s' ends "
                                 "with %s", (int)n, s,
                                 describe_char(c, what, sizeof what));
    pw_diag_help(g, "write '%s'; a '-' only joins two words of a name, as in "
                    "early-help", out->text);
    return pw_keyword_find(out->text, k);
}

void pw_lex_space(pw_parser *p, pw_span at, const char *s, size_t n)
{
    size_t i = 0, len = 1;
    unsigned c = 0;
    int count = 0;
    size_t first = n, first_len = 0;
    unsigned first_c = 0;
    for (; i < n; i += len) {
        c = code_at(s + i, n - i, &len);
        if (c >= 0x80) {
            count++;
            if (first == n) {
                first = i;
                first_len = len;
                first_c = c;
            }
        }
    }
    char what[80];
    pw_diagnostic *g = pw_diag_error(
        p->diag, "E0013", p->src,
        (pw_span){at.begin + (uint32_t)first, at.begin + (uint32_t)(first + first_len)},
        "%s%s outside text, as a word processor puts between words",
        describe_char(first_c, what, sizeof what),
        count > 1 ? ", and more like it," : "");
    /* police<U+00A0>emergency: one space between two words, which may be
     * the two words of one name (not a keyword and its value) */
    const char *t = p->src->text;
    uint32_t w = at.begin;
    while (w > 0 && is_name_char(t[w - 1]))
        w--;
    int an;
    const char *after = word_after(p, at.end, &an);
    bool two_words = count == 1 && first == 0 && first_len == n && w < at.begin &&
                     (is_alnum(t[w]) || t[w] == '_') && !(t[w] >= '0' && t[w] <= '9') &&
                     after == t + at.end && an > 0;
    if (two_words && !pw_keyword_find(t + w, at.begin - w))
        pw_diag_help(g, "replace it with an ordinary space, or with '_' if the words "
                        "are one name: %.*s_%.*s", clip(t + w, at.begin - w), t + w,
                     clip(after, (size_t)an), after);
    else
        pw_diag_help(g, count > 1 ? "replace them with ordinary spaces"
                                  : "replace it with an ordinary space");
}

bool pw_lex_spaced_word(pw_parser *p, pw_span at, const char *s, size_t n, pw_name *out,
                        pw_keyword *kw)
{
    size_t a = 0;
    while (a < n && (unsigned char)s[a] < 0x80)
        a++;
    size_t len;
    code_at(s + a, n - a, &len);
    size_t b = a + len;
    char dashed[64];
    if (n - len + 1 >= sizeof dashed)
        return false;
    snprintf(dashed, sizeof dashed, "%.*s-%.*s", (int)a, s, (int)(n - b), s + b);
    bool word = pw_unit_find(dashed) != PW_UNIT_NONE;
    for (int set = PW_WORDS_NONE + 1; set < PW_WORDS_COUNT && !word; set++)
        word = pw_word_find((pw_word_set)set, dashed) != 0;
    *kw = pw_keyword_find(dashed, n - len + 1);
    if (!word && !*kw)
        return false;
    out->text = pw_arena_strndup(p->arena, dashed, n - len + 1);
    out->span = at;
    unsigned c = decode((const unsigned char *)s + a, len);
    char what[80];
    pw_diagnostic *g = pw_diag_error(
        p->diag, "E0013", p->src,
        (pw_span){at.begin + (uint32_t)a, at.begin + (uint32_t)b},
        "%s outside text, as a word processor puts between words",
        describe_char(c, what, sizeof what));
    pw_diag_help(g, "replace it with '-': %s", dashed);
    return true;
}

void pw_lex_invisible(pw_parser *p, pw_span at, const char *s, size_t n)
{
    size_t len;
    unsigned c = code_at(s, n, &len);
    char what[80];
    pw_diagnostic *g = pw_diag_error(p->diag, "E0014", p->src,
                                     (pw_span){at.begin, at.begin + (uint32_t)len},
                                     "an invisible character: %s",
                                     describe_char(c, what, sizeof what));
    int wn;
    const char *next = word_after(p, at.begin + (uint32_t)n, &wn);
    if (c == 0xFEFF)
        pw_diag_help(g, "delete it: it is only allowed at the very start of "
                        "the file, where it marks the file as UTF-8");
    else if (wn > 0 && at.begin + n < p->src->size && is_name_char(p->src->text[at.begin + n]))
        pw_diag_help(g, "delete it: it stands for nothing, and cannot be seen "
                        "(it is just before '%.*s')", wn, next);
    else
        pw_diag_help(g, "delete it: it stands for nothing, and cannot be seen");
}

/* "yes -> call_999" for an arrow written another way at [at]: the name
 * before it (the last token, when a name on the same line) and the word
 * after it, into help; false when either is missing. */
static bool arrow_fix(const pw_parser *p, pw_span at, char *buf, size_t size)
{
    const char *s = p->src->text;
    uint32_t b = p->last_tok.begin, e = p->last_tok.end;
    if (e <= b || e > at.begin || !(is_name_char(s[b]) || s[b] == '"') || s[b] == '-')
        return false;
    for (uint32_t i = e; i < at.begin; i++)
        if (s[i] == '\n')
            return false;
    /* what goes before it: the line up to the arrow (`band 14..27`,
     * `yes "Label"`), when short enough to show */
    b = at.begin;
    while (b > 0 && s[b - 1] != '\n')
        b--;
    while (b < at.begin && (s[b] == ' ' || s[b] == '\t'))
        b++;
    e = at.begin;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    if (e <= b || e - b > 80)
        b = p->last_tok.begin, e = p->last_tok.end;
    int tn;
    const char *target = word_after(p, at.end, &tn);
    if (tn == 0 || (target[0] >= '0' && target[0] <= '9') || target[0] == '-')
        return false;
    snprintf(buf, size, "%.*s -> %.*s", (int)(e - b), s + b, tn, target);
    return true;
}

void pw_lex_arrow(pw_parser *p, pw_span at, const char *s, size_t n)
{
    char what[80];
    pw_diagnostic *g;
    size_t len;
    unsigned c = code_at(s, n, &len);
    size_t dash = n;
    unsigned dash_c = 0;
    for (size_t i = 0; i < n; i += len) {
        unsigned d = code_at(s + i, n - i, &len);
        if (is_dash(d)) {
            dash = i;
            dash_c = d;
            break;
        }
    }
    bool space = memchr(s, ' ', n) || memchr(s, '\t', n);
    if (c >= 0x80 && !is_dash(c))
        g = pw_diag_error(p->diag, "E0012", p->src, at,
                          "%s '%.*s' (U+%04X), as a word processor writes '->'",
                          char_name(c) ? char_name(c) : "an arrow", (int)n, s, c);
    else if (dash < n)
        g = pw_diag_error(p->diag, "E0012", p->src, at,
                          "the arrow '%.*s' is written with %s, as a word "
                          "processor writes '-'", (int)n, s,
                          describe_char(dash_c, what, sizeof what));
    else if (n == 1)
        g = pw_diag_error(p->diag, "E0012", p->src, at,
                          "a '>' without the '-' of the arrow '->'");
    else if (space)
        g = pw_diag_error(p->diag, "E0012", p->src, at,
                          "a space inside the arrow: '%.*s'", (int)n, s);
    else
        g = pw_diag_error(p->diag, "E0012", p->src, at,
                          "an arrow is written '->', not '%.*s'", (int)n, s);
    char fix[160];
    if (arrow_fix(p, at, fix, sizeof fix))
        pw_diag_help(g, "write '->'%s: %s", space ? ", with no space inside it" : "",
                     fix);
    else
        pw_diag_help(g, "write '->' (a hyphen and a greater-than sign%s), as "
                        "in: yes -> call_999", space ? ", with no space between "
                                                       "them" : "");
}

bool pw_lex_colon(pw_parser *p, pw_span at)
{
    const char *s = p->src->text;
    bool same_line = p->last_tok.end > 0 || p->last_tok.begin > 0;
    for (uint32_t i = p->last_tok.end; same_line && i < at.begin; i++)
        if (s[i] == '\n')
            same_line = false;
    pw_diagnostic *g;
    if (same_line && p->tok_kw[0] != PW_KW_NONE) {
        const char *kw = pw_keyword_spelling(p->tok_kw[0]);
        g = pw_diag_error(p->diag, "E0019", p->src, at, "a ':' after '%s'", kw);
        pw_diag_help(g, "write the value straight after '%s', with no ':' "
                        "between them", kw);
        return false;
    }
    int tn;
    const char *target = word_after(p, at.end, &tn);
    if (same_line && tn > 0 && !(target[0] >= '0' && target[0] <= '9') &&
        target[0] != '-') {
        uint32_t b = p->last_tok.begin, e = p->last_tok.end;
        char fix[160];
        if (arrow_fix(p, at, fix, sizeof fix)) {
            g = pw_diag_error(p->diag, "E0012", p->src, at,
                              "the answer '%.*s' leads on with '->', not ':'",
                              (int)(e - b), s + b);
            pw_diag_help(g, "write '->': %s", fix);
        } else {
            g = pw_diag_error(p->diag, "E0012", p->src, at,
                              "an answer leads on with '->', not ':'");
            pw_diag_help(g, "write '->', as in: yes -> call_999");
        }
        return true;
    }
    g = pw_diag_error(p->diag, "E0019", p->src, at, "a ':' outside text");
    pw_diag_help(g, "leave the ':' out; text that holds one goes in quotes, "
                    "as in: note \"Out of hours: 0300 123 4567\"");
    return false;
}

/* ---- dates and ranges written another way ----------------------------- */

/* Reads the digits at s[*i..n) into *v (capped), their count in *digits. */
static void digits_at(const char *s, size_t n, size_t *i, int *v, int *digits)
{
    *v = 0;
    *digits = 0;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9') {
        if (*v < 100000)
            *v = *v * 10 + (s[*i] - '0');
        (*digits)++;
        (*i)++;
    }
}

/* Skips the separator at s[*i]: '-', '/', '.' or a dash look-alike. Its
 * code point in *c. */
static void skip_sep(const char *s, size_t n, size_t *i, unsigned *c)
{
    size_t len;
    if (*i >= n)
        return;
    *c = code_at(s + *i, n - *i, &len);
    *i += len;
}

static bool is_date_keyword(pw_keyword k)
{
    return k == PW_KW_REVIEW_BY || k == PW_KW_APPROVED_ON || k == PW_KW_VERIFIED;
}

static void bad_date(pw_parser *p, pw_span at, const char *s, size_t n, int y,
                     int m, int d)
{
    pw_diagnostic *g = NULL;
    switch (pw_date_check(y, m, d)) {
    case PW_DATE_OK:
        return;
    case PW_DATE_NO_MONTH:
        g = pw_diag_error(p->diag, "E0007", p->src, at,
                          "%.*s is not a date: there is no month %d", (int)n, s, m);
        break;
    case PW_DATE_NO_DAY:
        g = pw_diag_error(p->diag, "E0007", p->src, at,
                          "%.*s is not a date: there is no day 0", (int)n, s);
        break;
    case PW_DATE_PAST_MONTH_END:
        g = pw_diag_error(p->diag, "E0007", p->src, at,
                          "%.*s is not a date: %s %d has %d days", (int)n, s,
                          pw_date_month_name(m), y, pw_date_days_in_month(y, m));
        break;
    case PW_DATE_IMPLAUSIBLE:
        g = pw_diag_error(p->diag, "E0007", p->src, at,
                          "%.*s is not a plausible date", (int)n, s);
        break;
    }
    pw_diag_help(g, "dates are written YYYY-MM-DD, as in 2025-11-30");
}

void pw_lex_date_words(pw_parser *p, pw_span at, const char *s, size_t n, pw_date *out)
{
    static const char months[][4] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};
    int d = 0, m = 0, y = 0;
    size_t i = 0;
    *out = (pw_date){0, 0, 0, at};
    while (i < n) {
        if (isdigit((unsigned char)s[i])) {
            int v = 0, dg = 0;
            for (; i < n && isdigit((unsigned char)s[i]); i++, dg++)
                v = v * 10 + (s[i] - '0');
            if (dg == 4)
                y = v;
            else
                d = v;
            while (i < n && isalpha((unsigned char)s[i]))
                i++; /* st, nd, rd, th */
        } else if (isalpha((unsigned char)s[i])) {
            for (int k = 0; k < 12; k++)
                if (n - i >= 3 && strncasecmp(s + i, months[k], 3) == 0)
                    m = k + 1;
            while (i < n && isalpha((unsigned char)s[i]))
                i++;
        } else {
            i++;
        }
    }
    if (pw_date_check(y, m, d) != PW_DATE_OK) {
        bad_date(p, at, s, n, y, m, d);
        return;
    }
    *out = (pw_date){y, m, d, at};
    pw_diagnostic *g = pw_diag_error(p->diag, "E0010", p->src, at,
                                     "the date '%.*s' is written in words", (int)n, s);
    pw_diag_help(g, "write dates as YYYY-MM-DD: %04d-%02d-%02d", y, m, d);
}

void pw_lex_date_other(pw_parser *p, pw_span at, const char *s, size_t n,
                       pw_date *out)
{
    size_t i = 0;
    int v[3], dg[3];
    unsigned sep[2] = {'-', '-'};
    digits_at(s, n, &i, &v[0], &dg[0]);
    skip_sep(s, n, &i, &sep[0]);
    digits_at(s, n, &i, &v[1], &dg[1]);
    skip_sep(s, n, &i, &sep[1]);
    digits_at(s, n, &i, &v[2], &dg[2]);
    int y, m, d;
    const char *how;
    *out = (pw_date){0, 0, 0, at};
    if (dg[0] == 4) {
        y = v[0], m = v[1], d = v[2];
        how = NULL;
    } else {
        y = dg[2] == 2 ? 2000 + v[2] : v[2];
        if (v[1] > 12 && v[0] <= 12) {
            m = v[0], d = v[1];
            how = "month/day/year";
        } else {
            d = v[0], m = v[1];
            how = "day/month/year";
        }
    }
    if (pw_date_check(y, m, d) != PW_DATE_OK) {
        bad_date(p, at, s, n, y, m, d);
        return;
    }
    *out = (pw_date){y, m, d, at};
    char what[80];
    pw_diagnostic *g;
    unsigned dash = is_dash(sep[0]) ? sep[0] : is_dash(sep[1]) ? sep[1] : 0;
    if (how)
        g = pw_diag_error(p->diag, "E0010", p->src, at,
                          "the date '%.*s' is written %s%s", (int)n, s, how,
                          dg[2] == 2 ? ", with a two-digit year" : "");
    else if (dash)
        g = pw_diag_error(p->diag, "E0010", p->src, at,
                          "the date '%.*s' is written with %s, as a word "
                          "processor writes '-'", (int)n, s,
                          describe_char(dash, what, sizeof what));
    else if (sep[0] != '-' || sep[1] != '-')
        g = pw_diag_error(p->diag, "E0010", p->src, at,
                          "the date '%.*s' is written with '%c'", (int)n, s,
                          sep[0] != '-' ? (char)sep[0] : (char)sep[1]);
    else
        g = pw_diag_error(p->diag, "E0010", p->src, at,
                          "the date '%.*s' needs two digits for the %s", (int)n,
                          s, dg[1] < 2 ? "month" : "day");
    pw_diag_help(g, "write dates as YYYY-MM-DD: %04d-%02d-%02d", y, m, d);
    if (how && v[0] <= 12 && v[1] <= 12 && v[0] != v[1])
        pw_diag_info(g, "read as %d %s %d (%s); if you meant %d %s, write "
                        "%04d-%02d-%02d",
                     d, pw_date_month_name(m), y, how, m,
                     pw_date_month_name(d), y, d, m);
}

pw_dashed pw_lex_dashed(pw_parser *p, pw_span at, const char *s, size_t n,
                        int32_t *value, pw_date *date)
{
    size_t i = 0;
    unsigned sep = '-';
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    size_t a_len = i;
    int32_t a = pw_lex_int(p, (pw_span){at.begin, at.begin + (uint32_t)a_len}, s, a_len);
    skip_sep(s, n, &i, &sep);
    size_t b_at = i;
    int32_t b = pw_lex_int(p, (pw_span){at.begin + (uint32_t)b_at, at.end}, s + b_at,
                           n - b_at);
    pw_keyword k = p->tok_kw[0];
    pw_diagnostic *g;
    if (is_date_keyword(k)) {
        *date = (pw_date){0, 0, 0, at};
        g = pw_diag_error(p->diag, "E0010", p->src, at,
                          "'%.*s' is not a whole date", (int)n, s);
        pw_diag_help(g, "write dates as YYYY-MM-DD, with the year, the month "
                        "and the day, as in 2025-11-30");
        return PW_DASHED_DATE;
    }
    if (k == PW_KW_WITHIN || k == PW_KW_TARGET || k == PW_KW_REVIEW_AFTER) {
        int32_t most = a > b ? a : b;
        int un;
        const char *unit = word_after(p, at.end, &un);
        const char *kw = pw_keyword_spelling(k);
        *value = most;
        g = pw_diag_error(p->diag, "E0016", p->src, at,
                          "a timescale is one number, not the range '%.*s'",
                          (int)n, s);
        if (un > 0) {
            pw_diag_help(g, "give the longest, '%s %d %.*s', and put the range "
                            "in a note", kw, most, un, unit);
            pw_diag_info(g, "as in: note \"Usually %d to %d %.*s\"",
                         a < b ? a : b, most, un, unit);
        } else {
            pw_diag_help(g, "give the longest, '%s %d', and put the range in a "
                            "note", kw, most);
        }
        return PW_DASHED_ONE;
    }
    *value = a;
    char what[80];
    if (is_dash(sep))
        g = pw_diag_error(p->diag, "E0017", p->src, at,
                          "a range is written with two dots, not with %s: "
                          "'%.*s'", describe_char(sep, what, sizeof what), (int)n, s);
    else
        g = pw_diag_error(p->diag, "E0017", p->src, at,
                          "a range is written with two dots, not '-': '%.*s'",
                          (int)n, s);
    pw_diag_help(g, "write %d..%d", a, b);
    return PW_DASHED_RANGE;
}

/* ---- text without quotes ---------------------------------------------- */

/* Where text without quotes, s[0..e), ends when a later word of it is a
 * field's keyword (one of a form: version, owner, record, ...) followed by
 * a value in quotes or a number, on the same line: before 'version' in
 * owner Example Partnership version "1". Other words stay in the text
 * ("Tell the DSL and record it", "9am to 5pm"). */
static size_t before_next_field(const char *s, size_t e, size_t n)
{
    for (size_t w = 1; w < e; w++) {
        if ((s[w - 1] != ' ' && s[w - 1] != '\t') || !is_name_char(s[w]))
            continue;
        size_t k = w;
        while (k < n && is_name_char(s[k]))
            k++;
        size_t v = k;
        while (v < n && (s[v] == ' ' || s[v] == '\t'))
            v++;
        if (v == k || v >= n || !(s[v] == '"' || (s[v] >= '0' && s[v] <= '9')) ||
            pw_keyword_token_form(pw_keyword_find(s + w, k - w)) < 0)
            continue;
        while (w > 0 && (s[w - 1] == ' ' || s[w - 1] == '\t'))
            w--;
        return w;
    }
    return e;
}

/* What text without quotes is read as. */
typedef enum unquoted_as {
    AS_VALUE,     /* a field's value, after its keyword */
    AS_CRITERION, /* a line of a list of criteria */
    AS_NEXT_LINE, /* the next line of a text that goes on over lines */
} unquoted_as;

static size_t unquoted(pw_parser *p, pw_span at, const char *s, size_t n, pw_text *out,
                       unquoted_as as)
{
    bool criterion = as == AS_CRITERION;
    size_t len;
    unsigned c = code_at(s, n, &len);
    /* quotes of the wrong kind, spaces and invisible characters have
     * messages of their own */
    if (c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 ||
        c == 0x201E || c == 0xAB || c == 0xBB || is_invisible(c) ||
        (char_name(c) && !is_dash(c) && c < 0x2190) || c == ':' || c == '=')
        return 0; /* owner: "...", owner = "...": the ':' has its own */
    size_t stop = 0;
    while (stop < n && !strchr("\"{}#", s[stop]))
        stop++;
    const char *kw = pw_keyword_spelling(p->tok_kw[0]);
    size_t e = stop, used;
    pw_diagnostic *g;
    bool opening = false;
    if (stop < n && s[stop] == '"' && !memchr(s + stop + 1, '"', n - stop - 1)) {
        /* one '"', at the end: the text lost its opening quote */
        opening = true;
        used = stop + 1;
    } else if (criterion) {
        while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
            e--;
        used = e;
    } else {
        while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
            e--;
        /* phone 999 hours "24/7", phone 999 hours 24/7: a number (digits,
         * spaces, + ( ) - / .) ends where a keyword begins the next field;
         * other text is taken to the end, as words such as 'to' and 'do'
         * are keywords too */
        size_t w = 0;
        while (w < e && strchr("0123456789 \t+()-/.", s[w]))
            w++;
        if (w > 0 && w < e && (s[w - 1] == ' ' || s[w - 1] == '\t')) {
            size_t k = w;
            while (k < e && is_name_char(s[k]))
                k++;
            if (pw_keyword_find(s + w, k - w))
                for (e = w; e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t');)
                    e--;
        }
        e = before_next_field(s, e, n);
        used = e;
    }
    if (e == 0)
        return 0;
    if (as == AS_NEXT_LINE) {
        /* the line goes on from the text above: a space between them */
        const char *t = p->src->text;
        bool space = p->last_tok.end >= 2 && (t[p->last_tok.end - 2] == ' ' ||
                                              t[p->last_tok.end - 2] == '\t');
        char *text = pw_arena_alloc(p->arena, e + 2);
        snprintf(text, e + 2, "%s%.*s", space ? "" : " ", (int)e, s);
        out->text = text;
        out->span = (pw_span){at.begin, at.begin + (uint32_t)used};
        g = pw_diag_error(p->diag, "E0018", p->src,
                          (pw_span){at.begin, at.begin + (uint32_t)e},
                          "a line of text without its opening quote");
        pw_diag_help(g, "begin it with '\"', as the line above begins: \"%s\"", text);
        return used;
    }
    out->text = pw_arena_strndup(p->arena, s, e);
    out->span = (pw_span){at.begin, at.begin + (uint32_t)used};
    pw_span span = opening ? (pw_span){at.begin, at.begin + (uint32_t)e} : out->span;
    if (criterion) {
        g = pw_diag_error(p->diag, "E0018", p->src, span, "a criterion without %s",
                          opening ? "its opening quote" : "quotes");
        pw_diag_help(g, "each criterion is text in straight double quotes, one to a "
                        "line: \"%.*s\"", (int)e, s);
        return used;
    }
    if (opening)
        g = pw_diag_error(p->diag, "E0018", p->src, span,
                          "text without its opening quote after '%s'", kw);
    else
        g = pw_diag_error(p->diag, "E0018", p->src, span,
                          "text without quotes after '%s'", kw);
    pw_diag_help(g, "text goes in straight double quotes: %s \"%.*s\"", kw,
                 (int)e, s);
    return used;
}

size_t pw_lex_unquoted(pw_parser *p, pw_span at, const char *s, size_t n, pw_text *out)
{
    return unquoted(p, at, s, n, out, AS_VALUE);
}

size_t pw_lex_unquoted_criterion(pw_parser *p, pw_span at, const char *s, size_t n,
                                 pw_text *out)
{
    p->unquoted_at = at.begin + 1;
    return unquoted(p, at, s, n, out, AS_CRITERION);
}

bool pw_lex_criterion_line(const pw_parser *p, pw_span at, const char *s, size_t n)
{
    const char *t = p->src->text;
    if (!p->nbraces || p->unquoted_at == at.begin + 1)
        return false;
    pw_keyword k = pw_keyword_find(s, n);
    if (k == PW_KW_ANY_OF || k == PW_KW_ALL_OF)
        return false;
    uint32_t b = at.begin;
    while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '\t'))
        b--;
    if (b > 0 && t[b - 1] != '\n')
        return false; /* not the first word of its line */
    /* the word before the innermost open '{' */
    uint32_t e = p->braces[p->nbraces - 1];
    while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t'))
        e--;
    uint32_t w = e;
    while (w > 0 && (is_name_char(t[w - 1]) || t[w - 1] == '-'))
        w--;
    k = pw_keyword_find(t + w, e - w);
    if (k != PW_KW_ANY_OF && k != PW_KW_ALL_OF)
        return false;
    /* indented under the list: a line at the list's indentation or less
     * is after it, its '}' missing (syntax_error.c says so) */
    uint32_t l = w;
    while (l > 0 && t[l - 1] != '\n')
        l--;
    uint32_t own = l;
    while (t[own] == ' ' || t[own] == '\t')
        own++;
    return at.begin - b > own - l;
}

pw_keyword pw_lex_list_word(pw_parser *p, pw_span at, const char *s, size_t n)
{
    static const char *const lists[] = {"any-of", "all-of", NULL};
    const char *t = p->src->text;
    uint32_t i = at.end;
    while (i < p->src->size && (t[i] == ' ' || t[i] == '\t'))
        i++;
    if (i >= p->src->size || t[i] != '{' || n > 40 || !pw_lex_criterion_line(p, at, s, n))
        return PW_KW_NONE;
    char word[48];
    snprintf(word, sizeof word, "%.*s", (int)n, s);
    const char *best = pw_suggest_from(word, lists);
    if (!best)
        return PW_KW_NONE;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0100", p->src, at,
                                     "unknown word '%s' in a list of criteria", word);
    pw_diag_help(g, "did you mean '%s'? A list inside a list begins with any-of or all-of",
                 best);
    return pw_keyword_find(best, strlen(best));
}

/* ---- numbers, names and dots written another way ---------------------- */

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return n > 0;
}

bool pw_lex_dots(pw_parser *p, pw_span at, const char *s, size_t n)
{
    const char *t = p->src->text;
    uint32_t b = p->last_tok.begin, e = p->last_tok.end;
    bool before = e == at.begin && all_digits(t + b, e - b);
    size_t k = at.end;
    while (k < p->src->size && t[k] >= '0' && t[k] <= '9')
        k++;
    bool after = k > at.end;
    bool ellipsis = (unsigned char)s[0] == 0xE2;
    pw_diagnostic *g;
    if (!before && !after) {
        if (ellipsis) {
            pw_lex_stray(p, at, s, n);
            return false;
        }
        g = pw_diag_error(p->diag, "E0002", p->src, at, "unexpected '%.*s%s'", clip(s, n), s,
                          CLIPPED(s, n));
        pw_diag_help(g, "remove it; outside quotes a pathway uses names, "
                        "numbers, dates, '{', '}', ',', '->' and '..'");
        return false;
    }
    if (ellipsis)
        g = pw_diag_error(p->diag, "E0002", p->src, at,
                          "a range is written with two dots, not an ellipsis "
                          "'%.*s' (U+2026)", (int)n, s);
    else
        g = pw_diag_error(p->diag, "E0002", p->src, at,
                          "a range is written with two dots, not %s", n == 3 ? "three"
                          : n == 4 ? "four" : "so many");
    if (before && after)
        pw_diag_help(g, "write %.*s..%.*s", clip(t + b, e - b), t + b,
                     clip(t + at.end, k - at.end), t + at.end);
    else
        pw_diag_help(g, "write '..', as in: score 0..27");
    return true;
}

/* The unit a timescale's number is given in, from the word after it. */
static pw_unit unit_after(const pw_parser *p, uint32_t offset)
{
    int un;
    const char *w = word_after(p, offset, &un);
    char word[24];
    if (un <= 0 || un >= (int)sizeof word)
        return PW_UNIT_NONE;
    memcpy(word, w, (size_t)un);
    word[un] = '\0';
    return pw_unit_find(word);
}

/* The next smaller unit that a unit is a whole number of, and how many. */
static pw_unit smaller_unit(pw_unit u, int *times)
{
    switch (u) {
    case PW_UNIT_WEEKS:
        *times = 7;
        return PW_UNIT_DAYS;
    case PW_UNIT_DAYS:
        *times = 24;
        return PW_UNIT_HOURS;
    case PW_UNIT_HOURS:
        *times = 60;
        return PW_UNIT_MINUTES;
    default:
        *times = 0;
        return PW_UNIT_NONE;
    }
}

bool pw_lex_decimal(pw_parser *p, pw_span at, const char *s, size_t n, int32_t *value)
{
    pw_keyword k = p->tok_kw[0];
    if (k != PW_KW_WITHIN && k != PW_KW_TARGET && k != PW_KW_REVIEW_AFTER)
        return false;
    /* the number as num/den, with at most 6 digits after the point */
    size_t i = 0;
    int64_t num = 0, den = 1;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        if (num < 100000000)
            num = num * 10 + (s[i] - '0');
    i++; /* the point or comma */
    for (int d = 0; i < n && d < 6; i++, d++) {
        num = num * 10 + (s[i] - '0');
        den *= 10;
    }
    int64_t whole = (num + den - 1) / den;
    *value = whole < 1 ? 1 : whole > INT32_MAX ? INT32_MAX : (int32_t)whole;
    const char *kw = pw_keyword_spelling(k);
    pw_diagnostic *g = pw_diag_error(p->diag, "E0016", p->src, at,
                                     "a timescale is a whole number, not '%.*s%s'",
                                     clip(s, n), s, CLIPPED(s, n));
    pw_unit unit = unit_after(p, at.end);
    if (unit == PW_UNIT_NONE) {
        pw_diag_help(g, "give a whole number, or the time in a smaller unit, "
                        "as in: %s 36 hours (not %s 1.5 days)", kw, kw);
        return true;
    }
    /* the time in the next smaller unit, when it is a whole number of it;
     * else whole units, rounded up, or the next smaller unit, rounded up */
    int times;
    pw_unit less = smaller_unit(unit, &times);
    if (less != PW_UNIT_NONE && (num * times) % den == 0 && num * times / den <= INT32_MAX) {
        int32_t v = (int32_t)(num * times / den);
        pw_diag_help(g, "%.*s %s is %d %s: write %s %d %s", clip(s, n), s,
                     pw_unit_words(unit, 2), v, pw_unit_words(less, v), kw, v,
                     pw_unit_name(less, v));
    } else if (less != PW_UNIT_NONE) {
        int64_t up = (num * times + den - 1) / den;
        int32_t v = up > INT32_MAX ? INT32_MAX : (int32_t)up;
        pw_diag_help(g, "give whole %s, as in: %s %d %s, or whole %s: %s %d %s",
                     pw_unit_words(unit, 2), kw, *value, pw_unit_name(unit, *value),
                     pw_unit_words(less, 2), kw, v, pw_unit_name(less, v));
    } else {
        pw_diag_help(g, "give whole %s, as in: %s %d %s%s", pw_unit_words(unit, 2),
                     kw, *value, pw_unit_name(unit, *value),
                     unit == PW_UNIT_MONTHS ? ", or the time in weeks or days" : "");
    }
    return true;
}

void pw_lex_file_name(pw_parser *p, pw_span at, const char *s, size_t n, pw_name *out)
{
    size_t b = n, e = n;
    while (b > 0 && s[b - 1] != '/')
        b--;
    while (e > b && s[e - 1] != '.')
        e--;
    e--; /* before the '.' of .pathway */
    out->text = pw_arena_strndup(p->arena, s + b, e - b);
    out->span = at;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0002", p->src, at,
                                     "'%.*s%s' is a file's name", clip(s, n), s,
                                     CLIPPED(s, n));
    if (p->tok_kw[0] == PW_KW_NEXT)
        pw_diag_help(g, "'next' names a node of this pathway, as in: next %.*s%s; "
                        "another pathway is named with 'also'", clip(out->text, e - b),
                     out->text, CLIPPED(out->text, e - b));
    else
        pw_diag_help(g, "name the pathway itself, as in: %.*s%s", clip(out->text, e - b),
                     out->text, CLIPPED(out->text, e - b));
}

pw_keyword pw_lex_apostrophe(pw_parser *p, pw_span at, const char *s, size_t n,
                             pw_name *out)
{
    char *word = pw_arena_alloc(p->arena, n + 1);
    size_t k = 0, first = n, first_len = 0;
    for (size_t i = 0; i < n;) {
        size_t len;
        unsigned c = code_at(s + i, n - i, &len);
        if (c == '\'' || c == 0x2019 || c == 0x2018) {
            if (first == n)
                first = i, first_len = len;
        } else {
            memcpy(word + k, s + i, len);
            k += len;
        }
        i += len;
    }
    word[k] = '\0';
    out->text = word;
    out->span = at;
    pw_diagnostic *g = pw_diag_error(
        p->diag, "E0002", p->src,
        (pw_span){at.begin + (uint32_t)first, at.begin + (uint32_t)(first + first_len)},
        "a name cannot hold an apostrophe: '%.*s%s'", clip(s, n), s, CLIPPED(s, n));
    pw_diag_help(g, "leave it out: %.*s%s", clip(word, k), word, CLIPPED(word, k));
    return pw_keyword_find(word, k);
}

/* ---- quotes inside text ----------------------------------------------- */

/* The end of the line offset is on. */
static size_t line_end(const pw_parser *p, size_t offset)
{
    const char *t = p->src->text;
    while (offset < p->src->size && t[offset] != '\n')
        offset++;
    return offset;
}

/* The text from its opening quote at b to its closing one at e, with each
 * '"' between written \", into buf (cut short with "..."). */
static const char *escaped_text(const pw_parser *p, size_t b, size_t e, char *buf,
                                size_t size)
{
    const char *t = p->src->text;
    size_t k = 0, i = b;
    while (i <= e) {
        size_t len = utf8_length((const unsigned char *)t + i, e + 1 - i);
        len = len ? len : 1;
        if (k + len + 2 + 4 > size)
            break; /* room for \", "..." and the end */
        if (t[i] == '"' && i != b && i != e && t[i - 1] != '\\')
            buf[k++] = '\\';
        memcpy(buf + k, t + i, len);
        k += len;
        i += len;
    }
    if (i <= e) {
        memcpy(buf + k, "...", 3);
        k += 3;
    }
    buf[k] = '\0';
    return buf;
}

/* How many '"' (not after a backslash) come after offset on its line, the
 * last at *last. Each text's closing quote asks, in order: the count is
 * carried on along the line, so a long line is read once, not once a
 * text. */
static int quotes_after(pw_parser *p, uint32_t offset, uint32_t *last)
{
    const char *t = p->src->text;
    struct pw_quote_count *q = &p->quotes_after;
    if (offset > q->at && offset <= q->eol) {
        for (uint32_t i = q->at; i < offset; i++)
            if (t[i] == '"' && t[i - 1] != '\\')
                q->count--;
    } else {
        q->eol = (uint32_t)line_end(p, offset);
        q->count = 0;
        for (uint32_t i = offset; i < q->eol; i++)
            if (t[i] == '"' && t[i - 1] != '\\') {
                q->count++;
                q->last = i;
            }
    }
    q->at = offset;
    *last = q->last;
    return q->count;
}

bool pw_lex_quote_inside(pw_parser *p, pw_span at)
{
    if (at.begin < p->quotes_until)
        return true;
    const char *t = p->src->text;
    size_t j = at.end, size = p->src->size;
    bool direct = j < size && is_alnum(t[j]);
    if (!direct) {
        /* "a 6" gap in the fence": words, and a '"' left open after them */
        while (j < size && (t[j] == ' ' || t[j] == '\t'))
            j++;
        size_t w = j;
        while (w < size && is_name_char(t[w]))
            w++;
        if (j == at.end || j >= size || !is_alnum(t[j]) || pw_keyword_find(t + j, w - j))
            return false;
    }
    uint32_t last;
    int further = quotes_after(p, at.end, &last);
    if (further == 0 || (!direct && further % 2 == 0))
        return false;
    p->quotes_until = last;
    char fix[96];
    pw_diagnostic *g = pw_diag_error(p->diag, "E0002", p->src, at,
                                     "a '\"' inside text ends it");
    pw_diag_help(g, "write \\\" for a quote inside text: %s",
                 escaped_text(p, p->string_start, last, fix, sizeof fix));
    return true;
}

bool pw_lex_curly_close(pw_parser *p, pw_span at, const char *s, size_t n)
{
    const char *t = p->src->text;
    size_t size = p->src->size, j = at.end;
    while (j < size && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
        j++;
    if (j < size && t[j] != '\n' && t[j] != '{' && t[j] != '}' && t[j] != '#' &&
        !(t[j] == '-' && j + 1 < size && t[j + 1] == '>')) {
        pw_lex_put(p, s, n);
        return false;
    }
    unsigned c = decode((const unsigned char *)s, n);
    pw_diagnostic *g = pw_diag_error(p->diag, "E0002", p->src, at,
                                     "text closed with a curly %s '%.*s' (U+%04X)",
                                     c == 0x201D ? "quote" : "apostrophe", (int)n, s, c);
    pw_diag_help(g, "end text with a straight double quote '\"'");
    return true;
}

/* ---- a text's next line without its opening quote --------------------- */

/* The indentation of the line offset is on. */
static uint32_t indentation(const pw_parser *p, uint32_t offset)
{
    const char *t = p->src->text;
    uint32_t l = offset;
    while (l > 0 && t[l - 1] != '\n')
        l--;
    uint32_t i = l;
    while (i < p->src->size && (t[i] == ' ' || t[i] == '\t'))
        i++;
    return i - l;
}

/* Whether the line whose first word is at w (n bytes) goes on with a text
 * begun at b on a line above: its only '"' ends it (but for a '{', '}',
 * '->' or a comment after it), and the word is not a field's keyword at
 * the text's indentation or less (the next field). */
static bool goes_on_text(const pw_parser *p, uint32_t w, size_t n, uint32_t b)
{
    const char *t = p->src->text;
    size_t eol = line_end(p, w), q = w;
    while (q < eol && !strchr("\"{}#", t[q]))
        q++;
    if (q == eol || t[q] != '"')
        return false;
    size_t r = q + 1;
    while (r < eol && (t[r] == ' ' || t[r] == '\t' || t[r] == '\r'))
        r++;
    if (r < eol && t[r] != '{' && t[r] != '}' && t[r] != '#' &&
        !(t[r] == '-' && r + 1 < eol && t[r + 1] == '>'))
        return false;
    if (memchr(t + r, '"', eol - r) && t[r] != '#')
        return false;
    return indentation(p, w) > indentation(p, b) || !pw_keyword_find(t + w, n);
}

bool pw_lex_text_goes_on(pw_parser *p, pw_span at)
{
    const char *t = p->src->text;
    size_t w = at.end, k = w;
    while (k < p->src->size && is_name_char(t[k]))
        k++;
    if (k == w || !((t[w] >= 'A' && t[w] <= 'Z') || (t[w] >= 'a' && t[w] <= 'z')) ||
        !goes_on_text(p, (uint32_t)w, k - w, p->string_start))
        return false;
    uint32_t end = at.begin; /* the end of the text's first line */
    while (end > p->string_start && (t[end - 1] == ' ' || t[end - 1] == '\t' ||
                                     t[end - 1] == '\r'))
        end--;
    size_t from = p->string_start + 1;
    if (end - p->string_start > 30) /* the last words of the line */
        for (from = end - 30; from < end && t[from - 1] != ' ';)
            from++;
    size_t q = w;
    while (t[q] != '"')
        q++;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0003", p->src, (pw_span){end, end},
                                     "the text goes on to the next line without its quotes");
    pw_diag_help(g, "close it at the end of this line and open it again on the next: "
                    "%s%.*s \" and \"%.*s%s\"",
                 from > p->string_start + 1 ? "..." : "\"", (int)(end - from), t + from,
                 clip(t + w, q - w), t + w, CLIPPED(t + w, q - w));
    if (p->buflen > 0 && p->buf[p->buflen - 1] != ' ')
        pw_lex_putc(p, ' ');
    return true;
}

bool pw_lex_continued_line(const pw_parser *p, pw_span at, size_t n)
{
    const char *t = p->src->text;
    uint32_t b = p->last_tok.begin, e = p->last_tok.end;
    if (p->unquoted_at == at.begin + 1 || e < b + 2 || e > at.begin || t[b] != '"' ||
        t[e - 1] != '"')
        return false; /* the token before is not a text closed with '"' */
    uint32_t l = at.begin;
    while (l > 0 && (t[l - 1] == ' ' || t[l - 1] == '\t'))
        l--;
    if (l > 0 && t[l - 1] != '\n')
        return false; /* not the first word of its line */
    if (!memchr(t + e, '\n', at.begin - e))
        return false; /* on the text's line */
    return goes_on_text(p, at.begin, n, b);
}

size_t pw_lex_unquoted_next_line(pw_parser *p, pw_span at, const char *s, size_t n,
                                 pw_text *out)
{
    p->unquoted_at = at.begin + 1;
    return unquoted(p, at, s, n, out, AS_NEXT_LINE);
}

/* ---- a comment without its '#' ---------------------------------------- */

/* Whether only blanks come between offset and the start of its line. */
static bool first_on_line(const pw_parser *p, uint32_t offset)
{
    const char *t = p->src->text;
    while (offset > 0 && (t[offset - 1] == ' ' || t[offset - 1] == '\t'))
        offset--;
    return offset == 0 || t[offset - 1] == '\n';
}

/* Whether the last token ends on the line of offset with only blanks
 * between them: what is at offset follows a whole field or head. */
static bool right_after_token(const pw_parser *p, uint32_t offset)
{
    const char *t = p->src->text;
    uint32_t e = p->last_tok.end;
    if (e == 0 || e > offset)
        return false;
    for (uint32_t i = e; i < offset; i++)
        if (t[i] != ' ' && t[i] != '\t')
            return false;
    return true;
}

/* The first '"', '{', '}', '>' or line end at or after offset: outside a
 * comment, those say more of the pathway is on the line. Asked again
 * before it, it is known: a long line is read once. */
static size_t stop_after(pw_parser *p, size_t offset)
{
    const char *t = p->src->text;
    if (offset >= p->stop_from && offset <= p->stop_at && p->stop_at > 0)
        return p->stop_at;
    size_t i = offset;
    while (i < p->src->size && !strchr("\"{}>\n", t[i]))
        i++;
    p->stop_from = (uint32_t)offset;
    p->stop_at = (uint32_t)i;
    return i;
}

/* Whether words, and nothing else of a pathway, follow offset on its line:
 * a letter or digit after any blanks, and none of '"', '{', '}' or '>'
 * (so no '->') to the end of the line, which is then *eol. */
static bool words_only(pw_parser *p, size_t offset, size_t *eol)
{
    const char *t = p->src->text;
    while (offset < p->src->size && (t[offset] == ' ' || t[offset] == '\t'))
        offset++;
    if (offset >= p->src->size || !is_alnum(t[offset]))
        return false;
    *eol = stop_after(p, offset);
    return *eol == p->src->size || t[*eol] == '\n';
}

/* Reports the comment [b, eol) written without its '#'. */
static void no_hash(pw_parser *p, uint32_t b, size_t eol)
{
    const char *t = p->src->text;
    size_t e = eol;
    while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'))
        e--;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0002", p->src, (pw_span){b, (uint32_t)e},
                                     "this looks like a comment without its '#'");
    pw_diag_help(g, "begin the comment with '#': # %.*s%s", clip(t + b, e - b), t + b,
                 CLIPPED(t + b, e - b));
}

pw_rule_run pw_lex_rule_run(pw_parser *p, pw_span at, size_t *used)
{
    const char *t = p->src->text;
    size_t size = p->src->size, r = at.end, len = 1, eol;
    *used = r - at.begin;
    size_t j = r;
    while (j < size && (t[j] == ' ' || t[j] == '\t'))
        j++;
    if (t[at.begin] == '_' && !(first_on_line(p, at.begin) && (j > r || j == size ||
                                                               t[j] == '\n' || t[j] == '\r')))
        return PW_RUN_AGAIN; /* __ is a name */
    bool arrow = j < size && t[j] == '>';
    if (!arrow && first_on_line(p, at.begin))
        eol = line_end(p, r);
    else if (!arrow && right_after_token(p, at.begin) && j > r && words_only(p, j, &eol))
        ;
    else {
        /* one report for the run, up to a '_' (a name) or the dash of an
         * arrow written '- >' */
        size_t u = at.begin, last = at.begin;
        while (u < r && t[u] != '_') {
            last = u;
            code_at(t + u, r - u, &len);
            u += len;
        }
        if (arrow && u == r)
            u = last;
        if (u == at.begin)
            return PW_RUN_AGAIN; /* __ > */
        *used = u - at.begin;
        code_at(t + at.begin, r - at.begin, &len);
        pw_lex_stray(p, (pw_span){at.begin, (uint32_t)u}, t + at.begin, len);
        return PW_RUN_STRAY;
    }
    no_hash(p, at.begin, eol);
    return PW_RUN_COMMENT;
}

/* Whether the word at s (n bytes) is a keyword, whatever its capitals. */
static bool keyword_any_case(const char *s, size_t n)
{
    char word[32];
    if (n == 0 || n >= sizeof word)
        return false;
    for (size_t i = 0; i < n; i++)
        word[i] = (char)tolower((unsigned char)s[i]);
    return pw_keyword_find(word, n) != PW_KW_NONE;
}

/* The keywords that begin a declaration, whose '{' a bracket may be. */
static bool heads_block(const pw_parser *p, pw_keyword k)
{
    switch (k) {
    case PW_KW_PATHWAY: case PW_KW_STAGE: case PW_KW_STEP: case PW_KW_QUESTION:
    case PW_KW_OUTCOME: case PW_KW_TOGETHER: case PW_KW_SCENARIO:
    case PW_KW_ANY_OF: case PW_KW_ALL_OF:
        return true;
    case PW_KW_CONTACT: case PW_KW_FORM:
        return p->nbraces == 0;
    default:
        return false;
    }
}

bool pw_lex_bracket_comment(pw_parser *p, pw_span at)
{
    const char *t = p->src->text;
    size_t eol;
    if (!right_after_token(p, at.begin) || !words_only(p, at.end, &eol))
        return false;
    /* ( kind advice ): a block's fields in brackets */
    size_t w = at.end;
    while (t[w] == ' ' || t[w] == '\t')
        w++;
    size_t we = w;
    while (we < eol && is_name_char(t[we]))
        we++;
    if (keyword_any_case(t + w, we - w))
        return false;
    /* outcome o "O" (...: after a declaration's head on its line, whose
     * '{' it may be */
    const pw_span *tok[3] = {&p->last_tok, &p->prev_tok, &p->prev2_tok};
    for (int i = 0; i < 3; i++)
        if (heads_block(p, p->tok_kw[i]) && tok[i]->begin <= at.begin &&
            !memchr(t + tok[i]->begin, '\n', at.begin - tok[i]->begin))
            return false;
    no_hash(p, at.begin, eol);
    return true;
}
