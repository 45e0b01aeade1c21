"""The intermediate shape both extractors (HTML and text) produce, before shared clean-up."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class TeaserCard:
    """One card of a 'popular/related posts' widget, as found on the page (nothing stripped yet)."""

    title: str
    raw_snippet: str | None
    widget: str | None = None
    link_url: str | None = None
    # The card shows a short second link to the same story ("Read more", "Weiterlesen", "→") after the snippet.
    has_more_link: bool = False


@dataclass(slots=True)
class Segment:
    """A non-article part of the page: kind is 'comment', 'boilerplate' or 'widget_heading'."""

    kind: str
    text: str


@dataclass(slots=True)
class PageParts:
    """What an extractor found on one page. `paragraphs` are in page order and may still hold a
    repeated title or a repeated pull quote: the shared clean-up (`clean.finish`) removes them."""

    title: str | None = None
    dek: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    teasers: list[TeaserCard] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    author: str | None = None
    published_at: str | None = None
    canonical_url: str | None = None
