# tests/diff/diff.mk — the tests of `pathwayc diff` (tests/diff/run). They
# are one of the Makefile's suites (plain/run, asan/run, valgrind/run: make
# check runs the plain one, make test all three); this adds the target that
# runs just them.
#
#   make check-diff                          the three runs
#   tests/diff/run build/pathwayc --update   rewrite the golden reports
#                                            (prevent.txt, .md, .json,
#                                            kinds.txt, format2.txt,
#                                            structure.txt, .md, .json);
#                                            review with git diff

.PHONY: check-diff

check-diff: $(call needs,plain/run asan/run valgrind/run)
	$(call run_suites,plain/run asan/run valgrind/run)
