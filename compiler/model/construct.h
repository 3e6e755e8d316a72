/* construct — one pathway's graph, from its AST: every node gets its
 * index first, so that references can point forward; then each node is
 * filled in, its names resolved through scope; then the scenarios and
 * assertions. Every problem goes to the sink; a reference that did not
 * resolve is PW_NO_NODE or NULL in the graph, and marks it (a node's
 * `unresolved`, the graph's `incomplete`). */
#ifndef PW_CONSTRUCT_H
#define PW_CONSTRUCT_H

#include "model/graph.h"
#include "model/imports.h"
#include "model/scope.h"

/* The graph of pathway w of file f, one of the files of m, whose names
 * s has resolved (pw_scopes_resolve). number is the graph's number in
 * the program, from 1: it marks the contacts, roles and forms this graph
 * has listed (pw_contact.mark), so no two graphs of a program may share
 * one. Owned by the caller: free with pw_graph_free, before s. */
pw_graph *pw_graph_construct(pw_scopes *s, const pw_imports *m, const pw_file *f,
                             const pw_ast_pathway *w, unsigned number);

#endif
