/* cmd_fmt — pathwayc fmt (cli.h). */
#include "cli/cli.h"

#include "tools/fmt.h"

#include <string.h>

/* fmt FILE|DIR...: the canonical layout (fmt.h, docs/fmt.md). */
int pw_cli_fmt(const pw_cli_options *o)
{
    if (o->nfiles == 0)
        return pw_cli_usage_error("%s", "fmt needs at least one FILE or DIR");
    if (o->fmt_write && o->fmt_check)
        return pw_cli_usage_error("%s", "fmt takes -w or --check, not both");
    pw_diag *diag = pw_cli_new_sink(o);
    if (!diag)
        return PW_EXIT_USAGE;
    pw_fmt_diag_setup(diag); /* what stops fmt, and nothing else */
    for (size_t i = 0; i < o->ndisabled; i++) /* but what -Wno-NAME silences */
        if (strncmp(o->disabled[i], "no-", 3) == 0)
            pw_diag_disable(diag, o->disabled[i] + 3);
    pw_fmt_options fo = {o->fmt_write   ? PW_FMT_WRITE
                         : o->fmt_check ? PW_FMT_CHECK
                                        : PW_FMT_PRINT,
                         PW_CLI_MAX_FILE_BYTES, o->format, o->colour};
    int status = pw_fmt_run(o->files, o->nfiles, &fo, diag, stdout, stderr);
    pw_diag_free(diag);
    return status;
}

