/* fuzz_html — libFuzzer harness for the checklist page (emit/html.c):
 * any bytes compiled as a .pathway file and, when clean, written as its
 * checklist (without a diagram: no layout, to keep runs fast). The page
 * is then read as HTML, and nothing in it may come from the pathway but
 * escaped text:
 *
 *   - every tag is well formed, of an element the emitter writes (the
 *     allow-list below), with only attributes it writes, each value
 *     double-quoted; start and end tags nest, the void elements aside;
 *   - outside tags, '<' only opens a tag and '>' only closes one, and
 *     '&' only begins an entity (&name; &#N; &#xH;), in text and in
 *     attribute values alike: text from the pathway is escaped;
 *   - every link (href) is one the emitter makes: #fragment, tel:,
 *     mailto:, http://, https://, or a page of the build (ID.html); no
 *     value, once its entities are read, begins with javascript:, data:
 *     or vbscript:;
 *   - the one <style> holds the built-in style sheet (assets.h), byte for
 *     byte; the one <script> without attributes holds the same bytes on
 *     every page, ending with the built-in script (assets.h: the runtime
 *     the checklist walks with may come first); a data block, <script
 *     type="application/json">, if the page has one, holds no '<' and is
 *     JSON equal to the pathway's table;
 *   - the pathway's title, and each node's title, is on the page, escaped
 *     as emit/markup.h says (a newline as <br>).
 *
 * The index of the file's pathways (pw_emit_index) is read the same way,
 * its script the index's, each pathway's title on it.
 *
 * A broken promise is a trap, which libFuzzer keeps as a crash. When html.c
 * comes to write a new element or attribute, it goes in the lists below. An
 * input that does not compile is left out of the corpus (the harness
 * returns -1): the front end's errors are fuzz_front's. Built and run by
 * tests/fuzz/fuzz.mk (docs/fuzzing.md). */
#include "support.h"

#include "emit/assets.h"
#include "emit/html.h"
#include "emit/markup.h"
#include "emit/table.h"
#include "support/text.h"

#include <jansson.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What emit/html.c writes: its elements and attributes. */
static const char *const elements[] = {
    "a",      "article", "body",   "br",       "button", "code",   "dd",       "details",
    "div",    "dl",      "dt",     "fieldset", "footer", "h1",     "h2",       "h3",
    "h4",     "h5",      "h6",     "head",     "header", "html",   "input",    "label",
    "legend", "li",      "main",   "meta",     "nav",    "p",      "pre",      "script",
    "section", "span",   "strong", "style",    "summary", "svg",   "textarea", "title",
    "ul",     NULL};
static const char *const void_elements[] = {"br", "meta", "input", NULL};
static const char *const attributes[] = {
    "aria-describedby", "aria-hidden", "aria-label", "aria-labelledby", "autocomplete",
    "charset",     "checked",    "class",       "content",     "data-band",  "data-called",
    "data-hash",   "data-in",    "data-kind",   "data-mode",   "data-next",  "data-node",
    "data-pathway", "data-reached", "data-start", "data-status", "data-target", "data-then",
    "data-tick",   "data-version", "font-size", "for",         "height",     "hidden",
    "href",        "http-equiv", "id",          "lang",        "name",       "open",
    "readonly",    "role",       "rows",        "spellcheck",  "tabindex",   "target",
    "type",        "value",      "viewBox",     "width",       NULL};

/* Where the scan is, shown when a check fails. */
static const char *scan_at;

#define HTML_CHECK(x)                                                                    \
    do {                                                                                 \
        if (!(x)) {                                                                      \
            fprintf(stderr, "fuzz_html: at \"%.120s\"\n", scan_at ? scan_at : "");       \
            fuzz_fail(__FILE__, __LINE__, #x);                                           \
        }                                                                                \
    } while (0)

static bool listed(const char *const *list, const char *s, size_t n)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
            return true;
    return false;
}

/* An entity at s (after its '&'): its length with the ';', or 0. */
static size_t entity(const char *s)
{
    size_t i = 0;
    if (s[0] == '#' && (s[1] == 'x' || s[1] == 'X')) {
        for (i = 2; isxdigit((unsigned char)s[i]); i++)
            ;
        return i > 2 && s[i] == ';' ? i + 1 : 0;
    }
    if (s[0] == '#') {
        for (i = 1; isdigit((unsigned char)s[i]); i++)
            ;
        return i > 1 && s[i] == ';' ? i + 1 : 0;
    }
    while (isalnum((unsigned char)s[i]))
        i++;
    return i > 0 && s[i] == ';' ? i + 1 : 0;
}

/* An attribute value s[0..n) with its entities read (the five the
 * escaper writes, and numeric ones as one byte when ASCII). */
static char *decoded(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t e = s[i] == '&' ? entity(s + i + 1) : 0;
        if (!e) {
            d[k++] = s[i++];
            continue;
        }
        const char *name = s + i + 1;
        long code = name[0] != '#' ? -1
                    : name[1] == 'x' || name[1] == 'X' ? strtol(name + 2, NULL, 16)
                                                      : strtol(name + 1, NULL, 10);
        if (strncmp(name, "amp;", 4) == 0)
            d[k++] = '&';
        else if (strncmp(name, "lt;", 3) == 0)
            d[k++] = '<';
        else if (strncmp(name, "gt;", 3) == 0)
            d[k++] = '>';
        else if (strncmp(name, "quot;", 5) == 0)
            d[k++] = '"';
        else if (code > 0 && code < 128)
            d[k++] = (char)code;
        else
            d[k++] = '?';
        i += 1 + e;
    }
    d[k] = '\0';
    return d;
}

/* A link the emitter makes. */
static bool good_href(const char *v)
{
    static const char *const schemes[] = {"#", "tel:", "mailto:", "http://", "https://",
                                          NULL};
    for (size_t i = 0; schemes[i]; i++)
        if (strncmp(v, schemes[i], strlen(schemes[i])) == 0)
            return true;
    /* a file of the build: ID.html (or ID.html#fragment), ID.svg, ID.json,
     * ID a pathway id (or "index") */
    static const char *const files[] = {".html", ".svg", ".json", NULL};
    size_t n = strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
    for (size_t i = 0; n > 0 && files[i]; i++) {
        size_t k = strlen(files[i]);
        if (strncmp(v + n, files[i], k) == 0 && (v[n + k] == '\0' || v[n + k] == '#'))
            return true;
    }
    return false;
}

static void check_value(const char *name, size_t nlen, const char *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        HTML_CHECK(v[i] != '<' && v[i] != '>');
        HTML_CHECK(v[i] != '&' || entity(v + i + 1) > 0);
    }
    char *d = decoded(v, n);
    const char *s = d;
    while (*s && isspace((unsigned char)*s))
        s++;
    HTML_CHECK(strncasecmp(s, "javascript:", 11) != 0);
    HTML_CHECK(strncasecmp(s, "vbscript:", 9) != 0);
    HTML_CHECK(strncasecmp(s, "data:", 5) != 0);
    if (nlen == 4 && memcmp(name, "href", 4) == 0)
        HTML_CHECK(good_href(d));
    free(d);
}

/* The attributes of a start tag, from s to its '>': returns the place
 * after it. */
static const char *attributes_of(const char *s, bool *self_closing)
{
    for (;;) {
        while (*s == ' ' || *s == '\n')
            s++;
        if (*s == '>')
            return s + 1;
        if (s[0] == '/' && s[1] == '>') {
            *self_closing = true;
            return s + 2;
        }
        const char *name = s;
        while (isalnum((unsigned char)*s) || *s == '-' || *s == ':')
            s++;
        HTML_CHECK(s > name);
        HTML_CHECK(listed(attributes, name, (size_t)(s - name)));
        if (*s != '=')
            continue; /* a boolean attribute: hidden, open */
        HTML_CHECK(s[1] == '"');
        const char *v = s + 2, *end = strchr(v, '"');
        HTML_CHECK(end != NULL);
        check_value(name, (size_t)(s - name), v, (size_t)(end - v));
        s = end + 1;
        HTML_CHECK(*s == ' ' || *s == '\n' || *s == '>' || *s == '/');
    }
}

typedef struct scan {
    const char *stack[256];
    size_t depth;
    size_t styles, scripts, data;
    int kind;               /* 0: a checklist, 1: the index */
    const char *table_json; /* a checklist's table, for its data block */
} scan;

/* A raw-text element's content (<style>, <script>), from s: it must be
 * the asset, then its end tag. Returns the place after the end tag. */
static const char *raw_text(const char *s, const char *asset, const char *end_tag)
{
    size_t n = strlen(asset);
    HTML_CHECK(strncmp(s, asset, n) == 0);
    HTML_CHECK(strncmp(s + n, end_tag, strlen(end_tag)) == 0);
    return s + n + strlen(end_tag);
}

/* The page's script, from s: the same bytes on every page of its kind
 * (nothing of a pathway in it), ending with the built-in script of its
 * kind (the checklist's may follow the pathway runtime it walks with).
 * Returns the place after its end tag. */
static const char *script(scan *sc, const char *s)
{
    static char *seen[2];
    const char *end = strstr(s, "</script>");
    HTML_CHECK(end != NULL);
    size_t n = (size_t)(end - s);
    const char *own = sc->kind ? pw_asset_index_js : pw_asset_checklist_js;
    HTML_CHECK(n >= strlen(own) && memcmp(end - strlen(own), own, strlen(own)) == 0);
    if (!seen[sc->kind])
        seen[sc->kind] = strndup(s, n);
    HTML_CHECK(strlen(seen[sc->kind]) == n && memcmp(seen[sc->kind], s, n) == 0);
    return end + strlen("</script>");
}

/* A checklist's data block (<script type="application/json">), from s:
 * no '<' in it, so nothing of the pathway can end it, and JSON that is
 * the pathway's table. Returns the place after its end tag. */
static const char *data_block(scan *sc, const char *s)
{
    HTML_CHECK(sc->table_json != NULL);
    const char *end = strstr(s, "</script>");
    HTML_CHECK(end != NULL);
    HTML_CHECK(memchr(s, '<', (size_t)(end - s)) == NULL);
    json_error_t e;
    json_t *got = json_loadb(s, (size_t)(end - s), JSON_REJECT_DUPLICATES, &e);
    json_t *want = json_loads(sc->table_json, 0, &e);
    HTML_CHECK(got != NULL && want != NULL && json_equal(got, want));
    json_decref(got);
    json_decref(want);
    return end + strlen("</script>");
}

/* One tag at s (at its '<'); returns the place after it. */
static const char *tag(scan *sc, const char *s)
{
    bool end = s[1] == '/', self_closing = false;
    scan_at = s;
    const char *name = s + 1 + end, *p = name;
    while (isalnum((unsigned char)*p))
        p++;
    size_t n = (size_t)(p - name);
    HTML_CHECK(n > 0 && listed(elements, name, n));
    if (end) {
        HTML_CHECK(*p == '>');
        HTML_CHECK(sc->depth > 0);
        const char *open = sc->stack[--sc->depth];
        HTML_CHECK(strlen(open) == n && memcmp(open, name, n) == 0);
        return p + 1;
    }
    HTML_CHECK(*p == ' ' || *p == '>' || *p == '/' || *p == '\n');
    p = attributes_of(p, &self_closing);
    if (n == 5 && memcmp(name, "style", 5) == 0) {
        sc->styles++;
        return raw_text(p, pw_asset_checklist_css, "</style>");
    }
    static const char data_tag[] = "<script type=\"application/json\"";
    if (n == 6 && strncmp(s, data_tag, sizeof data_tag - 1) == 0) {
        sc->data++;
        return data_block(sc, p);
    }
    if (n == 6 && memcmp(name, "script", 6) == 0) {
        HTML_CHECK(s[7] == '>'); /* no attributes */
        sc->scripts++;
        return script(sc, p);
    }
    for (size_t i = 0; void_elements[i]; i++)
        if (strlen(void_elements[i]) == n && memcmp(void_elements[i], name, n) == 0)
            return p;
    if (!self_closing) {
        HTML_CHECK(sc->depth < sizeof sc->stack / sizeof *sc->stack);
        for (size_t i = 0; elements[i]; i++)
            if (strlen(elements[i]) == n && memcmp(elements[i], name, n) == 0)
                sc->stack[sc->depth++] = elements[i];
    }
    return p;
}

/* A page: kind 0 a checklist, whose table is table_json; 1 the index. */
static void check_page(const char *html, int kind, const char *table_json)
{
    static const char doctype[] = "<!DOCTYPE html>\n";
    HTML_CHECK(strncmp(html, doctype, sizeof doctype - 1) == 0);
    scan sc = {.depth = 0, .kind = kind, .table_json = table_json};
    for (const char *s = html + sizeof doctype - 1; *s;) {
        if (*s == '<') {
            s = tag(&sc, s);
            continue;
        }
        HTML_CHECK(*s != '>');
        HTML_CHECK(*s != '&' || entity(s + 1) > 0);
        s++;
    }
    HTML_CHECK(sc.depth == 0);
    HTML_CHECK(sc.styles == 1 && sc.scripts == 1 && sc.data <= 1);
}

/* text as the page's text() writes it. */
static void escaped(pw_text_buf *b, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t c = pw_utf8_next(s + i, n - i, &k);
        if (c == '\n')
            pw_tb_add(b, "<br>");
        else
            pw_markup_char(b, s + i, k, c);
    }
}

static void check_shown(const char *html, const char *text)
{
    pw_text_buf b = {0};
    escaped(&b, text);
    FUZZ_CHECK(strstr(html, pw_tb_str(&b)) != NULL);
    pw_tb_free(&b);
}

static void checklist(const pw_program *prog, const pw_graph *g)
{
    char hash[PW_TABLE_HASH_SIZE], err[512];
    FUZZ_CHECK(pw_table_hash(g, hash, err, sizeof err));
    /* `also` links to the other pathways of the file, and to cse */
    const char *siblings[16];
    size_t nsiblings = 0;
    siblings[nsiblings++] = "cse";
    for (size_t i = 0; i < pw_program_graph_count(prog) && nsiblings < 16; i++)
        siblings[nsiblings++] = pw_program_graph(prog, i)->id;
    pw_html_options o = {hash, {2025, 6, 1, {0, 0}}, NULL, 0, false, siblings, nsiblings};
    char *html = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&html, &len);
    FUZZ_CHECK(f != NULL);
    bool made = pw_emit_html(g, &o, f, err, sizeof err);
    FUZZ_CHECK(fclose(f) == 0);
    if (!made) {
        fprintf(stderr, "fuzz_html: a clean pathway's checklist was refused: %s\n", err);
        FUZZ_CHECK(made);
    }
    FUZZ_CHECK(strlen(html) == len); /* no NUL from the pathway */
    char *table = fuzz_table_json(g, NULL);
    check_page(html, 0, table);
    free(table);
    check_shown(html, g->title ? g->title : g->id);
    for (size_t i = 0; i < g->nnodes; i++)
        check_shown(html, g->nodes[i].title ? g->nodes[i].title : g->nodes[i].id);
    free(html);
}

/* The index of the file's pathways, as a build with SVG and JSON writes it. */
static void index_page(const pw_program *prog)
{
    size_t n = pw_program_graph_count(prog);
    const pw_graph **gs = calloc(n ? n : 1, sizeof *gs);
    for (size_t i = 0; i < n; i++)
        gs[i] = pw_program_graph(prog, i);
    static const char *const exts[] = {"svg", "json"};
    char *html = NULL, err[512];
    size_t len = 0;
    FILE *f = open_memstream(&html, &len);
    FUZZ_CHECK(f != NULL);
    bool made = pw_emit_index(gs, n, exts, 2, (pw_date){2025, 6, 1, {0, 0}}, f, err,
                              sizeof err);
    FUZZ_CHECK(fclose(f) == 0 && made);
    FUZZ_CHECK(strlen(html) == len);
    check_page(html, 1, NULL);
    for (size_t i = 0; i < n; i++)
        check_shown(html, gs[i]->title ? gs[i]->title : gs[i]->id);
    free(html);
    free(gs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_compiled c = fuzz_compile(data, size, "main.pathway");
    for (size_t i = 0; c.clean && i < pw_program_graph_count(c.prog); i++)
        checklist(c.prog, pw_program_graph(c.prog, i));
    if (c.clean)
        index_page(c.prog);
    bool clean = c.clean;
    fuzz_compiled_free(&c);
    return clean ? 0 : -1; /* only clean pathways go into the corpus */
}
