/* jsonrpc — the framing of the Language Server Protocol's JSON-RPC
 * messages: a header block ("Content-Length: N", blank line) and N bytes
 * of JSON, in both directions.
 *
 * The reader owns a buffer over a file descriptor and hands out one body
 * at a time. It never trusts the client: a header block without a length,
 * a length that is not a number, a header line or block too long, or a
 * body over the limit is reported as such and skipped, and reading goes on
 * with the next message, so that one bad message costs one error reply. */
#ifndef PW_JSONRPC_H
#define PW_JSONRPC_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct pw_rpc_reader pw_rpc_reader;

typedef enum {
    PW_RPC_MESSAGE,    /* a body */
    PW_RPC_EOF,        /* the client closed its end (or a read failed) */
    PW_RPC_BAD_HEADER, /* a header block without a usable Content-Length:
                        * skipped */
    PW_RPC_TOO_LARGE,  /* a body over the limit: skipped */
} pw_rpc_status;

/* A reader of fd (not closed by it), refusing bodies over max_body bytes.
 * Free with pw_rpc_reader_free. */
pw_rpc_reader *pw_rpc_reader_new(int fd, size_t max_body);
void pw_rpc_reader_free(pw_rpc_reader *r);

/* The next message: on PW_RPC_MESSAGE, *body is a heap, NUL-terminated
 * copy of its *len bytes, owned by the caller (free). */
pw_rpc_status pw_rpc_read(pw_rpc_reader *r, char **body, size_t *len);

/* Writes msg with its header and flushes; false when out cannot be
 * written (the client has gone). */
bool pw_rpc_write(FILE *out, const json_t *msg);

#endif
