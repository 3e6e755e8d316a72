/* tests/conformance/run.c — runs the cases of conformance/ (its README.md
 * says what they are) against libpathway, through its public header only,
 * and ends with "N passed, M failed".
 *
 *   run CONFORMANCE_DIR              every case of CONFORMANCE_DIR/cases/
 *   run --derive OUT TABLE...        writes each table re-serialised, for
 *                                    conformance/regen: OUT/NAME.sorted.json
 *                                    (keys sorted, compact), NAME.reversed.json
 *                                    (keys in reverse order, indented 3) and
 *                                    NAME.compact.json (file order, compact)
 *
 * Jansson reads the case files (duplicate keys refused, as everywhere). */
#include <pathway.h>

#include <errno.h>
#include <glob.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small things ------------------------------------------------------- */

static const char *dir; /* CONFORMANCE_DIR */

/* The bytes of file `path` (under dir when relative) and their count, or
 * NULL. */
static char *slurp(const char *path, size_t *size)
{
    char full[4096];
    snprintf(full, sizeof full, "%s%s%s", path[0] == '/' ? "" : dir,
             path[0] == '/' ? "" : "/", path);
    FILE *f = fopen(full, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b) {
                free(buf);
                buf = NULL;
            }
            buf = b;
        }
    }
    fclose(f);
    if (buf)
        buf[n < cap ? n : cap - 1] = '\0';
    *size = n;
    return buf;
}

/* Why the case being run failed: the first reason only. */
static char why[4096];

static bool fail(const char *fmt, ...)
{
    if (why[0])
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return false;
}

/* Every key of object o is one of the NULL-terminated list. */
static bool known_keys(const json_t *o, const char *what, const char *const *keys)
{
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)o, k, v) {
        size_t i = 0;
        while (keys[i] && strcmp(keys[i], k) != 0)
            i++;
        if (!keys[i])
            return fail("%s: unknown key '%s'", what, k);
    }
    return true;
}

static char *dump(const json_t *v)
{
    return json_dumps(v, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

/* ---- the clock -------------------------------------------------------------- */

enum { CLOCK_START = 1738314000 }; /* 2025-01-31T09:00:00Z */

static int64_t clock_next;

static int64_t tick(void *ctx)
{
    (void)ctx;
    int64_t t = clock_next;
    clock_next += 60;
    return t;
}

static pathway_clock new_clock(void)
{
    clock_next = CLOCK_START;
    return (pathway_clock){tick, NULL};
}

/* ---- tables ------------------------------------------------------------------- */

static pathway_table *load(const char *path, unsigned flags, pathway_error *err)
{
    size_t n;
    char *text = slurp(path, &n);
    if (!text) {
        fail("cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    pathway_table *t = pathway_table_load_buffer(text, n, flags, err);
    free(text);
    return t;
}

/* value with every "@hash:FILE" string replaced by FILE's content_hash (a
 * new reference), or NULL. */
static json_t *subst(const json_t *v)
{
    if (json_is_string(v) && strncmp(json_string_value(v), "@hash:", 6) == 0) {
        pathway_error e;
        pathway_table *t = load(json_string_value(v) + 6, PATHWAY_LOAD_DEFAULT, &e);
        if (!t) {
            fail("%s: %s", json_string_value(v), e.message);
            return NULL;
        }
        json_t *h = json_string(pathway_table_info(t)->content_hash);
        pathway_table_free(t);
        return h;
    }
    if (json_is_object(v)) {
        json_t *o = json_object();
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x) {
            json_t *y = subst(x);
            if (!y) {
                json_decref(o);
                return NULL;
            }
            json_object_set_new(o, k, y);
        }
        return o;
    }
    if (json_is_array(v)) {
        json_t *a = json_array();
        for (size_t i = 0; i < json_array_size(v); i++) {
            json_t *y = subst(json_array_get(v, i));
            if (!y) {
                json_decref(a);
                return NULL;
            }
            json_array_append_new(a, y);
        }
        return a;
    }
    return json_deep_copy(v);
}

/* err is the expected error `want` ({"code", "where"}). */
static bool same_error(const json_t *want, pathway_code got, const pathway_error *err,
                       const char *what)
{
    static const char *const keys[] = {"code", "where", NULL};
    if (!json_is_object(want) || !known_keys(want, what, keys))
        return fail("%s: an expected error is {\"code\", \"where\"}", what);
    const char *code = json_string_value(json_object_get(want, "code"));
    const char *where = json_string_value(json_object_get(want, "where"));
    if (!code)
        return fail("%s: an expected error has a code", what);
    const char *name = pathway_code_name(got);
    if (!name || strcmp(name, code) != 0)
        return fail("%s: expected %s%s%s%s, got %s (%s)", what, code,
                    where ? " at '" : "", where ? where : "", where ? "'" : "",
                    name ? name : "?", got ? err->message : "no error");
    if (where && strcmp(where, err->where) != 0)
        return fail("%s: expected %s at '%s', got it at '%s' (%s)", what, code, where,
                    err->where, err->message);
    return true;
}

/* ---- moves ---------------------------------------------------------------------- */

static pathway_code tick_ids(pathway_walk *w, const json_t *ids, pathway_error *err,
                             bool *ran)
{
    const pathway_node *q = pathway_walk_current(w);
    size_t n = q->ncriteria;
    bool *ticked = calloc(n + 1, sizeof *ticked);
    if (!json_is_array(ids) || !ticked) {
        free(ticked);
        *ran = fail("ticked: expected a list of ids");
        return PATHWAY_OK;
    }
    for (size_t i = 0; i < json_array_size(ids) && n; i++) {
        const char *id = json_string_value(json_array_get(ids, i));
        size_t k = 0;
        while (id && k < n && strcmp(q->criteria_ids[k], id) != 0)
            k++;
        if (k == n) {
            free(ticked);
            *ran = fail("ticked: '%s' has no criterion '%s'", q->id, id ? id : "?");
            return PATHWAY_OK;
        }
        ticked[k] = true;
    }
    pathway_code c = pathway_walk_criteria(w, ticked, n, err);
    free(ticked);
    return c;
}

/* Makes the moves of list `moves`, each as its case expects. */
static bool make_moves(pathway_walk *w, const json_t *moves)
{
    static const char *const keys[] = {"next", "answer", "score", "ticked", "done", "back",
                                       "error", NULL};
    if (moves && !json_is_array(moves))
        return fail("moves: expected a list");
    for (size_t i = 0; i < json_array_size(moves); i++) {
        const json_t *m = json_array_get(moves, i);
        char what[64];
        snprintf(what, sizeof what, "moves[%zu]", i);
        if (!json_is_object(m) || !known_keys(m, what, keys))
            return fail("%s: expected a move", what);
        size_t nkeys = json_object_size(m) - (json_object_get(m, "error") != NULL);
        if (nkeys != 1)
            return fail("%s: a move has one of next, answer, score, ticked, done, back", what);
        pathway_error err;
        pathway_code c;
        bool ran = true;
        size_t before = pathway_walk_move_count(w);
        const pathway_node *at = pathway_walk_current(w);
        json_t *v;
        if ((v = json_object_get(m, "next")))
            c = pathway_walk_next(w, &err);
        else if ((v = json_object_get(m, "back")))
            c = pathway_walk_back(w, &err);
        else if ((v = json_object_get(m, "answer")))
            c = json_is_string(v) ? pathway_walk_answer(w, json_string_value(v), &err)
                                  : (ran = fail("%s: answer: expected an id", what), 0);
        else if ((v = json_object_get(m, "score")))
            c = json_is_integer(v) ? pathway_walk_score(w, (int)json_integer_value(v), &err)
                                   : (ran = fail("%s: score: expected an integer", what), 0);
        else if ((v = json_object_get(m, "done")))
            c = json_is_string(v) ? pathway_walk_done(w, json_string_value(v), &err)
                                  : (ran = fail("%s: done: expected a step id", what), 0);
        else
            c = tick_ids(w, json_object_get(m, "ticked"), &err, &ran);
        if (!ran)
            return false;
        const json_t *want = json_object_get(m, "error");
        if (want) {
            if (!same_error(want, c, &err, what))
                return false;
            if (pathway_walk_move_count(w) != before || pathway_walk_current(w) != at)
                return fail("%s: a refused move changed the walk", what);
        } else if (c != PATHWAY_OK) {
            return fail("%s: refused: %s: %s", what, pathway_code_name(c), err.message);
        }
    }
    return true;
}

/* ---- what a walk is expected to be ----------------------------------------------- */

static bool same_id(const char *what, const json_t *want, const pathway_node *n)
{
    if (json_is_null(want) && !n)
        return true;
    if (!json_is_string(want) && !json_is_null(want))
        return fail("expect.%s: expected an id or null", what);
    if (!n || !json_is_string(want) || strcmp(json_string_value(want), n->id) != 0)
        return fail("expect.%s: expected %s, got %s", what,
                    json_is_string(want) ? json_string_value(want) : "null",
                    n ? n->id : "null");
    return true;
}

static bool check_walk(const pathway_walk *w, const json_t *expect)
{
    static const char *const keys[] = {"path", "at", "finished", "outcome", "done", "saved",
                                       "saved_hash", NULL};
    if (!json_is_object(expect) || !known_keys(expect, "expect", keys))
        return fail("expect: expected an object");
    const json_t *v;
    if ((v = json_object_get(expect, "path"))) {
        json_t *got = json_array();
        for (size_t i = 0; i < pathway_walk_path_length(w); i++)
            json_array_append_new(got, json_string(pathway_walk_path_node(w, i)->id));
        bool same = json_equal(got, (json_t *)v);
        if (!same) {
            char *a = json_dumps(v, JSON_COMPACT), *b = json_dumps(got, JSON_COMPACT);
            fail("expect.path: expected %s, got %s", a, b);
            free(a);
            free(b);
        }
        json_decref(got);
        if (!same)
            return false;
    }
    if ((v = json_object_get(expect, "at")) && !same_id("at", v, pathway_walk_current(w)))
        return false;
    if ((v = json_object_get(expect, "finished")) &&
        (!json_is_boolean(v) || json_is_true(v) != pathway_walk_finished(w)))
        return fail("expect.finished: expected %s", json_is_true(v) ? "true" : "false");
    if ((v = json_object_get(expect, "outcome")) &&
        !same_id("outcome", v, pathway_walk_outcome(w)))
        return false;
    if ((v = json_object_get(expect, "done"))) {
        size_t n = pathway_walk_done_count(w), m = pathway_walk_move_count(w);
        json_t *got = json_array();
        for (size_t i = m - n; i < m; i++)
            json_array_append_new(got, json_string(pathway_walk_move(w, i)->step->id));
        bool same = json_equal(got, (json_t *)v);
        json_decref(got);
        if (!same)
            return fail("expect.done: not the steps done");
    }
    if ((v = json_object_get(expect, "saved_hash"))) {
        json_t *want = subst(v);
        const char *h = pathway_walk_saved_hash(w);
        bool same = want && h && json_is_string(want) &&
                    strcmp(json_string_value(want), h) == 0;
        json_decref(want);
        if (!same)
            return fail("expect.saved_hash: expected %s, got %s", json_string_value(v),
                        h ? h : "none");
    }
    if ((v = json_object_get(expect, "saved"))) {
        pathway_error err;
        char *text = pathway_walk_save(w, &err);
        if (!text)
            return fail("save: %s", err.message);
        json_error_t je;
        json_t *got = json_loads(text, JSON_REJECT_DUPLICATES, &je);
        json_t *want = subst(v);
        bool same = got && want && json_equal(got, want);
        if (!same && want) {
            char *a = dump(want), *b = dump(got);
            fail("expect.saved: expected\n%s\ngot\n%s", a, b ? b : text);
            free(a);
            free(b);
        }
        free(text);
        json_decref(got);
        json_decref(want);
        if (!same)
            return false;
    }
    return true;
}

/* ---- the cases ---------------------------------------------------------------------- */

static int table_format_of(const char *path)
{
    size_t n;
    char *text = slurp(path, &n);
    json_t *v = text ? json_loadb(text, n, 0, NULL) : NULL;
    int f = (int)json_integer_value(json_object_get(v, "format_version"));
    json_decref(v);
    free(text);
    return f;
}

static unsigned flags_of(const json_t *c)
{
    return json_is_true(json_object_get(c, "no_hash_check")) ? PATHWAY_LOAD_NO_HASH_CHECK
                                                             : PATHWAY_LOAD_DEFAULT;
}

static bool table_case(const json_t *c)
{
    static const char *const keys[] = {"name", "kind", "note", "requires", "table",
                                       "no_hash_check", "expect", "expect_by_format", NULL};
    static const char *const ekeys[] = {"ok", "error", "content_hash", "format_version",
                                        NULL};
    if (!known_keys(c, "case", keys))
        return false;
    const char *path = json_string_value(json_object_get(c, "table"));
    if (!path)
        return fail("table: expected a file name");
    const json_t *expect = json_object_get(c, "expect");
    const json_t *by = json_object_get(c, "expect_by_format");
    if (!expect == !by)
        return fail("a table case has expect or expect_by_format");
    if (by) {
        char f[16];
        snprintf(f, sizeof f, "%d", table_format_of(path));
        expect = json_object_get(by, f);
        if (!expect)
            return fail("expect_by_format: nothing for format_version %s", f);
    }
    if (!json_is_object(expect) || !known_keys(expect, "expect", ekeys))
        return fail("expect: expected an object");
    pathway_error err;
    pathway_table *t = load(path, flags_of(c), &err);
    if (why[0])
        return false;
    const json_t *want = json_object_get(expect, "error");
    bool ok;
    if (want) {
        ok = same_error(want, t ? PATHWAY_OK : err.code, &err, "load");
    } else if (!json_is_true(json_object_get(expect, "ok"))) {
        ok = fail("expect: ok or error");
    } else if (!t) {
        ok = fail("load: %s: %s", pathway_code_name(err.code), err.message);
    } else {
        const pathway_info *in = pathway_table_info(t);
        const json_t *h = json_object_get(expect, "content_hash");
        const json_t *fv = json_object_get(expect, "format_version");
        ok = true;
        if (h && (!json_is_string(h) || strcmp(json_string_value(h), in->content_hash)))
            ok = fail("content_hash: expected %s, got %s", json_string_value(h),
                      in->content_hash);
        if (fv && json_integer_value(fv) != in->format_version)
            ok = fail("format_version: expected %lld, got %d",
                      (long long)json_integer_value(fv), in->format_version);
    }
    pathway_table_free(t);
    return ok;
}

static bool walk_case(const json_t *c, bool restore)
{
    static const char *const wkeys[] = {"name", "kind", "note", "requires", "table",
                                        "no_hash_check", "from", "start_error", "moves",
                                        "expect", NULL};
    static const char *const rkeys[] = {"name", "kind", "note", "requires", "table",
                                        "no_hash_check", "saved", "saved_file", "moves",
                                        "expect", NULL};
    if (!known_keys(c, "case", restore ? rkeys : wkeys))
        return false;
    const char *path = json_string_value(json_object_get(c, "table"));
    if (!path)
        return fail("table: expected a file name");
    pathway_error err;
    pathway_table *t = load(path, flags_of(c), &err);
    if (!t)
        return fail("%s: %s", path, why[0] ? why : err.message);
    pathway_clock clock = new_clock();
    pathway_walk *w = NULL;
    const json_t *expect = json_object_get(c, "expect");
    const json_t *want_error = NULL;
    if (restore) {
        want_error = json_object_get(expect, "error");
        const json_t *saved = json_object_get(c, "saved");
        const char *file = json_string_value(json_object_get(c, "saved_file"));
        char *text = NULL;
        size_t n = 0;
        if (saved && !file) {
            json_t *s = subst(saved);
            text = s ? json_dumps(s, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
            n = text ? strlen(text) : 0;
            json_decref(s);
        } else if (file && !saved) {
            text = slurp(file, &n);
            if (!text)
                fail("cannot read %s", file);
        } else {
            fail("a restore case has saved or saved_file");
        }
        if (text)
            w = pathway_walk_restore(t, text, n, &clock, &err);
        free(text);
    } else {
        want_error = json_object_get(c, "start_error");
        const json_t *from = json_object_get(c, "from");
        if (from && !json_is_string(from))
            fail("from: expected a node id");
        else
            w = from ? pathway_walk_start_at(t, json_string_value(from), &clock, &err)
                     : pathway_walk_start(t, &clock, &err);
    }
    bool ok = !why[0];
    if (ok && want_error) {
        ok = same_error(want_error, w ? PATHWAY_OK : err.code, &err,
                        restore ? "restore" : "start");
        if (ok && (json_object_get(c, "moves") ||
                   (restore && json_object_size(expect) != 1)))
            ok = fail("a case that expects an error has no moves and expects nothing else");
    } else if (ok && !w) {
        ok = fail("%s: %s: %s", restore ? "restore" : "start", pathway_code_name(err.code),
                  err.message);
    } else if (ok) {
        ok = make_moves(w, json_object_get(c, "moves")) &&
             (!expect || check_walk(w, expect));
        if (ok && !expect)
            ok = fail("a walk case has expect");
    }
    pathway_walk_free(w);
    pathway_table_free(t);
    return ok;
}

static bool run_case(const json_t *c, int *skipped)
{
    const char *kind = json_string_value(json_object_get(c, "kind"));
    const json_t *req = json_object_get(c, "requires");
    if (req) {
        static const char *const keys[] = {"table_format", NULL};
        if (!known_keys(req, "requires", keys))
            return false;
        if (json_integer_value(json_object_get(req, "table_format")) >
            PATHWAY_TABLE_FORMAT_VERSION) {
            ++*skipped;
            return true;
        }
    }
    if (!kind)
        return fail("no kind");
    if (strcmp(kind, "table") == 0)
        return table_case(c);
    if (strcmp(kind, "walk") == 0)
        return walk_case(c, false);
    if (strcmp(kind, "restore") == 0)
        return walk_case(c, true);
    return fail("unknown kind '%s'", kind);
}

static int run_all(void)
{
    char pattern[4096];
    snprintf(pattern, sizeof pattern, "%s/cases/*.json", dir);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0) {
        fprintf(stderr, "run: no case files match %s\n", pattern);
        return 2;
    }
    int passed = 0, failed = 0, skipped = 0;
    json_t *names = json_object();
    for (size_t f = 0; f < g.gl_pathc; f++) {
        json_error_t je;
        json_t *file = json_load_file(g.gl_pathv[f], JSON_REJECT_DUPLICATES, &je);
        json_t *cases = json_object_get(file, "cases");
        if (!json_is_array(cases) || json_object_size(file) != 1) {
            printf("FAIL %s: not {\"cases\": [...]}: %s\n", g.gl_pathv[f],
                   file ? "" : je.text);
            failed++;
            json_decref(file);
            continue;
        }
        for (size_t i = 0; i < json_array_size(cases); i++) {
            const json_t *c = json_array_get(cases, i);
            const char *name = json_string_value(json_object_get(c, "name"));
            why[0] = '\0';
            bool ok;
            if (!json_is_object(c) || !name)
                ok = fail("a case is an object with a name");
            else if (json_object_get(names, name))
                ok = fail("a second case of that name");
            else
                ok = run_case(c, &skipped) && !why[0];
            if (name)
                json_object_set_new(names, name, json_true());
            if (ok) {
                passed++;
            } else {
                failed++;
                printf("FAIL %s [%s]: %s\n", g.gl_pathv[f] + strlen(dir) + 1,
                       name ? name : "?", why);
            }
        }
        json_decref(file);
    }
    json_decref(names);
    globfree(&g);
    if (skipped)
        printf("%d skipped (cases for table formats newer than %d)\n", skipped,
               PATHWAY_TABLE_FORMAT_VERSION);
    printf("%d passed, %d failed\n", passed - skipped, failed);
    return failed ? 1 : 0;
}

/* ---- --derive -------------------------------------------------------------------------- */

static json_t *reversed(const json_t *v)
{
    if (json_is_object(v)) {
        size_t n = json_object_size(v), i = 0;
        const char **keys = malloc((n + 1) * sizeof *keys);
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x) keys[i++] = k;
        json_t *o = json_object();
        while (i-- > 0)
            json_object_set_new(o, keys[i], reversed(json_object_get(v, keys[i])));
        free(keys);
        return o;
    }
    if (json_is_array(v)) {
        json_t *a = json_array();
        for (size_t i = 0; i < json_array_size(v); i++)
            json_array_append_new(a, reversed(json_array_get(v, i)));
        return a;
    }
    return json_deep_copy(v);
}

static int derive(const char *out, char **tables, int n)
{
    for (int i = 0; i < n; i++) {
        json_error_t je;
        json_t *t = json_load_file(tables[i], JSON_REJECT_DUPLICATES, &je);
        if (!t) {
            fprintf(stderr, "run --derive: %s: %s\n", tables[i], je.text);
            return 1;
        }
        const char *base = strrchr(tables[i], '/');
        base = base ? base + 1 : tables[i];
        char name[4096];
        int len = (int)(strlen(base) - (strlen(base) > 5 ? 5 : 0));
        json_t *r = reversed(t);
        struct {
            const char *suffix;
            json_t *v;
            size_t flags;
        } outs[] = {{"sorted", t, JSON_COMPACT | JSON_SORT_KEYS},
                    {"reversed", r, JSON_INDENT(3)},
                    {"compact", t, JSON_COMPACT}};
        for (size_t k = 0; k < sizeof outs / sizeof outs[0]; k++) {
            snprintf(name, sizeof name, "%s/%.*s.%s.json", out, len, base, outs[k].suffix);
            if (json_dump_file(outs[k].v, name, outs[k].flags) != 0) {
                fprintf(stderr, "run --derive: cannot write %s\n", name);
                json_decref(r);
                json_decref(t);
                return 1;
            }
        }
        json_decref(r);
        json_decref(t);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "--derive") == 0)
        return derive(argv[2], argv + 3, argc - 3);
    if (argc != 2) {
        fprintf(stderr, "usage: run CONFORMANCE_DIR | run --derive OUT TABLE...\n");
        return 2;
    }
    dir = argv[1];
    return run_all();
}
