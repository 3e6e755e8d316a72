/* png — a PNG encoder for the diagrams' rasters (see emit/png.h).
 *
 * The file: the signature, IHDR (8-bit RGB), pHYs (the resolution), IDAT
 * chunks of about CHUNK_BYTES holding one zlib stream, IEND. Every row is
 * filtered with None, and deflate (RFC 1951) is given three kinds of
 * match, none found by searching:
 *   - a run: pixels the same as the one to their left, a match 3 bytes
 *     back (one pixel, which deflate copies over and over);
 *   - the row above: pixels the same as those above them, a match one row
 *     back (a whole row when the row is the row above again: margins, the
 *     insides of boxes, the spaces between them);
 *   - seen before: a pixel of its own and those after it, where the same
 *     two pixels were last seen (a hash of them): mostly the same letter
 *     again along a line of text.
 * Everything else is a literal. The symbols of about BLOCK_SYMBOLS at a
 * time make a block with Huffman codes of their own, as zlib's would be.
 * Measured on Prevent's diagram at 150 dpi (bench/RESULTS.md, "PNG cost
 * (issue 19)"): a fifth of the time zlib's fastest level takes on the same
 * rows, for a file of the same size (and the size of png:cairo's, whose
 * libpng tries five filters on every row at zlib's default level).
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
    LITLENS = 286,  /* literal/length symbols: bytes, the end, lengths */
    END_OF_BLOCK = 256,
    DISTANCES = 30,
    CODE_LENGTHS = 19,
    MAX_BITS = 15,  /* the longest code of a literal, length or distance */
    MAX_CL_BITS = 7, /* the longest code of a code length */
    BLOCK_SYMBOLS = 1 << 14, /* a block is closed past this many symbols */
    CHUNK_BYTES = 1 << 18,   /* an IDAT chunk is closed past this many bytes */
};

/* A symbol as a block keeps it until the block is written: a literal byte
 * (0-255), or MATCH | its distance in bytes << 9 | its length. */
#define MATCH 0x80000000u

/* Where a pixel was last seen, by a hash of it and the next: for matches
 * with what is neither a run nor the row above (without them Prevent's
 * PNG is 30% larger). */
enum { SEEN_BITS = 14 };

/* Bits to write, the first in bit 0: a Huffman code (reversed, as deflate
 * sends codes from their top bit), or extra bits. */
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
    uint32_t *sym;                /* the open block's symbols */
    size_t nsym;
    uint32_t lw[LITLENS];         /* and how often each literal/length */
    uint32_t dw[DISTANCES];       /* and distance symbol is in them */
    uint64_t acc;                 /* bits not written yet (< 8), the first in bit 0 */
    unsigned nacc;
    unsigned char *buf;           /* the file so far */
    size_t n, cap;
    size_t chunk;                 /* where the open IDAT chunk starts */
    uint16_t len_symbol[MAX_MATCH + 1]; /* a length's symbol, 257-285 */
    code len_extra[MAX_MATCH + 1];      /* and its extra bits */
    uint32_t *seen;               /* (row + 1) << 15 | x, by hash; 0: none */
    const uint32_t *band;         /* the rows of this pw_png_rows, */
    size_t stride;                /* stride pixels apart, */
    uint32_t first;               /* the first of them row first */
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

/* Bits being written, in locals while a block is (through an unsigned
 * char pointer a store could be to anything, *p too, so a writer kept in
 * *p would be read back from memory after each). */
typedef struct {
    unsigned char *out; /* where the pending bits go */
    uint64_t acc;       /* the pending bits, the first in bit 0 */
    unsigned n;         /* how many: fewer than 8 between calls */
} bit_writer;

static bit_writer writer_open(const pw_png *p)
{
    return (bit_writer){p->buf + p->n, p->acc, p->nacc};
}

static void writer_close(pw_png *p, const bit_writer *w)
{
    p->n = (size_t)(w->out - p->buf);
    p->acc = w->acc;
    p->nacc = w->n;
}

/* Up to 56 bits, the first in bit 0. The 8 bytes of what is pending are
 * stored each time (room for them was reserved: put_block), and the whole
 * bytes among them kept; the rest, fewer than 8 bits, stays pending and is
 * stored again with what follows. No branch: one a symbol adds up. */
static inline void put_bits(bit_writer *w, uint64_t bits, unsigned n)
{
    w->acc |= bits << w->n;
    w->n += n;
    uint64_t bytes = w->acc; /* in the stream's order: the first bits in the first byte */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    bytes = __builtin_bswap64(bytes);
#endif
    memcpy(w->out, &bytes, 8);
    w->out += w->n >> 3;
    w->acc >>= w->n & ~7u;
    w->n &= 7;
}

static uint32_t reversed(uint32_t c, unsigned n)
{
    uint32_t r = 0;
    for (unsigned i = 0; i < n; i++)
        r |= ((c >> i) & 1u) << (n - 1 - i);
    return r;
}

static const uint16_t len_base[29] = {3,  4,  5,  6,  7,  8,  9,  10,  11,  13,
                                      15, 17, 19, 23, 27, 31, 35, 43,  51,  59,
                                      67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_bits[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                     2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1,    2,    3,    4,     5,     7,    9,    13,
                                       17,   25,   33,   49,    65,    97,   129,  193,
                                       257,  385,  513,  769,   1025,  1537, 2049, 3073,
                                       4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_bits[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                      6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

/* Every length's symbol and extra bits. */
static void length_tables(pw_png *p)
{
    for (unsigned i = 0; i < 29; i++) {
        unsigned last = i == 28 ? MAX_MATCH : len_base[i + 1] - 1u;
        for (unsigned l = len_base[i]; l <= last && l <= MAX_MATCH; l++) {
            p->len_symbol[l] = (uint16_t)(257 + i);
            p->len_extra[l] = (code){l - len_base[i], len_bits[i]};
        }
    }
}

/* A distance's symbol and extra bits, d from 1 to 32768: two symbols for
 * each power of two from 4 on (RFC 1951, 3.2.5). */
static code distance_code(uint32_t d, unsigned *symbol)
{
    unsigned i = d - 1;
    if (d > 4) {
        unsigned top = 31u - (unsigned)__builtin_clz(d - 1);
        i = 2 * top + ((d - 1) >> (top - 1) & 1);
    }
    *symbol = i;
    return (code){d - dist_base[i], dist_bits[i]};
}

/* ---- Huffman codes ------------------------------------------------------ */

static int by_weight(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Huffman code lengths for the n weights (at least two not 0), into len:
 * leaves sorted by weight (then symbol, so the same weights give the same
 * code), merged from two queues, the depths read back from the root. */
static void huffman(const uint32_t *w, unsigned n, uint8_t *len)
{
    uint64_t leaf[LITLENS];
    uint32_t weight[2 * LITLENS];
    uint16_t parent[2 * LITLENS], sym[LITLENS], depth[2 * LITLENS];
    unsigned m = 0;
    for (unsigned i = 0; i < n; i++)
        if (w[i])
            leaf[m++] = (uint64_t)w[i] << 16 | i;
    qsort(leaf, m, sizeof *leaf, by_weight);
    for (unsigned i = 0; i < m; i++) {
        weight[i] = (uint32_t)(leaf[i] >> 16);
        sym[i] = (uint16_t)(leaf[i] & 0xffff);
    }
    unsigned nl = 0, ni = m, next = m; /* the next leaf, internal node, new node */
    while (next < 2 * m - 1) {
        unsigned pick[2];
        for (unsigned k = 0; k < 2; k++)
            pick[k] = nl < m && (ni == next || weight[nl] <= weight[ni]) ? nl++ : ni++;
        weight[next] = weight[pick[0]] + weight[pick[1]];
        parent[pick[0]] = parent[pick[1]] = (uint16_t)next;
        next++;
    }
    depth[2 * m - 2] = 0;
    for (unsigned i = 2 * m - 2; i-- > 0;)
        depth[i] = (uint16_t)(depth[parent[i]] + 1);
    memset(len, 0, n);
    for (unsigned i = 0; i < m; i++)
        len[sym[i]] = (uint8_t)(depth[i] < 255 ? depth[i] : 255); /* 255: too deep */
}

/* Lengths of at most limit bits: while the code is too deep, the weights
 * are flattened (halved, none to 0) and the code built again; all equal,
 * 286 symbols need 9 bits. Symbols are given weight 1 until two have one:
 * a code of one symbol is not a code every inflater takes. */
static void code_lengths(const uint32_t *weights, unsigned n, unsigned limit, uint8_t *len)
{
    uint32_t w[LITLENS];
    unsigned used = 0;
    for (unsigned i = 0; i < n; i++)
        used += (w[i] = weights[i]) != 0;
    for (unsigned i = 0; used < 2; i++)
        if (!w[i]) {
            w[i] = 1;
            used++;
        }
    for (;;) {
        huffman(w, n, len);
        unsigned deepest = 0;
        for (unsigned i = 0; i < n; i++)
            deepest = len[i] > deepest ? len[i] : deepest;
        if (deepest <= limit)
            return;
        for (unsigned i = 0; i < n; i++)
            w[i] = w[i] ? w[i] >> 1 | 1 : 0;
    }
}

/* The canonical code of the lengths (RFC 1951, 3.2.2), reversed to send. */
static void canonical(const uint8_t *len, unsigned n, code *out)
{
    unsigned count[MAX_BITS + 1] = {0}, next[MAX_BITS + 1];
    for (unsigned i = 0; i < n; i++)
        count[len[i]]++;
    count[0] = 0;
    for (unsigned b = 1, c = 0; b <= MAX_BITS; b++)
        next[b] = c = (c + count[b - 1]) << 1;
    for (unsigned i = 0; i < n; i++)
        out[i] = len[i] ? (code){reversed(next[len[i]]++, len[i]), len[i]} : (code){0, 0};
}

/* ---- blocks ------------------------------------------------------------ */

/* A code length as the header sends it: a length (0-15), or 16, 17 or 18
 * with extra bits, a number of repeats. */
typedef struct {
    uint8_t symbol, extra;
} length_op;

static length_op op(unsigned symbol, unsigned extra)
{
    return (length_op){(uint8_t)symbol, (uint8_t)extra};
}

/* The code lengths, run-length coded (RFC 1951, 3.2.7): 16 repeats the
 * last length 3-6 times, 17 and 18 give 3-10 and 11-138 zeros. */
static unsigned length_ops(const uint8_t *seq, unsigned total, length_op *ops)
{
    unsigned k = 0;
    for (unsigned i = 0; i < total;) {
        unsigned v = seq[i], run = 1;
        while (i + run < total && seq[i + run] == v)
            run++;
        i += run;
        if (v == 0) {
            for (; run >= 11; run -= run < 138 ? run : 138)
                ops[k++] = op(18, (run < 138 ? run : 138) - 11);
            if (run >= 3) {
                ops[k++] = op(17, run - 3);
                run = 0;
            }
        } else {
            ops[k++] = op(v, 0);
            for (run--; run >= 3; run -= run < 6 ? run : 6)
                ops[k++] = op(16, (run < 6 ? run : 6) - 3);
        }
        for (; run > 0; run--)
            ops[k++] = op(v, 0);
    }
    return k;
}

/* A dynamic block's header: how many codes, the code lengths' code, the
 * literal/length and distance codes' lengths in it. */
static void put_header(bit_writer *w, const uint8_t *ll, const uint8_t *dl)
{
    static const uint8_t order[CODE_LENGTHS] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                                11, 4,  12, 3, 13, 2, 14, 1, 15};
    static const uint8_t extra_bits[CODE_LENGTHS] = {[16] = 2, [17] = 3, [18] = 7};
    unsigned hlit = LITLENS, hdist = DISTANCES, hclen = CODE_LENGTHS;
    while (hlit > 257 && !ll[hlit - 1])
        hlit--;
    while (hdist > 1 && !dl[hdist - 1])
        hdist--;
    uint8_t seq[LITLENS + DISTANCES];
    memcpy(seq, ll, hlit);
    memcpy(seq + hlit, dl, hdist);
    length_op ops[LITLENS + DISTANCES];
    unsigned nops = length_ops(seq, hlit + hdist, ops);
    uint32_t weights[CODE_LENGTHS] = {0};
    for (unsigned i = 0; i < nops; i++)
        weights[ops[i].symbol]++;
    uint8_t cl[CODE_LENGTHS];
    code cc[CODE_LENGTHS];
    code_lengths(weights, CODE_LENGTHS, MAX_CL_BITS, cl);
    canonical(cl, CODE_LENGTHS, cc);
    while (hclen > 4 && !cl[order[hclen - 1]])
        hclen--;
    put_bits(w, (hlit - 257) | (hdist - 1) << 5 | (hclen - 4) << 10, 14);
    for (unsigned i = 0; i < hclen; i++)
        put_bits(w, cl[order[i]], 3);
    for (unsigned i = 0; i < nops; i++) {
        code c = cc[ops[i].symbol];
        put_bits(w, c.bits | (uint32_t)ops[i].extra << c.n, c.n + extra_bits[ops[i].symbol]);
    }
}

/* The open block, written with codes made for its symbols. */
static void put_block(pw_png *p, bool last)
{
    p->lw[END_OF_BLOCK] = 1;
    uint8_t ll[LITLENS], dl[DISTANCES];
    code lc[LITLENS], dc[DISTANCES];
    code_lengths(p->lw, LITLENS, MAX_BITS, ll);
    code_lengths(p->dw, DISTANCES, MAX_BITS, dl);
    canonical(ll, LITLENS, lc);
    canonical(dl, DISTANCES, dc);
    reserve(p, 1024 + p->nsym * 7); /* a header, 48 bits a symbol at most, 8 more */
    bit_writer w = writer_open(p);
    put_bits(&w, (last ? 1u : 0u) | 2u << 1, 3); /* dynamic codes */
    put_header(&w, ll, dl);
    for (size_t i = 0; i < p->nsym; i++) {
        uint32_t s = p->sym[i];
        if (!(s & MATCH)) {
            put_bits(&w, lc[s].bits, lc[s].n);
            continue;
        }
        unsigned l = s & 0x1ff, ds;
        code c = lc[p->len_symbol[l]], x = p->len_extra[l];
        code y = distance_code(s >> 9 & 0xffff, &ds), d = dc[ds];
        put_bits(&w, c.bits | (uint64_t)x.bits << c.n | (uint64_t)d.bits << (c.n + x.n) |
                         (uint64_t)y.bits << (c.n + x.n + d.n),
                 c.n + x.n + d.n + y.n);
    }
    put_bits(&w, lc[END_OF_BLOCK].bits, lc[END_OF_BLOCK].n);
    if (last)
        put_bits(&w, 0, (8 - w.n) % 8); /* to a whole byte */
    writer_close(p, &w);
    p->nsym = 0;
    memset(p->lw, 0, sizeof p->lw);
    memset(p->dw, 0, sizeof p->dw);
}

/* ---- rows -------------------------------------------------------------- */

/* A match of k bytes (k >= 3) distance bytes back (at most 32768), as
 * matches of 258 or fewer. */
static inline void add_match(pw_png *p, size_t k, size_t distance)
{
    uint32_t d = (uint32_t)distance << 9;
    unsigned ds;
    distance_code((uint32_t)distance, &ds);
    while (k > MAX_MATCH) {
        size_t part = k - MAX_MATCH >= MIN_MATCH ? MAX_MATCH : k - MIN_MATCH;
        p->sym[p->nsym++] = MATCH | d | (uint32_t)part;
        p->lw[p->len_symbol[part]]++;
        p->dw[ds]++;
        k -= part;
    }
    p->sym[p->nsym++] = MATCH | d | (uint32_t)k;
    p->lw[p->len_symbol[k]]++;
    p->dw[ds]++;
}

static inline void add_literal(pw_png *p, unsigned byte)
{
    p->sym[p->nsym++] = byte;
    p->lw[byte]++;
}

static inline void add_pixel(pw_png *p, uint32_t c)
{
    add_literal(p, c >> 16);
    add_literal(p, c >> 8 & 0xff);
    add_literal(p, c & 0xff);
}

/* Premultiplied ARGB32 over white, as 0x00RRGGBB: a premultiplied
 * channel is at most alpha, so adding 255 - alpha cannot carry. */
static inline uint32_t over_white(uint32_t v)
{
    return (v & 0xffffffu) + (255u - (v >> 24)) * 0x010101u;
}

/* Adds k pixels c (0x00RRGGBB), 3k bytes, to a row's Adler sums: *sum,
 * the sum of the bytes, and *weighted, the sum of each byte times its
 * place counted from the row's end (the last byte 1), both so far. Exact:
 * a row of 32767 pixels, 98301 bytes, weighs at most 255 * 98301^2 / 2,
 * about 2^40, so the remainders are taken once a row. */
static inline void add_run_sums(uint64_t *sum, uint64_t *weighted, uint32_t c, uint64_t k)
{
    uint64_t r = c >> 16, g = c >> 8 & 0xff, b = c & 0xff, m = 3 * k;
    *weighted += m * *sum + (r + g + b) * (k * m - 3 * k * (k - 1) / 2) - k * (g + 2 * b);
    *sum += k * (r + g + b);
}

/* Four pixels, for comparing sixteen at a time: most of a diagram is runs
 * of hundreds, and most of a row is the row above. (GCC's and Clang's
 * vector types: SSE2 on x86-64, NEON on ARM, plain code elsewhere.) */
typedef uint32_t pixels4 __attribute__((vector_size(16)));
typedef int32_t mask4 __attribute__((vector_size(16)));

/* Whether the sixteen pixels at px are all v (vv: four of it). */
static inline bool sixteen_are(const uint32_t *px, pixels4 vv)
{
    pixels4 a, b, c, d;
    memcpy(&a, px, 16);
    memcpy(&b, px + 4, 16);
    memcpy(&c, px + 8, 16);
    memcpy(&d, px + 12, 16);
    mask4 all = (a == vv) & (b == vv) & (c == vv) & (d == vv);
    uint64_t half[2];
    memcpy(half, &all, 16);
    return (half[0] & half[1]) == UINT64_MAX;
}

/* How many pixels from x on are row[x]: 1 to w - x; and whether the row
 * above has the same run there (never when above is NULL). */
static inline uint32_t run_at(const uint32_t *row, const uint32_t *above, uint32_t x, uint32_t w,
                       bool *same)
{
    uint32_t v = row[x], k = 1;
    pixels4 vv = {v, v, v, v};
    bool up = above && above[x] == v;
    for (; x + k + 16 <= w && sixteen_are(row + x + k, vv); k += 16)
        up = up && sixteen_are(above + x + k, vv);
    for (; x + k < w && row[x + k] == v; k++)
        up = up && above[x + k] == v;
    *same = up;
    return k;
}

/* How many pixels from x on are px[x]: 1 to w - x. */
static uint32_t run_length(const uint32_t *px, uint32_t x, uint32_t w)
{
    bool same;
    return run_at(px, NULL, x, w, &same);
}

/* The sums of k pixels of a row, run by run. */
static void add_sums(uint64_t *sum, uint64_t *weighted, const uint32_t *px, uint32_t k)
{
    for (uint32_t i = 0, n; i < k; i += n) {
        n = run_length(px, i, k);
        add_run_sums(sum, weighted, over_white(px[i]), n);
    }
}

/* Pixels x and on of row y (of this band) that were seen before, at the
 * place the hash of x and x + 1 last saw, this band and a match's reach
 * away: how many, 0 when fewer than 2, and the distance in bytes. Notes x
 * there. */
static uint32_t seen_before(pw_png *p, uint32_t y, uint32_t x, size_t *distance)
{
    const uint32_t *row = p->band + (y - p->first) * p->stride;
    uint32_t w = p->width;
    if (x + 1 >= w)
        return 0;
    uint32_t h = (row[x] * 2654435761u ^ row[x + 1] * 2246822519u) >> (32 - SEEN_BITS);
    uint32_t at = p->seen[h];
    p->seen[h] = (y + 1) << 15 | x;
    uint32_t sy = (at >> 15) - 1, sx = at & 0x7fff;
    if (!at || sy < p->first || sy > y || (sy == y && sx >= x))
        return 0;
    *distance = (y - sy) * p->row_bytes + 3 * (size_t)x - 3 * (size_t)sx;
    if (*distance > MAX_DISTANCE)
        return 0;
    const uint32_t *from = p->band + (sy - p->first) * p->stride + sx;
    uint32_t k = 0;
    while (x + k < w && sx + k < w && from[k] == row[x + k])
        k++;
    return k >= 2 ? k : 0;
}

/* The filter byte (0, None), then the row run by run: a run that is
 * also in the row above joins a match with the row above; a pixel of its
 * own that was seen before, with those after it, a match with where it
 * was; any other run is its first pixel as literals and the rest a match
 * one pixel back. above is NULL when a match cannot reach it. Also the
 * row's sums. */
static void add_row_symbols(pw_png *p, uint32_t y, const uint32_t *above)
{
    const uint32_t *row = p->band + (y - p->first) * p->stride;
    uint32_t w = p->width;
    uint64_t sum = 0, weighted = 0, same = 0;
    size_t distance;
    add_literal(p, 0);
    for (uint32_t x = 0, k; x < w; x += k) {
        uint32_t v = row[x];
        bool up;
        k = run_at(row, above, x, w, &up);
        if (up) {
            add_run_sums(&sum, &weighted, over_white(v), k);
            same += k;
            continue;
        }
        if (same)
            add_match(p, 3 * same, p->row_bytes);
        same = 0;
        uint32_t seen = k == 1 ? seen_before(p, y, x, &distance) : 0;
        if (seen) {
            add_sums(&sum, &weighted, row + x, seen);
            add_match(p, 3 * (size_t)seen, distance);
            k = seen;
            continue;
        }
        uint32_t c = over_white(v);
        add_run_sums(&sum, &weighted, c, k);
        add_pixel(p, c);
        if (k > 1)
            add_match(p, 3 * (size_t)(k - 1), 3);
    }
    if (same)
        add_match(p, 3 * same, p->row_bytes);
    p->row_sum = sum % ADLER_BASE;
    p->row_weighted = weighted % ADLER_BASE;
}

/* A row that is the row above again is one match, the filter byte too,
 * and adds to Adler-32 what the row above added. A row adds at most
 * row_bytes symbols, for which the block has room. */
static void add_row(pw_png *p, uint32_t y, const uint32_t *above)
{
    const uint32_t *row = p->band + (y - p->first) * p->stride;
    if (above && p->up && !memcmp(row, above, (size_t)p->width * 4))
        add_match(p, p->row_bytes, p->row_bytes);
    else
        add_row_symbols(p, y, p->up ? above : NULL);
    p->s2 = (uint32_t)((p->s2 + p->row_bytes % ADLER_BASE * p->s1 + p->row_weighted) %
                       ADLER_BASE);
    p->s1 = (uint32_t)((p->s1 + p->row_sum) % ADLER_BASE);
    p->rows++;
    if (p->nsym >= BLOCK_SYMBOLS)
        put_block(p, false);
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
    p->sym = pw_xcalloc(BLOCK_SYMBOLS + p->row_bytes, sizeof *p->sym);
    p->seen = pw_xcalloc((size_t)1 << SEEN_BITS, sizeof *p->seen);
    p->s1 = 1;
    length_tables(p);

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
    return p;
}

void pw_png_rows(pw_png *p, const uint32_t *pixels, size_t stride, uint32_t n)
{
    const uint32_t *above = p->rows ? p->last : NULL;
    p->band = pixels;
    p->stride = stride;
    p->first = p->rows;
    for (uint32_t i = 0; i < n && p->rows < p->height; i++) {
        add_row(p, p->rows, above);
        above = pixels + i * stride;
    }
    if (above && above != p->last)
        memcpy(p->last, above, (size_t)p->width * 4);
    if (p->n - p->chunk > CHUNK_BYTES && p->rows < p->height) {
        chunk_end(p); /* what is pending, fewer than 8 bits, goes in the next */
        chunk_begin(p, "IDAT");
    }
}

bool pw_png_end(pw_png *p, char **data, size_t *len)
{
    bool ok = p->rows == p->height;
    *data = NULL;
    *len = 0;
    if (ok) {
        put_block(p, true);
        put_be32(p, p->s2 << 16 | p->s1);
        chunk_end(p);
        chunk_begin(p, "IEND");
        chunk_end(p);
        *data = (char *)p->buf;
        *len = p->n;
        p->buf = NULL;
    }
    free(p->buf);
    free(p->sym);
    free(p->seen);
    free(p->last);
    free(p);
    return ok;
}
