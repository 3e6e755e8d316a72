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
 * Fields: the lexer gives a field's keyword the token of its value's
 * form (FIELD_TEXT for `owner`, `do`, `note`, ...; support/vocab.def says
 * which), with the keyword as its value, so one rule reads every field of
 * one form and a new field needs no grammar. The words the grammar names
 * itself (`contact`, `within`, `url`, ...) have tokens of their own.
 *
 * Actions only build: they call compiler/front/actions.c, which also
 * reports fields a declaration does not take, fields given twice and
 * values that are not allowed. Syntax errors are phrased by
 * compiler/front/syntax_error.c from the parser's stack, handed over by
 * yyreport_syntax_error below as symbols it knows by name. */

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
#include "front/syntax_error.h"
}

%code provides {
int pw_yylex(PW_YYSTYPE *lval, PW_YYLTYPE *lloc, void *scanner);
/* The token of keyword k (support/vocab.def says which), and of a symbol
 * the syntax errors queue for the parser to read again. */
int pw_yy_keyword_token(pw_keyword k);
int pw_yy_sym_token(pw_sym s);
}

%code {
static void pw_yyerror(const PW_YYLTYPE *loc, void *scanner, pw_parser *p,
                       const char *msg);
static void pw_yy_dropped(pw_parser *p, const char *why, pw_span at);
static pw_text no_title(pw_parser *p, pw_keyword kw, pw_name id, bool lookahead, int *yychar_p);
/* Hands a field to the block it is in (actions.c); a field no declaration
 * of that kind takes is a syntax error, recovered from as any other. */
#define FIELD(group, f)                                        \
    do {                                                       \
        if (!pw_act_field(p, (group), (f), YYRECOVERING()))    \
            YYERROR;                                           \
    } while (0)
/* After a declaration's title: when the token read next (the lookahead)
 * is a field only that kind of declaration takes, its '{' is missing:
 * syntax_error.c says so and queues the '{' and that token, which the
 * parser reads again. */
#define OPEN(group, keyword, title)                                       \
    do {                                                                  \
        if (yychar != PW_T_PW_YYEMPTY &&                                  \
            pw_syntax_missing_open(p, (group), (keyword), (title).span))  \
            yyclearin;                                                    \
    } while (0)
/* In `KEYWORD error`: the head syntax_error.c repaired, when it did (the
 * lookahead was part of the head: it is dropped), in name and title. */
#define REPAIRED(keyword, name, title)                              \
    do {                                                            \
        if (pw_act_repaired(p, (keyword), &(name), &(title))) {     \
            yyclearin;                                              \
            yyerrok;                                                \
        }                                                           \
    } while (0)
/* A declaration's name with no title after it: when the words that come
 * next on its line are its title without quotes, they are taken as the
 * title, and the lookahead (the first of them) is dropped with them. */
#define NO_TITLE(kw, id) no_title(p, (kw), (id), yychar != PW_T_PW_YYEMPTY, &yychar)
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
    pw_keyword kw;
    pw_ast_field *field;
    pw_name name;
    pw_text text;
    pw_date date;
    int32_t integer;
    pw_timescale ts;
    pw_name_list names;
    pw_criteria_list criteria;
}

%token <name> IDENT "name"
%token <text> STRING "text"
%token <integer> INT "number"
%token <date> DATE "date"
%token ARROW "->" DOTDOT ".."
/* typed only so that its %destructor below has a value to be given */
%token <kw> '{'

%token IMPORT "import" CONTACT "contact" ROLE "role" FORM "form"
%token PATHWAY "pathway" STAGE "stage" STEP "step" QUESTION "question"
%token OUTCOME "outcome" SCENARIO "scenario" ASSERT "assert"
%token URL "url" HOURS "hours" START "start" WITHIN "within"
%token ANY_OF "any-of" ALL_OF "all-of" SCORE "score" BAND "band"
%token ANSWER "answer" EXPECT "expect" THROUGH "through" EVERY "every"
%token PATH "path" PASSES "passes" REACHES "reaches" BEFORE "before" OF "of"
%token TO "to" STEPS "steps" FROM "from" TOGETHER "together"

/* A field's keyword, by the form of its value (support/vocab.def). */
%token <kw> FIELD_TEXT "text field" FIELD_NAME "name field"
%token <kw> FIELD_NAMES "names field" FIELD_WORD "word field"
%token <kw> FIELD_WORD_TEXT "word and text field"
%token <kw> FIELD_NAME_TEXT "name and text field" FIELD_DATE "date field"
%token <kw> FIELD_TIME "timescale field" FIELD_SOURCE "source field"
%token <kw> FIELD_FLAG "flag" FIELD_NAME_OR_TEXT "name or text field"

%type <name> id
%type <field> field source_field
%type <text> str str_opt
%type <ts> timescale
%type <names> ids
%type <criteria> criteria

/* Error recovery drops the tokens that cannot follow the error; when one
 * of them is a '{', the whole block it opens goes with it, up to its '}'
 * (compiler/parse.c skips it), so that the fields of a declaration whose
 * head was wrong are not read as the fields of the block around it, and
 * its '}' does not close that block. */
%destructor { pw_yy_dropped(p, yymsg, *yylocationp); } '{'

%%

/* file -> decl* */
file
    : %empty
    | file decl
    | file error
    ;

decl
    : IMPORT str                       { pw_act_import(p, $2, @$); }
    | contact_decl
    | role_decl
    | form_decl
    | pathway_decl
    ;

/* contact -> 'contact' name text [ '{' contact_field* '}' ] */
contact_decl
    : contact_head
    | contact_head '{' contact_fields '}'  { (void)$2; pw_act_block_end(p, PW_KW_CONTACT, @$); }
    ;
contact_head
    : CONTACT id str                 { pw_act_contact(p, $2, $3, @$); OPEN(PW_G_CONTACT, PW_KW_CONTACT, $3); }
    | CONTACT str                    { pw_act_contact(p, pw_act_no_name(p, PW_KW_CONTACT, @1), $2, @$); }
    | CONTACT id                     { pw_act_contact(p, $2, NO_TITLE(PW_KW_CONTACT, $2), @$); }
    | CONTACT error                     { pw_name n; pw_text t; REPAIRED(@1, n, t); pw_act_contact(p, n, t, @$); }
    ;
contact_fields
    : %empty
    | contact_fields contact_field
    | contact_fields error
    ;
contact_field
    : field                             { FIELD(PW_G_CONTACT, $1); }
    | FIELD_SOURCE str                  { FIELD(PW_G_CONTACT, pw_act_source(p, $1, $2, (pw_text){0}, @$)); }
    | URL str                           { FIELD(PW_G_CONTACT, pw_act_text(p, PW_KW_URL, $2, @$)); }
    | HOURS str                         { FIELD(PW_G_CONTACT, pw_act_text(p, PW_KW_HOURS, $2, @$)); }
    | URL error                         { if (pw_act_resync(p, @1)) yyerrok; }
    | HOURS error                       { if (pw_act_resync(p, @1)) yyerrok; }
    ;

/* role -> 'role' name text */
role_decl
    : ROLE id str                    { pw_act_role(p, $2, $3, @$); }
    | ROLE str                       { pw_act_no_name(p, PW_KW_ROLE, @1); }
    | ROLE id                        { pw_act_role(p, $2, NO_TITLE(PW_KW_ROLE, $2), @$); }
    | ROLE error                     { pw_name n; pw_text t; REPAIRED(@1, n, t); if (n.text) pw_act_role(p, n, t, @$); }
    ;

/* form -> 'form' name text [ '{' form_field* '}' ] */
form_decl
    : form_head
    | form_head '{' form_fields '}'        { (void)$2; pw_act_block_end(p, PW_KW_FORM, @$); }
    ;
form_head
    : FORM id str                    { pw_act_form(p, $2, $3, @$); OPEN(PW_G_FORM, PW_KW_FORM, $3); }
    | FORM str                       { pw_act_form(p, pw_act_no_name(p, PW_KW_FORM, @1), $2, @$); }
    | FORM id                        { pw_act_form(p, $2, NO_TITLE(PW_KW_FORM, $2), @$); }
    | FORM error                        { pw_name n; pw_text t; REPAIRED(@1, n, t); pw_act_form(p, n, t, @$); }
    ;
form_fields
    : %empty
    | form_fields form_field
    | form_fields error
    ;
form_field
    : field                             { FIELD(PW_G_FORM, $1); }
    | FIELD_SOURCE str                  { FIELD(PW_G_FORM, pw_act_source(p, $1, $2, (pw_text){0}, @$)); }
    | URL str                           { FIELD(PW_G_FORM, pw_act_text(p, PW_KW_URL, $2, @$)); }
    | URL error                         { if (pw_act_resync(p, @1)) yyerrok; }
    ;

/* pathway -> 'pathway' name text '{' pathway_item* '}' */
pathway_decl
    : pathway_head '{' pathway_items '}' { (void)$2; pw_act_pathway_end(p, @$); }
    ;
pathway_head
    : PATHWAY id str                 { pw_act_pathway(p, $2, $3, @$); }
    | PATHWAY str                    { pw_act_pathway(p, pw_act_no_name(p, PW_KW_PATHWAY, @1), $2, @$); }
    | PATHWAY id                     { pw_act_pathway(p, $2, NO_TITLE(PW_KW_PATHWAY, $2), @$); }
    | PATHWAY error                     { pw_name n; pw_text t; REPAIRED(@1, n, t); pw_act_pathway(p, n, t, @$); }
    ;
pathway_items
    : %empty
    | pathway_items pathway_item
    | pathway_items error
    ;
pathway_item
    : field                             { FIELD(PW_G_PATHWAY, $1); }
    | source_field                      { FIELD(PW_G_PATHWAY, $1); }
    | START id                          { FIELD(PW_G_PATHWAY, pw_act_name(p, PW_KW_START, $2, @$)); }
    | contact_decl
    | role_decl
    | form_decl
    | stage_decl
    | node_decl
    | scenario_decl
    | assert_decl
    | START error                       { if (pw_act_resync(p, @1)) yyerrok; }
    ;

/* field -> KEYWORD value, the value in the form of the keyword's field
 * (support/vocab.def). Pathways, contacts, forms and nodes share the rule:
 * it makes the field, and the block it is in hands it to pw_act_field,
 * which reports a field that kind of declaration does not take. NULL
 * after an error. */
field
    : FIELD_TEXT str                    { $$ = pw_act_text(p, $1, $2, @$); }
    | FIELD_NAME id                     { $$ = pw_act_name(p, $1, $2, @$); }
    | FIELD_NAMES ids                   { $$ = pw_act_names(p, $1, $2, @$); }
    | FIELD_WORD id                     { $$ = pw_act_word(p, $1, $2, (pw_text){0}, @$); }
    | FIELD_WORD_TEXT id str_opt        { $$ = pw_act_word(p, $1, $2, $3, @$); }
    | FIELD_NAME_TEXT id str_opt        { $$ = pw_act_ref(p, $1, $2, $3, @$); }
    | FIELD_NAME_OR_TEXT id             { $$ = pw_act_ref(p, $1, $2, (pw_text){0}, @$); }
    | FIELD_NAME_OR_TEXT str            { $$ = pw_act_ref(p, $1, (pw_name){0}, $2, @$); }
    | FIELD_DATE DATE                   { $$ = pw_act_date(p, $1, $2, @$); }
    | FIELD_TIME timescale              { $$ = pw_act_time(p, $1, $2, @$); }
    | FIELD_FLAG                        { $$ = pw_act_flag(p, $1, @$); }
    | FIELD_TEXT error                  { $$ = NULL; if (pw_act_resync(p, @1)) yyerrok; }
    | FIELD_NAME error                  { $$ = NULL; if (pw_act_resync(p, @1)) yyerrok; }
    | FIELD_NAMES error                 { $$ = NULL; if (pw_act_resync(p, @1)) yyerrok; }
    | FIELD_WORD error                  { $$ = NULL; if (pw_act_resync(p, @1)) yyerrok; }
    | FIELD_WORD_TEXT error             { $$ = NULL; if (pw_act_resync(p, @1)) yyerrok; }
    | FIELD_NAME_TEXT error             { $$ = NULL; if (pw_act_resync(p, @1)) yyerrok; }
    | FIELD_NAME_OR_TEXT error          { $$ = NULL; if (pw_act_resync(p, @1)) yyerrok; }
    | FIELD_DATE error                  { $$ = NULL; if (pw_act_resync(p, @1)) yyerrok; }
    | FIELD_TIME error                  { $$ = NULL; if (pw_act_resync(p, @1)) yyerrok; }
    | FIELD_SOURCE error                { $$ = NULL; if (pw_act_resync(p, @1)) yyerrok; }
    ;

/* source -> 'source' text [ 'url' text ]: where `url` cannot begin a
 * field of its own (pathways and nodes); a contact's or form's `source`
 * (which it does not take) ends at its text. */
source_field
    : FIELD_SOURCE str                  { $$ = pw_act_source(p, $1, $2, (pw_text){0}, @$); }
    | FIELD_SOURCE str URL str          { $$ = pw_act_source(p, $1, $2, $4, @$); }
    ;

/* stage -> 'stage' name text '{' (node | field)* '}' */
stage_decl
    : stage_head '{' stage_items '}'    { (void)$2; pw_act_block_end(p, PW_KW_STAGE, @$); pw_act_stage_end(p); }
    ;
stage_head
    : STAGE id str                   { pw_act_stage(p, $2, $3, @$); }
    | STAGE str                      { pw_act_stage(p, pw_act_no_name(p, PW_KW_STAGE, @1), $2, @$); }
    | STAGE id                       { pw_act_stage(p, $2, NO_TITLE(PW_KW_STAGE, $2), @$); }
    | STAGE error                       { pw_name n; pw_text t; REPAIRED(@1, n, t); pw_act_stage(p, n, t, @$); }
    ;
stage_items
    : %empty
    | stage_items node_decl
    | stage_items field                 { FIELD(PW_G_STAGE, $2); }
    | stage_items source_field          { FIELD(PW_G_STAGE, $2); }
    | stage_items error
    ;

/* node -> ('step' | 'question' | 'outcome') name text [ '{' node_item* '}' ]
 *       | 'together' name text '{' (node_item | node)* '}' */
node_decl
    : node_head                         { pw_act_node_end(p, @$); }
    | node_head '{' node_items '}'      { (void)$2; pw_act_node_end(p, @$); }
    | together_head                     { pw_act_together_end(p, @$); }
    | together_head '{' together_items '}'
                                        { (void)$2; pw_act_together_end(p, @$); }
    ;
node_head
    : STEP id str                    { pw_act_node(p, PW_STEP, $2, $3, @$); OPEN(PW_G_NODE, PW_KW_STEP, $3); }
    | QUESTION id str                { pw_act_node(p, PW_QUESTION, $2, $3, @$); OPEN(PW_G_NODE, PW_KW_QUESTION, $3); }
    | OUTCOME id str                 { pw_act_node(p, PW_OUTCOME, $2, $3, @$); OPEN(PW_G_NODE, PW_KW_OUTCOME, $3); }
    | STEP str                       { pw_act_node(p, PW_STEP, pw_act_no_name(p, PW_KW_STEP, @1), $2, @$); }
    | QUESTION str                   { pw_act_node(p, PW_QUESTION, pw_act_no_name(p, PW_KW_QUESTION, @1), $2, @$); }
    | OUTCOME str                    { pw_act_node(p, PW_OUTCOME, pw_act_no_name(p, PW_KW_OUTCOME, @1), $2, @$); }
    | STEP id                        { pw_act_node(p, PW_STEP, $2, NO_TITLE(PW_KW_STEP, $2), @$); }
    | QUESTION id                    { pw_act_node(p, PW_QUESTION, $2, NO_TITLE(PW_KW_QUESTION, $2), @$); }
    | OUTCOME id                     { pw_act_node(p, PW_OUTCOME, $2, NO_TITLE(PW_KW_OUTCOME, $2), @$); }
    | STEP error                        { pw_name n; pw_text t; REPAIRED(@1, n, t); pw_act_node(p, PW_STEP, n, t, @$); }
    | QUESTION error                    { pw_name n; pw_text t; REPAIRED(@1, n, t); pw_act_node(p, PW_QUESTION, n, t, @$); }
    | OUTCOME error                     { pw_name n; pw_text t; REPAIRED(@1, n, t); pw_act_node(p, PW_OUTCOME, n, t, @$); }
    ;
node_items
    : %empty
    | node_items node_item
    | node_items error
    ;
/* A together's body: its own fields, and the steps done together (the
 * actions report anything else written inside it). */
together_head
    : TOGETHER id str                { pw_act_node(p, PW_TOGETHER, $2, $3, @$); pw_act_together(p); OPEN(PW_G_NODE, PW_KW_TOGETHER, $3); }
    | TOGETHER str                   { pw_act_node(p, PW_TOGETHER, pw_act_no_name(p, PW_KW_TOGETHER, @1), $2, @$); pw_act_together(p); }
    | TOGETHER id                    { pw_act_node(p, PW_TOGETHER, $2, NO_TITLE(PW_KW_TOGETHER, $2), @$); pw_act_together(p); }
    | TOGETHER error                    { pw_name n; pw_text t; REPAIRED(@1, n, t); pw_act_node(p, PW_TOGETHER, n, t, @$); pw_act_together(p); }
    ;
together_items
    : %empty
    | together_items node_item
    | together_items node_decl
    | together_items error
    ;
node_item
    : field                             { FIELD(PW_G_NODE, $1); }
    | source_field                      { FIELD(PW_G_NODE, $1); }
    | FORM ids                          { FIELD(PW_G_NODE, pw_act_names(p, PW_KW_FORM, $2, @$)); }
    | CONTACT ids                       { FIELD(PW_G_NODE, pw_act_names(p, PW_KW_CONTACT, $2, @$)); }
    | WITHIN timescale                  { FIELD(PW_G_NODE, pw_act_time(p, PW_KW_WITHIN, $2, @$)); }
    | id str_opt ARROW id               { pw_act_answer(p, $1, $2, $4, @$); }
    | ANY_OF '{' criteria '}'           { (void)$2; pw_act_criteria(p, PW_CRITERIA_ANY, $3, @$); }
    | ALL_OF '{' criteria '}'           { (void)$2; pw_act_criteria(p, PW_CRITERIA_ALL, $3, @$); }
    | SCORE INT DOTDOT INT              { pw_act_score(p, $2, $4, (pw_span){@2.begin, @4.end}, @$); }
    | BAND INT DOTDOT INT str_opt ARROW id
                                        { pw_act_band(p, $2, $4, @2, @4, $5, $7, @$); }
    | FORM error                        { if (pw_act_resync(p, @1)) yyerrok; }
    | CONTACT error                     { if (pw_act_resync(p, @1)) yyerrok; }
    | WITHIN error                      { if (pw_act_resync(p, @1)) yyerrok; }
    | ANY_OF error                      { if (pw_act_resync(p, @1)) yyerrok; }
    | ALL_OF error                      { if (pw_act_resync(p, @1)) yyerrok; }
    | SCORE error                       { if (pw_act_resync(p, @1)) yyerrok; }
    | BAND error                        { if (pw_act_resync(p, @1)) yyerrok; }
    ;

/* Each string is one criterion: strings are not joined here. A list
 * may hold a list of the other kind, one level down (the actions report
 * deeper ones). */
criteria
    : %empty                            { $$ = (pw_criteria_list){0}; }
    | criteria STRING                   { $$ = pw_act_criterion(p, $1, $2); }
    | criteria ANY_OF '{' criteria '}'  { (void)$3; $$ = pw_act_criteria_nested(p, $1, PW_CRITERIA_ANY, $4, (pw_span){@2.begin, @5.end}); }
    | criteria ALL_OF '{' criteria '}'  { (void)$3; $$ = pw_act_criteria_nested(p, $1, PW_CRITERIA_ALL, $4, (pw_span){@2.begin, @5.end}); }
    ;

/* timescale -> number unit */
timescale
    : INT id                          { $$ = pw_act_make_timescale(p, $1, $2, @$); }
    /* `hours` is also a contact field, so it comes as a keyword */
    | INT HOURS                       { $$ = pw_act_make_timescale(p, $1, (pw_name){"hours", @2}, @$); }
    ;

/* scenario -> 'scenario' text '{' scenario_item* '}' */
scenario_decl
    : scenario_head '{' scenario_items '}' { (void)$2; pw_act_block_end(p, PW_KW_SCENARIO, @$); }
    ;
scenario_head
    : SCENARIO str                     { pw_act_scenario(p, $2, (pw_name){0}, @$); }
    /* a walk of its own, from a node an `also` offers */
    | SCENARIO str FROM id             { pw_act_scenario(p, $2, $4, @$); }
    | SCENARIO error                    { pw_act_scenario(p, (pw_text){0}, (pw_name){0}, @$); }
    ;
scenario_items
    : %empty
    | scenario_items scenario_item
    | scenario_items error
    ;
scenario_item
    : ANSWER id id                  { pw_act_scenario_answer(p, $2, $3, 0, false, @3, @$); }
    | ANSWER id INT                   { pw_act_scenario_answer(p, $2, (pw_name){0}, $3, true, @3, @$); }
    | EXPECT id                       { pw_act_expect(p, $2, (pw_name_list){0}, @$); }
    | EXPECT id THROUGH ids         { pw_act_expect(p, $2, $4, @$); }
    | ANSWER error                   { if (pw_act_resync(p, @1)) yyerrok; }
    | EXPECT error                   { if (pw_act_resync(p, @1)) yyerrok; }
    ;

/* assert -> 'assert' 'every' 'path' 'to' name 'passes' name
 *         | 'assert' 'no' 'path' 'reaches' name 'before' name
 *         | 'assert' name 'within' number ('step'|'steps') 'of' 'start' */
assert_decl
    : ASSERT EVERY PATH TO id PASSES id
                                        { pw_act_assert(p, PW_ASSERT_EVERY_PATH_PASSES, $5, $7, 0, @$); }
    | ASSERT id PATH REACHES id BEFORE id
                                        { pw_act_assert_no(p, $2, $5, $7, @$); }
    | ASSERT id WITHIN INT step_word OF START
                                        { pw_act_assert(p, PW_ASSERT_WITHIN, $2, (pw_name){0}, $4, @$); }
    | ASSERT error
    ;
step_word
    : STEP
    | STEPS
    ;

ids
    : id                              { $$ = pw_act_names_append(p, (pw_name_list){0}, $1); }
    | ids ',' id                    { $$ = pw_act_names_append(p, $1, $3); }
    ;

id
    : IDENT
    ;

/* Adjacent strings join, so long text can span lines. */
str
    : STRING
    | str STRING                       { $$ = pw_act_join(p, $1, $2); }
    ;
str_opt
    : %empty                            { $$ = (pw_text){0}; $$.span = @$; }
    | str
    ;

%%

#include "front/syntax_error.h"

#include <string.h>

static const int keyword_tokens[PW_KW_COUNT] = {
#define PW_KEYWORD(id, spelling, token, follows) [PW_KW_##id] = PW_T_##token,
#include "support/vocab.def"
};

int pw_yy_keyword_token(pw_keyword k)
{
    return (unsigned)k < PW_KW_COUNT ? keyword_tokens[k] : 0;
}

int pw_yy_sym_token(pw_sym s)
{
    switch (s.sx) {
    case PW_SX_OPEN: return '{';
    case PW_SX_CLOSE: return '}';
    case PW_SX_ARROW: return PW_T_ARROW;
    case PW_SX_NAME: return PW_T_IDENT;
    case PW_SX_KEYWORD:
    case PW_SX_FIELD: return pw_yy_keyword_token(s.kw);
    default: return PW_T_PW_YYerror;
    }
}

/* What syntax_error.c knows a grammar symbol as. Naming a symbol here
 * that the grammar no longer has does not compile, so the messages cannot
 * drift from the rules they describe. */
static pw_sym sym(pw_sx sx, pw_keyword kw, pw_value_form form)
{
    return (pw_sym){sx, kw, form};
}

static pw_sym sym_of(yysymbol_kind_t s, pw_keyword kw)
{
    switch (s) {
    case YYSYMBOL_YYEOF: return sym(PW_SX_END, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_IDENT: return sym(PW_SX_NAME, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_STRING: return sym(PW_SX_TEXT, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_INT: return sym(PW_SX_NUMBER, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_DATE: return sym(PW_SX_DATE, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_ARROW: return sym(PW_SX_ARROW, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_DOTDOT: return sym(PW_SX_DOTDOT, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_id: return sym(PW_SX_ID, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_str: return sym(PW_SX_STR, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_str_opt: return sym(PW_SX_STR_OPT, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_file: return sym(PW_SX_FILE, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_pathway_items: return sym(PW_SX_PATHWAY_ITEMS, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_stage_items: return sym(PW_SX_STAGE_ITEMS, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_node_items: return sym(PW_SX_NODE_ITEMS, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_together_items: return sym(PW_SX_NODE_ITEMS, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_contact_fields: return sym(PW_SX_CONTACT_FIELDS, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_form_fields: return sym(PW_SX_FORM_FIELDS, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_scenario_items: return sym(PW_SX_SCENARIO_ITEMS, PW_KW_NONE, PW_V_FLAG);
    case YYSYMBOL_criteria: return sym(PW_SX_CRITERIA, PW_KW_NONE, PW_V_FLAG);
    /* a field's keyword: which one, the lexer said (kw), when known */
    case YYSYMBOL_FIELD_TEXT: return sym(PW_SX_FIELD, kw, PW_V_TEXT);
    case YYSYMBOL_FIELD_NAME: return sym(PW_SX_FIELD, kw, PW_V_NAME);
    case YYSYMBOL_FIELD_NAMES: return sym(PW_SX_FIELD, kw, PW_V_NAMES);
    case YYSYMBOL_FIELD_WORD: return sym(PW_SX_FIELD, kw, PW_V_WORD);
    case YYSYMBOL_FIELD_WORD_TEXT: return sym(PW_SX_FIELD, kw, PW_V_WORD_TEXT);
    case YYSYMBOL_FIELD_NAME_TEXT: return sym(PW_SX_FIELD, kw, PW_V_NAME_TEXT);
    case YYSYMBOL_FIELD_DATE: return sym(PW_SX_FIELD, kw, PW_V_DATE);
    case YYSYMBOL_FIELD_TIME: return sym(PW_SX_FIELD, kw, PW_V_TIME);
    case YYSYMBOL_FIELD_SOURCE: return sym(PW_SX_FIELD, kw, PW_V_SOURCE);
    case YYSYMBOL_FIELD_FLAG: return sym(PW_SX_FIELD, kw, PW_V_FLAG);
    case YYSYMBOL_FIELD_NAME_OR_TEXT: return sym(PW_SX_FIELD, kw, PW_V_NAME_OR_TEXT);
    default: break;
    }
    if (s == YYTRANSLATE('{'))
        return sym(PW_SX_OPEN, PW_KW_NONE, PW_V_FLAG);
    if (s == YYTRANSLATE('}'))
        return sym(PW_SX_CLOSE, PW_KW_NONE, PW_V_FLAG);
    if (s == YYTRANSLATE(','))
        return sym(PW_SX_COMMA, PW_KW_NONE, PW_V_FLAG);
    /* a word the grammar names: its token is the keyword's own */
    for (int k = PW_KW_NONE + 1; k < PW_KW_COUNT; k++)
        if (YYTRANSLATE(pw_yy_keyword_token((pw_keyword)k)) == s)
            return sym(PW_SX_KEYWORD, (pw_keyword)k, PW_V_FLAG);
    return sym(PW_SX_OTHER, PW_KW_NONE, PW_V_FLAG);
}

/* Hands the error to compiler/front/syntax_error.c: the stack (innermost
 * first) and the tokens that could come next, as LAC computes them. The
 * keyword of a field token on the stack is known for the two tokens read
 * last (the only ones the messages look at). */
static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner,
                                 pw_parser *p)
{
    (void)scanner;
    yysymbol_kind_t expected[PW_SYNTAX_MAX];
    int n = yypcontext_expected_tokens(ctx, expected, PW_SYNTAX_MAX);
    pw_sym want[PW_SYNTAX_MAX];
    for (int i = 0; i < n; i++)
        want[i] = sym_of(expected[i], PW_KW_NONE);
    pw_sym stack[PW_SYNTAX_MAX];
    int depth = 0;
    bool terminals = true; /* so far, the stack is the tokens read last */
    for (const yy_state_t *s = ctx->yyssp; depth < PW_SYNTAX_MAX; s--) {
        if (*s == 0)
            break; /* the bottom of the stack */
        yysymbol_kind_t k = YY_ACCESSING_SYMBOL(*s);
        terminals = terminals && k < YYNTOKENS && k != YYSYMBOL_YYerror && depth < 2;
        stack[depth] = sym_of(k, terminals ? p->tok_kw[1 + depth] : PW_KW_NONE);
        depth++;
    }
    yysymbol_kind_t tok = yypcontext_token(ctx);
    pw_syntax_error(p, sym_of(tok, p->tok_kw[0]), *yypcontext_location(ctx), want,
                    n < 0 ? 0 : n, stack, depth);
    return 0;
}

static pw_text no_title(pw_parser *p, pw_keyword kw, pw_name id, bool lookahead,
                        int *yychar_p)
{
    pw_text title;
    if (lookahead && pw_syntax_unquoted_title(p, kw, id, &title)) {
        *yychar_p = PW_T_PW_YYEMPTY; /* yyclearin: a word of the title */
        return title;
    }
    return pw_act_no_title(p, kw, id);
}

/* A '{' bison let go of (why: the skeleton's words for it). Dropped as
 * a token that cannot come after an error: its block is skipped. A '{'
 * the recovery itself queued again is not. */
static void pw_yy_dropped(pw_parser *p, const char *why, pw_span at)
{
    if (strcmp(why, "Error: discarding") != 0)
        return;
    for (int i = 0; i < p->npending; i++)
        if (p->pending_at[i].begin == at.begin)
            return;
    /* the lexer has counted it open: skip until it is closed */
    if (p->nbraces && p->braces[p->nbraces - 1] == at.begin)
        pw_syntax_skip_block(p, p->nbraces - 1);
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
