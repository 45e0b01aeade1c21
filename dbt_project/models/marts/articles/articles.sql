with

articles as (

    select * from {{ ref('int_articles_deduplicated') }}

),

final as (

    select
        -- ids
        article_id,
        page_id,
        duplicate_group_id,

        -- text
        site,
        url,
        canonical_url,
        title,
        dek,
        body,
        author,
        truncation_reason,

        -- numbers
        word_count,
        removed_duplicates,
        duplicate_group_size,

        -- flags
        is_truncated,
        is_canonical,

        -- dates, for charts that group by day
        cast(published_at as date) as published_date,
        cast(coalesce(published_at, fetched_at, loaded_at) as date) as article_date,

        -- timestamps
        published_at,
        fetched_at,
        loaded_at

    from articles

)

select * from final
