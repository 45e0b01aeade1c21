# pagewarehouse — every target creates its own virtualenv first (see README "Two commands").
SHELL      := /bin/bash
PYTHON     ?= python3
VENV       ?= .venv
BIN        := $(VENV)/bin
WAREHOUSE  ?= warehouse.duckdb
SAMPLE_DIR ?= build/sample
# The sample's four format folders (its manifest files beside them are ground truth for tests, not pages).
SAMPLE_INPUTS := $(addprefix $(SAMPLE_DIR)/,html text warc jsonl)
RAW        ?=
LOAD_INPUTS = $(or $(RAW),$(SAMPLE_INPUTS))
export WAREHOUSE := $(abspath $(WAREHOUSE))
export DBT_PROFILES_DIR := $(abspath dbt_project)

.DEFAULT_GOAL := help
.PHONY: help setup sample load build dq test dashboard test-ui clean

help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk -F':.*?## ' '{printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

setup: $(VENV)/.installed ## Create .venv and install the project (skipped when nothing changed)

$(SAMPLE_DIR)/.done: $(VENV)/.installed ingest/sample.py
	$(BIN)/python -m ingest sample --out $(SAMPLE_DIR)
	touch $@

sample: $(SAMPLE_DIR)/.done ## Generate the bundled sample corpus under build/sample

load: setup $(if $(RAW),,sample) ## Load RAW (default: the sample corpus) into WAREHOUSE
	$(BIN)/python -m ingest load $(LOAD_INPUTS) --db $(WAREHOUSE)

build: load ## Build the warehouse: load RAW, then dbt build and the quality suites
	$(BIN)/dbt build --project-dir dbt_project
	$(BIN)/python -m expectations run --db $(WAREHOUSE)
	@echo "warehouse: $(WAREHOUSE)"

dq: setup ## Run the data-quality suites on WAREHOUSE
	$(BIN)/python -m expectations run --db $(WAREHOUSE)

test: setup ## Run the test suite (unit + integration)
	$(BIN)/python -m pytest

DASHBOARD_PORT ?= 8501

dashboard: setup ## Serve the dashboard of WAREHOUSE on localhost (after make build)
	@echo "dashboard: http://127.0.0.1:$(DASHBOARD_PORT)  (warehouse: $(WAREHOUSE); Ctrl-C stops it)"
	cd dashboard && $(abspath $(BIN))/streamlit run app.py --server.port $(DASHBOARD_PORT)

test-ui: setup ## Install Debian's chromium if missing, then run the dashboard's browser test
	@command -v chromium >/dev/null || { apt-get update -q && apt-get install -y -q chromium; }
	$(BIN)/python -m pytest -m ui tests/dashboard

clean: ## Remove the virtualenv, build outputs and the default warehouse
	rm -rf $(VENV) build dbt_project/target dbt_project/logs expectations/uncommitted .pytest_cache warehouse.duckdb warehouse.duckdb.wal
