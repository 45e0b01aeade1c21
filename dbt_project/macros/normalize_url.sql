{#- Key under which two urls count as the same page: lowercased, scheme, "www.", fragment and trailing
    slashes dropped (the query string is kept: it can select the article). -#}
{% macro normalize_url(expression) -%}
    {{ return(adapter.dispatch('normalize_url', 'pagewarehouse')(expression)) }}
{%- endmacro %}

{% macro default__normalize_url(expression) -%}
    nullif(
        regexp_replace(
            regexp_replace(
                regexp_replace(lower(trim({{ expression }})), '^[a-z][a-z0-9+.\-]*://(www\.)?', ''),
                '#.*$', ''
            ),
            '/+$', ''
        ),
        ''
    )
{%- endmacro %}

{#- Spark: every pattern is anchored, so replacing every match is replacing the first; backslashes doubled because
    Spark string literals unescape them. -#}
{% macro spark__normalize_url(expression) -%}
    nullif(
        regexp_replace(
            regexp_replace(
                regexp_replace(lower(trim({{ expression }})), '^[a-z][a-z0-9+.\\-]*://(www\\.)?', ''),
                '#.*$', ''
            ),
            '/+$', ''
        ),
        ''
    )
{%- endmacro %}
