"""Entity extraction and canonicalisation: pure batch functions, no I/O."""

from ingest.entities.canonical import canonicalize, entity_id_for
from ingest.entities.ner import extract_mentions

__all__ = ["canonicalize", "entity_id_for", "extract_mentions"]
