/* cmd_lsp — pathwayc lsp: the language server on stdin and stdout
 * (server/lsp.h, docs/lsp.md) (cli.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli/cli.h"

#include "server/lsp.h"
#include "support/text.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* docs/diagnostics.md beside the program (the source tree's build/, or an
 * installed share/doc/pathwayc/), as a file:// address; NULL when there
 * is none. Heap. */
static char *diagnostics_page(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    static const char *const beside[] = {"../docs/diagnostics.md", "../../docs/diagnostics.md",
                                         "../share/doc/pathwayc/diagnostics.md"};
    for (size_t i = 0; i < sizeof beside / sizeof *beside; i++) {
        pw_text_buf path = {0};
        pw_tb_printf(&path, "%s/%s", exe, beside[i]);
        char *real = realpath(pw_tb_str(&path), NULL);
        pw_tb_free(&path);
        if (real) {
            pw_text_buf uri = {0};
            pw_tb_printf(&uri, "file://%s", real);
            free(real);
            return pw_tb_str(&uri);
        }
    }
    return NULL;
}

int pw_cli_lsp(const pw_cli_options *o)
{
    if (o->nfiles)
        return pw_cli_usage_error("%s", "lsp takes no FILE: the editor sends the "
                                        "documents it opens");
    /* a client that has gone is seen as a failed write, not a signal */
    signal(SIGPIPE, SIG_IGN);
    char *docs = diagnostics_page();
    pw_lsp_options lo = {o->today, docs, NULL};
    int status = pw_lsp_serve(STDIN_FILENO, stdout, &lo);
    free(docs);
    return status;
}
