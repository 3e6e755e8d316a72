# pathwayc — one non-recursive Makefile.
#
#   make, make build   build/pathwayc, and libpathway in build/runtime/
#   make check         the edit-test loop (1-2 minutes on 2 cores from
#                      clean, under one once built): the plain build, then
#                      every suite of the list below that runs with it
#                      (unit, golden, cli, ..., layering)
#   make test          what CI runs (.ci/run): install what is missing
#                      (scripts/setup), build, then every suite: the list
#                      with the plain, ASan+UBSan and valgrind builds, then
#                      the suites of tests/*/*.mk and runtime/runtime.mk;
#                      ends with "N passed, M failed" (check-all: the same,
#                      without scripts/setup)
#   make unit          the cmocka unit tests (tests/unit/), plain build
#   make golden        the golden suites, plain build: tests/golden
#                      (diagnostics), tests/authors (the authors' mistakes,
#                      tests/errors/authors/) and tests/golden-outputs (.dot,
#                      .json, .html)
#   make asan          every suite of the list again with the ASan+UBSan build
#   make valgrind      the suites of the list that run under valgrind
#   make run-suites SUITES='asan/cli plain/golden'   those runs alone
#   make list-suites   every run of the list, as SUITES names it, and its label
#   make golden-update rewrite the golden expectations from the current
#                      compiler (review them with git diff)
#   make demo          install what is missing, build, compile every pathway
#                      into out/
#   make bench         the figures of bench/RESULTS.md, measured now
#                      (scripts/setup --bench: plantuml too)
#   make fuzz          each libFuzzer harness for FUZZ_SECONDS (60)
#   make install       pathwayc, libpathway, pathway.h, pathway.pc, the man
#                      page (PREFIX=/usr/local DESTDIR=)
#   make clean         remove build/ and out/
#
# Each suite of tests/*/*.mk is a target of its own too (make check-fmt,
# check-diff, check-runtime, ...). CC is gcc unless given (make CC=clang);
# the libFuzzer harnesses are always built with clang.
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
PKGS      := jansson yajl libcrypto libgvc libcgraph cairo zlib libmicrohttpd
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
LIB_DIRS := support front model emit tools server
LIB_SRC := $(foreach d,$(LIB_DIRS),$(wildcard compiler/$(d)/*.c))
CLI_SRC := $(wildcard compiler/cli/*.c)
GEN_SRC := $(GEN)/front/parser.c $(GEN)/front/lexer.c $(GEN)/emit/assets_css.c \
           $(GEN)/emit/assets_js.c $(GEN)/emit/assets_index_js.c $(GEN)/emit/assets_runtime_js.c \
           $(GEN)/server/assets_live_js.c $(GEN)/server/assets_live_css.c
UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: all demo test setup build demo-run check check-all unit golden asan valgrind \
        run-suites list-suites bench clean golden-update

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
# The pathway runtime (runtime/js) as one script, which the checklist's
# script walks with (compiler/emit/html.c puts it first).
$(GEN)/emit/pathway_runtime.js: $(wildcard runtime/js/*.mjs) runtime/js/package.json \
                                runtime/js/bundle
	@mkdir -p $(@D)
	runtime/js/bundle >$@.tmp && mv $@.tmp $@
$(GEN)/emit/assets_runtime_js.c: $(GEN)/emit/pathway_runtime.js scripts/embed
	@mkdir -p $(@D)
	scripts/embed pw_asset_runtime_js $< >$@.tmp && mv $@.tmp $@
$(GEN)/emit/assets_index_js.c: compiler/emit/assets/index.js scripts/embed
	@mkdir -p $(@D)
	scripts/embed pw_asset_index_js $< >$@.tmp && mv $@.tmp $@
# pathwayc serve's live script and style sheet (server/assets.h).
$(GEN)/server/assets_live_js.c: compiler/server/assets/live.js scripts/embed
	@mkdir -p $(@D)
	scripts/embed pw_asset_live_js $< server/assets.h >$@.tmp && mv $@.tmp $@
$(GEN)/server/assets_live_css.c: compiler/server/assets/live.css scripts/embed
	@mkdir -p $(@D)
	scripts/embed pw_asset_live_css $< server/assets.h >$@.tmp && mv $@.tmp $@

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

# Test tools: dotcheck reads a DOT file back with cgraph (tests/hostile-outputs);
# sanitizer-canary, built as the ASan build is, fails in each sanitizer's way
# on purpose (tests/sanitizer-exit).
$(BUILD)/tools/dotcheck: tests/tools/dotcheck.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(OPT) $(shell pkg-config --cflags libcgraph) $< -o $@ \
	  $(shell pkg-config --libs libcgraph)

# swap-after-realpath, preloaded, renames right after pathwayc's realpath()
# (tests/safety/import-race).
$(BUILD)/tools/swap-after-realpath.so: tests/tools/swap-after-realpath.c
	@mkdir -p $(@D)
	$(CC) -D_POSIX_C_SOURCE=200809L $(WARN) $(OPT) -shared -fPIC $< -o $@ -ldl

$(ASAN)/tools/sanitizer-canary: tests/tools/sanitizer-canary.c
	@mkdir -p $(@D)
	$(CC) -D_POSIX_C_SOURCE=200809L $(WARN) $(OPT) $(SAN) $< -o $@

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
	  $(shell pkg-config --libs jansson yajl libcrypto)

# layout_metrics lays DOT files out with gvc and counts crossings, edges
# through nodes and labels, and overlaps (bench/run, tests/layout).
$(BUILD)/bench/layout_metrics: bench/layout_metrics.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(OPT) -D_POSIX_C_SOURCE=200809L $(shell pkg-config --cflags libgvc) \
	  -o $@ $< $(shell pkg-config --libs libgvc) -lm

bench:
	@scripts/setup --bench
	@$(MAKE) --no-print-directory $(BUILD)/pathwayc $(BUILD)/bench/walk_bench \
	  $(BUILD)/bench/layout_metrics
	bench/run

# ---- tests -----------------------------------------------------------------
# Every suite reports through tests/suite, which keeps the tally that
# tests/summary closes with ("N passed, M failed").

RESULTS := $(BUILD)/test-results
SUITE   := tests/suite $(RESULTS)

# More suites, each a make target that reports through $(SUITE) into the
# same $(RESULTS); check-all runs them after the list below, in this order.
# The runtime library and the other suites add theirs from their .mk files
# (runtime/runtime.mk, tests/*/*.mk).
MORE_SUITES :=

# Graphviz's own leaks are suppressed (tests/valgrind.supp, tests/lsan.supp);
# the suppressions name Graphviz's plugins, which are deep in the stack:
# valgrind keeps 12 frames unless told, LeakSanitizer needs slow unwinding.
VG := $(VALGRIND) -q --leak-check=full --errors-for-leak-kinds=all \
      --num-callers=50 --error-exitcode=99 --suppressions=tests/valgrind.supp
# A sanitizer's report exits with SAN_EXIT, so that it never reads as one of
# pathwayc's own statuses (1: errors in the input, 2: usage or I/O trouble),
# which ASan's and UBSan's default, 1, would. One status for ASan, UBSan
# and LeakSanitizer: with clang's single runtime, the exitcode= parsed last
# (UBSAN_OPTIONS') wins for all three anyway. tests/sanitizer-exit checks
# it on a canary; tests/cli watches every run for it.
SAN_EXIT := 86
ASAN_ENV := ASAN_OPTIONS=allow_user_segv_handler=0:detect_leaks=1:fast_unwind_on_malloc=0:exitcode=$(SAN_EXIT) \
            UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=$(SAN_EXIT) \
            LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0:exitcode=$(SAN_EXIT)

# ---- the list of suites ------------------------------------------------------
# One line a suite: $(call suite,LABEL,BUILDS,SCRIPT,ARGS). SCRIPT runs once
# for each of its BUILDS, given that build's compiler as its first argument
# (then ARGS), and ends its output with "N passed, M failed":
#   plain     build/pathwayc                          (label: LABEL)
#   asan      build/asan/pathwayc, under ASAN_ENV     (label: asan LABEL)
#   valgrind  build/pathwayc under valgrind, through PATHWAYC_WRAP
#                                                     (label: valgrind LABEL)
#   none      no compiler: SCRIPT ARGS as written, with the plain runs
# Each run is named BUILD/NAME, NAME being SCRIPT's file name (plain/golden,
# asan/cli, none/layering): make check runs every plain/ and none/ one,
# make asan every asan/ one, make valgrind every valgrind/ one. The cmocka
# programs of tests/unit/ come first, each a suite with the three builds
# (plain/test_diag: label "unit test_diag").

RUNS :=
suite = $(foreach b,$(2),$(eval $(call suite_run,$(b),$(strip $(1)),$(strip $(3)),$(strip $(4)))))
define suite_run
$(if $(filter $(1)/$(notdir $(3)),$(RUNS)),$(error two suites are named $(1)/$(notdir $(3)): give $(3) a name of its own))
RUNS += $(1)/$(notdir $(3))
LABEL.$(1)/$(notdir $(3)) := $(call label,$(1),$(2))
RUN.$(1)/$(notdir $(3)) = $$(call run.$(1),$(call label,$(1),$(2)),$(3),$(4))
endef
label = $(if $(filter asan valgrind,$(1)),$(1) )$(2)
run.plain    = $(SUITE) "$(1)" $(2) $(BUILD)/pathwayc $(3)
run.asan     = $(ASAN_ENV) $(SUITE) "$(1)" $(2) $(ASAN)/pathwayc $(3)
run.valgrind = PATHWAYC_WRAP="$(VG)" $(SUITE) "$(1)" $(2) $(BUILD)/pathwayc $(3)
run.none     = $(SUITE) "$(1)" $(2) $(3)

unit_suite = $(foreach b,plain asan valgrind,$(eval $(call unit_run,$(b),$(1))))
define unit_run
RUNS += $(1)/$(2)
LABEL.$(1)/$(2) := $(call label,$(1),unit $(2))
RUN.$(1)/$(2) = $$(call unit.$(1),$(call label,$(1),unit $(2)),$(2))
endef
unit.plain    = $(SUITE) "$(1)" $(BUILD)/tests/$(2)
unit.asan     = $(ASAN_ENV) $(SUITE) "$(1)" $(ASAN)/tests/$(2)
unit.valgrind = $(SUITE) "$(1)" $(VG) $(BUILD)/tests/$(2)

$(foreach t,$(UNIT_TESTS),$(call unit_suite,$(t)))
$(call suite, golden,                  plain asan valgrind, tests/golden)
$(call suite, authors mistakes,        plain asan valgrind, tests/authors)
$(call suite, cli,                     plain asan valgrind, tests/cli)
$(call suite, large,                   plain asan,          tests/large)
$(call suite, pathways,                plain asan,          tests/pathways)
$(call suite, library,                 plain,               tests/library)
$(call suite, golden outputs,          plain asan,          tests/golden-outputs)
$(call suite, test command,            plain,               tests/test-command)
$(call suite, diagnostics.md examples, plain,               tests/diagnostics-doc)
$(call suite, hostile text,            plain asan valgrind, tests/hostile-outputs, $(BUILD)/tools/dotcheck)
$(call suite, run command,             plain asan valgrind, tests/run-command)
$(call suite, diff,                    plain asan valgrind, tests/diff/run)
$(call suite, import race,             plain,               tests/safety/import-race, $(BUILD)/tools/swap-after-realpath.so)
$(call suite, input limits,            plain asan,          tests/safety/input-limits)
$(call suite, atomic writes,           plain asan valgrind, tests/atomic/atomic)
$(call suite, escapes,                 plain asan valgrind, tests/escapes/escapes)
$(call suite, full disk,               plain asan valgrind, tests/escapes/full-disk)
$(call suite, hash recipes,            plain,               tests/hash/recipes)
$(call suite, schemas,                 plain,               tests/schemas/schemas)
$(call suite, man page,                plain,               tests/man-page)
$(call suite, sanitizer exit status,   asan,                tests/sanitizer-exit, $(ASAN)/tools/sanitizer-canary)
$(call suite, language server,         plain asan valgrind, tests/lsp/lsp)
$(call suite, language server sweep,   asan valgrind,       tests/lsp/sweep)
$(call suite, layering,                none,                tests/layering)
$(call suite, layout,                  plain,               tests/layout/layout, $(BUILD)/bench/layout_metrics)

# What the runs of each build need built.
NEEDS.plain    := $(BUILD)/pathwayc $(addprefix $(BUILD)/tests/,$(UNIT_TESTS)) \
                  $(BUILD)/tools/dotcheck $(BUILD)/bench/layout_metrics \
                  $(BUILD)/tools/swap-after-realpath.so
NEEDS.valgrind := $(NEEDS.plain)
NEEDS.asan     := $(ASAN)/pathwayc $(addprefix $(ASAN)/tests/,$(UNIT_TESTS)) \
                  $(BUILD)/tools/dotcheck $(ASAN)/tools/sanitizer-canary
NEEDS.none     :=
needs = $(sort $(foreach r,$(1),$(NEEDS.$(firstword $(subst /, ,$(r))))))

PLAIN_RUNS := $(filter plain/% none/%,$(RUNS))
ASAN_RUNS  := $(filter asan/%,$(RUNS))
VG_RUNS    := $(filter valgrind/%,$(RUNS))
UNIT_RUNS  := $(addprefix plain/,$(UNIT_TESTS))
GOLDEN_RUNS := plain/golden plain/authors plain/golden-outputs

# $(call run_suites,RUNS,MAKE-TARGETS): each run of the list, then each
# target, all of them whatever fails, then the summary; fails if any failed.
# A run's failure is counted in RESULTS (tests/suite); a target's, whose
# prerequisites may fail to build too, in the status. Only the line of the
# targets runs under make -n (+, as make's own recursion would).
define run_suites
@rm -f $(RESULTS)
@$(foreach r,$(1),$(RUN.$(r)); \
)true
$(if $(2),+)@status=0; $(foreach t,$(2),$(MAKE) --no-print-directory $(t) || status=1; \
)tests/summary $(RESULTS) || status=1; exit $$status
endef

check: $(call needs,$(PLAIN_RUNS))
	$(call run_suites,$(PLAIN_RUNS))

check-all: build $(call needs,$(RUNS))
	$(call run_suites,$(PLAIN_RUNS) $(ASAN_RUNS) $(VG_RUNS),$(MORE_SUITES))

unit: $(call needs,$(UNIT_RUNS))
	$(call run_suites,$(UNIT_RUNS))

golden: $(call needs,$(GOLDEN_RUNS))
	$(call run_suites,$(GOLDEN_RUNS))

asan: $(call needs,$(ASAN_RUNS))
	$(call run_suites,$(ASAN_RUNS))

valgrind: $(call needs,$(VG_RUNS))
	$(call run_suites,$(VG_RUNS))

# make run-suites SUITES='asan/cli plain/golden': those runs of the list.
SUITES ?=
run-suites: $(call needs,$(SUITES))
	$(if $(filter-out $(RUNS),$(SUITES)),$(error no such run: $(filter-out $(RUNS),$(SUITES)); make list-suites lists them))
	$(if $(SUITES),,$(error say which: make run-suites SUITES='asan/cli plain/golden'; make list-suites lists them))
	$(call run_suites,$(SUITES))

list-suites:
	@$(foreach r,$(RUNS),printf '%-26s %s\n' '$(r)' '$(LABEL.$(r))';) :

# Rewrite the golden expectations from the current compiler, on purpose;
# review every change with git diff before committing it.
golden-update: $(BUILD)/pathwayc
	tests/golden --update $(BUILD)/pathwayc
	tests/authors --update $(BUILD)/pathwayc
	tests/golden-outputs --update $(BUILD)/pathwayc

clean:
	rm -rf $(BUILD) out

include $(wildcard runtime/runtime.mk tests/*/*.mk)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
