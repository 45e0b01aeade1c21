with

teasers as (

    select * from {{ ref('int_teasers_deduplicated') }}

),

links as (

    select * from {{ ref('int_teasers_linked') }}

),

primary_topics as (

    select
        teaser_topics.teaser_id,
        teaser_topics.topic_id,
        iptc_topics.label
    from {{ ref('teaser_topics') }} as teaser_topics
    inner join {{ ref('int_iptc_topics') }} as iptc_topics
        on teaser_topics.topic_id = iptc_topics.topic_id
    where teaser_topics.is_primary

),

final as (

    select
        -- ids
        teasers.teaser_id,
        links.article_id,
        primary_topics.topic_id as primary_topic_id,

        -- text
        teasers.site,
        teasers.title,
        teasers.snippet,
        teasers.truncation_reason,
        links.link_method as article_link_method,
        primary_topics.label as primary_topic_label,

        -- numbers
        teasers.sighting_count,
        teasers.page_count,

        -- flags
        teasers.has_title_echo,
        teasers.is_truncated,

        -- timestamps
        teasers.first_seen_at,
        teasers.last_seen_at

    from teasers
    left join links
        on teasers.teaser_id = links.teaser_id
    left join primary_topics
        on teasers.teaser_id = primary_topics.teaser_id

)

select * from final
