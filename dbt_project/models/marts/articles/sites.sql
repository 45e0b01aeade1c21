with

pages as (

    select * from {{ ref('int_pages_located') }}

),

articles as (

    select * from {{ ref('int_articles_deduplicated') }}

),

teasers as (

    select * from {{ ref('int_teasers_deduplicated') }}

),

page_counts as (

    select
        site,
        count(*) as page_count,
        min(seen_at) as first_page_seen_at,
        max(seen_at) as last_page_seen_at
    from pages
    group by site

),

article_counts as (

    select
        site,
        count(*) as article_count,
        avg(case when is_truncated then 1 else 0 end) as truncated_article_share,
        avg(case when duplicate_group_size > 1 then 1 else 0 end) as near_duplicate_article_share
    from articles
    group by site

),

teaser_counts as (

    select
        site,
        count(*) as teaser_count,
        sum(sighting_count) as teaser_sighting_count,
        avg(case when is_truncated then 1 else 0 end) as truncated_teaser_share,
        avg(case when has_title_echo then 1 else 0 end) as title_echo_teaser_share
    from teasers
    group by site

),

final as (

    select
        -- ids
        page_counts.site,

        -- numbers
        page_counts.page_count,
        coalesce(article_counts.article_count, 0) as article_count,
        coalesce(teaser_counts.teaser_count, 0) as teaser_count,
        coalesce(teaser_counts.teaser_sighting_count, 0) as teaser_sighting_count,
        teaser_counts.truncated_teaser_share,
        teaser_counts.title_echo_teaser_share,
        article_counts.truncated_article_share,
        article_counts.near_duplicate_article_share,

        -- timestamps
        page_counts.first_page_seen_at,
        page_counts.last_page_seen_at

    from page_counts
    left join article_counts
        on page_counts.site = article_counts.site
    left join teaser_counts
        on page_counts.site = teaser_counts.site

)

select * from final
