/* png — a PNG encoder for the diagrams' rasters (see emit/png.h).
 *
 * The file: the signature, IHDR (8-bit RGB), pHYs (the resolution), IDAT
 * chunks of about CHUNK_BYTES holding one zlib stream, IEND. The stream is
 * one deflate block of fixed Huffman codes (RFC 1951, 3.2.6), every row
 * filtered with None, and only two kinds of match:
 *   - a run: pixels the same as the one to their left, a match 3 bytes
 *     back (a distance of one pixel, which deflate copies over and over);
 *   - the row above: pixels the same as those above them, a match one row
 *     back (a whole row when the row is the row above again, which is most
 *     rows of a diagram: margins, the insides of boxes, the spaces between).
 * Everything else is a literal. Measured on Prevent's diagram at 150 dpi
 * (bench/RESULTS.md, "PNG cost"): a fifth of the time zlib's fastest level
 * takes on the same rows, for a file about as large; the Huffman codes
 * zlib would build buy little when most bytes are matches.
 *
 * The Adler-32 of the stream comes from the same runs: a run of k pixels
 * adds to the sums in closed form, and a row that is the row above adds
 * what that row added, so no byte is summed one at a time. */
#include "emit/png.h"

#include "support/arena.h"

#include <zlib.h> /* crc32 only */

#include <stdlib.h>
#include <string.h>

enum {
    ADLER_BASE = 65521,
    MIN_MATCH = 3,
    MAX_MATCH = 258,
    MAX_DISTANCE = 32768,
    CHUNK_BYTES = 1 << 18, /* an IDAT chunk is closed past this many bytes */
};

/* Bits to write, the first in bit 0: a Huffman code (reversed, as deflate
 * sends codes from their top bit) and its extra bits after it. */
typedef struct {
    uint32_t bits;
    unsigned n;
} code;

struct pw_png {
    uint32_t width, height, rows; /* rows: added so far */
    size_t row_bytes;             /* the filter byte and 3 per pixel */
    uint32_t *last;               /* the last row added, as it came */
    bool up;                      /* the row above is within a match's reach */
    uint64_t row_sum, row_weighted; /* what the last row added to Adler-32 */
    uint32_t s1, s2;              /* Adler-32 of the rows so far */
    uint64_t acc;                 /* bits not written yet, the first in bit 0 */
    unsigned nacc;
    unsigned char *buf;           /* the file so far */
    size_t n, cap;
    size_t chunk;                 /* where the open IDAT chunk starts */
    code lit[256];                /* the literal bytes */
    code len[MAX_MATCH + 1];      /* a match's length, 3 to 258 */
    code run, row;                /* the distances: a pixel, a row */
};

/* ---- bytes and chunks ---------------------------------------------------- */

static void reserve(pw_png *p, size_t more)
{
    if (p->n + more <= p->cap)
        return;
    size_t cap = p->cap ? p->cap : 1 << 16;
    while (cap < p->n + more)
        cap *= 2;
    p->buf = pw_xrealloc(p->buf, cap, 1);
    p->cap = cap;
}

static void put_be32(pw_png *p, uint32_t v)
{
    reserve(p, 4);
    p->buf[p->n++] = (unsigned char)(v >> 24);
    p->buf[p->n++] = (unsigned char)(v >> 16);
    p->buf[p->n++] = (unsigned char)(v >> 8);
    p->buf[p->n++] = (unsigned char)v;
}

static void put_bytes(pw_png *p, const void *s, size_t k)
{
    reserve(p, k);
    memcpy(p->buf + p->n, s, k);
    p->n += k;
}

/* A chunk: its length, filled in by chunk_end, and its type. */
static void chunk_begin(pw_png *p, const char type[4])
{
    p->chunk = p->n;
    put_be32(p, 0);
    put_bytes(p, type, 4);
}

/* The length and the CRC of the type and data (zlib's crc32, PNG's CRC). */
static void chunk_end(pw_png *p)
{
    size_t data = p->n - p->chunk - 8;
    unsigned char *at = p->buf + p->chunk;
    at[0] = (unsigned char)(data >> 24);
    at[1] = (unsigned char)(data >> 16);
    at[2] = (unsigned char)(data >> 8);
    at[3] = (unsigned char)data;
    put_be32(p, (uint32_t)crc32(0L, p->buf + p->chunk + 4, (uInt)(data + 4)));
}

/* ---- bits -------------------------------------------------------------- */

/* Up to 32 bits; room for them was reserved (reserve_row). */
static inline void put_bits(pw_png *p, uint32_t bits, unsigned n)
{
    p->acc |= (uint64_t)bits << p->nacc;
    p->nacc += n;
    if (p->nacc >= 32) {
        unsigned char *o = p->buf + p->n;
        o[0] = (unsigned char)p->acc;
        o[1] = (unsigned char)(p->acc >> 8);
        o[2] = (unsigned char)(p->acc >> 16);
        o[3] = (unsigned char)(p->acc >> 24);
        p->n += 4;
        p->acc >>= 32;
        p->nacc -= 32;
    }
}

/* The whole bytes of what is pending; fewer than 8 bits stay. */
static void put_whole_bytes(pw_png *p)
{
    reserve(p, 8);
    while (p->nacc >= 8) {
        p->buf[p->n++] = (unsigned char)p->acc;
        p->acc >>= 8;
        p->nacc -= 8;
    }
}

static uint32_t reversed(uint32_t c, unsigned n)
{
    uint32_t r = 0;
    for (unsigned i = 0; i < n; i++)
        r |= ((c >> i) & 1u) << (n - 1 - i);
    return r;
}

/* The fixed code of a literal/length symbol (RFC 1951, 3.2.6). */
static code fixed_code(unsigned sym)
{
    if (sym < 144)
        return (code){reversed(0x30 + sym, 8), 8};
    if (sym < 256)
        return (code){reversed(0x190 + sym - 144, 9), 9};
    if (sym < 280)
        return (code){reversed(sym - 256, 7), 7};
    return (code){reversed(0xC0 + sym - 280, 8), 8};
}

static const uint16_t len_base[29] = {3,  4,  5,  6,  7,  8,  9,  10,  11,  13,
                                      15, 17, 19, 23, 27, 31, 35, 43,  51,  59,
                                      67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1,    2,    3,    4,     5,     7,    9,    13,
                                       17,   25,   33,   49,    65,    97,   129,  193,
                                       257,  385,  513,  769,   1025,  1537, 2049, 3073,
                                       4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

/* Every length's code with its extra bits. */
static void length_codes(pw_png *p)
{
    for (unsigned i = 0; i < 29; i++) {
        unsigned last = i == 28 ? MAX_MATCH : len_base[i + 1] - 1u;
        for (unsigned l = len_base[i]; l <= last && l <= MAX_MATCH; l++) {
            code c = fixed_code(257 + i);
            p->len[l] = (code){c.bits | (uint32_t)(l - len_base[i]) << c.n,
                               c.n + len_extra[i]};
        }
    }
}

/* A distance's 5-bit code with its extra bits; d is 1 to 32768. */
static code distance_code(uint32_t d)
{
    unsigned i = 29;
    while (dist_base[i] > d)
        i--;
    return (code){reversed(i, 5) | (d - dist_base[i]) << 5, 5u + dist_extra[i]};
}

/* ---- rows -------------------------------------------------------------- */

/* Room for one row at its worst, every byte a 9-bit literal. */
static void reserve_row(pw_png *p)
{
    reserve(p, p->row_bytes * 9 / 8 + 16);
}

/* A match of k bytes (k >= 3) at distance d, as matches of 258 or fewer. */
static void put_match(pw_png *p, size_t k, code d)
{
    while (k > MAX_MATCH) {
        size_t part = k - MAX_MATCH >= MIN_MATCH ? MAX_MATCH : k - MIN_MATCH;
        put_bits(p, p->len[part].bits | d.bits << p->len[part].n, p->len[part].n + d.n);
        k -= part;
    }
    put_bits(p, p->len[k].bits | d.bits << p->len[k].n, p->len[k].n + d.n);
}

static void put_pixel(pw_png *p, uint32_t v)
{
    code r = p->lit[v >> 16 & 0xff], g = p->lit[v >> 8 & 0xff], b = p->lit[v & 0xff];
    put_bits(p, r.bits | g.bits << r.n | b.bits << (r.n + g.n), r.n + g.n + b.n);
}

/* Premultiplied ARGB32 over white, as 0x00RRGGBB: a premultiplied
 * channel is at most alpha, so adding 255 - alpha cannot carry. */
static inline uint32_t over_white(uint32_t v)
{
    return (v & 0xffffffu) + (255u - (v >> 24)) * 0x010101u;
}

/* Adds k pixels c (0x00RRGGBB), 3k bytes, to a row's Adler sums: *sum,
 * the sum of the bytes, and *weighted, the sum of each byte times its
 * place counted from the row's end (the last byte 1), both so far. */
static inline void add_run_sums(uint64_t *sum, uint64_t *weighted, uint32_t c, uint64_t k)
{
    uint64_t r = c >> 16, g = c >> 8 & 0xff, b = c & 0xff, m = 3 * k;
    uint64_t run = (r + g + b) * (k * m - 3 * k * (k - 1) / 2) - k * (g + 2 * b);
    *weighted = (*weighted + m * *sum + run) % ADLER_BASE;
    *sum = (*sum + k * (r + g + b)) % ADLER_BASE;
}

static bool same_as(const uint32_t *above, uint32_t v, uint32_t k)
{
    for (uint32_t i = 0; i < k; i++)
        if (above[i] != v)
            return false;
    return true;
}

/* The filter byte (0, None), then the row run by run: a run that is
 * also in the row above joins a match with the row above; any other is
 * its first pixel as literals and the rest as a match one pixel back.
 * above is NULL when a match cannot reach it. Also the row's sums. */
static void put_row(pw_png *p, const uint32_t *row, const uint32_t *above)
{
    uint32_t w = p->width;
    uint64_t sum = 0, weighted = 0, same = 0;
    put_bits(p, p->lit[0].bits, p->lit[0].n);
    for (uint32_t x = 0, k; x < w; x += k) {
        uint32_t v = row[x];
        for (k = 1; x + k < w && row[x + k] == v; k++)
            ;
        uint32_t c = over_white(v);
        add_run_sums(&sum, &weighted, c, k);
        if (above && same_as(above + x, v, k)) {
            same += k;
            continue;
        }
        if (same)
            put_match(p, 3 * same, p->row);
        same = 0;
        put_pixel(p, c);
        if (k > 1)
            put_match(p, 3 * (size_t)(k - 1), p->run);
    }
    if (same)
        put_match(p, 3 * same, p->row);
    p->row_sum = sum;
    p->row_weighted = weighted;
}

/* A row that is the row above again is one match, the filter byte too,
 * and adds to Adler-32 what the row above added. */
static void add_row(pw_png *p, const uint32_t *row, const uint32_t *above)
{
    reserve_row(p);
    if (above && p->up && !memcmp(row, above, (size_t)p->width * 4))
        put_match(p, p->row_bytes, p->row);
    else
        put_row(p, row, p->up ? above : NULL);
    p->s2 = (uint32_t)((p->s2 + p->row_bytes % ADLER_BASE * p->s1 + p->row_weighted) %
                       ADLER_BASE);
    p->s1 = (uint32_t)((p->s1 + p->row_sum) % ADLER_BASE);
    p->rows++;
}

/* ---- the file ---------------------------------------------------------- */

pw_png *pw_png_begin(uint32_t width, uint32_t height, unsigned dpi)
{
    if (!width || !height || width > PW_PNG_MAX_SIDE || height > PW_PNG_MAX_SIDE || !dpi)
        return NULL;
    pw_png *p = pw_xcalloc(1, sizeof *p);
    p->width = width;
    p->height = height;
    p->row_bytes = 1 + 3 * (size_t)width;
    p->up = p->row_bytes <= MAX_DISTANCE;
    p->last = pw_xcalloc(width, sizeof *p->last);
    p->s1 = 1;
    for (unsigned b = 0; b < 256; b++)
        p->lit[b] = fixed_code(b);
    length_codes(p);
    p->run = distance_code(3);
    p->row = distance_code(p->up ? (uint32_t)p->row_bytes : 1);

    put_bytes(p, "\x89PNG\r\n\x1a\n", 8);
    chunk_begin(p, "IHDR");
    put_be32(p, width);
    put_be32(p, height);
    put_bytes(p, "\x08\x02\x00\x00\x00", 5); /* 8 bits, RGB, deflate, filters, no interlace */
    chunk_end(p);
    uint32_t per_metre = (uint32_t)((dpi * 10000ul + 127) / 254);
    chunk_begin(p, "pHYs");
    put_be32(p, per_metre);
    put_be32(p, per_metre);
    put_bytes(p, "\x01", 1); /* the unit: the metre */
    chunk_end(p);
    chunk_begin(p, "IDAT");
    put_bytes(p, "\x78\x01", 2); /* zlib: deflate, a 32K window, no dictionary */
    reserve(p, 8);
    put_bits(p, 1u | 1u << 1, 3); /* the last block; fixed codes */
    return p;
}

void pw_png_rows(pw_png *p, const uint32_t *pixels, size_t stride, uint32_t n)
{
    const uint32_t *above = p->rows ? p->last : NULL;
    for (uint32_t i = 0; i < n && p->rows < p->height; i++) {
        add_row(p, pixels + i * stride, above);
        above = pixels + i * stride;
    }
    if (above && above != p->last)
        memcpy(p->last, above, (size_t)p->width * 4);
    if (p->n - p->chunk > CHUNK_BYTES && p->rows < p->height) {
        put_whole_bytes(p);
        chunk_end(p);
        chunk_begin(p, "IDAT");
    }
}

bool pw_png_end(pw_png *p, char **data, size_t *len)
{
    bool ok = p->rows == p->height;
    *data = NULL;
    *len = 0;
    if (ok) {
        reserve(p, 16);
        put_bits(p, 0, 7); /* the end of the block: symbol 256, seven 0 bits */
        put_bits(p, 0, (8 - p->nacc % 8) % 8);
        put_whole_bytes(p);
        put_be32(p, p->s2 << 16 | p->s1);
        chunk_end(p);
        chunk_begin(p, "IEND");
        chunk_end(p);
        *data = (char *)p->buf;
        *len = p->n;
        p->buf = NULL;
    }
    free(p->buf);
    free(p->last);
    free(p);
    return ok;
}
