{#- Spark: the directory of a table's Parquet files, as its catalog entry names it (read when the model runs). The
    topic-scoring table functions read the fitted models from there, so the models stay refs of the scoring model. -#}
{% macro table_location(relation) -%}
    {%- if execute -%}
        {%- set rows = run_query("describe table extended " ~ relation) -%}
        {%- for row in rows if row[0] == 'Location' -%}{{ row[1] }}{%- endfor -%}
    {%- endif -%}
{%- endmacro %}
