"""Page metadata from a parsed HTML tree: title, dek, author, publication date, canonical URL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath

ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "report",
                 "scholarlyarticle", "techarticle", "opinionnewsarticle", "socialmediaposting", "liveblogposting"}

# Separators sites put between the headline and the site name in <title>.
_TITLE_SEPARATOR_RE = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+")
# A headline shorter than this is a section name or a logo ("News", "Blog"): it must match a declared title whole.
MIN_AGREEING_HEADLINE_CHARS = 12
# After the headline: a separator, or a source in brackets ("（CNET Japan） - Yahoo!ニュース"); before it: a separator,
# or a blog's name and a colon ("Cool Cat Teacher Blog: <headline>").
_SUFFIX_START_RE = re.compile(_TITLE_SEPARATOR_RE.pattern + r"|\s*[(（\[]")
_PREFIX_END_RE = re.compile(f"(?:{_TITLE_SEPARATOR_RE.pattern}|:\\s+)$")
# "/descendant::x[...]" selects what "//x[...]" does, but libxml2 runs the latter (a step with a predicate)
# as a walk over every node, text nodes included, that it then sorts and merges.
_META = XPath("//head/descendant::meta[@content] | //body/descendant::meta[@content][@itemprop]")
_LD_JSON = XPath("/descendant::script[@type='application/ld+json']/text()")
_CANONICAL = XPath("//head//link[@rel='canonical']/@href")
_TITLE = XPath("//head//title")
_H1 = XPath("//body//h1")
_SUBHEADINGS = XPath("//body//h2 | //body//h3")
_TIME = XPath("//body/descendant::time[@datetime]/@datetime")
# The author links: "//body//*[@rel='author' or @itemprop='author'] | //body//*[contains(@class,'byline')]//a".
# libxml2 tests a predicate on every element ("*[@rel='author']") at twice the cost of stepping to the attribute,
# testing it and back to its element ("*/@rel[.='author']/.."), which selects the same elements.
_AUTHOR_LINKS = XPath(
    "//body/descendant::*/@rel[.='author']/.. | //body/descendant::*/@itemprop[.='author']/.."
    " | //body/descendant::*/@class[contains(.,'byline')]/../descendant::a"
)


@dataclass(slots=True)
class PageMetadata:
    """What the page declares about its article."""

    title: str | None = None
    dek: str | None = None
    author: str | None = None
    published_at: str | None = None
    canonical_url: str | None = None
    # og:type article or a schema.org article in JSON-LD.
    declares_article: bool = False


def normalize_space(text: str | None) -> str:
    """Collapse runs of whitespace and trim."""
    return " ".join((text or "").split())


def _meta_values(tree) -> dict[str, str]:
    """First non-empty content of each meta name/property/itemprop, keys lowercased."""
    values: dict[str, str] = {}
    for meta in _META(tree):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = normalize_space(meta.get("content"))
        if key and content and key not in values:
            values[key] = content
    return values


def _walk_json_ld(node):
    if isinstance(node, list):
        for item in node:
            yield from _walk_json_ld(item)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(node.get(key), (list, dict)):
                yield from _walk_json_ld(node[key])


def _json_ld_article(tree) -> dict:
    """The first schema.org article object declared in JSON-LD, or {}."""
    for script in _LD_JSON(tree):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for node in _walk_json_ld(data):
            types = node.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(kind, str) and kind.lower() in ARTICLE_TYPES for kind in types):
                return node
    return {}


def _person_name(value) -> str | None:
    """A readable name from a JSON-LD author (string, Person object or list of them)."""
    if isinstance(value, list):
        names = [name for name in map(_person_name, value) if name]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str):
        name = normalize_space(value)
        return name if name and not name.startswith(("http://", "https://")) else None
    return None


def iso_datetime(value: str | None) -> str | None:
    """The value as an ISO-8601 date or datetime, or None when it is not one."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    if " " in text[:11] and "T" not in text:
        text = text.replace(" ", "T", 1)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


def strip_site_name(title: str, site_name: str | None) -> str:
    """Drop a trailing (or leading) site name from a <title>-style string."""
    parts = _TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 2:
        return title
    if site_name:
        lowered = site_name.lower()
        kept = [part for part in parts if part.lower() != lowered]
        if kept and len(kept) < len(parts):
            return " - ".join(kept) if len(kept) > 1 else kept[0]
    # No declared site name: the headline is the longest part (site names are short).
    return max(parts, key=len)


def _title(tree, meta: dict[str, str], ld: dict) -> str | None:
    """The article's headline, chosen by agreement: the visible h1 (else h2, h3) that a declared title (og:title,
    twitter:title, JSON-LD headline, <title>) repeats, with or without a site-name suffix; else the declared titles."""
    site_name = meta.get("og:site_name")
    h1_texts = [text for text in (normalize_space(h1.text_content()) for h1 in _H1(tree)) if text]
    # A blog's h1 is often its name, the post's headline an h2 or h3 below it: those are read only when needed.
    headings = chain(h1_texts, _subheading_texts(tree))
    declared = [normalize_space(value) for value in (meta.get("og:title"), meta.get("twitter:title"), ld.get("headline"))
                if isinstance(value, str) and normalize_space(value)]
    titles = _TITLE(tree)
    page_title = normalize_space(titles[0].text_content()) if titles else ""
    sources = [*declared, page_title] if page_title else declared
    agreeing = next((heading for heading in headings if heading and any(_repeats(source, heading) for source in sources)),
                    None)
    if agreeing:
        return agreeing
    for candidate in declared:
        return strip_site_name(candidate, site_name)
    headline = (_linked_heading_first_part(tree, page_title) or strip_site_name(page_title, site_name)) if page_title else None
    # An h1 too short to be a headline and not in the <title> is the site's logo (in another script or spelling):
    # the <title> without its site name is the headline when the page shows it (as a plain element).
    if h1_texts and (len(h1_texts[0]) >= MIN_AGREEING_HEADLINE_CHARS or h1_texts[0].casefold() in page_title.casefold()
                     or not _shown_in_body(tree, headline)):
        return h1_texts[0]
    return headline or None


def _linked_heading_first_part(tree, page_title: str) -> str | None:
    """The first part of a <title> of several parts ("Headline | Site – its tagline") when a heading of the body is
    it and links to a page below the site's root: a blog theme's headline, linked to its post, whose site name and
    tagline together outrun it. A logo heading links to the root ("/")."""
    parts = _TITLE_SEPARATOR_RE.split(page_title)
    if len(parts) < 2 or len(parts[0]) < MIN_AGREEING_HEADLINE_CHARS:
        return None
    first = parts[0].casefold()
    for heading in chain(_H1(tree), _SUBHEADINGS(tree)):
        text = normalize_space(heading.text_content())
        if text.casefold() == first and any(urlsplit(link.get("href") or "").path.strip("/") for link in heading.iter("a")):
            return text
    return None


def _shown_in_body(tree, text: str | None) -> bool:
    """Whether an element of the body holds exactly `text` (whitespace collapsed), and `text` is headline-long."""
    if not text or len(text) < MIN_AGREEING_HEADLINE_CHARS:
        return False
    body = tree.find(".//body")
    return body is not None and any(
        element.text and text[:MIN_AGREEING_HEADLINE_CHARS] in element.text and normalize_space(element.text_content()) == text
        for element in body.iter("*")
    )


def _subheading_texts(tree) -> Iterator[str]:
    # A generator: the page is only searched when no h1 agrees with a declared title.
    for heading in _SUBHEADINGS(tree):
        yield normalize_space(heading.text_content())


def _repeats(source: str, headline: str) -> bool:
    """Whether a declared title is the headline, alone or with a site name or section before or after it
    ("<headline> | Site", "Site - <headline>"), compared casefolded."""
    source, headline = source.casefold(), headline.casefold()
    if source == headline:
        return True
    if len(headline) < MIN_AGREEING_HEADLINE_CHARS:
        return False
    # The rest of the declared title is a site name or a section: shorter than the headline. An h1 that is the
    # shorter part is the site's name ("Post title | The Blog Name" under an h1 logo "The Blog Name").
    if source.startswith(headline):
        rest = source[len(headline):]
        return _SUFFIX_START_RE.match(rest) is not None and len(rest) < len(headline)
    if source.endswith(headline):
        rest = source[: len(source) - len(headline)]
        return _PREFIX_END_RE.search(rest) is not None and len(rest) < len(headline)
    return False


def _dek(candidates: list, title: str | None) -> str | None:
    """A subtitle shown on the page: only marked-up elements count, never a bare meta description."""
    for element in candidates:
        if any(ancestor.tag in ("nav", "footer", "aside") or _is_site_banner(ancestor) for ancestor in element.iterancestors()):
            continue
        text = normalize_space(element.text_content())
        if 15 <= len(text) <= 500 and text != title:
            return text
    return None


def _is_site_banner(element) -> bool:
    """The page's own header bar (logo, menus, weather): a <header> or role=banner that is not inside the article."""
    if element.get("role") == "banner":
        return True
    parent = element.getparent()
    return element.tag == "header" and parent is not None and parent.tag == "body"


def _author(tree, meta: dict[str, str], ld: dict) -> str | None:
    for candidate in (meta.get("author"), meta.get("article:author"), meta.get("parsely-author"),
                      meta.get("dc.creator"), meta.get("sailthru.author")):
        name = clean_byline(_person_name(candidate))
        if name:
            return name
    name = clean_byline(_person_name(ld.get("author")))
    if name:
        return name
    for element in _AUTHOR_LINKS(tree):
        text = normalize_space(element.text_content())
        if 2 < len(text) <= 80:
            name = clean_byline(text)
            if name:
                return name
    return None


# What bylines carry besides the names: a lead-in, then after a separator a handle, a date, a reading time, a
# print link; after a comma the writer's role or agency.
_BYLINE_LEAD = re.compile(r"^(?:(?:analysis|written|posted|reported|story|words|text)\s+)?by\s+", re.IGNORECASE)
_BYLINE_TAIL = re.compile(
    r"\s+(?:[|•·]|[-–—]\s|@\w)|(?:^|\s+)(?:on\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})",
    re.IGNORECASE,
)
_BYLINE_ROLE = re.compile(
    r",\s+(?:[^,]*\b(?:writer|editor|reporter|correspondent|columnist|contributor|staff|press|reuters|afp|ap)\b[^,]*"
    r"|[^,]*-at-large)$",
    re.IGNORECASE,
)


_NAME_JOINERS = {"and", "&", "with", "de", "van", "von", "da", "del"}


def clean_byline(text: str | None) -> str | None:
    """The names of a byline: "By MEG KINNARD and ERRIN HAINES, Associated Press" -> "Meg Kinnard and Errin
    Haines"; "Tom Rogan | November 18, 2019 12:26 PM Print this article" -> "Tom Rogan"; None when nothing
    name-like is left."""
    if not text:
        return None
    name = _BYLINE_LEAD.sub("", normalize_space(text))
    tail = _BYLINE_TAIL.search(name)
    if tail:
        name = name[: tail.start()]
    name = _BYLINE_ROLE.sub("", name).strip(" ,;:|-–—")
    words = name.split()
    # Names in capitals ("MEG KINNARD and ERRIN HAINES"); a single capitalised word may be an acronym.
    if len(words) > 1 and all(word.isupper() or word.lower() in _NAME_JOINERS for word in words):
        name = " ".join(word.title() if word.isupper() else word for word in words)
    return name if any(character.isalpha() for character in name) else None


def _published_at(tree, meta: dict[str, str], ld: dict) -> str | None:
    declared = [meta.get(key) for key in ("article:published_time", "datepublished", "og:published_time",
                                           "pubdate", "publishdate", "dc.date.issued", "date", "sailthru.date")]
    declared.append(ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None)
    for candidate in chain(declared, _marked_up_times(tree)):
        parsed = iso_datetime(candidate)
        if parsed:
            return parsed
    return None


def _marked_up_times(tree) -> Iterator[str]:
    # A generator: the page is only searched when no declared date parses.
    yield from _TIME(tree)[:3]


def _canonical_url(tree, meta: dict[str, str], url: str | None) -> str | None:
    for candidate in [*_CANONICAL(tree), meta.get("og:url")]:
        if candidate and candidate.strip():
            return urljoin(url or "", candidate.strip())
    return None


def read_metadata(tree, dek_candidates: list, url: str | None = None) -> PageMetadata:
    """Read the declared metadata of one page (meta tags, JSON-LD, marked-up subtitle candidates)."""
    meta = _meta_values(tree)
    ld = _json_ld_article(tree)
    title = _title(tree, meta, ld)
    return PageMetadata(
        title=title,
        dek=_dek(dek_candidates, title),
        author=_author(tree, meta, ld),
        published_at=_published_at(tree, meta, ld),
        canonical_url=_canonical_url(tree, meta, url),
        declares_article=bool(ld) or meta.get("og:type", "").lower() == "article",
    )
