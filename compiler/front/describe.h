/* describe — the language's words put together for messages: what a kind
 * of node takes, what a pathway holds, the field a mistyped word was most
 * likely meant to be. Derived from the vocabulary (support/vocab.def), so
 * the help text grows with the language. Private to the front end. */
#ifndef PW_DESCRIBE_H
#define PW_DESCRIBE_H

#include "support/vocab.h"

#include <stdbool.h>
#include <stddef.h>

/* "a" or "an", for a node kind. */
const char *pw_describe_article(pw_node_kind k);

/* Whether a node of kind k takes f, a field written with a keyword of its
 * own (a question's answers are described apart). */
bool pw_describe_plain_field(pw_field f, int kind);

/* "a step takes by, do, ... and next", into buf (size bytes); returns buf. */
const char *pw_describe_kind_takes(pw_node_kind k, char *buf, size_t size);

/* "a pathway holds owner, ..., contacts, roles, ... and assertions". */
const char *pw_describe_pathway_holds(char *buf, size_t size);

/* The field a node of kind k takes closest to a mistyped word, or NULL. */
const char *pw_describe_suggest_field(pw_node_kind k, const char *word);

#endif
