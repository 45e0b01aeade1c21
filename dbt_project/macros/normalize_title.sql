{#- Key under which two titles count as the same: its words only (letters and digits, casefolded), joined
    by single spaces; punctuation, quotes, symbols and spacing do not matter ("Google+" = "google"). Null when
    no letter or digit is left ("✕", "..."). -#}
{% macro normalize_title(expression) -%}
    {{ return(adapter.dispatch('normalize_title', 'pagewarehouse')(expression)) }}
{%- endmacro %}

{% macro default__normalize_title(expression) -%}
    nullif(trim(regexp_replace(lower({{ expression }}), '[^\p{L}\p{N}]+', ' ', 'g')), '')
{%- endmacro %}

{#- Spark: regexp_replace replaces every match (its fourth argument is a position, not flags). -#}
{% macro spark__normalize_title(expression) -%}
    nullif(trim(regexp_replace(lower({{ expression }}), '[^\\p{L}\\p{N}]+', ' ')), '')
{%- endmacro %}
