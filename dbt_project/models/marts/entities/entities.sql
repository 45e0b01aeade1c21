with

mentions as (

    select * from {{ ref('int_entity_mentions_canonicalized') }}

),

entities as (

    select
        -- ids
        entity_id,

        -- text
        any_value(entity_name) as name,
        any_value(entity_type) as entity_type,
        {{ sorted_distinct_list('alias') }} as aliases,

        -- numbers
        count(*) as mention_count,
        count(distinct article_id) as article_count,
        count(distinct teaser_id) as teaser_count,

        -- timestamps
        min(seen_at) as first_seen_at,
        max(seen_at) as last_seen_at

    from mentions
    group by entity_id

)

select * from entities
