/* testing — see testing.h. */
#include "model/testing.h"

#include "model/scenario.h"
#include "support/arena.h"
#include "support/text.h"

#include <stdlib.h>
#include <string.h>


/* A failed scenario or assertion, as an error with its path. */
static void report_failure(pw_diag *diag, const pw_graph *g, const char *what,
                           const char *name, const pw_result *r)
{
    pw_diagnostic *d = pw_diag_error(diag, name ? "E0401" : "E0402", r->at.src,
                                     r->at.span, "%s%s%s fails: %s", what,
                                     name ? " " : "", name ? name : "", r->message);
    if (r->npath) {
        char *path = pw_path_text(g, r->path, r->npath);
        pw_diag_info(d, name ? "the walk: %s" : "for example: %s", path);
        free(path);
    }
    pw_diag_help(d, name ? "change the scenario if it is wrong, or the pathway if "
                           "it is"
                         : "this path breaks the rule: change the pathway, or the "
                           "assertion if the rule is wrong");
}

void pw_testing_run(const pw_graph *g, pw_diag *diag, FILE *lines, pw_tally *t)
{
    for (size_t i = 0; i < g->nscenarios + g->nasserts; i++) {
        pw_result r;
        bool scenario = i < g->nscenarios;
        char *name;
        if (scenario) {
            pw_scenario_run(g, i, &r);
            const char *s = g->scenarios[i].name;
            size_t n = strlen(s) + 3;
            name = pw_xcalloc(n, 1);
            snprintf(name, n, "\"%s\"", s);
        } else {
            pw_assert_check(g, i - g->nscenarios, &r);
            name = pw_assert_text(g, i - g->nscenarios);
        }
        if (lines)
            pw_println_visible(lines, "%-4s %s: %s%s", r.passed ? "ok" : "FAIL", g->id,
                scenario ? "scenario " : "", name);
        if (r.passed)
            t->passed++;
        else {
            t->failed++;
            report_failure(diag, g, scenario ? "scenario" : "assertion",
                           scenario ? name : NULL, &r);
        }
        free(name);
        pw_result_free(&r);
    }
}

void pw_testing_coverage(const pw_graph *g, FILE *out)
{
    pw_coverage cov;
    pw_coverage_init(&cov, g);
    for (size_t i = 0; i < g->nscenarios; i++)
        pw_coverage_add(&cov, g, i);
    size_t nodes = 0, answers = 0, nanswers = 0;
    for (size_t i = 0; i < g->nnodes; i++) {
        nodes += cov.visited_node[i];
        for (size_t k = 0; k < g->nodes[i].nanswers; k++, nanswers++)
            answers += cov.visited_answer[i][k];
    }
    pw_println_visible(out, "coverage %s: %zu of %zu nodes, %zu of %zu answers", g->id, nodes,
        g->nnodes, answers, nanswers);
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *v = &g->nodes[i];
        unsigned line, col;
        pw_source_position(v->loc.src, v->loc.span.begin, &line, &col);
        if (!cov.visited_node[i])
            pw_println_visible(out, "  not visited: %s '%s' (%s:%u)", pw_node_kind_name(v->kind), v->id,
                v->loc.src->name, line);
        for (size_t k = 0; k < v->nanswers; k++) {
            if (cov.visited_answer[i][k])
                continue;
            pw_source_position(v->answers[k].loc.src, v->answers[k].loc.span.begin,
                               &line, &col);
            if (v->answers[k].banded)
                pw_println_visible(out, "  not taken: '%s' band %d..%d (%s:%u)", v->id, v->answers[k].lo,
                    v->answers[k].hi, v->loc.src->name, line);
            else
                pw_println_visible(out, "  not taken: '%s' answer '%s' (%s:%u)", v->id,
                    v->answers[k].id, v->loc.src->name, line);
        }
    }
    pw_coverage_free(&cov);
}
