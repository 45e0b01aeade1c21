-- Every topic an article can carry: the 17 IPTC top-level topics and the current discovered topics.
with

iptc_topics as (
    select * from {{ ref('int_iptc_topics') }}
),

discovered_terms as (
    select * from {{ ref('int_discovered_topics') }}
),

article_topics as (
    select * from {{ ref('article_topics') }}
),

discovered_topics as (
    select
        topic_id,
        any_value(label) as label,
        {{ ordered_list('term', 'term_rank', 'term_rank <= 10') }} as top_terms
    from discovered_terms
    group by topic_id
),

all_topics as (
    select topic_id, 'iptc' as taxonomy, label, top_terms from iptc_topics
    union all
    select topic_id, 'discovered' as taxonomy, label, top_terms from discovered_topics
),

primary_counts as (
    select
        topic_id,
        count(*) as article_count
    from article_topics
    where is_primary
    group by topic_id
),

final as (
    select
        all_topics.topic_id,
        all_topics.taxonomy,
        all_topics.label,
        all_topics.top_terms,
        coalesce(primary_counts.article_count, 0) as article_count
    from all_topics
    left join primary_counts on all_topics.topic_id = primary_counts.topic_id
)

select * from final
