/* outputs — the files of one build, written all or none.
 *
 * Each output (DIR/ID.EXT) is written whole to a temporary file beside
 * its name (support/output.h) and kept there; only when every output of
 * the build is written are they renamed into place, one after the other.
 * A build that fails part of the way, or is abandoned, removes the
 * temporary files and leaves the directory as it was: no half-written
 * file, and no new file beside a stale one. Nothing here prints: a
 * failure is a one-line message (pw_outputs_error) for the caller. */
#ifndef PW_OUTPUTS_H
#define PW_OUTPUTS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pw_outputs pw_outputs;

/* An empty set of outputs to be written into dir (which must exist).
 * Borrows dir. Owned by the caller: free with pw_outputs_free. */
pw_outputs *pw_outputs_new(const char *dir);

/* Writes the len bytes at data to a temporary file for DIR/ID.EXT (id a
 * pathway's id, or "index"), kept until pw_outputs_commit. Borrows
 * everything. False when it cannot be written: nothing of it is left, the
 * outputs before it are kept, and pw_outputs_error says why ("cannot
 * write 'DIR/ID.EXT': ...", with a word on shortening the id when the name
 * is too long for the file system). */
bool pw_outputs_add(pw_outputs *s, const char *id, const char *ext,
                    const char *data, size_t len);

/* Renames every output added into place, in the order added. False when
 * a rename failed ("cannot write an output into 'DIR': ..."): the
 * outputs before it are in place, it and those after it are removed. */
bool pw_outputs_commit(pw_outputs *s);

/* Why the last pw_outputs_add or pw_outputs_commit failed; "" when
 * nothing failed. Owned by the set, valid until the next call. */
const char *pw_outputs_error(const pw_outputs *s);

/* Removes the temporary file of every output not renamed into place (all
 * of them, when pw_outputs_commit was not called), and frees s. NULL is
 * allowed. */
void pw_outputs_free(pw_outputs *s);

#endif
