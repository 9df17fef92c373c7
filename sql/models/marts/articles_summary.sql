-- One row per article with counts of its quotes, places and credits.
with articles as (
    select * from {{ ref('stg_articles') }}
),
quote_counts as (
    select article_id, count(*) as count_quotes, count(distinct speaker) as count_speakers
    from {{ ref('stg_quotes') }} group by article_id
),
place_counts as (
    select article_id, count(*) as count_place_mentions, count(distinct name) as count_places
    from {{ ref('stg_places') }} group by article_id
),
credit_counts as (
    select article_id, count(*) as count_credits from {{ ref('stg_credits') }} group by article_id
),
final as (
    select
        articles.article_id,
        articles.title,
        articles.published,
        articles.outlet_domain,
        articles.url,
        articles.word_count,
        coalesce(quote_counts.count_quotes, 0) as count_quotes,
        coalesce(quote_counts.count_speakers, 0) as count_speakers,
        coalesce(place_counts.count_place_mentions, 0) as count_place_mentions,
        coalesce(place_counts.count_places, 0) as count_places,
        coalesce(credit_counts.count_credits, 0) as count_credits
    from articles
    left join quote_counts using (article_id)
    left join place_counts using (article_id)
    left join credit_counts using (article_id)
)
select * from final
order by published nulls last, article_id
