-- One row per speaker (resolved name): how often, in how many articles, over which dates.
with quotes as (
    select * from {{ ref('stg_quotes') }} where speaker is not null and kind <> 'indirect'
),
articles as (
    select article_id, published from {{ ref('stg_articles') }}
),
roles as (
    select speaker, mode(speaker_role) as usual_role
    from quotes
    where speaker_role is not null
    group by speaker
),
final as (
    select
        quotes.speaker,
        roles.usual_role,
        count(*) as count_quotes,
        count(distinct quotes.article_id) as count_articles,
        min(articles.published) as first_quoted_date,
        max(articles.published) as last_quoted_date
    from quotes
    join articles using (article_id)
    left join roles using (speaker)
    group by quotes.speaker, roles.usual_role
)
select * from final
order by count_quotes desc, speaker
