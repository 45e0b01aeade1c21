"""Ad hoc SQL on the warehouse: one statement printed as a table, CSV or JSON lines, or the interactive prompt."""

from __future__ import annotations

import csv
import datetime
import decimal
import json
import locale
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

FORMATS = ("table", "csv", "jsonl")
DEFAULT_MAX_WIDTH = 60
_FETCH_ROWS = 10_000
_WHITESPACE = re.compile(r"\s+")
_NUMBER_TYPES = (int, float, decimal.Decimal)


class SqlError(Exception):
    """The statement could not run; the message is one line."""


def default_warehouse() -> Path:
    """WAREHOUSE from the environment (the Makefile exports it), else warehouse.duckdb here."""
    return Path(os.environ.get("WAREHOUSE") or "warehouse.duckdb")


def run_statement(
    db_path: Path,
    statement: str,
    output_format: str = "table",
    max_width: int = DEFAULT_MAX_WIDTH,
    out: TextIO = sys.stdout,
) -> int:
    """Run one SQL statement on a read-only connection and print its result; returns the rows printed."""
    import duckdb

    try:
        with duckdb.connect(str(db_path), read_only=True) as connection:
            count = len(connection.extract_statements(statement))
            if count != 1:
                raise SqlError(f"give exactly one SQL statement (found {count})")
            cursor = connection.execute(statement)
            if cursor.description is None:
                return 0
            columns = [column[0] for column in cursor.description]
            batches = _batches(cursor)
            if output_format == "csv":
                return _write_csv(columns, batches, out)
            if output_format == "jsonl":
                return _write_jsonl(columns, batches, out)
            return _write_table(columns, [row for batch in batches for row in batch], max_width, out)
    except duckdb.Error as error:
        raise SqlError(one_line(str(error))) from error


def one_line(message: str) -> str:
    """DuckDB's message without the quoted statement and caret lines, on one line."""
    kept = []
    for line in message.splitlines():
        if line.startswith("LINE "):
            break
        if line.strip():
            kept.append(line.strip())
    return " ".join(kept) or message.strip()


def _batches(cursor) -> Iterator[list[tuple]]:
    while batch := cursor.fetchmany(_FETCH_ROWS):
        yield batch


def _write_csv(columns: Sequence[str], batches: Iterator[list[tuple]], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for batch in batches:
        writer.writerows([[_csv_value(value) for value in row] for row in batch])
        count += len(batch)
    return count


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=_json_default, ensure_ascii=False)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def _write_jsonl(columns: Sequence[str], batches: Iterator[list[tuple]], out: TextIO) -> int:
    count = 0
    for batch in batches:
        for row in batch:
            out.write(json.dumps(dict(zip(columns, row)), default=_json_default, ensure_ascii=False) + "\n")
        count += len(batch)
    return count


def _json_default(value):
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return str(value)


def _write_table(columns: Sequence[str], rows: list[tuple], max_width: int, out: TextIO) -> int:
    """An aligned table: text on one line and cut to max_width characters (0: never cut), numbers right-aligned."""
    cells = [[_cell(value, max_width) for value in row] for row in rows]
    widths = [max([len(name), *(len(row[index]) for row in cells)]) for index, name in enumerate(columns)]
    numeric = [any(isinstance(row[index], _NUMBER_TYPES) for row in rows)
               and all(row[index] is None or isinstance(row[index], _NUMBER_TYPES) for row in rows)
               for index in range(len(columns))]

    def line(values: Sequence[str]) -> str:
        return " | ".join(value.rjust(width) if is_number else value.ljust(width)
                          for value, width, is_number in zip(values, widths, numeric)).rstrip()

    out.write(line(columns) + "\n")
    out.write("-+-".join("-" * width for width in widths) + "\n")
    for row in cells:
        out.write(line(row) + "\n")
    out.write(f"({len(rows)} row{'' if len(rows) == 1 else 's'})\n")
    return len(rows)


def _cell(value, max_width: int) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return repr(round(value, 4))
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    text = _WHITESPACE.sub(" ", str(value)).strip()
    if max_width and len(text) > max_width:
        return text[: max_width - 1] + "…"
    return text


def interactive_command(db_path: Path, write: bool = False) -> list[str]:
    """The command line of the interactive prompt: harlequin, DuckDB adapter, read-only unless `write`."""
    harlequin = Path(sys.executable).with_name("harlequin")
    command = [str(harlequin) if harlequin.exists() else "harlequin", "--adapter", "duckdb"]
    if not write:
        command.append("--read-only")
    if _system_locale_is_posix():
        # Harlequin otherwise stops at start-up to warn that numbers get no thousands separators.
        command += ["--locale", "C"]
    return [*command, str(db_path)]


def _system_locale_is_posix() -> bool:
    try:
        name = locale.setlocale(locale.LC_NUMERIC, "")
    except locale.Error:
        return True
    finally:
        locale.setlocale(locale.LC_NUMERIC, "C")
    return name.split(".")[0] in ("C", "POSIX")
