"""The corpus-wide steps' reads and writes (corpus.py) but identity's (identity_store.py): quotes
for quotation grouping, the quotations, the research summaries, the query planner's statistics."""

from __future__ import annotations

import sqlite_utils

from .fts import compact_search_indexes
from .summaries import SCOPES, SUMMARIES
from .writes import insert_sql, write_transaction


def update_statistics(db: sqlite_utils.Database) -> None:
    """At the end of a run: compact the full-text indexes (fts.compact_search_indexes) and refresh the
    query planner's statistics (sampled, so quick at any size). Without them SQLite guesses, e.g.
    scans all quotes for quotes_by_speaker instead of the far smaller speakers."""
    compact_search_indexes(db)
    db.execute("pragma analysis_limit = 1000")
    db.execute("analyze")


def quotation_rows(db: sqlite_utils.Database):
    """Every quote as a quotations.QuoteRow (the input of quotation grouping)."""
    from .quotations import QuoteRow

    sql = """select quotes.id, articles.path, quotes.position, quotes.text, articles.published, articles.outlet
             from quotes join articles on articles.id = quotes.article_id"""
    return (QuoteRow(*row) for row in db.execute(sql))


def save_quotations(db: sqlite_utils.Database, quotations: list, assignment: dict[int, int], parts: set) -> None:
    """Replace the quotations and every quote's quotation_id, in one transaction."""
    with write_transaction(db):
        db.execute("delete from quotation_parts")
        db.execute("delete from quotations")
        columns = ("id", "text", "first_published", "first_outlet", "article_count", "outlet_count", "quote_count",
                   "first_quote_id")  # fmt: skip
        db.conn.executemany(insert_sql("quotations", columns), quotations)
        db.conn.executemany(insert_sql("quotation_parts", ("quotation_id", "part_id")), sorted(parts))
        db.execute(
            """update quotations
            set first_speaker_id = (select speaker_id from quotes where id = quotations.first_quote_id)"""
        )
        # One UPDATE joined to the assignment, not one per quote (about a quarter less CPU), and only
        # of rows whose quotation changed: each rewrites the row and its quotation_id index entry.
        db.execute("create temp table if not exists quotation_assignment (quote_id integer primary key, quotation_id)")
        db.execute("delete from temp.quotation_assignment")
        db.conn.executemany("insert into temp.quotation_assignment values (?, ?)", assignment.items())
        db.execute(
            """update quotes set quotation_id = assigned.quotation_id from temp.quotation_assignment assigned
            where assigned.quote_id = quotes.id and quotes.quotation_id is not assigned.quotation_id"""
        )
        db.execute("delete from temp.quotation_assignment")


def forget_quotation_statistics(db: sqlite_utils.Database) -> None:
    """ANALYZE of a small database finds one quote per quotation, and from that figure SQLite's
    planner chose to scan quotes inside a join over articles (quotes_view's count took 3 s at 8,000
    quotes, until the next ANALYZE). Without a figure it assumes a few quotes per quotation, which is
    what a real corpus has."""
    with write_transaction(db):
        db.execute("delete from sqlite_stat1 where idx = 'idx_quotes_quotation_id'")


def refresh_summaries(db: sqlite_utils.Database, everything: bool = False) -> None:
    """Bring the research summaries (ingest/summaries.py) up to date in one transaction: the rows of
    the keys summary_pending says a change touched, computed again as a rebuild would compute them;
    every row when asked, or when most articles are new (one GROUP BY over everything is then the
    cheaper way to the same rows)."""
    with write_transaction(db):
        if everything or most_articles_pending(db):
            for name, summary in SUMMARIES.items():
                db.execute(f"delete from [{name}]")
                db.execute(f"insert into [{name}] ({column_list(summary.columns)}) {summary.select.format(only='')}")
        else:
            note_changed_keys(db)
            for name, summary in SUMMARIES.items():
                changed, key = SCOPES[summary.scope]
                keys = f"(select {column_list(key)} from temp.[{changed}])"
                db.execute(f"delete from [{name}] where ({column_list(key)}) in {keys}")
                only = f"and {summary.scope_value} in {keys}"
                db.execute(f"insert into [{name}] ({column_list(summary.columns)}) {summary.select.format(only=only)}")
        db.execute("delete from summary_pending")


def column_list(columns) -> str:
    return ", ".join(f"[{c}]" for c in columns)


def most_articles_pending(db: sqlite_utils.Database) -> bool:
    (pending,) = db.execute("select count(distinct added_article) from summary_pending").fetchone()
    (stored,) = db.execute("select count(*) from articles").fetchone()
    return pending * 2 >= stored


def note_changed_keys(db: sqlite_utils.Database) -> None:
    """The keys of each scope (summaries.SCOPES) that summary_pending's changes touched, into temporary
    tables: the speakers, organisations, outlets and months the pending rows name, and those of the
    quotes and affiliations of the articles added."""
    added = "select added_article from summary_pending where added_article is not null"
    keys = {
        "changed_speakers": f"""select speaker_id from summary_pending where speaker_id is not null
            union select speaker_id from quotes where article_id in ({added}) and speaker_id is not null
            union select speaker_id from affiliations where article_id in ({added}) and speaker_id is not null""",
        "changed_organizations": f"""select organization from summary_pending where organization is not null
            union select organization from affiliations where article_id in ({added}) and organization is not null""",
        "changed_outlets": "select distinct outlet from summary_pending where outlet is not null",
        "changed_outlet_months": """select distinct outlet, month from summary_pending
            where outlet is not null and month is not null""",
    }
    for changed, _ in SCOPES.values():
        db.execute(f"drop table if exists temp.[{changed}]")
        db.execute(f"create temp table [{changed}] as {keys[changed]}")
