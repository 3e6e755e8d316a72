/* text — a growable string, a UTF-8 reader, text from data shown (see
 * text.h). */
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

/* ---- text from data, shown ------------------------------------------------ */

void pw_tb_add_visible(pw_text_buf *b, const char *s, size_t n, unsigned how)
{
    bool pictures = how & PW_VISIBLE_PICTURES;
    size_t plain = 0; /* start of the run of bytes to copy as they are */
    for (size_t i = 0, k; i < n; i += k) {
        unsigned char u = (unsigned char)s[i];
        k = 1;
        uint32_t c = u < 0x80 ? u : pw_utf8_next(s + i, n - i, &k);
        /* pw_utf8_next lets overlong forms, surrogates and codes past
         * U+10FFFF through: strays too, here */
        static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (k > 1 && (c < least[k] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)) {
            c = 0xFFFD;
            k = 1;
        }
        bool stray = c == 0xFFFD && k == 1 && u >= 0x80;
        bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
        bool kept = (c == '\n' || c == '\t') && (how & PW_VISIBLE_LINES);
        if (c == '\t' && pictures)
            kept = true;
        if ((!control && !stray) || kept)
            continue;
        pw_tb_addn(b, s + plain, i - plain);
        plain = i + k;
        if (pictures && (c < 0x20 || c == 0x7F)) {
            char pic[4] = {(char)0xE2, (char)0x90,
                           (char)(c == 0x7F ? 0xA1 : 0x80 + c), 0};
            pw_tb_add(b, pic); /* U+2400 + c, U+2421 */
        } else if (pictures) {
            pw_tb_add(b, "\xEF\xBF\xBD"); /* U+FFFD */
        } else if (stray) {
            pw_tb_printf(b, "\\x%02X", u);
        } else if (c == '\n' || c == '\t') {
            pw_tb_add(b, c == '\n' ? "\\n" : "\\t");
        } else {
            pw_tb_printf(b, "\\u{%04X}", (unsigned)c);
        }
    }
    pw_tb_addn(b, s + plain, n - plain);
}

bool pw_write_visible(FILE *out, const char *s, size_t n, unsigned how)
{
    pw_text_buf b = {0};
    pw_tb_add_visible(&b, s, n, how);
    bool ok = fwrite(pw_tb_str(&b), 1, b.n, out) == b.n;
    pw_tb_free(&b);
    return ok;
}

bool pw_puts_visible(FILE *out, const char *s, unsigned how)
{
    return pw_write_visible(out, s, strlen(s), how);
}

bool pw_vprintf_visible(FILE *out, unsigned how, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    bool ok = n >= 0;
    if (ok) {
        char *s = pw_xcalloc((size_t)n + 1, 1);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        ok = pw_write_visible(out, s, (size_t)n, how);
        free(s);
    }
    return ok;
}

bool pw_printf_visible(FILE *out, unsigned how, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = pw_vprintf_visible(out, how, fmt, ap);
    va_end(ap);
    return ok;
}

bool pw_println_visible(FILE *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = pw_vprintf_visible(out, 0, fmt, ap);
    va_end(ap);
    return fputc('\n', out) != EOF && ok;
}

bool pw_errorf(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (errsize)
        vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
    return false;
}
