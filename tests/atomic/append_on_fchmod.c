/* append_on_fchmod — a stand-in, for tests/atomic/atomic, for someone who
 * appends to a file while `pathwayc fmt -w` rewrites it.
 *
 * Loaded with LD_PRELOAD, it wraps fchmod(2): at the first call (fmt -w
 * gives its temporary file the permissions of the file it rewrites, after
 * it has read that file and before it renames the temporary over it), it
 * appends the line in ATOMIC_APPEND_LINE to the file ATOMIC_APPEND_TO,
 * then does the fchmod. That puts the other writer at a fixed point of the
 * run, every time: the test needs no timing. Nothing of pathwayc changes
 * for it: the library is built by the test, from this file. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int fchmod(int fd, mode_t mode)
{
    static int done;
    const char *path = getenv("ATOMIC_APPEND_TO");
    const char *line = getenv("ATOMIC_APPEND_LINE");
    if (!done && path && line) {
        done = 1;
        int a = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
        if (a >= 0) {
            if (write(a, line, strlen(line)) < 0)
                done = 2;
            close(a);
        }
    }
    return (int)syscall(SYS_fchmod, fd, mode);
}
