"""Serve a folder of shards (ingest/shards.py) as one database, behind the same URLs as one file.

`datasette serve FOLDER/quotes.db` (the corpus database, which lists its shards) serves `quotes`
as usual; at startup this plugin gives that database every shard it lists, and each SQL statement
run against it says, in one comment line, how the shards answer it:

    -- shards: corpus                            the corpus database alone (the default)
    -- shards: rows [order by COLS] [limit N]    every shard, rows concatenated, then ordered/limited
    -- shards: combine [by COLS] [sum COLS] [join COLS] [order by COLS] [limit N]
                                                 every shard, rows with equal `by` columns (all rows,
                                                 without `by`) made one: `sum` columns summed, `join`
                                                 columns (group_concat's comma lists) joined, each
                                                 value once, JSON lists joined (objects equal but for
                                                 their numbers once, numbers summed), any other
                                                 value the first shard's
    ... [from corpus COLS] [sort COL [by KEYS]] [set PARAM = VALUE] [distinct COLS]

`from corpus COLS`: those columns are the corpus database's answer to the same statement (counts
of speakers or organisations, which a shard's count would repeat; rows matched on the `by`
columns). `sort COL by KEYS` sorts the JSON list in COL after the shards' lists are joined, by the
KEYS of its objects (`desc` allowed), or by value without `by`. `set PARAM = VALUE` runs the
shards with the statement's parameter PARAM set to VALUE (an integer), e.g. a per-shard limit of
-1 (none) where only the merged rows can be cut exactly. `distinct COLS` keeps, after ordering,
the first row of each value of COLS (a speaker every shard that names them finds).

`order by` names result columns (`desc` allowed); rows equal on them keep their shard's order,
which is how a query ordered by a column it does not return (quotes.position) stays ordered.
`limit :limit offset :offset` names the statement's own parameters: each shard is asked for the
first limit + offset rows, the merge skips offset. `rank bm25(quotes_fts, :q)` says the column
`rank` is FTS5's bm25 of the words in :q: each shard's ranks are rescaled to the whole corpus's
statistics before the merge (see rescaled_rank), so the best match of a small shard does not
outrank a better one of a large shard. `counts quotes_fts matching :q` says the statement's one
value is the number of rows of quotes_fts matching :q and nothing else: when :q is one phrase, each
shard's answer is also the count a rank of the same words needs, and is kept for it (phrase_count).

The hint is an SQL comment, so the statement runs unchanged on a single file, where this plugin
does nothing: one metadata.yml and one set of pages serve both. No ATTACH is used (SQLite attaches
at most 10 databases); the shards are queried concurrently on Datasette's thread pool.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
from operator import itemgetter
from pathlib import Path

from datasette import hookimpl
from datasette.database import Database, Results

from ingest.shards import shard_files

HINT = re.compile(r"^\s*--\s*shards:\s*(.+?)\s*$", re.M | re.I)
MODE = re.compile(r"^(corpus|rows|combine)\b", re.I)
CLAUSE_END = r"(?=\s+(?:sum|join|order\s+by|limit|rank\s+bm25|from\s+corpus|sort|set|distinct|counts)\b|$)"
BY = re.compile(r"^\s*by\s+(.+?)" + CLAUSE_END, re.I)
SUM = re.compile(r"\bsum\s+(.+?)" + CLAUSE_END, re.I)
JOIN = re.compile(r"\bjoin\s+(.+?)" + CLAUSE_END, re.I)
ORDER = re.compile(r"\border\s+by\s+(.+?)" + CLAUSE_END, re.I)
FROM_CORPUS = re.compile(r"\bfrom\s+corpus\s+(.+?)" + CLAUSE_END, re.I)
SORT = re.compile(r"\bsort\s+(\w+)(?:\s+by\s+(.+?))?" + CLAUSE_END, re.I)
DISTINCT = re.compile(r"\bdistinct\s+(.+?)" + CLAUSE_END, re.I)
SET = re.compile(r"\bset\s+(\w+)\s*=\s*(-?\d+)", re.I)
LIMIT = re.compile(r"\blimit\s+(\d+|:\w+)(?:\s+offset\s+(:\w+))?", re.I)
RANK = re.compile(r"\brank\s+bm25\(\s*(\w+)\s*,\s*:(\w+)\s*\)", re.I)
COUNTS = re.compile(r"\bcounts\s+(\w+)\s+matching\s+:(\w+)", re.I)
PHRASE = re.compile(r'"((?:[^"]|"")*)"')


class Rule:
    """How the shards answer one statement, read from its `-- shards:` comment."""

    def __init__(self, sql: str):
        match = HINT.search(sql)
        text = match.group(1) if match else "corpus"
        mode = MODE.match(text)
        self.mode = mode.group(1).lower() if mode else "corpus"
        rest = text[mode.end() :] if mode else ""
        by, summed, order = BY.search(rest), SUM.search(rest), ORDER.search(rest)
        self.by = column_list(by.group(1)) if by and self.mode == "combine" else []
        self.sum = set(column_list(summed.group(1))) if summed else set()
        joined = JOIN.search(rest)
        self.join = set(column_list(joined.group(1))) if joined else set()
        self.order = [parse_order(term) for term in column_list(order.group(1))] if order else []
        limit = LIMIT.search(rest)
        self.limit, self.offset = (limit.group(1), limit.group(2)) if limit else (None, None)
        rank = RANK.search(rest)
        self.rank_table, self.rank_param = (rank.group(1), rank.group(2)) if rank else (None, None)
        counts = COUNTS.search(rest)
        self.counts_table, self.counts_param = (counts.group(1), counts.group(2)) if counts else (None, None)
        from_corpus = FROM_CORPUS.search(rest)
        self.from_corpus = column_list(from_corpus.group(1)) if from_corpus else []
        self.sort_lists = {
            match.group(1): [parse_order(term) for term in column_list(match.group(2) or "")]
            for match in SORT.finditer(rest)
        }
        distinct = DISTINCT.search(rest)
        self.distinct = column_list(distinct.group(1)) if distinct else []
        self.shard_params = {match.group(1): int(match.group(2)) for match in SET.finditer(rest)}


def column_list(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def parse_order(term: str) -> tuple[str, bool]:
    words = term.split()
    return words[0], len(words) > 1 and words[1].lower() == "desc"


class Row(tuple):
    """A result row as sqlite3.Row reads: by position, by column name, keys()."""

    columns: tuple[str, ...] = ()

    def __new__(cls, values, columns):
        row = super().__new__(cls, values)
        row.columns = tuple(columns)
        return row

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self.columns.index(key))
        return tuple.__getitem__(self, key)

    def keys(self):
        return list(self.columns)


class ShardedDatabase(Database):
    """The corpus database, answering each statement from itself or from its shards."""

    def __init__(self, ds, corpus: Database, shards: list[tuple[str, Path]]):
        super().__init__(ds, path=corpus.path, is_mutable=corpus.is_mutable)
        self.shards = []
        for name, path in shards:
            shard = Database(ds, path=str(path), is_mutable=corpus.is_mutable)
            shard.name = f"{corpus.name}/{name}"  # keys its thread-local connections
            self.shards.append(shard)
        self.phrase_counts: dict[tuple[str, str, str], int] = {}
        self.row_counts: dict[tuple[str, str], int] = {}
        self.query_phrases: dict[str, list[str]] = {}

    async def execute(self, sql, params=None, truncate=False, custom_time_limit=None, page_size=None, **kwargs):
        rule = Rule(sql)
        if rule.mode == "corpus":
            return await super().execute(sql, params, truncate, custom_time_limit, page_size, **kwargs)
        params = dict(params or {})
        shard_params = {**params, **rule.shard_params}
        if rule.limit and rule.limit.startswith(":") and rule.offset:
            limit, offset = int(params[rule.limit[1:]]), int(params[rule.offset[1:]])
            shard_params.update({rule.limit[1:]: limit + offset, rule.offset[1:]: 0})
        answers = await asyncio.gather(
            *(shard.execute(sql, shard_params, False, custom_time_limit, page_size, **kwargs) for shard in self.shards)
        )
        if rule.counts_table:
            await self.keep_phrase_counts(rule, params, answers)
        description = next((a.description for a in answers if a.description), None)
        columns = [d[0] for d in description or []]
        # The merge works on plain tuples, reading columns by position (a facet statement can bring
        # tens of thousands of rows); only the rows returned become Rows.
        position: dict[str, int] = {}
        for i, column in enumerate(columns):
            position.setdefault(column, i)  # a name used twice reads its first column, as Row does
        per_shard = [[tuple(row) for row in answer.rows] for answer in answers]
        if rule.rank_table:
            per_shard = await self.rescaled(rule, params, per_shard, columns)
        rows = [row for rows in per_shard for row in rows]
        if rule.mode == "combine":
            rows = combined(rows, columns, rule)
        if rule.from_corpus:
            corpus = await super().execute(sql, params, False, custom_time_limit, page_size, **kwargs)
            rows = with_corpus_columns(rows, [tuple(row) for row in corpus.rows], position, rule)
        rows = ordered(rows, rule.order, position)
        if rule.distinct:
            rows = first_of_each(rows, rule.distinct, position)
        rows = paged(rows, rule, params)
        truncated = False
        if truncate and self.ds.max_returned_rows and len(rows) > self.ds.max_returned_rows:
            rows, truncated = rows[: self.ds.max_returned_rows], True
        return Results([Row(row, columns) for row in rows], truncated, description)

    async def rescaled(self, rule: Rule, params: dict, per_shard: list[list[tuple]], columns: list[str]):
        """Each shard's rank multiplied by its factor (rescaled_rank)."""
        if "rank" not in columns or not any(per_shard):
            return per_shard
        position = columns.index("rank")
        phrases = await self.phrases(params.get(rule.rank_param) or "")
        factors = await self.rank_factors(rule.rank_table, phrases)
        return [
            [row[:position] + (scaled(row[position], factor),) + row[position + 1 :] for row in rows]
            for rows, factor in zip(per_shard, factors, strict=True)
        ]

    async def keep_phrase_counts(self, rule: Rule, params: dict, answers: list[Results]) -> None:
        """Each shard's count of the rows matching one phrase, kept as phrase_count would count it."""
        phrases = await self.phrases(params.get(rule.counts_param) or "")
        if len(phrases) == 1 and all(len(answer.rows) == 1 for answer in answers):
            for shard, answer in zip(self.shards, answers, strict=True):
                self.keep_phrase_count((shard.name, rule.counts_table, phrases[0]), answer.rows[0][0])

    def keep_phrase_count(self, key: tuple[str, str, str], count: int) -> None:
        if len(self.phrase_counts) > 100_000:
            self.phrase_counts.clear()
        self.phrase_counts[key] = count

    async def phrases(self, query: str) -> list[str]:
        """The phrases FTS5 scores for a search box's text: fts_query's quoted strings."""
        if query not in self.query_phrases:
            if len(self.query_phrases) > 10_000:
                self.query_phrases.clear()
            results = await self.shards[0].execute("select fts_query(:q)", {"q": query})
            self.query_phrases[query] = [match.group(0) for match in PHRASE.finditer(results.rows[0][0] or "")]
        return self.query_phrases[query]

    async def rank_factors(self, table: str, phrases: list[str]) -> list[float]:
        """For each shard, corpus IDF over shard IDF, summed over the phrases (rescaled_rank)."""
        rows = await asyncio.gather(*(self.row_count(shard, table) for shard in self.shards))
        counts = await asyncio.gather(
            *(asyncio.gather(*(self.phrase_count(shard, table, phrase) for phrase in phrases)) for shard in self.shards)
        )
        corpus_rows = sum(rows)
        corpus_idf = sum(idf(corpus_rows, sum(shard[i] for shard in counts)) for i in range(len(phrases)))
        factors = []
        for shard_rows, shard_counts in zip(rows, counts, strict=True):
            shard_idf = sum(idf(shard_rows, n) for n in shard_counts)
            factors.append(corpus_idf / shard_idf if shard_idf > 0 else 1.0)
        return factors

    async def row_count(self, shard: Database, table: str) -> int:
        key = (shard.name, table)
        if key not in self.row_counts:
            result = await shard.execute(f"select count(*) from [{table}]")
            self.row_counts[key] = result.rows[0][0]
        return self.row_counts[key]

    async def phrase_count(self, shard: Database, table: str, phrase: str) -> int:
        key = (shard.name, table, phrase)
        if key not in self.phrase_counts:
            result = await shard.execute(f"select count(*) from [{table}] where [{table}] match :p", {"p": phrase})
            self.keep_phrase_count(key, result.rows[0][0])
        return self.phrase_counts[key]


def idf(rows: int, matching: int) -> float:
    """FTS5's bm25 IDF (fts5_aux.c): log((N - n + 0.5) / (n + 0.5)), at least 1e-6."""
    value = math.log((rows - matching + 0.5) / (matching + 0.5)) if rows else 0.0
    return value if value > 0 else 1e-6


def scaled(rank, factor: float):
    return rank * factor if isinstance(rank, (int, float)) else rank


def combined(rows: list[tuple], columns: list[str], rule: Rule) -> list[tuple]:
    """Rows with equal `by` columns made one, in order of first appearance. A row alone in its group
    (a value one shard found) is kept as it is when combine_values would give back each value
    unchanged: no column joined, no value a JSON list (which combining also rids of repeats)."""
    by = [columns.index(c) for c in rule.by]
    groups: dict[tuple, list[tuple]] = {}
    for row in rows:
        groups.setdefault(tuple([row[i] for i in by]), []).append(row)
    lone_rows_kept = not rule.join.intersection(columns)
    summed_or_joined = [column in rule.sum or column in rule.join for column in columns]
    merged = []
    for group in groups.values():
        if len(group) == 1 and lone_rows_kept and not any(map(may_be_list, group[0])):
            merged.append(group[0])
            continue
        values = []
        for i, column in enumerate(columns):
            present = [row[i] for row in group if row[i] is not None]
            if summed_or_joined[i] or any(map(may_be_list, present)):
                values.append(combine_values(present, column, rule))
            else:  # the first shard's value, as combine_values would give it
                values.append(present[0] if present else None)
        merged.append(tuple(values))
    return merged


def may_be_list(value) -> bool:
    """Whether value could be a JSON list (json_list tells for sure): the cheap test first."""
    return isinstance(value, str) and value.startswith("[")


def combine_values(values: list, column: str, rule: Rule):
    present = [v for v in values if v is not None]
    if not present:
        return None
    if column in rule.sum and all(is_number(v) for v in present):
        return sum(present)
    if column in rule.join:
        # group_concat's comma-separated values, each once
        return ",".join(dict.fromkeys(part for value in present for part in str(value).split(",")))
    lists = [json_list(v) for v in present]
    if all(item is not None for item in lists):
        items = joined_lists(lists)
        if column in rule.sort_lists:
            items = sorted_items(items, rule.sort_lists[column])
        return json.dumps(items, ensure_ascii=False, separators=(",", ":"))  # as SQLite's json functions
    return present[0]


def sorted_items(items: list, order: list[tuple[str, bool]]) -> list:
    """A JSON list's items by the keys of its objects (as `ordered` sorts rows), or by value."""
    if not order:
        return sorted(items, key=sort_key)
    for key, descending in reversed(order):
        items = sorted(items, key=lambda item, k=key: sort_key(item.get(k)), reverse=descending)
    return items


def with_corpus_columns(rows: list[tuple], corpus: list[tuple], position: dict[str, int], rule: Rule) -> list[tuple]:
    """The `from corpus` columns of each row replaced by the corpus database's row with its `by` values."""
    by = [position[c] for c in rule.by]
    answers = {tuple(row[i] for i in by): row for row in corpus}
    from_corpus = {position[c] for c in rule.from_corpus if c in position}
    replaced = []
    for row in rows:
        answer = answers.get(tuple(row[i] for i in by))
        replaced.append(tuple(answer[i] if answer is not None and i in from_corpus else v for i, v in enumerate(row)))
    return replaced


def json_list(value) -> list | None:
    if not isinstance(value, str) or not value.startswith("["):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    return parsed if isinstance(parsed, list) else None


def joined_lists(lists: list[list]) -> list:
    """Scalars once each; objects equal but for their numbers once, with the numbers summed."""
    out: list = []
    index: dict[str, int] = {}
    for item in (item for items in lists for item in items):
        if isinstance(item, dict):
            key = json.dumps({k: v for k, v in item.items() if not is_number(v)}, sort_keys=True)
        else:
            key = json.dumps(item, sort_keys=True)
        if key not in index:
            index[key] = len(out)
            out.append(dict(item) if isinstance(item, dict) else item)
        elif isinstance(item, dict):
            kept = out[index[key]]
            for k, v in item.items():
                if is_number(v):
                    kept[k] = (kept.get(k) or 0) + v
    return out


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def ordered(rows: list[tuple], order: list[tuple[str, bool]], position: dict[str, int]) -> list[tuple]:
    """Sorted by each (column, descending) from the last to the first (a stable sort per key), so
    rows equal on all keep their shard's order. NULLs first ascending, last descending, as SQLite.
    Neighbouring columns sorted the same way whose values are all numbers, or all text, are sorted
    in one pass by the values themselves (Python orders those as SQLite does); a column mixing NULLs
    or types goes through sort_key. A deep page of a browse over shards sorts ~50,000 rows."""
    passes: list[tuple[list[int], bool, bool]] = []  # (column positions, descending, of one type)
    for column, descending in order:
        i = position[column]
        plain = of_one_type(rows, i)
        if passes and plain and passes[-1][2] and passes[-1][1] == descending:
            passes[-1][0].append(i)
        else:
            passes.append(([i], descending, plain))
    for columns, descending, plain in reversed(passes):
        key = itemgetter(*columns) if plain else (lambda row, i=columns[0]: sort_key(row[i]))
        rows = sorted(rows, key=key, reverse=descending)
    return rows


NUMBERS, TEXT = {int, float}, {str}


def of_one_type(rows: list[tuple], i: int) -> bool:
    """Whether column i holds only numbers, or only text (no NULL, no blob)."""
    kinds = {type(row[i]) for row in rows}
    return kinds <= NUMBERS or kinds == TEXT


def sort_key(value) -> tuple:
    # SQLite's order of types: NULL, numbers, text, blobs.
    if value is None:
        return (0, 0)
    if isinstance(value, (int, float)):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, bytes(value))


def first_of_each(rows: list[tuple], columns: list[str], position: dict[str, int]) -> list[tuple]:
    seen: set[tuple] = set()
    kept = []
    for row in rows:
        key = tuple(row[position[c]] for c in columns)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def paged(rows: list[tuple], rule: Rule, params: dict) -> list[tuple]:
    if rule.limit is None:
        return rows
    if rule.limit.startswith(":"):
        limit = int(params[rule.limit[1:]])
        offset = int(params[rule.offset[1:]]) if rule.offset else 0
        return rows[offset : offset + limit]
    return rows[: int(rule.limit)]


@hookimpl
def startup(datasette):
    for name, db in list(datasette.databases.items()):
        if not db.path or db.is_memory:
            continue
        shards = shard_files(db.path)
        if shards:
            sharded = ShardedDatabase(datasette, db, shards)
            datasette.remove_database(name)
            datasette.add_database(sharded, name=name, route=db.route)
