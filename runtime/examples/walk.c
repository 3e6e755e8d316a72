/* walk — an example of libpathway: load a table, walk it with the answers
 * given on the command line, print each node and the outcome.
 *
 *   walk [--from NODE] TABLE.json [ANSWER...]
 *
 * At a step the walk goes on by itself; at a question it takes the next
 * ANSWER: an answer id ("yes"), a number for a scored question ("12"), or
 * for an any-of/all-of question "ticked:" and the criteria ticked, counted
 * from 1 ("ticked:1,3"; "ticked:" for none). Exit status: 0 at an outcome,
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
    for (size_t i = 0; i < q->ncriteria; i++)
        printf("  criterion %zu (%s): %s\n", i + 1, pathway_criteria_name(q->criteria_mode),
               q->criteria[i]);
}

/* "ticked:1,3" at question q. */
static pathway_code tick(pathway_walk *w, const pathway_node *q, const char *list,
                         pathway_error *err)
{
    bool *ticked = calloc(q->ncriteria + 1, sizeof *ticked);
    if (!ticked)
        return PATHWAY_E_NOMEM;
    for (const char *p = list; *p;) {
        char *end;
        long k = strtol(p, &end, 10);
        if (end == p || k < 1 || (size_t)k > q->ncriteria) {
            fprintf(stderr, "walk: '%s': criteria are counted from 1 to %zu\n", list,
                    q->ncriteria);
            free(ticked);
            return PATHWAY_E_ARGUMENT;
        }
        ticked[k - 1] = true;
        p = *end == ',' ? end + 1 : end;
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
        if (n->kind == PATHWAY_STEP) {
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
