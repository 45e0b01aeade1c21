with

segmented as (

    select * from {{ ref('int_pages_segmented') }}

),

pages as (

    select * from {{ ref('int_pages_located') }}

),

unnested as (

    select
        page_id,
        {{ unnest_list("teasers") }} as teaser
    from segmented

),

sightings as (

    select
        -- ids
        {{ surrogate_key(['pages.site', normalize_title('unnested.teaser.title')]) }} as teaser_id,
        unnested.page_id,

        -- text
        pages.site,
        unnested.teaser.widget,
        unnested.teaser.title,
        {{ normalize_title('unnested.teaser.title') }} as normalized_title,
        unnested.teaser.raw_snippet,
        unnested.teaser.snippet,
        unnested.teaser.truncation_reason,
        unnested.teaser.link_url,

        -- numbers
        unnested.teaser.position,

        -- flags
        coalesce(unnested.teaser.has_title_echo, false) as has_title_echo,
        coalesce(unnested.teaser.is_truncated, false) as is_truncated,

        -- timestamps
        pages.seen_at

    from unnested
    inner join pages
        on unnested.page_id = pages.page_id

)

select * from sightings
-- a teaser without a title cannot be told apart from any other
where normalized_title is not null
