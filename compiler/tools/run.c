/* run — `pathwayc run` (see run.h). Every move is libpathway's; this file
 * only shows nodes, reads answers and keeps the transcript. */
#include "tools/run.h"

#include "support/output.h"
#include "support/text.h"

#include <jansson.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct session {
    const pathway_table *t;
    const pw_run_options *o;
    pathway_walk *w;
    FILE *in, *out, *err;
    const pathway_stage *stage; /* of the node shown last */
    char indent[16];            /* of a node's fields: deeper for the steps of a
                                   together, under its own */
    char under[32];             /* of what is said under a field (its tbc) */
    int *transcript_errno;      /* of the first write to the transcript
                                   that failed; 0: none failed */
} session;

/* Writes to the terminal. Everything but the format comes from the
 * pathway, the saved walk or the person typing, and is shown as text.h
 * shows text from data: line breaks and tabs kept (a note may have
 * several lines), every other control character as an escape. */
static void say(const session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void say(const session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pw_vprintf_visible(s->out, PW_VISIBLE_LINES, fmt, ap);
    va_end(ap);
}

/* "pathwayc: error: " and the message, on one line of err. */
static void complain(const session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void complain(const session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pathwayc: error: ", s->err);
    pw_vprintf_visible(s->err, 0, fmt, ap);
    fputc('\n', s->err);
    va_end(ap);
}

static void set_indent(session *s, int n)
{
    snprintf(s->indent, sizeof s->indent, "%*s", n, "");
    snprintf(s->under, sizeof s->under, "%*s", n + 10, "");
}

/* ---- the transcript ---------------------------------------------------- */

static int64_t clock_now(const session *s)
{
    return s->o->clock ? s->o->clock->now(s->o->clock->ctx) : (int64_t)time(NULL);
}

/* "2025-06-01T09:30:00Z" */
static void iso_time(int64_t t, char buf[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || !strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(buf, 32, "%lld", (long long)t);
}

/* The first write to the transcript that fails is said at once (the
 * walk goes on: the person at the terminal may be half-way through it),
 * and the walk ends with status 2. */
static void transcript_failed(const session *s, int e)
{
    *s->transcript_errno = e;
    complain(s, "cannot write the transcript%s%s%s: %s; the walk goes on, but "
                "what is done from here is not recorded",
             s->o->transcript_name ? " '" : "",
             s->o->transcript_name ? s->o->transcript_name : "",
             s->o->transcript_name ? "'" : "", strerror(e));
}

/* At the end of the walk: the transcript on the disk (fsync), so a crash
 * of the machine loses nothing of it either. False when it, or a write
 * before, failed. */
static bool transcript_done(const session *s)
{
    FILE *f = s->o->transcript;
    if (!f)
        return true;
    errno = 0;
    if (!*s->transcript_errno && (fflush(f) != 0 || ferror(f)))
        transcript_failed(s, errno ? errno : EIO);
    /* a pipe or a terminal cannot be synced: nothing to do there */
    if (!*s->transcript_errno && fsync(fileno(f)) != 0 && errno != EINVAL &&
        errno != ENOTSUP)
        transcript_failed(s, errno);
    return !*s->transcript_errno;
}

/* One JSON line: {"time":..., "event":..., then key/value string pairs
 * (NULL values left out)}, flushed, so a crash loses nothing written. */
static void event(const session *s, const char *name, ...)
{
    if (!s->o->transcript)
        return;
    char when[32];
    iso_time(clock_now(s), when);
    json_t *v = json_object();
    json_object_set_new(v, "time", json_string(when));
    json_object_set_new(v, "event", json_string(name));
    va_list ap;
    va_start(ap, name);
    for (const char *k; (k = va_arg(ap, const char *));) {
        const char *val = va_arg(ap, const char *);
        if (val)
            json_object_set_new(v, k, json_string(val));
    }
    va_end(ap);
    char *line = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    errno = 0;
    bool ok = line && fprintf(s->o->transcript, "%s\n", line) >= 0;
    ok = fflush(s->o->transcript) == 0 && ok;
    free(line);
    json_decref(v);
    if (!ok && !*s->transcript_errno)
        transcript_failed(s, errno ? errno : EIO);
}

/* ---- showing a node ---------------------------------------------------- */

static void line(const session *s, const char *key, const char *value)
{
    if (value)
        say(s, "%s%-9s %s\n", s->indent, key, value);
}

static void timescale(const session *s, const char *key, pathway_timescale t,
                      const char *after)
{
    if (t.unit == PATHWAY_UNIT_NONE)
        return;
    const char *unit = pathway_unit_name(t.unit);
    say(s, "%s%-9s %d ", s->indent, key, t.value);
    size_t n = strlen(unit) - (t.value == 1); /* "hours" -> "hour" */
    for (size_t i = 0; i < n; i++)
        fputc(unit[i] == '-' ? ' ' : unit[i], s->out);
    say(s, "%s\n", after);
}

/* What the pathway does not say yet (`tbc`): one line each, said as
 * such, never as something to do. indent: the line's indent; stage: the
 * stage it is about, or NULL. */
static void tbc(const session *s, const char *indent, const char *stage,
                const char *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        say(s, "%sTo be confirmed%s%s%s: %s\n", indent,
            stage ? " about the stage '" : "", stage ? stage : "", stage ? "'" : "",
            items[i]);
}

static void contact(const session *s, const pathway_contact *c)
{
    say(s, "%s%-9s %s", s->indent, "Contact", c->title ? c->title : c->id);
    if (c->phone)
        say(s, ", phone %s", c->phone);
    if (c->email)
        say(s, ", email %s", c->email);
    if (c->url)
        say(s, ", %s", c->url);
    if (c->hours)
        say(s, " (%s)", c->hours);
    if (c->out_of_hours)
        say(s, "; out of hours: %s%s%s", c->out_of_hours->title,
            c->out_of_hours->phone ? ", phone " : "",
            c->out_of_hours->phone ? c->out_of_hours->phone : "");
    fputc('\n', s->out);
    tbc(s, s->under, NULL, c->tbc, c->ntbc);
}

/* "not-stated" is not a rule: the source does not say, so the person is
 * sent to their DSL rather than told one. */
static void consent(const session *s, pathway_consent c)
{
    static const char *const words[] = {"", "needed", "not needed",
                                        "seek it, unless that would be unsafe",
                                        "inform them, unless that would be unsafe",
                                        "does not apply",
                                        "not stated — ask your DSL"};
    if (c.rule == PATHWAY_CONSENT_NONE || (size_t)c.rule >= sizeof words / sizeof *words)
        return;
    say(s, "%s%-9s %s%s%s\n", s->indent, "Consent", words[c.rule],
        c.text ? ". " : "", c.text ? c.text : "");
}

static void heading(const session *s, const pathway_node *n)
{
    static const char *const kinds[] = {"", "Step", "Question", "Outcome", "Together"};
    say(s, "\n%zu. %s\n", n->index + 1, n->title);
    say(s, "   [%s", kinds[n->kind]);
    if (n->kind == PATHWAY_OUTCOME)
        say(s, ": %s", pathway_outcome_name(n->outcome));
    if (n->stage)
        say(s, " · %s", n->stage->title ? n->stage->title : n->stage->id);
    if (n->urgency != PATHWAY_URGENCY_ROUTINE)
        say(s, " · %s", n->urgency == PATHWAY_URGENCY_IMMEDIATE ? "IMMEDIATE" : "URGENT");
    say(s, "]\n");
}

/* What node n says: who, what, when, with whom; at the session's indent. */
static void fields(const session *s, const pathway_node *n)
{
    line(s, "When", n->when);
    line(s, "Who", n->by ? (n->by->title ? n->by->title : n->by->id) : n->by_text);
    for (size_t i = 0; i < n->ndo; i++)
        line(s, i ? "" : "Do", n->do_items[i]);
    timescale(s, "Within", n->within, " at most");
    timescale(s, "Target", n->target, "");
    timescale(s, "Review", n->review_after, " after");
    consent(s, n->consent);
    for (size_t i = 0; i < n->ncontacts; i++)
        contact(s, n->contacts[i]);
    for (size_t i = 0; i < n->nforms; i++) {
        line(s, "Form", n->forms[i]->title ? n->forms[i]->title : n->forms[i]->id);
        tbc(s, s->under, NULL, n->forms[i]->tbc, n->forms[i]->ntbc);
    }
    line(s, "Record", n->record);
    line(s, "Note", n->note);
    tbc(s, s->indent, NULL, n->tbc, n->ntbc);
    if (n->personal)
        line(s, "Personal", "this duty is yours: it cannot be handed on");
    for (size_t i = 0; i < n->nalso; i++)
        say(s, "%s%-9s %s%s%s\n", s->indent, "Also",
            n->also[i].node ? n->also[i].node->title : n->also[i].pathway,
            n->also[i].why ? " — " : "", n->also[i].why ? n->also[i].why : "");
}

static void show(session *s, const pathway_node *n)
{
    heading(s, n);
    if (n->stage && n->stage != s->stage) /* entering it */
        tbc(s, "   ", n->stage->title, n->stage->tbc, n->stage->ntbc);
    s->stage = n->stage;
    fields(s, n);
}

/* A together's steps, numbered, each with its mark ([x] done); full: with
 * what each step says (under its title), and where the walk goes once
 * all are done. */
static void steps(session *s, const pathway_node *g, bool full)
{
    if (full)
        say(s, "   Do each of these, in any order:\n");
    for (size_t i = 0; i < g->nsteps; i++) {
        const pathway_node *st = g->steps[i];
        say(s, "   %zu) [%c] %s\n", i + 1,
                pathway_walk_step_done(s->w, st) ? 'x' : ' ', st->title);
        if (full) {
            set_indent(s, 10);
            fields(s, st);
            set_indent(s, 3);
        }
    }
    if (full)
        say(s, "   When all are done: %zu. %s\n", g->next->index + 1,
            g->next->title);
}

/* "any of" or "all of" */
static const char *mode_words(pathway_criteria_mode m)
{
    return m == PATHWAY_CRITERIA_ALL_OF ? "All of" : "Any of";
}

/* A question's criteria with their ids, a nested list indented under its
 * own id, and how to answer: by ticking, or yes or no. */
static void criteria(const session *s, const pathway_node *q)
{
    say(s, "   %s these:\n", mode_words(q->criteria_mode));
    for (size_t i = 0; i < q->ncriteria_items; i++) {
        const pathway_criterion *c = &q->criteria_items[i];
        if (c->text) {
            say(s, "     %-5s %s\n", c->id, c->text);
            continue;
        }
        say(s, "     %-5s %s these:\n", c->id, mode_words(c->mode));
        for (size_t k = c->first; k < c->first + c->count; k++)
            say(s, "       %-5s %s\n", q->criteria_ids[k], q->criteria[k]);
    }
    say(s, "   Type the ids of those that apply (such as %s%s%s), or none; "
           "or answer:\n", q->criteria_ids[0], q->ncriteria > 1 ? " " : "",
        q->ncriteria > 1 ? q->criteria_ids[q->ncriteria - 1] : "");
    for (size_t i = 0; i < q->nanswers; i++)
        say(s, "   %s -> %zu. %s\n", q->answers[i].id,
            q->answers[i].next->index + 1, q->answers[i].next->title);
}

static void choices(session *s, const pathway_node *n)
{
    if (n->kind == PATHWAY_TOGETHER) {
        steps(s, n, true);
        return;
    }
    if (n->kind == PATHWAY_OUTCOME) { /* one that goes on: the walk has not ended */
        say(s, "   Once you have made the call: %zu. %s\n", n->next->index + 1,
            n->next->title);
        return;
    }
    if (n->criteria_mode) {
        criteria(s, n);
        return;
    }
    if (n->scored) {
        say(s, "   Give a score from %d to %d.\n", n->score_min, n->score_max);
        for (size_t i = 0; i < n->nanswers; i++) {
            const pathway_answer *a = &n->answers[i];
            say(s, "   %d..%d%s%s -> %zu. %s\n", a->band_min, a->band_max,
                a->label ? ": " : "", a->label ? a->label : "", a->next->index + 1,
                a->next->title);
        }
        return;
    }
    for (size_t i = 0; i < n->nanswers; i++)
        say(s, "   %zu) %s -> %zu. %s\n", i + 1, n->answers[i].label,
                n->answers[i].next->index + 1, n->answers[i].next->title);
}

static void prompt(const session *s, const pathway_node *n)
{
    if (!s->o->interactive)
        return;
    if (n->kind == PATHWAY_STEP)
        say(s, "[Enter] done, next · [b] back · [q] quit > ");
    else if (n->kind == PATHWAY_OUTCOME)
        say(s, "[Enter] once the call is made, next · [b] back · [q] quit > ");
    else if (n->kind == PATHWAY_TOGETHER && pathway_walk_done_count(s->w) == n->nsteps)
        say(s, "[Enter] all done, next · [b] back · [q] quit > ");
    else if (n->kind == PATHWAY_TOGETHER)
        say(s, "Done (a step's number or id) · [b] back · [q] quit > ");
    else if (n->criteria_mode)
        say(s, "Tick (ids, or none) or answer (yes, no) · [b] back · [q] quit > ");
    else
        say(s, "Answer (%s) · [b] back · [q] quit > ",
            n->scored ? "a number" : "its number or id");
    fflush(s->out);
}

/* ---- moves --------------------------------------------------------------- */

/* Reads a line into buf without its newline and surrounding spaces; false
 * at the end of the input. */
static bool read_line(const session *s, char *buf, size_t size)
{
    /* byte by byte, not fgets: a NUL in a line must not hide its end
     * (and take the next line with it) */
    size_t len = 0;
    int c;
    while ((c = fgetc(s->in)) != EOF && c != '\n')
        if (len + 1 < size)
            buf[len++] = (char)c; /* past that, too long: not an answer either */
    if (c == EOF && len == 0)
        return false;
    buf[len] = '\0'; /* the line up to a NUL in it, if it has one */
    char *p = buf;
    while (isspace((unsigned char)*p))
        p++;
    size_t n = strlen(p);
    while (n && isspace((unsigned char)p[n - 1]))
        p[--n] = '\0';
    memmove(buf, p, n + 1);
    if (!s->o->interactive)
        say(s, "> %s\n", buf);
    return true;
}

/* Refuses input at the walk's node, as the library refuses a move. */
static pathway_code refuse(pathway_error *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static pathway_code refuse(pathway_error *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    e->code = PATHWAY_E_ARGUMENT;
    e->where[0] = '\0';
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return e->code;
}

/* The index of q's criterion text with the n bytes at id, or ncriteria;
 * *list: a nested list of that id instead, or NULL. */
static size_t criterion(const pathway_node *q, const char *id, size_t n,
                        const pathway_criterion **list)
{
    *list = NULL;
    for (size_t i = 0; i < q->ncriteria_items; i++) {
        const pathway_criterion *c = &q->criteria_items[i];
        if (!c->text && strlen(c->id) == n && strncmp(c->id, id, n) == 0)
            *list = c;
    }
    size_t k = 0;
    while (k < q->ncriteria && !(strlen(q->criteria_ids[k]) == n &&
                                 strncmp(q->criteria_ids[k], id, n) == 0))
        k++;
    return k;
}

/* The criteria of question q ticked in a ("1 2.1", or "none") into
 * ticked; PATHWAY_E_ANSWER when a is not a list of ids (an answer, then),
 * another error (in e) for an id q does not have. */
static pathway_code ticks(const pathway_node *q, const char *a, bool *ticked,
                          pathway_error *e)
{
    static const char *const space = " ,\t";
    if (strcmp(a, "none") == 0)
        return PATHWAY_OK;
    size_t tokens = 0;
    for (const char *p = a + strspn(a, space); *p; p += strspn(p, space), tokens++)
        p += strcspn(p, space);
    bool word = isalpha((unsigned char)*a) || *a == '_';
    if (tokens == 0 || (tokens == 1 && word))
        return PATHWAY_E_ANSWER;
    for (const char *p = a + strspn(a, space); *p; p += strspn(p, space)) {
        size_t n = strcspn(p, space);
        const pathway_criterion *list;
        size_t k = criterion(q, p, n, &list);
        if (list)
            return refuse(e, "'%.*s' is a list: type the ids of those in it that apply "
                          "(%s to %s)", (int)n, p, q->criteria_ids[list->first],
                          q->criteria_ids[list->first + list->count - 1]);
        if (k == q->ncriteria)
            return refuse(e, "question '%s' has no criterion '%.*s'", q->id, (int)n, p);
        ticked[k] = true;
        p += n;
    }
    return PATHWAY_OK;
}

/* At question q with criteria: the criteria ticked, or an answer. */
static pathway_code tick(const session *s, const pathway_node *q, const char *a,
                         pathway_error *e)
{
    bool *ticked = calloc(q->ncriteria, sizeof *ticked);
    if (!ticked)
        return refuse(e, "out of memory");
    pathway_code c = ticks(q, a, ticked, e);
    if (c == PATHWAY_OK)
        c = pathway_walk_criteria(s->w, ticked, q->ncriteria, e);
    else if (c == PATHWAY_E_ANSWER)
        c = pathway_walk_answer(s->w, a, e);
    free(ticked);
    return c;
}

static bool is_next(const char *a)
{
    return *a == '\0' || strcmp(a, "n") == 0 || strcmp(a, "next") == 0;
}

/* At together g: a step's number or id marks it done; Enter goes on (when
 * every step is done: the library says which are left). */
static pathway_code mark(const session *s, const pathway_node *g, const char *a,
                         pathway_error *e)
{
    if (is_next(a))
        return pathway_walk_next(s->w, e);
    char *end;
    long k = strtol(a, &end, 10);
    bool number = *a && *end == '\0' && k >= 1 && (size_t)k <= g->nsteps;
    return pathway_walk_done(s->w, number ? g->steps[k - 1]->id : a, e);
}

static pathway_code answer(const session *s, const pathway_node *n, const char *a,
                           pathway_error *e)
{
    char *end;
    long k = strtol(a, &end, 10);
    bool number = *a && *end == '\0';
    if (n->kind == PATHWAY_TOGETHER)
        return mark(s, n, a, e);
    if (n->kind != PATHWAY_QUESTION) /* a step, or an outcome that goes on */
        return is_next(a) ? pathway_walk_next(s->w, e) : pathway_walk_answer(s->w, a, e);
    if (n->criteria_mode)
        return tick(s, n, a, e);
    if (n->scored)
        return number ? pathway_walk_score(s->w, k < 0 || k > 2147483647 ? -1 : (int)k, e)
                      : pathway_walk_answer(s->w, a, e);
    if (number && k >= 1 && (size_t)k <= n->nanswers)
        return pathway_walk_answer(s->w, n->answers[k - 1].id, e);
    return pathway_walk_answer(s->w, a, e);
}

/* The ids of the criteria move m ticked, "1, 2.1" (sep ", "), or "". */
static void ticked_ids(const pathway_move *m, const char *sep, pw_text_buf *b)
{
    const char *between = "";
    for (size_t i = 0; m->ticked && i < m->from->ncriteria; i++)
        if (m->ticked[i]) {
            pw_tb_printf(b, "%s%s", between, m->from->criteria_ids[i]);
            between = sep;
        }
}

static void moved(const session *s, const pathway_node *from)
{
    const pathway_move *m = pathway_walk_move(s->w, pathway_walk_move_count(s->w) - 1);
    char score[16];
    snprintf(score, sizeof score, "%d", m->score);
    pw_text_buf ticked = {0};
    ticked_ids(m, " ", &ticked);
    event(s, "move", "node", from->id, "step", m->step ? m->step->id : NULL, "ticked",
          m->kind == PATHWAY_MOVE_CRITERIA ? pw_tb_str(&ticked) : NULL, "answer",
          m->answer && m->answer->id ? m->answer->id : NULL, "score",
          m->kind == PATHWAY_MOVE_SCORE ? score : NULL, "to", m->to->id, NULL);
    pw_tb_free(&ticked);
}

/* After a move at node n: what ticking gave; at a together, the marks,
 * and on by itself once the last step is done. */
static void after(session *s, const pathway_node *n)
{
    const pathway_move *m = pathway_walk_move(s->w, pathway_walk_move_count(s->w) - 1);
    if (m->kind == PATHWAY_MOVE_CRITERIA) {
        pw_text_buf ids = {0};
        ticked_ids(m, ", ", &ids);
        say(s, "   %s%s: the answer is %s.\n", ids.n ? "Ticked " : "None ticked",
            pw_tb_str(&ids), m->answer->label);
        pw_tb_free(&ids);
    }
    if (m->kind != PATHWAY_MOVE_DONE)
        return;
    steps(s, n, false);
    if (pathway_walk_done_count(s->w) < n->nsteps)
        return;
    say(s, "   All done.\n");
    pathway_error e;
    if (pathway_walk_next(s->w, &e) == PATHWAY_OK)
        moved(s, n);
}

/* One line of input at node n. Returns 1 to go on, 0 to stop (quit or the
 * end of the input). */
static int step(session *s, const pathway_node *n)
{
    char buf[256];
    if (!read_line(s, buf, sizeof buf))
        return 0;
    pathway_error e;
    if (strcmp(buf, "q") == 0 || strcmp(buf, "quit") == 0)
        return 0;
    if (strcmp(buf, "b") == 0 || strcmp(buf, "back") == 0) {
        if (pathway_walk_back(s->w, &e) == PATHWAY_OK) {
            event(s, "back", "to", pathway_walk_current(s->w)->id, NULL);
            if (pathway_walk_current(s->w) == n && n->kind == PATHWAY_TOGETHER)
                steps(s, n, false); /* a step not done again */
        } else
            say(s, "   You are at the start: there is nothing to go back to.\n");
        return 1;
    }
    if (strcmp(buf, "?") == 0 || strcmp(buf, "h") == 0 || strcmp(buf, "help") == 0) {
        say(s, "   At a step, Enter (or n) when it is done. At a question, "
               "the answer's number or id, or a score; where there are "
               "criteria, the ids of those that apply (1 2.1), or none. At "
               "steps done together, each step's number when it is done. b "
               "goes back one move, q stops%s.\n",
            s->o->save_path ? " and saves" : "");
        return 1;
    }
    if (answer(s, n, buf, &e) == PATHWAY_OK) {
        moved(s, n);
        after(s, n);
    } else
        say(s, "   Not taken: %s. Type ? for help.\n", e.message);
    return 1;
}

/* ---- the end ------------------------------------------------------------- */

/* What move m did, for the summary: "done", "score 3 (Low)", "Yes". */
static void what_was_done(const session *s, const pathway_move *m)
{
    if (m->kind == PATHWAY_MOVE_DONE || (m->kind == PATHWAY_MOVE_NEXT &&
                                         m->from->kind == PATHWAY_STEP))
        say(s, "done\n");
    else if (m->kind == PATHWAY_MOVE_NEXT && m->from->kind == PATHWAY_TOGETHER)
        say(s, "all done\n");
    else if (m->kind == PATHWAY_MOVE_NEXT) /* an emergency outcome that goes on */
        say(s, "call made\n");
    else if (m->kind == PATHWAY_MOVE_SCORE)
        say(s, "score %d%s%s%s\n", m->score, m->answer->label ? " (" : "",
            m->answer->label ? m->answer->label : "", m->answer->label ? ")" : "");
    else
        say(s, "%s", m->answer->label ? m->answer->label : m->answer->id);
    if (m->kind == PATHWAY_MOVE_CRITERIA) {
        pw_text_buf ids = {0};
        ticked_ids(m, ", ", &ids);
        say(s, " (%s%s)", ids.n ? "ticked " : "none ticked", pw_tb_str(&ids));
        pw_tb_free(&ids);
    }
    if (m->kind == PATHWAY_MOVE_ANSWER || m->kind == PATHWAY_MOVE_CRITERIA)
        fputc('\n', s->out);
}

static void summary(const session *s)
{
    const pathway_node *o = pathway_walk_outcome(s->w);
    say(s, "\nOutcome: %zu. %s (%s)\n\nWhat was done and decided:\n",
        o->index + 1, o->title, pathway_outcome_name(o->outcome));
    for (size_t i = 0; i < pathway_walk_move_count(s->w); i++) {
        const pathway_move *m = pathway_walk_move(s->w, i);
        const pathway_node *n = m->step ? m->step : m->from; /* a step done together */
        char when[32];
        iso_time(m->time, when);
        say(s, "  %s  %zu. %s: ", when, n->index + 1, n->title);
        what_was_done(s, m);
    }
}

static bool save(const session *s)
{
    pathway_error e;
    char *text = pathway_walk_save(s->w, &e);
    pw_output *f = text ? pw_output_open(s->o->save_path) : NULL;
    bool ok = f && fputs(text, pw_output_stream(f)) >= 0;
    if (f)
        ok = ok ? pw_output_commit(f) : (pw_output_discard(f), false);
    if (ok) {
        say(s, "Saved where you got to in %s: go on with --resume %s\n",
            s->o->save_path, s->o->save_path);
        event(s, "saved", "file", s->o->save_path, NULL);
    } else {
        complain(s, "cannot save the walk to '%s': %s",
                 s->o->save_path, text ? strerror(errno) : e.message);
    }
    pathway_free(text);
    return ok;
}

static pathway_walk *begin(const session *s)
{
    pathway_error e;
    pathway_walk *w = s->o->resume ? pathway_walk_restore(s->t, s->o->resume,
                                                          s->o->resume_len,
                                                          s->o->clock, &e)
                                   : pathway_walk_start(s->t, s->o->clock, &e);
    if (!w)
        complain(s, "cannot %s: %s",
                 s->o->resume ? "resume the saved walk" : "start a walk", e.message);
    return w;
}

/* The pathway: its title and version, when to use it, what to do in an
 * emergency, and what it does not say yet. */
static void introduce(const session *s)
{
    const pathway_info *info = pathway_table_info(s->t);
    say(s, "%s\n", info->title);
    if (info->version)
        say(s, "Version %s\n", info->version);
    if (info->summary)
        say(s, "%s\n", info->summary);
    say(s, "If anyone is in immediate danger: call 999.\n");
    if (info->no_emergency_route)
        say(s, "This pathway has no emergency route of its own%s%s\n",
            info->emergency_route_text ? ": " : ".",
            info->emergency_route_text ? info->emergency_route_text : "");
    tbc(s, "", NULL, info->tbc, info->ntbc);
}

int pw_run(const pathway_table *t, const pw_run_options *o, FILE *in, FILE *out,
           FILE *err)
{
    int transcript_errno = 0;
    session s = {t, o, NULL, in, out, err, NULL, "", "", &transcript_errno};
    set_indent(&s, 3);
    if (!(s.w = begin(&s)))
        return 2;
    introduce(&s);
    const pathway_info *info = pathway_table_info(t);
    event(&s, o->resume ? "resume" : "start", "pathway", info->id, "hash",
          info->content_hash, "node", pathway_walk_current(s.w)->id, NULL);
    const pathway_node *shown = NULL;
    int going = 1;
    while (going && !pathway_walk_finished(s.w)) {
        const pathway_node *n = pathway_walk_current(s.w);
        if (n != shown) {
            show(&s, n);
            choices(&s, n);
            shown = n;
        }
        prompt(&s, n);
        going = step(&s, n);
    }
    int status = 0;
    if (pathway_walk_finished(s.w)) {
        show(&s, pathway_walk_outcome(s.w));
        summary(&s);
        event(&s, "end", "outcome", pathway_walk_outcome(s.w)->id, NULL);
    } else {
        say(&s, "\nStopped before the end of the pathway.\n");
        event(&s, "stop", "node", pathway_walk_current(s.w)->id, NULL);
        status = o->save_path && !save(&s) ? 2 : 1;
    }
    if (!transcript_done(&s))
        status = 2;
    pathway_walk_free(s.w);
    return status;
}
