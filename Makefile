# Every target sets up its own virtual environment in .venv: nothing to install by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB := db/quotes.db
HOST ?= 127.0.0.1
PORT ?= 8001

.PHONY: setup db serve test lint format clean eval

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $(STAMP)

## Build db/quotes.db from seeds/ (re-extracts what changed, keeps the rest).
db: $(STAMP)
	mkdir -p db
	$(BIN)/python -m ingest $(DB) seeds/

## Build, then serve Datasette on http://$(HOST):$(PORT)/
serve: db
	$(BIN)/datasette serve $(DB) --metadata metadata.yml --plugins-dir plugins --template-dir templates \
		--host $(HOST) --port $(PORT) --setting sql_time_limit_ms 3000

## Run the whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check ingest tests
	$(BIN)/ruff format --check ingest tests

format: $(STAMP)
	$(BIN)/ruff format ingest tests
	$(BIN)/ruff check --fix ingest tests

clean:
	rm -rf db/*.db db/*.db-wal db/*.db-shm

## Score the extractor on PolNeAR (SPLIT=dev|train|PATH, default dev; POLNEAR=root) and on the seed.
SPLIT ?= dev
POLNEAR ?= ../shared/eval/polnear
eval: $(STAMP)
	POLNEAR_DIR=$(POLNEAR) $(BIN)/python -m evaluation --split $(SPLIT) $(EVAL_ARGS)
