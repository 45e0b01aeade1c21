-- The current discovered-topic model: the newest version's term rows.
with

versions as (
    select * from {{ ref('int_discovered_topic_models') }}
),

current_version as (
    select *
    from versions
    where model_version = (select max(model_version) from versions)
)

select
    model_version,
    topic_id,
    label,
    term_rank,
    term,
    weight,
    idf
from current_version
