with

articles as (

    select * from {{ ref('int_articles_extracted') }}

),

near_duplicates as (

    select * from {{ ref('int_articles_near_duplicates') }}

),

grouped as (

    select
        articles.*,
        -- an article without near-duplicates is a group of its own
        coalesce(near_duplicates.duplicate_group_id, articles.article_id) as duplicate_group_id
    from articles
    left join near_duplicates
        on articles.article_id = near_duplicates.article_id

),

ranked as (

    select
        *,
        count(*) over (partition by duplicate_group_id) as duplicate_group_size,
        -- the canonical copy: first published, then first fetched, then the most complete body
        row_number() over (
            partition by duplicate_group_id
            order by
                published_at asc nulls last,
                fetched_at asc nulls last,
                is_truncated asc,
                body_length desc,
                article_id asc
        ) as canonical_rank
    from grouped

),

deduplicated as (

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
        normalized_title,
        dek,
        body,
        author,
        truncation_reason,

        -- numbers
        word_count,
        body_length,
        removed_duplicates,
        duplicate_group_size,

        -- flags
        is_truncated,
        canonical_rank = 1 as is_canonical,

        -- timestamps
        published_at,
        fetched_at,
        loaded_at

    from ranked

)

select * from deduplicated
