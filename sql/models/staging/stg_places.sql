-- One row per place mention. The Parquet columns under their Parquet names, cast only.
with source as (
    select * from {{ source('newsdesk', 'places') }}
),
final as (
    select
        place_mention_id,
        article_id,
        published_month,
        mention_index,
        surface,
        name,
        kind,
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
select * from final
