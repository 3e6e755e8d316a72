/* lsp — the language server (lsp.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "server/lsp.h"

#include "front/parse.h"
#include "model/program.h"
#include "model/testing.h"
#include "server/index.h"
#include "server/jsonrpc.h"
#include "support/arena.h"
#include "support/diag.h"
#include "support/text.h"
#include "support/version.h"
#include "support/vocab.h"
#include "tools/fmt.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Limits (docs/limits.md): a message's body, a document (as `check`'s), the
 * files a workspace search reads for references and rename. */
enum {
    MAX_BODY = 64 * 1024 * 1024,
    MAX_DOC = 16 * 1024 * 1024,
    MAX_DEPTH = 32,
    MAX_WORKSPACE_FILES = 2000,
    MAX_WORKSPACE_DEPTH = 8,
};

/* JSON-RPC's and the protocol's error codes. */
enum {
    PARSE_ERROR = -32700,
    INVALID_REQUEST = -32600,
    METHOD_NOT_FOUND = -32601,
    INVALID_PARAMS = -32602,
    SERVER_NOT_INITIALIZED = -32002,
    REQUEST_FAILED = -32803,
};

/* ---- positions: UTF-16 code units on lines ------------------------------- */

/* Where each line of a text starts; lines end at \n, \r\n or \r, as the
 * protocol counts them. */
typedef struct textmap {
    const char *t;
    size_t n;
    uint32_t *start;
    size_t nlines;
} textmap;

static void textmap_init(textmap *m, const char *t, size_t n)
{
    m->t = t;
    m->n = n;
    size_t cap = 64;
    m->start = pw_xcalloc(cap, sizeof *m->start);
    m->nlines = 1;
    for (size_t i = 0; i < n; i++) {
        if (t[i] != '\n' && t[i] != '\r')
            continue;
        if (t[i] == '\r' && i + 1 < n && t[i + 1] == '\n')
            i++;
        if (m->nlines == cap) {
            cap *= 2;
            m->start = pw_xrealloc(m->start, cap, sizeof *m->start);
        }
        m->start[m->nlines++] = (uint32_t)(i + 1);
    }
}

static void textmap_free(textmap *m)
{
    free(m->start);
    m->start = NULL;
}

/* UTF-16 code units of the UTF-8 byte that starts a character (a
 * continuation byte: none; an invalid byte: one, as U+FFFD). */
static unsigned units_of(unsigned char c)
{
    if ((c & 0xC0) == 0x80)
        return 0;
    return c >= 0xF0 && c < 0xF8 ? 2 : 1;
}

static json_t *position(const textmap *m, uint32_t off)
{
    if (off > m->n)
        off = (uint32_t)m->n;
    size_t lo = 0, hi = m->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (m->start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    json_int_t ch = 0;
    for (uint32_t i = m->start[lo]; i < off; i++)
        ch += units_of((unsigned char)m->t[i]);
    return json_pack("{s:I, s:I}", "line", (json_int_t)lo, "character", ch);
}

static json_t *range(const textmap *m, pw_span s)
{
    return json_pack("{s:o, s:o}", "start", position(m, s.begin), "end",
                     position(m, s.end));
}

/* The byte offset of a position; one past the end of its line, or of the
 * text, is clamped to it. */
static uint32_t offset_of(const textmap *m, json_int_t line, json_int_t ch)
{
    if (line < 0)
        return 0;
    if ((size_t)line >= m->nlines)
        return (uint32_t)m->n;
    uint32_t i = m->start[line];
    uint32_t end = (size_t)line + 1 < m->nlines ? m->start[line + 1] : (uint32_t)m->n;
    while (end > i && (m->t[end - 1] == '\n' || m->t[end - 1] == '\r'))
        end--;
    json_int_t u = 0;
    while (i < end && u < ch) {
        u += units_of((unsigned char)m->t[i]);
        i++;
        while (i < end && units_of((unsigned char)m->t[i]) == 0)
            i++;
    }
    return i;
}

/* ---- URIs and paths ------------------------------------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The path of a file: URI (heap), or, for another scheme (an unsaved
 * document), a path of its own that no file has. */
static char *path_of_uri(const char *uri)
{
    pw_text_buf b = {0};
    const char *p;
    if (strncmp(uri, "file://", 7) == 0) {
        p = uri + 7;
        p = strchr(p, '/') ? strchr(p, '/') : p; /* the host, if any */
    } else {
        pw_tb_add(&b, "/nonexistent/");
        p = uri;
    }
    for (; *p; p++) {
        int h, l;
        if (*p == '%' && (h = hexval(p[1])) >= 0 && (l = hexval(p[2])) >= 0 &&
            (h || l)) {
            char c = (char)(h * 16 + l);
            pw_tb_addn(&b, &c, 1);
            p += 2;
        } else if (*p == '/' && b.n > 0 && b.s[b.n - 1] == '/' && strncmp(uri, "file", 4)) {
            pw_tb_add(&b, "%2F");
        } else {
            pw_tb_addn(&b, p, 1);
        }
    }
    return pw_tb_str(&b);
}

static char *uri_of_path(const char *path)
{
    static const char keep[] = "-._~/!$&'()*+,;=:@";
    pw_text_buf b = {0};
    pw_tb_add(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr(keep, *p))
            pw_tb_addn(&b, (const char *)p, 1);
        else
            pw_tb_printf(&b, "%%%02X", *p);
    }
    return pw_tb_str(&b);
}

/* ---- the server's state --------------------------------------------------- */

typedef struct doc {
    char *uri;
    char *path; /* as the program names it */
    char *real; /* canonical, or path when no file has it */
    char *text;
    size_t len;
    json_int_t version;
    textmap map;
    /* the last check: its program (whose files hold the syntax trees) and
     * what it reported */
    pw_diag *diag;
    pw_program *prog;
    char **reads; /* the canonical path of every file it read */
    size_t nreads;
    int unread;   /* errno when the document itself could not be read */
} doc;

typedef struct server {
    FILE *out;
    const pw_lsp_options *o;
    doc **docs;
    size_t ndocs;
    char **roots; /* workspace folders' paths */
    size_t nroots;
    bool initialized, shutdown, exited, gone;
    bool annotations;      /* the client takes edits with change annotations */
    bool document_changes; /* and versioned documentChanges */
} server;

static doc *find_doc(server *s, const char *uri)
{
    for (size_t i = 0; uri && i < s->ndocs; i++)
        if (strcmp(s->docs[i]->uri, uri) == 0)
            return s->docs[i];
    return NULL;
}

/* The overlay: an open document's text in place of its file's. */
static const char *overlay(void *ctx, const char *real, size_t *len)
{
    server *s = ctx;
    for (size_t i = 0; i < s->ndocs; i++)
        if (strcmp(s->docs[i]->real, real) == 0) {
            *len = s->docs[i]->len;
            return s->docs[i]->text;
        }
    return NULL;
}

static pw_program *new_program(server *s, pw_diag *diag)
{
    pw_program_options po = {NULL, 0, MAX_DOC, MAX_DEPTH, overlay, s};
    return pw_program_new(diag, &po);
}

static void forget_check(doc *d)
{
    pw_program_free(d->prog);
    pw_diag_free(d->diag);
    for (size_t i = 0; i < d->nreads; i++)
        free(d->reads[i]);
    free(d->reads);
    d->prog = NULL;
    d->diag = NULL;
    d->reads = NULL;
    d->nreads = 0;
}

static void free_doc(doc *d)
{
    forget_check(d);
    textmap_free(&d->map);
    free(d->uri);
    free(d->path);
    free(d->real);
    free(d->text);
    free(d);
}

/* The document's own file in its last check's program, or NULL. */
static const pw_file *doc_file(const doc *d)
{
    if (!d->prog)
        return NULL;
    for (size_t i = 0; i < pw_program_file_count(d->prog); i++) {
        const pw_file *f = pw_program_file(d->prog, i);
        if (f->real && strcmp(f->real, d->real) == 0)
            return f;
    }
    return NULL;
}

/* ---- sending -------------------------------------------------------------- */

static void send(server *s, json_t *msg)
{
    if (!s->gone && !pw_rpc_write(s->out, msg))
        s->gone = true; /* nobody to answer: stop at the next read */
    json_decref(msg);
}

static void reply(server *s, json_t *id, json_t *result)
{
    send(s, json_pack("{s:s, s:O, s:o}", "jsonrpc", "2.0", "id", id ? id : json_null(),
                      "result", result ? result : json_null()));
}

static void reply_error(server *s, json_t *id, int code, const char *message)
{
    send(s, json_pack("{s:s, s:O, s:{s:i, s:s}}", "jsonrpc", "2.0", "id",
                      id ? id : json_null(), "error", "code", code, "message", message));
}

static void notify(server *s, const char *method, json_t *params)
{
    send(s, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method, "params",
                      params));
}

/* A JSON string of text that may not be UTF-8 (a message quoting a broken
 * file): invalid bytes become U+FFFD. */
static json_t *jstr(const char *t)
{
    json_t *j = json_string(t);
    if (j)
        return j;
    pw_text_buf b = {0};
    size_t n = strlen(t), k = 0;
    while (k < n) {
        size_t at = k;
        uint32_t c = pw_utf8_next(t, n, &k);
        if (c == 0xFFFD || k == at) {
            pw_tb_add(&b, "\xEF\xBF\xBD");
            if (k == at)
                k++;
        } else {
            pw_tb_addn(&b, t + at, k - at);
        }
    }
    j = json_string(pw_tb_str(&b));
    pw_tb_free(&b);
    return j ? j : json_string("");
}

/* ---- diagnostics ---------------------------------------------------------- */

/* A source's text map, made once for a run of diagnostics. */
typedef struct maps {
    const pw_source **src;
    textmap *m;
    size_t n;
} maps;

static const textmap *map_of(maps *ms, const pw_source *src)
{
    for (size_t i = 0; i < ms->n; i++)
        if (ms->src[i] == src)
            return &ms->m[i];
    ms->src = pw_xrealloc(ms->src, ms->n + 1, sizeof *ms->src);
    ms->m = pw_xrealloc(ms->m, ms->n + 1, sizeof *ms->m);
    ms->src[ms->n] = src;
    textmap_init(&ms->m[ms->n], src->text, src->size);
    return &ms->m[ms->n++];
}

static void maps_free(maps *ms)
{
    for (size_t i = 0; i < ms->n; i++)
        textmap_free(&ms->m[i]);
    free(ms->src);
    free(ms->m);
}

/* The URI of a file of a program: the document's own (as the editor
 * named it) or its canonical path's. Heap. */
static char *uri_of_file(const doc *d, const pw_file *f)
{
    return f->real && strcmp(f->real, d->real) == 0 ? pw_xstrdup(d->uri)
                                                    : uri_of_path(f->real ? f->real
                                                                          : f->src->name);
}

/* The URI of the file a source of d's program was read from. Heap. */
static char *uri_of_source(const doc *d, const pw_source *src)
{
    for (size_t i = 0; d->prog && i < pw_program_file_count(d->prog); i++) {
        const pw_file *f = pw_program_file(d->prog, i);
        if (f->src == src)
            return uri_of_file(d, f);
    }
    return uri_of_path(src->name);
}

static json_t *lsp_diagnostic(server *s, const doc *d, const pw_diagnostic *g,
                              maps *ms, const pw_source *own)
{
    const pw_source *src = pw_diagnostic_source(g);
    pw_text_buf msg = {0};
    json_t *related = json_array();
    json_t *rng;
    if (src == own) {
        rng = range(map_of(ms, src), pw_diagnostic_span(g));
    } else {
        /* in a file it imports: shown at the document's first import, with
         * the place itself as related information */
        const pw_file *f = doc_file(d);
        pw_span at = f && f->ast && f->ast->imports ? f->ast->imports->span
                                                     : (pw_span){0, 0};
        rng = range(&d->map, at);
        pw_tb_printf(&msg, "in %s, which this file imports: ", src->name);
        char *uri = uri_of_source(d, src);
        json_array_append_new(related,
                              json_pack("{s:{s:s, s:o}, s:o}", "location", "uri", uri,
                                        "range", range(map_of(ms, src),
                                                       pw_diagnostic_span(g)),
                                        "message", jstr(pw_diagnostic_message(g))));
        free(uri);
    }
    pw_tb_add(&msg, pw_diagnostic_message(g));
    for (size_t i = 0; i < pw_diagnostic_note_count(g); i++) {
        const pw_source *ns;
        pw_span sp;
        const char *note = pw_diagnostic_note(g, i, &ns, &sp);
        if (!ns) {
            pw_tb_printf(&msg, "\nnote: %s", note);
            continue;
        }
        char *uri = uri_of_source(d, ns);
        json_array_append_new(related, json_pack("{s:{s:s, s:o}, s:o}", "location", "uri",
                                                 uri, "range", range(map_of(ms, ns), sp),
                                                 "message", jstr(note)));
        free(uri);
    }
    if (pw_diagnostic_help(g))
        pw_tb_printf(&msg, "\nhelp: %s", pw_diagnostic_help(g));
    const char *code = pw_diagnostic_code(g);
    const char *name = pw_diagnostic_name(g);
    int severity = pw_diagnostic_severity(g) == PW_ERROR ? 1 : 2;
    if (severity == 2 && name && strcmp(name, "tbc") == 0)
        severity = 3; /* still to be confirmed: information, not a problem */
    json_t *j = json_pack("{s:o, s:i, s:s, s:s, s:o}", "range", rng, "severity", severity,
                          "code", code, "source", "pathwayc", "message",
                          jstr(pw_tb_str(&msg)));
    pw_tb_free(&msg);
    if (s->o->docs) {
        pw_text_buf href = {0};
        pw_tb_printf(&href, "%s#%s", s->o->docs, code);
        json_object_set_new(j, "codeDescription", json_pack("{s:s}", "href",
                                                            pw_tb_str(&href)));
        pw_tb_free(&href);
    }
    if (json_array_size(related))
        json_object_set_new(j, "relatedInformation", related);
    else
        json_decref(related);
    pw_span fs;
    const char *fix;
    if (src == own && pw_diagnostic_fix(g, &fs, &fix))
        json_object_set_new(j, "data", json_pack("{s:{s:o, s:o}}", "fix", "range",
                                                 range(map_of(ms, src), fs), "newText",
                                                 jstr(fix)));
    return j;
}

/* Every declaration of a file, with its place and its fields (a role and
 * a scenario have none), in source order by kind: the top level's
 * contacts and forms, then each pathway, its own contacts and forms, its
 * stages, nodes and scenarios. */
typedef void decl_fn(void *ctx, pw_span span, const pw_ast_field *fields);

static void each_decl(const pw_ast_file *ast, decl_fn *fn, void *ctx)
{
    for (const pw_ast_contact *c = ast->contacts; c; c = c->next)
        fn(ctx, c->block, c->fields);
    for (const pw_ast_form *m = ast->forms; m; m = m->next)
        fn(ctx, m->block, m->fields);
    for (const pw_ast_pathway *w = ast->pathways; w; w = w->next) {
        fn(ctx, w->span, w->fields);
        for (const pw_ast_contact *c = w->contacts; c; c = c->next)
            fn(ctx, c->block, c->fields);
        for (const pw_ast_form *m = w->forms; m; m = m->next)
            fn(ctx, m->block, m->fields);
        for (const pw_ast_stage *st = w->stages; st; st = st->next)
            fn(ctx, st->block, st->fields);
        for (const pw_ast_node *n = w->nodes; n; n = n->next_node)
            fn(ctx, n->span, n->fields);
        for (const pw_ast_scenario *sc = w->scenarios; sc; sc = sc->next)
            fn(ctx, sc->block, NULL);
    }
}

typedef struct tbc_ctx {
    json_t *list;
    const doc *d;
} tbc_ctx;

/* Each `tbc` of a declaration, as information ("To be confirmed: ..."),
 * but those an approved pathway's W0010 already reports (decl_fn). */
static void tbc_items(void *ctx, pw_span span, const pw_ast_field *fields)
{
    json_t *list = ((tbc_ctx *)ctx)->list;
    const doc *d = ((tbc_ctx *)ctx)->d;
    (void)span;
    for (const pw_ast_field *fd = fields; fd; fd = fd->next) {
        if (pw_field_get(fd->field)->keyword != PW_KW_TBC)
            continue;
        bool warned = false;
        for (size_t i = 0; i < pw_diag_count(d->diag); i++) {
            const pw_diagnostic *g = pw_diag_at(d->diag, i);
            if (strcmp(pw_diagnostic_code(g), "W0010") == 0 &&
                pw_diagnostic_span(g).begin == fd->v.text.span.begin)
                warned = true;
        }
        if (warned || !fd->v.text.text)
            continue;
        pw_text_buf msg = {0};
        pw_tb_printf(&msg, "To be confirmed: %s", fd->v.text.text);
        json_array_append_new(list, json_pack("{s:o, s:i, s:s, s:o}", "range",
                                              range(&d->map, fd->span), "severity", 3,
                                              "source", "pathwayc", "message",
                                              jstr(pw_tb_str(&msg))));
        pw_tb_free(&msg);
    }
}

static void publish(server *s, doc *d)
{
    json_t *list = json_array();
    const pw_file *f = doc_file(d);
    maps ms = {0};
    size_t n = d->diag ? pw_diag_count(d->diag) : 0;
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, lsp_diagnostic(s, d, pw_diag_at(d->diag, i), &ms,
                                                   f ? f->src : NULL));
    maps_free(&ms);
    if (d->unread) {
        pw_text_buf msg = {0};
        if (d->unread == EFBIG)
            pw_tb_printf(&msg, "this document is larger than %d MiB: pathwayc checks "
                               "files up to that size", MAX_DOC / (1024 * 1024));
        else
            pw_tb_printf(&msg, "pathwayc cannot read this document: %s",
                         pw_read_strerror(d->unread));
        json_array_append_new(list, json_pack("{s:o, s:i, s:s, s:o}", "range",
                                              range(&d->map, (pw_span){0, 0}), "severity",
                                              1, "source", "pathwayc", "message",
                                              jstr(pw_tb_str(&msg))));
        pw_tb_free(&msg);
    }
    if (f && f->ast)
        each_decl(f->ast, tbc_items, &(tbc_ctx){list, d});
    notify(s, "textDocument/publishDiagnostics",
           json_pack("{s:s, s:I, s:o}", "uri", d->uri, "version", d->version,
                     "diagnostics", list));
}

/* Checks d as `pathwayc check` does (scenarios and assertions included,
 * when nothing before them is wrong), keeping the program. */
static void check(server *s, doc *d)
{
    forget_check(d);
    d->diag = pw_diag_new();
    d->prog = new_program(s, d->diag);
    d->unread = pw_program_add(d->prog, d->path) ? 0 : errno; /* too large */
    pw_check_options co = {s->o->today};
    pw_program_check(d->prog, d->diag, &co);
    if (pw_diag_error_count(d->diag) == 0) {
        pw_tally t = {0, 0};
        for (size_t i = 0; i < pw_program_graph_count(d->prog); i++)
            pw_testing_run(pw_program_graph(d->prog, i), d->diag, NULL, &t);
    }
    size_t n = pw_program_file_count(d->prog);
    d->reads = pw_xcalloc(n ? n : 1, sizeof *d->reads);
    for (size_t i = 0; i < n; i++) {
        const pw_file *f = pw_program_file(d->prog, i);
        if (f->real)
            d->reads[d->nreads++] = pw_xstrdup(f->real);
    }
}

static bool reads(const doc *d, const char *real)
{
    for (size_t i = 0; i < d->nreads; i++)
        if (strcmp(d->reads[i], real) == 0)
            return true;
    return false;
}

/* After real changed (an edit, or a document closed): every open document
 * that read it, checked again. */
static void recheck(server *s, const char *real)
{
    for (size_t i = 0; i < s->ndocs; i++)
        if (reads(s->docs[i], real) || strcmp(s->docs[i]->real, real) == 0) {
            check(s, s->docs[i]);
            publish(s, s->docs[i]);
        }
}

/* ---- reading params ------------------------------------------------------- */

static const char *str_at(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static const char *doc_uri(json_t *params)
{
    return str_at(json_object_get(params, "textDocument"), "uri");
}

/* The document and byte offset of params' textDocument and position;
 * NULL when the document is not open or the position is not one. */
static doc *doc_at(server *s, json_t *params, uint32_t *off)
{
    doc *d = find_doc(s, doc_uri(params));
    json_t *p = json_object_get(params, "position");
    json_t *line = json_object_get(p, "line"), *ch = json_object_get(p, "character");
    if (!d || !json_is_integer(line) || !json_is_integer(ch))
        return NULL;
    *off = offset_of(&d->map, json_integer_value(line), json_integer_value(ch));
    return d;
}

/* ---- the document's lifecycle --------------------------------------------- */

static void set_text(doc *d, const char *t, size_t n)
{
    free(d->text);
    d->text = pw_xcalloc(n + 1, 1);
    memcpy(d->text, t, n);
    d->len = n;
    textmap_free(&d->map);
    textmap_init(&d->map, d->text, d->len);
}

static void did_open(server *s, json_t *params)
{
    json_t *td = json_object_get(params, "textDocument");
    const char *uri = str_at(td, "uri");
    json_t *text = json_object_get(td, "text");
    if (!uri || !json_is_string(text))
        return;
    doc *d = find_doc(s, uri);
    if (!d) {
        d = pw_xcalloc(1, sizeof *d);
        d->uri = pw_xstrdup(uri);
        d->path = path_of_uri(uri);
        char *real = realpath(d->path, NULL);
        d->real = real ? real : pw_xstrdup(d->path);
        s->docs = pw_xrealloc(s->docs, s->ndocs + 1, sizeof *s->docs);
        s->docs[s->ndocs++] = d;
    }
    d->version = json_integer_value(json_object_get(td, "version"));
    set_text(d, json_string_value(text), json_string_length(text));
    recheck(s, d->real);
}

static void did_change(server *s, json_t *params)
{
    doc *d = find_doc(s, doc_uri(params));
    json_t *changes = json_object_get(params, "contentChanges");
    if (!d || !json_is_array(changes))
        return;
    size_t i;
    json_t *c;
    json_array_foreach(changes, i, c) {
        json_t *text = json_object_get(c, "text");
        if (!json_is_string(text))
            continue;
        const char *t = json_string_value(text);
        size_t tn = json_string_length(text);
        json_t *r = json_object_get(c, "range");
        if (!r) {
            set_text(d, t, tn);
            continue;
        }
        json_t *st = json_object_get(r, "start"), *en = json_object_get(r, "end");
        uint32_t a = offset_of(&d->map, json_integer_value(json_object_get(st, "line")),
                               json_integer_value(json_object_get(st, "character")));
        uint32_t b = offset_of(&d->map, json_integer_value(json_object_get(en, "line")),
                               json_integer_value(json_object_get(en, "character")));
        if (b < a)
            b = a;
        pw_text_buf nb = {0};
        pw_tb_addn(&nb, d->text, a);
        pw_tb_addn(&nb, t, tn);
        pw_tb_addn(&nb, d->text + b, d->len - b);
        set_text(d, nb.s ? nb.s : "", nb.n);
        pw_tb_free(&nb);
    }
    json_t *v = json_object_get(json_object_get(params, "textDocument"), "version");
    if (json_is_integer(v))
        d->version = json_integer_value(v);
    recheck(s, d->real);
}

static void did_close(server *s, json_t *params)
{
    const char *uri = doc_uri(params);
    for (size_t i = 0; i < s->ndocs; i++) {
        doc *d = s->docs[i];
        if (strcmp(d->uri, uri ? uri : "") != 0)
            continue;
        notify(s, "textDocument/publishDiagnostics",
               json_pack("{s:s, s:[]}", "uri", d->uri, "diagnostics"));
        char *real = pw_xstrdup(d->real);
        memmove(&s->docs[i], &s->docs[i + 1], (s->ndocs - i - 1) * sizeof *s->docs);
        s->ndocs--;
        free_doc(d);
        recheck(s, real); /* those that read it read the file now */
        free(real);
        return;
    }
}

/* ---- what the requests share ---------------------------------------------- */

/* A location in file f, whose text map is made in ms. */
static json_t *location(const doc *d, maps *ms, const pw_file *f, pw_span sp)
{
    char *uri = uri_of_file(d, f);
    json_t *j = json_pack("{s:s, s:o}", "uri", uri, "range", range(map_of(ms, f->src), sp));
    free(uri);
    return j;
}

static bool is_name_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

/* Where to add a field to a node: before its closing brace, on a line of
 * its own when the brace is on one. Sets *at and the text to insert
 * around the field. */
static bool field_place(const pw_source *src, const pw_ast_node *n, uint32_t *at,
                        pw_text_buf *indent, bool *own_line)
{
    uint32_t end = n->span.end;
    if (end == 0 || end > src->size || src->text[end - 1] != '}')
        return false;
    uint32_t brace = end - 1, ls = brace;
    while (ls > 0 && src->text[ls - 1] != '\n')
        ls--;
    *own_line = true;
    for (uint32_t i = ls; i < brace; i++)
        if (src->text[i] != ' ' && src->text[i] != '\t')
            *own_line = false;
    *at = *own_line ? ls : brace;
    if (*own_line) {
        /* as the line above, when it is inside the node (a field), else
         * one step in from the brace */
        uint32_t pe = ls ? ls - 1 : 0, ps = pe;
        while (ps > 0 && src->text[ps - 1] != '\n')
            ps--;
        uint32_t k = ps;
        while (k < pe && (src->text[k] == ' ' || src->text[k] == '\t'))
            k++;
        if (ls > 0 && ps > n->span.begin && k < pe && src->text[k] != '#') {
            pw_tb_addn(indent, src->text + ps, k - ps);
        } else {
            pw_tb_addn(indent, src->text + ls, brace - ls);
            pw_tb_add(indent, "  ");
        }
    }
    return true;
}

/* The edit that adds `field` (its text) to node n of file f. */
static json_t *add_field_edit(const pw_file *f, maps *ms, const pw_ast_node *n,
                              const char *field)
{
    uint32_t at;
    bool own;
    pw_text_buf indent = {0}, text = {0};
    if (!field_place(f->src, n, &at, &indent, &own)) {
        pw_tb_free(&indent);
        return NULL;
    }
    if (own)
        pw_tb_printf(&text, "%s%s\n", indent.n ? pw_tb_str(&indent) : "", field);
    else
        pw_tb_printf(&text, "%s ", field);
    json_t *e = json_pack("{s:o, s:s}", "range", range(map_of(ms, f->src), (pw_span){at, at}),
                          "newText", pw_tb_str(&text));
    pw_tb_free(&indent);
    pw_tb_free(&text);
    return e;
}

/* Every file under the workspace's folders and beside the open documents
 * (for references and rename), with the open documents, in one program. */
static void add_tree(pw_program *p, const char *dir, int depth, size_t *budget)
{
    if (depth > MAX_WORKSPACE_DEPTH || *budget == 0)
        return;
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0)
        return;
    for (int i = 0; i < n; i++) {
        const char *e = names[i]->d_name;
        bool skip = e[0] == '.' || strcmp(e, "node_modules") == 0 || *budget == 0;
        pw_text_buf path = {0};
        pw_tb_printf(&path, "%s/%s", dir, e);
        struct stat st;
        if (!skip && lstat(pw_tb_str(&path), &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                add_tree(p, pw_tb_str(&path), depth + 1, budget);
            } else if (S_ISREG(st.st_mode) && pw_source_is_pathway_name(e)) {
                (*budget)--;
                pw_program_add(p, pw_tb_str(&path));
            }
        }
        pw_tb_free(&path);
        free(names[i]);
    }
    free(names);
}

static pw_program *workspace(server *s, pw_diag **diag)
{
    *diag = pw_diag_new();
    pw_program *p = new_program(s, *diag);
    for (size_t i = 0; i < s->ndocs; i++)
        pw_program_add(p, s->docs[i]->path);
    size_t budget = MAX_WORKSPACE_FILES;
    for (size_t i = 0; i < s->nroots; i++)
        add_tree(p, s->roots[i], 0, &budget);
    for (size_t i = 0; i < s->ndocs; i++) {
        char *dir = pw_xstrdup(s->docs[i]->real);
        char *slash = strrchr(dir, '/');
        if (slash && slash != dir) {
            *slash = '\0';
            add_tree(p, dir, MAX_WORKSPACE_DEPTH, &budget); /* that folder alone */
        }
        free(dir);
    }
    return p;
}

static const pw_file *file_of(const pw_program *p, const char *real)
{
    for (size_t i = 0; i < pw_program_file_count(p); i++) {
        const pw_file *f = pw_program_file(p, i);
        if (f->real && strcmp(f->real, real) == 0)
            return f;
    }
    return NULL;
}

/* ---- completion ----------------------------------------------------------- */

static void item(json_t *list, const char *label, int kind, const char *detail)
{
    json_t *it = json_pack("{s:o, s:i}", "label", jstr(label), "kind", kind);
    if (detail && detail[0])
        json_object_set_new(it, "detail", jstr(detail));
    json_array_append_new(list, it);
}

/* The word before offset b on its line (skipping spaces), into w. */
static uint32_t word_before(const char *t, uint32_t ls, uint32_t b, char *w, size_t size)
{
    while (b > ls && (t[b - 1] == ' ' || t[b - 1] == '\t'))
        b--;
    uint32_t e = b;
    while (b > ls && is_name_byte(t[b - 1]))
        b--;
    size_t n = e - b < size - 1 ? e - b : size - 1;
    memcpy(w, t + b, n);
    w[n] = '\0';
    return b;
}

/* What a declaration is, in a word: a node's kind, else its kind's. */
static const char *what_of(const pw_sym *s)
{
    static const char *const words[] = {"node", "contact", "role", "form", "pathway",
                                        "stage", "import"};
    return s->kind == PW_SYM_NODE ? pw_node_kind_name(((const pw_ast_node *)s->decl)->kind)
                                  : words[s->kind];
}

static void names_of(json_t *list, const pw_index *x, pw_sym_kind k,
                     const pw_ast_pathway *w)
{
    for (size_t i = 0; i < x->n; i++) {
        const pw_sym *s = &x->at[i];
        if (!s->def || s->kind != k || (s->pathway && s->pathway != w))
            continue;
        if (k == PW_SYM_NODE && s->pathway != w)
            continue;
        pw_text_buf detail = {0};
        pw_tb_printf(&detail, "%s%s%s", what_of(s), s->title ? ": " : "",
                     s->title ? s->title : "");
        item(list, s->name, k == PW_SYM_NODE ? 6 : k == PW_SYM_PATHWAY ? 9 : 21,
             pw_tb_str(&detail));
        pw_tb_free(&detail);
    }
}

static void words_of(json_t *list, pw_word_set set)
{
    for (int v = 1; v <= pw_word_count(set); v++)
        item(list, pw_word_spelling(set, v), 20, pw_words_what(set));
}

static void fields_of(json_t *list, pw_group g, const pw_ast_node *n)
{
    size_t count;
    pw_field first = pw_field_first(g, &count);
    for (size_t i = 0; i < count; i++) {
        pw_field fd = (pw_field)(first + (int)i);
        const pw_field_info *info = pw_field_get(fd);
        if (!info->keyword || (n && !pw_field_takes(fd, n->kind)))
            continue;
        bool seen = false; /* answers and bands share a keyword-less slot */
        for (size_t k = 0; k < json_array_size(list); k++)
            if (strcmp(json_string_value(json_object_get(json_array_get(list, k), "label")),
                       pw_keyword_spelling(info->keyword)) == 0)
                seen = true;
        if (!seen)
            item(list, pw_keyword_spelling(info->keyword), 14, info->help);
    }
}

static void keywords(json_t *list, const char *const *words, const char *detail)
{
    for (; *words; words++)
        item(list, *words, 14, detail);
}

/* The declarations of group g whose span holds offset, innermost first. */
static pw_group group_at(const pw_file *f, uint32_t off, const pw_ast_node **node,
                         const pw_ast_pathway **w)
{
    *node = pw_index_node_at(f, off, w);
    if (*node)
        return PW_G_NODE;
    if (!f->ast)
        return PW_G_PATHWAY;
    const pw_ast_contact *cs = *w ? (*w)->contacts : f->ast->contacts;
    for (; cs; cs = cs->next)
        if (off > cs->span.begin && off < cs->block.end)
            return PW_G_CONTACT;
    const pw_ast_form *fs = *w ? (*w)->forms : f->ast->forms;
    for (; fs; fs = fs->next)
        if (off > fs->span.begin && off < fs->block.end)
            return PW_G_FORM;
    if (*w) {
        for (const pw_ast_scenario *sc = (*w)->scenarios; sc; sc = sc->next)
            if (off > sc->span.begin && off < sc->block.end)
                return PW_G_SCENARIO;
    }
    return PW_G_PATHWAY;
}

static json_t *completion(server *s, json_t *params, int *err, const char **why)
{
    (void)err, (void)why;
    uint32_t off;
    doc *d = doc_at(s, params, &off);
    json_t *list = json_array();
    const pw_file *f = d ? doc_file(d) : NULL;
    if (!f)
        return list;
    pw_index x;
    pw_index_build(&x, d->prog);
    const char *t = d->text;
    uint32_t ls = off;
    while (ls > 0 && t[ls - 1] != '\n' && t[ls - 1] != '\r')
        ls--;
    uint32_t ws = off; /* the word being typed */
    while (ws > ls && is_name_byte(t[ws - 1]))
        ws--;
    const pw_ast_node *node;
    const pw_ast_pathway *w;
    pw_group g = group_at(f, off, &node, &w);
    uint32_t b = ws;
    while (b > ls && (t[b - 1] == ' ' || t[b - 1] == '\t'))
        b--;
    char word[64], before[64];
    if (b == ls) {
        /* the first word of a line: a field, or a declaration */
        static const char *const top[] = {"import", "pathway", "contact", "role", "form", NULL};
        static const char *const in_pathway[] = {"step", "question", "outcome", "together",
                                                 "stage", "contact", "role", "form",
                                                 "scenario", "assert", NULL};
        static const char *const in_stage[] = {"step", "question", "outcome", "together", NULL};
        if (!w) {
            keywords(list, top, "a declaration");
        } else if (g == PW_G_PATHWAY) {
            const pw_ast_stage *st = NULL;
            for (const pw_ast_stage *k = w->stages; k; k = k->next)
                if (off > k->span.begin && off < k->block.end)
                    st = k;
            if (st) {
                fields_of(list, PW_G_STAGE, NULL);
                keywords(list, in_stage, "a declaration");
            } else {
                fields_of(list, PW_G_PATHWAY, NULL);
                keywords(list, in_pathway, "a declaration");
            }
        } else {
            fields_of(list, g, node);
            if (node && node->kind == PW_TOGETHER)
                keywords(list, in_stage, "a declaration");
        }
    } else if (b >= ls + 2 && t[b - 1] == '>' && t[b - 2] == '-') {
        names_of(list, &x, PW_SYM_NODE, w);
    } else {
        /* a list: `contact a, b, |` names what its keyword names */
        uint32_t p = b;
        while (p > ls && t[p - 1] == ',') {
            p = word_before(t, ls, p - 1, before, sizeof before);
            while (p > ls && (t[p - 1] == ' ' || t[p - 1] == '\t'))
                p--;
        }
        word_before(t, ls, p, word, sizeof word);
        pw_keyword k = pw_keyword_find(word, strlen(word));
        char unit_word[64];
        uint32_t q = word_before(t, ls, p, unit_word, sizeof unit_word);
        char prev[64];
        word_before(t, ls, q, prev, sizeof prev);
        pw_field fd = k ? pw_field_find(g, k) : PW_F_NONE;
        if (k == PW_KW_BY) {
            names_of(list, &x, PW_SYM_ROLE, w);
        } else if (k == PW_KW_CONTACT || k == PW_KW_OUT_OF_HOURS) {
            names_of(list, &x, PW_SYM_CONTACT, w);
        } else if (k == PW_KW_FORM) {
            names_of(list, &x, PW_SYM_FORM, w);
        } else if (k == PW_KW_ALSO) {
            names_of(list, &x, PW_SYM_NODE, w);
            names_of(list, &x, PW_SYM_PATHWAY, NULL);
        } else if (k == PW_KW_NEXT || k == PW_KW_START || k == PW_KW_FROM ||
                   k == PW_KW_EXPECT || k == PW_KW_THROUGH || k == PW_KW_PASSES ||
                   k == PW_KW_REACHES || k == PW_KW_BEFORE || k == PW_KW_ANSWER ||
                   (k == PW_KW_TO && w)) {
            names_of(list, &x, PW_SYM_NODE, w);
        } else if (fd != PW_F_NONE && pw_field_get(fd)->words) {
            words_of(list, pw_field_get(fd)->words);
        } else if (!k && word[0] >= '0' && word[0] <= '9') {
            pw_keyword pk = pw_keyword_find(prev, strlen(prev));
            if (pk == PW_KW_WITHIN || pk == PW_KW_TARGET || pk == PW_KW_REVIEW_AFTER) {
                long v = strtol(word, NULL, 10);
                for (int u = PW_UNIT_NONE + 1; u < PW_UNIT_COUNT; u++)
                    item(list, pw_unit_name((pw_unit)u, (int32_t)v), 20, "a unit of time");
            }
        }
    }
    pw_index_free(&x);
    return list;
}

/* ---- hover ---------------------------------------------------------------- */

static void md_line(pw_text_buf *b, const char *label, const char *value)
{
    if (value && value[0])
        pw_tb_printf(b, "\n\n%s: %s", label, value);
}

static void describe_decl(pw_text_buf *b, const pw_sym *def)
{
    pw_tb_printf(b, "**%s** `%s`", what_of(def), def->name);
    if (def->title)
        pw_tb_printf(b, ": %s", def->title);
    switch (def->kind) {
    case PW_SYM_NODE: {
        const pw_ast_node *n = def->decl;
        if (n->stage)
            md_line(b, "Stage", n->stage->title.text ? n->stage->title.text
                                                      : n->stage->id.text);
        pw_text by = pw_ast_text(n->fields, PW_F_NODE_BY);
        pw_name byname = pw_ast_name(n->fields, PW_F_NODE_BY);
        md_line(b, "Who", byname.text ? byname.text : by.text);
        md_line(b, "When", pw_ast_text(n->fields, PW_F_NODE_WHEN).text);
        pw_timescale within = pw_ast_time(n->fields, PW_F_NODE_WITHIN);
        if (within.unit != PW_UNIT_NONE) {
            char tw[64];
            snprintf(tw, sizeof tw, "%d %s", within.value,
                     pw_unit_words(within.unit, within.value));
            md_line(b, "Within", tw);
        }
        break;
    }
    case PW_SYM_CONTACT: {
        const pw_ast_field *fs = ((const pw_ast_contact *)def->decl)->fields;
        md_line(b, "Phone", pw_ast_text(fs, PW_F_CONTACT_PHONE).text);
        md_line(b, "Email", pw_ast_text(fs, PW_F_CONTACT_EMAIL).text);
        md_line(b, "Web", pw_ast_text(fs, PW_F_CONTACT_URL).text);
        md_line(b, "Hours", pw_ast_text(fs, PW_F_CONTACT_HOURS).text);
        md_line(b, "Out of hours", pw_ast_name(fs, PW_F_CONTACT_OUT_OF_HOURS).text);
        pw_date v = pw_ast_date(fs, PW_F_CONTACT_VERIFIED);
        char dv[32];
        snprintf(dv, sizeof dv, "%04d-%02d-%02d", v.year, v.month, v.day);
        md_line(b, "Details checked", v.year ? dv : "not said (add `verified YYYY-MM-DD`)");
        break;
    }
    case PW_SYM_FORM: {
        const pw_ast_field *fs = ((const pw_ast_form *)def->decl)->fields;
        md_line(b, "Version", pw_ast_text(fs, PW_F_FORM_VERSION).text);
        md_line(b, "Web", pw_ast_text(fs, PW_F_FORM_URL).text);
        break;
    }
    case PW_SYM_PATHWAY:
        md_line(b, "Summary",
                pw_ast_text(((const pw_ast_pathway *)def->decl)->fields,
                            PW_F_PATHWAY_SUMMARY).text);
        break;
    default: /* a role or a stage: its title says it */
        break;
    }
}

/* The field whose keyword is at offset, in the fields of the declaration
 * at offset. */
static const pw_ast_field *field_at(const pw_ast_field *list, uint32_t off)
{
    for (const pw_ast_field *fd = list; fd; fd = fd->next) {
        const pw_field_info *info = pw_field_get(fd->field);
        if (!info->keyword)
            continue;
        size_t n = strlen(pw_keyword_spelling(info->keyword));
        if (off >= fd->span.begin && off <= fd->span.begin + n)
            return fd;
    }
    return NULL;
}

/* The field whose keyword is at off, in whichever declaration it is
 * (decl_fn). */
typedef struct field_find {
    uint32_t off;
    const pw_ast_field *found;
} field_find;

static void find_field(void *ctx, pw_span span, const pw_ast_field *fields)
{
    field_find *ff = ctx;
    if (!ff->found && ff->off >= span.begin && ff->off < span.end)
        ff->found = field_at(fields, ff->off);
}

static json_t *hover(server *s, json_t *params, int *err, const char **why)
{
    (void)err, (void)why;
    uint32_t off;
    doc *d = doc_at(s, params, &off);
    const pw_file *f = d ? doc_file(d) : NULL;
    if (!f)
        return NULL;
    pw_index x;
    pw_index_build(&x, d->prog);
    size_t i = pw_index_find(&x, f, off);
    pw_text_buf b = {0};
    pw_span at = {0, 0};
    if (i != PW_SYM_NONE) {
        const pw_sym *sym = &x.at[i];
        at = sym->span;
        if (sym->kind == PW_SYM_FILE) {
            const pw_file *to = sym->decl;
            pw_tb_printf(&b, "**import** `%s`", sym->name);
            md_line(&b, "File", to ? to->real : "not found");
        } else if (sym->target != PW_SYM_NONE) {
            describe_decl(&b, &x.at[sym->target]);
        } else {
            pw_tb_printf(&b, "`%s`: not declared", sym->name);
        }
    } else {
        field_find ff = {off, NULL};
        if (f->ast)
            each_decl(f->ast, find_field, &ff);
        const pw_ast_field *fd = ff.found;
        if (fd) {
            const pw_field_info *info = pw_field_get(fd->field);
            pw_tb_printf(&b, "**%s**: %s", pw_keyword_spelling(info->keyword), info->help);
            at = (pw_span){fd->span.begin,
                           fd->span.begin +
                               (uint32_t)strlen(pw_keyword_spelling(info->keyword))};
        }
    }
    json_t *result = NULL;
    if (b.n)
        result = json_pack("{s:{s:s, s:o}, s:o}", "contents", "kind", "markdown", "value",
                           jstr(pw_tb_str(&b)), "range", range(&d->map, at));
    pw_tb_free(&b);
    pw_index_free(&x);
    return result;
}

/* ---- definition and references -------------------------------------------- */

static json_t *definition(server *s, json_t *params, int *err, const char **why)
{
    (void)err, (void)why;
    uint32_t off;
    doc *d = doc_at(s, params, &off);
    const pw_file *f = d ? doc_file(d) : NULL;
    if (!f)
        return NULL;
    pw_index x;
    pw_index_build(&x, d->prog);
    size_t i = pw_index_find(&x, f, off);
    json_t *result = NULL;
    maps ms = {0};
    if (i != PW_SYM_NONE && x.at[i].kind == PW_SYM_FILE && x.at[i].decl) {
        result = location(d, &ms, x.at[i].decl, (pw_span){0, 0});
    } else if (i != PW_SYM_NONE && x.at[i].target != PW_SYM_NONE) {
        const pw_sym *def = &x.at[x.at[i].target];
        result = location(d, &ms, def->file, def->span);
    }
    maps_free(&ms);
    pw_index_free(&x);
    return result;
}

/* The name at the position of params in the workspace's program: *x is
 * its index, the return the declaration's index (PW_SYM_NONE: none). */
static size_t workspace_target(server *s, json_t *params, pw_program **p, pw_diag **diag,
                               pw_index *x, doc **d, size_t *at)
{
    uint32_t off;
    *d = doc_at(s, params, &off);
    *p = NULL;
    *diag = NULL;
    *x = (pw_index){0};
    *at = PW_SYM_NONE;
    if (!*d)
        return PW_SYM_NONE;
    *p = workspace(s, diag);
    pw_index_build(x, *p);
    const pw_file *f = file_of(*p, (*d)->real);
    size_t i = f ? pw_index_find(x, f, off) : PW_SYM_NONE;
    *at = i;
    return i == PW_SYM_NONE ? PW_SYM_NONE : x->at[i].target;
}

static void workspace_free(pw_program *p, pw_diag *diag, pw_index *x)
{
    pw_index_free(x);
    pw_program_free(p);
    pw_diag_free(diag);
}

static json_t *references(server *s, json_t *params, int *err, const char **why)
{
    (void)err, (void)why;
    pw_program *p;
    pw_diag *diag;
    pw_index x;
    doc *d;
    size_t at;
    size_t t = workspace_target(s, params, &p, &diag, &x, &d, &at);
    json_t *list = json_array();
    bool decl = json_is_true(json_object_get(json_object_get(params, "context"),
                                             "includeDeclaration"));
    maps ms = {0};
    const void *file = at != PW_SYM_NONE && x.at[at].kind == PW_SYM_FILE ? x.at[at].decl
                                                                         : NULL;
    for (size_t i = 0; i < x.n; i++) {
        const pw_sym *sym = &x.at[i];
        bool hit = file ? sym->kind == PW_SYM_FILE && sym->decl == file
                        : t != PW_SYM_NONE && sym->target == t && (decl || !sym->def);
        if (hit)
            json_array_append_new(list, location(d, &ms, sym->file, sym->span));
    }
    maps_free(&ms);
    workspace_free(p, diag, &x);
    return list;
}

/* ---- rename --------------------------------------------------------------- */

static bool renamable(const pw_sym *def)
{
    return def->kind == PW_SYM_NODE || def->kind == PW_SYM_CONTACT ||
           def->kind == PW_SYM_ROLE || def->kind == PW_SYM_FORM;
}

static json_t *prepare_rename(server *s, json_t *params, int *err, const char **why)
{
    uint32_t off;
    doc *d = doc_at(s, params, &off);
    const pw_file *f = d ? doc_file(d) : NULL;
    if (!f)
        return NULL;
    pw_index x;
    pw_index_build(&x, d->prog);
    size_t i = pw_index_find(&x, f, off);
    json_t *result = NULL;
    if (i == PW_SYM_NONE || x.at[i].target == PW_SYM_NONE || !renamable(&x.at[x.at[i].target])) {
        *err = REQUEST_FAILED;
        *why = i == PW_SYM_NONE ? "put the cursor on the name of a node, contact, role or form"
                                : x.at[i].target == PW_SYM_NONE
                                      ? "this name is not declared: declare it first"
                                      : "only a node, contact, role or form can be renamed";
    } else {
        result = json_pack("{s:o, s:s}", "range", range(&d->map, x.at[i].span),
                           "placeholder", x.at[i].name);
    }
    pw_index_free(&x);
    return result;
}

/* Whether name is one the language takes for a node, contact, role or
 * form (front/lex: letters, digits, '_' and '-', a letter first, no '-'
 * last, not a reserved word). */
static const char *bad_name(const char *name)
{
    size_t n = strlen(name);
    if (n == 0)
        return "a name cannot be empty";
    if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
        return "a name begins with a letter";
    for (size_t i = 0; i < n; i++)
        if (!is_name_byte(name[i]))
            return "a name is letters, digits, '_' and '-'";
    if (name[n - 1] == '-')
        return "a name cannot end in '-'";
    if (pw_keyword_find(name, n))
        return "that is a reserved word of the language: choose another name";
    return NULL;
}

static void add_edit(json_t *by_uri, const char *uri, json_t *edit)
{
    json_t *l = json_object_get(by_uri, uri);
    if (!l) {
        l = json_array();
        json_object_set_new(by_uri, uri, l);
    }
    json_array_append_new(l, edit);
}

/* The edit that keeps saved walks at node n's old id: `replaces OLD`
 * added (or the old id added to its first `replaces`). */
static json_t *replaces_edit(const pw_file *f, maps *ms, const pw_ast_node *n,
                             const char *old)
{
    const pw_ast_field *r = pw_ast_field_get(n->fields, PW_F_NODE_REPLACES);
    if (r && r->v.names) {
        const pw_name_item *last = r->v.names;
        while (last->next)
            last = last->next;
        pw_text_buf t = {0};
        pw_tb_printf(&t, ", %s", old);
        json_t *e = json_pack("{s:o, s:s}", "range",
                              range(map_of(ms, f->src),
                                    (pw_span){last->name.span.end, last->name.span.end}),
                              "newText", pw_tb_str(&t));
        pw_tb_free(&t);
        return e;
    }
    pw_text_buf t = {0};
    pw_tb_printf(&t, "replaces %s", old);
    json_t *e = add_field_edit(f, ms, n, pw_tb_str(&t));
    pw_tb_free(&t);
    return e;
}

static json_t *rename_symbol(server *s, json_t *params, int *err, const char **why)
{
    const char *name = str_at(params, "newName");
    if (!name) {
        *err = INVALID_PARAMS;
        *why = "rename needs newName";
        return NULL;
    }
    pw_program *p;
    pw_diag *diag;
    pw_index x;
    doc *d;
    size_t at;
    size_t t = workspace_target(s, params, &p, &diag, &x, &d, &at);
    json_t *result = NULL;
    const pw_sym *def = t != PW_SYM_NONE ? &x.at[t] : NULL;
    const char *bad = bad_name(name);
    size_t clash = def ? pw_index_lookup(&x, def->kind, name, def->file, def->pathway)
                       : PW_SYM_NONE;
    if (!def || !renamable(def)) {
        *err = REQUEST_FAILED;
        *why = "put the cursor on the name of a node, contact, role or form that is declared";
    } else if (bad) {
        *err = REQUEST_FAILED;
        *why = bad;
    } else if (clash != PW_SYM_NONE && strcmp(name, def->name) != 0 &&
               x.at[clash].pathway == def->pathway) {
        *err = REQUEST_FAILED;
        *why = def->kind == PW_SYM_NODE ? "another node of this pathway has that name"
                                        : "another declaration of this kind has that name";
    } else {
        json_t *by_uri = json_object();
        maps ms = {0};
        for (size_t i = 0; i < x.n; i++) {
            const pw_sym *sym = &x.at[i];
            if (sym->target != t)
                continue;
            char *uri = uri_of_file(d, sym->file);
            add_edit(by_uri, uri, json_pack("{s:o, s:s}", "range",
                                            range(map_of(&ms, sym->file->src), sym->span),
                                            "newText", name));
            free(uri);
        }
        bool annotated = false;
        if (def->kind == PW_SYM_NODE && strcmp(name, def->name) != 0) {
            json_t *e = replaces_edit(def->file, &ms, def->decl, def->name);
            if (e) {
                if (s->annotations) {
                    json_object_set_new(e, "annotationId", json_string("replaces"));
                    annotated = true;
                }
                char *uri = uri_of_file(d, def->file);
                add_edit(by_uri, uri, e);
                free(uri);
            }
        }
        maps_free(&ms);
        if (s->document_changes) {
            json_t *changes = json_array();
            const char *uri;
            json_t *list;
            json_object_foreach(by_uri, uri, list) {
                doc *open = find_doc(s, uri);
                json_array_append_new(changes,
                    json_pack("{s:{s:s, s:o}, s:O}", "textDocument", "uri", uri, "version",
                              open ? json_integer(open->version) : json_null(), "edits",
                              list));
            }
            result = json_pack("{s:o}", "documentChanges", changes);
            if (annotated) {
                pw_text_buf label = {0}, desc = {0};
                pw_tb_printf(&label, "Keep saved walks: add 'replaces %s' to '%s'", def->name,
                             name);
                pw_tb_printf(&desc, "A walk saved at '%s' resumes at '%s'", def->name, name);
                json_object_set_new(result, "changeAnnotations",
                    json_pack("{s:{s:s, s:b, s:s}}", "replaces", "label", pw_tb_str(&label),
                              "needsConfirmation", 0, "description", pw_tb_str(&desc)));
                pw_tb_free(&label);
                pw_tb_free(&desc);
            }
            json_decref(by_uri);
        } else {
            result = json_pack("{s:o}", "changes", by_uri);
        }
    }
    workspace_free(p, diag, &x);
    return result;
}

/* ---- code actions --------------------------------------------------------- */

static json_t *quick_fix(const char *title, json_t *diag, const char *uri, json_t *edit,
                         bool preferred)
{
    return json_pack("{s:s, s:s, s:[O], s:b, s:{s:{s:[o]}}}", "title", title, "kind",
                     "quickfix", "diagnostics", diag, "isPreferred", preferred, "edit",
                     "changes", uri, edit);
}

static json_t *code_action(server *s, json_t *params, int *err, const char **why)
{
    (void)err, (void)why;
    doc *d = find_doc(s, doc_uri(params));
    json_t *list = json_array();
    const pw_file *f = d ? doc_file(d) : NULL;
    json_t *diags = json_object_get(json_object_get(params, "context"), "diagnostics");
    if (!f || !json_is_array(diags))
        return list;
    size_t i;
    json_t *g;
    maps ms = {0};
    json_array_foreach(diags, i, g) {
        json_t *fix = json_object_get(json_object_get(g, "data"), "fix");
        const char *text = str_at(fix, "newText");
        if (text && json_object_get(fix, "range")) {
            pw_text_buf title = {0};
            pw_tb_printf(&title, "Change to '%s'", text);
            json_array_append_new(list, quick_fix(pw_tb_str(&title), g, d->uri,
                                                  json_pack("{s:O, s:s}", "range",
                                                            json_object_get(fix, "range"),
                                                            "newText", text),
                                                  true));
            pw_tb_free(&title);
            continue;
        }
        const char *code = str_at(g, "code");
        json_t *start = json_object_get(json_object_get(g, "range"), "start");
        uint32_t off = offset_of(&d->map, json_integer_value(json_object_get(start, "line")),
                                 json_integer_value(json_object_get(start, "character")));
        const pw_ast_pathway *w;
        const pw_ast_node *n = pw_index_node_at(f, off, &w);
        if (!code || !n)
            continue;
        if (strcmp(code, "W0007") == 0) {
            /* consent: one action for each rule, not-stated first (the
             * honest one when the source does not say) */
            int first = pw_word_find(PW_WORDS_CONSENT, "not-stated");
            for (int pass = 0; pass < 2; pass++)
                for (int v = 1; v <= pw_word_count(PW_WORDS_CONSENT); v++) {
                    if ((pass == 0) != (v == first))
                        continue;
                    pw_text_buf field = {0}, title = {0};
                    pw_tb_printf(&field, "consent %s", pw_word_spelling(PW_WORDS_CONSENT, v));
                    pw_tb_printf(&title, "Add '%s'", pw_tb_str(&field));
                    json_t *e = add_field_edit(f, &ms, n, pw_tb_str(&field));
                    if (e)
                        json_array_append_new(list, quick_fix(pw_tb_str(&title), g, d->uri,
                                                              e, pass == 0));
                    pw_tb_free(&field);
                    pw_tb_free(&title);
                }
        } else if (strcmp(code, "W0009") == 0) {
            json_t *e = add_field_edit(f, &ms, n, "record \"\"");
            if (e)
                json_array_append_new(list, quick_fix("Add 'record' (then say what to "
                                                      "write down, and why)",
                                                      g, d->uri, e, true));
        }
    }
    maps_free(&ms);
    return list;
}

/* ---- formatting ----------------------------------------------------------- */

static json_t *formatting(server *s, json_t *params, int *err, const char **why)
{
    (void)err, (void)why;
    doc *d = find_doc(s, doc_uri(params));
    json_t *list = json_array();
    if (!d)
        return list;
    pw_source *src = pw_source_from_memory(d->path, d->text, d->len);
    pw_diag *diag = pw_diag_new();
    pw_fmt_diag_setup(diag);
    size_t len;
    char *out = pw_fmt_source(src, diag, &len);
    if (out && (len != d->len || memcmp(out, d->text, len) != 0))
        json_array_append_new(list, json_pack("{s:o, s:o}", "range",
                                              range(&d->map, (pw_span){0, (uint32_t)d->len}),
                                              "newText", jstr(out)));
    free(out);
    pw_diag_free(diag);
    pw_source_free(src);
    return list; /* a file with errors: no edits (check says why) */
}

/* ---- outline and folding -------------------------------------------------- */

static json_t *symbol(const doc *d, const char *name, const char *detail, int kind,
                      pw_span all, pw_span sel)
{
    json_t *j = json_pack("{s:o, s:i, s:o, s:o, s:[]}", "name", jstr(name && name[0] ? name : "?"),
                          "kind", kind, "range", range(&d->map, all), "selectionRange",
                          range(&d->map, sel), "children");
    if (detail)
        json_object_set_new(j, "detail", jstr(detail));
    return j;
}

static int node_symbol_kind(pw_node_kind k)
{
    return k == PW_STEP ? 12 : k == PW_QUESTION ? 10 : k == PW_OUTCOME ? 24 : 18;
}

static void decl_symbols(const doc *d, json_t *into, const pw_ast_contact *c,
                         const pw_ast_role *r, const pw_ast_form *m)
{
    for (; c; c = c->next)
        json_array_append_new(into, symbol(d, c->id.text, c->title.text, 19, c->block, c->id.span));
    for (; r; r = r->next)
        json_array_append_new(into, symbol(d, r->id.text, r->title.text, 5, r->span, r->id.span));
    for (; m; m = m->next)
        json_array_append_new(into, symbol(d, m->id.text, m->title.text, 23, m->block, m->id.span));
}

static json_t *document_symbols(server *s, json_t *params, int *err, const char **why)
{
    (void)err, (void)why;
    doc *d = find_doc(s, doc_uri(params));
    json_t *list = json_array();
    const pw_file *f = d ? doc_file(d) : NULL;
    if (!f || !f->ast)
        return list;
    decl_symbols(d, list, f->ast->contacts, f->ast->roles, f->ast->forms);
    for (const pw_ast_pathway *w = f->ast->pathways; w; w = w->next) {
        json_t *pw = symbol(d, w->id.text, w->title.text, 2, w->span, w->id.span);
        json_t *kids = json_object_get(pw, "children");
        decl_symbols(d, kids, w->contacts, w->roles, w->forms);
        size_t nst = 0;
        for (const pw_ast_stage *st = w->stages; st; st = st->next)
            nst++;
        json_t **stage_kids = pw_xcalloc(nst ? nst : 1, sizeof *stage_kids);
        const pw_ast_stage **stages = pw_xcalloc(nst ? nst : 1, sizeof *stages);
        size_t k = 0;
        for (const pw_ast_stage *st = w->stages; st; st = st->next, k++) {
            json_t *sj = symbol(d, st->id.text, st->title.text, 3, st->block, st->id.span);
            stages[k] = st;
            stage_kids[k] = json_object_get(sj, "children");
            json_array_append_new(kids, sj);
        }
        /* nodes in source order: inside their together, else their stage */
        size_t nn = 0;
        for (const pw_ast_node *n = w->nodes; n; n = n->next_node)
            nn++;
        const pw_ast_node **nodes = pw_xcalloc(nn ? nn : 1, sizeof *nodes);
        json_t **node_kids = pw_xcalloc(nn ? nn : 1, sizeof *node_kids);
        k = 0;
        for (const pw_ast_node *n = w->nodes; n; n = n->next_node, k++) {
            json_t *nj = symbol(d, n->id.text, n->title.text, node_symbol_kind(n->kind),
                                n->span, n->id.span);
            nodes[k] = n;
            node_kids[k] = json_object_get(nj, "children");
            json_t *into = kids;
            for (size_t j = 0; j < k; j++)
                if (nodes[j] == n->parent)
                    into = node_kids[j];
            if (into == kids)
                for (size_t j = 0; j < nst; j++)
                    if (stages[j] == n->stage)
                        into = stage_kids[j];
            json_array_append_new(into, nj);
        }
        for (const pw_ast_scenario *sc = w->scenarios; sc; sc = sc->next)
            json_array_append_new(kids, symbol(d, sc->name.text, "scenario", 6,
                                               sc->block,
                                               sc->name.text ? sc->name.span : sc->span));
        free(stage_kids);
        free(stages);
        free(nodes);
        free(node_kids);
        json_array_append_new(list, pw);
    }
    return list;
}

static void fold(json_t *list, const textmap *m, pw_span sp, const char *kind)
{
    json_t *a = position(m, sp.begin), *b = position(m, sp.end ? sp.end - 1 : 0);
    json_int_t l0 = json_integer_value(json_object_get(a, "line"));
    json_int_t l1 = json_integer_value(json_object_get(b, "line"));
    json_decref(a);
    json_decref(b);
    if (l1 <= l0)
        return;
    json_t *j = json_pack("{s:I, s:I}", "startLine", l0, "endLine", l1);
    if (kind)
        json_object_set_new(j, "kind", json_string(kind));
    json_array_append_new(list, j);
}

typedef struct fold_ctx {
    json_t *list;
    const textmap *map;
} fold_ctx;

static void fold_decl(void *ctx, pw_span span, const pw_ast_field *fields)
{
    (void)fields;
    fold(((fold_ctx *)ctx)->list, ((fold_ctx *)ctx)->map, span, NULL);
}

static json_t *folding_ranges(server *s, json_t *params, int *err, const char **why)
{
    (void)err, (void)why;
    doc *d = find_doc(s, doc_uri(params));
    json_t *list = json_array();
    const pw_file *f = d ? doc_file(d) : NULL;
    if (!f || !f->ast)
        return list;
    const pw_ast_import *im = f->ast->imports;
    if (im) {
        const pw_ast_import *last = im;
        while (last->next)
            last = last->next;
        fold(list, &d->map, (pw_span){im->span.begin, last->span.end}, "imports");
    }
    each_decl(f->ast, fold_decl, &(fold_ctx){list, &d->map});
    return list;
}

/* ---- initialize and the dispatch ------------------------------------------ */

static void add_root(server *s, const char *uri)
{
    if (!uri || strncmp(uri, "file://", 7) != 0)
        return;
    s->roots = pw_xrealloc(s->roots, s->nroots + 1, sizeof *s->roots);
    s->roots[s->nroots++] = path_of_uri(uri);
}

static json_t *initialize(server *s, json_t *params)
{
    json_t *caps = json_object_get(params, "capabilities");
    json_t *we = json_object_get(json_object_get(caps, "workspace"), "workspaceEdit");
    s->document_changes = json_is_true(json_object_get(we, "documentChanges"));
    s->annotations = s->document_changes &&
                     json_is_object(json_object_get(we, "changeAnnotationSupport"));
    json_t *folders = json_object_get(params, "workspaceFolders");
    size_t i;
    json_t *f;
    if (json_is_array(folders))
        json_array_foreach(folders, i, f) add_root(s, str_at(f, "uri"));
    if (!s->nroots)
        add_root(s, str_at(params, "rootUri"));
    s->initialized = true;
    return json_pack(
        "{s:{s:s, s:{s:b, s:i}, s:{s:[s, s, s, s]}, s:b, s:b, s:b, s:{s:b}, "
        "s:{s:[s]}, s:b, s:b, s:b}, s:{s:s, s:s}}",
        "capabilities", "positionEncoding", "utf-16", "textDocumentSync", "openClose", 1,
        "change", 2, "completionProvider", "triggerCharacters", " ", ">", ",", "-",
        "hoverProvider", 1, "definitionProvider", 1, "referencesProvider", 1,
        "renameProvider", "prepareProvider", 1, "codeActionProvider", "codeActionKinds",
        "quickfix", "documentFormattingProvider", 1, "documentSymbolProvider", 1,
        "foldingRangeProvider", 1, "serverInfo", "name", "pathwayc", "version",
        PW_VERSION);
}

typedef json_t *request_fn(server *s, json_t *params, int *err, const char **why);

static const struct {
    const char *method;
    request_fn *fn;
} requests[] = {
    {"textDocument/completion", completion},
    {"textDocument/hover", hover},
    {"textDocument/definition", definition},
    {"textDocument/references", references},
    {"textDocument/prepareRename", prepare_rename},
    {"textDocument/rename", rename_symbol},
    {"textDocument/codeAction", code_action},
    {"textDocument/formatting", formatting},
    {"textDocument/documentSymbol", document_symbols},
    {"textDocument/foldingRange", folding_ranges},
};

static void handle(server *s, json_t *msg)
{
    json_t *id = json_object_get(msg, "id");
    const char *method = str_at(msg, "method");
    json_t *params = json_object_get(msg, "params");
    if (json_is_null(params))
        params = NULL; /* as if left out, which the protocol means */
    bool request = id != NULL;
    if (request && !json_is_integer(id) && !json_is_string(id)) {
        reply_error(s, NULL, INVALID_REQUEST, "a request's id is a number or a string");
        return;
    }
    if (!method) {
        if (!request || json_object_get(msg, "result") || json_object_get(msg, "error"))
            return; /* a response: the server sends no requests, so none is due */
        reply_error(s, id, INVALID_REQUEST, "a request needs a method");
        return;
    }
    if (params && !json_is_object(params) && !json_is_array(params)) {
        if (request)
            reply_error(s, id, INVALID_PARAMS, "params is an object or an array");
        return;
    }
    if (strcmp(method, "exit") == 0) {
        s->exited = true;
        return;
    }
    if (!s->initialized) {
        if (request && strcmp(method, "initialize") == 0)
            reply(s, id, initialize(s, params));
        else if (request)
            reply_error(s, id, SERVER_NOT_INITIALIZED, "initialize first");
        return;
    }
    if (s->shutdown) {
        if (request)
            reply_error(s, id, INVALID_REQUEST, "the server is shutting down");
        return;
    }
    if (!request) {
        if (strcmp(method, "textDocument/didOpen") == 0)
            did_open(s, params);
        else if (strcmp(method, "textDocument/didChange") == 0)
            did_change(s, params);
        else if (strcmp(method, "textDocument/didClose") == 0)
            did_close(s, params);
        return; /* initialized, didSave, $/...: nothing to do */
    }
    if (strcmp(method, "initialize") == 0) {
        reply_error(s, id, INVALID_REQUEST, "initialize was sent already");
        return;
    }
    if (strcmp(method, "shutdown") == 0) {
        s->shutdown = true;
        reply(s, id, NULL);
        return;
    }
    for (size_t i = 0; i < sizeof requests / sizeof *requests; i++) {
        if (strcmp(method, requests[i].method) != 0)
            continue;
        int err = 0;
        const char *why = NULL;
        json_t *result = json_is_object(params) ? requests[i].fn(s, params, &err, &why)
                                                : NULL;
        if (!json_is_object(params)) {
            err = INVALID_PARAMS;
            why = "params is an object for this method";
        }
        if (err)
            reply_error(s, id, err, why);
        else
            reply(s, id, result);
        return;
    }
    reply_error(s, id, METHOD_NOT_FOUND, "pathwayc lsp does not answer this method");
}

int pw_lsp_serve(int in, FILE *out, const pw_lsp_options *o)
{
    server s = {.out = out, .o = o};
    pw_rpc_reader *r = pw_rpc_reader_new(in, MAX_BODY);
    while (!s.exited && !s.gone) {
        char *body;
        size_t len;
        pw_rpc_status st = pw_rpc_read(r, &body, &len);
        if (st == PW_RPC_EOF)
            break;
        if (st == PW_RPC_BAD_HEADER) {
            reply_error(&s, NULL, PARSE_ERROR, "a message begins with a Content-Length "
                                               "header and a blank line");
            continue;
        }
        if (st == PW_RPC_TOO_LARGE) {
            reply_error(&s, NULL, INVALID_REQUEST, "the message is larger than the "
                                                   "server takes (64 MiB)");
            continue;
        }
        json_error_t e;
        json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL, &e);
        free(body);
        if (o->log && msg)
            fprintf(o->log, "pathwayc lsp: %s\n",
                    str_at(msg, "method") ? str_at(msg, "method") : "(response)");
        if (!msg)
            reply_error(&s, NULL, PARSE_ERROR, "the message is not JSON");
        else if (!json_is_object(msg))
            reply_error(&s, NULL, INVALID_REQUEST, "a message is a JSON object");
        else
            handle(&s, msg);
        json_decref(msg);
    }
    pw_rpc_reader_free(r);
    for (size_t i = 0; i < s.ndocs; i++)
        free_doc(s.docs[i]);
    free(s.docs);
    for (size_t i = 0; i < s.nroots; i++)
        free(s.roots[i]);
    free(s.roots);
    return s.exited && s.shutdown ? 0 : 1;
}
