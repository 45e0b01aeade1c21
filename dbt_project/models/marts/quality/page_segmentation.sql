with

pages as (

    select * from {{ ref('int_pages_located') }}

),

segmented as (

    select * from {{ ref('int_pages_segmented') }}

),

segment_counts as (

    select
        page_id,
        sum(case when kind = 'comment' then 1 else 0 end) as comment_count,
        sum(case when kind = 'boilerplate' then 1 else 0 end) as boilerplate_count,
        sum(case when kind = 'widget_heading' then 1 else 0 end) as widget_heading_count
    from {{ ref('int_page_segments') }}
    group by page_id

),

final as (

    select
        -- ids
        pages.page_id,
        segmented.segmentation_run_id,

        -- text
        pages.site,
        pages.site_source,
        pages.content_format,
        segmented.truncation_reason,
        segmented.error,

        -- numbers
        pages.byte_length,
        {{ word_count('segmented.body') }} as body_word_count,
        {{ safe_cast(list_length('segmented.teasers'), type_int()) }} as teaser_count,
        coalesce(segment_counts.comment_count, 0) as comment_count,
        coalesce(segment_counts.boilerplate_count, 0) as boilerplate_count,
        coalesce(segment_counts.widget_heading_count, 0) as widget_heading_count,
        segmented.removed_duplicates,

        -- flags
        segmented.title is not null as has_title,
        coalesce(trim(segmented.body) <> '', false) as has_article_body,
        coalesce(segmented.is_truncated, false) as is_truncated,
        segmented.error is not null as has_error,

        -- timestamps
        pages.loaded_at,
        segmented.segmented_at

    from pages
    inner join segmented
        on pages.page_id = segmented.page_id
    left join segment_counts
        on pages.page_id = segment_counts.page_id

)

select * from final
