/* table — loading a table (the top level, the pathway's metadata, stages,
 * roles, forms and contacts; nodes are in nodes.c), checking its content
 * hash, and reading it. */
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the pathway's metadata --------------------------------------------- */

/* emergency_route (format 2): {"value": "none", "text": ...}, the only
 * value there is, and why. */
static void load_emergency_route(pwrt_loader *ld, const pwrt_jv *p, pathway_info *in)
{
    static const char *const values[] = {NULL, "none"};
    const pwrt_jv *v = pwrt_get(ld, p, "pathway", "emergency_route", PWRT_JOBJECT, false);
    if (!v)
        return;
    const char *at = "pathway.emergency_route";
    in->no_emergency_route = pwrt_enum(ld, v, at, "value", values, 2, true) == 1;
    in->emergency_route_text = pwrt_text(ld, v, at, "text", false);
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* "sources" (format 2, since library 1.2): every document the pathway is
 * written from; "source" must be the first of them. */
static void load_sources(pwrt_loader *ld, const pwrt_jv *p, pathway_info *in)
{
    const pwrt_jv *a = pwrt_get(ld, p, "pathway", "sources", PWRT_JARRAY, false);
    if (!a)
        return;
    size_t count = pwrt_jarray_size(a);
    if (count == 0) {
        pwrt_ld_fail(ld, ld->malformed, "pathway.sources", "an empty list (the key is left "
                     "out when there is nothing to list)");
        return;
    }
    pathway_source *items = pwrt_arena_array(&ld->t->arena, count, sizeof *items);
    if (!items) {
        pwrt_ld_nomem(ld);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        pwrt_path at = pwrt_item("pathway.sources", i);
        const pwrt_jv *v = pwrt_jarray_get(a, i);
        if (!pwrt_jv_is(v, PWRT_JOBJECT)) {
            pwrt_ld_fail(ld, ld->malformed, at.s, "expected an object, found %s",
                         pwrt_type_name(v));
            return;
        }
        items[i].text = pwrt_text(ld, v, at.s, "text", true);
        items[i].url = pwrt_url(ld, v, at.s, "url");
    }
    if (!same_text(in->source.text, items[0].text) || !same_text(in->source.url, items[0].url)) {
        pwrt_ld_fail(ld, ld->malformed, "pathway.source", "differs from pathway.sources[0], "
                     "which it must repeat");
        return;
    }
    in->sources = items;
    in->nsources = count;
}

static void load_info(pwrt_loader *ld, const pwrt_jv *root)
{
    pathway_info *in = &ld->t->info;
    in->compiler = pwrt_text(ld, root, "", "compiler", true);
    in->content_hash = pwrt_text(ld, root, "", "content_hash", true);
    if (in->content_hash) {
        const char *h = in->content_hash;
        bool ok = strlen(h) == 71 && strncmp(h, "sha256:", 7) == 0 &&
                  strspn(h + 7, "0123456789abcdef") == 64;
        if (!ok)
            pwrt_ld_fail(ld, ld->malformed, "content_hash",
                         "'%s' is not \"sha256:\" and 64 lower-case hex digits",
                         pwrt_show(h).s);
    }
    const pwrt_jv *p = pwrt_get(ld, root, "", "pathway", PWRT_JOBJECT, true);
    if (!p)
        return;
    in->id = pwrt_id(ld, p, "pathway", "id", true);
    in->title = pwrt_text(ld, p, "pathway", "title", true);
    in->owner = pwrt_text(ld, p, "pathway", "owner", false);
    in->version = pwrt_text(ld, p, "pathway", "version", false);
    in->status = (pathway_status)pwrt_enum(ld, p, "pathway", "status", pwrt_status_names,
                                           4, false);
    in->approved_by = pwrt_text(ld, p, "pathway", "approved_by", false);
    in->approved_on = pwrt_date(ld, p, "pathway", "approved_on");
    in->source = pwrt_source(ld, p, "pathway");
    in->review_by = pwrt_date(ld, p, "pathway", "review_by");
    bool v2 = pwrt_format_2(ld); /* format 2's keys, in the table's order */
    if (v2) {
        in->area = pwrt_text(ld, p, "pathway", "area", false);
        in->topic = pwrt_text(ld, p, "pathway", "topic", false);
        in->summary = pwrt_text(ld, p, "pathway", "summary", false);
    }
    in->audience = pwrt_text(ld, p, "pathway", "audience", false);
    if (v2)
        load_emergency_route(ld, p, in);
    in->note = pwrt_text(ld, p, "pathway", "note", false);
    in->tbc = pwrt_tbc(ld, p, "pathway", &in->ntbc);
    if (v2)
        load_sources(ld, p, in);
}

/* ---- stages, roles, forms, contacts ----------------------------------- */

/* Adds the id at path `at` to map; a problem when it is there already
 * (`list` names the list the earlier one is in, `index` its place). */
static void add_id(pwrt_loader *ld, pwrt_idmap *map, const char *id, const void *thing,
                   const char *at, const char *list, size_t (*index_of)(const void *))
{
    if (!id)
        return;
    const void *old = pwrt_idmap_add(map, id, thing);
    if (old)
        pwrt_ld_fail(ld, ld->malformed, at, "the id '%s' is already used by %s[%zu]",
                     pwrt_show(id).s, list, index_of(old));
}

static size_t stage_index(const void *p) { return ((const pathway_stage *)p)->index; }
static size_t role_index(const void *p) { return ((const pathway_role *)p)->index; }
static size_t form_index(const void *p) { return ((const pathway_form *)p)->index; }
static size_t contact_index(const void *p) { return ((const pathway_contact *)p)->index; }

/* The i-th item of a list, which must be an object. */
static const pwrt_jv *item(pwrt_loader *ld, const pwrt_jv *list, const char *name, size_t i,
                    pwrt_path *at)
{
    *at = pwrt_item(name, i);
    const pwrt_jv *v = pwrt_jarray_get(list, i);
    if (!pwrt_jv_is(v, PWRT_JOBJECT)) {
        pwrt_ld_fail(ld, ld->malformed, at->s, "expected an object, found %s",
                     pwrt_type_name(v));
        return NULL;
    }
    return v;
}

static void load_stages(pwrt_loader *ld, const pwrt_jv *list)
{
    pathway_table *t = ld->t;
    for (size_t i = 0; i < t->nstages; i++) {
        pwrt_path at;
        const pwrt_jv *v = item(ld, list, "stages", i, &at);
        pathway_stage *s = &t->stages[i];
        s->index = i;
        s->id = pwrt_id(ld, v, at.s, "id", true);
        s->title = pwrt_text(ld, v, at.s, "title", true);
        s->tbc = pwrt_tbc(ld, v, at.s, &s->ntbc);
        add_id(ld, &t->stage_ids, s->id, s, pwrt_key(at.s, "id").s, "stages", stage_index);
    }
}

static void load_roles(pwrt_loader *ld, const pwrt_jv *list)
{
    pathway_table *t = ld->t;
    for (size_t i = 0; i < t->nroles; i++) {
        pwrt_path at;
        const pwrt_jv *v = item(ld, list, "roles", i, &at);
        pathway_role *r = &t->roles[i];
        r->index = i;
        r->id = pwrt_id(ld, v, at.s, "id", true);
        r->title = pwrt_text(ld, v, at.s, "title", true);
        add_id(ld, &t->role_ids, r->id, r, pwrt_key(at.s, "id").s, "roles", role_index);
    }
}

static void load_forms(pwrt_loader *ld, const pwrt_jv *list)
{
    pathway_table *t = ld->t;
    for (size_t i = 0; i < t->nforms; i++) {
        pwrt_path at;
        const pwrt_jv *v = item(ld, list, "forms", i, &at);
        pathway_form *f = &t->forms[i];
        f->index = i;
        f->id = pwrt_id(ld, v, at.s, "id", true);
        f->title = pwrt_text(ld, v, at.s, "title", true);
        f->version = pwrt_text(ld, v, at.s, "version", false);
        f->url = pwrt_url(ld, v, at.s, "url");
        f->per_child = pwrt_get(ld, v, at.s, "per_child", PWRT_JTRUE, false) != NULL;
        f->note = pwrt_text(ld, v, at.s, "note", false);
        f->tbc = pwrt_tbc(ld, v, at.s, &f->ntbc);
        add_id(ld, &t->form_ids, f->id, f, pwrt_key(at.s, "id").s, "forms", form_index);
    }
}

static void load_contacts(pwrt_loader *ld, const pwrt_jv *list)
{
    pathway_table *t = ld->t;
    for (size_t i = 0; i < t->ncontacts; i++) {
        pwrt_path at;
        const pwrt_jv *v = item(ld, list, "contacts", i, &at);
        pathway_contact *c = &t->contacts[i];
        c->index = i;
        c->id = pwrt_id(ld, v, at.s, "id", true);
        c->title = pwrt_text(ld, v, at.s, "title", true);
        c->phone = pwrt_text(ld, v, at.s, "phone", false);
        c->email = pwrt_email(ld, v, at.s, "email");
        c->url = pwrt_url(ld, v, at.s, "url");
        c->hours = pwrt_text(ld, v, at.s, "hours", false);
        pwrt_id(ld, v, at.s, "out_of_hours", false); /* linked once all are in */
        c->verified = pwrt_date(ld, v, at.s, "verified");
        c->note = pwrt_text(ld, v, at.s, "note", false);
        c->tbc = pwrt_tbc(ld, v, at.s, &c->ntbc);
        add_id(ld, &t->contact_ids, c->id, c, pwrt_key(at.s, "id").s, "contacts",
               contact_index);
    }
}

static void link_contacts(pwrt_loader *ld, const pwrt_jv *list)
{
    pathway_table *t = ld->t;
    for (size_t i = 0; i < t->ncontacts; i++) {
        const pwrt_jv *v = pwrt_jv_get(pwrt_jarray_get(list, i), "out_of_hours");
        if (!v)
            continue;
        const char *id = pwrt_jstring(v);
        t->contacts[i].out_of_hours = pwrt_idmap_get(&t->contact_ids, id);
        if (!t->contacts[i].out_of_hours)
            pwrt_ld_fail(ld, ld->malformed,
                         pwrt_key(pwrt_item("contacts", i).s, "out_of_hours").s,
                         "no contact has the id '%s'", pwrt_show(id).s);
    }
}

/* ---- the top level ----------------------------------------------------- */

/* The whole numbers every JSON reader keeps exactly (a double's integers):
 * format 3 holds no others, so that its hash (RFC 8785, which writes
 * numbers as JavaScript does) is the same in every language. */
#define SAFE_INTEGER 9007199254740991LL

/* seg put before path ("nodes[3]" and "next": "nodes[3].next"; "[1]" and
 * ".y" ...): the path of the place where a number was found, built on the
 * way back up. A path too long for size ends in "...". */
static void prepend(char *path, size_t size, const char *seg)
{
    char old[PATHWAY_WHERE_SIZE];
    snprintf(old, sizeof old, "%s", path);
    bool dot = old[0] && old[0] != '[';
    int n = snprintf(path, size, "%s%s%s", seg, dot ? "." : "", old);
    if (n < 0 || (size_t)n >= size)
        memcpy(path + size - 4, "...", 4);
}

/* The first number in v that format 3 does not take, or NULL; where it is
 * goes into path (relative to v). Recursion is as deep as the text's
 * nesting, which the parser limits. */
static const pwrt_jv *bad_number(const pwrt_jv *v, char *path, size_t size)
{
    switch (pwrt_jtypeof(v)) {
    case PWRT_JREAL:
        return v;
    case PWRT_JINTEGER:
        return v->u.i < -SAFE_INTEGER || v->u.i > SAFE_INTEGER ? v : NULL;
    case PWRT_JARRAY:
        for (uint32_t i = 0; i < v->n; i++) {
            const pwrt_jv *bad = bad_number(&v->u.items[i], path, size);
            if (bad) {
                prepend(path, size, pwrt_item("", i).s);
                return bad;
            }
        }
        return NULL;
    case PWRT_JOBJECT:
        for (uint32_t i = 0; i < v->n; i++) {
            const pwrt_jv *bad = bad_number(&v->u.members[i].value, path, size);
            if (bad) {
                prepend(path, size, v->u.members[i].key);
                return bad;
            }
        }
        return NULL;
    default:
        return NULL;
    }
}

/* Format 3 holds whole numbers only, each within SAFE_INTEGER. */
static void check_numbers(pwrt_loader *ld, const pwrt_jv *root)
{
    char path[PATHWAY_WHERE_SIZE] = "";
    const pwrt_jv *bad = bad_number(root, path, sizeof path);
    if (!bad)
        return;
    if (bad->type == PWRT_JREAL)
        pwrt_ld_fail(ld, ld->malformed, path, "%s is not a whole number (a table of "
                     "format_version 3 holds whole numbers only, written without '.' or "
                     "'e')", pwrt_show(bad->u.s).s);
    else
        pwrt_ld_fail(ld, ld->malformed, path, "%lld is beyond the whole numbers every "
                     "JSON reader keeps exactly (-%lld to %lld)", bad->u.i, SAFE_INTEGER,
                     SAFE_INTEGER);
}

/* format and format_version, first: a table of another format, or of a
 * newer version, may differ in anything else. */
static bool check_format(pwrt_loader *ld, const pwrt_jv *root)
{
    const pwrt_jv *f = pwrt_jv_get(root, "format");
    if (!f)
        return pwrt_ld_fail(ld, PATHWAY_E_FORMAT, "format",
                            "missing (not a pathway table)");
    if (!pwrt_jv_is(f, PWRT_JSTRING))
        return pwrt_ld_fail(ld, PATHWAY_E_FORMAT, "format",
                            "expected \"pathway-table\", found %s", pwrt_type_name(f));
    if (strcmp(pwrt_jstring(f), "pathway-table") != 0)
        return pwrt_ld_fail(ld, PATHWAY_E_FORMAT, "format",
                            "expected \"pathway-table\", found '%s'",
                            pwrt_show(pwrt_jstring(f)).s);
    const pwrt_jv *v = pwrt_jv_get(root, "format_version");
    if (!v)
        return pwrt_ld_fail(ld, PATHWAY_E_FORMAT, "format_version", "missing");
    if (!pwrt_jv_is(v, PWRT_JINTEGER))
        return pwrt_ld_fail(ld, PATHWAY_E_FORMAT, "format_version",
                            "expected an integer, found %s", pwrt_type_name(v));
    long long n = pwrt_jinteger(v);
    if (n > PATHWAY_TABLE_FORMAT_VERSION)
        return pwrt_ld_fail(ld, PATHWAY_E_FORMAT, "format_version",
                            "%lld is newer than this library reads (%d)", (long long)n,
                            PATHWAY_TABLE_FORMAT_VERSION);
    if (n < 1)
        return pwrt_ld_fail(ld, PATHWAY_E_FORMAT, "format_version",
                            "%lld is not a format version", (long long)n);
    ld->t->info.format_version = (int)n;
    return true;
}

/* The lists' sizes, and room for them and their id maps. */
static bool make_room(pwrt_loader *ld, const pwrt_jv *const lists[5])
{
    pathway_table *t = ld->t;
    pwrt_arena *a = &t->arena;
    t->nstages = pwrt_jarray_size(lists[0]);
    t->ncontacts = pwrt_jarray_size(lists[1]);
    t->nroles = pwrt_jarray_size(lists[2]);
    t->nforms = pwrt_jarray_size(lists[3]);
    t->nnodes = pwrt_jarray_size(lists[4]);
    t->stages = pwrt_arena_array(a, t->nstages, sizeof *t->stages);
    t->contacts = pwrt_arena_array(a, t->ncontacts, sizeof *t->contacts);
    t->roles = pwrt_arena_array(a, t->nroles, sizeof *t->roles);
    t->forms = pwrt_arena_array(a, t->nforms, sizeof *t->forms);
    t->nodes = pwrt_arena_array(a, t->nnodes, sizeof *t->nodes);
    bool ok = t->stages && t->contacts && t->roles && t->forms && t->nodes &&
              pwrt_idmap_init(&t->stage_ids, t->nstages) &&
              pwrt_idmap_init(&t->contact_ids, t->ncontacts) &&
              pwrt_idmap_init(&t->role_ids, t->nroles) &&
              pwrt_idmap_init(&t->form_ids, t->nforms) &&
              pwrt_idmap_init(&t->node_ids, t->nnodes);
    return ok ? true : pwrt_ld_nomem(ld);
}

static void link_start(pwrt_loader *ld, const pwrt_jv *root)
{
    const char *id = pwrt_jstring(pwrt_jv_get(root, "start"));
    ld->t->start = pwrt_idmap_get(&ld->t->node_ids, id);
    if (!ld->t->start)
        pwrt_ld_fail(ld, ld->malformed, "start", "no node has the id '%s'",
                     pwrt_show(id).s);
}

static void check_hash(pwrt_loader *ld, const pwrt_jv *root)
{
    char hash[PWRT_HASH_SIZE];
    if (!pwrt_content_hash(root, ld->t->info.format_version, hash)) {
        pwrt_ld_nomem(ld);
        return;
    }
    if (strcmp(hash, ld->t->info.content_hash) != 0)
        pwrt_ld_fail(ld, PATHWAY_E_HASH, "content_hash",
                     "does not match the table, whose content hashes to %s", hash);
}

static void load_root(pwrt_loader *ld, const pwrt_jv *root, unsigned flags)
{
    if (!check_format(ld, root))
        return;
    if (ld->t->info.format_version >= 3)
        check_numbers(ld, root);
    load_info(ld, root);
    pwrt_id(ld, root, "", "start", true);
    static const char *const names[5] = {"stages", "contacts", "roles", "forms", "nodes"};
    const pwrt_jv *lists[5];
    for (int i = 0; i < 5; i++)
        lists[i] = pwrt_get(ld, root, "", names[i], PWRT_JARRAY, true);
    if (ld->failed)
        return;
    if (pwrt_jarray_size(lists[4]) == 0) {
        pwrt_ld_fail(ld, ld->malformed, "nodes", "an empty list (a table has at "
                     "least one node)");
        return;
    }
    if (!make_room(ld, lists))
        return;
    load_stages(ld, lists[0]);
    load_roles(ld, lists[2]);
    load_forms(ld, lists[3]);
    load_contacts(ld, lists[1]);
    pwrt_load_nodes(ld, lists[4]);
    if (!ld->failed) {
        link_contacts(ld, lists[1]);
        link_start(ld, root);
        pwrt_link_nodes(ld);
    }
    pwrt_free_links(ld);
    if (!ld->failed && !(flags & PATHWAY_LOAD_NO_HASH_CHECK))
        check_hash(ld, root);
}

PATHWAY_API void pathway_table_free(pathway_table *t)
{
    if (!t)
        return;
    pwrt_idmap_free(&t->node_ids);
    pwrt_idmap_free(&t->stage_ids);
    pwrt_idmap_free(&t->contact_ids);
    pwrt_idmap_free(&t->role_ids);
    pwrt_idmap_free(&t->form_ids);
    pwrt_idmap_free(&t->replaced);
    pwrt_arena_free(&t->arena);
    free(t);
}

/* Parse failures other than the text's own mistakes. */
static void not_json(const pwrt_json_error *je, pathway_error *err)
{
    if (je->kind == PWRT_JSON_NOMEM)
        pwrt_fail(err, PATHWAY_E_NOMEM, "", "out of memory");
    else
        pwrt_fail(err, PATHWAY_E_JSON, "", "not JSON: line %zu, column %zu: %s", je->line,
                  je->column, je->text);
}

/* The table of a parse into t's arena (j is freed; t is freed on
 * failure), or NULL with err filled: what loading a buffer and loading a
 * file share once the text is parsed. */
static pathway_table *load_parsed(pathway_table *t, pwrt_json *j, unsigned flags,
                                  pathway_error *err)
{
    const pwrt_jv *root = pwrt_json_root(j);
    pwrt_loader ld = {.t = t, .text_in_table = true, .err = err,
                      .malformed = PATHWAY_E_TABLE};
    if (!pwrt_jv_is(root, PWRT_JOBJECT))
        pwrt_ld_fail(&ld, PATHWAY_E_FORMAT, "", "expected an object at the top, found %s "
                     "(not a pathway table)", pwrt_type_name(root));
    else
        load_root(&ld, root, flags);
    pwrt_json_free(j);
    if (ld.failed) {
        pathway_table_free(t);
        return NULL;
    }
    return t;
}

/* Text of more than PATHWAY_TABLE_MAX_BYTES: `size` bytes (0: more than
 * the limit, size not known), from file `path` (NULL: a buffer). */
static void too_large(size_t size, const char *path, pathway_error *err)
{
    unsigned mib = PATHWAY_TABLE_MAX_BYTES / (1024u * 1024u);
    if (!path)
        pwrt_fail(err, PATHWAY_E_TOO_LARGE, "", "the table is %zu bytes, more than the "
                  "%u MiB a table may be", size, mib);
    else if (size)
        pwrt_fail(err, PATHWAY_E_TOO_LARGE, "", "cannot read '%s': it is %zu bytes, more "
                  "than the %u MiB a table may be", pwrt_show(path).s, size, mib);
    else
        pwrt_fail(err, PATHWAY_E_TOO_LARGE, "", "cannot read '%s': it is more than the "
                  "%u MiB a table may be", pwrt_show(path).s, mib);
}

PATHWAY_API pathway_table *pathway_table_load_buffer(const void *data, size_t size,
                                                     unsigned flags, pathway_error *err)
{
    pwrt_init();
    pwrt_ok(err);
    if (!data && size) {
        pwrt_fail(err, PATHWAY_E_ARGUMENT, "", "no data to load");
        return NULL;
    }
    if (size > PATHWAY_TABLE_MAX_BYTES) {
        too_large(size, NULL, err);
        return NULL;
    }
    pathway_table *t = calloc(1, sizeof *t);
    if (!t) {
        pwrt_fail(err, PATHWAY_E_NOMEM, "", "out of memory");
        return NULL;
    }
    pwrt_json_error je;
    pwrt_json *j = pwrt_json_parse_buffer(data, size, &t->arena, &je);
    if (!j) {
        not_json(&je, err);
        pathway_table_free(t);
        return NULL;
    }
    return load_parsed(t, j, flags, err);
}

/* A file is parsed as it is read, 64 KB at a time, rather than read whole
 * first: the text of a 100,000-node table is 17-37 MB, and holding it
 * beside the tree cost memory and time (every new page is a page fault,
 * which costs about 13 us in a virtual machine). */
typedef struct file_reader {
    int fd;
    int error; /* errno of a failed read, else 0 */
    bool too_large; /* more than PATHWAY_TABLE_MAX_BYTES were read */
    size_t total; /* bytes read so far */
} file_reader;

/* pwrt_json_read: up to n bytes into buf; 0 at the end, -1 when reading
 * fails. */
static long read_some(void *arg, unsigned char *buf, size_t n)
{
    file_reader *r = arg;
    ssize_t got;
    do
        got = read(r->fd, buf, n);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        r->error = errno ? errno : EIO;
        return -1;
    }
    r->total += (size_t)got;
    if (r->total > PATHWAY_TABLE_MAX_BYTES) { /* a pipe or a device: no more */
        r->too_large = true;
        return -1;
    }
    return (long)got;
}

/* Reads on to the end of the file, only to find whether it can be read. */
static void read_rest(file_reader *r)
{
    unsigned char buf[4096];
    while (read_some(r, buf, sizeof buf) > 0)
        ;
}

static pathway_code cannot_read(const char *path, int e, pathway_error *err)
{
    char msg[128];
    if (strerror_r(e, msg, sizeof msg) != 0)
        snprintf(msg, sizeof msg, "error %d", e);
    return pwrt_fail(err, e == ENOMEM ? PATHWAY_E_NOMEM : PATHWAY_E_IO, "",
                     "cannot read '%s': %s", pwrt_show(path).s, msg);
}

PATHWAY_API pathway_table *pathway_table_load_file(const char *path, unsigned flags,
                                                   pathway_error *err)
{
    pwrt_init();
    pwrt_ok(err);
    if (!path) {
        pwrt_fail(err, PATHWAY_E_ARGUMENT, "", "no file name");
        return NULL;
    }
    file_reader r = {.fd = open(path, O_RDONLY | O_CLOEXEC)};
    if (r.fd < 0) {
        cannot_read(path, errno, err);
        return NULL;
    }
    /* A regular file too large is refused by its size, unread. */
    struct stat st;
    if (fstat(r.fd, &st) == 0 && S_ISREG(st.st_mode) &&
        (uintmax_t)st.st_size > PATHWAY_TABLE_MAX_BYTES) {
        too_large((uintmax_t)st.st_size > SIZE_MAX ? 0 : (size_t)st.st_size, path, err);
        close(r.fd);
        return NULL;
    }
    pathway_table *t = calloc(1, sizeof *t);
    if (!t) {
        close(r.fd);
        cannot_read(path, ENOMEM, err);
        return NULL;
    }
    pwrt_json_error je;
    pwrt_json *j = pwrt_json_parse(read_some, &r, &t->arena, &je);
    /* A file that cannot be read is that, not text that is not JSON: the
     * rest is read when the parse stopped early. */
    if (!j && je.kind == PWRT_JSON_BAD)
        read_rest(&r);
    close(r.fd);
    if (r.error || r.too_large || !j) {
        if (r.too_large)
            too_large(0, path, err);
        else if (r.error)
            cannot_read(path, r.error, err);
        else
            not_json(&je, err);
        pwrt_json_free(j);
        pathway_table_free(t);
        return NULL;
    }
    return load_parsed(t, j, flags, err);
}

/* ---- reading ------------------------------------------------------------ */

PATHWAY_API const pathway_info *pathway_table_info(const pathway_table *t)
{
    return t ? &t->info : NULL;
}

PATHWAY_API const pathway_node *pathway_table_start(const pathway_table *t)
{
    return t ? t->start : NULL;
}

#define LIST(name, type, array, count, map)                                              \
    PATHWAY_API size_t pathway_table_##name##_count(const pathway_table *t)              \
    {                                                                                    \
        return t ? t->count : 0;                                                         \
    }                                                                                    \
    PATHWAY_API const type *pathway_table_##name(const pathway_table *t, size_t i)       \
    {                                                                                    \
        return t && i < t->count ? &t->array[i] : NULL;                                  \
    }                                                                                    \
    PATHWAY_API const type *pathway_table_find_##name(const pathway_table *t,            \
                                                      const char *id)                    \
    {                                                                                    \
        return t ? pwrt_idmap_get(&t->map, id) : NULL;                                   \
    }

LIST(node, pathway_node, nodes, nnodes, node_ids)
LIST(stage, pathway_stage, stages, nstages, stage_ids)
LIST(contact, pathway_contact, contacts, ncontacts, contact_ids)
LIST(role, pathway_role, roles, nroles, role_ids)
LIST(form, pathway_form, forms, nforms, form_ids)

PATHWAY_API const pathway_node *pathway_table_find_replacement(const pathway_table *t,
                                                               const char *old_id)
{
    return t ? pwrt_idmap_get(&t->replaced, old_id) : NULL;
}

PATHWAY_API const pathway_answer *pathway_node_find_answer(const pathway_node *q,
                                                           const char *id)
{
    if (!q || !id || q->scored)
        return NULL;
    for (size_t i = 0; i < q->nanswers; i++)
        if (strcmp(q->answers[i].id, id) == 0)
            return &q->answers[i];
    return NULL;
}

PATHWAY_API const pathway_answer *pathway_node_find_band(const pathway_node *q, int score)
{
    if (!q || !q->scored)
        return NULL;
    for (size_t i = 0; i < q->nanswers; i++)
        if (q->answers[i].band_min <= score && score <= q->answers[i].band_max)
            return &q->answers[i];
    return NULL;
}

/* ---- names ---------------------------------------------------------------- */

#define NAME(fn, type, names)                                                            \
    PATHWAY_API const char *fn(type v)                                                   \
    {                                                                                    \
        return (unsigned)v < sizeof names / sizeof names[0] ? names[v] : NULL;           \
    }

NAME(pathway_node_kind_name, pathway_node_kind, pwrt_kind_names)
NAME(pathway_urgency_name, pathway_urgency, pwrt_urgency_names)
NAME(pathway_unit_name, pathway_unit, pwrt_unit_names)
NAME(pathway_consent_name, pathway_consent_rule, pwrt_consent_names)
NAME(pathway_outcome_name, pathway_outcome_kind, pwrt_outcome_names)
NAME(pathway_status_name, pathway_status, pwrt_status_names)
NAME(pathway_criteria_name, pathway_criteria_mode, pwrt_criteria_names)
