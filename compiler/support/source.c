#define _POSIX_C_SOURCE 200809L
#include "support/source.h"

#include "support/arena.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void map_lines(pw_source *s)
{
    size_t cap = 64;
    s->lines = pw_xcalloc(cap, sizeof *s->lines);
    s->body = s->size >= 3 && memcmp(s->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    s->lines[0] = (uint32_t)s->body;
    s->nlines = 1;
    const char *end = s->text + s->size;
    for (const char *nl = s->text + s->body;
         (nl = memchr(nl, '\n', (size_t)(end - nl))); nl++) {
        if (s->nlines == cap) {
            cap *= 2;
            s->lines = pw_xrealloc(s->lines, cap, sizeof *s->lines);
        }
        s->lines[s->nlines++] = (uint32_t)(nl - s->text + 1);
    }
}

/* A source holding text, n bytes and a NUL, which it now owns. */
static pw_source *adopt(const char *name, char *text, size_t n)
{
    pw_source *s = pw_xcalloc(1, sizeof *s);
    s->name = pw_xstrdup(name);
    s->text = text;
    s->size = n;
    map_lines(s);
    return s;
}

pw_source *pw_source_from_memory(const char *name, const char *text, size_t n)
{
    char *copy = pw_xcalloc(n + 1, 1);
    if (n)
        memcpy(copy, text, n);
    return adopt(name, copy, n);
}

bool pw_source_is_pathway_name(const char *name)
{
    static const char suffix[] = ".pathway";
    size_t n = strlen(name), k = sizeof suffix - 1;
    return n > k && strcmp(name + n - k, suffix) == 0;
}

char *pw_read_file(const char *path, size_t max_bytes, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct stat st;
    if (fstat(fileno(f), &st) != 0) {
        int e = errno;
        fclose(f);
        errno = e;
        return NULL;
    }
    if (S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && st.st_size > 0 &&
                                (uintmax_t)st.st_size > max_bytes)) {
        /* a regular file's size is known: one too large is refused before
         * a byte of it is read (a pipe's is not: the loop below stops
         * reading it past max_bytes) */
        fclose(f);
        errno = S_ISDIR(st.st_mode) ? EISDIR : EFBIG;
        return NULL;
    }
    /* a regular file says its size: read it in one go; anything else (a
     * pipe) grows */
    size_t cap = 4096, n = 0;
    if (S_ISREG(st.st_mode) && st.st_size > 0)
        cap = (size_t)st.st_size + 2; /* +1 for the NUL, +1 to see the end */
    char *buf = pw_xcalloc(cap, 1);
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            buf = pw_xrealloc(buf, cap, 1);
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (n > max_bytes) {
            free(buf);
            fclose(f);
            errno = EFBIG;
            return NULL;
        }
        if (got == 0)
            break;
    }
    int err = ferror(f) ? EIO : 0;
    fclose(f);
    if (err) {
        free(buf);
        errno = err;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

pw_source *pw_source_read(const char *path, size_t max_bytes)
{
    size_t n;
    char *buf = pw_read_file(path, max_bytes, &n);
    if (!buf)
        return NULL;
    return adopt(path, buf, n);
}

void pw_source_free(pw_source *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->text);
    free(s->lines);
    free(s);
}

/* The last line whose start is at or before offset: binary search. */
static size_t line_index(const pw_source *s, uint32_t offset)
{
    size_t lo = 0, hi = s->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

unsigned pw_source_line_of(const pw_source *s, uint32_t offset)
{
    if (offset > s->size)
        offset = (uint32_t)s->size;
    return (unsigned)line_index(s, offset) + 1;
}

void pw_source_position(const pw_source *s, uint32_t offset, unsigned *line,
                        unsigned *column)
{
    if (offset > s->size)
        offset = (uint32_t)s->size;
    if (offset < s->body)
        offset = (uint32_t)s->body;
    size_t li = line_index(s, offset);
    unsigned col = 1;
    for (uint32_t i = s->lines[li]; i < offset; i++)
        if (((unsigned char)s->text[i] & 0xC0) != 0x80)
            col++;
    *line = (unsigned)li + 1;
    *column = col;
}

const char *pw_source_line(const pw_source *s, unsigned line, size_t *len)
{
    if (line == 0 || line > s->nlines) {
        *len = 0;
        return "";
    }
    uint32_t b = s->lines[line - 1];
    uint32_t e = line < s->nlines ? s->lines[line] - 1 : (uint32_t)s->size;
    if (e > b && s->text[e - 1] == '\r')
        e--;
    *len = e - b;
    return s->text + b;
}
