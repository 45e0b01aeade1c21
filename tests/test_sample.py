"""Tests of the sample corpus generator: determinism, formats, sizes, parseability and manifest ground truth."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from ingest.sample import FORMATS, PAYWALL_LINE, XSS_PROBE, generate, read_manifest_pages


def _tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    generate(out, pages=60, seed=7)
    return out


@pytest.fixture(scope="module")
def pages(corpus) -> list[dict]:
    return list(read_manifest_pages(corpus))


def test_same_seed_gives_byte_identical_output(corpus, tmp_path):
    generate(tmp_path, pages=60, seed=7)
    assert _tree_digest(tmp_path) == _tree_digest(corpus)


def test_other_seed_gives_other_output(corpus, tmp_path):
    generate(tmp_path, pages=60, seed=8)
    assert _tree_digest(tmp_path) != _tree_digest(corpus)


def test_every_format_is_written_under_its_own_folder(corpus, pages):
    for fmt in FORMATS:
        assert any((corpus / fmt).rglob("*")), fmt
    assert {p["format"] for p in pages} == set(FORMATS)
    for page in pages:
        assert (corpus / page["path"]).is_file()
    assert list((corpus / "jsonl").glob("*.jsonl")) and list((corpus / "jsonl").glob("*.jsonl.gz"))


def test_markdown_captures_have_front_matter_some_broken_and_segment_to_the_truth(corpus, pages):
    from ingest.readers.markdown import read as read_markdown
    from ingest.segment import segment_batch

    captures = [page for page in pages if page["format"] == "markdown"]
    assert {page["front_matter_valid"] for page in captures} == {True, False}
    assert any(page["path"].endswith(".md.gz") for page in captures)
    assert len({page["site"] for page in captures}) >= 2
    for page in captures:
        items = list(read_markdown(corpus / page["path"], page["path"]))
        capture = items[-1]
        assert capture.body.startswith("---\ntitle: ") and f"url: {page['url']}" in capture.body
        assert (capture.url == page["url"]) is page["front_matter_valid"]
        assert (len(items) == 1) is page["front_matter_valid"]  # else a note comes first
        row = segment_batch([{"page_id": "p", "content_format": "markdown", "body": capture.body, "url": None}])[0]
        assert row["title"] == page["title"]
        assert page["body_first_words"] in row["body"] and page["body_last_words"] in row["body"]
        assert [teaser["title"] for teaser in row["teasers"]] == [teaser["title"] for teaser in page["teasers"]]


def test_summary_matches_what_is_on_disk(tmp_path):
    summary = generate(tmp_path, pages=24, seed=3)
    on_disk = Counter(p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*") if p.is_file()
                      and not p.name.startswith("manifest"))
    assert summary["files"] == dict(on_disk)
    assert summary["bytes"] == sum(p.stat().st_size for fmt in FORMATS for p in (tmp_path / fmt).rglob("*")
                                   if p.is_file())
    assert summary["pages"] == 24 == sum(1 for _ in read_manifest_pages(tmp_path))


def test_formats_argument_limits_the_output(tmp_path):
    summary = generate(tmp_path, pages=12, seed=7, formats=("warc",))
    assert set(summary["files"]) == {"warc"}
    assert not (tmp_path / "html").exists()


def test_manifest_feature_counts_are_all_positive(corpus):
    features = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["features"]
    wanted = ["syndicated_copies", "body_paywall", "body_cut_mid_word", "pull_quotes", "title_repeated_in_body",
              "deks", "pages_with_comments", "xss_probe_pages", "encoding_windows-1252", "encoding_utf-8-sig",
              "teaser_sightings_echoed", "teaser_sightings_linking_corpus_article", "teaser_sightings_cut_mid_word",
              "teaser_sightings_cut_entity", "teaser_sightings_bait", "teaser_sightings_ellipsis",
              "teaser_sightings_read_more", "teaser_sightings_complete"]
    assert {name: features.get(name, 0) > 0 for name in wanted} == dict.fromkeys(wanted, True)


def test_teasers_recur_across_pages_of_a_site(pages):
    sightings = Counter((p["site"], t["title"]) for p in pages for t in p["teasers"])
    assert max(sightings.values()) >= 5
    assert sum(count > 1 for count in sightings.values()) >= 20


def test_teasers_that_link_to_corpus_articles_match_an_article_of_the_same_site(pages):
    titles_by_url = {p["url"]: (p["site"], p["title"]) for p in pages}
    linked = [(p["site"], t) for p in pages for t in p["teasers"] if t["links_to_corpus_article"]]
    assert linked
    for site, teaser in linked:
        assert titles_by_url[teaser["link_url"]] == (site, teaser["title"])


def test_teaser_echo_and_truncation_labels_agree_with_the_snippet(pages):
    teasers = {(t["title"], t["snippet"]): t for p in pages for t in p["teasers"]}.values()
    lowercase_runs = 0
    for teaser in teasers:
        title, snippet = teaser["title"], teaser["snippet"]
        follows_title = snippet[len(title) + 1:len(title) + 2]
        if teaser["echoed"]:
            assert snippet.startswith(title + " ") and follows_title.isupper()
        elif snippet.startswith(title + " "):
            assert follows_title.islower()
            lowercase_runs += 1
        reason = teaser["truncation_reason"]
        if reason == "cut_mid_word":
            assert snippet[-1].isalnum() and not snippet.endswith((".", "!", "?"))
        elif reason == "cut_entity":
            assert snippet.endswith("&")
        elif reason == "bait":
            assert "continue reading" in snippet.lower()
        elif reason is None:
            assert snippet.endswith((".", "!", "?", "”"))
    assert lowercase_runs > 0


def test_syndicated_copies_share_the_body_of_an_original_on_another_site(pages):
    by_url = {p["url"]: p for p in pages}
    copies = [p for p in pages if p["syndicated_of"]]
    assert copies
    for copy in copies:
        original = by_url[copy["syndicated_of"]]
        assert original["site"] != copy["site"]
        assert copy["body_last_words"] == original["body_last_words"]
        assert copy["storyline"] == original["storyline"]


def test_titles_are_unique_within_a_site(pages):
    counts = Counter((p["site"], p["title"]) for p in pages)
    assert max(counts.values()) == 1


def test_published_dates_spread_over_weeks(pages):
    published = sorted(datetime.fromisoformat(p["published_at"]) for p in pages)
    assert len({moment.date() for moment in published}) >= 10
    assert (published[-1] - published[0]).days >= 14


def test_text_dumps_look_like_rendered_pages(corpus, pages):
    for page in (p for p in pages if p["format"] == "text"):
        text = (corpus / page["path"]).read_text(encoding="utf-8")
        assert text.count(page["title"]) >= 2
        assert page["body_last_words"] in text
        for teaser in page["teasers"]:
            assert f"\n{teaser['title']}\n\n{teaser['snippet']}\n" in text
        if page["body_truncation"] == "paywall":
            assert PAYWALL_LINE in text
    xss_text = [p for p in pages if p["contains_xss_probe"] and p["format"] == "text"]
    assert xss_text and XSS_PROBE in (corpus / xss_text[0]["path"]).read_text(encoding="utf-8")


def test_html_files_carry_metadata_widgets_and_declared_encodings(corpus, pages):
    html_pages = [p for p in pages if p["format"] == "html"]
    markup = "".join((corpus / p["path"]).read_bytes().decode("utf-8", errors="replace") for p in html_pages)
    for needle in ('<div class="widget PopularPosts"', '<div class="item-title"><a href=', 'class="item-snippet"',
                   '<div id="jp-relatedposts" class="jp-relatedposts"', "jp-relatedposts-post", 'class="card-list"',
                   "<article", "<h1", 'property="og:title"', 'property="article:published_time"',
                   'name="author"', 'rel="canonical"', "Skip to main content"):
        assert needle in markup, needle
    for page in html_pages:
        raw = (corpus / page["path"]).read_bytes()
        if page["encoding"] == "windows-1252":
            assert b'charset="windows-1252"' in raw
            text = raw.decode("cp1252")
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
        elif page["encoding"] == "utf-8-sig":
            assert raw.startswith(b"\xef\xbb\xbf")
            text = raw.decode("utf-8-sig")
        else:
            text = raw.decode("utf-8")
        assert page["url"] in text
        if page["contains_xss_probe"]:
            assert XSS_PROBE not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_warc_archives_parse_and_hold_html_and_other_records(corpus, pages):
    records = []
    for path in sorted((corpus / "warc").glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                content_type = record.http_headers.get_header("Content-Type") if record.http_headers else None
                records.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), content_type,
                                record.rec_headers.get_header("WARC-Date"), record.content_stream().read()))
    kinds = Counter((rec_type, (ctype or "").split(";")[0]) for rec_type, _, ctype, _, _ in records)
    assert kinds[("response", "text/html")] == sum(p["format"] == "warc" for p in pages)
    assert kinds[("response", "image/png")] > 0 and kinds[("response", "text/plain")] > 0
    assert kinds[("request", "")] > 0
    assert all(date for _, _, _, date, _ in records)
    warc_urls = {uri for rec_type, uri, ctype, _, _ in records if (ctype or "").startswith("text/html")}
    assert warc_urls == {p["url"] for p in pages if p["format"] == "warc"}
    png = next(body for _, _, ctype, _, body in records if ctype == "image/png")
    assert png.startswith(b"\x89PNG")


def test_jsonl_lines_parse_in_both_shapes(corpus, pages):
    rows = []
    for path in sorted((corpus / "jsonl").iterdir()):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as lines:
            rows += [json.loads(line) for line in lines]
    assert len(rows) == sum(p["format"] == "jsonl" for p in pages)
    shapes = Counter(tuple(sorted(row)) for row in rows)
    assert set(shapes) == {("fetched_at", "html", "url"), ("text", "url")}


def test_benchmark_scale_pages_have_realistic_sizes(tmp_path):
    generate(tmp_path, pages=120, seed=11, formats=("html", "text"))
    html_sizes = [p.stat().st_size for p in (tmp_path / "html").rglob("*.html")]
    text_sizes = [p.stat().st_size for p in (tmp_path / "text").rglob("*.txt")]
    assert html_sizes and text_sizes
    assert 50_000 <= min(html_sizes) and max(html_sizes) <= 200_000
    assert 5_000 <= min(text_sizes) and max(text_sizes) <= 20_000


def test_sites_scale_with_pages_and_use_example_domains(tmp_path):
    summary = generate(tmp_path, pages=200, seed=7, formats=("text",))
    assert summary["sites"] == 4
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert all(site["site"].endswith(".example") for site in manifest["site_list"])
    assert generate(tmp_path, pages=300, seed=7, formats=("text",))["sites"] == 6
