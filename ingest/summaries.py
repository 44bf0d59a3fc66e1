"""Research summaries: small tables of counts the research pages and charts read instead of
grouping a million quotes on every request. Brought up to date after every ingest or load
(corpus.py), in one transaction, so a reader sees either the old summaries or the new ones.

Each is one GROUP BY over the stored rows, so that a summary over several shards is the sum of the
shards' summaries (counts of distinct speakers or articles excepted: see docs on serving shards).
The pages' own SQL is in metadata.yml; these tables are what it reads.

Each summary row depends only on the rows of its own key (a speaker, an organisation, an outlet, an
outlet and month), so after a change only the rows of the keys it touched are computed again, and
they come out as a rebuild of the whole table would give them. Which keys a change touched is
written down where it happens, by the triggers of SUMMARY_PENDING_TRIGGERS, into summary_pending.
"""

from __future__ import annotations

from typing import NamedTuple


class Summary(NamedTuple):
    columns: dict[str, type]
    primary_key: str | tuple[str, ...]
    select: str  # fills the table; {only} is where a refresh of some keys narrows it to them
    scope: str  # the kind of key each row belongs to (SCOPES)
    scope_value: str  # what, in the SELECT, is that key


# The kinds of keys a summary row belongs to: the temporary table of the keys a change touched
# (corpus_store.refresh_summaries fills it) and the summary tables' columns that hold the key.
SCOPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "speaker": ("changed_speakers", ("speaker_id",)),
    "organization": ("changed_organizations", ("organization",)),
    "outlet": ("changed_outlets", ("outlet",)),
    "outlet_month": ("changed_outlet_months", ("outlet", "month")),
}

SUMMARIES: dict[str, Summary] = {
    # One row per speaker with at least one quote.
    "speaker_stats": Summary(
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
  where quotes.speaker_id is not null {only}
  group by quotes.speaker_id
) counts join speakers on speakers.id = counts.speaker_id""",
        "speaker",
        "quotes.speaker_id",
    ),
    # One row per organisation someone speaks for, counting the quotes of the articles that name them with it.
    "organization_stats": Summary(
        {"organization": str, "speakers": int, "quotes": int, "articles": int, "outlets": int},
        "organization",
        """
select a.organization, count(distinct a.speaker_id), count(distinct quotes.id), count(distinct a.article_id),
  count(distinct articles.outlet)
from (select distinct organization, speaker_id, article_id from affiliations
      where organization is not null {only}) a
  join articles on articles.id = a.article_id
  -- +speaker_id: find the quotes through their article (a dozen rows), never through the speaker,
  -- whose thousands of quotes would be read once per article naming them (hours at 1M quotes).
  left join quotes on quotes.article_id = a.article_id and +quotes.speaker_id = a.speaker_id
group by a.organization""",
        "organization",
        "organization",
    ),
    # Per organisation, outlet and month: the quotes and articles of the organisation's speakers in
    # the articles that name them with it (top_organizations with an outlet or a period). Sums over
    # months and outlets are exact: a quote or an article is in one outlet and month.
    "organization_monthly": Summary(
        {"organization": str, "outlet": str, "month": str, "quotes": int, "articles": int},
        ("organization", "outlet", "month"),
        """
select a.organization, coalesce(articles.outlet, ''), coalesce(articles.published_month, ''),
  count(distinct quotes.id), count(distinct a.article_id)
from (select distinct organization, speaker_id, article_id from affiliations
      where organization is not null {only}) a
  join articles on articles.id = a.article_id
  left join quotes on quotes.article_id = a.article_id and +quotes.speaker_id = a.speaker_id  -- as above
group by a.organization, articles.outlet, articles.published_month""",
        "organization",
        "organization",
    ),
    # Who speaks for an organisation in each outlet and month (its distinct speakers in any slice).
    "organization_speakers": Summary(
        {"organization": str, "outlet": str, "month": str, "speaker_id": int},
        ("organization", "outlet", "month", "speaker_id"),
        """
select distinct affiliations.organization, coalesce(articles.outlet, ''), coalesce(articles.published_month, ''),
  affiliations.speaker_id
from affiliations join articles on articles.id = affiliations.article_id
where affiliations.organization is not null {only}""",
        "organization",
        "affiliations.organization",
    ),
    # One row per outlet (articles without an outlet are left out), with the people (speakers of kind
    # person) it quoted by the gender the articles state: people = women + men + unknown.
    "outlet_stats": Summary(
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
where articles.outlet is not null {only}
group by articles.outlet""",
        "outlet",
        "articles.outlet",
    ),
    # Per outlet and month: quotes, and the people quoted by gender (speakers.gender: female, male,
    # or NULL where no text says; never guessed). people = women + men + unknown.
    "monthly_stats": Summary(
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
where articles.outlet is not null and articles.published_month is not null {only}
group by articles.outlet, articles.published_month""",
        "outlet_month",
        "(articles.outlet, articles.published_month)",
    ),
    # Quotes per speaker, outlet and month: top speakers of an outlet and period, a speaker over time.
    "speaker_monthly": Summary(
        {"speaker_id": int, "outlet": str, "month": str, "quotes": int, "articles": int},
        ("speaker_id", "outlet", "month"),
        """
select quotes.speaker_id, coalesce(articles.outlet, ''), coalesce(articles.published_month, ''), count(*),
  count(distinct quotes.article_id)
from quotes join articles on articles.id = quotes.article_id
where quotes.speaker_id is not null {only}
group by quotes.speaker_id, articles.outlet, articles.published_month""",
        "speaker",
        "quotes.speaker_id",
    ),
    # Per person (a speaker of kind person) and outlet quoting them: their stated gender and the first
    # and last month the outlet quoted them ('' undated, as in speaker_monthly). The gender chart's
    # people of a period: a period open at one end needs no month row at all, and a person is read once
    # per outlet instead of once per month. Read from speaker_monthly (listed before it, refreshed for
    # the same speakers), one row per (speaker, outlet) of its rows.
    "person_outlets": Summary(
        {"speaker_id": int, "outlet": str, "gender": str, "first_month": str, "last_month": str},
        ("speaker_id", "outlet"),
        """
select speaker_monthly.speaker_id, speaker_monthly.outlet, speakers.gender, min(speaker_monthly.month),
  max(speaker_monthly.month)
from speaker_monthly join speakers on speakers.id = speaker_monthly.speaker_id
where speaker_monthly.outlet != '' and speakers.kind = 'person' {only}
group by speaker_monthly.speaker_id, speaker_monthly.outlet""",
        "speaker",
        "speaker_monthly.speaker_id",
    ),
}

SUMMARY_INDEXES = [
    ("speaker_stats", ["quotes"]),
    ("speaker_stats", ["name"]),
    ("organization_stats", ["quotes"]),
    ("speaker_monthly", ["outlet", "month"]),
    ("speaker_monthly", ["month"]),
    ("organization_monthly", ["outlet", "month"]),
    # The gender chart reads it whole in (outlet, gender) order: its counts need no sorting.
    ("person_outlets", ["outlet", "gender", "first_month", "last_month", "speaker_id"]),
]


# What changed since the summaries were last brought up to date, one row per fact: an article
# added (its id, outlet and month: its quotes and affiliations are read from it), or the speaker,
# organisation, outlet and month a deleted or re-pointed row was counted under. A superset of the
# truth only costs time; so a database made before this table counts every article as added.
PENDING_TABLE = {
    "summary_pending": (
        {"added_article": int, "speaker_id": int, "organization": str, "outlet": str, "month": str},
        None,
    )
}

# Triggers that write summary_pending where a change happens: articles added or deleted (an
# ingest, a load, a replaced or pruned article), and the rows the identity step re-points or
# renames. Inserting an article's quotes and affiliations needs none: their article's row says it.
SUMMARY_PENDING_TRIGGERS = {
    "summary_pending_article_added": """
CREATE TRIGGER summary_pending_article_added AFTER INSERT ON articles BEGIN
  INSERT INTO summary_pending (added_article, outlet, month) VALUES (new.id, new.outlet, new.published_month);
END""",
    "summary_pending_article_deleted": """
CREATE TRIGGER summary_pending_article_deleted AFTER DELETE ON articles BEGIN
  INSERT INTO summary_pending (outlet, month) VALUES (old.outlet, old.published_month);
END""",
    # Not done by an ingest (an article is replaced whole), but by hand or by a script: counted again.
    "summary_pending_article_changed": """
CREATE TRIGGER summary_pending_article_changed AFTER UPDATE OF outlet, published_month ON articles BEGIN
  INSERT INTO summary_pending (added_article, outlet, month) VALUES (new.id, new.outlet, new.published_month),
    (NULL, old.outlet, old.published_month);
END""",
    "summary_pending_quote_deleted": """
CREATE TRIGGER summary_pending_quote_deleted AFTER DELETE ON quotes WHEN old.speaker_id IS NOT NULL BEGIN
  INSERT INTO summary_pending (speaker_id) VALUES (old.speaker_id);
END""",
    "summary_pending_affiliation_deleted": """
CREATE TRIGGER summary_pending_affiliation_deleted AFTER DELETE ON affiliations BEGIN
  INSERT INTO summary_pending (speaker_id, organization) VALUES (old.speaker_id, old.organization);
END""",
    # A quote given to another speaker: both speakers, its outlet and month, and the organisations
    # either speaker has in its article (they count the quotes of their speakers there).
    "summary_pending_quote_repointed": """
CREATE TRIGGER summary_pending_quote_repointed AFTER UPDATE OF speaker_id ON quotes
WHEN old.speaker_id IS NOT new.speaker_id BEGIN
  INSERT INTO summary_pending (speaker_id) VALUES (old.speaker_id), (new.speaker_id);
  INSERT INTO summary_pending (outlet, month) SELECT outlet, published_month FROM articles WHERE id = new.article_id;
  INSERT INTO summary_pending (organization) SELECT organization FROM affiliations
    WHERE article_id = new.article_id AND speaker_id IN (old.speaker_id, new.speaker_id);
END""",
    "summary_pending_affiliation_changed": """
CREATE TRIGGER summary_pending_affiliation_changed AFTER UPDATE ON affiliations
WHEN old.speaker_id IS NOT new.speaker_id OR old.organization IS NOT new.organization OR old.role IS NOT new.role
BEGIN
  INSERT INTO summary_pending (speaker_id, organization) VALUES (old.speaker_id, old.organization),
    (new.speaker_id, new.organization);
END""",
    # A speaker renamed, or of another kind or gender: its own row, and (kind, gender) the people
    # counts of every outlet and month that quotes it.
    "summary_pending_speaker_changed": """
CREATE TRIGGER summary_pending_speaker_changed AFTER UPDATE ON speakers
WHEN old.name IS NOT new.name OR old.kind IS NOT new.kind OR old.gender IS NOT new.gender BEGIN
  INSERT INTO summary_pending (speaker_id) VALUES (new.id);
  INSERT INTO summary_pending (outlet, month) SELECT DISTINCT articles.outlet, articles.published_month
    FROM quotes JOIN articles ON articles.id = quotes.article_id
    WHERE quotes.speaker_id = new.id AND (old.kind IS NOT new.kind OR old.gender IS NOT new.gender);
END""",
    "summary_pending_speaker_deleted": """
CREATE TRIGGER summary_pending_speaker_deleted AFTER DELETE ON speakers BEGIN
  INSERT INTO summary_pending (speaker_id) VALUES (old.id);
END""",
}
