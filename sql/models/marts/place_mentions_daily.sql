-- One row per place per publication day: mentions and articles mentioning it.
with places as (
    select * from {{ ref('stg_places') }}
),
articles as (
    select article_id, published from {{ ref('stg_articles') }}
),
final as (
    select
        articles.published,
        places.name,
        places.kind,
        places.country_code,
        any_value(places.geonames_id) as geonames_id,
        any_value(places.latitude) as latitude,
        any_value(places.longitude) as longitude,
        count(*) as count_mentions,
        count(distinct places.article_id) as count_articles
    from places
    join articles using (article_id)
    group by articles.published, places.name, places.kind, places.country_code
)
select * from final
order by published nulls last, count_mentions desc, name
