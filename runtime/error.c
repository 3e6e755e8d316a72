/* error — filling a pathway_error, and the names of the codes. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pathway_code pwrt_vfail(pathway_error *err, pathway_code code, const char *where,
                        const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    /* Text too long for its buffer is cut short, on purpose: the return
     * values say by how much, and are not needed. */
    int n = snprintf(err->where, sizeof err->where, "%s", where ? where : "");
    size_t used = 0;
    if (err->where[0])
        n = snprintf(err->message, sizeof err->message, "%s: ", err->where);
    else
        err->message[0] = '\0';
    used = strlen(err->message);
    n = vsnprintf(err->message + used, sizeof err->message - used, fmt, ap);
    (void)n;
    return code;
}

pathway_code pwrt_fail(pathway_error *err, pathway_code code, const char *where,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pwrt_vfail(err, code, where, fmt, ap);
    va_end(ap);
    return code;
}

void pwrt_ok(pathway_error *err)
{
    if (!err)
        return;
    err->code = PATHWAY_OK;
    err->where[0] = '\0';
    err->message[0] = '\0';
}

PATHWAY_API const char *pathway_code_name(pathway_code code)
{
    static const char *const names[] = {
        [PATHWAY_OK] = "PATHWAY_OK",
        [PATHWAY_E_ARGUMENT] = "PATHWAY_E_ARGUMENT",
        [PATHWAY_E_NOMEM] = "PATHWAY_E_NOMEM",
        [PATHWAY_E_IO] = "PATHWAY_E_IO",
        [PATHWAY_E_JSON] = "PATHWAY_E_JSON",
        [PATHWAY_E_FORMAT] = "PATHWAY_E_FORMAT",
        [PATHWAY_E_TABLE] = "PATHWAY_E_TABLE",
        [PATHWAY_E_HASH] = "PATHWAY_E_HASH",
        [PATHWAY_E_NOT_FOUND] = "PATHWAY_E_NOT_FOUND",
        [PATHWAY_E_KIND] = "PATHWAY_E_KIND",
        [PATHWAY_E_ANSWER] = "PATHWAY_E_ANSWER",
        [PATHWAY_E_SCORE] = "PATHWAY_E_SCORE",
        [PATHWAY_E_FINISHED] = "PATHWAY_E_FINISHED",
        [PATHWAY_E_AT_START] = "PATHWAY_E_AT_START",
        [PATHWAY_E_SAVE] = "PATHWAY_E_SAVE",
        [PATHWAY_E_PATHWAY] = "PATHWAY_E_PATHWAY",
        [PATHWAY_E_REMOVED] = "PATHWAY_E_REMOVED",
        [PATHWAY_E_REPLAY] = "PATHWAY_E_REPLAY",
        [PATHWAY_E_STEP] = "PATHWAY_E_STEP",
        [PATHWAY_E_ALREADY_DONE] = "PATHWAY_E_ALREADY_DONE",
        [PATHWAY_E_STEPS_LEFT] = "PATHWAY_E_STEPS_LEFT",
        [PATHWAY_E_TOO_LARGE] = "PATHWAY_E_TOO_LARGE",
    };
    if ((unsigned)code >= sizeof names / sizeof names[0])
        return NULL;
    return names[code];
}

PATHWAY_API void pathway_free(void *p)
{
    free(p);
}
