/* dotcheck FILE.dot [NODE...] — reads a DOT file with cgraph, as any tool
 * that loads pathwayc's diagrams would, and checks that writing it back
 * gives the same lines (so cgraph read every label and attribute exactly
 * as written; cgraph may list edges in another order, so lines are
 * compared as sorted lists). Prints the label of each NODE named, one a
 * line, for the caller to compare. Exit 0 when the file reads back
 * unchanged, 1 otherwise. Used by tests/hostile-outputs. */
#include <cgraph.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    *len = 0;
    if (!f)
        return NULL;
    FILE *m = open_memstream(&buf, len);
    int c;
    while (m && (c = getc(f)) != EOF)
        putc(c, m);
    fclose(f);
    if (m)
        fclose(m);
    return buf;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of text (changed in place), sorted; *n of them. */
static char **sorted_lines(char *text, size_t *n)
{
    size_t cap = 1;
    for (char *s = text; *s; s++)
        cap += *s == '\n';
    char **lines = calloc(cap, sizeof *lines);
    *n = 0;
    for (char *s = strtok(text, "\n"); s && *n < cap; s = strtok(NULL, "\n"))
        lines[(*n)++] = s;
    qsort(lines, *n, sizeof *lines, by_text);
    return lines;
}

static int same_lines(char *a, char *b)
{
    size_t na, nb;
    char **la = sorted_lines(a, &na), **lb = sorted_lines(b, &nb);
    int same = na == nb;
    for (size_t i = 0; same && i < na; i++)
        same = strcmp(la[i], lb[i]) == 0;
    free(la);
    free(lb);
    return same;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: dotcheck FILE.dot [NODE...]\n");
        return 2;
    }
    size_t len;
    char *text = slurp(argv[1], &len);
    Agraph_t *g = text ? agmemread(text) : NULL;
    if (!g) {
        fprintf(stderr, "dotcheck: %s does not read as DOT\n", argv[1]);
        free(text);
        return 1;
    }
    char *again = NULL;
    size_t again_len = 0;
    FILE *m = open_memstream(&again, &again_len);
    agwrite(g, m);
    fclose(m);
    for (int i = 2; i < argc; i++) {
        Agnode_t *n = agnode(g, argv[i], 0);
        char *label = n ? agget(n, "label") : NULL;
        printf("%s\n", label ? label : "(no such node)");
    }
    int same = same_lines(again, text);
    if (!same)
        fprintf(stderr, "dotcheck: %s reads back differently\n", argv[1]);
    agclose(g);
    free(again);
    free(text);
    return same ? 0 : 1;
}
