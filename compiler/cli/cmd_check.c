/* cmd_check — pathwayc check and pathwayc test (cli.h). */
#include "cli/cli.h"

/* check FILE... and test FILE...: read, resolve, check, then run the
 * scenarios and assertions (only when nothing is wrong before them: a walk
 * over a broken graph proves nothing). test also lists each on stdout and
 * closes with "N passed, M failed". */
static int check_or_test(const pw_cli_options *o, bool listing)
{
    if (o->coverage && !listing)
        return pw_cli_usage_error("%s", "--coverage goes with 'pathwayc test'");
    if (o->nfiles == 0)
        return pw_cli_usage_error("%s", listing ? "test needs at least one FILE"
                                                : "check needs at least one FILE");
    pw_diag *diag = pw_cli_new_sink(o);
    if (!diag)
        return PW_EXIT_USAGE;
    pw_program *prog;
    pw_tally t = {0, 0};
    bool ran;
    int status = pw_cli_check_and_test(o, diag, listing ? stdout : NULL, &prog, &t, &ran);
    if (ran && listing && o->coverage)
        for (size_t i = 0; i < pw_program_graph_count(prog); i++)
            pw_testing_coverage(pw_program_graph(prog, i), stdout);
    fflush(stdout);
    pw_cli_print_diagnostics(o, diag);
    if (listing) {
        if (!ran)
            fprintf(stdout, "tests not run: the files have errors\n");
        fprintf(stdout, "%zu passed, %zu failed\n", t.passed, t.failed);
    }
    if (status == PW_EXIT_OK && pw_diag_error_count(diag) > 0)
        status = PW_EXIT_INPUT;
    pw_program_free(prog);
    pw_diag_free(diag);
    return status;
}


int pw_cli_check(const pw_cli_options *o)
{
    return check_or_test(o, false);
}

int pw_cli_test(const pw_cli_options *o)
{
    return check_or_test(o, true);
}
