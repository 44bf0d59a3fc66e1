"""Serve a single database and a folder of shards holding the same articles, and compare what every
research page answers: every canned query of metadata.yml (blank, then with each filter, sort and
page it takes) and the search (its page, JSON and full CSV export). Prints each difference and a
count; exits 1 if any differs beyond the known differences of shards (docs/scale.md).

    python scripts/compare_shards.py SINGLE.db FOLDER/quotes.db

The pages are compared when the ids are the same in both (a folder made by `split_database`);
`load --shard-by` gives ids of its own, so for such a folder every table is compared by content
instead: the article tables (shards.content_of) and the corpus-wide ones, ids replaced by what
they name (a speaker's key, a quote's article path and position)."""

from __future__ import annotations

import asyncio
import contextlib
import re
import sqlite3
import sys
from pathlib import Path

import yaml
from datasette.app import Datasette

from ingest.shards import content_of, shard_files
from ingest.summaries import SUMMARIES

REPO = Path(__file__).resolve().parent.parent
QUERIES = yaml.safe_load((REPO / "metadata.yml").read_text())["databases"]["quotes"]["queries"]
# Canned queries whose answer on shards is known to differ from one file's (docs/scale.md says how).
DIFFERENT_ON_SHARDS = {
    "search_all": "every shard's best 50 speakers, 100 quotes and 100 paragraphs, each ranked in its shard",
}
PARAMETER = re.compile(r"(?<![:\w]):(\w+)")
RESULT_LIST = re.compile(r'<ol class="results".*?</ol>', re.S)


def datasette_of(path: Path) -> Datasette:
    metadata = yaml.safe_load((REPO / "metadata.yml").read_text())
    return Datasette(
        [str(path)],
        metadata=metadata,
        plugins_dir=str(REPO / "plugins"),
        template_dir=str(REPO / "templates"),
        settings={"sql_time_limit_ms": 30_000},
    )


class Sample:
    """Values to fill the pages' parameters with, read from the single database."""

    def __init__(self, path: Path):
        with contextlib.closing(sqlite3.connect(path)) as conn:
            one = lambda sql, *args: (conn.execute(sql, args).fetchone() or [""])[0]  # noqa: E731
            self.speaker = one(
                "select speaker_id from quotes where speaker_id is not null group by 1 order by count(*) desc"
            )
            self.name = one("select name from speakers where id = ?", self.speaker)
            self.organization = one(
                "select organization from affiliations where organization is not null group by 1 order by count(*) desc"
            )
            self.quotation = one("select id from quotations order by article_count desc, quote_count desc, id")
            self.article = one("select article_id from quotes where speaker_id = ? order by id", self.speaker)
            self.quote = one("select id from quotes where speaker_id = ? order by id", self.speaker)
            self.outlet = one("select outlet from articles where outlet is not null group by 1 order by count(*) desc")
            months = [m for (m,) in conn.execute("select distinct published_month from articles order by 1") if m]
            self.early, self.late = (months[len(months) // 3], months[2 * len(months) // 3]) if months else ("", "")


def canned_query_cases(sample: Sample) -> list[tuple[str, dict]]:
    """Every canned query with its parameters blank, then each filter, sort and page it offers."""
    ids = {"quote": sample.quote, "speaker": sample.speaker, "speaker_profile": sample.speaker,
           "article": sample.article, "article_info": sample.article, "quotation": sample.quotation}  # fmt: skip
    cases = []
    for query, spec in QUERIES.items():
        names = set(PARAMETER.findall(spec["sql"]))
        blank = {n: "" for n in names}
        blank |= {"id": str(ids.get(query, ""))} if "id" in names else {}
        blank |= {"name": sample.organization if query == "organization" else ""} if "name" in names else {}
        blank |= {"speaker": sample.name} if "speaker" in names else {}
        blank |= {"q": "said"} if "q" in names else {}
        variants = [blank]
        if "outlet" in names:
            variants.append(blank | {"outlet": sample.outlet.lower()})
        if "published_from" in names:
            variants += [
                blank | {"published_from": sample.early[:4], "published_to": sample.early[:4]},
                blank | {"published_from": sample.early, "published_to": sample.late},
                blank | {"published_from": sample.late},
            ]
        if "sort" in names:
            variants += [
                blank | {"sort": sort} for sort in ("name", "articles", "outlets", "speakers", "first", "last")
            ]
        if "name" in names and query in ("top_speakers", "top_organizations", "quotes_by_speaker"):
            variants.append(blank | {"name": "an"})
        if "page" in names:
            variants.append(blank | {"page": "2", "size": "7"})
        cases += [(query, params) for params in variants]
    return cases


def search_cases(sample: Sample) -> list[dict]:
    return [
        {"q": "said"},
        {"q": "said", "kind": "direct"},
        {"q": '"the campaign"', "outlet": sample.outlet.lower()},
        {"q": "campaign", "published_from": sample.early, "published_to": sample.late},
        {"q": "said", "sort": "newest", "page": "3"},
        {"q": "president", "sort": "oldest"},
        {},
        {"outlet": sample.outlet, "page": "2"},
        {"speaker": sample.name.split()[-1] if sample.name else ""},
        {"organization": "Party"},
        {"speaker_id": str(sample.speaker)},
        {"quotation": str(sample.quotation)},
    ]


async def canned_answer(datasette: Datasette, query: str, params: dict):
    response = await datasette.client.get(f"/quotes/{query}.json", params={**params, "_shape": "array", "_size": "max"})
    return response.status_code, response.json()


async def search_answer(datasette: Datasette, params: dict) -> tuple:
    """The page, its JSON (every match up to 1,000) and the CSV export; for a search ranked by
    bm25, the results in quote order and without their rank: each shard's bm25 uses its own
    average quote length, so near-equal matches may swap (docs/scale.md)."""
    ranked = bool(params.get("q")) and not params.get("sort")
    html = await datasette.client.get("/quotes/search_quotes", params=params)
    data = await datasette.client.get("/quotes/search_quotes.json", params=params | {"size": "1000"})
    export = await datasette.client.get("/quotes/search_quotes.csv", params=params)
    statuses = (html.status_code, data.status_code, export.status_code)
    page = data.json() if data.status_code == 200 else data.text
    if ranked and isinstance(page, dict):
        page["rows"] = sorted(({k: v for k, v in row.items() if k != "rank"} for row in page["rows"]),
                              key=lambda row: row["quote_id"])  # fmt: skip
    return statuses, RESULT_LIST.sub("", html.text) if ranked else html.text, page, export.text


async def differences(single: Path, folder: Path) -> tuple[list[str], int]:
    """(a line per request answered differently, the number of requests compared)."""
    sample = Sample(single)
    one, many = datasette_of(single), datasette_of(folder)
    found, compared = [], 0
    for query, params in canned_query_cases(sample):
        if query in DIFFERENT_ON_SHARDS:
            continue
        compared += 1
        if await canned_answer(one, query, params) != await canned_answer(many, query, params):
            found.append(f"{query} {params}")
    for params in search_cases(sample):
        compared += 1
        expected, got = await search_answer(one, params), await search_answer(many, params)
        parts = [part for part, a, b in zip(("status", "page", "json", "csv"), expected, got, strict=True) if a != b]
        if parts:
            found.append(f"search_quotes {params}: {', '.join(parts)} differ")
    return found, compared


def corpus_content(corpus: Path, databases: list[Path]) -> dict[str, list]:
    """The corpus-wide tables of corpus by content: speaker ids as keys, quote ids as (path, position)."""
    with contextlib.closing(sqlite3.connect(corpus)) as conn:
        key = dict(conn.execute("select id, key from speakers"))
        tables = {table: conn.execute(f"select * from [{table}]").fetchall() for table in ("quotations", *SUMMARIES)}
        parts = sorted(conn.execute("select quotation_id, part_id from quotation_parts"))
        columns = {table: [c[1] for c in conn.execute(f"pragma table_info([{table}])")] for table in tables}
    quote = {}
    for path in databases:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            sql = "select q.id, a.path, q.position from quotes q join articles a on a.id = q.article_id"
            quote.update((row[0], row[1:]) for row in conn.execute(sql))
    named = {"speaker_id": key, "first_speaker_id": key, "first_quote_id": quote}
    content = {"quotation_parts": parts}
    for table, rows in tables.items():
        lookups = [named.get(column) for column in columns[table]]
        content[table] = sorted(
            (tuple(lookup.get(v) if lookup else v for lookup, v in zip(lookups, row, strict=True)) for row in rows),
            key=repr,
        )
    return content


def same_content(single: Path, folder: Path) -> list[str]:
    """The tables whose content differs between the single database and the folder."""
    shards = [path for _, path in shard_files(folder)]
    articles, corpus = content_of([single]), content_of(shards)
    wide, folder_wide = corpus_content(single, [single]), corpus_content(folder, shards)
    return [t for t in articles if articles[t] != corpus[t]] + [t for t in wide if wide[t] != folder_wide[t]]


def same_ids(single: Path, folder: Path) -> bool:
    with contextlib.closing(sqlite3.connect(single)) as conn:
        expected = conn.execute("select id, path from articles order by path").fetchall()
    got = []
    for _, path in shard_files(folder):
        with contextlib.closing(sqlite3.connect(path)) as conn:
            got += conn.execute("select id, path from articles").fetchall()
    return sorted(got, key=lambda row: row[1]) == expected


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    single, folder = Path(sys.argv[1]), Path(sys.argv[2])
    tables = same_content(single, folder)
    print(f"tables by content: {'every one the same' if not tables else 'differ: ' + ', '.join(tables)}")
    if not same_ids(single, folder):
        print("the folder's ids are its own (load --shard-by): pages not compared")
        return 1 if tables else 0
    found, compared = asyncio.run(differences(single, folder))
    for line in found:
        print(f"differs: {line}")
    print(
        f"{compared - len(found)} of {compared} requests answered the same ({', '.join(DIFFERENT_ON_SHARDS)} left out)"
    )
    return 1 if found or tables else 0


if __name__ == "__main__":
    sys.exit(main())
