/* source — one input file's text, and the map from byte offsets to the
 * line and column a person sees.
 *
 * Tokens and AST nodes carry byte offsets (pw_span); line and column are
 * worked out only when a message is printed (as jq's locfile does), so
 * locations cost nothing while parsing. Columns count Unicode code points,
 * starting at 1; a byte-order mark at the start of the file is not counted. */
#ifndef PW_SOURCE_H
#define PW_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A half-open byte range [begin, end) in one source. */
typedef struct pw_span {
    uint32_t begin, end;
} pw_span;

typedef struct pw_source {
    char *name;        /* as given on the command line or by an import */
    char *text;        /* the bytes, NUL-terminated (may contain NULs) */
    size_t size;       /* bytes in text, without the terminator */
    uint32_t *lines;   /* byte offset of the start of each line */
    size_t nlines;
    size_t body;       /* offset after a BOM: 3 with one, else 0 */
} pw_source;

/* A source over a copy of the n bytes at text. Owned by the caller; free
 * with pw_source_free. */
pw_source *pw_source_from_memory(const char *name, const char *text, size_t n);

/* Whether name (a path or a file's name) is a pathway's: it ends in
 * ".pathway", with something before it. How `run` and `diff` tell a
 * pathway from a table, and which files of a directory `fmt` takes. */
bool pw_source_is_pathway_name(const char *name);

/* The bytes of the file at path (a pathway, a table, a saved walk):
 * heap, NUL-terminated, *len bytes without the NUL, owned by the caller
 * (free). NULL with errno set when it cannot be read; a directory is
 * EISDIR; a file over max_bytes is refused (EFBIG): a regular file by its
 * size, before a byte is read, a pipe once it has given more. */
char *pw_read_file(const char *path, size_t max_bytes, size_t *len);

/* Reads the file at path as a source, as pw_read_file does. */
pw_source *pw_source_read(const char *path, size_t max_bytes);

void pw_source_free(pw_source *s);

/* 1-based line and code-point column of a byte offset (clamped to the
 * text). */
void pw_source_position(const pw_source *s, uint32_t offset, unsigned *line,
                        unsigned *column);

/* The 1-based line of a byte offset (clamped to the text), without the
 * column: a binary search, where pw_source_position also counts the code
 * points before offset on its line, which costs the length of the line.
 * For the parser, which asks once an error and may meet many errors on one
 * long line. */
unsigned pw_source_line_of(const pw_source *s, uint32_t offset);

/* The text of a 1-based line, without its line ending. */
const char *pw_source_line(const pw_source *s, unsigned line, size_t *len);

#endif
