{#- Fails for every group (rows sharing `group_by`) where the boolean column is not true on exactly one row. -#}
{% test exactly_one_true_per_group(model, column_name, group_by) %}

select
    {{ group_by }},
    sum(case when {{ column_name }} then 1 else 0 end) as true_rows
from {{ model }}
group by {{ group_by }}
having sum(case when {{ column_name }} then 1 else 0 end) <> 1

{% endtest %}
