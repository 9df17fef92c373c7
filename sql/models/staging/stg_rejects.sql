-- One row per rejected input. The Parquet columns under their Parquet names, cast only.
with source as (
    select * from {{ source('newsdesk', 'rejects') }}
),
final as (
    select
        source_path,
        source_locator,
        content_hash,
        reason_code,
        reason
    from source
)
select * from final
