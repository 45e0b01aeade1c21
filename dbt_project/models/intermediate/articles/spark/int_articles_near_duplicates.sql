{#- Spark twin of int_articles_near_duplicates.py: the same union-find (ingest.near_duplicates), which must see
    every pair, so the table function gets the pairs as one partition. -#}
{{ config(materialized='table') }}

select *
from pagewarehouse_near_duplicate_groups(table(
    select article_id, duplicate_article_id
    from {{ ref('int_article_duplicate_pairs') }}
) with single partition)
