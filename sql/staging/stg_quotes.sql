-- One row per quotation. Renames and casts only.
create or replace view stg_quotes as
with source as (
    select * from read_parquet('{{ curated }}/quotes/**/*.parquet', hive_partitioning = true,
                               hive_types = {'published_month': varchar}, union_by_name = true)
),
final as (
    select
        quote_id,
        article_id,
        quote_index,
        text as quote_text,
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
select * from final;
