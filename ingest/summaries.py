"""Research summaries: small tables of counts the research pages and charts read instead of
grouping a million quotes on every request. Rebuilt whole after every ingest or load (corpus.py),
in the same transaction, so a reader sees either the old summaries or the new ones.

Each is one GROUP BY over the stored rows, so that a summary over several shards is the sum of the
shards' summaries (counts of distinct speakers or articles excepted: see docs on serving shards).
The pages' own SQL is in metadata.yml; these tables are what it reads.
"""

from __future__ import annotations

# table -> (columns, primary key, the SELECT that fills it)
SUMMARIES: dict[str, tuple[dict[str, type], str | tuple[str, ...], str]] = {
    # One row per speaker with at least one quote.
    "speaker_stats": (
        {
            "speaker_id": int,
            "name": str,
            "kind": str,
            "gender": str,
            "quotes": int,
            "articles": int,
            "outlets": int,
            "first_published": str,
            "last_published": str,
            "roles": str,
            "organizations": str,
        },
        "speaker_id",
        """
select speakers.id, speakers.name, speakers.kind, speakers.gender, counts.quotes, counts.articles,
  counts.outlets, counts.first_published, counts.last_published,
  (select group_concat(role, '; ') from (select role from affiliations
     where speaker_id = speakers.id and role is not null group by role order by count(*) desc, role limit 3)),
  (select group_concat(organization, '; ') from (select organization from affiliations
     where speaker_id = speakers.id and organization is not null group by organization
     order by count(*) desc, organization limit 3))
from (
  select quotes.speaker_id, count(*) as quotes, count(distinct quotes.article_id) as articles,
    count(distinct articles.outlet) as outlets, min(articles.published) as first_published,
    max(articles.published) as last_published
  from quotes join articles on articles.id = quotes.article_id
  where quotes.speaker_id is not null
  group by quotes.speaker_id
) counts join speakers on speakers.id = counts.speaker_id""",
    ),
    # One row per organisation someone speaks for, counting the quotes of the articles that name them with it.
    "organization_stats": (
        {"organization": str, "speakers": int, "quotes": int, "articles": int, "outlets": int},
        "organization",
        """
select a.organization, count(distinct a.speaker_id), count(distinct quotes.id), count(distinct a.article_id),
  count(distinct articles.outlet)
from (select distinct organization, speaker_id, article_id from affiliations where organization is not null) a
  join articles on articles.id = a.article_id
  -- +speaker_id: find the quotes through their article (a dozen rows), never through the speaker,
  -- whose thousands of quotes would be read once per article naming them (hours at 1M quotes).
  left join quotes on quotes.article_id = a.article_id and +quotes.speaker_id = a.speaker_id
group by a.organization""",
    ),
    # Per organisation, outlet and month: the quotes and articles of the organisation's speakers in
    # the articles that name them with it (top_organizations with an outlet or a period). Sums over
    # months and outlets are exact: a quote or an article is in one outlet and month.
    "organization_monthly": (
        {"organization": str, "outlet": str, "month": str, "quotes": int, "articles": int},
        ("organization", "outlet", "month"),
        """
select a.organization, coalesce(articles.outlet, ''), coalesce(articles.published_month, ''),
  count(distinct quotes.id), count(distinct a.article_id)
from (select distinct organization, speaker_id, article_id from affiliations where organization is not null) a
  join articles on articles.id = a.article_id
  left join quotes on quotes.article_id = a.article_id and +quotes.speaker_id = a.speaker_id  -- as above
group by a.organization, articles.outlet, articles.published_month""",
    ),
    # Who speaks for an organisation in each outlet and month (its distinct speakers in any slice).
    "organization_speakers": (
        {"organization": str, "outlet": str, "month": str, "speaker_id": int},
        ("organization", "outlet", "month", "speaker_id"),
        """
select distinct affiliations.organization, coalesce(articles.outlet, ''), coalesce(articles.published_month, ''),
  affiliations.speaker_id
from affiliations join articles on articles.id = affiliations.article_id
where affiliations.organization is not null""",
    ),
    # One row per outlet (articles without an outlet are left out), with the people (speakers of kind
    # person) it quoted by the gender the articles state: people = women + men + unknown.
    "outlet_stats": (
        {
            "outlet": str,
            "articles": int,
            "quotes": int,
            "speakers": int,
            "first_published": str,
            "last_published": str,
            "people": int,
            "women": int,
            "men": int,
        },
        "outlet",
        """
select articles.outlet, count(distinct articles.id), count(quotes.id), count(distinct quotes.speaker_id),
  min(articles.published), max(articles.published),
  count(distinct case when speakers.kind = 'person' then speakers.id end),
  count(distinct case when speakers.kind = 'person' and speakers.gender = 'female' then speakers.id end),
  count(distinct case when speakers.kind = 'person' and speakers.gender = 'male' then speakers.id end)
from articles
  left join quotes on quotes.article_id = articles.id
  left join speakers on speakers.id = quotes.speaker_id
where articles.outlet is not null
group by articles.outlet""",
    ),
    # Per outlet and month: quotes, and the people quoted by gender (speakers.gender: female, male,
    # or NULL where no text says; never guessed). people = women + men + unknown.
    "monthly_stats": (
        {
            "outlet": str,
            "month": str,
            "articles": int,
            "quotes": int,
            "people": int,
            "women": int,
            "men": int,
            "unknown": int,
        },
        ("outlet", "month"),
        """
select articles.outlet, articles.published_month, count(distinct articles.id), count(quotes.id),
  count(distinct case when speakers.kind = 'person' then speakers.id end),
  count(distinct case when speakers.kind = 'person' and speakers.gender = 'female' then speakers.id end),
  count(distinct case when speakers.kind = 'person' and speakers.gender = 'male' then speakers.id end),
  count(distinct case when speakers.kind = 'person' and speakers.gender is null then speakers.id end)
from articles
  left join quotes on quotes.article_id = articles.id
  left join speakers on speakers.id = quotes.speaker_id
where articles.outlet is not null and articles.published_month is not null
group by articles.outlet, articles.published_month""",
    ),
    # Quotes per speaker, outlet and month: top speakers of an outlet and period, a speaker over time.
    "speaker_monthly": (
        {"speaker_id": int, "outlet": str, "month": str, "quotes": int, "articles": int},
        ("speaker_id", "outlet", "month"),
        """
select quotes.speaker_id, coalesce(articles.outlet, ''), coalesce(articles.published_month, ''), count(*),
  count(distinct quotes.article_id)
from quotes join articles on articles.id = quotes.article_id
where quotes.speaker_id is not null
group by quotes.speaker_id, articles.outlet, articles.published_month""",
    ),
}

SUMMARY_INDEXES = [
    ("speaker_stats", ["quotes"]),
    ("speaker_stats", ["name"]),
    ("organization_stats", ["quotes"]),
    ("speaker_monthly", ["outlet", "month"]),
    ("speaker_monthly", ["month"]),
    ("organization_monthly", ["outlet", "month"]),
]
