/* output — files written whole or not at all.
 *
 * An output (a depfile, a saved walk, a file fmt -w rewrites) is written
 * to a temporary file in its destination's directory, .pathwayc-tmp-XXXXXX,
 * and renamed into place only when complete, so a failed or interrupted
 * write never leaves a half-written file. A run that was killed leaves its
 * temporary file; the next output into that directory removes any such
 * file last changed more than ten minutes before. (The outputs of a build go through
 * emit/outputs.h instead: a set, all or none.) The rename
 * replaces whatever has the name, a symbolic link included: an output
 * never writes through a link to a file elsewhere. */
#ifndef PW_OUTPUT_H
#define PW_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>

typedef struct pw_output pw_output;

/* Opens a temporary file for path. Returns NULL, with errno set, when it
 * cannot be created. Owned by the caller until commit or discard. */
pw_output *pw_output_open(const char *path);

/* Like pw_output_open, the temporary file given like's owner and
 * permissions (like: what stat said of the file at path) before anything
 * is written to it. Where the owner cannot be given (not root), it fails
 * with EPERM, unless the owner is already the caller. */
pw_output *pw_output_open_like(const char *path, const struct stat *like);

/* The stream to write to, until pw_output_close. */
FILE *pw_output_stream(pw_output *o);

/* Closes the temporary file (flushed to the disk: fsync), which stays
 * where it is until commit or discard. Returns false, with errno set, when
 * writing it failed. A second call does nothing and returns true. */
bool pw_output_close(pw_output *o);

/* Closes the temporary file (unless closed) and renames it to its path.
 * Returns false, with errno set, when writing or renaming failed (the
 * temporary file is removed and path is untouched). Frees o either way. */
bool pw_output_commit(pw_output *o);

/* pw_output_commit, but only when the file at path is still what was
 * says it was (the same file, size and time of last change, looked at
 * just before the rename): otherwise *changed is set, the temporary file
 * removed and path untouched, and it returns false (errno ESTALE). For a
 * file rewritten from what was read of it: what someone else wrote into
 * it meanwhile is never lost. Frees o either way. */
bool pw_output_commit_unchanged(pw_output *o, const struct stat *was, bool *changed);

/* Removes the temporary file; path is untouched. Frees o. NULL allowed. */
void pw_output_discard(pw_output *o);

#endif
