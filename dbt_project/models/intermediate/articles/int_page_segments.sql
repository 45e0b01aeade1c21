with

segmented as (

    select * from {{ ref('int_pages_segmented') }}

),

unnested as (

    select
        page_id,
        {{ unnest_list("segments") }} as segment
    from segmented

),

page_segments as (

    select
        -- ids
        unnested.page_id,

        -- text
        unnested.segment.kind,
        unnested.segment.text,

        -- numbers
        unnested.segment.position

    from unnested

)

select * from page_segments
