with

pages as (

    select * from {{ ref('stg_raw__pages') }}

),

segmented as (

    select * from {{ ref('int_pages_segmented') }}

),

located as (

    select
        -- ids
        pages.page_id,

        -- text
        pages.url,
        -- a page saved to disk has no url, but its HTML often declares a canonical one
        case
            when pages.is_site_known then pages.site
            else coalesce({{ site_of_url('segmented.canonical_url') }}, pages.site)
        end as site,
        case
            when pages.is_site_known then 'url'
            when {{ site_of_url('segmented.canonical_url') }} is not null then 'canonical_url'
            else 'unknown'
        end as site_source,
        pages.content_format,

        -- numbers
        pages.byte_length,

        -- timestamps
        pages.fetched_at,
        pages.loaded_at,
        -- text dumps carry no fetch time: when the page was loaded is the best known time it was seen
        coalesce(pages.fetched_at, pages.loaded_at) as seen_at

    from pages
    inner join segmented
        on pages.page_id = segmented.page_id

)

select * from located
