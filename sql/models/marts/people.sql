-- One row per person quoted in the corpus (grain: person_id). Spellings of a
-- speaker across articles are one person when their full names agree on first and last name (a
-- middle name or initial or a suffix may be left out, unless two different middles are used); a lone
-- surname joins the one full name in the corpus with that surname when the two are compatible (they
-- share an outlet or a role word, or nothing known about them differs), else it stays a person of
-- its own. Speakers written as descriptions ("spokesperson") and organizations are not people.
with quoted as (
    select
        stg_quotes.quote_id,
        stg_quotes.article_id,
        stg_quotes.speaker,
        stg_quotes.speaker_role,
        stg_articles.outlet_domain,
        stg_articles.published
    from {{ ref('stg_quotes') }} as stg_quotes
    join {{ ref('stg_articles') }} as stg_articles using (article_id)
    where stg_quotes.speaker is not null
      and stg_quotes.kind <> 'indirect'
      and regexp_matches(stg_quotes.speaker, '^[[:upper:]]')
      and coalesce(stg_quotes.speaker_kind, 'person') = 'person' -- (unknown kind: a lone name, kept)
),
spellings as (
    select
        speaker,
        list_filter(string_split(regexp_replace(trim(speaker), '\s+', ' ', 'g'), ' '),
                    part -> lower(rtrim(part, '.')) not in ('jr', 'sr', 'ii', 'iii', 'iv')) as core,
        list_distinct(flatten(list(list_filter(string_split(lower(speaker_role), ' '),
                                               word -> length(word) >= 3 and word not in ('the', 'and', 'for', 'former')))
                              filter (where speaker_role is not null))) as role_words,
        list_distinct(list(outlet_domain) filter (where outlet_domain is not null)) as outlet_list
    from quoted
    group by speaker
),
named as (
    select
        speaker,
        role_words,
        outlet_list,
        len(core) as count_parts,
        lower(core[1]) as first_name,
        lower(core[-1]) as last_name,
        lower(array_to_string(list_slice(core, 2, len(core) - 1), ' ')) as middle
    from spellings
),
full_names as (
    select
        first_name,
        last_name,
        count(distinct middle) filter (where middle <> '') as count_middles
    from named
    where count_parts >= 2
    group by first_name, last_name
),
full_keys as (
    select
        named.*,
        case
            when full_names.count_middles <= 1 then named.first_name || ' ' || named.last_name
            when named.middle <> '' then named.first_name || ' ' || named.middle || ' ' || named.last_name
            else lower(named.speaker)
        end as person_key
    from named
    join full_names using (first_name, last_name)
    where named.count_parts >= 2
),
surname_keys as (
    select
        last_name,
        list_distinct(list(person_key)) as keys,
        flatten(list(role_words)) as role_words,
        flatten(list(outlet_list)) as outlet_list
    from full_keys
    group by last_name
),
lone_keys as (
    select
        named.*,
        case
            when len(surname_keys.keys) = 1 and (
                len(list_intersect(named.outlet_list, surname_keys.outlet_list)) > 0
                or len(list_intersect(named.role_words, surname_keys.role_words)) > 0
                or ((len(named.outlet_list) = 0 or len(surname_keys.outlet_list) = 0)
                    and (len(named.role_words) = 0 or len(surname_keys.role_words) = 0)))
            then surname_keys.keys[1]
            else lower(named.speaker)
        end as person_key -- (compatible: a shared outlet or role word, or nothing known that differs)
    from named
    left join surname_keys using (last_name)
    where named.count_parts = 1
),
keyed as (
    select speaker, person_key, count_parts from full_keys
    union all
    select speaker, person_key, count_parts from lone_keys
),
canonical as (
    select
        keyed.person_key,
        arg_max(keyed.speaker, keyed.count_parts * 1000000 + quotes_per_spelling.count_quotes) as fullest_name
    from keyed
    join (select speaker, count(*) as count_quotes from quoted group by speaker) as quotes_per_spelling
        using (speaker)
    group by keyed.person_key
),
final as (
    select
        md5(keyed.person_key)[1:16] as person_id, -- Stable id of the person: a hash of the normalized full name.
        canonical.fullest_name as person_name, -- The fullest name the corpus gives the person (most words, then most quoted).
        list_sort(list_distinct(list(quoted.speaker))) as aliases, -- Every speaker spelling joined into this person.
        list_sort(list_distinct(list(quoted.speaker_role) filter (where quoted.speaker_role is not null))) as roles, -- Roles the articles give the person.
        list_sort(list_distinct(list(quoted.outlet_domain) filter (where quoted.outlet_domain is not null))) as outlets, -- Outlets quoting the person.
        count(*) as count_quotes,
        count(distinct quoted.article_id) as count_articles,
        min(quoted.published) as first_quoted_date, -- Publication date of the earliest article quoting the person.
        max(quoted.published) as last_quoted_date -- Publication date of the latest article quoting the person.
    from quoted
    join keyed using (speaker)
    join canonical using (person_key)
    group by keyed.person_key, canonical.fullest_name
)
select * from final
order by count_quotes desc, person_name
