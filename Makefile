# Every target sets up its own virtual environment in .venv: nothing to install by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NATIVE := build/native/STAMP
READY := $(STAMP) $(NATIVE)
DB := db/quotes.db
HOST ?= 127.0.0.1
PORT ?= 8001
SERVE := $(BIN)/datasette serve --metadata metadata.yml --plugins-dir plugins --template-dir templates \
	--host $(HOST) --port $(PORT) --setting sql_time_limit_ms 3000
POLNEAR ?= ../shared/eval/polnear
DEMO_DB := db/demo/quotes.db

.PHONY: setup db serve demo demo-shards serve-demo test test-fast golden lint format clean eval eval-html bench reliability

setup: $(READY)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,native]"
	touch $(STAMP)

# The extractor compiled with mypyc (ingest/native.py), rebuilt when the package's source changes;
# the script keeps an up-to-date build, and never fails: without a C compiler the source runs as is.
$(NATIVE): $(STAMP) $(wildcard ingest/*.py ingest/webpage/*.py ingest/rules/*.py ingest/rules/lexicon/*.txt) scripts/build_native.py
	$(BIN)/python scripts/build_native.py

## Build db/quotes.db from seeds/ (re-extracts what changed, keeps the rest).
db: $(READY)
	mkdir -p db
	$(BIN)/python -m ingest $(DB) seeds/

# Serve a finished database read-only: Datasette's immutable mode (no per-request change checks)
# with table counts precomputed by `datasette inspect`. The build step ends before serving starts,
# so nothing writes meanwhile; disable-wal folds the write-ahead log into the file first.
define serve_immutable
	$(BIN)/sqlite-utils disable-wal $(1)
	$(BIN)/datasette inspect $(1) --inspect-file $(dir $(1))inspect-data.json
	$(SERVE) -i $(1) --inspect-file $(dir $(1))inspect-data.json
endef

# A folder of shards (ingest/shards.py) is served as one database through its corpus database
# quotes.db, which lists the shards (plugins/shards.py); each shard is served immutable too.
define serve_shards
	for shard in $(1)/shards/*.db; do $(BIN)/sqlite-utils disable-wal $$shard; done
	$(call serve_immutable,$(1)/quotes.db)
endef

## Build, then serve Datasette on http://$(HOST):$(PORT)/ ; DB=folder/ serves a folder of shards as one.
ifneq ($(wildcard $(DB)/quotes.db),)
serve: $(READY)
	$(call serve_shards,$(patsubst %/,%,$(DB)))
else
serve: db
	$(call serve_immutable,$(DB))
endif

## Demo database $(DEMO_DB): the PolNeAR corpus (924 US election articles from 7 outlets, with
## publisher, date, author and title) converted to JSON Lines and ingested like any export. When
## $(POLNEAR) does not hold it, it is fetched once from its public repository into db/demo/PolNeAR
## (POLNEAR_REPO; its data/ folder holds train, dev, test and metadata.tsv).
POLNEAR_REPO ?= https://github.com/networkdynamics/PolNeAR
POLNEAR_FETCHED := db/demo/PolNeAR
demo: $(READY)
	@corpus=$(POLNEAR); if ! test -f $$corpus/metadata.tsv; then \
	  corpus=$(POLNEAR_FETCHED)/data; \
	  if ! test -f $$corpus/metadata.tsv; then \
	    echo "PolNeAR not found in $(POLNEAR): fetching $(POLNEAR_REPO) into $(POLNEAR_FETCHED)"; \
	    rm -rf $(POLNEAR_FETCHED) && mkdir -p db/demo && git clone --depth 1 $(POLNEAR_REPO) $(POLNEAR_FETCHED) \
	      || { echo "could not fetch PolNeAR; set POLNEAR=path to a copy" >&2; exit 1; }; \
	  fi; \
	fi; \
	$(BIN)/python scripts/polnear_to_jsonl.py $$corpus db/demo/polnear.jsonl
	$(BIN)/python -m ingest $(DEMO_DB) db/demo/polnear.jsonl

## The demo as a folder of shards, one per outlet (docs/scale.md): extracted to Parquet, then loaded
## into db/demo/shards/ by 2 writers; serve it with `make serve DB=db/demo/shards/`.
demo-shards: demo
	rm -rf db/demo/parquet db/demo/shards
	$(BIN)/python -m ingest extract db/demo/polnear.jsonl -o db/demo/parquet --format parquet
	$(BIN)/python -m ingest load db/demo/shards db/demo/parquet --shard-by outlet --writers 2

## Build the demo, then serve it on http://$(HOST):$(PORT)/
serve-demo: demo
	$(call serve_immutable,$(DEMO_DB))

## Run the whole test suite.
test: $(READY)
	$(BIN)/python -m pytest -q

## The inner loop: every test but the slow ones (faults, serving while writing, builds, browser).
test-fast: $(READY)
	$(BIN)/python -m pytest -q -m "not slow"

## Rewrite the golden output (tests/golden/) after a change to extraction that is meant; commit it
## with the change, saying what moved and why (tests/test_golden.py).
golden: $(READY)
	$(BIN)/python -m tests.test_golden

lint: $(STAMP)
	$(BIN)/ruff check ingest tests plugins benchmarks scripts
	$(BIN)/ruff format --check ingest tests plugins benchmarks scripts

format: $(STAMP)
	$(BIN)/ruff format ingest tests plugins benchmarks scripts
	$(BIN)/ruff check --fix ingest tests plugins benchmarks scripts

clean:
	rm -rf db/*.db db/*.db-wal db/*.db-shm db/inspect-data.json db/demo

## Score the extractor on PolNeAR (SPLIT=dev|train|PATH, default dev; POLNEAR=root) and on the seed,
## and our reading of the saved web pages in ../shared/eval/html (as make eval-html).
SPLIT ?= dev
eval: $(READY)
	POLNEAR_DIR=$(POLNEAR) $(BIN)/python -m evaluation --split $(SPLIT) $(EVAL_ARGS)
	$(BIN)/python -m evaluation.webpages

## Score our reading of the saved web pages in ../shared/eval/html against trafilatura alone
## (evaluation/webpages.py; about a minute). EVAL_HTML_ARGS="--differences 20" lists snippets we differ on.
eval-html: $(READY)
	$(BIN)/python -m evaluation.webpages $(EVAL_HTML_ARGS)

## Benchmark: extraction and ingest throughput, peak RSS, DB size, search latency at 10k/100k/1M
## quotes, each against a baseline measured in the same run (benchmarks/bench.py; tens of minutes).
## BENCH_ARGS=--quick for small sizes (a minute or two); BENCH_ARGS="--out benchmarks/RESULTS.md".
bench: $(READY)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

## Fault scenarios against the real CLI and Datasette (bad input, a 50 MB line, re-runs, kill -9,
## readers during an ingest, hostile search input); prints what was tried and what survived.
## RELIABILITY_ARGS="--articles 1000 --kills 5 --big-mb 50". About a minute.
reliability: $(READY)
	$(BIN)/python -m scripts.reliability $(RELIABILITY_ARGS)
