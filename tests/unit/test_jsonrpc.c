/* Unit tests for jsonrpc (server/jsonrpc.c): messages read whole however
 * the bytes arrive (all at once, one byte at a time), several in one read,
 * header names in any case and other headers ignored, a bare LF blank
 * line; a header block without a length, with a length that is not a
 * number, or too long, skipped with the next message read; a body over
 * the limit skipped; the end of input mid-message; and the framing of
 * what is written. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/jsonrpc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A reader of the bytes at s: written by another program (python3, so
 * that valgrind follows no fork of this one), one byte at a time when
 * slowly (so that every read returns a piece), then closed. */
static pw_rpc_reader *reader_of(const char *s, size_t n, bool slowly, size_t max,
                                pid_t *child, int *fd)
{
    static const char script[] =
        "import os, sys, time\n"
        "data = sys.argv[2].encode('utf-8', 'surrogateescape')\n"
        "step = 1 if sys.argv[1] == '1' else len(data)\n"
        "for i in range(0, len(data), step or 1):\n"
        "    os.write(1, data[i:i + step])\n"
        "    if step == 1: time.sleep(0.0002)\n";
    char *copy = strndup(s, n);
    int p[2];
    assert_int_equal(pipe(p), 0);
    *child = fork();
    assert_true(*child >= 0);
    if (*child == 0) {
        close(p[0]);
        dup2(p[1], 1);
        execlp("python3", "python3", "-c", script, slowly ? "1" : "0", copy, (char *)NULL);
        _exit(127);
    }
    free(copy);
    close(p[1]);
    *fd = p[0];
    return pw_rpc_reader_new(p[0], max);
}

static void done(pw_rpc_reader *r, pid_t child, int fd)
{
    int st;
    pw_rpc_reader_free(r);
    close(fd);
    waitpid(child, &st, 0);
}

static void expect(pw_rpc_reader *r, pw_rpc_status want, const char *body)
{
    char *b;
    size_t n;
    assert_int_equal(pw_rpc_read(r, &b, &n), want);
    if (body) {
        assert_non_null(b);
        assert_int_equal(n, strlen(body));
        assert_string_equal(b, body);
    } else {
        assert_null(b);
    }
    free(b);
}

static const char two[] = "Content-Length: 7\r\n\r\n{\"a\":1}"
                          "content-length:8\r\nContent-Type: application/vscode-jsonrpc; "
                          "charset=utf-8\r\n\r\n{\"b\":22}";

static void test_two_messages_at_once(void **state)
{
    (void)state;
    pid_t c;
    int fd;
    pw_rpc_reader *r = reader_of(two, sizeof two - 1, false, 1 << 20, &c, &fd);
    expect(r, PW_RPC_MESSAGE, "{\"a\":1}");
    expect(r, PW_RPC_MESSAGE, "{\"b\":22}");
    expect(r, PW_RPC_EOF, NULL);
    done(r, c, fd);
}

static void test_one_byte_at_a_time(void **state)
{
    (void)state;
    pid_t c;
    int fd;
    pw_rpc_reader *r = reader_of(two, sizeof two - 1, true, 1 << 20, &c, &fd);
    expect(r, PW_RPC_MESSAGE, "{\"a\":1}");
    expect(r, PW_RPC_MESSAGE, "{\"b\":22}");
    expect(r, PW_RPC_EOF, NULL);
    done(r, c, fd);
}

static void test_bad_headers_are_skipped(void **state)
{
    (void)state;
    static const char s[] = "Content-Length: 12x\r\n\r\n"  /* not a number */
                            "Content-Type: text/plain\n\n" /* no length; LF only */
                            "Content-Length: 2\n\n{}"      /* LF only: read */
                            "Content-Length: 99999999999999999999\r\n\r\n"
                            "Content-Length: 3\r\n\r\n[1]";
    pid_t c;
    int fd;
    pw_rpc_reader *r = reader_of(s, sizeof s - 1, false, 1 << 20, &c, &fd);
    expect(r, PW_RPC_BAD_HEADER, NULL);
    expect(r, PW_RPC_BAD_HEADER, NULL);
    expect(r, PW_RPC_MESSAGE, "{}");
    expect(r, PW_RPC_BAD_HEADER, NULL); /* 20 digits: not a length we take */
    expect(r, PW_RPC_MESSAGE, "[1]");
    expect(r, PW_RPC_EOF, NULL);
    done(r, c, fd);
}

static void test_too_long_a_header_block(void **state)
{
    (void)state;
    size_t n = 20000;
    char *s = malloc(n + 64);
    memset(s, 'x', n);
    strcpy(s + n, "\r\n\r\nContent-Length: 2\r\n\r\n{}");
    pid_t c;
    int fd;
    pw_rpc_reader *r = reader_of(s, strlen(s), false, 1 << 20, &c, &fd);
    expect(r, PW_RPC_BAD_HEADER, NULL);
    /* what is left of the long line is skipped as a header block too */
    pw_rpc_status st;
    char *b;
    size_t len;
    while ((st = pw_rpc_read(r, &b, &len)) == PW_RPC_BAD_HEADER)
        ;
    assert_int_equal(st, PW_RPC_MESSAGE);
    assert_string_equal(b, "{}");
    free(b);
    done(r, c, fd);
    free(s);
}

static void test_body_over_the_limit(void **state)
{
    (void)state;
    static const char s[] = "Content-Length: 20\r\n\r\n{\"twenty bytes\": 1 }"
                            "Content-Length: 2\r\n\r\n{}";
    pid_t c;
    int fd;
    pw_rpc_reader *r = reader_of(s, sizeof s - 1, true, 10, &c, &fd);
    expect(r, PW_RPC_TOO_LARGE, NULL);
    expect(r, PW_RPC_MESSAGE, "{}");
    expect(r, PW_RPC_EOF, NULL);
    done(r, c, fd);
}

static void test_end_of_input_mid_message(void **state)
{
    (void)state;
    static const char s[] = "Content-Length: 50\r\n\r\n{\"cut\": ";
    pid_t c;
    int fd;
    pw_rpc_reader *r = reader_of(s, sizeof s - 1, false, 1 << 20, &c, &fd);
    expect(r, PW_RPC_EOF, NULL);
    done(r, c, fd);
}

static void test_write_frames(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    json_t *m = json_pack("{s:s, s:s}", "jsonrpc", "2.0", "text", "café 😟");
    assert_true(pw_rpc_write(f, m));
    json_decref(m);
    fclose(f);
    /* the length counts bytes, not characters */
    const char *want = "Content-Length: 37\r\n\r\n{\"jsonrpc\":\"2.0\",\"text\":\"café 😟\"}";
    assert_string_equal(buf, want);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_messages_at_once),
        cmocka_unit_test(test_one_byte_at_a_time),
        cmocka_unit_test(test_bad_headers_are_skipped),
        cmocka_unit_test(test_too_long_a_header_block),
        cmocka_unit_test(test_body_over_the_limit),
        cmocka_unit_test(test_end_of_input_mid_message),
        cmocka_unit_test(test_write_frames),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
