# tests/fmt/fmt.mk — the tests of `pathwayc fmt` (tests/fmt/run), included
# by the top-level Makefile; `make test` runs them after its own suites:
# with the plain build (every check, the tables of every file built before
# and after formatting included), then with ASan+UBSan and under valgrind
# (FMT_QUICK: everything but those builds, which compare outputs, not
# memory).
#
#   make check-fmt        the three runs
#   make fmt-update       rewrite tests/fmt/cases/*.formatted from the
#                         current compiler; review with git diff

MORE_SUITES += check-fmt

.PHONY: check-fmt fmt-update

check-fmt: $(BUILD)/pathwayc $(ASAN)/pathwayc
	@status=0; \
	$(SUITE) "fmt" tests/fmt/run $(BUILD)/pathwayc || status=1; \
	FMT_QUICK=1 $(ASAN_ENV) $(SUITE) "asan fmt" tests/fmt/run $(ASAN)/pathwayc \
	  || status=1; \
	FMT_QUICK=1 PATHWAYC_WRAP="$(VG)" $(SUITE) "valgrind fmt" tests/fmt/run \
	  $(BUILD)/pathwayc || status=1; \
	exit $$status

fmt-update: $(BUILD)/pathwayc
	@for f in tests/fmt/cases/*.pathway; do \
	  $(BUILD)/pathwayc fmt "$$f" >"$${f%.pathway}.formatted" || exit 1; done
