# tests/layout/layout.mk — the diagrams are drawn and nothing in their
# layout overlaps (tests/layout/layout, with bench/layout_metrics.c). One
# of the Makefile's suites (plain/layout: make check runs it); this adds
# the target that runs just it.
#
#   make check-layout
#   tests/layout/layout build/pathwayc build/bench/layout_metrics --update
#                      rewrite the expected counts of tests/layout/metrics/
#                      (*.expected, connectors.unconnected.gv); review
#                      them with git diff

.PHONY: check-layout

check-layout: $(call needs,plain/layout)
	$(call run_suites,plain/layout)
