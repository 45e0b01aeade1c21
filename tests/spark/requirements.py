"""The Spark tests' common guard: ENGINE=spark's packages must be installed (`make spark`), or the test fails."""

from __future__ import annotations

import pytest


def require_spark() -> None:
    """Fail (not skip) the calling fixture when pyspark or dbt-spark is missing: `make test` installs both."""
    try:
        import dbt.adapters.spark  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as error:
        pytest.fail(f"ENGINE=spark is not installed ({error}); run `make spark`")
