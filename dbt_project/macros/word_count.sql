{#- Number of whitespace-separated words in a text; 0 for null or blank text. -#}
{% macro word_count(expression) -%}
    {{ return(adapter.dispatch('word_count', 'pagewarehouse')(expression)) }}
{%- endmacro %}

{% macro default__word_count(expression) -%}
    coalesce(len(list_filter(string_split_regex({{ expression }}, '\s+'), lambda word: word <> '')), 0)
{%- endmacro %}

{% macro spark__word_count(expression) -%}
    coalesce(cast(size(filter(split({{ expression }}, '\\s+'), word -> word <> '')) as bigint), 0)
{%- endmacro %}
