-- One row per quotation (grain: quote_id), with the person who said it: person_id joins people (null
-- when the quote has no speaker or its speaker is a description).
create or replace table quotes as
with quoted as (
    select * from stg_quotes
),
aliases as (
    select person_id, unnest(aliases) as alias from people
),
final as (
    select
        quoted.*,
        aliases.person_id -- The person (people.person_id) the speaker spelling belongs to.
    from quoted
    left join aliases on aliases.alias = quoted.speaker
)
select * from final
order by article_id, quote_index;
