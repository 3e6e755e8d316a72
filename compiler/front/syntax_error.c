#include "front/syntax_error.h"

#include "front/actions.h"
#include "front/lex.h"
#include "front/parser.h"
#include "support/suggest.h"

#include <stdio.h>
#include <string.h>

typedef struct follow {
    const char *keyword;
    const char *what;
} follow;

/* What each keyword must be followed by, in an author's words. */
static const follow follows[] = {
    {"import", "the file to import (in quotes)"},
    {"pathway", "the pathway's name"},
    {"stage", "the stage's name"},
    {"step", "the step's name"},
    {"question", "the question's name"},
    {"outcome", "the outcome's name"},
    {"role", "the role's name"},
    {"scenario", "the scenario's description (in quotes)"},
    {"assert", "'every path to', 'no path reaches' or a node's name"},
    {"next", "the name of the node that comes next"},
    {"by", "the role that does it"},
    {"start", "the name of the node the pathway starts at"},
    {"also", "the name of a node or pathway"},
    {"replaces", "the name this node had in an earlier version"},
    {"out-of-hours", "the name of the out-of-hours contact"},
    {"within", "a timescale such as '1 working-day'"},
    {"target", "a timescale such as '4 hours'"},
    {"review-after", "a timescale such as '4 weeks'"},
    {"urgency", "immediate, urgent or routine"},
    {"consent", "a consent rule (needed, not-needed, seek-unless-unsafe, "
                "inform-unless-unsafe or not-applicable)"},
    {"kind", "the outcome's kind (emergency, referral, advice, monitor or "
             "no-further-action)"},
    {"status", "draft, approved or under-review"},
    {"review-by", "a date such as 2025-11-30"},
    {"verified", "a date such as 2025-11-30"},
    {"any-of", "'{' and the criteria, one quoted line each"},
    {"all-of", "'{' and the criteria, one quoted line each"},
    {"score", "a range such as 0..27"},
    {"band", "a range and its target such as 0..9 -> standard_risk"},
    {"answer", "the question's name and the answer"},
    {"expect", "the name of the outcome the scenario ends at"},
    {"through", "the names of the nodes the walk passes"},
    {"->", "the node this answer leads to"},
    {"..", "the upper end of the range"},
    {",", "another name"},
};

/* Keywords followed by text in quotes. */
static const char *const takes_text[] = {
    "do", "record", "when", "note", "owner", "version", "audience", "phone",
    "email", "url", "hours", "source", NULL,
};

static bool is(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static bool in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (is(s, list[i]))
            return true;
    return false;
}

static bool wants(const char *const *want, int n, const char *tok)
{
    for (int i = 0; i < n; i++)
        if (is(want[i], tok))
            return true;
    return false;
}

static bool is_keyword(const char *s)
{
    return s && pw_lex_keyword(s, strlen(s)) != 0;
}

static bool is_token(const char *s)
{
    return is_keyword(s) || is(s, "name") || is(s, "text") || is(s, "number") ||
           is(s, "date") || is(s, "{") || is(s, "}") || is(s, ",") ||
           is(s, "->") || is(s, "..");
}

/* The source text of a span, shortened for a message. */
static void excerpt(const pw_parser *p, pw_span s, char *buf, size_t size)
{
    size_t n = s.end > s.begin ? s.end - s.begin : 0;
    bool cut = n > 40;
    if (cut) {
        n = 37;
        while (n && ((unsigned char)p->src->text[s.begin + n] & 0xC0) == 0x80)
            n--; /* keep whole UTF-8 sequences */
    }
    snprintf(buf, size, "%.*s%s", (int)n, p->src->text + s.begin, cut ? "..." : "");
}

/* "'step'", "name 'foo'", "text \"…\"", "the end of the file". */
static void describe_found(const pw_parser *p, const char *found, pw_span loc,
                           char *buf, size_t size)
{
    char text[64];
    if (!found) {
        snprintf(buf, size, "the end of the file");
        return;
    }
    excerpt(p, loc, text, sizeof text);
    if (is(found, "name") || is(found, "number") || is(found, "date"))
        snprintf(buf, size, "%s '%s'", found, text);
    else if (is(found, "text"))
        snprintf(buf, size, "text %s", text);
    else
        snprintf(buf, size, "'%s'", found);
}

/* "the step 'x'", from what the builder has open. */
static void describe_block(const pw_parser *p, const char *block, char *buf,
                           size_t size)
{
    const char *kind = "file", *id = NULL;
    if (is(block, "node_items") && p->node) {
        kind = pw_node_kind_name(p->node->kind);
        id = p->node->id.text;
    } else if (is(block, "stage_items") && p->stage) {
        kind = "stage";
        id = p->stage->id.text;
    } else if (is(block, "pathway_items") && p->pathway) {
        kind = "pathway";
        id = p->pathway->id.text;
    } else if (is(block, "contact_fields") && p->contact) {
        kind = "contact";
        id = p->contact->id.text;
    } else if (is(block, "form_fields") && p->form) {
        kind = "form";
        id = p->form->id.text;
    } else if (is(block, "scenario_items")) {
        kind = "scenario";
    } else if (is(block, "criteria")) {
        kind = "list of criteria";
    }
    if (id)
        snprintf(buf, size, "%s '%.60s'", kind, id);
    else
        snprintf(buf, size, "%s", kind);
}

static const char *block_of(const char *const *stack, int depth, int *at)
{
    static const char *const blocks[] = {
        "node_items", "stage_items", "pathway_items", "contact_fields",
        "form_fields", "scenario_items", "criteria", "file", NULL};
    for (int i = 0; i < depth; i++)
        if (in_list(stack[i], blocks)) {
            *at = i;
            return stack[i];
        }
    *at = depth;
    return "file";
}

/* The tokens that could have come, as "'a', 'b' or 'c'". */
static void list_wanted(const char *const *want, int n, char *buf, size_t size)
{
    size_t len = 0;
    int shown = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && len < size; i++) {
        if (!is_token(want[i]))
            continue;
        const char *sep = shown == 0 ? "" : (i == n - 1 ? " or " : ", ");
        const char *fmt = is(want[i], "name") || is(want[i], "text") ||
                                  is(want[i], "number") || is(want[i], "date")
                              ? "%sa %s"
                              : "%s'%s'";
        len += (size_t)snprintf(buf + len, size - len, fmt, sep, want[i]);
        shown++;
    }
}

typedef struct report {
    char msg[512];
    char help[512];
    pw_span at;
    bool note_brace; /* add "opened here" at the innermost open brace */
} report;

/* Something is missing after the previous token: point just past it when
 * what came instead is on a later line, else at what came. */
static pw_span missing_at(const pw_parser *p, const char *found, pw_span loc)
{
    if (!found || pw_source_line_of(p->src, loc.begin) >
                      pw_source_line_of(p->src, p->prev_tok.end))
        return (pw_span){p->prev_tok.end, p->prev_tok.end};
    return loc;
}

static const char *follow_of(const char *kw)
{
    for (size_t i = 0; i < sizeof follows / sizeof *follows; i++)
        if (is(follows[i].keyword, kw))
            return follows[i].what;
    if (in_list(kw, takes_text))
        return "text in quotes";
    return NULL;
}

/* A keyword was just read and what it needs did not come. */
static bool after_keyword(const pw_parser *p, const char *top, const char *below,
                          const char *found_desc, report *r)
{
    const char *what = follow_of(top);
    if (is(top, "contact") || is(top, "form")) {
        bool in_node = is(below, "node_items");
        what = in_node ? (is(top, "form") ? "the name of a form"
                                          : "the name of a contact")
                       : (is(top, "form") ? "the form's name" : "the contact's name");
    }
    if (!what)
        return false;
    (void)p;
    snprintf(r->msg, sizeof r->msg, "expected %s after '%s', found %s", what,
             top, found_desc);
    return true;
}

/* What a block can hold, for help text. */
static void block_help(const pw_parser *p, const char *block, const char *wanted,
                       char *buf, size_t size)
{
    if (is(block, "node_items") && p->node)
        snprintf(buf, size, "%s; end it with '}'", pw_build_kind_takes(p->node->kind));
    else if (is(block, "pathway_items"))
        snprintf(buf, size, "a pathway holds owner, version, status, source, "
                 "review-by, audience, start, note, contacts, roles, forms, "
                 "stages, steps, questions, outcomes, scenarios and assertions");
    else if (is(block, "file"))
        snprintf(buf, size, "a file holds import, contact, role, form and "
                 "pathway declarations");
    else
        snprintf(buf, size, "expected %s", wanted);
}

static const char *const decl_keywords[] = {
    "pathway", "stage", "step", "question", "outcome", "contact", "form",
    "role", NULL,
};

/* Bison names a character token with its quotes ("'{'"); use the bare
 * character, as for every other token. */
static const char *bare(const char *name)
{
    static const char *const chars[] = {"{", "}", ","};
    if (name && name[0] == '\'' && name[1] && name[2] == '\'' && !name[3])
        for (size_t i = 0; i < sizeof chars / sizeof *chars; i++)
            if (name[1] == chars[i][0])
                return chars[i];
    return name;
}

/* Openers that each block takes: a declaration keyword met where the
 * innermost block does not take it means that block's '}' is missing. */
typedef struct takes {
    const char *block;
    const char *const *openers;
} takes;

static const char *const file_openers[] = {"import", "contact", "role", "form",
                                           "pathway", NULL};
static const char *const pathway_openers[] = {"contact", "role", "form", "stage",
                                              "step", "question", "outcome",
                                              "scenario", "assert", NULL};
static const char *const stage_openers[] = {"step", "question", "outcome", NULL};
static const char *const node_openers[] = {"contact", "form", NULL};
static const char *const no_openers[] = {NULL};
static const char *const all_openers[] = {"import", "contact", "role", "form",
                                          "pathway", "stage", "step", "question",
                                          "outcome", "scenario", "assert", NULL};

static const takes block_takes[] = {
    {"file", file_openers},           {"pathway_items", pathway_openers},
    {"stage_items", stage_openers},   {"node_items", node_openers},
    {"contact_fields", no_openers},   {"form_fields", no_openers},
    {"scenario_items", no_openers},   {"criteria", no_openers},
};

static const char *const *openers_of(const char *block)
{
    for (size_t i = 0; i < sizeof block_takes / sizeof *block_takes; i++)
        if (is(block_takes[i].block, block))
            return block_takes[i].openers;
    return NULL;
}

/* How many blocks, innermost first, must close before found fits: 0 when
 * found is no opener or fits nowhere on the stack. */
static int blocks_to_close(const char *found, const char *const *stack, int depth)
{
    if (!in_list(found, all_openers))
        return 0;
    int closing = 0;
    for (int i = 0; i <= depth; i++) {
        const char *sym = i < depth ? stack[i] : "file";
        const char *const *takes_here = openers_of(sym);
        if (!takes_here)
            continue;
        if (in_list(found, takes_here))
            return closing;
        if (is(sym, "file"))
            return 0;
        closing++;
    }
    return 0;
}

/* Queue the missing braces and the token that showed them missing, so the
 * parser goes on as if they had been written: what follows parses as the
 * author meant, instead of as a cascade of errors. */
static void queue_closers(pw_parser *p, int k, int brace, const char *found,
                          pw_span loc)
{
    int max = (int)(sizeof p->pending / sizeof *p->pending) - 1;
    if (k > max)
        k = max;
    p->npending = 0;
    for (int i = 0; i < k; i++) {
        p->pending_name[p->npending] = (pw_name){0};
        p->pending[p->npending] = brace;
        p->pending_at[p->npending++] = (pw_span){p->prev_tok.end, p->prev_tok.end};
    }
    p->pending_name[p->npending] = (pw_name){0};
    p->pending[p->npending] = pw_lex_keyword(found, strlen(found));
    p->pending_at[p->npending++] = loc;
}

/* An answer's '->' is missing before its target: go on as if written. */
static void queue_arrow(pw_parser *p, pw_span loc)
{
    p->npending = 2;
    p->pending[0] = PW_T_ARROW;
    p->pending_at[0] = (pw_span){loc.begin, loc.begin};
    p->pending_name[0] = (pw_name){0};
    p->pending[1] = PW_T_IDENT;
    p->pending_at[1] = loc;
    p->pending_name[1] = (pw_name){
        pw_arena_strndup(p->arena, p->src->text + loc.begin, loc.end - loc.begin),
        loc};
}

/* Everything a message is made from. */
typedef struct context {
    const char *found;   /* token met, NULL at the end of the file */
    pw_span loc;         /* where */
    const char *const *want;
    int n;
    const char *const *stack;
    int depth;
    const char *top, *below, *below2;
    const char *block;   /* innermost block on the stack */
    int block_at;        /* its depth */
    char found_desc[96], block_desc[96], wanted[400], prev[64];
} context;

/* Blocks still open at the end of the file. */
static int open_blocks(const context *c)
{
    int k = 0;
    for (int i = 0; i < c->depth; i++)
        if (openers_of(c->stack[i]) && !is(c->stack[i], "file"))
            k++;
    return k;
}

static void missing_brace(pw_parser *p, const context *c, int closing, report *r)
{
    char outer[96] = "";
    if (closing > 1) {
        int second;
        const char *b2 = block_of(c->stack + c->block_at + 1,
                                  c->depth - c->block_at - 1, &second);
        describe_block(p, b2, outer, sizeof outer);
    }
    snprintf(r->msg, sizeof r->msg, "expected '}' to close %s%s%s%s, found %s",
             c->block_desc, closing > 1 ? (closing > 2 ? ", " : " and ") : "",
             outer, closing > 2 ? " and more" : "", c->found_desc);
    snprintf(r->help, sizeof r->help, "add '}' at the end of %s%s%s",
             c->block_desc, closing > 1 ? " and of " : "", outer);
    r->note_brace = true;
    r->at = missing_at(p, c->found, c->loc);
    if (c->found)
        queue_closers(p, closing, '}', c->found, c->loc);
}

/* A keyword, '->', '..' or ',' was just read; what it needs did not come. */
static void after_token(pw_parser *p, const context *c, report *r)
{
    const char *top = c->top;
    r->at = missing_at(p, c->found, c->loc);
    if (is(top, "within") && is(c->below, "id") && c->depth > 2 &&
        is(c->below2, "assert")) {
        snprintf(r->msg, sizeof r->msg, "expected a number of steps after "
                 "'within', found %s", c->found_desc);
        char node[64];
        excerpt(p, p->prev2_tok, node, sizeof node);
        snprintf(r->help, sizeof r->help,
                 "write it as: assert %s within 1 step of start", node);
        return;
    }
    if (is(top, "->") && is(c->below, "str_opt")) {
        snprintf(r->msg, sizeof r->msg, "expected the node this answer leads "
                 "to after '->', found %s", c->found_desc);
        snprintf(r->help, sizeof r->help, "an answer is written: yes \"Label\" "
                 "-> next_node (the label is optional)");
        return;
    }
    if (!after_keyword(p, top, c->below, c->found_desc, r))
        snprintf(r->msg, sizeof r->msg, "expected %s after '%s', found %s",
                 c->wanted, top, c->found_desc);
    if (is_keyword(c->found) && wants(c->want, c->n, "name") &&
        r->at.begin == c->loc.begin) /* on the same line: meant as a name */
        snprintf(r->help, sizeof r->help, "'%s' is a reserved word: it cannot "
                 "be used as a name", c->found);
}

/* A title or other text was just read. */
static void after_text(pw_parser *p, const context *c, report *r)
{
    r->at = missing_at(p, c->found, c->loc);
    bool named = is(c->below, "name") || is(c->below, "id");
    if (named && in_list(c->below2, decl_keywords) && wants(c->want, c->n, "{")) {
        snprintf(r->msg, sizeof r->msg, "expected '{' after the %s title, found %s",
                 c->below2, c->found_desc);
        /* A field keyword next: the '{' was forgotten; go on as if it had
         * been written. */
        if (c->found && is_keyword(c->found) && !in_list(c->found, all_openers))
            queue_closers(p, 1, '{', c->found, c->loc);
    } else if (named && is(c->below2, "node_items")) {
        snprintf(r->msg, sizeof r->msg, "expected '->' and a target after the "
                 "answer's label, found %s", c->found_desc);
        snprintf(r->help, sizeof r->help, "an answer is written: yes \"Label\" "
                 "-> next_node (the label is optional)");
        if (is(c->found, "name"))
            queue_arrow(p, c->loc);
    } else if (is(c->below, "scenario")) {
        snprintf(r->msg, sizeof r->msg, "expected '{' after the scenario's "
                 "description, found %s", c->found_desc);
    } else {
        snprintf(r->msg, sizeof r->msg, "expected %s after the text, found %s",
                 c->wanted, c->found_desc);
    }
}

/* A name was just read at the start of a node item: an answer in the
 * making, a mistyped field, or a target whose answer lost its own. */
static void after_item_name(pw_parser *p, const context *c, report *r)
{
    const char *field = p->node ? pw_build_suggest_field(p->node->kind, c->prev)
                                : NULL;
    if (field && !is(c->found, "->") && !is(c->found, "text")) {
        snprintf(r->msg, sizeof r->msg, "unknown field '%s' in %s", c->prev,
                 c->block_desc);
        snprintf(r->help, sizeof r->help, "did you mean '%s'?", field);
        r->at = p->prev_tok;
        return;
    }
    snprintf(r->msg, sizeof r->msg,
             "expected '->' and a target after answer '%s', found %s", c->prev,
             c->found_desc);
    snprintf(r->help, sizeof r->help, "an answer is written: %s \"Label\" -> "
             "next_node (the label is optional)", c->prev);
    r->at = missing_at(p, c->found, c->loc);
    if (is(c->found, "name"))
        queue_arrow(p, c->loc);
}

/* Between the items of a block: something that does not belong there. */
static void in_block(pw_parser *p, const context *c, report *r)
{
    if (is(c->found, "name")) {
        char word[64];
        excerpt(p, c->loc, word, sizeof word);
        const char *best = is(c->block, "node_items") && p->node
                               ? pw_build_suggest_field(p->node->kind, word)
                               : pw_suggest_from(word, pw_lex_keywords);
        bool fields = !is(c->block, "file") && !is(c->block, "stage_items");
        snprintf(r->msg, sizeof r->msg, "%s '%s' in %s",
                 fields ? "unknown field" : "unexpected name", word, c->block_desc);
        if (best) {
            snprintf(r->help, sizeof r->help, "did you mean '%s'?", best);
            return;
        }
    } else {
        snprintf(r->msg, sizeof r->msg, "unexpected %s in %s", c->found_desc,
                 c->block_desc);
    }
    block_help(p, c->block, c->wanted, r->help, sizeof r->help);
}

/* The answer before this one has '->' but no target, so the next answer's
 * id was read as its target: `yes ->` then `no -> x` reads as `yes -> no`,
 * and the second '->' is where it goes wrong. */
static bool answer_without_target(pw_parser *p, const context *c, report *r)
{
    pw_span arrow = p->prev2_tok;
    if (!is(c->found, "->") || c->block_at != 0 || !is(c->block, "node_items") ||
        arrow.end - arrow.begin != 2 ||
        memcmp(p->src->text + arrow.begin, "->", 2) != 0)
        return false;
    snprintf(r->msg, sizeof r->msg,
             "expected the node this answer leads to after '->'");
    snprintf(r->help, sizeof r->help, "an answer is written: yes \"Label\" -> "
             "next_node (the label is optional)");
    r->at = (pw_span){arrow.end, arrow.end};
    /* The name was the next answer's id: take it back as the target, and
     * read on as `no -> x`. */
    if (p->last_answer)
        p->last_answer->target = (pw_name){0};
    pw_span id = p->prev_tok;
    p->npending = 2;
    p->pending[0] = PW_T_IDENT;
    p->pending_at[0] = id;
    p->pending_name[0] = (pw_name){
        pw_arena_strndup(p->arena, p->src->text + id.begin, id.end - id.begin), id};
    p->pending[1] = PW_T_ARROW;
    p->pending_at[1] = c->loc;
    p->pending_name[1] = (pw_name){0};
    return true;
}

/* A number was just read after within/target/review-after: no unit. */
static bool missing_unit(pw_parser *p, const context *c, report *r)
{
    if (!is(c->top, "number") || !is(c->below2, "node_items") ||
        !(is(c->below, "within") || is(c->below, "target") ||
          is(c->below, "review-after")))
        return false;
    snprintf(r->msg, sizeof r->msg, "expected a unit of time after '%s', found %s",
             c->prev, c->found_desc);
    snprintf(r->help, sizeof r->help, "the units are minutes, hours, days, "
             "working-days, weeks and months (singular or plural), as in "
             "'within 1 working-day'");
    r->at = missing_at(p, c->found, c->loc);
    return true;
}

static void describe(pw_parser *p, report *r, context *c)
{
    int closing = c->found ? blocks_to_close(c->found, c->stack, c->depth)
                           : open_blocks(c);
    if (closing > 0 && wants(c->want, c->n, "}") &&
        (c->block_at == 0 || is(c->top, "{") || !is_keyword(c->top)))
        missing_brace(p, c, closing, r);
    else if (answer_without_target(p, c, r) || missing_unit(p, c, r))
        ;
    else if (is_keyword(c->top) || is(c->top, "->") || is(c->top, "..") ||
             is(c->top, ","))
        after_token(p, c, r);
    else if (is(c->top, "text") || is(c->top, "str"))
        after_text(p, c, r);
    else if ((is(c->top, "id") || is(c->top, "name")) &&
             in_list(c->below, decl_keywords)) {
        snprintf(r->msg, sizeof r->msg,
                 "expected the %s's title, in quotes, after '%s', found %s",
                 c->below, c->prev, c->found_desc);
        snprintf(r->help, sizeof r->help, "write it as: %s %s \"What it says\"",
                 c->below, c->prev);
        r->at = missing_at(p, c->found, c->loc);
    } else if ((is(c->top, "id") || is(c->top, "name")) &&
               is(c->below, "node_items"))
        after_item_name(p, c, r);
    else if (c->block_at == 0 || is(c->top, "{"))
        in_block(p, c, r);
    else {
        snprintf(r->msg, sizeof r->msg, "expected %s after '%s', found %s",
                 c->wanted, c->prev, c->found_desc);
        r->at = missing_at(p, c->found, c->loc);
        /* `band 0..9 standard_risk`: the arrow is missing before a name */
        if (wants(c->want, c->n, "->") && is(c->found, "name"))
            queue_arrow(p, c->loc);
    }
}

void pw_syntax_error(pw_parser *p, const char *found, pw_span loc,
                     const char *const *want_in, int n, const char *const *stack_in,
                     int depth)
{
    const char *want[PW_SYNTAX_MAX], *stack[PW_SYNTAX_MAX];
    for (int i = 0; i < n && i < PW_SYNTAX_MAX; i++)
        want[i] = bare(want_in[i]);
    for (int i = 0; i < depth && i < PW_SYNTAX_MAX; i++)
        stack[i] = bare(stack_in[i]);
    found = bare(found);
    /* Once at a place: recovery meets the same token again. */
    if (p->any_syntax_error && loc.begin == p->last_error)
        return;
    p->any_syntax_error = true;
    p->last_error = loc.begin;

    context c = {.found = found, .loc = loc, .want = want, .n = n,
                 .stack = stack, .depth = depth};
    c.top = depth > 0 ? stack[0] : "file";
    c.below = depth > 1 ? stack[1] : "file";
    c.below2 = depth > 2 ? stack[2] : "file";
    c.block = block_of(stack, depth, &c.block_at);
    describe_found(p, found, loc, c.found_desc, sizeof c.found_desc);
    describe_block(p, c.block, c.block_desc, sizeof c.block_desc);
    list_wanted(want, n, c.wanted, sizeof c.wanted);
    excerpt(p, p->prev_tok, c.prev, sizeof c.prev);

    report r = {.at = loc};
    describe(p, &r, &c);

    pw_diagnostic *g = pw_diag_error(p->diag, "E0100", p->src, r.at, "%s", r.msg);
    if (r.note_brace && p->nbraces) {
        size_t i = p->nbraces - 1;
        if (is(found, "{") && i > 0)
            i--;
        uint32_t b = p->braces[i];
        pw_diag_note(g, p->src, (pw_span){b, b + 1}, "%s opened here",
                     c.block_desc);
    }
    if (r.help[0])
        pw_diag_help(g, "%s", r.help);
}
