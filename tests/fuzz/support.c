/* support — see support.h. */
#include "support.h"

#include "emit/table.h"
#include "model/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The files written in the harness's directory, removed with it at exit. */
static char *written[64];
static size_t nwritten;

static void remove_dir(void)
{
    char path[256];
    for (size_t i = 0; i < nwritten; i++) {
        unlink(written[i]);
        free(written[i]);
    }
    snprintf(path, sizeof path, "%s/common", dir);
    rmdir(path);
    rmdir(dir);
}

static void write_file(const char *path, const void *data, size_t size)
{
    size_t i = 0;
    while (i < nwritten && strcmp(written[i], path) != 0)
        i++;
    if (i == nwritten && nwritten < sizeof written / sizeof *written)
        written[nwritten++] = strdup(path);
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
    atexit(remove_dir);
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

/* ---- walks -------------------------------------------------------------- */

const char *const fuzz_tables_paths[FUZZ_NTABLES] = {
    "pathways/prevent.pathway",       "pathways/domestic-abuse.pathway",
    "pathways/levels-of-need.pathway", "tests/runtime/kinds.pathway",
    "tests/diff/structure-old.pathway", "tests/diff/structure-new.pathway"};

static int64_t fixed_now(void *ctx)
{
    (void)ctx;
    return 1738314000;
}

const pathway_clock fuzz_clock = {fixed_now, NULL};

/* The table of the largest pathway (by nodes) of the repository's file at
 * path. */
static pathway_table *compile_table(const char *path)
{
    size_t n;
    char *text = fuzz_repo_file(path, &n);
    const char *base = strrchr(path, '/');
    fuzz_compiled c = fuzz_compile((const uint8_t *)text, n, base ? base + 1 : path);
    free(text);
    if (!c.clean || pw_program_graph_count(c.prog) == 0) {
        fprintf(stderr, "fuzz: %s does not compile\n", path);
        abort();
    }
    const pw_graph *g = pw_program_graph(c.prog, 0);
    for (size_t i = 1; i < pw_program_graph_count(c.prog); i++)
        if (pw_program_graph(c.prog, i)->nnodes > g->nnodes)
            g = pw_program_graph(c.prog, i);
    size_t len;
    char *json = fuzz_table_json(g, &len);
    pathway_error e;
    pathway_table *t = pathway_table_load_buffer(json, len, PATHWAY_LOAD_DEFAULT, &e);
    if (!t) {
        fprintf(stderr, "fuzz: the table of %s does not load: %s\n", path, e.message);
        abort();
    }
    free(json);
    fuzz_compiled_free(&c);
    return t;
}

const pathway_table *fuzz_table(size_t i)
{
    static pathway_table *tables[FUZZ_NTABLES];
    FUZZ_CHECK(i < FUZZ_NTABLES);
    if (!tables[i])
        tables[i] = compile_table(fuzz_tables_paths[i]);
    return tables[i];
}

void fuzz_check_walk(const pathway_walk *w)
{
    const pathway_table *t = pathway_walk_table(w);
    const pathway_node *cur = pathway_walk_current(w);
    FUZZ_CHECK(cur != NULL);
    FUZZ_CHECK(cur->index < pathway_table_node_count(t));
    FUZZ_CHECK(pathway_table_node(t, cur->index) == cur);
    FUZZ_CHECK(pathway_table_find_node(t, cur->id) == cur);
    FUZZ_CHECK(cur->in == NULL);
    size_t moves = pathway_walk_move_count(w);
    FUZZ_CHECK(pathway_walk_path_length(w) == moves + 1);
    FUZZ_CHECK(pathway_walk_path_node(w, moves) == cur);
    FUZZ_CHECK(pathway_walk_path_node(w, moves + 1) == NULL);
    FUZZ_CHECK(pathway_walk_move(w, moves) == NULL);
    for (size_t i = 0; i < moves; i++) {
        const pathway_move *m = pathway_walk_move(w, i);
        FUZZ_CHECK(m->from == pathway_walk_path_node(w, i));
        FUZZ_CHECK(m->to == pathway_walk_path_node(w, i + 1));
        FUZZ_CHECK(m->kind != PATHWAY_MOVE_DONE || (m->step && m->step->in == m->from &&
                                                    m->to == m->from));
    }
    bool ends = cur->kind == PATHWAY_OUTCOME && cur->next == NULL;
    FUZZ_CHECK(pathway_walk_finished(w) == ends);
    FUZZ_CHECK(pathway_walk_outcome(w) == (ends ? cur : NULL));
    size_t done = pathway_walk_done_count(w);
    FUZZ_CHECK(cur->kind == PATHWAY_TOGETHER ? done <= cur->nsteps : done == 0);
    size_t counted = 0;
    for (size_t i = 0; i < cur->nsteps; i++)
        counted += pathway_walk_step_done(w, cur->steps[i]);
    FUZZ_CHECK(counted == done);
}

static void check_same_move(const pathway_move *a, const pathway_move *b)
{
    FUZZ_CHECK(a->kind == b->kind && a->from == b->from && a->to == b->to);
    FUZZ_CHECK(a->answer == b->answer && a->score == b->score);
    FUZZ_CHECK(a->time == b->time && a->step == b->step);
    FUZZ_CHECK((a->ticked == NULL) == (b->ticked == NULL));
    if (a->ticked)
        FUZZ_CHECK(memcmp(a->ticked, b->ticked, a->from->ncriteria * sizeof *a->ticked) == 0);
}

void fuzz_check_same_walk(const pathway_walk *a, const pathway_walk *b)
{
    fuzz_check_walk(a);
    fuzz_check_walk(b);
    FUZZ_CHECK(pathway_walk_table(a) == pathway_walk_table(b));
    FUZZ_CHECK(pathway_walk_current(a) == pathway_walk_current(b));
    FUZZ_CHECK(pathway_walk_started(a) == pathway_walk_started(b));
    FUZZ_CHECK(pathway_walk_path_node(a, 0) == pathway_walk_path_node(b, 0));
    FUZZ_CHECK(pathway_walk_move_count(a) == pathway_walk_move_count(b));
    for (size_t i = 0; i < pathway_walk_move_count(a); i++)
        check_same_move(pathway_walk_move(a, i), pathway_walk_move(b, i));
    const pathway_node *cur = pathway_walk_current(a);
    FUZZ_CHECK(pathway_walk_done_count(a) == pathway_walk_done_count(b));
    for (size_t i = 0; i < cur->nsteps; i++)
        FUZZ_CHECK(pathway_walk_step_done(a, cur->steps[i]) ==
                   pathway_walk_step_done(b, cur->steps[i]));
}

pathway_walk *fuzz_round_trip(const pathway_walk *w)
{
    pathway_error e;
    char *saved = pathway_walk_save(w, &e);
    FUZZ_CHECK(saved != NULL);
    pathway_walk *r = pathway_walk_restore(pathway_walk_table(w), saved, strlen(saved),
                                           &fuzz_clock, &e);
    if (!r) {
        fprintf(stderr, "fuzz: a save does not restore: %s\n%s\n", e.message, saved);
        FUZZ_CHECK(r != NULL);
    }
    fuzz_check_same_walk(w, r);
    char *again = pathway_walk_save(r, &e);
    FUZZ_CHECK(again != NULL && strcmp(saved, again) == 0);
    pathway_free(saved);
    pathway_free(again);
    return r;
}
