/* text — a growable string and a UTF-8 reader, for the backends that
 * write text (emit_dot, emit_html).
 *
 * A pw_text_buf owns its bytes; it starts zeroed ({0}) and is freed with
 * pw_tb_free. Allocation never fails (see arena.h: pw_xrealloc). */
#ifndef PW_TEXT_H
#define PW_TEXT_H

#include <stddef.h>
#include <stdint.h>

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

#endif
