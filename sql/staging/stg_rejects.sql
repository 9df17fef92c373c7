-- One row per rejected input. Renames and casts only.
create or replace view stg_rejects as
with source as (
    select * from read_parquet('{{ curated }}/rejects/**/*.parquet', union_by_name = true)
),
final as (
    select source_path, source_locator, content_hash, reason_code, reason
    from source
)
select * from final;
