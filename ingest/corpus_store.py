"""The corpus-wide steps' reads and writes (corpus.py) but identity's (identity_store.py) and
quotation grouping's (quotations_store.py): the research summaries, the query planner's statistics."""

from __future__ import annotations

import sqlite_utils

from .fts import compact_search_indexes
from .summaries import SCOPES, SUMMARIES
from .writes import write_transaction


def update_statistics(db: sqlite_utils.Database) -> None:
    """At the end of a run: compact the full-text indexes (fts.compact_search_indexes) and refresh the
    query planner's statistics (sampled, so quick at any size). Without them SQLite guesses, e.g.
    scans all quotes for quotes_by_speaker instead of the far smaller speakers."""
    compact_search_indexes(db)
    db.execute("pragma analysis_limit = 1000")
    db.execute("analyze")


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
