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

pw_text pw_ast_text(const pw_ast_field *list, pw_field f)
{
    const pw_ast_field *x = pw_ast_field_get(list, f);
    return x ? x->v.text : (pw_text){0};
}

pw_name pw_ast_name(const pw_ast_field *list, pw_field f)
{
    const pw_ast_field *x = pw_ast_field_get(list, f);
    return x ? x->v.name : (pw_name){0};
}

pw_date pw_ast_date(const pw_ast_field *list, pw_field f)
{
    const pw_ast_field *x = pw_ast_field_get(list, f);
    return x ? x->v.date : (pw_date){0};
}

pw_timescale pw_ast_time(const pw_ast_field *list, pw_field f)
{
    const pw_ast_field *x = pw_ast_field_get(list, f);
    return x ? x->v.time : (pw_timescale){0};
}

int pw_ast_word(const pw_ast_field *list, pw_field f)
{
    const pw_ast_field *x = pw_ast_field_get(list, f);
    return x ? x->v.choice.value : 0;
}

size_t pw_ast_count(const pw_ast_field *list, pw_field f)
{
    size_t n = 0;
    for (; list; list = list->next)
        n += list->field == f;
    return n;
}

size_t pw_ast_count_names(const pw_ast_field *list, pw_field f)
{
    size_t n = 0;
    for (; list; list = list->next)
        for (const pw_name_item *i = list->field == f ? list->v.names : NULL; i;
             i = i->next)
            n++;
    return n;
}
