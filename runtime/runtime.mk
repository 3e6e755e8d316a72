# runtime/runtime.mk — libpathway (runtime/): the static and shared
# library, the example, the tests (tests/runtime/, tests/fuzz/) and
# `make install`. Included by the top-level Makefile, whose variables it
# uses (CC, WARN, OPT, SAN, BUILD, SUITE, VG, ASAN_ENV, MORE_SUITES).
#
#   make runtime            build/runtime/libpathway.{a,so}, the example
#   make runtime-test       the runtime's suites alone, with their summary
#   make install PREFIX=/usr/local DESTDIR=
#
# The library needs only jansson, yajl and libcrypto. Its objects are built
# twice: plain with -fPIC (for both libraries) in build/runtime/, and with
# ASan+UBSan in build/runtime-asan/ for the tests.

# The version is written once, in pathway.h: the shared object's name and
# soname and pathway.pc take it from there. PATHWAY_VERSION "X.Y.Z" must
# agree with PATHWAY_VERSION_MAJOR, _MINOR and _PATCH beside it.
RT_VERSION := $(shell awk '/^\#define PATHWAY_VERSION_(MAJOR|MINOR|PATCH) / { n = n d $$3; d = "." } \
                /^\#define PATHWAY_VERSION "/ { v = $$3; gsub(/"/, "", v) } \
                END { if (v != "" && v == n) print v }' runtime/pathway.h)
$(if $(RT_VERSION),,$(error runtime/pathway.h: no PATHWAY_VERSION "X.Y.Z", or one that is not PATHWAY_VERSION_MAJOR.MINOR.PATCH))
RT_MAJOR   := $(firstword $(subst ., ,$(RT_VERSION)))
RT_PKGS    := jansson yajl libcrypto
RT_CFLAGS   = $(shell pkg-config --cflags $(RT_PKGS))
RT_LIBS     = $(shell pkg-config --libs $(RT_PKGS))
RT_CPPFLAGS := -D_POSIX_C_SOURCE=200809L -Iruntime -MMD -MP

RT      := $(BUILD)/runtime
RT_ASAN := $(BUILD)/runtime-asan
RT_SRC  := $(wildcard runtime/*.c)
RT_OBJ  := $(patsubst runtime/%.c,$(RT)/%.o,$(RT_SRC))
RT_ASAN_OBJ := $(patsubst runtime/%.c,$(RT_ASAN)/%.o,$(RT_SRC))

RT_A        := $(RT)/libpathway.a
RT_SO_REAL  := $(RT)/libpathway.so.$(RT_VERSION)
RT_SO_MAJOR := $(RT)/libpathway.so.$(RT_MAJOR)
RT_SO       := $(RT)/libpathway.so

.PHONY: runtime check-runtime runtime-test install

all: runtime

runtime: $(RT_A) $(RT_SO) $(RT)/examples/walk

# Only names marked PATHWAY_API are exported from the shared object.
$(RT)/%.o: runtime/%.c
	@mkdir -p $(@D)
	$(CC) $(RT_CPPFLAGS) $(RT_CFLAGS) $(WARN) $(OPT) -fPIC -fvisibility=hidden -c $< -o $@

$(RT_ASAN)/%.o: runtime/%.c
	@mkdir -p $(@D)
	$(CC) $(RT_CPPFLAGS) $(RT_CFLAGS) $(WARN) $(OPT) $(SAN) -c $< -o $@

$(RT_A): $(RT_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(RT_ASAN)/libpathway.a: $(RT_ASAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(RT_SO_REAL): $(RT_OBJ)
	$(CC) $(OPT) -shared -Wl,-soname,libpathway.so.$(RT_MAJOR) -Wl,--no-undefined \
	  -o $@ $^ $(RT_LIBS)

$(RT_SO_MAJOR): $(RT_SO_REAL)
	ln -sf $(notdir $<) $@

$(RT_SO): $(RT_SO_MAJOR)
	ln -sf $(notdir $<) $@

# The example sees only the public header, as an installed user would.
$(RT)/examples/walk: runtime/examples/walk.c runtime/pathway.h $(RT_A)
	@mkdir -p $(@D)
	$(CC) -Iruntime $(WARN) $(OPT) -o $@ $< $(RT_A) $(RT_LIBS)

# ---- install -----------------------------------------------------------------

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
# In the .pc file, directories under the prefix are written from
# ${prefix}, so `pkg-config --define-prefix` can move them.
rt_pc_dir = $(if $(filter $(PREFIX)/%,$(1)),$${prefix}/$(patsubst $(PREFIX)/%,%,$(1)),$(1))

install: $(BUILD)/pathwayc $(RT_A) $(RT_SO)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 755 $(BUILD)/pathwayc $(DESTDIR)$(BINDIR)/pathwayc
	install -m 644 $(RT_A) $(DESTDIR)$(LIBDIR)/libpathway.a
	install -m 755 $(RT_SO_REAL) $(DESTDIR)$(LIBDIR)/libpathway.so.$(RT_VERSION)
	ln -sf libpathway.so.$(RT_VERSION) $(DESTDIR)$(LIBDIR)/libpathway.so.$(RT_MAJOR)
	ln -sf libpathway.so.$(RT_MAJOR) $(DESTDIR)$(LIBDIR)/libpathway.so
	install -m 644 runtime/pathway.h $(DESTDIR)$(INCLUDEDIR)/pathway.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(call rt_pc_dir,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(call rt_pc_dir,$(INCLUDEDIR))|' \
	    -e 's|@VERSION@|$(RT_VERSION)|' -e 's|@LIBS_PRIVATE@|$(strip $(RT_LIBS))|' \
	    runtime/pathway.pc.in >$(DESTDIR)$(LIBDIR)/pkgconfig/pathway.pc
# The man pages: docs/pathwayc.1, and any other docs/NAME.N, each into
# $(MANDIR)/manN.
	@for m in $(wildcard docs/*.[1-8]); do \
	  sec=$${m##*.}; install -d $(DESTDIR)$(MANDIR)/man$$sec && \
	  echo "install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$sec/" && \
	  install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$sec/ || exit 1; done
# What every diagnostic means: the page `pathwayc lsp` links each to; and
# the documents pathway.h points to, by name.
	install -d $(DESTDIR)$(PREFIX)/share/doc/pathwayc/examples
	install -m 644 docs/diagnostics.md docs/runtime.md docs/table-format.md \
	  docs/pathway-table-3.schema.json docs/pathway-walk-2.schema.json \
	  $(DESTDIR)$(PREFIX)/share/doc/pathwayc/
	install -m 644 runtime/examples/walk.c $(DESTDIR)$(PREFIX)/share/doc/pathwayc/examples/

# ---- tests ---------------------------------------------------------------------
# The compiler that builds the tests' tables (override to test the runtime
# against another one).
RT_PATHWAYC ?= $(BUILD)/pathwayc
RT_TABLES   := $(RT)/tables
RT_TESTS    := $(patsubst tests/runtime/%.c,%,$(wildcard tests/runtime/test_*.c))
RT_TEST_CPPFLAGS := $(RT_CPPFLAGS) -DTABLES='"$(RT_TABLES)"'

# Tables: every pathway of pathways/, the tests' own pathways, and the two
# versions of one pathway (tests/runtime/v1, v2) for replaying saved walks.
$(RT_TABLES)/stamp: $(RT_PATHWAYC) $(wildcard pathways/*.pathway tests/runtime/*.pathway \
                    tests/runtime/v1/*.pathway tests/runtime/v2/*.pathway)
	@rm -rf $(RT_TABLES) && mkdir -p $(RT_TABLES)/pathways $(RT_TABLES)/v1 $(RT_TABLES)/v2
	$(RT_PATHWAYC) build -o $(RT_TABLES)/pathways --emit json pathways/*.pathway
	$(RT_PATHWAYC) build -o $(RT_TABLES) --emit json -Wno-review-overdue \
	  -Wno-no-emergency-exit tests/runtime/*.pathway
	$(RT_PATHWAYC) build -o $(RT_TABLES)/v1 --emit json tests/runtime/v1/*.pathway
	$(RT_PATHWAYC) build -o $(RT_TABLES)/v2 --emit json tests/runtime/v2/*.pathway
	@touch $@

$(RT)/tests/%.o: tests/runtime/%.c runtime/pathway.h
	@mkdir -p $(@D)
	$(CC) $(RT_TEST_CPPFLAGS) $(RT_CFLAGS) $(WARN) $(OPT) -c $< -o $@

$(RT_ASAN)/tests/%.o: tests/runtime/%.c runtime/pathway.h
	@mkdir -p $(@D)
	$(CC) $(RT_TEST_CPPFLAGS) $(RT_CFLAGS) $(WARN) $(OPT) $(SAN) -c $< -o $@

# Test programs go to bin/, apart from their objects in tests/.
$(RT)/bin/test_%: $(RT)/tests/test_%.o $(RT)/tests/support.o $(RT_A)
	@mkdir -p $(@D)
	$(CC) $(OPT) -pthread -o $@ $^ $(RT_LIBS) $(CMOCKA_LIBS)

$(RT_ASAN)/bin/test_%: $(RT_ASAN)/tests/test_%.o $(RT_ASAN)/tests/support.o \
                       $(RT_ASAN)/libpathway.a
	@mkdir -p $(@D)
	$(CC) $(OPT) $(SAN) -pthread -o $@ $^ $(RT_LIBS) $(CMOCKA_LIBS)

# The fuzzer: clang's libFuzzer, with the library's sources built in.
RT_FUZZ := $(BUILD)/fuzz/fuzz_table
$(RT_FUZZ): tests/fuzz/fuzz_table.c $(RT_SRC) $(wildcard runtime/*.h)
	@mkdir -p $(@D)
	clang -D_POSIX_C_SOURCE=200809L -Iruntime -g -O1 -fsanitize=fuzzer,address,undefined \
	  -fno-sanitize-recover=all $(RT_CFLAGS) -o $@ tests/fuzz/fuzz_table.c $(RT_SRC) \
	  $(RT_LIBS)

# Four threads loading their first tables at once, under helgrind.
$(RT)/bin/first_loads: tests/runtime/first_loads.c runtime/pathway.h $(RT_A)
	@mkdir -p $(@D)
	$(CC) $(RT_CPPFLAGS) $(RT_CFLAGS) $(WARN) $(OPT) -pthread -o $@ $< $(RT_A) $(RT_LIBS)

RT_TEST_DEPS := $(addprefix $(RT)/bin/,$(RT_TESTS)) $(RT)/bin/first_loads \
                $(addprefix $(RT_ASAN)/bin/,$(RT_TESTS)) \
                $(RT_TABLES)/stamp $(RT_FUZZ) runtime

check-runtime: $(RT_TEST_DEPS)
	@status=0; \
	for t in $(RT_TESTS); do \
	  $(SUITE) "runtime $$t" $(RT)/bin/$$t || status=1; done; \
	for t in $(RT_TESTS); do \
	  $(ASAN_ENV) $(SUITE) "asan runtime $$t" $(RT_ASAN)/bin/$$t || status=1; done; \
	for t in $(RT_TESTS); do \
	  $(SUITE) "valgrind runtime $$t" $(VG) $(RT)/bin/$$t || status=1; done; \
	$(SUITE) "helgrind runtime first loads" $(VALGRIND) --tool=helgrind -q \
	  --error-exitcode=99 $(RT)/bin/first_loads $(RT_TABLES)/pathways/prevent.json \
	  || status=1; \
	$(SUITE) "runtime fuzz (20000 runs)" tests/fuzz/run $(RT_FUZZ) 20000 \
	  $(BUILD)/fuzz/work tests/fuzz/corpus/table $(RT_TABLES)/pathways || status=1; \
	MAKE="$(MAKE)" $(SUITE) "runtime install" tests/runtime/install-test \
	  $(RT_TABLES)/pathways/prevent.json $(BUILD)/runtime-install || status=1; \
	exit $$status

# The runtime's suites alone, closing with their own summary.
runtime-test:
	@rm -f $(BUILD)/runtime-results
	@status=0; $(MAKE) --no-print-directory check-runtime RESULTS=$(BUILD)/runtime-results \
	  || status=1; tests/summary $(BUILD)/runtime-results || status=1; exit $$status

MORE_SUITES += check-runtime
