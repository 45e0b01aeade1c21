{#- Spark twin of int_discovered_topic_models.py: the same NMF fit (ingest.topics.discover.discover_topics) on the
    same sample (at most FIT_SAMPLE canonical articles by md5 of the id), in one table-function call. A Spark build
    starts from an empty catalog, so this is always version 1. -#}
{{ config(materialized='table') }}

with

sample as (

    select
        article_id,
        concat_ws(char(10), title, dek, body) as text
    from {{ ref('articles') }}
    where is_canonical
    order by md5(article_id)
    -- ingest.topics.discover.FIT_SAMPLE
    limit 4000

),

discovered as (

    select * from pagewarehouse_discover_topics(
        table(sample) with single partition,
        {{ var('topics_discovered_count', 0) | int }},
        {{ var('topics_random_state', 0) | int }}
    )

)

select
    cast(1 as bigint) as model_version,
    topic_id,
    label,
    term_rank,
    term,
    weight,
    idf,
    localtimestamp() as discovered_at
from discovered
