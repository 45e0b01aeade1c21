with

sightings as (

    select * from {{ ref('int_teaser_sightings') }}

),

final as (

    select
        -- ids
        teaser_id,
        page_id,

        -- text
        widget,
        title,
        raw_snippet,
        snippet,
        truncation_reason,
        link_url,

        -- numbers
        position,

        -- flags
        has_title_echo,
        is_truncated,

        -- timestamps
        seen_at

    from sightings

)

select * from final
