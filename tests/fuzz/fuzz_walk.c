/* fuzz_walk — libFuzzer harness for restoring saved walks (libpathway's
 * pathway_walk_restore and pathway_walk_save) against real tables: the
 * tables of support.h (fuzz_table), compiled from the repository's
 * pathways once, at start-up. Each input is restored as a saved walk
 * against every one of them; a restore that fails fills its error whole
 * (a code, a message that begins with its where). One that succeeds is a
 * walk that stands on a node of its table (fuzz_check_walk), and saving
 * it and restoring the save gives the same walk, whose save is the same
 * text again (fuzz_round_trip): save(restore(x)) restores to the same
 * state. Its moves are then undone one by one, each going back to where
 * the move was made.
 *
 * The corpus (tests/fuzz/corpus/walk) is saves of walks of those tables;
 * walks saved with tests/diff/structure-old.pathway's table restore
 * against structure-new's through `replaces`. A broken promise is a trap,
 * which libFuzzer keeps as a crash. Built and run by tests/fuzz/fuzz.mk
 * (docs/fuzzing.md). */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (size_t i = 0; i < FUZZ_NTABLES; i++)
        fuzz_table(i);
    return 0;
}

static void check_error(const pathway_error *e)
{
    FUZZ_CHECK(e->code != PATHWAY_OK);
    FUZZ_CHECK(pathway_code_name(e->code) != NULL);
    FUZZ_CHECK(memchr(e->message, '\0', sizeof e->message) != NULL);
    FUZZ_CHECK(memchr(e->where, '\0', sizeof e->where) != NULL);
    FUZZ_CHECK(e->message[0] != '\0');
    FUZZ_CHECK(strncmp(e->message, e->where, strlen(e->where)) == 0);
}

/* Undoes w's moves: each back goes to the node the move was made at. */
static void undo_all(pathway_walk *w)
{
    while (pathway_walk_move_count(w) > 0) {
        const pathway_move *m = pathway_walk_move(w, pathway_walk_move_count(w) - 1);
        const pathway_node *from = m->from, *step = m->step;
        FUZZ_CHECK(pathway_walk_back(w, NULL) == PATHWAY_OK);
        FUZZ_CHECK(pathway_walk_current(w) == from);
        FUZZ_CHECK(!step || !pathway_walk_step_done(w, step));
        fuzz_check_walk(w);
    }
    pathway_error e;
    FUZZ_CHECK(pathway_walk_back(w, &e) == PATHWAY_E_AT_START);
    check_error(&e);
}

static void restore(const pathway_table *t, const uint8_t *data, size_t size)
{
    pathway_error e;
    pathway_walk *w = pathway_walk_restore(t, (const char *)data, size, &fuzz_clock, &e);
    if (!w) {
        check_error(&e);
        return;
    }
    FUZZ_CHECK(pathway_walk_table(w) == t);
    FUZZ_CHECK(pathway_walk_saved_hash(w) != NULL);
    fuzz_check_walk(w);
    pathway_walk *r = fuzz_round_trip(w);
    undo_all(r);
    pathway_walk_free(r);
    pathway_walk_free(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i < FUZZ_NTABLES; i++)
        restore(fuzz_table(i), data, size);
    return 0;
}
