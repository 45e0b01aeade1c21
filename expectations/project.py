"""The GX file project under expectations/: opening it quietly, saving suites, storing results, Data Docs."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import great_expectations as gx  # noqa: E402  (the env var must be set before GX reads it)
from great_expectations.core.expectation_validation_result import ExpectationSuiteValidationResult  # noqa: E402
from great_expectations.core.run_identifier import RunIdentifier  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402
from great_expectations.data_context.types.resource_identifiers import (  # noqa: E402
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)

PROJECT_ROOT = Path(__file__).resolve().parent
DATASOURCE = "dq_indicators"
BATCH_DEFINITION = "chunk"


class Project:
    """A GX file context whose suites validate in-memory chunks of indicator columns."""

    def __init__(self, root: Path = PROJECT_ROOT) -> None:
        self.root = Path(root)
        self.context = gx.get_context(mode="file", context_root_dir=str(self.root))
        self._quiet()

    def _quiet(self) -> None:
        # GX draws a tqdm bar per validation; only the context setting silences them (TQDM_DISABLE does not).
        variables = self.context.variables
        variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        variables.analytics_enabled = False
        variables.save()

    def save_suite(self, suite: gx.ExpectationSuite) -> gx.ExpectationSuite:
        """Store the suite written in code; keep the stored JSON (and its ids) when nothing changed."""
        try:
            stored = self.context.suites.get(suite.name)
        except Exception:  # GX raises its own not-found errors, which vary by store backend
            return self.context.suites.add(suite)
        if _without_ids(stored.to_json_dict()) == _without_ids(suite.to_json_dict()):
            return stored
        return self.context.suites.add_or_update(suite)

    def validate(self, suite: gx.ExpectationSuite, frame: pd.DataFrame, result_format: dict) -> ExpectationSuiteValidationResult:
        batch = self._batch_definition(suite.name).get_batch(batch_parameters={"dataframe": frame})
        return batch.validate(suite, result_format=result_format)

    def _batch_definition(self, asset_name: str):
        sources = self.context.data_sources
        try:
            datasource = sources.get(DATASOURCE)
        except (KeyError, ValueError):
            datasource = sources.add_pandas(DATASOURCE)
        try:
            asset = datasource.get_asset(asset_name)
        except LookupError:
            asset = datasource.add_dataframe_asset(name=asset_name)
        try:
            return asset.get_batch_definition(BATCH_DEFINITION)
        except KeyError:
            return asset.add_batch_definition_whole_dataframe(BATCH_DEFINITION)

    def store_result(self, result: ExpectationSuiteValidationResult, run_id: str, run_at: dt.datetime,
                     table: str) -> ValidationResultIdentifier:
        key = ValidationResultIdentifier(
            expectation_suite_identifier=ExpectationSuiteIdentifier(name=result.suite_name),
            run_id=RunIdentifier(run_name=run_id, run_time=run_at),
            batch_identifier=table,
        )
        self.context.validation_results_store.set(key, result)
        return key

    def build_docs(self, keys: list[ValidationResultIdentifier] | None = None) -> Path:
        self.context.build_data_docs(resource_identifiers=keys or None)
        return self.docs_index()

    def docs_index(self) -> Path:
        return self.root / "uncommitted" / "data_docs" / "local_site" / "index.html"


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in {"id", "notes"}}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value
