"""A gzip-decompressing byte stream that keeps what it could inflate when the file is damaged."""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK_BYTES = 1 << 20
# wbits=31: expect a gzip header and trailer, not a bare zlib stream.
_GZIP_WBITS = 31


class InflatingReader(io.RawIOBase):
    """Inflates one or more concatenated gzip members from `compressed`, at most 1 MB at a time.

    Unlike `gzip.GzipFile`, damage does not raise mid-read and lose the buffered tail:
    the stream ends cleanly after the last good byte and `damage` says what went wrong,
    so streaming readers can keep every record that precedes it.
    """

    def __init__(self, compressed: BinaryIO) -> None:
        super().__init__()
        self._compressed = compressed
        self._inflater = zlib.decompressobj(_GZIP_WBITS)
        self._member_started = False
        self._pending = memoryview(b"")
        self._input = b""  # compressed bytes read but not yet inflated
        self._exhausted = False
        self.compressed_bytes_read = 0
        self.damage: tuple[str, str] | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending and not self._exhausted:
            self._pending = memoryview(self._inflate_next_chunk())
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _inflate_next_chunk(self) -> bytes:
        # Output is bounded per call: 1 MB of compressed zeros inflates to 1 GB (a gzip bomb), and callers
        # that stop at a size limit must never have held more than a chunk of it.
        if not self._input:
            self._input = self._compressed.read(_CHUNK_BYTES)
            if not self._input:
                self._exhausted = True
                if self._member_started and not self._inflater.eof:
                    self.damage = (
                        "truncated_gzip",
                        f"gzip data ends after {self.compressed_bytes_read} compressed bytes without its "
                        "end-of-stream marker; the file was cut short (interrupted download or copy)",
                    )
                return b""
            self.compressed_bytes_read += len(self._input)
        try:
            inflated = self._inflater.decompress(self._input, _CHUNK_BYTES)
        except zlib.error as error:
            self._exhausted = True
            self.damage = (
                "invalid_gzip",
                f"gzip data is corrupt near compressed byte {self.compressed_bytes_read}: {error}",
            )
            return b""
        self._member_started = True
        if self._inflater.eof:
            # Concatenated members are valid gzip; trailing NUL padding is tolerated like gzip(1) does.
            self._input = self._inflater.unused_data.lstrip(b"\x00")
            self._inflater = zlib.decompressobj(_GZIP_WBITS)
            self._member_started = False
        else:
            self._input = self._inflater.unconsumed_tail
        return inflated
