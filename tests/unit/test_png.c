/* Unit tests for the PNG encoder (emit/png.c) and the diagrams' PNG
 * (emit/dot.c): every file is read back here, chunk by chunk (lengths,
 * CRCs, IHDR, pHYs, IEND last) and through zlib (which checks the
 * stream's Adler-32), and its pixels compared with the rows given, put
 * over white: runs longer than a match, rows like the row above, pixels
 * seen before, noise enough for several blocks and IDAT chunks, rows too
 * wide for a match with the row above, translucent pixels; the same rows
 * give the same bytes; sizes that are refused. Then a pathway's PNG: a
 * valid file, as large as its SVG at 150 dpi, the same bytes twice; and
 * one too wide for an image, drawn smaller to fit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "emit/dot.h"
#include "emit/png.h"
#include "fixture.h"

#include <zlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading a PNG back ------------------------------------------------- */

typedef struct {
    uint32_t width, height, per_metre;
    unsigned char *rgb; /* width * height * 3 bytes */
} image;

static uint32_t be32(const unsigned char *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static unsigned paeth(unsigned a, unsigned b, unsigned c)
{
    int p = (int)a + (int)b - (int)c, pa = abs(p - (int)a), pb = abs(p - (int)b),
        pc = abs(p - (int)c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Undoes the rows' filters (any of the five) into im->rgb. */
static void unfilter(image *im, const unsigned char *raw)
{
    size_t st = (size_t)im->width * 3;
    for (uint32_t y = 0; y < im->height; y++) {
        const unsigned char *in = raw + y * (st + 1);
        unsigned char *out = im->rgb + y * st;
        const unsigned char *up = y ? out - st : NULL;
        assert_in_range(in[0], 0, 4);
        for (size_t i = 0; i < st; i++) {
            unsigned a = i >= 3 ? out[i - 3] : 0, b = up ? up[i] : 0,
                     c = up && i >= 3 ? up[i - 3] : 0;
            unsigned pred[5] = {0, a, b, (a + b) / 2, paeth(a, b, c)};
            out[i] = (unsigned char)(in[1 + i] + pred[in[0]]);
        }
    }
}

/* Reads a whole PNG of 8-bit RGB, failing the test on anything wrong. */
static image read_png(const unsigned char *png, size_t len)
{
    image im = {0, 0, 0, NULL};
    assert_true(len > 8);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    unsigned char *idat = NULL;
    size_t nidat = 0, at = 8;
    bool end = false;
    while (at < len) {
        assert_false(end); /* nothing after IEND */
        assert_true(at + 12 <= len);
        uint32_t n = be32(png + at);
        assert_true(at + 12 + n <= len);
        const unsigned char *type = png + at + 4, *data = png + at + 8;
        assert_int_equal(be32(data + n), crc32(0L, type, n + 4));
        if (!memcmp(type, "IHDR", 4)) {
            assert_int_equal(n, 13);
            im.width = be32(data);
            im.height = be32(data + 4);
            assert_memory_equal(data + 8, "\x08\x02\x00\x00\x00", 5);
        } else if (!memcmp(type, "pHYs", 4)) {
            assert_int_equal(n, 9);
            assert_int_equal(be32(data), be32(data + 4));
            assert_int_equal(data[8], 1);
            im.per_metre = be32(data);
        } else if (!memcmp(type, "IDAT", 4)) {
            idat = realloc(idat, nidat + n + 1);
            memcpy(idat + nidat, data, n);
            nidat += n;
        } else {
            assert_memory_equal(type, "IEND", 4);
            assert_int_equal(n, 0);
            end = true;
        }
        at += 12 + n;
    }
    assert_true(end);
    assert_true(im.width > 0 && im.height > 0);
    uLongf size = (uLongf)im.height * (1 + (uLongf)im.width * 3);
    unsigned char *raw = malloc(size + 1);
    uLongf got = size + 1;
    assert_int_equal(uncompress(raw, &got, idat, nidat), Z_OK); /* Adler-32 too */
    assert_int_equal(got, size);
    im.rgb = malloc(size);
    unfilter(&im, raw);
    free(raw);
    free(idat);
    return im;
}

/* ---- images to encode ------------------------------------------------- */

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

/* Premultiplied ARGB: colour rgb (0xRRGGBB) at alpha a. */
static uint32_t argb(unsigned a, uint32_t rgb)
{
    uint32_t px = (uint32_t)a << 24;
    for (unsigned s = 0; s < 24; s += 8)
        px |= ((rgb >> s & 0xff) * a + 127) / 255 << s;
    return px;
}

/* Encodes w x h pixels (stride w), band rows at a time. */
static unsigned char *encode(const uint32_t *px, uint32_t w, uint32_t h, uint32_t band,
                             size_t *len)
{
    pw_png *p = pw_png_begin(w, h, 150);
    assert_non_null(p);
    for (uint32_t y = 0; y < h; y += band)
        pw_png_rows(p, px + (size_t)y * w, w, band < h - y ? band : h - y);
    char *data;
    assert_true(pw_png_end(p, &data, len));
    return (unsigned char *)data;
}

/* Encoded in bands of 1, 7 and all rows, each read back to the pixels put
 * over white, and twice the same bytes. */
static void round_trip(const uint32_t *px, uint32_t w, uint32_t h)
{
    const uint32_t bands[] = {1, 7, h};
    for (size_t b = 0; b < 3; b++) {
        size_t n1, n2;
        unsigned char *one = encode(px, w, h, bands[b], &n1);
        unsigned char *two = encode(px, w, h, bands[b], &n2);
        assert_int_equal(n1, n2);
        assert_memory_equal(one, two, n1);
        image im = read_png(one, n1);
        assert_int_equal(im.width, w);
        assert_int_equal(im.height, h);
        assert_int_equal(im.per_metre, 5906); /* 150 dpi */
        for (size_t i = 0; i < (size_t)w * h; i++) {
            uint32_t v = px[i], a = v >> 24;
            for (unsigned c = 0; c < 3; c++) {
                unsigned want = (v >> (16 - 8 * c) & 0xff) + 255 - a;
                if (im.rgb[3 * i + c] != want)
                    fail_msg("pixel %zu channel %u: %u, not %u (bands of %u)", i, c,
                             im.rgb[3 * i + c], want, bands[b]);
            }
        }
        free(im.rgb);
        free(one);
        free(two);
    }
}

static void test_one_pixel(void **state)
{
    (void)state;
    uint32_t px = argb(255, 0x123456);
    round_trip(&px, 1, 1);
}

/* White rows, runs longer than 258 bytes (and 259, 260, which a match of
 * 258 would leave too short), boxes: rows like the row above. */
static void test_runs_and_rows(void **state)
{
    (void)state;
    uint32_t w = 1000, h = 60;
    uint32_t *px = malloc(sizeof *px * w * h);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++) {
            uint32_t c = 0xffffff;
            if (y >= 10 && y < 40 && x >= 100 && x < 186 + y)
                c = 0xd32f2f;
            if (y >= 10 && y < 40 && (x == 100 || x == 700))
                c = 0x37474f;
            px[y * w + x] = argb(255, c);
        }
    round_trip(px, w, h);
    free(px);
}

/* A line of "letters": the same few pixels again and again along a row,
 * matched with where they were seen. */
static void test_seen_before(void **state)
{
    (void)state;
    uint32_t w = 400, h = 12, s = 7;
    uint32_t glyph[5][4];
    for (size_t g = 0; g < 5; g++)
        for (size_t i = 0; i < 4; i++)
            glyph[g][i] = argb(255, lcg(&s) & 0xffffff);
    uint32_t *px = malloc(sizeof *px * w * h);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++)
            px[y * w + x] = x % 9 < 4 ? glyph[(x / 9 + y) % 5][x % 9] : argb(255, 0xffffff);
    round_trip(px, w, h);
    free(px);
}

/* Noise: literals enough for several blocks and IDAT chunks. */
static void test_noise(void **state)
{
    (void)state;
    uint32_t w = 700, h = 200, s = 1;
    uint32_t *px = malloc(sizeof *px * w * h);
    for (size_t i = 0; i < (size_t)w * h; i++)
        px[i] = argb(255, lcg(&s) & 0xffffff);
    size_t n;
    unsigned char *png = encode(px, w, h, 64, &n);
    size_t idats = 0;
    for (size_t at = 8; at < n; at += 12 + be32(png + at))
        idats += !memcmp(png + at + 4, "IDAT", 4);
    assert_true(idats > 1);
    free(png);
    round_trip(px, w, h);
    free(px);
}

/* Wider than a match reaches back (a row of over 32768 bytes): no match
 * with the row above, still the same pixels. */
static void test_wide(void **state)
{
    (void)state;
    uint32_t w = 11000, h = 4;
    uint32_t *px = malloc(sizeof *px * w * h);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++)
            px[y * w + x] = argb(255, x % 1000 < 500 || y == 2 ? 0xffffff : 0x90a4ae);
    round_trip(px, w, h);
    free(px);
}

/* Translucent and transparent pixels come out as they look on white. */
static void test_over_white(void **state)
{
    (void)state;
    uint32_t px[8] = {argb(0, 0),          argb(0x80, 0x000000), argb(0xaa, 0xffffff),
                      argb(1, 0xff0000),   argb(254, 0x00ff00),  argb(0x40, 0x123456),
                      argb(255, 0x000000), argb(0x80, 0x000000)};
    round_trip(px, 4, 2);
}

static void test_refused(void **state)
{
    (void)state;
    assert_null(pw_png_begin(0, 1, 150));
    assert_null(pw_png_begin(1, 0, 150));
    assert_null(pw_png_begin(PW_PNG_MAX_SIDE + 1, 1, 150));
    assert_null(pw_png_begin(1, PW_PNG_MAX_SIDE + 1, 150));
    assert_null(pw_png_begin(1, 1, 0));
    /* rows missing: no file */
    uint32_t row[3] = {argb(255, 0), argb(255, 0), argb(255, 0)};
    pw_png *p = pw_png_begin(3, 2, 150);
    pw_png_rows(p, row, 3, 1);
    char *data = (char *)1;
    size_t len = 1;
    assert_false(pw_png_end(p, &data, &len));
    assert_null(data);
    assert_int_equal(len, 0);
    /* rows past the height are left out */
    p = pw_png_begin(3, 1, 150);
    pw_png_rows(p, row, 0, 3);
    assert_true(pw_png_end(p, &data, &len));
    image im = read_png((unsigned char *)data, len);
    assert_int_equal(im.height, 1);
    free(im.rgb);
    free(data);
}

/* ---- a pathway's PNG ---------------------------------------------------- */

static const char pathway[] =
    "contact police \"Police\" { phone \"999\" }\n"
    "pathway p \"Small\" {\n"
    "  owner \"o\" version \"1\" review-by 2030-01-01\n"
    "  stage first \"First stage\" {\n"
    "    question ask \"In danger?\" { yes -> call no -> act }\n"
    "    step act \"Do a thing\" { urgency immediate contact police next done }\n"
    "  }\n"
    "  outcome call \"Ring 999\" { kind emergency contact police record \"r\" }\n"
    "  outcome done \"Done\" { kind referral record \"r\" }\n"
    "}\n";

static char *draw_text(const char *text, pw_diagram_format f, size_t *len)
{
    pw_fixture *fx = pw_fixture_resolve(text, NULL, NULL);
    char *data, err[256];
    assert_true(pw_emit_diagram(pw_fixture_graph(fx), f, NULL, &data, len, err, sizeof err));
    pw_fixture_free(fx);
    return data;
}

static char *draw(pw_diagram_format f, size_t *len)
{
    return draw_text(pathway, f, len);
}

/* "<svg width="Wpt" height="Hpt"": the page in points. */
static void svg_points(const char *svg, double *w, double *h)
{
    const char *at = strstr(svg, "<svg width=\"");
    assert_non_null(at);
    assert_int_equal(sscanf(at, "<svg width=\"%lfpt\" height=\"%lfpt\"", w, h), 2);
}

static void test_diagram_png(void **state)
{
    (void)state;
    size_t n1, n2, ns;
    char *one = draw(PW_DIAGRAM_PNG, &n1), *two = draw(PW_DIAGRAM_PNG, &n2);
    char *svg = draw(PW_DIAGRAM_SVG, &ns);
    assert_int_equal(n1, n2);
    assert_memory_equal(one, two, n1);
    image im = read_png((unsigned char *)one, n1);
    assert_int_equal(im.per_metre, 5906);
    double w, h;
    svg_points(svg, &w, &h);
    /* the SVG rounds its page to whole points: a point is 150/72 pixels */
    assert_true(im.width >= w * 150 / 72 - 3 && im.width <= w * 150 / 72 + 3);
    assert_true(im.height >= h * 150 / 72 - 3 && im.height <= h * 150 / 72 + 3);
    /* drawn: white at the corner, and the emergency outcome's red somewhere */
    assert_memory_equal(im.rgb, "\xff\xff\xff", 3);
    bool red = false;
    for (size_t i = 0; i < (size_t)im.width * im.height && !red; i++)
        red = !memcmp(im.rgb + 3 * i, "\xd3\x2f\x2f", 3);
    assert_true(red);
    free(im.rgb);
    free(one);
    free(two);
    free(svg);
}

/* 170 outcomes side by side: over 48,000 pixels wide at 150 dpi, drawn
 * again smaller to fit 32767, at the dpi that keeps its size in print. */
static void test_too_wide_fits(void **state)
{
    (void)state;
    char *text = NULL;
    size_t n;
    FILE *f = open_memstream(&text, &n);
    fprintf(f, "pathway w \"Wide\" {\n  owner \"o\" version \"1\" review-by 2030-01-01\n"
               "  question q \"Which?\" {\n");
    for (int i = 0; i < 170; i++)
        fprintf(f, "    a%d -> o%d\n", i, i);
    fprintf(f, "  }\n");
    for (int i = 0; i < 170; i++)
        fprintf(f, "  outcome o%d \"Outcome %d\" { kind advice record \"r\" }\n", i, i);
    fprintf(f, "}\n");
    fclose(f);
    size_t np, ns;
    char *png = draw_text(text, PW_DIAGRAM_PNG, &np), *svg = draw_text(text, PW_DIAGRAM_SVG, &ns);
    image im = read_png((unsigned char *)png, np);
    double w, h;
    svg_points(svg, &w, &h);
    double scale = PW_PNG_MAX_SIDE / (w * 150 / 72);
    assert_true(scale < 0.75);
    assert_int_equal(im.width, PW_PNG_MAX_SIDE);
    assert_true(im.height >= h * 150 / 72 * scale - 3 && im.height <= h * 150 / 72 * scale + 3);
    unsigned dpi = (unsigned)(150 * scale + 0.5);
    assert_int_equal(im.per_metre, (dpi * 10000 + 127) / 254);
    free(im.rgb);
    free(png);
    free(svg);
    free(text);
}

static int release(void **state)
{
    (void)state;
    pw_diagram_release();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_pixel),    cmocka_unit_test(test_runs_and_rows),
        cmocka_unit_test(test_seen_before),  cmocka_unit_test(test_noise),
        cmocka_unit_test(test_wide),         cmocka_unit_test(test_over_white),
        cmocka_unit_test(test_refused),      cmocka_unit_test(test_diagram_png),
        cmocka_unit_test(test_too_wide_fits),
    };
    return cmocka_run_group_tests_name("png", tests, NULL, release);
}
