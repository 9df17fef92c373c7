{# Generic data tests that dbt-core does not ship (dbt_utils would need a download at install). #}

{# Rows whose value does not match a regular expression (nulls pass). #}
{% test matches_pattern(model, column_name, pattern) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is not null
  and not regexp_full_match({{ column_name }}, '{{ pattern }}')
{% endtest %}

{# Groups of rows that share the same values in `columns` (nulls compare equal). #}
{% test unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as count_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
