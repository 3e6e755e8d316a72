/* Unit tests for source (support/source.c): which names are pathways'
 * (run, diff and fmt tell them by it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/source.h"

static void test_pathway_names(void **state)
{
    (void)state;
    assert_true(pw_source_is_pathway_name("prevent.pathway"));
    assert_true(pw_source_is_pathway_name("a.pathway"));
    assert_true(pw_source_is_pathway_name("dir/x.pathway"));
    assert_true(pw_source_is_pathway_name("dir.pathway/x.pathway"));
    assert_false(pw_source_is_pathway_name(".pathway")); /* nothing before it */
    assert_false(pw_source_is_pathway_name("pathway"));
    assert_false(pw_source_is_pathway_name("prevent.json"));
    assert_false(pw_source_is_pathway_name("prevent.pathway.json"));
    assert_false(pw_source_is_pathway_name("prevent.Pathway"));
    assert_false(pw_source_is_pathway_name(""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pathway_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
