"""The one record type that flows from every reader to the writer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class RawPage:
    """One page as read from an input, already decoded to UTF-8 text."""

    source_uri: str
    body: str
    content_format: str  # 'html', 'text' or 'markdown'
    url: str | None = None
    fetched_at: datetime | None = None
    # The exact UTF-8 bytes of `body` when the reader already holds them (the input was UTF-8), so the
    # writer can hash and store them without encoding the text again. Readers must leave it None otherwise.
    utf8: bytes | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Reject:
    """An input (or one record inside it) that could not be loaded, and why."""

    source_uri: str
    reason: str  # short machine code, e.g. 'empty_file', 'invalid_gzip'
    detail: str  # a sentence a person can act on


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record read on purpose but not a page (e.g. a WARC response holding an image); not an error."""

    source_uri: str
    reason: str  # short machine code, e.g. 'non_html'


@dataclass(frozen=True, slots=True)
class Note:
    """Something a reader changed or guessed while loading an input, so the stored page is not exactly the input
    (NUL bytes removed, a charset guessed from little text, offsets that are not seekable)."""

    source_uri: str
    kind: str  # short machine code, e.g. 'nul_removed', 'charset_guessed'
    detail: str  # a sentence saying what was done


def site_of(url: str | None) -> str | None:
    """Host of a url, lowercased, without a leading 'www.'; None when unknown."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def content_sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def page_id_of(url: str | None, sha256_hex: str) -> str:
    """Stable id: the same url and content always give the same id."""
    key = f"{url or ''}\x00{sha256_hex}".encode("utf-8")
    return hashlib.sha256(key).hexdigest()[:32]
