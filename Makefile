# ailedger — every target sets up what it needs on a fresh machine (Python 3.11+ and root for apt).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db
DEMO_BRIEF ?= demo-brief.md
APT_PACKAGES := postgresql chromium fonts-noto-cjk

.PHONY: help setup system demo test lint typecheck unit bench clean

help: ## List every target
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP) ## Create .venv and install ailedger with its pinned dependencies

system: ## Install the Debian packages the tests need (PostgreSQL, Chromium, a Korean font) when missing
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	if [ -z "$$missing" ]; then \
	  echo "system: $(APT_PACKAGES) present"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
	  echo "system: run as root (or sudo apt-get install$$missing) for the PostgreSQL and browser tests"; \
	fi

demo: export COLUMNS ?= 120
demo: setup ## Ingest the sample corpus; show documents, facts, league table, conflicts; write a briefing; score extraction
	rm -f $(DEMO_DB)
	-$(BIN)/ailedger --db $(DEMO_DB) ingest examples/corpus
	$(BIN)/ailedger --db $(DEMO_DB) docs --limit 100
	$(BIN)/ailedger --db $(DEMO_DB) stats
	$(BIN)/ailedger --db $(DEMO_DB) facts --type money --limit 20
	$(BIN)/ailedger --db $(DEMO_DB) ledger
	$(BIN)/ailedger --db $(DEMO_DB) top --year 2025 --limit 10
	$(BIN)/ailedger --db $(DEMO_DB) conflicts
	$(BIN)/ailedger --db $(DEMO_DB) brief -o $(DEMO_BRIEF)
	$(BIN)/ailedger extract examples/corpus 2>/dev/null | $(BIN)/ailedger eval tests/gold/corpus.gold.jsonl - --split held_out
	$(BIN)/ailedger parse --date 2025-01-25 "메타는 올해 최대 650억달러(약 95조원)를 투자하고 GPU 130만 개 이상을 확보한다"
	@echo "dashboard on this database: $(BIN)/ailedger --db $(DEMO_DB) serve  (then open http://127.0.0.1:8000)"

lint: setup ## ruff (lint + format check) and mypy --strict on src/
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy --strict src

unit: setup system ## Run the test suite only
	$(BIN)/python -m pytest -q

test: lint unit ## Everything: lint, types, the whole test suite (PostgreSQL included)

bench: setup system ## Throughput beside the read+decode+regex floor, 1/2 workers, Dask, PostgreSQL (SCALE=--full: 100k), web p50/p95
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_quantities.py
	$(BIN)/python benchmarks/bench_quantities.py --corpus examples/corpus
	$(BIN)/python benchmarks/bench_analyse.py
	$(BIN)/python benchmarks/bench_scale.py $(SCALE)
	$(BIN)/python benchmarks/bench_scale.py --sizes 1000 --configs "1 worker" "2 workers" --postgres local --out bench-out/postgres
	$(BIN)/python benchmarks/bench_web.py

clean: ## Remove the venv, caches and demo database
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB) $(DEMO_BRIEF) tests/artifacts
