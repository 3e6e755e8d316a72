#include "front/actions.h"

#include "support/suggest.h"

#include <stdio.h>
#include <string.h>

static const char *const field_names[PW_F_COUNT] = {
    [PW_F_BY] = "by", [PW_F_DO] = "do", [PW_F_RECORD] = "record",
    [PW_F_FORM] = "form", [PW_F_CONTACT] = "contact", [PW_F_WITHIN] = "within",
    [PW_F_TARGET] = "target", [PW_F_URGENCY] = "urgency",
    [PW_F_CONSENT] = "consent", [PW_F_WHEN] = "when", [PW_F_NOTE] = "note",
    [PW_F_PERSONAL] = "personal", [PW_F_ALSO] = "also",
    [PW_F_SOURCE] = "source", [PW_F_REPLACES] = "replaces",
    [PW_F_NEXT] = "next", [PW_F_KIND] = "kind",
    [PW_F_REVIEW_AFTER] = "review-after", [PW_F_ANSWER] = "answers",
    [PW_F_CRITERIA] = "any-of/all-of", [PW_F_SCORE] = "score",
    [PW_F_BAND] = "band", [PW_F_PHONE] = "phone", [PW_F_EMAIL] = "email",
    [PW_F_URL] = "url", [PW_F_HOURS] = "hours",
    [PW_F_OUT_OF_HOURS] = "out-of-hours", [PW_F_VERIFIED] = "verified",
    [PW_F_VERSION] = "version", [PW_F_PER_CHILD] = "per-child",
    [PW_F_OWNER] = "owner", [PW_F_STATUS] = "status",
    [PW_F_REVIEW_BY] = "review-by", [PW_F_AUDIENCE] = "audience",
    [PW_F_START] = "start", [PW_F_EXPECT] = "expect",
};

const char *pw_field_name(pw_field f)
{
    return f < PW_F_COUNT ? field_names[f] : "?";
}

#define BIT(f) (1ull << (f))

/* Which fields each node kind takes (LANGUAGE.md, "Nodes"). */
static const unsigned long long common =
    BIT(PW_F_BY) | BIT(PW_F_RECORD) | BIT(PW_F_CONTACT) | BIT(PW_F_WITHIN) |
    BIT(PW_F_TARGET) | BIT(PW_F_URGENCY) | BIT(PW_F_WHEN) | BIT(PW_F_NOTE) |
    BIT(PW_F_ALSO) | BIT(PW_F_SOURCE) | BIT(PW_F_REPLACES);
static const unsigned long long allowed[] = {
    [PW_STEP] = common | BIT(PW_F_DO) | BIT(PW_F_FORM) | BIT(PW_F_CONSENT) |
                BIT(PW_F_PERSONAL) | BIT(PW_F_NEXT),
    [PW_QUESTION] = common | BIT(PW_F_ANSWER) | BIT(PW_F_CRITERIA) |
                    BIT(PW_F_SCORE) | BIT(PW_F_BAND),
    [PW_OUTCOME] = common | BIT(PW_F_DO) | BIT(PW_F_FORM) | BIT(PW_F_CONSENT) |
                   BIT(PW_F_PERSONAL) | BIT(PW_F_KIND) | BIT(PW_F_REVIEW_AFTER),
};

static const char *const kind_takes[] = {
    [PW_STEP] = "a step takes by, do, record, form, contact, within, target, "
                "urgency, consent, when, note, personal, also, source, "
                "replaces and next",
    [PW_QUESTION] = "a question takes by, record, contact, within, target, "
                    "urgency, when, note, also, source, replaces, and its "
                    "answers (labelled, any-of/all-of, or score and bands)",
    [PW_OUTCOME] = "an outcome takes kind, review-after, by, do, record, form, "
                   "contact, within, target, urgency, consent, when, note, "
                   "personal, also, source and replaces",
};

const char *pw_build_kind_takes(pw_node_kind k)
{
    return kind_takes[k];
}

const char *pw_build_suggest_field(pw_node_kind k, const char *word)
{
    pw_suggest sg;
    pw_suggest_init(&sg, word);
    for (int f = 0; f < PW_F_ANSWER; f++)
        if (allowed[k] & BIT(f))
            pw_suggest_offer(&sg, field_names[f]);
    return pw_suggest_best(&sg);
}

static const char *article(pw_node_kind k)
{
    return k == PW_OUTCOME ? "an" : "a";
}

/* The node's name for messages: "step 'x'", or "this step". */
static void describe(const pw_ast_node *n, char *buf, size_t size)
{
    if (n->id.text)
        snprintf(buf, size, "%s '%.60s'", pw_node_kind_name(n->kind), n->id.text);
    else
        snprintf(buf, size, "this %s", pw_node_kind_name(n->kind));
}

/* Reports a field the current node's kind does not take; true when the
 * field is allowed. */
static bool node_allows(pw_parser *p, pw_field f, pw_span at)
{
    pw_ast_node *n = p->node;
    if (allowed[n->kind] & BIT(f))
        return true;
    char what[96];
    describe(n, what, sizeof what);
    pw_diagnostic *g;
    if (f == PW_F_NEXT && n->kind == PW_OUTCOME) {
        g = pw_diag_error(p->diag, "E0116", p->src, at,
                          "an outcome cannot have 'next': a walk ends at an "
                          "outcome");
        pw_diag_help(g, "remove 'next', or make %s a step if the walk goes on",
                     n->id.text ? n->id.text : "it");
    } else if (f == PW_F_NEXT && n->kind == PW_QUESTION) {
        g = pw_diag_error(p->diag, "E0110", p->src, at,
                          "a question cannot have 'next': its answers say "
                          "where to go");
        pw_diag_help(g, "write each answer with its target, as in: yes -> %s",
                     "call_999");
    } else if (f == PW_F_ANSWER || f == PW_F_CRITERIA || f == PW_F_SCORE ||
               f == PW_F_BAND) {
        g = pw_diag_error(p->diag, "E0110", p->src, at,
                          "%s %s cannot have answers: only a question branches",
                          article(n->kind), pw_node_kind_name(n->kind));
        pw_diag_help(g, "make %s a question, or use 'next' to go on to one "
                        "node", what);
    } else {
        g = pw_diag_error(p->diag, "E0110", p->src, at,
                          "%s %s cannot have '%s'", article(n->kind),
                          pw_node_kind_name(n->kind), field_names[f]);
        pw_diag_help(g, "%s", kind_takes[n->kind]);
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
                                     "'%s' is given twice", field_names[f]);
    pw_diag_note(g, p->src, seen->at[f], "first given here");
    pw_diag_help(g, "keep one '%s' and remove the other", field_names[f]);
    return false;
}

static bool node_field(pw_parser *p, pw_field f, pw_span at, bool single)
{
    if (!node_allows(p, f, at))
        return false;
    return !single || once(p, &p->node_seen, f, at);
}

/* ---- values ----------------------------------------------------------- */

typedef struct word {
    const char *word;
    int value;
} word;

/* Looks v up in words; reports an unknown word with the allowed ones. */
static int lookup(pw_parser *p, const word *words, size_t n, pw_name v,
                  const char *what, const char *list)
{
    const char *cands[16];
    for (size_t i = 0; i < n; i++) {
        if (strcmp(words[i].word, v.text) == 0)
            return words[i].value;
        cands[i] = words[i].word;
    }
    cands[n] = NULL;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0112", p->src, v.span,
                                     "unknown %s '%s'", what, v.text);
    const char *best = pw_suggest_from(v.text, cands);
    if (best)
        pw_diag_help(g, "did you mean '%s'? (%s is one of %s)", best, what, list);
    else
        pw_diag_help(g, "%s is one of %s", what, list);
    return 0;
}

#define LOOKUP(p, words, v, what, list) \
    lookup(p, words, sizeof words / sizeof *words, v, what, list)

pw_timescale pw_build_make_timescale(pw_parser *p, int32_t value, pw_name unit,
                                     pw_span at)
{
    static const word units[] = {
        {"minute", PW_UNIT_MINUTES},   {"minutes", PW_UNIT_MINUTES},
        {"hour", PW_UNIT_HOURS},       {"hours", PW_UNIT_HOURS},
        {"day", PW_UNIT_DAYS},         {"days", PW_UNIT_DAYS},
        {"working-day", PW_UNIT_WORKING_DAYS},
        {"working-days", PW_UNIT_WORKING_DAYS},
        {"week", PW_UNIT_WEEKS},       {"weeks", PW_UNIT_WEEKS},
        {"month", PW_UNIT_MONTHS},     {"months", PW_UNIT_MONTHS},
    };
    pw_timescale t = {value, PW_UNIT_NONE, at};
    t.unit = (pw_unit)LOOKUP(p, units, unit, "unit of time",
                             "minutes, hours, days, working-days, weeks and "
                             "months (singular or plural)");
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

pw_text pw_build_join(pw_parser *p, pw_text a, pw_text b)
{
    size_t n = strlen(a.text), m = strlen(b.text);
    char *s = pw_arena_alloc(p->arena, n + m + 1);
    memcpy(s, a.text, n);
    memcpy(s + n, b.text, m + 1);
    return (pw_text){s, {a.span.begin, b.span.end}};
}

pw_text_list pw_build_text_append(pw_parser *p, pw_text_list l, pw_text t)
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

pw_name_list pw_build_names_append(pw_parser *p, pw_name_list l, pw_name n)
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

/* ---- file-level declarations ------------------------------------------ */

void pw_build_import(pw_parser *p, pw_text path, pw_span at)
{
    pw_ast_import *im = pw_arena_alloc(p->arena, sizeof *im);
    im->path = path;
    im->span = at;
    PW_APPEND(p->imports_tail, im);
}

void pw_build_contact(pw_parser *p, pw_name id, pw_text title, pw_span at)
{
    pw_ast_contact *c = pw_arena_alloc(p->arena, sizeof *c);
    c->id = id;
    c->title = title;
    c->span = at;
    p->contact = c;
    p->form = NULL;
    memset(&p->decl_seen, 0, sizeof p->decl_seen);
    if (id.text)
        PW_APPEND(p->contacts_tail, c);
}

void pw_build_contact_text(pw_parser *p, pw_field f, pw_text v, pw_span at)
{
    pw_ast_contact *c = p->contact;
    if (!once(p, &p->decl_seen, f, at))
        return;
    switch (f) {
    case PW_F_PHONE: c->phone = v; break;
    case PW_F_EMAIL: if (check_email(p, v)) c->email = v; break;
    case PW_F_URL: if (check_url(p, v)) c->url = v; break;
    case PW_F_HOURS: c->hours = v; break;
    default: c->note = v; break;
    }
}

void pw_build_contact_ooh(pw_parser *p, pw_name v, pw_span at)
{
    if (once(p, &p->decl_seen, PW_F_OUT_OF_HOURS, at))
        p->contact->out_of_hours = v;
}

void pw_build_contact_verified(pw_parser *p, pw_date v, pw_span at)
{
    if (once(p, &p->decl_seen, PW_F_VERIFIED, at))
        p->contact->verified = v;
}

void pw_build_role(pw_parser *p, pw_name id, pw_text title, pw_span at)
{
    pw_ast_role *r = pw_arena_alloc(p->arena, sizeof *r);
    r->id = id;
    r->title = title;
    r->span = at;
    PW_APPEND(p->roles_tail, r);
}

void pw_build_form(pw_parser *p, pw_name id, pw_text title, pw_span at)
{
    pw_ast_form *f = pw_arena_alloc(p->arena, sizeof *f);
    f->id = id;
    f->title = title;
    f->span = at;
    p->form = f;
    p->contact = NULL;
    memset(&p->decl_seen, 0, sizeof p->decl_seen);
    if (id.text)
        PW_APPEND(p->forms_tail, f);
}

void pw_build_form_text(pw_parser *p, pw_field f, pw_text v, pw_span at)
{
    if (!once(p, &p->decl_seen, f, at))
        return;
    if (f == PW_F_VERSION)
        p->form->version = v;
    else if (f == PW_F_URL) {
        if (check_url(p, v))
            p->form->url = v;
    } else
        p->form->note = v;
}

void pw_build_form_per_child(pw_parser *p, pw_span at)
{
    if (!once(p, &p->decl_seen, PW_F_PER_CHILD, at))
        return;
    p->form->per_child = true;
    p->form->per_child_span = at;
}

/* ---- pathways ----------------------------------------------------------- */

void pw_build_pathway(pw_parser *p, pw_name id, pw_text title, pw_span at)
{
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
    p->contacts_tail = &w->contacts;
    p->roles_tail = &w->roles;
    p->forms_tail = &w->forms;
    p->stages_tail = &w->stages;
    p->nodes_tail = &w->nodes;
    p->scenarios_tail = &w->scenarios;
    p->asserts_tail = &w->asserts;
}

void pw_build_pathway_end(pw_parser *p, pw_span at)
{
    p->pathway->span = at;
    p->pathway = NULL;
    p->contacts_tail = p->file_contacts_tail;
    p->roles_tail = p->file_roles_tail;
    p->forms_tail = p->file_forms_tail;
}

void pw_build_meta_text(pw_parser *p, pw_field f, pw_text v, pw_span at)
{
    if (!once(p, &p->pathway_seen, f, at))
        return;
    pw_ast_pathway *w = p->pathway;
    switch (f) {
    case PW_F_OWNER: w->owner = v; break;
    case PW_F_VERSION: w->version = v; break;
    case PW_F_AUDIENCE: w->audience = v; break;
    default: w->note = v; break;
    }
}

void pw_build_meta_status(pw_parser *p, pw_name v, pw_span at)
{
    static const word statuses[] = {{"draft", PW_STATUS_DRAFT},
                                    {"approved", PW_STATUS_APPROVED},
                                    {"under-review", PW_STATUS_UNDER_REVIEW}};
    if (!once(p, &p->pathway_seen, PW_F_STATUS, at))
        return;
    p->pathway->status = (pw_status)LOOKUP(p, statuses, v, "status",
                                           "draft, approved and under-review");
    p->pathway->status_span = v.span;
}

void pw_build_meta_source(pw_parser *p, pw_text v, pw_text url, pw_span at)
{
    if (!once(p, &p->pathway_seen, PW_F_SOURCE, at))
        return;
    p->pathway->source = v;
    if (url.text && check_url(p, url))
        p->pathway->source_url = url;
}

void pw_build_meta_review_by(pw_parser *p, pw_date v, pw_span at)
{
    if (once(p, &p->pathway_seen, PW_F_REVIEW_BY, at))
        p->pathway->review_by = v;
}

void pw_build_meta_start(pw_parser *p, pw_name v, pw_span at)
{
    if (once(p, &p->pathway_seen, PW_F_START, at))
        p->pathway->start = v;
}

void pw_build_stage(pw_parser *p, pw_name id, pw_text title, pw_span at)
{
    pw_ast_stage *s = pw_arena_alloc(p->arena, sizeof *s);
    s->id = id;
    s->title = title;
    s->span = at;
    p->stage = s;
    if (id.text)
        PW_APPEND(p->stages_tail, s);
}

void pw_build_stage_end(pw_parser *p)
{
    p->stage = NULL;
}

/* ---- nodes -------------------------------------------------------------- */

void pw_build_node(pw_parser *p, pw_node_kind kind, pw_name id, pw_text title,
                   pw_span at)
{
    pw_ast_node *n = pw_arena_alloc(p->arena, sizeof *n);
    n->kind = kind;
    n->id = id;
    n->title = title;
    n->span = at;
    n->stage = p->stage;
    p->node = n;
    memset(&p->node_seen, 0, sizeof p->node_seen);
    p->dos_tail = &n->dos;
    p->node_forms_tail = &n->forms;
    p->node_contacts_tail = &n->contacts;
    p->replaces_tail = &n->replaces;
    p->also_tail = &n->also;
    p->answers_tail = &n->answers;
    /* A node whose head did not parse is built but not kept, so its fields
     * have somewhere to go and nothing later trips on a nameless node. */
    if (id.text) {
        *p->nodes_tail = n;
        p->nodes_tail = &n->next_node;
    }
}

void pw_build_node_end(pw_parser *p, pw_span at)
{
    p->node->span = at;
}

void pw_build_by(pw_parser *p, pw_name v, pw_span at)
{
    if (node_field(p, PW_F_BY, at, true))
        p->node->by = v;
}

void pw_build_do(pw_parser *p, pw_text v, pw_span at)
{
    if (!node_field(p, PW_F_DO, at, false))
        return;
    pw_text_item *it = pw_arena_alloc(p->arena, sizeof *it);
    it->text = v;
    PW_APPEND(p->dos_tail, it);
}

void pw_build_text(pw_parser *p, pw_field f, pw_text v, pw_span at)
{
    if (!node_field(p, f, at, true))
        return;
    if (f == PW_F_RECORD)
        p->node->record = v;
    else if (f == PW_F_WHEN)
        p->node->when = v;
    else
        p->node->note = v;
}

void pw_build_names(pw_parser *p, pw_field f, pw_name_list v, pw_span at)
{
    if (!node_field(p, f, at, false) || !v.first)
        return;
    for (pw_name_item *it = v.first; it; it = it->next)
        it->field = at;
    pw_name_item ***tail = f == PW_F_FORM      ? &p->node_forms_tail
                           : f == PW_F_CONTACT ? &p->node_contacts_tail
                                               : &p->replaces_tail;
    **tail = v.first;
    *tail = &v.last->next;
}

void pw_build_timescale(pw_parser *p, pw_field f, pw_timescale v, pw_span at)
{
    if (!node_field(p, f, at, true))
        return;
    if (f == PW_F_WITHIN)
        p->node->within = v;
    else if (f == PW_F_TARGET)
        p->node->target = v;
    else
        p->node->review_after = v;
}

void pw_build_urgency(pw_parser *p, pw_name v, pw_span at)
{
    static const word urgencies[] = {{"immediate", PW_URGENCY_IMMEDIATE},
                                     {"urgent", PW_URGENCY_URGENT},
                                     {"routine", PW_URGENCY_ROUTINE}};
    if (!node_field(p, PW_F_URGENCY, at, true))
        return;
    p->node->urgency = (pw_urgency)LOOKUP(p, urgencies, v, "urgency",
                                          "immediate, urgent and routine");
    p->node->urgency_span = at;
}

void pw_build_consent(pw_parser *p, pw_name rule, pw_text text, pw_span at)
{
    static const word rules[] = {
        {"needed", PW_CONSENT_NEEDED},
        {"not-needed", PW_CONSENT_NOT_NEEDED},
        {"seek-unless-unsafe", PW_CONSENT_SEEK_UNLESS_UNSAFE},
        {"inform-unless-unsafe", PW_CONSENT_INFORM_UNLESS_UNSAFE},
        {"not-applicable", PW_CONSENT_NOT_APPLICABLE},
    };
    if (!node_field(p, PW_F_CONSENT, at, true))
        return;
    p->node->consent = (pw_consent_rule)LOOKUP(
        p, rules, rule, "consent rule",
        "needed, not-needed, seek-unless-unsafe, inform-unless-unsafe and "
        "not-applicable");
    p->node->consent_text = text;
    p->node->consent_span = at;
}

void pw_build_kind(pw_parser *p, pw_name v, pw_span at)
{
    static const word kinds[] = {
        {"emergency", PW_OUTCOME_EMERGENCY},
        {"referral", PW_OUTCOME_REFERRAL},
        {"advice", PW_OUTCOME_ADVICE},
        {"monitor", PW_OUTCOME_MONITOR},
        {"no-further-action", PW_OUTCOME_NO_FURTHER_ACTION},
    };
    if (!node_field(p, PW_F_KIND, at, true))
        return;
    p->node->outcome = (pw_outcome_kind)LOOKUP(
        p, kinds, v, "outcome kind",
        "emergency, referral, advice, monitor and no-further-action");
    p->node->outcome_span = at;
}

void pw_build_personal(pw_parser *p, pw_span at)
{
    if (!node_field(p, PW_F_PERSONAL, at, true))
        return;
    p->node->personal = true;
    p->node->personal_span = at;
}

void pw_build_also(pw_parser *p, pw_name target, pw_text why, pw_span at)
{
    if (!node_field(p, PW_F_ALSO, at, false))
        return;
    pw_also *a = pw_arena_alloc(p->arena, sizeof *a);
    a->target = target;
    a->why = why;
    a->span = at;
    PW_APPEND(p->also_tail, a);
}

void pw_build_source(pw_parser *p, pw_text v, pw_text url, pw_span at)
{
    if (!node_field(p, PW_F_SOURCE, at, true))
        return;
    p->node->source = v;
    if (url.text && check_url(p, url))
        p->node->source_url = url;
}

void pw_build_next(pw_parser *p, pw_name v, pw_span at)
{
    if (node_field(p, PW_F_NEXT, at, true))
        p->node->next = v;
}

void pw_build_answer(pw_parser *p, pw_name id, pw_text label, pw_name target,
                     pw_span at)
{
    if (!node_field(p, PW_F_ANSWER, at, false))
        return;
    pw_answer *a = pw_arena_alloc(p->arena, sizeof *a);
    p->last_answer = a;
    a->id = id;
    a->label = label;
    a->target = target;
    a->span = at;
    PW_APPEND(p->answers_tail, a);
}

void pw_build_criteria(pw_parser *p, pw_criteria_mode mode, pw_text_list v,
                       pw_span at)
{
    if (!node_field(p, PW_F_CRITERIA, at, true))
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

void pw_build_score(pw_parser *p, int32_t lo, int32_t hi, pw_span range,
                    pw_span at)
{
    if (!node_field(p, PW_F_SCORE, at, true) ||
        !check_range(p, lo, hi, range, "the score range"))
        return;
    p->node->scored = true;
    p->node->score_lo = lo;
    p->node->score_hi = hi;
    p->node->score_span = at;
}

void pw_build_band(pw_parser *p, int32_t lo, int32_t hi, pw_span lo_at,
                   pw_span hi_at, pw_name target, pw_span at)
{
    pw_span range = {lo_at.begin, hi_at.end};
    if (!node_field(p, PW_F_BAND, at, false) ||
        !check_range(p, lo, hi, range, "the band"))
        return;
    pw_answer *a = pw_arena_alloc(p->arena, sizeof *a);
    a->banded = true;
    a->lo = lo;
    a->hi = hi;
    a->range_span = range;
    a->target = target;
    a->span = at;
    PW_APPEND(p->answers_tail, a);
}

/* ---- scenarios and assertions ----------------------------------------- */

void pw_build_scenario(pw_parser *p, pw_text name, pw_name from, pw_span at)
{
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

void pw_build_scenario_answer(pw_parser *p, pw_name q, pw_name a, int32_t score,
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

void pw_build_expect(pw_parser *p, pw_name outcome, pw_name_list through,
                     pw_span at)
{
    if (!once(p, &p->scenario_seen, PW_F_EXPECT, at))
        return;
    p->scenario->expect = outcome;
    p->scenario->expect_span = at;
    p->scenario->through = through.first;
}

void pw_build_assert(pw_parser *p, pw_assert_kind kind, pw_name a, pw_name b,
                     int32_t steps, pw_span at)
{
    pw_ast_assert *as = pw_arena_alloc(p->arena, sizeof *as);
    as->kind = kind;
    as->a = a;
    as->b = b;
    as->steps = steps;
    as->span = at;
    PW_APPEND(p->asserts_tail, as);
}

void pw_build_assert_no(pw_parser *p, pw_name no, pw_name a, pw_name b,
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
    pw_build_assert(p, PW_ASSERT_NO_PATH_BEFORE, a, b, 0, at);
}

/* ---- declarations missing a part ----------------------------------------- */

pw_name pw_build_no_name(pw_parser *p, const char *what, pw_span keyword)
{
    pw_diagnostic *g = pw_diag_error(p->diag, "E0100", p->src,
                                     (pw_span){keyword.end, keyword.end},
                                     "expected the %s's name after '%s'", what,
                                     what);
    pw_diag_help(g, "give it a name before its title, as in: %s my_name "
                    "\"What it says\"", what);
    return (pw_name){NULL, keyword};
}

pw_text pw_build_no_title(pw_parser *p, const char *what, pw_name id)
{
    pw_diagnostic *g = pw_diag_error(p->diag, "E0100", p->src,
                                     (pw_span){id.span.end, id.span.end},
                                     "expected the %s's title, in quotes, after "
                                     "'%s'", what, id.text);
    pw_diag_help(g, "write it as: %s %s \"What it says\"", what, id.text);
    return (pw_text){id.text, id.span};
}

bool pw_build_resync(pw_parser *p, pw_span keyword)
{
    return pw_source_line_of(p->src, p->last_tok.begin) >
           pw_source_line_of(p->src, keyword.end);
}
