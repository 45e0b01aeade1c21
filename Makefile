# pagewarehouse — every target creates its own virtualenv first (see README "Two commands").
SHELL      := /bin/bash
PYTHON     ?= python3
VENV       ?= .venv
BIN        := $(VENV)/bin
WAREHOUSE  ?= warehouse.duckdb
SAMPLE_DIR ?= build/sample
RAW        ?= $(SAMPLE_DIR)
export WAREHOUSE := $(abspath $(WAREHOUSE))
export DBT_PROFILES_DIR := $(abspath dbt_project)

.DEFAULT_GOAL := help
.PHONY: help setup sample load build test clean

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

load: setup $(if $(filter $(SAMPLE_DIR),$(RAW)),sample) ## Load RAW (default: the sample corpus) into WAREHOUSE
	$(BIN)/python -m ingest load $(RAW) --db $(WAREHOUSE)

build: load ## Build the warehouse: load RAW, then dbt build and the quality suites
	@echo "warehouse: $(WAREHOUSE)"

test: setup ## Run the test suite (unit + integration)
	$(BIN)/python -m pytest

clean: ## Remove the virtualenv, build outputs and the default warehouse
	rm -rf $(VENV) build dbt_project/target dbt_project/logs expectations/uncommitted .pytest_cache warehouse.duckdb warehouse.duckdb.wal
