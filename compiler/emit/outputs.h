/* outputs — the files of one build, written all or none.
 *
 * A build locks its output directory DIR (an advisory flock(2) on the
 * directory itself: a second build into DIR waits until the first is
 * done), then writes each output whole, under its own name, into a fresh
 * staging directory inside DIR, DIR/.pathwayc-build-XXXXXX (inside, so
 * that the moves into place are renames on one file system). Only when
 * every output is written are they moved into place, one after the other;
 * each file they replace is kept aside in the staging directory (a second
 * link to it, or the file itself moved there) until the last is in place.
 * When a move fails (a directory has an output's name, say), the outputs
 * already moved are taken back and the files they replaced put back: the
 * directory is as it was, file for file and byte for byte. Either way the
 * staging directory is removed.
 *
 * A build killed part of the way leaves its staging directory behind; the
 * next build into DIR removes every .pathwayc-build-* entry older than
 * itself (safe: it holds the lock, so no live build owns one). Nothing
 * else in DIR is ever touched. Nothing here prints: a failure is a
 * one-line message (pw_outputs_error) for the caller. */
#ifndef PW_OUTPUTS_H
#define PW_OUTPUTS_H

#include <stdbool.h>
#include <stddef.h>

/* The names of the staging directories of builds. */
#define PW_OUTPUTS_STAGING_PREFIX ".pathwayc-build-"

typedef struct pw_outputs pw_outputs;

/* An empty set of outputs to be written into dir (which must exist); the
 * build's start, for what is stale, is now. Borrows dir. Owned by the
 * caller: free with pw_outputs_free. */
pw_outputs *pw_outputs_new(const char *dir);

typedef enum pw_outputs_lock_result {
    PW_OUTPUTS_LOCKED, /* the directory is this build's until freed */
    PW_OUTPUTS_BUSY,   /* (without wait) another build holds it */
    PW_OUTPUTS_LOCK_FAILED /* pw_outputs_error says why */
} pw_outputs_lock_result;

/* Takes the lock of the directory, waiting for it when wait is true, then
 * removes the staging directories (and files of that prefix) that killed
 * builds left, those last changed before this build started. Must come
 * before pw_outputs_add. */
pw_outputs_lock_result pw_outputs_lock(pw_outputs *s, bool wait);

/* Writes the len bytes at data to DIR/ID.EXT in the staging directory (id
 * a pathway's id, or "index"), kept there until pw_outputs_commit.
 * Borrows everything. False when it cannot be written: nothing of it is
 * left, the outputs before it are kept, and pw_outputs_error says why
 * ("cannot write 'DIR/ID.EXT': ...", with a word on shortening the id
 * when the name is too long for the file system). */
bool pw_outputs_add(pw_outputs *s, const char *id, const char *ext,
                    const char *data, size_t len);

/* Moves every output added into place, in the order added. False when one
 * cannot be moved ("cannot write 'DIR/ID.EXT': ..."): every output moved
 * before it is taken back and what it replaced put back, so that the
 * directory is as it was. */
bool pw_outputs_commit(pw_outputs *s);

/* Why the last call failed; "" when nothing failed. Owned by the set,
 * valid until the next call. */
const char *pw_outputs_error(const pw_outputs *s);

/* Removes the staging directory with every output not moved into place
 * (all of them, when pw_outputs_commit was not called or failed),
 * releases the lock, and frees s. NULL is allowed. */
void pw_outputs_free(pw_outputs *s);

#endif
