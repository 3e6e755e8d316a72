/* tests/conformance/differ.c — what libpathway says of many files, one
 * line each, for tests/conformance/differential to compare with the
 * Python runtime:
 *
 *   differ table FILE...           FILE<TAB>CODE<TAB>WHERE
 *   differ restore TABLE FILE...   FILE<TAB>CODE<TAB>WHERE<TAB>PATH<TAB>SAVED
 *   differ formats                 the newest table format_version it reads
 *
 * CODE is pathway_code_name's (PATHWAY_OK when it loads or restores);
 * PATH the ids of the restored walk's path, each followed by a space;
 * SAVED the text pathway_walk_save writes of it, its new lines as "\n". */
#include <pathway.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t clock_next;

static int64_t tick(void *ctx)
{
    (void)ctx;
    int64_t t = clock_next;
    clock_next += 60;
    return t;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0)
        if ((len += got) == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b)
                free(buf);
            buf = b;
        }
    fclose(f);
    *n = len;
    return buf;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "formats") == 0) {
        printf("%d\n", PATHWAY_TABLE_FORMAT_VERSION);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "table") == 0) {
        for (int i = 2; i < argc; i++) {
            pathway_error e;
            pathway_table *t = pathway_table_load_file(argv[i], PATHWAY_LOAD_DEFAULT, &e);
            printf("%s\t%s\t%s\n", argv[i], t ? "PATHWAY_OK" : pathway_code_name(e.code),
                   t ? "" : e.where);
            pathway_table_free(t);
        }
        return 0;
    }
    if (argc < 3 || strcmp(argv[1], "restore") != 0) {
        fprintf(stderr, "usage: differ table FILE... | differ restore TABLE FILE...\n");
        return 2;
    }
    pathway_error e;
    pathway_table *t = pathway_table_load_file(argv[2], PATHWAY_LOAD_DEFAULT, &e);
    if (!t) {
        fprintf(stderr, "differ: %s\n", e.message);
        return 2;
    }
    for (int i = 3; i < argc; i++) {
        size_t n = 0;
        char *text = slurp(argv[i], &n);
        clock_next = 1738314000;
        pathway_clock clock = {tick, NULL};
        pathway_walk *w = text ? pathway_walk_restore(t, text, n, &clock, &e) : NULL;
        printf("%s\t%s\t%s\t", argv[i], w ? "PATHWAY_OK" : text ? pathway_code_name(e.code)
                                                                : "unreadable",
               w || !text ? "" : e.where);
        for (size_t k = 0; w && k < pathway_walk_path_length(w); k++)
            printf("%s ", pathway_walk_path_node(w, k)->id);
        char *saved = w ? pathway_walk_save(w, &e) : NULL;
        printf("\t");
        for (const char *c = saved; c && *c; c++)
            fputs(*c == '\n' ? "\\n" : (char[]){*c, '\0'}, stdout);
        printf("\n");
        pathway_free(saved);
        pathway_walk_free(w);
        free(text);
    }
    pathway_table_free(t);
    return 0;
}
