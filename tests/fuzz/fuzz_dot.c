/* fuzz_dot — libFuzzer harness for the diagram's DOT (emit/dot.c): any
 * bytes compiled as a .pathway file and, when clean, drawn as DOT (no
 * layout: fast, and the text any tool reads). The DOT is read back with
 * cgraph (agmemread), as a tool that loads the diagram would, and:
 *
 *   - it parses, and written back by cgraph it gives the same lines (in
 *     some order), so every label and attribute was read as written;
 *   - each node of the pathway that is drawn (not a duplicate, not a
 *     together, which is a cluster) is a node named by its id, with the
 *     id "node-ID"; every other node is one of the diagram's own, named
 *     with a ':' or '@' no id has (criteria:, goto:, pathway:, @key-);
 *     the counts agree;
 *   - each node's label (a together's cluster's) is an HTML-like label
 *     whose text, tags taken out and entities and doubled backslashes
 *     read, holds the node's title (or id) as emit/markup.h writes
 *     text, leaving aside where lines were broken; its tooltip begins
 *     with its kind ("Step: ", "Question: ", ...);
 *   - a question with criteria has its note, "criteria:ID".
 *
 * cgraph's parser keeps buffers until exit, still reachable, which
 * LeakSanitizer does not count: no suppression is needed (nothing is laid
 * out). A broken promise is a trap, which libFuzzer keeps as a crash. An
 * input that does not compile is left out of the corpus (the harness
 * returns -1): the front end's errors are fuzz_front's. Built and run by
 * tests/fuzz/fuzz.mk (docs/fuzzing.md). */
#include "support.h"

#include "emit/dot.h"
#include "emit/markup.h"
#include "support/text.h"

#include <cgraph.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* s without ASCII white space and U+00A0 (where lines break, and the
 * no-break space after a node's number). */
static void squeeze(pw_text_buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '\n' || *s == '\t')
            continue;
        if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
            s++;
            continue;
        }
        pw_tb_addn(out, s, 1);
    }
}

/* The text of an HTML-like label: tags out, the escaper's entities and
 * doubled backslashes read, squeezed. */
static char *label_text(const char *label)
{
    static const struct {
        const char *entity, *c;
    } entities[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
                    {"&#39;", "'"}};
    pw_text_buf plain = {0}, out = {0};
    for (const char *s = label; *s;) {
        if (*s == '<') {
            const char *end = strchr(s, '>');
            FUZZ_CHECK(end != NULL);
            s = end + 1;
            continue;
        }
        if (s[0] == '\\' && s[1] == '\\') {
            pw_tb_add(&plain, "\\");
            s += 2;
            continue;
        }
        size_t i = 0;
        while (*s == '&' && i < sizeof entities / sizeof *entities &&
               strncmp(s, entities[i].entity, strlen(entities[i].entity)) != 0)
            i++;
        if (*s == '&' && i < sizeof entities / sizeof *entities) {
            pw_tb_add(&plain, entities[i].c);
            s += strlen(entities[i].entity);
            continue;
        }
        FUZZ_CHECK(*s != '&' && *s != '>'); /* an unescaped one from the text */
        pw_tb_addn(&plain, s++, 1);
    }
    squeeze(&out, pw_tb_str(&plain));
    pw_tb_free(&plain);
    return pw_tb_str(&out);
}

/* A node's title (or id) as its label shows it, squeezed. */
static char *title_text(const pw_gnode *n)
{
    const char *s = n->title ? n->title : n->id;
    size_t len = strlen(s);
    pw_text_buf b = {0}, out = {0};
    for (size_t i = 0, k; i < len; i += k) {
        uint32_t c = pw_utf8_next(s + i, len - i, &k);
        if (c == '\n')
            pw_tb_add(&b, "\n");
        else
            pw_markup_xml_char(&b, s + i, k, c);
    }
    squeeze(&out, pw_tb_str(&b));
    pw_tb_free(&b);
    return pw_tb_str(&out);
}

static void check_label(void *obj, const pw_gnode *n)
{
    char *label = agget(obj, "label");
    FUZZ_CHECK(label != NULL && aghtmlstr(label));
    char *got = label_text(label), *want = title_text(n);
    if (!strstr(got, want)) {
        fprintf(stderr, "fuzz_dot: the label of %s, \"%s\", does not hold \"%s\"\n", n->id,
                got, want);
        FUZZ_CHECK(strstr(got, want) != NULL);
    }
    free(got);
    free(want);
    static const char *const kinds[] = {"Step: ", "Question: ", "Outcome: ", "Together: "};
    char *tip = agget(obj, "tooltip");
    FUZZ_CHECK(tip != NULL);
    FUZZ_CHECK((unsigned)n->kind <= PW_TOGETHER);
    FUZZ_CHECK(strncmp(tip, kinds[n->kind], strlen(kinds[n->kind])) == 0);
}

/* Whether node i is drawn as a node of its own name: the first node of
 * its id, not a duplicate; a together is a cluster instead. */
static bool drawn(const pw_graph *g, size_t i)
{
    const pw_gnode *n = &g->nodes[i];
    return !n->duplicate && n->id && pw_graph_find(g, n->id) == (int)i;
}

/* The subgraph of that name anywhere under g (a together's cluster is
 * inside its stage's, or the pathway's). */
static Agraph_t *find_subgraph(Agraph_t *g, const char *name)
{
    Agraph_t *c = agsubg(g, (char *)name, 0);
    for (Agraph_t *s = agfstsubg(g); !c && s; s = agnxtsubg(s))
        c = find_subgraph(s, name);
    return c;
}

static void check_node(Agraph_t *dg, const pw_graph *g, size_t i)
{
    const pw_gnode *n = &g->nodes[i];
    char name[512];
    if (n->kind == PW_TOGETHER) {
        snprintf(name, sizeof name, "cluster_together_%s", n->id);
        Agraph_t *c = find_subgraph(dg, name);
        FUZZ_CHECK(c != NULL);
        check_label(c, n);
        return;
    }
    Agnode_t *v = agnode(dg, (char *)n->id, 0);
    FUZZ_CHECK(v != NULL);
    char *id = agget(v, "id");
    snprintf(name, sizeof name, "node-%s", n->id);
    FUZZ_CHECK(id != NULL && strcmp(id, name) == 0);
    check_label(v, n);
    if (n->kind == PW_QUESTION && n->ncitems) {
        snprintf(name, sizeof name, "criteria:%s", n->id);
        FUZZ_CHECK(agnode(dg, name, 0) != NULL);
    }
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

/* dg written back by cgraph is dot, but for the order of its lines. */
static void check_same_lines(Agraph_t *dg, const char *dot)
{
    char *again = NULL, *copy = strdup(dot);
    size_t len = 0, na, nb;
    FILE *m = open_memstream(&again, &len);
    FUZZ_CHECK(m != NULL && agwrite(dg, m) == 0);
    FUZZ_CHECK(fclose(m) == 0);
    char **la = sorted_lines(again, &na), **lb = sorted_lines(copy, &nb);
    FUZZ_CHECK(na == nb);
    for (size_t i = 0; i < na; i++)
        FUZZ_CHECK(strcmp(la[i], lb[i]) == 0);
    free(la);
    free(lb);
    free(again);
    free(copy);
}

static void diagram(const pw_graph *g)
{
    char *dot = NULL, err[512];
    size_t len = 0;
    if (!pw_emit_diagram(g, PW_DIAGRAM_DOT, "main.html", &dot, &len, err, sizeof err)) {
        /* too large to draw (docs/limits.md): said, nothing written */
        FUZZ_CHECK(dot == NULL && len == 0 && err[0]);
        return;
    }
    FUZZ_CHECK(strlen(dot) == len);
    Agraph_t *dg = agmemread(dot);
    if (!dg) {
        fprintf(stderr, "fuzz_dot: the DOT does not read back:\n%s\n", dot);
        FUZZ_CHECK(dg != NULL);
    }
    size_t want = 0, got = 0;
    for (size_t i = 0; i < g->nnodes; i++) {
        if (!drawn(g, i))
            continue;
        check_node(dg, g, i);
        want += g->nodes[i].kind != PW_TOGETHER;
    }
    for (Agnode_t *v = agfstnode(dg); v; v = agnxtnode(dg, v)) {
        const char *name = agnameof(v);
        if (strchr(name, ':') || name[0] == '@')
            continue;
        int i = pw_graph_find(g, name);
        FUZZ_CHECK(i >= 0 && drawn(g, (size_t)i) && g->nodes[i].kind != PW_TOGETHER);
        got++;
    }
    FUZZ_CHECK(got == want);
    check_same_lines(dg, dot);
    agclose(dg);
    free(dot);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_compiled c = fuzz_compile(data, size, "main.pathway");
    for (size_t i = 0; c.clean && i < pw_program_graph_count(c.prog); i++)
        diagram(pw_program_graph(c.prog, i));
    bool clean = c.clean;
    fuzz_compiled_free(&c);
    return clean ? 0 : -1; /* only clean pathways go into the corpus */
}
