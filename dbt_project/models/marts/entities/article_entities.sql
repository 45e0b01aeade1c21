with

mentions as (

    select * from {{ ref('int_entity_mentions_canonicalized') }}
    where article_id is not null

),

articles as (

    select
        article_id,
        greatest(length(coalesce(body, '')), 1) as body_length
    from {{ ref('articles') }}
    where is_canonical

),

per_article as (

    select
        article_id,
        entity_id,
        count(*) as mention_count,
        {{ bool_or("source = 'title'") }} as in_title,
        min(case when source = 'body' then start_char end) as first_body_char
    from mentions
    group by article_id, entity_id

),

scored as (

    select
        -- ids
        per_article.article_id,
        per_article.entity_id,

        -- numbers
        per_article.mention_count,
        per_article.first_body_char,
        -- 0..1: named in the title weighs most, then share of the article's busiest entity, then how early
        round(
            0.5 * cast(per_article.in_title as integer)
            + 0.3 * per_article.mention_count / max(per_article.mention_count) over (partition by per_article.article_id)
            + 0.2 * coalesce(1 - least(per_article.first_body_char / articles.body_length, 1), 0),
            4
        ) as salience,

        -- flags
        per_article.in_title

    from per_article
    inner join articles on per_article.article_id = articles.article_id

)

select * from scored
