#define _XOPEN_SOURCE 700 /* realpath */
#include "model/imports.h"

#include "front/parse.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

void pw_files_push(pw_files *l, pw_file *f)
{
    l->at = pw_xrealloc(l->at, l->n + 1, sizeof *l->at);
    l->at[l->n++] = f;
}

pw_loc pw_file_loc(const pw_file *f, pw_span s)
{
    return (pw_loc){f->src, s};
}

pw_gtext pw_file_text(const pw_file *f, pw_arena *a, pw_text t)
{
    return (pw_gtext){t.text ? pw_arena_strdup(a, t.text) : NULL, pw_file_loc(f, t.span)};
}

void pw_imports_init(pw_imports *m, pw_diag *diag, size_t max_file_bytes,
                     unsigned max_depth)
{
    *m = (pw_imports){.diag = diag, .max_file_bytes = max_file_bytes,
                      .max_depth = max_depth};
}

static void add_root(pw_imports *m, char *dir)
{
    m->roots = pw_xrealloc(m->roots, m->nroots + 1, sizeof *m->roots);
    m->roots[m->nroots++] = dir;
}

void pw_imports_allow(pw_imports *m, const char *dir)
{
    char *r = realpath(dir, NULL);
    if (r)
        add_root(m, r);
}

static pw_file *find_file(const pw_imports *m, const char *real)
{
    for (size_t i = 0; i < m->all.n; i++)
        if (strcmp(m->all.at[i]->real, real) == 0)
            return m->all.at[i];
    return NULL;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return pw_xstrdup(".");
    if (slash == path)
        return pw_xstrdup("/");
    char *d = pw_xstrdup(path);
    d[slash - path] = '\0';
    return d;
}

/* Is the canonical path under the canonical directory dir? */
static bool under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return true;
    return strncmp(path, dir, n) == 0 && path[n] == '/';
}

static bool allowed(const pw_imports *m, const char *real, const char *root)
{
    if (under(real, root))
        return true;
    for (size_t i = 0; i < m->nroots; i++)
        if (under(real, m->roots[i]))
            return true;
    return false;
}

static void load_imports(pw_imports *m, pw_file *f);

/* A file of the program, parsed; it takes src and real. */
static pw_file *new_file(pw_imports *m, pw_source *src, char *real, const char *root)
{
    pw_file *f = pw_xcalloc(1, sizeof *f);
    f->src = src;
    f->real = real;
    f->root = root;
    pw_files_push(&m->all, f);
    f->ast = pw_parse(src, m->diag);
    return f;
}

/* Reads one file's imports, depth first. */
static void load(pw_imports *m, pw_file *f)
{
    pw_files_push(&m->stack, f);
    load_imports(m, f);
    m->stack.n--;
    f->loaded = true;
    pw_files_push(&m->order, f); /* after its imports */
}

/* The file named on the command line at name, canonical path real: the
 * overlay's text, or read from disk, opened once (a regular file or a
 * pipe). */
static pw_source *read_source(pw_imports *m, const char *name, const char *real)
{
    size_t len;
    const char *text = m->overlay ? m->overlay(m->overlay_ctx, real, &len) : NULL;
    if (!text)
        return pw_source_read(name, m->max_file_bytes);
    if (len > m->max_file_bytes) {
        errno = EFBIG;
        return NULL;
    }
    return pw_source_from_memory(name, text, len);
}

bool pw_imports_add(pw_imports *m, const char *path)
{
    char *real = realpath(path, NULL);
    size_t len;
    /* a document the overlay has that is not on disk (yet) */
    if (!real && path[0] == '/' && m->overlay && m->overlay(m->overlay_ctx, path, &len))
        real = pw_xstrdup(path);
    if (!real)
        return false;
    pw_file *f = find_file(m, real);
    if (f) {
        free(real);
        f->on_command_line = true;
        return true;
    }
    pw_source *src = read_source(m, path, real);
    if (!src) {
        int e = errno;
        free(real);
        errno = e;
        return false;
    }
    char *root = dir_of(real);
    add_root(m, root); /* kept for its file's lifetime */
    f = new_file(m, src, real, root);
    f->on_command_line = true;
    load(m, f);
    return true;
}

/* "a.pathway -> b.pathway -> a.pathway" for a cycle closing at f. */
static char *cycle_chain(const pw_imports *m, const pw_file *f)
{
    const pw_files *st = &m->stack;
    size_t from = 0;
    while (from < st->n && st->at[from] != f)
        from++;
    size_t len = 1;
    for (size_t i = from; i < st->n; i++)
        len += strlen(st->at[i]->src->name) + 4;
    len += strlen(f->src->name);
    char *s = pw_xcalloc(len, 1);
    for (size_t i = from; i < st->n; i++) {
        strcat(s, st->at[i]->src->name);
        strcat(s, " -> ");
    }
    strcat(s, f->src->name);
    return s;
}

/* rel taken from the directory base, with "." and ".." worked out by
 * the letters (for a file that does not exist, realpath cannot say). */
static char *lexical_path(const char *base, const char *rel)
{
    size_t n = strlen(base) + strlen(rel) + 3;
    char *joined = pw_xcalloc(n, 1), *out = pw_xcalloc(n, 1);
    snprintf(joined, n, "%s/%s", rel[0] == '/' ? "" : base, rel);
    size_t len = 0;
    for (char *save = NULL, *part = strtok_r(joined, "/", &save); part;
         part = strtok_r(NULL, "/", &save)) {
        if (strcmp(part, ".") == 0)
            continue;
        if (strcmp(part, "..") == 0) {
            while (len > 0 && out[len - 1] != '/')
                len--;
            if (len > 0)
                len--; /* the slash */
            out[len] = '\0';
            continue;
        }
        len += (size_t)snprintf(out + len, n - len, "/%s", part);
    }
    if (!len)
        strcpy(out, "/");
    free(joined);
    return out;
}

/* Where name would lead when realpath cannot say (a part of it is
 * missing): the canonical path of the longest leading part that exists,
 * then the rest by the letters; a dangling symbolic link is followed to
 * where it points. So "link/missing" through a link to a directory outside
 * the roots, or a dangling link to a path outside, is found outside, as it
 * would be if the file existed: whether it does is never told. hops bounds
 * the links followed. Heap string. */
static char *where_missing(const char *name, int hops)
{
    char *real = realpath(name, NULL);
    if (real)
        return real;
    const char *slash = strrchr(name, '/');
    char *parent = slash ? pw_xstrdup(name) : pw_xstrdup(".");
    if (slash)
        parent[slash == name ? 1 : slash - name] = '\0';
    const char *base = slash ? slash + 1 : name;
    /* the parent is shorter, so this ends; only links count as hops */
    char *up = strcmp(parent, name) != 0 ? where_missing(parent, hops)
                                         : pw_xstrdup(parent);
    free(parent);
    char *at = lexical_path(up, base);
    char target[PATH_MAX];
    ssize_t n = hops > 0 ? readlink(at, target, sizeof target - 1) : -1;
    if (n > 0) {
        target[n] = '\0';
        char *via = lexical_path(up, target); /* absolute targets stay so */
        free(at);
        at = where_missing(via, hops - 1);
        free(via);
    }
    free(up);
    return at;
}

static void outside_roots(pw_imports *m, const pw_file *f, const pw_ast_import *im)
{
    pw_diagnostic *g = pw_diag_error(m->diag, "E0212", f->src, im->path.span,
                                     "import '%s' is outside the directories "
                                     "this compile may read", im->path.text);
    pw_diag_help(g, "imports stay under the directory of the file named on "
                    "the command line; allow another with -I DIR");
}

/* A file beside path that is what its author meant: path with
 * ".pathway" added, or a name that differs only in capitals (the first
 * such, in byte order, for the same answer every time). Heap; NULL when
 * none. */
static char *near_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) : 0;
    const char *base = slash ? slash + 1 : path;
    char *dir = pw_xstrdup(slash ? path : ".");
    if (slash)
        dir[dlen ? dlen : 1] = '\0';
    size_t blen = strlen(base), size = strlen(path) + 16;
    char *with = pw_xcalloc(size, 1);
    snprintf(with, size, "%s.pathway", path);
    struct stat st;
    if (stat(with, &st) == 0 && S_ISREG(st.st_mode)) {
        free(dir);
        return with;
    }
    free(with);
    char *best = NULL;
    DIR *d = opendir(dir);
    for (struct dirent *en; d && (en = readdir(d));) {
        const char *n = en->d_name;
        size_t nl = strlen(n);
        bool same = strcasecmp(n, base) == 0 ||
                    (nl == blen + 8 && strncasecmp(n, base, blen) == 0 &&
                     strcmp(n + blen, ".pathway") == 0);
        if (same && (!best || strcmp(n, best) < 0)) {
            free(best);
            best = pw_xstrdup(n);
        }
    }
    if (d)
        closedir(d);
    char *out = NULL;
    if (best) {
        size = strlen(dir) + strlen(best) + 2;
        out = pw_xcalloc(size, 1);
        snprintf(out, size, "%s/%s", dir, best);
        free(best);
    }
    free(dir);
    return out;
}

/* An import that realpath cannot find (it failed with e): refused as
 * outside the roots when that is where it would lead, before saying
 * whether it exists, for a compile never says what lies outside its
 * roots; else unreadable. */
static void missing(pw_imports *m, const pw_file *f, const pw_ast_import *im,
                    const char *name, int e)
{
    char *where = where_missing(name, 40);
    bool out = !allowed(m, where, f->root);
    free(where);
    if (out) {
        outside_roots(m, f, im);
        return;
    }
    pw_diagnostic *g = pw_diag_error(m->diag, "E0210", f->src, im->path.span,
                                     "cannot read import '%s': %s", name,
                                     strerror(e));
    char *near = e == ENOENT ? near_name(name) : NULL;
    if (near) {
        /* the import as written, its last part replaced */
        const char *w = im->path.text, *slash = strrchr(w, '/');
        const char *base = strrchr(near, '/');
        pw_diag_help(g, "did you mean '%.*s%s'? %s", slash ? (int)(slash - w + 1) : 0, w,
                     base ? base + 1 : near,
                     strcasecmp(base ? base + 1 : near, slash ? slash + 1 : w) == 0
                         ? "File names are case-sensitive"
                         : "An import names the file with its '.pathway' ending");
        free(near);
    } else {
        pw_diag_help(g, "the path is relative to the file that imports it (%s)",
                     f->src->name);
    }
}

/* An import must be a regular file: a named pipe would wait for a
 * writer for ever, and a device could be read without end. Reported. */
static void not_regular(pw_imports *m, const pw_file *f, const pw_ast_import *im,
                        const char *name, const struct stat *st)
{
    const char *why = S_ISDIR(st->st_mode) ? "it is a directory"
                                            : "it is not a regular file";
    pw_diagnostic *g = pw_diag_error(m->diag, "E0210", f->src, im->path.span,
                                     "cannot read import '%s': %s", name, why);
    pw_diag_help(g, "import a .pathway file");
}

/* The import could not be opened or read, with errno set. */
static void unreadable(pw_imports *m, const pw_file *f, const pw_ast_import *im,
                       const char *name)
{
    pw_diagnostic *g;
    if (errno == ELOOP) {
        /* its canonical path is opened with no link followed: a part of it
         * became a link after realpath said where it leads */
        g = pw_diag_error(m->diag, "E0210", f->src, im->path.span,
                          "cannot read import '%s': a part of its path was "
                          "replaced by a symbolic link while it was read",
                          name);
        pw_diag_help(g, "check again; if this comes back, someone is changing "
                        "the directory as the compile reads it");
        return;
    }
    if (errno == EFBIG)
        g = pw_diag_error(m->diag, "E0210", f->src, im->path.span,
                          "cannot read import '%s': it is larger than %zu MiB",
                          name, m->max_file_bytes >> 20);
    else
        g = pw_diag_error(m->diag, "E0210", f->src, im->path.span,
                          "cannot read import '%s': %s", name, strerror(errno));
    pw_diag_help(g, "check the file's permissions and size; pathway files are "
                    "refused above %zu MiB",
                 m->max_file_bytes >> 20);
}

/* The descriptor of the file at real, an import under one of the roots:
 * the root opened, then the rest of real under the root's descriptor,
 * neither following a link (real is canonical: a link on it now is a
 * rename since realpath), so that what is read is what allowed() was
 * asked about, whatever is renamed meanwhile. Non-blocking; -1 with errno
 * set. The root is opened for each import, not kept open: a workspace of
 * the language server adds 2,000 files, each with its root. */
static int open_in_root(const pw_imports *m, const char *real)
{
    for (size_t i = 0; i < m->nroots; i++) {
        const char *r = m->roots[i];
        if (!under(real, r))
            continue;
        int dir = pw_open_dir(r);
        if (dir < 0)
            return -1;
        int fd = pw_open_beneath(dir, real + strlen(r) + (r[1] ? 1 : 0));
        int e = errno;
        close(dir);
        errno = e;
        return fd;
    }
    errno = EXDEV; /* allowed() said it is under one */
    return -1;
}

/* The import at real, read once from one descriptor (or the overlay's
 * text); NULL when it cannot be (reported). */
static pw_source *read_import(pw_imports *m, const pw_file *f, const pw_ast_import *im,
                              const char *name, const char *real)
{
    size_t len;
    const char *text = m->overlay ? m->overlay(m->overlay_ctx, real, &len) : NULL;
    if (text && len <= m->max_file_bytes)
        return pw_source_from_memory(name, text, len);
    pw_source *src = NULL;
    struct stat st;
    int fd = text ? (errno = EFBIG, -1) : open_in_root(m, real);
    if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode))
        not_regular(m, f, im, name, &st);
    else if (fd < 0 || !(src = pw_source_read_fd(name, fd, m->max_file_bytes)))
        unreadable(m, f, im, name);
    if (fd >= 0)
        close(fd);
    return src;
}

/* The file an import of f names (canonical path real, which it takes),
 * read with its imports unless it was read before; NULL when it cannot be
 * (reported). A file that closes a cycle is reported and returned. */
static pw_file *import_file(pw_imports *m, pw_file *f, const pw_ast_import *im,
                            const char *name, char *real)
{
    pw_file *v = find_file(m, real);
    if (v && !v->loaded) {
        char *chain = cycle_chain(m, v);
        pw_diagnostic *g = pw_diag_error(m->diag, "E0211", f->src, im->path.span,
                                         "import cycle: %s", chain);
        pw_diag_help(g, "a file cannot import itself, directly or through "
                        "others; move what both need into a third file");
        free(chain);
    } else if (!v && m->stack.n > m->max_depth) {
        pw_diagnostic *g = pw_diag_error(m->diag, "E0213", f->src, im->path.span,
                                         "imports nest more than %u deep",
                                         m->max_depth);
        pw_diag_help(g, "import the shared files directly from this one");
    } else if (!v) {
        pw_source *src = read_import(m, f, im, name, real);
        if (src) {
            v = new_file(m, src, real, f->root);
            load(m, v);
            return v;
        }
    }
    free(real);
    return v;
}

/* The name an import is read by: its path relative to the directory of
 * the file that imports it. Heap string. */
static char *import_name(const pw_file *f, const char *rel)
{
    char *dir = dir_of(f->src->name);
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *name = pw_xcalloc(n, 1);
    if (rel[0] == '/' || strcmp(dir, ".") == 0)
        snprintf(name, n, "%s", rel);
    else
        snprintf(name, n, "%s/%s", dir, rel);
    free(dir);
    return name;
}

static void import_one(pw_imports *m, pw_file *f, const pw_ast_import *im)
{
    char *name = import_name(f, im->path.text);
    char *real = realpath(name, NULL);
    pw_file *v = NULL;
    if (!real) {
        missing(m, f, im, name, errno);
    } else if (!allowed(m, real, f->root)) {
        outside_roots(m, f, im);
        free(real);
    } else {
        v = import_file(m, f, im, name, real);
    }
    if (v)
        pw_files_push(&f->imports, v);
    free(name);
}

static void load_imports(pw_imports *m, pw_file *f)
{
    for (const pw_ast_import *im = f->ast->imports; im; im = im->next)
        if (im->path.text)
            import_one(m, f, im);
}

static void closure(pw_imports *m, pw_file *f, pw_files *out)
{
    if (f->visit == m->visit)
        return;
    f->visit = m->visit;
    /* imports first, as a C header comes before the file that includes it:
     * a name declared again in the importing file is reported there */
    for (size_t i = 0; i < f->imports.n; i++)
        closure(m, f->imports.at[i], out);
    pw_files_push(out, f);
}

void pw_imports_closure(pw_imports *m, pw_file *f, pw_files *out)
{
    m->visit++;
    closure(m, f, out);
}

static void free_file(pw_file *f)
{
    pw_ast_free(f->ast);
    pw_source_free(f->src);
    free(f->real);
    free(f->imports.at);
    free(f);
}

void pw_imports_free(pw_imports *m)
{
    for (size_t i = 0; i < m->all.n; i++)
        free_file(m->all.at[i]);
    free(m->all.at);
    free(m->order.at);
    free(m->stack.at);
    for (size_t i = 0; i < m->nroots; i++)
        free(m->roots[i]);
    free(m->roots);
}
