#include "front/actions.h"

#include "front/describe.h"
#include "front/syntax_error.h"
#include "support/suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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
    char what[96], takes[512];
    describe(n, what, sizeof what);
    if (f == PW_F_NODE_NEXT && n->parent && n->kind == PW_STEP) {
        char together[96];
        describe(n->parent, together, sizeof together);
        pw_diagnostic *g = pw_diag_error(p->diag, "E0122", p->src, at,
                                         "%s is inside %s, so it has no 'next' of its "
                                         "own", what, together);
        pw_diag_help(g, "remove this 'next': the steps of a together are done in "
                        "any order, and the together's own 'next' says where the "
                        "walk goes once they all are");
        return false;
    }
    if (f != PW_F_NONE && pw_field_takes(f, n->kind))
        return true;
    pw_value_form form = f != PW_F_NONE ? pw_field_get(f)->form : PW_V_FLAG;
    pw_diagnostic *g;
    if (f == PW_F_NODE_NEXT && n->kind == PW_QUESTION) {
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
    } else if (n->kind == PW_TOGETHER && f != PW_F_NONE && pw_field_takes(f, PW_STEP)) {
        g = pw_diag_error(p->diag, "E0110", p->src, at,
                          "a together cannot have '%s': the steps inside it can",
                          pw_field_name(f));
        pw_diag_help(g, "write it inside the braces of the step it belongs to, as "
                        "in: step refer \"Refer\" { %s ... }", pw_field_name(f));
    } else {
        g = pw_diag_error(p->diag, "E0110", p->src, at,
                          "%s %s cannot have '%s'", pw_describe_article(n->kind),
                          pw_node_kind_name(n->kind),
                          f != PW_F_NONE ? pw_field_name(f) : pw_keyword_spelling(kw));
        if (kw == PW_KW_KIND) /* an outcome's: the walk may end here */
            pw_diag_help(g, "only an outcome has a 'kind': if the walk ends here, make "
                            "%s an outcome; otherwise remove it", what);
        else
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
    /* a word for the same thing, as practitioners say it */
    static const char *const synonyms[][2] = {
        {"required", "needed"},           {"necessary", "needed"},
        {"mandatory", "needed"},          {"not-required", "not-needed"},
        {"unnecessary", "not-needed"},    {"normal", "routine"},
        {"standard", "routine"},          {"low", "routine"},
        {"high", "urgent"},               {"now", "immediate"},
        {"asap", "urgent"},               {"emergency", "immediate"},
        {"final", "approved"},            {"signed-off", "approved"},
        {"review", "under-review"},       {"in-review", "under-review"},
        {"none", "no-further-action"},    {"closed", "no-further-action"},
        {"refer", "referral"},            {"watch", "monitor"},
        {"monitoring", "monitor"},        {"n-a", "not-applicable"},
        {"unknown", "not-stated"},        {"unstated", "not-stated"},
    };
    for (size_t i = 0; !best && i < sizeof synonyms / sizeof *synonyms; i++)
        if (strcasecmp(v.text, synonyms[i][0]) == 0)
            for (size_t k = 0; cands[k]; k++)
                if (strcmp(cands[k], synonyms[i][1]) == 0)
                    best = cands[k];
    /* initials: NFA for no-further-action, N/A for not-applicable */
    for (size_t i = 0; !best && cands[i]; i++) {
        char ini[16];
        size_t n = 0;
        for (const char *c = cands[i]; *c && n + 1 < sizeof ini; c++)
            if (c == cands[i] || c[-1] == '-')
                ini[n++] = *c;
        ini[n] = '\0';
        char said[16];
        size_t m = 0;
        for (const char *c = v.text; *c && m + 1 < sizeof said; c++)
            if (*c != '/' && *c != '.')
                said[m++] = *c;
        said[m] = '\0';
        if (n >= 2 && strcasecmp(ini, said) == 0)
            best = cands[i];
    }
    if (best) {
        pw_diag_help(g, "did you mean '%s'? (%s is one of %s)", best, what, list);
        pw_diag_fix(g, v.span, best);
    } else {
        pw_diag_help(g, "%s is one of %s", what, list);
    }
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

static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Two pieces of one text that join with no space between two words
 * ("at the" "youth club" reads "at theyouth club"): W0012, naming the two
 * words (up to 30 bytes of each) and what they make. */
static void joined_without_space(pw_parser *p, pw_text a, pw_text b, size_t n)
{
    if (n == 0 || !word_char(a.text[n - 1]) || !word_char(b.text[0]))
        return;
    /* a first piece with no closing quote is an error already (E0003) */
    if (a.span.end == 0 || p->src->text[a.span.end - 1] != '"')
        return;
    size_t from = n;
    while (from > 0 && a.text[from - 1] != ' ')
        from--;
    int left = (int)(n - from > 30 ? 30 : n - from);
    size_t m = strcspn(b.text, " ");
    int right = (int)(m > 30 ? 30 : m);
    pw_diagnostic *g = pw_diag_warning(
        p->diag, "W0012", "joined-text", p->src, (pw_span){b.span.begin, b.span.begin + 1},
        "these two pieces of text join with no space: '%.*s' and '%.*s' read '%.*s%.*s'",
        left, a.text + n - left, right, b.text, left, a.text + n - left, right, b.text);
    pw_diag_note(g, p->src, a.span, "the first piece");
    pw_diag_help(g, "add a space at the end of the first piece, or at the start of the "
                    "second");
}

/* A piece of text first on its line, followed there by a name and '->':
 * an answer's label written before the answer's name (`"Level 1" level_1
 * -> x`), taken for more of the text above. Reported (E0100); true then,
 * and the piece is left out of the text. */
static bool label_before_answer(pw_parser *p, pw_text b)
{
    const char *t = p->src->text;
    uint32_t i = b.span.begin;
    if (!p->node || p->node->kind != PW_QUESTION)
        return false;
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t'))
        i--;
    pw_span name, to;
    if ((i > 0 && t[i - 1] != '\n') || !pw_syntax_answer_tail(p, b.span.end, &name, &to) ||
        name.end == name.begin)
        return false;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0100", p->src, b.span,
                                     "an answer's label goes after its name");
    pw_diag_help(g, "write: %.*s %.*s -> %.*s", (int)(name.end - name.begin), t + name.begin,
                 (int)(b.span.end - b.span.begin), t + b.span.begin, (int)(to.end - to.begin),
                 t + to.begin);
    p->any_syntax_error = true;
    return true;
}

pw_text pw_act_join(pw_parser *p, pw_text a, pw_text b)
{
    if (label_before_answer(p, b))
        return a;
    size_t n = strlen(a.text), m = strlen(b.text);
    joined_without_space(p, a, b, n);
    char *s = pw_arena_alloc(p->arena, n + m + 1);
    memcpy(s, a.text, n);
    memcpy(s + n, b.text, m + 1);
    return (pw_text){s, {a.span.begin, b.span.end}};
}

static pw_criteria_list criteria_add(pw_criteria_list l, pw_ast_criterion *c)
{
    if (l.last)
        l.last->next = c;
    else
        l.first = c;
    l.last = c;
    return l;
}

/* Two texts on one line in a list of criteria, the second beginning with
 * a small letter: one criterion split in two, by the look of it (W0014).
 * Said while reading, as it is about the layout (fmt, which lays the
 * criteria out one to a line, would hide it: it stops at it). */
static void split_criterion(pw_parser *p, const pw_ast_criterion *prev, pw_text t)
{
    if (!prev || !prev->text.text || !t.text || !(t.text[0] >= 'a' && t.text[0] <= 'z') ||
        pw_source_line_of(p->src, prev->span.end) != pw_source_line_of(p->src, t.span.begin))
        return;
    const char *first = prev->text.text;
    size_t n = strlen(first);
    bool space = n && (first[n - 1] == ' ' || first[n - 1] == '-');
    pw_diagnostic *d = pw_diag_warning(p->diag, "W0014", "criterion-split", p->src,
                                       (pw_span){prev->span.begin, t.span.end},
                                       "these two texts on one line are two criteria "
                                       "of question '%s'",
                                       p->node && p->node->id.text ? p->node->id.text : "");
    pw_diag_help(d, "if they are one, join them: \"%s%s%s\"", first, space ? "" : " ",
                 t.text);
}

pw_criteria_list pw_act_criterion(pw_parser *p, pw_criteria_list l, pw_text t)
{
    split_criterion(p, l.last, t);
    pw_ast_criterion *c = pw_arena_alloc(p->arena, sizeof *c);
    c->text = t;
    c->span = t.span;
    return criteria_add(l, c);
}

pw_criteria_list pw_act_criteria_nested(pw_parser *p, pw_criteria_list l,
                                        pw_criteria_mode mode, pw_criteria_list items,
                                        pw_span at)
{
    pw_ast_criterion *c = pw_arena_alloc(p->arena, sizeof *c);
    c->mode = mode;
    c->items = items.first;
    c->span = at;
    return criteria_add(l, c);
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
/* Characters that cannot be seen, or that change the order in which the
 * characters around them are shown: in a phone number, an email or a web
 * address, what is shown would not be what is dialled or opened (a
 * right-to-left override shows 999 0120 for 0210 999). */
static const char *hidden_name(unsigned c)
{
    static const struct {
        unsigned c;
        const char *name;
    } names[] = {
        {0x00AD, "a soft hyphen"},
        {0x061C, "an Arabic letter mark"},
        {0x180E, "a Mongolian vowel separator"},
        {0x200B, "a zero-width space"},
        {0x200C, "a zero-width non-joiner"},
        {0x200D, "a zero-width joiner"},
        {0x200E, "a left-to-right mark"},
        {0x200F, "a right-to-left mark"},
        {0x2028, "a line separator"},
        {0x2029, "a paragraph separator"},
        {0x202A, "a left-to-right embedding"},
        {0x202B, "a right-to-left embedding"},
        {0x202C, "a pop directional formatting"},
        {0x202D, "a left-to-right override"},
        {0x202E, "a right-to-left override"},
        {0x2060, "a word joiner"},
        {0x2066, "a left-to-right isolate"},
        {0x2067, "a right-to-left isolate"},
        {0x2068, "a first strong isolate"},
        {0x2069, "a pop directional isolate"},
        {0xFEFF, "a zero-width no-break space (byte order mark)"},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (names[i].c == c)
            return names[i].name;
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        return "a control character";
    if ((c >= 0x2061 && c <= 0x206F) || (c >= 0xFFF9 && c <= 0xFFFB))
        return "an invisible formatting character";
    return NULL;
}

/* E0136: the first such character of v, a phone number, email or web
 * address (what), reported; false then. */
static bool check_visible(pw_parser *p, pw_text v, const char *what)
{
    const unsigned char *s = (const unsigned char *)v.text;
    for (size_t i = 0; s && s[i];) {
        unsigned c = s[i];
        size_t len = 1;
        if (c >= 0xC0 && c < 0xE0 && s[i + 1])
            c = (c & 0x1F) << 6 | (s[i + 1] & 0x3F), len = 2;
        else if (c >= 0xE0 && c < 0xF0 && s[i + 1] && s[i + 2])
            c = (c & 0x0F) << 12 | (unsigned)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F),
            len = 3;
        else if (c >= 0xF0 && s[i + 1] && s[i + 2] && s[i + 3])
            len = 4; /* outside the planes these characters are in */
        const char *name = hidden_name(c);
        if (name) {
            pw_diagnostic *g = pw_diag_error(p->diag, "E0136", p->src, v.span,
                                             "this %s holds %s (U+%04X), which cannot be "
                                             "seen", what, name, c);
            pw_diag_help(g, "retype it with plain characters: what is shown would not be "
                            "what is %s", strcmp(what, "phone number") == 0 ? "dialled"
                                                                            : "used");
            return false;
        }
        i += len;
    }
    return true;
}

static bool check_url(pw_parser *p, pw_text url)
{
    if (!check_visible(p, url, "web address"))
        return false;
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
    if (!check_visible(p, email, "email address"))
        return false;
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
    if (f->field == PW_F_CONTACT_PHONE)
        return check_visible(p, f->v.text, "phone number");
    if (f->field == PW_F_CONTACT_EMAIL)
        return check_email(p, f->v.text);
    if (f->field == PW_F_CONTACT_URL || f->field == PW_F_FORM_URL)
        return check_url(p, f->v.text);
    return true;
}

/* `do "..." when "..."` on one line: the when is the node's condition,
 * not the item's, which is seldom what the line means (W0015). */
static void when_after_do(pw_parser *p, const pw_ast_field *f)
{
    if (f->field == PW_F_NODE_DO) {
        p->last_do = f->span;
        return;
    }
    if (f->field != PW_F_NODE_WHEN || p->last_do.end == 0 || p->last_do.end > f->span.begin ||
        pw_source_line_of(p->src, p->last_do.begin) != pw_source_line_of(p->src, f->span.begin))
        return;
    uint32_t n = (uint32_t)strlen(pw_keyword_spelling(PW_KW_WHEN));
    pw_diagnostic *g = pw_diag_warning(p->diag, "W0015", "do-when", p->src,
                                       (pw_span){f->span.begin, f->span.begin + n},
                                       "this 'when' is the condition of the whole %s, "
                                       "not of the 'do' before it on the line",
                                       pw_node_kind_name(p->node->kind));
    if (g)
        pw_diag_help(g, "put 'when' on its own line if it is the %s's condition, or "
                        "say the condition in the do's text: do \"... if ...\"",
                     pw_node_kind_name(p->node->kind));
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
        /* a stage goes on: its nodes follow (`by dsl` written in it
         * belongs inside one of them); elsewhere the block is left, as
         * the field shows it is not the block it seems */
        return g == PW_G_STAGE;
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
    if (g == PW_G_NODE)
        when_after_do(p, f);
    return true;
}

/* ---- file-level declarations ------------------------------------------ */

/* A title written as "" (E0135): reported; the declaration is kept. */
static void check_title(pw_parser *p, const char *what, pw_text title)
{
    if (!title.text || title.text[0] || title.span.end - title.span.begin < 2)
        return;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0135", p->src, title.span,
                                     "this %s's title is empty", what);
    pw_diag_help(g, "a title says what the %s is, in a few words: write it between "
                    "the quotes", what);
}

void pw_act_import(pw_parser *p, pw_text path, pw_span at)
{
    pw_ast_import *im = pw_arena_alloc(p->arena, sizeof *im);
    im->path = path;
    im->span = at;
    PW_APPEND(p->imports_tail, im);
}

void pw_act_contact(pw_parser *p, pw_name id, pw_text title, pw_span at)
{
    check_title(p, "contact", title);
    if (title.text && title.span.begin != id.span.begin)
        p->misplaced = false; /* a whole declaration, not a node's field */
    pw_ast_contact *c = pw_arena_alloc(p->arena, sizeof *c);
    c->id = id;
    c->title = title;
    c->span = at;
    c->block = at; /* its head, until its block is read */
    p->contact = c;
    p->form = NULL;
    p->contact_fields_tail = &c->fields;
    memset(&p->decl_seen, 0, sizeof p->decl_seen);
    if (id.text)
        PW_APPEND(p->contacts_tail, c);
}

void pw_act_role(pw_parser *p, pw_name id, pw_text title, pw_span at)
{
    check_title(p, "role", title);
    p->misplaced = false;
    pw_ast_role *r = pw_arena_alloc(p->arena, sizeof *r);
    r->id = id;
    r->title = title;
    r->span = at;
    PW_APPEND(p->roles_tail, r);
}

void pw_act_form(pw_parser *p, pw_name id, pw_text title, pw_span at)
{
    check_title(p, "form", title);
    if (title.text && title.span.begin != id.span.begin)
        p->misplaced = false; /* a whole declaration, not a node's field */
    pw_ast_form *f = pw_arena_alloc(p->arena, sizeof *f);
    f->id = id;
    f->title = title;
    f->span = at;
    f->block = at; /* its head, until its block is read */
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
    check_title(p, "pathway", title);
    p->misplaced = false;
    pw_ast_pathway *w = pw_arena_alloc(p->arena, sizeof *w);
    w->id = id;
    w->title = title;
    w->span = at;
    p->pathway = w;
    p->stage = NULL;
    p->together = NULL;
    p->frames = NULL;
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
    check_title(p, "stage", title);
    p->misplaced = false;
    pw_ast_stage *s = pw_arena_alloc(p->arena, sizeof *s);
    s->id = id;
    s->title = title;
    s->span = at;
    s->block = at; /* its head, until its block is read */
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

/* Reports node n, written inside a together, when it is not a step. */
static void check_inside(pw_parser *p, const pw_ast_node *n)
{
    if (n->kind == PW_STEP)
        return;
    char what[96], together[96];
    describe(n, what, sizeof what);
    describe(n->parent, together, sizeof together);
    pw_span at = n->id.text ? n->id.span : n->span;
    pw_diagnostic *g;
    if (n->kind == PW_TOGETHER) {
        g = pw_diag_error(p->diag, "E0121", p->src, at,
                          "%s is inside %s: a together cannot hold another", what,
                          together);
        pw_diag_help(g, "list all the steps done together in one together, or put "
                        "this one after the '}' of %s", together);
    } else {
        g = pw_diag_error(p->diag, "E0121", p->src, at,
                          "%s is inside %s, which holds steps only", what, together);
        pw_diag_help(g, "move %s after the '}' that closes %s%s", what, together,
                     n->kind == PW_OUTCOME ? " (or is that '}' missing?)" : "");
    }
}

void pw_act_node(pw_parser *p, pw_node_kind kind, pw_name id, pw_text title,
                 pw_span at)
{
    check_title(p, pw_node_kind_name(kind), title);
    p->last_do = (pw_span){0, 0};
    p->misplaced = false;
    pw_ast_node *n = pw_arena_alloc(p->arena, sizeof *n);
    n->kind = kind;
    n->id = id;
    n->title = title;
    n->span = at;
    n->stage = p->stage;
    n->parent = p->together;
    if (n->parent) {
        /* the together's body goes on after this node */
        pw_node_frame *fr = pw_arena_alloc(p->arena, sizeof *fr);
        fr->node = p->node;
        fr->seen = p->node_seen;
        fr->fields_tail = p->node_fields_tail;
        fr->answers_tail = p->answers_tail;
        fr->inner = n;
        fr->up = p->frames;
        p->frames = fr;
        check_inside(p, n);
        if (id.text)
            n->parent->ninner++;
    }
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

/* Back to the node the current one is written in, if any. */
static void leave_node(pw_parser *p)
{
    pw_node_frame *fr = p->frames;
    if (!fr || fr->inner != p->node)
        return;
    p->node = fr->node;
    p->node_seen = fr->seen;
    p->node_fields_tail = fr->fields_tail;
    p->answers_tail = fr->answers_tail;
    p->frames = fr->up;
}

/* Only an emergency outcome goes on: any other kind ends the walk. */
static void check_outcome_next(pw_parser *p, const pw_ast_node *n)
{
    const pw_ast_field *next = pw_ast_field_get(n->fields, PW_F_NODE_NEXT);
    int kind = pw_ast_word(n->fields, PW_F_NODE_KIND);
    if (n->kind != PW_OUTCOME || !next || !kind || kind == PW_OUTCOME_EMERGENCY)
        return;
    char what[96];
    describe(n, what, sizeof what);
    pw_diagnostic *g = pw_diag_error(p->diag, "E0116", p->src, next->v.name.span,
                                     "%s is of kind %s, so the walk ends there: only "
                                     "an emergency outcome has a 'next'", what,
                                     pw_outcome_kind_name((pw_outcome_kind)kind));
    pw_diag_help(g, "remove 'next'; if '%.*s' is work to do beside this ending, write "
                    "'also %.*s \"when\"' instead; if the walk goes on after it, make %s a "
                    "step", (int)(next->v.name.span.end - next->v.name.span.begin),
                 p->src->text + next->v.name.span.begin,
                 (int)(next->v.name.span.end - next->v.name.span.begin),
                 p->src->text + next->v.name.span.begin, n->id.text ? n->id.text : "it");
}

void pw_act_node_end(pw_parser *p, pw_span at)
{
    p->node->span = at;
    check_outcome_next(p, p->node);
    leave_node(p);
}

void pw_act_together(pw_parser *p)
{
    p->together = p->node;
}

void pw_act_together_end(pw_parser *p, pw_span at)
{
    pw_ast_node *t = p->together;
    if (!t)
        return;
    /* a node inside it whose end was lost to an error */
    while (p->frames && p->node != t)
        leave_node(p);
    if (p->node != t)
        return;
    t->span = at;
    p->together = t->parent;
    if (t->ninner < 2 && t->id.text) {
        char what[96];
        describe(t, what, sizeof what);
        pw_diagnostic *g = pw_diag_error(p->diag, "E0123", p->src, t->id.span,
                                         "%s holds %s: a together is two or more "
                                         "steps, done in any order", what,
                                         t->ninner ? "one step" : "no steps");
        pw_diag_help(g, "%s", t->ninner ? "for one step, write it as a step with a "
                                          "'next' of its own"
                                        : "write the steps inside its braces, as in: "
                                          "together both \"Make both referrals\" { "
                                          "step a \"...\" { } step b \"...\" { } "
                                          "next ... }");
    }
    leave_node(p);
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

static const char *mode_name(pw_criteria_mode m)
{
    return pw_keyword_spelling(m == PW_CRITERIA_ANY ? PW_KW_ANY_OF : PW_KW_ALL_OF);
}

/* Reports an empty list, and nesting the language does not take: a list
 * nests one level, and in a list of the other kind. depth: 0 for the
 * question's own list. False when the list is not one the language takes. */
static bool check_criteria(pw_parser *p, pw_criteria_mode mode, const pw_ast_criterion *l,
                           pw_span at, int depth)
{
    bool ok = true;
    if (!l) {
        pw_diagnostic *g = pw_diag_error(p->diag, "E0118", p->src, at,
                                         "'%s' has no criteria", mode_name(mode));
        pw_diag_help(g, "list each criterion as a quoted line inside the braces");
        ok = false;
    }
    for (const pw_ast_criterion *c = l; c; c = c->next) {
        if (c->text.text)
            continue;
        pw_span kw = {c->span.begin, c->span.begin + (uint32_t)strlen(mode_name(c->mode))};
        if (depth > 0) {
            pw_diagnostic *g = pw_diag_error(p->diag, "E0120", p->src, kw,
                                             "criteria nest one level deep at most: "
                                             "this '%s' is inside a list that is "
                                             "itself inside '%s'", mode_name(c->mode),
                                             mode_name(mode == PW_CRITERIA_ANY
                                                           ? PW_CRITERIA_ALL
                                                           : PW_CRITERIA_ANY));
            pw_diag_help(g, "split the rule into two questions, one asked after the "
                            "other");
            ok = false;
            continue;
        }
        if (c->mode == mode) {
            pw_diagnostic *g = pw_diag_error(p->diag, "E0120", p->src, kw,
                                             "an '%s' inside an '%s' says nothing "
                                             "more than its criteria would in the "
                                             "outer list", mode_name(c->mode),
                                             mode_name(mode));
            pw_diag_help(g, "write its criteria in the outer list, or make the inner "
                            "list '%s' if that is what the rule says",
                         mode_name(mode == PW_CRITERIA_ANY ? PW_CRITERIA_ALL
                                                           : PW_CRITERIA_ANY));
            ok = false;
        }
        ok = check_criteria(p, c->mode, c->items, c->span, depth + 1) && ok;
    }
    return ok;
}

void pw_act_criteria(pw_parser *p, pw_criteria_mode mode, pw_criteria_list v,
                     pw_span at)
{
    if (!node_field(p, PW_F_NODE_CRITERIA, at))
        return;
    check_criteria(p, mode, v.first, at, 0);
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
    s->block = at; /* its head, until its block is read */
    p->scenario = s;
    memset(&p->scenario_seen, 0, sizeof p->scenario_seen);
    p->scenario_answers_tail = &s->answers;
    if (name.text)
        PW_APPEND(p->scenarios_tail, s);
}

void pw_act_block_end(pw_parser *p, pw_keyword kw, pw_span at)
{
    if (kw == PW_KW_CONTACT && p->contact)
        p->contact->block = at;
    else if (kw == PW_KW_FORM && p->form)
        p->form->block = at;
    else if (kw == PW_KW_STAGE && p->stage)
        p->stage->block = at;
    else if (kw == PW_KW_SCENARIO && p->scenario)
        p->scenario->block = at;
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

bool pw_act_repaired(pw_parser *p, pw_span keyword, pw_name *name, pw_text *title)
{
    *name = (pw_name){0};
    *title = (pw_text){0};
    if (!p->repair.active || p->repair.keyword != keyword.begin)
        return false;
    p->repair.active = false;
    *name = p->repair.name;
    *title = p->repair.title;
    p->skip_before = p->repair.resume;
    return true;
}
