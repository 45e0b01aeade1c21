{#- Spark twin of article_topics.py: ingest.topics.marts.article_topics_batch over Arrow batches of the articles,
    with the newest version of each topic model, which the table function reads from the model tables' files. -#}
{{ config(materialized='table') }}

select *
from pagewarehouse_article_topics(
    table(
        select article_id, title, dek, body
        from {{ ref('articles') }}
    ),
    '{{ table_location(ref("int_discovered_topics")) }}',
    '{{ table_location(ref("int_iptc_topic_models")) }}'
)
