"""Bytes to text: BOM, then declared charsets (HTTP, then <meta>), then UTF-8, then detection.

A declared charset other than UTF-8 loses to bytes that are valid UTF-8 and not plain ASCII:
servers and templates routinely declare ISO-8859-1 for UTF-8 pages, while genuine legacy text
almost never happens to form valid multi-byte UTF-8 sequences, so the bytes are the better witness.

A few stray NUL bytes in text (a scraper's string terminator, a corrupt byte) are removed, not taken
for a binary file; only many NULs, or NULs among other control bytes, mean binary. Detection on little
text is a guess: among the encodings that read the bytes equally well, the one giving more letters
of common scripts wins, then the encoding more common on the web; `decode_page` reports the guess
(and removed NULs) as notes so they are recorded beside the page.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ingest.record import Note, Reject

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
# At most this share of the sniffed bytes may be NUL for the file still to be text with stray NULs.
_MAX_STRAY_NUL_SHARE = 0.01
_STRAY_NULS = 4  # ...or this many, in a short text
# Fewer non-ASCII bytes than this leave a detected encoding a low-confidence guess.
_CONFIDENT_NON_ASCII_BYTES = 64
# Legacy encodings by how common they are on the web (W3Techs), to break ties between equally good readings.
_WEB_PREVALENCE = ("cp1252", "cp1251", "gb18030", "cp932", "cp949", "cp1250", "big5", "cp1256", "cp1253", "cp1254",
                   "cp1255", "cp874", "cp1257", "euc_jp", "koi8_r", "iso8859_2")
# Blocks whose letters real text is made of, by script; a reading that yields letters outside them (CJK extension
# planes, Arabic presentation forms, rare historic scripts) or words mixing scripts ("Јуdџ") is less likely right.
_COMMON_LETTER_BLOCKS = (
    (0x0041, 0x024F, "latin"),  # ASCII and Latin-1 letters, Latin Extended-A and -B
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x052F, "cyrillic"),
    (0x05D0, 0x05EA, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0E00, 0x0E7F, "thai"),
    (0x3040, 0x30FF, "han"),  # Hiragana, Katakana: Japanese words mix them with ideographs
    (0x4E00, 0x9FFF, "han"),  # CJK unified ideographs (basic block)
    (0xAC00, 0xD7A3, "hangul"),
)
# Punctuation that real text uses: Latin-1 signs, dashes and quotes, CJK and fullwidth punctuation.
_COMMON_PUNCTUATION_BLOCKS = (
    (0x00A0, 0x00A1), (0x00AB, 0x00AB), (0x00B0, 0x00B0), (0x00BB, 0x00BB), (0x00BF, 0x00BF),  # nbsp ¡ « ° » ¿
    (0x2010, 0x2027), (0x3000, 0x303F), (0xFF01, 0xFF0F),
)
_WORD = re.compile(r"[^\W\d_]+")


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
    removed_nuls: int = 0  # stray NUL bytes dropped before decoding
    guess_doubt: str | None = None  # for 'detected': why the guess has low confidence, None when it has not


@dataclass(frozen=True, slots=True)
class DecodedPage:
    text: str
    utf8: bytes | None  # the input bytes when they are exactly the UTF-8 form of `text` (see RawPage.utf8)
    notes: tuple[Note, ...]  # what decoding changed or guessed


def decode(data: bytes, source_uri: str, *, declared: str | None = None) -> str | Reject:
    """Text of `data`, or a Reject ('binary_content' or 'undecodable') saying why there is none."""
    try:
        return decode_bytes(data, declared=declared).text
    except DecodeFailure as failure:
        return Reject(source_uri, failure.reason, failure.detail)


def decode_page(data: bytes, source_uri: str, *, declared: str | None = None) -> DecodedPage | Reject:
    """Like `decode`, plus the UTF-8 bytes when the input already was them, and notes on what was changed or guessed."""
    try:
        decoded = decode_bytes(data, declared=declared)
    except DecodeFailure as failure:
        return Reject(source_uri, failure.reason, failure.detail)
    # Strictly decoded UTF-8 round-trips byte for byte; 'mostly-utf-8' replaced bytes and 'utf-8-sig' dropped a BOM.
    same_bytes = decoded.encoding == "utf-8" and decoded.evidence != "mostly-utf-8" and not decoded.removed_nuls
    return DecodedPage(decoded.text, data if same_bytes else None, _notes_on(decoded, source_uri))


def _notes_on(decoded: Decoded, source_uri: str) -> tuple[Note, ...]:
    notes = []
    if decoded.removed_nuls:
        notes.append(Note(source_uri, "nul_removed", f"{decoded.removed_nuls} stray NUL bytes were removed from the text"))
    if decoded.evidence == "detected":
        confidence = f"low confidence: {decoded.guess_doubt}" if decoded.guess_doubt else "confident"
        notes.append(
            Note(source_uri, "charset_guessed", f"no usable charset declared and not UTF-8; decoded as "
                 f"{decoded.encoding} by detection ({confidence})")
        )
    return tuple(notes)


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
        utf16 = _utf16_without_bom(data, sample)
        if utf16 is not None:
            return utf16
        nuls = sample.count(0)
        if nuls > max(_STRAY_NULS, _MAX_STRAY_NUL_SHARE * len(sample)) or 4 * nuls > len(sample):
            raise DecodeFailure("binary_content", "contains NUL bytes and is not UTF-16 text; looks like a binary file")
    if b"\x00" in data:
        removed = data.count(0)
        decoded = decode_bytes(data.replace(b"\x00", b""), declared=declared)
        return Decoded(decoded.text, decoded.encoding, decoded.evidence, removed, decoded.guess_doubt)
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
        if codec == "utf-8":
            # Declared UTF-8 whose multi-byte sequences are mostly well formed: a few stray bytes, not legacy text.
            text = _mostly_utf8(data, min_well_formed_per_stray=1)
            if text is not None:
                return Decoded(text, "utf-8", "mostly-utf-8")

    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "utf-8")
    text = _mostly_utf8(data)
    if text is not None:
        return Decoded(text, "utf-8", "mostly-utf-8")
    return _detected(data)


def _utf16_without_bom(data: bytes, sample: bytes) -> Decoded | None:
    """UTF-16 text without a BOM: NUL bytes in every other position."""
    even, odd = sample[0::2], sample[1::2]
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > len(zeros) / 2 and others.count(0) < len(others) / 20:
            text = _strict(data, codec)
            if text is not None:
                return Decoded(text, codec, "utf-16-pattern")
    return None


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


def _mostly_utf8(data: bytes, min_well_formed_per_stray: int = 10) -> str | None:
    """UTF-8 with a few stray bytes (one pasted legacy character) is still UTF-8, not legacy text."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    well_formed = non_ascii - replaced
    return text if well_formed >= min_well_formed_per_stray * replaced else None


def _detected(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    candidates = list(from_bytes(data)) or list(from_bytes(data, threshold=_LOOSE_CHAOS_THRESHOLD))
    if not candidates:
        raise DecodeFailure(
            "undecodable", "not valid UTF-8, no usable declared charset, and no text encoding fits the bytes"
        )
    # Chaos differences below a few percent are noise between sibling code pages; coherence
    # (does the text look like a real language) separates them better.
    def tier(match) -> tuple[int, float]:
        return round(match.chaos / _CHAOS_BUCKET), -match.coherence

    best_tier = min(tier(match) for match in candidates)
    readings = {}
    for match in candidates:
        if tier(match) == best_tier:
            readings.setdefault(str(match), match.encoding)
    ranked = sorted(readings.items(), key=lambda reading: (-_plausibility(reading[0]), _prevalence(reading[1])))
    text, encoding = ranked[0]
    return Decoded(text, encoding, "detected", guess_doubt=_doubt(data, ranked))


def _plausibility(text: str) -> int:
    """Non-ASCII characters that look like real text: letters of common scripts in words of one script, and
    common punctuation."""
    letters = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = {_script(character) for character in word}
        if len(scripts) == 1 and None not in scripts:
            letters += sum(1 for character in word if not character.isascii())
    punctuation = sum(
        1 for character in text
        if not character.isascii() and any(low <= ord(character) <= high for low, high in _COMMON_PUNCTUATION_BLOCKS)
    )
    return letters + punctuation


def _script(character: str) -> str | None:
    code = ord(character)
    return next((script for low, high, script in _COMMON_LETTER_BLOCKS if low <= code <= high), None)


def _prevalence(encoding: str) -> int:
    name = codecs.lookup(encoding).name.replace("-", "_")
    name = _SUPERSETS.get(name, name)
    return _WEB_PREVALENCE.index(name) if name in _WEB_PREVALENCE else len(_WEB_PREVALENCE)


def _doubt(data: bytes, ranked: list[tuple[str, str]]) -> str | None:
    non_ascii = len(data) - len(data.translate(None, bytes(range(128, 256))))
    others = [encoding for text, encoding in ranked[1:] if _plausibility(text) == _plausibility(ranked[0][0])]
    reasons = []
    if non_ascii < _CONFIDENT_NON_ASCII_BYTES:
        reasons.append(f"only {non_ascii} non-ASCII bytes")
    if others:
        reasons.append(f"{', '.join(others[:3])} read the bytes as well")
    return "; ".join(reasons) or None


def _c1_passthrough(error: UnicodeDecodeError) -> tuple[str, int]:
    return chr(error.object[error.start]), error.start + 1


codecs.register_error("c1-passthrough", _c1_passthrough)
