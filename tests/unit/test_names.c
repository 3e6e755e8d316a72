/* Unit tests for names (support/names.c, over the runtime's id map):
 * adding and finding, a name added twice, and a table that grows past
 * the capacity it was made for instead of refusing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/names.h"

#include <stdio.h>
#include <stdlib.h>

static void test_add_and_get(void **state)
{
    (void)state;
    int a = 1, b = 2;
    pw_names *m = pw_names_new(2);
    assert_null(pw_names_get(m, "a"));
    assert_null(pw_names_add(m, "a", &a));
    assert_null(pw_names_add(m, "b", &b));
    assert_ptr_equal(pw_names_get(m, "a"), &a);
    assert_ptr_equal(pw_names_get(m, "b"), &b);
    assert_null(pw_names_get(m, "c"));
    assert_null(pw_names_get(m, ""));
    pw_names_free(m);
    pw_names_free(NULL);
}

static void test_added_twice_keeps_the_first(void **state)
{
    (void)state;
    int a = 1, b = 2;
    pw_names *m = pw_names_new(1);
    assert_null(pw_names_add(m, "x", &a));
    assert_ptr_equal(pw_names_add(m, "x", &b), &a); /* full, and still answers */
    assert_ptr_equal(pw_names_get(m, "x"), &a);
    pw_names_free(m);
}

/* Made for none, given 20,000 ids that share a long prefix (the shape
 * glibc's hsearch_r hashed into one bucket): every one is kept. */
static void test_grows_past_its_capacity(void **state)
{
    (void)state;
    enum { N = 20000 };
    char (*keys)[32] = calloc(N, sizeof *keys);
    int *values = calloc(N, sizeof *values);
    pw_names *m = pw_names_new(0);
    for (int i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "check_with_parent_%d", i);
        assert_null(pw_names_add(m, keys[i], &values[i]));
    }
    for (int i = 0; i < N; i++)
        assert_ptr_equal(pw_names_get(m, keys[i]), &values[i]);
    assert_ptr_equal(pw_names_add(m, keys[7], &values[8]), &values[7]);
    assert_null(pw_names_get(m, "check_with_parent_"));
    pw_names_free(m);
    free(values);
    free(keys);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_and_get),
        cmocka_unit_test(test_added_twice_keeps_the_first),
        cmocka_unit_test(test_grows_past_its_capacity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
