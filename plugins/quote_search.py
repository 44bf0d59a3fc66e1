"""Search quotes and get whole answers: `/DB/search_quotes` (a page of results with facets),
`/DB/search_quotes.json` (the same page as data) and `/DB/search_quotes.csv` (every match, streamed).

All the SQL of the search lives here, built from one list of filters (FILTERS), so the page, its
facets and its export always select the same quotes. The URL parameters are the ones the page had
as a canned query (q, speaker, organization, kind, article, outlet, published_from, published_to),
plus speaker_id and quotation (exact filters the facets and quotation pages link to), sort and page.

- Without words the page browses: every quote the filters keep, newest first.
- With words, best matches first (bm25), fragments (quotes too short to be a statement, see
  MIN_WORDS) after real statements. An unfiltered search matching more than RANKED_LIMIT quotes
  ranks its RANKED_LIMIT most recently ingested matches (bm25 costs microseconds per match); any
  filter, or sorting by date, reaches every match.
- Facet counts cover every match up to FACET_LIMIT matches, else the FACET_LIMIT most recently
  ingested ones (the page says so): each counted match costs a few lookups (its article, its
  affiliations), so counting 50,000 took half a second at 1M quotes.
- The export streams every match in the order stored (quote id), keyset-paged, so memory stays flat
  and a 100k-row download never re-reads what it has sent.
"""

from __future__ import annotations

import csv
import heapq
import io
import itertools
import json
import re
import sqlite3
from typing import NamedTuple
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils.asgi import AsgiStream, NotFound, Response

from ingest.fts import OUTLET_INDEX, outlet_match_sql

PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000
RANKED_LIMIT = 10_000
FACET_LIMIT = 10_000
FACET_VALUES = 10
EXPORT_CHUNK = 2000
# The text filters are matched with LIKE, whose patterns plugins/limits.py bounds to 300 bytes.
MAX_FILTER_BYTES = 250
SORTS = {"rank": "best match", "newest": "newest first", "oldest": "oldest first"}

# Every filter: the URL parameter, the SQL condition it adds (its value bound as :name) and the
# tables the condition reads besides quotes. A filter applies only when its parameter is not empty.
ARTICLE_ID_OR_TITLE = """case
  when :article glob '[0-9]*' and :article not glob '*[^0-9]*' then quotes.article_id = cast(:article as integer)
  else articles.title like '%' || :article || '%' end"""


class Filter(NamedTuple):
    name: str
    label: str
    condition: str
    needs: tuple[str, ...] = ()


FILTERS = [
    Filter("speaker", "speaker name contains", "speakers.name like '%' || :speaker || '%'", ("speakers",)),
    Filter("speaker_id", "speaker", "quotes.speaker_id = :speaker_id"),
    Filter(
        "organization",
        "organisation contains",
        """exists (select 1 from affiliations a
           where a.speaker_id = quotes.speaker_id and a.article_id = quotes.article_id
             and a.organization like '%' || :organization || '%')""",
    ),
    Filter("kind", "kind", "quotes.kind = :kind"),
    Filter("article", "article", ARTICLE_ID_OR_TITLE, ("articles",)),
    Filter("outlet", "outlet", "articles.outlet = :outlet collate nocase", ("articles",)),
    # Inclusive ISO 8601 prefixes: 2016, 2016-09 or 2016-09-12.
    Filter(
        "published_from",
        "published from",
        "substr(articles.published, 1, length(:published_from)) >= :published_from",
        ("articles",),
    ),
    Filter(
        "published_to",
        "published to",
        "substr(articles.published, 1, length(:published_to)) <= :published_to",
        ("articles",),
    ),
    Filter("quotation", "quotation", "quotes.quotation_id = :quotation"),
]
INTEGER_PARAMETERS = {"speaker_id", "quotation"}
PARAMETERS = ["q", *(f.name for f in FILTERS)]
LIKE_PARAMETERS = [f.name for f in FILTERS if " like " in f.condition]

# The fewest words a quote of each kind needs to be ranked as a statement. Shorter, it is a fragment:
# a stance's object or a scare quote ("Trump", "rigged"), or, reported, a phrase cut out of the
# sentence ("the United Nations", "him to a debate", "the former president") more often than a
# statement, and bm25, which favours short texts, would rank it first. Fragments rank after every
# statement that matches.
MIN_WORDS = {"direct": 3, "indirect": 6}


def fewer_words_than(words: int) -> str:
    # LIKE on the spaces, not counting them with replace(): plugins/limits.py makes replace() a
    # Python function, and LIKE is 3x faster anyway.
    return "trim(quotes.text) not like '" + "% " * (words - 1) + "%'"


SHORT_QUOTE = (
    "case quotes.kind "
    + " ".join(f"when '{kind}' then {fewer_words_than(words)}" for kind, words in MIN_WORDS.items())
    + f" else {fewer_words_than(min(MIN_WORDS.values()))} end"
)

# The columns of one result, plain text throughout (roles and organisations joined with "; "):
# what the export writes and the page shows.
ROLES = """(select group_concat(role, '; ') from (select distinct role from affiliations a
  where a.speaker_id = quotes.speaker_id and a.article_id = quotes.article_id and role is not null order by role))"""
ORGANIZATIONS = """(select group_concat(organization, '; ') from (select distinct organization from affiliations a
  where a.speaker_id = quotes.speaker_id and a.article_id = quotes.article_id and organization is not null
  order by organization))"""
RESULT_COLUMNS = f"""
  quotes.id as quote_id,
  quotes.text as quote,
  speakers.name as speaker,
  quotes.speaker_id,
  {ROLES} as role,
  {ORGANIZATIONS} as organization,
  quotes.kind,
  quotes.cue,
  quotes.method,
  articles.outlet,
  articles.published,
  articles.title as article_title,
  articles.url as article_url,
  quotes.article_id,
  quotes.quotation_id"""
EXPORT_COLUMNS = [
    "quote_id", "quote", "speaker", "speaker_id", "role", "organization", "kind", "cue", "method", "outlet",
    "published", "article_title", "article_url", "article_id", "quotation_id",
]  # fmt: skip


class BadParameter(ValueError):
    pass


class Search(NamedTuple):
    """What a request asks for: the filter values (all strings, '' for unused), sort and page; and
    whether its words and outlet are found together in the outlet index (see uses_outlet_index)."""

    values: dict[str, str]
    sort: str
    page: int
    size: int
    outlet_index: bool = False

    @property
    def words(self) -> str:
        return self.values["q"].strip()

    @property
    def active(self) -> list[Filter]:
        return [f for f in FILTERS if self.values[f.name] != ""]

    def url_params(self, **changes) -> dict[str, str]:
        """The query string of this search with changes; empty values and defaults left out."""
        params = {name: value for name, value in self.values.items() if value != ""}
        if self.sort != default_sort(self.words):
            params["sort"] = self.sort
        params.update({k: str(v) for k, v in changes.items() if v is not None})
        for name, value in changes.items():
            if value is None or value == "":
                params.pop(name, None)
        if params.get("page") == "1":
            params.pop("page")
        return params


def default_sort(words: str) -> str:
    return "rank" if words else "newest"


def parse_search(args, default_size: int = PAGE_SIZE) -> Search:
    """The search in a request's query string; BadParameter (a 400) for values that cannot mean anything."""
    values = {name: args.get(name) or "" for name in PARAMETERS}
    for name in LIKE_PARAMETERS:
        if len(values[name].encode("utf-8", "replace")) > MAX_FILTER_BYTES:
            raise BadParameter(f"{name} must be at most {MAX_FILTER_BYTES} bytes long")
    for name in INTEGER_PARAMETERS:
        if values[name] and not re.fullmatch(r"\d{1,18}", values[name].strip()):
            raise BadParameter(f"{name} must be a whole number, not {values[name][:40]!r}")
        values[name] = values[name].strip()
    sort = args.get("sort") or default_sort(values["q"].strip())
    if sort not in SORTS:
        raise BadParameter(f"sort must be one of {', '.join(SORTS)}")
    if sort == "rank" and not values["q"].strip():
        sort = "newest"
    page = whole_number(args.get("page") or "1", "page", 1, 10**9)
    size = whole_number(args.get("_size") or args.get("size") or str(default_size), "size", 1, MAX_PAGE_SIZE)
    return Search(values, sort, page, size)


def whole_number(text: str, name: str, low: int, high: int) -> int:
    if not re.fullmatch(r"\d{1,10}", text.strip()):
        raise BadParameter(f"{name} must be a whole number, not {text[:40]!r}")
    value = int(text)
    if not low <= value <= high:
        raise BadParameter(f"{name} must be between {low:,} and {high:,}")
    return value


# --- SQL ------------------------------------------------------------------------------------------


def matching(search: Search, needs: tuple[str, ...] = (), read_quotes: bool = True) -> tuple[str, str]:
    """FROM ... WHERE ... selecting the matching quotes, and the expression of their id: the FTS
    rowid when there are words (so that id order and id ranges are the index's own). Words and no
    filter, and read_quotes False: the full-text index alone, no lookup of each match's quote. Words
    and an outlet in the outlet index: FTS5 intersects the two, no quote or article read for a match
    of another outlet (and with read_quotes False and no other filter, none read at all)."""
    active = [f for f in search.active if not (search.outlet_index and f.name == "outlet")]
    tables = {table for f in active for table in f.needs} | set(needs)
    joins = []
    if search.outlet_index:
        source, hit_id = OUTLET_INDEX, f"{OUTLET_INDEX}.rowid"
        conditions = [f"{OUTLET_INDEX} match {outlet_match_sql('fts_query(:q)', ':outlet')}"]
        if read_quotes or tables or active:
            source += f" join quotes on quotes.id = {OUTLET_INDEX}.rowid"
    elif search.words and not read_quotes and not tables and not search.active:
        source, hit_id = "quotes_fts", "quotes_fts.rowid"
        conditions = ["quotes_fts match fts_query(:q)"]
    elif search.words:
        source, hit_id = "quotes_fts join quotes on quotes.id = quotes_fts.rowid", "quotes_fts.rowid"
        conditions = ["quotes_fts match fts_query(:q)"]
    else:
        source, hit_id, conditions = "quotes", "quotes.id", []
    if "articles" in tables:
        joins.append("join articles on articles.id = quotes.article_id")
    if "speakers" in tables:
        joins.append("left join speakers on speakers.id = quotes.speaker_id")
    conditions += [f"({f.condition})" for f in active]
    where = " and ".join(conditions) or "1"
    return f"from {source} {' '.join(joins)} where {where}", hit_id


def is_capped(search: Search) -> bool:
    """Ranked without any filter: only the RANKED_LIMIT most recently ingested matches are ranked."""
    return search.sort == "rank" and not search.active


def first_ranked_sql() -> str:
    """Where a capped search's ranked matches start: the RANKED_LIMIT-th highest matching id."""
    return f"""(select coalesce(min(rowid), 0) from (select rowid from quotes_fts
  where quotes_fts match fts_query(:q) order by rowid desc limit {RANKED_LIMIT}))"""


def page_ids_sql(search: Search, backwards: bool = False, ranked_from: str | None = None) -> str:
    """The ids of one page of results, in the page's order, with the columns that order them (so
    that shards can merge their pages: see shards_hint). A capped search ranks the matches from id
    ranked_from up: first_ranked_sql(), or a parameter holding the corpus's (latest_from),
    which a folder of shards needs; backwards: from the last match, for a page past the middle of a
    newest-first browse, so the last page costs what the first does."""
    if search.sort == "rank":
        return ranked_ids_sql(search, ranked_from, backwards)
    body, hit_id = matching(search, ("articles",))
    columns = "articles.published is null as undated, articles.published, quotes.article_id"
    # Newest first is the order of the index on articles.published (undated last, as NULL sorts
    # lowest) read backwards, then of each article's quotes: no sort of every match.
    if search.sort == "oldest":
        order = f"articles.published is null, articles.published, articles.id, {hit_id}"
    elif backwards:
        order = f"articles.published, articles.id, {hit_id}"
    else:
        order = f"articles.published desc, articles.id desc, {hit_id} desc"
    return f"""{shards_hint(search, backwards)}
select {hit_id} as quote_id, {columns} {body} order by {order} limit :limit offset :offset"""


# How many of the best matches by bm25 alone are judged statement or fragment first (see ranked_ids_sql).
CANDIDATES = "max(500, 4 * (:limit + :offset))"


def ranked_ids_sql(search: Search, ranked_from: str | None = None, backwards: bool = False) -> str:
    """A page of a ranked search: statements by bm25, then fragments by bm25 (SHORT_QUOTE); backwards
    (a filtered search's page past the middle, see backwards_page): in the reverse order.

    Telling a statement from a fragment reads the quote (a lookup per match, as costly as bm25
    itself), so only the CANDIDATES best matches by bm25 are judged: if they hold the page's
    statements (or are every match), the page is among them; otherwise (a page deep into the
    fragments, or words whose best matches are nearly all fragments) every match is judged. A
    filtered search reads every match's quote anyway, to filter it: it judges every match."""
    way = " desc" if backwards else ""
    if search.outlet_index:
        return f"""{shards_hint(search, backwards)}
select quotes_fts.rowid as quote_id, bm25(quotes_fts) as rank, {SHORT_QUOTE} as short_quote
{ranked_in_outlet_index(search)}
order by {SHORT_QUOTE}{way}, bm25(quotes_fts){way}, quotes_fts.rowid{way} limit :limit offset :offset"""
    body, hit_id = matching(search)
    if search.active:
        return f"""{shards_hint(search, backwards)}
select {hit_id} as quote_id, bm25(quotes_fts) as rank, {SHORT_QUOTE} as short_quote {body}
order by {SHORT_QUOTE}{way}, bm25(quotes_fts){way}, {hit_id}{way} limit :limit offset :offset"""
    index_alone, _ = matching(search, read_quotes=False)
    cap = f" and {hit_id} >= {ranked_from or first_ranked_sql()}"
    return f"""{shards_hint(search)}
with candidates as materialized (
  select {hit_id} as quote_id, bm25(quotes_fts) as rank {index_alone}{cap}
  order by bm25(quotes_fts), {hit_id} limit {CANDIDATES}),
judged as materialized (
  select candidates.*, {SHORT_QUOTE} as short_quote from candidates join quotes on quotes.id = candidates.quote_id),
page_among_candidates as (
  select (select count(*) from judged where not short_quote) >= :limit + :offset
    or (select count(*) from candidates) < {CANDIDATES} as yes)
select * from judged where (select yes from page_among_candidates)
union all
select {hit_id}, bm25(quotes_fts), {SHORT_QUOTE} {body}{cap} and not (select yes from page_among_candidates)
order by short_quote, rank, quote_id limit :limit offset :offset"""


def ranked_in_outlet_index(search: Search) -> str:
    """FROM ... WHERE ... of the matches of words and an outlet, found in the outlet index, with the
    cursor of quotes_fts that bm25 needs: the ranks are the words' own (quotes_fts's lengths and
    statistics, as every other search ranks them), whatever the outlet index holds besides."""
    kept, kept_id = matching(search, read_quotes=False)
    return f"""from quotes_fts join quotes on quotes.id = quotes_fts.rowid
where quotes_fts match fts_query(:q) and +quotes_fts.rowid in (select {kept_id} {kept})"""


# How many of a search's most recently ingested matches a folder of shards lists to find where the
# corpus's latest ones start: enough for the ranked cap and for the facets.
LATEST_LISTED = max(RANKED_LIMIT, FACET_LIMIT)


def latest_matches_sql(search: Search) -> str:
    """The ids of the search's LATEST_LISTED most recently ingested matches, as one comma-separated
    list (one row; over shards a row from each shard; words alone or with an outlet in the outlet
    index: read from a full-text index alone), from which latest_from takes where the corpus's
    latest N start: the shards together then rank RANKED_LIMIT matches and count FACET_LIMIT in
    their facets, the ones a single file of the same quotes would, not N each."""
    body, hit_id = matching(search, read_quotes=False)
    return f"""-- shards: rows
select group_concat(id) as ids from (select {hit_id} as id {body} order by {hit_id} desc limit {LATEST_LISTED})"""


def latest_from(latest_ids: list[str | None], n: int) -> int:
    """The lowest id among the n highest of the ids listed (0 when fewer are listed: every match).
    Each list is in descending order: merged lazily, only the first n are read as numbers."""
    runs = [map(int, ids.split(",")) for ids in latest_ids if ids]
    return next(itertools.islice(heapq.merge(*runs, reverse=True), n - 1, None), 0)


def shards_hint(search: Search, backwards: bool = False) -> str:
    """How a folder of shards answers the page (plugins/shards.py): each shard's page, merged in order."""
    if search.sort == "rank":
        order = "short_quote desc,rank desc,quote_id desc" if backwards else "short_quote,rank,quote_id"
        return f"-- shards: rows order by {order} limit :limit offset :offset rank bm25(quotes_fts, :q)"
    order = {
        "oldest": "undated, published, article_id, quote_id",
        "newest": "undated, published desc, article_id desc, quote_id desc",
    }[search.sort]
    if backwards:
        order = "undated desc, published, article_id, quote_id"
    return f"-- shards: rows order by {order} limit :limit offset :offset"


def backwards_page(search: Search, count: int | None) -> tuple[bool, int, int]:
    """(backwards, limit, offset) of the page: a newest-first page past the middle of the matches is
    read from the oldest end, and a filtered ranked one from the worst match (the same rows,
    reversed once fetched): over shards each shard then sends at most a page, not every row up to
    it (tens of thousands for the last page of a common word in an outlet). A capped ranked search
    is read forwards: its pages end before its matches do. Without the count (needs_count), forwards."""
    offset = (search.page - 1) * search.size
    reads_backwards = search.sort == "newest" or (search.sort == "rank" and not is_capped(search))
    if reads_backwards and count is not None and offset > count // 2 and offset < count:
        return True, min(search.size, count - offset), max(0, count - offset - search.size)
    return False, search.size, offset


def page_sql(search: Search, backwards: bool = False, chosen: bool = False) -> str:
    """One page of results with everything the page shows, in the page's order: the page of
    page_ids_sql, or (chosen) the ids and ranks already chosen by it, as the JSON list :page of
    [id, rank] pairs. Choosing first means a folder of shards fetches the columns (and the costly
    snippet) of only the page's rows, not of every shard's candidates for it."""
    snippet = "quotes.text"
    if search.words:
        # HTML-escaped first, then the sentinels become <mark> (see plugins/highlight.py).
        snippet = """replace(replace(replace(replace(replace(
          (select snippet(quotes_fts, 0, char(1), char(2), '…', 40) from quotes_fts
           where quotes_fts match fts_query(:q) and quotes_fts.rowid = quotes.id),
          '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), char(1), '<mark>'), char(2), '</mark>')"""
    if chosen:
        hint = "-- shards: rows"
        page = """select json_extract(value, '$[0]') as id, json_extract(value, '$[1]') as rank, key as ordinal
  from json_each(:page)"""
    else:
        hint = shards_hint(search, backwards)
        rank = "rank" if search.sort == "rank" else "null as rank"
        ids = re.sub(r"^--.*\n", "", page_ids_sql(search, backwards))
        page = f"select quote_id as id, {rank}, row_number() over () as ordinal from ({ids})"
    return f"""{hint}
with page as materialized ({page})
select {RESULT_COLUMNS},
  {snippet} as snippet,
  page.rank,
  {SHORT_QUOTE} as short_quote,
  articles.published is null as undated
from page
  join quotes on quotes.id = page.id
  join articles on articles.id = quotes.article_id
  left join speakers on speakers.id = quotes.speaker_id
order by page.ordinal"""


def count_sql(search: Search) -> str:
    body, _ = matching(search, read_quotes=False)
    # Words alone: each shard's count is the number of its quotes holding them, which a folder of
    # shards keeps for ranking the same words (plugins/shards.py), instead of counting them again.
    counts = " counts quotes_fts matching :q" if search.words and not search.active else ""
    return f"-- shards: combine sum count{counts}\nselect count(*) as count {body}"


def facets_sql(search: Search) -> str:
    """Counts by outlet, month, speaker, organisation and kind among the matches (one pass), and
    the number of matches counted (facet 'matches': every match when fewer than FACET_LIMIT, which
    saves the page a count of its own; see counted_by_facets)."""
    body, hit_id = matching(search)
    # :facets_from: over shards, where the corpus's FACET_LIMIT latest matches start (latest_from),
    # so that the shards together count those, as one file does (0 on one file).
    columns = "quotes.article_id, quotes.speaker_id, quotes.kind"
    matches = f"select {hit_id} as id, {columns} {body} and {hit_id} >= :facets_from"
    # Shards give every value (set facet_values = -1): a value outside one shard's first few can be
    # among the corpus's, and the counts are only exact summed over every shard.
    return f"""-- shards: combine by facet, value sum count set facet_values = -1
with matched as materialized ({facet_matches_sql(matches)})
{facet_counts_sql()}"""


def facet_matches_sql(matches: str) -> str:
    """The matches the facets count: the FACET_LIMIT most recently ingested of `matches` (a SELECT of
    id, article_id, speaker_id, kind), with their outlet and month."""
    return f"""select latest.*, articles.outlet, articles.published_month as month from (
    {matches}
    order by id desc limit {FACET_LIMIT}) latest
  left join articles on articles.id = latest.article_id"""


def facet_counts_sql() -> str:
    """The facets' rows (facet, value, count, label) counted over `matched` (facet_matches_sql)."""
    group = """select * from (select '{facet}' as facet, {value} as value, count(*) as count
      from matched where {value} is not null group by 2 order by 3 desc, 2 limit :facet_values)"""
    # Organisations: a left join, the empty ones dropped by HAVING. With the same test in WHERE of an
    # inner join, SQLite may first build a Bloom filter over every affiliation in the database (a
    # whole-table scan, ~15 ms per shard of 250k quotes), to save a few thousand index lookups.
    parts = [
        group.format(facet="outlet", value="matched.outlet"),
        group.format(facet="month", value="matched.month"),
        group.format(facet="speaker_id", value="matched.speaker_id"),
        """select * from (select 'organization' as facet, a.organization as value, count(distinct matched.id) as count
          from matched left join affiliations a
            on a.speaker_id = matched.speaker_id and a.article_id = matched.article_id
          group by 2 having value is not null order by 3 desc, 2 limit :facet_values)""",
        group.format(facet="kind", value="matched.kind"),
        "select 'matches' as facet, null as value, count(*) as count from matched",
    ]
    return f"""select facet, value, count,
  case when facet = 'speaker_id' then (select name from speakers where id = value) end as label
from ({" union all ".join(parts)})"""


def reads_matches_once(db, search: Search) -> bool:
    """Whether the page comes from one_pass_sql: a ranked search with filters (it ranks every match)
    on one database file. A folder of shards (plugins/shards.py) merges statement by statement, each
    by its own hint, so it asks the count, the facets and the page separately."""
    return search.sort == "rank" and bool(search.active) and not is_sharded(db)


def one_pass_sql(search: Search, facets: bool) -> str:
    """A ranked search with filters in one statement: its matches are found once, each with its
    rank and whether it is a fragment, and the count, the page (rows in the page's order) and, if
    asked, the facets are all read from that list. Asked separately, each would find the matches
    again: for common words and a large outlet, a few hundred milliseconds each at 1M quotes.
    Rows: part 'count' (count), 'page' (quote_id, rank, short_quote), 'facet' (facet, value, count,
    label), as count_sql, ranked_ids_sql and facets_sql give them."""
    if search.outlet_index:
        body = ranked_in_outlet_index(search)
    else:
        body, _ = matching(search)
    matched, facet_rows = "", ""
    if facets:
        matched = f""",
matched as materialized ({facet_matches_sql("select id, article_id, speaker_id, kind from hits")})"""
        facet_rows = f"""
union all
select 'facet', null, null, null, facet, value, count, label from ({facet_counts_sql()})"""
    return f"""with hits as materialized (
  select quotes_fts.rowid as id, bm25(quotes_fts) as rank, {SHORT_QUOTE} as short_quote,
    quotes.article_id, quotes.speaker_id, quotes.kind {body}){matched}
select 'count' as part, null as quote_id, null as rank, null as short_quote, null as facet, null as value,
  count(*) as count, null as label from hits
union all
select * from (select 'page', id, rank, short_quote, null, null, null, null from hits
  order by short_quote, rank, id limit :limit offset :offset){facet_rows}"""


def export_sql(search: Search) -> str:
    """The next EXPORT_CHUNK matches after :after, by id, with the result columns."""
    body, hit_id = matching(search, ("articles", "speakers"))
    hint = f"-- shards: rows order by quote_id limit {EXPORT_CHUNK}"
    return f"{hint}\nselect {RESULT_COLUMNS} {body} and {hit_id} > :after order by {hit_id} limit {EXPORT_CHUNK}"


def suggestions_sql() -> str:
    """Speakers and organisations whose names hold the words typed, each with quotes to show (a
    speaker row can exist with none: a person the text names without quoting, or one joined into
    another entity by a later run, whose id is kept so that old links resolve)."""
    return """select * from (
  select 'speaker' as type, speakers.id as id, speakers.name as name, speaker_stats.quotes as quotes
  from speakers_fts join speakers on speakers.id = speakers_fts.rowid
    join speaker_stats on speaker_stats.speaker_id = speakers.id
  where speakers_fts match fts_query(:q) and not speakers.is_anonymous and speaker_stats.quotes > 0
  order by rank limit 5)
union all
select * from (
  select 'organization', null, organization, quotes from organization_stats
  where organization like '%' || :q || '%' order by quotes desc limit 5)"""


def bound(search: Search, **extra) -> dict:
    return {**search.values, **extra}


# --- the page and its data ------------------------------------------------------------------------


async def research_database(datasette, request) -> str:
    name = request.url_vars["database"]
    if name not in datasette.databases or "quotes" not in await datasette.get_database(name).table_names():
        raise NotFound(f"No quotes database called {name}")
    return name


async def search_page(datasette, request):
    database = await research_database(datasette, request)
    fmt = request.url_vars.get("format")
    try:
        search = parse_search(request.args, MAX_PAGE_SIZE if fmt == "json" else PAGE_SIZE)
    except BadParameter as error:
        return Response.text(f"400: {error}\n", status=400) if fmt else await error_page(datasette, request, error)
    db = datasette.get_database(database)
    if fmt == "csv" or (fmt == "json" and request.args.get("_stream")):
        return export(db, search, fmt)
    try:
        return await search_results(datasette, request, database, db, search, fmt)
    except (sqlite3.DatabaseError, QueryInterrupted) as error:
        # The time limit, or a limit of plugins/limits.py: the request asked for too much.
        error = BadParameter(f"this search could not run: {error}")
        return Response.text(f"400: {error}\n", status=400) if fmt else await error_page(datasette, request, error)


async def search_results(datasette, request, database: str, db, search: Search, fmt: str | None) -> Response:
    search = search._replace(outlet_index=await uses_outlet_index(db, search))
    if reads_matches_once(db, search):
        count, page, facets = await one_pass(db, search, facets=fmt != "json")
        rows = await page_details(db, search, page)
    else:
        latest = await corpus_latest(db, search, facets=fmt != "json")
        facets_from = {"facets_from": latest_from(latest, FACET_LIMIT)}
        facets = [] if fmt == "json" else await fetch(db, facets_sql(search), facet_params(search) | facets_from)
        count = counted_by_facets(facets)
        if count is None and needs_count(search, fmt, request.args):
            count = (await db.execute(count_sql(search), bound(search))).rows[0][0]
        if is_sharded(db):
            rows = await page_details(db, search, await page_ids(db, search, count, latest))
        else:
            rows = await whole_page(db, search, count)
    if fmt == "json":
        return page_json(request, search, rows, count)
    suggest = search.words and len(search.words.encode("utf-8", "replace")) <= MAX_FILTER_BYTES
    suggestions = await fetch(db, suggestions_sql(), {"q": search.words}) if suggest else []
    context = page_context(datasette, database, search, rows, count, facets, suggestions)
    context["outlets"] = [r["outlet"] for r in await fetch(db, "select outlet from outlet_stats order by outlet", {})]
    if search.values["speaker_id"]:
        names = await fetch(db, "select name from speakers where id = :id", {"id": search.values["speaker_id"]})
        context["speaker_name"] = names[0]["name"] if names else None
    backwards, limit, offset = backwards_page(search, count)
    sql_params = bound(search, limit=limit, offset=offset)
    context["sql_url"] = (
        datasette.urls.database(database) + "?" + urlencode({"sql": page_sql(search, backwards), **sql_params})
    )
    html = await datasette.render_template("search_quotes.html", context, request=request)
    return Response.html(html)


def facet_params(search: Search) -> dict:
    return bound(search, facet_values=FACET_VALUES + 1)


async def one_pass(db, search: Search, facets: bool) -> tuple[int, list[dict], list[dict]]:
    """The count, the page's ids and ranks, and the facets of one_pass_sql."""
    params = facet_params(search) | {"limit": search.size, "offset": (search.page - 1) * search.size}
    rows = await fetch(db, one_pass_sql(search, facets), params)
    count = next(row["count"] for row in rows if row["part"] == "count")
    page = [{k: row[k] for k in ("quote_id", "rank", "short_quote")} for row in rows if row["part"] == "page"]
    facet_rows = [{k: row[k] for k in ("facet", "value", "count", "label")} for row in rows if row["part"] == "facet"]
    return count, page, facet_rows


def needs_count(search: Search, fmt: str | None, args) -> bool:
    """Whether the request needs the number of matches: the page and the JSON object show it; the
    JSON array of rows (`_shape=array`) does not, and needs it only to read a page past the middle
    from the far end (backwards_page), which the first page and a capped ranked search never do.
    For a common word the count reads its whole doclist (8 ms for 241k matches at 1M quotes)."""
    if fmt != "json" or args.get("_shape") != "array":
        return True
    return search.page > 1 and not is_capped(search)


def counted_by_facets(facets: list[dict]) -> int | None:
    """The number of matches, if the facets counted every one (fewer than FACET_LIMIT; over shards
    they count the corpus's FACET_LIMIT latest together, so their sum is below it only then too)."""
    matches = next((row["count"] for row in facets if row["facet"] == "matches"), None)
    return matches if matches is not None and matches < FACET_LIMIT else None


async def uses_outlet_index(db, search: Search) -> bool:
    """Whether the matches of words and an outlet are found in the outlet index (ingest/fts.py), which
    a database made before it lacks: there each match's article is read for its outlet. The same
    quotes either way."""
    return bool(search.words and search.values["outlet"]) and OUTLET_INDEX in await db.table_names()


def is_sharded(db) -> bool:
    """Whether db is a folder of shards served as one (plugins/shards.py), which answers statement by
    statement, each by its own `-- shards:` hint."""
    return getattr(db, "shards", None) is not None


async def whole_page(db, search: Search, count: int | None) -> list[dict]:
    """The page's rows with all their columns, from one statement (page_sql): on one file nothing is
    gained by choosing the ids first, and a capped search finds where its ranked matches start
    inside the statement (first_ranked_sql) instead of fetching the latest matches' ids."""
    backwards, limit, offset = backwards_page(search, count)
    rows = await fetch(db, page_sql(search, backwards), bound(search, limit=limit, offset=offset))
    if backwards:
        rows.reverse()
    return rows


async def corpus_latest(db, search: Search, facets: bool) -> list[str | None]:
    """Over shards, each shard's list of the search's latest matches (latest_matches_sql), when the
    facets or the ranked cap need where the corpus's latest start; else nothing (one file's
    statements take their latest matches themselves)."""
    if not is_sharded(db) or not (facets or is_capped(search)):
        return []
    return [row["ids"] for row in await fetch(db, latest_matches_sql(search), bound(search))]


async def page_ids(db, search: Search, count: int | None, latest: list[str | None]) -> list[dict]:
    """The ids (and ranks) of the page asked for, in order (page_ids_sql); latest: corpus_latest's
    lists, from which a capped search over shards finds where its ranked matches start."""
    backwards, limit, offset = backwards_page(search, count)
    # 0 (rank every match) when fewer than RANKED_LIMIT are listed: no count needed to tell.
    first_ranked = latest_from(latest, RANKED_LIMIT) if is_capped(search) else 0
    ids = page_ids_sql(search, backwards, ranked_from=":ranked_from")
    page = await fetch(db, ids, bound(search, limit=limit, offset=offset, ranked_from=first_ranked))
    if backwards:
        page.reverse()
    return page


async def page_details(db, search: Search, page: list[dict]) -> list[dict]:
    """The rows of a page whose ids are chosen: their columns (page_sql of the chosen ids), in order."""
    if not page:
        return []
    chosen = json.dumps([[row["quote_id"], row.get("rank")] for row in page])
    details = {
        row["quote_id"]: row for row in await fetch(db, page_sql(search, chosen=True), bound(search, page=chosen))
    }
    return [details[row["quote_id"]] for row in page]


async def error_page(datasette, request, error: BadParameter) -> Response:
    html = await datasette.render_template(
        "search_quotes.html",
        {"error": str(error), "search": None, "database": request.url_vars["database"]},
        request=request,
    )
    return Response.html(html, status=400)


async def fetch(db, sql: str, params: dict) -> list[dict]:
    results = await db.execute(sql, params)
    columns = [d[0] for d in results.description or []]
    return [dict(zip(columns, row, strict=True)) for row in results.rows]


def page_context(datasette, database, search: Search, rows, count, facets, suggestions) -> dict:
    pages = max(1, -(-count // search.size))
    if is_capped(search):
        pages = min(pages, -(-RANKED_LIMIT // search.size))
    base = datasette.urls.query(database, "search_quotes")

    def link(changes: dict | None = None, **more) -> str:
        params = search.url_params(**(changes or {}), **more)
        return base + ("?" + urlencode(params) if params else "")

    def export_link(fmt: str) -> str:
        params = search.url_params(page=None, sort=None)
        if fmt == "json":
            params["_stream"] = "on"
        return f"{base}.{fmt}?{urlencode(params)}"

    grouped: dict[str, list[dict]] = {}
    for row in facets:
        grouped.setdefault(row["facet"], []).append(row)
    for values in grouped.values():  # shards combine counts unordered; ties by value, as the SQL orders them
        values.sort(key=lambda row: (-row["count"], isinstance(row["value"], str), row["value"]))
    return {
        "database": database,
        "search": search,
        "p": search.values,
        "rows": rows,
        "count": count,
        "pages": pages,
        "first": (search.page - 1) * search.size + 1,
        "capped": is_capped(search) and count > RANKED_LIMIT,
        "ranked_limit": RANKED_LIMIT,
        "facets": grouped,
        "facet_values": FACET_VALUES,
        "facets_sampled": count > FACET_LIMIT,
        "facet_limit": FACET_LIMIT,
        "suggestions": suggestions,
        "sorts": SORTS,
        "filters": search.active,
        "link": link,
        "export_link": export_link,
    }


def page_json(request, search: Search, rows: list[dict], count: int | None) -> Response:
    if request.args.get("_shape") == "array":
        return Response.json(rows)
    pages = max(1, -(-count // search.size))
    return Response.json(
        {"count": count, "page": search.page, "pages": pages, "size": search.size, "sort": search.sort, "rows": rows}
    )


def export(db, search: Search, fmt: str) -> AsgiStream:
    """Every match, EXPORT_CHUNK rows per query, each query starting after the last id sent."""
    sql = export_sql(search)

    async def stream(writer) -> None:
        after, first = 0, True
        if fmt == "json":
            await writer.write("[")
        while True:
            result = await db.execute(sql, bound(search, after=after), custom_time_limit=30_000)
            rows = result.rows
            if fmt == "csv":
                await writer.write(csv_text(rows, header=first))
            else:
                await writer.write(json_text(rows, first))
            first = False
            if len(rows) < EXPORT_CHUNK:
                break
            after = rows[-1]["quote_id"]
        if fmt == "json":
            await writer.write("]\n")

    name = "quotes-" + re.sub(r"[^\w-]+", "-", search.words or "all").strip("-")[:40]
    headers = {"content-disposition": f'attachment; filename="{name or "quotes"}.{fmt}"'}
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else "application/json; charset=utf-8"
    return AsgiStream(stream, headers=headers, content_type=content_type)


def csv_text(rows, header: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(EXPORT_COLUMNS)
    writer.writerows([row[c] for c in EXPORT_COLUMNS] for row in rows)
    return out.getvalue()


def json_text(rows, first: bool) -> str:
    pieces = [json.dumps({c: row[c] for c in EXPORT_COLUMNS}, ensure_ascii=False) for row in rows]
    text = ",\n".join(pieces)
    return text if first or not text else ",\n" + text


@hookimpl
def register_routes():
    return [(r"^/(?P<database>[^/.]+)/search_quotes(\.(?P<format>csv|json))?$", search_page)]
