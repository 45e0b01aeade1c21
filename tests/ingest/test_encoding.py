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
