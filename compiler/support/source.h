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

/* The bytes of the file at path (a pathway, a table, a saved walk),
 * opened once, as pw_read_fd reads a descriptor. NULL with errno set when
 * it cannot be read. */
char *pw_read_file(const char *path, size_t max_bytes, size_t *len);

/* The bytes of the open descriptor fd: heap, NUL-terminated, *len bytes
 * without the NUL, owned by the caller (free). Only a regular file or a
 * pipe is read: anything else is refused by fstat before a byte is read, a
 * directory with EISDIR, a device (/dev/zero, a terminal) with ENODEV. A
 * file over max_bytes is refused (EFBIG): a regular file by its size,
 * before a byte is read, a pipe once it has given more (never more than
 * max_bytes + 2 held). A named pipe opened before its writer waits for
 * one. fd may be non-blocking (it is made blocking); it stays open. */
char *pw_read_fd(int fd, size_t max_bytes, size_t *len);

/* What to say of pw_read_file's errno e, after "cannot read 'FILE': ":
 * for a policy author, with what to do, for a directory and a device;
 * strerror otherwise. */
const char *pw_read_strerror(int e);

/* Opens rel (a relative path without "." or ".." parts) under the
 * directory dirfd for reading, without following any symbolic link and
 * without leaving dirfd, whatever is renamed meanwhile: openat2 with
 * RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS where the
 * kernel has it, else a component at a time with O_NOFOLLOW. Opened
 * non-blocking, so a named pipe or a device does not wait: fstat it
 * before reading. -1 with errno set (ELOOP when a part is a link). */
int pw_open_beneath(int dirfd, const char *rel);

/* A descriptor of the directory at the absolute path, for
 * pw_open_beneath (O_PATH where there is one), opened as pw_open_beneath
 * opens, with no symbolic link followed: path is canonical (realpath's).
 * -1 with errno set (ELOOP when a part is a link). Close it with close(). */
int pw_open_dir(const char *path);

/* Reads the file at path as a source, as pw_read_file does. */
pw_source *pw_source_read(const char *path, size_t max_bytes);

/* Reads the open descriptor fd as a source named name, as pw_read_fd
 * does. */
pw_source *pw_source_read_fd(const char *name, int fd, size_t max_bytes);

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
