"""Bytes to text: BOMs, declared charsets, UTF-8, detection, and the two kinds of refusal."""

from __future__ import annotations

import pytest

from ingest.encoding import DecodeFailure, decode, decode_bytes
from ingest.record import Reject

FRENCH = "Le café de la gare était fermé; les élèves attendaient leur professeur préféré. " * 4


def test_plain_utf8_is_decoded_without_detection():
    decoded = decode_bytes("Grüße, 日本語, emoji 🎉".encode("utf-8"))
    assert (decoded.text, decoded.evidence) == ("Grüße, 日本語, emoji 🎉", "utf-8")


def test_windows_1252_page_is_decoded_by_its_meta_charset():
    page = f'<html><head><meta charset="windows-1252"></head><body>{FRENCH} 5 €</body></html>'
    decoded = decode_bytes(page.encode("cp1252"))
    assert decoded.evidence == "meta"
    assert "préféré" in decoded.text and "5 €" in decoded.text


def test_http_equiv_content_type_declares_the_charset():
    page = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-15"><p>prix: 10 €</p>'
    assert "10 €" in decode_bytes(page.encode("iso-8859-15")).text


def test_iso_8859_1_label_decodes_as_windows_1252_like_browsers():
    page = '<meta charset="iso-8859-1"><p>“quoted” – dash</p>'
    assert "“quoted” – dash" in decode_bytes(page.encode("cp1252")).text


def test_http_charset_wins_over_meta_when_both_fit():
    page = '<meta charset="utf-8"><p>Привет</p>'.encode("koi8_r")
    decoded = decode_bytes(page, declared="koi8-r")
    assert decoded.evidence == "declared" and "Привет" in decoded.text


def test_valid_utf8_beats_a_wrong_legacy_declaration():
    page = '<meta charset="iso-8859-1"><p>café crème</p>'.encode("utf-8")
    assert "café crème" in decode_bytes(page, declared="iso-8859-1").text


def test_utf16_with_bom():
    decoded = decode_bytes("\ufeff<html><body>Grüße 日本</body></html>".encode("utf-16-le"))
    assert decoded.evidence == "bom" and decoded.text == "<html><body>Grüße 日本</body></html>"


def test_utf16_without_bom_is_recognised_by_its_nul_pattern():
    decoded = decode_bytes("<p>hello world, Grüße</p>".encode("utf-16-le"))
    assert decoded.text == "<p>hello world, Grüße</p>"


def test_utf8_bom_is_stripped():
    assert decode_bytes("\ufeffhello".encode("utf-8")).text == "hello"


def test_undeclared_legacy_text_is_detected():
    decoded = decode_bytes(("Привет, как дела? Это текст на русском языке. " * 5).encode("cp1251"))
    assert decoded.evidence == "detected" and "русском" in decoded.text


def test_utf8_with_one_stray_legacy_byte_stays_utf8():
    data = ("Ünïcödé text " * 20).encode("utf-8") + b"\xe9" + " more".encode()
    decoded = decode_bytes(data)
    assert decoded.evidence == "mostly-utf-8"
    assert decoded.text.startswith("Ünïcödé text") and decoded.text.count("\ufffd") == 1


def test_declared_utf8_with_few_characters_and_one_stray_byte_stays_utf8():
    """A page that declares UTF-8 and holds two well-formed characters beside one stray byte is UTF-8 with one
    replacement, not a legacy page guessed from nine bytes (which garbles the good characters too)."""
    data = ('<meta charset="utf-8"><p>Singapore’s Midgård</p><p>x' .encode("utf-8") + b"\x96" + b"</p>")
    decoded = decode_bytes(data)
    assert (decoded.encoding, decoded.evidence) == ("utf-8", "mostly-utf-8")
    assert "Singapore’s Midgård" in decoded.text and decoded.text.count("\ufffd") == 1
    assert decode_bytes(data.replace(b'<meta charset="utf-8">', b"")).evidence != "mostly-utf-8"


def test_binary_junk_is_refused_as_binary_content():
    junk = bytes(range(256)) * 8
    with pytest.raises(DecodeFailure) as failure:
        decode_bytes(junk)
    assert failure.value.reason == "binary_content"


def test_control_heavy_bytes_without_nul_are_binary_content():
    reject = decode(bytes([1, 2, 3, 4, 5, 6, 65]) * 100, "file.txt")
    assert isinstance(reject, Reject) and reject.reason == "binary_content"


def test_decode_returns_a_reject_naming_the_source():
    reject = decode(b"\x00\x01\x02\x00\xff" * 50, "/data/x.html")
    assert isinstance(reject, Reject)
    assert reject.source_uri == "/data/x.html" and reject.detail


def _page(data: bytes):
    from ingest.encoding import decode_page

    return decode_page(data, "page.html")


@pytest.mark.parametrize("position", [10, 6000])
def test_a_stray_nul_in_a_text_page_is_removed_and_noted_wherever_it_sits(position):
    text = "<p>" + "Plain words of an ordinary page. " * 300 + "</p>"
    data = text[:position].encode() + b"\x00" + text[position:].encode()
    page = _page(data)
    assert page.text == text and page.utf8 is None
    assert [(note.kind, note.source_uri) for note in page.notes] == [("nul_removed", "page.html")]


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, b"%PDF-1.7\n" + bytes(200) + b"stream",
     b"\x00" * 3 + b"ab"],
)
def test_real_binaries_are_still_rejected(data):
    assert isinstance(_page(data), Reject) and _page(data).reason == "binary_content"


@pytest.mark.parametrize(
    ("text", "codec"),
    [("<p>crème</p>", "latin-1"), ("<p>Une crème brûlée, s'il vous plaît.</p>", "latin-1"),
     ("<p>こんにちは、世界</p>", "shift_jis"), ("<p>東京は晴れ、明日は雨です。</p>", "shift_jis"),
     ("<p>Příliš žluťoučký kůň úpěl ďábelské ódy</p>", "cp1250")],
)
def test_short_legacy_pages_without_a_charset_decode_right_and_the_guess_is_noted(text, codec):
    page = _page(text.encode(codec))
    assert page.text == text
    [note] = page.notes
    assert note.kind == "charset_guessed" and "low confidence" in note.detail


def test_a_page_too_short_to_tell_its_charset_records_a_low_confidence_guess():
    page = _page("<p>日本語</p>".encode("shift_jis"))  # three ideographs: Chinese and Japanese readings both fit
    [note] = page.notes
    assert note.kind == "charset_guessed" and "low confidence" in note.detail and "read the bytes as well" in note.detail


def test_declared_and_utf8_pages_carry_no_notes():
    assert _page("<p>crème</p>".encode()).notes == ()
    assert _page(b'<meta charset="latin-1"><p>cr\xe8me</p>').notes == ()
