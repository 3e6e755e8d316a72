/* Unit tests for the diagram backend: the DOT's structure (read back with
 * cgraph), hostile text that must not break the DOT, the SVG or Graphviz's
 * \N and \G substitution, SVG ids and tooltips (checked with xmllint),
 * byte-identical output, and the PNG signature. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "emit/dot.h"
#include "fixture.h"

/* Only cgraph, to read the DOT back (gvc.h's macros stay in emit_dot.c). */
#include <cgraph.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char small[] =
    "import \"other.pathway\"\n"
    "contact police \"Police\" { phone \"999\" }\n"
    "pathway p \"Small\" {\n"
    "  owner \"o\" version \"1\" review-by 2030-01-01\n"
    "  stage first \"First stage\" {\n"
    "    question ask \"In danger?\" { yes -> call no -> act }\n"
    "    step act \"Do a thing\" {\n"
    "      urgency immediate within 1 hour target 30 minutes personal\n"
    "      contact police next done also call \"if it gets worse\" also other\n"
    "    }\n"
    "  }\n"
    "  outcome call \"Ring 999\" { kind emergency contact police record \"r\" }\n"
    "  outcome done \"Done\" { kind referral record \"r\" review-after 3 months }\n"
    "}\n";

static const char other[] =
    "pathway other \"Other\" { start o outcome o \"O\" { kind advice record \"r\" } }\n";

/* Quotes, backslashes, \N and \G (and Graphviz's other escapes), markup,
 * CDATA and comment ends, C0 and C1 controls, U+FFFE and U+FFFF, bidi
 * marks and overrides, emoji with a joiner, a tab, a newline, entities,
 * and trailing backslashes, in every kind of text the diagram shows. */
static const char hostile[] =
    "contact police \"Police \\\"999\\\" <b>&amp;</b> \\\\\" { phone \"999 \\\\N\" }\n"
    "pathway evil \"Evil \\\"title\\\" \\\\N \\\\G <script>alert(1)</script> end\\\\\" {\n"
    "  stage s1 \"Stage <i>one</i> & \\\"two\\\" \\\\G\\\\\" {\n"
    "    question ask \"Q \\\"quoted\\\" \\\\ back \\\\N \\\\G <script>x</script> "
    "\\u{1}\\u{7}\\u{1b}\\u{7f}\\u{85}\\u{fffe}\\u{ffff} "
    "rtl:\\u{200f}\\u{202e}abc\\u{202c} emoji:\\u{1F6A8}\\u{1F469}\\u{200D}\\u{1F467} "
    "tab\\there\\nnew line &amp; &#65; end\\\\\" {\n"
    "      yes \"Yes \\\\N <b>\\\"\" -> call\n"
    "      no \"\\\\\" -> act\n"
    "    }\n"
    "    step act \"Step ]]> --> <!-- \\\\l\\\\r\\\\n\" {\n"
    "      do \"x \\\\N \\u{1}\" record \"]]> \\\\\" urgency urgent within 2 working-days\n"
    "      next done also call \"why \\\\G <x> \\u{1}\\\\\"\n"
    "    }\n"
    "  }\n"
    "  outcome call \"Call \\\\E \\\\T \\\\H \\\\L\" {\n"
    "    kind emergency urgency immediate contact police record \"r\"\n"
    "  }\n"
    "  outcome done \"Done\" { kind referral record \"r\" }\n"
    "}\n";

/* Language 2's forms, with hostile text in each: `tbc` on the pathway, a
 * stage, a node, a contact (named by two nodes, twice by one) and a form;
 * `by "text"`; band labels (one band without); no emergency route. */
static const char language2[] =
    "contact c \"Contact <c>\" { email \"team@example.org\" "
    "tbc \"c1 \\\\N <script>\" tbc \"c2 &amp;\" }\n"
    "form f \"Form\" { tbc \"f1 \\\\G\\n]]>\" }\n"
    "pathway p \"L2\" {\n"
    "  owner \"o\" version \"1\" review-by 2030-01-01\n"
    "  emergency-route none \"why <b>\\\\N</b> & \\\"so\\\"\"\n"
    "  tbc \"p1 \\\\L\" tbc \"p2 \\u{7}\\u{202e}x\"\n"
    "  stage s \"S\" {\n"
    "    tbc \"s1 </TD>\"\n"
    "    step a \"A\" { by \"the chair <i>\\\\N</i>\" contact c, c form f\n"
    "      consent not-stated \"unsaid\" tbc \"a1 '\" record \"r\" next q }\n"
    "  }\n"
    "  question q \"Q\" { score 0..27 band 0..13 \"Low <&> \\\\N\" -> low\n"
    "    band 14..27 -> high }\n"
    "  outcome low \"Low\" { kind monitor record \"r\" contact c }\n"
    "  outcome high \"High\" { kind referral record \"r\" }\n"
    "}\n";

/* ---- helpers --------------------------------------------------------- */

static char *emit(const pw_graph *g, pw_diagram_format f, size_t *len)
{
    char *data = NULL, err[512];
    size_t n = 0;
    if (!pw_emit_diagram(g, f, NULL, &data, &n, err, sizeof err))
        fail_msg("pw_emit_diagram failed: %s", err);
    assert_string_equal(err, ""); /* not even a warning */
    assert_non_null(data);
    assert_true(n > 0);
    if (len)
        *len = n;
    return data;
}

static pw_fixture *resolve(const char *text)
{
    return pw_fixture_resolve(text, strstr(text, "import") ? "other.pathway" : NULL,
                              other);
}

static const char *attr(void *obj, const char *name)
{
    const char *v = agget(obj, (char *)name);
    return v ? v : "";
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("'%s' not in '%s'", needle, haystack);
}

static void assert_lacks(const char *haystack, const char *needle)
{
    if (strstr(haystack, needle))
        fail_msg("'%s' unexpectedly in the output", needle);
}

/* The edge from a to b whose attribute name contains value, or NULL. */
static Agedge_t *find_edge(Agraph_t *g, const char *a, const char *b,
                           const char *name, const char *value)
{
    Agnode_t *t = agnode(g, (char *)a, 0), *h = agnode(g, (char *)b, 0);
    assert_non_null(t);
    assert_non_null(h);
    for (Agedge_t *e = agfstout(g, t); e; e = agnxtout(g, e))
        if (aghead(e) == h && strstr(attr(e, name), value))
            return e;
    return NULL;
}

/* Writes data to a new temporary file; returns its name (free it). */
static char *temp_file(const char *data, size_t len)
{
    char *name = strdup("/tmp/pw-dot-XXXXXX");
    int fd = mkstemp(name);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    close(fd);
    return name;
}

/* What xmllint prints for an XPath expression on file. */
static char *xpath(const char *file, const char *expr)
{
    char cmd[1024], *out = NULL;
    size_t n = 0;
    snprintf(cmd, sizeof cmd, "xmllint --xpath \"%s\" %s 2>&1", expr, file);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    FILE *m = open_memstream(&out, &n);
    for (int c; (c = fgetc(p)) != EOF;)
        fputc(c, m);
    fclose(m);
    pclose(p);
    while (n && out[n - 1] == '\n')
        out[--n] = '\0';
    return out;
}

static void assert_no_bad_bytes(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p < 0x20 && *p != '\n' && *p != '\t')
            fail_msg("control byte 0x%02x at offset %ld", *p,
                     (long)(p - (const unsigned char *)text));
    assert_lacks(text, "\xC2\x85");     /* U+0085 */
    assert_lacks(text, "\xEF\xBF\xBE"); /* U+FFFE */
    assert_lacks(text, "\xEF\xBF\xBF"); /* U+FFFF */
}

/* text without what the diagram may turn into spaces or line breaks
 * (whitespace, C0 and C1 controls, DEL, U+FFFE, U+FFFF), so that what is
 * left can be compared character for character. Free it. */
static char *squeeze(const char *text)
{
    char *out = malloc(strlen(text) + 1), *o = out;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        if (*p <= 0x20 || *p == 0x7F)
            p++;
        else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            p += 2;
        else if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
            p += 3;
        else
            *o++ = (char)*p++;
    }
    *o = '\0';
    return out;
}

/* A label as Graphviz shows it: tags dropped, entities and doubled
 * backslashes decoded. Free it. */
static char *label_text(const char *label)
{
    static const char *const ent[][2] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
    char *out = malloc(strlen(label) + 1), *o = out;
    for (const char *p = label; *p;) {
        size_t k = 0;
        if (*p == '<') {
            p = strchr(p, '>') + 1;
            *o++ = ' ';
            continue;
        }
        if (p[0] == '\\' && p[1] == '\\') {
            *o++ = '\\';
            p += 2;
            continue;
        }
        for (; k < 5 && strncmp(p, ent[k][0], strlen(ent[k][0])); k++)
            ;
        if (k < 5) {
            *o++ = ent[k][1][0];
            p += strlen(ent[k][0]);
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

/* A tooltip as Graphviz shows it: \\\\ is one backslash, \n a newline,
 * &amp; an ampersand. Free it. */
static char *tooltip_text(const char *tip)
{
    char *out = malloc(strlen(tip) + 1), *o = out;
    for (const char *p = tip; *p;) {
        if (!strncmp(p, "\\\\\\\\", 4))
            *o++ = '\\', p += 4;
        else if (!strncmp(p, "\\n", 2))
            *o++ = '\n', p += 2;
        else if (!strncmp(p, "&amp;", 5))
            *o++ = '&', p += 5;
        else
            *o++ = *p++;
    }
    *o = '\0';
    return out;
}

/* What obj's label (and tooltip, when tip) shows holds text, give or
 * take the characters squeeze drops. */
static void assert_shows(void *obj, const char *text, bool tip)
{
    char *want = squeeze(text);
    char *raw = label_text(attr(obj, "label")), *got = squeeze(raw);
    assert_contains(got, want);
    free(raw);
    free(got);
    if (tip) {
        raw = tooltip_text(attr(obj, "tooltip"));
        got = squeeze(raw);
        assert_contains(got, want);
        free(raw);
        free(got);
    }
    free(want);
}

/* What obj's tooltip shows holds text (see assert_shows). */
static void assert_tip_shows(void *obj, const char *text)
{
    char *want = squeeze(text);
    char *raw = tooltip_text(attr(obj, "tooltip")), *got = squeeze(raw);
    assert_contains(got, want);
    free(raw);
    free(got);
    free(want);
}

/* ---- tests ----------------------------------------------------------- */

static void test_dot_structure(void **state)
{
    (void)state;
    pw_fixture *fx = resolve(small);
    char *dot = emit(pw_fixture_graph(fx), PW_DIAGRAM_DOT, NULL);
    Agraph_t *d = agmemread(dot);
    assert_non_null(d);
    Agraph_t *top = agsubg(d, "cluster_pathway", 0);
    assert_non_null(top);
    assert_contains(attr(top, "label"), "Small");
    Agraph_t *stage = agsubg(top, "cluster_stage_first", 0);
    assert_non_null(stage);
    assert_contains(attr(stage, "label"), "First stage");
    assert_non_null(agsubg(top, "cluster_key", 0));
    Agnode_t *ask = agnode(d, "ask", 0), *act = agnode(d, "act", 0);
    Agnode_t *call = agnode(d, "call", 0), *done = agnode(d, "done", 0);
    assert_non_null(agsubnode(stage, ask, 0));
    assert_non_null(agsubnode(stage, act, 0));
    assert_null(agsubnode(stage, call, 0));
    assert_string_equal(attr(ask, "shape"), "diamond");
    assert_string_equal(attr(act, "style"), "rounded,filled");
    assert_string_equal(attr(act, "shape"), "box");
    assert_string_equal(attr(call, "shape"), "doubleoctagon");
    assert_string_equal(attr(done, "peripheries"), "2");
    assert_string_equal(attr(ask, "id"), "node-ask");
    assert_contains(attr(ask, "label"), "In danger?");
    assert_contains(attr(ask, "label"), "START HERE");
    assert_contains(attr(act, "label"), "IMMEDIATE");
    assert_contains(attr(act, "label"), "Within 1 hour · Target 30 minutes");
    assert_contains(attr(act, "label"), "cannot be handed on");
    assert_contains(attr(done, "label"), "Review after 3 months");
    assert_contains(attr(done, "label"), "OUTCOME: REFERRAL");
    assert_contains(attr(call, "label"), "EMERGENCY");
    assert_contains(attr(call, "label"), "Police: <B>999</B>");
    assert_contains(attr(act, "tooltip"), "Step: Do a thing\\nStage: First stage");

    Agedge_t *yes = find_edge(d, "ask", "call", "label", "Yes");
    assert_non_null(yes);
    assert_string_equal(attr(yes, "penwidth"), "3"); /* the emergency route */
    assert_string_equal(attr(yes, "id"), "answer-ask.yes");
    assert_non_null(find_edge(d, "ask", "act", "label", "No"));
    Agedge_t *also = find_edge(d, "act", "call", "style", "dashed");
    assert_non_null(also);
    assert_contains(attr(also, "label"), "if it gets worse");
    Agedge_t *next = find_edge(d, "act", "done", "id", "next-act");
    assert_non_null(next);
    assert_string_equal(attr(next, "style"), "");
    Agedge_t *out = find_edge(d, "act", "pathway:other", "style", "dashed");
    assert_non_null(out);
    assert_string_equal(attr(aghead(out), "shape"), "tab");
    agclose(d);
    free(dot);
    pw_fixture_free(fx);
}

static void test_hostile_dot_reads_back(void **state)
{
    (void)state;
    pw_fixture *fx = resolve(hostile);
    const pw_graph *g = pw_fixture_graph(fx);
    char *dot = emit(g, PW_DIAGRAM_DOT, NULL);
    assert_no_bad_bytes(dot);
    /* Names are plain strings of the pool: a name that is not (once, a
     * copy of our own) can read as HTML, at random, and be written <ask>. */
    assert_lacks(dot, "<ask>");
    assert_lacks(dot, "subgraph <");
    Agraph_t *d = agmemread(dot);
    if (!d)
        fail_msg("the DOT does not parse:\n%s", dot);
    /* Every text the pathway gave is in the label and tooltip read back. */
    Agraph_t *top = agsubg(d, "cluster_pathway", 0);
    assert_non_null(top);
    assert_shows(top, g->title, true);
    assert_shows(agsubg(top, "cluster_stage_s1", 0), g->stages[0].title, true);
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *n = &g->nodes[i];
        Agnode_t *v = agnode(d, (char *)n->id, 0);
        assert_non_null(v);
        assert_true(aghtmlstr((char *)attr(v, "label")));
        assert_shows(v, n->title, true);
        for (size_t k = 0; k < n->nanswers; k++) {
            const char *to = g->nodes[n->answers[k].target].id;
            Agedge_t *e = find_edge(d, n->id, to, "tooltip", "Answer");
            assert_non_null(e);
            assert_shows(e, n->answers[k].label, true);
        }
    }
    assert_shows(agnode(d, "call", 0), "Police \"999\" <b>&amp;</b> \\: 999 \\N", false);
    assert_shows(find_edge(d, "act", "call", "style", "dashed"), "why \\G <x> \\", false);
    /* and in the form the notes call for */
    const char *label = attr(agnode(d, "ask", 0), "label");
    assert_contains(label, "1.\u00a0Q &quot;quoted&quot; \\\\ back \\\\N \\\\G<BR/>");
    assert_contains(label, "&lt;script&gt;x&lt;/script&gt;");
    assert_contains(label, "&amp;amp; &amp;#65; end\\\\</B>");
    assert_lacks(label, "<script");
    assert_contains(attr(agnode(d, "ask", 0), "tooltip"), "back \\\\\\\\N \\\\\\\\G <script>");
    Agedge_t *no = find_edge(d, "ask", "act", "id", "answer-ask.no");
    assert_non_null(no);
    assert_string_equal(attr(no, "label"), "<FONT POINT-SIZE=\"9\">\\\\</FONT>");
    agclose(d);
    free(dot);
    pw_fixture_free(fx);
}

static void test_hostile_svg_is_xml(void **state)
{
    (void)state;
    pw_fixture *fx = resolve(hostile);
    size_t len;
    char *svg = emit(pw_fixture_graph(fx), PW_DIAGRAM_SVG, &len);
    assert_int_equal(strlen(svg), len);
    assert_no_bad_bytes(svg);
    char *file = temp_file(svg, len);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "xmllint --noout --nonet %s", file);
    assert_int_equal(system(cmd), 0);
    assert_lacks(svg, "<script");
    /* No substitution: \N, \G, \E, \T, \H, \L are shown as written. */
    assert_contains(svg, "back \\N \\G</text>");
    assert_contains(svg, ">&lt;script&gt;x&lt;/script&gt; ");
    assert_contains(svg, ">3.\u00a0Call \\E \\T \\H \\L</text>");
    assert_contains(svg, "Evil &quot;title&quot; \\N \\G &lt;script&gt;");
    assert_contains(svg, "end\\</text>");
    char *tip = xpath(file, "string(//*[@id='node-ask']//@*[local-name()='title'])");
    assert_contains(tip, "Question: Q \"quoted\" \\ back \\N \\G <script>x</script>");
    assert_contains(tip, "new line &amp; &#65; end\\");
    free(tip);
    unlink(file);
    free(file);
    free(svg);
    pw_fixture_free(fx);
}

/* What is to be confirmed is marked where it belongs and listed, numbered,
 * in the key; band labels on the band edges; `by "text"` in the tooltip
 * as a role is; why there is no emergency route under the title (and no
 * emergency in the key). Every text read back as written. */
static void test_language2_forms(void **state)
{
    (void)state;
    pw_fixture *fx = resolve(language2);
    const pw_graph *g = pw_fixture_graph(fx);
    char *dot = emit(g, PW_DIAGRAM_DOT, NULL);
    assert_no_bad_bytes(dot);
    Agraph_t *d = agmemread(dot);
    if (!d)
        fail_msg("the DOT does not parse:\n%s", dot);
    Agraph_t *top = agsubg(d, "cluster_pathway", 0);
    assert_contains(attr(top, "label"), "To be confirmed: 1, 2 (see the key)");
    assert_shows(top, g->meta[PW_F_PATHWAY_EMERGENCY_ROUTE].text.text, false);
    assert_tip_shows(top, g->meta[PW_F_PATHWAY_TBC].texts.at[0]);
    assert_tip_shows(top, g->meta[PW_F_PATHWAY_TBC].texts.at[1]);
    Agraph_t *stage = agsubg(top, "cluster_stage_s", 0);
    assert_contains(attr(stage, "label"), "To be confirmed: 3");
    assert_tip_shows(stage, g->stages[0].tbc.at[0]);
    /* a: its own (4), the contact's (5, 6) once, the form's (7) */
    Agnode_t *a = agnode(d, "a", 0), *low = agnode(d, "low", 0);
    assert_contains(attr(a, "label"), "To be confirmed: 4, 5, 6, 7<");
    assert_contains(attr(low, "label"), "To be confirmed: 5, 6<");
    assert_lacks(attr(agnode(d, "high", 0), "label"), "To be confirmed");
    assert_tip_shows(a, "To be confirmed: a1 '");
    const char *tip = attr(a, "tooltip");
    assert_contains(tip, "By: the chair <i>\\\\\\\\N</i>");
    assert_contains(tip, "Consent: not stated — ask your DSL: unsaid");
    assert_contains(tip, "; to be confirmed: c1 \\\\\\\\N <script>");
    Agnode_t *key = agnode(d, "@key-tbc", 0);
    assert_non_null(key);
    assert_null(agnode(d, "@key-emergency", 0));
    const char *const listed[] = {"1 p1 \\L", "2 p2", "3 s1 </TD>", "4 a1 '",
                                  "5 Contact <c>: c1 \\N <script>",
                                  "6 Contact <c>: c2 &amp;", "7 Form: f1 \\G"};
    for (size_t i = 0; i < sizeof listed / sizeof *listed; i++)
        assert_shows(key, listed[i], false);
    assert_contains(attr(key, "label"), "c1 \\\\N &lt;script&gt;");
    Agedge_t *band = find_edge(d, "q", "low", "id", "answer-q.0-13");
    assert_non_null(band);
    assert_shows(band, "0–13: Low <&> \\N", true);
    assert_contains(attr(band, "label"), "Low &lt;&amp;&gt; \\\\N");
    Agedge_t *plain = find_edge(d, "q", "high", "id", "answer-q.14-27");
    assert_string_equal(attr(plain, "label"), "<FONT POINT-SIZE=\"9\">14–27</FONT>");
    agclose(d);
    free(dot);

    size_t len;
    char *svg = emit(g, PW_DIAGRAM_SVG, &len);
    char *file = temp_file(svg, len);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "xmllint --noout --nonet %s", file);
    assert_int_equal(system(cmd), 0);
    assert_lacks(svg, "<script");
    assert_contains(svg, ">0–13: Low &lt;&amp;&gt; \\N</text>");
    unlink(file);
    free(file);
    free(svg);
    pw_fixture_free(fx);
}

/* Every node: an element with id "node-ID", a <title> in it, and a
 * tooltip with the node's full title. */
/* Every node's title starts with the number the checklist gives it
 * ("2. Do a thing", a no-break space after the point); the key's
 * examples and another pathway's node are not numbered. */
static void test_numbered_as_the_checklist(void **state)
{
    (void)state;
    pw_fixture *fx = resolve(small);
    const pw_graph *g = pw_fixture_graph(fx);
    char *dot = emit(g, PW_DIAGRAM_DOT, NULL);
    Agraph_t *d = agmemread(dot);
    assert_non_null(d);
    for (size_t i = 0; i < g->nnodes; i++) {
        char want[64];
        snprintf(want, sizeof want, "<B>%d.\u00a0%s</B>", g->nodes[i].index + 1,
                 g->nodes[i].title);
        assert_contains(attr(agnode(d, (char *)g->nodes[i].id, 0), "label"), want);
    }
    assert_contains(attr(agnode(d, "act", 0), "label"), "<B>2.\u00a0Do a thing</B>");
    for (Agnode_t *v = agfstnode(d); v; v = agnxtnode(d, v))
        if (agnameof(v)[0] == '@' || strncmp(agnameof(v), "pathway:", 8) == 0)
            assert_lacks(attr(v, "label"), ".\u00a0");
    agclose(d);
    free(dot);
    pw_fixture_free(fx);
}

static void test_svg_ids_and_tooltips(void **state)
{
    (void)state;
    pw_fixture *fx = resolve(small);
    const pw_graph *g = pw_fixture_graph(fx);
    size_t len;
    char *svg = emit(g, PW_DIAGRAM_SVG, &len);
    char *file = temp_file(svg, len);
    char expr[512];
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *n = &g->nodes[i];
        snprintf(expr, sizeof expr,
                 "string(//*[@id='node-%s']/*[local-name()='title'])", n->id);
        char *title = xpath(file, expr);
        assert_string_equal(title, n->id);
        free(title);
        snprintf(expr, sizeof expr,
                 "string(//*[@id='node-%s']//@*[local-name()='title'])", n->id);
        char *tip = xpath(file, expr);
        assert_contains(tip, n->title);
        free(tip);
    }
    char *stage = xpath(file, "count(//*[@id='stage-first'])");
    assert_string_equal(stage, "1");
    free(stage);
    unlink(file);
    free(file);
    free(svg);
    pw_fixture_free(fx);
}

/* Two resolutions of the same text give the same bytes, twice over. */
static void test_byte_identical(void **state)
{
    (void)state;
    const pw_diagram_format formats[] = {PW_DIAGRAM_DOT, PW_DIAGRAM_SVG};
    for (size_t k = 0; k < 2; k++) {
        pw_fixture *a = resolve(hostile), *b = resolve(hostile);
        size_t n1, n2, n3;
        char *one = emit(pw_fixture_graph(a), formats[k], &n1);
        char *two = emit(pw_fixture_graph(b), formats[k], &n2);
        char *three = emit(pw_fixture_graph(a), formats[k], &n3);
        assert_int_equal(n1, n2);
        assert_int_equal(n1, n3);
        assert_memory_equal(one, two, n1);
        assert_memory_equal(one, three, n1);
        free(one);
        free(two);
        free(three);
        pw_fixture_free(a);
        pw_fixture_free(b);
    }
}

static void test_png_signature(void **state)
{
    (void)state;
    pw_fixture *fx = resolve(small);
    size_t len;
    char *png = emit(pw_fixture_graph(fx), PW_DIAGRAM_PNG, &len);
    assert_true(len > 8);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    free(png);
    pw_fixture_free(fx);
}

/* The caller's Graphviz error handler is put back afterwards. */
static int caller_handler(char *msg)
{
    (void)msg;
    return 0;
}

static void test_error_handler_restored(void **state)
{
    (void)state;
    pw_fixture *fx = resolve(small);
    agusererrf before = agseterrf(caller_handler);
    free(emit(pw_fixture_graph(fx), PW_DIAGRAM_DOT, NULL));
    assert_ptr_equal(agseterrf(before), caller_handler);
    pw_fixture_free(fx);
}

static int release(void **state)
{
    (void)state;
    pw_diagram_release();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dot_structure),
        cmocka_unit_test(test_hostile_dot_reads_back),
        cmocka_unit_test(test_hostile_svg_is_xml),
        cmocka_unit_test(test_svg_ids_and_tooltips),
        cmocka_unit_test(test_numbered_as_the_checklist),
        cmocka_unit_test(test_language2_forms),
        cmocka_unit_test(test_byte_identical),
        cmocka_unit_test(test_png_signature),
        cmocka_unit_test(test_error_handler_restored),
    };
    return cmocka_run_group_tests_name("dot", tests, NULL, release);
}
