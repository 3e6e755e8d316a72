/* jsonrpc — Content-Length framing (jsonrpc.h). */
#define _POSIX_C_SOURCE 200809L
#include "server/jsonrpc.h"

#include "support/arena.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* A header block longer than this is not one a client sends. */
enum { MAX_HEADER = 8192, CHUNK = 65536 };

struct pw_rpc_reader {
    int fd;
    size_t max_body;
    char *buf;
    size_t start, end, cap; /* unread bytes: buf[start, end) */
    bool eof;
};

pw_rpc_reader *pw_rpc_reader_new(int fd, size_t max_body)
{
    pw_rpc_reader *r = pw_xcalloc(1, sizeof *r);
    r->fd = fd;
    r->max_body = max_body;
    r->cap = CHUNK;
    r->buf = pw_xcalloc(r->cap, 1);
    return r;
}

void pw_rpc_reader_free(pw_rpc_reader *r)
{
    if (!r)
        return;
    free(r->buf);
    free(r);
}

/* Reads more bytes into the buffer; false at end of input. */
static bool fill(pw_rpc_reader *r)
{
    if (r->eof)
        return false;
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == r->cap) {
        r->cap *= 2;
        r->buf = pw_xrealloc(r->buf, r->cap, 1);
    }
    for (;;) {
        ssize_t n = read(r->fd, r->buf + r->end, r->cap - r->end);
        if (n > 0) {
            r->end += (size_t)n;
            return true;
        }
        if (n < 0 && errno == EINTR)
            continue;
        r->eof = true;
        return false;
    }
}

/* The end of the header block in the unread bytes (the offset after its
 * blank line), or 0 when it is not all there. A blank line is CRLF CRLF,
 * or (leniently) LF LF. */
static size_t header_end(const pw_rpc_reader *r)
{
    const char *b = r->buf + r->start;
    size_t n = r->end - r->start;
    for (size_t i = 0; i + 1 < n; i++) {
        if (b[i] == '\n' && b[i + 1] == '\n')
            return i + 2;
        if (i + 3 < n && b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' &&
            b[i + 3] == '\n')
            return i + 4;
    }
    return 0;
}

/* The Content-Length of a header block of n bytes; -1 when it has none
 * that is a number. */
static long long content_length(const char *h, size_t n)
{
    static const char name[] = "content-length:";
    long long len = -1;
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && h[e] != '\n')
            e++;
        size_t k = sizeof name - 1;
        if (e - i > k && strncasecmp(h + i, name, k) == 0) {
            size_t p = i + k;
            while (p < e && (h[p] == ' ' || h[p] == '\t'))
                p++;
            long long v = 0;
            size_t digits = 0;
            while (p < e && h[p] >= '0' && h[p] <= '9' && digits < 16) {
                v = v * 10 + (h[p] - '0');
                p++;
                digits++;
            }
            while (p < e && (h[p] == ' ' || h[p] == '\t' || h[p] == '\r'))
                p++;
            len = digits && p == e ? v : -1;
        }
        i = e + 1;
    }
    return len;
}

/* Drops n bytes of input, buffered or not; false at end of input. */
static bool skip(pw_rpc_reader *r, size_t n)
{
    while (n > 0) {
        size_t have = r->end - r->start;
        if (have == 0 && !fill(r))
            return false;
        have = r->end - r->start;
        size_t take = have < n ? have : n;
        r->start += take;
        n -= take;
    }
    return true;
}

pw_rpc_status pw_rpc_read(pw_rpc_reader *r, char **body, size_t *len)
{
    *body = NULL;
    *len = 0;
    size_t h;
    while ((h = header_end(r)) == 0) {
        if (r->end - r->start > MAX_HEADER) {
            /* no blank line where one should be: drop what was read */
            r->start = r->end;
            return PW_RPC_BAD_HEADER;
        }
        if (!fill(r))
            return PW_RPC_EOF;
    }
    long long n = content_length(r->buf + r->start, h);
    r->start += h;
    if (n < 0)
        return PW_RPC_BAD_HEADER;
    if ((unsigned long long)n > r->max_body)
        return skip(r, (size_t)n) ? PW_RPC_TOO_LARGE : PW_RPC_EOF;
    while (r->end - r->start < (size_t)n)
        if (!fill(r))
            return PW_RPC_EOF;
    *body = pw_xcalloc((size_t)n + 1, 1);
    memcpy(*body, r->buf + r->start, (size_t)n);
    *len = (size_t)n;
    r->start += (size_t)n;
    return PW_RPC_MESSAGE;
}

bool pw_rpc_write(FILE *out, const json_t *msg)
{
    char *s = json_dumps(msg, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!s)
        return false;
    size_t n = strlen(s);
    bool ok = fprintf(out, "Content-Length: %zu\r\n\r\n", n) > 0 &&
              fwrite(s, 1, n, out) == n && fflush(out) == 0;
    free(s);
    return ok;
}
