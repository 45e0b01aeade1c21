{#- Spark twin of int_entity_mentions_canonicalized.py: the same canonicalisation (ingest.entities.arrow.
    canonical_groups) over every (document, surface, type, origin) group, which must see the whole corpus, so the
    table function gets the groups as one partition; the result is joined back to every mention. -#}
{{ config(materialized='table') }}

with

mentions as (

    select * from {{ ref('int_entity_mentions_unnested') }}

),

groups as (

    select doc_key, surface, entity_type, origin, count(*) as mention_count
    from mentions
    group by doc_key, surface, entity_type, origin

),

canonical as (

    select * from pagewarehouse_canonical_entities(table(groups) with single partition)

)

select
    mention.mention_id,
    canonical.entity_id,
    mention.article_id,
    mention.teaser_id,
    canonical.entity_name,
    canonical.entity_type,
    canonical.name_key,
    canonical.alias,
    mention.source,
    mention.surface,
    mention.origin,
    mention.model_label,
    mention.start_char,
    mention.end_char,
    mention.seen_at
from mentions as mention
inner join canonical
    on mention.doc_key = canonical.group_doc_key
    and mention.surface = canonical.group_surface
    and mention.entity_type = canonical.group_entity_type
    and mention.origin = canonical.group_origin
