"""Plain-text summary of a run: one line per suite, defect rates, and the offending rows of failures."""

from __future__ import annotations

from expectations.runner import RunReport, SuiteOutcome


def _status(outcome: SuiteOutcome) -> str:
    if outcome.success:
        return "pass"
    return "FAIL" if outcome.is_blocking_failure else "warn"


def _rate(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:5.1f}%" if whole else "    -"


def summary(report: RunReport) -> str:
    lines = [f"data-quality run {report.run_id}",
             f"  {'suite':<27} {'table':<24} {'severity':<8} {'result':<6} {'rows':>9} {'defect rows':>17}"]
    for o in report.outcomes:
        lines.append(
            f"  {o.suite.name:<27} {o.suite.table:<24} {o.suite.severity:<8} {_status(o):<6} "
            f"{o.rows_checked:>9} {o.rows_with_defects:>9} {_rate(o.rows_with_defects, o.rows_checked)}")
        rates = [f"{r.check} {r.unexpected_count} ({_rate(r.unexpected_count, r.element_count).strip()})"
                 for r in o.results if r.unexpected_count]
        if rates:
            lines.append("      " + ", ".join(rates))
    if report.docs_index is not None:
        lines.append(f"Data Docs: {report.docs_index}")
    return "\n".join(lines)


def failures(report: RunReport) -> str:
    """What broke a contract: suite, expectation (with its column) and a few offending rows."""
    lines = []
    for o in report.outcomes:
        if not o.is_blocking_failure:
            continue
        for r in o.results:
            if r.success:
                continue
            check = next(c for c in o.suite.checks if c.name == r.check)
            lines.append(f"FAILED {o.suite.name}: {r.expectation}(column={r.column}) "
                         f"- {r.observed_value} unexpected ({check.description})")
            for key, detail in report.failure_examples.get((o.suite.name, r.check), []):
                lines.append(f"    {o.suite.table} key={key}: {detail}")
    return "\n".join(lines)
