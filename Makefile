# pagewarehouse — every target creates its own virtualenv first (see README "Two commands").
SHELL      := /bin/bash
PYTHON     ?= python3
VENV       ?= .venv
BIN        := $(VENV)/bin
WAREHOUSE  ?= warehouse.duckdb
SAMPLE_DIR ?= build/sample
# The sample's four format folders (its manifest files beside them are ground truth for tests, not pages).
SAMPLE_INPUTS := $(addprefix $(SAMPLE_DIR)/,html text warc jsonl markdown)
RAW        ?=
LOAD_INPUTS = $(or $(RAW),$(SAMPLE_INPUTS))
# Extra arguments for `dbt build`, e.g. DBT_ARGS=--full-refresh after upgrading the segmentation code.
DBT_ARGS   ?=
# Where the dbt step runs: duckdb (default) or spark (`make spark` installs it; SPARK_MASTER, default local[*], or
# SPARK_REMOTE=sc://host:15002 for Spark Connect; see docs/scaling.md).
ENGINE     ?= duckdb
export WAREHOUSE := $(abspath $(WAREHOUSE))
export DBT_PROFILES_DIR := $(abspath dbt_project)

.DEFAULT_GOAL := help
.PHONY: help setup spark sample load build dq sql docs eval test browser terminal dashboard test-ui clean

help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk -F':.*?## ' '{printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

setup: $(VENV)/.installed ## Create .venv and install the project (skipped when nothing changed)

$(VENV)/.spark-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[dev,spark]"
	touch $@

spark: $(VENV)/.spark-installed ## Install ENGINE=spark: pyspark, dbt-spark and Debian's Java 17 (skipped when present)
	@java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])' || { apt-get update -q && apt-get install -y -q --no-install-recommends openjdk-17-jre-headless; }

$(SAMPLE_DIR)/.done: $(VENV)/.installed ingest/sample.py
	$(BIN)/python -m ingest sample --out $(SAMPLE_DIR)
	touch $@

sample: $(SAMPLE_DIR)/.done ## Generate the bundled sample corpus under build/sample

# load, build and dq work on a copy of WAREHOUSE and swap it in atomically (ingest/staging.py): a dashboard
# or BI tool holding WAREHOUSE open read-only never blocks them, and sees the new data on its next connection.
load: setup $(if $(RAW),,sample) ## Load RAW (default: the sample corpus) into WAREHOUSE
	$(BIN)/python -m ingest build $(LOAD_INPUTS) --db $(WAREHOUSE) --steps load

build: setup $(if $(filter spark,$(ENGINE)),spark) $(if $(RAW),,sample) ## Build the warehouse: load RAW, then dbt build (ENGINE=duckdb or spark) and the quality suites
	$(BIN)/python -m ingest build $(LOAD_INPUTS) --db $(WAREHOUSE) --engine $(ENGINE) $(if $(DBT_ARGS),--dbt-args "$(DBT_ARGS)")
	@$(BIN)/python -m ingest.summary --db $(WAREHOUSE)

dq: setup ## Run the data-quality suites on WAREHOUSE
	$(BIN)/python -m ingest build --db $(WAREHOUSE) --steps dq

sql: setup ## Interactive SQL prompt (harlequin) on WAREHOUSE, read-only (one statement: .venv/bin/pagewarehouse sql "...")
	$(BIN)/python -m ingest sql --db $(WAREHOUSE)

docs: setup ## Build the dbt docs (lineage, exposures) and the GX Data Docs of WAREHOUSE; prints where they are
	$(BIN)/dbt docs generate --project-dir dbt_project --target-path $(abspath build/dbt_docs)
	$(BIN)/python -m expectations docs
	@echo "dbt docs: $(abspath build/dbt_docs)/index.html (serve: $(BIN)/dbt docs serve --project-dir dbt_project --target-path $(abspath build/dbt_docs))"

test: setup spark browser terminal ## Run the whole test suite (unit, integration, Spark equivalence, browser, terminal)
	$(BIN)/python -m pytest

DASHBOARD_PORT ?= 8501

dashboard: setup ## Serve the dashboard of WAREHOUSE on localhost (after make build)
	@echo "dashboard: http://127.0.0.1:$(DASHBOARD_PORT)  (warehouse: $(WAREHOUSE); Ctrl-C stops it)"
	cd dashboard && $(abspath $(BIN))/streamlit run app.py --server.port $(DASHBOARD_PORT)

browser: ## Install Debian's chromium for the dashboard's browser test (skipped when present)
	@command -v chromium >/dev/null || { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; }

terminal: ## Install tmux for the SQL prompt's terminal test (skipped when present)
	@command -v tmux >/dev/null || { apt-get update -q && apt-get install -y -q --no-install-recommends tmux; }

test-ui: setup browser ## Run only the dashboard's browser test
	$(BIN)/python -m pytest -m ui tests/dashboard

SHARED        ?= ../shared
EVAL_CORPUS   ?= $(SHARED)/corpora/article-extraction-benchmark
EVAL_DIR      := build/eval
WCEB_DIR      ?= $(SHARED)/corpora/wceb
# Sampled pages per WCEB dataset and half (dev / held-out); 0 scores every page (about 3x longer).
WCEB_PAGES    ?= 150
WCEB_EVAL_DIR := build/eval-wceb

eval: setup ## Score bodies (real pipeline: 181 pages, then WCEB), teasers and titles, Markdown captures, entities and topics against labelled data
	rm -rf $(EVAL_DIR) && mkdir -p $(EVAL_DIR)
	$(BIN)/python -m ingest load $(EVAL_CORPUS)/html --db $(EVAL_DIR)/eval.duckdb
	WAREHOUSE=$(abspath $(EVAL_DIR))/eval.duckdb $(BIN)/dbt build --quiet --project-dir dbt_project --select +articles --indirect-selection cautious \
	    --target-path $(abspath $(EVAL_DIR))/target --log-path $(abspath $(EVAL_DIR))/logs
	$(BIN)/python -m ingest.export_articles --db $(EVAL_DIR)/eval.duckdb --out $(EVAL_DIR)/articles.json
	@echo "== article bodies vs $(EVAL_CORPUS) (word 4-gram P/R/F1)"
	$(BIN)/python -m ingest.segment.evaluate --html-dir $(EVAL_CORPUS)/html --ground-truth $(EVAL_CORPUS)/ground-truth.json \
	    --predictions $(EVAL_DIR)/articles.json
	@echo "== entities vs wikigold (CC BY 4.0; first half tuned on, second half held out), beside plain spaCy"
	$(BIN)/python -m ingest.entities.evaluate --conll $(SHARED)/corpora/ner/wikigold/wikigold.conll.txt --map PER=PERSON,ORG=ORG,LOC=LOC --part first
	$(BIN)/python -m ingest.entities.evaluate --conll $(SHARED)/corpora/ner/wikigold/wikigold.conll.txt --map PER=PERSON,ORG=ORG,LOC=LOC --part second
	@echo "== entities vs the hand-written seed gold file, beside plain spaCy"
	$(BIN)/python -m ingest.entities.evaluate --conll tests/entities/seed_gold.conll --map PER=PERSON,ORG=ORG,LOC=LOC
	@echo "== topics vs the hand-labelled set (121 texts: below 500, the plain lexicon scores, as in the build)"
	$(BIN)/python -m ingest.topics.evaluate --labels tests/topics/labelled.jsonl --map tests/topics/labelled_map.json --shared-dir $(SHARED)
	@echo "== topics vs HuffPost headlines + descriptions, report half (tuned on the other half; classifier fitted on the half's texts)"
	$(BIN)/python -m ingest.topics.evaluate --labels $(SHARED)/corpora/news-category/News_Category_Dataset_v3.PARTIAL-first-10000-lines.jsonl.gz \
	    --map tests/topics/news_category_map.json --title-field headline --text-field short_description --label-field category --part report
	@echo "== topics vs HuffPost report half, only the 5 classes of the judged full-article set (fitted on those texts only)"
	$(BIN)/python -m ingest.topics.evaluate --labels $(SHARED)/corpora/news-category/News_Category_Dataset_v3.PARTIAL-first-10000-lines.jsonl.gz \
	    --map tests/topics/news_category_5class_map.json --title-field headline --text-field short_description --label-field category --part report --only-mapped
	@echo "== topics vs 225 hand-labelled L3S-GN1 full articles, report half by site (123 texts: below 500, the plain lexicon scores, as in the build)"
	$(BIN)/python -m ingest.topics.evaluate --labels tests/topics/gn1_labelled.jsonl --map tests/topics/labelled_map.json --shared-dir $(SHARED) --part report
	@echo "== teasers and titles vs the hand-labelled real-page dev set (tests/segment/teaser_dev)"
	$(BIN)/python -m ingest.segment.teaser_eval
	@echo "== Markdown captures vs the hand-labelled real dev set (tests/segment/markdown_dev)"
	$(BIN)/python -m ingest.segment.markdown_eval tests/segment/markdown_dev
	@$(MAKE) --no-print-directory eval-wceb

.PHONY: eval-wceb
eval-wceb: setup ## Score article bodies on a fixed sample of each WCEB dataset (real pipeline) beside trafilatura default and fast
	rm -rf $(WCEB_EVAL_DIR) && mkdir -p $(WCEB_EVAL_DIR)
	$(BIN)/python -m ingest.segment.wceb --wceb-dir $(WCEB_DIR) --pages-per-half $(WCEB_PAGES) stage --out $(WCEB_EVAL_DIR)/pages
	$(BIN)/python -m ingest load $(WCEB_EVAL_DIR)/pages --db $(WCEB_EVAL_DIR)/eval.duckdb
	WAREHOUSE=$(abspath $(WCEB_EVAL_DIR))/eval.duckdb $(BIN)/dbt build --quiet --project-dir dbt_project --select +articles --indirect-selection cautious \
	    --target-path $(abspath $(WCEB_EVAL_DIR))/target --log-path $(abspath $(WCEB_EVAL_DIR))/logs
	$(BIN)/python -m ingest.export_articles --db $(WCEB_EVAL_DIR)/eval.duckdb --key-parent --out $(WCEB_EVAL_DIR)/articles.json
	@echo "== article bodies vs WCEB ground truth, side by side with trafilatura (word 4-gram P/R/F1)"
	$(BIN)/python -m ingest.segment.wceb --wceb-dir $(WCEB_DIR) --pages-per-half $(WCEB_PAGES) score \
	    --predictions $(WCEB_EVAL_DIR)/articles.json --json $(WCEB_EVAL_DIR)/scores.json

.PHONY: bench
QUICK ?=
BENCH_ARGS ?=

bench: setup ## Benchmark load, dbt build and suites at 1k/10k/100k pages (QUICK=1: 1k, 10k); writes docs/benchmarks.md
	PAGEWAREHOUSE_SHARED=$(abspath $(SHARED)) $(BIN)/python -m bench $(if $(QUICK),--quick) $(BENCH_ARGS)

clean: ## Remove the virtualenv, build outputs and the default warehouse
	rm -rf $(VENV) build dbt_project/target dbt_project/logs expectations/uncommitted .pytest_cache warehouse.duckdb warehouse.duckdb.wal warehouse.duckdb.build warehouse.duckdb.build.lock warehouse.duckdb.spark
