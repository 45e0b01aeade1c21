"""The IPTC top-level taxonomy as a table, from the single definition in ingest.topics.taxonomy."""

import pyarrow as pa

from ingest.topics.lexicon import LEXICON
from ingest.topics.taxonomy import IPTC_TOPICS

TOP_TERMS = 10


def strongest_cues(topic_id):
    cues = sorted(LEXICON[topic_id].items(), key=lambda cue: -cue[1])
    return [cue.rstrip("*") for cue, _ in cues[:TOP_TERMS]]


def model(dbt, session):
    return pa.table(
        {
            "topic_id": [topic.topic_id for topic in IPTC_TOPICS],
            "label": [topic.label for topic in IPTC_TOPICS],
            "top_terms": pa.array([strongest_cues(topic.topic_id) for topic in IPTC_TOPICS], pa.list_(pa.string())),
        }
    )
