/* png — a PNG encoder for the diagrams' rasters: fast first, small second.
 *
 * The rows come from cairo (emit/dot.c renders the laid-out diagram a band
 * of rows at a time) and go out as 8-bit RGB, every pixel put over white.
 * A diagram is mostly runs of one colour and rows like the row above, so
 * the encoder looks for exactly those two, as deflate matches in one block
 * of fixed Huffman codes, where zlib would search hash chains and pick
 * filters for every row (docs/architecture.md, bench/RESULTS.md: "PNG
 * cost"). Nothing here knows cairo or Graphviz. */
#ifndef PW_EMIT_PNG_H
#define PW_EMIT_PNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pw_png pw_png;

/* The widest and tallest image: cairo's image surfaces stop at 32767. */
enum { PW_PNG_MAX_SIDE = 32767 };

/* Starts a width x height image, its resolution (dots per inch, > 0)
 * written into it (pHYs) so that it prints at its size. NULL when a side
 * is 0 or over PW_PNG_MAX_SIDE. Owned by the caller until pw_png_end. */
pw_png *pw_png_begin(uint32_t width, uint32_t height, unsigned dpi);

/* Adds the next n rows, stride pixels apart, each of width pixels as
 * cairo's ARGB32 image surfaces hold them: 0xAARRGGBB, the colour
 * premultiplied by alpha. Rows past the height are ignored. Borrows
 * pixels. */
void pw_png_rows(pw_png *p, const uint32_t *pixels, size_t stride, uint32_t n);

/* Finishes the file and frees p. True when every row was added: *data
 * (malloc'd, owned by the caller) and *len hold the PNG. False otherwise,
 * with *data NULL and *len 0. The same rows give the same bytes. */
bool pw_png_end(pw_png *p, char **data, size_t *len);

#endif
