# tests/fuzz/fuzz.mk — libFuzzer harnesses of the compiler and of
# libpathway's walks (docs/fuzzing.md says what each checks):
#   fuzz_front  any bytes through reading, parsing, resolving, checking,
#               scenarios, the table and diagnostics
#   fuzz_fmt    formatting is idempotent and gives the same tables
#   fuzz_html   the checklist page: nothing from the pathway but escaped text
#   fuzz_dot    the DOT diagram reads back with cgraph, ids and labels intact
#   fuzz_diff   two pathways (the input split at its first NUL byte) diffed,
#               in text, Markdown and JSON
#   fuzz_walk   saved walks restored against fixed tables, saved again
#   fuzz_run    walks driven by the input's bytes through libpathway's API
# (the table loader's harness, fuzz_table, is in runtime/runtime.mk).
# `make test` runs front and fmt for a fixed number of runs from every
# .pathway in the repository (check-fuzz-front), and the five others from
# their inputs, kept corpora in tests/fuzz/corpus/ and seeds from the tree
# (check-fuzz-more); `make fuzz` runs every harness for FUZZ_SECONDS,
# growing a copy of its inputs; `make fuzz-grow FUZZ=NAME` grows a kept
# corpus.

# The compiler and libpathway built once for every harness, instrumented
# for libFuzzer (fuzzer-no-link: the harness's link adds libFuzzer's main).
FUZZ_OBJ    := $(BUILD)/fuzz/obj
FUZZ_CFLAGS := -D_POSIX_C_SOURCE=200809L -Icompiler -I$(GEN) -Iruntime -g -O1 \
               -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SRC    := $(LIB_SRC) $(GEN_SRC) $(RT_SRC)
FUZZ_OBJS   := $(patsubst %.c,$(FUZZ_OBJ)/%.o,$(FUZZ_SRC))

$(FUZZ_OBJ)/%.o: %.c $(GEN)/front/parser.h $(GEN)/front/lexer.h
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP $(PKG_CFLAGS) -c $< -o $@

# $(call fuzz_harness,NAME,EXTRA-SOURCES): build/fuzz/fuzz_NAME from
# tests/fuzz/fuzz_NAME.c, the extra sources and the objects above.
# FUZZ_REPO is where support.c copies the shared pathways from.
define fuzz_harness
$(BUILD)/fuzz/fuzz_$(1): tests/fuzz/fuzz_$(1).c $(2) $(FUZZ_OBJS) \
                         $(wildcard compiler/*/*.h runtime/*.h tests/fuzz/*.h)
	@mkdir -p $$(@D)
	clang $(FUZZ_CFLAGS) $(WARN) -fsanitize=fuzzer -DFUZZ_REPO='"$(CURDIR)"' $$(PKG_CFLAGS) \
	  -o $$@ tests/fuzz/fuzz_$(1).c $(2) $(FUZZ_OBJS) $$(PKG_LIBS)
endef

FUZZ_SUPPORT := tests/fuzz/support.c
$(eval $(call fuzz_harness,front,))
$(eval $(call fuzz_harness,fmt,))
$(foreach h,html dot diff walk run,$(eval $(call fuzz_harness,$(h),$(FUZZ_SUPPORT))))

FRONT_FUZZ := $(BUILD)/fuzz/fuzz_front
FMT_FUZZ   := $(BUILD)/fuzz/fuzz_fmt
FRONT_SEEDS := pathways pathways/common tests/errors tests/warnings tests/outputs \
               tests/hostile

# Each harness's inputs: its kept corpus (tests/fuzz/corpus/NAME, grown by
# make fuzz-grow), and seeds kept elsewhere in the tree. The checklist's
# and the diagram's seeds are the tree's pathways; the diff's, the pairs of
# tests/diff (OLD, a NUL byte, NEW) and tests/hostile's pathway against
# itself with two of its texts changed, or a title given an escape
# character and a line break, made in build/fuzz/diff-seeds.
PATHWAY_SEEDS := pathways tests/outputs tests/diff tests/runtime tests/hostile \
                 tests/warnings
DIFF_SEEDS    := $(BUILD)/fuzz/diff-seeds
SEEDS.front := $(FRONT_SEEDS)
SEEDS.fmt   := $(FRONT_SEEDS)
SEEDS.table := tests/fuzz/corpus/table
SEEDS.html  := tests/fuzz/corpus/html $(PATHWAY_SEEDS)
SEEDS.dot   := tests/fuzz/corpus/dot $(PATHWAY_SEEDS)
SEEDS.diff  := tests/fuzz/corpus/diff $(DIFF_SEEDS)
SEEDS.walk  := tests/fuzz/corpus/walk
SEEDS.run   := tests/fuzz/corpus/run

$(DIFF_SEEDS).stamp: $(wildcard tests/diff/*.pathway) tests/hostile/hostile.pathway
	@rm -rf $(DIFF_SEEDS) && mkdir -p $(DIFF_SEEDS)
	@for old in tests/diff/*-old.pathway; do \
	  new=$${old%-old.pathway}-new.pathway; \
	  { cat $$old; printf '\000'; cat $$new; } \
	    >$(DIFF_SEEDS)/$$(basename $${old%-old.pathway}); \
	done
	@{ cat tests/hostile/hostile.pathway; printf '\000'; \
	  sed 's/Police/Polis/; s/alert(1)/alert(2)/' tests/hostile/hostile.pathway; } \
	  >$(DIFF_SEEDS)/hostile
	@{ cat tests/hostile/hostile.pathway; printf '\000'; \
	  sed 's/Police/Pol\\u{001B}[31mis\\nnew line/' tests/hostile/hostile.pathway; } \
	  >$(DIFF_SEEDS)/hostile-escapes
	@touch $@

# The harnesses run under ASAN_ENV (the Makefile), but with ASan's fast
# unwinder on malloc: the slow one, which tests/lsan.supp needs to name
# Graphviz's leaks when a diagram is laid out, makes a walk's mallocs 30
# times slower (fuzz_run: 4 s for 3,000 runs, not 134 s; fuzz_front's
# 5,000 runs: 13 s, not 32 s), and no harness lays a diagram out
# (cgraph alone leaks nothing).
FUZZ_ENV = $(subst fast_unwind_on_malloc=0,fast_unwind_on_malloc=1,$(ASAN_ENV))

# The harnesses with a kept corpus of their own, and how many runs make
# test gives each after its inputs.
MORE_FUZZ := html dot diff walk run
MORE_FUZZ_RUNS := 300

MORE_SUITES += check-fuzz-front check-fuzz-more
.PHONY: check-fuzz-front check-fuzz-more fuzz fuzz-grow

check-fuzz-front: $(FRONT_FUZZ) $(FMT_FUZZ)
	@status=0; \
	$(FUZZ_ENV) $(SUITE) "front end fuzz (5000 runs)" tests/fuzz/run $(FRONT_FUZZ) 5000 \
	  $(BUILD)/fuzz/front-work $(FRONT_SEEDS) || status=1; \
	$(FUZZ_ENV) $(SUITE) "fmt fuzz (3000 runs)" tests/fuzz/run $(FMT_FUZZ) 3000 \
	  $(BUILD)/fuzz/fmt-work $(FRONT_SEEDS) || status=1; \
	exit $$status

check-fuzz-more: $(addprefix $(BUILD)/fuzz/fuzz_,$(MORE_FUZZ)) $(DIFF_SEEDS).stamp
	@status=0; \
	$(foreach h,$(MORE_FUZZ),$(FUZZ_ENV) $(SUITE) "$(h) fuzz (its inputs, then \
	  $(MORE_FUZZ_RUNS) runs)" tests/fuzz/run $(BUILD)/fuzz/fuzz_$(h) +$(MORE_FUZZ_RUNS) \
	  $(BUILD)/fuzz/$(h)-work $(SEEDS.$(h)) || status=1;) \
	exit $$status

# make fuzz [FUZZ_SECONDS=N]: each harness for N seconds (default 60), not
# part of make test, from a copy of its inputs in build/fuzz/long-NAME/corpus,
# which it grows. Findings stay in build/fuzz/long-NAME/ (crash-*, leak-*).
FUZZ_SECONDS ?= 60
FUZZ_ALL := front fmt table $(MORE_FUZZ)
fuzz: $(addprefix $(BUILD)/fuzz/fuzz_,$(FUZZ_ALL)) $(DIFF_SEEDS).stamp
	@$(foreach h,$(FUZZ_ALL),w=$(BUILD)/fuzz/long-$(h); mkdir -p $$w/corpus; \
	  echo "fuzz_$(h): $(FUZZ_SECONDS) s"; \
	  $(FUZZ_ENV) $(BUILD)/fuzz/fuzz_$(h) -max_total_time=$(FUZZ_SECONDS) -timeout=20 \
	    -rss_limit_mb=2048 -artifact_prefix=$$w/ $$w/corpus $(SEEDS.$(h)) >$$w/log 2>&1; \
	  s=$$?; grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs)' $$w/log; \
	  [ $$s -eq 0 ] || { tail -n 30 $$w/log; echo "found something: $$w"; exit 1; };) :

# make fuzz-grow FUZZ=NAME [FUZZ_SECONDS=N] [FUZZ_KEEP_BYTES=B]: grows the
# kept corpus of harness NAME (tests/fuzz/grow): fuzzes for N seconds, then
# makes tests/fuzz/corpus/NAME the smallest set of its old inputs and the
# new ones of at most B bytes (4096; 2048 for diff) that reaches all they
# reach beyond the seeds.
# A pair of pathways is larger than one: the diff's found inputs are kept
# to 2 KiB, so that its corpus stays as small as the others.
FUZZ ?=
FUZZ_KEEP_BYTES ?= $(if $(filter diff,$(FUZZ)),2048,4096)
ifneq ($(filter fuzz-grow,$(MAKECMDGOALS)),)
ifeq ($(filter $(FUZZ),$(MORE_FUZZ) table),)
$(error say which corpus: make fuzz-grow FUZZ=NAME, NAME one of $(MORE_FUZZ) table)
endif
endif
fuzz-grow: $(BUILD)/fuzz/fuzz_$(FUZZ) $(DIFF_SEEDS).stamp
	@$(FUZZ_ENV) tests/fuzz/grow $(BUILD)/fuzz/fuzz_$(FUZZ) $(FUZZ_SECONDS) \
	  $(FUZZ_KEEP_BYTES) tests/fuzz/corpus/$(FUZZ) $(filter-out tests/fuzz/corpus/$(FUZZ),$(SEEDS.$(FUZZ)))
