{#- Spark twin of teaser_topics.py: ingest.topics.marts.teaser_topics_batch over Arrow batches of the teasers, with
    the newest IPTC model version, which the table function reads from the model table's files. -#}
{{ config(materialized='table') }}

select *
from pagewarehouse_teaser_topics(
    table(
        select teaser_id, title, snippet
        from {{ ref('int_teasers_deduplicated') }}
    ),
    '{{ table_location(ref("int_iptc_topic_models")) }}'
)
