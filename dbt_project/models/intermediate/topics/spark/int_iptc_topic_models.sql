{#- Spark twin of int_iptc_topic_models.py: the same fit (ingest.topics.adapt.fit_model) on the same sample (at most
    FIT_SAMPLE canonical articles by md5 of the id), in one table-function call that sees the whole sample. A Spark
    build starts from an empty catalog, so this is always version 1 (no refit logic). -#}
{{ config(materialized='table') }}

with

canonical as (

    select * from {{ ref('articles') }}
    where is_canonical

),

sample as (

    select
        article_id,
        title,
        concat_ws(char(10), dek, body) as text
    from canonical
    order by md5(article_id)
    -- ingest.topics.adapt.FIT_SAMPLE
    limit 20000

),

fitted as (

    select * from pagewarehouse_fit_iptc_model(
        table(sample) with single partition,
        {{ var('topics_min_fit_articles', 500) | int }}
    )

)

select
    cast(1 as bigint) as model_version,
    fitted.topic_id,
    fitted.prior,
    fitted.term,
    fitted.weight,
    fitted.idf,
    (select count(*) from canonical) as fitted_article_count,
    localtimestamp() as fitted_at
from fitted
