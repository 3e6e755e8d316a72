# tests/safety/safety.mk — hostile input (tests/safety/run), included by the
# top-level Makefile; `make test` runs it after its own suites: with the
# plain build (everything: strace over every .pathway of the tree, the
# largest inputs, peak memory), with ASan+UBSan (the same, but the tree
# traced a directory at a time, not also file by file), and under
# valgrind (as PATHWAYC_WRAP: imports, outputs, fmt -w, depfiles and the
# limits that do not need the largest inputs).
#
#   make check-safety    the three runs

MORE_SUITES += check-safety

.PHONY: check-safety

check-safety: $(BUILD)/pathwayc $(ASAN)/pathwayc
	@status=0; \
	$(SUITE) "safety" tests/safety/run $(BUILD)/pathwayc || status=1; \
	SAFETY_EACH=0 $(ASAN_ENV) $(SUITE) "asan safety" tests/safety/run \
	  $(ASAN)/pathwayc || status=1; \
	PATHWAYC_WRAP="$(VG)" $(SUITE) "valgrind safety" tests/safety/run \
	  $(BUILD)/pathwayc || status=1; \
	exit $$status
