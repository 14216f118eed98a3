# Sphere: `make run` sets everything up and opens the dashboard; `make test` runs the tests.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DB ?= sphere.db
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/sphere: pyproject.toml
	@command -v $(PY) >/dev/null || { echo "needs $(PY) (set PY=python3 if that is 3.11)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	@if [ -f package-lock.json ]; then npm ci --silent --no-audit --no-fund; else npm install --silent --no-audit --no-fund; fi
	@touch $@

install: $(BIN)/sphere node_modules/.installed ## create .venv and install Python and front-end packages

demo: install ## ingest the demo corpus into $(DB) and analyse it
	@# examples/corpus/broken.html is refused on purpose (it shows how a bad file is reported), so ingest exits 1
	$(BIN)/sphere ingest examples/corpus --db sqlite:///$(DB) || echo "(expected: broken.html is the demo's bad file; everything else is stored)"
	$(BIN)/sphere summary --db sqlite:///$(DB)

run: demo ## install, ingest the demo corpus, then serve the dashboard on http://$(HOST):$(PORT)
	$(BIN)/sphere serve --db sqlite:///$(DB) --host $(HOST) --port $(PORT)

test: install ## run the test suite (PostgreSQL tests run when SPHERE_TEST_PG is set)
	$(BIN)/python -m pytest -q

lint: install ## ruff on src and tests
	$(BIN)/ruff check src tests

bench: install ## run the benchmarks; results go to bench/results/
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

screenshots: install ## browser tests that save a screenshot of each page to bench/results/screenshots/
	SPHERE_SCREENSHOTS=1 SPHERE_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -q tests/browser

clean: ## remove the virtual environment and the demo database
	rm -rf $(VENV) node_modules $(DB) $(DB)-wal $(DB)-shm

.PHONY: help install demo run test lint bench screenshots clean
