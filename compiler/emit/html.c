/* html — the checklist page and the index (see emit/html.h and
 * docs/checklist.md).
 *
 * Every text from a pathway reaches the page through one of two
 * escapers: text() for element content and attr() for attribute values.
 * Both write & < > " ' as entities and turn control characters into
 * spaces (markup.h, shared with the diagram's labels); text() writes a
 * newline as <br>, attr() as a space. Links are written only from
 * what the compiler has checked: web addresses start with http:// or
 * https:// (front/actions.c refuses anything else) and are percent-encoded where
 * a character could end the attribute or the URL; phone numbers keep only
 * digits and a leading +; emails are percent-encoded but for the few
 * characters an address needs.
 *
 * The page's Content-Security-Policy allows exactly its one style sheet
 * and one script, by their SHA-256 hashes, and nothing else: no request
 * of any kind, no other script, even one that slipped past escaping. */
#include "emit/html.h"

#include "emit/assets.h"
#include "emit/markup.h"
#include "emit/table.h"
#include "support/arena.h"
#include "support/dates.h"
#include "support/text.h"
#include "support/version.h"

#include <openssl/evp.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct page {
    pw_text_buf b;
    const pw_graph *g;
    const pw_html_options *o; /* NULL for the index */
    pw_date today;
} page;

/* ---- escaping --------------------------------------------------------- */

/* s as markup (markup.h), a newline as <br> (a space in an attribute). */
static void escaped(pw_text_buf *b, const char *s, bool in_attr)
{
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t c = pw_utf8_next(s + i, n - i, &k);
        if (c == '\n')
            pw_tb_add(b, in_attr ? " " : "<br>");
        else
            pw_markup_char(b, s + i, k, c);
    }
}

static void text(page *p, const char *s)
{
    escaped(&p->b, s, false);
}

static void attr(page *p, const char *s)
{
    escaped(&p->b, s, true);
}

static void out(page *p, const char *s)
{
    pw_tb_add(&p->b, s);
}

static void outf(page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void outf(page *p, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        pw_tb_addn(&p->b, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* s percent-encoded but for the bytes in keep (and letters and digits). */
static void percent(page *p, const char *s, const char *keep)
{
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') ||
            (*u >= '0' && *u <= '9') || (*u && strchr(keep, *u)))
            pw_tb_addn(&p->b, (const char *)u, 1);
        else
            outf(p, "%%%02X", *u);
    }
}

/* href="URL" for a web address the compiler checked (http or https). The
 * characters URLs use are kept; quotes, <, >, spaces, controls and
 * non-ASCII bytes are percent-encoded; & is written as &amp;. */
static void href_url(page *p, const char *url)
{
    out(p, " href=\"");
    for (const char *s = url; *s; s++) {
        if (*s == '&')
            out(p, "&amp;");
        else {
            char one[2] = {*s, '\0'};
            percent(p, one, "-._~:/?#[]@!$()*+,;=%");
        }
    }
    out(p, "\"");
}

/* A tel: link, or plain text when the number has no digits. */
static void phone_link(page *p, const char *phone)
{
    char digits[64];
    size_t n = 0;
    for (const char *s = phone; *s && n + 1 < sizeof digits; s++)
        if ((*s >= '0' && *s <= '9') || (*s == '+' && n == 0))
            digits[n++] = *s;
    digits[n] = '\0';
    if (!strpbrk(digits, "0123456789")) {
        text(p, phone);
        return;
    }
    outf(p, "<a href=\"tel:%s\">", digits);
    text(p, phone);
    out(p, "</a>");
}

static void email_link(page *p, const char *email)
{
    out(p, "<a href=\"mailto:");
    percent(p, email, "@.-_+");
    out(p, "\">");
    text(p, email);
    out(p, "</a>");
}

static void web_link(page *p, const char *url, const char *label)
{
    out(p, "<a");
    href_url(p, url);
    out(p, ">");
    text(p, label ? label : url);
    out(p, "</a>");
}

/* ---- words ------------------------------------------------------------ */

/* "30 November 2025" */
static void date(page *p, pw_date d)
{
    if (pw_date_month_name(d.month))
        outf(p, "%d %s %d", d.day, pw_date_month_name(d.month), d.year);
}

static bool passed(const page *p, pw_date d)
{
    return d.year && p->today.year && pw_date_compare(d, p->today) < 0;
}

/* "1 working day" */
static void timescale(page *p, const pw_gtimescale *t)
{
    outf(p, "%ld %s", (long)t->value, pw_unit_words(t->unit, t->value));
}

static const char *status_words(pw_status s)
{
    static const char *const words[] = {"", "Draft: not yet approved", "Approved",
                                        "Under review"};
    return (unsigned)s <= PW_STATUS_UNDER_REVIEW ? words[s] : "";
}

/* The consent rule in words. not-stated is no rule: the source says
 * nothing, so the page says so and sends the reader to their DSL. */
static const char *consent_words(pw_consent_rule c)
{
    static const char *const words[] = {
        "",
        "Consent is needed",
        "Consent is not needed",
        "Seek consent, unless that would be unsafe",
        "Inform them, unless that would be unsafe",
        "Consent does not apply",
        "Not stated — ask your DSL"};
    return (unsigned)c <= PW_CONSENT_NOT_STATED ? words[c] : "";
}

static const char *outcome_words(pw_outcome_kind k)
{
    static const char *const words[] = {"", "emergency", "referral", "advice",
                                        "monitor", "no further action"};
    return (unsigned)k <= PW_OUTCOME_NO_FURTHER_ACTION ? words[k] : "";
}

static const char *title_of(const pw_gnode *n)
{
    return n->title ? n->title : n->id;
}

/* <a href="#item-ID">N. Title</a> */
static void node_link(page *p, int i)
{
    const pw_gnode *n = &p->g->nodes[i];
    out(p, "<a href=\"#item-");
    attr(p, n->id);
    outf(p, "\">%d. ", i + 1);
    text(p, title_of(n));
    out(p, "</a>");
}

/* What the source does not say, each on a line of its own beside what it
 * is about, in words ("To be confirmed: ..."), never only in a tooltip. */
static void tbc(page *p, const pw_texts *t)
{
    for (size_t i = 0; i < t->n; i++) {
        outf(p, "<p class=\"tbc\"><strong>%s:</strong> ", pw_field_get(PW_F_NODE_TBC)->label);
        text(p, t->at[i]);
        out(p, "</p>\n");
    }
}

/* ---- the head --------------------------------------------------------- */

/* 'sha256-BASE64' of s, for the Content-Security-Policy. */
static bool csp_hash(page *p, const char *s)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    unsigned char b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
    if (!EVP_Digest(s, strlen(s), md, &len, EVP_sha256(), NULL))
        return false;
    EVP_EncodeBlock(b64, md, (int)len);
    outf(p, "'sha256-%s'", (const char *)b64);
    return true;
}

static bool head(page *p, const char *title, const char *css, const char *js)
{
    out(p, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src ");
    bool ok = csp_hash(p, css);
    out(p, "; script-src ");
    if (js)
        ok = ok && csp_hash(p, js);
    else
        out(p, "'none'");
    out(p, "; base-uri 'none'; form-action 'none'\">\n"
           "<meta name=\"generator\" content=\"pathwayc " PW_VERSION "\">\n<title>");
    text(p, title);
    out(p, "</title>\n<style>");
    out(p, css);
    out(p, "</style>\n</head>\n");
    return ok;
}

/* ---- the top of the page ---------------------------------------------- */

/* Before where an emergency outcome that goes on leads: the call comes
 * first, then the rest of the pathway. */
#define AFTER_999 "Once you have called 999:"

static bool is_emergency(const pw_gnode *n)
{
    return n->kind == PW_OUTCOME && n->outcome == PW_OUTCOME_EMERGENCY;
}

/* Where the walk goes once 999 has been called at emergency outcome n:
 * its next, or, when it has none, the pathway's first step (a step or a
 * together, in source order): the call is never the end of what a
 * practitioner does (tell the DSL, record, refer). -1 when there is
 * none, and for any other node. */
static int then_of(const pw_graph *g, const pw_gnode *n)
{
    if (!is_emergency(n))
        return -1;
    if (n->next >= 0)
        return n->next;
    for (size_t i = 0; i < g->nnodes; i++)
        if ((g->nodes[i].kind == PW_STEP || g->nodes[i].kind == PW_TOGETHER) &&
            g->nodes[i].parent < 0)
            return (int)i;
    return -1;
}

/* How the line after "Once you have called 999:" goes on: to the
 * outcome's own next, or on with the pathway's first step. */
static const char *then_words(const pw_gnode *n)
{
    return n->next >= 0 ? "go to " : "go on with ";
}

/* The phone numbers of emergency outcome n's contacts, for its line in
 * the red box: but 999, which the box's heading already gives (and links),
 * so the route is not pushed down a phone's screen by it again. */
static void phones_of(page *p, const pw_gnode *n)
{
    for (size_t i = 0; i < n->ncontacts; i++) {
        const pw_contact *c = n->contacts[i];
        if (!c->phone.text || strcmp(c->phone.text, "999") == 0)
            continue;
        out(p, " · ");
        text(p, c->title ? c->title : c->id);
        out(p, ": ");
        phone_link(p, c->phone.text);
    }
}

/* Where the emergency box stands, for a pathway that says it has no
 * emergency route (`emergency-route none "why"`: a recruitment procedure):
 * not the red box, whose list of emergency outcomes would be empty and
 * whose look would say this pathway is where emergencies go, but why it
 * has none, and still, first, the line every page keeps: immediate danger
 * means 999, whatever the pathway. */
static void no_emergency_route(page *p, const char *why)
{
    out(p, "<section id=\"emergency\" class=\"no-route\" aria-labelledby=\"emergency-h\">\n"
           "<h2 id=\"emergency-h\">If anyone is in immediate danger: call "
           "<a href=\"tel:999\">999</a></h2>\n"
           "<p><strong>This pathway has no emergency route.</strong>");
    if (why) {
        out(p, " ");
        text(p, why);
    }
    out(p, "</p>\n</section>\n");
}

/* "Once you have called 999: go to N. Title" (or "go on with", when the
 * pathway's first step stands in for a next), for emergency outcome n. */
static void then_line(page *p, const pw_gnode *n)
{
    out(p, "<p class=\"then\"><strong>" AFTER_999 "</strong> ");
    out(p, then_words(n));
    node_link(p, then_of(p->g, n));
    out(p, "</p>\n");
}

/* The emergency outcomes' one place to go once 999 is called, when they
 * all have the same one (then it is said once, under the list, and the
 * route is not pushed down a phone's screen by the same line twice); -1
 * when they differ, or there are fewer than two. */
static int shared_then(const pw_graph *g, int *first)
{
    int then = -1, count = 0;
    *first = -1;
    for (size_t i = 0; i < g->nnodes; i++) {
        const pw_gnode *n = &g->nodes[i];
        if (!is_emergency(n))
            continue;
        int t = then_of(g, n);
        if (count++ == 0) {
            then = t;
            *first = (int)i;
        } else if (t != then || (n->next >= 0) != (g->nodes[*first].next >= 0)) {
            return -1;
        }
    }
    return count >= 2 ? then : -1;
}

/* The first thing on the page: call 999, and the pathway's own emergency
 * outcomes, each with where to go once the call is made. */
static void emergency(page *p)
{
    const pw_gfield *route = &p->g->meta[PW_F_PATHWAY_EMERGENCY_ROUTE];
    if (route->word == PW_ROUTE_NONE) {
        no_emergency_route(p, route->text.text);
        return;
    }
    out(p, "<section id=\"emergency\" aria-labelledby=\"emergency-h\">\n"
           "<h2 id=\"emergency-h\">If anyone is in immediate danger: call "
           "<a href=\"tel:999\">999</a></h2>\n");
    int first;
    int shared = shared_then(p->g, &first);
    bool any = false;
    for (size_t i = 0; i < p->g->nnodes; i++) {
        const pw_gnode *n = &p->g->nodes[i];
        if (!is_emergency(n))
            continue;
        out(p, any ? "" : "<ul>\n");
        any = true;
        out(p, "<li>");
        node_link(p, (int)i);
        phones_of(p, n);
        if (shared < 0 && then_of(p->g, n) >= 0) {
            out(p, "\n");
            then_line(p, n);
        }
        out(p, "</li>\n");
    }
    out(p, any ? "</ul>\n" : "");
    if (shared >= 0)
        then_line(p, &p->g->nodes[first]);
    out(p, "</section>\n");
}

/* What the script shows (docs/checklist.md, Ticks, answers and the
 * record): a notice of progress restored, and the tools. */
static void tools(page *p)
{
    out(p, "<div id=\"notice\" hidden tabindex=\"-1\">\n"
           "<p id=\"notice-text\"></p>\n"
           "<p class=\"notice-moves\" id=\"notice-moves\" hidden>"
           "<button type=\"button\" id=\"notice-continue\" class=\"primary\">Continue"
           "</button> <button type=\"button\" id=\"notice-restart\">Start again"
           "</button></p>\n</div>\n"
           "<div id=\"tools\" hidden>\n"
           "<p class=\"tool-buttons\">"
           "<button type=\"button\" id=\"guide-start\" class=\"primary\">Guide me</button>\n"
           "<button type=\"button\" id=\"show-record\">See the record</button>\n"
           "<button type=\"button\" id=\"clear\">Clear ticks and answers</button></p>\n"
           "<div class=\"choice keep\"><input type=\"checkbox\" id=\"keep\" "
           "aria-describedby=\"keep-hint\"><label for=\"keep\">Keep my progress on this "
           "device</label></div>\n"
           "<p class=\"hint\" id=\"keep-hint\">Only on your own computer. Otherwise "
           "progress is forgotten when this tab closes; what you type is never kept.</p>\n"
           "<p id=\"tools-status\" role=\"status\"></p>\n"
           "</div>\n");
}

static void header(page *p)
{
    const pw_graph *g = p->g;
    out(p, "<a class=\"skip-link\" href=\"#checklist\">Skip to the checklist</a>\n"
           "<nav class=\"back\" aria-label=\"Back\"><a href=\"index.html\">"
           "All pathways</a></nav>\n"
           "<header>\n<p class=\"kicker\">Safeguarding pathway</p>\n<h1>");
    text(p, g->title ? g->title : g->id);
    out(p, "</h1>\n");
    if (pw_graph_text(g, PW_F_PATHWAY_SUMMARY)) {
        out(p, "<p class=\"summary\">");
        text(p, pw_graph_text(g, PW_F_PATHWAY_SUMMARY));
        out(p, "</p>\n");
    }
    pw_status status = pw_graph_status(g);
    if (status == PW_STATUS_DRAFT || status == PW_STATUS_UNDER_REVIEW) {
        out(p, "<p class=\"status\"><strong>");
        text(p, status_words(status));
        out(p, "</strong></p>\n");
    }
    /* What is to be confirmed about the pathway is said in full in About
     * this pathway, after the route; that there is some is said here,
     * where it is seen before the pathway is relied on. */
    size_t unsure = g->meta[PW_F_PATHWAY_TBC].texts.n;
    if (unsure)
        outf(p, "<p class=\"tbc-note\"><strong>%s:</strong> %zu thing%s about this pathway "
                "(<a href=\"#about\">About this pathway</a>)</p>\n",
             pw_field_get(PW_F_NODE_TBC)->label, unsure, unsure == 1 ? "" : "s");
    emergency(p);
    tools(p);
    out(p, "</header>\n");
}

static void guide(page *p)
{
    out(p, "<section id=\"guide\" hidden aria-labelledby=\"guide-h\">\n"
           "<h2 id=\"guide-h\">Guide me</h2>\n"
           "<div id=\"guide-errors\" class=\"error-summary\" hidden tabindex=\"-1\" "
           "aria-labelledby=\"guide-errors-h\">\n"
           "<h3 id=\"guide-errors-h\">There is a problem</h3>\n"
           "<ul id=\"guide-errors-list\"></ul>\n</div>\n"
           "<p id=\"guide-progress\"></p>\n"
           "<p id=\"guide-status\" role=\"status\"></p>\n"
           "<h3 id=\"guide-title\" tabindex=\"-1\"></h3>\n"
           "<div id=\"guide-body\"></div>\n"
           "<div id=\"guide-moves\"></div>\n"
           "<p class=\"guide-controls\">"
           "<button type=\"button\" id=\"guide-back\">Back</button> "
           "<button type=\"button\" id=\"guide-restart\">Start again</button> "
           "<button type=\"button\" id=\"guide-close\">Close guide</button></p>\n"
           "</section>\n");
}

/* "<dt>Key</dt><dd>" ... the caller closes the dd. */
static void field(page *p, const char *key)
{
    out(p, "<dt>");
    out(p, key);
    out(p, "</dt><dd>");
}

/* How the checklist names a field (vocab.def). */
static const char *label(pw_field f)
{
    return pw_field_get(f)->label;
}

static void text_field(page *p, const char *key, const char *value)
{
    if (!value)
        return;
    field(p, key);
    text(p, value);
    out(p, "</dd>\n");
}

static void source_field(page *p, const char *label, pw_gtext source, pw_gtext url)
{
    if (!source.text && !url.text)
        return;
    field(p, label);
    if (url.text)
        web_link(p, url.text, source.text);
    else
        text(p, source.text);
    out(p, "</dd>\n");
}

/* One document the pathway is written from: its title, linked when it
 * has a web address. */
static void source_doc(page *p, const pw_gsource *s)
{
    if (s->url.text)
        web_link(p, s->url.text, s->text.text);
    else
        text(p, s->text.text);
}

/* The documents the pathway is written from, under one label: one, or a
 * list under "Sources" (one dd, so the list's two columns stay paired). */
static void sources_field(page *p, const char *label, const pw_gfield *m)
{
    if (!m->nsources)
        return;
    out(p, "<dt>");
    out(p, label);
    if (m->nsources == 1) {
        out(p, "</dt><dd>");
        source_doc(p, &m->sources[0]);
        out(p, "</dd>\n");
        return;
    }
    out(p, "s</dt><dd><ul class=\"sources\">\n");
    for (size_t i = 0; i < m->nsources; i++) {
        out(p, "<li>");
        source_doc(p, &m->sources[i]);
        out(p, "</li>\n");
    }
    out(p, "</ul></dd>\n");
}

/* One of the pathway's own fields, under its label (vocab.def). */
static void about_field(page *p, pw_field f)
{
    const pw_field_info *info = pw_field_get(f);
    const pw_gfield *m = &p->g->meta[f];
    /* the summary is the line under the title; what is to be confirmed
     * stands above this list */
    if (!info->label || f == PW_F_PATHWAY_SUMMARY || (info->many && info->form == PW_V_TEXT))
        return;
    switch (info->form) {
    case PW_V_TEXT: text_field(p, info->label, m->text.text); break;
    case PW_V_SOURCE: sources_field(p, info->label, m); break;
    case PW_V_WORD:
        if (m->word)
            text_field(p, info->label, f == PW_F_PATHWAY_STATUS
                                           ? status_words((pw_status)m->word)
                                           : pw_word_spelling(info->words, m->word));
        break;
    case PW_V_DATE:
        if (!m->date.year)
            break;
        field(p, info->label);
        date(p, m->date);
        if (f == PW_F_PATHWAY_REVIEW_BY && passed(p, m->date))
            out(p, " <strong class=\"overdue\">overdue</strong>: this pathway "
                   "should have been reviewed; check it is still current");
        out(p, "</dd>\n");
        break;
    default:
        break;
    }
}

static void about(page *p)
{
    out(p, "<section id=\"about\" aria-labelledby=\"about-h\">\n"
           "<h2 id=\"about-h\">About this pathway</h2>\n");
    tbc(p, &p->g->meta[PW_F_PATHWAY_TBC].texts);
    out(p, "<dl>\n");
    size_t n;
    pw_field first = pw_field_first(PW_G_PATHWAY, &n);
    for (size_t i = 0; i < n; i++)
        about_field(p, (pw_field)(first + (int)i));
    out(p, "</dl>\n</section>\n");
}

/* ---- contacts ----------------------------------------------------------- */

static void contact_fields(page *p, const pw_contact *c)
{
    if (c->phone.text) {
        field(p, label(PW_F_CONTACT_PHONE));
        phone_link(p, c->phone.text);
        out(p, "</dd>\n");
    }
    if (c->email.text) {
        field(p, label(PW_F_CONTACT_EMAIL));
        email_link(p, c->email.text);
        out(p, "</dd>\n");
    }
    if (c->url.text) {
        field(p, label(PW_F_CONTACT_URL));
        web_link(p, c->url.text, NULL);
        out(p, "</dd>\n");
    }
    text_field(p, label(PW_F_CONTACT_HOURS), c->hours.text);
    if (c->out_of_hours) {
        field(p, label(PW_F_CONTACT_OUT_OF_HOURS));
        out(p, "<a href=\"#contact-");
        attr(p, c->out_of_hours->id);
        out(p, "\">");
        text(p, c->out_of_hours->title ? c->out_of_hours->title : c->out_of_hours->id);
        out(p, "</a></dd>\n");
    }
}

static void contact(page *p, const pw_contact *c)
{
    out(p, "<li id=\"contact-");
    attr(p, c->id);
    out(p, "\"><h3>");
    text(p, c->title ? c->title : c->id);
    out(p, "</h3>\n<dl>\n");
    contact_fields(p, c);
    /* "Last checked" on every contact, even when the pathway does not
     * say: a number nobody has checked is one to check before ringing. */
    field(p, "Last checked");
    if (c->verified.year) {
        date(p, c->verified);
        pw_date due = c->verified;
        due.year += 1;
        if (passed(p, due))
            out(p, " <strong class=\"overdue\">over a year ago</strong>: check "
                   "them before you rely on them");
    } else {
        out(p, "not stated");
    }
    out(p, "</dd>\n");
    text_field(p, label(PW_F_CONTACT_NOTE), c->note.text);
    out(p, c->tbc.n ? "</dl>\n" : "</dl>");
    tbc(p, &c->tbc);
    out(p, "</li>\n");
}

static void contacts(page *p)
{
    const pw_graph *g = p->g;
    if (!g->ncontacts)
        return;
    out(p, "<section id=\"contacts\" aria-labelledby=\"contacts-h\">\n"
           "<h2 id=\"contacts-h\">Contacts</h2>\n<ul class=\"contacts\">\n");
    for (size_t i = 0; i < g->ncontacts; i++)
        contact(p, g->contacts[i]);
    out(p, "</ul>\n</section>\n");
}

/* ---- nodes ------------------------------------------------------------- */

static void node_id_attr(page *p, const char *prefix, const pw_gnode *n,
                         const char *suffix)
{
    out(p, prefix);
    attr(p, n->id);
    out(p, suffix);
}

static void badges(page *p, const pw_gnode *n)
{
    bool start = (int)n->index == p->g->start;
    bool immediate = n->urgency == PW_URGENCY_IMMEDIATE;
    bool urgent = n->urgency == PW_URGENCY_URGENT;
    if (!start && !immediate && !urgent && !n->personal && n->kind != PW_OUTCOME)
        return;
    out(p, "<p class=\"badges\">");
    if (start)
        out(p, "<span class=\"badge start\">Start here</span> ");
    if (n->kind == PW_OUTCOME) {
        outf(p, "<span class=\"badge outcome outcome-%s\">Outcome",
             pw_outcome_kind_name(n->outcome));
        if (n->outcome != PW_OUTCOME_NONE)
            outf(p, ": %s", outcome_words(n->outcome));
        out(p, "</span> ");
    }
    if (immediate)
        out(p, "<span class=\"badge immediate\">Immediate</span> ");
    if (urgent)
        out(p, "<span class=\"badge urgent\">Urgent</span> ");
    if (n->personal)
        out(p, "<span class=\"badge personal\">Yours to do: this duty cannot be "
               "handed on</span> ");
    pw_tb_truncate(&p->b, p->b.n - 1);
    out(p, "</p>\n");
}

/* What to do, as a list: the step's one status control (below) says
 * whether it was done, so its items carry no ticks of their own. */
static void do_items(page *p, const pw_gnode *n)
{
    if (!n->ndos)
        return;
    out(p, "<ul class=\"do\">\n");
    for (size_t i = 0; i < n->ndos; i++) {
        out(p, "<li>");
        text(p, n->dos[i]);
        out(p, "</li>\n");
    }
    out(p, "</ul>\n");
}

static void timescale_fields(page *p, const pw_gnode *n)
{
    if (n->within.unit != PW_UNIT_NONE) {
        field(p, label(PW_F_NODE_WITHIN));
        timescale(p, &n->within);
        out(p, " at most</dd>\n");
    }
    if (n->target.unit != PW_UNIT_NONE) {
        field(p, label(PW_F_NODE_TARGET));
        timescale(p, &n->target);
        out(p, "</dd>\n");
    }
    if (n->review_after.unit != PW_UNIT_NONE) {
        field(p, label(PW_F_NODE_REVIEW_AFTER));
        timescale(p, &n->review_after);
        out(p, "</dd>\n");
    }
}

static void form_field(page *p, const pw_form *f)
{
    field(p, label(PW_F_NODE_FORM));
    if (f->url.text)
        web_link(p, f->url.text, f->title ? f->title : f->id);
    else
        text(p, f->title ? f->title : f->id);
    if (f->version.text) {
        out(p, ", version ");
        text(p, f->version.text);
    }
    if (f->per_child)
        out(p, " (<strong>one form for each child</strong>)");
    if (f->note.text) {
        out(p, ". ");
        text(p, f->note.text);
    }
    tbc(p, &f->tbc);
    out(p, "</dd>\n");
}

static void contact_field(page *p, const pw_contact *c)
{
    field(p, label(PW_F_NODE_CONTACT));
    out(p, "<a href=\"#contact-");
    attr(p, c->id);
    out(p, "\">");
    text(p, c->title ? c->title : c->id);
    out(p, "</a>");
    if (c->phone.text) {
        out(p, ": ");
        phone_link(p, c->phone.text);
    }
    if (c->email.text) {
        out(p, c->phone.text ? ", " : ": ");
        email_link(p, c->email.text);
    }
    tbc(p, &c->tbc);
    out(p, "</dd>\n");
}

static void node_fields(page *p, const pw_gnode *n)
{
    size_t before = p->b.n;
    out(p, "<dl>\n");
    size_t opened = p->b.n;
    if (n->by)
        text_field(p, label(PW_F_NODE_BY), n->by->title ? n->by->title : n->by->id);
    else
        text_field(p, label(PW_F_NODE_BY), n->by_text.text);
    timescale_fields(p, n);
    if (n->consent != PW_CONSENT_NONE) {
        field(p, label(PW_F_NODE_CONSENT));
        bool unsaid = n->consent == PW_CONSENT_NOT_STATED;
        out(p, unsaid ? "<strong class=\"not-stated\">" : "");
        text(p, consent_words(n->consent));
        out(p, unsaid ? "</strong>" : "");
        if (n->consent_text.text) {
            out(p, ". ");
            text(p, n->consent_text.text);
        }
        out(p, "</dd>\n");
    }
    text_field(p, label(PW_F_NODE_RECORD), n->record.text);
    for (size_t i = 0; i < n->nforms; i++)
        form_field(p, n->forms[i]);
    for (size_t i = 0; i < n->ncontacts; i++)
        contact_field(p, n->contacts[i]);
    text_field(p, label(PW_F_NODE_NOTE), n->note.text);
    source_field(p, label(PW_F_NODE_SOURCE), n->source, n->source_url);
    if (p->b.n == opened)
        pw_tb_truncate(&p->b, before);
    else
        out(p, "</dl>\n");
}

/* Another pathway: a link to its checklist when this build writes it
 * beside this one, else its title in quotes. */
static void pathway_link(page *p, const char *id, const char *title)
{
    bool sibling = false;
    for (size_t i = 0; i < p->o->nsiblings && !sibling; i++)
        sibling = strcmp(p->o->siblings[i], id) == 0;
    out(p, sibling ? "<a href=\"" : "‘");
    if (sibling) {
        percent(p, id, "-_");
        out(p, ".html\">");
    }
    text(p, title ? title : id);
    out(p, sibling ? "</a>" : "’");
}

static void also(page *p, const pw_gnode *n)
{
    for (size_t i = 0; i < n->nalso; i++) {
        const pw_galso *a = &n->also[i];
        out(p, "<p class=\"also\"><strong>Also consider:</strong> ");
        if (a->node >= 0) {
            node_link(p, a->node);
        } else {
            out(p, "the pathway ");
            pathway_link(p, a->pathway, a->pathway_title);
        }
        if (a->why) {
            out(p, " — ");
            text(p, a->why);
        }
        out(p, "</p>\n");
    }
}

/* One criterion of question n, its text k: a tick box whose data-tick
 * ("ID:2.1") and id use the criterion's id, which stays the same when the
 * pathway is compiled again, so a saved tick keeps its meaning. */
static void criterion(page *p, const pw_gnode *n, size_t k)
{
    out(p, "<li class=\"choice\"><input type=\"checkbox\"");
    node_id_attr(p, " id=\"crit-", n, "-");
    attr(p, n->criteria_ids[k]);
    node_id_attr(p, "\" data-tick=\"", n, ":");
    attr(p, n->criteria_ids[k]);
    node_id_attr(p, "\"> <label for=\"crit-", n, "-");
    attr(p, n->criteria_ids[k]);
    out(p, "\">");
    text(p, n->criteria[k]);
    out(p, "</label></li>\n");
}

static const char *criteria_mode_name(pw_criteria_mode m)
{
    return m == PW_CRITERIA_ALL ? "all-of" : "any-of";
}

/* The question's criteria: its list, and each list nested in it indented
 * under its own "Any of these:" or "All of these:". ul[data-mode] is what
 * the guide works the answer out from. */
static void criteria(page *p, const pw_gnode *n)
{
    if (n->ncitems) {
        out(p, n->criteria_mode == PW_CRITERIA_ALL
                   ? "<p>Answer yes if <strong>all</strong> of these apply:</p>\n"
                   : "<p>Answer yes if <strong>any</strong> of these apply:</p>\n");
        outf(p, "<ul class=\"criteria\" data-mode=\"%s\">\n",
             criteria_mode_name(n->criteria_mode));
        for (size_t i = 0; i < n->ncitems; i++) {
            const pw_gcriterion *c = &n->citems[i];
            if (c->mode == PW_CRITERIA_NONE) {
                criterion(p, n, c->first);
                continue;
            }
            outf(p, "<li class=\"nested\"><p>%s of these:</p>\n"
                    "<ul class=\"criteria\" data-mode=\"%s\">\n",
                 c->mode == PW_CRITERIA_ALL ? "<strong>All</strong>" : "<strong>Any</strong>",
                 criteria_mode_name(c->mode));
            for (size_t k = c->first; k < c->first + c->count; k++)
                criterion(p, n, k);
            out(p, "</ul></li>\n");
        }
        out(p, "</ul>\n");
    }
    if (n->scored)
        outf(p, "<p class=\"score\">Score from %ld to %ld.</p>\n", (long)n->score_lo,
             (long)n->score_hi);
}

/* The id of an answer in the page: its own, or LO-HI for a band. */
static void answer_key(page *p, const pw_edge *e)
{
    if (e->banded)
        outf(p, "%ld-%ld", (long)e->lo, (long)e->hi);
    else
        attr(p, e->id);
}

/* The question's part of an answer's element id, its '-' doubled: names
 * hold '-', so question q's answer a-b and question q-a's answer b would
 * otherwise share "answer-q-a-b" (checklist.js answerId does the same). */
static void node_key(page *p, const char *prefix, const pw_gnode *n);

static void question_key(page *p, const char *prefix, const pw_gnode *n)
{
    node_key(p, prefix, n);
    out(p, "-");
}

static void answer(page *p, const pw_gnode *n, const pw_edge *e)
{
    out(p, "<div class=\"answer choice\"><input type=\"radio\"");
    node_id_attr(p, " name=\"answer-", n, "\"");
    question_key(p, " id=\"answer-", n);
    answer_key(p, e);
    out(p, "\" value=\"");
    answer_key(p, e);
    out(p, "\" data-target=\"");
    attr(p, p->g->nodes[e->target].id);
    if (e->banded && e->label) {
        out(p, "\" data-band=\"");
        attr(p, e->label);
    }
    question_key(p, "\"> <label for=\"answer-", n);
    answer_key(p, e);
    out(p, "\">");
    if (e->banded) {
        outf(p, "%ld to %ld", (long)e->lo, (long)e->hi);
        if (e->label) {
            out(p, ": ");
            text(p, e->label);
        }
    } else {
        text(p, e->label ? e->label : e->id);
    }
    out(p, "</label> <span class=\"to\"><span aria-hidden=\"true\">→</span> ");
    node_link(p, e->target);
    out(p, "</span></div>\n");
}

/* The answers in a fieldset whose legend is the question, as its heading
 * says it ("4. Is the person at immediate risk?"): a screen reader, moving
 * to the first radio button, hears the question it answers. */
static void answers(page *p, const pw_gnode *n)
{
    outf(p, "<fieldset class=\"answers\"><legend>%d. ", n->index + 1);
    text(p, title_of(n));
    out(p, "</legend>\n");
    for (size_t i = 0; i < n->nanswers; i++)
        answer(p, n, &n->answers[i]);
    out(p, "</fieldset>\n");
}

/* prefix, then node n's id with its '-' doubled: no two nodes give the
 * same text, and none ends in a single '-', so a suffix after "-" keeps
 * ids apart too ("status-a-done", "status-a--done-done"). */
static void node_key(page *p, const char *prefix, const pw_gnode *n)
{
    out(p, prefix);
    for (const char *c = n->id; *c; c++) {
        char one[2] = {*c, '\0'};
        if (*c == '-')
            out(p, "--");
        else
            attr(p, one);
    }
}

/* The one control that says what became of a step: Done, Not done (the
 * script asks why), or, for a step with a when, Does not apply. */
static void status_choice(page *p, const pw_gnode *n, const char *value, const char *words)
{
    out(p, "<div class=\"choice\"><input type=\"radio\"");
    node_key(p, " name=\"status-", n);
    node_key(p, "\" id=\"status-", n);
    outf(p, "-%s\" value=\"%s\"", value, value);
    node_id_attr(p, " data-status=\"", n, "\">");
    node_key(p, "<label for=\"status-", n);
    outf(p, "-%s\">%s</label></div>\n", value, words);
}

static void status_control(page *p, const pw_gnode *n)
{
    node_key(p, "<fieldset class=\"status\" id=\"status-", n);
    outf(p, "-box\"><legend>What became of step %d?</legend>\n", n->index + 1);
    status_choice(p, n, "done", "Done");
    status_choice(p, n, "not-done", "Not done (say why)");
    if (n->when.text)
        status_choice(p, n, "not-applicable", "Does not apply (see When)");
    out(p, "</fieldset>\n");
}

/* A tick of an outcome: "999 has been called" (data-called) at an
 * emergency outcome, "This is where the pathway ended" (data-reached) at
 * another. */
static void outcome_tick(page *p, const pw_gnode *n, const char *what, const char *words)
{
    outf(p, "<div class=\"choice\"><input type=\"checkbox\" id=\"%s-", what);
    node_key(p, "", n);
    outf(p, "\" data-%s=\"", what);
    attr(p, n->id);
    outf(p, "\"><label for=\"%s-", what);
    node_key(p, "", n);
    outf(p, "\">%s</label></div>\n", words);
}

/* Where the walk goes next: "Then: 4. Title", linked. */
static void go_on(page *p, const char *lead, const char *words, int to)
{
    outf(p, "<p class=\"next\"><strong>%s</strong> %s", lead, words);
    node_link(p, to);
    out(p, "</p>\n");
}

/* A step inside a together has no next of its own: the together's says
 * where the walk goes once they are all done. */
static void step_end(page *p, const pw_gnode *n)
{
    status_control(p, n);
    if (n->next >= 0)
        go_on(p, "Then:", "", n->next);
}

static void item(page *p, const pw_gnode *n);

/* A together's steps, each an item of its own (with its own ticks and
 * fields) inside it, and where the walk goes once all are done. */
static void together_steps(page *p, const pw_gnode *n)
{
    out(p, "<div class=\"steps\">\n<p class=\"steps-lead\"><strong>Do all of these, in any "
           "order:</strong></p>\n");
    for (size_t i = 0; i < n->ninner; i++)
        item(p, &p->g->nodes[n->inner[i]]);
    out(p, "</div>\n");
    go_on(p, "When all are done:", "go to ", n->next);
}

/* An emergency outcome: a tick for the call, and where to go once it is
 * made (its next, or the pathway's first step: then_of). Another outcome
 * ends the pathway, with a tick that says the walk ended there. */
static void outcome_end(page *p, const pw_gnode *n)
{
    int then = then_of(p->g, n);
    if (is_emergency(n))
        outcome_tick(p, n, "called", "999 has been called");
    if (then >= 0) {
        go_on(p, AFTER_999, then_words(n), then);
        return;
    }
    if (!is_emergency(n))
        outcome_tick(p, n, "reached", "This is where the pathway ended");
    out(p, "<p class=\"end\">The pathway ends here.</p>\n");
}

/* Where the walk goes from a together and from an emergency outcome that
 * goes on (a step's is written beside its kind, as before togethers), and
 * the together a step is inside. */
static void item_links(page *p, const pw_gnode *n)
{
    int then = then_of(p->g, n);
    if (n->kind != PW_STEP && n->next >= 0)
        node_id_attr(p, " data-next=\"", &p->g->nodes[n->next], "\"");
    else if (then >= 0) /* an emergency outcome without a next */
        node_id_attr(p, " data-then=\"", &p->g->nodes[then], "\"");
    if (n->parent >= 0)
        node_id_attr(p, " data-in=\"", &p->g->nodes[n->parent], "\"");
}

/* "4. Title": h3, or h4 for a step inside a together (whose item is
 * inside the together's). */
static void item_heading(page *p, const pw_gnode *n)
{
    int level = n->parent >= 0 ? 4 : 3;
    outf(p, "<h%d id=\"h-", level);
    attr(p, n->id);
    outf(p, "\">%d. ", n->index + 1);
    text(p, title_of(n));
    outf(p, "</h%d>\n", level);
}

/* After its fields: a question's answers, a step's tick, a together's
 * steps, or how an outcome ends. */
static void item_end(page *p, const pw_gnode *n)
{
    if (n->kind == PW_QUESTION)
        answers(p, n);
    else if (n->kind == PW_STEP)
        step_end(p, n);
    else if (n->kind == PW_TOGETHER)
        together_steps(p, n);
    else
        outcome_end(p, n);
}

static void item(page *p, const pw_gnode *n)
{
    static const char *const kinds[] = {"step", "question", "outcome", "together"};
    const char *kind = kinds[(unsigned)n->kind <= PW_TOGETHER ? n->kind : PW_STEP];
    outf(p, "<article class=\"item %s", kind);
    if (is_emergency(n))
        out(p, " emergency");
    out(p, n->parent >= 0 ? " inner" : "");
    node_id_attr(p, "\" id=\"item-", n, "\"");
    node_id_attr(p, " data-node=\"", n, "\"");
    item_links(p, n);
    outf(p, " data-kind=\"%s\"", kind);
    if (n->kind == PW_STEP && n->next >= 0) /* a step inside a together has none */
        node_id_attr(p, " data-next=\"", &p->g->nodes[n->next], "\"");
    node_id_attr(p, " aria-labelledby=\"h-", n, "\">\n");
    item_heading(p, n);
    badges(p, n);
    if (n->when.text) {
        out(p, "<p class=\"when\"><strong>When:</strong> ");
        text(p, n->when.text);
        out(p, "</p>\n");
    }
    if (n->kind == PW_QUESTION)
        criteria(p, n);
    do_items(p, n);
    node_fields(p, n);
    tbc(p, &n->tbc);
    also(p, n);
    item_end(p, n);
    out(p, "</article>\n");
}

/* Nodes in source order, a section for each run of nodes of one stage. */
static void checklist(page *p)
{
    const pw_graph *g = p->g;
    out(p, "<main id=\"checklist\" tabindex=\"-1\">\n<h2 class=\"visually-hidden\">"
           "Checklist</h2>\n");
    for (size_t i = 0; i < g->nnodes;) {
        int s = g->nodes[i].stage;
        size_t end = i;
        bool has_start = false;
        while (end < g->nnodes && g->nodes[end].stage == s)
            has_start |= (int)end++ == g->start;
        if (s >= 0) {
            out(p, "<section class=\"stage\" id=\"stage-");
            attr(p, g->stages[s].id);
            out(p, "\">\n<h2>");
            text(p, g->stages[s].title ? g->stages[s].title : g->stages[s].id);
            out(p, "</h2>\n");
            tbc(p, &g->stages[s].tbc);
        } else {
            out(p, "<section class=\"stage\">\n<h2>");
            out(p, has_start ? "Start here" : "Other steps");
            out(p, "</h2>\n");
        }
        for (; i < end; i++)
            if (g->nodes[i].parent < 0) /* a together's steps are in its item */
                item(p, &g->nodes[i]);
        out(p, "</section>\n");
    }
    out(p, "</main>\n");
}

/* ---- the diagram, the record, the footer ------------------------------- */

/* The attributes of Graphviz's root <svg ...> from s (after "<svg") up
 * to its '>', but its width and height: in points, which HTML does not
 * take (diagram() writes them in px). Returns where the root's '>' is,
 * or NULL. With p NULL, writes nothing. */
static const char *svg_root_attributes(page *p, const char *s, const char *end)
{
    while (s < end) {
        while (s < end && (*s == ' ' || *s == '\n' || *s == '\t'))
            s++;
        if (s >= end || *s == '>')
            return s < end ? s : NULL;
        const char *eq = memchr(s, '=', (size_t)(end - s));
        const char *q = eq && eq + 1 < end && eq[1] == '"'
                            ? memchr(eq + 2, '"', (size_t)(end - eq - 2)) : NULL;
        if (!q)
            return NULL;
        size_t name = (size_t)(eq - s);
        if (!(name == 5 && strncmp(s, "width", 5) == 0) &&
            !(name == 6 && strncmp(s, "height", 6) == 0) && p) {
            out(p, " ");
            pw_tb_addn(&p->b, s, (size_t)(q + 1 - s));
        }
        s = q + 1;
    }
    return NULL;
}

/* The number Graphviz wrote at s ("1225.80"), in hundredths; parsed
 * here, not with strtod, whose decimal point is the locale's. */
static long svg_hundredths(const char *s, const char *end)
{
    long n = 0;
    int decimals = -1;
    for (; s < end && decimals < 2; s++) {
        if (*s == '.' && decimals < 0)
            decimals = 0;
        else if (*s >= '0' && *s <= '9' && n < 100000000) {
            n = n * 10 + (*s - '0');
            decimals += decimals >= 0;
        } else
            break;
    }
    for (int d = decimals < 0 ? 0 : decimals; d < 2; d++)
        n *= 10;
    return n;
}

/* The smallest text the inline diagram may show, in tenths of a CSS px:
 * a phone user is never made to read the diagram smaller than 10 px (and
 * a little more, for the browser's rounding). */
enum { DIAGRAM_MIN_TEXT_TENTHS = 102 };

/* What the inline diagram's size is worked out from: Graphviz's viewBox
 * (in points) and its smallest font-size (in the viewBox's units), in
 * hundredths; 0 when the SVG does not say. */
typedef struct svg_size {
    long width, height, font;
} svg_size;

/* root..root_end is the root's attributes, root_end..end the rest. */
static svg_size svg_measure(const char *root, const char *root_end, const char *end)
{
    svg_size z = {0, 0, 0};
    const char *vb = strstr(root, " viewBox=\"");
    if (vb && vb < root_end) {
        vb += 10;
        for (int k = 0; k < 2; k++) { /* past min-x and min-y */
            vb += strcspn(vb, " \"");
            vb += *vb == ' ';
        }
        z.width = svg_hundredths(vb, root_end);
        vb += strcspn(vb, " \"");
        z.height = *vb == ' ' ? svg_hundredths(vb + 1, root_end) : 0;
    }
    for (const char *f = root_end; (f = strstr(f, " font-size=\"")) && f < end;) {
        f += 12;
        long size = svg_hundredths(f, end);
        if (size > 0 && (!z.font || size < z.font))
            z.font = size;
    }
    return z;
}

/* Hundredths of a point in whole CSS px, rounded up (a point is 4/3 px). */
static long svg_px(long hundredths)
{
    return (hundredths * 4 + 299) / 300;
}

/* The drawing's natural size, in CSS px, as HTML's width and height
 * attributes take it. */
static void svg_natural_size(page *p, svg_size z)
{
    if (z.width > 0 && z.height > 0)
        outf(p, " width=\"%ld\" height=\"%ld\"", svg_px(z.width), svg_px(z.height));
}

/* The narrowest the drawing may be, in CSS px: the width that keeps its
 * smallest text at DIAGRAM_MIN_TEXT_TENTHS, never more than its natural
 * width; 0 when the SVG does not say. */
static long svg_floor_px(svg_size z)
{
    if (!z.width || !z.font)
        return 0;
    long floor = (z.width * DIAGRAM_MIN_TEXT_TENTHS + 10 * z.font - 1) / (10 * z.font);
    long natural = svg_px(z.width);
    return floor < natural ? floor : natural;
}

/* Where want starts at s (before end), or end: s..end is Graphviz's SVG,
 * NUL-terminated at end or past it. */
static const char *svg_find(const char *s, const char *end, const char *want)
{
    const char *at = strstr(s, want);
    return at && at < end ? at : end;
}

/* How many bytes of s (Graphviz's escaped text, up to end) spell want,
 * which holds no markup: Graphviz may write its '-' as "&#45;" (it does
 * in ids). 0 when s does not start with want. */
static size_t svg_spelled(const char *s, const char *end, const char *want)
{
    const char *t = s;
    for (; *want; want++) {
        if (t < end && *t == *want)
            t++;
        else if (*want == '-' && end - t >= 5 && memcmp(t, "&#45;", 5) == 0)
            t += 5;
        else
            return 0;
    }
    return (size_t)(t - s);
}

/* The start of a link of the drawing, its value at s, as the page takes
 * it: a box's link to its step in this pathway's checklist (ID.html#X,
 * dot.c's link_to_item) goes to the step on this page (#X); a link inside
 * the drawing (#node-X: a connector's, to the box it stands for) to the
 * id diagram() gave that box (#diagram-node-X). Any other is kept. Writes
 * what changes; returns where the rest of the value, kept, starts. */
static const char *svg_link(page *p, const char *s, const char *end)
{
    if (s < end && *s == '#') {
        out(p, "#diagram-");
        return s + 1;
    }
    size_t file = svg_spelled(s, end, p->g->id);
    size_t html = file ? svg_spelled(s + file, end, ".html#") : 0;
    if (!html)
        return s;
    out(p, "#");
    return s + file + html;
}

/* Graphviz's SVG after its root's '>' (s) to end, with every id prefixed
 * "diagram-" and every link as svg_link() takes it; nothing else changes.
 * Graphviz writes attribute values escaped, so ` id="` and ` xlink:href="`
 * occur only as attributes. Each is looked for again only once s has
 * passed it: a drawing of thousands of ids and no links is one pass. */
static void svg_body(page *p, const char *s, const char *end)
{
    static const char ID[] = " id=\"", LINK[] = " xlink:href=\"";
    const char *id = svg_find(s, end, ID);
    const char *link = svg_find(s, end, LINK);
    while (s < end) {
        if (id < s)
            id = svg_find(s, end, ID);
        if (link < s)
            link = svg_find(s, end, LINK);
        const char *at = id < link ? id : link;
        pw_tb_addn(&p->b, s, (size_t)(at - s));
        if (at == end)
            break;
        if (at == id) {
            out(p, " id=\"diagram-");
            s = id + sizeof ID - 1;
        } else {
            out(p, LINK);
            s = svg_link(p, link + sizeof LINK - 1, end);
        }
    }
}

/* Graphviz's SVG from its <svg> element on (no XML prolog or doctype in
 * HTML), labelled for assistive technology, with every id prefixed
 * "diagram-" so none can clash with the checklist's, and its links made
 * the page's (svg_body): a box goes to its step on the page, without a
 * script too.
 *
 * On a phone the drawing is never shrunk until its text is too small to
 * read: it fills the column, at most at its natural size, down to the
 * width that keeps its smallest text at 10 px (an empty svg.diagram-floor
 * of that width holds the column open: the page's CSP allows no style
 * attribute), and below that it scrolls sideways inside div.diagram-scroll,
 * never the page. When the build writes ID.svg, a plain link opens it
 * full size, in a new tab: what was typed in this one is kept in memory
 * only (the script opens it on a tap on the drawing too). */
static void diagram(page *p, const char *svg, size_t len)
{
    const char *end = svg ? svg + len : NULL; /* no drawing: no pointer sums */
    const char *start = svg ? strstr(svg, "<svg") : NULL;
    const char *s = start ? svg_root_attributes(NULL, start + 4, end) : NULL;
    if (!s)
        return;
    const char *title = p->g->title ? p->g->title : p->g->id;
    svg_size z = svg_measure(start + 4, s, end);
    out(p, "<section id=\"diagram-section\" aria-labelledby=\"diagram-h\">\n"
           "<h2 id=\"diagram-h\">Diagram</h2>\n<details id=\"diagram\">"
           "<summary>Show the pathway as a diagram</summary>\n");
    if (p->o->svg_file) {
        out(p, "<p class=\"diagram-full\"><a href=\"");
        percent(p, p->g->id, "-_");
        out(p, ".svg\" target=\"_blank\">Open the diagram full size (SVG, opens in "
               "a new tab)</a></p>\n");
    }
    out(p, "<p class=\"hint\" id=\"diagram-hint\">Tap a box to go to its step in the "
           "checklist.</p>\n"
           "<div class=\"diagram-scroll\" tabindex=\"0\" role=\"region\" "
           "aria-describedby=\"diagram-hint\" aria-label=\"Diagram of ");
    attr(p, title);
    out(p, ", scrolls sideways\">\n<div class=\"diagram-fit\">");
    if (svg_floor_px(z) > 0)
        outf(p, "<svg class=\"diagram-floor\" width=\"%ld\" height=\"0\" "
                "aria-hidden=\"true\"></svg>\n", svg_floor_px(z));
    out(p, "<svg class=\"diagram\" role=\"img\" aria-label=\"Diagram of ");
    attr(p, title);
    out(p, "\"");
    svg_natural_size(p, z);
    svg_root_attributes(p, start + 4, end);
    svg_body(p, s, end);
    out(p, "</div>\n</div>\n</details>\n</section>\n");
}

/* The record panel: the script fills it and moves it where the person
 * is (the guide's outcome, or under the tools); what is typed in it is
 * kept in memory only. */
static void record(page *p)
{
    out(p, "<section id=\"record\" hidden aria-labelledby=\"record-h\">\n"
           "<h2 id=\"record-h\">Record of this walk</h2>\n"
           "<p class=\"hint\">What you type here is never stored: it is gone when this "
           "tab is closed. Copy, download or print the record into your organisation's "
           "record.</p>\n"
           "<div class=\"field\"><label for=\"rec-name\">Your name (optional)</label>"
           "<input type=\"text\" id=\"rec-name\" autocomplete=\"off\"></div>\n"
           "<div class=\"field\"><label for=\"rec-role\">Your role (optional)</label>"
           "<input type=\"text\" id=\"rec-role\" autocomplete=\"off\"></div>\n"
           "<div class=\"field\"><label for=\"rec-ref\">Reference for the child or "
           "adult (optional)</label><p class=\"hint\" id=\"rec-ref-hint\">A case or "
           "pupil number, say. Not their name.</p><input type=\"text\" id=\"rec-ref\" "
           "autocomplete=\"off\" aria-describedby=\"rec-ref-hint\"></div>\n"
           "<div class=\"field\"><label for=\"rec-notes\">Notes (optional)</label>"
           "<textarea id=\"rec-notes\" rows=\"4\"></textarea></div>\n"
           "<p class=\"record-moves\">"
           "<button type=\"button\" id=\"record-copy\">Copy record</button> "
           "<button type=\"button\" id=\"record-download\">Download as text</button> "
           "<button type=\"button\" id=\"record-download-json\">Download as JSON"
           "</button> "
           "<button type=\"button\" id=\"record-print\">Print the record</button></p>\n"
           "<p id=\"record-status\" role=\"status\"></p>\n"
           "<p><label for=\"record-text\">The record as it stands</label></p>\n"
           "<textarea id=\"record-text\" readonly rows=\"14\"></textarea>\n"
           "</section>\n"
           "<pre id=\"record-print-text\" aria-hidden=\"true\"></pre>\n");
}

static void footer(page *p, const char *hash)
{
    out(p, "<footer>\n<p>Made by pathwayc " PW_VERSION
           " from the pathway ‘");
    text(p, p->g->id);
    out(p, "’");
    if (pw_graph_text(p->g, PW_F_PATHWAY_VERSION)) {
        out(p, ", version ");
        text(p, pw_graph_text(p->g, PW_F_PATHWAY_VERSION));
    }
    out(p, ". Content hash <code>");
    text(p, hash);
    out(p, "</code>.</p>\n</footer>\n");
}

static bool fail(char *err, size_t errsize, const char *msg)
{
    if (errsize > 0)
        snprintf(err, errsize, "%s", msg);
    return false;
}

/* ---- the script ------------------------------------------------------- */

/* One character c (k bytes at s) of a string of the page's table: '<'
 * and the characters HTML does not take as text (pw_unsafe_char: the
 * JSON writer escapes those below U+0020, not DEL, C1 controls, U+FFFE
 * or U+FFFF) as JSON's \u escapes, which stand for the same character,
 * so the table's content, and its hash, are the same. */
static void table_char(page *p, const char *s, size_t k, uint32_t c)
{
    if (c == '<' || pw_unsafe_char(c))
        outf(p, "\\u%04x", (unsigned)c);
    else
        pw_tb_addn(&p->b, s, k);
}

/* The page's table (docs/table-format.md), for the pathway runtime the
 * script walks with: `pathwayc build --emit json`'s table, compact (the
 * white space between its tokens left out: its content hash is of its
 * content, not its text), its strings as table_char writes them, so that
 * no text of the pathway can end or change the script element it is in.
 * False when the table cannot be written (err filled). */
static bool table_data(page *p, char *err, size_t errsize)
{
    char *json = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&json, &len);
    bool ok = f && pw_emit_table(p->g, f, err, errsize);
    if (f && fclose(f) != 0)
        ok = false;
    if (ok) {
        out(p, "<script type=\"application/json\" id=\"pathway-table\">");
        bool in_string = false;
        for (size_t i = 0, k; i < len; i += k) {
            uint32_t c = pw_utf8_next(json + i, len - i, &k);
            if (in_string && c == '\\') {
                k = i + 1 < len ? 2 : 1; /* an escape, kept as it is */
                pw_tb_addn(&p->b, json + i, k);
            } else if (in_string && c != '"') {
                table_char(p, json + i, k, c);
            } else if (in_string || !(c == ' ' || c == '\n' || c == '\t' || c == '\r')) {
                in_string ^= c == '"';
                pw_tb_addn(&p->b, json + i, k);
            }
        }
        out(p, "</script>\n");
    }
    free(json);
    return ok;
}

/* The script: the pathway runtime (runtime/js, joined into one script by
 * runtime/js/bundle) and then the checklist's own, which walks with it;
 * one script, so one hash in the Content-Security-Policy. The caller
 * frees it. */
static char *page_script(void)
{
    pw_text_buf b = {0};
    pw_tb_add(&b, pw_asset_runtime_js);
    pw_tb_add(&b, pw_asset_checklist_js);
    return b.s;
}

bool pw_emit_html(const pw_graph *g, const pw_html_options *o, FILE *f,
                  char *err, size_t errsize)
{
    if (!pw_graph_links_resolved(g, err, errsize))
        return false;
    if (!o->hash)
        return fail(err, errsize, "no content hash for the checklist");
    const char *hash = o->hash;
    page p = {.g = g, .o = o, .today = o->today};
    char *script = page_script();
    bool ok = head(&p, g->title ? g->title : g->id, pw_asset_checklist_css, script);
    out(&p, "<body data-pathway=\"");
    attr(&p, g->id);
    out(&p, "\" data-hash=\"");
    attr(&p, hash);
    if (pw_graph_text(g, PW_F_PATHWAY_VERSION)) {
        out(&p, "\" data-version=\"");
        attr(&p, pw_graph_text(g, PW_F_PATHWAY_VERSION));
    }
    out(&p, "\" data-start=\"");
    attr(&p, g->nodes[g->start].id);
    out(&p, "\">\n");
    /* The route first: a worried reader needs question 1, not the
     * pathway's paperwork; contacts (each item links its own) and the
     * facts about the pathway come after it (docs/checklist.md). */
    header(&p);
    guide(&p);
    record(&p);
    checklist(&p);
    contacts(&p);
    about(&p);
    diagram(&p, o->svg, o->svg_len);
    footer(&p, hash);
    if (!table_data(&p, err, errsize)) {
        free(script);
        pw_tb_free(&p.b);
        return false;
    }
    out(&p, "<script>");
    out(&p, script);
    out(&p, "</script>\n</body>\n</html>\n");
    free(script);
    ok = ok && fwrite(p.b.s, 1, p.b.n, f) == p.b.n;
    pw_tb_free(&p.b);
    return ok ? true : fail(err, errsize, "cannot write the checklist");
}

/* ---- index.html ---------------------------------------------------------- */

/* ASCII letters compared without case, then bytes: a total order, the
 * same on every machine (no locale). A missing text sorts last. */
static int text_order(const char *a, const char *b)
{
    if (!a || !b)
        return !a - !b;
    for (const unsigned char *x = (const void *)a, *y = (const void *)b;; x++, y++) {
        int cx = *x >= 'A' && *x <= 'Z' ? *x + 32 : *x;
        int cy = *y >= 'A' && *y <= 'Z' ? *y + 32 : *y;
        if (cx != cy)
            return cx - cy;
        if (!*x)
            break;
    }
    return strcmp(a, b);
}

/* A pathway's area or topic; NULL when it gives none, or gives "" (which
 * would be a heading with nothing to say). */
static const char *group_text(const pw_graph *g, pw_field f)
{
    const char *s = pw_graph_text(g, f);
    return s && *s ? s : NULL;
}

static const char *area_of(const pw_graph *g)
{
    return group_text(g, PW_F_PATHWAY_AREA);
}

static const char *topic_of(const pw_graph *g)
{
    return group_text(g, PW_F_PATHWAY_TOPIC);
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The index's order: by area, then topic (those without one last), then
 * title, then id (unique in a build). */
static int index_order(const void *pa, const void *pb)
{
    const pw_graph *a = *(const pw_graph *const *)pa, *b = *(const pw_graph *const *)pb;
    int c = text_order(area_of(a), area_of(b));
    if (!c)
        c = text_order(topic_of(a), topic_of(b));
    if (!c)
        c = text_order(a->title ? a->title : a->id, b->title ? b->title : b->id);
    return c ? c : strcmp(a->id, b->id);
}

/* What a practitioner calls an output, by its extension. */
static const char *output_name(const char *ext)
{
    static const char *const names[][2] = {{"dot", "diagram (DOT)"},
                                           {"svg", "diagram (SVG)"},
                                           {"png", "diagram (PNG)"},
                                           {"json", "table (JSON)"}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(names[i][0], ext) == 0)
            return names[i][1];
    return ext;
}

static void index_meta(page *p, const pw_graph *g, const char *const *exts,
                       size_t nexts)
{
    static const char *const status_short[] = {"", "Draft", "Approved",
                                               "Under review"};
    out(p, "<dl>\n");
    if (pw_graph_text(g, PW_F_PATHWAY_OWNER)) { /* dd.owner: what the search reads */
        outf(p, "<dt>%s</dt><dd class=\"owner\">", label(PW_F_PATHWAY_OWNER));
        text(p, pw_graph_text(g, PW_F_PATHWAY_OWNER));
        out(p, "</dd>\n");
    }
    text_field(p, label(PW_F_PATHWAY_VERSION), pw_graph_text(g, PW_F_PATHWAY_VERSION));
    pw_date review_by = pw_graph_date(g, PW_F_PATHWAY_REVIEW_BY);
    if (review_by.year) {
        field(p, label(PW_F_PATHWAY_REVIEW_BY));
        date(p, review_by);
        if (passed(p, review_by))
            out(p, " <strong class=\"overdue\">overdue</strong>");
        out(p, "</dd>\n");
    }
    pw_status status = pw_graph_status(g);
    if (status != PW_STATUS_NONE && (unsigned)status <= PW_STATUS_UNDER_REVIEW)
        text_field(p, label(PW_F_PATHWAY_STATUS), status_short[status]);
    if (nexts) {
        field(p, "Other formats");
        for (size_t i = 0; i < nexts; i++) {
            out(p, i ? ", <a href=\"" : "<a href=\"");
            percent(p, g->id, "-_");
            outf(p, ".%s\">%s</a>", exts[i], output_name(exts[i]));
        }
        out(p, "</dd>\n");
    }
    out(p, "</dl>\n");
}

/* One pathway: its title (a heading of level h, linked to its
 * checklist), what it is for, and the facts an author checks. */
static void index_entry(page *p, const pw_graph *g, int h, const char *const *exts,
                        size_t nexts)
{
    outf(p, "<li class=\"pathway\"><h%d><a href=\"", h);
    percent(p, g->id, "-_");
    out(p, ".html\">");
    text(p, g->title ? g->title : g->id);
    outf(p, "</a></h%d>\n", h);
    if (pw_graph_text(g, PW_F_PATHWAY_SUMMARY)) {
        out(p, "<p class=\"summary\">");
        text(p, pw_graph_text(g, PW_F_PATHWAY_SUMMARY));
        out(p, "</p>\n");
    }
    index_meta(p, g, exts, nexts);
    out(p, "</li>\n");
}

/* A group's heading: its text, or, for the pathways without one, a
 * heading that says so. A topic inside an area (area > 0: its heading's
 * number) is named by both headings: one topic can be in two areas, and
 * two regions of one name are two landmarks a screen reader cannot tell
 * apart. */
static void group_heading(page *p, int h, const char *cls, int area, int id,
                          const char *name, const char *none)
{
    out(p, "<section class=\"");
    out(p, cls);
    out(p, "\" aria-labelledby=\"");
    if (area > 0)
        outf(p, "area-%d ", area);
    outf(p, "%s-%d\">\n<h%d id=\"%s-%d\">", cls, id, h, cls, id);
    if (name)
        text(p, name);
    else
        out(p, none);
    outf(p, "</h%d>\n", h);
}

typedef struct index_list {
    const pw_graph **gs; /* in the index's order */
    size_t n;
    const char *const *exts;
    size_t nexts;
    int ngroups;         /* headings written so far, for their ids */
} index_list;

/* gs[from..to): the pathways of one area, grouped by topic when any of
 * them has one. h is the level of the topics' headings; area the number
 * of the area's heading, 0 when there is none. */
static void index_area(page *p, index_list *l, size_t from, size_t to, int h, int area)
{
    bool topics = false;
    for (size_t i = from; i < to; i++)
        topics |= topic_of(l->gs[i]) != NULL;
    for (size_t i = from; i < to;) {
        size_t end = i + 1;
        while (topics && end < to && same_text(topic_of(l->gs[end]), topic_of(l->gs[i])))
            end++;
        if (!topics)
            end = to;
        if (topics)
            group_heading(p, h, "topic", area, ++l->ngroups, topic_of(l->gs[i]),
                          "No topic given");
        out(p, "<ul class=\"pathways\">\n");
        for (; i < end; i++)
            index_entry(p, l->gs[i], topics ? h + 1 : h, l->exts, l->nexts);
        out(p, topics ? "</ul>\n</section>\n" : "</ul>\n");
    }
}

/* The pathways by area, then topic: a level of headings for each that
 * some pathway of the build gives, the ones without it last. */
static void index_groups(page *p, index_list *l)
{
    bool areas = false;
    for (size_t i = 0; i < l->n; i++)
        areas |= area_of(l->gs[i]) != NULL;
    for (size_t i = 0; i < l->n;) {
        size_t end = i + 1;
        while (areas && end < l->n && same_text(area_of(l->gs[end]), area_of(l->gs[i])))
            end++;
        if (!areas)
            end = l->n;
        int area = 0;
        if (areas) {
            area = ++l->ngroups;
            group_heading(p, 2, "area", 0, area, area_of(l->gs[i]), "No area given");
        }
        index_area(p, l, i, end, areas ? 3 : 2, area);
        out(p, areas ? "</section>\n" : "");
        i = end;
    }
}

/* The search box, written hidden: the script (assets/index.js) shows it
 * and makes it filter the cards, so without JavaScript the page is the
 * full list and no box that does nothing. */
static void index_search(page *p)
{
    out(p, "<div id=\"search\" role=\"search\" hidden>\n"
           "<label for=\"search-input\">Find a pathway</label>\n"
           "<p class=\"hint\" id=\"search-hint\">By its title, what it is for, area, "
           "topic or owner</p>\n"
           "<input type=\"search\" id=\"search-input\" autocomplete=\"off\" "
           "spellcheck=\"false\" aria-describedby=\"search-hint search-status\">\n"
           "<p id=\"search-status\" role=\"status\"></p>\n"
           "</div>\n");
}

bool pw_emit_index(const pw_graph *const *gs, size_t n, const char *const *exts,
                   size_t nexts, pw_date today, FILE *f, char *err,
                   size_t errsize)
{
    page p = {.today = today};
    index_list l = {pw_xcalloc(n ? n : 1, sizeof *l.gs), n, exts, nexts, 0};
    if (n)
        memcpy(l.gs, gs, n * sizeof *gs);
    qsort(l.gs, n, sizeof *l.gs, index_order);
    bool ok = head(&p, "Safeguarding pathways", pw_asset_checklist_css, pw_asset_index_js);
    out(&p, "<body class=\"index\">\n<header>\n<h1>Safeguarding pathways</h1>\n</header>\n"
            "<main>\n<p class=\"danger\">If anyone is in immediate danger: call "
            "<a href=\"tel:999\">999</a>.</p>\n"
            "<p>Every pathway of this build, with its checklist");
    bool areas = false, topics = false;
    for (size_t i = 0; i < n; i++) {
        areas |= area_of(gs[i]) != NULL;
        topics |= topic_of(gs[i]) != NULL;
    }
    out(&p, areas && topics ? ", by area and topic" : areas ? ", by area"
            : topics ? ", by topic" : "");
    out(&p, ".</p>\n");
    index_search(&p);
    index_groups(&p, &l);
    out(&p, "</main>\n<footer>\n<p>Made by pathwayc " PW_VERSION
            ".</p>\n</footer>\n<script>");
    out(&p, pw_asset_index_js);
    out(&p, "</script>\n</body>\n</html>\n");
    free(l.gs);
    ok = ok && fwrite(p.b.s, 1, p.b.n, f) == p.b.n;
    pw_tb_free(&p.b);
    return ok ? true : fail(err, errsize, "cannot write the index");
}
