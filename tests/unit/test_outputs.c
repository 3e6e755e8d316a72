/* Unit tests for a build's output set (emit/outputs.c): every output is
 * moved into place only once all are written; a failure part of the way
 * (a name too long, a directory that is not there, a move refused) leaves
 * the directory as it was, what was replaced put back, without a staging
 * directory; the lock, and what killed builds left; the messages the
 * command line prints. (tests/atomic/atomic does the same through pathwayc
 * build, at every output's place.) */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "emit/outputs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/pw-outputs-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* The names in dir, sorted, each followed by '=' and its contents (or '/'
 * for a directory), one a line: the directory as a test sees it. */
static char *listing(void)
{
    char cmd[256], *buf = calloc(1, 8192);
    snprintf(cmd, sizeof cmd,
             "cd '%s' && for f in $(ls -A | sort); do if [ -d \"$f\" ]; then "
             "echo \"$f/\"; else echo \"$f=$(cat \"$f\")\"; fi; done", dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(buf, 1, 8191, p);
    buf[n] = '\0';
    pclose(p);
    return buf;
}

static void put_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static bool add(pw_outputs *s, const char *id, const char *ext, const char *text)
{
    return pw_outputs_add(s, id, ext, text, strlen(text));
}

static void test_writes_all(void **state)
{
    (void)state;
    put_file("p.json", "old");
    pw_outputs *s = pw_outputs_new(dir);
    assert_true(add(s, "p", "json", "new json"));
    assert_true(add(s, "p", "html", "page"));
    assert_true(add(s, "index", "html", "list"));
    assert_string_equal(pw_outputs_error(s), "");
    /* written, not yet in place: the old file is still there */
    char *before = listing();
    assert_non_null(strstr(before, "p.json=old\n"));
    assert_null(strstr(before, "p.html="));
    free(before);
    assert_true(pw_outputs_commit(s));
    pw_outputs_free(s);
    char *after = listing();
    assert_string_equal(after, "index.html=list\np.html=page\np.json=new json\n");
    free(after);
}

static void test_nothing_when_abandoned(void **state)
{
    (void)state;
    put_file("p.json", "old");
    pw_outputs *s = pw_outputs_new(dir);
    assert_true(add(s, "p", "json", "new"));
    assert_true(add(s, "q", "json", "new"));
    pw_outputs_free(s); /* never committed */
    char *after = listing();
    assert_string_equal(after, "p.json=old\n");
    free(after);
    pw_outputs_free(NULL);
}

/* A name too long for the file system, after two outputs were written:
 * the build stops there, and the directory is as it was. */
static void test_name_too_long_part_way(void **state)
{
    (void)state;
    put_file("a.json", "old");
    char id[300];
    memset(id, 'x', sizeof id - 1);
    id[sizeof id - 1] = '\0';
    pw_outputs *s = pw_outputs_new(dir);
    assert_true(add(s, "a", "json", "new"));
    assert_true(add(s, "b", "json", "new"));
    errno = 0;
    assert_false(add(s, id, "json", "new"));
    assert_int_equal(errno, ENAMETOOLONG);
    char want[1024];
    snprintf(want, sizeof want,
             "cannot write '%s/%s.json': the name is longer than the file system "
             "allows; give pathway '%.40s...' a shorter id", dir, id, id);
    assert_string_equal(pw_outputs_error(s), want);
    pw_outputs_free(s);
    char *after = listing();
    assert_string_equal(after, "a.json=old\n");
    free(after);
}

static void test_no_such_directory(void **state)
{
    (void)state;
    char missing[128];
    snprintf(missing, sizeof missing, "%s/not-there", dir);
    pw_outputs *s = pw_outputs_new(missing);
    assert_false(add(s, "p", "svg", "<svg/>"));
    char want[256];
    snprintf(want, sizeof want, "cannot open the directory '%s': No such file or "
             "directory", missing);
    assert_string_equal(pw_outputs_error(s), want);
    assert_true(pw_outputs_commit(s)); /* nothing to rename */
    pw_outputs_free(s);
    char *after = listing();
    assert_string_equal(after, "");
    free(after);
}

/* A move refused (a directory where the second output goes): the first,
 * moved already, is taken back and the file it replaced put back; the
 * third is never moved; no staging directory is left. */
static void test_rename_refused(void **state)
{
    (void)state;
    char sub[128];
    snprintf(sub, sizeof sub, "%s/b.json", dir);
    assert_int_equal(mkdir(sub, 0777), 0);
    put_file("b.json/keep", "x");
    put_file("a.json", "old a");
    put_file("c.json", "old c");
    put_file("other", "mine");
    char *before = listing();
    pw_outputs *s = pw_outputs_new(dir);
    assert_true(add(s, "a", "json", "1"));
    assert_true(add(s, "b", "json", "2"));
    assert_true(add(s, "c", "json", "3"));
    assert_false(pw_outputs_commit(s));
    char want[256];
    snprintf(want, sizeof want, "cannot write '%s/b.json': a directory has that name; "
             "move it away or build into another directory; nothing in '%s' was "
             "changed", dir, dir);
    assert_string_equal(pw_outputs_error(s), want);
    pw_outputs_free(s);
    char *after = listing();
    assert_string_equal(after, before);
    assert_string_equal(after, "a.json=old a\nb.json/\nc.json=old c\nother=mine\n");
    free(before);
    free(after);
}

/* A second set into a directory locked by another is told so, and waits
 * only when asked to. */
static void test_lock(void **state)
{
    (void)state;
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    pw_outputs *s = pw_outputs_new(dir);
    assert_int_equal(pw_outputs_lock(s, false), PW_OUTPUTS_BUSY);
    close(fd);
    assert_int_equal(pw_outputs_lock(s, false), PW_OUTPUTS_LOCKED);
    assert_true(add(s, "p", "json", "new"));
    assert_true(pw_outputs_commit(s));
    pw_outputs_free(s);
    char *after = listing();
    assert_string_equal(after, "p.json=new\n");
    free(after);
}

/* What a killed build left, older than this one, is removed; a newer one,
 * and other names, are not. */
static void test_stale(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "%s/" PW_OUTPUTS_STAGING_PREFIX "dead", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/" PW_OUTPUTS_STAGING_PREFIX "dead/old", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    put_file(PW_OUTPUTS_STAGING_PREFIX "dead/p.json", "half");
    put_file(PW_OUTPUTS_STAGING_PREFIX "dead/old/p.json", "kept");
    put_file(PW_OUTPUTS_STAGING_PREFIX "file", "half");
    put_file(PW_OUTPUTS_STAGING_PREFIX "newer", "live?");
    put_file("p.json.tmp-abcdef", "not ours");
    struct timespec old[2] = {{1000000000, 0}, {1000000000, 0}};
    struct timespec future[2] = {{4000000000, 0}, {4000000000, 0}};
    snprintf(path, sizeof path, "%s/" PW_OUTPUTS_STAGING_PREFIX "dead", dir);
    assert_int_equal(utimensat(AT_FDCWD, path, old, 0), 0);
    snprintf(path, sizeof path, "%s/" PW_OUTPUTS_STAGING_PREFIX "file", dir);
    assert_int_equal(utimensat(AT_FDCWD, path, old, 0), 0);
    snprintf(path, sizeof path, "%s/" PW_OUTPUTS_STAGING_PREFIX "newer", dir);
    assert_int_equal(utimensat(AT_FDCWD, path, future, 0), 0);
    pw_outputs *s = pw_outputs_new(dir);
    assert_int_equal(pw_outputs_lock(s, true), PW_OUTPUTS_LOCKED);
    pw_outputs_free(s);
    char *after = listing();
    assert_string_equal(after, PW_OUTPUTS_STAGING_PREFIX "newer=live?\n"
                               "p.json.tmp-abcdef=not ours\n");
    free(after);
}

/* An output may be empty, or hold NUL bytes (a PNG): written as given. */
static void test_bytes_as_given(void **state)
{
    (void)state;
    pw_outputs *s = pw_outputs_new(dir);
    assert_true(pw_outputs_add(s, "e", "dot", "", 0));
    assert_true(pw_outputs_add(s, "z", "png", "a\0b", 3));
    assert_true(pw_outputs_commit(s));
    pw_outputs_free(s);
    char path[128];
    struct stat st;
    snprintf(path, sizeof path, "%s/e.dot", dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 0);
    snprintf(path, sizeof path, "%s/z.png", dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_writes_all, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_nothing_when_abandoned, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_name_too_long_part_way, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_no_such_directory, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_rename_refused, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_bytes_as_given, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_lock, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_stale, make_dir, remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
