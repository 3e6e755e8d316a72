#include "front/parse.h"

#include "front/parser_state.h"

#include "front/parser.h"
/* The scanner's header names the parser's types without their prefix. */
#define YYSTYPE PW_YYSTYPE
#define YYLTYPE PW_YYLTYPE
#include "front/lexer.h"

#include "front/lex.h"
#include "front/syntax_error.h"

#include <stdlib.h>
#include <string.h>

int pw_yylex_scan(PW_YYSTYPE *lval, PW_YYLTYPE *lloc, yyscan_t scanner);

int pw_yylex(PW_YYSTYPE *lval, PW_YYLTYPE *lloc, void *scanner)
{
    pw_parser *p = pw_yyget_extra(scanner);
    if (p->npending) {
        pw_sym sym = p->pending[0];
        int tok = pw_yy_sym_token(sym);
        pw_keyword kw = sym.kw;
        *lloc = p->pending_at[0];
        memset(lval, 0, sizeof *lval);
        if (kw)
            lval->kw = kw;
        else
            lval->name = p->pending_name[0];
        p->npending--;
        memmove(p->pending, p->pending + 1, (size_t)p->npending * sizeof *p->pending);
        memmove(p->pending_at, p->pending_at + 1,
                (size_t)p->npending * sizeof *p->pending_at);
        memmove(p->pending_name, p->pending_name + 1,
                (size_t)p->npending * sizeof *p->pending_name);
        if (tok == '{')
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
