#define _POSIX_C_SOURCE 200809L
#include "support/output.h"

#include "support/arena.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct pw_output {
    char *path, *tmp;
    FILE *f;
};

pw_output *pw_output_open(const char *path)
{
    pw_output *o = pw_xcalloc(1, sizeof *o);
    o->path = pw_xstrdup(path);
    size_t n = strlen(path) + 16;
    o->tmp = pw_xcalloc(n, 1);
    snprintf(o->tmp, n, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        int e = errno;
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        free(o->path);
        free(o);
        errno = e;
        return NULL;
    }
    /* mkstemp makes the file 0600; outputs are ordinary files */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    return o;
}

FILE *pw_output_stream(pw_output *o)
{
    return o->f;
}

static void release(pw_output *o)
{
    free(o->tmp);
    free(o->path);
    free(o);
}

bool pw_output_close(pw_output *o)
{
    if (!o->f)
        return true;
    bool ok = !ferror(o->f);
    ok = (fclose(o->f) == 0) && ok;
    o->f = NULL;
    if (!ok && !errno)
        errno = EIO;
    return ok;
}

bool pw_output_commit(pw_output *o)
{
    errno = 0;
    bool ok = pw_output_close(o);
    if (ok && rename(o->tmp, o->path) == 0) {
        release(o);
        return true;
    }
    int e = errno ? errno : EIO;
    unlink(o->tmp);
    release(o);
    errno = e;
    return false;
}

void pw_output_discard(pw_output *o)
{
    if (!o)
        return;
    if (o->f)
        fclose(o->f);
    unlink(o->tmp);
    release(o);
}
