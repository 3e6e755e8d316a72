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

const pw_ast_field *pw_ast_field_get(const pw_ast_field *list, pw_field f)
{
    for (; list; list = list->next)
        if (list->field == f)
            return list;
    return NULL;
}
