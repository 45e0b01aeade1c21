"""YAML front matter of Markdown captures (Firecrawl, crawl4ai, Jina Reader, Jekyll/Hugo style): pure, no I/O.

A capture may open with a YAML block between two `---` lines (or TOML between `+++` lines; Jina Reader's `Title:`/`URL Source:` header lines
are read too). `split` returns the mapping, the Markdown after it and, when the block is not valid YAML or
not a mapping, why; the page is then read as Markdown without its front matter.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# `---` on the first line (after a BOM or blank lines), closed by `---` or `...` on a line of its own.
_BLOCK = re.compile(r"\A\ufeff?\s*---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*$\r?\n?", re.DOTALL | re.MULTILINE)
# Hugo-style TOML front matter between two `+++` lines.
_TOML_BLOCK = re.compile(r"\A\ufeff?\s*\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*$\r?\n?", re.DOTALL | re.MULTILINE)
# Jina Reader: "Title: ...", "URL Source: ...", "Published Time: ...", then "Markdown Content:".
_JINA_HEADER = re.compile(r"\A\ufeff?\s*Title:[^\n]*\n(?:[A-Z][\w ]{1,30}:[^\n]*\n|\s*\n)*?Markdown Content:[ \t]*\n")
_JINA_LINE = re.compile(r"^([A-Z][\w ]{1,30}):[ \t]*(.*)$", re.MULTILINE)
MAX_FRONT_MATTER_CHARS = 20_000
_PLAIN_LINE = re.compile(r"^([A-Za-z_][\w-]*):[ \t]+([^\s\[\]{}\"'|>&*!%@`#][^\n]*)$")

URL_KEYS = (
    "url", "link", "source_url", "canonical", "canonical_url", "original_url", "upstream_url", "url_source", "source",
)
FETCHED_KEYS = ("fetch_date", "fetched_at", "crawled_at", "scraped_at", "crawl_date", "retrieved_at")
PUBLISHED_KEYS = ("date", "published", "published_at", "published_time", "publish_date", "pubdate")
TITLE_KEYS = ("title", "og_title", "headline")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    fields: dict  # keys lowercased, spaces and dashes as '_'; empty when none or invalid
    markdown: str  # the text after the front matter (the whole text when it was invalid)
    error: str | None = None  # why a front matter block was ignored

    @property
    def url(self) -> str | None:
        for key in URL_KEYS:
            value = self.fields.get(key)
            if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
                return value.strip()
        return None

    @property
    def fetched_at(self) -> object:
        """The fetch time as written (string, date or datetime); the publication `date` only when nothing else."""
        for key in (*FETCHED_KEYS, "date"):
            if self.fields.get(key) not in (None, ""):
                return self.fields[key]
        return None

    @property
    def published(self) -> str | None:
        for key in PUBLISHED_KEYS:
            value = self.fields.get(key)
            if value not in (None, ""):
                return value.isoformat() if isinstance(value, (date, datetime)) else str(value).strip()
        return None

    @property
    def title(self) -> str | None:
        for key in TITLE_KEYS:
            value = self.fields.get(key)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
                return str(value).strip()
        return None


def split(text: str) -> FrontMatter:
    """The front matter of a Markdown capture, or an empty one; never raises on bad YAML."""
    block = _BLOCK.match(text, 0, MAX_FRONT_MATTER_CHARS + 200)
    if block is None:
        toml_block = _TOML_BLOCK.match(text, 0, MAX_FRONT_MATTER_CHARS + 200)
        return _jina_header(text) if toml_block is None else _toml(toml_block, text)
    rest = text[block.end() :]
    try:
        loaded = yaml.load(block.group(1), Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        reason = " ".join(str(error).split())[:300]
        salvaged = _plain_lines(block.group(1))
        if salvaged:
            return FrontMatter(salvaged, rest, f"front matter is not valid YAML ({reason}); read as plain key: value lines")
        return FrontMatter({}, rest, f"front matter is not valid YAML: {reason}")
    if loaded is None:
        return FrontMatter({}, rest)
    if not isinstance(loaded, dict):
        return FrontMatter({}, rest, f"front matter is a YAML {type(loaded).__name__}, not a mapping of fields")
    return FrontMatter({_key(name): value for name, value in loaded.items()}, rest)


def as_datetime(value: object) -> object:
    """YAML reads `2024-03-04` as a date: make it a datetime so timestamp parsing takes it."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time())
    return value


def _toml(block: re.Match, text: str) -> FrontMatter:
    rest = text[block.end() :]
    try:
        loaded = tomllib.loads(block.group(1))
    except tomllib.TOMLDecodeError as error:
        return FrontMatter({}, rest, f"front matter is not valid TOML: {' '.join(str(error).split())[:300]}")
    return FrontMatter({_key(name): value for name, value in loaded.items()}, rest)


def _plain_lines(block: str) -> dict | None:
    """Scrapers often write `source: Blog, Status: green` unquoted, which YAML refuses. When every line is a plain
    `key: value` (no quoting, flow or block syntax that could mean something else), read the lines one by one."""
    fields = {}
    for line in block.splitlines():
        if not line.strip():
            continue
        match = _PLAIN_LINE.match(line)
        if match is None:
            return None
        fields[_key(match.group(1))] = match.group(2).strip()
    return fields or None


def _jina_header(text: str) -> FrontMatter:
    header = _JINA_HEADER.match(text)
    if header is None:
        return FrontMatter({}, text)
    fields = {_key(name): value.strip() for name, value in _JINA_LINE.findall(header.group()) if value.strip()}
    return FrontMatter(fields, text[header.end() :])


def _key(name: object) -> str:
    return re.sub(r"[\s-]+", "_", str(name).strip().lower())
