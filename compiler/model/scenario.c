#include "model/scenario.h"

#include "support/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pw_result_free(pw_result *r)
{
    free(r->message);
    free(r->path);
    memset(r, 0, sizeof *r);
}

static void fail(pw_result *r, pw_loc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(pw_result *r, pw_loc at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    r->message = pw_xcalloc((size_t)(n > 0 ? n : 0) + 1, 1);
    va_start(ap, fmt);
    vsnprintf(r->message, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    r->passed = false;
    r->at = at;
}

static void push(pw_result *r, int v, size_t *cap)
{
    if (r->npath == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        r->path = pw_xrealloc(r->path, *cap, sizeof *r->path);
    }
    r->path[r->npath++] = v;
}

char *pw_path_text(const pw_graph *g, const int *path, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(g->nodes[path[i]].id) + 4;
    char *s = pw_xcalloc(len, 1);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(s, " -> ");
        strcat(s, g->nodes[path[i]].id);
    }
    return s;
}

/* ---- scenarios -------------------------------------------------------------- */

/* The answer of question q a scenario answer picks: its named answer, or
 * the band that holds its score; -1 when no band does. */
static int pick(const pw_gnode *q, const pw_gscenario_answer *a)
{
    if (!a->is_score)
        return a->answer;
    for (size_t i = 0; i < q->nanswers; i++)
        if (q->answers[i].banded && q->answers[i].lo <= a->score &&
            a->score <= q->answers[i].hi)
            return (int)i;
    return -1;
}

static void mark(pw_coverage *cov, int v)
{
    if (cov)
        cov->visited_node[v] = true;
}

/* Walks scenario s; returns the outcome it stopped at, or PW_NO_NODE after
 * recording the failure in r. *used: how many answers it took. */
static int walk(const pw_graph *g, const pw_gscenario *s, pw_result *r,
                pw_coverage *cov, size_t *used)
{
    size_t cap = 0, k = 0;
    /* A walk that passes more nodes than this goes round without end. */
    size_t limit = g->nnodes * (s->nanswers + 1) + 1;
    int v = s->from;
    if (v == PW_NO_NODE) {
        fail(r, s->loc, "the walk has no node to start from");
        return PW_NO_NODE;
    }
    while (v != PW_NO_NODE) {
        push(r, v, &cap);
        mark(cov, v);
        const pw_gnode *n = &g->nodes[v];
        /* a together's steps are done there, and pass with it */
        for (size_t i = 0; i < n->ninner; i++) {
            push(r, n->inner[i], &cap);
            mark(cov, n->inner[i]);
        }
        if (pw_graph_ends(g, v))
            break;
        if (r->npath > limit) {
            fail(r, s->loc, "the walk goes round without reaching an outcome");
            return PW_NO_NODE;
        }
        if (n->kind != PW_QUESTION) { /* a step, a together, an outcome that goes on */
            v = n->next;
            continue;
        }
        if (k == s->nanswers) {
            fail(r, s->loc, "the walk ran out of answers at question '%s'", n->id);
            return PW_NO_NODE;
        }
        const pw_gscenario_answer *a = &s->answers[k];
        if (a->question != v) {
            fail(r, a->loc, "the next answer is for question '%s', but the walk "
                 "met question '%s'", g->nodes[a->question].id, n->id);
            return PW_NO_NODE;
        }
        int e = pick(n, a);
        if (e < 0) {
            fail(r, a->loc, "no band of question '%s' holds the score %d", n->id,
                 a->score);
            return PW_NO_NODE;
        }
        if (cov)
            cov->visited_answer[v][e] = true;
        k++;
        v = n->answers[e].target;
    }
    *used = k;
    return v;
}

void pw_scenario_run(const pw_graph *g, size_t i, pw_result *r)
{
    const pw_gscenario *s = &g->scenarios[i];
    memset(r, 0, sizeof *r);
    r->passed = true;
    size_t used = 0;
    int end = walk(g, s, r, NULL, &used);
    if (end == PW_NO_NODE)
        return;
    if (s->expect != PW_NO_NODE && end != s->expect) {
        bool passed = false;
        for (size_t p = 0; p < r->npath && !passed; p++)
            passed = r->path[p] == s->expect;
        if (passed) /* an emergency outcome that goes on */
            fail(r, s->loc, "the walk passed outcome '%s' and went on to end at '%s': "
                 "'expect' names where a walk ends ('through %s' says it passed it)",
                 g->nodes[s->expect].id, g->nodes[end].id, g->nodes[s->expect].id);
        else
            fail(r, s->loc, "the walk ended at outcome '%s', not '%s'",
                 g->nodes[end].id, g->nodes[s->expect].id);
        return;
    }
    if (used < s->nanswers) {
        const pw_gscenario_answer *a = &s->answers[used];
        fail(r, a->loc, "the walk ended at outcome '%s' before this answer (for "
             "question '%s') was used", g->nodes[end].id, g->nodes[a->question].id);
        return;
    }
    for (size_t t = 0; t < s->nthrough; t++) {
        bool seen = false;
        for (size_t p = 0; p < r->npath && !seen; p++)
            seen = r->path[p] == s->through[t];
        if (!seen) {
            fail(r, s->loc, "the walk did not pass '%s'", g->nodes[s->through[t]].id);
            return;
        }
    }
}

/* ---- assertions -------------------------------------------------------------- */

/* The path from the start to v from breadth-first parents, into r. */
static void path_to(pw_result *r, const int *parent, int v)
{
    size_t n = 0;
    for (int w = v; w != PW_NO_NODE; w = parent[w])
        n++;
    r->path = pw_xrealloc(r->path, n ? n : 1, sizeof *r->path);
    r->npath = n;
    for (int w = v; w != PW_NO_NODE; w = parent[w])
        r->path[--n] = w;
}

/* Breadth first from the start without entering `avoid`: parent[] for each
 * node reached (the start's is PW_NO_NODE), reached[] marks, and the order
 * reached (shortest paths first). Returns how many were reached. */
static size_t reach_avoiding(const pw_graph *g, const pw_adjacency *adj, int avoid,
                             int *parent, bool *reached, int *order)
{
    size_t head = 0, tail = 0;
    if (g->start == PW_NO_NODE || g->start == avoid)
        return 0;
    reached[g->start] = true;
    parent[g->start] = PW_NO_NODE;
    order[tail++] = g->start;
    while (head < tail) {
        int v = order[head++];
        for (int k = adj->first[v]; k < adj->first[v + 1]; k++) {
            int w = adj->succ[k];
            if (w == avoid || reached[w])
                continue;
            reached[w] = true;
            parent[w] = v;
            order[tail++] = w;
        }
    }
    return tail;
}

/* "every path to O passes N" and "no path reaches O before N" are one
 * question: can a walk reach O without passing N? A breadth-first search
 * from the start that never enters N answers it, and its parents give the
 * shortest counter-example. */
static void decide_passes(const pw_graph *g, const pw_gassert *a, const pw_adjacency *adj,
                          int *parent, bool *reached, int *order, pw_result *r)
{
    /* a walk does a together's steps at the together, in any order: it is
     * there before any of them is done */
    int at = pw_graph_place(g, a->a), by = pw_graph_place(g, a->b);
    if (a->a == a->b || (at == by && a->b == at))
        return;
    if (at == by) {
        reach_avoiding(g, adj, PW_NO_NODE, parent, reached, order);
        if (reached[at])
            path_to(r, parent, at);
        if (a->a == at)
            fail(r, a->loc, "a walk reaches together '%s' before its step '%s' is "
                 "done: the steps are done at the together", g->nodes[at].id,
                 g->nodes[a->b].id);
        else
            fail(r, a->loc, "'%s' and '%s' are done at together '%s', in any order: "
                 "a walk can do '%s' first", g->nodes[a->a].id, g->nodes[a->b].id,
                 g->nodes[at].id, g->nodes[a->a].id);
        return;
    }
    reach_avoiding(g, adj, by, parent, reached, order);
    if (!reached[at])
        return;
    path_to(r, parent, at);
    if (a->kind == PW_ASSERT_EVERY_PATH_PASSES)
        fail(r, a->loc, "a walk reaches '%s' without passing '%s'", g->nodes[a->a].id,
             g->nodes[a->b].id);
    else
        fail(r, a->loc, "a walk reaches '%s' before passing '%s'", g->nodes[a->a].id,
             g->nodes[a->b].id);
}

/* The example for a loop among the reached nodes that never came free in
 * the topological order (indeg > 0): the shortest walk from the start to
 * a node on the loop, then once round it. Going back over predecessors
 * that never came free reaches a node on the loop; a breadth-first search
 * from it over nodes that never came free finds the way back to it. */
static void loop_example(const pw_graph *g, const pw_adjacency *adj, const int *parent,
                         const bool *reached, const int *indeg, const int *order,
                         size_t n, pw_result *r)
{
    size_t nn = g->nnodes;
    int v = PW_NO_NODE;
    for (size_t i = 0; i < n && v == PW_NO_NODE; i++)
        if (indeg[order[i]] > 0)
            v = order[i];
    unsigned char *seen = pw_xcalloc(nn + 1, 1);
    while (!seen[v]) { /* back over stuck predecessors until one repeats */
        seen[v] = 1;
        int p = PW_NO_NODE;
        for (int k = adj->pfirst[v]; k < adj->pfirst[v + 1] && p < 0; k++)
            if (reached[adj->pred[k]] && indeg[adj->pred[k]] > 0)
                p = adj->pred[k];
        v = p;
    }
    int *from = pw_xcalloc(nn + 1, sizeof *from), *queue = pw_xcalloc(nn + 1, sizeof *queue);
    memset(seen, 0, nn + 1);
    size_t head = 0, tail = 0;
    int last = PW_NO_NODE;
    queue[tail++] = v;
    seen[v] = 1;
    while (head < tail && last == PW_NO_NODE) {
        int x = queue[head++];
        for (int k = adj->first[x]; k < adj->first[x + 1]; k++) {
            int y = adj->succ[k];
            if (y == v) {
                last = x;
                break;
            }
            if (reached[y] && indeg[y] > 0 && !seen[y]) {
                seen[y] = 1;
                from[y] = x;
                queue[tail++] = y;
            }
        }
    }
    /* the loop in order, from v: v, ..., last */
    size_t k = 1;
    for (int x = last; x != v && x != PW_NO_NODE; x = from[x])
        k++;
    int *loop = pw_xcalloc(k + 1, sizeof *loop);
    loop[0] = v;
    size_t at = k;
    for (int x = last; x != v && x != PW_NO_NODE; x = from[x])
        loop[--at] = x;
    /* the shortest walk to v, cut where it first meets the loop; then once
     * round the loop from there, back to that node */
    memset(seen, 0, nn + 1);
    for (size_t i = 0; i < k; i++)
        seen[loop[i]] = (unsigned char)1;
    path_to(r, parent, v);
    size_t j = 0;
    while (!seen[r->path[j]])
        j++;
    size_t q = 0;
    while (loop[q] != r->path[j])
        q++;
    r->npath = j + 1;
    r->path = pw_xrealloc(r->path, r->npath + k, sizeof *r->path);
    for (size_t i = 1; i <= k; i++)
        r->path[r->npath++] = loop[(q + i) % k];
    free(loop);
    free(from);
    free(queue);
    free(seen);
}

/* "N within K steps of start": every walk meets N within its first K
 * moves. Among the nodes a walk can reach without meeting N (found breadth
 * first), it fails when one is an outcome (the walk ends without N), when
 * they hold a cycle (a walk can go round for ever), or when the longest
 * path through them, found over a topological order (Kahn), has K moves. */
static void decide_within(const pw_graph *g, const pw_gassert *a, const pw_adjacency *adj,
                          int *parent, bool *reached, int *order, pw_result *r)
{
    size_t n = reach_avoiding(g, adj, pw_graph_place(g, a->a), parent, reached, order);
    for (size_t i = 0; i < n; i++)
        if (pw_graph_ends(g, order[i])) {
            path_to(r, parent, order[i]);
            fail(r, a->loc, "a walk ends at '%s' without meeting '%s'",
                 g->nodes[order[i]].id, g->nodes[a->a].id);
            return;
        }
    size_t nn = g->nnodes;
    int *indeg = pw_xcalloc(nn + 1, sizeof *indeg), *len = pw_xcalloc(nn + 1, sizeof *len);
    int *lparent = pw_xcalloc(nn + 1, sizeof *lparent), *queue = pw_xcalloc(nn + 1, sizeof *queue);
    for (size_t i = 0; i < n; i++)
        for (int k = adj->first[order[i]]; k < adj->first[order[i] + 1]; k++)
            if (reached[adj->succ[k]])
                indeg[adj->succ[k]]++;
    /* Every reached node but the start has its breadth-first parent among
     * the reached, so only the start can begin the order, and only when
     * nothing leads back to it. */
    size_t head = 0, tail = 0;
    if (n && indeg[order[0]] == 0) {
        queue[tail++] = order[0];
        lparent[order[0]] = PW_NO_NODE;
    }
    int far = n ? order[0] : PW_NO_NODE;
    while (head < tail) {
        int v = queue[head++];
        if (len[v] > len[far])
            far = v;
        for (int k = adj->first[v]; k < adj->first[v + 1]; k++) {
            int w = adj->succ[k];
            if (!reached[w])
                continue;
            if (len[v] + 1 > len[w]) {
                len[w] = len[v] + 1;
                lparent[w] = v;
            }
            if (--indeg[w] == 0)
                queue[tail++] = w;
        }
    }
    if (tail < n) {
        /* some reached node never came free: a loop among them */
        loop_example(g, adj, parent, reached, indeg, order, n, r);
        fail(r, a->loc, "a walk can go round a loop without meeting '%s'",
             g->nodes[a->a].id);
    } else if (n && len[far] >= a->steps) {
        path_to(r, lparent, far);
        r->npath = (size_t)a->steps + 1; /* the first K moves */
        if (a->steps == 0)
            fail(r, a->loc, "a walk does not start at '%s'", g->nodes[a->a].id);
        else
            fail(r, a->loc, "a walk makes %d move%s without meeting '%s'", a->steps,
                 a->steps == 1 ? "" : "s", g->nodes[a->a].id);
    }
    free(indeg);
    free(len);
    free(lparent);
    free(queue);
}

void pw_assert_check(const pw_graph *g, size_t i, pw_result *r)
{
    const pw_gassert *a = &g->asserts[i];
    memset(r, 0, sizeof *r);
    r->passed = true;
    pw_adjacency adj;
    pw_adjacency_build(g, &adj);
    size_t n = g->nnodes + 1;
    int *parent = pw_xcalloc(n, sizeof *parent), *order = pw_xcalloc(n, sizeof *order);
    bool *reached = pw_xcalloc(n, sizeof *reached);
    if (a->kind == PW_ASSERT_WITHIN)
        decide_within(g, a, &adj, parent, reached, order, r);
    else
        decide_passes(g, a, &adj, parent, reached, order, r);
    free(parent);
    free(order);
    free(reached);
    pw_adjacency_free(&adj);
}

char *pw_assert_text(const pw_graph *g, size_t i)
{
    const pw_gassert *a = &g->asserts[i];
    const char *x = g->nodes[a->a].id;
    char buf[512];
    if (a->kind == PW_ASSERT_EVERY_PATH_PASSES)
        snprintf(buf, sizeof buf, "assert every path to %s passes %s", x,
                 g->nodes[a->b].id);
    else if (a->kind == PW_ASSERT_NO_PATH_BEFORE)
        snprintf(buf, sizeof buf, "assert no path reaches %s before %s", x,
                 g->nodes[a->b].id);
    else
        snprintf(buf, sizeof buf, "assert %s within %d step%s of start", x, a->steps,
                 a->steps == 1 ? "" : "s");
    return pw_xstrdup(buf);
}

/* ---- coverage ------------------------------------------------------------------ */

void pw_coverage_init(pw_coverage *c, const pw_graph *g)
{
    c->nnodes = g->nnodes;
    c->visited_node = pw_xcalloc(g->nnodes + 1, sizeof *c->visited_node);
    c->visited_answer = pw_xcalloc(g->nnodes + 1, sizeof *c->visited_answer);
    for (size_t i = 0; i < g->nnodes; i++)
        c->visited_answer[i] = pw_xcalloc(g->nodes[i].nanswers + 1, sizeof(bool));
}

void pw_coverage_add(pw_coverage *c, const pw_graph *g, size_t i)
{
    pw_result r = {0};
    size_t used;
    walk(g, &g->scenarios[i], &r, c, &used);
    pw_result_free(&r);
}

void pw_coverage_free(pw_coverage *c)
{
    for (size_t i = 0; i < c->nnodes; i++)
        free(c->visited_answer[i]);
    free(c->visited_answer);
    free(c->visited_node);
}
