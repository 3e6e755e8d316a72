/* build — the outputs of a checked program: for each pathway its table
 * (ID.json), diagram (ID.dot, ID.svg, ID.png) and checklist (ID.html), and
 * the index of the checklists (index.html), each handed whole to a sink.
 * `pathwayc build` gives a sink that writes files all or nothing
 * (emit/outputs.h); `pathwayc serve` one that keeps them in memory
 * (server/serve.h). Nothing here prints: a note or an error is text for
 * the caller. The same program and options give the same bytes. */
#ifndef PW_BUILD_H
#define PW_BUILD_H

#include "model/program.h"
#include "support/dates.h"

#include <stdbool.h>
#include <stddef.h>

/* The outputs a build can make, as bits of a set (--emit's names). */
enum {
    PW_BUILD_DOT = 1,
    PW_BUILD_SVG = 2,
    PW_BUILD_PNG = 4,
    PW_BUILD_HTML = 8,
    PW_BUILD_JSON = 16
};

/* The set of outputs of list ("dot,svg,json"); -1 when a name is not an
 * output, with the message in err ("--emit: 'x' is not an output; ..."). */
int pw_build_parse_emit(const char *list, char *err, size_t errsize);

/* Takes one output, ID.EXT (id a pathway's id, or "index"), of len bytes
 * at data, all borrowed for the call. Returns false, with a one-line
 * message in err, to stop the build. */
typedef bool pw_build_sink(void *cls, const char *id, const char *ext,
                           const char *data, size_t len, char *err, size_t errsize);

/* Receives a note (a one-line message, borrowed for the call): a diagram
 * left out because it is too big to draw. */
typedef void pw_build_note(void *cls, const char *text);

typedef struct pw_build_options {
    int emit;           /* PW_BUILD_* bits */
    bool explicit_emit; /* the set was asked for by name: a diagram that
                         * cannot be drawn is then an error, not a note */
    pw_date today;      /* review dates before it are shown as overdue */
    pw_build_sink *sink;
    pw_build_note *note; /* NULL: notes are dropped */
    void *cls;          /* for sink and note */
} pw_build_options;

typedef enum pw_build_result {
    PW_BUILD_OK,
    PW_BUILD_FAILED, /* an output could not be made, or the sink refused it */
    PW_BUILD_CLASH   /* a pathway named 'index' with html: nothing made */
} pw_build_result;

/* Hands every output of every pathway of prog (which must have checked
 * without errors) to the sink, in order: for each pathway json, dot, svg,
 * png, html (those asked for), then with html the index. Stops at the
 * first failure, with a one-line message in err (errsize bytes). */
pw_build_result pw_build_program(const pw_program *prog, const pw_build_options *o,
                                 char *err, size_t errsize);

#endif
