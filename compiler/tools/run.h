/* run — `pathwayc run`: walk a person through a pathway in the terminal,
 * with libpathway (runtime/pathway.h) doing the walking.
 *
 * Shows the pathway's summary and what it does not say yet (tbc); each
 * node with who does it (a role or in words), its items, contacts,
 * timescale and consent ("not stated — ask your DSL" when the source does
 * not say), and what is still to be confirmed of it, its stage, contacts
 * and forms; numbered answers at questions, a scored one's bands with
 * their labels; a question's criteria with their ids, a nested list
 * indented, ticked by id ("1 2.1", or "none"; yes or no answer it too);
 * the steps of a together with their marks, each marked done by its
 * number (or id), the walk going on when the last is; at an emergency
 * outcome that goes on, "Once you have made the call:" and what comes
 * next. `b` goes back, `q` saves (when there is somewhere to save) and
 * quits; at the end, the outcome and what was done and decided. Reads one
 * answer a line, from a terminal or from a script. */
#ifndef PW_RUN_H
#define PW_RUN_H

#include "pathway.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct pw_run_options {
    const char *save_path;      /* where `q` and the end of input save the
                                 * walk; NULL: nowhere */
    const char *resume;         /* a saved walk's text to go on from, or NULL */
    size_t resume_len;
    FILE *transcript;           /* JSON lines, one per event, flushed after
                                 * each, synced at the end; NULL for none.
                                 * Borrowed. */
    const char *transcript_name; /* its name, for messages; or NULL */
    bool interactive;           /* prompts are shown (input is a terminal);
                                 * otherwise each answer read is echoed */
    const pathway_clock *clock; /* NULL: the system clock */
} pw_run_options;

/* Walks t, reading answers from in and writing to out; messages about
 * bad input go to out too (the person at the terminal reads them there).
 * Returns 0 when the walk reached an outcome; 1 when it stopped before
 * one (`q`, or the end of the input), the walk saved when save_path is
 * set; 2 when the saved walk to resume is refused, the walk cannot be
 * saved, or the transcript cannot be written (reported on err: a failed
 * write to the transcript as soon as it fails, the walk going on). Text
 * from the table, the saved walk and the input reaches out and err only
 * as text.h shows text from data. Write errors on out are the caller's to
 * find (ferror). Borrows everything. */
int pw_run(const pathway_table *t, const pw_run_options *o, FILE *in, FILE *out,
           FILE *err);

#endif
