-- One row per quotation. The Parquet columns under their Parquet names, cast only.
with source as (
    select * from {{ source('newsdesk', 'quotes') }}
),
final as (
    select
        quote_id,
        article_id,
        published_month,
        quote_index,
        text,
        speaker,
        speaker_as_written,
        speaker_role,
        speaker_kind,
        cue,
        cue_lemma,
        kind,
        paragraph_index,
        start_char,
        end_char
    from source
)
select * from final
