-- Articles per day, site and primary topic (both taxonomies), for trend charts.
with

articles as (
    select * from {{ ref('articles') }}
),

article_topics as (
    select * from {{ ref('article_topics') }}
),

topics as (
    select * from {{ ref('topics') }}
),

primary_topics as (
    select
        coalesce(try_cast(articles.published_at as date), cast(articles.fetched_at as date)) as day,
        articles.site,
        article_topics.topic_id,
        articles.article_id
    from article_topics
    inner join articles on article_topics.article_id = articles.article_id
    where article_topics.is_primary
),

final as (
    select
        primary_topics.day,
        primary_topics.site,
        primary_topics.topic_id,
        topics.taxonomy,
        topics.label,
        count(distinct primary_topics.article_id) as articles
    from primary_topics
    inner join topics on primary_topics.topic_id = topics.topic_id
    where primary_topics.day is not null
    group by all
)

select * from final
