"""Speakers as real people across articles: the pure identity function (ingest/identity.py) on
hand-made rows, and the whole path (ingest, corpus step, redirects, upgrade of old databases) on a
small corpus of articles about two Trumps and two Clintons."""

from __future__ import annotations

import gzip
import random
import shutil
from pathlib import Path

import pytest
import sqlite_utils

from ingest.corpus import refresh_corpus
from ingest.corpus_shards import refresh_corpus_over_shards
from ingest.identity import LocalSpeaker, article_keys, block_of, identify, person_name
from ingest.models import Article
from ingest.pipeline import process_article
from ingest.shards import CORPUS_FILE, content_of, load_shards, shard_files
from ingest.store import open_db, save_records

from .conftest import REPO, ingest, make_datasette
from .test_bulk import extracted

CORPUS = REPO / "tests" / "fixtures" / "identity"
OLD_DATABASES = sorted((REPO / "tests" / "fixtures" / "databases").glob("made_by_*.db.gz"))


def person(article: str, name: str, gender: str | None = None, evidence: str | None = None) -> LocalSpeaker:
    return LocalSpeaker(article, name, "person", gender, evidence)


def entity_of(result, article: str, name: str) -> str:
    return result.of[article, name].key


def test_case_titles_middle_initials_and_possessives_do_not_split_a_person():
    rows = [person("a", "Donald Trump"), person("b", "Donald J. Trump"), person("c", "DONALD TRUMP")]
    rows += [person("d", "Donald John Trump"), person("e", "Donald Trump's"), person("f", "Mr. Donald Trump")]
    result = identify(rows)
    assert {entity_of(result, row.article, row.name) for row in rows} == {"person:donald trump"}
    assert result.entities["person:donald trump"].name == "Donald Trump"
    assert result.of["b", "Donald J. Trump"].reason == "same given name and surname; middle name aside"
    assert result.of["c", "DONALD TRUMP"].reason == "same full name; titles, case and punctuation aside"


def test_different_given_names_or_suffixes_are_different_people():
    rows = [person("a", "Donald Trump"), person("b", "Eric Trump"), person("c", "Donald Trump Jr.")]
    result = identify(rows)
    assert len({entity_of(result, row.article, row.name) for row in rows}) == 3


def test_two_different_middle_initials_split_the_name_and_the_bare_name_stays_apart():
    rows = [person("a", "George W. Bush"), person("b", "George H. W. Bush"), person("c", "George Bush")]
    result = identify(rows)
    assert entity_of(result, "a", "George W. Bush") == "person:george w bush"
    assert entity_of(result, "b", "George H. W. Bush") == "person:george hw bush"
    assert entity_of(result, "c", "George Bush") == "person:george bush"


def test_a_short_given_name_joins_the_formal_one_only_when_the_corpus_names_one_person_it_can_be():
    rows = [person("a", "Joe Biden"), person("b", "Joseph R. Biden"), person("c", "Ted Cruz")]
    rows += [person("d", "Ted Smith"), person("e", "Edward Smith"), person("f", "Theodore Smith")]
    result = identify(rows)
    assert entity_of(result, "a", "Joe Biden") == entity_of(result, "b", "Joseph R. Biden") == "person:joseph biden"
    assert result.entities["person:joseph biden"].name in ("Joe Biden", "Joseph R. Biden")
    reason = "Joe is short for Joseph: the only Joseph of this surname the corpus names"
    assert result.of["a", "Joe Biden"].reason == reason
    assert entity_of(result, "c", "Ted Cruz") == "person:ted cruz"  # no Edward or Theodore Cruz: as written
    # "Ted" may be Edward or Theodore Smith: it stays apart from both
    assert len({entity_of(result, row.article, row.name) for row in rows[3:]}) == 3


def test_a_suffixed_name_is_the_person_the_corpus_names_by_a_short_given_name_without_it():
    rows = [person("a", "Joe Biden"), person("b", "Joseph R. Biden Jr."), person("c", "Vice President Biden")]
    result = identify(rows)
    assert {entity_of(result, row.article, row.name) for row in rows} == {"person:joseph biden"}
    assert result.entities["person:joseph biden"].name == "Joe Biden"
    reason = "Joe Biden without the suffix: the name the corpus gives this person, by a short given name"
    assert result.of["b", "Joseph R. Biden Jr."].reason == reason
    # The same given name with and without the suffix: father and son, two people.
    family = [person("a", "Donald Trump"), person("b", "Donald Trump Jr.")]
    assert entity_of(identify(family), "a", "Donald Trump") != entity_of(identify(family), "b", "Donald Trump Jr.")
    # An article naming both as two people keeps them two everywhere.
    both = [*rows, person("d", "Joe Biden"), person("d", "Joseph R. Biden Jr.")]
    assert entity_of(identify(both), "a", "Joe Biden") != entity_of(identify(both), "b", "Joseph R. Biden Jr.")


def test_a_description_before_a_full_name_the_corpus_knows_is_not_part_of_it():
    rows = [person("a", "Donald Trump"), person("b", "Billionaire Donald Trump"), person("c", "Mary Ann Smith")]
    rows.append(person("d", "Ann Smith"))
    result = identify(rows)
    assert entity_of(result, "b", "Billionaire Donald Trump") == "person:donald trump"
    assert entity_of(result, "c", "Mary Ann Smith") != entity_of(result, "d", "Ann Smith")  # Mary is a given name


def test_a_surname_alone_joins_the_person_the_corpus_makes_unambiguous():
    rows = [person(f"d{i}", "Donald Trump") for i in range(9)] + [person("e", "Eric Trump"), person("s", "Trump")]
    result = identify(rows)
    assert entity_of(result, "s", "Trump") == "person:donald trump"
    assert "corpus: Donald Trump in 9 of the 10 articles" in result.of["s", "Trump"].reason


def test_a_surname_alone_stays_apart_when_the_corpus_does_not_say_who():
    rows = [person("b1", "Bill Clinton"), person("h1", "Hillary Clinton"), person("h2", "Hillary Clinton")]
    rows.append(person("c", "Clinton"))
    result = identify(rows)
    assert entity_of(result, "c", "Clinton") == "person:clinton"
    assert result.entities["person:clinton"].name == "Clinton"


def test_the_articles_gender_evidence_chooses_among_people_of_one_surname():
    rows = [person(f"b{i}", "Bill Clinton", "male", 'pronoun "he"') for i in range(5)]
    rows += [person("h1", "Hillary Clinton", "female", "honorific Mrs."), person("h2", "Hillary Clinton")]
    rows += [person("she", "Clinton", "female", 'pronoun "she"'), person("he", "Clinton", "male", 'pronoun "he"')]
    result = identify(rows)
    assert entity_of(result, "she", "Clinton") == "person:hillary clinton"
    assert entity_of(result, "he", "Clinton") == "person:bill clinton"
    assert "naming a woman called Clinton" in result.of["she", "Clinton"].reason


def test_a_surname_in_an_article_naming_two_people_of_it_is_resolved_by_that_article_not_by_popularity():
    corpus = [person(f"h{i}", "Hillary Clinton") for i in range(20)]
    both = [person("x", "Bill Clinton"), person("x", "Hillary Clinton"), person("x", "Clinton")]
    result = identify(corpus + both)
    assert entity_of(result, "x", "Clinton") == "person:clinton"  # the article does not say which
    told = [
        person("y", "Bill Clinton"),
        person("y", "Hillary Clinton"),
        person("y", "Clinton", "male", "honorific Mr."),
    ]
    result = identify(corpus + told)
    assert entity_of(result, "y", "Clinton") == "person:bill clinton"
    husband = [
        person("w", "Hillary Clinton", "female", "honorific Mrs."),
        person("w", "Mr. Clinton", "male", "honorific Mr."),
    ]
    result = identify(corpus + husband + [person(f"b{i}", "Bill Clinton") for i in range(3)])
    assert entity_of(result, "w", "Mr. Clinton") == "person:bill clinton"  # not the Hillary the article names
    only_bill = [person("z", "Bill Clinton"), person("z", "Clinton")]
    result = identify(corpus + only_bill)
    assert entity_of(result, "z", "Clinton") == "person:bill clinton"
    assert result.of["z", "Clinton"].reason == (
        "surname of Bill Clinton, the only Clinton with a first name in this article"
    )


def test_a_given_name_alone_is_only_the_same_person_within_its_article():
    result = identify([person("a", "Bob"), person("b", "Bob")])
    assert entity_of(result, "a", "Bob") != entity_of(result, "b", "Bob")


def test_anonymous_sources_are_per_article_and_organisations_one_per_name():
    rows = [LocalSpeaker("a", "a senior official", "anonymous"), LocalSpeaker("b", "a senior official", "anonymous")]
    rows += [
        LocalSpeaker("a", "The New York Times", "organization"),
        LocalSpeaker("b", "New York Times", "organization"),
    ]
    result = identify(rows)
    assert entity_of(result, "a", "a senior official") != entity_of(result, "b", "a senior official")
    assert entity_of(result, "a", "The New York Times") == entity_of(result, "b", "New York Times")


def test_an_organisation_named_by_a_common_noun_is_its_articles_own():
    rows = [LocalSpeaker("a", "the agency", "organization"), LocalSpeaker("b", "the agency", "organization")]
    rows += [LocalSpeaker("a", "the FBI", "organization"), LocalSpeaker("b", "FBI", "organization")]
    result = identify(rows)
    assert entity_of(result, "a", "the agency") != entity_of(result, "b", "the agency")
    assert (
        entity_of(result, "a", "the FBI")
        == entity_of(result, "b", "FBI")
        == "organization:federal bureau of investigation"
    )


def test_an_unnamed_share_of_a_named_group_is_that_group():
    rows = [LocalSpeaker("a", "Democrats", "group"), LocalSpeaker("b", "Many Democrats", "anonymous")]
    rows += [
        LocalSpeaker("c", "some prominent Republicans", "anonymous"),
        LocalSpeaker("d", "Some officials", "anonymous"),
    ]
    result = identify(rows)
    assert entity_of(result, "b", "Many Democrats") == entity_of(result, "a", "Democrats") == "group:democrats"
    assert result.entities["group:democrats"].name == "Democrats"
    assert entity_of(result, "c", "some prominent Republicans") == "group:republicans"
    assert entity_of(result, "d", "Some officials").startswith("anonymous:")  # not a named group


def test_police_opening_a_sentence_is_its_articles_police_and_the_same_as_police_in_lower_case():
    keys, reasons = article_keys("a", [("police", "anonymous"), ("Police", "organization")])
    assert keys["police"] == keys["Police"] == "organization:police [a]"
    assert reasons["police"] == "the same noun as an organisation this article names, case aside"
    rows = [LocalSpeaker("a", "Police", "organization"), LocalSpeaker("b", "Police", "organization")]
    rows += [
        LocalSpeaker("a", "Police Department", "organization"),
        LocalSpeaker("b", "Police Department", "organization"),
    ]
    result = identify(rows)
    assert entity_of(result, "a", "Police") != entity_of(result, "b", "Police")  # each city's own
    assert entity_of(result, "a", "Police Department") == entity_of(result, "b", "Police Department")


def test_a_broad_collective_named_by_a_plural_noun_is_one_group_whatever_its_case():
    rows = [
        LocalSpeaker("a", "voters", "anonymous"),
        LocalSpeaker("b", "Voters", "anonymous"),
        LocalSpeaker("c", "Many voters", "anonymous"),
        LocalSpeaker("d", "Legal experts", "anonymous"),
        LocalSpeaker("e", "legal experts", "anonymous"),
    ]
    own = ["officials", "Sources", "the judges", "her aides", "10 voters", "voters in Saturday's primary", "Others"]
    rows += [LocalSpeaker(article, name, "anonymous") for article in ("f", "g") for name in own]
    result = identify(rows)
    assert {entity_of(result, article, name) for article, name in [("a", "voters"), ("b", "Voters")]} == {
        "group:voters"
    }
    assert entity_of(result, "c", "Many voters") == "group:voters"
    assert result.of["b", "Voters"].reason == "a plural noun alone, as the group is named across the corpus: voters"
    assert entity_of(result, "d", "Legal experts") == entity_of(result, "e", "legal experts") == "group:legal experts"
    for name in own:  # informants, the article's own people, and a count are no corpus-wide group
        assert entity_of(result, "f", name) != entity_of(result, "g", name), name


def test_gender_is_what_the_articles_text_says_and_unknown_when_it_conflicts():
    agreeing = [person(f"a{i}", "Ann Lee", "female", 'pronoun "she"') for i in range(3)] + [person("x", "Ann Lee")]
    entity = identify(agreeing).entities["person:ann lee"]
    assert (entity.gender, entity.gender_evidence) == ("female", 'pronoun "she" in 3 articles')
    conflicting = [person("a", "Sam Lee", "female", 'pronoun "she"'), person("b", "Sam Lee", "male", 'pronoun "he"')]
    entity = identify(conflicting).entities["person:sam lee"]
    assert entity.gender is None and entity.gender_evidence.startswith("conflicting")
    assert identify([person("a", "Chelsea Lee")]).entities["person:chelsea lee"].gender is None  # not from names


def test_the_result_does_not_depend_on_order_and_a_block_alone_decides_as_the_whole_corpus_would():
    rows = [person(f"d{i}", "Donald Trump") for i in range(9)] + [person("e", "Eric Trump"), person("s", "Trump")]
    rows += [person("b", "Bill Clinton"), person("h", "Hillary Clinton"), person("c", "Clinton", "female", "she")]
    rows += [LocalSpeaker("a", "an aide", "anonymous"), LocalSpeaker("a", "the FBI", "organization")]
    whole = identify(rows)
    shuffled = rows[:]
    random.Random(1).shuffle(shuffled)
    assert identify(shuffled) == whole
    block = [row for row in rows if block_of(row) == "person:clinton"]
    alone = identify(block)
    assert alone.of == {key: value for key, value in whole.of.items() if key in alone.of}
    assert all(whole.entities[key] == entity for key, entity in alone.entities.items())


def test_what_a_person_name_is():
    assert person_name("went on to work alongside Trump") is None
    assert person_name("Sen. Ted Cruz").display == "Ted Cruz"
    assert person_name("TRUMP").display == "Trump"
    assert person_name("George H.W. Bush").middle == "hw"
    assert person_name("Ursula von der Leyen").surname == "von der leyen"
    assert person_name("James O’Neill").surname == person_name("O'Neill").surname == "o'neill"


def test_a_surname_with_a_particle_is_the_same_written_alone_or_after_a_given_name():
    rows = [person("a", "Bill de Blasio"), person("b", "Bill de Blasio"), person("c", "De Blasio")]
    rows.append(person("d", "Al Gore"))
    result = identify(rows)
    assert entity_of(result, "c", "De Blasio") == entity_of(result, "a", "Bill de Blasio") == "person:bill de blasio"
    assert entity_of(result, "d", "Al Gore") == "person:al gore"  # "Al" is a given name, not a particle here


def test_within_an_article_capitals_and_a_first_name_alone_join_the_person_it_names():
    keys, reasons = article_keys(
        "a",
        [("Donald Trump", "person"), ("TRUMP", "organization"), ("Hillary Clinton", "person"), ("Hillary", "person")],
    )
    assert keys["TRUMP"] == keys["Donald Trump"] == "person:donald trump"
    assert keys["Hillary"] == "person:hillary clinton" and "given name" in reasons["Hillary"]
    keys, _ = article_keys("b", [("Bill Clinton", "person"), ("Bill de Blasio", "person"), ("Bill", "person")])
    assert keys["Bill"] not in (keys["Bill Clinton"], keys["Bill de Blasio"])  # two Bills: the article does not say
    keys, _ = article_keys("c", [("Obama Speech", "person"), ("Obama", "person")])
    assert keys["Obama"] == "person:obama"  # not a first name


def test_two_people_of_a_surname_whom_only_honorifics_tell_apart_stay_two():
    # resolve names the second person with the honorific ("Mrs. Khan") only when the article's bare
    # surname is someone else ("Mr. Khan"): neither the article's rows nor the corpus join them.
    keys, _ = article_keys("a", [("Khan", "person"), ("Mrs. Khan", "person")])
    assert keys["Khan"] != keys["Mrs. Khan"]
    rows = [
        person("a", "Khan", "male", "honorific Mr."),
        person("a", "Mrs. Khan", "female", "honorific Mrs."),
        person("b", "Khan", "male", "honorific Mr."),
        person("c", "Ms. Trump", "female", "honorific Ms."),
        person("c", "Donald J. Trump", "male", "honorific Mr."),
        person("c", "Trump"),
    ]
    result = identify(rows)
    assert entity_of(result, "a", "Khan") != entity_of(result, "a", "Mrs. Khan")
    assert result.entities[entity_of(result, "a", "Mrs. Khan")].gender == "female"
    assert entity_of(result, "c", "Trump") == "person:donald trump"
    assert entity_of(result, "c", "Ms. Trump") != "person:donald trump"


# The whole path: articles ingested, the corpus step run, rows compared by key.


def save(db_path: Path, names: list[str]) -> None:
    db = open_db(str(db_path))
    records = [process_article(Article(path=name, text=(CORPUS / name).read_text())) for name in names]
    save_records(db, records)
    refresh_corpus(db)
    db.close()


def by_key(db_path: Path) -> dict[str, list]:
    """Every table that names a speaker, with the speaker's key for its id (ids depend on the order
    rows were written in; keys do not)."""
    db = sqlite_utils.Database(db_path)
    tables = {
        "speakers": db.execute("select key, name, kind, gender, gender_evidence from speakers order by key"),
        "quotes": db.execute(
            """select articles.path, quotes.position, speakers.key from quotes
               join articles on articles.id = quotes.article_id left join speakers on speakers.id = quotes.speaker_id
               order by 1, 2"""
        ),
        "aliases": db.execute(
            """select articles.path, alias, speakers.key, reason from speaker_aliases
               join articles on articles.id = article_id join speakers on speakers.id = speaker_id order by 1, 2, 3"""
        ),
        "affiliations": db.execute(
            """select articles.path, speakers.key, role, organization from affiliations
               join articles on articles.id = article_id join speakers on speakers.id = speaker_id
               order by 1, 2, 3, 4"""
        ),
    }
    return {name: rows.fetchall() for name, rows in tables.items()}


def test_any_order_and_any_number_of_runs_give_the_same_speakers(tmp_path):
    names = sorted(path.name for path in CORPUS.glob("*.txt"))
    save(tmp_path / "sorted.db", names)
    save(tmp_path / "reversed.db", names[::-1])
    for batch in (names[1::2], names[::2]):
        save(tmp_path / "two-runs.db", batch)
    expected = by_key(tmp_path / "sorted.db")
    assert by_key(tmp_path / "reversed.db") == expected
    assert by_key(tmp_path / "two-runs.db") == expected
    people = {key: name for key, name, *_ in expected["speakers"]}
    assert people["person:donald trump"] == "Donald Trump"
    assert "person:eric trump" in people and "person:bill clinton" in people and "person:hillary clinton" in people
    trump_only = {key for path, _, key in expected["quotes"] if path == "trump-only.txt"}
    assert trump_only == {"person:donald trump"}  # "TRUMP" and "Trump", surname only, joined


def test_a_later_run_that_joins_two_rows_leaves_a_redirect_the_speaker_page_follows(tmp_path):
    db_path = tmp_path / "quotes.db"
    save(db_path, ["trump-only.txt"])
    db = sqlite_utils.Database(db_path)
    (old_id,) = db.execute("select id from speakers where key = 'person:trump'").fetchone()
    save(db_path, sorted(path.name for path in CORPUS.glob("*.txt")))
    (survivor,) = db.execute("select id from speakers where key = 'person:donald trump'").fetchone()
    assert survivor != old_id
    redirect = db.execute("select speaker_id, reason, old_key from speaker_redirects where old_id = ?", [old_id])
    speaker_id, reason, old_key = redirect.fetchone()
    assert (speaker_id, old_key) == (survivor, "person:trump")
    assert reason.startswith("Trump is Donald Trump: surname; corpus:")
    assert not db.execute("select 1 from quotes where speaker_id = ?", [old_id]).fetchall()
    response = pytest.importorskip("asyncio").run(make_datasette(db_path).client.get(f"/quotes/speaker?id={old_id}"))
    assert response.status_code == 200
    assert "Donald Trump" in response.text and "Florida is ours" in response.text


def test_joining_rows_does_not_reindex_their_quotes(tmp_path):
    db_path = tmp_path / "quotes.db"
    save(db_path, sorted(path.name for path in CORPUS.glob("*.txt")))
    db = sqlite_utils.Database(db_path)
    before = db.execute("select count(*) from quotes_fts_docsize").fetchone()
    db.execute("update quotes set speaker_id = speaker_id")
    assert "UPDATE OF [text]" in db.execute("select sql from sqlite_master where name = 'quotes_au'").fetchone()[0]
    assert db.execute("select count(*) from quotes_fts_docsize").fetchone() == before
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'Florida'").fetchone()[0] == 1


@pytest.mark.parametrize("old", OLD_DATABASES, ids=lambda path: path.name)
def test_an_old_database_gets_article_speakers_and_entity_keys_on_the_next_ingest(tmp_path, old):
    db_path = tmp_path / "old.db"
    with gzip.open(old) as source, db_path.open("wb") as target:
        shutil.copyfileobj(source, target)
    before = sqlite_utils.Database(db_path).execute("select count(*), count(speaker_id) from quotes").fetchone()
    result = ingest(db_path, CORPUS / "hillary.txt")
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(db_path)
    old_quotes = db.execute(
        "select count(*), count(speaker_id) from quotes where article_id not in"
        " (select id from articles where path like '%hillary.txt')"
    ).fetchone()
    assert old_quotes == before
    assert not db.execute("select 1 from quotes where speaker_id is not null and article_speaker_id is null").fetchall()
    keys = [key for (key,) in db.execute("select key from speakers")]
    assert keys and all(key.split(":")[0] in ("person", "organization", "group", "anonymous") for key in keys)
    assert not db.execute("select 1 from identity_pending").fetchall()


def test_speakers_decided_by_other_rules_are_decided_again(tmp_path, monkeypatch):
    db_path = tmp_path / "quotes.db"
    save(db_path, ["trump-rally.txt", "trump-only.txt"])
    db = sqlite_utils.Database(db_path)
    db.execute("update article_speakers set block = 'stale', reason = null")
    db.execute("update identity_rules set fingerprint = 'older rules'")
    db.conn.commit()
    refresh_corpus(open_db(str(db_path)))
    assert not db.execute("select 1 from article_speakers where block = 'stale' or reason is null").fetchall()
    assert not db.execute("select 1 from identity_pending").fetchall()


def in_years(rows: list) -> list:
    """Extracted articles given years, so that a sharded load spreads them over several shards."""
    years = [str(2000 + len(row.path) % 4) for row in rows]
    return [
        row._replace(article=row.article._replace(published=f"{year}-01-01", published_year=year))
        for row, year in zip(rows, years, strict=True)
    ]


def test_sharded_loads_in_several_runs_give_the_speakers_one_ingest_gives(tmp_path):
    """load --shard-by over three runs (the second joins TRUMP's row to Donald Trump's, the third
    names the joined key again): every shard and the corpus database hold the entities, by key and
    name, that one ingest of the same articles holds, and no row the identity step joined away."""
    first = [CORPUS / "trump-only.txt"]
    rest = sorted(path for path in CORPUS.glob("*.txt") if path not in first)
    folder = tmp_path / "folder"
    for paths in (first, rest, first + rest):
        load_shards(in_years(extracted(*paths)), folder, "year", writers=2)
        refresh_corpus_over_shards(folder)
    assert ingest(tmp_path / "plain.db", *first, *rest).exit_code == 0
    shards = [path for _, path in shard_files(folder / CORPUS_FILE)]
    assert len(shards) > 2
    sharded, plain = content_of(shards), content_of([tmp_path / "plain.db"])
    assert {table: rows for table, rows in sharded.items() if table != "articles"} == {
        table: rows for table, rows in plain.items() if table != "articles"
    }
    speakers = "select key, name, gender from speakers order by key"
    corpus = sqlite_utils.Database(folder / CORPUS_FILE).execute(speakers).fetchall()
    assert corpus == sqlite_utils.Database(tmp_path / "plain.db").execute(speakers).fetchall()


def test_a_well_known_short_form_is_its_organisation_named_in_full():
    rows = [
        LocalSpeaker("a", "GOP", "organization"),
        LocalSpeaker("b", "Republican Party", "organization"),
        LocalSpeaker("c", "the U.N.", "organization"),
        LocalSpeaker("d", "United Nations", "organization"),
    ]
    result = identify(rows)
    assert (
        entity_of(result, "a", "GOP") == entity_of(result, "b", "Republican Party") == "organization:republican party"
    )
    assert result.entities["organization:republican party"].name == "Republican Party"
    assert result.of["a", "GOP"].reason == "a well-known short form of Republican Party"
    assert entity_of(result, "c", "the U.N.") == entity_of(result, "d", "United Nations")


def test_a_compound_surname_written_alone_is_the_one_person_named_in_full_with_it():
    rows = [
        person("a", "Debbie Wasserman Schultz"),
        person("b", "Wasserman Schultz"),
        person("c", "Ann Schultz"),  # a given name: another person
    ]
    result = identify(rows)
    assert entity_of(result, "b", "Wasserman Schultz") == entity_of(result, "a", "Debbie Wasserman Schultz")
    assert result.of["b", "Wasserman Schultz"].reason == "compound surname of Debbie Wasserman Schultz"
    assert entity_of(result, "c", "Ann Schultz") != entity_of(result, "a", "Debbie Wasserman Schultz")


def test_a_campaign_named_for_a_persons_full_name_is_the_one_named_for_their_surname():
    rows = [
        LocalSpeaker("a", "Donald Trump campaign", "organization"),
        LocalSpeaker("b", "the Trump campaign", "organization"),
        LocalSpeaker("c", "Trump Organization", "organization"),
        LocalSpeaker("d", "Rival Hillary Clinton campaign", "organization"),
        LocalSpeaker("e", "the Clinton campaign", "organization"),
    ]
    result = identify(rows)
    assert entity_of(result, "a", "Donald Trump campaign") == entity_of(result, "b", "the Trump campaign")
    assert entity_of(result, "d", "Rival Hillary Clinton campaign") == entity_of(result, "e", "the Clinton campaign")
    assert result.of["a", "Donald Trump campaign"].reason.startswith("named for the person by full name")
    assert entity_of(result, "c", "Trump Organization") != entity_of(result, "b", "the Trump campaign")


def test_a_persons_team_is_their_campaign():
    rows = [
        LocalSpeaker("a", "Clinton team", "organization"),
        LocalSpeaker("b", "the Clinton campaign", "organization"),
        LocalSpeaker("c", "Ohio team", "organization"),
        LocalSpeaker("d", "Ohio campaign", "organization"),
    ]
    result = identify(rows)
    assert entity_of(result, "a", "Clinton team") == entity_of(result, "b", "the Clinton campaign")
    assert result.of["a", "Clinton team"].reason.startswith("a candidate's team is their campaign")
    assert entity_of(result, "c", "Ohio team") != entity_of(result, "d", "Ohio campaign")  # a place's team


def test_a_polls_share_of_people_is_those_polled_across_articles():
    rows = [
        LocalSpeaker("a", "67 percent of voters", "anonymous"),
        LocalSpeaker("a", "About four in 10", "anonymous"),
        LocalSpeaker("b", "Nearly half", "anonymous"),
        LocalSpeaker("c", "a full 79 percent of Democrats", "anonymous"),
        LocalSpeaker("d", "at least half of the convention rules committee", "anonymous"),
        LocalSpeaker("e", "the conservative majority on the Supreme Court", "anonymous"),
    ]
    result = identify(rows)
    polled = {entity_of(result, row.article, row.name) for row in rows[:4]}
    assert polled == {"group:poll respondents"}
    assert result.entities["group:poll respondents"].kind == "group"
    assert result.of["b", "Nearly half"].reason == "a share of those a poll asked"
    assert entity_of(result, "d", rows[4].name).startswith("anonymous:")  # a share of a body, no poll
    assert entity_of(result, "e", rows[5].name).startswith("anonymous:")
