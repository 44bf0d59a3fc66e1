"""The database side of quotation grouping (quotations.py): which quotes to group again after a
change, and the quotations, their parts and their keys written back.

A quotation is a connected group of keys (the words of quotes, quotations.grouping): a change can
only merge the groups its new keys join, and split or shrink the groups its deleted quotes were
in. So after a change only those groups' quotes are grouped again, with the new quotes: the
quotations of the quotes deleted and of the articles re-keyed, re-dated or moved to another outlet
(quotation_pending, filled by triggers), and the quotations whose keys a new quote (quotation_id
still null) joins. Every other quotation keeps its members, id and occurrences, so the result is
what grouping the whole corpus gives (tests/test_quotations.py compares both after every batch).

Every key is kept in quotation_keys with its quotation, so that finding the groups a new key joins,
and the quotations containing or contained in a regrouped key (quotation_parts), reads words
already split instead of every quote's text."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import sqlite_utils

from .quotations import Grouping, QuoteRow, contained_parts, grouping, joined_quotations, words_of
from .writes import insert_sql, replace_stale_triggers, write_transaction

KEYS = "select words, quotation_id from quotation_keys"  # words joined by single spaces

QUOTATION_TABLES = {
    # Every distinct key (quotations.words_of of a quote of MIN_WORDS words or more) and its quotation.
    "quotation_keys": ({"id": int, "words": str, "quotation_id": int}, "id"),
    # Quotations a change touched outside the new quotes: grouped again by the next refresh.
    "quotation_pending": ({"quotation_id": int}, "quotation_id"),
}
QUOTATION_PENDING_TRIGGERS = {
    "quotation_pending_quote_deleted": """
CREATE TRIGGER quotation_pending_quote_deleted AFTER DELETE ON quotes WHEN old.quotation_id IS NOT NULL BEGIN
  INSERT OR IGNORE INTO quotation_pending (quotation_id) VALUES (old.quotation_id);
END""",
    # A quotation's first occurrence and its counts read the article's date, outlet and key.
    "quotation_pending_article_changed": """
CREATE TRIGGER quotation_pending_article_changed AFTER UPDATE OF path, published, outlet ON articles BEGIN
  INSERT OR IGNORE INTO quotation_pending (quotation_id)
    SELECT quotation_id FROM quotes WHERE article_id = new.id AND quotation_id IS NOT NULL;
END""",
}


def ensure_quotation_triggers(db: sqlite_utils.Database) -> None:
    """The pending triggers. Where one is missing or differs (a database made before them), nothing
    says what changed while it was: the keys are forgotten, so the next refresh groups every quote."""
    replace_stale_triggers(db, QUOTATION_PENDING_TRIGGERS, lambda: forget_keys(db))


def refresh_quotations(db: sqlite_utils.Database, everything: bool = False, grouped: Grouping | None = None) -> None:
    """Bring the quotations up to date in one transaction: the groups a change touched grouped again;
    every quote when asked, when no keys are kept yet, or when most quotes are new (one pass over
    everything is then the cheaper way to the same rows). grouped: every quote's grouping, already
    made from the rows db holds (corpus_shards groups a new folder beside speaker identity)."""
    with write_transaction(db):
        if grouped is not None or everything or most_quotes_new(db):
            regroup_everything(db, grouped)
        else:
            regroup_changed(db)
        db.execute("delete from quotation_pending")
        db.execute(
            """update quotations set first_speaker_id = (select speaker_id from quotes where id = first_quote_id)
            where first_speaker_id is not (select speaker_id from quotes where id = first_quote_id)"""
        )


def most_quotes_new(db: sqlite_utils.Database) -> bool:
    (keys,) = db.execute("select exists (select 1 from quotation_keys)").fetchone()
    (grouped,) = db.execute("select exists (select 1 from quotations)").fetchone()
    new, stored = db.execute(NEW_AND_STORED_QUOTES).fetchone()
    return groups_everything(bool(keys), bool(grouped), new, stored)


# The quotes not grouped yet (no quotation_id), and all quotes.
NEW_AND_STORED_QUOTES = "select count(*) - count(quotation_id), count(*) from quotes"


def groups_everything(keys_kept: bool, grouped: bool, new: int, stored: int) -> bool:
    """Whether a refresh groups every quote: when quotations were made before keys were kept (or
    the keys were forgotten), or when at least half the quotes are new (not grouped yet)."""
    return (grouped and not keys_kept) or new * 2 >= stored


def regroup_everything(db: sqlite_utils.Database, found: Grouping | None = None) -> None:
    if found is None:
        found = grouping(quotation_rows(db))
    db.execute("delete from quotation_parts")
    db.execute("delete from quotations")
    forget_keys(db)
    save_grouping(db, found, found.parts)


def regroup_changed(db: sqlite_utils.Database) -> None:
    """Group again the quotes of the quotations a change touched, with the new quotes."""
    stored = {tuple(words.split(" ")): quotation_id for words, quotation_id in db.execute(KEYS)}
    new = list(quotation_rows(db, "quotes.quotation_id is null"))
    joined = joined_quotations({words_of(row.text) for row in new}, stored)
    db.execute("create temp table if not exists affected_quotations (id integer primary key)")
    db.execute("delete from temp.affected_quotations")
    db.execute("insert into temp.affected_quotations select quotation_id from quotation_pending")
    db.conn.executemany("insert or ignore into temp.affected_quotations values (?)", [(q,) for q in joined])
    affected = {quotation_id for (quotation_id,) in db.execute("select id from temp.affected_quotations")}
    found = grouping([*new, *quotation_rows(db, "quotes.quotation_id in (select id from temp.affected_quotations)")])
    # Every other key is in a group no change touched: what remains is the links between the two.
    untouched = {key: quotation_id for key, quotation_id in stored.items() if quotation_id not in affected}
    parts = found.parts | contained_parts(found.keys, untouched) | contained_parts(untouched, found.keys)
    for table, column in (("quotation_parts", "quotation_id"), ("quotation_parts", "part_id"),
                          ("quotations", "id"), ("quotation_keys", "quotation_id")):  # fmt: skip
        db.execute(f"delete from {table} where {column} in (select id from temp.affected_quotations)")
    save_grouping(db, found, parts)
    db.execute("delete from temp.affected_quotations")


def forget_keys(db: sqlite_utils.Database) -> None:
    db.execute("delete from quotation_keys")


def quotation_rows(db: sqlite_utils.Database | sqlite3.Connection, where: str = "1") -> Iterator[QuoteRow]:
    """The quotes `where` selects as quotations.QuoteRow (the input of quotation grouping)."""
    sql = f"""select quotes.id, articles.path, quotes.position, quotes.text, articles.published, articles.outlet
              from quotes join articles on articles.id = quotes.article_id where {where}"""
    return (QuoteRow(*row) for row in db.execute(sql))


def save_grouping(db: sqlite_utils.Database, found: Grouping, parts: set[tuple[int, int]]) -> None:
    """The quotations found, their parts and keys, and their quotes' quotation_id."""
    columns = ("id", "text", "first_published", "first_outlet", "article_count", "outlet_count", "quote_count",
               "first_quote_id")  # fmt: skip
    db.conn.executemany(insert_sql("quotations", columns), found.quotations)
    db.conn.executemany(insert_sql("quotation_parts", ("quotation_id", "part_id")), sorted(parts))
    db.conn.executemany(
        insert_sql("quotation_keys", ("words", "quotation_id")),
        [(" ".join(key), quotation_id) for key, quotation_id in found.keys.items()],
    )
    # One UPDATE joined to the assignment, not one per quote (about a quarter less CPU), and only
    # of rows whose quotation changed: each rewrites the row and its quotation_id index entry.
    db.execute("create temp table if not exists quotation_assignment (quote_id integer primary key, quotation_id)")
    db.execute("delete from temp.quotation_assignment")
    db.conn.executemany("insert into temp.quotation_assignment values (?, ?)", found.assignment.items())
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
