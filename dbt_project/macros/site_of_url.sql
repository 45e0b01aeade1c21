{#- Host of a url, lowercased, without a leading "www." or trailing dot (as ingest.record.site_of); null when none. -#}
{% macro site_of_url(expression) -%}
    {{ return(adapter.dispatch('site_of_url', 'pagewarehouse')(expression)) }}
{%- endmacro %}

{% macro default__site_of_url(expression) -%}
    nullif(
        regexp_replace(
            regexp_extract(lower(trim({{ expression }})), '^[a-z][a-z0-9+.\-]*://(?:[^@/?#]*@)?([^/:?#]+)', 1),
            '^www\.|\.$', '', 'g'
        ),
        ''
    )
{%- endmacro %}
