/* layout_plan — see layout_plan.h. */
#include "emit/layout_plan.h"

#include "support/arena.h"

#include <stdlib.h>
#include <string.h>

/* An arrow between two rows' nodes: from and to index the nodes of the
 * ranking (a step inside a together is ranked as its together, which is
 * drawn as one box; another pathway an `also` names is a node after the
 * pathway's own), slot is the arrow's in the plan. */
typedef struct arrow {
    int from, to;
    size_t slot;
} arrow;

typedef struct ranking {
    size_t n;          /* nodes: the graph's, then the other pathways */
    arrow *arrows;
    size_t narrows;
    int *first, *out;  /* arrows out of node v: out[first[v] .. first[v+1]) */
    bool *back;        /* per arrow: it closes a loop */
    int *rank;
} ranking;

static int rank_node(const pw_graph *g, int v)
{
    return g->nodes[v].parent >= 0 ? g->nodes[v].parent : v;
}

/* The index of another pathway's node: after the graph's, one per
 * pathway named (few: each must be imported). */
static int pathway_index(const pw_graph *g, const char ***names, size_t *n, size_t *cap,
                         const char *id)
{
    for (size_t k = 0; k < *n; k++)
        if (!strcmp((*names)[k], id))
            return (int)(g->nnodes + k);
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 8;
        *names = pw_xrealloc(*names, *cap, sizeof **names);
    }
    (*names)[(*n)++] = id;
    return (int)(g->nnodes + *n - 1);
}

static void add_arrow(ranking *r, size_t *cap, int from, int to, size_t slot)
{
    if (r->narrows == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        r->arrows = pw_xrealloc(r->arrows, *cap, sizeof *r->arrows);
    }
    r->arrows[r->narrows++] = (arrow){from, to, slot};
}

/* Every arrow the diagram may draw, in slot order, and the plan's slots. */
static void collect_arrows(const pw_graph *g, ranking *r, pw_layout_plan *p)
{
    size_t cap = 0, npathways = 0, pcap = 0;
    const char **pathways = NULL;
    p->first = pw_xcalloc(g->nnodes + 1, sizeof *p->first);
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *v = &g->nodes[i];
        size_t slot = p->first[i];
        p->first[i + 1] = slot + 1 + v->nanswers + v->nalso;
        if (v->duplicate || !v->id)
            continue; /* not drawn */
        int from = rank_node(g, (int)i);
        if (v->next >= 0)
            add_arrow(r, &cap, from, rank_node(g, v->next), slot);
        for (size_t k = 0; k < v->nanswers; k++)
            if (v->answers[k].target >= 0)
                add_arrow(r, &cap, from, rank_node(g, v->answers[k].target), slot + 1 + k);
        for (size_t k = 0; k < v->nalso; k++) {
            const pw_galso *a = &v->also[k];
            size_t s = slot + 1 + v->nanswers + k;
            if (a->node >= 0)
                add_arrow(r, &cap, from, rank_node(g, a->node), s);
            else if (a->pathway)
                add_arrow(r, &cap, from,
                          pathway_index(g, &pathways, &npathways, &pcap, a->pathway), s);
        }
    }
    free(pathways);
    r->n = g->nnodes + npathways;
    p->connector = pw_xcalloc(p->first[g->nnodes] + 1, sizeof *p->connector);
}

static void index_arrows(ranking *r)
{
    r->first = pw_xcalloc(r->n + 1, sizeof *r->first);
    r->out = pw_xcalloc(r->narrows + 1, sizeof *r->out);
    for (size_t a = 0; a < r->narrows; a++)
        r->first[r->arrows[a].from + 1]++;
    for (size_t v = 0; v < r->n; v++)
        r->first[v + 1] += r->first[v];
    int *fill = pw_xcalloc(r->n + 1, sizeof *fill);
    memcpy(fill, r->first, (r->n + 1) * sizeof *fill);
    for (size_t a = 0; a < r->narrows; a++) /* in slot order within a node */
        r->out[fill[r->arrows[a].from]++] = (int)a;
    free(fill);
}

/* Marks the arrows that close a loop: an iterative depth-first search
 * from the start, then from every node not yet seen, so a deep chain
 * needs no deep C stack, and the pathway's own direction decides which
 * arrow of a loop goes back. */
static void mark_back_arrows(ranking *r, int start)
{
    enum { WHITE, GREY, BLACK };
    size_t n = r->n;
    unsigned char *colour = pw_xcalloc(n + 1, 1);
    int *stack = pw_xcalloc(n + 1, sizeof *stack);
    int *next = pw_xcalloc(n + 1, sizeof *next);
    r->back = pw_xcalloc(r->narrows + 1, sizeof *r->back);
    for (size_t k = 0; k <= n; k++) {
        int root = k == 0 ? start : (int)k - 1;
        if (root < 0 || colour[root] != WHITE)
            continue;
        size_t top = 0;
        stack[top++] = root;
        colour[root] = GREY;
        next[root] = r->first[root];
        while (top) {
            int v = stack[top - 1];
            if (next[v] == r->first[v + 1]) {
                colour[v] = BLACK;
                top--;
                continue;
            }
            int a = r->out[next[v]++], w = r->arrows[a].to;
            if (colour[w] == GREY)
                r->back[a] = true;
            else if (colour[w] == WHITE) {
                colour[w] = GREY;
                next[w] = r->first[w];
                stack[top++] = w;
            }
        }
    }
    free(next);
    free(stack);
    free(colour);
}

/* rank[v]: the longest path to v over the arrows that do not close a loop
 * (Kahn's algorithm: they form a DAG). */
static void longest_path_ranks(ranking *r)
{
    size_t n = r->n;
    int *indeg = pw_xcalloc(n + 1, sizeof *indeg);
    int *queue = pw_xcalloc(n + 1, sizeof *queue);
    r->rank = pw_xcalloc(n + 1, sizeof *r->rank);
    for (size_t a = 0; a < r->narrows; a++)
        indeg[r->arrows[a].to] += !r->back[a];
    size_t head = 0, tail = 0;
    for (size_t v = 0; v < n; v++)
        if (!indeg[v])
            queue[tail++] = (int)v;
    while (head < tail) {
        int v = queue[head++];
        for (int k = r->first[v]; k < r->first[v + 1]; k++) {
            int a = r->out[k], w = r->arrows[a].to;
            if (r->back[a])
                continue;
            if (r->rank[w] < r->rank[v] + 1)
                r->rank[w] = r->rank[v] + 1;
            if (--indeg[w] == 0)
                queue[tail++] = w;
        }
    }
    free(queue);
    free(indeg);
}

static int span(const ranking *r, const arrow *a)
{
    int d = r->rank[a->to] - r->rank[a->from];
    return d < 0 ? -d : d;
}

/* The rows dot adds for an arrow: twice its span, less one, as dot
 * doubles the rows when arrows are labelled. */
static size_t span_cost(int s)
{
    return s > 1 ? 2 * (size_t)s - 1 : 0;
}

/* depth[v]: the fewest arrows from the start to v (then from each node
 * the start does not reach, in order), and main_in[v] the arrow that
 * first reaches v in that breadth-first search: its main route, where
 * the node is drawn. */
static void first_routes(const ranking *r, int start, int *depth, int *main_in)
{
    int *queue = pw_xcalloc(r->n + 1, sizeof *queue);
    for (size_t v = 0; v < r->n; v++)
        depth[v] = main_in[v] = -1;
    for (size_t k = 0; k <= r->n; k++) {
        int root = k == 0 ? start : (int)k - 1;
        if (root < 0 || depth[root] >= 0)
            continue;
        size_t head = 0, tail = 0;
        depth[root] = 0;
        queue[tail++] = root;
        while (head < tail) {
            int v = queue[head++];
            for (int x = r->first[v]; x < r->first[v + 1]; x++) {
                int a = r->out[x], w = r->arrows[a].to;
                if (depth[w] >= 0)
                    continue;
                depth[w] = depth[v] + 1;
                main_in[w] = a;
                queue[tail++] = w;
            }
        }
    }
    free(queue);
}

/* The rows (arrows that close a loop, then longest paths) over the arrows
 * kept so far: a connector's arrow is left out, as its head is a new node
 * beside its tail. back[] and rank[] are then per arrow and node of r. */
static void rank_kept(ranking *r, const bool *conn, int start)
{
    free(r->first);
    free(r->out);
    free(r->back);
    free(r->rank);
    arrow *all = r->arrows;
    size_t nall = r->narrows, n = 0;
    arrow *kept = pw_xcalloc(nall + 1, sizeof *kept);
    for (size_t a = 0; a < nall; a++)
        if (!conn[a])
            kept[n++] = all[a];
    r->arrows = kept;
    r->narrows = n;
    index_arrows(r);
    mark_back_arrows(r, start);
    longest_path_ranks(r);
    bool *back = pw_xcalloc(nall + 1, sizeof *back);
    for (size_t a = 0, k = 0; a < nall; a++)
        if (!conn[a])
            back[a] = r->back[k++];
    free(r->back);
    r->back = back;
    free(kept);
    r->arrows = all;
    r->narrows = nall;
}

enum { MAX_ROUNDS = 32 };

/* The rule of layout_plan.h for max_span m, in rounds: with the rows of
 * the arrows kept so far, an arrow becomes a connector when it is not its
 * target's main arrow and spans more than m rows, or when it is what
 * pushes its target more than m rows below the main arrow's tail (the
 * target is then drawn where its main route ends). False when the rounds
 * have not settled after MAX_ROUNDS. */
static bool settle(ranking *r, const int *main_in, int m, int start, bool *conn)
{
    for (int round = 0; round < MAX_ROUNDS; round++) {
        rank_kept(r, conn, start);
        bool changed = false;
        for (size_t a = 0; a < r->narrows; a++) {
            const arrow *x = &r->arrows[a];
            int main = main_in[x->to];
            if (conn[a] || main == (int)a)
                continue;
            bool far = span(r, x) > m;
            bool pushes = main >= 0 && !r->back[a] &&
                          r->rank[x->to] > r->rank[r->arrows[main].from] + m &&
                          r->rank[x->from] + 1 == r->rank[x->to];
            if (far || pushes) {
                conn[a] = true;
                changed = true;
            }
        }
        if (!changed)
            return true;
    }
    return false;
}

void pw_layout_plan_make(const pw_graph *g, pw_layout_plan *p)
{
    memset(p, 0, sizeof *p);
    ranking r = {0};
    collect_arrows(g, &r, p);
    index_arrows(&r);
    int start = g->start >= 0 ? rank_node(g, g->start) : -1;
    int *depth = pw_xcalloc(r.n + 1, sizeof *depth);
    int *main_in = pw_xcalloc(r.n + 1, sizeof *main_in);
    first_routes(&r, start, depth, main_in);
    bool *conn = pw_xcalloc(r.narrows + 1, sizeof *conn);
    p->max_span = PW_PLAN_MAX_SPAN_READABLE;
    bool settled = settle(&r, main_in, p->max_span, start, conn);
    size_t cost = 0;
    for (size_t a = 0; settled && a < r.narrows; a++)
        if (!conn[a])
            cost += span_cost(span(&r, &r.arrows[a]));
    if (!settled || cost > PW_PLAN_MAX_VIRTUAL) {
        /* Only the arrows one row down the breadth-first rows stay
         * arrows: the rows are then exactly those depths, and no arrow
         * spans more than one. */
        p->max_span = 1;
        cost = 0;
        for (size_t a = 0; a < r.narrows; a++) {
            const arrow *x = &r.arrows[a];
            conn[a] = main_in[x->to] != (int)a && depth[x->to] != depth[x->from] + 1;
        }
    }
    p->virtual_nodes = cost;
    /* the last row: by the rows of the arrows kept, or the depths */
    const int *row = p->max_span > 1 ? r.rank : depth;
    p->deepest = -1;
    for (size_t v = 0; v < g->nnodes; v++)
        if (!g->nodes[v].duplicate && g->nodes[v].id &&
            (p->deepest < 0 || row[v] > row[p->deepest]))
            p->deepest = (int)v;
    for (size_t a = 0; a < r.narrows; a++) {
        p->connector[r.arrows[a].slot] = conn[a];
        p->nconnectors += conn[a];
    }
    free(conn);
    free(depth);
    free(main_in);
    free(r.arrows);
    free(r.first);
    free(r.out);
    free(r.back);
    free(r.rank);
}

void pw_layout_plan_free(pw_layout_plan *p)
{
    free(p->first);
    free(p->connector);
    memset(p, 0, sizeof *p);
}
