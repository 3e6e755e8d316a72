# tests/conformance/conformance.mk — the cases of conformance/
# (conformance/README.md) run against libpathway by tests/conformance/run.c
# (plain, under ASan+UBSan and under valgrind); the check that the
# generated files of conformance/ are what conformance/regen (the tables,
# with this compiler) and conformance/make-hand.py write now; the Python
# runtime's tests (runtime/python/tests, every case too); and the two
# runtimes compared on damaged tables and saved walks (differential).
#
#   make check-conformance             the six runs (about 10 s)
#   conformance/regen                  rebuild conformance/tables/ (then commit)
#   python3 conformance/make-hand.py   rewrite hash/, bad/ and their cases

CONF_RUN      := $(BUILD)/conformance/run
CONF_RUN_ASAN := $(BUILD)/conformance-asan/run
CONF_CPPFLAGS := -D_POSIX_C_SOURCE=200809L -Iruntime

$(CONF_RUN): tests/conformance/run.c runtime/pathway.h $(RT_A)
	@mkdir -p $(@D)
	$(CC) $(CONF_CPPFLAGS) $(RT_CFLAGS) $(WARN) $(OPT) -o $@ $< $(RT_A) $(RT_LIBS)

$(CONF_RUN_ASAN): tests/conformance/run.c runtime/pathway.h $(RT_ASAN)/libpathway.a
	@mkdir -p $(@D)
	$(CC) $(CONF_CPPFLAGS) $(RT_CFLAGS) $(WARN) $(OPT) $(SAN) -o $@ $< \
	  $(RT_ASAN)/libpathway.a $(RT_LIBS)

CONF_DIFFER := $(BUILD)/conformance/differ

$(CONF_DIFFER): tests/conformance/differ.c runtime/pathway.h $(RT_A)
	@mkdir -p $(@D)
	$(CC) $(CONF_CPPFLAGS) $(RT_CFLAGS) $(WARN) $(OPT) -o $@ $< $(RT_A) $(RT_LIBS)

.PHONY: check-conformance

check-conformance: $(CONF_RUN) $(CONF_RUN_ASAN) $(CONF_DIFFER) $(BUILD)/pathwayc
	@status=0; \
	$(SUITE) "conformance libpathway" $(CONF_RUN) conformance || status=1; \
	$(ASAN_ENV) $(SUITE) "asan conformance libpathway" $(CONF_RUN_ASAN) conformance \
	  || status=1; \
	$(SUITE) "valgrind conformance libpathway" $(VG) $(CONF_RUN) conformance || status=1; \
	$(SUITE) "conformance generated files up to date" tests/conformance/up-to-date \
	  $(BUILD)/pathwayc $(CONF_RUN) || status=1; \
	$(SUITE) "conformance python runtime" tests/conformance/python || status=1; \
	$(SUITE) "conformance libpathway and python differential" \
	  tests/conformance/differential $(CONF_DIFFER) 1 600 || status=1; \
	exit $$status

MORE_SUITES += check-conformance
