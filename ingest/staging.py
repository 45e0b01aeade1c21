"""Builds work on a copy of the warehouse and swap it in atomically, so readers never block a build.

DuckDB lets many read-only connections or one writer open a file, never both: a dashboard or BI tool holding
the warehouse open would make an in-place build wait for ever. A build therefore:

1. takes the build lock `<warehouse>.build.lock` (one build per warehouse; the file names its holder);
2. copies the warehouse (and its write-ahead log, if a crashed in-place writer left one) to
   `<warehouse>.build/<same file name>`, holding a read-only connection on the original meanwhile so that no
   in-place writer changes it mid-copy (readers are not disturbed). The copy carries every table, so
   incremental dbt models stay incremental. The file name is kept, so DuckDB's catalog name stays the same;
3. runs its steps (load, dbt build, quality suites) on the copy, which only the build opens;
4. checkpoints the copy (no write-ahead log left) and, if nothing wrote the original in place since step 2,
   renames the copy over it with os.replace: one atomic step on one file system. Connections opened before
   keep reading the old file (it is freed when the last one closes); every connection opened after sees
   the new build.

A step that fails leaves the original untouched and the unpublished copy in `<warehouse>.build/` to inspect;
the next build replaces it. Disk: the copy needs as much free space as the warehouse, on the same file system.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

DEFAULT_LOCK_TIMEOUT_SECONDS = 30.0
_RETRY_SECONDS = 0.25
_LOCK_PID = re.compile(r"\(PID (\d+)\)")
_FICLONE = 0x40049409  # Linux ioctl: share the blocks of a file (btrfs, XFS); others copy


class BuildError(Exception):
    """The build could not run or publish; the message says why and what to do."""


@dataclass(frozen=True)
class _FileState:
    inode: int
    size: int
    modified_ns: int


def staging_dir(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".build")


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".build.lock")


def wal_path(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


@contextmanager
def staged_warehouse(warehouse: Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT_SECONDS) -> Iterator[Path]:
    """A private copy of `warehouse` to build in; published over it when the block ends without an exception."""
    warehouse = Path(os.path.abspath(warehouse))
    if not warehouse.parent.is_dir():
        raise BuildError(f"cannot build {warehouse}: directory {warehouse.parent} does not exist")
    with _build_lock(warehouse, lock_timeout):
        workspace = staging_dir(warehouse)
        shutil.rmtree(workspace, ignore_errors=True)
        workspace.mkdir()
        staged = workspace / warehouse.name
        copied_from = _copy_warehouse(warehouse, staged, lock_timeout)
        yield staged
        _publish(staged, warehouse, copied_from, lock_timeout)
        shutil.rmtree(workspace, ignore_errors=True)


@contextmanager
def _build_lock(warehouse: Path, timeout: float) -> Iterator[None]:
    """An exclusive flock on <warehouse>.build.lock, which records who holds it (the kernel frees it on exit)."""
    path = lock_path(warehouse)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    holder = path.read_text(encoding="utf-8", errors="replace").strip() or "unknown process"
                    raise BuildError(
                        f"another build of {warehouse} is running ({holder}); waited {timeout:g} s. "
                        "Wait for it to finish, or raise --lock-timeout"
                    ) from error
                time.sleep(_RETRY_SECONDS)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{describe_process(os.getpid())}, since {datetime.now():%Y-%m-%d %H:%M:%S}\n".encode(), 0)
        yield
    finally:
        os.close(descriptor)


def _copy_warehouse(warehouse: Path, staged: Path, lock_timeout: float) -> dict[Path, _FileState | None]:
    """Copy the warehouse and its WAL while a read-only connection keeps in-place writers out; their states."""
    if not warehouse.exists():
        return {warehouse: None, wal_path(warehouse): None}
    with _read_only(warehouse, lock_timeout):
        states = {path: _state(path) for path in (warehouse, wal_path(warehouse))}
        _copy_file(warehouse, staged)
        if states[wal_path(warehouse)] is not None:
            _copy_file(wal_path(warehouse), wal_path(staged))
    return states


def _publish(staged: Path, warehouse: Path, copied_from: dict[Path, _FileState | None], lock_timeout: float) -> None:
    import duckdb

    with duckdb.connect(str(staged)) as connection:
        connection.execute("checkpoint")
    if wal_path(staged).exists():
        raise BuildError(f"the build at {staged} still has a write-ahead log after a checkpoint; not published")
    _fsync(staged)
    with _read_only(warehouse, lock_timeout) if warehouse.exists() else _nothing():
        changed = [str(path) for path, state in copied_from.items() if _state(path) != state]
        if changed:
            raise BuildError(
                f"{', '.join(changed)} changed during the build (written in place by another process); the build "
                f"was not published and is kept at {staged}. Run the build again"
            )
        os.replace(staged, warehouse)
        # A WAL beside the old file belongs to it; DuckDB refuses to open the new file with it.
        wal_path(warehouse).unlink(missing_ok=True)
        _fsync(warehouse.parent)


@contextmanager
def _read_only(database: Path, timeout: float) -> Iterator[None]:
    """A read-only connection: it waits while another process writes the file in place, and keeps writers out."""
    import duckdb

    deadline = time.monotonic() + timeout
    while True:
        try:
            connection = duckdb.connect(str(database), read_only=True)
            break
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise BuildError(f"cannot read warehouse {database}: {error}") from error
            if time.monotonic() >= deadline:
                raise BuildError(
                    f"warehouse {database} is being written in place by another process ({lock_holder(str(error))}); "
                    f"waited {timeout:g} s. Wait for it to finish, or raise --lock-timeout"
                ) from error
            time.sleep(_RETRY_SECONDS)
        except duckdb.Error as error:
            raise BuildError(f"cannot read warehouse {database}: {error}") from error
    try:
        yield
    finally:
        connection.close()


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _state(path: Path) -> _FileState | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return _FileState(stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _copy_file(source: Path, target: Path) -> None:
    """A reflink where the file system shares blocks (instant), else a kernel-side copy (sendfile)."""
    with open(source, "rb") as reader, open(target, "wb") as writer:
        try:
            fcntl.ioctl(writer.fileno(), _FICLONE, reader.fileno())
            cloned = True
        except OSError:
            cloned = False
    if not cloned:
        shutil.copyfile(source, target)
    shutil.copymode(source, target)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def lock_holder(duckdb_message: str) -> str:
    """Who holds a DuckDB file lock, from the PID in DuckDB's message: 'pid 123: python -m ingest load ...'."""
    match = _LOCK_PID.search(duckdb_message)
    return describe_process(int(match.group(1))) if match else "the process is not named by DuckDB"


def describe_process(pid: int) -> str:
    try:
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        command = " ".join(part.decode(errors="replace") for part in arguments if part)
    except OSError:
        command = ""
    return f"pid {pid}: {_shorten(command)}" if command else f"pid {pid}"


def _shorten(command: str, limit: int = 160) -> str:
    return command if len(command) <= limit else command[: limit - 1] + "…"
