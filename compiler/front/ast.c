#include "front/ast.h"

pw_ast_file *pw_ast_new(const pw_source *src)
{
    pw_arena *a = pw_arena_new();
    pw_ast_file *f = pw_arena_alloc(a, sizeof *f);
    f->source = src;
    f->arena = a;
    return f;
}

void pw_ast_free(pw_ast_file *f)
{
    if (f)
        pw_arena_free(f->arena); /* f itself lives in the arena */
}

const char *pw_unit_name(pw_unit u, int32_t value)
{
    static const char *const one[] = {"", "minute", "hour", "day", "working-day",
                                      "week", "month"};
    static const char *const many[] = {"", "minutes", "hours", "days",
                                       "working-days", "weeks", "months"};
    if ((unsigned)u > PW_UNIT_MONTHS)
        return "";
    return value == 1 ? one[u] : many[u];
}

const char *pw_unit_words(pw_unit u, int32_t value)
{
    static const char *const one[] = {"", "minute", "hour", "day", "working day",
                                      "week", "month"};
    static const char *const many[] = {"", "minutes", "hours", "days",
                                       "working days", "weeks", "months"};
    if ((unsigned)u > PW_UNIT_MONTHS)
        return "";
    return value == 1 ? one[u] : many[u];
}

const char *pw_status_name(pw_status s)
{
    static const char *const names[] = {"", "draft", "approved", "under-review"};
    return (unsigned)s <= PW_STATUS_UNDER_REVIEW ? names[s] : "";
}

const char *pw_urgency_name(pw_urgency u)
{
    static const char *const names[] = {"", "immediate", "urgent", "routine"};
    return (unsigned)u <= PW_URGENCY_ROUTINE ? names[u] : "";
}

const char *pw_consent_name(pw_consent_rule c)
{
    static const char *const names[] = {"",
                                        "needed",
                                        "not-needed",
                                        "seek-unless-unsafe",
                                        "inform-unless-unsafe",
                                        "not-applicable"};
    return (unsigned)c <= PW_CONSENT_NOT_APPLICABLE ? names[c] : "";
}

const char *pw_outcome_kind_name(pw_outcome_kind k)
{
    static const char *const names[] = {"",        "emergency", "referral",
                                        "advice",  "monitor",   "no-further-action"};
    return (unsigned)k <= PW_OUTCOME_NO_FURTHER_ACTION ? names[k] : "";
}

const char *pw_node_kind_name(pw_node_kind k)
{
    static const char *const names[] = {"step", "question", "outcome"};
    return (unsigned)k <= PW_OUTCOME ? names[k] : "";
}
