/* Unit tests for the table (emit_table): fields and their order, the shapes
 * of timescales, consent, answers and bands, the content hash recomputed
 * by another JSON serialiser, byte-identical output, and every table
 * validated against docs/pathway-table-3.schema.json. Run from the repository root
 * (as make does): the schema test reads docs/ and pathways/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "emit/table.h"
#include "fixture.h"
#include "support/version.h"

#include <glob.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The Python that has python3-jsonschema (scripts/setup installs it); the
 * python3 on PATH may be another one. */
#define PYTHON "/usr/bin/python3"

/* Every field the format has, each at least once. */
static const char every_field[] =
    "role dsl \"Designated Safeguarding Lead\"\n"
    "role unused_role \"Never named\"\n"
    "contact night \"Night line\" { phone \"0800 000 000\" }\n"
    "contact team \"Team\" {\n"
    "  phone \"01234 567890\" email \"team@example.org\"\n"
    "  url \"https://example.org/team\" hours \"9-5\" out-of-hours night\n"
    "  verified 2025-01-31 note \"Ask for the duty worker\"\n"
    "}\n"
    "form referral \"Referral form\" {\n"
    "  version \"2025\" url \"https://example.org/form\" per-child note \"New\"\n"
    "}\n"
    "pathway p \"Every field\" {\n"
    "  owner \"Owner\" version \"1.2\" status approved\n"
    "  source \"Manual 1.2\" url \"https://example.org/manual\"\n"
    "  source \"Manual 2\"\n"
    "  review-by 2030-06-30 audience \"Everyone\" start ask note \"A note\"\n"
    "  stage first \"First\" {\n"
    "    question ask \"Worried?\" {\n"
    "      by dsl any-of { \"One\" \"Two\" } yes -> act no -> level\n"
    "    }\n"
    "  }\n"
    "  question level \"Level?\" {\n"
    "    low \"Low need\" -> score_it high -> act unsure -> watch\n"
    "  }\n"
    "  step act \"Act\" {\n"
    "    by dsl do \"First thing\" do \"Second thing\" record \"What was done\"\n"
    "    form referral contact team within 1 working-day target 4 hours\n"
    "    urgency urgent consent seek-unless-unsafe \"Seek unless unsafe\"\n"
    "    when \"If needed\" note \"Step note\" personal\n"
    "    also watch \"Alongside\" also other\n"
    "    source \"Manual 2\" url \"https://example.org/2\"\n"
    "    replaces old_act, older_act next watch\n"
    "  }\n"
    "  question score_it \"How many?\" {\n"
    "    score 0..10 band 0..4 -> watch band 5..10 -> act\n"
    "  }\n"
    "  outcome watch \"Watch\" { kind monitor review-after 1 week consent needed }\n"
    "}\n"
    "pathway other \"Other\" { outcome o \"O\" { kind advice } }\n";

/* Text that JSON must escape, and text it must not. */
static const char escapes[] =
    "pathway p \"Ctl \\u{1}\\u{1F}\\u{7F} slash / e\\u{301} \\u{2028} "
    "tab\\t nl\\n quote\\\" backslash\\\\ \\u{1F600}\" {\n"
    "  step a \"A\" { note \"\\\\u0041 is not an escape\" next b }\n"
    "  outcome b \"B\" { kind advice }\n"
    "}\n";

static const char minimal[] =
    "pathway p \"P\" {\n"
    "  step a \"A\" { next b }\n"
    "  outcome b \"B\" { kind advice }\n"
    "}\n";

/* ---- helpers ------------------------------------------------------------- */

/* The table of g, as text. Owned by the caller. */
static char *table_text(const pw_graph *g)
{
    char *buf = NULL, err[256] = "";
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    if (!pw_emit_table(g, f, err, sizeof err))
        fail_msg("pw_emit_table: %s", err);
    fclose(f);
    return buf;
}

/* The table of the first pathway of text. Owned by the caller. */
static char *table_of(const char *text)
{
    pw_fixture *fx = pw_fixture_resolve(text, NULL, NULL);
    char *t = table_text(pw_fixture_graph(fx));
    pw_fixture_free(fx);
    return t;
}

static json_t *parse(const char *text)
{
    json_error_t e;
    json_t *v = json_loads(text, 0, &e);
    if (!v)
        fail_msg("not JSON: %s at line %d", e.text, e.line);
    return v;
}

static json_t *parse_table(const char *pathway_text)
{
    char *t = table_of(pathway_text);
    json_t *v = parse(t);
    free(t);
    return v;
}

/* v written compactly, keys in order, equals want. */
static void assert_compact(const json_t *v, const char *want)
{
    assert_non_null(v);
    char *got = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_string_equal(got, want);
    free(got);
}

/* The keys of obj, in order, joined by commas, equal want. */
static void assert_keys(const json_t *obj, const char *want)
{
    char got[1024] = "";
    const char *key;
    json_t *value;
    assert_true(json_is_object(obj));
    json_object_foreach((json_t *)obj, key, value) {
        if (*got)
            strcat(got, ",");
        strcat(got, key);
    }
    assert_string_equal(got, want);
}

static const json_t *find_node(const json_t *table, const char *id)
{
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(table, "nodes"), i, n) {
        if (strcmp(json_string_value(json_object_get(n, "id")), id) == 0)
            return n;
    }
    fail_msg("no node '%s'", id);
    return NULL;
}

static const json_t *at(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        fail_msg("no key '%s'", key);
    return v;
}

/* ---- fields and order ---------------------------------------------------- */

static void test_top_level(void **state)
{
    (void)state;
    char *t = table_of(every_field);
    assert_memory_equal(t, "{\n  \"format\": \"pathway-table\",\n", 31);
    assert_string_equal(t + strlen(t) - 2, "}\n");
    json_t *v = parse(t);
    assert_keys(v, "format,format_version,compiler,content_hash,pathway,start,"
                   "stages,contacts,roles,forms,nodes");
    assert_string_equal(json_string_value(at(v, "format")), "pathway-table");
    assert_int_equal(json_integer_value(at(v, "format_version")), 3);
    assert_string_equal(json_string_value(at(v, "compiler")), "pathwayc " PW_VERSION);
    assert_string_equal(json_string_value(at(v, "start")), "ask");
    assert_compact(at(v, "pathway"),
                   "{\"id\":\"p\",\"title\":\"Every field\",\"owner\":\"Owner\","
                   "\"version\":\"1.2\",\"status\":\"approved\","
                   "\"source\":{\"text\":\"Manual 1.2\","
                   "\"url\":\"https://example.org/manual\"},"
                   "\"sources\":[{\"text\":\"Manual 1.2\","
                   "\"url\":\"https://example.org/manual\"},{\"text\":\"Manual 2\"}],"
                   "\"review_by\":\"2030-06-30\",\"audience\":\"Everyone\","
                   "\"note\":\"A note\"}");
    assert_compact(at(v, "stages"), "[{\"id\":\"first\",\"title\":\"First\"}]");
    json_decref(v);
    free(t);
}

static void test_contacts_roles_forms(void **state)
{
    (void)state;
    json_t *v = parse_table(every_field);
    /* night is only team's out-of-hours contact: listed after the used ones */
    assert_compact(at(v, "contacts"),
                   "[{\"id\":\"team\",\"title\":\"Team\",\"phone\":\"01234 567890\","
                   "\"email\":\"team@example.org\",\"url\":\"https://example.org/team\","
                   "\"hours\":\"9-5\",\"out_of_hours\":\"night\","
                   "\"verified\":\"2025-01-31\",\"note\":\"Ask for the duty worker\"},"
                   "{\"id\":\"night\",\"title\":\"Night line\","
                   "\"phone\":\"0800 000 000\"}]");
    assert_compact(at(v, "roles"),
                   "[{\"id\":\"dsl\",\"title\":\"Designated Safeguarding Lead\"}]");
    assert_compact(at(v, "forms"),
                   "[{\"id\":\"referral\",\"title\":\"Referral form\","
                   "\"version\":\"2025\",\"url\":\"https://example.org/form\","
                   "\"per_child\":true,\"note\":\"New\"}]");
    json_decref(v);
}

static void test_node_key_order(void **state)
{
    (void)state;
    json_t *v = parse_table(every_field);
    assert_keys(find_node(v, "act"),
                "id,kind,title,stage,by,do,record,forms,contacts,within,target,"
                "urgency,consent,when,note,personal,also,source,replaces,next");
    assert_keys(find_node(v, "ask"), "id,kind,title,stage,by,urgency,answers,criteria");
    assert_keys(find_node(v, "score_it"), "id,kind,title,stage,urgency,score,answers");
    assert_keys(find_node(v, "watch"),
                "id,kind,title,stage,review_after,urgency,consent,outcome");
    /* nodes in source order */
    assert_keys(find_node(v, "level"), "id,kind,title,stage,urgency,answers");
    assert_string_equal(json_string_value(at(json_array_get(at(v, "nodes"), 0), "id")),
                        "ask");
    assert_string_equal(json_string_value(at(json_array_get(at(v, "nodes"), 4), "id")),
                        "watch");
    json_decref(v);
}

static void test_step_fields(void **state)
{
    (void)state;
    json_t *v = parse_table(every_field);
    const json_t *act = find_node(v, "act");
    assert_compact(act,
                   "{\"id\":\"act\",\"kind\":\"step\",\"title\":\"Act\",\"stage\":null,"
                   "\"by\":\"dsl\",\"do\":[\"First thing\",\"Second thing\"],"
                   "\"record\":\"What was done\",\"forms\":[\"referral\"],"
                   "\"contacts\":[\"team\"],"
                   "\"within\":{\"value\":1,\"unit\":\"working-days\",\"kind\":\"max\"},"
                   "\"target\":{\"value\":4,\"unit\":\"hours\",\"kind\":\"target\"},"
                   "\"urgency\":\"urgent\","
                   "\"consent\":{\"rule\":\"seek-unless-unsafe\","
                   "\"text\":\"Seek unless unsafe\"},"
                   "\"when\":\"If needed\",\"note\":\"Step note\",\"personal\":true,"
                   "\"also\":[{\"node\":\"watch\",\"why\":\"Alongside\"},"
                   "{\"pathway\":\"other\"}],"
                   "\"source\":{\"text\":\"Manual 2\",\"url\":\"https://example.org/2\"},"
                   "\"replaces\":[\"old_act\",\"older_act\"],\"next\":\"watch\"}");
    assert_string_equal(json_string_value(at(find_node(v, "ask"), "stage")), "first");
    json_decref(v);
}

/* Absent fields are left out, not null; urgency defaults to routine. */
static void test_minimal_nodes_omit_absent_fields(void **state)
{
    (void)state;
    json_t *v = parse_table(minimal);
    assert_compact(find_node(v, "a"), "{\"id\":\"a\",\"kind\":\"step\",\"title\":\"A\","
                                      "\"stage\":null,\"urgency\":\"routine\","
                                      "\"next\":\"b\"}");
    assert_compact(find_node(v, "b"), "{\"id\":\"b\",\"kind\":\"outcome\",\"title\":\"B\","
                                      "\"stage\":null,\"urgency\":\"routine\","
                                      "\"outcome\":\"advice\"}");
    assert_compact(at(v, "pathway"), "{\"id\":\"p\",\"title\":\"P\"}");
    assert_compact(at(v, "stages"), "[]");
    assert_compact(at(v, "contacts"), "[]");
    assert_compact(at(v, "roles"), "[]");
    assert_compact(at(v, "forms"), "[]");
    assert_string_equal(json_string_value(at(v, "start")), "a");
    json_decref(v);
}

/* ---- shapes -------------------------------------------------------------- */

static void test_timescales_and_consent(void **state)
{
    (void)state;
    json_t *v = parse_table(every_field);
    const json_t *watch = find_node(v, "watch");
    /* plural unit even for 1 */
    assert_compact(at(watch, "review_after"),
                   "{\"value\":1,\"unit\":\"weeks\",\"kind\":\"review-after\"}");
    assert_compact(at(watch, "consent"), "{\"rule\":\"needed\"}");
    json_decref(v);
    v = parse_table("pathway p \"P\" {\n"
                    "  step a \"A\" { within 90 minutes target 2 days next b }\n"
                    "  step b \"B\" { within 3 months target 1 month next c }\n"
                    "  outcome c \"C\" { kind referral within 2 weeks "
                    "consent not-applicable }\n"
                    "}\n");
    assert_compact(at(find_node(v, "a"), "within"),
                   "{\"value\":90,\"unit\":\"minutes\",\"kind\":\"max\"}");
    assert_compact(at(find_node(v, "a"), "target"),
                   "{\"value\":2,\"unit\":\"days\",\"kind\":\"target\"}");
    assert_compact(at(find_node(v, "b"), "within"),
                   "{\"value\":3,\"unit\":\"months\",\"kind\":\"max\"}");
    assert_compact(at(find_node(v, "b"), "target"),
                   "{\"value\":1,\"unit\":\"months\",\"kind\":\"target\"}");
    assert_compact(at(find_node(v, "c"), "within"),
                   "{\"value\":2,\"unit\":\"weeks\",\"kind\":\"max\"}");
    assert_compact(at(find_node(v, "c"), "consent"), "{\"rule\":\"not-applicable\"}");
    json_decref(v);
}

static void test_answers_bands_criteria(void **state)
{
    (void)state;
    json_t *v = parse_table(every_field);
    const json_t *ask = find_node(v, "ask");
    assert_compact(at(ask, "answers"),
                   "[{\"id\":\"yes\",\"label\":\"Yes\",\"next\":\"act\"},"
                   "{\"id\":\"no\",\"label\":\"No\",\"next\":\"level\"}]");
    assert_compact(at(ask, "criteria"),
                   "{\"mode\":\"any-of\",\"items\":[{\"id\":\"1\",\"text\":\"One\"},"
                   "{\"id\":\"2\",\"text\":\"Two\"}]}");
    assert_compact(at(find_node(v, "level"), "answers"),
                   "[{\"id\":\"low\",\"label\":\"Low need\",\"next\":\"score_it\"},"
                   "{\"id\":\"high\",\"label\":\"high\",\"next\":\"act\"},"
                   "{\"id\":\"unsure\",\"label\":\"unsure\",\"next\":\"watch\"}]");
    const json_t *s = find_node(v, "score_it");
    assert_compact(at(s, "score"), "{\"min\":0,\"max\":10}");
    assert_compact(at(s, "answers"),
                   "[{\"band\":{\"min\":0,\"max\":4},\"next\":\"watch\"},"
                   "{\"band\":{\"min\":5,\"max\":10},\"next\":\"act\"}]");
    json_decref(v);
    v = parse_table("pathway p \"P\" {\n"
                    "  question q \"Q\" { all-of { \"A\" any-of { \"B\" \"C\" } \"A\" } "
                    "yes \"Yes, all\" -> o no -> o }\n"
                    "  outcome o \"O\" { kind advice }\n"
                    "}\n");
    /* ids by place: a nested list's texts are numbered under it; the same
     * text twice keeps two ids */
    assert_compact(at(find_node(v, "q"), "criteria"),
                   "{\"mode\":\"all-of\",\"items\":[{\"id\":\"1\",\"text\":\"A\"},"
                   "{\"id\":\"2\",\"mode\":\"any-of\",\"items\":["
                   "{\"id\":\"2.1\",\"text\":\"B\"},{\"id\":\"2.2\",\"text\":\"C\"}]},"
                   "{\"id\":\"3\",\"text\":\"A\"}]}");
    assert_compact(json_array_get(at(find_node(v, "q"), "answers"), 0),
                   "{\"id\":\"yes\",\"label\":\"Yes, all\",\"next\":\"o\"}");
    json_decref(v);
}

/* A together: its steps in order, each step saying which together it is
 * in and having no next of its own; an emergency outcome that goes on. */
static void test_together_and_outcome_next(void **state)
{
    (void)state;
    json_t *v = parse_table("contact police \"Police\" { phone \"999\" }\n"
                            "pathway p \"P\" {\n"
                            "  question q \"Q\" { yes -> call no -> both }\n"
                            "  outcome call \"Call 999\" { kind emergency contact police "
                            "next both }\n"
                            "  together both \"Both\" {\n"
                            "    record \"R\"\n"
                            "    step a \"A\" { }\n"
                            "    step b \"B\" { }\n"
                            "    next done\n"
                            "  }\n"
                            "  outcome done \"Done\" { kind advice }\n"
                            "}\n");
    const json_t *t = find_node(v, "both");
    assert_string_equal(json_string_value(at(t, "kind")), "together");
    assert_compact(at(t, "steps"), "[\"a\",\"b\"]");
    assert_string_equal(json_string_value(at(t, "next")), "done");
    assert_keys(find_node(v, "a"), "id,kind,title,stage,urgency,in");
    assert_string_equal(json_string_value(at(find_node(v, "b"), "in")), "both");
    assert_string_equal(json_string_value(at(find_node(v, "call"), "next")), "both");
    assert_null(json_object_get(find_node(v, "done"), "next"));
    /* nodes in source order: the steps right after their together */
    const json_t *nodes = at(v, "nodes");
    assert_string_equal(json_string_value(at(json_array_get(nodes, 3), "id")), "a");
    json_decref(v);
}

/* ---- hash and determinism ------------------------------------------------ */

static void test_hash_form_and_sensitivity(void **state)
{
    (void)state;
    json_t *a = parse_table(minimal);
    const char *h = json_string_value(at(a, "content_hash"));
    assert_int_equal(strlen(h), 7 + 64);
    assert_memory_equal(h, "sha256:", 7);
    assert_int_equal(strspn(h + 7, "0123456789abcdef"), 64);
    /* one character of one title changes it */
    char changed[sizeof minimal];
    memcpy(changed, minimal, sizeof minimal);
    strstr(changed, "\"A\"")[1] = 'Z';
    json_t *b = parse_table(changed);
    assert_string_not_equal(h, json_string_value(at(b, "content_hash")));
    json_decref(a);
    json_decref(b);
}

static void test_identical_bytes(void **state)
{
    (void)state;
    pw_fixture *fx = pw_fixture_resolve(every_field, NULL, NULL);
    const pw_graph *g = pw_fixture_graph(fx);
    char *one = table_text(g), *two = table_text(g);
    assert_string_equal(one, two); /* the same graph twice */
    char *three = table_of(every_field);
    assert_string_equal(one, three); /* the same text resolved again */
    free(one);
    free(two);
    free(three);
    pw_fixture_free(fx);
}

/* ---- what is refused ----------------------------------------------------- */

static void test_refuses_unresolved_links(void **state)
{
    (void)state;
    pw_gnode n = {.kind = PW_STEP, .id = "a", .title = "A", .stage = -1, .parent = PW_NO_NODE,
                  .next = PW_NO_NODE};
    pw_graph g = {.id = "p", .title = "P", .nodes = &n, .nnodes = 1, .start = 0};
    char *buf = NULL, err[128] = "";
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_false(pw_emit_table(&g, f, err, sizeof err));
    assert_string_equal(err, "step 'a' has a link that did not resolve");
    g.incomplete = true;
    assert_false(pw_emit_table(&g, f, err, sizeof err));
    assert_string_equal(err, "pathway 'p' has links that did not resolve");
    g.incomplete = false;
    g.start = PW_NO_NODE;
    assert_false(pw_emit_table(&g, f, err, 0)); /* no room: still fine */
    fclose(f);
    assert_int_equal(len, 0); /* nothing written */
    free(buf);
}

/* ---- the schema, and the hash recomputed by Python ------------------------ */

/* Validates every table named against the schema (strict draft 2020-12,
 * the schema itself checked first) and recomputes each content hash by
 * format 3's rule (RFC 8785: keys sorted by UTF-16 code units, compact;
 * docs/table-format.md has the recipe every language can follow, which
 * tests/hash runs). Exit status: bit 1 a table does not match the schema,
 * bit 2 a hash does not match. */
static const char validate_py[] =
    "import hashlib, json, sys\n"
    "def canon(v):\n"
    "    if isinstance(v, dict):\n"
    "        keys = sorted(v, key=lambda k: k.encode('utf-16-be'))\n"
    "        return '{' + ','.join(json.dumps(k, ensure_ascii=False) + ':' + canon(v[k])\n"
    "                               for k in keys) + '}'\n"
    "    if isinstance(v, list):\n"
    "        return '[' + ','.join(canon(x) for x in v) + ']'\n"
    "    return json.dumps(v, ensure_ascii=False)\n"
    "from jsonschema import Draft202012Validator\n"
    "schema = json.load(open(sys.argv[1], encoding='utf-8'))\n"
    "Draft202012Validator.check_schema(schema)\n"
    "v = Draft202012Validator(schema)\n"
    "bad = 0\n"
    "for path in sys.argv[2:]:\n"
    "    table = json.load(open(path, encoding='utf-8'))\n"
    "    for e in v.iter_errors(table):\n"
    "        bad |= 1\n"
    "        print(path, list(e.absolute_path), e.message)\n"
    "    claimed = table.pop('content_hash')\n"
    "    table.pop('compiler')\n"
    "    text = canon(table)\n"
    "    if claimed != 'sha256:' + hashlib.sha256(text.encode('utf-8')).hexdigest():\n"
    "        bad |= 2\n"
    "        print(path, 'content_hash does not match')\n"
    "sys.exit(bad)\n";

typedef struct tables {
    char dir[64];
    char cmd[8192];
    int n;
} tables;

static void write_text(tables *t, const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", t->dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void add_table(tables *t, const char *text)
{
    char name[32];
    snprintf(name, sizeof name, "t%d.json", t->n++);
    write_text(t, name, text);
    size_t used = strlen(t->cmd);
    snprintf(t->cmd + used, sizeof t->cmd - used, " %s/%s", t->dir, name);
}

/* The tables of every pathway of a file, read as the compiler would. */
static void add_file(tables *t, const char *path)
{
    pw_diag *d = pw_diag_new();
    pw_program_options o = {NULL, 0, 1 << 20, 8, NULL, NULL};
    pw_program *p = pw_program_new(d, &o);
    assert_true(pw_program_add(p, path));
    pw_program_resolve(p);
    if (pw_diag_error_count(d))
        fail_msg("%s has errors", path);
    for (size_t i = 0; i < pw_program_graph_count(p); i++) {
        char *text = table_text(pw_program_graph(p, i));
        add_table(t, text);
        free(text);
    }
    pw_program_free(p);
    pw_diag_free(d);
}

/* A file whose first line gives command-line arguments (`# args: -I ...`)
 * needs them to resolve; those are left out here. */
static bool needs_args(const char *path)
{
    char line[64] = "";
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    bool has = fgets(line, sizeof line, f) && strncmp(line, "# args:", 7) == 0;
    fclose(f);
    return has;
}

static int run_validator(tables *t)
{
    int status = system(t->cmd);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void remove_tables(tables *t)
{
    char path[128];
    for (int i = 0; i < t->n; i++) {
        snprintf(path, sizeof path, "%s/t%d.json", t->dir, i);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/validate.py", t->dir);
    unlink(path);
    rmdir(t->dir);
}

static void test_schema_and_hash(void **state)
{
    (void)state;
    tables t = {.dir = "/tmp/pw-table-XXXXXX"};
    assert_non_null(mkdtemp(t.dir));
    write_text(&t, "validate.py", validate_py);
    snprintf(t.cmd, sizeof t.cmd, PYTHON " %s/validate.py docs/pathway-table-3.schema.json",
             t.dir);
    add_file(&t, "pathways/prevent.pathway");
    glob_t found;
    assert_int_equal(glob("tests/warnings/*.pathway", 0, NULL, &found), 0);
    for (size_t i = 0; i < found.gl_pathc; i++)
        if (!needs_args(found.gl_pathv[i]))
            add_file(&t, found.gl_pathv[i]);
    globfree(&found);
    const char *texts[] = {every_field, escapes, minimal};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char *text = table_of(texts[i]);
        add_table(&t, text);
        free(text);
    }
    assert_true(t.n > 20);
    assert_int_equal(run_validator(&t), 0);
    remove_tables(&t);
}

/* The validator does fail: on a table with a field the format lacks (its
 * hash no longer matches either), and on one whose hash no longer matches
 * its content. */
static void test_schema_is_strict(void **state)
{
    (void)state;
    tables t = {.dir = "/tmp/pw-table-XXXXXX"};
    assert_non_null(mkdtemp(t.dir));
    write_text(&t, "validate.py", validate_py);
    char *text = table_of(minimal);
    snprintf(t.cmd, sizeof t.cmd, PYTHON " %s/validate.py docs/pathway-table-3.schema.json",
             t.dir);
    add_table(&t, text);
    assert_int_equal(run_validator(&t), 0);

    char *extra = malloc(strlen(text) + 32);
    sprintf(extra, "{\n  \"extra\": 1,%s", text + 1);
    snprintf(t.cmd, sizeof t.cmd, PYTHON " %s/validate.py docs/pathway-table-3.schema.json",
             t.dir);
    add_table(&t, extra);
    assert_int_equal(run_validator(&t), 1 | 2);

    strstr(text, "\"title\": \"A\"")[10] = 'Z';
    snprintf(t.cmd, sizeof t.cmd, PYTHON " %s/validate.py docs/pathway-table-3.schema.json",
             t.dir);
    add_table(&t, text);
    assert_int_equal(run_validator(&t), 2);
    free(extra);
    free(text);
    remove_tables(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_top_level),
        cmocka_unit_test(test_contacts_roles_forms),
        cmocka_unit_test(test_node_key_order),
        cmocka_unit_test(test_step_fields),
        cmocka_unit_test(test_minimal_nodes_omit_absent_fields),
        cmocka_unit_test(test_timescales_and_consent),
        cmocka_unit_test(test_answers_bands_criteria),
        cmocka_unit_test(test_together_and_outcome_next),
        cmocka_unit_test(test_hash_form_and_sensitivity),
        cmocka_unit_test(test_identical_bytes),
        cmocka_unit_test(test_refuses_unresolved_links),
        cmocka_unit_test(test_schema_and_hash),
        cmocka_unit_test(test_schema_is_strict),
    };
    return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
