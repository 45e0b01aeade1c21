{#- Spark twin of int_pages_segmented.py: the same ingest.segment.segment_table, run by Spark's Python workers over
    Arrow batches of the pages (table function pagewarehouse_segment_pages, ingest/spark/functions.py). A Spark
    build starts from an empty catalog, so every page is segmented (no incremental run). -#}
{{ config(materialized='table') }}

select
    segmented.*,
    '{{ invocation_id }}' as segmentation_run_id,
    localtimestamp() as segmented_at
from pagewarehouse_segment_pages(table(
    select page_id, content_format, body, url
    from {{ ref('stg_raw__pages') }}
)) as segmented
