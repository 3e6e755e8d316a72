#define _GNU_SOURCE /* O_PATH, syscall: the rest is POSIX */
#include "support/source.h"

#include "support/arena.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__) && defined(__has_include)
#if __has_include(<linux/openat2.h>)
#include <linux/openat2.h> /* struct open_how, RESOLVE_* */
#include <sys/syscall.h>
#define PW_HAVE_OPENAT2 1
#endif
#endif
/* valgrind 3.19 (Debian 12) knows no openat2: it would answer ENOSYS, but
 * print a warning on stderr first. Under it, the walk a part at a time is
 * used from the start (and so tested by the valgrind runs). */
#if defined(PW_HAVE_OPENAT2) && defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define PW_UNDER_VALGRIND() RUNNING_ON_VALGRIND
#endif
#endif
#ifndef PW_UNDER_VALGRIND
#define PW_UNDER_VALGRIND() 0
#endif

static void map_lines(pw_source *s)
{
    size_t cap = 64;
    s->lines = pw_xcalloc(cap, sizeof *s->lines);
    s->body = s->size >= 3 && memcmp(s->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    s->lines[0] = (uint32_t)s->body;
    s->nlines = 1;
    const char *end = s->text + s->size;
    for (const char *nl = s->text + s->body;
         (nl = memchr(nl, '\n', (size_t)(end - nl))); nl++) {
        if (s->nlines == cap) {
            cap *= 2;
            s->lines = pw_xrealloc(s->lines, cap, sizeof *s->lines);
        }
        s->lines[s->nlines++] = (uint32_t)(nl - s->text + 1);
    }
}

/* A source holding text, n bytes and a NUL, which it now owns. */
static pw_source *adopt(const char *name, char *text, size_t n)
{
    pw_source *s = pw_xcalloc(1, sizeof *s);
    s->name = pw_xstrdup(name);
    s->text = text;
    s->size = n;
    map_lines(s);
    return s;
}

pw_source *pw_source_from_memory(const char *name, const char *text, size_t n)
{
    char *copy = pw_xcalloc(n + 1, 1);
    if (n)
        memcpy(copy, text, n);
    return adopt(name, copy, n);
}

bool pw_source_is_pathway_name(const char *name)
{
    static const char suffix[] = ".pathway";
    size_t n = strlen(name), k = sizeof suffix - 1;
    return n > k && strcmp(name + n - k, suffix) == 0;
}

/* What a descriptor holds that may be read: 0 for a regular file or a
 * pipe, else the errno it is refused with (a directory EISDIR, a device
 * or anything else ENODEV), before a byte is read. */
static int readable_kind(const struct stat *st)
{
    if (S_ISREG(st->st_mode) || S_ISFIFO(st->st_mode))
        return 0;
    return S_ISDIR(st->st_mode) ? EISDIR : ENODEV;
}

char *pw_read_fd(int fd, size_t max_bytes, size_t *len)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return NULL;
    int e = readable_kind(&st);
    if (!e && S_ISREG(st.st_mode) && st.st_size > 0 && (uintmax_t)st.st_size > max_bytes)
        e = EFBIG; /* a regular file's size is known: refused before a byte */
    if (e) {
        errno = e;
        return NULL;
    }
    /* opened without waiting (O_NONBLOCK): reads wait from here on */
    int fl = fcntl(fd, F_GETFL);
    if (fl == -1 || ((fl & O_NONBLOCK) && fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1))
        return NULL;
    if (S_ISFIFO(st.st_mode)) {
        /* a named pipe opened before its writer: wait for one, as a
         * blocking open would have (poll reports a pipe's end only once a
         * writer has come and gone) */
        struct pollfd p = {fd, POLLIN, 0};
        while (poll(&p, 1, -1) < 0 && errno == EINTR)
            continue;
    }
    /* a regular file says its size: read it in one go; a pipe grows, never
     * past max_bytes + 2 (+1 for the NUL, +1 to see that it goes on) */
    size_t cap = 4096, n = 0, most = max_bytes + 2;
    if (S_ISREG(st.st_mode) && st.st_size > 0)
        cap = (size_t)st.st_size + 2;
    if (cap > most)
        cap = most;
    char *buf = pw_xcalloc(cap, 1);
    for (;;) {
        if (n + 1 >= cap) {
            cap = cap > most / 2 ? most : cap * 2;
            buf = pw_xrealloc(buf, cap, 1);
        }
        ssize_t got = read(fd, buf + n, cap - n - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 || (n += (size_t)got) > max_bytes) {
            free(buf);
            errno = got < 0 ? errno : EFBIG;
            return NULL;
        }
        if (got == 0)
            break;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

char *pw_read_file(const char *path, size_t max_bytes, size_t *len)
{
    /* O_NONBLOCK: a named pipe is opened without waiting for a writer, a
     * device without waiting on its line; pw_read_fd refuses the device */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    char *buf = pw_read_fd(fd, max_bytes, len);
    int e = errno;
    close(fd);
    errno = e;
    return buf;
}

const char *pw_read_strerror(int e)
{
    switch (e) {
    case EISDIR:
        return "it is a directory; name a file";
    case ENODEV:
        return "it is a device, not a file; name a file (or a pipe)";
    default:
        return strerror(e);
    }
}

#if defined(PW_HAVE_OPENAT2) && defined(SYS_openat2)
/* openat2 (Linux 5.6) with no link followed, and RESOLVE_BENEATH for a
 * relative rel: -1 with ENOSYS where the kernel has not got it (or a
 * filter in front of it answers EPERM). */
static int open_beneath_linux(int dirfd, const char *rel, int flags)
{
    struct open_how how = {.flags = (uint64_t)flags,
                           .resolve = (rel[0] == '/' ? 0 : RESOLVE_BENEATH) |
                                      RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS};
    if (PW_UNDER_VALGRIND()) {
        errno = ENOSYS;
        return -1;
    }
    long fd = syscall(SYS_openat2, dirfd, rel, &how, sizeof how);
    if (fd < 0 && errno == EPERM)
        errno = ENOSYS;
    return (int)fd;
}
#else
static int open_beneath_linux(int dirfd, const char *rel, int flags)
{
    (void)dirfd, (void)rel, (void)flags;
    errno = ENOSYS;
    return -1;
}
#endif

#ifdef O_PATH
#define DIR_FLAGS (O_PATH | O_DIRECTORY | O_CLOEXEC)
#else
#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_CLOEXEC)
#endif

/* The same, a component at a time, none of them a link. */
static int open_walk(int dirfd, const char *rel, int flags)
{
    char *path = pw_xstrdup(rel);
    int at = dirfd, fd = -1;
    char *save = NULL, *part = strtok_r(path, "/", &save);
    errno = EXDEV;
    while (part) {
        char *next = strtok_r(NULL, "/", &save);
        if (strcmp(part, ".") == 0 || strcmp(part, "..") == 0) {
            fd = -1;
            errno = EXDEV;
            break;
        }
        fd = openat(at, part, (next ? DIR_FLAGS : flags) | O_NOFOLLOW);
        int e = errno;
        struct stat st;
        if (fd < 0 && e == ENOTDIR && next && fstatat(at, part, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISLNK(st.st_mode))
            e = ELOOP; /* a link where a directory was: as openat2 says it */
        if (at != dirfd)
            close(at);
        errno = e;
        if (fd < 0 || !next)
            break;
        at = fd;
        fd = -1;
        part = next;
    }
    free(path);
    return fd;
}

int pw_open_beneath(int dirfd, const char *rel)
{
    int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    if (rel[0] == '/') {
        errno = EXDEV;
        return -1;
    }
    int fd = open_beneath_linux(dirfd, rel, flags);
    if (fd >= 0 || errno != ENOSYS)
        return fd;
    return open_walk(dirfd, rel, flags);
}

int pw_open_dir(const char *path)
{
    if (path[0] != '/') {
        errno = EINVAL;
        return -1;
    }
    int fd = open_beneath_linux(AT_FDCWD, path, DIR_FLAGS);
    if (fd >= 0 || errno != ENOSYS)
        return fd;
    int root = open("/", DIR_FLAGS);
    if (root < 0 || !path[strspn(path, "/")])
        return root;
    fd = open_walk(root, path + 1, DIR_FLAGS);
    int e = errno;
    close(root);
    errno = e;
    return fd;
}

pw_source *pw_source_read_fd(const char *name, int fd, size_t max_bytes)
{
    size_t n;
    char *buf = pw_read_fd(fd, max_bytes, &n);
    if (!buf)
        return NULL;
    return adopt(name, buf, n);
}

pw_source *pw_source_read(const char *path, size_t max_bytes)
{
    size_t n;
    char *buf = pw_read_file(path, max_bytes, &n);
    if (!buf)
        return NULL;
    return adopt(path, buf, n);
}

void pw_source_free(pw_source *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->text);
    free(s->lines);
    free(s);
}

/* The last line whose start is at or before offset: binary search. */
static size_t line_index(const pw_source *s, uint32_t offset)
{
    size_t lo = 0, hi = s->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

unsigned pw_source_line_of(const pw_source *s, uint32_t offset)
{
    if (offset > s->size)
        offset = (uint32_t)s->size;
    return (unsigned)line_index(s, offset) + 1;
}

void pw_source_position(const pw_source *s, uint32_t offset, unsigned *line,
                        unsigned *column)
{
    if (offset > s->size)
        offset = (uint32_t)s->size;
    if (offset < s->body)
        offset = (uint32_t)s->body;
    size_t li = line_index(s, offset);
    unsigned col = 1;
    for (uint32_t i = s->lines[li]; i < offset; i++)
        if (((unsigned char)s->text[i] & 0xC0) != 0x80)
            col++;
    *line = (unsigned)li + 1;
    *column = col;
}

const char *pw_source_line(const pw_source *s, unsigned line, size_t *len)
{
    if (line == 0 || line > s->nlines) {
        *len = 0;
        return "";
    }
    uint32_t b = s->lines[line - 1];
    uint32_t e = line < s->nlines ? s->lines[line] - 1 : (uint32_t)s->size;
    if (e > b && s->text[e - 1] == '\r')
        e--;
    *len = e - b;
    return s->text + b;
}
