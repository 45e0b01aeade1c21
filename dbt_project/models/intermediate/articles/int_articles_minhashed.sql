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
        list_filter(string_split_regex(lower(body), '[^\p{L}\p{N}]+'), lambda word: word <> '') as words
    from articles

),

shingles as (

    select
        article_id,
        -- a text shorter than one shingle still gets one (null-padded) shingle
        unnest(list_distinct(list_transform(
            range(1, greatest(len(words) - {{ shingle_words - 1 }}, 1) + 1),
            lambda i: hash(
                {%- for offset in range(shingle_words) %}
                words[i + {{ offset }}]{{ "," if not loop.last }}
                {%- endfor %}
            )
        ))) as shingle_hash
    from words
    where len(words) > 0

),

minhashed as (

    select
        article_id,
        shingle_hash % {{ bins }} as bin,
        min(shingle_hash // {{ bins }}) as bin_min_hash
    from shingles
    group by article_id, shingle_hash % {{ bins }}

)

select * from minhashed
