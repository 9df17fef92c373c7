-- One row per speaker, a person with their spellings joined (grain: person_id; see people): how
-- often, in how many articles, over which dates, in the role most often given.
with quoted as (
    select * from {{ ref('quotes') }} where person_id is not null and kind <> 'indirect'
),
articles as (
    select article_id, published from {{ ref('stg_articles') }}
),
people as (
    select person_id, person_name from {{ ref('people') }}
),
roles as (
    select person_id, mode(speaker_role) as most_given_role
    from quoted
    where speaker_role is not null
    group by person_id
),
final as (
    select
        quoted.person_id, -- The person (people.person_id).
        people.person_name as speaker, -- The person's fullest name (people.person_name).
        roles.most_given_role as usual_role, -- The role the articles give the person most often.
        count(*) as count_quotes,
        count(distinct quoted.article_id) as count_articles,
        min(articles.published) as first_quoted_date, -- Publication date of the earliest article quoting the person.
        max(articles.published) as last_quoted_date -- Publication date of the latest article quoting the person.
    from quoted
    join articles using (article_id)
    join people using (person_id)
    left join roles using (person_id)
    group by quoted.person_id, people.person_name, roles.most_given_role
)
select * from final
order by count_quotes desc, speaker
