# tests/js/js.mk — the JavaScript runtime (runtime/js/, docs/runtime.md
# "JavaScript runtime"), tested under node --test by tests/js/run: every
# table of pathways/ and tests/runtime/ loaded, every malformed table of
# tests/runtime/bad refused with libpathway's message, random walks typed
# into `pathwayc run` (libpathway) saving the same text, malformed saves
# refused as libpathway refuses them, and every case of conformance/.
#
#   make check-js          the suite (needs node: scripts/setup)

.PHONY: check-js

check-js: $(BUILD)/pathwayc
	@$(SUITE) "js runtime" tests/js/run $(BUILD)/pathwayc

MORE_SUITES += check-js
