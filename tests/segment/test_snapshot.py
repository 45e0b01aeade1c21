"""The output fingerprints that prove an optimisation changes no segmentation output."""

from __future__ import annotations

import copy

from ingest.segment import segment_batch
from ingest.segment.snapshot import differences, fingerprint


def test_fingerprint_sees_every_field_of_a_real_page(seed_text):
    row = segment_batch([{"page_id": "seed", "content_format": "text", "body": seed_text, "url": None}])[0]
    assert row["error"] is None and row["body"] and row["teasers"]
    again = segment_batch([{"page_id": "seed", "content_format": "text", "body": seed_text, "url": None}])[0]
    assert fingerprint(again) == fingerprint(row)
    flipped = copy.deepcopy(row)
    flipped["teasers"][-1]["is_truncated"] = not flipped["teasers"][-1]["is_truncated"]
    assert fingerprint(flipped) != fingerprint(row)
    retitled = {**row, "title": (row["title"] or "") + "."}
    assert fingerprint(retitled) != fingerprint(row)


def test_differences_lists_changed_missing_and_new_pages():
    expected = {"a": "1", "b": "2", "c": "3"}
    actual = {"a": "1", "b": "9", "d": "4"}
    assert differences(expected, actual) == ["b", "c", "d"]
    assert differences(expected, dict(expected)) == []
