/* build — the parser's actions: put what was parsed into the AST, and
 * report what the grammar alone cannot (a field a node kind does not take,
 * a field given twice, a value that is not one of the allowed words, a bad
 * web address). Every function takes the field's whole span. Private to the
 * front end. */
#ifndef PW_BUILD_H
#define PW_BUILD_H

#include "front/parser_state.h"

void pw_build_import(pw_parser *p, pw_text path, pw_span at);

void pw_build_contact(pw_parser *p, pw_name id, pw_text title, pw_span at);
void pw_build_contact_text(pw_parser *p, pw_field f, pw_text v, pw_span at);
void pw_build_contact_ooh(pw_parser *p, pw_name v, pw_span at);
void pw_build_contact_verified(pw_parser *p, pw_date v, pw_span at);
void pw_build_role(pw_parser *p, pw_name id, pw_text title, pw_span at);
void pw_build_form(pw_parser *p, pw_name id, pw_text title, pw_span at);
void pw_build_form_text(pw_parser *p, pw_field f, pw_text v, pw_span at);
void pw_build_form_per_child(pw_parser *p, pw_span at);

void pw_build_pathway(pw_parser *p, pw_name id, pw_text title, pw_span at);
void pw_build_pathway_end(pw_parser *p, pw_span at);
void pw_build_meta_text(pw_parser *p, pw_field f, pw_text v, pw_span at);
void pw_build_meta_status(pw_parser *p, pw_name v, pw_span at);
void pw_build_meta_source(pw_parser *p, pw_text v, pw_text url, pw_span at);
void pw_build_meta_review_by(pw_parser *p, pw_date v, pw_span at);
void pw_build_meta_start(pw_parser *p, pw_name v, pw_span at);

void pw_build_stage(pw_parser *p, pw_name id, pw_text title, pw_span at);
void pw_build_stage_end(pw_parser *p);

void pw_build_node(pw_parser *p, pw_node_kind kind, pw_name id, pw_text title,
                   pw_span at);
void pw_build_node_end(pw_parser *p, pw_span at);
void pw_build_by(pw_parser *p, pw_name v, pw_span at);
void pw_build_do(pw_parser *p, pw_text v, pw_span at);
void pw_build_text(pw_parser *p, pw_field f, pw_text v, pw_span at);
void pw_build_names(pw_parser *p, pw_field f, pw_name_list v, pw_span at);
void pw_build_timescale(pw_parser *p, pw_field f, pw_timescale v, pw_span at);
void pw_build_urgency(pw_parser *p, pw_name v, pw_span at);
void pw_build_consent(pw_parser *p, pw_name rule, pw_text text, pw_span at);
void pw_build_kind(pw_parser *p, pw_name v, pw_span at);
void pw_build_personal(pw_parser *p, pw_span at);
void pw_build_also(pw_parser *p, pw_name target, pw_text why, pw_span at);
void pw_build_source(pw_parser *p, pw_text v, pw_text url, pw_span at);
void pw_build_next(pw_parser *p, pw_name v, pw_span at);
void pw_build_answer(pw_parser *p, pw_name id, pw_text label, pw_name target,
                     pw_span at);
void pw_build_criteria(pw_parser *p, pw_criteria_mode mode, pw_text_list v,
                       pw_span at);
void pw_build_score(pw_parser *p, int32_t lo, int32_t hi, pw_span range,
                    pw_span at);
void pw_build_band(pw_parser *p, int32_t lo, int32_t hi, pw_span lo_at,
                   pw_span hi_at, pw_name target, pw_span at);

void pw_build_scenario(pw_parser *p, pw_text name, pw_name from, pw_span at);
void pw_build_scenario_answer(pw_parser *p, pw_name q, pw_name a, int32_t score,
                              bool is_score, pw_span value, pw_span at);
void pw_build_expect(pw_parser *p, pw_name outcome, pw_name_list through,
                     pw_span at);
void pw_build_assert(pw_parser *p, pw_assert_kind kind, pw_name a, pw_name b,
                     int32_t steps, pw_span at);
void pw_build_assert_no(pw_parser *p, pw_name no, pw_name a, pw_name b,
                        pw_span at);

/* A declaration written without its name or its title: report it, and
 * return an empty name (the thing is built but not kept) or the name as
 * its title (it is kept, so references to it still resolve). */
pw_name pw_build_no_name(pw_parser *p, const char *what, pw_span keyword);
pw_text pw_build_no_title(pw_parser *p, const char *what, pw_name id);

/* After `KEYWORD error`: true when the token after the error starts a
 * later line than the keyword, so it begins a new field whose errors
 * should be reported at once. */
bool pw_build_resync(pw_parser *p, pw_span keyword);

/* Values */
pw_timescale pw_build_make_timescale(pw_parser *p, int32_t value, pw_name unit,
                                     pw_span at);
pw_text pw_build_join(pw_parser *p, pw_text a, pw_text b);
pw_text_list pw_build_text_append(pw_parser *p, pw_text_list l, pw_text t);
pw_name_list pw_build_names_append(pw_parser *p, pw_name_list l, pw_name n);

/* "a step takes by, do, …": the fields a node kind takes, for help. */
const char *pw_build_kind_takes(pw_node_kind k);

/* The field of kind k closest to a mistyped word, or NULL. */
const char *pw_build_suggest_field(pw_node_kind k, const char *word);

/* The spelling of a field keyword. */
const char *pw_field_name(pw_field f);

#endif
