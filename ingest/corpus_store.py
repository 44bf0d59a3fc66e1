"""The corpus-wide steps' reads and writes (corpus.py) but identity's (identity_store.py): quotes
for quotation grouping, the quotations, the research summaries, the query planner's statistics."""

from __future__ import annotations

import sqlite_utils

from .summaries import SUMMARIES
from .writes import insert_sql, write_transaction


def update_statistics(db: sqlite_utils.Database) -> None:
    """Refresh the query planner's statistics (sampled, so quick at any size). Without them SQLite
    guesses, e.g. scans all quotes for quotes_by_speaker instead of the far smaller speakers."""
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


def refresh_summaries(db: sqlite_utils.Database) -> None:
    """Rebuild the research summaries (ingest/summaries.py) in one transaction."""
    with write_transaction(db):
        for name, (columns, _, select) in SUMMARIES.items():
            db.execute(f"delete from [{name}]")
            names = ", ".join(f"[{c}]" for c in columns)
            db.execute(f"insert into [{name}] ({names}) {select}")
