/* layout_metrics [--list] [-K ENGINE] [--unconnect [-o OUT.dot]] FILE.dot... — how
 * readable Graphviz's dot layout of each DOT file is, measured on the
 * positions dot computes (laid out in-process, as pathwayc lays out its
 * diagrams). Prints one line a file:
 *
 *   FILE nodes=N edges=M crossings=C edge_through_node=X edge_through_label=Y overlaps=Z
 *
 *   nodes, edges        the visible nodes (title and key text blocks too)
 *                       and edges (style=invis ones are not drawn)
 *   crossings           pairs of edges whose drawn curves cross (each
 *                       Bezier sampled as a polyline, arrowheads included);
 *                       where two edges share an end node (or lhead/ltail
 *                       cluster), meeting near it is not a crossing, and
 *                       edges between the same two nodes (a fan of answers
 *                       to one place) never cross: whether two strands of
 *                       a fan swap is nothing a reader sees
 *   edge_through_node   (edge, node) pairs: an edge's curve entering the
 *                       outline of a node other than its own two ends
 *   edge_through_label  (edge, edge label) pairs: an edge's curve entering
 *                       another edge's label
 *   overlaps            pairs of boxes that overlap: node and node, node and
 *                       label, label and label (edge labels, and the labels
 *                       of clusters: the stages' titles, the pathway's)
 *
 * A curve only "enters" a shape when it goes more than EPS points inside,
 * so that a curve ending on, or grazing, a boundary is not counted.
 * --list names each crossing, edge through a node or label, and overlap
 * after the file's line, indented, by the objects' id attributes
 * (positions in points, Graphviz's y axis pointing up).
 *
 * --unconnect first replaces each connector node (id "connector-...",
 * URL "#node-T", "#together-T" or "#other-pathway-T") by edges straight
 * to the real target, each a copy of the edge into the connector (for a
 * together, to the first node of cluster_together_T, with lhead); with
 * -o OUT.dot it then writes that graph (one input only) and lays nothing
 * out, for dot -Tsvg to draw. -K neato lays out with neato instead of dot
 * (nodes pinned with pos="X,Y!" give the measures a known geometry:
 * tests/layout checks them so). Exit 0, or 2 on a file that does not
 * read, lay out, or name a connector's target.
 *
 * Used by bench/run (make bench) and tests/layout. One gvc context for
 * the process, as compiler/emit/dot.c explains. */
#include <gvc.h>

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How far inside a shape a curve, or another box, must go to count. */
#define EPS 1.0
/* Near an end two edges share, meeting is not crossing: this far around
 * the shared node's or cluster's box (an arrowhead's length and more). */
#define MEET 8.0
/* Points sampled on each cubic Bezier piece. */
#define STEPS 12
#define PI 3.14159265358979323846

typedef struct {
    double x0, y0, x1, y1;
} rect;

typedef struct {
    pointf a, b;
    rect bb;
} segment;

/* A visible node: its outline (convex, absolute points) and its box. */
typedef struct {
    Agnode_t *n;
    const char *id;
    pointf *outline;
    int noutline;
    rect bb;
} shape;

/* A visible edge: its curve as segments, and what counts as its ends. */
typedef struct {
    Agedge_t *e;
    char *id; /* its id attribute, or TAIL->HEAD */
    segment *segs;
    int nsegs;
    rect bb;
    Agnode_t *end[2];    /* tail, head */
    Agraph_t *endcl[2];  /* ltail, lhead cluster, or NULL */
    int label;           /* its label in the labels array, or -1 */
} curve;

/* An edge's or a cluster's label. */
typedef struct {
    char *id;
    rect bb;
    int edge; /* the curve it belongs to, or -1 for a cluster's */
} label;

typedef struct {
    shape *shapes;
    int nshapes;
    curve *curves;
    int ncurves;
    label *labels;
    int nlabels;
    int crossings, through_node, through_label, overlaps;
    FILE *list; /* --list: what is counted, one a line; or NULL */
} layout;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "layout_metrics: out of memory\n");
        exit(2);
    }
    return q;
}

/* Room for one more element at *items[*n], growing by doubling. */
#define GROW(items, n) \
    ((n) & ((n) - 1) ? (void)0 \
                     : (void)((items) = xrealloc((items), sizeof *(items) * ((n) ? 2 * (n) : 1))))

static char *xprintf(const char *fmt, ...)
{
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = xrealloc(NULL, (size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, aq);
    va_end(aq);
    return s;
}

/* ---- geometry ----------------------------------------------------------- */

static rect box_around(const pointf *p, int n)
{
    rect b = {p[0].x, p[0].y, p[0].x, p[0].y};
    for (int i = 1; i < n; i++) {
        b.x0 = fmin(b.x0, p[i].x);
        b.y0 = fmin(b.y0, p[i].y);
        b.x1 = fmax(b.x1, p[i].x);
        b.y1 = fmax(b.y1, p[i].y);
    }
    return b;
}

/* Whether a and b overlap by more than margin in both directions (a
 * negative margin: whether they come within -margin of each other). */
static bool boxes_overlap(rect a, rect b, double margin)
{
    return fmin(a.x1, b.x1) - fmax(a.x0, b.x0) > margin &&
           fmin(a.y1, b.y1) - fmax(a.y0, b.y0) > margin;
}

static bool in_box(pointf p, rect b, double margin)
{
    return p.x >= b.x0 - margin && p.x <= b.x1 + margin && p.y >= b.y0 - margin &&
           p.y <= b.y1 + margin;
}

static double cross(pointf o, pointf a, pointf b)
{
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/* Whether segments ab and cd cross; *at is where. A point on the other
 * segment's line counts as on its left (as if moved a hair that way), so
 * two curves that cross exactly at points sampled on both are seen once,
 * and curves that only touch, or run along each other, never cross. */
static bool segments_cross(pointf a, pointf b, pointf c, pointf d, pointf *at)
{
    double d1 = cross(a, b, c), d2 = cross(a, b, d);
    double d3 = cross(c, d, a), d4 = cross(c, d, b);
    if ((d1 >= 0) == (d2 >= 0) || (d3 >= 0) == (d4 >= 0))
        return false;
    double t = d3 / (d3 - d4);
    at->x = a.x + t * (b.x - a.x);
    at->y = a.y + t * (b.y - a.y);
    return true;
}

/* Whether segment ab goes more than EPS inside the convex polygon p
 * (either orientation): the segment clipped to each edge's inner
 * half-plane, moved in by EPS (Cyrus-Beck), is not empty. */
static bool segment_enters(pointf a, pointf b, const pointf *p, int n)
{
    double area = 0;
    for (int i = 0; i < n; i++)
        area += cross((pointf){0, 0}, p[i], p[(i + 1) % n]);
    double sign = area < 0 ? -1 : 1, t0 = 0, t1 = 1;
    for (int i = 0; i < n; i++) {
        pointf q = p[i], r = p[(i + 1) % n];
        double len = hypot(r.x - q.x, r.y - q.y);
        if (len == 0)
            continue;
        double da = sign * cross(q, r, a) / len, db = sign * cross(q, r, b) / len;
        if (da == db) {
            if (da <= EPS)
                return false;
            continue;
        }
        double t = (EPS - da) / (db - da);
        if (db > da)
            t0 = fmax(t0, t);
        else
            t1 = fmin(t1, t);
        if (t0 >= t1)
            return false;
    }
    return true;
}

static int box_corners(rect b, pointf out[4])
{
    out[0] = (pointf){b.x0, b.y0};
    out[1] = (pointf){b.x1, b.y0};
    out[2] = (pointf){b.x1, b.y1};
    out[3] = (pointf){b.x0, b.y1};
    return 4;
}

/* Whether a (a segment's box: it may have no width or height) reaches
 * more than EPS inside b. */
static bool reaches_inside(rect a, rect b)
{
    return a.x1 > b.x0 + EPS && a.x0 < b.x1 - EPS && a.y1 > b.y0 + EPS && a.y0 < b.y1 - EPS;
}

/* Whether any segment of c enters the convex polygon p, whose box is bb. */
static bool curve_enters(const curve *c, const pointf *p, int n, rect bb)
{
    if (!reaches_inside(c->bb, bb))
        return false;
    for (int i = 0; i < c->nsegs; i++)
        if (reaches_inside(c->segs[i].bb, bb) &&
            segment_enters(c->segs[i].a, c->segs[i].b, p, n))
            return true;
    return false;
}

/* ---- what was laid out -------------------------------------------------- */

static const char *attr(void *obj, const char *name)
{
    const char *v = agget(obj, (char *)name);
    return v && *v ? v : NULL;
}

static bool invisible(void *obj)
{
    const char *style = attr(obj, "style");
    return style && strstr(style, "invis");
}

static const char *node_id(Agnode_t *n)
{
    const char *id = attr(n, "id");
    return id ? id : agnameof(n);
}

/* The node's outline in absolute points: its shape's outer periphery
 * scaled to the size dot gave it (as Graphviz's own poly_inside does), or
 * for an ellipse or a shape that is no polygon, an ellipse or its box. */
static int node_outline(Agnode_t *n, pointf **out)
{
    double w = ND_width(n) * 72, h = ND_height(n) * 72;
    pointf c = ND_coord(n);
    polygon_t *poly = ND_shape(n) && ND_shape(n)->polygon ? ND_shape_info(n) : NULL;
    int sides = poly ? poly->sides : 4;
    if (poly && sides >= 3) {
        int outer = poly->peripheries > 1 ? poly->peripheries - 1 : 0;
        const pointf *v = poly->vertices + outer * sides;
        rect vb = box_around(v, sides);
        bool flip = GD_flip(agroot(n));
        *out = xrealloc(NULL, sizeof **out * (size_t)sides);
        for (int i = 0; i < sides; i++) {
            double x = flip ? v[i].y : v[i].x, y = flip ? v[i].x : v[i].y;
            double vw = flip ? vb.y1 - vb.y0 : vb.x1 - vb.x0;
            double vh = flip ? vb.x1 - vb.x0 : vb.y1 - vb.y0;
            (*out)[i].x = c.x + (vw > 0 ? x * w / vw : 0);
            (*out)[i].y = c.y + (vh > 0 ? y * h / vh : 0);
        }
        return sides;
    }
    int k = poly ? 32 : 4; /* an ellipse, or a box */
    *out = xrealloc(NULL, sizeof **out * (size_t)k);
    if (!poly)
        return box_corners((rect){c.x - w / 2, c.y - h / 2, c.x + w / 2, c.y + h / 2}, *out);
    for (int i = 0; i < k; i++) {
        double t = 2 * PI * i / k;
        (*out)[i] = (pointf){c.x + w / 2 * cos(t), c.y + h / 2 * sin(t)};
    }
    return k;
}

static void add_shapes(layout *L, Agraph_t *g)
{
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        if (invisible(n))
            continue;
        GROW(L->shapes, L->nshapes);
        shape *s = &L->shapes[L->nshapes++];
        s->n = n;
        s->id = node_id(n);
        s->noutline = node_outline(n, &s->outline);
        double w = ND_width(n) * 72, h = ND_height(n) * 72;
        pointf c = ND_coord(n);
        s->bb = (rect){c.x - w / 2, c.y - h / 2, c.x + w / 2, c.y + h / 2};
    }
}

static void add_segment(curve *c, pointf a, pointf b)
{
    if (a.x == b.x && a.y == b.y)
        return;
    GROW(c->segs, c->nsegs);
    pointf ends[2] = {a, b};
    c->segs[c->nsegs++] = (segment){a, b, box_around(ends, 2)};
}

/* One Bezier of an edge as segments: the arrowheads' stems (sp, ep) and
 * each cubic piece sampled at STEPS points. */
static void add_bezier(curve *c, const bezier *bz)
{
    if (bz->sflag)
        add_segment(c, bz->sp, bz->list[0]);
    for (int i = 0; i + 3 < bz->size; i += 3) {
        const pointf *p = bz->list + i;
        pointf prev = p[0];
        for (int k = 1; k <= STEPS; k++) {
            double t = (double)k / STEPS, u = 1 - t;
            pointf q = {u * u * u * p[0].x + 3 * u * u * t * p[1].x + 3 * u * t * t * p[2].x +
                            t * t * t * p[3].x,
                        u * u * u * p[0].y + 3 * u * u * t * p[1].y + 3 * u * t * t * p[2].y +
                            t * t * t * p[3].y};
            add_segment(c, prev, q);
            prev = q;
        }
    }
    if (bz->eflag)
        add_segment(c, bz->list[bz->size - 1], bz->ep);
}

/* The cluster named by an edge's ltail or lhead, searched from g down. */
static Agraph_t *find_cluster(Agraph_t *g, const char *name)
{
    if (!name)
        return NULL;
    for (Agraph_t *s = agfstsubg(g); s; s = agnxtsubg(s)) {
        if (!strcmp(agnameof(s), name))
            return s;
        Agraph_t *found = find_cluster(s, name);
        if (found)
            return found;
    }
    return NULL;
}

static void add_label(layout *L, char *id, textlabel_t *lp, int edge)
{
    if (!lp || !lp->set || lp->dimen.x <= 0 || lp->dimen.y <= 0) {
        free(id);
        return;
    }
    GROW(L->labels, L->nlabels);
    double w = lp->dimen.x / 2, h = lp->dimen.y / 2;
    L->labels[L->nlabels++] =
        (label){id, {lp->pos.x - w, lp->pos.y - h, lp->pos.x + w, lp->pos.y + h}, edge};
}

static void add_curve(layout *L, Agraph_t *g, Agedge_t *e)
{
    GROW(L->curves, L->ncurves);
    curve *c = &L->curves[L->ncurves];
    *c = (curve){.e = e, .label = -1};
    for (int i = 0; i < ED_spl(e)->size; i++)
        add_bezier(c, &ED_spl(e)->list[i]);
    if (!c->nsegs) {
        free(c->segs);
        return; /* nothing drawn */
    }
    c->bb = c->segs[0].bb;
    for (int i = 1; i < c->nsegs; i++) {
        c->bb.x0 = fmin(c->bb.x0, c->segs[i].bb.x0);
        c->bb.y0 = fmin(c->bb.y0, c->segs[i].bb.y0);
        c->bb.x1 = fmax(c->bb.x1, c->segs[i].bb.x1);
        c->bb.y1 = fmax(c->bb.y1, c->segs[i].bb.y1);
    }
    c->end[0] = agtail(e);
    c->end[1] = aghead(e);
    c->endcl[0] = find_cluster(g, attr(e, "ltail"));
    c->endcl[1] = find_cluster(g, attr(e, "lhead"));
    const char *id = attr(e, "id");
    c->id = id ? xprintf("%s", id) : xprintf("%s->%s", node_id(agtail(e)), node_id(aghead(e)));
    int before = L->nlabels;
    add_label(L, xprintf("label:%s", c->id), ED_label(e), L->ncurves);
    if (L->nlabels > before)
        c->label = before;
    L->ncurves++;
}

static void add_curves(layout *L, Agraph_t *g)
{
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e))
            if (!invisible(e) && ED_spl(e) && ED_spl(e)->size > 0)
                add_curve(L, g, e);
}

/* The labels of g's clusters and of theirs, after layout. */
static void add_cluster_labels(layout *L, Agraph_t *g)
{
    for (int i = 1; i <= GD_n_cluster(g); i++) {
        Agraph_t *s = GD_clust(g)[i];
        const char *id = attr(s, "id");
        add_label(L, xprintf("label:%s", id ? id : agnameof(s)), GD_label(s), -1);
        add_cluster_labels(L, s);
    }
}

/* ---- counting ----------------------------------------------------------- */

/* The box of one end (the node, or its ltail/lhead cluster). */
static rect end_box(const curve *c, int k)
{
    if (c->endcl[k])
        return (rect){GD_bb(c->endcl[k]).LL.x, GD_bb(c->endcl[k]).LL.y,
                     GD_bb(c->endcl[k]).UR.x, GD_bb(c->endcl[k]).UR.y};
    Agnode_t *n = c->end[k];
    double w = ND_width(n) * 72, h = ND_height(n) * 72;
    return (rect){ND_coord(n).x - w / 2, ND_coord(n).y - h / 2, ND_coord(n).x + w / 2,
                 ND_coord(n).y + h / 2};
}

/* Whether p is where a and b meet at an end they share. */
static bool at_shared_end(const curve *a, const curve *b, pointf p)
{
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < 2; k++) {
            bool shared = a->end[i] == b->end[k] ||
                          (a->endcl[i] && a->endcl[i] == b->endcl[k]);
            if (shared && (in_box(p, end_box(a, i), MEET) || in_box(p, end_box(b, k), MEET)))
                return true;
        }
    return false;
}

/* Whether a and b join the same two nodes, either way round. */
static bool parallel(const curve *a, const curve *b)
{
    return (a->end[0] == b->end[0] && a->end[1] == b->end[1]) ||
           (a->end[0] == b->end[1] && a->end[1] == b->end[0]);
}

/* Whether a and b cross anywhere but where they meet; *at is where. */
static bool curves_cross(const curve *a, const curve *b, pointf *at)
{
    if (parallel(a, b) || !boxes_overlap(a->bb, b->bb, -EPS))
        return false;
    for (int i = 0; i < a->nsegs; i++) {
        if (!boxes_overlap(a->segs[i].bb, b->bb, -EPS))
            continue;
        for (int k = 0; k < b->nsegs; k++)
            if (boxes_overlap(a->segs[i].bb, b->segs[k].bb, -EPS) &&
                segments_cross(a->segs[i].a, a->segs[i].b, b->segs[k].a, b->segs[k].b, at) &&
                !at_shared_end(a, b, *at))
                return true;
    }
    return false;
}

static void count_crossings(layout *L)
{
    for (int i = 0; i < L->ncurves; i++)
        for (int k = i + 1; k < L->ncurves; k++) {
            pointf at;
            if (!curves_cross(&L->curves[i], &L->curves[k], &at))
                continue;
            L->crossings++;
            if (L->list)
                fprintf(L->list, "  crossing %s %s at %.0f,%.0f\n", L->curves[i].id,
                        L->curves[k].id, at.x, at.y);
        }
}

static void count_through(layout *L)
{
    for (int i = 0; i < L->ncurves; i++) {
        const curve *c = &L->curves[i];
        for (int k = 0; k < L->nshapes; k++) {
            const shape *s = &L->shapes[k];
            if (s->n == c->end[0] || s->n == c->end[1] ||
                !curve_enters(c, s->outline, s->noutline, s->bb))
                continue;
            L->through_node++;
            if (L->list)
                fprintf(L->list, "  edge-through-node %s %s\n", c->id, s->id);
        }
        for (int k = 0; k < L->nlabels; k++) {
            const label *l = &L->labels[k];
            pointf corners[4];
            if (l->edge < 0 || l->edge == i ||
                !curve_enters(c, corners, box_corners(l->bb, corners), l->bb))
                continue;
            L->through_label++;
            if (L->list)
                fprintf(L->list, "  edge-through-label %s %s\n", c->id, l->id);
        }
    }
}

static void overlap(layout *L, rect a, const char *ida, rect b, const char *idb)
{
    if (!boxes_overlap(a, b, EPS))
        return;
    L->overlaps++;
    if (L->list)
        fprintf(L->list, "  overlap %s %s\n", ida, idb);
}

static void count_overlaps(layout *L)
{
    for (int i = 0; i < L->nshapes; i++) {
        for (int k = i + 1; k < L->nshapes; k++)
            overlap(L, L->shapes[i].bb, L->shapes[i].id, L->shapes[k].bb, L->shapes[k].id);
        for (int k = 0; k < L->nlabels; k++)
            overlap(L, L->shapes[i].bb, L->shapes[i].id, L->labels[k].bb, L->labels[k].id);
    }
    for (int i = 0; i < L->nlabels; i++)
        for (int k = i + 1; k < L->nlabels; k++)
            overlap(L, L->labels[i].bb, L->labels[i].id, L->labels[k].bb, L->labels[k].id);
}

static void free_layout(layout *L)
{
    for (int i = 0; i < L->nshapes; i++)
        free(L->shapes[i].outline);
    for (int i = 0; i < L->ncurves; i++) {
        free(L->curves[i].segs);
        free(L->curves[i].id);
    }
    for (int i = 0; i < L->nlabels; i++)
        free(L->labels[i].id);
    free(L->shapes);
    free(L->curves);
    free(L->labels);
}

/* Counts and prints the measures of g, laid out. */
static void measure(const char *file, Agraph_t *g, bool list)
{
    layout L = {0};
    char *text = NULL;
    size_t len = 0;
    if (list)
        L.list = open_memstream(&text, &len);
    add_shapes(&L, g);
    add_curves(&L, g);
    add_cluster_labels(&L, g);
    count_crossings(&L);
    count_through(&L);
    count_overlaps(&L);
    printf("%s nodes=%d edges=%d crossings=%d edge_through_node=%d edge_through_label=%d "
           "overlaps=%d\n",
           file, L.nshapes, L.ncurves, L.crossings, L.through_node, L.through_label,
           L.overlaps);
    if (L.list) {
        fclose(L.list);
        fputs(text, stdout);
        free(text);
    }
    free_layout(&L);
}

/* ---- --unconnect -------------------------------------------------------- */

/* The node whose id attribute is id, or NULL. */
static Agnode_t *node_by_id(Agraph_t *g, const char *id)
{
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        const char *v = attr(n, "id");
        if (v && !strcmp(v, id))
            return n;
    }
    return NULL;
}

/* The real target of connector c: a node, and for a together the name of
 * its cluster (*cluster, to free), whose first node the edges go to. */
static Agnode_t *connector_target(Agraph_t *g, Agnode_t *c, char **cluster)
{
    const char *url = attr(c, "URL");
    *cluster = NULL;
    if (!url || url[0] != '#')
        return NULL;
    if (!strncmp(url, "#together-", 10)) {
        *cluster = xprintf("cluster_together_%s", url + 10);
        Agraph_t *s = find_cluster(g, *cluster);
        return s ? agfstnode(s) : NULL;
    }
    return node_by_id(g, url + 1); /* #node-T, #other-pathway-T */
}

/* Replaces connector c by edges to its target; false if it has none. */
static bool unconnect_one(Agraph_t *g, Agnode_t *c)
{
    char *cluster;
    Agnode_t *target = connector_target(g, c, &cluster);
    if (!target) {
        fprintf(stderr, "layout_metrics: connector %s: no target for URL '%s'\n", node_id(c),
                attr(c, "URL") ? attr(c, "URL") : "");
        free(cluster);
        return false;
    }
    for (Agedge_t *e = agfstin(g, c); e; e = agnxtin(g, e)) {
        Agedge_t *d = agedge(g, agtail(e), target, NULL, 1);
        if (agcopyattr(AGMKOUT(e), d) != 0) { /* an in-edge is not of d's kind */
            fprintf(stderr, "layout_metrics: could not copy the attributes of %s\n",
                    attr(e, "id") ? attr(e, "id") : node_id(agtail(e)));
            free(cluster);
            return false;
        }
        if (cluster)
            agsafeset(d, "lhead", cluster, "");
    }
    free(cluster);
    agdelnode(g, c);
    return true;
}

static bool unconnect(Agraph_t *g)
{
    Agnode_t *next;
    for (Agnode_t *n = agfstnode(g); n; n = next) {
        next = agnxtnode(g, n);
        const char *id = attr(n, "id");
        if (id && !strncmp(id, "connector-", 10) && !unconnect_one(g, n))
            return false;
    }
    return true;
}

/* ---- main --------------------------------------------------------------- */

static Agraph_t *read_graph(const char *file)
{
    FILE *fp = fopen(file, "r");
    if (!fp) {
        perror(file);
        return NULL;
    }
    Agraph_t *g = agread(fp, NULL);
    fclose(fp);
    if (!g)
        fprintf(stderr, "layout_metrics: %s: not a graph\n", file);
    return g;
}

static bool write_graph(Agraph_t *g, const char *out)
{
    FILE *fp = fopen(out, "w");
    if (!fp) {
        perror(out);
        return false;
    }
    bool ok = agwrite(g, fp) == 0;
    ok = fclose(fp) == 0 && ok;
    if (!ok)
        fprintf(stderr, "layout_metrics: could not write %s\n", out);
    return ok;
}

typedef struct {
    bool list, unconnect;
    const char *out;    /* -o */
    const char *engine; /* -K */
} options;

static bool one_file(GVC_t *gvc, const char *file, const options *o)
{
    agreseterrors();
    Agraph_t *g = read_graph(file);
    if (!g)
        return false;
    bool ok = !o->unconnect || unconnect(g);
    if (ok && o->out)
        ok = write_graph(g, o->out);
    else if (ok) {
        ok = gvLayout(gvc, g, (char *)o->engine) == 0 && agerrors() == 0;
        if (ok)
            measure(file, g, o->list);
        else
            fprintf(stderr, "layout_metrics: %s: %s could not lay it out\n", file, o->engine);
        gvFreeLayout(gvc, g);
    }
    agclose(g);
    return ok;
}

static int usage(void)
{
    fprintf(stderr, "usage: layout_metrics [--list] [-K ENGINE] [--unconnect [-o OUT.dot]] "
                    "FILE.dot...\n");
    return 2;
}

int main(int argc, char **argv)
{
    options o = {.engine = "dot"};
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--list"))
            o.list = true;
        else if (!strcmp(argv[i], "--unconnect"))
            o.unconnect = true;
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            o.out = argv[++i];
        else if (!strcmp(argv[i], "-K") && i + 1 < argc)
            o.engine = argv[++i];
        else
            return usage();
    }
    if (i == argc || (o.out && (argc - i != 1 || !o.unconnect)))
        return usage();
    GVC_t *gvc = gvContext();
    bool ok = gvc != NULL;
    for (; ok && i < argc; i++)
        ok = one_file(gvc, argv[i], &o);
    if (gvc)
        gvFreeContext(gvc);
    return ok ? 0 : 2;
}
