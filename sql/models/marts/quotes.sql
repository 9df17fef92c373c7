-- One row per quotation (grain: quote_id), with the person who said it: person_id joins people (null
-- when the quote has no speaker or its speaker is a description or an organization).
with quoted as (
    select * from {{ ref('stg_quotes') }}
),
aliases as (
    select person_id, unnest(aliases) as alias from {{ ref('people') }}
),
final as (
    select
        quoted.*,
        aliases.person_id -- The person (people.person_id) the speaker spelling belongs to.
    from quoted
    left join aliases on aliases.alias = quoted.speaker
)
select * from final
order by article_id, quote_index
