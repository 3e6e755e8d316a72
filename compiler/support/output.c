#define _POSIX_C_SOURCE 200809L
#include "support/output.h"

#include "support/arena.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Temporary files are named PREFIX and six characters, in the directory of
 * their destination: a name of pathwayc's own, whatever the destination's
 * (which may be as long as a name can be), that nothing else uses. */
#define PREFIX ".pathwayc-tmp-"
/* One older than this was left by a pathwayc that was killed: a live one
 * is written and renamed within seconds. */
enum { STALE_SECONDS = 10 * 60 };

struct pw_output {
    char *path, *tmp;
    FILE *f;
};

/* Removes the temporary files killed runs left in dir: regular files named
 * PREFIX and six characters, last changed more than STALE_SECONDS ago.
 * Nothing else is touched, and failing to remove one is no error. */
static void remove_stale(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    time_t now = time(NULL);
    size_t n = strlen(PREFIX);
    for (struct dirent *e; (e = readdir(d));) {
        struct stat st;
        if (strncmp(e->d_name, PREFIX, n) != 0 || strlen(e->d_name) != n + 6 ||
            fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode) || st.st_mtime > now - STALE_SECONDS)
            continue;
        unlinkat(dirfd(d), e->d_name, 0);
    }
    closedir(d);
}

/* A temporary file for path, beside it: 0600 as mkstemp makes it, then
 * with like's owner and permissions when like is given (before a byte is
 * written: the text is never readable by more people than the file's), or
 * as an ordinary new file (0666 less the umask). */
static pw_output *open_temp(const char *path, const struct stat *like)
{
    pw_output *o = pw_xcalloc(1, sizeof *o);
    o->path = pw_xstrdup(path);
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0; /* with its slash */
    size_t n = (size_t)dirlen + sizeof PREFIX + 8;
    o->tmp = pw_xcalloc(n, 1);
    snprintf(o->tmp, n, "%.*s", dirlen ? dirlen : 1, dirlen ? path : ".");
    remove_stale(o->tmp);
    snprintf(o->tmp, n, "%.*s" PREFIX "XXXXXX", dirlen, path);
    int fd = mkstemp(o->tmp);
    bool ok = fd >= 0;
    if (ok && like) {
        /* chown first: it may clear the set-id bits that chmod then sets */
        if (fchown(fd, like->st_uid, like->st_gid) != 0 &&
            !(errno == EPERM && like->st_uid == geteuid()))
            ok = false;
        ok = ok && fchmod(fd, like->st_mode & 07777) == 0;
    } else if (ok) {
        mode_t mask = umask(0);
        umask(mask);
        ok = fchmod(fd, 0666 & ~mask) == 0;
    }
    if (!ok || !(o->f = fdopen(fd, "w"))) {
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
    return o;
}

pw_output *pw_output_open(const char *path)
{
    return open_temp(path, NULL);
}

pw_output *pw_output_open_like(const char *path, const struct stat *like)
{
    return open_temp(path, like);
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
    errno = 0;
    bool ok = fflush(o->f) == 0 && !ferror(o->f) && fsync(fileno(o->f)) == 0;
    int e = errno;
    ok = (fclose(o->f) == 0) && ok;
    o->f = NULL;
    if (!ok && e)
        errno = e;
    if (!ok && !errno)
        errno = EIO;
    return ok;
}

/* Renames the closed temporary file to its path. */
static bool finish(pw_output *o, bool ok)
{
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

bool pw_output_commit(pw_output *o)
{
    return finish(o, pw_output_close(o));
}

bool pw_output_commit_unchanged(pw_output *o, const struct stat *was, bool *changed)
{
    *changed = false;
    bool ok = pw_output_close(o);
    struct stat now;
    if (ok && (lstat(o->path, &now) != 0 || !S_ISREG(now.st_mode) ||
               now.st_dev != was->st_dev || now.st_ino != was->st_ino ||
               now.st_size != was->st_size ||
               now.st_mtim.tv_sec != was->st_mtim.tv_sec ||
               now.st_mtim.tv_nsec != was->st_mtim.tv_nsec)) {
        *changed = true;
        ok = false;
        errno = ESTALE;
    }
    return finish(o, ok);
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
