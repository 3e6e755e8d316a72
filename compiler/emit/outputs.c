/* outputs — see outputs.h. */
#define _POSIX_C_SOURCE 200809L
#include "emit/outputs.h"

#include "support/arena.h"
#include "support/text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* What became of the file an output replaces, while the set is moved in. */
enum { NONE, LINKED, MOVED };

typedef struct output {
    char *name;  /* ID.EXT */
    bool placed; /* moved from the staging directory into DIR */
    int kept;    /* NONE (nothing had the name), LINKED or MOVED into old/ */
} output;

struct pw_outputs {
    const char *dir;
    struct timespec start;
    int dirfd;     /* DIR, locked when locked */
    bool locked;
    char *staging; /* its name in DIR, once made */
    int stagefd;   /* -1 until made */
    int oldfd;     /* staging/old, where replaced files wait; -1 until made */
    bool keep_staging; /* a replaced file could not be put back: it is there */
    output *v;
    size_t n;
    pw_text_buf error;
};

pw_outputs *pw_outputs_new(const char *dir)
{
    pw_outputs *s = pw_xcalloc(1, sizeof *s);
    s->dir = dir;
    clock_gettime(CLOCK_REALTIME, &s->start);
    s->dirfd = s->stagefd = s->oldfd = -1;
    return s;
}

const char *pw_outputs_error(const pw_outputs *s)
{
    return s->error.s ? s->error.s : "";
}

static bool older(const struct stat *st, const struct timespec *t)
{
    return st->st_mtim.tv_sec < t->tv_sec ||
           (st->st_mtim.tv_sec == t->tv_sec && st->st_mtim.tv_nsec < t->tv_nsec);
}

/* Removes the directory name of parent with what is in it, depth levels
 * of directories deep at most; never follows a link. Best effort: what
 * cannot be removed stays. */
static void remove_tree(int parent, const char *name, int depth)
{
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        struct stat st;
        if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (!S_ISDIR(st.st_mode))
            unlinkat(fd, e->d_name, 0);
        else if (depth > 1)
            remove_tree(fd, e->d_name, depth - 1);
    }
    closedir(d);
    unlinkat(parent, name, AT_REMOVEDIR);
}

/* What killed builds left in DIR: entries of the staging prefix last
 * changed before this build started. */
static void remove_stale(pw_outputs *s)
{
    int fd = openat(s->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    size_t np = strlen(PW_OUTPUTS_STAGING_PREFIX);
    for (struct dirent *e; (e = readdir(d));) {
        struct stat st;
        if (strncmp(e->d_name, PW_OUTPUTS_STAGING_PREFIX, np) != 0 ||
            fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !older(&st, &s->start))
            continue;
        if (S_ISDIR(st.st_mode))
            remove_tree(fd, e->d_name, 2);
        else
            unlinkat(fd, e->d_name, 0);
    }
    closedir(d);
}

pw_outputs_lock_result pw_outputs_lock(pw_outputs *s, bool wait)
{
    pw_tb_truncate(&s->error, 0);
    if (s->dirfd < 0)
        s->dirfd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (s->dirfd < 0) {
        pw_tb_printf(&s->error, "cannot open the directory '%s': %s", s->dir,
                     strerror(errno));
        return PW_OUTPUTS_LOCK_FAILED;
    }
    int r;
    while ((r = flock(s->dirfd, LOCK_EX | (wait ? 0 : LOCK_NB))) != 0 && errno == EINTR)
        ;
    if (r != 0 && errno == EWOULDBLOCK)
        return PW_OUTPUTS_BUSY;
    if (r != 0 && errno != ENOLCK && errno != EOPNOTSUPP && errno != EBADF &&
        errno != EINVAL) {
        pw_tb_printf(&s->error, "cannot lock the directory '%s': %s", s->dir,
                     strerror(errno));
        return PW_OUTPUTS_LOCK_FAILED;
    }
    /* A file system without flock (some network ones): the build goes on
     * unlocked, and leaves other builds' leftovers alone. */
    s->locked = r == 0;
    if (s->locked)
        remove_stale(s);
    return PW_OUTPUTS_LOCKED;
}

static void say(pw_outputs *s, const char *name, const char *why)
{
    pw_tb_printf(&s->error, "cannot write '%s/%s': %s", s->dir, name, why);
}

/* The staging directory, made at the first output. */
static bool make_staging(pw_outputs *s, const char *name)
{
    if (s->stagefd >= 0)
        return true;
    if (s->dirfd < 0 && pw_outputs_lock(s, true) != PW_OUTPUTS_LOCKED)
        return false;
    pw_text_buf path = {0};
    pw_tb_printf(&path, "%s/%sXXXXXX", s->dir, PW_OUTPUTS_STAGING_PREFIX);
    char *made = mkdtemp(path.s);
    if (made) {
        s->staging = pw_xstrdup(strrchr(made, '/') + 1);
        s->stagefd = openat(s->dirfd, s->staging,
                            O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (s->stagefd < 0)
        say(s, name, strerror(errno));
    pw_tb_free(&path);
    return s->stagefd >= 0;
}

/* Writes all of data to fd and makes it durable. */
static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return false;
        }
        data += w;
        len -= (size_t)w;
    }
    return fsync(fd) == 0;
}

bool pw_outputs_add(pw_outputs *s, const char *id, const char *ext,
                    const char *data, size_t len)
{
    pw_tb_truncate(&s->error, 0);
    pw_text_buf name = {0};
    pw_tb_printf(&name, "%s.%s", id, ext);
    if (!make_staging(s, name.s)) {
        pw_tb_free(&name);
        return false;
    }
    int fd = openat(s->stagefd, name.s,
                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    bool ok = fd >= 0 && write_all(fd, data, len);
    int e = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (ok) {
        s->v = pw_xrealloc(s->v, s->n + 1, sizeof *s->v);
        s->v[s->n++] = (output){pw_xstrdup(pw_tb_str(&name)), false, NONE};
        pw_tb_free(&name);
        return true;
    }
    if (fd >= 0)
        unlinkat(s->stagefd, name.s, 0);
    if (e == ENAMETOOLONG)
        pw_tb_printf(&s->error, "cannot write '%s/%s': the name is longer than the "
                     "file system allows; give pathway '%.40s...' a shorter id",
                     s->dir, name.s, id);
    else
        say(s, name.s, strerror(e));
    pw_tb_free(&name);
    errno = e;
    return false;
}

/* Keeps aside whatever has o's name in DIR, in staging/old: a second link
 * to it, or (where links cannot be made) the file itself. */
static bool keep_aside(pw_outputs *s, output *o)
{
    if (s->oldfd < 0) {
        if (mkdirat(s->stagefd, "old", 0700) != 0 && errno != EEXIST)
            return false;
        s->oldfd = openat(s->stagefd, "old", O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
                          O_CLOEXEC);
        if (s->oldfd < 0)
            return false;
    }
    if (linkat(s->dirfd, o->name, s->oldfd, o->name, 0) == 0) {
        o->kept = LINKED;
        return true;
    }
    if (renameat(s->dirfd, o->name, s->oldfd, o->name) == 0) {
        o->kept = MOVED;
        return true;
    }
    return false;
}

/* Moves o into place. */
static bool place(pw_outputs *s, output *o)
{
    struct stat st;
    if (fstatat(s->dirfd, o->name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISDIR(st.st_mode)) {
            say(s, o->name, "a directory has that name; move it away or build "
                            "into another directory");
            return false;
        }
        if (!keep_aside(s, o)) {
            say(s, o->name, strerror(errno));
            return false;
        }
    } else if (errno != ENOENT) {
        say(s, o->name, strerror(errno));
        return false;
    }
    if (renameat(s->stagefd, o->name, s->dirfd, o->name) == 0) {
        o->placed = true;
        return true;
    }
    say(s, o->name, strerror(errno));
    if (o->kept == MOVED && renameat(s->oldfd, o->name, s->dirfd, o->name) == 0)
        o->kept = NONE;
    else if (o->kept == LINKED)
        o->kept = NONE; /* the name still has it; the link in old/ goes */
    return false;
}

/* Takes o back out of DIR and puts back what it replaced. */
static bool take_back(pw_outputs *s, output *o)
{
    bool ok = true;
    if (o->placed) {
        if (o->kept != NONE)
            ok = renameat(s->oldfd, o->name, s->dirfd, o->name) == 0;
        else
            ok = renameat(s->dirfd, o->name, s->stagefd, o->name) == 0;
        if (ok) {
            o->placed = false;
            o->kept = NONE;
        }
    } else if (o->kept == MOVED) {
        ok = renameat(s->oldfd, o->name, s->dirfd, o->name) == 0;
        if (ok)
            o->kept = NONE;
    }
    return ok;
}

bool pw_outputs_commit(pw_outputs *s)
{
    pw_tb_truncate(&s->error, 0);
    if (s->n == 0)
        return true;
    size_t k = 0;
    while (k < s->n && place(s, &s->v[k]))
        k++;
    if (k == s->n) {
        /* the names on the disk too; a failure here is not the build's (its
         * outputs are in place, and stay) */
        fsync(s->dirfd);
        return true;
    }
    bool restored = true;
    for (size_t i = k + 1; i-- > 0;) {
        if (take_back(s, &s->v[i]))
            continue;
        if (restored)
            pw_tb_printf(&s->error, "; and '%s/%s' could not be put back (%s): what "
                         "it replaced is in '%s/%s/old'", s->dir, s->v[i].name,
                         strerror(errno), s->dir, s->staging);
        restored = false;
        s->keep_staging = true;
    }
    if (restored)
        pw_tb_printf(&s->error, "; nothing in '%s' was changed", s->dir);
    fsync(s->dirfd);
    return false;
}

void pw_outputs_free(pw_outputs *s)
{
    if (!s)
        return;
    if (s->oldfd >= 0)
        close(s->oldfd);
    if (s->stagefd >= 0) {
        close(s->stagefd);
        if (!s->keep_staging)
            remove_tree(s->dirfd, s->staging, 2);
    }
    if (s->dirfd >= 0)
        close(s->dirfd); /* and with it the lock */
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].name);
    free(s->v);
    free(s->staging);
    pw_tb_free(&s->error);
    free(s);
}
