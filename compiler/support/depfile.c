/* depfile — see depfile.h. */
#include "support/depfile.h"

#include "support/output.h"

#include <errno.h>
#include <string.h>

void pw_depfile_put_name(FILE *f, const char *name)
{
    for (const char *p = name; *p; p++) {
        if (strchr(" \t#:", *p)) {
            for (const char *q = p; q > name && q[-1] == '\\'; q--)
                fputc('\\', f);
            fputc('\\', f);
        } else if (*p == '$') {
            fputc('$', f);
        }
        fputc(*p, f);
    }
}

bool pw_depfile_can_read(const char *name)
{
    size_t n = strlen(name);
    return !strpbrk(name, "\n\r") && !(n && name[n - 1] == '\\');
}

bool pw_depfile_write(const char *path, const char *const *deps, size_t n,
                      const char **unreadable)
{
    for (size_t i = 0; i <= n; i++) {
        *unreadable = i < n ? deps[i] : path;
        if (!pw_depfile_can_read(*unreadable)) {
            errno = EINVAL;
            return false;
        }
    }
    *unreadable = NULL;
    pw_output *out = pw_output_open(path);
    if (!out)
        return false;
    FILE *f = pw_output_stream(out);
    pw_depfile_put_name(f, path);
    fputc(':', f);
    for (size_t i = 0; i < n; i++) {
        fputc(' ', f);
        pw_depfile_put_name(f, deps[i]);
    }
    fputc('\n', f);
    for (size_t i = 0; i < n; i++) {
        pw_depfile_put_name(f, deps[i]);
        fputs(":\n", f);
    }
    return pw_output_commit(out);
}
