/* text — a growable string, a UTF-8 reader, and the one way text from
 * data (a pathway, a table, a saved walk, a file name, the command line)
 * is shown on a terminal or in a log: pw_tb_add_visible and the writers
 * built on it.
 *
 * A pw_text_buf owns its bytes; it starts zeroed ({0}) and is freed with
 * pw_tb_free. Allocation never fails (see arena.h: pw_xrealloc). */
#ifndef PW_TEXT_H
#define PW_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct pw_text_buf {
    char *s;        /* NUL-terminated once anything was added; else NULL */
    size_t n, cap;
} pw_text_buf;

void pw_tb_addn(pw_text_buf *b, const char *s, size_t n);
void pw_tb_add(pw_text_buf *b, const char *s);
void pw_tb_printf(pw_text_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The contents as a C string ("" when empty); valid until the next add. */
char *pw_tb_str(pw_text_buf *b);

/* Back to the first n bytes (no change when it is shorter). */
void pw_tb_truncate(pw_text_buf *b, size_t n);

/* Frees the bytes; b is empty again. */
void pw_tb_free(pw_text_buf *b);

/* The code point at s[0..n) (n > 0), its length in bytes in *k. Text from
 * a pathway is valid UTF-8 (the lexer checks it); anything else reads as
 * U+FFFD, one byte long. */
uint32_t pw_utf8_next(const char *s, size_t n, size_t *k);

/* A control character (C0, DEL, C1) or a noncharacter U+FFFE/U+FFFF:
 * not allowed in XML, and not wanted in any output as it is. */
int pw_unsafe_char(uint32_t c);

/* ---- text from data, shown ------------------------------------------------
 *
 * Every byte that reaches a terminal or a log from data goes through
 * pw_tb_add_visible, so that no control character reaches the terminal
 * as it is: an escape sequence in a title could clear the screen, set the
 * window title, or write the clipboard (OSC 52). Shown as escapes:
 *   C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F, in UTF-8)
 *       \u{001B}, as a pathway writes them (fmt writes them so too); a
 *       line break and a tab as \n and \t, unless PW_VISIBLE_LINES says
 *       they are meant
 *   a byte that is not part of valid UTF-8
 *       \xFF
 * Everything else is written as it is (backslashes too: the result is
 * for reading, not for reading back). docs/limits.md says so. */
enum {
    PW_VISIBLE_LINES = 1u,    /* line breaks and tabs kept as they are */
    PW_VISIBLE_PICTURES = 2u, /* one column a character: C0 and DEL as their
                               * control pictures (U+2400-U+2421), tab
                               * kept; C1 and a stray byte as U+FFFD */
};

/* Appends s[0..n) to b as described above, how a set of PW_VISIBLE_*. */
void pw_tb_add_visible(pw_text_buf *b, const char *s, size_t n, unsigned how);

/* Writes s[0..n) (pw_write_visible) or the string s (pw_puts_visible) to
 * out as pw_tb_add_visible shows it. False when the write failed. */
bool pw_write_visible(FILE *out, const char *s, size_t n, unsigned how);
bool pw_puts_visible(FILE *out, const char *s, unsigned how);

/* Formats, then writes the whole of it shown as pw_tb_add_visible
 * shows it: for a format with no control character of its own but the
 * line breaks PW_VISIBLE_LINES keeps. False when the write failed. */
bool pw_printf_visible(FILE *out, unsigned how, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool pw_vprintf_visible(FILE *out, unsigned how, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
/* A line: pw_printf_visible (how 0), then '\n'. For messages that quote
 * text from data (names, file names). False when the write failed. */
bool pw_println_visible(FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Formats a one-line message into err (errsize bytes; nothing when 0)
 * and returns false: how a function that fails says why, in one call. */
bool pw_errorf(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
