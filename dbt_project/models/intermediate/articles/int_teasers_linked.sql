{#- The full article behind each teaser, when the corpus has it: first by the teaser's link matching an
    article's url or canonical url, else by the same normalized title within the site, else by the same
    normalized title where one of the two sites is unknown. -#}

with

sightings as (

    select * from {{ ref('int_teaser_sightings') }}

),

teasers as (

    select * from {{ ref('int_teasers_deduplicated') }}

),

articles as (

    select * from {{ ref('int_articles_deduplicated') }}

),

teaser_links as (

    select distinct
        teaser_id,
        {{ normalize_url('link_url') }} as normalized_url
    from sightings
    where link_url is not null

),

article_urls as (

    select
        article_id,
        is_canonical,
        {{ normalize_url('url') }} as normalized_url
    from articles
    where url is not null

    union all

    select
        article_id,
        is_canonical,
        {{ normalize_url('canonical_url') }} as normalized_url
    from articles
    where canonical_url is not null

),

matched_by_url as (

    select
        teaser_links.teaser_id,
        article_urls.article_id,
        article_urls.is_canonical,
        1 as match_priority,
        'link_url' as link_method
    from teaser_links
    inner join article_urls
        on teaser_links.normalized_url = article_urls.normalized_url

),

matched_by_title as (

    select
        teasers.teaser_id,
        articles.article_id,
        articles.is_canonical,
        case when teasers.site = articles.site then 2 else 3 end as match_priority,
        case when teasers.site = articles.site then 'title' else 'title_unknown_site' end as link_method
    from teasers
    inner join articles
        on
            teasers.normalized_title = articles.normalized_title
            -- an unknown site (a text dump) is not a different site: it may be the same one
            and (
                teasers.site = articles.site
                or teasers.site = '{{ var("unknown_site") }}'
                or articles.site = '{{ var("unknown_site") }}'
            )

),

ranked_matches as (

    select
        teaser_id,
        article_id,
        link_method,
        -- syndicated copies all match: prefer the group's canonical copy
        row_number() over (
            partition by teaser_id
            order by match_priority asc, is_canonical desc, article_id asc
        ) as match_rank
    from (
        select * from matched_by_url
        union all
        select * from matched_by_title
    ) as matches

),

linked as (

    select
        teaser_id,
        article_id,
        link_method
    from ranked_matches
    where match_rank = 1

)

select * from linked
