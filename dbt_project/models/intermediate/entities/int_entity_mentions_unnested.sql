with

recognized as (

    select * from {{ ref('int_entity_documents_recognized') }}

),

-- documents as they are now: near-duplicate copies are left out, and a teaser counts with its current text
current_documents as (

    select
        'article' as doc_kind,
        article_id as doc_id,
        article_id,
        cast(null as {{ dbt.type_string() }}) as teaser_id,
        coalesce(try_cast(published_at as timestamp), fetched_at) as seen_at,
        md5(coalesce(title, '') || chr(31) || coalesce(body, '')) as text_sha
    from {{ ref('articles') }}
    where is_canonical

    union all

    select
        'teaser' as doc_kind,
        teaser_id as doc_id,
        cast(null as {{ dbt.type_string() }}) as article_id,
        teaser_id,
        first_seen_at as seen_at,
        md5(coalesce(title, '') || chr(31) || coalesce(snippet, '')) as text_sha
    from {{ ref('teasers') }}

),

current_recognized as (

    select
        recognized.doc_key,
        recognized.mentions,
        current_documents.article_id,
        current_documents.teaser_id,
        current_documents.seen_at
    from recognized
    inner join current_documents
        on recognized.doc_kind = current_documents.doc_kind
        and recognized.doc_id = current_documents.doc_id
        and recognized.text_sha = current_documents.text_sha

),

unnested as (

    select
        doc_key,
        article_id,
        teaser_id,
        seen_at,
        {{ unnest_structs('mentions') }}
    from current_recognized

)

select
    -- ids
    md5(doc_key || ':' || source || ':' || start_char || ':' || end_char) as mention_id,
    doc_key,
    article_id,
    teaser_id,

    -- text
    source,
    surface,
    entity_type,
    origin,
    model_label,

    -- numbers
    start_char,
    end_char,

    -- timestamps
    seen_at

from unnested
