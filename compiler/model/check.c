#include "model/check.h"

#include "support/arena.h"
#include "support/names.h"
#include "support/suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct ctx {
    const pw_graph *g;
    pw_diag *d;
    const pw_check_options *o;
    pw_adjacency adj;
    bool *broken; /* already reported as malformed: no follow-on errors */
} ctx;

static pw_diagnostic *error_at(ctx *c, const char *code, pw_loc at, const char *fmt,
                               const char *a, const char *b)
{
    return pw_diag_error(c->d, code, at.src, at.span, fmt, a, b);
}

/* ---- one node at a time ---------------------------------------------------- */

/* A step (but one inside a together, which has no `next`) and a
 * together go on to their `next`. */
static void check_step(ctx *c, const pw_gnode *v)
{
    if (v->parent != PW_NO_NODE)
        return;
    if (v->next_loc.src) {
        c->broken[v->index] = v->next == PW_NO_NODE; /* reported by resolve */
        return;
    }
    pw_diagnostic *g = error_at(c, "E0301", v->loc, "%s '%s' has no 'next'",
                                pw_node_kind_name(v->kind), v->id);
    if (v->kind == PW_TOGETHER)
        pw_diag_help(g, "add 'next NODE' after its steps, to say where the walk "
                        "goes once they are all done");
    else
        pw_diag_help(g, "add 'next NODE' to say where the walk goes after this "
                        "step, or make it an outcome if the walk ends here");
    c->broken[v->index] = true;
}

static void check_outcome(ctx *c, const pw_gnode *v)
{
    /* `next` on another kind of outcome is the parser's (E0116) */
    if (v->outcome != PW_OUTCOME_NONE)
        return;
    pw_diagnostic *g = error_at(c, "E0309", v->loc, "outcome '%s' has no 'kind'%s",
                                v->id, "");
    pw_diag_help(g, "add 'kind' with one of emergency, referral, advice, monitor "
                    "and no-further-action");
}

/* The same text twice among a question's criteria: a saved walk or a
 * checklist tells them apart only by place, and a reader cannot. */
static void warn_duplicate_criteria(ctx *c, const pw_gnode *v)
{
    pw_names *seen = v->ncriteria > 8 ? pw_names_new(v->ncriteria) : NULL;
    for (size_t i = 0; i < v->ncriteria; i++) {
        size_t first = i;
        if (seen) {
            const char **at = pw_names_add(seen, v->criteria[i], (void *)&v->criteria_ids[i]);
            if (at)
                first = (size_t)(at - v->criteria_ids);
        } else {
            for (size_t j = 0; j < i && first == i; j++)
                if (strcmp(v->criteria[j], v->criteria[i]) == 0)
                    first = j;
        }
        if (first == i)
            continue;
        pw_diagnostic *d = pw_diag_warning(c->d, "W0011", "duplicate-criterion",
                                           v->criteria_loc[i].src,
                                           v->criteria_loc[i].span,
                                           "question '%s' lists the criterion \"%s\" "
                                           "twice", v->id, v->criteria[i]);
        pw_diag_note(d, v->criteria_loc[first].src, v->criteria_loc[first].span,
                     "first listed here");
        pw_diag_help(d, "remove one, or say what tells the two apart");
    }
    pw_names_free(seen);
}

/* A link of node `from` that leads to a step inside a together: the
 * walk goes to the together, and does its steps there. (The pathway's
 * `start` and a scenario's `from` are construct's.) */
static void inner_target(ctx *c, int from, int to, pw_loc at, const char *what)
{
    if (to == PW_NO_NODE || c->g->nodes[to].parent == PW_NO_NODE ||
        c->g->nodes[to].named_twice) /* which one is meant is not known */
        return;
    c->broken[from] = true; /* where it leads is not known */
    const pw_gnode *v = &c->g->nodes[to], *t = &c->g->nodes[v->parent];
    pw_diagnostic *d = pw_diag_error(c->d, "E0317", at.src, at.span,
                                     "%s leads to '%s', a step inside together '%s'",
                                     what, v->id, t->id);
    pw_diag_note(d, t->loc.src, t->loc.span, "'%s' is declared here", t->id);
    pw_diag_help(d, "lead to the together, '%s': the walk does its steps there, "
                    "in any order", t->id);
}

/* `also` k of node i names i itself, or the together i is part of: work
 * alongside is other work (reported; true then). */
static bool also_self(ctx *c, size_t i, size_t k)
{
    const pw_gnode *v = &c->g->nodes[i];
    const pw_galso *a = &v->also[k];
    bool self = a->node == (int)i;
    if (!self && (a->node == PW_NO_NODE || a->node != v->parent))
        return false;
    const pw_gnode *t = &c->g->nodes[a->node];
    pw_diagnostic *d =
        self ? pw_diag_error(c->d, "E0318", a->loc.src, a->loc.span,
                             "'also' of %s '%s' names '%s' itself", pw_node_kind_name(v->kind),
                             v->id, v->id)
             : pw_diag_error(c->d, "E0318", a->loc.src, a->loc.span,
                             "'also' of step '%s' names '%s', the together it is part of",
                             v->id, t->id);
    if (!self)
        pw_diag_note(d, t->loc.src, t->loc.span, "'%s' is declared here", t->id);
    pw_diag_help(d, "'also' names other work that runs alongside this; name that work, "
                    "or remove the 'also'");
    return true;
}

static void check_links(ctx *c)
{
    const pw_graph *g = c->g;
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *v = &g->nodes[i];
        char what[160];
        snprintf(what, sizeof what, "'next' of %s '%s'", pw_node_kind_name(v->kind), v->id);
        inner_target(c, (int)i, v->next, v->next_loc, what);
        for (size_t k = 0; k < v->nanswers; k++) {
            if (v->answers[k].banded)
                snprintf(what, sizeof what, "a band of question '%s'", v->id);
            else
                snprintf(what, sizeof what, "answer '%s' of question '%s'",
                         v->answers[k].id, v->id);
            inner_target(c, (int)i, v->answers[k].target, v->answers[k].loc, what);
        }
        for (size_t k = 0; k < v->nalso; k++) {
            snprintf(what, sizeof what, "'also' of %s '%s'", pw_node_kind_name(v->kind),
                     v->id);
            if (!also_self(c, i, k)) /* a step inside a together, naming itself */
                inner_target(c, (int)i, v->also[k].node, v->also[k].loc, what);
        }
    }
}

/* The earlier answer of v with the id of answer i, or NULL. Questions
 * with many answers use a table, so a wide question stays linear. */
static const pw_edge *same_id(const pw_gnode *v, size_t i, pw_names *seen)
{
    const pw_edge *e = &v->answers[i];
    if (seen)
        return pw_names_add(seen, e->id, (void *)e);
    for (size_t j = 0; j < i; j++)
        if (!v->answers[j].banded && strcmp(v->answers[j].id, e->id) == 0)
            return &v->answers[j];
    return NULL;
}

/* Whether id is yes or no in any capitals: "Yes", "NO". */
static bool yes_or_no(const char *id)
{
    return strcasecmp(id, "yes") == 0 || strcasecmp(id, "no") == 0;
}

/* "yes -> call_999": answer e written in lower case, with its target. */
static void lower_answer(const pw_graph *g, const pw_edge *e, char *buf, size_t size)
{
    const char *id = strcasecmp(e->id, "yes") == 0 ? "yes" : "no";
    if (g && e->target != PW_NO_NODE)
        snprintf(buf, size, "%s -> %s", id, g->nodes[e->target].id);
    else
        snprintf(buf, size, "%s", id);
}

/* yes and no written with capitals ("Yes -> call_999"): a scenario, a
 * saved walk and the runtime answer them as yes and no. One error for the
 * question, at the first, however many there are. */
static bool check_answer_case(ctx *c, const pw_gnode *v)
{
    pw_diagnostic *g = NULL;
    char fix[300] = "", one[160];
    size_t len = 0, n = 0;
    bool yes = false;
    for (size_t i = 0; i < v->nanswers; i++) {
        const pw_edge *e = &v->answers[i];
        if (e->banded || !yes_or_no(e->id) || !strcmp(e->id, "yes") || !strcmp(e->id, "no"))
            continue;
        lower_answer(c->g, e, one, sizeof one);
        n++;
        yes = strcasecmp(e->id, "yes") == 0;
        size_t caps = 0;
        for (const char *x = e->id; *x; x++)
            caps += *x >= 'A' && *x <= 'Z';
        if (!g)
            g = pw_diag_error(c->d, "E0319", e->loc.src, e->loc.span,
                              "answer '%s' of question '%s' is written with %s", e->id,
                              v->id, caps > 1 ? "capitals" : "a capital");
        else
            pw_diag_note(g, e->loc.src, e->loc.span, "and '%s' here", e->id);
        if (len < sizeof fix)
            len += (size_t)snprintf(fix + len, sizeof fix - len, "%s%s", len ? ", " : "",
                                    one);
    }
    if (g)
        pw_diag_help(g, "write answers in lower case: %s (the checklist still shows "
                        "%s)", fix, n > 1 ? "them as Yes and No" : yes ? "it as Yes"
                                                                  : "it as No");
    return g != NULL;
}

/* Two answers with one id; yes/no for any-of and all-of. True when it
 * reported an error. */
static bool check_answer_ids(ctx *c, const pw_gnode *v)
{
    bool yes = false, no = false, other = false, wrong = check_answer_case(c, v);
    pw_names *seen = v->nanswers > 8 ? pw_names_new(v->nanswers) : NULL;
    for (size_t i = 0; i < v->nanswers; i++) {
        const pw_edge *e = &v->answers[i];
        if (e->banded)
            continue;
        yes |= strcasecmp(e->id, "yes") == 0; /* capitals: reported above */
        no |= strcasecmp(e->id, "no") == 0;
        other |= !yes_or_no(e->id);
        const pw_edge *first = same_id(v, i, seen);
        if (!first)
            continue;
        pw_diagnostic *g = error_at(c, "E0303", e->loc,
                                    "question '%s' has two answers '%s'", v->id,
                                    e->id);
        pw_diag_note(g, first->loc.src, first->loc.span, "the first is here");
        pw_diag_help(g, "give each answer its own name");
        wrong = true;
    }
    pw_names_free(seen);
    if (v->criteria_mode != PW_CRITERIA_NONE && (other || !yes || !no)) {
        const char *mode = v->criteria_mode == PW_CRITERIA_ANY ? "any-of" : "all-of";
        pw_loc at = v->loc;
        for (size_t i = 0; i < v->nanswers; i++)
            if (!v->answers[i].banded && !yes_or_no(v->answers[i].id)) {
                at = v->answers[i].loc; /* the first answer that is neither */
                break;
            }
        pw_diagnostic *g = error_at(c, "E0304", at,
                                    "question '%s' lists criteria (%s), so its "
                                    "answers must be exactly yes and no",
                                    v->id, mode);
        bool any = v->criteria_mode == PW_CRITERIA_ANY;
        if (!other && (yes || no))
            pw_diag_help(g, "add the answer '%s': %s -> NODE, for when %s",
                         yes ? "no" : "yes", yes ? "no" : "yes",
                         yes ? (any ? "none of the criteria apply"
                                    : "not all of the criteria apply")
                             : (any ? "any of the criteria applies"
                                    : "all of the criteria apply"));
        else
            pw_diag_help(g, "answer it with: yes -> NODE and no -> NODE");
        wrong = true;
    }
    return wrong;
}

/* "score 14" or "scores 14..16" */
static void scores(char *buf, size_t size, int64_t lo, int64_t hi)
{
    if (lo == hi)
        snprintf(buf, size, "score %lld", (long long)lo);
    else
        snprintf(buf, size, "scores %lld..%lld", (long long)lo, (long long)hi);
}

static int by_lo(const void *a, const void *b)
{
    const pw_edge *x = *(const pw_edge *const *)a, *y = *(const pw_edge *const *)b;
    return (x->lo > y->lo) - (x->lo < y->lo);
}

/* Score bands sorted and swept: they must cover the score exactly once. */
static void check_bands(ctx *c, const pw_gnode *v, size_t nbands)
{
    const pw_edge **b = pw_xcalloc(nbands + 1, sizeof *b);
    size_t n = 0;
    for (size_t i = 0; i < v->nanswers; i++)
        if (v->answers[i].banded)
            b[n++] = &v->answers[i];
    qsort(b, n, sizeof *b, by_lo);
    int64_t want = v->score_lo; /* the lowest score not yet covered */
    char range[64];
    for (size_t i = 0; i < n; i++) {
        if (b[i]->lo > want) {
            scores(range, sizeof range, want, b[i]->lo - 1);
            pw_diagnostic *g = error_at(c, "E0305", b[i]->loc,
                                        "no band of question '%s' covers %s",
                                        v->id, range);
            pw_diag_help(g, "add a band for them, or widen a neighbouring band");
        } else if (b[i]->lo < want && i > 0) {
            snprintf(range, sizeof range, "%d..%d", b[i]->lo, b[i]->hi);
            pw_diagnostic *g = error_at(c, "E0306", b[i]->loc,
                                        "band %s of question '%s' overlaps another",
                                        range, v->id);
            pw_diag_note(g, b[i - 1]->loc.src, b[i - 1]->loc.span,
                         "the band it overlaps");
            pw_diag_help(g, "each score must lead one way: make the bands meet "
                            "without sharing a score, as in 0..9 and 10..13");
        }
        if ((int64_t)b[i]->hi + 1 > want)
            want = (int64_t)b[i]->hi + 1;
    }
    if (n && (b[0]->lo < v->score_lo || want - 1 > v->score_hi)) {
        const pw_edge *e = b[0]->lo < v->score_lo ? b[0] : b[n - 1];
        snprintf(range, sizeof range, "%d..%d", v->score_lo, v->score_hi);
        pw_diagnostic *g = error_at(c, "E0307", e->loc,
                                    "a band of question '%s' goes outside its "
                                    "score range %s", v->id, range);
        pw_diag_help(g, "keep every band within the 'score' range");
    } else if (n && want <= v->score_hi) {
        scores(range, sizeof range, want, v->score_hi);
        pw_diagnostic *g = error_at(c, "E0305", b[n - 1]->loc,
                                    "no band of question '%s' covers %s",
                                    v->id, range);
        pw_diag_help(g, "add a band for them, or widen the last band");
    }
    free(b);
}

/* A question's answers (pw_check_answers). */
static bool check_question(ctx *c, const pw_gnode *v)
{
    size_t bands = 0, named = 0;
    bool wrong = false;
    for (size_t i = 0; i < v->nanswers; i++)
        v->answers[i].banded ? bands++ : named++;
    if (bands && !v->scored) {
        pw_diagnostic *g = error_at(c, "E0307", v->loc,
                                    "question '%s' has bands but no 'score'%s",
                                    v->id, "");
        pw_diag_help(g, "say the range of scores first, as in: score 0..27");
        wrong = true;
    } else if (v->scored && named) {
        pw_loc at = v->loc;
        for (size_t i = 0; i < v->nanswers; i++)
            if (!v->answers[i].banded) {
                at = v->answers[i].loc;
                break;
            }
        pw_diagnostic *g = error_at(c, "E0307", at,
                                    "scored question '%s' also has named "
                                    "answers%s", v->id, "");
        pw_diag_help(g, "a scored question is answered by its bands only");
        wrong = true;
    } else if (v->scored && bands) {
        /* a gap or an overlap: the question is still answered by a score,
         * and a scenario's score is checked against its range */
        check_bands(c, v, bands);
    }
    /* criteria: E0304 says which of yes and no is missing */
    if (bands + named < 2 && v->criteria_mode == PW_CRITERIA_NONE) {
        pw_diagnostic *g = error_at(c, "E0302", v->loc,
                                    "question '%s' has %s", v->id,
                                    bands + named ? "only one answer" : "no answers");
        const char *id = named ? v->answers[0].id : NULL;
        if (id && (!strcmp(id, "yes") || !strcmp(id, "no")))
            pw_diag_help(g, "a question needs at least two answers: add the answer "
                            "'%s', as in: %s -> NODE", *id == 'y' ? "no" : "yes",
                         *id == 'y' ? "no" : "yes");
        else
            pw_diag_help(g, "a question needs at least two answers, as in: yes -> "
                            "NODE and no -> NODE");
        wrong = true;
    }
    return check_answer_ids(c, v) || wrong;
}

bool pw_check_answers(const pw_graph *g, const pw_gnode *v, pw_diag *d)
{
    ctx c = {.g = g, .d = d};
    return v->kind == PW_QUESTION && check_question(&c, v);
}

/* `replaces`: an old id maps to one node of this version, and is not the
 * id of a node that still exists. Two tables keep it linear. */
static void check_replaces(ctx *c)
{
    const pw_graph *g = c->g;
    size_t total = 0;
    for (size_t i = 0; i < g->nnodes; i++)
        total += g->nodes[i].nreplaces;
    if (!total)
        return;
    pw_names *ids = pw_names_new(g->nnodes), *old = pw_names_new(total);
    for (size_t i = 0; i < g->nnodes; i++)
        pw_names_add(ids, g->nodes[i].id, (void *)&g->nodes[i]);
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *v = &g->nodes[i];
        for (size_t r = 0; r < v->nreplaces; r++) {
            const pw_gnode *same = pw_names_get(ids, v->replaces[r]);
            const pw_gnode *twice = pw_names_add(old, v->replaces[r], (void *)v);
            pw_diagnostic *d = NULL;
            if (same) {
                d = error_at(c, "E0310", v->replaces_loc[r], "node '%s' replaces "
                             "'%s', which is still a node of this pathway", v->id,
                             v->replaces[r]);
                pw_diag_note(d, same->loc.src, same->loc.span, "'%s' is declared here",
                             same->id);
                pw_diag_help(d, "'replaces' names an id from an earlier version "
                                "that no longer exists");
            } else if (twice && twice != v) {
                d = pw_diag_error(c->d, "E0310", v->replaces_loc[r].src,
                                  v->replaces_loc[r].span, "'%s' is replaced by two "
                                  "nodes: '%s' and '%s'", v->replaces[r], twice->id,
                                  v->id);
                for (size_t k = 0; k < twice->nreplaces; k++)
                    if (strcmp(twice->replaces[k], v->replaces[r]) == 0)
                        pw_diag_note(d, twice->replaces_loc[k].src,
                                     twice->replaces_loc[k].span,
                                     "'%s' replaces it here", twice->id);
                pw_diag_help(d, "a walk saved at '%s' must map to one node: keep "
                                "one 'replaces'", v->replaces[r]);
            }
        }
    }
    pw_names_free(ids);
    pw_names_free(old);
}

/* ---- passes over the whole graph ---------------------------------------- */

/* Breadth first from the start, over answers, `next` and `also` links:
 * what a walk, or a walk offered beside it, can reach. */
static bool *reachable(ctx *c)
{
    const pw_graph *g = c->g;
    bool *seen = pw_xcalloc(g->nnodes + 1, sizeof *seen);
    int *queue = pw_xcalloc(g->nnodes + 1, sizeof *queue);
    size_t head = 0, tail = 0;
    if (g->start != PW_NO_NODE) {
        seen[g->start] = true;
        queue[tail++] = g->start;
    }
    while (head < tail) {
        int v = queue[head++];
        const pw_gnode *n = &g->nodes[v];
        for (int k = c->adj.first[v]; k < c->adj.first[v + 1]; k++)
            if (!seen[c->adj.succ[k]]) {
                seen[c->adj.succ[k]] = true;
                queue[tail++] = c->adj.succ[k];
            }
        for (size_t k = 0; k < n->ninner; k++) /* done at the together */
            if (!seen[n->inner[k]]) {
                seen[n->inner[k]] = true;
                queue[tail++] = n->inner[k];
            }
        for (size_t k = 0; k < n->nalso; k++) {
            int t = n->also[k].node;
            if (t != PW_NO_NODE && !seen[t]) {
                seen[t] = true;
                queue[tail++] = t;
            }
        }
    }
    free(queue);
    return seen;
}

static void warn_unreachable(ctx *c, const bool *seen)
{
    for (size_t i = 0; i < c->g->nnodes; i++) {
        const pw_gnode *v = &c->g->nodes[i];
        if (seen[i] || v->parent != PW_NO_NODE)
            continue; /* a together's steps: said of the together */
        pw_diagnostic *d = pw_diag_warning(c->d, "W0001", "unreachable", v->loc.src,
                                           v->loc.span,
                                           "%s '%s' cannot be reached from the start",
                                           pw_node_kind_name(v->kind), v->id);
        pw_diag_help(d, "lead to it from an answer, a 'next' or an 'also', or "
                        "remove it");
    }
}

/* Backwards from every outcome: the nodes that can end. A node already
 * reported as malformed counts as ending, so it brings no follow-on error. */
static bool *can_end(ctx *c)
{
    const pw_graph *g = c->g;
    bool *ok = pw_xcalloc(g->nnodes + 1, sizeof *ok);
    int *queue = pw_xcalloc(g->nnodes + 1, sizeof *queue);
    size_t head = 0, tail = 0;
    for (size_t i = 0; i < g->nnodes; i++)
        if (pw_graph_ends(g, (int)i) || c->broken[i]) {
            ok[i] = true;
            queue[tail++] = (int)i;
        }
    while (head < tail) {
        int v = queue[head++];
        for (int k = c->adj.pfirst[v]; k < c->adj.pfirst[v + 1]; k++)
            if (!ok[c->adj.pred[k]]) {
                ok[c->adj.pred[k]] = true;
                queue[tail++] = c->adj.pred[k];
            }
    }
    for (size_t i = 0; i < g->nnodes; i++) /* a together's steps go as it goes */
        if (g->nodes[i].parent != PW_NO_NODE)
            ok[i] = true;
    free(queue);
    return ok;
}

/* The loop a trapped node leads into: follow any trapped successor until a
 * node comes round again (each trapped node has one: were all its
 * successors able to end, it could end too). */
static int loop_entry(const ctx *c, const bool *ok, int from, unsigned *walk,
                      unsigned serial)
{
    int v = from;
    while (walk[v] != serial) {
        walk[v] = serial;
        int next = PW_NO_NODE;
        for (int k = c->adj.first[v]; k < c->adj.first[v + 1] && next < 0; k++)
            if (!ok[c->adj.succ[k]])
                next = c->adj.succ[k];
        if (next < 0)
            return v; /* cannot happen; stop safely */
        v = next;
    }
    return v;
}

static void describe_loop(const ctx *c, const bool *ok, int entry, char *buf,
                          size_t size)
{
    size_t len = 0;
    int v = entry, shown = 0;
    do {
        len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s -> ",
                                c->g->nodes[v].id);
        int next = PW_NO_NODE;
        for (int k = c->adj.first[v]; k < c->adj.first[v + 1] && next < 0; k++)
            if (!ok[c->adj.succ[k]])
                next = c->adj.succ[k];
        v = next;
    } while (v != entry && v >= 0 && ++shown < 12 && len < size);
    snprintf(buf + (len < size ? len : size - 1), len < size ? size - len : 1, "%s",
             v == entry ? c->g->nodes[entry].id : "...");
}

/* One error for each region of nodes that cannot reach an outcome (nodes
 * joined by links either way), at its first node in source order, naming
 * the loop it is caught in. */
static void check_trapped(ctx *c, const bool *ok)
{
    const pw_graph *g = c->g;
    size_t n = g->nnodes;
    bool *covered = pw_xcalloc(n + 1, sizeof *covered);
    unsigned *walk = pw_xcalloc(n + 1, sizeof *walk);
    int *queue = pw_xcalloc(n + 1, sizeof *queue);
    for (size_t i = 0; i < n; i++) {
        if (ok[i] || covered[i])
            continue;
        int entry = loop_entry(c, ok, (int)i, walk, (unsigned)i + 1);
        char loop[512];
        describe_loop(c, ok, entry, loop, sizeof loop);
        const pw_gnode *v = &g->nodes[i];
        pw_diagnostic *d = pw_diag_error(c->d, "E0308", v->loc.src, v->loc.span,
                                         "no outcome can be reached from %s '%s'",
                                         pw_node_kind_name(v->kind), v->id);
        pw_diag_info(d, "the walk goes round %s with no way out", loop);
        pw_diag_help(d, "give one of these nodes an answer or 'next' that leads "
                        "on to an outcome");
        /* cover the region, both ways, so it is reported once */
        size_t head = 0, tail = 0;
        covered[i] = true;
        queue[tail++] = (int)i;
        while (head < tail) {
            int x = queue[head++];
            for (int k = c->adj.first[x]; k < c->adj.first[x + 1]; k++) {
                int y = c->adj.succ[k];
                if (!ok[y] && !covered[y]) {
                    covered[y] = true;
                    queue[tail++] = y;
                }
            }
            for (int k = c->adj.pfirst[x]; k < c->adj.pfirst[x + 1]; k++) {
                int y = c->adj.pred[k];
                if (!ok[y] && !covered[y]) {
                    covered[y] = true;
                    queue[tail++] = y;
                }
            }
        }
    }
    free(covered);
    free(walk);
    free(queue);
}

/* ---- domain warnings ------------------------------------------------------ */

static void warn_metadata(ctx *c)
{
    const pw_graph *g = c->g;
    char missing[256] = "";
    const char *parts[8];
    size_t n = 0;
    static const pw_field wanted[] = {
#define PW_WANTED(group, id) PW_F_##group##_##id,
#include "support/vocab.def"
    };
    for (size_t i = 0; i < sizeof wanted / sizeof *wanted && n < 8; i++)
        if (!pw_graph_text(g, wanted[i]) && !pw_graph_date(g, wanted[i]).year)
            parts[n++] = pw_field_name(wanted[i]);
    if (!n)
        return;
    size_t len = 0;
    for (size_t i = 0; i < n && len < sizeof missing; i++)
        len += (size_t)snprintf(missing + len, sizeof missing - len, "%s%s",
                                i == 0 ? "" : i == n - 1 ? " or " : ", ", parts[i]);
    pw_diagnostic *d = pw_diag_warning(c->d, "W0004", "metadata", g->loc.src,
                                       g->loc.span, "pathway '%s' has no %s", g->id,
                                       missing);
    pw_diag_help(d, "say who owns the pathway, which version it is and when it "
                    "must be reviewed, so a reader can trust it is current; and "
                    "when to use it, where it applies and what it is about, so "
                    "the index can describe and group it");
}

/* An approved pathway says who approved it and when; not in the future,
 * and not after its own review date. */
static void check_approval(ctx *c)
{
    const pw_graph *g = c->g;
    const pw_gfield *by = &g->meta[PW_F_PATHWAY_APPROVED_BY];
    pw_date on = pw_graph_date(g, PW_F_PATHWAY_APPROVED_ON);
    pw_loc on_at = g->meta[PW_F_PATHWAY_APPROVED_ON].at;
    if (pw_graph_status(g) == PW_STATUS_APPROVED && (!by->text.text || !on.year)) {
        pw_loc at = g->meta[PW_F_PATHWAY_STATUS].at;
        pw_diagnostic *d = error_at(
            c, "E0313", at, "pathway '%s' is approved, but does not say %s", g->id,
            !by->text.text && !on.year ? "who approved it or when"
            : !by->text.text           ? "who approved it"
                                       : "when it was approved");
        pw_diag_help(d, "add who signed it off and the date, as in: approved-by "
                        "\"Partnership Business Manager\" and approved-on 2025-05-01; "
                        "or give it status draft until it is approved");
    }
    char when[PW_DATE_TEXT_SIZE], other[PW_DATE_TEXT_SIZE];
    pw_date review = pw_graph_date(g, PW_F_PATHWAY_REVIEW_BY);
    if (on.year && c->o->today.year && pw_date_compare(on, c->o->today) > 0) {
        pw_date_format(on, when);
        pw_date_format(c->o->today, other);
        pw_diagnostic *d = pw_diag_error(c->d, "E0314", on_at.src, on_at.span,
                                         "pathway '%s' is approved on %s, which is "
                                         "after today (%s)", g->id, when, other);
        pw_diag_help(d, "give the date it was signed off; a pathway not yet "
                        "approved has status draft");
    } else if (on.year && review.year && pw_date_compare(on, review) > 0) {
        pw_date_format(on, when);
        pw_date_format(review, other);
        pw_diagnostic *d = pw_diag_error(c->d, "E0315", on_at.src, on_at.span,
                                         "pathway '%s' was approved on %s, after its "
                                         "review date %s", g->id, when, other);
        pw_diag_note(d, g->meta[PW_F_PATHWAY_REVIEW_BY].at.src,
                     g->meta[PW_F_PATHWAY_REVIEW_BY].at.span, "the review date");
        pw_diag_help(d, "set a new review-by after the approval: it says when the "
                        "approved version must next be looked at");
    }
}

/* What the pathway says is still to be confirmed (`tbc`): counted for the
 * summary, and each one a warning when the pathway is approved. */
static void tbc_list(ctx *c, const pw_texts *t, size_t *n)
{
    *n += t->n;
    if (pw_graph_status(c->g) != PW_STATUS_APPROVED)
        return;
    for (size_t i = 0; i < t->n; i++) {
        pw_diagnostic *d = pw_diag_warning(c->d, "W0010", "tbc", t->loc[i].src,
                                           t->loc[i].span, "pathway '%s' is approved "
                                           "with something still to be confirmed",
                                           c->g->id);
        pw_diag_help(d, "confirm it with the pathway's sources and say it, or "
                        "give the pathway status draft or under-review until it is");
    }
}

/* The pathway's own, its stages' and nodes' are counted here; the
 * contacts' and forms' once each, with the declarations (they may be
 * shared), and warned about once, for the first approved pathway that
 * uses them. */
static void count_tbc(ctx *c)
{
    const pw_graph *g = c->g;
    size_t n = 0, shared = 0;
    tbc_list(c, &g->meta[PW_F_PATHWAY_TBC].texts, &n);
    for (size_t i = 0; i < g->nstages; i++)
        tbc_list(c, &g->stages[i].tbc, &n);
    for (size_t i = 0; i < g->nnodes; i++)
        tbc_list(c, &g->nodes[i].tbc, &n);
    pw_diag_count_tbc(c->d, n);
    for (size_t i = 0; i < g->ncontacts; i++)
        if (!g->contacts[i]->tbc_warned) {
            g->contacts[i]->tbc_warned = pw_graph_status(g) == PW_STATUS_APPROVED;
            if (g->contacts[i]->tbc_warned)
                tbc_list(c, &g->contacts[i]->tbc, &shared);
        }
    for (size_t i = 0; i < g->nforms; i++)
        if (!g->forms[i]->tbc_warned) {
            g->forms[i]->tbc_warned = pw_graph_status(g) == PW_STATUS_APPROVED;
            if (g->forms[i]->tbc_warned)
                tbc_list(c, &g->forms[i]->tbc, &shared);
        }
}

static void warn_review(ctx *c)
{
    const pw_graph *g = c->g;
    pw_date review_by = pw_graph_date(g, PW_F_PATHWAY_REVIEW_BY);
    pw_loc at = g->meta[PW_F_PATHWAY_REVIEW_BY].at;
    if (!review_by.year || !c->o->today.year ||
        pw_date_compare(review_by, c->o->today) >= 0)
        return;
    char due[PW_DATE_TEXT_SIZE], today[PW_DATE_TEXT_SIZE];
    pw_date_format(review_by, due);
    pw_date_format(c->o->today, today);
    pw_diagnostic *d = pw_diag_warning(c->d, "W0003", "review-overdue",
                                       at.src, at.span,
                                       "pathway '%s' was due for review on %s "
                                       "(today is %s)", g->id, due, today);
    pw_diag_help(d, "review it against its sources, then set a new '%s'",
                 pw_field_name(PW_F_PATHWAY_REVIEW_BY));
}

/* The fewest questions a walk must answer to reach each node (-1: not
 * reachable): breadth first by levels, where going on from a step stays on
 * the level and going on from a question moves to the next. Each node is
 * settled once, each edge followed once. */
static int *questions_to(ctx *c)
{
    const pw_graph *g = c->g;
    size_t n = g->nnodes, m = (size_t)c->adj.first[n];
    int *dist = pw_xcalloc(n + 1, sizeof *dist);
    int *cur = pw_xcalloc(n + m + 1, sizeof *cur);
    int *next = pw_xcalloc(n + m + 1, sizeof *next);
    for (size_t i = 0; i < n; i++)
        dist[i] = -1;
    size_t ncur = 0, nnext = 0;
    if (g->start != PW_NO_NODE)
        cur[ncur++] = g->start;
    for (int level = 0; ncur; level++) {
        for (size_t i = 0; i < ncur; i++) {
            int v = cur[i];
            if (dist[v] >= 0)
                continue;
            dist[v] = level;
            bool question = g->nodes[v].kind == PW_QUESTION;
            for (int k = c->adj.first[v]; k < c->adj.first[v + 1]; k++) {
                int w = c->adj.succ[k];
                if (dist[w] >= 0)
                    continue;
                if (question)
                    next[nnext++] = w;
                else
                    cur[ncur++] = w;
            }
        }
        int *t = cur;
        cur = next;
        next = t;
        ncur = nnext;
        nnext = 0;
    }
    free(cur);
    free(next);
    return dist;
}

/* W0005 (-Wno-emergency-exit): no emergency outcome a walk reaches after
 * at most one question. */
static void warn_emergency_route(ctx *c)
{
    const pw_graph *g = c->g;
    if (!g->nnodes || g->meta[PW_F_PATHWAY_EMERGENCY_ROUTE].word == PW_ROUTE_NONE)
        return; /* it says why it has none (check_no_route) */
    int *dist = questions_to(c);
    int best = -1, at = PW_NO_NODE;
    for (size_t i = 0; i < g->nnodes; i++)
        if (g->nodes[i].kind == PW_OUTCOME &&
            g->nodes[i].outcome == PW_OUTCOME_EMERGENCY && dist[i] >= 0 &&
            (best < 0 || dist[i] < best)) {
            best = dist[i];
            at = (int)i;
        }
    free(dist);
    if (best >= 0 && best <= 1)
        return;
    pw_diagnostic *d;
    if (best < 0) {
        d = pw_diag_warning(c->d, "W0005", "no-emergency-exit", g->loc.src, g->loc.span,
                            "pathway '%s' has no emergency outcome a walk can "
                            "reach", g->id);
    } else {
        d = pw_diag_warning(c->d, "W0005", "no-emergency-exit", g->loc.src, g->loc.span,
                            "in pathway '%s' the emergency route comes only after "
                            "%d questions", g->id, best);
        pw_diag_note(d, g->nodes[at].loc.src, g->nodes[at].loc.span,
                     "the nearest emergency outcome");
    }
    pw_diag_help(d, "ask first whether anyone is in immediate danger, with an "
                    "answer that leads to an outcome of kind emergency (call 999)");
}

/* `emergency-route none`: only where no outcome is of kind emergency. */
static void check_no_route(ctx *c)
{
    const pw_graph *g = c->g;
    const pw_gfield *route = &g->meta[PW_F_PATHWAY_EMERGENCY_ROUTE];
    if (route->word != PW_ROUTE_NONE)
        return;
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *v = &g->nodes[i];
        if (v->kind != PW_OUTCOME || v->outcome != PW_OUTCOME_EMERGENCY)
            continue;
        pw_diagnostic *d = error_at(c, "E0316", route->at, "pathway '%s' says it has "
                                    "no emergency route, but outcome '%s' is of kind "
                                    "emergency", g->id, v->id);
        pw_diag_note(d, v->loc.src, v->loc.span, "'%s' is declared here", v->id);
        pw_diag_help(d, "remove 'emergency-route none', or give '%s' another kind",
                     v->id);
        return;
    }
}

static bool has_phone(const pw_graph *g, const pw_gnode *v)
{
    for (size_t i = 0; i < v->ncontacts; i++)
        if (v->contacts[i]->phone.text)
            return true;
    for (size_t k = 0; k < v->ninner; k++) /* a together's steps */
        if (has_phone(g, &g->nodes[v->inner[k]]))
            return true;
    return false;
}

static void warn_node(ctx *c, const pw_gnode *v)
{
    if (v->unresolved || v->duplicate)
        return; /* its contacts or forms are not all known */
    bool immediate = v->urgency == PW_URGENCY_IMMEDIATE ||
                     (v->kind == PW_OUTCOME && v->outcome == PW_OUTCOME_EMERGENCY);
    if (immediate && !has_phone(c->g, v)) {
        pw_diagnostic *d = pw_diag_warning(
            c->d, "W0006", "immediate-contact", v->loc.src, v->loc.span,
            "%s '%s' is for an emergency but names no contact with a phone",
            pw_node_kind_name(v->kind), v->id);
        pw_diag_help(d, "add 'contact' with a phone number to call, such as "
                        "the police on 999%s",
                     v->kind == PW_TOGETHER ? ", to one of its steps" : "");
    }
    if (v->kind != PW_QUESTION && v->nforms && v->ncontacts &&
        v->consent == PW_CONSENT_NONE) {
        pw_diagnostic *d = pw_diag_warning(
            c->d, "W0007", "consent", v->loc.src, v->loc.span,
            "%s '%s' sends a form to a contact but does not say whether consent "
            "is needed", pw_node_kind_name(v->kind), v->id);
        pw_diag_help(d, "add 'consent' with needed, not-needed, seek-unless-unsafe, "
                        "inform-unless-unsafe or not-applicable, and its reason");
    }
}

/* "risk -> concerned -> nfa": the path to v, from the breadth-first
 * search's parents (at most 12 nodes, the last ones kept). */
static void forward_path(const pw_graph *g, const int *from, int v, char *buf,
                         size_t size)
{
    int path[12];
    size_t n = 0;
    for (int w = v; w != PW_NO_NODE && n < 12; w = from[w])
        path[n++] = w;
    size_t len = 0;
    buf[0] = '\0';
    if (n == 12 && from[path[11]] != PW_NO_NODE)
        len += (size_t)snprintf(buf, size, "... -> ");
    while (n-- > 0 && len < size)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", g->nodes[path[n]].id,
                                n ? " -> " : "");
}

/* Whether a `record` says something: `record ""` (or spaces) says
 * nothing to record, and records nothing. */
static bool says(const char *t)
{
    for (; t && *t; t++)
        if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r')
            return true;
    return false;
}

/* Whether v, or a step done at it (a together's), records something. */
static bool records(const pw_graph *g, const pw_gnode *v)
{
    if (says(v->record.text))
        return true;
    for (size_t k = 0; k < v->ninner; k++)
        if (says(g->nodes[v->inner[k]].record.text))
            return true;
    return false;
}

/* Outcomes some walk reaches without passing a node that records:
 * breadth first from the start, not going on past nodes that record. */
static void warn_no_record(ctx *c)
{
    const pw_graph *g = c->g;
    size_t n = g->nnodes;
    if (g->start == PW_NO_NODE)
        return;
    int *from = pw_xcalloc(n + 1, sizeof *from);
    int *queue = pw_xcalloc(n + 1, sizeof *queue);
    bool *seen = pw_xcalloc(n + 1, sizeof *seen);
    size_t head = 0, tail = 0;
    seen[g->start] = true;
    from[g->start] = PW_NO_NODE;
    queue[tail++] = g->start;
    while (head < tail) {
        int v = queue[head++];
        const pw_gnode *x = &g->nodes[v];
        if (records(g, x))
            continue;
        if (pw_graph_ends(g, v)) {
            char path[400];
            forward_path(g, from, v, path, sizeof path);
            pw_diagnostic *d = pw_diag_warning(
                c->d, "W0009", "no-record", x->loc.src, x->loc.span,
                "outcome '%s' can be reached without anything being recorded", x->id);
            pw_diag_info(d, "for example: %s", path);
            pw_diag_help(d, "add 'record' to this outcome or to a step on the way: "
                            "every decision, including to take no further action, "
                            "is recorded with its reasons");
            continue;
        }
        for (int k = c->adj.first[v]; k < c->adj.first[v + 1]; k++) {
            int w = c->adj.succ[k];
            if (!seen[w]) {
                seen[w] = true;
                from[w] = v;
                queue[tail++] = w;
            }
        }
    }
    free(from);
    free(queue);
    free(seen);
}

/* Who approved a pathway is a role or a body, never an email address. */
static void warn_approver(ctx *c)
{
    const pw_gtext *by = &c->g->meta[PW_F_PATHWAY_APPROVED_BY].text;
    const char *at = by->text ? strchr(by->text, '@') : NULL;
    if (!at || at == by->text || !strchr(at, '.'))
        return;
    pw_diagnostic *d = pw_diag_warning(c->d, "W0008", "personal-contact", by->loc.src,
                                       by->loc.span, "approved-by holds an email "
                                       "address: '%s'", by->text);
    pw_diag_help(d, "name the role or body that signed the pathway off, as in "
                    "\"Partnership Business Manager\": people move on");
}

/* ---- where a node comes from ------------------------------------------------ */

static size_t common_prefix(const char *a, const char *b)
{
    size_t n = 0;
    while (a[n] && a[n] == b[n])
        n++;
    return n;
}

/* The declared title a source text most likely meant, and in *same how
 * much of its beginning they share when that is what points to it: a title
 * its beginning is one or two slips away from (did you mean, *same 0), else
 * one it shares at least half of its beginning with (the same title with
 * another ending), else one a few more slips away; NULL when none. */
static const char *meant_source(const pw_gfield *m, const char *text, size_t *same)
{
    const char *slip = NULL;
    size_t slip_d = (size_t)-1;
    char head[65];
    for (size_t i = 0; i < m->nsources; i++) {
        const char *t = m->sources[i].text.text;
        size_t n = strlen(t);
        if (n >= sizeof head)
            continue;
        size_t k = strnlen(text, n);
        memcpy(head, text, k);
        head[k] = '\0';
        pw_suggest s;
        pw_suggest_init(&s, head);
        pw_suggest_offer(&s, t);
        if (pw_suggest_best(&s) && s.best_distance < slip_d) {
            slip = t;
            slip_d = s.best_distance;
        }
    }
    *same = 0;
    if (slip && slip_d <= 2)
        return slip;
    const char *begins = NULL;
    for (size_t i = 0; i < m->nsources; i++) {
        const char *t = m->sources[i].text.text;
        size_t k = common_prefix(text, t);
        if (k * 2 >= strlen(t) && k > *same) {
            begins = t;
            *same = k;
        }
    }
    return begins ? begins : slip;
}

/* E0321: a node's source must name one of the documents the pathway says
 * it is written from (its `source` lines), so that nothing reaches a
 * reader under the name of a document the pathway does not declare. */
static void check_sources(ctx *c)
{
    const pw_gfield *m = &c->g->meta[PW_F_PATHWAY_SOURCE];
    for (size_t i = 0; i < c->g->nnodes; i++) {
        const pw_gnode *v = &c->g->nodes[i];
        const char *text = v->source.text;
        if (!text)
            continue;
        if (pw_graph_source_of(c->g, text) >= 0)
            continue;
        pw_diagnostic *d = pw_diag_error(
            c->d, "E0321", v->source.loc.src, v->source.loc.span,
            "the source of %s '%s' names no document pathway '%s' is written from",
            pw_node_kind_name(v->kind), v->id, c->g->id);
        if (!m->nsources) {
            pw_diag_note(d, c->g->loc.src, c->g->loc.span,
                         "pathway '%s' has no 'source' line", c->g->id);
            pw_diag_help(d, "say which document this comes from with a 'source' line in the "
                            "pathway, such as: source \"HSCP Procedures Manual\"; then begin "
                            "this node's source with that title");
            continue;
        }
        size_t same;
        const char *meant = meant_source(m, text, &same);
        for (size_t k = 0; k < m->nsources; k++)
            if (m->sources[k].text.text == meant)
                pw_diag_note(d, m->sources[k].text.loc.src, m->sources[k].text.loc.span,
                             same ? "it begins like this source, but differs after \"%.*s\""
                                  : "did you mean this source?",
                             (int)same, text);
        if (meant)
            pw_diag_help(d, "begin it with the title exactly as the pathway's 'source' line "
                            "gives it: \"%s\", then, after ':' or ',', where in the document",
                         meant);
        else if (m->nsources == 1)
            pw_diag_help(d, "begin it with the title the pathway's 'source' line gives, "
                            "\"%s\"; or, if it comes from another document, add a "
                            "'source' line for that document to the pathway",
                         m->sources[0].text.text);
        else
            pw_diag_help(d, "begin it with the title of one of the pathway's %zu 'source' "
                            "lines, such as \"%s\"; or, if it comes from another document, "
                            "add a 'source' line for that document to the pathway",
                         m->nsources, m->sources[0].text.text);
    }
}

void pw_check_graph(const pw_graph *g, pw_diag *d, const pw_check_options *o)
{
    ctx c = {.g = g, .d = d, .o = o};
    if (!g->nnodes) {
        pw_diagnostic *e = pw_diag_error(d, "E0312", g->loc.src, g->loc.span,
                                         "pathway '%s' has no steps, questions or "
                                         "outcomes", g->id);
        pw_diag_help(e, "a pathway needs at least a question or step and an outcome");
        return;
    }
    c.broken = pw_xcalloc(g->nnodes + 1, sizeof *c.broken);
    pw_adjacency_build(g, &c.adj);
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *v = &g->nodes[i];
        switch (v->kind) {
        case PW_STEP:
        case PW_TOGETHER: check_step(&c, v); break;
        case PW_QUESTION: {
            /* its answers were checked (and reported) by construct */
            bool any = false;
            for (size_t k = 0; k < v->nanswers; k++)
                any |= v->answers[k].target != PW_NO_NODE;
            c.broken[i] = v->answers_wrong || !any; /* !any: its targets were reported */
            warn_duplicate_criteria(&c, v);
            break;
        }
        case PW_OUTCOME: check_outcome(&c, v); break;
        }
        c.broken[i] |= v->duplicate; /* reported: where it leads is not known */
        warn_node(&c, v);
    }
    check_links(&c);
    check_replaces(&c);
    bool *ok = can_end(&c);
    check_trapped(&c, ok);
    free(ok);
    warn_metadata(&c);
    warn_review(&c);
    check_approval(&c);
    warn_approver(&c);
    check_no_route(&c);
    check_sources(&c);
    count_tbc(&c);
    /* Where a link is missing, what a walk can reach is not known: warnings
     * about paths would only echo the error already reported. */
    bool complete = !g->incomplete;
    for (size_t i = 0; i < g->nnodes && complete; i++)
        complete = !c.broken[i];
    if (complete) {
        bool *seen = reachable(&c);
        warn_unreachable(&c, seen);
        free(seen);
        warn_emergency_route(&c);
        warn_no_record(&c);
    }
    pw_adjacency_free(&c.adj);
    free(c.broken);
}

/* ---- declarations ----------------------------------------------------------- */

/* Words that name a service or team, not a person: "mash.team@",
 * "duty.desk@" are shared addresses. */
static bool role_word(const char *s, size_t n)
{
    static const char *const words[] = {
        "admin", "advice", "board", "contact", "desk", "duty", "enquiries",
        "front", "group", "help", "helpline", "hub", "info", "lado", "mash",
        "office", "panel", "partnership", "prevent", "reception", "referral",
        "referrals", "safeguarding", "service", "services", "support", "team",
        "unit", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strlen(words[i]) == n && strncasecmp(words[i], s, n) == 0)
            return true;
    return false;
}

/* first.last@, f.last@: an address for a person, not a role or service. */
static bool personal_email(const char *e)
{
    const char *at = strchr(e, '@');
    if (!at)
        return false;
    const char *dot = memchr(e, '.', (size_t)(at - e));
    if (!dot || dot == e || at - dot < 3 || memchr(dot + 1, '.', (size_t)(at - dot - 1)))
        return false;
    for (const char *s = e; s < at; s++)
        if (s != dot && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                          *s == '-' || *s == '\''))
            return false;
    return !role_word(e, (size_t)(dot - e)) &&
           !role_word(dot + 1, (size_t)(at - dot - 1));
}

#define WARN_UNUSED(d, obj, what)                                              \
    do {                                                                       \
        if ((obj)->own && !(obj)->used) {                                      \
            pw_diagnostic *g_ = pw_diag_warning(                               \
                d, "W0002", "unused", (obj)->loc.src, (obj)->loc.span,         \
                what " '%s' is declared but never used", (obj)->id);           \
            pw_diag_help(g_, "use it, or remove it");                          \
        }                                                                      \
    } while (0)

void pw_check_declared(const pw_declared *decl, pw_diag *d, const pw_check_options *o)
{
    for (size_t i = 0; i < decl->ncontacts; i++) {
        const pw_contact *k = decl->contacts[i];
        WARN_UNUSED(d, k, "contact");
        if (k->email.text && personal_email(k->email.text)) {
            pw_diagnostic *g = pw_diag_warning(
                d, "W0008", "personal-contact", k->email.loc.src, k->email.loc.span,
                "'%s' looks like a person's email address", k->email.text);
            pw_diag_help(g, "name the service or role's shared address: people "
                            "move on and their addresses go stale");
        }
        pw_date due = k->verified;
        due.year += 1;
        if (k->verified.year && o->today.year && pw_date_compare(due, o->today) < 0) {
            char when[PW_DATE_TEXT_SIZE];
            pw_date_format(k->verified, when);
            pw_diagnostic *g = pw_diag_warning(
                d, "W0003", "review-overdue", k->verified_loc.src,
                k->verified_loc.span,
                "contact '%s' was last verified on %s, over a year ago", k->id, when);
            pw_diag_help(g, "check its details are still right, then update "
                            "'verified'");
        }
    }
    size_t tbc = 0;
    for (size_t i = 0; i < decl->ncontacts; i++)
        tbc += decl->contacts[i]->tbc.n;
    for (size_t i = 0; i < decl->nforms; i++)
        tbc += decl->forms[i]->tbc.n;
    pw_diag_count_tbc(d, tbc);
    for (size_t i = 0; i < decl->nroles; i++)
        WARN_UNUSED(d, decl->roles[i], "role");
    for (size_t i = 0; i < decl->nforms; i++)
        WARN_UNUSED(d, decl->forms[i], "form");
}
