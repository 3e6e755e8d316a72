# tests/fuzz/fuzz.mk — libFuzzer harnesses of the compiler: the front end
# (fuzz_front.c: any bytes through reading, parsing, resolving, checking,
# scenarios, the table and diagnostics) and fmt (fuzz_fmt.c: formatting is
# idempotent and gives the same tables). `make test` runs each for a fixed
# number of runs from the seed corpus of every .pathway in the repository
# (the table loader's harness is in runtime/runtime.mk).

FRONT_FUZZ := $(BUILD)/fuzz/fuzz_front
FRONT_SEEDS := pathways pathways/common tests/errors tests/warnings tests/outputs \
               tests/hostile

$(FRONT_FUZZ): tests/fuzz/fuzz_front.c $(LIB_SRC) $(GEN_SRC) $(RT_SRC) \
               $(wildcard compiler/*/*.h runtime/*.h)
	@mkdir -p $(@D)
	clang -D_POSIX_C_SOURCE=200809L -Icompiler -I$(GEN) -Iruntime -g -O1 \
	  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(PKG_CFLAGS) \
	  -o $@ tests/fuzz/fuzz_front.c $(LIB_SRC) $(GEN_SRC) $(RT_SRC) $(PKG_LIBS)

FMT_FUZZ := $(BUILD)/fuzz/fuzz_fmt
$(FMT_FUZZ): tests/fuzz/fuzz_fmt.c $(LIB_SRC) $(GEN_SRC) $(RT_SRC) \
             $(wildcard compiler/*/*.h runtime/*.h)
	@mkdir -p $(@D)
	clang -D_POSIX_C_SOURCE=200809L -Icompiler -I$(GEN) -Iruntime -g -O1 \
	  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(PKG_CFLAGS) \
	  -o $@ tests/fuzz/fuzz_fmt.c $(LIB_SRC) $(GEN_SRC) $(RT_SRC) $(PKG_LIBS)

MORE_SUITES += check-fuzz-front
.PHONY: check-fuzz-front

check-fuzz-front: $(FRONT_FUZZ) $(FMT_FUZZ)
	@status=0; \
	$(ASAN_ENV) $(SUITE) "front end fuzz (5000 runs)" tests/fuzz/run $(FRONT_FUZZ) 5000 \
	  $(BUILD)/fuzz/front-work $(FRONT_SEEDS) || status=1; \
	$(ASAN_ENV) $(SUITE) "fmt fuzz (3000 runs)" tests/fuzz/run $(FMT_FUZZ) 3000 \
	  $(BUILD)/fuzz/fmt-work $(FRONT_SEEDS) || status=1; \
	exit $$status

# make fuzz [FUZZ_SECONDS=N]: each harness for N seconds (default 60), not
# part of make test. Findings stay in build/fuzz/long-*/ (crash-*, leak-*).
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz: $(FRONT_FUZZ) $(FMT_FUZZ) $(BUILD)/fuzz/fuzz_table
	@for h in front fmt table; do \
	  w=$(BUILD)/fuzz/long-$$h; mkdir -p $$w/corpus; \
	  if [ $$h = table ]; then seeds=tests/fuzz/corpus/table; else seeds="$(FRONT_SEEDS)"; fi; \
	  echo "fuzz_$$h: $(FUZZ_SECONDS) s"; \
	  $(ASAN_ENV) $(BUILD)/fuzz/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) -timeout=20 \
	    -rss_limit_mb=2048 -artifact_prefix=$$w/ $$w/corpus $$seeds >$$w/log 2>&1; \
	  s=$$?; tail -n 3 $$w/log; [ $$s -eq 0 ] || { echo "found something: $$w"; exit 1; }; \
	done
