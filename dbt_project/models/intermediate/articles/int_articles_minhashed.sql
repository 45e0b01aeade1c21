{#- One-permutation MinHash: every word shingle is hashed once and falls into one of bands x rows bins; a bin
    keeps its smallest hash. Cost is linear in the text, and incremental runs only hash new articles. -#}
{%- set shingle_words = var('near_duplicate_shingle_words') | int -%}
{%- set bins = (var('near_duplicate_bands') | int) * (var('near_duplicate_band_rows') | int) -%}

with

articles as (

    select
        article_id,
        body
    from {{ ref('int_articles_extracted') }}
    {% if is_incremental() %}
        where article_id not in (select already_hashed.article_id from {{ this }} as already_hashed)
    {% endif %}

),

words as (

    select
        article_id,
        {{ word_list('body') }} as words
    from articles

),

shingles as (

    select
        article_id,
        -- a text shorter than one shingle still gets one shingle; MD5-based, so both engines agree (minhash.sql)
        {{ unnest_list(shingle_hashes('words', shingle_words)) }} as shingle_hash
    from words
    where {{ list_length('words') }} > 0

),

minhashed as (

    select
        article_id,
        shingle_hash % {{ bins }} as bin,
        min({{ int_div('shingle_hash', bins) }}) as bin_min_hash
    from shingles
    group by article_id, shingle_hash % {{ bins }}

)

select * from minhashed
