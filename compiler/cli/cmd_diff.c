/* cmd_diff — pathwayc diff (cli.h). */
#include "cli/cli.h"

#include "support/source.h"
#include "tools/diff.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* diff OLD NEW: what changed between two versions of a pathway (diff.h),
 * each a table or a .pathway compiled in memory. Exit 0 the same, 1
 * different, 2 usage or I/O trouble; a .pathway with errors is 2 as well,
 * as 1 would read as "they differ". */
int pw_cli_diff(const pw_cli_options *o)
{
    pw_diff_format format = PW_DIFF_TEXT;
    if (o->nfiles != 2)
        return pw_cli_usage_error("%s", "diff needs two files, OLD and NEW (tables or "
                                        ".pathway files)");
    if (o->report_format && !pw_diff_parse_format(o->report_format, &format))
        return pw_cli_usage_error("--format takes text, md or json, not '%s'",
                                  o->report_format);
    pathway_table *t[2] = {NULL, NULL};
    int status = PW_EXIT_OK;
    for (size_t k = 0; k < 2 && status == PW_EXIT_OK; k++) {
        pw_cli_options one = *o;
        one.files = o->files + k;
        one.nfiles = 1;
        const char *path = o->files[k];
        size_t len = 0;
        bool source = pw_source_is_pathway_name(path);
        char *text = source ? pw_cli_compile_table(&one, &len, &status)
                            : pw_read_file(path, PW_CLI_MAX_TABLE_BYTES, &len);
        pathway_error e = {0};
        t[k] = text ? pathway_table_load_buffer(text, len, PATHWAY_LOAD_DEFAULT, &e) : NULL;
        if (!text && !source)
            pw_cli_read_error(path, errno, "table");
        else if (!text && status == PW_EXIT_INPUT)
            pw_cli_message("error: '%s' has errors: nothing compared", path);
        else if (!t[k] && text)
            pw_cli_message("error: '%s' is not a pathway table: %s", path,
                           e.message);
        status = t[k] ? PW_EXIT_OK : PW_EXIT_USAGE;
        free(text);
    }
    char err[512] = "";
    pw_diff *d = status == PW_EXIT_OK ? pw_diff_tables(t[0], t[1], err, sizeof err) : NULL;
    if (status == PW_EXIT_OK && !d) {
        pw_cli_message("error: cannot compare '%s' with '%s': %s", o->files[0],
                       o->files[1], err);
        status = PW_EXIT_USAGE;
    } else if (d && !pw_diff_write(d, format, stdout)) {
        pw_cli_message("error: cannot write the report: %s", strerror(errno));
        status = PW_EXIT_USAGE;
    } else if (d) {
        status = pw_diff_equal(d) ? PW_EXIT_OK : PW_EXIT_INPUT;
    }
    pw_diff_free(d);
    pathway_table_free(t[0]);
    pathway_table_free(t[1]);
    return status;
}

