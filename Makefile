# pathwayc — one non-recursive Makefile.
#
#   make demo    install what is missing, build, compile every pathway into out/
#   make test    install what is missing, build, run every test (unit, golden,
#                ASan+UBSan, valgrind)
#
# Generated sources (parser.c, lexer.c) and everything built go to build/;
# outputs of the demo go to out/. Neither is ever committed.

# make's built-in CC is cc: gcc unless CC is given on the command line or
# in the environment.
ifeq ($(origin CC),default)
CC := gcc
endif
BUILD   := build
GEN     := $(BUILD)/gen
VALGRIND ?= valgrind

# Dependencies come from pkg-config, evaluated when a recipe runs (after
# scripts/setup has installed them).
PKGS      := jansson libcrypto libgvc libcgraph
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
CMOCKA_LIBS = $(shell pkg-config --libs cmocka)

WARN    := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Werror
# The generated scanner and parser build under the same warnings: the
# options in grammar/ (noinput, nounput, a declared yylex, pure parser) leave
# nothing for them to trip on, so they need no exemption.
CPPFLAGS := -D_POSIX_C_SOURCE=200809L -Icompiler -I$(GEN) -Iruntime -MMD -MP
OPT     ?= -O2 -g
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer

# The compiler's folders, in pipeline order (docs/architecture.md): every
# module but the command line (cli/) goes into the objects the tests link.
LIB_DIRS := support front model emit tools
LIB_SRC := $(foreach d,$(LIB_DIRS),$(wildcard compiler/$(d)/*.c))
CLI_SRC := $(wildcard compiler/cli/*.c)
GEN_SRC := $(GEN)/front/parser.c $(GEN)/front/lexer.c $(GEN)/emit/assets_css.c \
           $(GEN)/emit/assets_js.c
UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: all demo test setup build demo-run check-all unit golden asan valgrind bench \
        clean golden-update

all: build

demo:
	@scripts/setup
	@$(MAKE) --no-print-directory demo-run

test:
	@scripts/setup
	@$(MAKE) --no-print-directory check-all

setup:
	@scripts/setup

# ---- generated front end -------------------------------------------------

$(GEN)/front/parser.c $(GEN)/front/parser.h &: grammar/parser.y
	@mkdir -p $(@D)
	bison -Wall -Werror --defines=$(GEN)/front/parser.h -o $(GEN)/front/parser.c $<

$(GEN)/front/lexer.c $(GEN)/front/lexer.h &: grammar/lexer.l $(GEN)/front/parser.h
	@mkdir -p $(@D)
	flex --header-file=$(GEN)/front/lexer.h -o $(GEN)/front/lexer.c $<

# The checklist's style sheet and script, built into pathwayc as bytes.
$(GEN)/emit/assets_css.c: compiler/emit/assets/checklist.css scripts/embed
	@mkdir -p $(@D)
	scripts/embed pw_asset_checklist_css $< >$@.tmp && mv $@.tmp $@
$(GEN)/emit/assets_js.c: compiler/emit/assets/checklist.js scripts/embed
	@mkdir -p $(@D)
	scripts/embed pw_asset_checklist_js $< >$@.tmp && mv $@.tmp $@

# ---- two builds of the same sources: plain, and ASan+UBSan ---------------
# $(1): object directory, $(2): extra compiler flags

define objects
$(1)/%.o: compiler/%.c $(GEN)/front/parser.h $(GEN)/front/lexer.h
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(PKG_CFLAGS) $$(WARN) $$(OPT) $(2) -c $$< -o $$@
$(1)/gen/%.o: $(GEN)/%.c $(GEN)/front/parser.h $(GEN)/front/lexer.h
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(PKG_CFLAGS) $$(WARN) $$(OPT) $(2) -c $$< -o $$@
$(1)/tests/%.o: tests/unit/%.c $(GEN)/front/parser.h $(GEN)/front/lexer.h
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(PKG_CFLAGS) $$(WARN) $$(OPT) $(2) -c $$< -o $$@
endef

OBJ      := $(BUILD)/obj
ASAN     := $(BUILD)/asan
$(eval $(call objects,$(OBJ),))
$(eval $(call objects,$(ASAN),$(SAN)))

lib_objs = $(patsubst compiler/%.c,$(1)/%.o,$(LIB_SRC)) \
           $(patsubst $(GEN)/%.c,$(1)/gen/%.o,$(GEN_SRC))

# pathwayc links libpathway (runtime/, built by runtime/runtime.mk) for
# `pathwayc run`: the plain build the static library, the ASan build its
# ASan twin.
RT_LIB      := $(BUILD)/runtime/libpathway.a
RT_ASAN_LIB := $(BUILD)/runtime-asan/libpathway.a

cli_objs = $(patsubst compiler/%.c,$(1)/%.o,$(CLI_SRC))

$(BUILD)/pathwayc: $(call lib_objs,$(OBJ)) $(call cli_objs,$(OBJ)) $(RT_LIB)
	$(CC) $(OPT) -o $@ $^ $(PKG_LIBS)

$(ASAN)/pathwayc: $(call lib_objs,$(ASAN)) $(call cli_objs,$(ASAN)) $(RT_ASAN_LIB)
	$(CC) $(OPT) $(SAN) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: $(OBJ)/tests/%.o $(OBJ)/tests/fixture.o $(call lib_objs,$(OBJ)) $(RT_LIB)
	@mkdir -p $(@D)
	$(CC) $(OPT) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)

$(ASAN)/tests/%: $(ASAN)/tests/%.o $(ASAN)/tests/fixture.o $(call lib_objs,$(ASAN)) $(RT_ASAN_LIB)
	@mkdir -p $(@D)
	$(CC) $(OPT) $(SAN) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)

# Test tools: dotcheck reads a DOT file back with cgraph (tests/hostile-outputs).
$(BUILD)/tools/dotcheck: tests/tools/dotcheck.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(OPT) $(shell pkg-config --cflags libcgraph) $< -o $@ \
	  $(shell pkg-config --libs libcgraph)

.SECONDARY:

build: $(BUILD)/pathwayc

# ---- demo ------------------------------------------------------------------

demo-run: $(BUILD)/pathwayc
	@mkdir -p out
	$(BUILD)/pathwayc test --coverage pathways/*.pathway
	$(BUILD)/pathwayc build -o out --emit dot,svg,png,html,json pathways/*.pathway
	@echo "demo: every pathway in pathways/ passes its tests; open out/index.html for the checklists, diagrams and tables"

# ---- benchmarks --------------------------------------------------------------
# make bench prints the figures of bench/RESULTS.md, measured now (bench/run).

$(BUILD)/bench/walk_bench: bench/walk_bench.c runtime/pathway.h $(RT_LIB)
	@mkdir -p $(@D)
	$(CC) -Iruntime $(WARN) $(OPT) -D_POSIX_C_SOURCE=200809L -o $@ $< $(RT_LIB) \
	  $(shell pkg-config --libs jansson libcrypto)

bench:
	@scripts/setup
	@$(MAKE) --no-print-directory $(BUILD)/pathwayc $(BUILD)/bench/walk_bench
	bench/run

# ---- tests -----------------------------------------------------------------
# Every suite reports through tests/suite, which keeps the tally that
# tests/summary closes with ("N passed, M failed").

RESULTS := $(BUILD)/test-results
SUITE   := tests/suite $(RESULTS)

# More suites, each a make target that reports through $(SUITE) into the
# same $(RESULTS); check-all runs them after its own, in this order. The
# runtime library and the other suites add theirs from their .mk files
# (runtime/runtime.mk, tests/*/*.mk).
MORE_SUITES :=

# Graphviz's own leaks are suppressed (tests/valgrind.supp, tests/lsan.supp);
# the suppressions name Graphviz's plugins, which are deep in the stack:
# valgrind keeps 12 frames unless told, LeakSanitizer needs slow unwinding.
VG := $(VALGRIND) -q --leak-check=full --errors-for-leak-kinds=all \
      --num-callers=50 --error-exitcode=99 --suppressions=tests/valgrind.supp
ASAN_ENV := ASAN_OPTIONS=allow_user_segv_handler=0:detect_leaks=1:fast_unwind_on_malloc=0 \
            LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

check-all: build $(BUILD)/tools/dotcheck $(addprefix $(BUILD)/tests/,$(UNIT_TESTS)) \
           $(ASAN)/pathwayc $(addprefix $(ASAN)/tests/,$(UNIT_TESTS))
	@rm -f $(RESULTS)
	@status=0; \
	for t in $(UNIT_TESTS); do \
	  $(SUITE) "unit $$t" $(BUILD)/tests/$$t || status=1; done; \
	$(SUITE) "golden" tests/golden $(BUILD)/pathwayc || status=1; \
	$(SUITE) "cli" tests/cli $(BUILD)/pathwayc || status=1; \
	$(SUITE) "large" tests/large $(BUILD)/pathwayc || status=1; \
	$(SUITE) "pathways" tests/pathways $(BUILD)/pathwayc || status=1; \
	$(SUITE) "golden outputs" tests/golden-outputs $(BUILD)/pathwayc || status=1; \
	$(SUITE) "test command" tests/test-command $(BUILD)/pathwayc || status=1; \
	$(SUITE) "diagnostics.md examples" tests/diagnostics-doc $(BUILD)/pathwayc || status=1; \
	$(SUITE) "hostile text" tests/hostile-outputs $(BUILD)/pathwayc $(BUILD)/tools/dotcheck || status=1; \
	$(SUITE) "run command" tests/run-command $(BUILD)/pathwayc || status=1; \
	$(SUITE) "man page" tests/man-page $(BUILD)/pathwayc || status=1; \
	for t in $(UNIT_TESTS); do \
	  $(ASAN_ENV) $(SUITE) "asan unit $$t" $(ASAN)/tests/$$t || status=1; done; \
	$(ASAN_ENV) $(SUITE) "asan golden" tests/golden $(ASAN)/pathwayc || status=1; \
	$(ASAN_ENV) $(SUITE) "asan cli" tests/cli $(ASAN)/pathwayc || status=1; \
	$(ASAN_ENV) $(SUITE) "asan large" tests/large $(ASAN)/pathwayc || status=1; \
	$(ASAN_ENV) $(SUITE) "asan pathways" tests/pathways $(ASAN)/pathwayc || status=1; \
	$(ASAN_ENV) $(SUITE) "asan golden outputs" tests/golden-outputs $(ASAN)/pathwayc || status=1; \
	$(ASAN_ENV) $(SUITE) "asan hostile text" tests/hostile-outputs $(ASAN)/pathwayc $(BUILD)/tools/dotcheck || status=1; \
	$(ASAN_ENV) $(SUITE) "asan run command" tests/run-command $(ASAN)/pathwayc || status=1; \
	for t in $(UNIT_TESTS); do \
	  $(SUITE) "valgrind unit $$t" $(VG) $(BUILD)/tests/$$t || status=1; done; \
	PATHWAYC_WRAP="$(VG)" $(SUITE) "valgrind golden" tests/golden $(BUILD)/pathwayc || status=1; \
	PATHWAYC_WRAP="$(VG)" $(SUITE) "valgrind cli" tests/cli $(BUILD)/pathwayc || status=1; \
	PATHWAYC_WRAP="$(VG)" $(SUITE) "valgrind hostile text" tests/hostile-outputs $(BUILD)/pathwayc $(BUILD)/tools/dotcheck || status=1; \
	PATHWAYC_WRAP="$(VG)" $(SUITE) "valgrind run command" tests/run-command $(BUILD)/pathwayc || status=1; \
	for s in $(MORE_SUITES); do \
	  $(MAKE) --no-print-directory $$s || status=1; done; \
	tests/summary $(RESULTS) || status=1; \
	exit $$status

# Rewrite the golden expectations from the current compiler, on purpose;
# review every change with git diff before committing it.
golden-update: $(BUILD)/pathwayc
	tests/golden --update $(BUILD)/pathwayc
	tests/golden-outputs --update $(BUILD)/pathwayc

clean:
	rm -rf $(BUILD) out

include $(wildcard runtime/runtime.mk tests/*/*.mk)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
