#include "front/parse.h"

#include "front/parser_state.h"

#include "front/parser.h"
/* The scanner's header names the parser's types without their prefix. */
#define YYSTYPE PW_YYSTYPE
#define YYLTYPE PW_YYLTYPE
#include "front/lexer.h"

#include "front/lex.h"
#include "front/syntax_error.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int pw_yylex_scan(PW_YYSTYPE *lval, PW_YYLTYPE *lloc, yyscan_t scanner);

/* ---- what an author writes for a token, when the line says so ----------- */

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool end_of_line(const pw_parser *p, uint32_t i)
{
    const char *t = p->src->text;
    while (i < p->src->size && blank(t[i]))
        i++;
    return i >= p->src->size || t[i] == '\n' || t[i] == '\r' || t[i] == '#';
}

/* The word (letters, digits, '_', '-') at i after blanks on the same line;
 * empty when there is none. */
static pw_span word_after(const pw_parser *p, uint32_t i)
{
    const char *t = p->src->text;
    while (i < p->src->size && blank(t[i]))
        i++;
    uint32_t b = i;
    while (i < p->src->size && (isalnum((unsigned char)t[i]) || t[i] == '_' || t[i] == '-'))
        i++;
    return (pw_span){b, i};
}

static bool first_on_line(const pw_parser *p, uint32_t at)
{
    while (at > 0 && blank(p->src->text[at - 1]))
        at--;
    return at == 0 || p->src->text[at - 1] == '\n';
}

static bool spelt(const pw_parser *p, pw_span s, const char *w)
{
    return s.end - s.begin == strlen(w) && !memcmp(p->src->text + s.begin, w, strlen(w));
}

/* The word set of the value of field keyword kw (kind, consent, ...). */
static pw_word_set words_of(pw_keyword kw)
{
    for (int g = PW_G_PATHWAY; g <= PW_G_NODE; g++) {
        pw_field f = pw_field_find((pw_group)g, kw);
        if (f && pw_field_get(f)->words)
            return pw_field_get(f)->words;
    }
    return PW_WORDS_NONE;
}

/* `then x`, `goto x`, `go to x` for `next x` (E0132). */
static bool next_written_otherwise(pw_parser *p, PW_YYSTYPE *lval, PW_YYLTYPE *lloc)
{
    pw_span w = *lloc;
    if (!first_on_line(p, w.begin) ||
        !(spelt(p, w, "then") || spelt(p, w, "goto") || spelt(p, w, "go")))
        return false;
    pw_span to = {w.end, w.end};
    if (spelt(p, w, "go")) {
        to = word_after(p, w.end);
        if (!spelt(p, to, "to"))
            return false;
    }
    pw_span target = word_after(p, to.end);
    if (target.end == target.begin || !isalpha((unsigned char)p->src->text[target.begin]) ||
        !end_of_line(p, target.end))
        return false;
    pw_span said = {w.begin, to.end};
    pw_diagnostic *g = pw_diag_error(p->diag, "E0132", p->src, said,
                                     "'%.*s' is not a word of the language: write next %.*s",
                                     (int)(said.end - said.begin), p->src->text + said.begin,
                                     (int)(target.end - target.begin),
                                     p->src->text + target.begin);
    pw_diag_help(g, "'next' names the node the walk goes on to");
    p->any_syntax_error = true;
    p->skip_before = to.end;
    lval->kw = PW_KW_NEXT;
    p->tok_kw[0] = PW_KW_NEXT;
    return true;
}

/* A value written as words that are one word with hyphens: `kind no
 * further action`, `within 2 working days` (E0134). */
static bool words_for_hyphens(pw_parser *p, PW_YYSTYPE *lval, PW_YYLTYPE *lloc)
{
    pw_word_set set = words_of(p->tok_kw[1]);
    const char *t = p->src->text;
    bool unit = false;
    if (!set) {
        /* a unit: after a number, after within, target or review-after */
        pw_span n = p->prev_tok;
        unit = n.end > n.begin && isdigit((unsigned char)t[n.begin]) &&
               (p->tok_kw[2] == PW_KW_WITHIN || p->tok_kw[2] == PW_KW_TARGET ||
                p->tok_kw[2] == PW_KW_REVIEW_AFTER);
        if (!unit)
            return false;
    }
    pw_span w[6];
    int n = 0;
    w[n++] = *lloc;
    while (n < 6) {
        pw_span next = word_after(p, w[n - 1].end);
        if (next.end == next.begin || next.begin == w[n - 1].end)
            break;
        w[n++] = next;
    }
    for (int k = n; k >= 2; k--) {
        char joined[128];
        size_t len = 0;
        for (int i = 0; i < k && len < sizeof joined; i++)
            len += (size_t)snprintf(joined + len, sizeof joined - len, "%s%.*s",
                                    i ? "-" : "", (int)(w[i].end - w[i].begin),
                                    t + w[i].begin);
        if (len >= sizeof joined)
            continue;
        for (size_t i = 0; i < len; i++) /* `NOT needed`: small letters too */
            joined[i] = (char)tolower((unsigned char)joined[i]);
        if (unit ? pw_unit_find(joined) == PW_UNIT_NONE : !pw_word_find(set, joined))
            continue;
        pw_span all = {w[0].begin, w[k - 1].end};
        pw_diagnostic *g = pw_diag_error(p->diag, "E0134", p->src, all,
                                         "write it with hyphens: %s", joined);
        pw_diag_help(g, "a value is one word: its parts are joined with '-', not "
                        "spaces");
        p->any_syntax_error = true;
        lval->name = (pw_name){pw_arena_strndup(p->arena, joined, len), all};
        p->skip_before = all.end;
        return true;
    }
    /* `kind give advice`: more words than one, none of them a keyword
     * (a field or an answer could follow on the line), that do not join
     * into a value: one of them may be the value meant */
    int words = 1;
    while (words < n && !pw_keyword_find(t + w[words].begin, w[words].end - w[words].begin))
        words++;
    if (unit || words < 2)
        return false;
    int meant = -1;
    for (int i = 0; i < words && meant < 0; i++) {
        char one[64];
        snprintf(one, sizeof one, "%.*s", (int)(w[i].end - w[i].begin), t + w[i].begin);
        if (strcasecmp(one, "not") == 0 || strcasecmp(one, "no") == 0 ||
            strcasecmp(one, "non") == 0 || strcasecmp(one, "never") == 0)
            break; /* `consent NOT needed`: the word after it is not what is meant */
        if (pw_word_find(set, one) > 0)
            meant = i;
    }
    pw_span all = {w[0].begin, w[words - 1].end};
    if (meant < 0) {
        /* the first word is reported as the value it is not (E0112 and
         * the like); the others go with it */
        p->skip_before = all.end;
        return false;
    }
    const char *field = pw_keyword_spelling(p->tok_kw[1]);
    pw_diagnostic *g = pw_diag_error(p->diag, "E0134", p->src, all,
                                     "'%.*s' is not a value of '%s': a value is one word",
                                     (int)(all.end - all.begin), t + all.begin, field);
    pw_diag_help(g, "did you mean '%s %.*s'?", field, (int)(w[meant].end - w[meant].begin),
                 t + w[meant].begin);
    p->any_syntax_error = true;
    lval->name = (pw_name){pw_arena_strndup(p->arena, t + w[meant].begin,
                                            w[meant].end - w[meant].begin),
                           all};
    p->skip_before = all.end;
    return true;
}

/* `contact mace_panel and police_non_emergency`, `contact camhs mash`: two
 * names of a list (after contact, form or through, or a ',') with no ','
 * between them, on a line that holds no title or block, so no declaration.
 * Reported (E0100) and read with the ',': 'and' (or 'or') becomes it;
 * another name has it put in front. Returns the token to hand on. */
static int comma_missing(pw_parser *p, int tok, PW_YYSTYPE *lval, PW_YYLTYPE *lloc)
{
    const char *t = p->src->text;
    pw_span prev = p->prev_tok, before = p->prev2_tok, w = *lloc;
    bool list = (before.end == before.begin + 1 && t[before.begin] == ',') ||
                p->tok_kw[2] == PW_KW_CONTACT || p->tok_kw[2] == PW_KW_FORM ||
                p->tok_kw[2] == PW_KW_THROUGH;
    if (!list || p->tok_kw[1] || !pw_syntax_name_at(p, prev) ||
        pw_source_line_of(p->src, prev.end) != pw_source_line_of(p->src, w.begin))
        return tok;
    for (uint32_t i = w.end; i < p->src->size && t[i] != '\n' && t[i] != '#'; i++)
        if (t[i] == '"' || t[i] == '{' || (t[i] == '-' && t[i + 1] == '>'))
            return tok; /* a declaration's head, or an answer */
    for (uint32_t i = prev.end; i < w.begin; i++)
        if (t[i] != ' ' && t[i] != '\t')
            return tok; /* something between them, reported already */
    bool conj = spelt(p, w, "and") || spelt(p, w, "or");
    pw_span next = conj ? word_after(p, w.end) : w;
    if (next.end == next.begin)
        return tok;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0100", p->src,
                                     conj ? w : (pw_span){prev.end, prev.end},
                                     conj ? "names in a list are separated by ',', not '%.*s'"
                                          : "a ',' is missing between the names '%.*s' and "
                                            "'%.*s'",
                                     conj ? (int)(w.end - w.begin) : (int)(prev.end - prev.begin),
                                     conj ? t + w.begin : t + prev.begin,
                                     (int)(next.end - next.begin), t + next.begin);
    pw_diag_help(g, "write: %.*s, %.*s", (int)(prev.end - prev.begin), t + prev.begin,
                 (int)(next.end - next.begin), t + next.begin);
    p->any_syntax_error = true;
    p->last_error = w.begin;
    if (!conj) {
        /* the name again, after the ',' */
        p->pending[0] = (pw_sym){PW_SX_NAME, PW_KW_NONE, PW_V_FLAG};
        p->pending_at[0] = w;
        p->pending_name[0] = lval->name;
        p->npending = 1;
        *lloc = (pw_span){w.begin, w.begin};
    }
    memset(lval, 0, sizeof *lval);
    return ',';
}

static int retoken(pw_parser *p, int tok, PW_YYSTYPE *lval, PW_YYLTYPE *lloc)
{
    if (tok == PW_T_IDENT)
        tok = comma_missing(p, tok, lval, lloc);
    if (tok != PW_T_IDENT)
        return tok;
    if (next_written_otherwise(p, lval, lloc))
        return pw_yy_keyword_token(PW_KW_NEXT);
    words_for_hyphens(p, lval, lloc);
    return tok;
}

void pw_parse_rename_lookahead(pw_parser *p, pw_name name)
{
    if (!p->lookahead_value)
        return;
    ((PW_YYSTYPE *)p->lookahead_value)->name = name;
    *p->lookahead_at = name.span;
}

int pw_yylex(PW_YYSTYPE *lval, PW_YYLTYPE *lloc, void *scanner)
{
    pw_parser *p = pw_yyget_extra(scanner);
    p->lookahead_value = lval;
    p->lookahead_at = lloc;
    if (p->npending) {
        pw_sym sym = p->pending[0];
        int tok = pw_yy_sym_token(sym);
        pw_keyword kw = sym.kw;
        *lloc = p->pending_at[0];
        memset(lval, 0, sizeof *lval);
        if (kw)
            lval->kw = kw;
        else if (sym.sx == PW_SX_TEXT) /* a text queued: its value as text */
            lval->text = (pw_text){p->pending_name[0].text, p->pending_name[0].span};
        else
            lval->name = p->pending_name[0];
        p->npending--;
        memmove(p->pending, p->pending + 1, (size_t)p->npending * sizeof *p->pending);
        memmove(p->pending_at, p->pending_at + 1,
                (size_t)p->npending * sizeof *p->pending_at);
        memmove(p->pending_name, p->pending_name + 1,
                (size_t)p->npending * sizeof *p->pending_name);
        /* a brace read before and queued again is counted once */
        if (tok == '{' && !(p->nbraces && p->braces[p->nbraces - 1] == lloc->begin &&
                            lloc->end > lloc->begin))
            pw_lex_open(p, lloc->begin);
        else if (tok == '}')
            pw_lex_close(p, lloc->begin);
        return pw_lex_token(p, lloc, tok, kw);
    }
    if (p->skipping) {
        /* the block of a '{' error recovery dropped, and its '}' */
        p->skipping = false;
        int tok;
        do
            tok = pw_yylex_scan(lval, lloc, scanner);
        while (tok != 0 && !(tok == '}' && p->nbraces <= p->skip_to));
        if (tok == 0)
            return tok;
    }
    if (p->skip_before > p->offset && p->seeks < 64) {
        /* Read on from there: what is skipped is not even scanned, so a
         * stray character in a title without quotes is not reported.
         * (A few times a file, as it copies the rest of it.) */
        void *old = p->lexbuf;
        p->lexbuf = pw_yy_scan_bytes(p->src->text + p->skip_before,
                                     (int)(p->src->size - p->skip_before), scanner);
        pw_yy_delete_buffer(old, scanner);
        p->offset = p->skip_before;
        p->seeks++;
    }
    int tok = pw_yylex_scan(lval, lloc, scanner);
    /* the rest of a declaration's head that was repaired, and a '}' one
     * too many */
    while (tok != 0 && (lloc->begin < p->skip_before ||
                        (tok == '}' && pw_syntax_brace_extra(p, *lloc))))
        tok = pw_yylex_scan(lval, lloc, scanner);
    p->skip_before = 0;
    tok = retoken(p, tok, lval, lloc);
    /* a '}' missing before this token: hand it to the parser first, then
     * the token (queued again) */
    int k;
    if ((tok == PW_T_IDENT || p->tok_kw[0]) && (k = pw_syntax_brace_missing(p, *lloc)) > 0) {
        pw_sym again = {PW_SX_NAME, PW_KW_NONE, PW_V_FLAG};
        if (tok != PW_T_IDENT)
            again = (pw_sym){PW_SX_KEYWORD, p->tok_kw[0], PW_V_FLAG};
        p->npending = 0;
        for (int i = 0; i < k; i++) {
            p->pending[i] = (pw_sym){PW_SX_CLOSE, PW_KW_NONE, PW_V_FLAG};
            p->pending_at[i] = (pw_span){p->prev_tok.end, p->prev_tok.end};
            p->pending_name[i] = (pw_name){0};
        }
        p->pending[k] = again;
        p->pending_at[k] = *lloc;
        p->pending_name[k] = tok == PW_T_IDENT ? lval->name : (pw_name){0};
        p->npending = k + 1;
        return pw_yylex(lval, lloc, scanner);
    }
    return tok;
}

pw_ast_file *pw_parse(const pw_source *src, pw_diag *diag)
{
    return pw_parse_trivia(src, diag, NULL);
}

void pw_trivia_free(pw_trivia *t)
{
    free(t->comments);
    free(t->braces);
    free(t->open);
    *t = (pw_trivia){0};
}

pw_ast_file *pw_parse_trivia(const pw_source *src, pw_diag *diag, pw_trivia *t)
{
    pw_ast_file *file = pw_ast_new(src);
    pw_parser p = {
        .src = src,
        .diag = diag,
        .file = file,
        .arena = file->arena,
        .trivia = t,
    };
    p.imports_tail = &file->imports;
    p.contacts_tail = p.file_contacts_tail = &file->contacts;
    p.roles_tail = p.file_roles_tail = &file->roles;
    p.forms_tail = p.file_forms_tail = &file->forms;
    p.pathways_tail = &file->pathways;

    yyscan_t scanner;
    if (pw_yylex_init_extra(&p, &scanner) != 0) {
        pw_diag_error(diag, "E0009", src, (pw_span){0, 0},
                      "cannot start the scanner (out of memory)");
        return file;
    }
    pw_syntax_brace_count(&p);
    p.lexbuf = pw_yy_scan_bytes(src->text, (int)src->size, scanner);
    pw_yyparse(scanner, &p);
    pw_yy_delete_buffer(p.lexbuf, scanner);
    pw_yylex_destroy(scanner);
    free(p.buf);
    free(p.braces);
    return file;
}
