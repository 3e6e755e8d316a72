/* fixture — resolve pathway text written to a fresh directory, for unit
 * tests that need a graph. */
#ifndef PW_TEST_FIXTURE_H
#define PW_TEST_FIXTURE_H

#include "model/program.h"

typedef struct pw_fixture {
    char dir[64];
    pw_diag *diag;
    pw_program *prog;
} pw_fixture;

/* Writes main.pathway (and other_name, when not NULL) to a new directory
 * and resolves main.pathway. Free with pw_fixture_free. */
pw_fixture *pw_fixture_resolve(const char *main_text, const char *other_name,
                               const char *other_text);
void pw_fixture_free(pw_fixture *fx);

/* The first graph; fails the test when there is none or there were errors. */
const pw_graph *pw_fixture_graph(pw_fixture *fx);

#endif
