/* parser.y — the grammar of the pathway language (docs/language.md).
 *
 * A pure parser over the reentrant scanner. Semantic values are names,
 * texts and small structs that point into the file's arena, which the
 * caller frees in one call whatever happens: nothing a value holds can leak
 * when error recovery discards it, so no %destructor is needed (the AST
 * arena plays the part jq's and cgraph's destructors play).
 *
 * Error recovery: after a field keyword whose value is missing or wrong,
 * `KEYWORD error` takes the field as done. When what follows starts a new
 * line, yyerrok lets its errors be reported at once (bison would otherwise
 * stay silent for three tokens, losing an error on the very next line);
 * on the same line, the rest is taken as part of the broken field. It
 * cannot loop: it is reached only by popping to a keyword that was
 * shifted, so input was consumed. Missing braces and arrows are handled in syntax_error.c, which
 * queues the missing tokens so that what follows parses as meant.
 *
 * Actions only build: field rules call compiler/build.c, which also
 * reports fields a node kind does not take, fields given twice and values
 * that are not allowed. Syntax errors are phrased by yyreport_syntax_error
 * below from the parser's stack, in words a policy author knows. */

%require "3.8"
%define api.pure full
%define api.prefix {pw_yy}
%define api.token.prefix {PW_T_}
%define api.location.type {pw_span}
%define parse.error custom
%define parse.lac full
%locations
%expect 0

%param {void *scanner}
%parse-param {pw_parser *p}

%code requires {
#include "front/parser_state.h"
#include "front/actions.h"
}

%code provides {
int pw_yylex(PW_YYSTYPE *lval, PW_YYLTYPE *lloc, void *scanner);
}

%code {
static void pw_yyerror(const PW_YYLTYPE *loc, void *scanner, pw_parser *p,
                       const char *msg);
#define YYLLOC_DEFAULT(Cur, Rhs, N)                      \
    do {                                                 \
        if (N) {                                         \
            (Cur).begin = YYRHSLOC(Rhs, 1).begin;        \
            (Cur).end = YYRHSLOC(Rhs, N).end;            \
        } else {                                         \
            (Cur).begin = (Cur).end = YYRHSLOC(Rhs, 0).end; \
        }                                                \
    } while (0)
}

%union {
    pw_name name;
    pw_text text;
    pw_date date;
    int32_t integer;
    pw_timescale ts;
    pw_name_list names;
    pw_text_list texts;
}

%token <name> IDENT "name"
%token <text> STRING "text"
%token <integer> INT "number"
%token <date> DATE "date"
%token ARROW "->" DOTDOT ".."

%token IMPORT "import" CONTACT "contact" ROLE "role" FORM "form"
%token PATHWAY "pathway" STAGE "stage" STEP "step" QUESTION "question"
%token OUTCOME "outcome" SCENARIO "scenario" ASSERT "assert"
%token PHONE "phone" EMAIL "email" URL "url" HOURS "hours"
%token OUT_OF_HOURS "out-of-hours" VERIFIED "verified" NOTE "note"
%token VERSION "version" PER_CHILD "per-child" OWNER "owner" STATUS "status"
%token SOURCE "source" REVIEW_BY "review-by" AUDIENCE "audience" START "start"
%token BY "by" DO "do" RECORD "record" WITHIN "within" TARGET "target"
%token URGENCY "urgency" CONSENT "consent" WHEN "when" PERSONAL "personal"
%token ALSO "also" REPLACES "replaces" NEXT "next" KIND "kind"
%token REVIEW_AFTER "review-after" ANY_OF "any-of" ALL_OF "all-of"
%token SCORE "score" BAND "band" ANSWER "answer" EXPECT "expect"
%token THROUGH "through" EVERY "every" PATH "path" PASSES "passes"
%token REACHES "reaches" BEFORE "before" OF "of" TO "to" STEPS "steps"
%token FROM "from"

%type <name> id
%type <text> str str_opt
%type <ts> timescale
%type <names> ids
%type <texts> criteria

%%

/* file -> decl* */
file
    : %empty
    | file decl
    | file error
    ;

decl
    : IMPORT str                       { pw_build_import(p, $2, @$); }
    | contact_decl
    | role_decl
    | form_decl
    | pathway_decl
    ;

/* contact -> 'contact' name text [ '{' contact_field* '}' ] */
contact_decl
    : contact_head
    | contact_head '{' contact_fields '}'
    ;
contact_head
    : CONTACT id str                 { pw_build_contact(p, $2, $3, @$); }
    | CONTACT str                    { pw_build_contact(p, pw_build_no_name(p, "contact", @1), $2, @$); }
    | CONTACT id                     { pw_build_contact(p, $2, pw_build_no_title(p, "contact", $2), @$); }
    | CONTACT error                     { pw_build_contact(p, (pw_name){0}, (pw_text){0}, @$); }
    ;
contact_fields
    : %empty
    | contact_fields contact_field
    | contact_fields error
    ;
contact_field
    : PHONE str                        { pw_build_contact_text(p, PW_F_PHONE, $2, @$); }
    | EMAIL str                        { pw_build_contact_text(p, PW_F_EMAIL, $2, @$); }
    | URL str                          { pw_build_contact_text(p, PW_F_URL, $2, @$); }
    | HOURS str                        { pw_build_contact_text(p, PW_F_HOURS, $2, @$); }
    | NOTE str                         { pw_build_contact_text(p, PW_F_NOTE, $2, @$); }
    | OUT_OF_HOURS id                 { pw_build_contact_ooh(p, $2, @$); }
    | VERIFIED DATE                     { pw_build_contact_verified(p, $2, @$); }
    | PHONE error                    { if (pw_build_resync(p, @1)) yyerrok; }
    | EMAIL error                    { if (pw_build_resync(p, @1)) yyerrok; }
    | URL error                      { if (pw_build_resync(p, @1)) yyerrok; }
    | HOURS error                    { if (pw_build_resync(p, @1)) yyerrok; }
    | NOTE error                     { if (pw_build_resync(p, @1)) yyerrok; }
    | OUT_OF_HOURS error             { if (pw_build_resync(p, @1)) yyerrok; }
    | VERIFIED error                 { if (pw_build_resync(p, @1)) yyerrok; }
    ;

/* role -> 'role' name text */
role_decl
    : ROLE id str                    { pw_build_role(p, $2, $3, @$); }
    | ROLE str                       { pw_build_no_name(p, "role", @1); }
    | ROLE id                        { pw_build_role(p, $2, pw_build_no_title(p, "role", $2), @$); }
    | ROLE error
    ;

/* form -> 'form' name text [ '{' form_field* '}' ] */
form_decl
    : form_head
    | form_head '{' form_fields '}'
    ;
form_head
    : FORM id str                    { pw_build_form(p, $2, $3, @$); }
    | FORM str                       { pw_build_form(p, pw_build_no_name(p, "form", @1), $2, @$); }
    | FORM id                        { pw_build_form(p, $2, pw_build_no_title(p, "form", $2), @$); }
    | FORM error                        { pw_build_form(p, (pw_name){0}, (pw_text){0}, @$); }
    ;
form_fields
    : %empty
    | form_fields form_field
    | form_fields error
    ;
form_field
    : VERSION str                      { pw_build_form_text(p, PW_F_VERSION, $2, @$); }
    | URL str                          { pw_build_form_text(p, PW_F_URL, $2, @$); }
    | NOTE str                         { pw_build_form_text(p, PW_F_NOTE, $2, @$); }
    | PER_CHILD                         { pw_build_form_per_child(p, @$); }
    | VERSION error                  { if (pw_build_resync(p, @1)) yyerrok; }
    | URL error                      { if (pw_build_resync(p, @1)) yyerrok; }
    | NOTE error                     { if (pw_build_resync(p, @1)) yyerrok; }
    ;

/* pathway -> 'pathway' name text '{' pathway_item* '}' */
pathway_decl
    : pathway_head '{' pathway_items '}' { pw_build_pathway_end(p, @$); }
    ;
pathway_head
    : PATHWAY id str                 { pw_build_pathway(p, $2, $3, @$); }
    | PATHWAY str                    { pw_build_pathway(p, pw_build_no_name(p, "pathway", @1), $2, @$); }
    | PATHWAY id                     { pw_build_pathway(p, $2, pw_build_no_title(p, "pathway", $2), @$); }
    | PATHWAY error                     { pw_build_pathway(p, (pw_name){0}, (pw_text){0}, @$); }
    ;
pathway_items
    : %empty
    | pathway_items pathway_item
    | pathway_items error
    ;
pathway_item
    : OWNER str                        { pw_build_meta_text(p, PW_F_OWNER, $2, @$); }
    | VERSION str                      { pw_build_meta_text(p, PW_F_VERSION, $2, @$); }
    | AUDIENCE str                     { pw_build_meta_text(p, PW_F_AUDIENCE, $2, @$); }
    | NOTE str                         { pw_build_meta_text(p, PW_F_NOTE, $2, @$); }
    | STATUS id                       { pw_build_meta_status(p, $2, @$); }
    | SOURCE str                       { pw_build_meta_source(p, $2, (pw_text){0}, @$); }
    | SOURCE str URL str              { pw_build_meta_source(p, $2, $4, @$); }
    | REVIEW_BY DATE                    { pw_build_meta_review_by(p, $2, @$); }
    | START id                        { pw_build_meta_start(p, $2, @$); }
    | contact_decl
    | role_decl
    | form_decl
    | stage_decl
    | node_decl
    | scenario_decl
    | assert_decl
    | OWNER error                    { if (pw_build_resync(p, @1)) yyerrok; }
    | VERSION error                  { if (pw_build_resync(p, @1)) yyerrok; }
    | AUDIENCE error                 { if (pw_build_resync(p, @1)) yyerrok; }
    | NOTE error                     { if (pw_build_resync(p, @1)) yyerrok; }
    | STATUS error                   { if (pw_build_resync(p, @1)) yyerrok; }
    | SOURCE error                   { if (pw_build_resync(p, @1)) yyerrok; }
    | REVIEW_BY error                { if (pw_build_resync(p, @1)) yyerrok; }
    | START error                    { if (pw_build_resync(p, @1)) yyerrok; }
    ;

/* stage -> 'stage' name text '{' node* '}' */
stage_decl
    : stage_head '{' stage_items '}'    { pw_build_stage_end(p); }
    ;
stage_head
    : STAGE id str                   { pw_build_stage(p, $2, $3, @$); }
    | STAGE str                      { pw_build_stage(p, pw_build_no_name(p, "stage", @1), $2, @$); }
    | STAGE id                       { pw_build_stage(p, $2, pw_build_no_title(p, "stage", $2), @$); }
    | STAGE error                       { pw_build_stage(p, (pw_name){0}, (pw_text){0}, @$); }
    ;
stage_items
    : %empty
    | stage_items node_decl
    | stage_items error
    ;

/* node -> ('step' | 'question' | 'outcome') name text [ '{' node_item* '}' ] */
node_decl
    : node_head                         { pw_build_node_end(p, @$); }
    | node_head '{' node_items '}'      { pw_build_node_end(p, @$); }
    ;
node_head
    : STEP id str                    { pw_build_node(p, PW_STEP, $2, $3, @$); }
    | QUESTION id str                { pw_build_node(p, PW_QUESTION, $2, $3, @$); }
    | OUTCOME id str                 { pw_build_node(p, PW_OUTCOME, $2, $3, @$); }
    | STEP str                       { pw_build_node(p, PW_STEP, pw_build_no_name(p, "step", @1), $2, @$); }
    | QUESTION str                   { pw_build_node(p, PW_QUESTION, pw_build_no_name(p, "question", @1), $2, @$); }
    | OUTCOME str                    { pw_build_node(p, PW_OUTCOME, pw_build_no_name(p, "outcome", @1), $2, @$); }
    | STEP id                        { pw_build_node(p, PW_STEP, $2, pw_build_no_title(p, "step", $2), @$); }
    | QUESTION id                    { pw_build_node(p, PW_QUESTION, $2, pw_build_no_title(p, "question", $2), @$); }
    | OUTCOME id                     { pw_build_node(p, PW_OUTCOME, $2, pw_build_no_title(p, "outcome", $2), @$); }
    | STEP error                        { pw_build_node(p, PW_STEP, (pw_name){0}, (pw_text){0}, @$); }
    | QUESTION error                    { pw_build_node(p, PW_QUESTION, (pw_name){0}, (pw_text){0}, @$); }
    | OUTCOME error                     { pw_build_node(p, PW_OUTCOME, (pw_name){0}, (pw_text){0}, @$); }
    ;
node_items
    : %empty
    | node_items node_item
    | node_items error
    ;
node_item
    : BY id                           { pw_build_by(p, $2, @$); }
    | DO str                           { pw_build_do(p, $2, @$); }
    | RECORD str                       { pw_build_text(p, PW_F_RECORD, $2, @$); }
    | WHEN str                         { pw_build_text(p, PW_F_WHEN, $2, @$); }
    | NOTE str                         { pw_build_text(p, PW_F_NOTE, $2, @$); }
    | FORM ids                        { pw_build_names(p, PW_F_FORM, $2, @$); }
    | CONTACT ids                     { pw_build_names(p, PW_F_CONTACT, $2, @$); }
    | REPLACES ids                    { pw_build_names(p, PW_F_REPLACES, $2, @$); }
    | WITHIN timescale                  { pw_build_timescale(p, PW_F_WITHIN, $2, @$); }
    | TARGET timescale                  { pw_build_timescale(p, PW_F_TARGET, $2, @$); }
    | REVIEW_AFTER timescale            { pw_build_timescale(p, PW_F_REVIEW_AFTER, $2, @$); }
    | URGENCY id                      { pw_build_urgency(p, $2, @$); }
    | CONSENT id str_opt             { pw_build_consent(p, $2, $3, @$); }
    | KIND id                         { pw_build_kind(p, $2, @$); }
    | PERSONAL                          { pw_build_personal(p, @$); }
    | ALSO id str_opt                { pw_build_also(p, $2, $3, @$); }
    | SOURCE str                       { pw_build_source(p, $2, (pw_text){0}, @$); }
    | SOURCE str URL str              { pw_build_source(p, $2, $4, @$); }
    | NEXT id                         { pw_build_next(p, $2, @$); }
    | id str_opt ARROW id          { pw_build_answer(p, $1, $2, $4, @$); }
    | ANY_OF '{' criteria '}'           { pw_build_criteria(p, PW_CRITERIA_ANY, $3, @$); }
    | ALL_OF '{' criteria '}'           { pw_build_criteria(p, PW_CRITERIA_ALL, $3, @$); }
    | SCORE INT DOTDOT INT              { pw_build_score(p, $2, $4, (pw_span){@2.begin, @4.end}, @$); }
    | BAND INT DOTDOT INT ARROW id    { pw_build_band(p, $2, $4, @2, @4, $6, @$); }
    | BY error                       { if (pw_build_resync(p, @1)) yyerrok; }
    | DO error                       { if (pw_build_resync(p, @1)) yyerrok; }
    | RECORD error                   { if (pw_build_resync(p, @1)) yyerrok; }
    | WHEN error                     { if (pw_build_resync(p, @1)) yyerrok; }
    | NOTE error                     { if (pw_build_resync(p, @1)) yyerrok; }
    | FORM error                     { if (pw_build_resync(p, @1)) yyerrok; }
    | CONTACT error                  { if (pw_build_resync(p, @1)) yyerrok; }
    | REPLACES error                 { if (pw_build_resync(p, @1)) yyerrok; }
    | WITHIN error                   { if (pw_build_resync(p, @1)) yyerrok; }
    | TARGET error                   { if (pw_build_resync(p, @1)) yyerrok; }
    | REVIEW_AFTER error             { if (pw_build_resync(p, @1)) yyerrok; }
    | URGENCY error                  { if (pw_build_resync(p, @1)) yyerrok; }
    | CONSENT error                  { if (pw_build_resync(p, @1)) yyerrok; }
    | KIND error                     { if (pw_build_resync(p, @1)) yyerrok; }
    | ALSO error                     { if (pw_build_resync(p, @1)) yyerrok; }
    | SOURCE error                   { if (pw_build_resync(p, @1)) yyerrok; }
    | NEXT error                     { if (pw_build_resync(p, @1)) yyerrok; }
    | ANY_OF error                   { if (pw_build_resync(p, @1)) yyerrok; }
    | ALL_OF error                   { if (pw_build_resync(p, @1)) yyerrok; }
    | SCORE error                    { if (pw_build_resync(p, @1)) yyerrok; }
    | BAND error                     { if (pw_build_resync(p, @1)) yyerrok; }
    ;

/* Each string is one criterion: strings are not joined here. */
criteria
    : %empty                            { $$ = (pw_text_list){0}; }
    | criteria STRING                   { $$ = pw_build_text_append(p, $1, $2); }
    ;

/* timescale -> number unit */
timescale
    : INT id                          { $$ = pw_build_make_timescale(p, $1, $2, @$); }
    /* `hours` is also a contact field, so it comes as a keyword */
    | INT HOURS                       { $$ = pw_build_make_timescale(p, $1, (pw_name){"hours", @2}, @$); }
    ;

/* scenario -> 'scenario' text '{' scenario_item* '}' */
scenario_decl
    : scenario_head '{' scenario_items '}'
    ;
scenario_head
    : SCENARIO str                     { pw_build_scenario(p, $2, (pw_name){0}, @$); }
    /* a walk of its own, from a node an `also` offers */
    | SCENARIO str FROM id             { pw_build_scenario(p, $2, $4, @$); }
    | SCENARIO error                    { pw_build_scenario(p, (pw_text){0}, (pw_name){0}, @$); }
    ;
scenario_items
    : %empty
    | scenario_items scenario_item
    | scenario_items error
    ;
scenario_item
    : ANSWER id id                  { pw_build_scenario_answer(p, $2, $3, 0, false, @3, @$); }
    | ANSWER id INT                   { pw_build_scenario_answer(p, $2, (pw_name){0}, $3, true, @3, @$); }
    | EXPECT id                       { pw_build_expect(p, $2, (pw_name_list){0}, @$); }
    | EXPECT id THROUGH ids         { pw_build_expect(p, $2, $4, @$); }
    | ANSWER error                   { if (pw_build_resync(p, @1)) yyerrok; }
    | EXPECT error                   { if (pw_build_resync(p, @1)) yyerrok; }
    ;

/* assert -> 'assert' 'every' 'path' 'to' name 'passes' name
 *         | 'assert' 'no' 'path' 'reaches' name 'before' name
 *         | 'assert' name 'within' number ('step'|'steps') 'of' 'start' */
assert_decl
    : ASSERT EVERY PATH TO id PASSES id
                                        { pw_build_assert(p, PW_ASSERT_EVERY_PATH_PASSES, $5, $7, 0, @$); }
    | ASSERT id PATH REACHES id BEFORE id
                                        { pw_build_assert_no(p, $2, $5, $7, @$); }
    | ASSERT id WITHIN INT step_word OF START
                                        { pw_build_assert(p, PW_ASSERT_WITHIN, $2, (pw_name){0}, $4, @$); }
    | ASSERT error
    ;
step_word
    : STEP
    | STEPS
    ;

ids
    : id                              { $$ = pw_build_names_append(p, (pw_name_list){0}, $1); }
    | ids ',' id                    { $$ = pw_build_names_append(p, $1, $3); }
    ;

id
    : IDENT
    ;

/* Adjacent strings join, so long text can span lines. */
str
    : STRING
    | str STRING                       { $$ = pw_build_join(p, $1, $2); }
    ;
str_opt
    : %empty                            { $$ = (pw_text){0}; $$.span = @$; }
    | str
    ;

%%

#include "front/syntax_error.h"

/* Hands the error to compiler/syntax_error.c with the symbols it needs,
 * by name: the stack (innermost first) and the tokens that could come
 * next, as LAC computes them. */
static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner,
                                 pw_parser *p)
{
    (void)scanner;
    yysymbol_kind_t expected[PW_SYNTAX_MAX];
    int n = yypcontext_expected_tokens(ctx, expected, PW_SYNTAX_MAX);
    const char *want[PW_SYNTAX_MAX];
    for (int i = 0; i < n; i++)
        want[i] = yysymbol_name(expected[i]);
    const char *stack[PW_SYNTAX_MAX];
    int depth = 0;
    for (const yy_state_t *s = ctx->yyssp; depth < PW_SYNTAX_MAX; s--) {
        if (*s == 0)
            break; /* the bottom of the stack */
        stack[depth++] = yysymbol_name(YY_ACCESSING_SYMBOL(*s));
    }
    yysymbol_kind_t tok = yypcontext_token(ctx);
    pw_syntax_error(p, tok == YYSYMBOL_YYEOF ? NULL : yysymbol_name(tok),
                    *yypcontext_location(ctx), want, n < 0 ? 0 : n, stack, depth);
    return 0;
}

/* Bison calls this only when its stack is exhausted: the input nests
 * deeper than the parser's stack allows. */
static void pw_yyerror(const PW_YYLTYPE *loc, void *scanner, pw_parser *p,
                       const char *msg)
{
    (void)scanner;
    pw_diagnostic *g = pw_diag_error(p->diag, "E0009", p->src, *loc,
                                     "cannot parse further: %s", msg);
    pw_diag_help(g, "the file nests or repeats more than the parser can hold; "
                    "split it into several files");
}
