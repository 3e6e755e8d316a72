# tests/browser/browser.mk — the browser tests of the HTML checklist, included
# by the top-level Makefile; `make test` runs them after its own suites.
#
#   make check-browser   build every pathway in pathways/ with --emit html,svg,json
#                        into build/browser/out, and tests/outputs/language2.pathway
#                        (every form of Language 2's first slice) into
#                        build/browser/out/language2, and
#                        tests/outputs/language2-structure.pathway (together,
#                        nested criteria, an emergency outcome that goes on)
#                        into build/browser/out/structure, and `bench/gen
#                        chart 60` (each stage's "no" to one shared
#                        outcome: connectors) into build/browser/out/chart,
#                        then open the pages in headless Chromium: what they do
#                        (tests/browser/checklist.test.mjs), how they are
#                        laid out (tests/browser/layout.test.mjs), and the
#                        inline diagram of every page of pathways/ on a
#                        phone (tests/browser/diagram.test.mjs)
#
# scripts/setup installs Chromium and npm-installs playwright-core and
# axe-core (tests/browser/package-lock.json) into build/browser/node_modules.
# Screenshots and a PDF of the print view go to build/browser/screenshots/.

BROWSER     := $(BUILD)/browser
BROWSER_OUT := $(BROWSER)/out

MORE_SUITES += check-browser

.PHONY: check-browser

check-browser: $(BUILD)/pathwayc
	@scripts/setup
	@rm -rf $(BROWSER_OUT)
	@mkdir -p $(BROWSER_OUT)
	@$(BUILD)/pathwayc build --today 2025-06-01 --color=never -o $(BROWSER_OUT) \
	    --emit html,svg,json pathways/*.pathway || \
	  echo "check-browser: pathwayc build --emit html,svg failed; the tests below fail for want of pages"
	@$(BUILD)/pathwayc build --today 2025-06-01 --color=never -o $(BROWSER_OUT)/language2 \
	    --emit html,svg tests/outputs/language2.pathway 2>/dev/null || \
	  echo "check-browser: pathwayc build of tests/outputs/language2.pathway failed; its tests fail for want of pages"
	@$(BUILD)/pathwayc build --today 2025-06-01 --color=never -o $(BROWSER_OUT)/structure \
	    --emit html,svg tests/outputs/language2-structure.pathway 2>/dev/null || \
	  echo "check-browser: pathwayc build of tests/outputs/language2-structure.pathway failed; its tests fail for want of pages"
	@$(BUILD)/pathwayc build --today 2025-06-01 --color=never -o $(BROWSER_OUT)/ids \
	    --emit html tests/outputs/hyphen-ids.pathway 2>/dev/null || \
	  echo "check-browser: pathwayc build of tests/outputs/hyphen-ids.pathway failed; its tests fail for want of pages"
	@bench/gen chart 60 >$(BROWSER)/chart.pathway && \
	  $(BUILD)/pathwayc build --today 2025-06-01 --color=never -o $(BROWSER_OUT)/chart \
	    --emit html,svg $(BROWSER)/chart.pathway 2>/dev/null || \
	  echo "check-browser: pathwayc build of bench/gen chart 60 failed; its connectors are not tested"
	@st=0; \
	PATHWAYC=$(BUILD)/pathwayc $(SUITE) "browser" node tests/browser/checklist.test.mjs \
	    $(BROWSER_OUT) $(BROWSER) || st=1; \
	$(SUITE) "browser layout" node tests/browser/layout.test.mjs $(BROWSER_OUT) $(BROWSER) || st=1; \
	$(SUITE) "browser diagram" node tests/browser/diagram.test.mjs $(BROWSER_OUT) $(BROWSER) || st=1; \
	exit $$st
