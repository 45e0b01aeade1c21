"""Deterministic generator of the sample corpus: invented news sites as HTML, text dumps, WARC, JSONL and Markdown.

`generate(out_dir)` writes `out_dir/<format>/...` plus the ground truth a test can check:
`manifest.json` (seed, sites with their teaser tables, feature counts, files) and `manifest.jsonl`
(one line per page: url, format, path, title, syndication, body truncation, teasers placed on it...).
The same seed always gives byte-identical files. Pages are written one at a time, so memory stays
flat at any size; only one site's chrome and teaser table are held at once.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import struct
import uuid
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime, timedelta
from html import escape
from io import BytesIO
from pathlib import Path
from random import Random

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest.sample_stories import (
    AUTHOR_NAMES,
    COMMENT_LINES,
    COMMENTER_NAMES,
    LOWERCASE_CONTINUATIONS,
    STORYLINES,
    Storyline,
)

FORMATS = ("html", "text", "warc", "jsonl", "markdown")
# Formats drawn by weight; Markdown captures are made of some pages drawn as HTML (their own random stream), so
# adding them left every text, WARC and JSONL page of a corpus as it was.
DRAWN_FORMATS = ("html", "text", "warc", "jsonl")
MARKDOWN_SHARE_OF_HTML = 0.3
# Every BROKEN_FRONT_MATTER_EVERY-th slot (by site index + slot) of a Markdown capture gets front matter that is
# not valid YAML: the page must still load, without url and fetch time.
BROKEN_FRONT_MATTER_EVERY = 3
PAYWALL_LINE = "Subscribe to continue reading"
XSS_PROBE = "<script>alert(1)</script>"
FIRST_PUBLISHED = datetime(2024, 3, 4, 6, 0)
PUBLISHING_WINDOW_DAYS = 35
TEASER_POOL_IN_CORPUS = 4
TEASER_POOL_EXTERNAL = 6
SYNDICATED_SHARE = 0.05
TRUNCATED_SHARE = 0.10
# Above this many pages the corpus is a benchmark: mostly HTML files and WARC archives.
BENCHMARK_PAGES = 500
FORMAT_WEIGHTS_SMALL = {"html": 4, "text": 3, "warc": 2, "jsonl": 2}
FORMAT_WEIGHTS_BENCHMARK = {"html": 10, "warc": 8, "text": 1, "jsonl": 1}

# (echo style, truncation) of the teasers in a site's pool; every site gets every kind once.
TEASER_KINDS = (
    ("echo", "cut_mid_word"),
    ("plain", "cut_mid_word"),
    ("echo", "cut_entity"),
    ("echo", "bait"),
    ("plain", "ellipsis"),
    ("echo", None),
    ("plain", "read_more"),
    ("plain", None),
    ("echo", "cut_mid_word"),
)

NAMED_SITES = (
    # domain, name, style, widget heading, snippet limit, topics
    ("dailyherald.example", "The Daily Herald", "cards", "You may also like", 220,
     ("conflict", "economy", "weather", "health", "technology", "sport")),
    ("farmnews.example", "Farm News Weekly", "wordpress", "Related posts", 300,
     ("economy", "weather", "technology", "health")),
    ("royalwatchblog.example", "Royal Watch", "blogger", "Popular posts from this blog", 1000,
     ("royals", "celebrity")),
    ("metrotribune.example", "Metro Tribune", "blogger", "Popular posts", 500,
     ("conflict", "royals", "economy", "sport", "weather", "health", "technology", "celebrity")),
)
SITE_WORDS_FIRST = ("northern", "valley", "coastal", "city", "evening", "morning", "harbour", "county",
                    "riverside", "highland")
SITE_WORDS_SECOND = ("gazette", "courier", "post", "chronicle", "observer", "ledger", "times", "dispatch",
                     "bulletin", "record")
STYLE_HEADINGS = {
    "blogger": ("Popular posts from this blog", "Popular posts"),
    "wordpress": ("Related posts", "Related", "You may also like"),
    "cards": ("You may also like", "More from us", "Related posts"),
}
SNIPPET_LIMITS = (150, 200, 300, 500, 1000)
NAV_SECTIONS = ("News", "World", "Politics", "Business", "Markets", "Sport", "Football", "Weather", "Health",
                "Science", "Technology", "Culture", "Royals", "Celebrity", "Travel", "Food", "Opinion",
                "Video", "Podcasts", "Newsletters", "Local", "Crime", "Education", "Motoring", "Property")
FOOTER_LINKS = ("About us", "Contact", "Careers", "Advertise with us", "Privacy policy", "Cookie settings",
                "Terms of use", "Accessibility", "Corrections", "Newsletters", "RSS feeds", "Site map",
                "Archive", "Help centre", "Subscribe", "Manage subscription", "Editorial standards",
                "Complaints", "Syndication", "Licensing")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
SENTENCE_START = re.compile(r"([.!?]\s+)([a-z])")
NON_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Site:
    """One invented website and the part of the corpus it owns."""

    index: int
    domain: str
    name: str
    style: str  # 'blogger' | 'wordpress' | 'cards'
    widget_heading: str
    snippet_limit: int
    storylines: tuple[Storyline, ...]
    page_count: int


@dataclass(frozen=True, slots=True)
class Traits:
    """What a page slot is before its prose is written (cheap, so syndication can look at other slots)."""

    fmt: str
    wants_copy: bool
    truncation: str | None  # 'paywall' | 'cut_mid_word'
    xss: bool
    encoding: str  # 'utf-8' | 'windows-1252' | 'utf-8-sig'


@dataclass(slots=True)
class Teaser:
    """One card of a teaser widget, identical on every page of its site that shows it."""

    title: str
    snippet: str  # as a reader sees it
    snippet_html: str  # as it sits in the markup (a cut entity leaves a bare '&')
    link_url: str
    echoed: bool
    truncation: str | None
    in_corpus: bool


@dataclass(slots=True)
class Article:
    """The ground truth of one page and everything needed to render it."""

    site: Site
    slot: int
    url: str
    title: str
    dek: str | None
    author: str
    published: datetime
    fetched: datetime
    storyline: Storyline
    people: list[str]
    places: list[str]
    paragraphs: list[str]  # the true body, in order, without repeats
    traits: Traits
    pull_quote: str | None = None
    pull_quote_after: int = 0
    title_repeated: bool = False
    syndicated_of: str | None = None
    canonical_url: str | None = None
    comments: list[tuple[str, str, str]] = field(default_factory=list)


def generate(out_dir: Path, *, pages: int = 60, seed: int = 7, formats=FORMATS) -> dict:
    """Write a corpus of `pages` pages under out_dir (its format folders and manifests are replaced)."""
    if pages < 1:
        raise ValueError("pages must be at least 1")
    formats = tuple(f for f in FORMATS if f in set(formats))
    if not formats:
        raise ValueError(f"formats must include at least one of {FORMATS}")
    out = Path(out_dir)
    _clear_previous_output(out)
    corpus = _Corpus(seed=seed, pages=pages, formats=formats)
    sink = _Sink(out)
    features: Counter = Counter()
    with (out / "manifest.jsonl").open("w", encoding="utf-8", newline="\n") as manifest_lines:
        for site in corpus.sites:
            chrome = _Chrome.build(site, seed)
            pool = corpus.teaser_pool(site)
            for slot in range(site.page_count):
                article = corpus.article(site, slot)
                widgets = corpus.widgets_for(site, slot, article.url, pool)
                record = sink.write(article, chrome, widgets)
                manifest_lines.write(json.dumps(record, ensure_ascii=False) + "\n")
                _count_features(features, record)
            sink.finish_site(site)
    sink.close()
    summary = {
        "pages": pages,
        "seed": seed,
        "sites": len(corpus.sites),
        "files": dict(sink.files),
        "bytes": sum(sink.bytes.values()),
        "bytes_by_format": dict(sink.bytes),
    }
    manifest = {
        **summary,
        "formats": list(formats),
        "features": dict(sorted(features.items())),
        "pages_file": "manifest.jsonl",
        "site_list": [_site_record(site, corpus.teaser_pool(site)) for site in corpus.sites],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return summary


def read_manifest_pages(out_dir: Path):
    """Yield the per-page ground-truth records of a generated corpus, in page order."""
    with (Path(out_dir) / "manifest.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def _clear_previous_output(out: Path) -> None:
    for name in FORMATS:
        shutil.rmtree(out / name, ignore_errors=True)
    for name in ("manifest.json", "manifest.jsonl"):
        (out / name).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


# ---------------------------------------------------------------------------------------------- planning


class _Corpus:
    """Pure functions of (seed, site, slot): any page can be rebuilt without holding the others."""

    def __init__(self, *, seed: int, pages: int, formats: tuple[str, ...]):
        self.seed = seed
        self.formats = formats
        self.drawn_formats = tuple(f for f in formats if f in DRAWN_FORMATS) or ("markdown",)
        weights = FORMAT_WEIGHTS_BENCHMARK if pages > BENCHMARK_PAGES else FORMAT_WEIGHTS_SMALL
        self.format_weights = [weights.get(f, 1) for f in self.drawn_formats]
        self.sites = _plan_sites(pages, seed)
        self._storylines_by_site: dict[int, list[Storyline]] = {}

    def rng(self, *key) -> Random:
        return Random(":".join(map(str, (self.seed, *key))))

    def traits(self, site: Site, slot: int) -> Traits:
        rng = self.rng("traits", site.index, slot)
        if slot < len(self.drawn_formats):
            fmt = self.drawn_formats[(slot + site.index) % len(self.drawn_formats)]
        else:
            fmt = rng.choices(self.drawn_formats, weights=self.format_weights)[0]
        if fmt == "html" and "markdown" in self.formats:
            if self.rng("markdown", site.index, slot).random() < MARKDOWN_SHARE_OF_HTML or "html" not in self.formats:
                fmt = "markdown"
        roll = rng.random()
        truncation = None
        if roll < TRUNCATED_SHARE:
            truncation = "paywall" if roll < TRUNCATED_SHARE / 2 else "cut_mid_word"
        wants_copy = site.index > 0 and rng.random() < SYNDICATED_SHARE
        traits = Traits(fmt=fmt, wants_copy=wants_copy, truncation=truncation, xss=False, encoding="utf-8")
        return self._with_showcase(site, slot, traits)

    def _with_showcase(self, site: Site, slot: int, traits: Traits) -> Traits:
        """Pin every feature to a fixed slot of the first sites, so even a small corpus shows all of them."""
        showcase = {
            (0, 2): {"truncation": "paywall", "wants_copy": False},
            (1, 3): {"truncation": "cut_mid_word", "wants_copy": False},
            (0, 4): {"xss": True, "fmt": "html"},
            (0, 6): {"xss": True, "fmt": "text"},
            (1, 1): {"encoding": "windows-1252", "fmt": "html"},
            (2, 1): {"encoding": "utf-8-sig", "fmt": "html"},
            (3, 4): {"wants_copy": True},
            (1, 6): {"wants_copy": True},
        }.get((site.index, slot))
        if not showcase:
            return traits
        if "fmt" in showcase and showcase["fmt"] not in self.formats:
            return traits
        values = {name: getattr(traits, name) for name in Traits.__slots__} | showcase
        if values["xss"] or values["encoding"] != "utf-8":
            values["wants_copy"] = False
            values["truncation"] = None
        return Traits(**values)

    def syndication_source(self, site: Site, slot: int) -> tuple[Site, int] | None:
        """An original article on an earlier site that this slot copies, or None."""
        rng = self.rng("syndication", site.index, slot)
        pinned = {(3, 4): (0, 1), (1, 6): (3, 1)}.get((site.index, slot))
        for attempt in range(8):
            if pinned and attempt == 0 and pinned[0] < len(self.sites):
                source_site, source_slot = self.sites[pinned[0]], pinned[1]
            else:
                source_site = self.sites[rng.randrange(site.index)] if site.index else None
                if source_site is None:
                    return None
                source_slot = rng.randrange(source_site.page_count)
            if source_slot >= source_site.page_count or source_site.index == site.index:
                continue
            source = self.traits(source_site, source_slot)
            if not (source.wants_copy or source.truncation or source.xss or source.encoding != "utf-8"):
                return source_site, source_slot
        return None

    def article(self, site: Site, slot: int) -> Article:
        traits = self.traits(site, slot)
        source = self.syndication_source(site, slot) if traits.wants_copy else None
        if source is None:
            return self._original(site, slot, replace_traits(traits, wants_copy=False))
        original = self._original(*source, self.traits(*source))
        return self._syndicated_copy(original, site, slot, traits)

    def storylines_of(self, site: Site) -> list[Storyline]:
        """The story line of every slot of a site (cached for a few sites: syndication looks back)."""
        lines = self._storylines_by_site.get(site.index)
        if lines is None:
            if len(self._storylines_by_site) > 16:
                self._storylines_by_site.clear()
            lines = [_storyline_for(site, self.rng("storyline", site.index, slot), self.traits(site, slot))
                     for slot in range(site.page_count)]
            self._storylines_by_site[site.index] = lines
        return lines

    def _original(self, site: Site, slot: int, traits: Traits) -> Article:
        rng = self.rng("article", site.index, slot)
        site_lines = self.storylines_of(site)
        storyline = site_lines[slot]
        published = FIRST_PUBLISHED + timedelta(
            days=rng.randrange(PUBLISHING_WINDOW_DAYS), minutes=rng.randrange(16 * 60))
        slots = _slot_values(storyline, rng, published)
        # The n-th article of a story line on a site gets the n-th (headline, place) pair, so a site
        # never prints the same headline twice (until a story line runs out of pairs).
        nth = sum(line.key == storyline.key for line in site_lines[:slot])
        title_round = nth // len(storyline.titles) + site.index
        title_slots = slots | {
            "CITY": storyline.cities[title_round % len(storyline.cities)],
            "COUNTRY": storyline.countries[title_round % len(storyline.countries)]}
        if title_slots["CITY"] == slots["CITY2"]:
            title_slots["CITY2"] = slots["CITY"]
        slots = title_slots
        title = _fill(storyline.titles[nth % len(storyline.titles)], slots)
        paragraphs = [_fill(template, slots) for template in _body_templates(storyline, rng)]
        if traits.xss:
            paragraphs.insert(2, _xss_paragraph(slots))
        url = _article_url(site, slot, title, published)
        article = Article(
            site=site, slot=slot, url=url, title=title,
            dek=_fill(rng.choice(storyline.deks), slots) if slot % 5 != 3 else None,
            author=AUTHOR_NAMES[rng.randrange(len(AUTHOR_NAMES))],
            published=published, fetched=published + timedelta(days=1 + rng.randrange(4), hours=rng.randrange(24)),
            storyline=storyline, people=_people_mentioned(storyline, paragraphs + [title]),
            places=_places_mentioned(slots, paragraphs + [title]), paragraphs=paragraphs, traits=traits,
            title_repeated=slot % 4 == 0, canonical_url=url,
        )
        if slot % 3 == 1:
            _add_pull_quote(article, rng)
        _truncate_body(article, traits.truncation, rng)
        article.comments = _comments(rng, published, slot % 4)
        return article

    def _syndicated_copy(self, original: Article, site: Site, slot: int, traits: Traits) -> Article:
        """Same body, new chrome; the headline is lightly re-edited and the copy points back to its source."""
        rng = self.rng("copy", site.index, slot)
        title = rng.choice((f"{original.title} | Wire report", f"WATCH: {original.title}",
                            original.title.replace(" as ", " while ", 1), f"{original.title}, report says"))
        published = original.published + timedelta(hours=2 + rng.randrange(20))
        url = _article_url(site, slot, title, published)
        paragraphs = list(original.paragraphs)
        if rng.random() < 0.5:
            paragraphs.insert(0, f"This story was first published by {original.site.name}.")
        return Article(
            site=site, slot=slot, url=url, title=title, dek=original.dek,
            author=original.author, published=published, fetched=published + timedelta(days=1),
            storyline=original.storyline, people=original.people, places=original.places,
            paragraphs=paragraphs, traits=replace_traits(traits, truncation=None),
            pull_quote=original.pull_quote, pull_quote_after=original.pull_quote_after + (paragraphs != original.paragraphs),
            title_repeated=False, syndicated_of=original.url,
            canonical_url=original.url if rng.random() < 0.5 else url,
            comments=_comments(rng, published, slot % 3),
        )

    def teaser_pool(self, site: Site) -> list[Teaser]:
        """The teasers a site's widgets rotate through: its own first articles, then posts not in the corpus."""
        rng = self.rng("teasers", site.index)
        sources: list[tuple[str, str, str, bool]] = []
        for slot in range(min(TEASER_POOL_IN_CORPUS, site.page_count)):
            article = self.article(site, slot)
            sources.append((article.title, " ".join(article.paragraphs[:5]), article.url, True))
        lowercase_title, lowercase_text = LOWERCASE_CONTINUATIONS[site.index % len(LOWERCASE_CONTINUATIONS)]
        pool = [_lowercase_teaser(site, lowercase_title, lowercase_text)]
        for number in range(1, TEASER_POOL_EXTERNAL):
            title = None
            while title is None or title in {source[0] for source in sources}:
                storyline = site.storylines[rng.randrange(len(site.storylines))]
                published = FIRST_PUBLISHED - timedelta(days=rng.randrange(1, 60))
                slots = _slot_values(storyline, rng, published)
                title = _fill(rng.choice(storyline.titles), slots)
            lead = " ".join(_fill(p, slots) for p in _body_templates(storyline, rng)[:5])
            sources.append((title, lead, _article_url(site, 10_000 + number, title, published), False))
        for position, (title, lead, url, in_corpus) in enumerate(sources):
            echo, truncation = TEASER_KINDS[(position + site.index) % len(TEASER_KINDS)]
            pool.append(_teaser(site, title, lead, url, in_corpus, echo == "echo", truncation))
        return pool

    def widgets_for(self, site: Site, slot: int, own_url: str, pool: list[Teaser]):
        """(heading, markup kind, teasers) per widget; windows slide so each teaser recurs across pages."""
        start = (slot * 3 + site.index) % len(pool)
        rotated = [t for t in pool[start:] + pool[:start] if t.link_url != own_url]
        if site.style == "cards":
            return [(site.widget_heading, "cards", rotated[:4]), ("Popular posts", "list", rotated[4:8])]
        kind = "blogger" if site.style == "blogger" else "jetpack"
        return [(site.widget_heading, kind, rotated[:5])]


def replace_traits(traits: Traits, **changes) -> Traits:
    return Traits(**({name: getattr(traits, name) for name in Traits.__slots__} | changes))


def _plan_sites(pages: int, seed: int) -> list[Site]:
    count = max(1, min(len(NAMED_SITES), pages // 8), pages // 50)
    base, extra = divmod(pages, count)
    sites = []
    for index in range(count):
        page_count = base + (index < extra)
        if index < len(NAMED_SITES):
            domain, name, style, heading, limit, topics = NAMED_SITES[index]
        else:
            rng = Random(f"{seed}:site:{index}")
            first = SITE_WORDS_FIRST[index % len(SITE_WORDS_FIRST)]
            second = SITE_WORDS_SECOND[(index // len(SITE_WORDS_FIRST)) % len(SITE_WORDS_SECOND)]
            suffix = index // (len(SITE_WORDS_FIRST) * len(SITE_WORDS_SECOND)) or ""
            domain = f"{first}{second}{suffix}.example"
            name = f"The {first.title()} {second.title()}{f' {suffix}' if suffix else ''}"
            style = ("blogger", "wordpress", "cards")[rng.randrange(3)]
            heading = rng.choice(STYLE_HEADINGS[style])
            limit = rng.choice(SNIPPET_LIMITS)
            all_topics = sorted({line.topic for line in STORYLINES})
            topics = tuple(rng.sample(all_topics, k=3))
        storylines = tuple(line for line in STORYLINES if line.topic in topics)
        sites.append(Site(index, domain, name, style, heading, limit, storylines, page_count))
    return sites


def _storyline_for(site: Site, rng: Random, traits: Traits) -> Storyline:
    if traits.xss:
        return next(line for line in STORYLINES if line.topic == "technology")
    return site.storylines[rng.randrange(len(site.storylines))]


def _body_templates(storyline: Storyline, rng: Random) -> list[str]:
    """The story line's paragraphs read from a random starting point, dropping up to two at the end."""
    count = len(storyline.paragraphs)
    start = rng.randrange(count)
    return [storyline.paragraphs[(start + step) % count] for step in range(count - rng.randrange(3))]


def _slot_values(storyline: Storyline, rng: Random, published: datetime) -> dict[str, str]:
    values: dict[str, str] = {}
    for number, person in enumerate(storyline.cast):
        full_name = f"{person.first} {person.last}"
        values[f"P{number}"] = f"{person.role} {full_name}"
        values[f"P{number}n"] = full_name
        values[f"P{number}s"] = person.last
        values[f"P{number}p"] = f"{person.last}'s" if not person.last.endswith("s") else f"{person.last}'"
    city, city2 = rng.sample(storyline.cities, k=2)
    values.update(
        CITY=city, CITY2=city2, COUNTRY=rng.choice(storyline.countries), ORG=rng.choice(storyline.orgs),
        N=str(rng.choice((12, 15, 20, 25, 30, 40, 45, 60, 75, 90, 120, 250))),
        N2=f"{rng.randrange(2, 95) * 1000:,}", PCT=str(rng.randrange(3, 40)),
        DAY=WEEKDAYS[published.weekday()], DAYN=rng.choice(ORDINALS),
    )
    return values


def _fill(template: str, values: dict[str, str]) -> str:
    text = template.format_map(values)
    text = SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    return text[:1].upper() + text[1:]


def _xss_paragraph(values: dict[str, str]) -> str:
    return (f"To show the problem, {values['P2s']} posted a comment that read {XSS_PROBE} on a test blog. "
            "Every visitor who opened the page afterwards saw a pop-up window, which proves the text ran as code.")


def _people_mentioned(storyline: Storyline, texts: list[str]) -> list[str]:
    joined = "\n".join(texts)
    return [f"{p.first} {p.last}" for p in storyline.cast if p.last in joined]


def _places_mentioned(values: dict[str, str], texts: list[str]) -> list[str]:
    joined = "\n".join(texts)
    return sorted({values[key] for key in ("CITY", "CITY2", "COUNTRY") if values[key] in joined})


def _slugify(text: str) -> str:
    return NON_SLUG.sub("-", text.lower()).strip("-")[:70].rstrip("-")


def _article_url(site: Site, slot: int, title: str, published: datetime) -> str:
    slug = _slugify(title)
    if site.style == "blogger":
        return f"https://{site.domain}/{published:%Y/%m}/{slug}-{slot}.html"
    if site.style == "wordpress":
        return f"https://{site.domain}/{published:%Y/%m/%d}/{slug}-{slot}/"
    return f"https://www.{site.domain}/news/{slug}-a{slot:05d}"


def _add_pull_quote(article: Article, rng: Random) -> None:
    """Repeat one sentence of an early paragraph as a standalone quote further down (the body keeps it once)."""
    if len(article.paragraphs) < 4:
        return
    source = article.paragraphs[1]
    sentences = [s for s in re.split(r"(?<=[.!?”])\s+", source) if len(s) > 40]
    if not sentences:
        return
    article.pull_quote = rng.choice(sentences).strip("“”\" ")
    article.pull_quote_after = 2 + rng.randrange(len(article.paragraphs) - 3)


def _truncate_body(article: Article, truncation: str | None, rng: Random) -> None:
    if truncation is None:
        return
    keep = max(2, len(article.paragraphs) // 2)
    article.paragraphs = article.paragraphs[:keep]
    if article.pull_quote_after >= keep:
        article.pull_quote = None
    if truncation == "cut_mid_word":
        last = article.paragraphs[-1]
        article.paragraphs[-1] = _cut_mid_word(last, len(last) // 2 + rng.randrange(len(last) // 3))


def _comments(rng: Random, published: datetime, count: int) -> list[tuple[str, str, str]]:
    comments = []
    for number in range(count):
        when = published + timedelta(hours=3 + number * 5 + rng.randrange(5))
        comments.append((rng.choice(COMMENTER_NAMES), f"{when:%B %-d, %Y at %-I:%M %p}", rng.choice(COMMENT_LINES)))
    return comments


# ------------------------------------------------------------------------------------------------ teasers


def _cut_mid_word(text: str, limit: int) -> str:
    """Cut at the last point at or before limit that falls between two letters (a blind character cut)."""
    cut = min(limit, len(text) - 1)
    while cut > 1 and not (text[cut - 1].isalnum() and text[cut].isalnum()):
        cut -= 1
    return text[:cut]


def _cut_at_word(text: str, limit: int) -> str:
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > 0 else limit].rstrip(",;:— ")


def _first_sentences(text: str, limit: int) -> str:
    """Whole sentences that fit in limit (at least one)."""
    sentences = re.split(r"(?<=[.!?”])\s+", text)
    kept = sentences[0]
    for sentence in sentences[1:]:
        if len(kept) + 1 + len(sentence) > limit:
            break
        kept = f"{kept} {sentence}"
    return kept


def _teaser(site: Site, title: str, lead: str, url: str, in_corpus: bool, echoed: bool,
            truncation: str | None) -> Teaser:
    full = f"{title} {lead}" if echoed else lead
    limit = site.snippet_limit
    snippet_html = None
    if truncation == "cut_mid_word":
        snippet = _cut_mid_word(full, limit)
    elif truncation == "cut_entity":
        # A snippet cut in the middle of '&amp;' leaves a bare '&' in the markup and on screen.
        ampersand = full.find(" and ", len(title) + 10 if echoed else 10)
        ampersand = ampersand if 0 < ampersand < limit else _cut_at_word(full, limit).rfind(" ")
        snippet = full[:ampersand] + " &"
        snippet_html = escape(full[:ampersand], quote=False) + " &"
    elif truncation == "bait":
        if site.index % 2:
            snippet = _cut_at_word(full, int(limit * 0.6)) + " ... Continue reading"
        else:
            head = _cut_at_word(full, int(limit * 0.4))
            snippet = _cut_mid_word(f"{head} check first comment to continue reading {full[len(head):].lstrip()}",
                                    limit)
    elif truncation == "ellipsis":
        snippet = _cut_at_word(full, limit - 4) + (" […]" if site.style == "wordpress" else "…")
    elif truncation == "read_more":
        snippet = _cut_at_word(full, limit - 14) + "... Read more"
    else:
        snippet = _first_sentences(full, limit) if not echoed else f"{title} {_first_sentences(lead, limit - len(title))}"
    return Teaser(title=title, snippet=snippet, snippet_html=snippet_html or escape(snippet, quote=False),
                  link_url=url, echoed=echoed, truncation=truncation, in_corpus=in_corpus)


def _lowercase_teaser(site: Site, title: str, text: str) -> Teaser:
    """Starts with the title's words but the sentence runs on in lower case: not a title echo."""
    truncated = len(text) > site.snippet_limit
    snippet = _cut_mid_word(text, site.snippet_limit) if truncated else text
    return Teaser(title=title, snippet=snippet, snippet_html=escape(snippet, quote=False),
                  link_url=f"https://{site.domain}/p/{_slugify(title)}.html", echoed=False,
                  truncation="cut_mid_word" if truncated else None, in_corpus=False)


def _teaser_record(teaser: Teaser, widget: str) -> dict:
    return {"widget": widget, "title": teaser.title, "snippet": teaser.snippet, "echoed": teaser.echoed,
            "truncated": teaser.truncation is not None, "truncation_reason": teaser.truncation,
            "link_url": teaser.link_url, "links_to_corpus_article": teaser.in_corpus}


def _site_record(site: Site, pool: list[Teaser]) -> dict:
    return {"site": site.domain, "name": site.name, "style": site.style, "widget_heading": site.widget_heading,
            "snippet_limit": site.snippet_limit, "pages": site.page_count,
            "topics": sorted({line.topic for line in site.storylines}),
            "teasers": [_teaser_record(t, None) for t in pool]}


# ------------------------------------------------------------------------------------------------- chrome


@dataclass(frozen=True, slots=True)
class _Chrome:
    """The per-site page furniture that makes real pages 50-200 KB: styles, config, menus, link farms."""

    css: str
    config_script: str
    nav_html: str
    nav_lines: tuple[str, ...]
    footer_html: str
    footer_lines: tuple[str, ...]

    @classmethod
    def build(cls, site: Site, seed: int) -> _Chrome:
        rng = Random(f"{seed}:chrome:{site.index}")
        target = rng.randrange(45_000, 170_000)
        css = _css(rng, int(target * 0.45))
        config = _config_script(site, rng, int(target * 0.3))
        sections = [s for s in NAV_SECTIONS if rng.random() < 0.8]
        nav_items = []
        for section in sections:
            subs = "".join(
                f'<li class="menu-item menu-item-sub"><a href="/{_slugify(section)}/{_slugify(sub)}">{sub}</a></li>'
                for sub in rng.sample(NAV_SECTIONS, k=rng.randrange(3, 9)))
            nav_items.append(f'<li class="menu-item menu-item-has-children"><a href="/{_slugify(section)}/">'
                             f'{section}</a><ul class="sub-menu">{subs}</ul></li>')
        nav_html = ('<nav class="main-navigation" aria-label="Main menu"><ul id="primary-menu" class="menu">'
                    + "\n".join(nav_items) + "</ul></nav>")
        farm = []
        farm_lines = []
        farm_size = 0
        while farm_size < max(target * 0.15, 16_000):
            section = rng.choice(NAV_SECTIONS)
            label = f"{section} {rng.choice(('news', 'latest', 'archive', 'live', 'in pictures', 'explained'))}"
            farm.append(f'<li><a href="https://{site.domain}/{_slugify(label)}/" rel="nofollow">{label}</a></li>')
            farm_lines.append(label)
            farm_size += len(farm[-1])
        footer_html = (f'<footer class="site-footer" role="contentinfo"><div class="footer-links"><ul>'
                       + "".join(f'<li><a href="/{_slugify(link)}">{link}</a></li>' for link in FOOTER_LINKS)
                       + '</ul></div><div class="footer-farm"><ul>' + "\n".join(farm) + "</ul></div>"
                       + f'<p class="copyright">&copy; 2024 {escape(site.name)}. All rights reserved.</p></footer>')
        footer_lines = (*FOOTER_LINKS[: rng.randrange(6, len(FOOTER_LINKS))], *farm_lines,
                        f"© 2024 {site.name}. All rights reserved.")
        return cls(css, config, nav_html, ("Skip to main content", *sections), footer_html, footer_lines)


def _css(rng: Random, size: int) -> str:
    """A slice of a shared stylesheet: sites differ, and a corpus builds its rule pool only once."""
    rules = _css_rule_pool()
    start = rng.randrange(len(rules))
    picked = []
    total = 0
    while total < size:
        picked.append(rules[(start + len(picked)) % len(rules)])
        total += len(picked[-1]) + 1
    return "\n".join(picked)


@lru_cache(maxsize=1)
def _css_rule_pool() -> tuple[str, ...]:
    rng = Random("css")
    properties = ("margin", "padding", "color", "background", "font-size", "line-height", "border", "display",
                  "max-width", "letter-spacing", "grid-template-columns", "transition")
    values = ("0", "auto", "1rem", "0 auto", "#1a1a1a", "#ffffff", "#c8102e", "1.5", "none", "flex", "block",
              "1px solid #e5e5e5", "repeat(3, 1fr)", "all .2s ease-in-out", "72rem", ".02em")
    components = ("header", "nav", "card", "teaser", "article", "footer", "btn", "grid", "ad", "modal", "menu",
                  "hero", "byline", "caption", "newsletter")
    return tuple(
        f".{rng.choice(components)}__{rng.choice(components)}--{number}{{"
        + ";".join(f"{rng.choice(properties)}:{rng.choice(values)}" for _ in range(rng.randrange(2, 7))) + "}"
        for number in range(2500))


def _config_script(site: Site, rng: Random, size: int) -> str:
    head = {"site": site.domain, "locale": "en-GB", "consent": {"vendorListVersion": 212, "gdprApplies": True},
            "experiments": {f"exp_{n}": rng.choice(("control", "variant_a", "variant_b")) for n in range(12)}}
    slots = []
    total = 0
    while total < size:
        slot = (f'{{"id":"div-gpt-ad-{rng.randrange(10**12, 10**13)}-{len(slots)}",'
                f'"sizes":{[[300, 250], [728, 90], [320, 50]][: rng.randrange(1, 4)]},'
                f'"targeting":{{"pos":"slot{len(slots)}","section":"{rng.choice(NAV_SECTIONS).lower()}",'
                f'"refresh":{rng.choice(("true", "false"))}}},"lazy":{{"fetchMarginPercent":200,"renderMarginPercent":100}}}}')
        slots.append(slot.replace(" ", ""))
        total += len(slots[-1]) + 1
    config = json.dumps(head, separators=(",", ":"))[:-1] + ',"ads":{"network":"/2187/pagewarehouse","slots":[' + ",".join(slots) + "]}}"
    return f"window.__SITE_CONFIG__ = {config};"


# ------------------------------------------------------------------------------------------------- render


def _body_blocks(article: Article) -> list[tuple[str, str]]:
    """The article column in page order as (kind, text): 'title_repeat', 'paragraph', 'pull_quote', 'paywall'."""
    blocks = [("title_repeat", article.title)] if article.title_repeated else []
    for number, paragraph in enumerate(article.paragraphs):
        blocks.append(("paragraph", paragraph))
        if article.pull_quote and number == article.pull_quote_after:
            blocks.append(("pull_quote", article.pull_quote))
    if article.traits.truncation == "paywall":
        blocks.append(("paywall", PAYWALL_LINE))
    return blocks


def _render_text(article: Article, chrome: _Chrome, widgets) -> str:
    site = article.site
    lines = [chrome.nav_lines[0], ""]
    if site.style == "cards":
        lines += [site.name, "", *chrome.nav_lines[1:], ""]
    lines += [article.title, "", article.title, ""]
    if article.dek:
        lines += [article.dek, ""]
    if site.style != "blogger":
        lines += [f"By {article.author}", f"{article.published:%B %-d, %Y}", ""]
    lines.append("")
    for kind, text in _body_blocks(article):
        if kind == "pull_quote":
            lines.append(f"“ {text} ”")  # rendered quotes sit flush against the next paragraph
        else:
            lines += [text, ""]
    lines += ["", "Comments", ""]
    for name, when, text in article.comments:
        lines += [name, when, text, ""]
    for heading, _kind, teasers in widgets:
        lines += [heading, ""]
        for teaser in teasers:
            lines += [teaser.title, "", teaser.snippet, ""]
    lines += ["", *chrome.footer_lines, ""]
    return "\n".join(lines)


def _has_broken_front_matter(article: Article) -> bool:
    return (article.site.index + article.slot) % BROKEN_FRONT_MATTER_EVERY == 0


def _render_markdown(article: Article, chrome: _Chrome, widgets, broken_front_matter: bool) -> str:
    """A capture as Firecrawl/crawl4ai-style scrapers save it: YAML front matter, then the page as Markdown."""
    site = article.site
    title = json.dumps(article.title, ensure_ascii=False)  # a JSON string is a valid YAML scalar
    if broken_front_matter:
        title = f"[{article.title}"  # an unclosed flow sequence: not valid YAML
    lines = ["---", f"title: {title}", f"url: {article.url}", f"source: {json.dumps(site.name, ensure_ascii=False)}",
             f"date: {article.published:%Y-%m-%d}", f"fetch_date: {article.fetched.isoformat()}", "---", "",
             f"# {article.title}", "", "[Skip to main content](#main)", ""]
    lines += [f"* [{item}](https://{site.domain}/{_slugify(item)}/)" for item in chrome.nav_lines[1:]] + [""]
    share = ["* Get link", "* Facebook", "* X", "* Email", "* Other Apps", ""]
    if site.style == "blogger":
        lines += [f"# [{site.name}](https://{site.domain}/)", "", f"### {article.title}", "", *share,
                  f'[{article.published:%B %d, %Y}]({article.url} "permanent link")', ""]
    else:
        lines += [f"## {article.title}", ""]
        if article.dek:
            lines += [f"*{article.dek}*", ""]
        lines += [f"By [{article.author}](https://{site.domain}/author/{_slugify(article.author)}/)",
                  f"{article.published:%B %-d, %Y}", ""]
    for kind, text in _body_blocks(article):
        lines += [f"> “ {text} ”" if kind == "pull_quote" else text, ""]
    if site.style == "blogger":
        lines += share + ["### Comments", ""]
    else:
        lines += [f"## {len(article.comments)} Comments", ""]
    for name, when, text in article.comments:
        lines += [f"**{name}**", "", when, "", text, ""]
    for heading, kind, teasers in widgets:
        lines += [f"### *{heading}*" if kind == "jetpack" else f"### {heading}", ""]
        for teaser in teasers:
            image = f"[![Image](https://img.{site.domain}/{_slugify(teaser.title)[:24]}.jpg)]({teaser.link_url})"
            if kind == "blogger":
                lines += [f"### [{teaser.title}]({teaser.link_url})", "", image, "", teaser.snippet, "",
                          f'[Read more]({teaser.link_url} "{teaser.title}")', ""]
            elif kind == "list":
                lines += [f"1. [{teaser.title}]({teaser.link_url})", "", f"   {teaser.snippet}", ""]
            else:
                lines += [image, "", f"#### [{teaser.title}]({teaser.link_url})", "", teaser.snippet, "",
                          'In "News"' if kind == "jetpack" else "", ""]
    lines += [f"* [{line}](https://{site.domain}/{_slugify(line)}/)" for line in chrome.footer_lines[:-1]]
    lines += ["", chrome.footer_lines[-1], ""]
    return "\n".join(lines)


def _render_html(article: Article, chrome: _Chrome, widgets, charset: str, page_number: int) -> str:
    site = article.site
    title = escape(article.title, quote=False)
    attr_title = escape(article.title)
    iso = article.published.isoformat()
    description = escape(article.dek or article.paragraphs[0][:160])
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
                     "datePublished": iso, "author": {"@type": "Person", "name": article.author},
                     "publisher": {"@type": "Organization", "name": site.name}}, ensure_ascii=False)
    ld = ld.replace("</", "<\\/")  # a title may hold markup; it must not close the script element
    head = (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="{charset}">\n'
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        f"<title>{title} | {escape(site.name)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="description" content="{description}">\n'
        f'<meta name="author" content="{escape(article.author)}">\n'
        f'<meta property="og:title" content="{attr_title}">\n<meta property="og:type" content="article">\n'
        f'<meta property="og:url" content="{article.url}">\n<meta property="og:site_name" content="{escape(site.name)}">\n'
        f'<meta property="article:published_time" content="{iso}">\n'
        f'<meta property="article:section" content="{article.storyline.topic.title()}">\n'
        f'<link rel="canonical" href="{article.canonical_url}">\n'
        f"<style>\n{chrome.css}\n</style>\n<script>{chrome.config_script}</script>\n"
        f'<script type="application/ld+json">{ld}</script>\n</head>\n'
    )
    header = (f'<body class="{site.style} single-post postid-{article.slot}">\n'
              '<a class="skip-link screen-reader-text" href="#main">Skip to main content</a>\n'
              f'<header class="site-header"><div class="site-branding"><a href="https://{site.domain}/" rel="home">'
              f'{escape(site.name)}</a></div>\n{chrome.nav_html}\n</header>\n'
              '<div id="cookie-banner" class="consent" role="dialog"><p>We use cookies to improve your experience '
              'and to show personalised ads.</p><button>Accept all</button><button>Manage choices</button></div>\n')
    main = _ARTICLE_RENDERERS[site.style](article)
    comments = _COMMENT_RENDERERS[site.style](article)
    widget_html = [_WIDGET_RENDERERS[kind](heading, teasers, site) for heading, kind, teasers in widgets]
    pixel = (f'<img src="https://px.metrics.example/p.gif?site={site.domain}&amp;pv={page_number}&amp;u='
             f'{uuid.uuid5(uuid.NAMESPACE_URL, article.url).hex}" width="1" height="1" alt="" style="display:none">')
    tail = (f'{chrome.footer_html}\n{pixel}\n<script>window.dataLayer=window.dataLayer||[];dataLayer.push('
            f'{json.dumps({"event": "pageview", "topic": article.storyline.topic, "author": article.author})});'
            '</script>\n</body>\n</html>\n')
    if site.style == "blogger":
        layout = (f'<div class="main-inner"><main id="main">{main}\n{comments}</main>\n'
                  f'<aside class="sidebar">{"".join(widget_html)}</aside></div>\n')
    elif site.style == "wordpress":
        layout = (f'<div id="content" class="site-content"><main id="main" class="site-main">{main}\n'
                  f'{"".join(widget_html)}\n{comments}</main></div>\n')
    else:
        # The first widget sits under the article, the rest in the right-hand rail.
        layout = (f'<div class="page-grid"><main id="main">{main}\n{widget_html[0]}\n{comments}</main>\n'
                  f'<aside class="rail">{"".join(widget_html[1:])}</aside></div>\n')
    return head + header + layout + tail


def _paragraphs_html(article: Article, pull_quote_markup: str) -> str:
    parts = []
    for kind, text in _body_blocks(article):
        text = escape(text, quote=False)
        if kind == "pull_quote":
            parts.append(pull_quote_markup.format(text))
        elif kind == "paywall":
            parts.append(f'<div class="paywall-prompt"><p>{text}</p><a class="button" href="/subscribe">Subscribe</a></div>')
        else:
            parts.append(f"<p>{text}</p>")
    return "\n".join(parts)


def _article_blogger(article: Article) -> str:
    body = _paragraphs_html(article, "<blockquote>“{}”</blockquote>")
    dek = f'<p class="post-subtitle"><em>{escape(article.dek, quote=False)}</em></p>\n' if article.dek else ""
    return (f'<div class="post-outer"><div class="post hentry" itemscope itemtype="http://schema.org/BlogPosting">\n'
            f'<h3 class="post-title entry-title" itemprop="name">{escape(article.title, quote=False)}</h3>\n{dek}'
            f'<div class="post-header"><span class="post-timestamp"><abbr class="published" title="{article.published.isoformat()}">'
            f'{article.published:%B %-d, %Y}</abbr></span></div>\n'
            f'<div class="post-body entry-content" id="post-body-{article.slot}" itemprop="articleBody">\n{body}\n</div>\n'
            f'<div class="post-footer"><span class="post-author vcard">Posted by <span class="fn">{escape(article.author)}</span></span>'
            '<div class="post-share-buttons"><a class="share-button" href="#">Email This</a><a class="share-button" href="#">BlogThis!</a></div></div>\n'
            "</div></div>")


def _article_wordpress(article: Article) -> str:
    body = _paragraphs_html(article, '<figure class="wp-block-pullquote"><blockquote><p>{}</p></blockquote></figure>')
    dek = f'<p class="entry-subtitle">{escape(article.dek, quote=False)}</p>\n' if article.dek else ""
    return (f'<article id="post-{article.slot}" class="post type-post status-publish format-standard hentry">\n'
            f'<header class="entry-header"><h1 class="entry-title">{escape(article.title, quote=False)}</h1>\n{dek}'
            f'<div class="entry-meta"><span class="byline">by <span class="author vcard"><a class="url fn n" href="/author/">'
            f'{escape(article.author)}</a></span></span> <time class="entry-date published" datetime="{article.published.isoformat()}">'
            f'{article.published:%B %-d, %Y}</time></div></header>\n'
            f'<div class="entry-content">\n{body}\n<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>'
            '<ul><li><a href="#">Facebook</a></li><li><a href="#">X</a></li><li><a href="#">Email</a></li></ul></div>\n'
            "</div>\n</article>")


def _article_cards(article: Article) -> str:
    body = _paragraphs_html(article, '<p class="article__pullquote">“{}”</p>')
    dek = f'<p class="article__dek">{escape(article.dek, quote=False)}</p>\n' if article.dek else ""
    return (f'<article class="article" data-article-id="{article.slot}">\n'
            f'<nav class="breadcrumbs"><a href="/">Home</a> › <a href="/news/">News</a> › {article.storyline.topic.title()}</nav>\n'
            f'<h1 class="article__headline">{escape(article.title, quote=False)}</h1>\n{dek}'
            f'<div class="article__byline">By <a rel="author" href="/authors/">{escape(article.author)}</a> · '
            f'<time datetime="{article.published.isoformat()}">{article.published:%-d %B %Y, %H:%M}</time></div>\n'
            '<figure class="article__image"><img src="/img/lead.jpg" alt=""><figcaption>Photograph: agency</figcaption></figure>\n'
            f'<div class="article__body">\n{body}\n</div>\n'
            '<div class="newsletter-signup"><p>Get the morning briefing in your inbox.</p><button>Sign up</button></div>\n'
            "</article>")


def _comments_blogger(article: Article) -> str:
    items = "".join(f'<li class="comment"><div class="comment-block"><div class="comment-header"><cite class="user">'
                    f'{escape(name)}</cite><span class="datetime secondary-text">{when}</span></div>'
                    f'<p class="comment-content">{escape(text)}</p></div></li>' for name, when, text in article.comments)
    return (f'<div class="comments" id="comments"><h4>Comments</h4><div class="comments-content">'
            f'<div class="comment-thread"><ol>{items}</ol></div></div><p class="comment-footer">'
            '<a href="#">Post a Comment</a></p></div>')


def _comments_wordpress(article: Article) -> str:
    items = "".join(f'<li class="comment"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard">'
                    f'<b class="fn">{escape(name)}</b></div><div class="comment-metadata">{when}</div></footer>'
                    f'<div class="comment-content"><p>{escape(text)}</p></div></article></li>'
                    for name, when, text in article.comments)
    return (f'<div id="comments" class="comments-area"><h2 class="comments-title">Comments</h2>'
            f'<ol class="comment-list">{items}</ol><div id="respond" class="comment-respond"><h3>Leave a Reply</h3>'
            '<form><textarea name="comment"></textarea><input type="submit" value="Post Comment"></form></div></div>')


def _comments_cards(article: Article) -> str:
    items = "".join(f'<li class="comment"><span class="comment__author">{escape(name)}</span> <span class="comment__time">'
                    f'{when}</span><p class="comment__text">{escape(text)}</p></li>' for name, when, text in article.comments)
    return f'<section class="comments" id="comments"><h2>Comments</h2><ul class="comment-list">{items}</ul></section>'


def _widget_blogger(heading: str, teasers: list[Teaser], site: Site) -> str:
    items = "".join(
        f'<li><div class="item-content"><div class="item-thumbnail"><a href="{t.link_url}" target="_blank">'
        f'<img alt="" border="0" src="https://blogger.images.example/{_slugify(t.title)[:24]}/w72-h72-p-k-no-nu/thumb.jpg"/>'
        f'</a></div><div class="item-title"><a href="{t.link_url}">{escape(t.title, quote=False)}</a></div>'
        f'<div class="item-snippet">{t.snippet_html}</div></div><div style="clear: both;"></div></li>\n'
        for t in teasers)
    return (f'<div class="widget PopularPosts" data-version="2" id="PopularPosts1"><h3 class="title">{heading}</h3>'
            f'<div class="widget-content popular-posts"><ul>\n{items}</ul></div></div>')


def _widget_jetpack(heading: str, teasers: list[Teaser], site: Site) -> str:
    items = "".join(
        f'<div class="jp-relatedposts-post jp-relatedposts-post{n} jp-relatedposts-post-thumbs" data-post-id="{1000 + n}" '
        f'data-post-format="false"><a class="jp-relatedposts-post-a" href="{t.link_url}" title="{escape(t.title)}" '
        f'rel="nofollow" data-position="{n}"><img class="jp-relatedposts-post-img" loading="lazy" '
        f'src="https://i0.wp.example/{site.domain}/thumb-{n}.jpg?resize=350%2C200" width="350" height="200" alt=""/></a>'
        f'<h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="{t.link_url}" '
        f'rel="nofollow" data-position="{n}">{escape(t.title, quote=False)}</a></h4>'
        f'<p class="jp-relatedposts-post-excerpt">{t.snippet_html}</p>'
        f'<p class="jp-relatedposts-post-context">In &quot;News&quot;</p></div>\n'
        for n, t in enumerate(teasers))
    return (f'<div id="jp-relatedposts" class="jp-relatedposts" style="display: block;">'
            f'<h3 class="jp-relatedposts-headline"><em>{heading}</em></h3>'
            f'<div class="jp-relatedposts-items jp-relatedposts-items-visual jp-relatedposts-grid">\n{items}</div></div>')


def _widget_cards(heading: str, teasers: list[Teaser], site: Site) -> str:
    items = "".join(
        f'<li class="card card--teaser"><a class="card__link" href="{t.link_url}"><img class="card__image" '
        f'src="/img/cards/{_slugify(t.title)[:24]}.jpg" alt="" loading="lazy"><h3 class="card__title">'
        f'{escape(t.title, quote=False)}</h3></a><p class="card__summary">{t.snippet_html}</p></li>'
        for t in teasers)
    return (f'<section class="recirculation" aria-label="{heading}"><h2 class="recirculation__heading">{heading}</h2>'
            f'<ul class="card-list">{items}</ul></section>')


def _widget_list(heading: str, teasers: list[Teaser], site: Site) -> str:
    items = "".join(
        f'<li class="popular-list__item"><a class="popular-list__link" href="{t.link_url}">{escape(t.title, quote=False)}'
        f'</a><p class="popular-list__excerpt">{t.snippet_html}</p></li>' for t in teasers)
    return (f'<div class="sidebar-popular"><h2 class="sidebar-popular__heading">{heading}</h2>'
            f'<ol class="popular-list">{items}</ol></div>')


_ARTICLE_RENDERERS = {"blogger": _article_blogger, "wordpress": _article_wordpress, "cards": _article_cards}
_COMMENT_RENDERERS = {"blogger": _comments_blogger, "wordpress": _comments_wordpress, "cards": _comments_cards}
_WIDGET_RENDERERS = {"blogger": _widget_blogger, "jetpack": _widget_jetpack, "cards": _widget_cards,
                     "list": _widget_list}


# ------------------------------------------------------------------------------------------------ writing


class _FastGzipWARCWriter(WARCWriter):
    """warcio's writer with one gzip member per record (as WARC.gz requires) at a fast level; warcio fixes level 9."""

    def __init__(self, filebuf):
        super().__init__(filebuf, gzip=False)

    def _write_warc_record(self, out, record):
        super()._write_warc_record(_GzipMember(out), record)


class _GzipMember:
    def __init__(self, out):
        self.compressor = zlib.compressobj(1, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.out = out

    def write(self, data: bytes) -> None:
        self.out.write(self.compressor.compress(data))

    def flush(self) -> None:
        self.out.write(self.compressor.flush())


class _Sink:
    """Streams pages to their format folders; one WARC and one JSONL file per site, opened lazily."""

    def __init__(self, out: Path):
        self.out = out
        self.files: Counter = Counter()
        self.bytes: Counter = Counter()
        self.page_number = 0
        self._warc = None
        self._jsonl = None

    def write(self, article: Article, chrome: _Chrome, widgets) -> dict:
        site = article.site
        fmt = article.traits.fmt
        slug = NON_SLUG.sub("-", article.url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html").lower())
        encoding = article.traits.encoding
        if fmt == "html":
            charset = "windows-1252" if encoding == "windows-1252" else "utf-8"
            markup = _render_html(article, chrome, widgets, charset, self.page_number)
            if encoding == "windows-1252":
                data = markup.encode("cp1252", errors="xmlcharrefreplace")
            else:
                data = ("\ufeff" if encoding == "utf-8-sig" else "").encode() + markup.encode("utf-8")
            path = self._write_file(Path("html") / site.domain / f"{slug}.html", data, fmt)
        elif fmt == "text":
            data = _render_text(article, chrome, widgets).encode("utf-8")
            path = self._write_file(Path("text") / site.domain / f"{slug}.txt", data, fmt)
        elif fmt == "markdown":
            broken = _has_broken_front_matter(article)
            data = _render_markdown(article, chrome, widgets, broken).encode("utf-8")
            name = f"{slug}.md.gz" if site.index % 3 == 2 else f"{slug}.md"
            if name.endswith(".gz"):
                data = gzip.compress(data, mtime=0)
            path = self._write_file(Path("markdown") / site.domain / name, data, fmt)
            self.page_number += 1
            return {**_page_record(article, fmt, path.as_posix(), widgets), "front_matter_valid": not broken}
        elif fmt == "warc":
            path = self._write_warc(article, _render_html(article, chrome, widgets, "utf-8", self.page_number))
        else:
            path = self._write_jsonl(article, chrome, widgets)
        self.page_number += 1
        return _page_record(article, fmt, path.as_posix(), widgets)

    def _write_file(self, relative: Path, data: bytes, fmt: str) -> Path:
        target = self.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.files[fmt] += 1
        self.bytes[fmt] += len(data)
        return relative

    def _write_warc(self, article: Article, markup: str) -> Path:
        site = article.site
        relative = Path("warc") / f"{site.domain}.warc.gz"
        if self._warc is None:
            (self.out / "warc").mkdir(parents=True, exist_ok=True)
            stream = (self.out / relative).open("wb")
            self._warc = (stream, _FastGzipWARCWriter(stream), relative)
            self.files["warc"] += 1
            robots = f"User-agent: *\nDisallow: /search\nSitemap: https://{site.domain}/sitemap.xml\n".encode()
            self._warc_response(f"https://{site.domain}/robots.txt", "text/plain", robots, article.fetched)
        body = markup.encode("utf-8")
        response = self._warc_response(article.url, "text/html; charset=utf-8", body, article.fetched, write=False)
        request = self._warc[1].create_warc_record(
            article.url, "request",
            http_headers=StatusAndHeaders(f"GET {_path_of(article.url)} HTTP/1.1", [
                ("Host", _host_of(article.url)), ("User-Agent", "pagewarehouse-sample/1.0"),
                ("Accept", "text/html,application/xhtml+xml")], is_http_request=True),
            warc_headers_dict=_warc_ids(article.url, "request", article.fetched))
        self._warc[1].write_request_response_pair(request, response)
        return relative

    def _warc_response(self, url: str, content_type: str, body: bytes, when: datetime, write: bool = True):
        http_headers = StatusAndHeaders("200 OK", [
            ("Content-Type", content_type), ("Content-Length", str(len(body))),
            ("Date", f"{when:%a, %d %b %Y %H:%M:%S} GMT"), ("Server", "nginx")], protocol="HTTP/1.1")
        record = self._warc[1].create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                                  http_headers=http_headers,
                                                  warc_headers_dict=_warc_ids(url, "response", when))
        if write:
            self._warc[1].write_record(record)
        return record

    def _write_jsonl(self, article: Article, chrome: _Chrome, widgets) -> Path:
        site = article.site
        compressed = site.index % 2 == 1
        relative = Path("jsonl") / f"{site.domain}.jsonl{'.gz' if compressed else ''}"
        if self._jsonl is None:
            (self.out / "jsonl").mkdir(parents=True, exist_ok=True)
            raw = (self.out / relative).open("wb")
            stream = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=3) if compressed else raw
            self._jsonl = (raw, stream, relative)
            self.files["jsonl"] += 1
        if article.slot % 2 == 0:
            row = {"url": article.url, "html": _render_html(article, chrome, widgets, "utf-8", self.page_number),
                   "fetched_at": article.fetched.isoformat() + "Z"}
        else:
            row = {"url": article.url, "text": _render_text(article, chrome, widgets)}
        self._jsonl[1].write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
        return relative

    def finish_site(self, site: Site) -> None:
        if self._warc is not None:
            stream, writer, relative = self._warc
            logo = _tiny_png()
            self._warc_response(f"https://{site.domain}/static/logo.png", "image/png", logo, FIRST_PUBLISHED)
            stream.close()
            self.bytes["warc"] += (self.out / relative).stat().st_size
            self._warc = None
        if self._jsonl is not None:
            raw, stream, relative = self._jsonl
            stream.close()
            raw.close()
            self.bytes["jsonl"] += (self.out / relative).stat().st_size
            self._jsonl = None

    def close(self) -> None:
        if self._warc is not None or self._jsonl is not None:
            raise RuntimeError("finish_site was not called for the last site")


def _warc_ids(url: str, record_type: str, when: datetime) -> dict[str, str]:
    """Stable record ids and dates (warcio would use uuid4 and the clock)."""
    return {"WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{record_type} {url}')}>",
            "WARC-Date": f"{when:%Y-%m-%dT%H:%M:%S}Z"}


def _host_of(url: str) -> str:
    return url.split("/", 3)[2]


def _path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _tiny_png() -> bytes:
    """A valid 1x1 PNG, built here so the corpus needs no binary files."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xc8\x10\x2e")) + chunk(b"IEND", b"")


def _page_record(article: Article, fmt: str, path: str, widgets) -> dict:
    return {
        "site": article.site.domain, "url": article.url, "format": fmt, "path": path,
        "encoding": article.traits.encoding, "title": article.title, "dek": article.dek, "author": article.author,
        "published_at": article.published.isoformat(), "fetched_at": article.fetched.isoformat(),
        "topic": article.storyline.topic, "storyline": article.storyline.key,
        "people": article.people, "places": article.places,
        "syndicated_of": article.syndicated_of, "canonical_url": article.canonical_url,
        "title_repeated_in_body": article.title_repeated, "pull_quote": article.pull_quote,
        "body_truncated": article.traits.truncation is not None, "body_truncation": article.traits.truncation,
        "contains_xss_probe": article.traits.xss, "comments": len(article.comments),
        "body_paragraphs": len(article.paragraphs), "body_chars": len("\n\n".join(article.paragraphs)),
        "body_first_words": " ".join(article.paragraphs[0].split()[:12]),
        "body_last_words": " ".join(article.paragraphs[-1].split()[-12:]),
        "teasers": [_teaser_record(t, heading) for heading, _kind, teasers in widgets for t in teasers],
    }


def _count_features(features: Counter, record: dict) -> None:
    features["pages"] += 1
    features[f"format_{record['format']}"] += 1
    features["syndicated_copies"] += record["syndicated_of"] is not None
    features["body_paywall"] += record["body_truncation"] == "paywall"
    features["body_cut_mid_word"] += record["body_truncation"] == "cut_mid_word"
    features["pull_quotes"] += record["pull_quote"] is not None
    features["title_repeated_in_body"] += record["title_repeated_in_body"]
    features["deks"] += record["dek"] is not None
    features["pages_with_comments"] += record["comments"] > 0
    features["xss_probe_pages"] += record["contains_xss_probe"]
    features[f"encoding_{record['encoding']}"] += 1
    for teaser in record["teasers"]:
        features["teaser_sightings"] += 1
        features["teaser_sightings_echoed"] += teaser["echoed"]
        features["teaser_sightings_linking_corpus_article"] += teaser["links_to_corpus_article"]
        features[f"teaser_sightings_{teaser['truncation_reason'] or 'complete'}"] += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.sample", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="output folder (its format folders are replaced)")
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated subset of " + ",".join(FORMATS))
    args = parser.parse_args(argv)
    summary = generate(args.out, pages=args.pages, seed=args.seed, formats=tuple(args.formats.split(",")))
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
