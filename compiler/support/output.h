/* output — files written whole or not at all.
 *
 * An output is written to a temporary file beside its destination and
 * renamed into place only when complete, so a failed or interrupted build
 * never leaves a half-written or stale-but-new-looking file. The rename
 * replaces whatever has the name, a symbolic link included: an output
 * never writes through a link to a file elsewhere. */
#ifndef PW_OUTPUT_H
#define PW_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

typedef struct pw_output pw_output;

/* Opens a temporary file for path. Returns NULL, with errno set, when it
 * cannot be created. Owned by the caller until commit or discard. */
pw_output *pw_output_open(const char *path);

/* The stream to write to, until pw_output_close. */
FILE *pw_output_stream(pw_output *o);

/* Closes the temporary file, which stays where it is until commit or
 * discard: a build writes every output first and renames them into place
 * only when all are written. Returns false, with errno set, when writing
 * it failed. A second call does nothing and returns true. */
bool pw_output_close(pw_output *o);

/* Closes the temporary file (unless closed) and renames it to its path.
 * Returns false, with errno set, when writing or renaming failed (the
 * temporary file is removed and path is untouched). Frees o either way. */
bool pw_output_commit(pw_output *o);

/* Removes the temporary file; path is untouched. Frees o. NULL allowed. */
void pw_output_discard(pw_output *o);

#endif
