"""Score the speakers table against real-world entities (../shared/eval/polnear-entities/README.md).

The articles of a split are ingested into a fresh database through the ordinary path (extraction,
storage, the corpus-wide steps), so what is scored is what a researcher would count. Items are the
gold attributions whose entity is a person, organisation, group or anonymous source and which a
stored quote matches (the same matching as the quote score):

- B-cubed precision/recall/F1 of quotes.speaker_id against the entity, over all items of the split;
  anonymous entities count per article; a stored quote without a speaker is a cluster of its own.
- Canonical names: the share of person items whose speakers.name is the canonical name (case,
  titles, middle initials and punctuation ignored).
- Roles: per article and quoted person, the role and organisation strings stored for that person's
  speaker row in that article against the stated ones; a string is right when its words overlap a
  stated string's by Jaccard >= 0.5.
- Gender: per article and person with a stated gender, speakers.gender against it.
With --errors, what B-cubed loses is listed by class (b_cubed_losses): quotes without a speaker, on
another entity's row, on an unnamed row, or on a second row of their entity, with examples.
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ingest.corpus import refresh_corpus
from ingest.models import Article
from ingest.pipeline import process_article
from ingest.store import open_db, save_records

from .polnear import REPO, paragraph_offsets, polnear_root, tokens_in, word_starts
from .score import direct_match, f1, indirect_match, ratio

SHARED_ANNOTATION_NAME = "polnear-entities"
OUR_ANNOTATIONS = REPO / "evaluation" / "annotations"
SCORED_TYPES = ("person", "organization", "group", "anonymous")
ROLE_JACCARD = 0.5
# Ignored when comparing a stored name with the canonical one ("Sen. Ted Cruz" is "Ted Cruz").
NAME_TITLES = frozenset(
    "mr mrs ms miss dr sen senator rep gov governor president gen general secretary mayor rev prof".split()
)
WORD = re.compile(r"\w+")


@dataclass
class Item:
    """One gold attribution matched by a stored quote."""

    article: str
    entity: str  # the gold entity, made unique per article for anonymous sources
    entity_type: str
    cluster: str  # the stored speaker row, or the quote itself when it has no speaker
    speaker_id: int | None
    speaker_name: str | None
    canonical: str
    speaker_kind: str | None = None  # the stored row's kind: person | organization | group | anonymous
    method: str | None = None  # how the quote's speaker was found (quotes.method)
    reason: str | None = None  # why it has none (quotes.reason)
    source: str = ""  # the gold source's words, to show in an error listing


@dataclass
class EntityTally:
    items: list[Item] = field(default_factory=list)
    gold_items: int = 0  # scorable gold attributions, matched or not
    role_right_stored: int = 0
    role_stored: int = 0
    role_right_stated: int = 0
    role_stated: int = 0
    gender_right: int = 0
    gender_stored: int = 0
    gender_stated: int = 0
    errors: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, example: str) -> None:
        self.errors.setdefault(kind, []).append(example)


def load_annotation(split: str) -> dict[str, dict]:
    """The entity annotation of a split: the shared one for dev (beside the PolNeAR corpus), ours for
    train (every file under evaluation/annotations/ for that split); {} when there is none."""
    shared = polnear_root().parent / SHARED_ANNOTATION_NAME
    files = [shared / "dev.json"] if split == "dev" else sorted(OUR_ANNOTATIONS.glob(f"*{split}*.json"))
    articles: dict[str, dict] = {}
    for path in files:
        if path.exists():
            articles.update(json.loads(path.read_text(encoding="utf-8"))["articles"])
    return articles


def article_metadata(root: Path) -> dict[str, dict[str, str]]:
    path = root / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def build_database(folder: Path, names: set[str], db_path: str) -> None:
    """Ingest the annotated articles of a split as the CLI would: extraction, storage, corpus steps."""
    metadata = article_metadata(polnear_root())
    db = open_db(db_path)
    records = []
    for name in sorted(names):
        text = (folder / "text" / name).read_text(encoding="utf-8")
        meta = metadata.get(name.removesuffix(".txt"), {})
        article = Article(
            path=name,
            text=text,
            title=meta.get("title") or None,
            published=meta.get("publication_date") or None,
            outlet=meta.get("publisher") or None,
        )
        records.append(process_article(article))
    save_records(db, records)
    refresh_corpus(db)
    db.close()


def stored_quotes(db, path: str, text: str) -> list[tuple]:
    """(kind, word tokens of the file, speaker id, quote id, method, reason) of every stored quote of
    one article."""
    paragraphs = db.execute(
        "select position, text from paragraphs where article_id = (select id from articles where path = ?)"
        " order by position",
        [path],
    ).fetchall()
    positions = {position: i for i, (position, _) in enumerate(paragraphs)}
    maps = paragraph_offsets(text, [p_text for _, p_text in paragraphs])
    starts = word_starts(text)
    rows = db.execute(
        "select quotes.kind, paragraphs.position, quotes.start, quotes.end, quotes.speaker_id, quotes.id,"
        " quotes.method, quotes.reason from quotes join paragraphs on paragraphs.id = quotes.paragraph_id"
        " where quotes.article_id = (select id from articles where path = ?)",
        [path],
    ).fetchall()
    quotes = []
    for kind, position, start, end, speaker_id, quote_id, method, reason in rows:
        offsets = maps[positions[position]]
        span = (offsets[start], offsets[max(start, end - 1)] + 1)
        quotes.append((kind, tokens_in(starts, [span]), speaker_id, quote_id, method, reason))
    return quotes


def best_quote(gold: frozenset[int], quotes: list) -> tuple | None:
    """The stored quote matching a gold content with the most shared words, by the quote score's rules."""
    matching = [q for q in quotes if (direct_match(q[1], gold) if q[0] == "direct" else indirect_match(q[1], gold))]
    return max(matching, key=lambda q: (len(q[1] & gold), -q[3]), default=None)


def score_split(split: str, folder: Path) -> EntityTally | None:
    annotation = load_annotation(split)
    names = {name for name in annotation if (folder / "text" / name).exists()}
    if not names:
        return None
    tally = EntityTally()
    with tempfile.TemporaryDirectory() as scratch:
        db_path = str(Path(scratch) / "entities.db")
        build_database(folder, names, db_path)
        db = open_db(db_path)
        gender = "gender" if "gender" in db["speakers"].columns_dict else "null"
        speakers = {row[0]: row[1:] for row in db.execute(f"select id, name, kind, {gender} from speakers")}
        for name in sorted(names):
            score_article(db, folder, name, annotation[name], speakers, tally)
        db.close()
    note_identity_errors(tally)
    return tally


def score_article(db, folder: Path, name: str, gold: dict, speakers: dict, tally: EntityTally) -> None:
    text = (folder / "text" / name).read_text(encoding="utf-8")
    starts = word_starts(text)
    quotes = stored_quotes(db, name, text)
    person_rows: dict[str, Counter] = defaultdict(Counter)  # canonical person → their speaker rows here
    for attribution in gold["attributions"]:
        if attribution["type"] not in SCORED_TYPES or not attribution["entity"]:
            continue
        tally.gold_items += 1
        content = tokens_in(starts, [(attribution["content_start"], attribution["content_end"])])
        quote = best_quote(content, quotes)
        if quote is None:
            continue
        entity = attribution["entity"]
        unique = f"{entity} [{name}]" if attribution["type"] == "anonymous" else entity
        speaker_id = quote[2]
        speaker_name, speaker_kind = speakers[speaker_id][:2] if speaker_id is not None else (None, None)
        cluster = f"speaker {speaker_id}" if speaker_id is not None else f"quote {quote[3]}"
        tally.items.append(
            Item(
                name,
                unique,
                attribution["type"],
                cluster,
                speaker_id,
                speaker_name,
                entity,
                speaker_kind,
                quote[4],
                quote[5],
                attribution.get("source_text") or "",
            )
        )
        if attribution["type"] == "person" and speaker_id is not None:
            person_rows[entity][speaker_id] += 1
    for person, stated in gold.get("people", {}).items():
        rows = person_rows.get(person)
        speaker_id = rows.most_common(1)[0][0] if rows else None
        score_roles(db, name, person, stated, speaker_id, tally)
        score_gender(person, name, stated, speakers.get(speaker_id), tally)


def score_roles(db, article: str, person: str, stated: dict, speaker_id: int | None, tally: EntityTally) -> None:
    wanted = [s for s in [*stated.get("roles", []), *stated.get("organizations", [])] if s]
    stored: list[str] = []
    if speaker_id is not None:
        for role, organization in db.execute(
            "select role, organization from affiliations where speaker_id = ?"
            " and article_id = (select id from articles where path = ?)",
            [speaker_id, article],
        ).fetchall():
            stored.extend(s for s in (role, organization) if s and s not in stored)
    right_stored = [s for s in stored if any(jaccard(s, w) >= ROLE_JACCARD for w in wanted)]
    right_stated = [w for w in wanted if any(jaccard(s, w) >= ROLE_JACCARD for s in stored)]
    tally.role_stored += len(stored)
    tally.role_right_stored += len(right_stored)
    tally.role_stated += len(wanted)
    tally.role_right_stated += len(right_stated)
    for s in stored:
        if s not in right_stored:
            tally.note("role not stated", f"{person} in {article}: stored {s!r}; stated {wanted}")
    for w in wanted:
        if w not in right_stated:
            tally.note("role missed", f"{person} in {article}: stated {w!r}; stored {stored}")


def score_gender(person: str, article: str, stated: dict, speaker: tuple | None, tally: EntityTally) -> None:
    """Scored, as the annotation's README says, only where the article states the person's gender: a
    gender stored for someone the article leaves 'unknown' may be right from another article's words."""
    gold = stated.get("gender")
    if gold not in ("male", "female"):
        return
    tally.gender_stated += 1
    stored = speaker[2] if speaker else None
    if stored:
        tally.gender_stored += 1
        tally.gender_right += stored == gold
        if stored != gold:
            tally.note("gender wrong", f"{person} in {article}: stored {stored}, stated {gold}")
    else:
        row = "no row of their own" if speaker is None else f"row {speaker[0]!r}"
        tally.note("gender missed", f"{person} in {article} ({row}): stated {gold}, {stated.get('gender_evidence')!r}")


def jaccard(a: str, b: str) -> float:
    words_a, words_b = set(WORD.findall(a.lower())), set(WORD.findall(b.lower()))
    return len(words_a & words_b) / len(words_a | words_b) if words_a | words_b else 0.0


def normalised_name(name: str) -> str:
    words = [w for w in WORD.findall(name.lower().replace("’", "'")) if w not in NAME_TITLES and len(w) > 1]
    return " ".join(w for w in words if w != "s")


def b_cubed(items: list[Item]) -> tuple[float, float]:
    """Precision and recall averaged over items (Bagga and Baldwin 1998)."""
    if not items:
        return 0.0, 0.0
    by_cluster, by_entity, both = Counter(), Counter(), Counter()
    for item in items:
        by_cluster[item.cluster] += 1
        by_entity[item.entity] += 1
        both[item.cluster, item.entity] += 1
    precision = sum(both[i.cluster, i.entity] / by_cluster[i.cluster] for i in items) / len(items)
    recall = sum(both[i.cluster, i.entity] / by_entity[i.entity] for i in items) / len(items)
    return precision, recall


def note_identity_errors(tally: EntityTally) -> None:
    """Examples for --errors: entities split over several rows, rows shared by several entities."""
    rows_of: dict[str, Counter] = defaultdict(Counter)
    entities_of: dict[str, Counter] = defaultdict(Counter)
    for item in tally.items:
        label = item.speaker_name if item.speaker_id is not None else "(no speaker)"
        rows_of[item.entity][label] += 1
        if item.speaker_id is not None:
            entities_of[f"{item.speaker_name} (#{item.speaker_id})"][item.entity] += 1
    for entity, rows in rows_of.items():
        if len(rows) > 1:
            tally.note("entity split", f"{entity}: {dict(rows.most_common(6))}")
    for row, entities in entities_of.items():
        if len(entities) > 1:
            tally.note("row shared", f"{row}: {dict(entities.most_common(6))}")
    for item in tally.items:
        if item.entity_type == "person" and not names_agree(item):
            tally.note("name not canonical", f"{item.speaker_name!r} for {item.canonical} in {item.article}")


def names_agree(item: Item) -> bool:
    return item.speaker_name is not None and normalised_name(item.speaker_name) == normalised_name(item.canonical)


def entity_table(title: str, tally: EntityTally) -> str:
    precision, recall = b_cubed(tally.items)
    people = [item for item in tally.items if item.entity_type == "person"]
    names = ratio(sum(names_agree(item) for item in people), len(people))
    role_p = ratio(tally.role_right_stored, tally.role_stored)
    role_r = ratio(tally.role_right_stated, tally.role_stated)
    gender_p = ratio(tally.gender_right, tally.gender_stored)
    gender_r = ratio(tally.gender_right, tally.gender_stated)
    return "\n".join(
        [
            f"== {title}: {len(tally.items)} of {tally.gold_items} gold attributions matched by a stored quote ==",
            f"{'':16} {'P':>6} {'R':>6} {'F1':>6}",
            f"{'speakers B3':16} {precision:6.3f} {recall:6.3f} {f1(precision, recall):6.3f}",
            f"{'roles/orgs':16} {role_p:6.3f} {role_r:6.3f} {f1(role_p, role_r):6.3f}"
            f"   ({tally.role_right_stored}/{tally.role_stored} stored right, "
            f"{tally.role_right_stated}/{tally.role_stated} stated found)",
            f"{'gender':16} {gender_p:6.3f} {gender_r:6.3f} {f1(gender_p, gender_r):6.3f}"
            f"   ({tally.gender_right} right of {tally.gender_stored} stored, {tally.gender_stated} stated)",
            f"canonical names {names:.3f} ({sum(names_agree(i) for i in people)}/{len(people)} person items)",
        ]
    )


@dataclass
class LossClass:
    """What one class of error costs B-cubed: its share of the items' precision and recall."""

    precision: float = 0.0
    recall: float = 0.0
    examples: Counter = field(default_factory=Counter)


def b_cubed_losses(items: list[Item]) -> dict[str, LossClass]:
    """1 - precision and 1 - recall of b_cubed, split by why each pair of items is apart or together.
    Recall: two items of one entity on different rows cost each other 1 / (entity size x items), put
    down to the first of: a quote without a speaker ("no speaker: no cue"); a row that is mostly
    another entity's ("on another entity's row: pronoun"); an unnamed row holding a named entity's
    quote ("unplaced description"); else rows each mostly the entity's own ("person name variants").
    Precision: two items of different entities on one row cost 1 / (row size x items), put down to
    how the row's minority item was attributed ("row shared: pronoun"). The classes sum to the losses."""
    losses: dict[str, LossClass] = defaultdict(LossClass)
    by_entity: dict[str, list[Item]] = defaultdict(list)
    by_cluster: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_entity[item.entity].append(item)
        by_cluster[item.cluster].append(item)
    owner = {
        cluster: Counter(i.entity for i in members).most_common(1)[0][0] for cluster, members in by_cluster.items()
    }
    total = len(items)
    sizes = {cluster: len(members) for cluster, members in by_cluster.items()}
    counted: dict[tuple[str, str], set[int]] = {}
    for members in by_entity.values():
        for item in members:
            for other in members:
                if other.cluster != item.cluster:
                    kind, example, faulty = recall_class(item, other, owner, sizes)
                    losses[kind].recall += 1 / (len(members) * total)
                    counted.setdefault((kind, example), set()).add(id(faulty))
    for cluster, members in by_cluster.items():
        for item in members:
            for other in members:
                if other.entity != item.entity:
                    minority = other if owner[cluster] == item.entity else item
                    kind = f"row shared: {minority.method or 'unknown'}"
                    losses[kind].precision += 1 / (len(members) * total)
                    counted.setdefault((kind, shared_example(minority, owner[cluster])), set()).add(id(minority))
    for (kind, example), ids in counted.items():
        losses[kind].examples[example] = len(ids)  # the items the example stands for
    return dict(losses)


def recall_class(item: Item, other: Item, owner: dict[str, str], sizes: dict[str, int]) -> tuple[str, str, Item]:
    """The class of the recall two items of one entity lose by being on different rows, an example,
    and the item at fault (the one without a speaker, on the wrong row, or on the smaller row)."""
    for one in (item, other):
        if one.speaker_id is None:
            return f"no speaker: {reason_class(one.reason)}", f"{one.entity} in {one.article}: {one.reason}", one
    for one in (item, other):
        if owner[one.cluster] != one.entity:
            return f"on another entity's row: {one.method}", shared_example(one, owner[one.cluster]), one
    if item.entity_type != "anonymous" and "anonymous" in (item.speaker_kind, other.speaker_kind):
        unnamed = item if item.speaker_kind == "anonymous" else other
        example = f"{unnamed.speaker_name!r} for {unnamed.entity} ({unnamed.article})"
        return "unplaced description or fragment", example, unnamed
    smaller = min((item, other), key=lambda one: (sizes[one.cluster], one.cluster))
    return f"{item.entity_type} variants", f"{item.entity}: {smaller.speaker_name!r} ({smaller.article})", smaller


def reason_class(reason: str | None) -> str:
    """'not a name: "Around"' → "not a name"; 'pronoun "he" without antecedent' → "pronoun"."""
    reason = reason or "unknown"
    return "pronoun without antecedent" if reason.startswith("pronoun") else reason.split(":")[0].split(" (")[0]


def shared_example(item: Item, owner: str) -> str:
    source = f", source {item.source!r}" if item.source else ""
    return f"{item.entity} on {owner}'s row {item.speaker_name!r} ({item.article}{source})"


def loss_table(items: list[Item], examples: int) -> str:
    """B-cubed's losses by class, largest first, with the commonest examples of each: what a
    researcher reads to see why speakers are not one row per entity."""
    losses = b_cubed_losses(items)
    precision, recall = b_cubed(items)
    lines = [
        f"\n-- B3 losses by class (share of all items; precision {1 - precision:.3f}, recall {1 - recall:.3f} lost)",
        f"   {'class':48} {'P lost':>7} {'R lost':>7}",
    ]
    for kind, loss in sorted(losses.items(), key=lambda kv: -(kv[1].precision + kv[1].recall)):
        lines.append(f"   {kind:48} {loss.precision:7.3f} {loss.recall:7.3f}")
        for example, count in loss.examples.most_common(examples):
            lines.append(f"       {count:4}x {example}")
    return "\n".join(lines)
