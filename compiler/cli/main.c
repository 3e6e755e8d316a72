/* main — the pathwayc command line: the command, its options, and the
 * function that runs it (cli.h). The only place the program exits: with
 * the command's status, or from pw_out_of_memory. Exit status: 0 success
 * (warnings allowed), 1 the input has errors, 2 usage or I/O trouble. */
#include "cli/cli.h"

#include "support/arena.h"
#include "support/version.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(const pw_cli_options *o);
} commands[] = {
    {"check", pw_cli_check}, {"test", pw_cli_test}, {"build", pw_cli_build},
    {"run", pw_cli_run},     {"diff", pw_cli_diff}, {"fmt", pw_cli_fmt},
    {"lsp", pw_cli_lsp},
    {"serve", pw_cli_serve},
};

/* Out of memory, from any module (arena.h): said once, here. */
void pw_out_of_memory(void)
{
    fputs("pathwayc: out of memory\n", stderr);
    exit(PW_EXIT_USAGE);
}

/* After the command: whatever is still buffered of stdout written and the
 * stream closed, and anything that could not be written found (ferror
 * stays set after a failed write, whenever it was). A failure on stdout
 * is said on stderr; one on stderr cannot be, but counts all the same
 * (for check, the diagnostics are the output). Either makes the status 2;
 * a command that ends with 2 has said what went wrong already, and
 * nothing more is said. */
static int finish(int status)
{
    errno = 0;
    bool out_failed = fflush(stdout) != 0;
    int e = errno;
    out_failed |= ferror(stdout) != 0;
    /* EBADF: standard output was closed (>&-) and nothing was written to
     * it, or fflush would have failed */
    if (fclose(stdout) != 0 && !out_failed && errno != EBADF) {
        out_failed = true;
        e = errno;
    }
    if (out_failed && status != PW_EXIT_USAGE) {
        fprintf(stderr, "pathwayc: error: cannot write the output%s%s\n",
                e ? ": " : "", e ? strerror(e) : "");
        status = PW_EXIT_USAGE;
    }
    if (fflush(stderr) != 0 || ferror(stderr))
        status = PW_EXIT_USAGE;
    return status;
}

static int run(int argc, char **argv)
{
    if (argc < 2)
        return pw_cli_usage_error("%s", "no command given");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        pw_cli_usage(stdout);
        return PW_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("pathwayc %s\n", PW_VERSION);
        return PW_EXIT_OK;
    }
    /* the options first: an unknown option is reported before an unknown
     * command */
    pw_cli_options o = {0};
    int status = pw_cli_parse_options(argc - 2, argv + 2, &o);
    if (status < 0) {
        size_t k = 0, n = sizeof commands / sizeof *commands;
        while (k < n && strcmp(cmd, commands[k].name) != 0)
            k++;
        status = k < n ? commands[k].run(&o)
                       : pw_cli_usage_error("unknown command '%s'", cmd);
    }
    pw_cli_options_free(&o);
    return status;
}

int main(int argc, char **argv)
{
    return finish(run(argc, argv));
}
