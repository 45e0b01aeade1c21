with

sightings as (

    select * from {{ ref('int_teaser_sightings') }}

),

ranked_snippets as (

    select
        teaser_id,
        title,
        snippet,
        is_truncated,
        truncation_reason,
        -- the snippet shown is the longest one that is not cut; a cut one only when no other was seen
        row_number() over (
            partition by teaser_id
            order by
                is_truncated asc,
                {{ length('snippet') }} desc nulls last,
                seen_at asc,
                page_id asc,
                position asc
        ) as snippet_rank
    from sightings

),

best_snippets as (

    select * from ranked_snippets
    where snippet_rank = 1

),

aggregated as (

    select
        teaser_id,
        site,
        normalized_title,
        count(*) as sighting_count,
        count(distinct page_id) as page_count,
        {{ bool_or('has_title_echo') }} as has_title_echo,
        min(seen_at) as first_seen_at,
        max(seen_at) as last_seen_at
    from sightings
    group by teaser_id, site, normalized_title

),

deduplicated as (

    select
        -- ids
        aggregated.teaser_id,

        -- text
        aggregated.site,
        best_snippets.title,
        aggregated.normalized_title,
        best_snippets.snippet,
        best_snippets.truncation_reason,

        -- numbers
        aggregated.sighting_count,
        aggregated.page_count,

        -- flags
        aggregated.has_title_echo,
        best_snippets.is_truncated,

        -- timestamps
        aggregated.first_seen_at,
        aggregated.last_seen_at

    from aggregated
    inner join best_snippets
        on aggregated.teaser_id = best_snippets.teaser_id

)

select * from deduplicated
