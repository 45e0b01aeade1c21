"""Where a page's links go: to one story of the page's own site, or to its home page, a section, another site.

Pure functions over urls (relative or absolute); a page's site is a registered name ("example.co.uk"), so a
site's sub-domains ("news.example.co.uk") count as the site.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import SplitResult, urlsplit

# A link names one story's page by an id of five digits or more in its path, a number as a query value ("?p=123")
# or as the last part of the path ("/archives/123", not a year alone), or a slug of three words or more there.
STORY_ID = re.compile(r"\d{5,}")
STORY_QUERY_ID = re.compile(r"=[\w-]*\d{2,}")
PAGE_NUMBER = re.compile(r"\d{3,}")
YEAR_ONLY = re.compile(r"(?:1[89]|20)\d{2}")
STORY_SLUG_MIN_WORDS = 3
SLUG_WORD_BREAK = re.compile(r"[-_+]+")


def site_name(url: str | None, links: Iterable[str]) -> str | None:
    """The registered name of a page's site: its url's, or else the one most of its absolute `links` go to."""
    host = _host(url) if url else None
    if host:
        return registered_name(host)
    names = Counter(registered_name(host) for host in map(_host, links) if host)
    return names.most_common(1)[0][0] if names else None


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def registered_name(host: str) -> str:
    """The last two labels of a host, three under a country's second-level name ("example.co.jp", "abc.com.au")."""
    labels = host.lower().split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def links_a_story(url: str | None, site: str | None, sections: frozenset[str] = frozenset()) -> bool:
    """Whether a link may go to one story of the site: not to another site, its home page or one of its sections
    (a path other links of the page go below, "/sport/" above "/sport/2018/12/a-story"). A link that names a
    story (see names_a_story) does in any case."""
    parts = _site_link(url, site)
    if parts is None:
        return False
    segments = [segment for segment in parts.path.split("/") if segment]
    return names_a_story(url, site) or (bool(segments) and _directory(segments) not in sections)


def names_a_story(url: str | None, site: str | None) -> bool:
    """Whether a link of this site names one page: see STORY_ID."""
    parts = _site_link(url, site)
    if parts is None:
        return False
    segments = [segment for segment in parts.path.split("/") if segment]
    return bool(
        STORY_ID.search(parts.path) or STORY_QUERY_ID.search(parts.query) or (segments and _names_a_page(segments))
    )


def _site_link(url: str | None, site: str | None) -> SplitResult | None:
    """The parts of a web link to this site (a relative one, or one to the same registered name), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    # A text browser resolves a saved page's relative links against its file: they stay on the site.
    if parts.scheme not in ("", "http", "https", "file"):
        return None
    if parts.hostname and site and registered_name(parts.hostname) != site:
        return None
    return parts


def _names_a_page(segments: list[str]) -> bool:
    name = segments[-1].rsplit(".", 1)[0] if "." in segments[-1] else segments[-1]
    numbered = PAGE_NUMBER.search(name) is not None and YEAR_ONLY.fullmatch(name) is None
    return numbered or len(SLUG_WORD_BREAK.split(name)) >= STORY_SLUG_MIN_WORDS


def _directory(segments: list[str]) -> str:
    return "/" + "/".join(segments).casefold() + "/"


def section_paths(links: Iterable[str], site: str | None) -> frozenset[str]:
    """The paths of this site that other `links` of the page go below: its sections."""
    sections: set[str] = set()
    for link in links:
        try:
            parts = urlsplit(link)
        except ValueError:
            continue
        if parts.hostname and site and registered_name(parts.hostname) != site:
            continue
        segments = [segment for segment in parts.path.split("/") if segment]
        sections.update(_directory(segments[:length]) for length in range(1, len(segments)))
    return frozenset(sections)


def links_stories(urls: list[str | None], site: str | None, sections: frozenset[str] = frozenset()) -> bool:
    """Whether most linked cards of a widget link stories of the site (a blogroll, a network's other sites, a
    list of sections do not); a widget whose cards carry no link is left to the other rules."""
    linked = [url for url in urls if url]
    return not linked or 2 * sum(links_a_story(url, site, sections) for url in linked) >= len(linked)
