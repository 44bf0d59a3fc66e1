"""Who is speaking, within one article: names that are names, kinds, documents, descriptions,
pronouns, and the joining of a speaker's name forms (issue 14, items 2 and 3)."""

from __future__ import annotations

import dataclasses

import pytest

from ingest.models import Article, Mention
from ingest.pipeline import process_article
from ingest.rules.mentions import parse_mention


@pytest.mark.parametrize(
    ("phrase", "kind", "name"),
    [
        # A word that opens a sentence is not part of the name after it.
        ("Does Rubio", "person", "Rubio"),
        ("Then Trump", "person", "Trump"),
        ("To Frank", "person", "Frank"),
        ("But Reid", "person", "Reid"),
        # ... but a capitalised word inside a name is ("Omar Said", "Will Hurd", "the US").
        ("Omar Said", "person", "Omar Said"),
        ("Will Hurd", "person", "Will Hurd"),
        ("The US", "organization", "US"),
        # A party or a role before a name is an affiliation, not part of the name.
        ("Democrat Hillary Clinton", "person", "Hillary Clinton"),
        ("Spokeswoman Jessica Ditto", "person", "Jessica Ditto"),
        ("Sen. Ted Cruz (R-Tex.)", "person", "Ted Cruz"),
        ("NBC’s Dante Chinni", "person", "Dante Chinni"),
        ("Secretary of State John F. Kerry", "person", "John F. Kerry"),
        ("Mr. Morgan of the Sierra Club", "person", "Morgan"),
        # A clause whose subject is a name names its speaker.
        ("Trump unleashed a series of tweets early Friday", "person", "Trump"),
        # Kinds: organisations, groups, several people together.
        ("the Clinton campaign", "organization", "Clinton campaign"),
        ("FBI", "organization", "FBI"),
        ("Mexico", "organization", "Mexico"),
        ("Republicans", "group", "Republicans"),
        ("the Khans", "group", "Khans"),
        ("Khizr and Ghazala Khan", "group", "Khizr and Ghazala Khan"),
        ("a senior administration official", "anonymous", None),
        # Phrases that name no one.
        ("Around", "fragment", None),
        ("Increasingly", "fragment", None),
        ("The", "fragment", None),
        ("Duterte's latest", "fragment", None),
        ("went on to work alongside Trump", "fragment", None),
        ("Q", "fragment", None),
        # A time or an adverb before the comma, then the source.
        ("On Wednesday, he", "pronoun", None),
        # A name never spans a sentence end, unless the full stop marks an initial, a title or an
        # abbreviation.
        ("Benghazi. Bob", "person", "Bob"),
        ("Bain Capital. To Frank", "person", "Frank"),
        ("John F. Kennedy", "person", "John F. Kennedy"),
        ("Martin Luther King Jr.", "person", "Martin Luther King Jr."),
        ("Pres. Obama", "person", "Obama"),
        ("Representative Charles B. Rangel of New York", "person", "Charles B. Rangel"),
        # A quantifier or a plural common noun is a group or an unnamed source, whatever its capital.
        ("Others", "anonymous", None),
        ("Officials", "anonymous", None),
        ("Polls", "group", "Polls"),
        ("Friends", "group", "Friends"),
        ("Millennials", "group", "Millennials"),
        ("Sessions", "person", "Sessions"),
        ("Authorities", "anonymous", None),
        ("Demonstrators", "group", "Demonstrators"),
        # A role noun alone is what someone is, not who (a description the article may resolve); a
        # surname that is also a role noun stays a name.
        ("Pastor", "description", None),
        ("Editor", "description", None),
        ("Justice", "person", "Justice"),
        ("Dean", "person", "Dean"),
        # Words a page ran together are no name; a photo credit glued to a name is no part of it.
        ("+ FollowSharePost", "fragment", None),
        ("FranA", "fragment", None),
        ("Getty ImagesRepublican Chris Christie", "person", "Chris Christie"),
        ("McDonald", "person", "McDonald"),
        # A headline's words in title case: the name follows its last preposition or article; a
        # participle opening the clause is no part of the name.
        ("Reagan’s Daughter Makes Strong Statement About Trump", "person", "Trump"),
        ("Painting Trump", "person", "Trump"),
        ("Sterling Brown", "person", "Sterling Brown"),
        ("Six in 10", "fragment", None),  # a share of people, no name (resolve keeps it as a poll's)
        ("Secretary of State John Kerry", "person", "John Kerry"),
        ("DeSantis", "person", "DeSantis"),
        # A party's member or adjective alone, a participle, a verb before its object: no one's name.
        ("Republican", "anonymous", None),
        ("a Wisconsin Republican", "anonymous", None),
        ("Democratic", "fragment", None),
        ("Having", "fragment", None),
        ("Speaking later on the same", "fragment", None),
        ("Let me", "fragment", None),
        ("In May, the EPA", "organization", "EPA"),
        ("Theresa May", "person", "Theresa May"),
        # Outlets, platforms and places speak as organisations.
        ("POLITICO", "organization", "POLITICO"),
        ("Twitter", "organization", "Twitter"),
        ("Factcheck.org", "organization", "Factcheck.org"),
        ("New York", "organization", "New York"),
        # Documents and descriptions, resolved by the article.
        ("a tweet", "document", None),
        ("The statement", "document", None),
        ("the senator", "description", None),
        ("The Republican nominee", "description", None),
    ],
)
def test_a_source_phrase_names_a_speaker_or_no_one(phrase, kind, name):
    mention = parse_mention(phrase)
    assert (mention.kind, mention.name) == (kind, name)


@pytest.mark.parametrize(
    ("phrase", "role", "organization"),
    [
        ("Clinton campaign chairman John Podesta", "Clinton campaign chairman", "Clinton campaign"),
        ("Paul Ryan, the House Speaker", "House Speaker", None),
        ("House Speaker Paul Ryan, R-Wis.", "House Speaker", "Republican Party"),
        ("Democrat Hillary Clinton", None, "Democratic Party"),
        ("Senator Dianne Feinstein, Democrat of California", "Senator", "Democratic Party"),
        ("Johnnie Wilson, of Springfield, Va.", None, None),  # places are not organisations
    ],
)
def test_what_a_mention_says_the_speaker_is(phrase, role, organization):
    mention = parse_mention(phrase)
    assert (mention.role, mention.organization) == (role, organization)


def speakers_of(text: str) -> list[tuple[str | None, str | None]]:
    record = process_article(Article("test", text))
    return [(quote.speaker_key, quote.method) for quote in record.quotes]


def test_a_phrase_that_names_no_one_leaves_the_quote_unattributed_and_says_why():
    record = process_article(Article("test", "“It is over,” said Around the corner."))
    assert all(quote.speaker_key is None for quote in record.quotes)
    assert {quote.method for quote in record.quotes} <= {"unresolved"}
    assert all(quote.reason for quote in record.quotes)


def test_a_description_is_the_person_the_article_gave_that_role():
    text = (
        "Republican presidential nominee Donald Trump said the polls were wrong.\n\n"
        "Democratic presidential nominee Hillary Clinton said the economy was growing.\n\n"
        "The Republican nominee said he would win Ohio."
    )
    assert speakers_of(text)[-1] == ("Donald Trump", "description")


def test_a_document_speaks_for_whoever_the_text_says_issued_it():
    text = (
        "The Security Council issued a statement on Monday after the launch.\n\n"
        "The statement said the test was a clear violation of earlier resolutions.\n\n"
        "Trump's tweet said the deal was a disaster for American workers."
    )
    assert speakers_of(text)[-2:] == [("Security Council", "document"), ("Trump", "document")]


def test_a_surname_takes_the_full_name_the_article_gives_it():
    text = (
        "Tom Clarke, who owns a mine in West Virginia, has a plan.\n\n"
        "“We cannot sell the coal,” Mr. Clarke said on Tuesday."
    )
    record = process_article(Article("test", text))
    assert [quote.speaker_key for quote in record.quotes] == ["Tom Clarke"]
    (speaker,) = record.speakers
    assert "surname of Tom Clarke" in speaker.alias_reasons["Clarke"]


def test_two_people_with_one_surname_stay_apart():
    text = (
        "“He was a hero,” Khizr Khan said of his son.\n\n"
        "“I could not speak,” Ghazala Khan said.\n\n"
        "“We will vote,” Khan said."
    )
    names = {speaker.name for speaker in process_article(Article("test", text)).speakers}
    assert {"Khizr Khan", "Ghazala Khan"} <= names


def test_a_surname_introduced_with_a_title_is_not_another_persons_full_name():
    text = (
        "President Obama spoke in Washington on Saturday.\n\n"
        "“Tolerance is on the ballot,” Mr. Obama said.\n\n"
        "The first lady, Michelle Obama, will campaign in Ohio."
    )
    assert speakers_of(text) == [("Obama", "explicit")]


def test_a_group_and_a_person_with_one_word_in_common_are_two_speakers():
    text = "“We will win,” Donald Trump said.\n\n“The polls are wrong,” Team Trump said in an email."
    assert speakers_of(text) == [("Donald Trump", "explicit"), ("Team Trump", "explicit")]


def test_each_parse_is_a_new_mention_with_every_part_of_the_cached_one():
    parsed = parse_mention("Fawad Aman, a spokesman for the Ministry of Defence")
    again = parse_mention("Fawad Aman, a spokesman for the Ministry of Defence")
    assert again == parsed and again is not parsed
    every_part = Mention(**{field.name: f"part {field.name}" for field in dataclasses.fields(Mention)})
    assert every_part.copy() == every_part and every_part.copy() is not every_part


@pytest.mark.parametrize(
    ("phrase", "kind", "name", "role"),
    [
        # A name opens at its given name after the words of an office or a body cut short before it.
        ("State Tom Nides", "person", "Tom Nides", None),
        ("United Auto Workers Secretary-Treasurer Gary Casteel", "person", "Gary Casteel", None),
        # ... but an unknown first word may be a given name the list lacks.
        ("Cornell William Brooks", "person", "Cornell William Brooks", None),
        # Two offices joined by "and" before one name: one person, not a group.
        (
            "former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell",
            "person",
            "Ed Rendell",
            "Democratic National Committee Chairman",
        ),
        ("Sens. Chuck Grassley and Patrick Leahy", "group", "Sens. Chuck Grassley and Patrick Leahy", None),
        # A determiner opening a role, then a full name: the person named.
        ("the star journalist Jorge Ramos", "person", "Jorge Ramos", "star journalist"),
        ("the former secretary of state Hillary Clinton", "person", "Hillary Clinton", "former secretary of state"),
        # A pronoun run together with its verb is the pronoun; a party tag or "you'll" names no one.
        ("He’s", "pronoun", None, None),
        ("They’re", "pronoun", None, None),
        ("You’ll", "fragment", None, None),
        ("R-Wis.", "fragment", None, None),
    ],
)
def test_names_that_are_names(phrase, kind, name, role):
    mention = parse_mention(phrase)
    assert (mention.kind, mention.name) == (kind, name)
    if role is not None:
        assert mention.role == role


def test_a_one_word_name_the_article_writes_in_lower_case_is_no_speaker():
    text = (
        "The federal government and the federal courts disagreed over federal funds on Monday.\n\n"
        "“The rules were clear to everyone involved,” Federal said.\n\n"
        "Ban said the climate accord would hold. The accord, Ban said, was a turning point."
    )
    record = process_article(Article(path="t.txt", text=text))
    names = {s.name for s in record.speakers}
    assert "Federal" not in names and "Ban" in names
    rules = next(q for q in record.quotes if q.text.startswith("The rules"))
    assert rules.speaker_key is None and "common word" in (rules.reason or "")


def test_a_one_word_plural_never_capitalised_inside_a_sentence_is_no_speaker():
    """ "Estimates" opening sentences only is a plural, a common word; "Evans" after quoted words
    closed by a comma is inside a sentence, a name."""
    text = (
        "Estimates said the turnout would be the highest in years across the whole state.\n\n"
        "“The line was out the door all morning long,” Evans said about the polling place."
    )
    record = process_article(Article(path="t.txt", text=text))
    assert {s.name for s in record.speakers} == {"Evans"}
    estimates = next(q for q in record.quotes if q.text.startswith("the turnout"))
    assert estimates.speaker_key is None and "common word" in (estimates.reason or "")


@pytest.mark.parametrize(
    ("phrase", "kind", "name"),
    [
        ("Trump slams", "person", "Trump"),  # a name and its verb: the name
        ("Multiple outlets", "group", "Multiple outlets"),  # a word the verb lexicon lacks may be a noun
        ("Clinton allies", "group", "Clinton allies"),  # a name and a plural noun: a group
        ("Fox viewers", "group", "Fox viewers"),
        ("Voting rights", "group", "Voting rights"),  # a noun in "-ing" and its head: no name and verb
        # What a name owns was cut off: it, not the owner, is the subject; no name ends in a possessive.
        ("FBI Director James Comey's", "fragment", None),
    ],
)
def test_a_name_and_its_verb_is_the_name_a_name_and_a_plural_noun_a_group(phrase, kind, name):
    mention = parse_mention(phrase)
    assert (mention.kind, mention.name) == (kind, name)
