/* text — a growable string and a UTF-8 reader (see text.h). */
#include "support/text.h"

#include "support/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pw_tb_addn(pw_text_buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        b->s = pw_xrealloc(b->s, cap, 1);
        b->cap = cap;
    }
    if (n)
        memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

void pw_tb_add(pw_text_buf *b, const char *s)
{
    pw_tb_addn(b, s, strlen(s));
}

void pw_tb_printf(pw_text_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        pw_tb_addn(b, small, (size_t)n);
        return;
    }
    char *big = pw_xcalloc((size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    pw_tb_addn(b, big, (size_t)n);
    free(big);
}

char *pw_tb_str(pw_text_buf *b)
{
    if (!b->s)
        pw_tb_addn(b, "", 0);
    return b->s;
}

void pw_tb_truncate(pw_text_buf *b, size_t n)
{
    if (n < b->n) {
        b->n = n;
        b->s[n] = '\0';
    }
}

void pw_tb_free(pw_text_buf *b)
{
    free(b->s);
    *b = (pw_text_buf){0};
}

uint32_t pw_utf8_next(const char *s, size_t n, size_t *k)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = u[0] < 0x80 ? 1 : u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : 2;
    if (u[0] >= 0x80 && (u[0] < 0xC2 || u[0] > 0xF4 || len > n))
        len = 0;
    uint32_t c = len == 1 ? u[0] : len ? u[0] & (0x7Fu >> len) : 0;
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            len = 0;
            break;
        }
        c = c << 6 | (u[i] & 0x3Fu);
    }
    if (!len) {
        *k = 1;
        return 0xFFFD;
    }
    *k = len;
    return c;
}

int pw_unsafe_char(uint32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF;
}
