"""Count the speaker rows that are not names of people: person rows whose name spans a sentence
end ("Benghazi. Bob"), and single-word person rows, among them the words the corpus itself mostly
writes in lower case ("Polls", "Friends", "Having": common words, not names). Read-only.

    python scripts/junk_speakers.py DB [--top N]

Prints each class's rows and quotes, then its top rows by quotes. A sentence end is a full stop,
question or exclamation mark after a word that is no initial ("J."), title ("Sen.") or abbreviation
("U.S.", "Fla."); a common word is one the articles write in lower case more often than with a
capital inside a sentence."""

from __future__ import annotations

import re
import sqlite3
import sys
from collections import Counter

import click

from ingest.rules import lexicon

SENTENCE_END = re.compile(r"(?P<word>\S+)[.?!]\s+[A-Z]")
WORD = re.compile(r"[A-Za-z][\w’'-]*")
# A capitalised word inside a sentence: after a letter, digit or comma and a space.
INSIDE_SENTENCE = re.compile(r"(?<=[\w,] )[A-Z][\w’'-]*")


def spans_sentence(name: str) -> bool:
    for match in SENTENCE_END.finditer(name):
        word = match["word"]
        abbreviation = len(word) == 1 or "." in word or f"{word}." in lexicon.titles() or f"{word}." in lexicon.places()
        if not abbreviation:
            return True
    return False


def person_rows(db: sqlite3.Connection) -> list[tuple[str, int]]:
    return db.execute(
        "select s.name, count(q.id) from speakers s join quotes q on q.speaker_id = s.id"
        " where s.kind = 'person' group by s.id order by count(q.id) desc, s.name"
    ).fetchall()


def word_cases(db: sqlite3.Connection, words: set[str]) -> tuple[Counter, Counter]:
    """How often the corpus writes each word in lower case, and capitalised inside a sentence."""
    lower, inside = Counter(), Counter()
    wanted = {word.lower() for word in words}
    for (text,) in db.execute("select text from paragraphs"):
        for word in WORD.findall(text):
            if word.islower() and word in wanted:
                lower[word] += 1
        for word in INSIDE_SENTENCE.findall(text):
            if word.lower() in wanted:
                inside[word.lower()] += 1
    return lower, inside


def report(title: str, rows: list[tuple[str, int]], top: int) -> None:
    click.echo(f"{title}: {len(rows)} rows, {sum(count for _, count in rows)} quotes")
    shown = ", ".join(f"{name} {count}" for name, count in rows[:top])
    if shown:
        click.echo(f"  {shown}")


@click.command()
@click.argument("db_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--top", default=25, show_default=True, help="Rows to show per class.")
def main(db_path: str, top: int) -> None:
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    persons = person_rows(db)
    spanning = [(name, count) for name, count in persons if spans_sentence(name)]
    single = [(name, count) for name, count in persons if len(name.split()) == 1]
    lower, inside = word_cases(db, {name for name, _ in single})
    common = [(name, count) for name, count in single if lower[name.lower()] > inside[name.lower()]]
    click.echo(f"{db_path}: {len(persons)} person rows, {sum(count for _, count in persons)} quotes")
    report("sentence-spanning person names", spanning, top)
    report("single-word person names", single, top)
    report("... of which common words (written lower case more often than capitalised mid-sentence)", common, top)


if __name__ == "__main__":
    sys.exit(main())
