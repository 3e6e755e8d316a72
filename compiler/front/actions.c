#include "front/actions.h"

#include "front/describe.h"
#include "front/syntax_error.h"
#include "support/suggest.h"

#include <stdio.h>
#include <string.h>

/* The node's name for messages: "step 'x'", or "this step". */
static void describe(const pw_ast_node *n, char *buf, size_t size)
{
    if (n->id.text)
        snprintf(buf, size, "%s '%.60s'", pw_node_kind_name(n->kind), n->id.text);
    else
        snprintf(buf, size, "this %s", pw_node_kind_name(n->kind));
}

/* Reports a field the current node's kind does not take (f: the node
 * field, PW_F_NONE when no node takes kw); true when it is taken. */
static bool node_allows(pw_parser *p, pw_field f, pw_keyword kw, pw_span at)
{
    pw_ast_node *n = p->node;
    if (f != PW_F_NONE && pw_field_takes(f, n->kind))
        return true;
    char what[96], takes[512];
    describe(n, what, sizeof what);
    pw_value_form form = f != PW_F_NONE ? pw_field_get(f)->form : PW_V_FLAG;
    pw_diagnostic *g;
    if (f == PW_F_NODE_NEXT && n->kind == PW_OUTCOME) {
        g = pw_diag_error(p->diag, "E0116", p->src, at,
                          "an outcome cannot have 'next': a walk ends at an "
                          "outcome");
        pw_diag_help(g, "remove 'next', or make %s a step if the walk goes on",
                     n->id.text ? n->id.text : "it");
    } else if (f == PW_F_NODE_NEXT && n->kind == PW_QUESTION) {
        g = pw_diag_error(p->diag, "E0110", p->src, at,
                          "a question cannot have 'next': its answers say "
                          "where to go");
        pw_diag_help(g, "write each answer with its target, as in: yes -> %s",
                     "call_999");
    } else if (form == PW_V_ANSWER || form == PW_V_CRITERIA || form == PW_V_RANGE ||
               form == PW_V_BAND) {
        g = pw_diag_error(p->diag, "E0110", p->src, at,
                          "%s %s cannot have answers: only a question branches",
                          pw_describe_article(n->kind), pw_node_kind_name(n->kind));
        pw_diag_help(g, "make %s a question, or use 'next' to go on to one "
                        "node", what);
    } else {
        g = pw_diag_error(p->diag, "E0110", p->src, at,
                          "%s %s cannot have '%s'", pw_describe_article(n->kind),
                          pw_node_kind_name(n->kind),
                          f != PW_F_NONE ? pw_field_name(f) : pw_keyword_spelling(kw));
        pw_diag_help(g, "%s", pw_describe_kind_takes(n->kind, takes, sizeof takes));
    }
    return false;
}

/* Reports a single-valued field given a second time; true the first time. */
static bool once(pw_parser *p, pw_seen *seen, pw_field f, pw_span at)
{
    if (!seen->has[f]) {
        seen->has[f] = true;
        seen->at[f] = at;
        return true;
    }
    pw_diagnostic *g = pw_diag_error(p->diag, "E0111", p->src, at,
                                     "'%s' is given twice", pw_field_name(f));
    pw_diag_note(g, p->src, seen->at[f], "first given here");
    pw_diag_help(g, "keep one '%s' and remove the other", pw_field_name(f));
    return false;
}

/* A node's field (answers, bands and criteria included): taken by its
 * kind, and given once when it may be given only once. */
static bool node_field(pw_parser *p, pw_field f, pw_span at)
{
    if (!node_allows(p, f, pw_field_get(f)->keyword, at))
        return false;
    return pw_field_get(f)->many || once(p, &p->node_seen, f, at);
}

/* ---- values ----------------------------------------------------------- */

/* "a, b and c" of the n words in cands. */
static void join_words(const char *const *cands, size_t n, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                i == 0 ? "" : i + 1 == n ? " and " : ", ", cands[i]);
}

/* Reports v, which is none of cands (NULL-terminated), with the allowed
 * ones in list. */
static void unknown_word(pw_parser *p, pw_name v, const char *what,
                         const char *const *cands, const char *list)
{
    pw_diagnostic *g = pw_diag_error(p->diag, "E0112", p->src, v.span,
                                     "unknown %s '%s'", what, v.text);
    const char *best = pw_suggest_from(v.text, cands);
    if (best)
        pw_diag_help(g, "did you mean '%s'? (%s is one of %s)", best, what, list);
    else
        pw_diag_help(g, "%s is one of %s", what, list);
}

/* v's value in set, or 0 after reporting a word that is not one. */
static int lookup(pw_parser *p, pw_word_set set, pw_name v)
{
    int value = pw_word_find(set, v.text);
    if (value)
        return value;
    const char *cands[32];
    size_t n = 0;
    for (int i = 1; i <= pw_word_count(set) && n < 31; i++)
        cands[n++] = pw_word_spelling(set, i);
    cands[n] = NULL;
    char list[512];
    join_words(cands, n, list, sizeof list);
    unknown_word(p, v, pw_words_what(set), cands, list);
    return 0;
}

pw_timescale pw_act_make_timescale(pw_parser *p, int32_t value, pw_name unit,
                                   pw_span at)
{
    pw_timescale t = {value, pw_unit_find(unit.text), at};
    if (t.unit == PW_UNIT_NONE) {
        const char *cands[2 * PW_UNIT_COUNT + 1], *plurals[PW_UNIT_COUNT];
        size_t n = 0, m = 0;
        for (int u = PW_UNIT_NONE + 1; u < PW_UNIT_COUNT; u++) {
            cands[n++] = pw_unit_name((pw_unit)u, 1);
            cands[n++] = plurals[m++] = pw_unit_name((pw_unit)u, 2);
        }
        cands[n] = NULL;
        char list[512];
        join_words(plurals, m, list, sizeof list - 24);
        strcat(list, " (singular or plural)");
        unknown_word(p, unit, "unit of time", cands, list);
    }
    if (value == 0 && t.unit != PW_UNIT_NONE) {
        pw_diagnostic *g = pw_diag_error(p->diag, "E0114", p->src, at,
                                         "a timescale of 0 %s is not a timescale",
                                         unit.text);
        pw_diag_help(g, "give at least 1, as in '1 %s'; for something to do "
                        "at once, use 'urgency immediate'",
                     pw_unit_name(t.unit, 1));
        t.unit = PW_UNIT_NONE;
    }
    return t;
}

pw_text pw_act_join(pw_parser *p, pw_text a, pw_text b)
{
    size_t n = strlen(a.text), m = strlen(b.text);
    char *s = pw_arena_alloc(p->arena, n + m + 1);
    memcpy(s, a.text, n);
    memcpy(s + n, b.text, m + 1);
    return (pw_text){s, {a.span.begin, b.span.end}};
}

pw_text_list pw_act_text_append(pw_parser *p, pw_text_list l, pw_text t)
{
    pw_text_item *it = pw_arena_alloc(p->arena, sizeof *it);
    it->text = t;
    if (l.last)
        l.last->next = it;
    else
        l.first = it;
    l.last = it;
    return l;
}

pw_name_list pw_act_names_append(pw_parser *p, pw_name_list l, pw_name n)
{
    pw_name_item *it = pw_arena_alloc(p->arena, sizeof *it);
    it->name = n;
    if (l.last)
        l.last->next = it;
    else
        l.first = it;
    l.last = it;
    return l;
}

/* Web addresses end up as links in checklists: only http(s), no spaces. */
static bool check_url(pw_parser *p, pw_text url)
{
    const char *s = url.text;
    bool scheme = strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;
    bool clean = scheme;
    for (const unsigned char *c = (const unsigned char *)s; *c && clean; c++)
        if (*c <= ' ' || *c == 0x7F)
            clean = false;
    if (scheme && clean && strlen(s) > (s[4] == 's' ? 8u : 7u))
        return true;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0113", p->src, url.span,
                                     !scheme ? "'%.80s' is not a web address "
                                               "that starts with https://"
                                             : "'%.80s' is not a valid web address",
                                     s);
    pw_diag_help(g, scheme && !clean ? "a web address has no spaces or control "
                                       "characters"
                  : scheme ? "the address after the scheme is missing, as in "
                             "https://www.example.org.uk/page"
                           : "web addresses must start with https:// (or "
                             "http://); write a phone number or email in "
                             "'phone' or 'email'");
    return false;
}

static bool check_email(pw_parser *p, pw_text email)
{
    const char *at = strchr(email.text, '@');
    bool ok = at && at != email.text && at[1] && !strchr(at + 1, '@');
    for (const unsigned char *c = (const unsigned char *)email.text; *c && ok; c++)
        if (*c <= ' ' || *c == 0x7F || *c == '<' || *c == '>' || *c == '"')
            ok = false;
    if (ok)
        return true;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0119", p->src, email.span,
                                     "'%.80s' is not an email address", email.text);
    pw_diag_help(g, "write one address, as in team@example.org.uk");
    return false;
}

/* ---- fields ------------------------------------------------------------ */

static pw_ast_field *new_field(pw_parser *p, pw_keyword kw, pw_span at)
{
    pw_ast_field *f = pw_arena_alloc(p->arena, sizeof *f);
    f->field = (pw_field)kw; /* the keyword, until pw_act_field knows the field */
    f->span = at;
    return f;
}

pw_ast_field *pw_act_text(pw_parser *p, pw_keyword kw, pw_text v, pw_span at)
{
    pw_ast_field *f = new_field(p, kw, at);
    f->v.text = v;
    return f;
}

pw_ast_field *pw_act_name(pw_parser *p, pw_keyword kw, pw_name v, pw_span at)
{
    pw_ast_field *f = new_field(p, kw, at);
    f->v.name = v;
    return f;
}

pw_ast_field *pw_act_names(pw_parser *p, pw_keyword kw, pw_name_list v, pw_span at)
{
    pw_ast_field *f = new_field(p, kw, at);
    for (pw_name_item *it = v.first; it; it = it->next)
        it->field = at;
    f->v.names = v.first;
    return f;
}

pw_ast_field *pw_act_word(pw_parser *p, pw_keyword kw, pw_name word, pw_text text,
                          pw_span at)
{
    pw_ast_field *f = new_field(p, kw, at);
    f->v.choice.word = word;
    f->v.choice.text = text;
    return f;
}

pw_ast_field *pw_act_ref(pw_parser *p, pw_keyword kw, pw_name name, pw_text text,
                         pw_span at)
{
    pw_ast_field *f = new_field(p, kw, at);
    f->v.ref.name = name;
    f->v.ref.text = text;
    return f;
}

pw_ast_field *pw_act_date(pw_parser *p, pw_keyword kw, pw_date v, pw_span at)
{
    pw_ast_field *f = new_field(p, kw, at);
    f->v.date = v;
    return f;
}

pw_ast_field *pw_act_time(pw_parser *p, pw_keyword kw, pw_timescale v, pw_span at)
{
    pw_ast_field *f = new_field(p, kw, at);
    f->v.time = v;
    return f;
}

pw_ast_field *pw_act_source(pw_parser *p, pw_keyword kw, pw_text v, pw_text url,
                            pw_span at)
{
    pw_ast_field *f = new_field(p, kw, at);
    f->v.source.text = v;
    f->v.source.url = url;
    return f;
}

pw_ast_field *pw_act_flag(pw_parser *p, pw_keyword kw, pw_span at)
{
    return new_field(p, kw, at);
}

/* Whether declaration group g takes the field kw gives there (*f), and it
 * was not given before when it may be given once; reports it when not. */
static bool takes(pw_parser *p, pw_group g, pw_keyword kw, pw_span at, pw_field *f)
{
    *f = pw_field_find(g, kw);
    if (g == PW_G_NODE && !node_allows(p, *f, kw, at))
        return false;
    if (pw_field_get(*f)->many)
        return true;
    pw_seen *seen = g == PW_G_PATHWAY ? &p->pathway_seen
                    : g == PW_G_NODE  ? &p->node_seen
                    : g == PW_G_STAGE ? &p->stage_seen
                                      : &p->decl_seen;
    return once(p, seen, *f, at);
}

/* Whether f's value is one the language allows; reports it when not.
 * A source whose web address is wrong keeps its text. */
static bool valid(pw_parser *p, pw_ast_field *f)
{
    const pw_field_info *info = pw_field_get(f->field);
    switch (info->form) {
    case PW_V_WORD:
    case PW_V_WORD_TEXT:
        f->v.choice.value = lookup(p, info->words, f->v.choice.word);
        return f->v.choice.value != 0;
    case PW_V_SOURCE:
        if (f->v.source.url.text && !check_url(p, f->v.source.url))
            f->v.source.url = (pw_text){0};
        return true;
    case PW_V_NAMES:
        return f->v.names != NULL;
    default:
        break;
    }
    if (f->field == PW_F_CONTACT_EMAIL)
        return check_email(p, f->v.text);
    if (f->field == PW_F_CONTACT_URL || f->field == PW_F_FORM_URL)
        return check_url(p, f->v.text);
    return true;
}

bool pw_act_field(pw_parser *p, pw_group g, pw_ast_field *f, bool recovering)
{
    if (!f)
        return true;
    pw_keyword kw = (pw_keyword)f->field;
    if (!pw_field_find(g, kw)) {
        if (!recovering && !p->misplaced) {
            uint32_t n = (uint32_t)strlen(pw_keyword_spelling(kw));
            pw_syntax_misplaced(p, g, kw, (pw_span){f->span.begin, f->span.begin + n});
        }
        p->misplaced = true;
        return false;
    }
    p->misplaced = false;
    if (!takes(p, g, kw, f->span, &f->field) || !valid(p, f))
        return true;
    pw_ast_field ***tail = g == PW_G_PATHWAY   ? &p->pathway_fields_tail
                           : g == PW_G_STAGE   ? &p->stage_fields_tail
                           : g == PW_G_CONTACT ? &p->contact_fields_tail
                           : g == PW_G_FORM    ? &p->form_fields_tail
                                               : &p->node_fields_tail;
    PW_APPEND(*tail, f);
    return true;
}

/* ---- file-level declarations ------------------------------------------ */

void pw_act_import(pw_parser *p, pw_text path, pw_span at)
{
    pw_ast_import *im = pw_arena_alloc(p->arena, sizeof *im);
    im->path = path;
    im->span = at;
    PW_APPEND(p->imports_tail, im);
}

void pw_act_contact(pw_parser *p, pw_name id, pw_text title, pw_span at)
{
    if (title.text && title.span.begin != id.span.begin)
        p->misplaced = false; /* a whole declaration, not a node's field */
    pw_ast_contact *c = pw_arena_alloc(p->arena, sizeof *c);
    c->id = id;
    c->title = title;
    c->span = at;
    p->contact = c;
    p->form = NULL;
    p->contact_fields_tail = &c->fields;
    memset(&p->decl_seen, 0, sizeof p->decl_seen);
    if (id.text)
        PW_APPEND(p->contacts_tail, c);
}

void pw_act_role(pw_parser *p, pw_name id, pw_text title, pw_span at)
{
    p->misplaced = false;
    pw_ast_role *r = pw_arena_alloc(p->arena, sizeof *r);
    r->id = id;
    r->title = title;
    r->span = at;
    PW_APPEND(p->roles_tail, r);
}

void pw_act_form(pw_parser *p, pw_name id, pw_text title, pw_span at)
{
    if (title.text && title.span.begin != id.span.begin)
        p->misplaced = false; /* a whole declaration, not a node's field */
    pw_ast_form *f = pw_arena_alloc(p->arena, sizeof *f);
    f->id = id;
    f->title = title;
    f->span = at;
    p->form = f;
    p->contact = NULL;
    p->form_fields_tail = &f->fields;
    memset(&p->decl_seen, 0, sizeof p->decl_seen);
    if (id.text)
        PW_APPEND(p->forms_tail, f);
}

/* ---- pathways ----------------------------------------------------------- */

void pw_act_pathway(pw_parser *p, pw_name id, pw_text title, pw_span at)
{
    p->misplaced = false;
    pw_ast_pathway *w = pw_arena_alloc(p->arena, sizeof *w);
    w->id = id;
    w->title = title;
    w->span = at;
    p->pathway = w;
    p->stage = NULL;
    memset(&p->pathway_seen, 0, sizeof p->pathway_seen);
    if (id.text)
        PW_APPEND(p->pathways_tail, w);
    /* Contacts, roles and forms declared inside are local to it. */
    p->pathway_fields_tail = &w->fields;
    p->contacts_tail = &w->contacts;
    p->roles_tail = &w->roles;
    p->forms_tail = &w->forms;
    p->stages_tail = &w->stages;
    p->nodes_tail = &w->nodes;
    p->scenarios_tail = &w->scenarios;
    p->asserts_tail = &w->asserts;
}

void pw_act_pathway_end(pw_parser *p, pw_span at)
{
    p->pathway->span = at;
    p->pathway = NULL;
    p->contacts_tail = p->file_contacts_tail;
    p->roles_tail = p->file_roles_tail;
    p->forms_tail = p->file_forms_tail;
}

void pw_act_stage(pw_parser *p, pw_name id, pw_text title, pw_span at)
{
    p->misplaced = false;
    pw_ast_stage *s = pw_arena_alloc(p->arena, sizeof *s);
    s->id = id;
    s->title = title;
    s->span = at;
    p->stage = s;
    p->stage_fields_tail = &s->fields;
    memset(&p->stage_seen, 0, sizeof p->stage_seen);
    if (id.text)
        PW_APPEND(p->stages_tail, s);
}

void pw_act_stage_end(pw_parser *p)
{
    p->stage = NULL;
}

/* ---- nodes -------------------------------------------------------------- */

void pw_act_node(pw_parser *p, pw_node_kind kind, pw_name id, pw_text title,
                 pw_span at)
{
    p->misplaced = false;
    pw_ast_node *n = pw_arena_alloc(p->arena, sizeof *n);
    n->kind = kind;
    n->id = id;
    n->title = title;
    n->span = at;
    n->stage = p->stage;
    p->node = n;
    memset(&p->node_seen, 0, sizeof p->node_seen);
    p->node_fields_tail = &n->fields;
    p->answers_tail = &n->answers;
    /* A node whose head did not parse is built but not kept, so its fields
     * have somewhere to go and nothing later trips on a nameless node. */
    if (id.text) {
        *p->nodes_tail = n;
        p->nodes_tail = &n->next_node;
    }
}

void pw_act_node_end(pw_parser *p, pw_span at)
{
    p->node->span = at;
}
void pw_act_answer(pw_parser *p, pw_name id, pw_text label, pw_name target,
                     pw_span at)
{
    if (!node_field(p, PW_F_NODE_ANSWERS, at))
        return;
    pw_answer *a = pw_arena_alloc(p->arena, sizeof *a);
    p->last_answer = a;
    a->id = id;
    a->label = label;
    a->target = target;
    a->span = at;
    PW_APPEND(p->answers_tail, a);
}

void pw_act_criteria(pw_parser *p, pw_criteria_mode mode, pw_text_list v,
                       pw_span at)
{
    if (!node_field(p, PW_F_NODE_CRITERIA, at))
        return;
    if (!v.first) {
        pw_diagnostic *g = pw_diag_error(p->diag, "E0118", p->src, at,
                                         "'%s' has no criteria",
                                         mode == PW_CRITERIA_ANY ? "any-of" : "all-of");
        pw_diag_help(g, "list each criterion as a quoted line inside the braces");
    }
    p->node->criteria_mode = mode;
    p->node->criteria = v.first;
    p->node->criteria_span = at;
}

static bool check_range(pw_parser *p, int32_t lo, int32_t hi, pw_span at,
                        const char *what)
{
    if (lo <= hi)
        return true;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0115", p->src, at,
                                     "%s %d..%d is empty: %d is greater than %d",
                                     what, lo, hi, lo, hi);
    pw_diag_help(g, "write the lower number first, as in %d..%d", hi, lo);
    return false;
}

void pw_act_score(pw_parser *p, int32_t lo, int32_t hi, pw_span range,
                    pw_span at)
{
    if (!node_field(p, PW_F_NODE_SCORE, at) ||
        !check_range(p, lo, hi, range, "the score range"))
        return;
    p->node->scored = true;
    p->node->score_lo = lo;
    p->node->score_hi = hi;
    p->node->score_span = at;
}

void pw_act_band(pw_parser *p, int32_t lo, int32_t hi, pw_span lo_at,
                 pw_span hi_at, pw_text label, pw_name target, pw_span at)
{
    pw_span range = {lo_at.begin, hi_at.end};
    if (!node_field(p, PW_F_NODE_BAND, at) ||
        !check_range(p, lo, hi, range, "the band"))
        return;
    pw_answer *a = pw_arena_alloc(p->arena, sizeof *a);
    a->banded = true;
    a->lo = lo;
    a->hi = hi;
    a->range_span = range;
    a->label = label;
    a->target = target;
    a->span = at;
    PW_APPEND(p->answers_tail, a);
}

/* ---- scenarios and assertions ----------------------------------------- */

void pw_act_scenario(pw_parser *p, pw_text name, pw_name from, pw_span at)
{
    p->misplaced = false;
    pw_ast_scenario *s = pw_arena_alloc(p->arena, sizeof *s);
    s->name = name;
    s->from = from;
    s->span = at;
    p->scenario = s;
    memset(&p->scenario_seen, 0, sizeof p->scenario_seen);
    p->scenario_answers_tail = &s->answers;
    if (name.text)
        PW_APPEND(p->scenarios_tail, s);
}

void pw_act_scenario_answer(pw_parser *p, pw_name q, pw_name a, int32_t score,
                              bool is_score, pw_span value, pw_span at)
{
    pw_scenario_answer *sa = pw_arena_alloc(p->arena, sizeof *sa);
    sa->question = q;
    sa->answer = a;
    sa->score = score;
    sa->is_score = is_score;
    sa->value_span = value;
    sa->span = at;
    PW_APPEND(p->scenario_answers_tail, sa);
}

void pw_act_expect(pw_parser *p, pw_name outcome, pw_name_list through,
                     pw_span at)
{
    if (!once(p, &p->scenario_seen, PW_F_SCENARIO_EXPECT, at))
        return;
    p->scenario->expect = outcome;
    p->scenario->expect_span = at;
    p->scenario->through = through.first;
}

void pw_act_assert(pw_parser *p, pw_assert_kind kind, pw_name a, pw_name b,
                     int32_t steps, pw_span at)
{
    p->misplaced = false;
    pw_ast_assert *as = pw_arena_alloc(p->arena, sizeof *as);
    as->kind = kind;
    as->a = a;
    as->b = b;
    as->steps = steps;
    as->span = at;
    PW_APPEND(p->asserts_tail, as);
}

void pw_act_assert_no(pw_parser *p, pw_name no, pw_name a, pw_name b,
                        pw_span at)
{
    if (strcmp(no.text, "no") != 0) {
        pw_diagnostic *g = pw_diag_error(p->diag, "E0100", p->src, no.span,
                                         "expected 'every' or 'no' before "
                                         "'path', found '%s'", no.text);
        pw_diag_help(g, "write 'assert no path reaches A before B' or "
                        "'assert every path to A passes B'");
        return;
    }
    pw_act_assert(p, PW_ASSERT_NO_PATH_BEFORE, a, b, 0, at);
}

/* ---- declarations missing a part ----------------------------------------- */

pw_name pw_act_no_name(pw_parser *p, pw_keyword kw, pw_span keyword)
{
    const char *what = pw_keyword_spelling(kw);
    pw_diagnostic *g = pw_diag_error(p->diag, "E0100", p->src,
                                     (pw_span){keyword.end, keyword.end},
                                     "expected the %s's name after '%s'", what,
                                     what);
    pw_diag_help(g, "give it a name before its title, as in: %s my_name "
                    "\"What it says\"", what);
    return (pw_name){NULL, keyword};
}

pw_text pw_act_no_title(pw_parser *p, pw_keyword kw, pw_name id)
{
    const char *what = pw_keyword_spelling(kw);
    /* `contact NAME` after a field out of place is a node's field too */
    if (p->misplaced && (kw == PW_KW_CONTACT || kw == PW_KW_FORM))
        return (pw_text){id.text, id.span};
    pw_diagnostic *g = pw_diag_error(p->diag, "E0100", p->src,
                                     (pw_span){id.span.end, id.span.end},
                                     "expected the %s's title, in quotes, after "
                                     "'%s'", what, id.text);
    pw_diag_help(g, "write it as: %s %s \"What it says\"", what, id.text);
    return (pw_text){id.text, id.span};
}

bool pw_act_resync(pw_parser *p, pw_span keyword)
{
    return pw_source_line_of(p->src, p->last_tok.begin) >
           pw_source_line_of(p->src, keyword.end);
}
