/* actions — the parser's actions: put what was parsed into the AST, and
 * report what the grammar alone cannot (a field a declaration does not
 * take, a field given twice, a value that is not one of the allowed words,
 * a bad web address). What each declaration takes, how often, and the
 * allowed words come from the vocabulary (support/vocab.def). Every
 * function takes the span of the whole thing parsed. Private to the front
 * end. */
#ifndef PW_ACTIONS_H
#define PW_ACTIONS_H

#include "front/parser_state.h"

void pw_act_import(pw_parser *p, pw_text path, pw_span at);

void pw_act_contact(pw_parser *p, pw_name id, pw_text title, pw_span at);
void pw_act_role(pw_parser *p, pw_name id, pw_text title, pw_span at);
void pw_act_form(pw_parser *p, pw_name id, pw_text title, pw_span at);

void pw_act_pathway(pw_parser *p, pw_name id, pw_text title, pw_span at);
void pw_act_pathway_end(pw_parser *p, pw_span at);

void pw_act_stage(pw_parser *p, pw_name id, pw_text title, pw_span at);
void pw_act_stage_end(pw_parser *p);

void pw_act_node(pw_parser *p, pw_node_kind kind, pw_name id, pw_text title,
                 pw_span at);
void pw_act_node_end(pw_parser *p, pw_span at);
/* After a together's head (pw_act_node made it): the nodes that follow
 * are inside it, until pw_act_together_end, which reports a together of
 * fewer than two steps. */
void pw_act_together(pw_parser *p);
void pw_act_together_end(pw_parser *p, pw_span at);

/* Fields. A rule `KEYWORD value` makes the field (keyword kw, its value as
 * written; nothing is reported yet); the block it is in then hands it to
 * pw_act_field with the kind of declaration it belongs to, which reports
 * a field that kind does not take, one given twice and a value that is
 * not allowed, and adds the field to the declaration being built. The
 * fields live in the file's arena; NULL is allowed (a field that did not
 * parse). */
pw_ast_field *pw_act_text(pw_parser *p, pw_keyword kw, pw_text v, pw_span at);
pw_ast_field *pw_act_name(pw_parser *p, pw_keyword kw, pw_name v, pw_span at);
pw_ast_field *pw_act_names(pw_parser *p, pw_keyword kw, pw_name_list v,
                           pw_span at);
pw_ast_field *pw_act_word(pw_parser *p, pw_keyword kw, pw_name word, pw_text text,
                          pw_span at);
pw_ast_field *pw_act_ref(pw_parser *p, pw_keyword kw, pw_name name, pw_text text,
                         pw_span at);
pw_ast_field *pw_act_date(pw_parser *p, pw_keyword kw, pw_date v, pw_span at);
pw_ast_field *pw_act_time(pw_parser *p, pw_keyword kw, pw_timescale v, pw_span at);
pw_ast_field *pw_act_source(pw_parser *p, pw_keyword kw, pw_text v, pw_text url,
                            pw_span at);
pw_ast_field *pw_act_flag(pw_parser *p, pw_keyword kw, pw_span at);
/* False when g takes no field of f's keyword at all (for a node: no kind
 * of node does): a syntax error, reported unless the parser is recovering
 * from one already; the parser then recovers from it. */
bool pw_act_field(pw_parser *p, pw_group g, pw_ast_field *f, bool recovering);

/* A question's answers. */
void pw_act_answer(pw_parser *p, pw_name id, pw_text label, pw_name target,
                   pw_span at);
void pw_act_criteria(pw_parser *p, pw_criteria_mode mode, pw_criteria_list v,
                     pw_span at);
void pw_act_score(pw_parser *p, int32_t lo, int32_t hi, pw_span range, pw_span at);
void pw_act_band(pw_parser *p, int32_t lo, int32_t hi, pw_span lo_at,
                 pw_span hi_at, pw_text label, pw_name target, pw_span at);

void pw_act_scenario(pw_parser *p, pw_text name, pw_name from, pw_span at);
/* The block of the contact, form, stage or scenario being read (its
 * keyword, kw) read to its '}': at is the whole declaration, its block. */
void pw_act_block_end(pw_parser *p, pw_keyword kw, pw_span at);
void pw_act_scenario_answer(pw_parser *p, pw_name q, pw_name a, int32_t score,
                            bool is_score, pw_span value, pw_span at);
void pw_act_expect(pw_parser *p, pw_name outcome, pw_name_list through,
                   pw_span at);
void pw_act_assert(pw_parser *p, pw_assert_kind kind, pw_name a, pw_name b,
                   int32_t steps, pw_span at);
void pw_act_assert_no(pw_parser *p, pw_name no, pw_name a, pw_name b,
                      pw_span at);

/* A declaration written without its name or its title (kw: its keyword):
 * report it, and return an empty name (the thing is built but not kept)
 * or the name as its title (it is kept, so references to it still
 * resolve). */
pw_name pw_act_no_name(pw_parser *p, pw_keyword kw, pw_span keyword);
pw_text pw_act_no_title(pw_parser *p, pw_keyword kw, pw_name id);

/* In the rule `KEYWORD error` of a declaration (keyword: its span): the
 * name and title syntax_error.c made out of a head that did not parse,
 * when it could; true then, and the rest of the head is skipped (the
 * caller discards the lookahead and leaves error recovery, so the block
 * that follows is read as the declaration's). False, and an empty name
 * and title, when not. */
bool pw_act_repaired(pw_parser *p, pw_span keyword, pw_name *name, pw_text *title);

/* After `KEYWORD error`: true when the token after the error starts a
 * later line than the keyword, so it begins a new field whose errors
 * should be reported at once. */
bool pw_act_resync(pw_parser *p, pw_span keyword);

/* Values */
pw_timescale pw_act_make_timescale(pw_parser *p, int32_t value, pw_name unit,
                                   pw_span at);
pw_text pw_act_join(pw_parser *p, pw_text a, pw_text b);
/* Criteria: a text, and a nested list (at: its keyword to its '}'). */
pw_criteria_list pw_act_criterion(pw_parser *p, pw_criteria_list l, pw_text t);
pw_criteria_list pw_act_criteria_nested(pw_parser *p, pw_criteria_list l,
                                        pw_criteria_mode mode, pw_criteria_list items,
                                        pw_span at);
pw_name_list pw_act_names_append(pw_parser *p, pw_name_list l, pw_name n);

#endif
