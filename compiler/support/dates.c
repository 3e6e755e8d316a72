/* dates — see dates.h. */
#include "support/dates.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int pw_date_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return days[month - 1] + (month == 2 && leap(year));
}

const char *pw_date_month_name(int month)
{
    static const char *const names[] = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    return month >= 1 && month <= 12 ? names[month - 1] : NULL;
}

pw_date_problem pw_date_check(int year, int month, int day)
{
    if (month < 1 || month > 12)
        return PW_DATE_NO_MONTH;
    if (day < 1)
        return PW_DATE_NO_DAY;
    if (day > pw_date_days_in_month(year, month))
        return PW_DATE_PAST_MONTH_END;
    if (year < 1900)
        return PW_DATE_IMPLAUSIBLE;
    return PW_DATE_OK;
}

/* The number written by the n digits at s; -1 when one is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool pw_date_parse(const char *s, pw_date *d)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int y = digits(s, 4), m = digits(s + 5, 2), dd = digits(s + 8, 2);
    if (y < 0 || m < 0 || dd < 0 || pw_date_check(y, m, dd) != PW_DATE_OK)
        return false;
    *d = (pw_date){y, m, dd, {0, 0}};
    return true;
}

pw_date pw_date_utc(int64_t seconds)
{
    time_t t = (time_t)seconds;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return (pw_date){0, 0, 0, {0, 0}};
    return (pw_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, {0, 0}};
}

int pw_date_compare(pw_date a, pw_date b)
{
    long x = a.year * 10000L + a.month * 100L + a.day;
    long y = b.year * 10000L + b.month * 100L + b.day;
    return (x > y) - (x < y);
}

void pw_date_format(pw_date d, char out[PW_DATE_TEXT_SIZE])
{
    snprintf(out, PW_DATE_TEXT_SIZE, "%04d-%02d-%02d", d.year, d.month, d.day);
}
