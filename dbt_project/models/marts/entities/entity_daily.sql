with

mentions as (

    select * from {{ ref('int_entity_mentions_canonicalized') }}
    where seen_at is not null

),

daily as (

    select
        -- ids
        cast(seen_at as date) as day,
        entity_id,

        -- text
        any_value(entity_name) as name,

        -- numbers
        count(*) as mentions,
        count(distinct article_id) as articles

    from mentions
    group by cast(seen_at as date), entity_id

)

select * from daily
