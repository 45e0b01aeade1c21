{#- Key under which two teaser titles count as the same teaser: casefolded, quotes unified, whitespace
    collapsed, trailing punctuation (. , ; : ! ? … and dashes) stripped. -#}
{% macro normalize_title(expression) -%}
    {{ return(adapter.dispatch('normalize_title', 'pagewarehouse')(expression)) }}
{%- endmacro %}

{% macro default__normalize_title(expression) -%}
    nullif(
        trim(
            regexp_replace(
                trim(
                    regexp_replace(
                        regexp_replace(
                            regexp_replace(lower({{ expression }}), '[‘’‚‛′`´]', '''', 'g'),
                            '[“”„‟″«»]', '"', 'g'
                        ),
                        '\s+', ' ', 'g'
                    )
                ),
                '[\s.,;:!?…\-–—]+$', ''
            )
        ),
        ''
    )
{%- endmacro %}
