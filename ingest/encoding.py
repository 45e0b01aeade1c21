"""Bytes to text: BOM, then declared charsets (HTTP, then <meta>), then UTF-8, then detection.

A declared charset other than UTF-8 loses to bytes that are valid UTF-8 and not plain ASCII:
servers and templates routinely declare ISO-8859-1 for UTF-8 pages, while genuine legacy text
almost never happens to form valid multi-byte UTF-8 sequences, so the bytes are the better witness.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ingest.record import Reject

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"<meta[^>]{0,512}?charset\s*=\s*[\"']?\s*([a-z0-9_.:\-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([a-z0-9_.:\-]+)", re.IGNORECASE)
# Browsers (WHATWG Encoding Standard) decode these labels with a superset; so do we.
_SUPERSETS = {
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_9": "cp1254",
    "iso8859_11": "cp874",
    "tis_620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}
# Control bytes other than tab, newline, form feed, carriage return and escape.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_MAX_CONTROL_SHARE = 0.05
_CHAOS_BUCKET = 0.05
_LOOSE_CHAOS_THRESHOLD = 0.5


class DecodeFailure(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # Python codec name actually used
    evidence: str  # 'bom', 'declared', 'meta', 'utf-8', 'utf-16-pattern', 'mostly-utf-8' or 'detected'


def decode(data: bytes, source_uri: str, *, declared: str | None = None) -> str | Reject:
    """Text of `data`, or a Reject ('binary_content' or 'undecodable') saying why there is none."""
    try:
        return decode_bytes(data, declared=declared).text
    except DecodeFailure as failure:
        return Reject(source_uri, failure.reason, failure.detail)


def decode_page(data: bytes, source_uri: str, *, declared: str | None = None) -> tuple[str, bytes | None] | Reject:
    """Like `decode`, plus `data` itself when it is exactly the UTF-8 form of the text (see RawPage.utf8)."""
    try:
        decoded = decode_bytes(data, declared=declared)
    except DecodeFailure as failure:
        return Reject(source_uri, failure.reason, failure.detail)
    # Strictly decoded UTF-8 round-trips byte for byte; 'mostly-utf-8' replaced bytes and 'utf-8-sig' dropped a BOM.
    same_bytes = decoded.encoding == "utf-8" and decoded.evidence != "mostly-utf-8"
    return decoded.text, (data if same_bytes else None)


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode with the strongest available evidence; raises DecodeFailure when nothing fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec, "bom")
            except UnicodeDecodeError:
                data = data[len(bom) :]
                break

    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return _decode_nul_bearing(data, sample)
    control_share = len(sample.translate(None, _TEXT_BYTES)) / max(len(sample), 1)
    if control_share > _MAX_CONTROL_SHARE:
        raise DecodeFailure(
            "binary_content", f"{control_share:.0%} of the first {len(sample)} bytes are control bytes; not text"
        )

    for label, evidence in ((declared, "declared"), (_sniffed_charset(sample), "meta")):
        codec = _codec_for(label)
        if codec is None:
            continue
        if codec != "utf-8" and not data.isascii():
            utf8 = _strict(data, "utf-8")
            if utf8 is not None:
                return Decoded(utf8, "utf-8", "utf-8")
        text = _strict(data, codec)
        if text is not None:
            return Decoded(text, codec, evidence)

    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "utf-8")
    text = _mostly_utf8(data)
    if text is not None:
        return Decoded(text, "utf-8", "mostly-utf-8")
    return _detected(data)


def _decode_nul_bearing(data: bytes, sample: bytes) -> Decoded:
    """NUL bytes mean binary, unless they sit in every other position: UTF-16 without a BOM."""
    even, odd = sample[0::2], sample[1::2]
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > len(zeros) / 2 and others.count(0) < len(others) / 20:
            text = _strict(data, codec)
            if text is not None:
                return Decoded(text, codec, "utf-16-pattern")
    raise DecodeFailure("binary_content", "contains NUL bytes and is not UTF-16 text; looks like a binary file")


def _sniffed_charset(sample: bytes) -> str | None:
    match = _META_CHARSET.search(sample) or _XML_ENCODING.search(sample)
    if not match:
        return None
    label = match.group(1).decode("ascii")
    # A page we can read as ASCII cannot really be UTF-16/32, whatever its <meta> claims.
    return None if label.lower().replace("-", "").startswith(("utf16", "utf32")) else label


def _codec_for(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _SUPERSETS.get(name.replace("-", "_"), name)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        if codec != "cp1252":
            return None
        # WHATWG windows-1252 maps its five unassigned bytes to C1 controls instead of failing.
        text = data.decode(codec, errors="c1-passthrough")
    return text


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (one pasted legacy character) is still UTF-8, not legacy text."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    well_formed = non_ascii - replaced
    return text if well_formed >= 10 * replaced else None


def _detected(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    candidates = list(from_bytes(data)) or list(from_bytes(data, threshold=_LOOSE_CHAOS_THRESHOLD))
    if not candidates:
        raise DecodeFailure(
            "undecodable", "not valid UTF-8, no usable declared charset, and no text encoding fits the bytes"
        )
    # Chaos differences below a few percent are noise between sibling code pages; coherence
    # (does the text look like a real language) separates them better.
    best = min(candidates, key=lambda match: (round(match.chaos / _CHAOS_BUCKET), -match.coherence))
    return Decoded(str(best), best.encoding, "detected")


def _c1_passthrough(error: UnicodeDecodeError) -> tuple[str, int]:
    return chr(error.object[error.start]), error.start + 1


codecs.register_error("c1-passthrough", _c1_passthrough)
