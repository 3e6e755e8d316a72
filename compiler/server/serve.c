/* serve — the preview server (serve.h, docs/serve.md).
 *
 * Two kinds of thread: the caller's, which builds, watches the files
 * (inotify) and builds again; and libmicrohttpd's, one per connection,
 * which answer requests from the last good build. They share the state
 * below under one mutex: the site (every page of the last good build, by
 * its exact path), the build number, and the banner of the last build's
 * errors. An event stream waits on the condition variable for the next
 * build number. A request is answered only from the site, by an exact
 * path: nothing is ever read from disk for it. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "server/serve.h"

#include "emit/markup.h"
#include "model/program.h"
#include "model/testing.h"
#include "server/assets.h"
#include "support/arena.h"
#include "support/text.h"
#include "tools/build.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Limits (docs/limits.md). */
enum {
    MAX_CONNECTIONS = 64,  /* at once: a browser opens a few per page */
    CONNECTION_TIMEOUT = 120, /* seconds idle; an event stream pings */
    PING_SECONDS = 15,     /* an idle event stream's comment line */
    DEBOUNCE_MS = 100      /* quiet after a change before building */
};

/* ---- the site: what one good build made -------------------------------- */

typedef struct page {
    char *path;       /* "/ID.html" */
    const char *type; /* Content-Type */
    char *data;
    size_t len;
    bool html;        /* gets the live script and the banner when served */
} page;

typedef struct site {
    page *pages;
    size_t n, cap;
} site;

static void site_add(site *w, const char *path, const char *type, const char *data,
                     size_t len, bool html)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 32;
        w->pages = pw_xrealloc(w->pages, w->cap, sizeof *w->pages);
    }
    page *p = &w->pages[w->n++];
    p->path = pw_xstrdup(path);
    p->type = type;
    p->data = pw_xcalloc(len + 1, 1);
    memcpy(p->data, data, len);
    p->len = len;
    p->html = html;
}

static const page *site_find(const site *w, const char *path)
{
    for (size_t i = 0; w && i < w->n; i++)
        if (strcmp(w->pages[i].path, path) == 0)
            return &w->pages[i];
    return NULL;
}

static void site_free(site *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n; i++) {
        free(w->pages[i].path);
        free(w->pages[i].data);
    }
    free(w->pages);
    free(w);
}

/* ---- the server's state ------------------------------------------------- */

typedef struct watch {
    int wd;
    char *dir; /* real path */
} watch;

struct pw_serve {
    const pw_serve_options *o;
    bool is_dir;
    char *dir_real;            /* the directory served, when is_dir */
    unsigned port;
    struct MHD_Daemon *daemon;
    int inotify;
    watch *watches;
    size_t nwatches;
    char **wanted;             /* real paths of the files the last build read */
    size_t nwanted;

    pthread_mutex_t lock;      /* guards what follows */
    pthread_cond_t built;      /* signalled on a new build number, and on stopping */
    site *site;                /* the last good build; NULL before one */
    unsigned gen;              /* build number: 1 for the first */
    size_t errors, warnings;   /* of the last build */
    char *diagnostics;         /* its diagnostics as text ("" when none) */
    char *banner;              /* as HTML, "" when it had no errors */
    bool stopping;
};

static void say(pw_serve *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(pw_serve *s, const char *fmt, ...)
{
    if (!s->o->log)
        return;
    va_list ap;
    va_start(ap, fmt);
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    s->o->log(s->o->cls, line);
}

/* text as HTML element content */
static void add_escaped(pw_text_buf *b, const char *text)
{
    size_t n = strlen(text), at = 0;
    while (at < n) {
        size_t k = 0;
        uint32_t c = pw_utf8_next(text + at, n - at, &k);
        if (c == '\n')
            pw_tb_add(b, "\n"); /* kept in a <pre> */
        else
            pw_markup_char(b, text + at, k, c);
        at += k;
    }
}

/* text as valid UTF-8 for JSON and HTML: the diagnostics quote source
 * lines, which may hold bytes that are not UTF-8 (the error, maybe) or
 * control characters; lines kept. Heap. */
static char *clean_text(const char *text)
{
    pw_text_buf b = {0};
    size_t n = strlen(text), at = 0;
    while (at < n) {
        size_t k = 0;
        uint32_t c = pw_utf8_next(text + at, n - at, &k);
        if (c == '\n')
            pw_tb_add(&b, "\n");
        else
            pw_markup_xml_char(&b, text + at, k, c);
        at += k;
    }
    char *clean = pw_xstrdup(pw_tb_str(&b));
    pw_tb_free(&b);
    return clean;
}

/* ---- building ----------------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files to build: the one file, or every *.pathway directly in the
 * directory, in byte order of their names. */
static char **files_to_build(pw_serve *s, size_t *n, pw_text_buf *problems)
{
    *n = 0;
    if (!s->is_dir) {
        char **one = pw_xcalloc(1, sizeof *one);
        one[(*n)++] = pw_xstrdup(s->o->path);
        return one;
    }
    DIR *d = opendir(s->o->path);
    if (!d) {
        pw_tb_printf(problems, "error: cannot read the directory '%s': %s\n",
                     s->o->path, strerror(errno));
        return NULL;
    }
    char **names = NULL;
    size_t cap = 0;
    const char *sep = s->o->path[strlen(s->o->path) - 1] == '/' ? "" : "/";
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= 8 || strcmp(e->d_name + len - 8, ".pathway"))
            continue;
        pw_text_buf path = {0};
        pw_tb_printf(&path, "%s%s%s", s->o->path, sep, e->d_name);
        struct stat st;
        if (stat(pw_tb_str(&path), &st) != 0 || !S_ISREG(st.st_mode)) {
            pw_tb_free(&path);
            continue;
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            names = pw_xrealloc(names, cap, sizeof *names);
        }
        names[(*n)++] = pw_xstrdup(pw_tb_str(&path));
        pw_tb_free(&path);
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, by_name);
    else
        pw_tb_printf(problems, "error: '%s' has no .pathway file: write one there "
                     "(NAME.pathway) and it is built\n", s->o->path);
    return names;
}

static const char *type_of(const char *ext)
{
    if (strcmp(ext, "html") == 0)
        return "text/html; charset=utf-8";
    if (strcmp(ext, "svg") == 0)
        return "image/svg+xml";
    if (strcmp(ext, "json") == 0)
        return "application/json";
    return "text/plain; charset=utf-8"; /* dot */
}

static bool keep_output(void *cls, const char *id, const char *ext, const char *data,
                        size_t len, char *err, size_t errsize)
{
    (void)err;
    (void)errsize;
    pw_text_buf path = {0};
    pw_tb_printf(&path, "/%s.%s", id, ext);
    site_add(cls, pw_tb_str(&path), type_of(ext), data, len, strcmp(ext, "html") == 0);
    pw_tb_free(&path);
    return true;
}

/* The head every page of the server's own has: its policy allows nothing
 * but what add_live (below) lets in. */
static void own_head(pw_text_buf *b, const char *title)
{
    pw_tb_add(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                 "'none'; frame-src 'self'; style-src 'none'; "
                 "script-src 'none'; base-uri 'none'; form-action 'none'\">\n<title>");
    add_escaped(b, title);
    pw_tb_add(b, "</title>\n</head>\n");
}

/* /preview/ID: the diagram and the checklist side by side. */
static void add_preview(site *w, const pw_graph *g)
{
    pw_text_buf b = {0}, title = {0}, path = {0};
    pw_tb_printf(&title, "Preview: %s", g->title ? g->title : g->id);
    own_head(&b, pw_tb_str(&title));
    pw_tb_add(&b, "<body class=\"pathwayc-preview\">\n<header class=\"pv-bar\">\n<h1>");
    add_escaped(&b, g->title ? g->title : g->id);
    pw_tb_add(&b, "</h1>\n<a href=\"/\">All pathways</a>\n");
    const char *kinds[] = {"html", "checklist", "svg", "diagram", "json", "table"};
    for (size_t k = 0; k < 6; k += 2) {
        pw_tb_free(&path);
        pw_tb_printf(&path, "/%s.%s", g->id, kinds[k]);
        if (site_find(w, pw_tb_str(&path))) {
            pw_tb_add(&b, "<a href=\"");
            add_escaped(&b, pw_tb_str(&path));
            pw_tb_printf(&b, "\">The %s</a>\n", kinds[k + 1]);
        }
    }
    pw_tb_add(&b, "<span id=\"pathwayc-state\">Live</span>\n</header>\n<main class=\"pv-main\">\n"
                  "<section class=\"pv-diagram\" aria-labelledby=\"pv-diagram-h\">\n"
                  "<h2 id=\"pv-diagram-h\">Diagram</h2>\n");
    pw_tb_free(&path);
    pw_tb_printf(&path, "/%s.svg", g->id);
    const page *svg = site_find(w, pw_tb_str(&path));
    const char *start = svg ? strstr(svg->data, "<svg") : NULL;
    if (start)
        pw_tb_addn(&b, start, svg->len - (size_t)(start - svg->data));
    else
        pw_tb_add(&b, "<p class=\"pv-empty\">This pathway is too big to draw: its "
                      "checklist is beside this.</p>\n");
    pw_tb_add(&b, "</section>\n<h2 class=\"pv-checklist-h\">Checklist</h2>\n"
                  "<iframe class=\"pv-checklist\" title=\"Checklist\" src=\"");
    pw_tb_free(&path);
    pw_tb_printf(&path, "/%s.html", g->id);
    add_escaped(&b, pw_tb_str(&path));
    pw_tb_add(&b, "\"></iframe>\n</main>\n</body>\n</html>\n");
    pw_tb_free(&path);
    pw_tb_printf(&path, "/preview/%s", g->id);
    site_add(w, pw_tb_str(&path), "text/html; charset=utf-8", b.s, b.n, true);
    pw_tb_free(&path);
    pw_tb_free(&title);
    pw_tb_free(&b);
}

/* Remembers the real path of every file the program read, and watches
 * the directory of each (an editor may save by renaming a new file onto
 * the old name, which a watch on the file itself would miss). */
static void want_files(pw_serve *s, const pw_program *prog, char **files, size_t nfiles)
{
    for (size_t i = 0; i < s->nwanted; i++)
        free(s->wanted[i]);
    free(s->wanted);
    size_t n = prog ? pw_program_file_count(prog) : 0;
    s->wanted = pw_xcalloc(n + nfiles + 1, sizeof *s->wanted);
    s->nwanted = 0;
    for (size_t i = 0; i < n + nfiles; i++) {
        const char *name = i < n ? pw_program_file_name(prog, i) : files[i - n];
        char *a = pw_xstrdup(name), *b = pw_xstrdup(name);
        char *dir = realpath(dirname(a), NULL);
        if (dir) {
            pw_text_buf full = {0};
            pw_tb_printf(&full, "%s/%s", dir, basename(b));
            s->wanted[s->nwanted++] = pw_xstrdup(pw_tb_str(&full));
            pw_tb_free(&full);
            bool have = false;
            for (size_t k = 0; k < s->nwatches; k++)
                have |= strcmp(s->watches[k].dir, dir) == 0;
            int wd = have ? -1 : inotify_add_watch(s->inotify, dir,
                                                    IN_CLOSE_WRITE | IN_MOVED_TO |
                                                    IN_MOVED_FROM | IN_CREATE |
                                                    IN_DELETE | IN_MODIFY);
            if (wd >= 0) {
                s->watches = pw_xrealloc(s->watches, s->nwatches + 1, sizeof *s->watches);
                s->watches[s->nwatches++] = (watch){wd, dir};
                dir = NULL;
            }
        }
        free(dir);
        free(a);
        free(b);
    }
}

/* Reads, checks and tests the files, as `pathwayc build` does; with no
 * errors, builds everything into a new site. The diagnostics go to text. */
static site *build_site(pw_serve *s, pw_text_buf *text, size_t *errors, size_t *warnings)
{
    const pw_serve_options *o = s->o;
    size_t nfiles = 0;
    char **files = files_to_build(s, &nfiles, text);
    size_t problems = text->n ? 1 : 0;
    pw_diag *diag = o->new_sink(o->cls);
    pw_program_options po = {o->include_dirs, o->ninclude_dirs, o->max_file_bytes,
                             o->max_import_depth, NULL, NULL};
    pw_program *prog = pw_program_new(diag, &po);
    for (size_t i = 0; i < nfiles; i++)
        if (!pw_program_add(prog, files[i])) {
            pw_tb_printf(text, "error: cannot read '%s': %s\n", files[i],
                         errno == EFBIG ? "it is larger than the limit for pathway "
                                          "files" : pw_read_strerror(errno));
            problems++;
        }
    pw_check_options co = {o->today};
    pw_program_check(prog, diag, &co);
    pw_tally t = {0, 0};
    if (!problems && pw_diag_error_count(diag) == 0)
        for (size_t i = 0; i < pw_program_graph_count(prog); i++)
            pw_testing_run(pw_program_graph(prog, i), diag, NULL, &t);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f) {
        pw_diag_print(diag, f, PW_DIAG_TEXT, false);
        fclose(f);
        pw_tb_addn(text, buf, len);
    }
    free(buf);
    *errors = problems + pw_diag_error_count(diag);
    *warnings = pw_diag_warning_count(diag);
    site *w = NULL;
    if (*errors == 0) {
        w = pw_xcalloc(1, sizeof *w);
        char err[2048];
        pw_build_options bo = {.emit = PW_BUILD_DOT | PW_BUILD_SVG | PW_BUILD_HTML |
                                       PW_BUILD_JSON,
                               .today = o->today, .sink = keep_output, .cls = w};
        if (pw_build_program(prog, &bo, err, sizeof err) != PW_BUILD_OK) {
            pw_tb_printf(text, "error: %s\n", err);
            (*errors)++;
            site_free(w);
            w = NULL;
        }
        for (size_t i = 0; w && i < pw_program_graph_count(prog); i++)
            add_preview(w, pw_program_graph(prog, i));
    }
    want_files(s, prog, files, nfiles);
    pw_program_free(prog);
    pw_diag_free(diag);
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    return w;
}

/* Builds, then makes what it built (or its errors) what is served, and
 * tells the event streams. */
static void rebuild(pw_serve *s)
{
    pw_text_buf text = {0}, banner = {0};
    size_t errors = 0, warnings = 0;
    site *w = build_site(s, &text, &errors, &warnings);
    if (errors) {
        pw_tb_printf(&banner, "<div id=\"pathwayc-banner\" role=\"alert\">\n<h2>%zu "
                     "error%s: ", errors, errors == 1 ? "" : "s");
        pw_tb_add(&banner, w || s->site ? "showing the last good build"
                                        : "nothing built yet");
        pw_tb_add(&banner, "</h2>\n<p>Correct the file and save it: this page "
                           "updates by itself.</p>\n<pre>");
        add_escaped(&banner, pw_tb_str(&text));
        pw_tb_add(&banner, "</pre>\n</div>\n");
    }
    pthread_mutex_lock(&s->lock);
    if (w) {
        site_free(s->site);
        s->site = w;
    }
    s->gen++;
    s->errors = errors;
    s->warnings = warnings;
    free(s->diagnostics);
    s->diagnostics = clean_text(pw_tb_str(&text));
    free(s->banner);
    s->banner = pw_xstrdup(pw_tb_str(&banner));
    unsigned gen = s->gen;
    size_t npages = s->site ? s->site->n : 0;
    pthread_cond_broadcast(&s->built);
    pthread_mutex_unlock(&s->lock);
    if (errors) {
        say(s, "build %u: %zu error%s; %s:", gen, errors, errors == 1 ? "" : "s",
            npages ? "the pages keep the last good build" : "nothing built yet");
        if (s->o->log)
            s->o->log(s->o->cls, pw_tb_str(&text));
    } else {
        say(s, "build %u: %zu pages, %zu warning%s", gen, npages, warnings,
            warnings == 1 ? "" : "s");
    }
    pw_tb_free(&text);
    pw_tb_free(&banner);
}

/* ---- answering ---------------------------------------------------------- */

/* Replaces the first from in b's bytes [start, end) by to; the end moved. */
static size_t replace_in(pw_text_buf *b, size_t start, size_t end, const char *from,
                         const char *to)
{
    char *at = NULL;
    size_t n = strlen(from);
    for (size_t i = start; i + n <= end && !at; i++)
        if (memcmp(b->s + i, from, n) == 0)
            at = b->s + i;
    if (!at)
        return end;
    size_t off = (size_t)(at - b->s), m = strlen(to);
    pw_text_buf t = {0};
    pw_tb_addn(&t, b->s, off);
    pw_tb_add(&t, to);
    pw_tb_addn(&t, b->s + off + n, b->n - off - n);
    pw_tb_free(b);
    *b = t;
    return end + m - n;
}

static size_t find(const pw_text_buf *b, const char *what, bool last)
{
    size_t n = strlen(what), found = (size_t)-1;
    for (size_t i = 0; i + n <= b->n; i++)
        if (memcmp(b->s + i, what, n) == 0) {
            found = i;
            if (!last)
                break;
        }
    return found;
}

static void insert_at(pw_text_buf *b, size_t at, const char *what)
{
    pw_text_buf t = {0};
    pw_tb_addn(&t, b->s, at);
    pw_tb_add(&t, what);
    pw_tb_addn(&t, b->s + at, b->n - at);
    pw_tb_free(b);
    *b = t;
}

/* A page as served: its Content-Security-Policy lets in the server's own
 * script, style sheet and event stream (same origin, nothing else), the
 * style sheet is linked in the head, the banner and the script come
 * before </body>. The page as built is not changed. */
static char *add_live(const char *html, size_t len, unsigned gen, const char *banner,
                      size_t *out_len)
{
    pw_text_buf b = {0};
    pw_tb_addn(&b, html, len);
    static const char meta[] = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
    size_t start = find(&b, meta, false);
    if (start != (size_t)-1) {
        start += sizeof meta - 1;
        size_t end = start;
        while (end < b.n && b.s[end] != '"')
            end++;
        end = replace_in(&b, start, end, "default-src 'none';",
                         "default-src 'none'; connect-src 'self';");
        size_t e2 = replace_in(&b, start, end, "style-src 'none'", "style-src 'self'");
        end = e2 != end ? e2 : replace_in(&b, start, end, "style-src ", "style-src 'self' ");
        e2 = replace_in(&b, start, end, "script-src 'none'", "script-src 'self'");
        end = e2 != end ? e2 : replace_in(&b, start, end, "script-src ", "script-src 'self' ");
    }
    size_t head = find(&b, "</head>", false);
    if (head != (size_t)-1)
        insert_at(&b, head, "<link rel=\"stylesheet\" href=\"/_pathwayc/live.css\">\n");
    pw_text_buf tail = {0};
    pw_tb_add(&tail, banner);
    pw_tb_printf(&tail, "<script src=\"/_pathwayc/live.js\" data-build=\"%u\"></script>\n",
                 gen);
    size_t body = find(&b, "</body>", true);
    insert_at(&b, body != (size_t)-1 ? body : b.n, pw_tb_str(&tail));
    pw_tb_free(&tail);
    *out_len = b.n;
    char *s = pw_xcalloc(b.n + 1, 1);
    memcpy(s, b.s, b.n);
    pw_tb_free(&b);
    return s;
}

/* The page shown when no build has succeeded yet: never a blank page. */
static char *no_build_page(void)
{
    pw_text_buf b = {0};
    own_head(&b, "pathwayc serve: nothing built yet");
    pw_tb_add(&b, "<body class=\"pathwayc-preview\">\n<header class=\"pv-bar\">\n"
                  "<h1>Nothing built yet</h1>\n<span id=\"pathwayc-state\">Live</span>\n"
                  "</header>\n<main class=\"pv-empty\">\n<p>The files have errors (above): "
                  "once they are corrected and saved, the checklists and diagrams show "
                  "here.</p>\n</main>\n</body>\n</html>\n");
    char *s = pw_xstrdup(pw_tb_str(&b));
    pw_tb_free(&b);
    return s;
}

static enum MHD_Result respond(struct MHD_Connection *c, unsigned status,
                               const char *type, void *data, size_t len,
                               enum MHD_ResponseMemoryMode mode)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, data, mode);
    if (!r) {
        if (mode == MHD_RESPMEM_MUST_FREE)
            free(data);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result respond_text(struct MHD_Connection *c, unsigned status,
                                    const char *text)
{
    return respond(c, status, "text/plain; charset=utf-8", (void *)text, strlen(text),
                   MHD_RESPMEM_MUST_COPY);
}

/* An event stream: an event "build" with the build number whenever it
 * changes (the first at once), a comment line when idle. */
typedef struct stream {
    pw_serve *s;
    unsigned sent;
} stream;

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    stream *e = cls;
    pw_serve *s = e->s;
    (void)pos;
    pthread_mutex_lock(&s->lock);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += PING_SECONDS;
    while (!s->stopping && s->gen == e->sent)
        if (pthread_cond_timedwait(&s->built, &s->lock, &until) == ETIMEDOUT)
            break;
    ssize_t n;
    if (s->stopping)
        n = MHD_CONTENT_READER_END_OF_STREAM;
    else if (s->gen != e->sent)
        n = snprintf(buf, max, "retry: 1000\nevent: build\ndata: {\"build\": %u, "
                     "\"errors\": %zu}\n\n", s->gen, s->errors);
    else
        n = snprintf(buf, max, ": waiting for a change\n\n");
    if (n > 0 && (size_t)n >= max)
        n = MHD_CONTENT_READER_END_WITH_ERROR; /* max is 1024 at least: never */
    else if (!s->stopping)
        e->sent = s->gen;
    pthread_mutex_unlock(&s->lock);
    return n;
}

static enum MHD_Result answer_events(pw_serve *s, struct MHD_Connection *c)
{
    stream *e = pw_xcalloc(1, sizeof *e);
    e->s = s;
    struct MHD_Response *r =
        MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, stream_read, e, free);
    if (!r) {
        free(e);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/event-stream");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ok;
}

/* /_pathwayc/status: the last build, as JSON (docs/serve.md). */
static enum MHD_Result answer_status(pw_serve *s, struct MHD_Connection *c)
{
    json_t *pages = json_array();
    pthread_mutex_lock(&s->lock);
    json_t *j = json_pack("{s:I, s:b, s:I, s:I, s:s}", "build", (json_int_t)s->gen,
                          "ok", s->errors == 0, "errors", (json_int_t)s->errors,
                          "warnings", (json_int_t)s->warnings, "diagnostics",
                          s->diagnostics ? s->diagnostics : "");
    for (size_t i = 0; s->site && i < s->site->n; i++)
        json_array_append_new(pages, json_string(s->site->pages[i].path));
    pthread_mutex_unlock(&s->lock);
    char *text = NULL;
    if (j && json_object_set_new(j, "pages", pages) == 0)
        text = json_dumps(j, JSON_INDENT(1));
    else
        json_decref(pages);
    json_decref(j);
    if (!text)
        return MHD_NO;
    return respond(c, MHD_HTTP_OK, "application/json", text, strlen(text),
                   MHD_RESPMEM_MUST_FREE);
}

/* The Host header names this server: 127.0.0.1:PORT or localhost:PORT.
 * Anything else may be a page elsewhere that resolves its own name to
 * 127.0.0.1 (DNS rebinding): refused. */
static bool host_ok(pw_serve *s, struct MHD_Connection *c)
{
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    if (!host)
        return false;
    char a[64], b[64];
    snprintf(a, sizeof a, "127.0.0.1:%u", s->port);
    snprintf(b, sizeof b, "localhost:%u", s->port);
    return strcmp(host, a) == 0 || strcmp(host, b) == 0;
}

/* Before any good build, the addresses that will be pages (the index, a
 * checklist, a preview) show the page that says so, under the banner, and
 * reload once there is a build: never a blank page. */
static bool awaited(const char *path)
{
    size_t n = strlen(path);
    return strcmp(path, "/index.html") == 0 || strncmp(path, "/preview/", 9) == 0 ||
           (n > 5 && strcmp(path + n - 5, ".html") == 0);
}

/* A page of the site (or, before any good build, the page that says so),
 * with the live script and the banner. */
static enum MHD_Result answer_page(pw_serve *s, struct MHD_Connection *c, const char *url)
{
    const char *path = strcmp(url, "/") == 0 ? "/index.html" : url;
    pthread_mutex_lock(&s->lock);
    const page *p = site_find(s->site, path);
    char *data = NULL;
    size_t len = 0;
    const char *type = p ? p->type : "text/html; charset=utf-8";
    if (p && p->html) {
        data = add_live(p->data, p->len, s->gen, s->banner, &len);
    } else if (p) {
        data = pw_xcalloc(p->len + 1, 1);
        memcpy(data, p->data, p->len);
        len = p->len;
    } else if (!s->site && awaited(path)) {
        char *empty = no_build_page();
        data = add_live(empty, strlen(empty), s->gen, s->banner, &len);
        free(empty);
    }
    pthread_mutex_unlock(&s->lock);
    if (!data)
        return respond_text(c, MHD_HTTP_NOT_FOUND, "Not found: pathwayc serve serves "
                            "only the pages it built (see /).\n");
    /* a page awaited but not built yet: there, but not the page asked for */
    unsigned status = p || strcmp(path, "/index.html") == 0 ? MHD_HTTP_OK
                                                            : MHD_HTTP_SERVICE_UNAVAILABLE;
    return respond(c, status, type, data, len, MHD_RESPMEM_MUST_FREE);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version,
                              const char *upload_data, size_t *upload_size, void **con)
{
    pw_serve *s = cls;
    (void)version;
    (void)upload_data;
    if (*upload_size) {
        *upload_size = 0; /* a body is not read: the answer is refusal */
        return MHD_YES;
    }
    (void)con;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return respond_text(c, MHD_HTTP_METHOD_NOT_ALLOWED,
                            "pathwayc serve answers GET and HEAD only.\n");
    if (!host_ok(s, c))
        return respond_text(c, MHD_HTTP_FORBIDDEN,
                            "Forbidden: pathwayc serve answers only requests to "
                            "http://127.0.0.1:PORT/ or http://localhost:PORT/.\n");
    if (strcmp(url, "/_pathwayc/events") == 0)
        return answer_events(s, c);
    if (strcmp(url, "/_pathwayc/status") == 0)
        return answer_status(s, c);
    if (strcmp(url, "/_pathwayc/live.js") == 0)
        return respond(c, MHD_HTTP_OK, "text/javascript; charset=utf-8",
                       (void *)pw_asset_live_js, strlen(pw_asset_live_js),
                       MHD_RESPMEM_PERSISTENT);
    if (strcmp(url, "/_pathwayc/live.css") == 0)
        return respond(c, MHD_HTTP_OK, "text/css; charset=utf-8",
                       (void *)pw_asset_live_css, strlen(pw_asset_live_css),
                       MHD_RESPMEM_PERSISTENT);
    return answer_page(s, c, url);
}

/* ---- starting, watching, stopping --------------------------------------- */

/* A socket listening on 127.0.0.1:port; -1 with a message in err. */
static int listen_local(unsigned port, unsigned *bound, char *err, size_t errsize)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        snprintf(err, errsize, "cannot open a socket: %s", strerror(errno));
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 32) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &alen) != 0) {
        if (errno == EADDRINUSE)
            snprintf(err, errsize, "port %u is taken on 127.0.0.1: choose another "
                     "with --port N, or leave --port out for a free one", port);
        else
            snprintf(err, errsize, "cannot listen on 127.0.0.1:%u: %s", port,
                     strerror(errno));
        close(fd);
        return -1;
    }
    *bound = ntohs(a.sin_port);
    return fd;
}

pw_serve *pw_serve_start(const pw_serve_options *o, char *err, size_t errsize)
{
    struct stat st;
    if (stat(o->path, &st) != 0) {
        snprintf(err, errsize, "cannot read '%s': %s", o->path, strerror(errno));
        return NULL;
    }
    pw_serve *s = pw_xcalloc(1, sizeof *s);
    s->o = o;
    s->is_dir = S_ISDIR(st.st_mode);
    s->inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->built, NULL);
    if (s->inotify < 0) {
        snprintf(err, errsize, "cannot watch files (inotify): %s", strerror(errno));
        pw_serve_free(s);
        return NULL;
    }
    if (s->is_dir) {
        s->dir_real = realpath(o->path, NULL);
        int wd = s->dir_real ? inotify_add_watch(s->inotify, s->dir_real,
                                                 IN_CLOSE_WRITE | IN_MOVED_TO |
                                                 IN_MOVED_FROM | IN_CREATE | IN_DELETE |
                                                 IN_MODIFY)
                             : -1;
        if (wd >= 0) {
            s->watches = pw_xcalloc(1, sizeof *s->watches);
            s->watches[s->nwatches++] = (watch){wd, pw_xstrdup(s->dir_real)};
        }
    }
    int fd = listen_local(o->port, &s->port, err, errsize);
    if (fd < 0) {
        pw_serve_free(s);
        return NULL;
    }
    rebuild(s);
    s->daemon = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
                                     MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL,
                                 0, NULL, NULL, answer, s, MHD_OPTION_LISTEN_SOCKET, fd,
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
                                 MHD_OPTION_CONNECTION_TIMEOUT,
                                 (unsigned)CONNECTION_TIMEOUT, MHD_OPTION_END);
    if (!s->daemon) {
        close(fd);
        snprintf(err, errsize, "cannot start the HTTP server on 127.0.0.1:%u", s->port);
        pw_serve_free(s);
        return NULL;
    }
    return s;
}

unsigned pw_serve_port(const pw_serve *s)
{
    return s->port;
}

/* Whether an inotify event is about a file of the build: one it read, or
 * a .pathway file beside them (serving a directory: in it), new or gone. */
static bool relevant(const pw_serve *s, const struct inotify_event *ev)
{
    const char *dir = NULL;
    for (size_t k = 0; k < s->nwatches; k++)
        if (s->watches[k].wd == ev->wd)
            dir = s->watches[k].dir;
    if (!dir || !ev->len)
        return false;
    /* any .pathway file where the build reads files: the one changed, or
     * one added, removed or renamed (an import that was missing, say);
     * an editor's own files (.NAME.swp, .#NAME, NAME~) are not */
    size_t len = strlen(ev->name);
    if (len > 8 && strcmp(ev->name + len - 8, ".pathway") == 0 && ev->name[0] != '.')
        return true;
    bool hit = false;
    pw_text_buf full = {0};
    pw_tb_printf(&full, "%s/%s", dir, ev->name);
    for (size_t i = 0; i < s->nwanted && !hit; i++)
        hit = strcmp(s->wanted[i], pw_tb_str(&full)) == 0;
    pw_tb_free(&full);
    return hit;
}

/* A watch the kernel removed (its directory was removed or renamed):
 * gone from the list, so that the directory, if it comes back, is
 * watched again after the next build. */
static void forget_watch(pw_serve *s, int wd)
{
    for (size_t k = 0; k < s->nwatches; k++)
        if (s->watches[k].wd == wd) {
            free(s->watches[k].dir);
            s->watches[k] = s->watches[--s->nwatches];
            return;
        }
}

/* Reads every inotify event waiting; true when one is about the build. */
static bool drain(pw_serve *s)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool changed = false;
    for (;;) {
        ssize_t n = read(s->inotify, buf, sizeof buf);
        if (n <= 0)
            return changed;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (ev->mask & IN_IGNORED)
                forget_watch(s, ev->wd); /* its directory is gone */
            else
                changed |= relevant(s, ev);
            p += sizeof *ev + ev->len;
        }
    }
}

bool pw_serve_run(pw_serve *s, int stop_fd, char *err, size_t errsize)
{
    bool dirty = false;
    for (;;) {
        struct pollfd p[2] = {{stop_fd, POLLIN, 0}, {s->inotify, POLLIN, 0}};
        int r = poll(p, 2, dirty ? DEBOUNCE_MS : -1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            snprintf(err, errsize, "cannot watch files: %s", strerror(errno));
            return false;
        }
        if (p[0].revents)
            return true;
        if (r == 0 && dirty) {
            dirty = false;
            rebuild(s);
        } else if (p[1].revents & POLLIN) {
            dirty |= drain(s); /* the wait starts again: quiet first */
        }
    }
}

void pw_serve_free(pw_serve *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    pthread_cond_broadcast(&s->built);
    pthread_mutex_unlock(&s->lock);
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    if (s->inotify >= 0)
        close(s->inotify);
    for (size_t k = 0; k < s->nwatches; k++)
        free(s->watches[k].dir);
    free(s->watches);
    for (size_t i = 0; i < s->nwanted; i++)
        free(s->wanted[i]);
    free(s->wanted);
    free(s->dir_real);
    site_free(s->site);
    free(s->diagnostics);
    free(s->banner);
    pthread_cond_destroy(&s->built);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
