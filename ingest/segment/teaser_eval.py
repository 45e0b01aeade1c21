"""Teaser and title scoring on the hand-labelled real-page dev set (tests/segment/teaser_dev), plus a CLI.

Pages are read with the loader's own readers (same decoding, same content_format) and segmented with
`segment_batch` as the dbt model does (no url: files loaded from disk have none).

Matching: a predicted teaser matches a labelled one when their titles are equal after `normalize_title`
(Unicode NFKC, case folded, every run of non-word characters, i.e. punctuation, ellipses and spaces, turned
into one space). Each labelled teaser is matched at most once, each prediction at most once, in page order.
Article titles are compared after collapsing whitespace only (`normalize_space`): case and punctuation count.
Body ends: the labelled first and last words of the body must occur in the predicted body (both `normalize_title`d),
a cheap check that the body neither lost its ends nor is missing.

Text twins: every labelled HTML page also has its browser-rendered text under text/<name>.txt.gz and a
`lynx -dump` under lynx/<name>.txt.gz (made by tests/segment/teaser_dev/make_text_twin.py), and html2text's
Markdown under markdown/<name>.md.gz (made by make_markdown_twin.py there); `evaluate(twin='text'|'lynx'|
'markdown')` scores them, as content_format 'text' (or 'markdown'), against the same labels. Each kind is
printed as a separate block.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SET_DIR = Path(__file__).resolve().parents[2] / "tests" / "segment" / "teaser_dev"
SPLITS = ("tune", "report")

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_SPACE = re.compile(r"\s+", re.UNICODE)


def normalize_title(text: str | None) -> str:
    """Teaser-title key: NFKC, case folded, punctuation and whitespace runs turned into single spaces."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def normalize_space(text: str | None) -> str:
    """Article-title key: whitespace runs collapsed to one space and trimmed; nothing else changes."""
    return _SPACE.sub(" ", text or "").strip()


def match_teasers(labelled: Sequence[Mapping], predicted: Sequence[Mapping]) -> list[tuple[int, int]]:
    """(labelled index, predicted index) pairs whose normalized titles are equal, one-to-one, in order."""
    free: dict[str, list[int]] = {}
    for index, teaser in enumerate(predicted):
        key = normalize_title(teaser.get("title"))
        if key:
            free.setdefault(key, []).append(index)
    pairs = []
    for index, teaser in enumerate(labelled):
        candidates = free.get(normalize_title(teaser.get("title")))
        if candidates:
            pairs.append((index, candidates.pop(0)))
    return pairs


@dataclass
class Tally:
    """Counts over a group of pages; the rates are computed from them."""

    pages: int = 0
    labelled: int = 0
    predicted: int = 0
    matched: int = 0
    echo_right: int = 0
    truncation_right: int = 0
    snippet_right: int = 0
    titles_right: int = 0
    body_ends_right: int = 0
    pages_with_teasers: int = 0
    pages_missed: int = 0
    pages_without_widget: int = 0
    pages_invented: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def rates(self) -> dict[str, float | None]:
        return {
            "teaser_recall": _ratio(self.matched, self.labelled),
            "teaser_precision": _ratio(self.matched, self.predicted),
            "echo_accuracy": _ratio(self.echo_right, self.matched),
            "truncation_accuracy": _ratio(self.truncation_right, self.matched),
            "snippet_presence_accuracy": _ratio(self.snippet_right, self.matched),
            "title_accuracy": _ratio(self.titles_right, self.pages),
            "body_ends_accuracy": _ratio(self.body_ends_right, self.pages),
        }


@dataclass
class PageResult:
    name: str
    split: str
    site: str
    tally: Tally
    predicted_title: str | None
    error: str | None = None
    missed_titles: list[str] = field(default_factory=list)
    extra_titles: list[str] = field(default_factory=list)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def score_page(label: Mapping, segmented: Mapping) -> PageResult:
    """Compare one page's segmentation output with its label."""
    labelled = label.get("teasers") or []
    predicted = segmented.get("teasers") or []
    pairs = match_teasers(labelled, predicted)
    tally = Tally(pages=1, labelled=len(labelled), predicted=len(predicted), matched=len(pairs))
    for label_index, predicted_index in pairs:
        truth, guess = labelled[label_index], predicted[predicted_index]
        has_snippet = bool(normalize_space(guess.get("snippet")))
        tally.echo_right += bool(guess.get("has_title_echo")) == bool(truth.get("echo"))
        tally.truncation_right += bool(guess.get("is_truncated")) == bool(truth.get("truncated"))
        tally.snippet_right += has_snippet == bool(truth.get("has_snippet"))
    tally.titles_right = int(normalize_space(segmented.get("title")) == normalize_space(label.get("title")))
    body = normalize_title(segmented.get("body"))
    tally.body_ends_right = int(
        bool(body) and normalize_title(label["body_start"]) in body and normalize_title(label["body_end"]) in body
    )
    if labelled:
        tally.pages_with_teasers = 1
        tally.pages_missed = int(not predicted)
    else:
        tally.pages_without_widget = 1
        tally.pages_invented = int(bool(predicted))
    matched_labelled = {label_index for label_index, _ in pairs}
    matched_predicted = {predicted_index for _, predicted_index in pairs}
    return PageResult(
        name=label["page"],
        split=label["split"],
        site=label["site"],
        tally=tally,
        predicted_title=segmented.get("title"),
        error=segmented.get("error"),
        missed_titles=[t["title"] for i, t in enumerate(labelled) if i not in matched_labelled],
        extra_titles=[t.get("title") or "" for i, t in enumerate(predicted) if i not in matched_predicted],
    )


def load_labels(set_dir: Path) -> list[dict]:
    """The set's labels.jsonl, one dict per page."""
    with open(set_dir / "labels.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


TWINS = ("text", "lynx", "markdown")
# Twins of these kinds are Markdown captures, loaded as content_format 'markdown'; the others are text dumps.
MARKDOWN_TWINS = ("markdown",)


def twin_format(kind: str) -> str:
    """The content_format a twin of `kind` is loaded and segmented as."""
    return "markdown" if kind in MARKDOWN_TWINS else "text"


def twin_page(label: Mapping, kind: str = "text") -> str:
    """Path (under the set folder) of the page's text twin of `kind` ('text': browser-rendered innerText,
    'lynx': `lynx -dump`: <kind>/<name>.txt.gz; 'markdown': html2text's Markdown: markdown/<name>.md.gz); a
    text page is its own twin."""
    page = label["page"]
    if label["content_format"] != "html":
        return page
    name = Path(page).name
    for suffix in (".html.gz", ".htm.gz", ".html", ".htm"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return f"{kind}/{name}.{'md' if kind in MARKDOWN_TWINS else 'txt'}.gz"


def twin_labels(labels: Iterable[Mapping], kind: str = "text") -> list[dict]:
    """The labels pointed at the twins of `kind` (content_format 'text', or 'markdown' for a Markdown twin;
    a text page stays 'text'); everything else is unchanged."""
    return [
        {
            **label,
            "page": twin_page(label, kind),
            "content_format": twin_format(kind) if label["content_format"] == "html" else "text",
        }
        for label in labels
    ]


def read_page(path: Path, content_format: str) -> str:
    """The page text exactly as `ingest load` would store it (gzip sniffed, charset decoded; the loader's notes,
    such as a guessed charset, are not needed here)."""
    from ingest.readers.base import read_single_page
    from ingest.record import Note, RawPage

    items = [item for item in read_single_page(path, str(path), content_format, None) if not isinstance(item, Note)]
    if len(items) != 1 or not isinstance(items[0], RawPage):
        raise ValueError(f"{path}: the loader would not load this page: {items}")
    return items[0].body


def segment_pages(set_dir: Path, labels: Iterable[Mapping]) -> list[dict]:
    """Segment the labelled pages in one batch, as the pipeline does."""
    from ingest.segment import segment_batch

    rows = [
        {
            "page_id": label["page"],
            "content_format": label["content_format"],
            "body": read_page(set_dir / label["page"], label["content_format"]),
            "url": None,
        }
        for label in labels
    ]
    return segment_batch(rows)


def evaluate(set_dir: Path = DEFAULT_SET_DIR, twin: str | None = None) -> tuple[dict[str, Tally], list[PageResult]]:
    """Tallies per split and 'overall', and one result per page; with `twin` ('text' or 'lynx'), on the pages'
    text twins of that kind."""
    labels = load_labels(set_dir)
    if twin:
        labels = twin_labels(labels, twin)
    results = [score_page(label, out) for label, out in zip(labels, segment_pages(set_dir, labels), strict=True)]
    tallies = {split: Tally() for split in (*SPLITS, "overall")}
    for result in results:
        tallies[result.split].add(result.tally)
        tallies["overall"].add(result.tally)
    return tallies, results


def _format_rate(value: float | None) -> str:
    return "   -" if value is None else f"{value:.3f}"


def sites_per_split(results: Iterable[PageResult]) -> dict[str, int]:
    sites: dict[str, set[str]] = {split: set() for split in (*SPLITS, "overall")}
    for result in results:
        sites[result.split].add(result.site)
        sites["overall"].add(result.site)
    return {split: len(names) for split, names in sites.items()}


def format_summary(tallies: Mapping[str, Tally], sites: Mapping[str, int]) -> list[str]:
    header = (
        f"{'split':<8} {'pages':>5} {'sites':>5} {'teasers':>7} {'found':>5} {'recall':>6} {'prec':>6} "
        f"{'echo':>6} {'trunc':>6} {'snip':>6} {'title':>6} {'body':>6} {'missed':>9} {'invented':>9}"
    )
    lines = [header]
    for split, tally in tallies.items():
        rates = tally.rates()
        lines.append(
            f"{split:<8} {tally.pages:>5} {sites.get(split, 0):>5} {tally.labelled:>7} "
            f"{tally.predicted:>5} {_format_rate(rates['teaser_recall']):>6} "
            f"{_format_rate(rates['teaser_precision']):>6} {_format_rate(rates['echo_accuracy']):>6} "
            f"{_format_rate(rates['truncation_accuracy']):>6} {_format_rate(rates['snippet_presence_accuracy']):>6} "
            f"{tally.titles_right:>2}/{tally.pages:<3} {tally.body_ends_right:>2}/{tally.pages:<3} "
            f"{tally.pages_missed:>3}/{tally.pages_with_teasers:<5} "
            f"{tally.pages_invented:>3}/{tally.pages_without_widget:<5}"
        )
    return lines


def format_pages(results: Sequence[PageResult]) -> list[str]:
    lines = [f"{'split':<6} {'page':<44} {'lab':>4} {'pred':>4} {'match':>5} {'echo':>4} {'trnc':>4} {'title':>5}"]
    for result in results:
        tally = result.tally
        lines.append(
            f"{result.split:<6} {result.name[-44:]:<44} {tally.labelled:>4} {tally.predicted:>4} {tally.matched:>5} "
            f"{tally.echo_right:>4} {tally.truncation_right:>4} {'ok' if tally.titles_right else 'WRONG':>5}"
        )
        if not tally.titles_right:
            lines.append(f"{'':<8}predicted title: {result.predicted_title!r}")
        if result.error:
            lines.append(f"{'':<8}error: {result.error}")
        lines.extend(f"{'':<8}missed: {title!r}" for title in result.missed_titles)
        lines.extend(f"{'':<8}extra:  {title!r}" for title in result.extra_titles)
    return lines


BLOCK_TITLES = {
    "html": "pages as found (HTML)",
    "text": "text twin (browser-rendered text dumps of the same pages: Chromium innerText)",
    "lynx": "lynx twin (text-browser dumps of the same pages: lynx -dump, with its link list)",
    "markdown": "Markdown twin (the same pages converted by html2text, as a crawler's Markdown capture)",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set-dir", type=Path, default=DEFAULT_SET_DIR, help="folder with labels.jsonl and pages/")
    parser.add_argument("--verbose", action="store_true", help="also print one row per page, with misses")
    parser.add_argument("--json", action="store_true", help="print the per-split rates and counts as JSON")
    parser.add_argument("--only", choices=("html", *TWINS), help="score only the pages as found (html) or only"
                        " one kind of text twin (text: browser innerText, lynx: lynx -dump); all by default")
    args = parser.parse_args(argv)
    blocks = [("html", None), *((kind, kind) for kind in TWINS)]
    blocks = [block for block in blocks if args.only in (None, block[0])]
    evaluated = {name: evaluate(args.set_dir, twin=twin) for name, twin in blocks}
    if args.json:
        summary = {}
        for name, (tallies, results) in evaluated.items():
            sites = sites_per_split(results)
            summary[name] = {
                split: {**vars(tally), **tally.rates(), "sites": sites[split]} for split, tally in tallies.items()
            }
        print(json.dumps(summary if len(summary) > 1 else next(iter(summary.values())), indent=2, sort_keys=True))
        return 0
    for name, (tallies, results) in evaluated.items():
        print(BLOCK_TITLES[name])
        if args.verbose:
            print("\n".join(format_pages(results)))
            print()
        print("\n".join(format_summary(tallies, sites_per_split(results))))
        print()
    print(
        "recall/prec: labelled teasers matched by normalized title / predicted teasers matched; echo, trunc, snip:"
        " flag right on matched teasers; title: article title exact (whitespace normalized);"
        " body: labelled first and last body words both in the predicted body;"
        " missed: labelled pages with no teaser found; invented: widget-free pages given teasers"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
