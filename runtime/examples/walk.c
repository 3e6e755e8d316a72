/* walk — an example of libpathway: load a table, walk it with the answers
 * given on the command line, print each node and the outcome.
 *
 *   walk [--from NODE] TABLE.json [ANSWER...]
 *
 * At a step the walk goes on by itself; at a together it does each of its
 * steps, in order, then goes on; at an emergency outcome that goes on, it
 * goes on. At a question it takes the next ANSWER: an answer id ("yes"),
 * a number for a scored question ("12"), or for an any-of/all-of question
 * "ticked:" and the ids of the criteria ticked ("ticked:1,3"; nested ones
 * "ticked:1,2.1"; "ticked:" for none). Exit status: 0 at an outcome,
 * 1 when the table or an answer is refused or the answers run out (or are
 * left over), 2 for a usage error.
 *
 * It uses only <pathway.h>: build it with
 *   cc walk.c $(pkg-config --cflags --libs pathway) */
#include <pathway.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_node(const pathway_node *n)
{
    printf("%s %s: %s\n", pathway_node_kind_name(n->kind), n->id, n->title);
    for (size_t i = 0; i < n->ndo; i++)
        printf("  do: %s\n", n->do_items[i]);
    for (size_t i = 0; i < n->ncontacts; i++)
        printf("  contact: %s%s%s\n", n->contacts[i]->title,
               n->contacts[i]->phone ? ", " : "",
               n->contacts[i]->phone ? n->contacts[i]->phone : "");
    if (n->record)
        printf("  record: %s\n", n->record);
}

/* What can be answered at question q, for when the answers run out. */
static void print_choices(const pathway_node *q)
{
    if (q->scored)
        printf("  a score from %d to %d\n", q->score_min, q->score_max);
    for (size_t i = 0; !q->scored && i < q->nanswers; i++)
        printf("  %s: %s\n", q->answers[i].id, q->answers[i].label);
    for (size_t i = 0; i < q->ncriteria_items; i++) {
        const pathway_criterion *c = &q->criteria_items[i];
        printf("  criterion %s (%s): %s\n", c->id, pathway_criteria_name(q->criteria_mode),
               c->text ? c->text : pathway_criteria_name(c->mode));
        for (size_t k = 0; !c->text && k < c->count; k++)
            printf("    criterion %s: %s\n", q->criteria_ids[c->first + k],
                   q->criteria[c->first + k]);
    }
}

/* The index of q's criterion text with the n bytes at id, or ncriteria. */
static size_t criterion(const pathway_node *q, const char *id, size_t n)
{
    size_t k = 0;
    while (k < q->ncriteria && !(strlen(q->criteria_ids[k]) == n &&
                                 strncmp(q->criteria_ids[k], id, n) == 0))
        k++;
    return k;
}

/* "ticked:1,3" at question q. */
static pathway_code tick(pathway_walk *w, const pathway_node *q, const char *list,
                         pathway_error *err)
{
    bool *ticked = calloc(q->ncriteria + 1, sizeof *ticked);
    if (!ticked)
        return PATHWAY_E_NOMEM;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ","), k = criterion(q, p, n);
        if (k == q->ncriteria) {
            fprintf(stderr, "walk: '%s': question '%s' has no criterion '%.*s'\n", list,
                    q->id, (int)n, p);
            free(ticked);
            return PATHWAY_E_ARGUMENT;
        }
        ticked[k] = true;
        p += n + (p[n] == ',');
    }
    pathway_code c = pathway_walk_criteria(w, ticked, q->ncriteria, err);
    free(ticked);
    return c;
}

/* Gives question q the answer `a`. */
static pathway_code answer(pathway_walk *w, const pathway_node *q, const char *a,
                           pathway_error *err)
{
    if (strncmp(a, "ticked:", 7) == 0 && q->criteria_mode)
        return tick(w, q, a + 7, err);
    if (q->scored) {
        char *end;
        long s = strtol(a, &end, 10);
        if (*a == '\0' || *end != '\0' || s < 0 || s > 2147483647) {
            fprintf(stderr, "walk: question '%s' takes a score, not '%s'\n", q->id, a);
            return PATHWAY_E_ARGUMENT;
        }
        return pathway_walk_score(w, (int)s, err);
    }
    return pathway_walk_answer(w, a, err);
}

/* At together g: each of its steps done, in order, then on. */
static pathway_code together(pathway_walk *w, const pathway_node *g, pathway_error *err)
{
    for (size_t i = 0; i < g->nsteps; i++) {
        printf("  done: %s: %s\n", g->steps[i]->id, g->steps[i]->title);
        pathway_code c = pathway_walk_done(w, g->steps[i]->id, err);
        if (c != PATHWAY_OK)
            return c;
    }
    return pathway_walk_next(w, err);
}

/* Walks w to an outcome with the answers; 0 when it gets there. */
static int run(pathway_walk *w, char **answers, int nanswers)
{
    pathway_error err;
    int k = 0;
    for (;;) {
        const pathway_node *n = pathway_walk_current(w);
        print_node(n);
        if (pathway_walk_finished(w))
            break;
        pathway_code c;
        if (n->kind == PATHWAY_TOGETHER) {
            c = together(w, n, &err);
        } else if (n->kind != PATHWAY_QUESTION) { /* a step, or an outcome that goes on */
            c = pathway_walk_next(w, &err);
        } else if (k == nanswers) {
            print_choices(n);
            fprintf(stderr, "walk: question '%s' needs an answer\n", n->id);
            return 1;
        } else {
            printf("  answer: %s\n", answers[k]);
            c = answer(w, n, answers[k++], &err);
        }
        if (c == PATHWAY_E_ARGUMENT || c == PATHWAY_E_NOMEM)
            return 1;
        if (c != PATHWAY_OK) {
            fprintf(stderr, "walk: %s\n", err.message);
            return 1;
        }
    }
    const pathway_node *o = pathway_walk_outcome(w);
    printf("ended: %s (%s)\n", o->id, pathway_outcome_name(o->outcome));
    if (k < nanswers) {
        fprintf(stderr, "walk: the walk ended before answer '%s' was used\n", answers[k]);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *from = NULL;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "--from") == 0) {
        from = argv[i + 1];
        i += 2;
    }
    if (i >= argc || argv[i][0] == '-') {
        fprintf(stderr, "usage: walk [--from NODE] TABLE.json [ANSWER...]\n");
        return 2;
    }
    pathway_error err;
    pathway_table *t = pathway_table_load_file(argv[i], PATHWAY_LOAD_DEFAULT, &err);
    if (!t) {
        fprintf(stderr, "walk: %s: %s\n", argv[i], err.message);
        return 1;
    }
    const pathway_info *info = pathway_table_info(t);
    printf("pathway %s: %s\n", info->id, info->title);
    pathway_walk *w = from ? pathway_walk_start_at(t, from, NULL, &err)
                           : pathway_walk_start(t, NULL, &err);
    int status = 1;
    if (w)
        status = run(w, argv + i + 1, argc - i - 1);
    else
        fprintf(stderr, "walk: %s\n", err.message);
    pathway_walk_free(w);
    pathway_table_free(t);
    return status;
}
