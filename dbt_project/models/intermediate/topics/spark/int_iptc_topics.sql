{#- Spark twin of int_iptc_topics.py: the same table (ingest.topics.marts.iptc_topics_table) from a table function. -#}
{{ config(materialized='table') }}

select * from pagewarehouse_iptc_topics()
