# tests/diff/diff.mk — the tests of `pathwayc diff` (tests/diff/run),
# included by the top-level Makefile; `make test` runs them after its own
# suites: with the plain build, with ASan+UBSan, and under valgrind.
#
#   make check-diff                          the three runs
#   tests/diff/run build/pathwayc --update   rewrite the golden reports
#                                            (prevent.txt, .md, .json,
#                                            kinds.txt, format2.txt,
#                                            structure.txt, .md, .json);
#                                            review with git diff

MORE_SUITES += check-diff

.PHONY: check-diff

check-diff: $(BUILD)/pathwayc $(ASAN)/pathwayc
	@status=0; \
	$(SUITE) "diff" tests/diff/run $(BUILD)/pathwayc || status=1; \
	$(ASAN_ENV) $(SUITE) "asan diff" tests/diff/run $(ASAN)/pathwayc || status=1; \
	PATHWAYC_WRAP="$(VG)" $(SUITE) "valgrind diff" tests/diff/run $(BUILD)/pathwayc \
	  || status=1; \
	exit $$status
