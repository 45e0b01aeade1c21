with

mentions as (

    select * from {{ ref('int_entity_mentions_canonicalized') }}

)

select
    -- ids
    mention_id,
    entity_id,
    article_id,
    teaser_id,

    -- text
    source,
    surface,
    alias,
    entity_type,
    origin,

    -- numbers
    start_char,
    end_char,

    -- timestamps
    seen_at

from mentions
