/* serve — `pathwayc serve`: a live preview of pathway files for their
 * authors. It builds the files in memory (tools/build.h), serves what it
 * built over HTTP on 127.0.0.1 only (libmicrohttpd), watches every file
 * the build read (inotify), builds again after a change, and tells open
 * pages to reload (Server-Sent Events). A build with errors keeps the
 * last good one and shows its diagnostics in a banner over the pages.
 * Only the names of the build are served, never a file by its path.
 * docs/serve.md says what is served and why. Nothing here prints: what
 * happens is told to the caller's log function, a line at a time. */
#ifndef PW_SERVE_H
#define PW_SERVE_H

#include "support/dates.h"
#include "support/diag.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct pw_serve pw_serve;

typedef struct pw_serve_options {
    const char *path;                /* a .pathway file, or a directory: its
                                      * *.pathway files (not those below) */
    const char *const *include_dirs; /* -I */
    size_t ninclude_dirs;
    size_t max_file_bytes;
    unsigned max_import_depth;
    pw_date today;                   /* for review dates */
    unsigned port;                   /* 0: a free one */
    /* A new diagnostics sink for each build, set up as the command line
     * says (-W, --werror); the server frees it. */
    pw_diag *(*new_sink)(void *cls);
    /* Told each line worth saying (a build, its diagnostics); may be NULL.
     * Called from the thread of pw_serve_start and pw_serve_run only. */
    void (*log)(void *cls, const char *line);
    void *cls;
} pw_serve_options;

/* Builds once, then listens on 127.0.0.1:port. NULL when it cannot
 * listen (the port is taken, ...), with a one-line message in err. A
 * first build with errors is no failure: the server shows them. Borrows
 * o, which must outlive the server. Free with pw_serve_free. */
pw_serve *pw_serve_start(const pw_serve_options *o, char *err, size_t errsize);

/* The port it listens on. */
unsigned pw_serve_port(const pw_serve *s);

/* Watches and rebuilds until stop_fd is readable (a byte written to a
 * pipe by a signal handler), then stops answering: open event streams
 * end. False when watching failed (err says why). */
bool pw_serve_run(pw_serve *s, int stop_fd, char *err, size_t errsize);

/* Stops the server (if running) and frees everything. NULL is allowed. */
void pw_serve_free(pw_serve *s);

#endif
