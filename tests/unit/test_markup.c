/* Unit tests for markup (emit/markup.c), the XML escaping the checklist
 * and the diagram's labels share: the five entities, carriage returns,
 * control characters and noncharacters, bytes that are not UTF-8, and
 * text that passes as it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "emit/markup.h"

#include <stdlib.h>
#include <string.h>

typedef void escaper(pw_text_buf *b, const char *s, size_t k, uint32_t c);

/* s, n bytes, through one of the two, a code point at a time. */
static char *through(escaper *e, const char *s, size_t n)
{
    pw_text_buf b = {0};
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t c = pw_utf8_next(s + i, n - i, &k);
        e(&b, s + i, k, c);
    }
    char *out = strdup(pw_tb_str(&b));
    pw_tb_free(&b);
    return out;
}

static void check(escaper *e, const char *in, size_t n, const char *want)
{
    char *got = through(e, in, n);
    assert_string_equal(got, want);
    free(got);
}

#define CHECK(e, lit, want) check(e, lit, sizeof lit - 1, want)

static void test_entities(void **state)
{
    (void)state;
    CHECK(pw_markup_char, "a & b < c > d \"e\" 'f'",
          "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;");
    CHECK(pw_markup_char, "<script>alert(1)</script>",
          "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(pw_markup_char, "&amp;", "&amp;amp;"); /* never taken as an entity */
    /* backslashes are Graphviz's business, not XML's */
    CHECK(pw_markup_char, "\\N \\G \\", "\\N \\G \\");
}

static void test_xml_characters_only(void **state)
{
    (void)state;
    CHECK(pw_markup_char, "a\r\nb\tc", "a b c"); /* \r dropped, \n and \t spaces */
    CHECK(pw_markup_char, "x\x01y\x1f" "z\x7f", "x y z ");
    CHECK(pw_markup_char, "c1:\xc2\x85.", "c1: .");           /* U+0085 */
    CHECK(pw_markup_char, "nc:\xef\xbf\xbe\xef\xbf\xbf.", "nc:  ."); /* U+FFFE, U+FFFF */
    CHECK(pw_markup_char, "bad:\xff\xfe.", "bad:\xef\xbf\xbd\xef\xbf\xbd.");
    CHECK(pw_markup_char, "é ✓ 😀 \xe2\x80\xae", "é ✓ 😀 \xe2\x80\xae"); /* RLO kept */
    CHECK(pw_markup_char, "\xef\xbf\xbd", "\xef\xbf\xbd"); /* a real U+FFFD */
}

static void test_xml_char_leaves_markup_alone(void **state)
{
    (void)state;
    CHECK(pw_markup_xml_char, "a & <b> \"c\" 'd'", "a & <b> \"c\" 'd'");
    CHECK(pw_markup_xml_char, "a\r\nb\x01", "a b ");
    CHECK(pw_markup_xml_char, "\xff", "\xef\xbf\xbd");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_xml_characters_only),
        cmocka_unit_test(test_xml_char_leaves_markup_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
