-- One row per place mention. Renames and casts only.
create or replace view stg_places as
with source as (
    select * from read_parquet('{{ curated }}/places/**/*.parquet', hive_partitioning = true,
                               hive_types = {'published_month': varchar}, union_by_name = true)
),
final as (
    select
        place_mention_id,
        article_id,
        mention_index,
        surface,
        name as place_name,
        kind as place_kind,
        country_code,
        geonames_id,
        latitude,
        longitude,
        is_demonym,
        is_dateline,
        start_char,
        end_char
    from source
)
select * from final;
