/* output — files written whole or not at all.
 *
 * An output is written to a temporary file beside its destination and
 * renamed into place only when complete, so a failed or interrupted build
 * never leaves a half-written or stale-but-new-looking file. */
#ifndef PW_OUTPUT_H
#define PW_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

typedef struct pw_output pw_output;

/* Opens a temporary file for path. Returns NULL, with errno set, when it
 * cannot be created. Owned by the caller until commit or discard. */
pw_output *pw_output_open(const char *path);

/* The stream to write to. */
FILE *pw_output_stream(pw_output *o);

/* Closes the temporary file and renames it to its path. Returns false,
 * with errno set, when writing or renaming failed (the temporary file is
 * removed and path is untouched). Frees o either way. */
bool pw_output_commit(pw_output *o);

/* Removes the temporary file; path is untouched. Frees o. NULL allowed. */
void pw_output_discard(pw_output *o);

#endif
