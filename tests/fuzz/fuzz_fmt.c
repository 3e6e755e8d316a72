/* fuzz_fmt — libFuzzer harness for `pathwayc fmt`'s promises, on any
 * bytes: a file that formats formats again to the same text (idempotent),
 * and the formatted file compiles to the same tables as the original, or
 * to errors when it had errors (faithful). abort() on a broken promise,
 * so libFuzzer keeps the input. Built and run by tests/fuzz/fuzz.mk. */
#include "model/check.h"
#include "support/diag.h"
#include "emit/table.h"
#include "tools/fmt.h"
#include "model/program.h"
#include "support/source.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
}

/* The tables of every pathway of the file at path, one after the other;
 * NULL when the file has errors. */
static char *tables(const char *path)
{
    pw_diag *diag = pw_diag_new();
    pw_program_options o = {NULL, 0, 1 << 20, 8, NULL, NULL};
    pw_program *prog = pw_program_new(diag, &o);
    pw_program_add(prog, path);
    pw_check_options co = {{2025, 6, 1, {0, 0}}};
    pw_program_check(prog, diag, &co);
    char *buf = NULL, err[256];
    size_t len = 0;
    FILE *f = NULL;
    if (pw_diag_error_count(diag) == 0 && (f = open_memstream(&buf, &len)))
        for (size_t i = 0; i < pw_program_graph_count(prog); i++)
            pw_emit_table(pw_program_graph(prog, i), f, err, sizeof err);
    if (f)
        fclose(f);
    pw_program_free(prog);
    pw_diag_free(diag);
    return buf;
}

static char *format(const char *text, size_t n, size_t *len)
{
    pw_source *src = pw_source_from_memory("fuzz.pathway", text, n);
    pw_diag *diag = pw_diag_new();
    pw_fmt_diag_setup(diag);
    char *out = src ? pw_fmt_source(src, diag, len) : NULL;
    pw_diag_free(diag);
    pw_source_free(src);
    return out;
}

/* Out of memory in the compiler's modules (arena.h): a finding, kept
 * by libFuzzer as a crash with the input that caused it. */
void pw_out_of_memory(void)
{
    fputs("fuzz_fmt: out of memory\n", stderr);
    abort();
}

/* The harness's directory and its two files, removed at exit. */
static void remove_dir(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/a.pathway", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/b.pathway", dir);
    unlink(path);
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char a[128], b[128];
    if (!dir[0]) {
        strcpy(dir, "/tmp/pw-fuzz-fmt-XXXXXX");
        if (!mkdtemp(dir))
            abort();
        atexit(remove_dir);
    }
    size_t len = 0, len2 = 0;
    char *once = format((const char *)data, size, &len);
    if (!once)
        return 0;
    char *twice = format(once, len, &len2);
    if (!twice || len2 != len || memcmp(once, twice, len) != 0)
        abort(); /* not idempotent */
    snprintf(a, sizeof a, "%s/a.pathway", dir);
    snprintf(b, sizeof b, "%s/b.pathway", dir);
    write_file(a, data, size);
    write_file(b, once, len);
    char *ta = tables(a), *tb = tables(b);
    if ((ta == NULL) != (tb == NULL) || (ta && strcmp(ta, tb) != 0))
        abort(); /* not faithful */
    free(ta);
    free(tb);
    free(once);
    free(twice);
    return 0;
}
