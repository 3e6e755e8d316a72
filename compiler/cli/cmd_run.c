/* cmd_run — pathwayc run (cli.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include "support/source.h"
#include "tools/run.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int64_t fixed_now(void *ctx)
{
    return *(const int64_t *)ctx;
}

/* run TABLE.json|FILE.pathway: walk it in the terminal (run.h). The
 * clock is SOURCE_DATE_EPOCH when set, so a scripted walk's transcript is
 * the same every time. */
int pw_cli_run(const pw_cli_options *o)
{
    if (o->nfiles != 1)
        return pw_cli_usage_error("%s", "run needs one TABLE.json or FILE.pathway");
    const char *path = o->files[0];
    size_t len = 0, resume_len = 0;
    int status = PW_EXIT_OK;
    bool source = pw_source_is_pathway_name(path);
    char *text = source ? pw_cli_compile_table(o, &len, &status)
                        : pw_read_file(path, PW_CLI_MAX_TABLE_BYTES, &len);
    if (!text)
        return source ? status : (pw_cli_read_error(path, errno, "table"), PW_EXIT_USAGE);
    pathway_error e;
    pathway_table *t = pathway_table_load_buffer(text, len, PATHWAY_LOAD_DEFAULT, &e);
    free(text);
    if (!t) {
        pw_cli_message("error: '%s' is not a table pathwayc can walk: %s",
                       path, e.message);
        return PW_EXIT_USAGE;
    }
    char *resume =
        o->resume ? pw_read_file(o->resume, PW_CLI_MAX_WALK_BYTES, &resume_len) : NULL;
    int resume_errno = errno;
    FILE *transcript = o->transcript ? fopen(o->transcript, "w") : NULL;
    if (o->resume && !resume) {
        pw_cli_read_error(o->resume, resume_errno, "saved walk");
        status = PW_EXIT_USAGE;
    } else if (o->transcript && !transcript) {
        pw_cli_message("error: cannot write '%s': %s", o->transcript, strerror(errno));
        status = PW_EXIT_USAGE;
    }
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    int64_t fixed = epoch && *epoch ? strtoll(epoch, NULL, 10) : 0;
    pathway_clock clock = {fixed_now, &fixed};
    pw_run_options ro = {o->save, resume, resume_len, transcript, o->transcript,
                         isatty(STDIN_FILENO) != 0, epoch && *epoch ? &clock : NULL};
    if (status == PW_EXIT_OK)
        status = pw_run(t, &ro, stdin, stdout, stderr);
    if (transcript && fclose(transcript) != 0 && status != PW_EXIT_USAGE) {
        pw_cli_message("error: cannot write the transcript '%s': %s", o->transcript,
                       strerror(errno));
        status = PW_EXIT_USAGE;
    }
    free(resume);
    pathway_table_free(t);
    return status;
}

