/* Unit tests for dates (support/dates.c): which triples are dates and
 * why not, leap years, reading YYYY-MM-DD strictly, the UTC date of a
 * time, order, and the written form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/dates.h"

#include <string.h>

static void test_check_says_why(void **state)
{
    (void)state;
    assert_int_equal(pw_date_check(2025, 11, 30), PW_DATE_OK);
    assert_int_equal(pw_date_check(2025, 0, 1), PW_DATE_NO_MONTH);
    assert_int_equal(pw_date_check(2025, 13, 1), PW_DATE_NO_MONTH);
    assert_int_equal(pw_date_check(2025, 6, 0), PW_DATE_NO_DAY);
    assert_int_equal(pw_date_check(2025, 6, 31), PW_DATE_PAST_MONTH_END);
    assert_int_equal(pw_date_check(1899, 12, 31), PW_DATE_IMPLAUSIBLE);
    assert_int_equal(pw_date_check(1900, 1, 1), PW_DATE_OK);
    /* the first problem, in the lexer's order: month, day, year */
    assert_int_equal(pw_date_check(1000, 13, 0), PW_DATE_NO_MONTH);
    assert_int_equal(pw_date_check(1000, 2, 0), PW_DATE_NO_DAY);
    assert_int_equal(pw_date_check(1000, 2, 30), PW_DATE_PAST_MONTH_END);
}

static void test_leap_years(void **state)
{
    (void)state;
    assert_int_equal(pw_date_days_in_month(2024, 2), 29);
    assert_int_equal(pw_date_days_in_month(2025, 2), 28);
    assert_int_equal(pw_date_days_in_month(1900, 2), 28); /* by 100 */
    assert_int_equal(pw_date_days_in_month(2000, 2), 29); /* by 400 */
    assert_int_equal(pw_date_days_in_month(2025, 4), 30);
    assert_int_equal(pw_date_days_in_month(2025, 12), 31);
    assert_int_equal(pw_date_days_in_month(2025, 13), 0);
    assert_int_equal(pw_date_check(2024, 2, 29), PW_DATE_OK);
    assert_int_equal(pw_date_check(2025, 2, 29), PW_DATE_PAST_MONTH_END);
}

static void test_month_names(void **state)
{
    (void)state;
    assert_string_equal(pw_date_month_name(1), "January");
    assert_string_equal(pw_date_month_name(12), "December");
    assert_null(pw_date_month_name(0));
    assert_null(pw_date_month_name(13));
}

static void test_parse(void **state)
{
    (void)state;
    pw_date d = {0, 0, 0, {0, 0}};
    assert_true(pw_date_parse("2024-02-29", &d));
    assert_int_equal(d.year, 2024);
    assert_int_equal(d.month, 2);
    assert_int_equal(d.day, 29);
    static const char *const bad[] = {
        "2025-02-29", "2025-13-01", "2025-00-10", "2025-06-00", "1899-12-31",
        "2025-6-01",  "2025-06-1",  "25-06-01",   "2025-06-011", "",
        "2025/06/01", "2025-+6-01", "2025- 6-01", " 2025-6-01",  "2025-06-0x",
        "abcd-ef-gh"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        pw_date e = {7, 7, 7, {0, 0}};
        if (pw_date_parse(bad[i], &e))
            fail_msg("'%s' read as a date", bad[i]);
        assert_int_equal(e.year, 7); /* unchanged */
    }
}

static void test_utc(void **state)
{
    (void)state;
    pw_date d = pw_date_utc(0);
    assert_int_equal(d.year, 1970);
    assert_int_equal(d.month, 1);
    assert_int_equal(d.day, 1);
    d = pw_date_utc(1748736000); /* 2025-06-01T00:00:00Z */
    assert_int_equal(d.year, 2025);
    assert_int_equal(d.month, 6);
    assert_int_equal(d.day, 1);
    d = pw_date_utc(1748735999); /* a second before */
    assert_int_equal(d.month, 5);
    assert_int_equal(d.day, 31);
}

static void test_compare(void **state)
{
    (void)state;
    pw_date a = {2025, 6, 1, {0, 0}}, b = {2025, 6, 2, {3, 4}}, c = {2024, 12, 31, {0, 0}};
    assert_true(pw_date_compare(a, b) < 0);
    assert_true(pw_date_compare(b, a) > 0);
    assert_int_equal(pw_date_compare(a, a), 0);
    assert_true(pw_date_compare(c, a) < 0);
    pw_date a2 = {2025, 6, 1, {10, 20}}; /* spans do not count */
    assert_int_equal(pw_date_compare(a, a2), 0);
}

static void test_format(void **state)
{
    (void)state;
    char s[PW_DATE_TEXT_SIZE];
    pw_date_format((pw_date){2025, 6, 1, {0, 0}}, s);
    assert_string_equal(s, "2025-06-01");
    pw_date_format((pw_date){900, 1, 2, {0, 0}}, s);
    assert_string_equal(s, "0900-01-02");
    pw_date_format((pw_date){-2147483647 - 1, -2147483647 - 1, -2147483647 - 1, {0, 0}}, s);
    assert_string_equal(s, "-2147483648--2147483648--2147483648");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_says_why), cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_month_names),    cmocka_unit_test(test_parse),
        cmocka_unit_test(test_utc),            cmocka_unit_test(test_compare),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
