/* depfile — `-M FILE`: a make depfile saying that FILE depends on every
 * file a run read, so make runs pathwayc again when an import changes.
 * Names are written as gcc -MD writes them, so make reads each back as
 * the same file; a name make cannot read at all is refused, and then no
 * depfile is written. Nothing here prints. */
#ifndef PW_DEPFILE_H
#define PW_DEPFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Writes path, atomically (output.h): "PATH: DEP...", then an empty rule
 * "DEP:" for each of the n deps, so make does not fail when one is
 * deleted. Borrows everything. Returns false with errno set when it
 * cannot. *unreadable is then the name make could not read
 * (pw_depfile_can_read: the first such of the deps, then path; errno
 * EINVAL; nothing is written), or NULL when writing failed (path is
 * untouched). */
bool pw_depfile_write(const char *path, const char *const *deps, size_t n,
                      const char **unreadable);

/* Writes name as make reads it in a rule: a space, tab, '#' or ':' after
 * a backslash (and the backslashes just before it doubled, so they stay
 * backslashes), '$' as "$$"; every other byte as it is. */
void pw_depfile_put_name(FILE *f, const char *name);

/* Whether make can read name at all: not with a line break, nor with a
 * backslash at the end (it would escape the ':' after it). */
bool pw_depfile_can_read(const char *name);

#endif
