/* layout_budget — see layout_budget.h. */
#include "emit/layout_budget.h"

#include "emit/layout_plan.h"

#include "support/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    pw_layout_plan plan;
    pw_layout_plan_make(g, &plan);
    size_t connectors = plan.nconnectors;
    pw_layout_plan_free(&plan);
    if (g->nnodes + connectors > PW_LAYOUT_MAX_BOXES) {
        if (whysize)
            snprintf(why, whysize, "it would draw %zu boxes (%zu nodes and %zu "
                     "connectors), and diagrams are drawn with at most %d",
                     g->nnodes + connectors, g->nnodes, connectors, PW_LAYOUT_MAX_BOXES);
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
