/* The size limits (pathway.h, PATHWAY_TABLE_MAX_BYTES and
 * PATHWAY_WALK_MAX_BYTES): text over them is refused with
 * PATHWAY_E_TOO_LARGE before it is parsed — a buffer by its size, a
 * regular file by its size before a byte of it is read, a device or a pipe
 * once one byte past the limit has been read (so /dev/zero ends) — and
 * text at the limit is read as always. Buffers over the limit are mapped,
 * never touched, so they cost no memory; a file over it is sparse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* size bytes of zeros, mapped and never written: no memory is used unless
 * something reads them. */
static void *untouched(size_t size)
{
    int fd = open("/dev/zero", O_RDONLY);
    assert_true(fd >= 0);
    void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    assert_true(p != MAP_FAILED);
    return p;
}

static void test_table_buffer_too_large(void **state)
{
    (void)state;
    size_t size = PATHWAY_TABLE_MAX_BYTES + 1u;
    void *p = untouched(size);
    pathway_error err;
    assert_null(pathway_table_load_buffer(p, size, 0, &err));
    assert_string_equal(pathway_code_name(err.code), "PATHWAY_E_TOO_LARGE");
    assert_string_equal(err.where, "");
    assert_string_equal(err.message, "the table is 67108865 bytes, more than the 64 MiB "
                                     "a table may be");
    /* at the limit, the text is parsed (and these zeros are not JSON) */
    assert_null(pathway_table_load_buffer(p, size - 1, 0, &err));
    assert_string_equal(pathway_code_name(err.code), "PATHWAY_E_JSON");
    munmap(p, size);
}

/* A regular file one byte over, sparse: refused by its size. */
static void test_table_file_too_large(void **state)
{
    (void)state;
    char path[] = "/tmp/pathway-limits-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)PATHWAY_TABLE_MAX_BYTES + 1), 0);
    close(fd);
    pathway_error err;
    assert_null(pathway_table_load_file(path, 0, &err));
    assert_string_equal(pathway_code_name(err.code), "PATHWAY_E_TOO_LARGE");
    char want[256];
    snprintf(want, sizeof want, "cannot read '%s': it is 67108865 bytes, more than the "
             "64 MiB a table may be", path);
    assert_string_equal(err.message, want);
    unlink(path);
}

/* A device without end: read to one byte past the limit, then refused
 * (the library used to read it for ever). */
static void test_table_device_too_large(void **state)
{
    (void)state;
    pathway_error err;
    assert_null(pathway_table_load_file("/dev/zero", 0, &err));
    assert_string_equal(pathway_code_name(err.code), "PATHWAY_E_TOO_LARGE");
    assert_string_equal(err.message, "cannot read '/dev/zero': it is more than the 64 MiB "
                                     "a table may be");
}

/* A saved walk padded with spaces (which JSON allows) to exactly the
 * limit is restored; one byte more is refused, unparsed. */
static void test_walk_limit(void **state)
{
    (void)state;
    pathway_table *t = load_table("kinds.json");
    test_clock c = {0};
    pathway_clock clock = clock_of(&c);
    pathway_walk *w = pathway_walk_start(t, &clock, NULL);
    assert_non_null(w);
    const pathway_node *start = pathway_table_start(t);
    assert_int_equal(start->kind, PATHWAY_QUESTION);
    assert_int_equal(pathway_walk_answer(w, start->answers[0].id, NULL), PATHWAY_OK);
    char *s = pathway_walk_save(w, NULL);
    assert_non_null(s);
    size_t n = strlen(s), size = PATHWAY_WALK_MAX_BYTES + 1u;
    char *padded = malloc(size);
    assert_non_null(padded);
    memcpy(padded, s, n);
    memset(padded + n, ' ', size - n);
    pathway_error err;
    pathway_walk *r = pathway_walk_restore(t, padded, size - 1, &clock, &err);
    if (!r)
        fail_msg("a save of exactly the limit: %s", err.message);
    assert_int_equal(pathway_walk_move_count(r), 1);
    pathway_walk_free(r);
    assert_null(pathway_walk_restore(t, padded, size, &clock, &err));
    assert_string_equal(pathway_code_name(err.code), "PATHWAY_E_TOO_LARGE");
    assert_string_equal(err.message, "the saved walk is 1048577 bytes, more than the 1 MiB "
                                     "a saved walk may be");
    free(padded);

    /* unparsed: zeros over the limit are "too large", not "not JSON" */
    void *p = untouched(size);
    assert_null(pathway_walk_restore(t, p, size, &clock, &err));
    assert_string_equal(pathway_code_name(err.code), "PATHWAY_E_TOO_LARGE");
    munmap(p, size);
    pathway_free(s);
    pathway_walk_free(w);
    pathway_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_buffer_too_large),
        cmocka_unit_test(test_table_file_too_large),
        cmocka_unit_test(test_table_device_too_large),
        cmocka_unit_test(test_walk_limit),
    };
    return cmocka_run_group_tests_name("size limits", tests, NULL, NULL);
}
