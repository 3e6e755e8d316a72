/* outputs — see outputs.h. */
#include "emit/outputs.h"

#include "support/arena.h"
#include "support/output.h"
#include "support/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pw_outputs {
    const char *dir;
    pw_output **written; /* each written and closed, not yet renamed; NULL
                          * once renamed or removed */
    size_t n;
    pw_text_buf error;
};

pw_outputs *pw_outputs_new(const char *dir)
{
    pw_outputs *s = pw_xcalloc(1, sizeof *s);
    s->dir = dir;
    return s;
}

const char *pw_outputs_error(const pw_outputs *s)
{
    return s->error.s ? s->error.s : "";
}

bool pw_outputs_add(pw_outputs *s, const char *id, const char *ext,
                    const char *data, size_t len)
{
    size_t n = strlen(s->dir) + strlen(id) + strlen(ext) + 3;
    char *path = pw_xcalloc(n, 1);
    snprintf(path, n, "%s/%s.%s", s->dir, id, ext);
    pw_output *out = pw_output_open(path);
    bool ok = out && fwrite(data, 1, len, pw_output_stream(out)) == len &&
              pw_output_close(out);
    int e = errno;
    if (out && !ok)
        pw_output_discard(out);
    pw_tb_truncate(&s->error, 0);
    if (ok) {
        s->written = pw_xrealloc(s->written, s->n + 1, sizeof *s->written);
        s->written[s->n++] = out;
    } else if (e == ENAMETOOLONG) {
        pw_tb_printf(&s->error, "cannot write '%s': the name is longer than the "
                     "file system allows; give pathway '%.40s...' a shorter id",
                     path, id);
    } else {
        pw_tb_printf(&s->error, "cannot write '%s': %s", path, strerror(e));
    }
    free(path);
    errno = e;
    return ok;
}

bool pw_outputs_commit(pw_outputs *s)
{
    pw_tb_truncate(&s->error, 0);
    bool ok = true;
    for (size_t i = 0; i < s->n; i++) {
        if (!ok) {
            pw_output_discard(s->written[i]);
        } else if (!pw_output_commit(s->written[i])) {
            pw_tb_printf(&s->error, "cannot write an output into '%s': %s", s->dir,
                         strerror(errno));
            ok = false;
        }
        s->written[i] = NULL; /* renamed, or removed: commit frees it either way */
    }
    return ok;
}

void pw_outputs_free(pw_outputs *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        pw_output_discard(s->written[i]);
    free(s->written);
    pw_tb_free(&s->error);
    free(s);
}
