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
# their corpora in tests/fuzz/corpus/ (check-fuzz-more); `make fuzz` runs
# every harness for FUZZ_SECONDS, growing a copy of its corpus.

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
# The harnesses with a corpus of their own (tests/fuzz/corpus/NAME), and
# how many runs make test gives each after its corpus.
MORE_FUZZ := html dot diff walk run
MORE_FUZZ_RUNS := 300

MORE_SUITES += check-fuzz-front check-fuzz-more
.PHONY: check-fuzz-front check-fuzz-more

check-fuzz-front: $(FRONT_FUZZ) $(FMT_FUZZ)
	@status=0; \
	$(ASAN_ENV) $(SUITE) "front end fuzz (5000 runs)" tests/fuzz/run $(FRONT_FUZZ) 5000 \
	  $(BUILD)/fuzz/front-work $(FRONT_SEEDS) || status=1; \
	$(ASAN_ENV) $(SUITE) "fmt fuzz (3000 runs)" tests/fuzz/run $(FMT_FUZZ) 3000 \
	  $(BUILD)/fuzz/fmt-work $(FRONT_SEEDS) || status=1; \
	exit $$status

check-fuzz-more: $(addprefix $(BUILD)/fuzz/fuzz_,$(MORE_FUZZ))
	@status=0; \
	for h in $(MORE_FUZZ); do \
	  $(ASAN_ENV) $(SUITE) "$$h fuzz (corpus, then $(MORE_FUZZ_RUNS) runs)" tests/fuzz/run \
	    $(BUILD)/fuzz/fuzz_$$h $(MORE_FUZZ_RUNS) $(BUILD)/fuzz/$$h-work \
	    tests/fuzz/corpus/$$h || status=1; \
	done; \
	exit $$status

# make fuzz [FUZZ_SECONDS=N]: each harness for N seconds (default 60), not
# part of make test, from a copy of its seeds in build/fuzz/long-NAME/corpus,
# which it grows. Findings stay in build/fuzz/long-NAME/ (crash-*, leak-*).
# Growing a kept corpus (docs/fuzzing.md): merge what a run found into it,
#   build/fuzz/fuzz_NAME -merge=1 tests/fuzz/corpus/NAME build/fuzz/long-NAME/corpus
FUZZ_SECONDS ?= 60
FUZZ_ALL := front fmt table $(MORE_FUZZ)
.PHONY: fuzz
fuzz: $(addprefix $(BUILD)/fuzz/fuzz_,$(FUZZ_ALL))
	@for h in $(FUZZ_ALL); do \
	  w=$(BUILD)/fuzz/long-$$h; mkdir -p $$w/corpus; \
	  case $$h in front|fmt) seeds="$(FRONT_SEEDS)";; *) seeds=tests/fuzz/corpus/$$h;; esac; \
	  echo "fuzz_$$h: $(FUZZ_SECONDS) s"; \
	  $(ASAN_ENV) $(BUILD)/fuzz/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) -timeout=20 \
	    -rss_limit_mb=2048 -artifact_prefix=$$w/ $$w/corpus $$seeds >$$w/log 2>&1; \
	  s=$$?; tail -n 3 $$w/log; [ $$s -eq 0 ] || { echo "found something: $$w"; exit 1; }; \
	done
