-- One row per article. The Parquet columns under their Parquet names, cast only.
with source as (
    select * from {{ source('newsdesk', 'articles') }}
),
final as (
    select
        article_id,
        source_path,
        source_locator,
        content_hash,
        input_format,
        encoding,
        title,
        published,
        published_month,
        url,
        outlet_domain,
        language,
        body,
        word_count,
        paragraph_count,
        image_caption,
        related_titles,
        warnings
    from source
)
select * from final
