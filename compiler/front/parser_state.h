/* parser_state — what the scanner, the parser and the AST builder share
 * while reading one file. Private to the front end (grammar/, lex,
 * actions, syntax_error, parse). */
#ifndef PW_PARSER_STATE_H
#define PW_PARSER_STATE_H

#include "front/ast.h"
#include "support/diag.h"

#include <stdbool.h>

/* The grammar symbols the messages tell apart; grammar/parser.y maps its
 * symbols to these by name (sym_of), so a renamed rule fails to compile
 * rather than silently changing a message. */
typedef enum pw_sx {
    PW_SX_OTHER,   /* a symbol the messages do not look at */
    PW_SX_END,     /* the end of the file */
    /* tokens */
    PW_SX_NAME, PW_SX_TEXT, PW_SX_NUMBER, PW_SX_DATE,
    PW_SX_OPEN, PW_SX_CLOSE, PW_SX_COMMA, PW_SX_ARROW, PW_SX_DOTDOT,
    PW_SX_KEYWORD, /* a word the grammar names itself: kw says which */
    PW_SX_FIELD,   /* a field's keyword: kw says which when it is known,
                    * form the form of its value */
    /* rules */
    PW_SX_ID, PW_SX_STR, PW_SX_STR_OPT,
    PW_SX_FILE, PW_SX_PATHWAY_ITEMS, PW_SX_STAGE_ITEMS, PW_SX_NODE_ITEMS,
    PW_SX_CONTACT_FIELDS, PW_SX_FORM_FIELDS, PW_SX_SCENARIO_ITEMS,
    PW_SX_CRITERIA,
} pw_sx;

typedef struct pw_sym {
    pw_sx sx;
    pw_keyword kw;
    pw_value_form form;
} pw_sym;

/* Where single-valued fields were first given, per thing being built. */
typedef struct pw_seen {
    bool has[PW_F_COUNT];
    pw_span at[PW_F_COUNT];
} pw_seen;

/* A list under construction, as a parser value. */
typedef struct pw_name_list {
    pw_name_item *first, *last;
} pw_name_list;

typedef struct pw_criteria_list {
    pw_ast_criterion *first, *last;
} pw_criteria_list;

/* A node whose body is being read while a node written inside it is
 * built (a together's, while one of its steps is): what to go back to. */
typedef struct pw_node_frame {
    pw_ast_node *node;
    pw_seen seen;
    pw_ast_field **fields_tail;
    pw_answer **answers_tail;
    pw_ast_node *inner;      /* the node built inside it */
    struct pw_node_frame *up;
} pw_node_frame;

typedef struct pw_parser {
    const pw_source *src;
    pw_diag *diag;
    pw_ast_file *file;
    pw_arena *arena;

    /* scanner */
    uint32_t offset;       /* bytes consumed so far */
    uint32_t string_start; /* opening quote of the string being read */
    char *buf;             /* decoded text of that string (heap) */
    size_t buflen, bufcap;
    bool string_bad;       /* the string already had an error */
    uint32_t bad_utf8_end; /* just past the last invalid UTF-8 byte */
    char close_quote[4];   /* the quote that ends text in the wrong quotes */
    pw_span prev2_tok;     /* the token before prev_tok */
    pw_span prev_tok;      /* the token before the last one returned */
    pw_span last_tok;      /* the last token returned (the lookahead) */
    pw_keyword tok_kw[3];  /* the keywords of last_tok, prev_tok and
                            * prev2_tok (PW_KW_NONE: not a keyword) */
    uint32_t *braces;      /* offsets of the '{' not yet closed (heap) */
    uint32_t unquoted_at;  /* 1 + where a line was read as text without its
                            * quotes (a criterion, a text's next line) */
    uint32_t quotes_until; /* a '"' before it is inside the text being read
                            * (pw_lex_quote_inside) */
    struct pw_quote_count {
        uint32_t at, eol, last; /* the '"' after at on its line: the last */
        int count;              /* of them, and how many (lex.c) */
    } quotes_after;
    uint32_t stop_from, stop_at; /* no '"', '{', '}', '>' or line end in
                                  * [stop_from, stop_at) (lex.c) */
    size_t nbraces, capbraces;

    /* what is being built, innermost last */
    pw_ast_pathway *pathway;
    pw_ast_stage *stage;
    pw_ast_node *node;
    pw_ast_contact *contact;
    pw_ast_form *form;
    pw_ast_scenario *scenario;
    pw_seen pathway_seen, stage_seen, node_seen, decl_seen, scenario_seen;
    pw_ast_node *together;  /* the together whose body is being read */
    pw_node_frame *frames;  /* the nodes the one being built is inside */

    /* tails of the lists being appended to, so appending is O(1) */
    pw_ast_field **pathway_fields_tail, **stage_fields_tail, **contact_fields_tail,
        **form_fields_tail, **node_fields_tail;
    pw_ast_import **imports_tail;
    pw_ast_contact **contacts_tail, **file_contacts_tail;
    pw_ast_role **roles_tail, **file_roles_tail;
    pw_ast_form **forms_tail, **file_forms_tail;
    pw_ast_pathway **pathways_tail;
    pw_ast_stage **stages_tail;
    pw_ast_node **nodes_tail;
    pw_ast_scenario **scenarios_tail;
    pw_ast_assert **asserts_tail;
    pw_answer **answers_tail;
    pw_answer *last_answer; /* the answer most recently built */
    pw_span last_do;        /* the last node's 'do' field read */
    pw_scenario_answer **scenario_answers_tail;

    /* Tokens to hand the parser before reading on: after a missing '}',
     * the closing braces and then the token that showed it was missing. */
    pw_sym pending[8];
    pw_span pending_at[8];
    pw_name pending_name[8]; /* the value of a queued name */
    int npending;

    /* A declaration's head that did not parse, as syntax_error.c made it
     * out from the line (a name with spaces, a title without quotes, ...):
     * the rule `KEYWORD error` of the keyword at offset keyword builds the
     * declaration with it (pw_act_repaired), and the tokens before resume
     * are dropped, so its block is read as its own. */
    struct {
        bool active;
        uint32_t keyword;
        pw_name name;
        pw_text title;
        uint32_t resume;
    } repair;
    uint32_t skip_before; /* tokens that begin before it are dropped */
    /* Where the scanner put the last token's value and place: the
     * parser's lookahead, which pw_parse_rename_lookahead changes. */
    void *lookahead_value;
    pw_span *lookahead_at;
    void *lexbuf;         /* the scanner's buffer (parse.c) */
    /* The file's '{' less its '}' (outside text and comments): when not 0,
     * a '}' is missing or one too many, and the indentation says where
     * (syntax_error.c, pw_syntax_brace_*). */
    int brace_excess;
    int seeks;            /* times the scanner was moved on to skip_before */

    /* Error recovery dropped a '{': the tokens up to its '}' are skipped
     * too (parse.c), until the open braces are skip_to again. */
    bool skipping;
    size_t skip_to;

    uint32_t last_error; /* offset of the last syntax error, to report once */
    bool any_syntax_error;
    /* A field was met in a block that takes no field of its name (a node's
     * head lost, say): until something that belongs where it is (a field
     * the block takes, a declaration), what follows from it is not
     * reported again. */
    bool misplaced;

    /* Comments and braces, kept only for pathwayc fmt (parse.h); NULL
     * otherwise, so check and build pay nothing for them. */
    struct pw_trivia *trivia;
} pw_parser;

#define PW_APPEND(tail, item)     \
    do {                          \
        *(tail) = (item);         \
        (tail) = &(item)->next;   \
    } while (0)

#endif
