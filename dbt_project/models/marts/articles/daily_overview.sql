with

pages as (

    select * from {{ ref('int_pages_located') }}

),

articles as (

    select * from {{ ref('articles') }}

),

sightings as (

    select * from {{ ref('teaser_sightings') }}

),

pages_by_day as (

    select
        pages.page_id,
        pages.site,
        cast(pages.seen_at as date) as day
    from pages

),

daily_pages as (

    select
        pages_by_day.day,
        pages_by_day.site,
        count(*) as page_count,
        count(articles.article_id) as article_count,
        sum(case when articles.is_truncated then 1 else 0 end) as truncated_article_count,
        sum(case when articles.duplicate_group_size > 1 then 1 else 0 end) as near_duplicate_article_count
    from pages_by_day
    left join articles
        on pages_by_day.page_id = articles.page_id
    group by pages_by_day.day, pages_by_day.site

),

daily_sightings as (

    select
        pages_by_day.day,
        pages_by_day.site,
        count(*) as teaser_sighting_count,
        count(distinct sightings.teaser_id) as teaser_count,
        sum(case when sightings.is_truncated then 1 else 0 end) as truncated_sighting_count,
        sum(case when sightings.has_title_echo then 1 else 0 end) as title_echo_sighting_count
    from sightings
    inner join pages_by_day
        on sightings.page_id = pages_by_day.page_id
    group by pages_by_day.day, pages_by_day.site

),

final as (

    select
        -- keys
        daily_pages.day,
        daily_pages.site,

        -- counts
        daily_pages.page_count,
        daily_pages.article_count,
        coalesce(daily_sightings.teaser_count, 0) as teaser_count,
        coalesce(daily_sightings.teaser_sighting_count, 0) as teaser_sighting_count,

        -- shares
        cast(daily_pages.truncated_article_count as double) / nullif(daily_pages.article_count, 0) as truncated_article_share,
        cast(daily_sightings.truncated_sighting_count as double)
        / nullif(daily_sightings.teaser_sighting_count, 0) as truncated_teaser_share,
        cast(daily_sightings.title_echo_sighting_count as double)
        / nullif(daily_sightings.teaser_sighting_count, 0) as title_echo_teaser_share,
        cast(daily_pages.near_duplicate_article_count as double)
        / nullif(daily_pages.article_count, 0) as near_duplicate_article_share

    from daily_pages
    left join daily_sightings
        on
            daily_pages.day = daily_sightings.day
            and daily_pages.site = daily_sightings.site

)

select * from final
