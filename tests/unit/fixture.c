#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Out of memory in the code under test (arena.h): the test fails. */
void pw_out_of_memory(void)
{
    fail_msg("out of memory");
    abort(); /* not reached: cmocka's fail ends the test */
}

pw_fixture *pw_fixture_resolve(const char *main_text, const char *other_name,
                               const char *other_text)
{
    pw_fixture *fx = calloc(1, sizeof *fx);
    strcpy(fx->dir, "/tmp/pw-test-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    write_file(fx->dir, "main.pathway", main_text);
    if (other_name)
        write_file(fx->dir, other_name, other_text);
    fx->diag = pw_diag_new();
    pw_program_options o = {NULL, 0, 1 << 20, 8, NULL, NULL};
    fx->prog = pw_program_new(fx->diag, &o);
    char path[256];
    snprintf(path, sizeof path, "%s/main.pathway", fx->dir);
    assert_true(pw_program_add(fx->prog, path));
    pw_program_resolve(fx->prog);
    /* the files are read: the directory can go now */
    for (size_t i = 0; i < pw_program_file_count(fx->prog); i++)
        unlink(pw_program_file_name(fx->prog, i));
    rmdir(fx->dir);
    return fx;
}

void pw_fixture_free(pw_fixture *fx)
{
    pw_program_free(fx->prog);
    pw_diag_free(fx->diag);
    free(fx);
}

const pw_graph *pw_fixture_graph(pw_fixture *fx)
{
    if (pw_diag_error_count(fx->diag)) {
        pw_diag_print(fx->diag, stderr, PW_DIAG_TEXT, false);
        fail_msg("unexpected errors");
    }
    assert_true(pw_program_graph_count(fx->prog) > 0);
    return pw_program_graph(fx->prog, 0);
}
