#include "front/syntax_error.h"

#include "front/describe.h"
#include "support/suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- symbols -------------------------------------------------------------- */

static bool is_sx(pw_sym s, pw_sx sx)
{
    return s.sx == sx;
}

static bool is_kw(pw_sym s, pw_keyword kw)
{
    return (s.sx == PW_SX_KEYWORD || s.sx == PW_SX_FIELD) && s.kw == kw;
}

/* A reserved word: a keyword of the grammar's or a field's. */
static bool is_keyword(pw_sym s)
{
    return s.sx == PW_SX_KEYWORD || s.sx == PW_SX_FIELD;
}

static bool is_name(pw_sym s)
{
    return s.sx == PW_SX_NAME || s.sx == PW_SX_ID;
}

static bool wants(const pw_sym *want, int n, pw_sx sx)
{
    for (int i = 0; i < n; i++)
        if (want[i].sx == sx)
            return true;
    return false;
}

/* The words that begin a declaration, and those each block takes: a
 * declaration's keyword met where the innermost block does not take it
 * means that block's '}' is missing. */
static const pw_keyword decl_keywords[] = {
    PW_KW_PATHWAY, PW_KW_STAGE, PW_KW_STEP, PW_KW_QUESTION, PW_KW_OUTCOME,
    PW_KW_CONTACT, PW_KW_FORM, PW_KW_ROLE, PW_KW_NONE,
};
/* The same, with together: the keywords of a head the parser can repair
 * (each has a rule `KEYWORD error` that takes the repair). */
static const pw_keyword head_keywords[] = {
    PW_KW_PATHWAY, PW_KW_STAGE, PW_KW_STEP, PW_KW_QUESTION, PW_KW_OUTCOME,
    PW_KW_TOGETHER, PW_KW_CONTACT, PW_KW_FORM, PW_KW_ROLE, PW_KW_NONE,
};
static const pw_keyword file_openers[] = {PW_KW_IMPORT, PW_KW_CONTACT, PW_KW_ROLE,
                                          PW_KW_FORM, PW_KW_PATHWAY, PW_KW_NONE};
static const pw_keyword pathway_openers[] = {
    PW_KW_CONTACT, PW_KW_ROLE, PW_KW_FORM, PW_KW_STAGE, PW_KW_STEP,
    PW_KW_QUESTION, PW_KW_OUTCOME, PW_KW_SCENARIO, PW_KW_ASSERT, PW_KW_NONE};
static const pw_keyword stage_openers[] = {PW_KW_STEP, PW_KW_QUESTION, PW_KW_OUTCOME,
                                           PW_KW_NONE};
static const pw_keyword node_openers[] = {PW_KW_CONTACT, PW_KW_FORM, PW_KW_NONE};
static const pw_keyword no_openers[] = {PW_KW_NONE};
static const pw_keyword all_openers[] = {
    PW_KW_IMPORT, PW_KW_CONTACT, PW_KW_ROLE, PW_KW_FORM, PW_KW_PATHWAY,
    PW_KW_STAGE, PW_KW_STEP, PW_KW_QUESTION, PW_KW_OUTCOME, PW_KW_SCENARIO,
    PW_KW_ASSERT, PW_KW_NONE};

static bool in_list(pw_sym s, const pw_keyword *list)
{
    if (!is_keyword(s))
        return false;
    for (size_t i = 0; list[i]; i++)
        if (s.kw == list[i])
            return true;
    return false;
}

/* The openers a block takes; NULL for a symbol that is not a block. */
static const pw_keyword *openers_of(pw_sym block)
{
    switch (block.sx) {
    case PW_SX_FILE: return file_openers;
    case PW_SX_PATHWAY_ITEMS: return pathway_openers;
    case PW_SX_STAGE_ITEMS: return stage_openers;
    case PW_SX_NODE_ITEMS: return node_openers;
    case PW_SX_CONTACT_FIELDS:
    case PW_SX_FORM_FIELDS:
    case PW_SX_SCENARIO_ITEMS:
    case PW_SX_CRITERIA: return no_openers;
    default: return NULL;
    }
}

/* ---- what the message says ------------------------------------------------ */

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

/* How a token is written: "'step'", "'->'"; NULL for names, texts, ... */
static const char *spelling(pw_sym s)
{
    switch (s.sx) {
    case PW_SX_KEYWORD:
    case PW_SX_FIELD: return s.kw ? pw_keyword_spelling(s.kw) : NULL;
    case PW_SX_OPEN: return "{";
    case PW_SX_CLOSE: return "}";
    case PW_SX_COMMA: return ",";
    case PW_SX_ARROW: return "->";
    case PW_SX_DOTDOT: return "..";
    default: return NULL;
    }
}

/* "a name", "a text", "a number", "a date"; NULL for other tokens. */
static const char *token_kind(pw_sym s)
{
    switch (s.sx) {
    case PW_SX_NAME: return "name";
    case PW_SX_TEXT: return "text";
    case PW_SX_NUMBER: return "number";
    case PW_SX_DATE: return "date";
    default: return NULL;
    }
}

/* "'step'", "name 'foo'", "text \"…\"", "the end of the file". */
static void describe_found(const pw_parser *p, pw_sym found, pw_span loc,
                           char *buf, size_t size)
{
    char text[64];
    if (is_sx(found, PW_SX_END)) {
        snprintf(buf, size, "the end of the file");
        return;
    }
    excerpt(p, loc, text, sizeof text);
    if (is_sx(found, PW_SX_NAME) || is_sx(found, PW_SX_NUMBER) ||
        is_sx(found, PW_SX_DATE))
        snprintf(buf, size, "%s '%s'", token_kind(found), text);
    else if (is_sx(found, PW_SX_TEXT))
        snprintf(buf, size, "text %s", text);
    else if (spelling(found))
        snprintf(buf, size, "'%s'", spelling(found));
    else
        snprintf(buf, size, "'%s'", text);
}

/* "step 'x'", from what the builder has open. */
static void describe_block(const pw_parser *p, pw_sym block, char *buf, size_t size)
{
    const char *kind = "file", *id = NULL;
    if (is_sx(block, PW_SX_NODE_ITEMS) && p->node) {
        kind = pw_node_kind_name(p->node->kind);
        id = p->node->id.text;
    } else if (is_sx(block, PW_SX_STAGE_ITEMS) && p->stage) {
        kind = "stage";
        id = p->stage->id.text;
    } else if (is_sx(block, PW_SX_PATHWAY_ITEMS) && p->pathway) {
        kind = "pathway";
        id = p->pathway->id.text;
    } else if (is_sx(block, PW_SX_CONTACT_FIELDS) && p->contact) {
        kind = "contact";
        id = p->contact->id.text;
    } else if (is_sx(block, PW_SX_FORM_FIELDS) && p->form) {
        kind = "form";
        id = p->form->id.text;
    } else if (is_sx(block, PW_SX_SCENARIO_ITEMS)) {
        kind = "scenario";
    } else if (is_sx(block, PW_SX_CRITERIA)) {
        kind = "list of criteria";
    }
    if (id)
        snprintf(buf, size, "%s '%.60s'", kind, id);
    else
        snprintf(buf, size, "%s", kind);
}

/* The innermost block on the stack (file when there is none); *at its
 * depth. */
static pw_sym block_of(const pw_sym *stack, int depth, int *at)
{
    for (int i = 0; i < depth; i++)
        if (openers_of(stack[i])) {
            *at = i;
            return stack[i];
        }
    *at = depth;
    return (pw_sym){PW_SX_FILE, 0, 0};
}

/* The declaration group whose fields a block holds, or -1. */
static int group_of(pw_sym block)
{
    switch (block.sx) {
    case PW_SX_PATHWAY_ITEMS: return PW_G_PATHWAY;
    case PW_SX_STAGE_ITEMS: return PW_G_STAGE;
    case PW_SX_NODE_ITEMS: return PW_G_NODE;
    case PW_SX_CONTACT_FIELDS: return PW_G_CONTACT;
    case PW_SX_FORM_FIELDS: return PW_G_FORM;
    default: return -1;
    }
}

/* The tokens that could have come, as "'a', 'b' or 'c'": the kinds of
 * token first (a name, a text, ...), then the block's fields in the
 * vocabulary's order, then the other words and the punctuation. */
typedef struct wanted_list {
    const char *item[PW_SYNTAX_MAX + PW_F_COUNT];
    bool quoted[PW_SYNTAX_MAX + PW_F_COUNT];
    int n;
} wanted_list;

static void add_wanted(wanted_list *w, const char *item, bool quoted)
{
    if (w->n < PW_SYNTAX_MAX + PW_F_COUNT) {
        w->item[w->n] = item;
        w->quoted[w->n++] = quoted;
    }
}

/* Whether want holds the token field f's keyword comes as. */
static bool field_wanted(pw_field f, const pw_sym *want, int n)
{
    pw_keyword kw = pw_field_get(f)->keyword;
    for (int i = 0; i < n; i++) {
        if (is_sx(want[i], PW_SX_FIELD) && pw_keyword_token_form(kw) == (int)want[i].form)
            return true;
        if (is_sx(want[i], PW_SX_KEYWORD) && want[i].kw == kw)
            return true;
    }
    return false;
}

static void list_wanted(const pw_parser *p, pw_sym block, const pw_sym *want, int n,
                        char *buf, size_t size)
{
    wanted_list w = {.n = 0};
    for (int i = 0; i < n; i++)
        if (token_kind(want[i]))
            add_wanted(&w, token_kind(want[i]), false);
    int g = group_of(block);
    size_t nf = 0;
    pw_field first = g >= 0 ? pw_field_first((pw_group)g, &nf) : PW_F_NONE;
    for (size_t i = 0; i < nf; i++) {
        pw_field f = (pw_field)(first + (int)i);
        if (pw_field_get(f)->keyword && field_wanted(f, want, n) &&
            (g != PW_G_NODE || !p->node || pw_field_takes(f, p->node->kind)))
            add_wanted(&w, pw_field_name(f), true);
    }
    for (int i = 0; i < n; i++)
        if (is_sx(want[i], PW_SX_KEYWORD) &&
            (g < 0 || !pw_field_find((pw_group)g, want[i].kw)))
            add_wanted(&w, spelling(want[i]), true);
    for (int i = 0; i < n; i++)
        if (!is_keyword(want[i]) && spelling(want[i]))
            add_wanted(&w, spelling(want[i]), true);
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < w.n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, w.quoted[i] ? "%s'%s'" : "%sa %s",
                                i == 0 ? "" : i + 1 == w.n ? " or " : ", ", w.item[i]);
}

typedef struct report {
    const char *code; /* E0100 unless set */
    char msg[512];
    char help[512];
    pw_span at;
    const char *fix; /* a word to put at 'at' (did you mean), or NULL */
    bool note_brace; /* add "opened here" at the innermost open brace */
} report;

/* Something is missing after the previous token: point just past it when
 * what came instead is on a later line, else at what came. */
static pw_span missing_at(const pw_parser *p, pw_sym found, pw_span loc)
{
    if (is_sx(found, PW_SX_END) || pw_source_line_of(p->src, loc.begin) >
                                       pw_source_line_of(p->src, p->prev_tok.end))
        return (pw_span){p->prev_tok.end, p->prev_tok.end};
    return loc;
}

/* What must follow a token, in an author's words; NULL when there is
 * nothing to say but the tokens it could be. */
static const char *follow_of(pw_sym top, char *buf, size_t size)
{
    if (is_sx(top, PW_SX_ARROW))
        return "the node this answer leads to";
    if (is_sx(top, PW_SX_DOTDOT))
        return "the upper end of the range";
    if (is_sx(top, PW_SX_COMMA))
        return "another name";
    if (!is_keyword(top) || !top.kw)
        return NULL;
    if (pw_keyword_follows(top.kw))
        return pw_keyword_follows(top.kw);
    /* a field keyword: by the form of its value */
    pw_field f = PW_F_NONE;
    for (int g = PW_G_PATHWAY; g <= PW_G_NODE && !f; g++)
        f = pw_field_find((pw_group)g, top.kw);
    if (!f)
        return NULL;
    const pw_field_info *info = pw_field_get(f);
    switch (info->form) {
    case PW_V_TEXT:
    case PW_V_SOURCE: return "text in quotes";
    case PW_V_DATE: return "a date such as 2025-11-30";
    case PW_V_WORD:
    case PW_V_WORD_TEXT: break;
    default: return NULL;
    }
    size_t len = 0;
    const char *phrase = pw_words_phrase(info->words);
    if (phrase)
        len += (size_t)snprintf(buf, size, "%s (", phrase);
    int n = pw_word_count(info->words);
    for (int i = 1; i <= n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                i == 1 ? "" : i == n ? " or " : ", ",
                                pw_word_spelling(info->words, i));
    if (phrase && len < size)
        snprintf(buf + len, size - len, ")");
    return buf;
}

/* A keyword was just read and what it needs did not come. */
static bool after_keyword(const pw_parser *p, pw_sym top, pw_sym below,
                          const char *found_desc, report *r)
{
    char buf[256];
    const char *what = follow_of(top, buf, sizeof buf);
    if (is_kw(top, PW_KW_CONTACT) || is_kw(top, PW_KW_FORM)) {
        bool in_node = is_sx(below, PW_SX_NODE_ITEMS);
        bool form = is_kw(top, PW_KW_FORM);
        what = in_node ? (form ? "the name of a form" : "the name of a contact")
                       : (form ? "the form's name" : "the contact's name");
    }
    if (!what)
        return false;
    (void)p;
    snprintf(r->msg, sizeof r->msg, "expected %s after '%s', found %s", what,
             spelling(top), found_desc);
    return true;
}

/* "expected 'phone', 'email', ... or '}'": the fields of group g, for the
 * help of a block that holds only fields. */
static void fields_help(pw_group g, char *buf, size_t size)
{
    size_t n, len = (size_t)snprintf(buf, size, "expected ");
    pw_field first = pw_field_first(g, &n);
    for (size_t i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "'%s', ",
                                pw_field_name((pw_field)(first + (int)i)));
    if (len >= 2 && len < size) {
        len -= 2; /* the last ", " */
        snprintf(buf + len, size - len, " or '}'");
    }
}

/* What a block can hold, for help text. */
static void block_help(const pw_parser *p, pw_sym block, const char *wanted,
                       char *buf, size_t size)
{
    char takes[512];
    if (is_sx(block, PW_SX_CONTACT_FIELDS))
        fields_help(PW_G_CONTACT, buf, size);
    else if (is_sx(block, PW_SX_FORM_FIELDS))
        fields_help(PW_G_FORM, buf, size);
    else if (is_sx(block, PW_SX_NODE_ITEMS) && p->node)
        snprintf(buf, size, "%s; end it with '}'",
                 pw_describe_kind_takes(p->node->kind, takes, sizeof takes));
    else if (is_sx(block, PW_SX_PATHWAY_ITEMS))
        snprintf(buf, size, "%s", pw_describe_pathway_holds(takes, sizeof takes));
    else if (is_sx(block, PW_SX_FILE))
        snprintf(buf, size, "a file holds import, contact, role, form and "
                 "pathway declarations");
    else if (is_sx(block, PW_SX_STAGE_ITEMS))
        snprintf(buf, size, "a stage holds steps, questions, outcomes and togethers (and "
                 "'tbc' notes); fields such as by, do or next go inside the braces of a "
                 "step, question or outcome");
    else if (wanted && wanted[0])
        snprintf(buf, size, "expected %s", wanted);
    else
        buf[0] = '\0';
}

/* How many blocks, innermost first, must close before found fits: 0 when
 * found is no opener or fits nowhere on the stack. */
static int blocks_to_close(pw_sym found, const pw_sym *stack, int depth)
{
    if (!in_list(found, all_openers))
        return 0;
    int closing = 0;
    for (int i = 0; i <= depth; i++) {
        pw_sym sym = i < depth ? stack[i] : (pw_sym){PW_SX_FILE, 0, 0};
        const pw_keyword *takes_here = openers_of(sym);
        if (!takes_here)
            continue;
        if (in_list(found, takes_here))
            return closing;
        if (is_sx(sym, PW_SX_FILE))
            return 0;
        closing++;
    }
    return 0;
}

/* Queue the missing braces and the token that showed them missing, so the
 * parser goes on as if they had been written: what follows parses as the
 * author meant, instead of as a cascade of errors. */
static uint32_t line_start(const pw_parser *p, uint32_t at);
static int indent_of(const pw_parser *p, uint32_t at);
static bool answer_line(const pw_parser *p, pw_span loc);

static void queue(pw_parser *p, pw_sym s, pw_span at, pw_name name)
{
    p->pending[p->npending] = s;
    p->pending_at[p->npending] = at;
    p->pending_name[p->npending++] = name;
}

/* The name at loc, as the parser's value of a name token queued again. */
static pw_name name_at(pw_parser *p, pw_span loc)
{
    return (pw_name){
        pw_arena_strndup(p->arena, p->src->text + loc.begin, loc.end - loc.begin), loc};
}

static void queue_closers(pw_parser *p, int k, pw_sx brace, pw_sym found, pw_span loc)
{
    int max = (int)(sizeof p->pending / sizeof *p->pending) - 1;
    if (k > max)
        k = max;
    p->npending = 0;
    for (int i = 0; i < k; i++)
        queue(p, (pw_sym){brace, PW_KW_NONE, PW_V_FLAG},
              (pw_span){p->prev_tok.end, p->prev_tok.end}, (pw_name){0});
    queue(p, found, loc, (pw_name){0});
}

/* An answer's '->' is missing before its target: go on as if written. */
static void queue_arrow(pw_parser *p, pw_span loc)
{
    p->npending = 0;
    queue(p, (pw_sym){PW_SX_ARROW, PW_KW_NONE, PW_V_FLAG},
          (pw_span){loc.begin, loc.begin}, (pw_name){0});
    queue(p, (pw_sym){PW_SX_NAME, PW_KW_NONE, PW_V_FLAG}, loc, name_at(p, loc));
}

/* Everything a message is made from. */
typedef struct context {
    pw_sym found;        /* token met (PW_SX_END at the end of the file) */
    pw_span loc;         /* where */
    const pw_sym *want;
    int n;
    const pw_sym *stack;
    int depth;
    pw_sym top, below, below2;
    pw_sym block;        /* innermost block on the stack */
    int block_at;        /* its depth */
    char found_desc[96], block_desc[96], wanted[400], prev[64];
} context;

/* ---- a declaration's head, made out from its line --------------------- */

/* What follows a place on its line: words (runs of anything but spaces,
 * quotes, braces and '#'), then a quoted title, a '{', or the end of the
 * line. */
typedef struct head_line {
    int nwords;
    pw_span word[24];
    pw_span title; /* the quoted text, quotes included; empty when none */
    bool unopened; /* the words end with a '"' that closes a text never
                    * opened (Report on the form"), then maybe more pieces */
    pw_span pieces; /* those pieces, when any */
    uint32_t quote; /* where that quote is */
    bool open;     /* a '{' comes next */
    uint32_t end;  /* just past the last word or the title */
} head_line;

static bool word_byte(char c)
{
    return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '"' && c != '{' &&
           c != '}' && c != '#';
}

/* Whether nothing but blanks (or a comment) follows at on its line. */
static bool only_blanks_to_eol(const pw_parser *p, uint32_t at)
{
    const char *t = p->src->text;
    uint32_t n = (uint32_t)p->src->size;
    while (at < n && (t[at] == ' ' || t[at] == '\t' || t[at] == '\r'))
        at++;
    return at >= n || t[at] == '\n' || t[at] == '#' || t[at] == '{';
}

/* Past the quoted pieces that follow a text ending at i (across blanks,
 * line ends and comments), each closing on its own line; i when none. */
static uint32_t more_pieces(const pw_parser *p, uint32_t i)
{
    const char *t = p->src->text;
    uint32_t n = (uint32_t)p->src->size, end = i;
    for (;;) {
        while (i < n && strchr(" \t\r\n", t[i]))
            i++;
        if (i < n && t[i] == '#') {
            while (i < n && t[i] != '\n')
                i++;
            continue;
        }
        if (i >= n || t[i] != '"')
            return end;
        for (i++; i < n && t[i] != '"' && t[i] != '\n'; i++)
            if (t[i] == '\\' && i + 1 < n && t[i + 1] != '\n')
                i++;
        if (i >= n || t[i] != '"')
            return end;
        end = ++i;
    }
}

/* False when the line cannot be a head: too many words, a title whose
 * quote does not close on the line. */
static bool read_head(const pw_parser *p, uint32_t from, head_line *h)
{
    const char *t = p->src->text;
    uint32_t n = (uint32_t)p->src->size, i = from;
    memset(h, 0, sizeof *h);
    h->end = from;
    for (;;) {
        while (i < n && (t[i] == ' ' || t[i] == '\t'))
            i++;
        if (i >= n || t[i] == '\n' || t[i] == '\r' || t[i] == '#' || t[i] == '}')
            return true;
        if (t[i] == '{') {
            h->open = true;
            return true;
        }
        if (t[i] == '"') {
            uint32_t b = i++;
            while (i < n && t[i] != '"' && t[i] != '\n') {
                if (t[i] == '\\' && i + 1 < n && t[i + 1] != '\n')
                    i++;
                i++;
            }
            if ((i >= n || t[i] != '"') && h->nwords > 0 && only_blanks_to_eol(p, b + 1)) {
                /* words, then a quote that closes them: no opening quote */
                h->unopened = true;
                h->quote = b;
                h->end = i = b + 1;
                uint32_t k = more_pieces(p, i);
                if (k != i) {
                    h->pieces = (pw_span){i, k};
                    h->end = i = k;
                }
                while (i < n && (t[i] == ' ' || t[i] == '\t'))
                    i++;
                h->open = i < n && t[i] == '{';
                return true;
            }
            if (i >= n || t[i] != '"')
                return false;
            h->title = (pw_span){b, ++i};
            h->end = i;
            /* a title written as several pieces, over several lines */
            uint32_t k = more_pieces(p, i);
            if (k != i)
                h->title.end = h->end = i = k;
            while (i < n && (t[i] == ' ' || t[i] == '\t'))
                i++;
            h->open = i < n && t[i] == '{';
            return true;
        }
        uint32_t b = i;
        while (i < n && word_byte(t[i]))
            i++;
        if (h->nwords == (int)(sizeof h->word / sizeof *h->word))
            return false;
        h->word[h->nwords++] = (pw_span){b, i};
        h->end = i;
    }
}

bool pw_syntax_name_at(const pw_parser *p, pw_span s)
{
    const char *t = p->src->text;
    if (s.end <= s.begin || !(isalpha((unsigned char)t[s.begin]) || t[s.begin] == '_'))
        return false;
    for (uint32_t i = s.begin; i < s.end; i++)
        if (!(isalnum((unsigned char)t[i]) || t[i] == '_' || t[i] == '-'))
            return false;
    return true;
}

static bool only_blanks(const pw_parser *p, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++)
        if (p->src->text[i] != ' ' && p->src->text[i] != '\t')
            return false;
    return true;
}

static bool same_line(const pw_parser *p, uint32_t a, uint32_t b)
{
    return pw_source_line_of(p->src, a) == pw_source_line_of(p->src, b);
}

/* The text between the quotes of a title span. */
/* The text of the quoted pieces in quoted, joined (what is between them,
 * blanks, line ends and comments, left out; escapes as written). */
static pw_text title_at(pw_parser *p, pw_span quoted)
{
    const char *t = p->src->text;
    char *out = pw_arena_alloc(p->arena, quoted.end - quoted.begin + 1);
    size_t len = 0;
    for (uint32_t i = quoted.begin; i < quoted.end; i++) {
        if (t[i] == '#') {
            while (i < quoted.end && t[i] != '\n')
                i++;
            continue;
        }
        if (t[i] != '"')
            continue;
        for (i++; i < quoted.end && t[i] != '"'; i++) {
            if (t[i] == '\\' && i + 1 < quoted.end)
                out[len++] = t[i++];
            out[len++] = t[i];
        }
    }
    out[len] = '\0';
    return (pw_text){out, quoted};
}

/* Whether a word of h is a keyword that starts a declaration (step, question, ...): then the words are not one title
 * but the next declaration, and the line is not read as a head. */
static bool opener_word(const pw_parser *p, pw_span w)
{
    pw_keyword k = pw_keyword_find(p->src->text + w.begin, w.end - w.begin);
    for (size_t j = 0; k && all_openers[j]; j++)
        if (all_openers[j] == k)
            return true;
    return false;
}

/* ... as in `step a step b {`: such a keyword, a name, then the end of the
 * words or another such keyword ("Phone the form team {" would be taken
 * for one too; "say the form is on its way" is a title). */
static bool opener_among(const pw_parser *p, const head_line *h)
{
    for (int i = 0; i + 1 < h->nwords; i++)
        if (opener_word(p, h->word[i]) && pw_syntax_name_at(p, h->word[i + 1]) &&
            (i + 2 == h->nwords || opener_word(p, h->word[i + 2])))
            return true;
    return false;
}

/* A title written without quotes, or without its opening quote: its
 * words, and the text of the pieces that follow it (h). */
static pw_text unquoted_title(pw_parser *p, const head_line *h, pw_span words)
{
    const char *t = p->src->text;
    pw_text more = h->pieces.end ? title_at(p, h->pieces) : (pw_text){"", {0, 0}};
    size_t n = (h->unopened ? h->quote : words.end) - words.begin, m = strlen(more.text);
    char *s = pw_arena_alloc(p->arena, n + m + 1);
    memcpy(s, t + words.begin, n);
    memcpy(s + n, more.text, m + 1);
    return (pw_text){s, {words.begin, h->end}};
}

/* Hands the repaired head to the rule `KEYWORD error` (pw_act_repaired). */
static void repair(pw_parser *p, pw_span keyword, pw_name name, pw_text title,
                   uint32_t resume)
{
    p->repair.active = true;
    p->repair.keyword = keyword.begin;
    p->repair.name = name;
    p->repair.title = title;
    p->repair.resume = resume;
}

/* A name for a word that starts with digits: "999_call" -> "call_999",
 * "2nd_call" -> "second_call", "24hour" -> "hour_24". */
static void letter_first(const char *w, size_t n, char *buf, size_t size)
{
    static const char *const ordinals[] = {"", "first", "second", "third", "fourth",
                                           "fifth", "sixth", "seventh", "eighth",
                                           "ninth", "tenth"};
    size_t d = 0;
    while (d < n && isdigit((unsigned char)w[d]))
        d++;
    const char *rest = w + d;
    size_t m = n - d;
    int num = d <= 2 ? atoi(w) : 0;
    if (num >= 1 && num <= 10 && m >= 2 &&
        (!strncmp(rest, "st", 2) || !strncmp(rest, "nd", 2) || !strncmp(rest, "rd", 2) ||
         !strncmp(rest, "th", 2)) &&
        (m == 2 || rest[2] == '_' || rest[2] == '-')) {
        snprintf(buf, size, "%s%.*s", ordinals[num], (int)(m - 2), rest + 2);
        return;
    }
    while (m && (*rest == '_' || *rest == '-')) {
        rest++;
        m--;
    }
    if (!m)
        snprintf(buf, size, "number_%.*s", (int)d, w);
    else
        snprintf(buf, size, "%.*s_%.*s", (int)m, rest, (int)d, w);
}

/* The head of a declaration the parser could not read, when its line
 * says what was meant: a name written as words, a name that starts with a
 * digit or is a reserved word, a title without quotes, the title before
 * the name. One error, at the mistake, with the fix; the declaration is
 * made as meant (repair), so its block is read as its own. */
static bool bad_head(pw_parser *p, const context *c, report *r)
{
    pw_sym kwsym;
    pw_span kwspan, name0 = {0, 0};
    bool after_name = false, after_title = false;
    if (in_list(c->top, head_keywords)) {
        kwsym = c->top;
        kwspan = p->prev_tok;
    } else if (is_name(c->top) && in_list(c->below, head_keywords)) {
        kwsym = c->below;
        kwspan = p->prev2_tok;
        name0 = p->prev_tok;
        after_name = true;
    } else if ((is_sx(c->top, PW_SX_TEXT) || is_sx(c->top, PW_SX_STR)) &&
               in_list(c->below, head_keywords)) {
        kwsym = c->below;
        kwspan = p->prev2_tok;
        after_title = true;
    } else {
        return false;
    }
    /* `contact a b` in a node is a field, not a head */
    if ((kwsym.kw == PW_KW_CONTACT || kwsym.kw == PW_KW_FORM) &&
        (is_sx(c->below, PW_SX_NODE_ITEMS) || is_sx(c->below2, PW_SX_NODE_ITEMS)))
        return false;
    if (is_sx(c->found, PW_SX_END) || !same_line(p, kwspan.begin, c->loc.begin))
        return false;
    head_line h;
    if (!read_head(p, c->loc.begin, &h) || h.nwords == 0 || h.word[0].begin != c->loc.begin)
        return false;
    const char *kw = pw_keyword_spelling(kwsym.kw);
    const char *t = p->src->text;
    char fixed[160];
    pw_span words = {h.word[0].begin, h.word[h.nwords - 1].end};
    if (after_title) {
        /* step "Refer to CAMHS" refer_camhs { */
        if (h.nwords != 1 || h.title.end || !pw_syntax_name_at(p, h.word[0]))
            return false;
        pw_name n = name_at(p, h.word[0]);
        pw_span quoted = p->prev_tok;
        r->code = "E0129";
        snprintf(r->msg, sizeof r->msg, "the name comes before the title: write %s %s "
                 "\"...\"", kw, n.text);
        snprintf(r->help, sizeof r->help, "%s %s is written: %s name \"Title\"",
                 strchr("aeiou", kw[0]) ? "an" : "a", kw, kw);
        r->at = h.word[0];
        repair(p, kwspan, n, title_at(p, quoted), h.end);
        return true;
    }
    if (after_name) {
        if (!same_line(p, name0.begin, c->loc.begin))
            return false;
        if (h.title.end) {
            /* step talk to dsl "..." { */
            for (int i = 0; i < h.nwords; i++)
                if (!pw_syntax_name_at(p, h.word[i]) && !(i == 0 && !only_blanks(p, name0.end, h.word[0].begin)))
                    return false;
            size_t len = (size_t)snprintf(fixed, sizeof fixed, "%.*s",
                                          (int)(name0.end - name0.begin), t + name0.begin);
            /* a character the lexer has reported between the first two words
             * (an en dash for a hyphen): joined with '-', silently */
            bool lexed = !only_blanks(p, name0.end, h.word[0].begin);
            for (int i = 0; i < h.nwords && len < sizeof fixed; i++) {
                pw_span w = h.word[i];
                if (i == 0 && lexed) {
                    /* the word is what came after the character */
                    w.begin = c->loc.begin;
                }
                len += (size_t)snprintf(fixed + len, sizeof fixed - len, "%s%.*s",
                                        i == 0 && lexed ? "-" : "_", (int)(w.end - w.begin),
                                        t + w.begin);
            }
            if (len >= sizeof fixed)
                return false;
            pw_name n = {pw_arena_strndup(p->arena, fixed, len), {name0.begin, words.end}};
            repair(p, kwspan, n, title_at(p, h.title), h.end);
            if (lexed && h.nwords == 1) {
                r->code = NULL; /* reported by the lexer: say nothing more */
                r->msg[0] = '\0';
                return true;
            }
            r->code = "E0124";
            snprintf(r->msg, sizeof r->msg, "a name cannot contain spaces: write %s", fixed);
            snprintf(r->help, sizeof r->help, "join the words with '_', as in: %s %s "
                     "\"...\", and name it so wherever it is used", kw, fixed);
            r->at = (pw_span){name0.begin, words.end};
            return true;
        }
        /* step phone_mash Phone the MASH { */
        if ((!h.open && !(kwsym.kw == PW_KW_ROLE) && h.nwords < 2 && !h.unopened) ||
            (opener_among(p, &h) && !h.open))
            return false; /* (a '{' ends the words: 'form' in them is a word of the title) */
        pw_text title = unquoted_title(p, &h, words);
        r->code = "E0128";
        snprintf(r->msg, sizeof r->msg, h.unopened ? "the title has no opening quote: "
                 "write \"%.300s\"" : "put the title in quotes: \"%.300s\"", title.text);
        snprintf(r->help, sizeof r->help, "a title is text, in straight double quotes, "
                 "as in: %s %.*s \"%.200s\"", kw, (int)(name0.end - name0.begin),
                 t + name0.begin, title.text);
        r->at = words;
        repair(p, kwspan, name_at(p, name0), title, h.end);
        return true;
    }
    /* right after the keyword: the name itself is wrong */
    if (h.nwords != 1 || !(h.title.end || h.open || kwsym.kw == PW_KW_ROLE))
        return false;
    pw_span w = h.word[0];
    if (is_sx(c->found, PW_SX_NUMBER)) {
        /* outcome 999_call "..." { */
        char rest[128];
        snprintf(rest, sizeof rest, "%.*s", (int)(w.end - w.begin), t + w.begin);
        for (char *q = rest; *q; q++)
            if (!(isalnum((unsigned char)*q) || *q == '_' || *q == '-'))
                return false;
        letter_first(rest, strlen(rest), fixed, sizeof fixed);
        r->code = "E0126";
        snprintf(r->msg, sizeof r->msg, "a name starts with a letter: write %s", fixed);
        snprintf(r->help, sizeof r->help, "a name is letters, digits, '_' and '-', and "
                 "starts with a letter; change it wherever it is used");
        r->at = w;
        repair(p, kwspan, (pw_name){pw_arena_strndup(p->arena, fixed, strlen(fixed)), w},
               h.title.end ? title_at(p, h.title) : (pw_text){0}, h.end);
        return true;
    }
    if (is_keyword(c->found) && c->loc.end == w.end) {
        /* step start "..." { */
        const char *word = spelling(c->found);
        char kind[32];
        snprintf(kind, sizeof kind, "%s", kw);
        for (char *q = kind; *q; q++)
            if (*q == '-')
                *q = '_';
        snprintf(fixed, sizeof fixed, "%s_%s", word, kind);
        for (char *q = fixed; *q; q++)
            if (*q == '-')
                *q = '_';
        r->code = "E0127";
        snprintf(r->msg, sizeof r->msg, "'%s' is a reserved word: it cannot be the "
                 "name of %s %s", word, strchr("aeiou", kw[0]) ? "an" : "a", kw);
        snprintf(r->help, sizeof r->help, "choose another name, such as %s", fixed);
        r->at = w;
        repair(p, kwspan, name_at(p, w), h.title.end ? title_at(p, h.title) : (pw_text){0},
               h.end);
        return true;
    }
    return false;
}

bool pw_syntax_unquoted_title(pw_parser *p, pw_keyword kw, pw_name id, pw_text *title)
{
    head_line h;
    uint32_t at = p->last_tok.begin;
    if (p->misplaced || !same_line(p, id.span.end, at) || at < id.span.end ||
        !read_head(p, at, &h) || h.nwords == 0 || h.title.end || h.word[0].begin != at ||
        (!h.open && h.nwords < 2 && !h.unopened) || (opener_among(p, &h) && !h.open))
        return false; /* (a '{' ends the words: 'form' in them is a word of the title) */
    pw_span words = {h.word[0].begin, h.word[h.nwords - 1].end};
    *title = unquoted_title(p, &h, words);
    p->any_syntax_error = true;
    p->last_error = words.begin;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0128", p->src, words,
                                     h.unopened ? "the title has no opening quote: write "
                                                  "\"%.300s\""
                                                : "put the title in quotes: \"%.300s\"",
                                     title->text);
    pw_diag_help(g, "a title is text, in straight double quotes, as in: %s %s \"%.200s\"",
                 pw_keyword_spelling(kw), id.text, title->text);
    p->skip_before = h.end;
    return true;
}

/* Blocks still open at the end of the file. */
static int open_blocks(const context *c)
{
    int k = 0;
    for (int i = 0; i < c->depth; i++)
        if (openers_of(c->stack[i]) && !is_sx(c->stack[i], PW_SX_FILE))
            k++;
    return k;
}

static void missing_brace(pw_parser *p, const context *c, int closing, report *r)
{
    char outer[96] = "";
    if (closing > 1) {
        int second;
        pw_sym b2 = block_of(c->stack + c->block_at + 1, c->depth - c->block_at - 1,
                             &second);
        describe_block(p, b2, outer, sizeof outer);
    }
    snprintf(r->msg, sizeof r->msg, "expected '}' to close %s%s%s%s, found %s",
             c->block_desc, closing > 1 ? (closing > 2 ? ", " : " and ") : "",
             outer, closing > 2 ? " and more" : "", c->found_desc);
    snprintf(r->help, sizeof r->help, "add '}' at the end of %s%s%s",
             c->block_desc, closing > 1 ? " and of " : "", outer);
    r->note_brace = true;
    r->at = missing_at(p, c->found, c->loc);
    if (!is_sx(c->found, PW_SX_END))
        queue_closers(p, closing, PW_SX_CLOSE, c->found, c->loc);
}

/* A keyword, '->', '..' or ',' was just read; what it needs did not come. */
/* A name written in quotes where a name is wanted (`status "draft"`,
 * `expect "referred"`): reported, and read as the name. */
static bool quoted_name(pw_parser *p, const context *c, report *r)
{
    const char *t = p->src->text;
    pw_span in = {c->loc.begin + 1, c->loc.end - 1};
    if (c->loc.end - c->loc.begin < 3 || t[c->loc.begin] != '"' || t[in.end] != '"' ||
        !(isalpha((unsigned char)t[in.begin]) || t[in.begin] == '_'))
        return false;
    for (uint32_t i = in.begin; i < in.end; i++)
        if (!(isalnum((unsigned char)t[i]) || t[i] == '_' || t[i] == '-'))
            return false;
    char kw[64];
    excerpt(p, p->prev_tok, kw, sizeof kw);
    snprintf(r->msg, sizeof r->msg, "a name is written without quotes: %s %.*s", kw,
             (int)(in.end - in.begin), t + in.begin);
    snprintf(r->help, sizeof r->help, "quotes are for text; names and value words go "
             "without them");
    r->at = c->loc;
    p->npending = 0;
    queue(p, (pw_sym){PW_SX_NAME, PW_KW_NONE, PW_V_FLAG}, c->loc,
          (pw_name){pw_arena_strndup(p->arena, t + in.begin, in.end - in.begin), c->loc});
    return true;
}

static void after_token(pw_parser *p, const context *c, report *r)
{
    pw_sym top = c->top;
    r->at = missing_at(p, c->found, c->loc);
    if (is_kw(top, PW_KW_WITHIN) && is_sx(c->below, PW_SX_ID) && c->depth > 2 &&
        is_kw(c->below2, PW_KW_ASSERT)) {
        snprintf(r->msg, sizeof r->msg, "expected a number of steps after "
                 "'within', found %s", c->found_desc);
        char node[64];
        excerpt(p, p->prev2_tok, node, sizeof node);
        snprintf(r->help, sizeof r->help,
                 "write it as: assert %s within 1 step of start", node);
        return;
    }
    if (is_sx(top, PW_SX_ARROW) && is_sx(c->below, PW_SX_STR_OPT)) {
        snprintf(r->msg, sizeof r->msg, "expected the node this answer leads "
                 "to after '->', found %s", c->found_desc);
        snprintf(r->help, sizeof r->help, "an answer is written: yes \"Label\" "
                 "-> next_node (the label is optional)");
        return;
    }
    if (!after_keyword(p, top, c->below, c->found_desc, r))
        snprintf(r->msg, sizeof r->msg, "expected %s after '%s', found %s",
                 c->wanted, spelling(top) ? spelling(top) : c->prev, c->found_desc);
    if (is_keyword(c->found) && wants(c->want, c->n, PW_SX_NAME) &&
        r->at.begin == c->loc.begin) /* on the same line: meant as a name */
        snprintf(r->help, sizeof r->help, "'%s' is a reserved word: it cannot "
                 "be used as a name", spelling(c->found));
    else if (is_sx(c->found, PW_SX_TEXT) && wants(c->want, c->n, PW_SX_NAME) &&
             same_line(p, p->prev_tok.begin, c->loc.begin) && quoted_name(p, c, r))
        ; /* `status "draft"`, `expect "referred"`: read without the quotes */
    else if (is_sx(top, PW_SX_COMMA) && r->at.begin != c->loc.begin)
        snprintf(r->help, sizeof r->help, "remove the ',' at the end of the line: a "
                 "list ends with its last name");
    else if (is_kw(top, PW_KW_SCENARIO))
        snprintf(r->help, sizeof r->help, "say what the scenario is about, in quotes: "
                 "scenario \"a child in immediate danger\" {");
    else if ((is_kw(top, PW_KW_WITHIN) || is_kw(top, PW_KW_TARGET) ||
              is_kw(top, PW_KW_REVIEW_AFTER)) && is_sx(c->found, PW_SX_NAME)) {
        static const char *const numbers[] = {"a", "an", "one", "two", "three", "four",
                                              "five", "six", "seven", "eight", "nine",
                                              "ten", "eleven", "twelve"};
        char word[64];
        excerpt(p, c->loc, word, sizeof word);
        for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
            if (strcasecmp(word, numbers[i]) == 0) {
                /* the unit after it, on the line */
                const char *t = p->src->text;
                uint32_t b = c->loc.end, e;
                while (b < p->src->size && (t[b] == ' ' || t[b] == '\t'))
                    b++;
                for (e = b; e < p->src->size && (isalnum((unsigned char)t[e]) ||
                                                 t[e] == '-' || t[e] == '_');)
                    e++;
                snprintf(r->help, sizeof r->help, "write the number in figures: %s %zu %.*s",
                         spelling(top), i < 2 ? (size_t)1 : i - 1,
                         e > b ? (int)(e - b) : 4, e > b ? t + b : "days");
                break;
            }
        if (!r->help[0])
            snprintf(r->help, sizeof r->help, "a timescale is a number and a unit: "
                     "%s 1 working-day, %s 24 hours", spelling(top), spelling(top));
    }
    /* `assert no path reach x`: the one word wanted, misspelt */
    if (!r->help[0] && is_sx(c->found, PW_SX_NAME) && c->n >= 1 && c->n <= 3) {
        const char *cands[4];
        int k = 0;
        for (int i = 0; i < c->n; i++)
            if (is_keyword(c->want[i]) && spelling(c->want[i]))
                cands[k++] = spelling(c->want[i]);
        cands[k] = NULL;
        char word[64];
        excerpt(p, c->loc, word, sizeof word);
        const char *best = k ? pw_suggest_from(word, cands) : NULL;
        if (best)
            snprintf(r->help, sizeof r->help, "did you mean '%s'?", best);
    }
}

/* A title or other text was just read. */
static void after_text(pw_parser *p, const context *c, report *r)
{
    r->at = missing_at(p, c->found, c->loc);
    bool named = is_name(c->below);
    if (named && in_list(c->below2, decl_keywords) && wants(c->want, c->n, PW_SX_OPEN)) {
        snprintf(r->msg, sizeof r->msg, "expected '{' after the %s title, found %s",
                 spelling(c->below2), c->found_desc);
        snprintf(r->help, sizeof r->help, "add '{' at the end of the line, after the "
                 "title: the %s's %s go between '{' and '}'", spelling(c->below2),
                 is_kw(c->below2, PW_KW_STAGE)      ? "steps, questions and outcomes"
                 : is_kw(c->below2, PW_KW_QUESTION) ? "fields and answers"
                                                    : "fields");
        /* A field keyword next: the '{' was forgotten; go on as if it had
         * been written (and count it, so that the block's '}' is not taken
         * for one too many). */
        /* A declaration's keyword, indented under the title (a stage's
         * first node): the '{' forgotten too. */
        int own = indent_of(p, p->prev2_tok.begin);
        bool under = !same_line(p, p->prev_tok.end, c->loc.begin) && own >= 0 &&
                     indent_of(p, c->loc.begin) > own &&
                     only_blanks(p, line_start(p, c->loc.begin), c->loc.begin);
        if (is_keyword(c->found) && (!in_list(c->found, all_openers) || under)) {
            queue_closers(p, 1, PW_SX_OPEN, c->found, c->loc);
            p->brace_excess++;
        }
    } else if (named && is_sx(c->below2, PW_SX_NODE_ITEMS) && is_sx(c->found, PW_SX_NAME) &&
               !same_line(p, p->prev_tok.end, c->loc.begin) && answer_line(p, c->loc)) {
        /* the next line is the next answer: this one lost its arrow and
         * target (a line deleted, say) */
        char id[64];
        excerpt(p, p->prev2_tok, id, sizeof id);
        snprintf(r->msg, sizeof r->msg, "answer '%s' has no '->' and node to lead to", id);
        snprintf(r->help, sizeof r->help, "add them after its label: %s \"...\" -> "
                 "next_node", id);
        p->npending = 0;
        queue(p, c->found, c->loc, name_at(p, c->loc));
    } else if (named && is_sx(c->below2, PW_SX_NODE_ITEMS) && p->node &&
               same_line(p, p->prev2_tok.begin, p->prev_tok.begin)) {
        /* `recrod "..."`: a misspelt field, not an answer with a label */
        char word[64];
        excerpt(p, p->prev2_tok, word, sizeof word);
        const char *field = pw_describe_suggest_field(p->node->kind, word);
        if (field) {
            snprintf(r->msg, sizeof r->msg, "unknown field '%s' in %s", word, c->block_desc);
            snprintf(r->help, sizeof r->help, "did you mean '%s'?", field);
            r->at = p->prev2_tok;
            r->fix = field;
            return;
        }
        snprintf(r->msg, sizeof r->msg, "expected '->' and a target after the "
                 "answer's label, found %s", c->found_desc);
        snprintf(r->help, sizeof r->help, "an answer is written: yes \"Label\" "
                 "-> next_node (the label is optional)");
        if (is_sx(c->found, PW_SX_NAME))
            queue_arrow(p, c->loc);
    } else if (named && is_sx(c->below2, PW_SX_NODE_ITEMS)) {
        snprintf(r->msg, sizeof r->msg, "expected '->' and a target after the "
                 "answer's label, found %s", c->found_desc);
        snprintf(r->help, sizeof r->help, "an answer is written: yes \"Label\" "
                 "-> next_node (the label is optional)");
        if (is_sx(c->found, PW_SX_NAME))
            queue_arrow(p, c->loc);
    } else if (is_kw(c->below, PW_KW_SCENARIO)) {
        snprintf(r->msg, sizeof r->msg, "expected '{' after the scenario's "
                 "description, found %s", c->found_desc);
    } else if (wants(c->want, c->n, PW_SX_ARROW) && !is_sx(c->found, PW_SX_END) &&
               !same_line(p, p->prev_tok.end, c->loc.begin)) {
        /* `band 2..3 "Low"`, the next line another band: its arrow and
         * target lost */
        snprintf(r->msg, sizeof r->msg, "this line has no '->' and node to lead to");
        snprintf(r->help, sizeof r->help, "add them at the end of the line, after the "
                 "label: -> next_node");
    } else {
        snprintf(r->msg, sizeof r->msg, "expected %.380s after the text, found %.95s",
                 c->wanted, c->found_desc);
    }
}

/* A name was just read at the start of a node item: an answer in the
 * making, a mistyped field, or a target whose answer lost its own. */
/* An answer's line where words follow its name: `not yet "Not yet" -> x`
 * (a name with spaces: E0124) or `home_or_care From home or care -> x`
 * (a label without quotes: E0018). The parser's lookahead (the second
 * word) becomes the answer's name, and reading resumes at the label or the
 * arrow, so the answer is read as meant. */
static bool answer_words(pw_parser *p, const context *c, report *r)
{
    const char *t = p->src->text;
    uint32_t n = (uint32_t)p->src->size, q = 0, a = 0;
    if (!is_sx(c->found, PW_SX_NAME) || !p->node || p->node->kind != PW_QUESTION ||
        !same_line(p, p->prev_tok.begin, c->loc.begin))
        return false;
    for (uint32_t i = c->loc.begin; i + 1 < n && t[i] != '\n' && t[i] != '#' && !a; i++) {
        if (t[i] == '"' && !q)
            q = i;
        if (t[i] == '-' && t[i + 1] == '>')
            a = i;
        if (t[i] == '{' || t[i] == '}')
            return false;
    }
    if (!a)
        return false;
    pw_span id = p->prev_tok;
    char want[256];
    if (q) { /* words, then the label: the words are the name */
        uint32_t e = q;
        while (e > id.end && (t[e - 1] == ' ' || t[e - 1] == '\t'))
            e--;
        size_t len = 0;
        bool gap = false;
        for (uint32_t i = id.begin; i < e && len + 2 < sizeof want; i++) {
            char ch = t[i];
            if (ch == ' ' || ch == '\t') {
                gap = true;
                continue;
            }
            if (!(isalnum((unsigned char)ch) || ch == '_' || ch == '-'))
                return false;
            if (gap)
                want[len++] = '_';
            gap = false;
            want[len++] = ch;
        }
        want[len] = '\0';
        r->code = "E0124";
        r->at = (pw_span){id.begin, e};
        snprintf(r->msg, sizeof r->msg, "an answer's name cannot contain spaces: write %s",
                 want);
        snprintf(r->help, sizeof r->help, "join the words with '_': the label in quotes "
                 "after the name can say anything; name it so wherever it is used");
        pw_parse_rename_lookahead(p, (pw_name){pw_arena_strndup(p->arena, want, len),
                                               r->at});
        p->skip_before = q;
    } else { /* words, then the arrow: the words are the label */
        uint32_t e = a;
        while (e > c->loc.begin && (t[e - 1] == ' ' || t[e - 1] == '\t'))
            e--;
        uint32_t to = a + 2;
        while (to < n && (t[to] == ' ' || t[to] == '\t'))
            to++;
        uint32_t te = to;
        while (te < n && (isalnum((unsigned char)t[te]) || t[te] == '_' || t[te] == '-'))
            te++;
        r->code = "E0018";
        r->at = (pw_span){c->loc.begin, e};
        snprintf(r->msg, sizeof r->msg, "an answer's label without quotes");
        snprintf(r->help, sizeof r->help, "write it in straight double quotes: %.*s \"%.*s\" "
                 "-> %.*s", (int)(id.end - id.begin), t + id.begin, (int)(e - c->loc.begin),
                 t + c->loc.begin, (int)(te - to), t + to);
        pw_parse_rename_lookahead(p, name_at(p, id));
        p->skip_before = a;
    }
    return true;
}

static void after_item_name(pw_parser *p, const context *c, report *r)
{
    if (answer_words(p, c, r))
        return;
    const char *field = p->node ? pw_describe_suggest_field(p->node->kind, c->prev) : NULL;
    if (field && !is_sx(c->found, PW_SX_ARROW) && !is_sx(c->found, PW_SX_TEXT)) {
        snprintf(r->msg, sizeof r->msg, "unknown field '%s' in %s", c->prev,
                 c->block_desc);
        snprintf(r->help, sizeof r->help, "did you mean '%s'?", field);
        r->at = p->prev_tok;
        r->fix = field;
        return;
    }
    static const char *const lists[] = {"any-of", "all-of", NULL};
    const char *list = is_sx(c->found, PW_SX_OPEN) ? pw_suggest_from(c->prev, lists) : NULL;
    if (list) {
        /* `any_of {`: a list of criteria, its keyword misspelt; read on as
         * the list it is */
        snprintf(r->msg, sizeof r->msg, "unknown word '%s' in %s", c->prev, c->block_desc);
        snprintf(r->help, sizeof r->help, "did you mean '%s'? A list of criteria begins "
                 "with any-of or all-of", list);
        r->at = p->prev_tok;
        p->npending = 0;
        pw_keyword k = pw_keyword_find(list, strlen(list));
        queue(p, (pw_sym){PW_SX_KEYWORD, k, PW_V_FLAG}, p->prev_tok, (pw_name){0});
        queue(p, c->found, c->loc, (pw_name){0});
        return;
    }
    snprintf(r->msg, sizeof r->msg,
             "expected '->' and a target after answer '%s', found %s", c->prev,
             c->found_desc);
    snprintf(r->help, sizeof r->help, "an answer is written: %s \"Label\" -> "
             "next_node (the label is optional)", c->prev);
    r->at = missing_at(p, c->found, c->loc);
    if (is_sx(c->found, PW_SX_NAME))
        queue_arrow(p, c->loc);
}

/* A keyword written with capitals, or misspelt where the rest of the
 * line is a declaration's head: go on as if it had been written right
 * (the keyword queued in place of the word), so that the declaration and
 * its block are read as meant. */
static bool retype_keyword(pw_parser *p, const context *c, const char *word,
                           const char *best)
{
    pw_keyword k = best ? pw_keyword_find(best, strlen(best)) : PW_KW_NONE;
    if (!k)
        return false;
    bool capital = strlen(word) == strlen(best) && strcmp(word, best) != 0;
    for (size_t i = 0; capital && word[i]; i++)
        capital = tolower((unsigned char)word[i]) == best[i];
    pw_sym ks = {pw_keyword_token_form(k) >= 0 ? PW_SX_FIELD : PW_SX_KEYWORD, k, PW_V_FLAG};
    const pw_keyword *takes = openers_of(c->block);
    head_line h;
    bool head = takes && in_list(ks, takes) && read_head(p, c->loc.end, &h) &&
                h.nwords == 1 && pw_syntax_name_at(p, h.word[0]) && (h.title.end || h.open);
    if (!capital && !head)
        return false;
    p->npending = 0;
    queue(p, ks, c->loc, (pw_name){0});
    return capital;
}

/* Whether the token at loc begins its line and the line goes on with
 * '->' (an answer's). */
static bool answer_line(const pw_parser *p, pw_span loc)
{
    const char *t = p->src->text;
    uint32_t n = (uint32_t)p->src->size;
    if (!only_blanks(p, line_start(p, loc.begin), loc.begin))
        return false;
    for (uint32_t i = loc.end; i + 1 < n && t[i] != '\n' && t[i] != '#'; i++)
        if (t[i] == '-' && t[i + 1] == '>')
            return true;
    return false;
}

bool pw_syntax_answer_tail(const pw_parser *p, uint32_t from, pw_span *name, pw_span *to)
{
    const char *t = p->src->text;
    uint32_t n = (uint32_t)p->src->size, i = from;
    while (i < n && (t[i] == ' ' || t[i] == '\t'))
        i++;
    name->begin = i;
    if (i < n && (isalpha((unsigned char)t[i]) || t[i] == '_'))
        while (i < n && (isalnum((unsigned char)t[i]) || t[i] == '_' || t[i] == '-'))
            i++;
    name->end = i;
    while (i < n && (t[i] == ' ' || t[i] == '\t'))
        i++;
    if (i + 1 >= n || t[i] != '-' || t[i + 1] != '>')
        return false;
    for (i += 2; i < n && (t[i] == ' ' || t[i] == '\t');)
        i++;
    to->begin = i;
    while (i < n && (isalnum((unsigned char)t[i]) || t[i] == '_' || t[i] == '-'))
        i++;
    to->end = i;
    return true;
}

/* A name made of the first words of the label quoted at q (`"Not yet:
 * Stage 1 goes on"` gives not_yet): small letters, words joined by '_', up
 * to a character that is neither a letter, a digit, a space nor an
 * apostrophe. Written to buf; false when it would not start with a
 * letter. */
static bool name_from_label(const pw_parser *p, uint32_t q, char *buf, size_t size)
{
    const char *t = p->src->text;
    size_t len = 0;
    bool gap = false;
    for (uint32_t k = q + 1; k < p->src->size && t[k] != '"' && t[k] != '\n' &&
                             len + 2 < size && len < 22; k++) {
        unsigned char ch = (unsigned char)t[k];
        if (isalnum(ch)) {
            if (gap && len)
                buf[len++] = '_';
            buf[len++] = (char)tolower(ch);
            gap = false;
        } else if (ch == ' ' || ch == '\'') {
            gap = true;
        } else if (len) {
            break;
        } else {
            return false;
        }
    }
    buf[len] = '\0';
    return len && isalpha((unsigned char)buf[0]);
}

/* A text where a question's answer has no room for it: after the answer's
 * target (`yes -> call_999 "Dial 999"`), or first on its line with an
 * arrow after it (`"Not yet" -> x`: no name; `"Level 1" level_1 -> x`: the
 * label before the name). Reported; the text is dropped, and with no name
 * the line too. */
static bool answer_text(pw_parser *p, const context *c, report *r)
{
    const char *t = p->src->text;
    if (!is_sx(c->found, PW_SX_TEXT) || !p->node || p->node->kind != PW_QUESTION)
        return false;
    pw_span arrow = p->prev2_tok, target = p->prev_tok;
    char label[120];
    excerpt(p, c->loc, label, sizeof label);
    if (same_line(p, target.begin, c->loc.begin) && arrow.end == arrow.begin + 2 &&
        memcmp(t + arrow.begin, "->", 2) == 0) {
        /* the answer's name: the word before the arrow */
        uint32_t b = arrow.begin;
        while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '\t'))
            b--;
        uint32_t e = b;
        while (b > 0 && (isalnum((unsigned char)t[b - 1]) || t[b - 1] == '_' || t[b - 1] == '-'))
            b--;
        snprintf(r->msg, sizeof r->msg, "an answer's label goes before its arrow, after its "
                 "name");
        snprintf(r->help, sizeof r->help, "write: %.*s %s -> %.*s", (int)(e - b), t + b, label,
                 (int)(target.end - target.begin), t + target.begin);
        r->at = c->loc;
        return true;
    }
    pw_span name, to;
    if (!only_blanks(p, line_start(p, c->loc.begin), c->loc.begin) ||
        !pw_syntax_answer_tail(p, c->loc.end, &name, &to))
        return false;
    r->at = c->loc;
    if (name.end > name.begin) { /* "Level 1" level_1 -> x */
        snprintf(r->msg, sizeof r->msg, "an answer's label goes after its name");
        snprintf(r->help, sizeof r->help, "write: %.*s %s -> %.*s",
                 (int)(name.end - name.begin), t + name.begin, label,
                 (int)(to.end - to.begin), t + to.begin);
        return true; /* the text is dropped: the answer reads on */
    }
    /* "Not yet: Stage 1 goes on" -> x: a name made of its first words */
    char made[40];
    if (!name_from_label(p, c->loc.begin, made, sizeof made))
        snprintf(made, sizeof made, "answer_name");
    snprintf(r->msg, sizeof r->msg, "this answer has a label but no name");
    snprintf(r->help, sizeof r->help, "put a name before the label, as in: %s %s -> %.*s; "
             "scenarios answer with the name", made, label, (int)(to.end - to.begin), t + to.begin);
    p->skip_before = to.end; /* the line */
    return true;
}

/* `"kind": "referral",` first on its line: a field written as in JSON or
 * YAML. Reported once; the field is read as meant where its value is a
 * name, a word or text, and the line is passed over otherwise. */
static bool json_field(pw_parser *p, const context *c, report *r)
{
    const char *t = p->src->text;
    uint32_t n = (uint32_t)p->src->size;
    if (!is_sx(c->found, PW_SX_TEXT) || c->loc.end - c->loc.begin < 3 ||
        !only_blanks(p, line_start(p, c->loc.begin), c->loc.begin))
        return false;
    pw_keyword kw = pw_keyword_find(t + c->loc.begin + 1, c->loc.end - c->loc.begin - 2);
    uint32_t i = c->loc.end;
    while (i < n && (t[i] == ' ' || t[i] == '\t'))
        i++;
    if (!kw || i >= n || t[i] != ':')
        return false;
    for (i++; i < n && (t[i] == ' ' || t[i] == '\t');)
        i++;
    uint32_t vb = i, ve;
    if (i < n && t[i] == '"') {
        vb = ++i;
        while (i < n && t[i] != '"' && t[i] != '\n')
            i++;
        ve = i;
        if (i < n && t[i] == '"')
            i++;
    } else {
        while (i < n && t[i] != ',' && t[i] != '\n' && t[i] != '#' && t[i] != '}')
            i++;
        ve = i;
        while (ve > vb && (t[ve - 1] == ' ' || t[ve - 1] == '\t' || t[ve - 1] == '\r'))
            ve--;
    }
    while (i < n && (t[i] == ' ' || t[i] == '\t'))
        i++;
    if (i < n && t[i] == ',')
        i++;
    int form = pw_keyword_token_form(kw);
    bool word = form == PW_V_NAME || form == PW_V_NAMES || form == PW_V_WORD ||
                form == PW_V_WORD_TEXT || form == PW_V_NAME_TEXT || form == PW_V_NAME_OR_TEXT;
    bool text = form == PW_V_TEXT || form == PW_V_SOURCE;
    bool one_word = ve > vb;
    for (uint32_t k = vb; k < ve && one_word; k++)
        one_word = isalnum((unsigned char)t[k]) || t[k] == '_' || t[k] == '-';
    r->at = (pw_span){c->loc.begin, i};
    snprintf(r->msg, sizeof r->msg, "a field is written without quotes around its name, "
             "without ':' and without ','");
    snprintf(r->help, sizeof r->help, "write: %s %s%.*s%s", pw_keyword_spelling(kw),
             text ? "\"" : "", (int)(ve - vb), t + vb, text ? "\"" : "");
    p->npending = 0;
    if ((word && one_word) || text) {
        queue(p, (pw_sym){form >= 0 ? PW_SX_FIELD : PW_SX_KEYWORD, kw, PW_V_FLAG},
              (pw_span){c->loc.begin, c->loc.end}, (pw_name){0});
        queue(p, (pw_sym){text ? PW_SX_TEXT : PW_SX_NAME, PW_KW_NONE, PW_V_FLAG},
              (pw_span){vb, ve},
              (pw_name){pw_arena_strndup(p->arena, t + vb, ve - vb), (pw_span){vb, ve}});
    }
    p->skip_before = i;
    return true;
}

/* Between the items of a block: something that does not belong there. */
static void in_block(pw_parser *p, const context *c, report *r)
{
    if (answer_text(p, c, r) || json_field(p, c, r))
        return;
    if (is_sx(c->block, PW_SX_SCENARIO_ITEMS) && !is_sx(c->found, PW_SX_END) &&
        !is_sx(c->found, PW_SX_CLOSE) && same_line(p, p->prev_tok.end, c->loc.begin)) {
        /* `answer dash_score 14 ticks`: more on a scenario's line than it takes */
        const char *t = p->src->text;
        uint32_t e = c->loc.end;
        while (e < p->src->size && t[e] != '\n' && t[e] != '#')
            e++;
        while (e > c->loc.end && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'))
            e--;
        r->at = (pw_span){c->loc.begin, e};
        char extra[64];
        excerpt(p, r->at, extra, sizeof extra);
        snprintf(r->msg, sizeof r->msg, "'%s' has no place at the end of this line", extra);
        snprintf(r->help, sizeof r->help, "remove it: a scenario's lines are 'answer "
                 "QUESTION ANSWER' (the answer's name, or a number for a score) and 'expect "
                 "OUTCOME', with 'through NODE, ...' if you like");
        p->skip_before = e;
        return;
    }
    if (is_sx(c->found, PW_SX_NAME)) {
        char word[64];
        excerpt(p, c->loc, word, sizeof word);
        const char *best = is_sx(c->block, PW_SX_NODE_ITEMS) && p->node
                               ? pw_describe_suggest_field(p->node->kind, word)
                               : pw_suggest_from(word, pw_keyword_spellings);
        bool fields = !is_sx(c->block, PW_SX_FILE) &&
                      !is_sx(c->block, PW_SX_STAGE_ITEMS);
        r->at = c->loc;
        if (retype_keyword(p, c, word, best)) {
            r->code = "E0125";
            snprintf(r->msg, sizeof r->msg, "'%s' is written in small letters: %s",
                     word, best);
            snprintf(r->help, sizeof r->help, "the words of the language (step, "
                     "question, by, next, ...) are all written in small letters");
            return;
        }
        pw_keyword k = best ? pw_keyword_find(best, strlen(best)) : PW_KW_NONE;
        if (k && in_list((pw_sym){PW_SX_KEYWORD, k, PW_V_FLAG}, all_openers))
            fields = false; /* a declaration's keyword, misspelt */
        snprintf(r->msg, sizeof r->msg, "%s '%s' in %s",
                 fields ? "unknown field" : "unknown word", word, c->block_desc);
        if (best) {
            snprintf(r->help, sizeof r->help, "did you mean '%s'?", best);
            r->fix = best;
            return;
        }
    } else if (is_sx(c->found, PW_SX_CLOSE) && is_sx(c->block, PW_SX_FILE)) {
        r->code = "E0130";
        snprintf(r->msg, sizeof r->msg, "this '}' closes nothing: it is one '}' too many");
        snprintf(r->help, sizeof r->help, "remove it");
        return;
    } else if (is_sx(c->found, PW_SX_NUMBER) && is_sx(c->block, PW_SX_NODE_ITEMS) &&
               p->node && p->node->kind == PW_QUESTION && answer_line(p, c->loc)) {
        /* `2 "Level 2" -> early_help`: an answer named with a number */
        const char *t = p->src->text;
        uint32_t e = c->loc.begin;
        while (e < p->src->size && (isalnum((unsigned char)t[e]) || t[e] == '_' || t[e] == '-'))
            e++;
        char fixed[160];
        letter_first(t + c->loc.begin, e - c->loc.begin, fixed, sizeof fixed);
        /* `4 "Level 4" -> x`: the label's words make a better name (level_4) */
        uint32_t q = e;
        while (q < p->src->size && (t[q] == ' ' || t[q] == '\t'))
            q++;
        char label[40];
        if (q < p->src->size && t[q] == '"' && name_from_label(p, q, label, sizeof label))
            snprintf(fixed, sizeof fixed, "%s", label);
        r->code = "E0126";
        r->at = (pw_span){c->loc.begin, e};
        snprintf(r->msg, sizeof r->msg, "an answer's name starts with a letter: write %s",
                 fixed);
        snprintf(r->help, sizeof r->help, "a name is letters, digits, '_' and '-', and "
                 "starts with a letter (the label in quotes after it can say anything); "
                 "name it so wherever it is used");
        return;
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
    if (!is_sx(c->found, PW_SX_ARROW) || c->block_at != 0 ||
        !is_sx(c->block, PW_SX_NODE_ITEMS) || arrow.end - arrow.begin != 2 ||
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
    p->npending = 0;
    queue(p, (pw_sym){PW_SX_NAME, PW_KW_NONE, PW_V_FLAG}, id, name_at(p, id));
    queue(p, (pw_sym){PW_SX_ARROW, PW_KW_NONE, PW_V_FLAG}, c->loc, (pw_name){0});
    return true;
}

/* A number was just read after within/target/review-after: no unit. */
static bool missing_unit(pw_parser *p, const context *c, report *r)
{
    if (!is_sx(c->top, PW_SX_NUMBER) || !is_sx(c->below2, PW_SX_NODE_ITEMS) ||
        !(is_kw(c->below, PW_KW_WITHIN) || is_kw(c->below, PW_KW_TARGET) ||
          is_kw(c->below, PW_KW_REVIEW_AFTER)))
        return false;
    snprintf(r->msg, sizeof r->msg, "expected a unit of time after '%s', found %s",
             c->prev, c->found_desc);
    snprintf(r->help, sizeof r->help, "the units are minutes, hours, days, "
             "working-days, weeks and months (singular or plural), as in "
             "'within 1 working-day'");
    r->at = missing_at(p, c->found, c->loc);
    return true;
}

/* A question's title was just read, and the next line, indented under
 * it, is an answer (`yes -> node`, `yes "Label" -> node`): the question's
 * '{' is missing. Go on as if it were written. */
static bool answers_without_open(pw_parser *p, const context *c, report *r)
{
    if (!(is_sx(c->top, PW_SX_TEXT) || is_sx(c->top, PW_SX_STR)) || !is_name(c->below) ||
        !is_kw(c->below2, PW_KW_QUESTION) || same_line(p, p->prev_tok.end, c->loc.begin) ||
        !wants(c->want, c->n, PW_SX_OPEN))
        return false;
    int own = indent_of(p, p->prev2_tok.begin);
    if (own < 0 || indent_of(p, c->loc.begin) <= own || !answer_line(p, c->loc))
        return false;
    char word[64];
    excerpt(p, c->loc, word, sizeof word);
    snprintf(r->msg, sizeof r->msg, "expected '{' after the question title, found the "
             "answer '%s'", word);
    snprintf(r->help, sizeof r->help, "add '{' at the end of the line, after the title: "
             "the question's fields and answers go between '{' and '}'");
    r->at = (pw_span){p->prev_tok.end, p->prev_tok.end};
    p->npending = 0;
    queue(p, (pw_sym){PW_SX_OPEN, PW_KW_NONE, PW_V_FLAG}, r->at, (pw_name){0});
    queue(p, c->found, c->loc, name_at(p, c->loc));
    p->brace_excess++; /* the '{' is counted: its block's '}' is not one too many */
    return true;
}

/* `by practitioner, dsl`, `also a, b "..."`, `next a, b`: a list where a
 * field takes one name. Read on with the first name, the rest of the list
 * left out. */
static bool list_for_one(pw_parser *p, const context *c, report *r)
{
    if (!is_sx(c->found, PW_SX_COMMA))
        return false;
    /* the field is on the stack still (it may take a text after the name),
     * or made already (the name was its last word) */
    bool made = !(is_name(c->top) && is_keyword(c->below) && c->depth >= 2);
    pw_keyword fk = made || !c->below.kw ? p->tok_kw[2] : c->below.kw;
    if (!fk || fk == PW_KW_CONTACT || fk == PW_KW_FORM || fk == PW_KW_THROUGH ||
        p->tok_kw[1] || pw_keyword_token_form(fk) < 0 ||
        (made && !same_line(p, p->prev2_tok.begin, c->loc.begin)))
        return false; /* a field's keyword only: a declaration's is bad_head's */
    pw_sym k = {pw_keyword_token_form(fk) >= 0 ? PW_SX_FIELD : PW_SX_KEYWORD, fk, PW_V_FLAG};
    const char *kw = pw_keyword_spelling(fk), *t = p->src->text;
    /* the end of the list: names and ',' on the line */
    uint32_t e = c->loc.end, n = (uint32_t)p->src->size;
    for (;;) {
        uint32_t i = e;
        while (i < n && (t[i] == ' ' || t[i] == '\t'))
            i++;
        uint32_t b = i;
        while (i < n && (isalnum((unsigned char)t[i]) || t[i] == '_' || t[i] == '-'))
            i++;
        if (i == b)
            break;
        e = i;
        while (i < n && (t[i] == ' ' || t[i] == '\t'))
            i++;
        if (i >= n || t[i] != ',')
            break;
        e = i + 1;
    }
    char first[64];
    excerpt(p, p->prev_tok, first, sizeof first);
    snprintf(r->msg, sizeof r->msg, "'%s' takes one name, not a list", kw);
    if (fk == PW_KW_ALSO)
        snprintf(r->help, sizeof r->help, "write one 'also' line for each, as in: also %s "
                 "\"...\"", first);
    else if (fk == PW_KW_BY)
        snprintf(r->help, sizeof r->help, "name the one role that does it: by %s; say who "
                 "else is involved in a 'do' or a 'note'", first);
    else if (fk == PW_KW_NEXT)
        snprintf(r->help, sizeof r->help, "a step goes on to one node: next %s; to choose "
                 "between several, go on to a question", first);
    else
        snprintf(r->help, sizeof r->help, "keep one: %s %s", kw, first);
    r->at = (pw_span){c->loc.begin, e};
    p->npending = 0;
    if (!made) { /* read the field again, with its first name */
        queue(p, k, p->prev2_tok, (pw_name){0});
        queue(p, (pw_sym){PW_SX_NAME, PW_KW_NONE, PW_V_FLAG}, p->prev_tok,
              name_at(p, p->prev_tok));
    }
    p->skip_before = e;
    return true;
}

static void describe(pw_parser *p, report *r, context *c)
{
    int closing = !is_sx(c->found, PW_SX_END)
                      ? blocks_to_close(c->found, c->stack, c->depth)
                      : open_blocks(c);
    if (bad_head(p, c, r))
        ;
    else if (closing > 0 && wants(c->want, c->n, PW_SX_CLOSE) &&
        (c->block_at == 0 || is_sx(c->top, PW_SX_OPEN) || !is_keyword(c->top)))
        missing_brace(p, c, closing, r);
    else if (answer_without_target(p, c, r) || missing_unit(p, c, r) ||
             answers_without_open(p, c, r) || list_for_one(p, c, r))
        ;
    else if (is_keyword(c->top) || is_sx(c->top, PW_SX_ARROW) ||
             is_sx(c->top, PW_SX_DOTDOT) || is_sx(c->top, PW_SX_COMMA))
        after_token(p, c, r);
    else if (is_sx(c->found, PW_SX_NAME) && c->block_at > 0 &&
             !same_line(p, p->prev_tok.end, c->loc.begin) &&
             wants(c->want, c->n, PW_SX_CLOSE))
        in_block(p, c, r); /* a line that begins with a word the block does not take */
    else if (is_sx(c->top, PW_SX_TEXT) || is_sx(c->top, PW_SX_STR))
        after_text(p, c, r);
    else if (is_name(c->top) && in_list(c->below, decl_keywords)) {
        snprintf(r->msg, sizeof r->msg,
                 "expected the %s's title, in quotes, after '%s', found %s",
                 spelling(c->below), c->prev, c->found_desc);
        snprintf(r->help, sizeof r->help, "write it as: %s %s \"What it says\"",
                 spelling(c->below), c->prev);
        r->at = missing_at(p, c->found, c->loc);
    } else if (is_name(c->top) && is_sx(c->below, PW_SX_NODE_ITEMS))
        after_item_name(p, c, r);
    else if (c->block_at == 0 || is_sx(c->top, PW_SX_OPEN))
        in_block(p, c, r);
    else if (wants(c->want, c->n, PW_SX_ARROW) && is_sx(c->found, PW_SX_NAME)) {
        /* `band 0..9 standard_risk`: the arrow is missing before a name (a
         * label could have come too, but the name says what was meant) */
        snprintf(r->msg, sizeof r->msg, "expected '->' after '%s', found %s", c->prev,
                 c->found_desc);
        r->at = missing_at(p, c->found, c->loc);
        queue_arrow(p, c->loc);
    } else if (is_sx(c->found, PW_SX_TEXT) && is_name(c->top) &&
               is_kw(c->below, PW_KW_ANSWER)) {
        snprintf(r->msg, sizeof r->msg, "expected %s after '%s', found %s",
                 c->wanted, c->prev, c->found_desc);
        snprintf(r->help, sizeof r->help, "a scenario gives the answer's name (as in: "
                 "answer %s yes), not its label", c->prev);
        r->at = c->loc;
    } else if ((is_sx(c->found, PW_SX_NAME) || is_keyword(c->found)) &&
               wants(c->want, c->n, PW_SX_DOTDOT) && c->loc.end - c->loc.begin == 2 &&
               memcmp(p->src->text + c->loc.begin, "to", 2) == 0) {
        /* `band 0 to 13`: read as 0..13 */
        snprintf(r->msg, sizeof r->msg, "a range is written with '..', not 'to'");
        const char *t = p->src->text;
        uint32_t b = c->loc.end, e;
        while (b < p->src->size && (t[b] == ' ' || t[b] == '\t'))
            b++;
        for (e = b; e < p->src->size && isdigit((unsigned char)t[e]);)
            e++;
        if (e > b)
            snprintf(r->help, sizeof r->help, "write it as %s..%.*s", c->prev, (int)(e - b),
                     t + b);
        else
            snprintf(r->help, sizeof r->help, "write it as %s..N, as in: band 0..13", c->prev);
        r->at = c->loc;
        p->npending = 0;
        queue(p, (pw_sym){PW_SX_DOTDOT, PW_KW_NONE, PW_V_FLAG}, c->loc, (pw_name){0});
    } else {
        snprintf(r->msg, sizeof r->msg, "expected %s after '%s', found %s",
                 c->wanted, c->prev, c->found_desc);
        r->at = missing_at(p, c->found, c->loc);
    }
}

bool pw_syntax_missing_open(pw_parser *p, pw_group g, pw_keyword kw, pw_span title)
{
    pw_keyword next = p->tok_kw[0];
    pw_span loc = p->last_tok;
    bool later = pw_source_line_of(p->src, loc.begin) > pw_source_line_of(p->src, title.end);
    /* the next line is indented deeper than the declaration's: it is the
     * declaration's own, whatever it holds */
    int own = indent_of(p, title.begin), at_indent = indent_of(p, loc.begin);
    bool deeper = later && own >= 0 && at_indent > own &&
                  only_blanks(p, line_start(p, loc.begin), loc.begin);
    /* a word the pathway's block takes too, or that opens a declaration,
     * may be meant where it is, unless it is indented under the title */
    if (!next || !pw_field_find(g, next) ||
        (!deeper && (pw_field_find(PW_G_PATHWAY, next) || next == PW_KW_CONTACT ||
                     next == PW_KW_FORM)))
        return false;
    /* a step inside a together, written without a block: a field the
     * together takes (its `next`, say) may be the together's own, unless
     * it is indented under the step or the file has a '}' too many */
    if (g == PW_G_NODE && p->node && p->node->parent &&
        pw_field_takes(pw_field_find(g, next), PW_TOGETHER) && !deeper &&
        p->brace_excess >= 0)
        return false;
    if (p->any_syntax_error && loc.begin == p->last_error)
        return false;
    p->any_syntax_error = true;
    p->last_error = loc.begin;
    pw_sym found = {pw_keyword_token_form(next) >= 0 ? PW_SX_FIELD : PW_SX_KEYWORD, next,
                    PW_V_FLAG};
    pw_diagnostic *d = pw_diag_error(p->diag, "E0100", p->src,
                                     later ? (pw_span){title.end, title.end} : loc,
                                     "expected '{' after the %s title, found '%s'",
                                     pw_keyword_spelling(kw), pw_keyword_spelling(next));
    pw_diag_help(d, "add '{' at the end of the line, after the title: the %s's fields go "
                    "between '{' and '}'", pw_keyword_spelling(kw));
    p->npending = 0;
    queue(p, (pw_sym){PW_SX_OPEN, PW_KW_NONE, PW_V_FLAG}, (pw_span){title.end, title.end},
          (pw_name){0});
    queue(p, found, loc, (pw_name){0});
    p->brace_excess++; /* the '{' is counted: its block's '}' is not one too many */
    return true;
}

void pw_syntax_misplaced(pw_parser *p, pw_group g, pw_keyword kw, pw_span keyword)
{
    if (p->any_syntax_error && keyword.begin == p->last_error)
        return;
    p->any_syntax_error = true;
    p->last_error = keyword.begin;
    pw_sym block = {g == PW_G_PATHWAY   ? PW_SX_PATHWAY_ITEMS
                    : g == PW_G_STAGE   ? PW_SX_STAGE_ITEMS
                    : g == PW_G_CONTACT ? PW_SX_CONTACT_FIELDS
                    : g == PW_G_FORM    ? PW_SX_FORM_FIELDS
                                        : PW_SX_NODE_ITEMS,
                    PW_KW_NONE, PW_V_FLAG};
    char desc[96], help[512];
    describe_block(p, block, desc, sizeof desc);
    block_help(p, block, "", help, sizeof help);
    pw_diagnostic *d = pw_diag_error(p->diag, "E0100", p->src, keyword,
                                     "unexpected '%s' in %s",
                                     pw_keyword_spelling(kw), desc);
    pw_diag_help(d, "%s", help);
}

void pw_syntax_error(pw_parser *p, pw_sym found, pw_span loc, const pw_sym *want,
                     int n, const pw_sym *stack, int depth)
{
    /* Once at a place: recovery meets the same token again. */
    if (p->any_syntax_error && loc.begin == p->last_error)
        return;
    p->any_syntax_error = true;
    p->last_error = loc.begin;

    pw_sym file = {PW_SX_FILE, 0, 0};
    context c = {.found = found, .loc = loc, .want = want, .n = n,
                 .stack = stack, .depth = depth};
    c.top = depth > 0 ? stack[0] : file;
    c.below = depth > 1 ? stack[1] : file;
    c.below2 = depth > 2 ? stack[2] : file;
    c.block = block_of(stack, depth, &c.block_at);
    describe_found(p, found, loc, c.found_desc, sizeof c.found_desc);
    describe_block(p, c.block, c.block_desc, sizeof c.block_desc);
    list_wanted(p, c.block, want, n, c.wanted, sizeof c.wanted);
    excerpt(p, p->prev_tok, c.prev, sizeof c.prev);

    report r = {.at = loc};
    p->repair.active = false;
    describe(p, &r, &c);
    if (!r.msg[0])
        return; /* reported already, by the lexer */

    pw_diagnostic *g = pw_diag_error(p->diag, r.code ? r.code : "E0100", p->src, r.at,
                                     "%s", r.msg);
    if (r.note_brace && p->nbraces) {
        size_t i = p->nbraces - 1;
        if (is_sx(found, PW_SX_OPEN) && i > 0)
            i--;
        uint32_t b = p->braces[i];
        pw_diag_note(g, p->src, (pw_span){b, b + 1}, "%s opened here",
                     c.block_desc);
    }
    if (r.help[0])
        pw_diag_help(g, "%s", r.help);
    if (r.fix)
        pw_diag_fix(g, r.at, r.fix);
}

void pw_syntax_skip_block(pw_parser *p, size_t depth)
{
    p->skipping = true;
    p->skip_to = depth;
}

/* ---- braces the indentation shows missing or one too many -------------- */

void pw_syntax_brace_count(pw_parser *p)
{
    const char *t = p->src->text;
    size_t n = p->src->size;
    int excess = 0;
    size_t open_to[2] = {0, 0}; /* a quote of each kind opens nothing before these */
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if ((c == '"' || c == '\'') && i < open_to[c == '"']) {
            continue; /* its line was read for a closing quote already: none */
        } else if (c == '#' || c == '"' || c == '\'') {
            char end = c == '#' ? '\n' : c;
            size_t from = i;
            for (i++; i < n && t[i] != end && t[i] != '\n'; i++)
                if (c == '"' && t[i] == '\\' && i + 1 < n && t[i + 1] != '\n')
                    i++;
            if (c != '#' && (i >= n || t[i] != end)) {
                open_to[c == '"'] = i; /* the end of the line: read once */
                i = from; /* a quote that closes nothing on its line: no text */
            }
        } else if (c == '{' || c == '(' || c == '[') { /* a bracket is read as a brace */
            excess++;
        } else if (c == '}' || c == ')' || c == ']') {
            excess--;
        }
    }
    p->brace_excess = excess;
}

static uint32_t line_start(const pw_parser *p, uint32_t at)
{
    while (at > 0 && p->src->text[at - 1] != '\n')
        at--;
    return at;
}

/* The indentation of the line of at in spaces; -1 when it holds a tab
 * (or anything but spaces), which the indentation cannot be compared by. */
static int indent_of(const pw_parser *p, uint32_t at)
{
    uint32_t b = line_start(p, at), i = b;
    while (p->src->text[i] == ' ')
        i++;
    return p->src->text[i] == '\t' ? -1 : (int)(i - b);
}

/* The start of the line the declaration whose '{' is at begins on: the
 * line of the '{', or an earlier one when the '{' follows a title's later
 * pieces (lines that start with a '"'). */
static uint32_t decl_start(const pw_parser *p, uint32_t at)
{
    const char *t = p->src->text;
    uint32_t b = line_start(p, at);
    for (;;) {
        uint32_t i = b;
        while (t[i] == ' ' || t[i] == '\t')
            i++;
        if (t[i] != '"' || b == 0)
            return b;
        b = line_start(p, b - 1);
    }
}

/* "step 'phone_mash'": the first two words of the declaration whose '{'
 * is at. */
static void opener_desc(const pw_parser *p, uint32_t at, char *buf, size_t size)
{
    const char *t = p->src->text;
    uint32_t i = decl_start(p, at);
    while (t[i] == ' ' || t[i] == '\t')
        i++;
    uint32_t k = i;
    while (k < at && t[k] != ' ' && t[k] != '\t' && t[k] != '{')
        k++;
    uint32_t j = k;
    while (j < at && (t[j] == ' ' || t[j] == '\t'))
        j++;
    uint32_t e = j;
    while (e < at && (isalnum((unsigned char)t[e]) || t[e] == '_' || t[e] == '-'))
        e++;
    if (k > i && e > j && t[j] != '"')
        snprintf(buf, size, "%.*s '%.*s'", (int)(k - i), t + i, (int)(e - j), t + j);
    else if (k > i)
        snprintf(buf, size, "%.*s", (int)(k - i), t + i);
    else
        snprintf(buf, size, "the block");
}

/* The indentation of the first line after at's that holds more than
 * blanks and a comment; -1 when there is none, or it has a tab. */
static int next_indent(const pw_parser *p, uint32_t at)
{
    const char *t = p->src->text;
    uint32_t n = (uint32_t)p->src->size, i = at;
    while (i < n) {
        while (i < n && t[i] != '\n')
            i++;
        uint32_t b = ++i;
        while (i < n && t[i] == ' ')
            i++;
        if (i < n && t[i] != '\n' && t[i] != '#' && t[i] != '\r')
            return t[i] == '\t' ? -1 : (int)(i - b);
    }
    return -1;
}

/* The indentation of the first line inside the block whose '{' is at
 * open (the line after the '{'s), -1 when not known. */
static int inner_indent(const pw_parser *p, uint32_t open)
{
    return next_indent(p, open);
}

bool pw_syntax_brace_extra(pw_parser *p, pw_span at)
{
    if (p->brace_excess >= 0 || p->nbraces >= p->capbraces)
        return false;
    uint32_t open = p->braces[p->nbraces]; /* the '{' it closed */
    const char *t = p->src->text;
    uint32_t b = line_start(p, at.begin);
    bool first = only_blanks(p, b, at.begin);
    bool after_close = at.begin > 0 && t[at.begin - 1] == '}';
    int want = indent_of(p, decl_start(p, open)), col = (int)(at.begin - b);
    /* at the end of a field's line, with the block's lines going on below
     * it: `record "x" }` in the middle of a step */
    bool trailing = !first && !after_close && next_indent(p, at.end) > want;
    bool placed = (!same_line(p, open, at.begin) && (first || after_close)) || trailing;
    /* at the block's own indentation it looks right, unless the lines
     * after it are indented as the block's own are (its fields go on) */
    int after = next_indent(p, at.end);
    if (!placed || want < 0 || indent_of(p, at.begin) < 0 ||
        (first && col == want && !(after > want && after <= inner_indent(p, open))))
        return false;
    if (after_close && !first && indent_of(p, at.begin) == want)
        return false; /* `} }` closing two blocks, the second at its own indentation */
    char what[96];
    opener_desc(p, open, what, sizeof what);
    p->any_syntax_error = true;
    p->last_error = at.begin;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0130", p->src, at,
                                     "this '}' closes %s early: it is one '}' too many",
                                     what);
    pw_diag_note(g, p->src, (pw_span){open, open + 1}, "%s opened here", what);
    pw_diag_help(g, "remove it: the file has one more '}' than '{', and the lines "
                    "after this one still belong to %s", what);
    p->nbraces++; /* still open */
    p->brace_excess++;
    return true;
}

int pw_syntax_brace_missing(pw_parser *p, pw_span at)
{
    if (p->brace_excess <= 0 || p->nbraces == 0)
        return 0;
    uint32_t b = line_start(p, at.begin);
    int col = (int)(at.begin - b);
    if (!only_blanks(p, b, at.begin))
        return 0;
    /* the open blocks, innermost first, that this line is not inside */
    int k = 0;
    while (k < p->brace_excess && (size_t)k < p->nbraces && k < 6) {
        uint32_t open = p->braces[p->nbraces - 1 - (size_t)k];
        int want = indent_of(p, decl_start(p, open));
        if (same_line(p, open, at.begin) || want < 0 || col > want)
            break;
        k++;
    }
    if (k == 0)
        return 0;
    uint32_t open = p->braces[p->nbraces - 1];
    char what[96], outer[96] = "";
    opener_desc(p, open, what, sizeof what);
    if (k > 1)
        opener_desc(p, p->braces[p->nbraces - 2], outer, sizeof outer);
    unsigned line = pw_source_line_of(p->src, open);
    p->any_syntax_error = true;
    p->last_error = at.begin;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0131", p->src,
                                     (pw_span){p->prev_tok.end, p->prev_tok.end},
                                     "'}' missing: the '{' of %s on line %u is never "
                                     "closed%s%s%s", what, line,
                                     k > 1 ? ", nor is that of " : "", outer,
                                     k > 2 ? " and more" : "");
    pw_diag_note(g, p->src, (pw_span){open, open + 1}, "%s opened here", what);
    pw_diag_help(g, "add '}' after this line, at the end of %s%s%s", what,
                 k > 1 ? " and of " : "", outer);
    p->brace_excess -= k;
    return k;
}
