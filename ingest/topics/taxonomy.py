"""The fixed taxonomy: the 17 top-level IPTC Media Topics (CC BY 4.0, iptc.org) with their official codes."""

from typing import NamedTuple


class TaxonomyTopic(NamedTuple):
    topic_id: str
    label: str


IPTC_TOPICS: tuple[TaxonomyTopic, ...] = (
    TaxonomyTopic("medtop:01000000", "arts, culture, entertainment and media"),
    TaxonomyTopic("medtop:16000000", "conflict, war and peace"),
    TaxonomyTopic("medtop:02000000", "crime, law and justice"),
    TaxonomyTopic("medtop:03000000", "disaster, accident and emergency incident"),
    TaxonomyTopic("medtop:04000000", "economy, business and finance"),
    TaxonomyTopic("medtop:05000000", "education"),
    TaxonomyTopic("medtop:06000000", "environment"),
    TaxonomyTopic("medtop:07000000", "health"),
    TaxonomyTopic("medtop:08000000", "human interest"),
    TaxonomyTopic("medtop:09000000", "labour"),
    TaxonomyTopic("medtop:10000000", "lifestyle and leisure"),
    TaxonomyTopic("medtop:11000000", "politics"),
    TaxonomyTopic("medtop:12000000", "religion"),
    TaxonomyTopic("medtop:13000000", "science and technology"),
    TaxonomyTopic("medtop:14000000", "society"),
    TaxonomyTopic("medtop:15000000", "sport"),
    TaxonomyTopic("medtop:17000000", "weather"),
)

IPTC_TOPIC_IDS: tuple[str, ...] = tuple(topic.topic_id for topic in IPTC_TOPICS)
IPTC_LABELS: dict[str, str] = {topic.topic_id: topic.label for topic in IPTC_TOPICS}
