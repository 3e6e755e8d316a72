/* timefmt — RFC 3339 times ("2025-01-31T09:30:00Z") and dates, by
 * arithmetic on the proleptic Gregorian calendar: no libc time functions,
 * so no locale, time zone or thread-safety questions. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

enum { MAX_TIME_DAYS = 2932896 }; /* days from 1970-01-01 to 9999-12-31 */
#define MAX_TIME ((int64_t)MAX_TIME_DAYS * 86400 + 86399)

/* Days since 1970-01-01 of a civil date, and back (Howard Hinnant's
 * algorithms, for years 0..9999 here). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = y / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = z / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

int64_t pwrt_clamp_time(int64_t t)
{
    return t < 0 ? 0 : t > MAX_TIME ? MAX_TIME : t;
}

void pwrt_format_time(int64_t t, char out[PWRT_TIME_SIZE])
{
    t = pwrt_clamp_time(t);
    int y, m, d;
    civil_from_days(t / 86400, &y, &m, &d);
    unsigned s = (unsigned)(t % 86400);
    /* the moduli tell the compiler what the clamp already ensures */
    snprintf(out, PWRT_TIME_SIZE, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)y % 10000u,
             (unsigned)m % 100u, (unsigned)d % 100u, s / 3600 % 100u, s / 60 % 60, s % 60);
}

/* n decimal digits at s, into *v; false unless all are digits. */
static bool digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return true;
}

/* "YYYY-MM-DD" at s (10 bytes, not necessarily the end), a real date. */
static bool date_at(const char *s, int *y, int *m, int *d)
{
    return digits(s, 4, y) && s[4] == '-' && digits(s + 5, 2, m) && s[7] == '-' &&
           digits(s + 8, 2, d) && *m >= 1 && *m <= 12 && *d >= 1 &&
           *d <= days_in_month(*y, *m);
}

bool pwrt_is_date(const char *s)
{
    int y, m, d;
    return strlen(s) == 10 && date_at(s, &y, &m, &d);
}

bool pwrt_parse_time(const char *s, int64_t *t)
{
    int y, mo, d, h, mi, se;
    if (strlen(s) != 20 || !date_at(s, &y, &mo, &d) || s[10] != 'T' ||
        !digits(s + 11, 2, &h) || s[13] != ':' || !digits(s + 14, 2, &mi) ||
        s[16] != ':' || !digits(s + 17, 2, &se) || s[19] != 'Z' || h > 23 || mi > 59 ||
        se > 59 || y < 1970)
        return false;
    *t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
    return true;
}
