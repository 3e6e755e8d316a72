# tests/serve/serve.mk — the tests of `pathwayc serve`, included by the
# top-level Makefile; `make test` runs them after its own suites.
#
#   make check-serve   tests/serve/serve.test.mjs: the server on a copy of
#                      pathways/cse.pathway in headless Chromium (the pages,
#                      the preview, an edit shown within 2 s, the banner of
#                      errors, what it refuses, 127.0.0.1 only, Ctrl-C);
#                      then tests/serve/cycle (no browser: start, requests,
#                      edit, error, correction, SIGINT) with the plain build,
#                      the ASan+UBSan build and under valgrind, each of which
#                      fails on a leak or memory error by its exit status
#
# scripts/setup installs Chromium and playwright-core (tests/browser's
# package-lock.json) into build/browser/node_modules. Screenshots of the
# preview at 1280 and 390 px go to build/serve/screenshots/.

SERVE_WORK := $(BUILD)/serve

MORE_SUITES += check-serve

.PHONY: check-serve

check-serve: $(BUILD)/pathwayc $(ASAN)/pathwayc
	@scripts/setup
	@rm -rf $(SERVE_WORK)
	@mkdir -p $(SERVE_WORK)
	@st=0; \
	$(SUITE) "serve" node tests/serve/serve.test.mjs $(BUILD)/pathwayc $(SERVE_WORK) || st=1; \
	$(SUITE) "serve cycle" tests/serve/cycle $(BUILD)/pathwayc || st=1; \
	$(ASAN_ENV) $(SUITE) "asan serve cycle" tests/serve/cycle $(ASAN)/pathwayc || st=1; \
	PATHWAYC_WRAP="$(VG)" $(SUITE) "valgrind serve cycle" tests/serve/cycle $(BUILD)/pathwayc || st=1; \
	exit $$st
