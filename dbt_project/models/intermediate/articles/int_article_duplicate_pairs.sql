{#- LSH banding over the MinHash bins, then each candidate pair verified by its estimated Jaccard similarity. -#}
{%- set band_rows = var('near_duplicate_band_rows') | int -%}
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

)

select * from scored_pairs
where estimated_jaccard >= {{ var('near_duplicate_min_jaccard') }}
