"""The database side of speaker identity (identity.py): read the article speakers of the blocks an
ingest touched, decide their entities, and write the decision into speakers and every row that
names a speaker, keeping each disappearing speakers id as a redirect to the row that took it over.

Only these blocks are read and written, so an ingest costs in proportion to the names it touched;
identity.py guarantees that deciding a block alone gives what deciding the whole corpus would.

The same step runs over several databases that each hold part of one corpus (shards): their rows
are decided together, and every database gets the same key, id and name for the same entity."""

from __future__ import annotations

import contextlib
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import sqlite_utils

from .identity import Identities, Identity, LocalSpeaker, block_of, identify
from .writes import MAX_PARAMETERS, insert_rows, insert_sql, write_transaction

# The tables whose rows name a speaker through their article's own speaker (article_speaker_id).
SPEAKER_TABLES = ("quotes", "affiliations", "speaker_aliases")
ENTITY_COLUMNS = ("key", "name", "kind", "is_anonymous", "gender", "gender_evidence")
# What the identity rules read: when any of them changes, every block is decided again.
RULE_FILES = (
    "identity.py",
    "identity_names.py",
    "rules/words.py",
    "rules/pollshares.py",
    "rules/lexicon/titles.txt",
    "rules/lexicon/first_names.txt",
    "rules/lexicon/nicknames.txt",
    "rules/lexicon/short_forms.txt",
)


@dataclass(frozen=True)
class StoredLocal:
    """An article_speakers row: the local speaker, where it is, and which entity it is now."""

    id: int
    article_id: int
    speaker: LocalSpeaker
    speaker_id: int
    quote_count: int
    reason: str | None


@dataclass
class Decision:
    """What identify decided, in rows: which speakers id each entity has, and which ids disappear."""

    decided: Identities
    rows: dict[str, int]  # entity key → speakers id
    redirects: dict[int, tuple]  # id that disappears → (its survivor, why, its key, its name)

    def entity_row(self, key: str) -> tuple:
        entity = self.decided.entities[key]
        anonymous = int(entity.kind == "anonymous")
        return (self.rows[key], key, entity.name, entity.kind, anonymous, entity.gender, entity.gender_evidence)


def refresh_identities(db: sqlite_utils.Database) -> None:
    """Decide the entities of every block an ingest changed since the last run, and write them."""
    refresh_identities_across([db])


def refresh_identities_across(parts: list[sqlite_utils.Database], corpus: sqlite_utils.Database | None = None) -> None:
    """The identity step over databases that each hold some of a corpus's articles (shards): the
    blocks any of them changed are decided over the rows of all, and written into each; corpus,
    when given, is a database holding every speaker of them all and no articles."""
    with contextlib.ExitStack() as stack:
        for db in [*parts, *([corpus] if corpus else [])]:
            stack.enter_context(write_transaction(db))
        for db in parts:
            redo_when_rules_changed(db)
        blocks = sorted({block for db in parts for (block,) in db.execute("select block from identity_pending")})
        stored = {id(db): load_blocks(db, blocks) for db in parts}
        everything = [local for db in parts for local in stored[id(db)]]
        if everything:
            decision = decide_rows(parts, everything, identify(local.speaker for local in everything))
            for db in parts:
                apply_identities(db, stored[id(db)], decision)
            if corpus is not None:
                save_entities(corpus, decision, decision.rows.values())
                save_redirects(corpus, decision)
        for db in parts:
            db.execute("delete from identity_pending")


@cache
def rules_fingerprint() -> str:
    package = Path(__file__).parent
    return hashlib.sha1(b"".join((package / name).read_bytes() for name in RULE_FILES)).hexdigest()


def redo_when_rules_changed(db: sqlite_utils.Database) -> None:
    """A database decided by other identity rules (made before an upgrade): its article speakers'
    blocks drawn again as the rules now draw them, and every block left to decide."""
    fingerprint = rules_fingerprint()
    if db.execute("select 1 from identity_rules where fingerprint = ?", [fingerprint]).fetchone():
        return
    rows = db.execute(
        "select local.id, articles.path, local.name, local.kind, local.block from article_speakers local"
        " join articles on articles.id = local.article_id"
    ).fetchall()
    blocks = [(block_of(LocalSpeaker(path, name, kind)), id) for id, path, name, kind, block in rows]
    db.conn.executemany(
        "update article_speakers set block = ? where id = ?",
        [(new, id) for (new, id), row in zip(blocks, rows, strict=True) if new != row[4]],
    )
    db.execute("insert or ignore into identity_pending select distinct block from article_speakers")
    db.execute("delete from identity_rules")
    db.execute("insert into identity_rules (fingerprint) values (?)", [fingerprint])


def load_blocks(db: sqlite_utils.Database, blocks: list[str]) -> list[StoredLocal]:
    db.execute("create temp table if not exists identity_blocks (block text primary key)")
    db.execute("delete from temp.identity_blocks")
    db.conn.executemany("insert into temp.identity_blocks values (?)", [(block,) for block in blocks])
    rows = db.execute(
        """select local.id, local.article_id, articles.path, local.name, local.kind, local.gender,
                  local.gender_evidence, local.speaker_id, local.quote_count, local.reason
           from article_speakers local join articles on articles.id = local.article_id
           where local.block in (select block from temp.identity_blocks)"""
    ).fetchall()
    return [
        StoredLocal(id, article_id, LocalSpeaker(path, name, kind, gender, evidence), speaker_id, quotes, reason)
        for id, article_id, path, name, kind, gender, evidence, speaker_id, quotes, reason in rows
    ]


def decide_rows(parts: list[sqlite_utils.Database], stored: list[StoredLocal], decided: Identities) -> Decision:
    """Entity key → the speakers id that is that entity. A row already keyed so stays that entity (a
    key means the same entity in every database); else the entity takes over the row that holds
    most of its quotes, so that as few quotes as possible move; else it gets a new id, above every
    id any database has used. An id no entity keeps leads to the one that took most of its quotes."""
    keys = sorted(decided.entities)
    rows: dict[str, int] = {}
    current: dict[int, tuple[str, str]] = {}  # id → (key, name) of the rows the local speakers are in now
    for db in parts:
        for key, speaker_id in select_in(db, "select key, id from speakers where key in ({})", keys):
            rows[key] = min(speaker_id, rows.get(key, speaker_id))
        held = select_in(db, "select id, key, name from speakers where id in ({})", [s.speaker_id for s in stored])
        current.update((speaker_id, (key, name)) for speaker_id, key, name in held)
    weight: Counter = Counter()
    for local in stored:
        weight[identity_of(decided, local).key, local.speaker_id] += local.quote_count + 1
    taken = set(rows.values())
    for (key, speaker_id), _ in sorted(weight.items(), key=lambda item: (-item[1], item[0])):
        if key not in rows and speaker_id not in taken and current[speaker_id][0] not in decided.entities:
            rows[key] = speaker_id
            taken.add(speaker_id)
    next_id = max(new_speaker_id(db) for db in parts)
    for key in keys:
        if key not in rows:
            rows[key], next_id = next_id, next_id + 1
    moved: dict[int, Counter] = defaultdict(Counter)  # old id → (new id, why) → quotes moved
    for local in stored:
        identity = identity_of(decided, local)
        if rows[identity.key] != local.speaker_id:
            moved[local.speaker_id][rows[identity.key], identity.reason] += local.quote_count + 1
    kept = set(rows.values())
    names = {speaker_id: decided.entities[key].name for key, speaker_id in rows.items()}
    redirects = {}
    for old_id, taken_by in moved.items():
        if old_id not in kept:
            new_id, why = min(taken_by, key=lambda taken: (-taken_by[taken], taken))
            old_key, old_name = current[old_id]
            redirects[old_id] = (new_id, f"{old_name} is {names[new_id]}: {why}", old_key, old_name)
    return Decision(decided, rows, redirects)


def identity_of(decided: Identities, local: StoredLocal) -> Identity:
    return decided.of[local.speaker.article, local.speaker.name]


def apply_identities(db: sqlite_utils.Database, stored: list[StoredLocal], decision: Decision) -> None:
    """Write the decision into one database: its entities' rows, every local speaker and its rows
    pointed at its entity, redirects for the ids that disappear. Only what changed is written, a
    statement per kind of change for all rows at once."""
    used = {decision.rows[identity_of(decision.decided, local).key] for local in stored}
    save_entities(db, decision, used)
    repointed, reasons, alias_reasons = [], [], []
    for local in stored:
        identity = identity_of(decision.decided, local)
        speaker_id = decision.rows[identity.key]
        if speaker_id != local.speaker_id:
            repointed.append((speaker_id, local.article_id, local.id))
        if speaker_id != local.speaker_id or identity.reason != local.reason:
            reasons.append((identity.reason, local.id))
            alias_reasons.append((identity.reason, speaker_id, local.article_id, local.speaker.name))
    db.conn.executemany("update article_speakers set speaker_id = ? where article_id = ? and id = ?", repointed)
    for table in SPEAKER_TABLES:
        db.conn.executemany(
            f"update or replace {table} set speaker_id = ? where article_id = ? and article_speaker_id = ?", repointed
        )
    db.conn.executemany("update article_speakers set reason = ? where id = ?", reasons)
    db.conn.executemany(
        "update speaker_aliases set reason = ? where speaker_id = ? and article_id = ? and alias = ?", alias_reasons
    )
    save_redirects(db, decision)
    for speaker_id in sorted({local.speaker_id for local in stored} - used):
        # Named by none of this database's articles now (kept, it lives on in another shard).
        db.execute(
            "delete from speakers where id = ? and not exists (select 1 from article_speakers where speaker_id = ?)",
            [speaker_id, speaker_id],
        )


def save_entities(db: sqlite_utils.Database, decision: Decision, ids) -> None:
    """The entities with these ids into their rows: inserted where missing, updated where changed."""
    by_id = {speaker_id: key for key, speaker_id in decision.rows.items()}
    current = {
        row[0]: row[1:]
        for row in select_in(db, f"select id, {', '.join(ENTITY_COLUMNS)} from speakers where id in ({{}})", list(ids))
    }
    wanted = [decision.entity_row(by_id[speaker_id]) for speaker_id in sorted(ids)]
    insert_rows(db, "speakers", ("id", *ENTITY_COLUMNS), [row for row in wanted if row[0] not in current])
    db.conn.executemany(
        f"update speakers set {', '.join(f'{c} = ?' for c in ENTITY_COLUMNS)} where id = ?",
        [(*row[1:], row[0]) for row in wanted if row[0] in current and current[row[0]] != row[1:]],
    )


def save_redirects(db: sqlite_utils.Database, decision: Decision) -> None:
    """Delete the rows no entity kept; each id (and every id that already led to it) now leads to
    the row that took most of its quotes."""
    for old_id, (new_id, reason, old_key, old_name) in sorted(decision.redirects.items()):
        db.execute("update speaker_redirects set speaker_id = ? where speaker_id = ?", [new_id, old_id])
        db.execute(
            """insert or replace into speaker_redirects (old_id, speaker_id, reason, old_key, old_name)
               values (?, ?, ?, ?, ?)""",
            [old_id, new_id, reason, old_key, old_name],
        )
        db.execute("delete from speakers where id = ?", [old_id])


def select_in(db: sqlite_utils.Database, sql: str, values: list) -> list[tuple]:
    """The rows of sql for every value, its "in ({})" filled a chunk of parameters at a time."""
    values = sorted(set(values))
    found = []
    for start in range(0, len(values), MAX_PARAMETERS):
        chunk = values[start : start + MAX_PARAMETERS]
        found.extend(db.execute(sql.format(", ".join("?" * len(chunk))), chunk).fetchall())
    return found


def keep_article_speakers(db: sqlite_utils.Database) -> None:
    """A database made before article_speakers existed: each article's own speakers are read back
    from its alias rows (one per article and speakers row), and the identity step decides them all."""
    pairs = db.execute(
        """select speaker_aliases.article_id, speaker_aliases.speaker_id, articles.path, speakers.name, speakers.kind,
                  (select count(*) from quotes where quotes.article_id = speaker_aliases.article_id
                     and quotes.speaker_id = speaker_aliases.speaker_id)
           from speaker_aliases
             join speakers on speakers.id = speaker_aliases.speaker_id
             join articles on articles.id = speaker_aliases.article_id
           group by speaker_aliases.article_id, speaker_aliases.speaker_id
           order by speaker_aliases.article_id, speaker_aliases.speaker_id"""
    ).fetchall()
    columns = ("id", "article_id", "speaker_id", "name", "kind", "block", "quote_count")
    blocks = set()
    for local_id, (article_id, speaker_id, path, name, kind, quotes) in enumerate(pairs, start=1):
        block = block_of(LocalSpeaker(path, name, kind))
        blocks.add(block)
        values = [local_id, article_id, speaker_id, name, kind, block, quotes]
        db.execute(insert_sql("article_speakers", columns), values)
        for table in ("quotes", "affiliations", "speaker_aliases"):
            db.execute(
                f"update {table} set article_speaker_id = ? where article_id = ? and speaker_id = ?",
                [local_id, article_id, speaker_id],
            )
    mark_pending(db, blocks)


def mark_pending(db: sqlite_utils.Database, blocks: set[str]) -> None:
    """Leave these blocks for the identity step (identity_store.refresh_identities)."""
    insert_rows(db, "identity_pending", ("block",), [(block,) for block in sorted(blocks)], "insert or ignore")


def new_speaker_id(db: sqlite_utils.Database) -> int:
    """An id no speaker has ever had here: never one a redirect still sends to its survivor."""
    highest = db.execute("select coalesce(max(id), 0) from speakers").fetchone()[0]
    redirected = db.execute("select coalesce(max(old_id), 0) from speaker_redirects").fetchone()[0]
    return max(highest, redirected) + 1
