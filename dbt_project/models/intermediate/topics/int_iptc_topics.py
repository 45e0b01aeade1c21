"""The IPTC top-level taxonomy as a table, from the single definition in ingest.topics.taxonomy
(ingest.topics.marts.iptc_topics_table; the Spark build's model of the same name calls it too)."""

from ingest.topics.marts import iptc_topics_table


def model(dbt, session):
    return iptc_topics_table()
