{#- Lists (DuckDB) and arrays (Spark SQL) under one name each, for models shared by both engines. -#}

{#- One row per element of a list column (rows whose list is empty or null give none). -#}
{% macro unnest_list(expression) -%}
    {{ return(adapter.dispatch('unnest_list', 'pagewarehouse')(expression)) }}
{%- endmacro %}

{% macro default__unnest_list(expression) -%}
    unnest({{ expression }})
{%- endmacro %}

{% macro spark__unnest_list(expression) -%}
    explode({{ expression }})
{%- endmacro %}

{#- Number of elements of a list; null for a null list. -#}
{% macro list_length(expression) -%}
    {{ return(adapter.dispatch('list_length', 'pagewarehouse')(expression)) }}
{%- endmacro %}

{% macro default__list_length(expression) -%}
    len({{ expression }})
{%- endmacro %}

{% macro spark__list_length(expression) -%}
    case when {{ expression }} is not null then size({{ expression }}) end
{%- endmacro %}

{#- Integer division of non-negative integers. -#}
{% macro int_div(dividend, divisor) -%}
    {{ return(adapter.dispatch('int_div', 'pagewarehouse')(dividend, divisor)) }}
{%- endmacro %}

{% macro default__int_div(dividend, divisor) -%}
    ({{ dividend }}) // ({{ divisor }})
{%- endmacro %}

{% macro spark__int_div(dividend, divisor) -%}
    (({{ dividend }}) div ({{ divisor }}))
{%- endmacro %}

{#- Aggregate: the values of the rows that pass `condition`, as a list in `order_by` order. -#}
{% macro ordered_list(value, order_by, condition) -%}
    {{ return(adapter.dispatch('ordered_list', 'pagewarehouse')(value, order_by, condition)) }}
{%- endmacro %}

{% macro default__ordered_list(value, order_by, condition) -%}
    list({{ value }} order by {{ order_by }}) filter (where {{ condition }})
{%- endmacro %}

{% macro spark__ordered_list(value, order_by, condition) -%}
    transform(
        array_sort(collect_list(named_struct('sort_key', {{ order_by }}, 'value', {{ value }})) filter (where {{ condition }})),
        item -> item.value
    )
{%- endmacro %}

{#- One row per element of a list of structs, the struct's fields as columns (DuckDB recursive `unnest`, Spark
    `inline`). -#}
{% macro unnest_structs(expression) -%}
    {{ return(adapter.dispatch('unnest_structs', 'pagewarehouse')(expression)) }}
{%- endmacro %}

{% macro default__unnest_structs(expression) -%}
    unnest({{ expression }}, recursive := true)
{%- endmacro %}

{% macro spark__unnest_structs(expression) -%}
    inline({{ expression }})
{%- endmacro %}

{#- Aggregate: the distinct values, sorted, as a list. -#}
{% macro sorted_distinct_list(expression) -%}
    {{ return(adapter.dispatch('sorted_distinct_list', 'pagewarehouse')(expression)) }}
{%- endmacro %}

{% macro default__sorted_distinct_list(expression) -%}
    list_sort(list(distinct {{ expression }}))
{%- endmacro %}

{% macro spark__sorted_distinct_list(expression) -%}
    array_sort(collect_set({{ expression }}))
{%- endmacro %}
