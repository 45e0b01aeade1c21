{#- Spark twin of int_entity_documents_recognized.py: ingest.entities.arrow.recognize_batch over Arrow batches of the
    same documents (canonical articles and teasers, keyed by kind, id and a hash of the text), in Spark's Python
    workers. A Spark build starts from an empty catalog, so every document is recognised. -#}
{{ config(materialized='table') }}

with

documents as (

    select 'article' as doc_kind, article_id as doc_id, title, body as content
    from {{ ref('articles') }}
    where is_canonical
    union all
    select 'teaser' as doc_kind, teaser_id as doc_id, title, snippet as content
    from {{ ref('teasers') }}

),

keyed as (

    select
        doc_kind || ':' || doc_id || ':' || md5(coalesce(title, '') || chr(31) || coalesce(content, '')) as doc_key,
        doc_kind,
        doc_id,
        md5(coalesce(title, '') || chr(31) || coalesce(content, '')) as text_sha,
        title,
        content
    from documents

)

select * from pagewarehouse_recognize_entities(table(keyed))
