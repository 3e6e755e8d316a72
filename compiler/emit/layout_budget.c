/* layout_budget — see layout_budget.h. */
#include "emit/layout_budget.h"

#include "support/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Marks in back[] the edges of adj (by index into succ) that close a
 * loop: an iterative depth-first search from every node in turn, so a
 * deep chain needs no deep C stack. */
static void mark_back_edges(const pw_adjacency *a, size_t n, bool *back)
{
    enum { WHITE, GREY, BLACK };
    unsigned char *colour = pw_xcalloc(n ? n : 1, 1);
    int *stack = pw_xcalloc(n ? n : 1, sizeof *stack);
    int *next = pw_xcalloc(n ? n : 1, sizeof *next);
    for (size_t root = 0; root < n; root++) {
        if (colour[root] != WHITE)
            continue;
        size_t top = 0;
        stack[top++] = (int)root;
        colour[root] = GREY;
        next[root] = a->first[root];
        while (top) {
            int v = stack[top - 1];
            if (next[v] == a->first[v + 1]) {
                colour[v] = BLACK;
                top--;
                continue;
            }
            int e = next[v]++, w = a->succ[e];
            if (colour[w] == GREY)
                back[e] = true;
            else if (colour[w] == WHITE) {
                colour[w] = GREY;
                next[w] = a->first[w];
                stack[top++] = w;
            }
        }
    }
    free(next);
    free(stack);
    free(colour);
}

/* rank[v]: the longest path to v over the edges that are not back edges
 * (Kahn's algorithm: those edges form a DAG). */
static void longest_path_ranks(const pw_adjacency *a, size_t n, const bool *back,
                               int *rank)
{
    int *indeg = pw_xcalloc(n ? n : 1, sizeof *indeg);
    int *queue = pw_xcalloc(n ? n : 1, sizeof *queue);
    for (size_t v = 0; v < n; v++)
        for (int e = a->first[v]; e < a->first[v + 1]; e++)
            indeg[a->succ[e]] += !back[e];
    size_t head = 0, tail = 0;
    for (size_t v = 0; v < n; v++)
        if (!indeg[v])
            queue[tail++] = (int)v;
    while (head < tail) {
        int v = queue[head++];
        for (int e = a->first[v]; e < a->first[v + 1]; e++) {
            int w = a->succ[e];
            if (back[e])
                continue;
            if (rank[w] < rank[v] + 1)
                rank[w] = rank[v] + 1;
            if (--indeg[w] == 0)
                queue[tail++] = w;
        }
    }
    free(queue);
    free(indeg);
}

static size_t span_cost(const int *rank, int from, int to)
{
    int span = rank[to] > rank[from] ? rank[to] - rank[from] : rank[from] - rank[to];
    return span > 1 ? 2 * (size_t)span - 1 : 0;
}

size_t pw_layout_virtual_nodes(const pw_graph *g)
{
    size_t n = g->nnodes;
    pw_adjacency a;
    pw_adjacency_build(g, &a);
    size_t nedges = (size_t)a.first[n];
    bool *back = pw_xcalloc(nedges ? nedges : 1, sizeof *back);
    int *rank = pw_xcalloc(n ? n : 1, sizeof *rank);
    mark_back_edges(&a, n, back);
    longest_path_ranks(&a, n, back, rank);
    size_t cost = 0;
    for (size_t v = 0; v < n; v++) {
        for (int e = a.first[v]; e < a.first[v + 1]; e++)
            cost += span_cost(rank, (int)v, a.succ[e]);
        for (size_t k = 0; k < g->nodes[v].nalso; k++)
            if (g->nodes[v].also[k].node >= 0)
                cost += span_cost(rank, (int)v, g->nodes[v].also[k].node);
    }
    free(rank);
    free(back);
    pw_adjacency_free(&a);
    return cost;
}

static size_t len(const char *s)
{
    return s ? strlen(s) : 0;
}

static size_t texts_len(const pw_texts *t)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++)
        n += len(t->at[i]);
    return n;
}

/* What is to be confirmed: the texts in the key's list (a contact's and
 * a form's after its title), whose markers are a few digits more. */
static size_t tbc_bytes(const pw_graph *g)
{
    size_t n = texts_len(&g->meta[PW_F_PATHWAY_TBC].texts);
    for (size_t i = 0; i < g->nstages; i++)
        n += texts_len(&g->stages[i].tbc);
    for (size_t i = 0; i < g->nnodes; i++)
        n += texts_len(&g->nodes[i].tbc);
    for (size_t i = 0; i < g->ncontacts; i++) {
        const pw_contact *c = g->contacts[i];
        n += texts_len(&c->tbc) + (c->tbc.n ? c->tbc.n * len(c->title) : 0);
    }
    for (size_t i = 0; i < g->nforms; i++) {
        const pw_form *f = g->forms[i];
        n += texts_len(&f->tbc) + (f->tbc.n ? f->tbc.n * len(f->title) : 0);
    }
    return n;
}

size_t pw_layout_label_bytes(const pw_graph *g)
{
    size_t n = len(g->title) + len(pw_graph_text(g, PW_F_PATHWAY_VERSION));
    n += len(g->meta[PW_F_PATHWAY_EMERGENCY_ROUTE].text.text);
    n += tbc_bytes(g);
    for (size_t i = 0; i < g->nstages; i++)
        n += len(g->stages[i].title);
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *v = &g->nodes[i];
        n += len(v->title);
        for (size_t k = 0; k < v->nanswers; k++)
            n += len(v->answers[k].label);
        for (size_t k = 0; k < v->ncontacts; k++)
            n += len(v->contacts[k]->title) + len(v->contacts[k]->phone.text);
        for (size_t k = 0; k < v->nalso; k++)
            n += len(v->also[k].pathway_title) + len(v->also[k].why);
    }
    return n;
}

bool pw_layout_fits(const pw_graph *g, char *why, size_t whysize)
{
    if (g->nnodes > PW_LAYOUT_MAX_NODES) {
        if (whysize)
            snprintf(why, whysize, "it has %zu nodes, and diagrams are drawn for "
                     "at most %d", g->nnodes, PW_LAYOUT_MAX_NODES);
        return false;
    }
    size_t cost = pw_layout_virtual_nodes(g);
    if (cost > PW_LAYOUT_MAX_VIRTUAL) {
        if (whysize)
            snprintf(why, whysize, "its arrows span so many rows (about %zu "
                     "bends to place, at most %d) that laying it out would take "
                     "minutes", cost, PW_LAYOUT_MAX_VIRTUAL);
        return false;
    }
    size_t text = pw_layout_label_bytes(g);
    if (text > PW_LAYOUT_MAX_TEXT) {
        if (whysize)
            snprintf(why, whysize, "its labels hold %zu bytes of text, and "
                     "diagrams are drawn with at most %d", text, PW_LAYOUT_MAX_TEXT);
        return false;
    }
    return true;
}
