with

article_entities as (

    select article_id, entity_id from {{ ref('article_entities') }}

),

pairs as (

    select
        first_entity.entity_id as entity_id_a,
        second_entity.entity_id as entity_id_b,
        count(*) as article_count
    from article_entities as first_entity
    inner join article_entities as second_entity
        on first_entity.article_id = second_entity.article_id
        and first_entity.entity_id < second_entity.entity_id
    group by first_entity.entity_id, second_entity.entity_id

)

select * from pairs
