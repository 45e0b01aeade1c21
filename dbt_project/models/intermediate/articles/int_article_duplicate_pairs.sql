{#- LSH banding over the MinHash bins; candidate pairs whose estimated Jaccard similarity comes near the threshold
    are then verified by the exact Jaccard similarity of their shingle sets, which decides. -#}
{%- set band_rows = var('near_duplicate_band_rows') | int -%}
{%- set shingle_words = var('near_duplicate_shingle_words') | int -%}
{#- Its joins are the build's largest: at 100k generated pages DuckDB's default limit (80% of RAM) let them hold
    13.7 GB; under the profile's memory_limit (profiles.yml) DuckDB spills them to disk instead. -#}

with

minhashed as (

    select * from {{ ref('int_articles_minhashed') }}

),

band_keys as (

    select
        article_id,
        {{ int_div('bin', band_rows) }} as band,
        -- bin numbers are part of the key: two articles only collide when the same bins are filled alike
        {{ band_key('bin', 'bin_min_hash') }} as band_key
    from minhashed
    group by article_id, {{ int_div('bin', band_rows) }}

),

buckets as (

    select
        article_id,
        min(article_id) over (partition by band, band_key) as bucket_anchor_id
    from band_keys

),

candidate_pairs as (

    -- every member is paired with its bucket's smallest article, not with every other member: pairs stay
    -- linear in the number of articles even when thousands of copies share a bucket
    select distinct
        bucket_anchor_id as article_id,
        article_id as duplicate_article_id
    from buckets
    where article_id <> bucket_anchor_id

),

filled_bins as (

    select
        article_id,
        count(*) as filled_bin_count
    from minhashed
    group by article_id

),

shared_bins as (

    select
        candidate_pairs.article_id,
        candidate_pairs.duplicate_article_id,
        count(*) as both_filled_bin_count,
        sum(case when anchor.bin_min_hash = duplicate.bin_min_hash then 1 else 0 end) as matching_bin_count
    from candidate_pairs
    inner join minhashed as anchor
        on candidate_pairs.article_id = anchor.article_id
    inner join minhashed as duplicate
        on
            candidate_pairs.duplicate_article_id = duplicate.article_id
            and anchor.bin = duplicate.bin
    group by candidate_pairs.article_id, candidate_pairs.duplicate_article_id

),

scored_pairs as (

    select
        shared_bins.article_id,
        shared_bins.duplicate_article_id,
        -- bins empty in both texts say nothing about their similarity (one-permutation estimator)
        cast(shared_bins.matching_bin_count as double) / (
            anchor_bins.filled_bin_count + duplicate_bins.filled_bin_count - shared_bins.both_filled_bin_count
        ) as estimated_jaccard
    from shared_bins
    inner join filled_bins as anchor_bins
        on shared_bins.article_id = anchor_bins.article_id
    inner join filled_bins as duplicate_bins
        on shared_bins.duplicate_article_id = duplicate_bins.article_id

),

likely_pairs as (

    -- 64 bins estimate a similarity of 0.85 with a standard deviation of about 0.045: only pairs estimated far
    -- below the threshold are dropped unverified
    select * from scored_pairs
    where estimated_jaccard >= {{ var('near_duplicate_min_estimate') }}

),

likely_articles as (

    select article_id from likely_pairs
    union
    select duplicate_article_id as article_id from likely_pairs

),

likely_words as (

    select
        articles.article_id,
        {{ word_list('articles.body') }} as words
    from {{ ref('int_articles_extracted') }} as articles
    inner join likely_articles
        on articles.article_id = likely_articles.article_id

),

shingle_sets as (

    -- the shingles int_articles_minhashed hashed, as one distinct list per article
    select
        article_id,
        {{ shingle_hashes('words', shingle_words) }} as shingle_hashes
    from likely_words
    where {{ list_length('words') }} > 0

),

shared_shingles as (

    select
        likely_pairs.article_id,
        likely_pairs.duplicate_article_id,
        likely_pairs.estimated_jaccard,
        {{ list_length('anchor.shingle_hashes') }} as anchor_shingle_count,
        {{ list_length('duplicate.shingle_hashes') }} as duplicate_shingle_count,
        {{ shared_count('anchor.shingle_hashes', 'duplicate.shingle_hashes') }} as shared_shingle_count
    from likely_pairs
    inner join shingle_sets as anchor
        on likely_pairs.article_id = anchor.article_id
    inner join shingle_sets as duplicate
        on likely_pairs.duplicate_article_id = duplicate.article_id

),

verified_pairs as (

    select
        article_id,
        duplicate_article_id,
        estimated_jaccard,
        cast(shared_shingle_count as double) / (
            anchor_shingle_count + duplicate_shingle_count - shared_shingle_count
        ) as jaccard
    from shared_shingles

)

select * from verified_pairs
where jaccard >= {{ var('near_duplicate_min_jaccard') }}
