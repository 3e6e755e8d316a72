/* support — what libpathway's tests share: reading files, the tables the
 * test target compiled (TABLES, a directory set by runtime/runtime.mk),
 * and a clock that ticks a minute a call, so saved times are fixed. Run
 * from the repository root, as make does. */
#ifndef PATHWAY_TEST_SUPPORT_H
#define PATHWAY_TEST_SUPPORT_H

#include "pathway.h"

#include <stddef.h>
#include <stdint.h>

#ifndef TABLES
#define TABLES "build/runtime/tables"
#endif

/* The whole file, NUL-terminated (malloc'd; *n its length when n is not
 * NULL); fails the test when it cannot be read. */
char *read_text(const char *path, size_t *n);

/* TABLES/name (e.g. "kinds.json", "v1/versions.json"), loaded; fails the
 * test when it is refused. Free with pathway_table_free. */
pathway_table *load_table(const char *name);

/* 2025-01-31T09:00:00Z, then one minute later at each call. */
typedef struct test_clock {
    int64_t next;
} test_clock;
enum { TEST_CLOCK_START = 1738314000 };
pathway_clock clock_of(test_clock *c);

/* Walks w on: next at each step and at an emergency outcome that goes
 * on, each step of a together done in order and then next, and the
 * answers in turn at questions (an answer id, a number at a scored
 * question, "ticked:1,3" for criteria, by their ids: "ticked:1,2.1");
 * returns the first code that is not PATHWAY_OK. */
pathway_code walk_on(pathway_walk *w, const char *const *answers, size_t n);

#endif
