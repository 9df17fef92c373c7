-- One row per credited person or organization-only credit. Renames and casts only.
create or replace view stg_credits as
with source as (
    select * from read_parquet('{{ curated }}/credits/**/*.parquet', hive_partitioning = true,
                               hive_types = {'published_month': varchar}, union_by_name = true)
),
final as (
    select
        credit_id,
        article_id,
        credit_index,
        role as credit_role,
        name as person_name,
        organizations,
        raw as raw_credit
    from source
)
select * from final;
