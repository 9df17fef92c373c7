-- One row per article. Renames and casts only.
create or replace view stg_articles as
with source as (
    select * from read_parquet('{{ curated }}/articles/**/*.parquet', hive_partitioning = true,
                               hive_types = {'published_month': varchar}, union_by_name = true)
),
final as (
    select
        article_id,
        source_path,
        source_locator,
        input_format,
        title,
        cast(published as date) as published_date,
        published_month,
        url,
        outlet_domain,
        language,
        body,
        word_count,
        paragraph_count,
        image_caption,
        related_titles
    from source
)
select * from final;
