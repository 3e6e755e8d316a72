/* support — see support.h. */
#include "support.h"

#include "emit/table.h"
#include "model/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FUZZ_REPO
#define FUZZ_REPO "."
#endif

static char dir[64];

_Noreturn void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: broken promise: %s\n", file, line, what);
    __builtin_trap();
}

/* Out of memory in the compiler's modules (arena.h): a finding, kept by
 * libFuzzer as a crash with the input that caused it. */
void pw_out_of_memory(void)
{
    fputs("fuzz: out of memory\n", stderr);
    abort();
}

char *fuzz_repo_file(const char *path, size_t *len)
{
    char full[4096];
    snprintf(full, sizeof full, "%s/%s", FUZZ_REPO, path);
    FILE *f = fopen(full, "rb");
    char *buf = NULL;
    size_t n = 0;
    FILE *m = f ? open_memstream(&buf, &n) : NULL;
    char chunk[8192];
    size_t got;
    while (m && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, got, m);
    if (!m || ferror(f) || fclose(m) != 0) {
        fprintf(stderr, "fuzz: cannot read %s\n", full);
        abort();
    }
    fclose(f);
    if (len)
        *len = n;
    return buf;
}

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        fprintf(stderr, "fuzz: cannot write %s\n", path);
        abort();
    }
}

/* The harness's directory, made once, with the repository's shared files
 * its sources may import. */
static void make_dir(void)
{
    static const char *const shared[] = {"common/hertfordshire.pathway",
                                         "common/herefordshire.pathway",
                                         "common/national.pathway", "cse.pathway"};
    char from[256], to[256];
    strcpy(dir, "/tmp/pw-fuzz-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    snprintf(to, sizeof to, "%s/common", dir);
    if (mkdir(to, 0700) != 0)
        abort();
    for (size_t i = 0; i < sizeof shared / sizeof *shared; i++) {
        size_t n;
        snprintf(from, sizeof from, "pathways/%s", shared[i]);
        char *text = fuzz_repo_file(from, &n);
        snprintf(to, sizeof to, "%s/%s", dir, shared[i]);
        write_file(to, text, n);
        free(text);
    }
}

fuzz_compiled fuzz_compile(const uint8_t *data, size_t size, const char *name)
{
    char path[256];
    if (!dir[0])
        make_dir();
    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_file(path, data, size);
    fuzz_compiled c;
    c.diag = pw_diag_new();
    pw_program_options o = {NULL, 0, 1 << 20, 8, NULL, NULL};
    c.prog = pw_program_new(c.diag, &o);
    pw_program_add(c.prog, path);
    pw_check_options co = {{2025, 6, 1, {0, 0}}};
    pw_program_check(c.prog, c.diag, &co);
    c.clean = pw_diag_error_count(c.diag) == 0;
    return c;
}

void fuzz_compiled_free(fuzz_compiled *c)
{
    pw_program_free(c->prog);
    pw_diag_free(c->diag);
    c->prog = NULL;
    c->diag = NULL;
}

char *fuzz_table_json(const pw_graph *g, size_t *len)
{
    char *buf = NULL, err[512] = "";
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    bool made = f && pw_emit_table(g, f, err, sizeof err);
    if (!f || fclose(f) != 0 || !made) {
        fprintf(stderr, "fuzz: a clean graph's table was refused: %s\n", err);
        abort();
    }
    if (len)
        *len = n;
    return buf;
}
