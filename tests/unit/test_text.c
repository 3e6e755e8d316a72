/* Unit tests for text (support/text.c): text from data shown
 * (pw_tb_add_visible): C0, DEL and C1 as \u{...} escapes, line breaks
 * and tabs as \n and \t unless kept, stray bytes (and overlong forms,
 * surrogates) as \xFF, control pictures for source lines; everything
 * else as it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void expect(const char *in, size_t n, unsigned how, const char *want)
{
    pw_text_buf b = {0};
    pw_tb_add_visible(&b, in, n, how);
    assert_string_equal(pw_tb_str(&b), want);
    pw_tb_free(&b);
}

#define EXPECT(in, how, want) expect(in, sizeof in - 1, how, want)

static void test_controls_as_escapes(void **state)
{
    (void)state;
    EXPECT("plain — text ✓ 🚓 \\u{1B}", 0, "plain — text ✓ 🚓 \\u{1B}");
    EXPECT("\x1b[2J\x1b]52;c;aGk=\x07", 0, "\\u{001B}[2J\\u{001B}]52;c;aGk=\\u{0007}");
    EXPECT("a\x7f" "b\xc2\x9b" "c\xc2\x80\xc2\x9f\xc2\xa0", 0,
           "a\\u{007F}b\\u{009B}c\\u{0080}\\u{009F}\xc2\xa0");
    EXPECT("line\nbreak\ttab\rcr", 0, "line\\nbreak\\ttab\\u{000D}cr");
    EXPECT("line\nbreak\ttab\rcr", PW_VISIBLE_LINES, "line\nbreak\ttab\\u{000D}cr");
    expect("a\0b", 3, 0, "a\\u{0000}b");
}

static void test_stray_bytes(void **state)
{
    (void)state;
    EXPECT("\x9b" "x\xff\xc3", 0, "\\x9Bx\\xFF\\xC3");
    EXPECT("\xe2\x80", 0, "\\xE2\\x80");               /* cut short */
    EXPECT("\xe0\x80\x9b", 0, "\\xE0\\x80\\x9B");      /* overlong U+001B */
    EXPECT("\xed\xa0\x80", 0, "\\xED\\xA0\\x80");      /* a surrogate */
    EXPECT("\xf4\x90\x80\x80", 0, "\\xF4\\x90\\x80\\x80"); /* past U+10FFFF */
    EXPECT("\xef\xbf\xbd", 0, "\xef\xbf\xbd");         /* U+FFFD itself */
}

static void test_pictures(void **state)
{
    (void)state;
    EXPECT("a\x1b\tb\x7f\r", PW_VISIBLE_PICTURES,
           "a\xe2\x90\x9b\tb\xe2\x90\xa1\xe2\x90\x8d");
    EXPECT("\xc2\x9b\xff", PW_VISIBLE_PICTURES, "\xef\xbf\xbd\xef\xbf\xbd");
}

static void test_printf_visible(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_true(pw_printf_visible(f, 0, "'%s' %d", "a\x1b" "b", 7));
    assert_true(pw_puts_visible(f, "\n", PW_VISIBLE_LINES));
    assert_int_equal(fclose(f), 0);
    assert_string_equal(text, "'a\\u{001B}b' 7\n");
    free(text);
    FILE *full = fopen("/dev/full", "w");
    if (full) { /* a failed write is said */
        setvbuf(full, NULL, _IONBF, 0);
        assert_false(pw_puts_visible(full, "x", 0));
        fclose(full);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_controls_as_escapes),
        cmocka_unit_test(test_stray_bytes),
        cmocka_unit_test(test_pictures),
        cmocka_unit_test(test_printf_visible),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
