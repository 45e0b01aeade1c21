"""Framing of WARC files that survives damage: gzip members and records found by their own markers.

A .warc.gz is read member by member (each record should be its own gzip member, whose compressed offset
is the record's address, as in CDX indexes); a corrupt member is skipped to the next gzip header, a member
cut short ends the file. Inside the (decompressed) bytes, records are framed by their `WARC/1.x` line,
header block, Content-Length and the blank line that must follow the block; when that blank line is not
where Content-Length says, the record is damaged and reading resumes at the next `WARC/1.` line after its
header, so a wrong length or junk between records costs only the damaged record. Memory per record is
bounded by `keep_bytes` (the rest of a longer block is read past, not held).
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

_CHUNK_BYTES = 1 << 16
_GZIP_WBITS = 31
_GZIP_MEMBER_HEADER = b"\x1f\x8b\x08"  # magic and the deflate method
_MAX_LINE_BYTES = 1 << 16
_MAX_HEADER_BYTES = 1 << 18
_RECORD_END = b"\r\n\r\n"
_VERSION_LINE = b"WARC/1."
_CONTENT_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d+)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Frame:
    """One framed record: its offset in the (decompressed) stream and its bytes (block cut at keep_bytes)."""

    offset: int
    data: bytes


@dataclass(frozen=True, slots=True)
class Damage:
    """Bytes that are not a readable record: `reason` is 'corrupt_record' or 'truncated_record'."""

    offset: int
    reason: str
    detail: str


class _PushbackStream:
    """A byte stream that counts its position and can take bytes back, to rescan a block after a bad length."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._pushed = b""
        self.position = 0

    def readline(self) -> bytes:
        if self._pushed:
            end = self._pushed.find(b"\n", 0, _MAX_LINE_BYTES)
            if end >= 0 or len(self._pushed) >= _MAX_LINE_BYTES:
                cut = end + 1 if end >= 0 else _MAX_LINE_BYTES
                line, self._pushed = self._pushed[:cut], self._pushed[cut:]
            else:
                line, self._pushed = self._pushed + self._stream.readline(_MAX_LINE_BYTES - len(self._pushed)), b""
        else:
            line = self._stream.readline(_MAX_LINE_BYTES)
        self.position += len(line)
        return line

    def read(self, size: int) -> bytes:
        if self._pushed:
            data, self._pushed = self._pushed[:size], self._pushed[size:]
            if len(data) < size:
                data += self._stream.read(size - len(data))
        else:
            data = self._stream.read(size)
        self.position += len(data)
        return data

    def skip(self, size: int) -> int:
        """Read past `size` bytes without keeping them; returns how many there were."""
        skipped = 0
        while skipped < size and (piece := self.read(min(_CHUNK_BYTES, size - skipped))):
            skipped += len(piece)
        return skipped

    def push_back(self, data: bytes) -> None:
        self._pushed = data + self._pushed
        self.position -= len(data)


def frames(stream: BinaryIO, keep_bytes: int | None) -> Iterator[Frame | Damage]:
    """The records of an uncompressed WARC byte stream, and the damage between them, in order."""
    source = _PushbackStream(stream)
    junk_start = None  # where unexplained bytes began, reported when the next record (or the end) is found
    resyncing = False  # after a damaged record: the bytes up to the next record belong to it, already reported
    while line := source.readline():
        start = source.position - len(line)
        if not line.startswith(_VERSION_LINE):
            if junk_start is None and not resyncing and line.strip():
                junk_start = start
            continue
        resyncing = False
        if junk_start is not None:
            yield _junk(junk_start, start)
            junk_start = None
        header = _header_block(source, line)
        if header is None:
            yield Damage(start, "truncated_record", "the file ends inside the record's header (file cut short?)")
            return
        if len(header) > _MAX_HEADER_BYTES:
            yield Damage(start, "corrupt_record", "the record header never ends; not a WARC record")
            continue
        length = _CONTENT_LENGTH.search(header)
        if length is None:
            yield Damage(start, "corrupt_record", "the record header has no Content-Length")
            resyncing = True
            continue
        frame = yield from _framed(source, start, header, int(length.group(1)), keep_bytes)
        if frame is None:
            resyncing = True
        else:
            yield frame
    if junk_start is not None:
        yield _junk(junk_start, source.position)


def _header_block(source: _PushbackStream, first_line: bytes) -> bytes | None:
    lines = [first_line]
    size = len(first_line)
    while size <= _MAX_HEADER_BYTES:
        line = source.readline()
        if not line:
            return None
        lines.append(line)
        size += len(line)
        if line in (b"\r\n", b"\n"):
            break
    return b"".join(lines)


def _framed(source: _PushbackStream, start: int, header: bytes, length: int, keep_bytes: int | None):
    """The record's Frame, or None after yielding its Damage (then reading resumes inside its block)."""
    wanted = length if keep_bytes is None else min(length, keep_bytes)
    kept = source.read(wanted)
    rest = length - len(kept)
    if len(kept) == wanted:
        rest -= source.skip(rest)
    if rest:
        if len(kept) < wanted:
            source.push_back(kept)  # a Content-Length too large may have swallowed the records after it
        yield Damage(
            start, "truncated_record",
            f"the record ends {rest} bytes short of its Content-Length of {length} (file cut short, or a wrong "
            "Content-Length; any record inside it was still read)",
        )
        return None
    ending = source.read(len(_RECORD_END))
    if ending == _RECORD_END:
        return Frame(start, header + kept + ending)
    if not ending and len(kept) == length:
        return Frame(start, header + kept + _RECORD_END)  # the last record of a file missing its final blank line
    # The length is wrong (or bytes were inserted): rescan what was taken as the block for the next record.
    source.push_back(kept + ending if len(kept) == length else ending)
    yield Damage(
        start, "corrupt_record",
        f"the record's block does not end where its Content-Length of {length} says (wrong length or damaged "
        "bytes); reading resumed at the next WARC record",
    )
    return None


def _junk(start: int, end: int) -> Damage:
    return Damage(start, "corrupt_record", f"{end - start} bytes that are not a WARC record; skipped to the next record")


class GzipMember(io.RawIOBase):
    """One gzip member being inflated (at most 64 KB per read); `damage` is set when it turned out corrupt or cut."""

    def __init__(self, members: GzipMembers, offset: int) -> None:
        super().__init__()
        self._members = members
        self._inflater = zlib.decompressobj(_GZIP_WBITS)
        self.offset = offset  # compressed offset of the member's first byte
        self.finished = False
        self.damage: tuple[str, str] | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = b""
        while not data and not self.finished:
            data = self._inflate(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _inflate(self, size: int) -> bytes:
        members = self._members
        if not members.buffer and not members.fill():
            self.finished = True
            self.damage = ("truncated_gzip", f"the file ends inside the gzip member at offset {self.offset} "
                           "(file cut short?); the records before it were read")
            return b""
        given = len(members.buffer)
        try:
            data = self._inflater.decompress(members.buffer, size)
        except zlib.error as error:
            self.finished = True
            self.damage = ("invalid_gzip", f"the gzip member at offset {self.offset} is corrupt ({error}); "
                           "reading resumed at the next gzip member")
            members.resync(after=self.offset)
            return b""
        left = self._inflater.unused_data if self._inflater.eof else self._inflater.unconsumed_tail
        members.consume(given - len(left), left)
        if self._inflater.eof:
            self.finished = True
        return data

    def drain(self) -> None:
        while not self.finished:
            self._inflate(_CHUNK_BYTES)


class GzipMembers:
    """The gzip members of a compressed stream, one after the other (each must be read or drained in turn)."""

    def __init__(self, compressed: BinaryIO) -> None:
        self._compressed = compressed
        self.buffer = b""
        self.offset = 0  # compressed offset of buffer[0]
        self.skipped: list[tuple[int, int]] = []  # (offset, length) of bytes between members that were not gzip

    def fill(self) -> bool:
        more = self._compressed.read(_CHUNK_BYTES)
        self.buffer += more
        return bool(more)

    def consume(self, count: int, left: bytes) -> None:
        self.offset += count
        self.buffer = left

    def resync(self, after: int) -> None:
        """Drop bytes up to the next gzip member header that starts after offset `after`."""
        while True:
            begin = max(0, after + 1 - self.offset)
            found = self.buffer.find(_GZIP_MEMBER_HEADER, begin)
            if found >= 0:
                self.consume(found, self.buffer[found:])
                return
            keep = len(_GZIP_MEMBER_HEADER) - 1
            drop = max(0, len(self.buffer) - keep)
            self.consume(drop, self.buffer[drop:])
            if not self.fill():
                self.consume(len(self.buffer), b"")
                return

    def __iter__(self) -> Iterator[GzipMember]:
        while True:
            while len(self.buffer) < len(_GZIP_MEMBER_HEADER) and self.fill():
                pass
            stripped = self.buffer.lstrip(b"\x00")  # NUL padding between members, as gzip(1) tolerates
            self.consume(len(self.buffer) - len(stripped), stripped)
            if not self.buffer and not self.fill():
                return
            if not self.buffer.startswith(_GZIP_MEMBER_HEADER):
                if len(self.buffer) < len(_GZIP_MEMBER_HEADER) and self.fill():
                    continue
                start = self.offset
                self.resync(after=start)
                self.skipped.append((start, self.offset - start))
                continue
            member = GzipMember(self, self.offset)
            yield member
            member.drain()
