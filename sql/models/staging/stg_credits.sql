-- One row per credited person or organization-only credit. The Parquet columns under their Parquet names, cast only.
with source as (
    select * from {{ source('newsdesk', 'credits') }}
),
final as (
    select
        credit_id,
        article_id,
        published_month,
        credit_index,
        role,
        name,
        organizations,
        raw
    from source
)
select * from final
