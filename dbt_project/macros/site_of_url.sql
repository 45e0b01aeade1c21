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

{#- Spark: regexp_replace replaces every match (its fourth argument is a position, not flags); backslashes doubled
    because Spark string literals unescape them. -#}
{% macro spark__site_of_url(expression) -%}
    nullif(
        regexp_replace(
            regexp_extract(lower(trim({{ expression }})), '^[a-z][a-z0-9+.\\-]*://(?:[^@/?#]*@)?([^/:?#]+)', 1),
            '^www\\.|\\.$', ''
        ),
        ''
    )
{%- endmacro %}
