/* cmd_serve — pathwayc serve FILE|DIR [--port N]: the live preview
 * (server/serve.h, docs/serve.md). Here: the options, the signals that
 * stop it (Ctrl-C, SIGTERM: a byte down a pipe the server watches), the
 * address on stdout and the builds' news on stderr (cli.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include "emit/dot.h"
#include "server/serve.h"
#include "support/text.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static int stop_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
    (void)sig;
    int e = errno;
    ssize_t r = write(stop_pipe[1], "", 1);
    (void)r; /* the pipe is full: a stop is already waiting */
    errno = e;
}

static bool catch_signals(void)
{
    if (pipe(stop_pipe) != 0)
        return false;
    for (int i = 0; i < 2; i++) {
        fcntl(stop_pipe[i], F_SETFD, FD_CLOEXEC);
        fcntl(stop_pipe[i], F_SETFL, O_NONBLOCK);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    struct sigaction ignore = sa;
    ignore.sa_handler = SIG_IGN;
    return sigaction(SIGINT, &sa, NULL) == 0 && sigaction(SIGTERM, &sa, NULL) == 0 &&
           sigaction(SIGPIPE, &ignore, NULL) == 0;
}

static pw_diag *new_sink(void *cls)
{
    return pw_cli_new_sink(cls); /* its -W names were checked before */
}

static void log_line(void *cls, const char *line)
{
    (void)cls;
    size_t n = strlen(line);
    if (n && line[n - 1] == '\n') {
        pw_puts_visible(stderr, line, PW_VISIBLE_LINES); /* diagnostics, with
                                                          * their source lines */
    } else {
        fputs("pathwayc serve: ", stderr);
        pw_puts_visible(stderr, line, 0); /* a file name in it, perhaps */
        fputc('\n', stderr);
    }
}

/* serve FILE|DIR: build, serve, watch and build again until stopped. */
int pw_cli_serve(const pw_cli_options *o)
{
    if (o->nfiles != 1)
        return pw_cli_usage_error("%s", "serve needs one FILE or DIR (a directory: "
                                        "every *.pathway in it)");
    pw_diag *check = pw_cli_new_sink(o);
    if (!check)
        return PW_EXIT_USAGE;
    pw_diag_free(check);
    if (!catch_signals()) {
        fprintf(stderr, "pathwayc: error: cannot catch Ctrl-C: %s\n", strerror(errno));
        return PW_EXIT_USAGE;
    }
    pw_serve_options so = {o->files[0], o->includes, o->nincludes, PW_CLI_MAX_FILE_BYTES,
                           PW_CLI_MAX_IMPORT_DEPTH, o->today, o->port, new_sink,
                           log_line, (void *)o};
    char err[512] = "";
    int status = PW_EXIT_OK;
    pw_serve *s = pw_serve_start(&so, err, sizeof err);
    if (!s) {
        pw_cli_message("error: %s", err);
        status = PW_EXIT_USAGE;
    } else {
        printf("pathwayc serve: http://127.0.0.1:%u/ (Ctrl-C to stop)\n", pw_serve_port(s));
        errno = 0;
        if (fflush(stdout) != 0 || ferror(stdout)) { /* nobody would know where
                                                        to look: stop */
            pw_cli_message("error: cannot write the output%s%s", errno ? ": " : "",
                           errno ? strerror(errno) : "");
            status = PW_EXIT_USAGE;
        } else if (!pw_serve_run(s, stop_pipe[0], err, sizeof err)) {
            pw_cli_message("error: %s", err);
            status = PW_EXIT_USAGE;
        } else {
            fprintf(stderr, "pathwayc serve: stopped\n");
        }
    }
    pw_serve_free(s);
    pw_diagram_release();
    close(stop_pipe[0]);
    close(stop_pipe[1]);
    return status;
}
