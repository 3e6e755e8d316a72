/* dates — calendar dates as the language writes them (YYYY-MM-DD): which
 * year-month-day triples are dates, reading and writing them, and their
 * order. One description of a date for the lexer (a date in a pathway),
 * the command line (--today, the clock), the checks (review-overdue) and
 * the backends (the table, the checklist). No global state; nothing here
 * prints. */
#ifndef PW_DATES_H
#define PW_DATES_H

#include "support/source.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct pw_date {
    int year, month, day; /* year 0: absent or invalid */
    pw_span span;         /* where it was written ({0, 0}: not in a file) */
} pw_date;

/* Why year-month-day is not a date, in the order they are looked for
 * (the first that applies). */
typedef enum {
    PW_DATE_OK,
    PW_DATE_NO_MONTH,      /* month is not 1 to 12 */
    PW_DATE_NO_DAY,        /* day is below 1 */
    PW_DATE_PAST_MONTH_END,/* day is after the month's last
                            * (pw_date_days_in_month) */
    PW_DATE_IMPLAUSIBLE,   /* year is before 1900 (the calendar is the
                            * Gregorian one, leap years included) */
} pw_date_problem;

pw_date_problem pw_date_check(int year, int month, int day);

/* The days in month (1 to 12) of year, 29 for a leap February. */
int pw_date_days_in_month(int year, int month);

/* "January" ... "December" for month 1 to 12; NULL for any other. */
const char *pw_date_month_name(int month);

/* Reads s, which must be exactly YYYY-MM-DD (ten characters, digits and
 * two hyphens) and a date (pw_date_check). True with *d set (span {0, 0});
 * false, *d unchanged, otherwise. */
bool pw_date_parse(const char *s, pw_date *d);

/* The date in UTC of a time in seconds since 1970-01-01T00:00:00Z (year
 * 0 for a time too far off for the C library to convert). */
pw_date pw_date_utc(int64_t seconds);

/* Date order: negative, zero or positive as a is before, on or after b
 * (the spans are not looked at). */
int pw_date_compare(pw_date a, pw_date b);

/* d written "%04d-%02d-%02d" (2025-06-01): room for any three ints. */
enum { PW_DATE_TEXT_SIZE = 3 * 12 };
void pw_date_format(pw_date d, char out[PW_DATE_TEXT_SIZE]);

#endif
