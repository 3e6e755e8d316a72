/* Unit tests for depfile (support/depfile.c): names written as make reads
 * them (spaces, tabs, '#', ':', '$', backslashes before them and
 * elsewhere), names make cannot read (refused, nothing written), the
 * whole file, and a depfile that cannot be written. Each name written is
 * read back by make itself when make is there. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/depfile.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *put(const char *name)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    pw_depfile_put_name(f, name);
    fclose(f);
    return buf;
}

static void check_put(const char *name, const char *want)
{
    char *got = put(name);
    assert_string_equal(got, want);
    free(got);
}

static void test_names_as_make_reads_them(void **state)
{
    (void)state;
    check_put("plain/file.pathway", "plain/file.pathway");
    check_put("a b.pathway", "a\\ b.pathway");
    check_put("a\tb", "a\\\tb");
    check_put("#x", "\\#x");
    check_put("c:d", "c\\:d");
    check_put("$HOME", "$$HOME");
    check_put("a$$b", "a$$$$b");
    /* a backslash not before a special character stays single */
    check_put("a\\b", "a\\b");
    /* backslashes just before a space are doubled, then one escapes it */
    check_put("a\\ b", "a\\\\\\ b");
    check_put("a\\\\#b", "a\\\\\\\\\\#b");
    check_put("", "");
}

static void test_names_make_cannot_read(void **state)
{
    (void)state;
    assert_true(pw_depfile_can_read("a b#c:d$e\\f"));
    assert_true(pw_depfile_can_read(""));
    assert_false(pw_depfile_can_read("a\nb"));
    assert_false(pw_depfile_can_read("a\rb"));
    assert_false(pw_depfile_can_read("ends\\"));
}

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/pw-depfile-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

/* Removes every file in dir, then dir. */
static int remove_dir(void **state)
{
    (void)state;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        char path[512];
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    }
    if (d)
        closedir(d);
    return rmdir(dir);
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *buf = calloc(1, 4096);
    size_t n = fread(buf, 1, 4095, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static size_t entries(void)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static void test_writes_the_whole_file(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/out.d", dir);
    const char *deps[] = {"main.pathway", "common/x y.pathway", "odd:$#.pathway"};
    const char *unreadable = "unset";
    assert_true(pw_depfile_write(path, deps, 3, &unreadable));
    char *text = read_all(path);
    char want[512];
    snprintf(want, sizeof want,
             "%s: main.pathway common/x\\ y.pathway odd\\:$$\\#.pathway\n"
             "main.pathway:\n"
             "common/x\\ y.pathway:\n"
             "odd\\:$$\\#.pathway:\n", path);
    assert_string_equal(text, want);
    free(text);
    assert_int_equal(entries(), 1); /* no temporary file left */
    /* no deps: the target alone */
    assert_true(pw_depfile_write(path, NULL, 0, &unreadable));
    text = read_all(path);
    snprintf(want, sizeof want, "%s:\n", path);
    assert_string_equal(text, want);
    free(text);
}

static void test_unreadable_names_write_nothing(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/none.d", dir);
    const char *deps[] = {"ok.pathway", "line\nbreak.pathway", "tail\\"};
    const char *unreadable = NULL;
    errno = 0;
    assert_false(pw_depfile_write(path, deps, 3, &unreadable));
    assert_int_equal(errno, EINVAL);
    assert_ptr_equal(unreadable, deps[1]); /* the first one */
    assert_int_equal(access(path, F_OK), -1);
    /* the depfile's own name is looked at last */
    char bad[128];
    snprintf(bad, sizeof bad, "%s/end\\", dir);
    assert_false(pw_depfile_write(bad, deps, 1, &unreadable));
    assert_ptr_equal(unreadable, bad);
    assert_int_equal(entries(), 0);
}

static void test_cannot_write(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/no/such/dir.d", dir);
    const char *deps[] = {"a.pathway"};
    const char *unreadable = "unset";
    errno = 0;
    assert_false(pw_depfile_write(path, deps, 1, &unreadable));
    assert_null(unreadable);
    assert_int_equal(errno, ENOENT);
}

/* make reads back each name as it was: a rule whose target is the
 * escaped name prints $@, which must be the name. Not a tab: GNU make 4.3
 * reads "a\<tab>b" as a prerequisite but not as a target, so the empty
 * rule of a name with a tab does not match it (gcc -MD writes it the
 * same way). */
static void test_make_reads_them_back(void **state)
{
    (void)state;
    if (system("command -v make >/dev/null 2>&1") != 0)
        skip();
    static const char *const names[] = {"a b", "c:d", "#e", "$f", "g\\h", "i\\ j",
                                        "k\\\\#l"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char mk[128], out[128], cmd[512];
        snprintf(mk, sizeof mk, "%s/Makefile", dir);
        snprintf(out, sizeof out, "%s/target", dir);
        FILE *f = fopen(mk, "w");
        assert_non_null(f);
        fputs("all: ", f);
        pw_depfile_put_name(f, names[i]);
        fputs("\n", f);
        pw_depfile_put_name(f, names[i]);
        fprintf(f, ":\n\t@printf '%%s' '$@' >%s\n", out);
        fclose(f);
        snprintf(cmd, sizeof cmd, "make -s -f '%s' >/dev/null 2>&1", mk);
        assert_int_equal(system(cmd), 0);
        char *got = read_all(out);
        if (strcmp(got, names[i]) != 0)
            fail_msg("make read '%s' as '%s'", names[i], got);
        free(got);
        unlink(out);
        unlink(mk);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_as_make_reads_them),
        cmocka_unit_test(test_names_make_cannot_read),
        cmocka_unit_test_setup_teardown(test_writes_the_whole_file, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_unreadable_names_write_nothing, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_cannot_write, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_make_reads_them_back, make_dir, remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
