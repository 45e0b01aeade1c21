with

segmented as (

    select * from {{ ref('int_pages_segmented') }}

),

pages as (

    select * from {{ ref('int_pages_located') }}

),

extracted as (

    select
        -- ids
        {{ surrogate_key(['segmented.page_id']) }} as article_id,
        segmented.page_id,

        -- text
        pages.site,
        pages.url,
        segmented.canonical_url,
        segmented.title,
        {{ normalize_title('segmented.title') }} as normalized_title,
        segmented.dek,
        segmented.body,
        segmented.author,
        segmented.truncation_reason,

        -- numbers
        {{ word_count('segmented.body') }} as word_count,
        {{ length('segmented.body') }} as body_length,
        segmented.removed_duplicates,

        -- flags
        coalesce(segmented.is_truncated, false) as is_truncated,

        -- timestamps
        {{ safe_cast('segmented.published_at', type_timestamp()) }} as published_at,
        pages.fetched_at,
        pages.loaded_at

    from segmented
    inner join pages
        on segmented.page_id = pages.page_id
    -- a page without body text (an index page, or one that failed to segment) has no article
    where
        segmented.error is null
        and trim(segmented.body) <> ''

)

select * from extracted
