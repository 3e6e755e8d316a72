#include "model/graph.h"

#include "support/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pw_graph_free(pw_graph *g)
{
    if (g)
        pw_arena_free(g->arena); /* the graph itself lives in its arena */
}

const char *pw_graph_text(const pw_graph *g, pw_field f)
{
    return g->meta[f].text.text;
}

pw_date pw_graph_date(const pw_graph *g, pw_field f)
{
    return g->meta[f].date;
}

pw_status pw_graph_status(const pw_graph *g)
{
    return (pw_status)g->meta[PW_F_PATHWAY_STATUS].word;
}

int pw_graph_source_of(const pw_graph *g, const char *text)
{
    const pw_gfield *m = &g->meta[PW_F_PATHWAY_SOURCE];
    for (size_t i = 0; text && i < m->nsources; i++) {
        const char *title = m->sources[i].text.text;
        size_t n = strlen(title);
        if (n == 0 || strncmp(text, title, n) != 0)
            continue;
        const char *rest = text + n;
        if (!*rest || strchr(":,;", *rest) || (rest[0] == ' ' && rest[1] == '('))
            return (int)i;
    }
    return -1;
}

int pw_graph_find(const pw_graph *g, const char *id)
{
    for (size_t i = 0; i < g->nnodes; i++)
        if (strcmp(g->nodes[i].id, id) == 0)
            return (int)i;
    return PW_NO_NODE;
}

bool pw_graph_links_resolved(const pw_graph *g, char *err, size_t errsize)
{
    if (g->incomplete || g->start == PW_NO_NODE)
        return pw_errorf(err, errsize, "pathway '%s' has links that did not resolve",
                    g->id);
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *n = &g->nodes[i];
        bool needs_next = (n->kind == PW_STEP && n->parent == PW_NO_NODE) ||
                          n->kind == PW_TOGETHER;
        bool ok = !needs_next || n->next != PW_NO_NODE;
        for (size_t k = 0; ok && k < n->nanswers; k++)
            ok = n->answers[k].target != PW_NO_NODE;
        for (size_t k = 0; ok && k < n->nalso; k++)
            ok = n->also[k].node != PW_NO_NODE || n->also[k].pathway;
        if (!ok)
            return pw_errorf(err, errsize, "%s '%s' has a link that did not resolve",
                        pw_node_kind_name(n->kind), n->id);
    }
    return true;
}

/* Calls f(to) for each node n leads to: its `next` (a step's, a
 * together's, an emergency outcome's), its answers' targets. The steps
 * inside a together lead nowhere of their own: a walk does them at the
 * together (pw_graph_place). */
#define FOR_EACH_SUCCESSOR(n, to, body)                            \
    do {                                                           \
        if ((n)->next != PW_NO_NODE) {                             \
            int to = (n)->next;                                    \
            body;                                                  \
        }                                                          \
        for (size_t k_ = 0; k_ < (n)->nanswers; k_++) {            \
            int to = (n)->answers[k_].target;                      \
            if (to != PW_NO_NODE) {                                \
                body;                                              \
            }                                                      \
        }                                                          \
    } while (0)

void pw_adjacency_build(const pw_graph *g, pw_adjacency *a)
{
    size_t n = g->nnodes, m = 0;
    a->first = pw_xcalloc(n + 1, sizeof *a->first);
    a->pfirst = pw_xcalloc(n + 1, sizeof *a->pfirst);
    for (size_t i = 0; i < n; i++) {
        const pw_gnode *v = &g->nodes[i];
        FOR_EACH_SUCCESSOR(v, to, { m++; a->pfirst[to + 1]++; });
        a->first[i + 1] = (int)m;
    }
    for (size_t i = 0; i < n; i++)
        a->pfirst[i + 1] += a->pfirst[i];
    a->succ = pw_xcalloc(m ? m : 1, sizeof *a->succ);
    a->pred = pw_xcalloc(m ? m : 1, sizeof *a->pred);
    int *fill = pw_xcalloc(n + 1, sizeof *fill);
    memcpy(fill, a->pfirst, (n + 1) * sizeof *fill);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const pw_gnode *v = &g->nodes[i];
        FOR_EACH_SUCCESSOR(v, to, {
            a->succ[k++] = to;
            a->pred[fill[to]++] = (int)i;
        });
    }
    free(fill);
}

void pw_adjacency_free(pw_adjacency *a)
{
    free(a->first);
    free(a->succ);
    free(a->pfirst);
    free(a->pred);
    memset(a, 0, sizeof *a);
}
