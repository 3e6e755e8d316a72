#include "front/describe.h"

#include "support/suggest.h"

#include <stdio.h>
#include <string.h>


const char *pw_describe_article(pw_node_kind k)
{
    return k == PW_OUTCOME ? "an" : "a";
}

/* "a, b and c" into buf: the names of the fields of group g that pass
 * keep, in vocab.def's order; returns how many. sep_last is the word
 * before the last one (" and "). */
static size_t list_fields(pw_group g, bool (*keep)(pw_field, int), int arg,
                          const char *sep_last, char *buf, size_t size, size_t len)
{
    size_t n = 0, total = 0;
    pw_field first = pw_field_first(g, &n);
    for (size_t i = 0; i < n; i++)
        total += keep((pw_field)(first + (int)i), arg);
    size_t k = 0;
    for (size_t i = 0; i < n && len < size; i++) {
        pw_field f = (pw_field)(first + (int)i);
        if (!keep(f, arg))
            continue;
        const char *sep = k == 0 ? "" : k + 1 == total ? sep_last : ", ";
        len += (size_t)snprintf(buf + len, size - len, "%s%s", sep, pw_field_name(f));
        k++;
    }
    return k;
}

/* A field a node of kind k takes and that is written with a keyword of
 * its own (a question's answers are described apart). */
bool pw_describe_plain_field(pw_field f, int kind)
{
    pw_value_form form = pw_field_get(f)->form;
    return pw_field_takes(f, (pw_node_kind)kind) && form != PW_V_RANGE &&
           form != PW_V_ANSWER && form != PW_V_BAND && form != PW_V_CRITERIA;
}

static bool any_field(pw_field f, int arg)
{
    (void)f;
    (void)arg;
    return true;
}

const char *pw_describe_kind_takes(pw_node_kind k, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "%s %s takes ", pw_describe_article(k),
                                  pw_node_kind_name(k));
    if (k == PW_QUESTION) {
        list_fields(PW_G_NODE, pw_describe_plain_field, k, ", ", buf, size, len);
        len = strlen(buf);
        snprintf(buf + len, size - len, ", and its answers (labelled, "
                 "any-of/all-of, or score and bands)");
    } else {
        list_fields(PW_G_NODE, pw_describe_plain_field, k, " and ", buf, size, len);
    }
    return buf;
}

const char *pw_describe_pathway_holds(char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "a pathway holds ");
    list_fields(PW_G_PATHWAY, any_field, 0, ", ", buf, size, len);
    len = strlen(buf);
    snprintf(buf + len, size - len, ", contacts, roles, forms, stages, steps, "
             "questions, outcomes, scenarios and assertions");
    return buf;
}

const char *pw_describe_suggest_field(pw_node_kind k, const char *word)
{
    pw_suggest sg;
    pw_suggest_init(&sg, word);
    size_t n;
    pw_field first = pw_field_first(PW_G_NODE, &n);
    for (size_t i = 0; i < n; i++) {
        pw_field f = (pw_field)(first + (int)i);
        if (pw_describe_plain_field(f, k))
            pw_suggest_offer(&sg, pw_field_name(f));
    }
    return pw_suggest_best(&sg);
}

