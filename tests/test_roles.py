"""Roles and organisations as the article states them (ingest/roles.py): short noun phrases read
around every naming of a person speaker, never clause fragments, places or people."""

from __future__ import annotations

import pytest

from ingest.models import Article
from ingest.pipeline import process_article
from ingest.rules.names import strip_possessive
from ingest.rules.rolephrases import phrase_statements
from ingest.rules.words import POSSESSIVE_ENDINGS


def affiliations_of(text: str) -> dict[str, set[str]]:
    """Speaker name → the role and organisation strings stored for them."""
    record = process_article(Article(path="t.txt", text=text))
    found: dict[str, set[str]] = {}
    for affiliation in record.affiliations:
        found.setdefault(affiliation.speaker_name, set()).update(
            s for s in (affiliation.role, affiliation.organization) if s
        )
    return found


@pytest.mark.parametrize(
    "text, speaker, expected",
    [
        (
            'Clinton campaign chairman John Podesta said the emails were stolen. "We will not comment," Podesta said.',
            "John Podesta",
            {"campaign chairman", "Clinton campaign"},
        ),
        (
            'Paul Ryan, the House Speaker, said the bill would pass. "It is done," Ryan said.',
            "Paul Ryan",
            {"House Speaker"},
        ),
        (
            'Republican presidential nominee Donald Trump said the race was rigged. "Believe me," Trump said.',
            "Donald Trump",
            {"Republican presidential nominee", "Republican Party"},
        ),
        ('"This is a disgrace," said Sen. Ted Cruz (R-Tex.).', "Ted Cruz", {"Sen.", "senator", "Republican Party"}),
        (
            "Richard Revesz, director of the Institute for Policy Integrity at New York University’s law school, "
            'said the rule was sound. "It is lawful," Revesz said.',
            "Richard Revesz",
            {"director of the Institute for Policy Integrity", "Institute for Policy Integrity", "New York University"},
        ),
        (
            'Clinton’s campaign chairman, John Podesta, said in a statement that "the facts are clear."',
            "John Podesta",
            {"campaign chairman", "Clinton campaign"},
        ),
        (
            "Maryam Violet, an Iranian journalist visiting Nice on vacation, told the paper that she saw the truck. "
            '"It was chaos," Violet said.',
            "Maryam Violet",
            {"Iranian journalist"},
        ),
    ],
)
def test_roles_and_organisations_are_the_noun_phrases_the_article_states(text, speaker, expected):
    assert affiliations_of(text)[speaker] == expected


def test_a_role_stated_anywhere_in_the_article_is_the_speakers():
    text = (
        'Massachusetts Sen. Elizabeth Warren grilled the bank\'s chief on Tuesday.\n\n"You should resign," Warren said.'
    )
    assert affiliations_of(text)["Elizabeth Warren"] == {"Massachusetts Sen.", "Massachusetts senator"}


def test_a_place_a_person_or_a_clause_is_never_an_organisation():
    text = (
        'Jay Jacobs of Nassau County said the party was united. "We are," Jacobs said.\n\n'
        '"Not everything is settled," Trump said, as for the deal with Sanders.'
    )
    found = affiliations_of(text)
    assert "Nassau County" not in found.get("Jay Jacobs", set())
    assert not found.get("Trump")


def test_a_surname_two_people_share_names_neither():
    text = (
        'Former President Bill Clinton spoke first. "She is ready," Hillary Clinton said.\n\n'
        '"We will win," Clinton said, the former president nodding.'
    )
    assert "Former President" not in affiliations_of(text).get("Hillary Clinton", set())


def test_kinship_and_allegiance_are_not_roles():
    text = 'His wife, Melania Trump, said little. "I love him," said Melania Trump, a Trump supporter.'
    assert not affiliations_of(text).get("Melania Trump")


@pytest.mark.parametrize(
    "word, bare",
    [
        ("Clinton’s", "Clinton"),
        ("Trump's", "Trump"),
        ("Khans'", "Khans"),
        ("Sanders’", "Sanders"),
        ("NBC", "NBC"),
        ("s", "s"),
        ("", ""),
    ],
)
def test_a_possessive_ending_is_taken_off(word, bare):
    assert strip_possessive(word) == bare
    assert all(len(ending) == 2 for ending in POSSESSIVE_ENDINGS)  # strip_possessive reads the last two characters


@pytest.mark.parametrize(
    "text, speaker, expected",
    [
        # A no-break space between a title and a name is a space.
        (
            'Republican vice-presidential nominee\u00a0Gov.\u00a0Mike Pence said so. "Yes," Pence said.',
            "Mike Pence",
            {"Republican vice-presidential nominee", "Gov.", "governor", "Republican Party"},
        ),
        # A party's name stays whole before a role.
        (
            'Green Party candidate Jill Stein was escorted out. "I am a candidate," Stein said.',
            "Jill Stein",
            {"Green Party candidate", "Green Party"},
        ),
        # Two roles joined by "and" before a name are two roles.
        (
            'GOP presidential contender and former neurosurgeon Ben Carson responded. "No," Carson said.',
            "Ben Carson",
            {"GOP presidential contender", "former neurosurgeon", "Republican Party"},
        ),
        # A role that a determiner or an owner opens, closed by a comma after the name.
        (
            'Last year he summoned his senior climate adviser, Brian Deese, to the office. "Go," Deese said.',
            "Brian Deese",
            {"senior climate adviser"},
        ),
        # An appositive between dashes, with or without an article.
        (
            'Mehmet Oz — Ivy League-trained surgeon and daytime television star — has critics. "Fine," Oz said.',
            "Mehmet Oz",
            {"Ivy League-trained surgeon", "daytime television star"},
        ),
        # A predicate says what the person is now.
        (
            '(Mr. Podesta is now the chairman of the Clinton campaign.) "Yes," Mr. Podesta said.',
            "Podesta",
            {"chairman of the campaign", "Clinton campaign"},
        ),
        # A modifier in "-ing" before a role noun belongs to the role.
        (
            'Tom Clarke, a nursing home owner, bought mines. "It works," Clarke said.',
            "Tom Clarke",
            {"nursing home owner"},
        ),
    ],
)
def test_roles_read_past_spaces_parties_coordination_and_determiners(text, speaker, expected):
    assert affiliations_of(text)[speaker] == expected


@pytest.mark.parametrize(
    "text, speaker, expected",
    [
        # A party word without a role still says the party: as an appositive, or before an allegiance noun.
        (
            'The race is close. Clinton, a Democrat, said she would win. "Yes," Clinton said.',
            "Clinton",
            {"Democratic Party"},
        ),
        ('Democratic rival Hillary Clinton said so. "Yes," Clinton said.', "Hillary Clinton", {"Democratic Party"}),
        # A capitalised word after a role's lower-case head opens another role.
        (
            'Vatican spokesman the Rev. Federico Lombardi said so. "Yes," Lombardi said.',
            "Federico Lombardi",
            {"Vatican spokesman", "Rev.", "reverend"},
        ),
        (
            'Pentagon spokesman Navy Capt. Jeff Davis said so. "Yes," Davis said.',
            "Jeff Davis",
            {"Pentagon spokesman", "Navy Capt.", "Navy captain"},
        ),
    ],
)
def test_parties_and_roles_side_by_side_are_read_apart(text, speaker, expected):
    assert affiliations_of(text)[speaker] == expected


@pytest.mark.parametrize(
    "text, speaker, expected",
    [
        (
            'Cape Breton Will Welcome American Refugees Fleeing President Donald Trump said no. "No," Trump said.',
            "Donald Trump",
            {"President"},
        ),
        (
            'DEADLY ISTANBUL EXPLOSION Turkish President Recep Tayyip Erdogan said so. "Go," Erdogan said.',
            "Recep Tayyip Erdogan",
            {"Turkish President"},
        ),
        ('BushASSOCIATED PRESSOhio Gov. John Kasich said no. "No," Kasich said.', "John Kasich", {"Gov.", "governor"}),
    ],
)
def test_a_headline_run_before_a_name_is_no_organisation(text, speaker, expected):
    """Title-case headlines, kickers in capitals and words a page ran together stop the role phrase
    read back from a name: only the role itself is kept."""
    assert affiliations_of(text)[speaker] == expected


@pytest.mark.parametrize(
    "text, speaker, expected",
    [
        # A role noun heading an appositive, past a relative clause.
        (
            'Keith Hutto, a plumbing contractor who attended the rally, blamed Bush. "It went bad," Hutto said.',
            "Keith Hutto",
            {"plumbing contractor"},
        ),
        # A modifier in "-ing" that a reporting verb shares ("writing") still modifies the role noun.
        (
            'Ann Lee, a creative writing professor, disagreed. "Not so," Lee said.',
            "Ann Lee",
            {"creative writing professor"},
        ),
        # An owner before a name is no part of the name: "The Huffington Post’s Scott Conroy".
        (
            'Last month, The Huffington Post’s Scott Conroy asked Sanders. "It is fair," Conroy said.',
            "Scott Conroy",
            {"Huffington Post"},
        ),
        # Words describing an organisation are not its name, and the role ends before it.
        (
            'Colin Clarke, a political scientist at the government-funded Rand Corporation, agreed. "Yes," he said.',
            "Colin Clarke",
            {"political scientist", "Rand Corporation"},
        ),
    ],
)
def test_roles_read_from_open_class_nouns_owners_and_described_organisations(text, speaker, expected):
    assert affiliations_of(text)[speaker] == expected


def test_an_appositive_without_a_role_word_is_not_read():
    """may_head_role is a necessary test: what it refuses, phrase_statements would find nothing in."""
    from ingest.rules.rolephrases import appositive_statements, may_head_role, phrase_statements

    for segment in ("53", "meanwhile", "who said", "a plumbing contractor", "Sen.", "a Democrat", "the House Speaker"):
        words = segment.split()
        if not may_head_role(words):
            assert not phrase_statements(segment, frozenset())
        assert bool(appositive_statements(segment, frozenset())) == bool(phrase_statements(segment, frozenset()))
    assert not may_head_role("who said".split())
    assert may_head_role("a plumbing contractor".split())


@pytest.mark.parametrize(
    "text, speaker, expected",
    [
        # Capitalised role words are a role, not an organisation.
        (
            'Time’s Assistant Managing Editor Sam Jacobs said so. "Yes," Jacobs said.',
            "Sam Jacobs",
            {"Assistant Managing Editor"},
        ),
        # Where a person works or comes from is a place, not an organisation, without an organisation's word.
        (
            'Kevin McKinley, a financial adviser in Eau Claire, said so. "Yes," McKinley said.',
            "Kevin McKinley",
            {"financial adviser"},
        ),
        (
            'Jeff Smith, an analyst in the State Department, said so. "Yes," Smith said.',
            "Jeff Smith",
            {"analyst", "State Department"},
        ),
        # A common noun in capitals is no organisation.
        (
            'Paul Lindsay, a spokesman for the Bush super PAC, said so. "Yes," Lindsay said.',
            "Paul Lindsay",
            {"spokesman for the Bush super PAC"},
        ),
    ],
)
def test_role_words_places_and_common_nouns_in_capitals_are_no_organisation(text, speaker, expected):
    assert affiliations_of(text)[speaker] == expected


def test_an_abbreviated_title_is_stored_with_the_office_it_names():
    """ "Massachusetts Sen. Elizabeth Warren" and "the Massachusetts senator" say one role."""
    from ingest.rules.roles import office_role

    assert office_role("Massachusetts Sen.") == "Massachusetts senator"
    assert office_role("Rep.") == "representative"
    assert office_role("campaign chairman") is None


@pytest.mark.parametrize(
    "text, speaker, expected",
    [
        # "who served as" says what the person was; a time after a role is no part of it.
        (
            'Derek Mitchell, who served as U.S. ambassador to Burma from 2012 until May, agreed. "Yes," he said.',
            "Derek Mitchell",
            {"U.S. ambassador to Burma"},
        ),
        # A lower-case organisation's noun inside a role before a name ("police chief").
        (
            '"We will achieve justice," Tulsa police Chief Chuck Jordan said Monday.',
            "Chuck Jordan",
            {"Tulsa police Chief"},
        ),
    ],
)
def test_roles_after_served_as_end_before_a_time(text, speaker, expected):
    assert affiliations_of(text)[speaker] == expected


def test_a_party_and_a_place_before_a_role_are_the_party_not_an_organisation():
    found = affiliations_of('Republican South Carolina Sen. Lindsey Graham said so. "Yes," Graham said.')
    assert found["Lindsey Graham"] == {
        "Republican South Carolina Sen.",
        "Republican South Carolina senator",
        "Republican Party",
    }


def test_a_share_of_a_group_is_no_role():
    from ingest.rules.rolephrases import phrase_statements

    assert phrase_statements("15 percent of", frozenset()) == []


def test_a_role_before_a_comma_reads_past_an_abbreviation():
    text = 'Last week, the F.B.I. director, James B. Comey, recommended no charges. "None," Comey said.'
    assert affiliations_of(text)["James B. Comey"] == {"F.B.I. director"}


def test_an_organisations_office_before_a_role_is_part_of_the_role():
    found = affiliations_of('White House press secretary Josh Earnest said so. "Yes," Earnest said.')
    assert found["Josh Earnest"] == {"White House press secretary", "White House"}


@pytest.mark.parametrize(
    "text, speaker, expected",
    [
        (
            'White House hopeful Donald Trump said so. "Yes," Trump said.',
            "Donald Trump",
            {"White House hopeful"},
        ),
        ('U.S. Senate candidate Jane Fry said so. "Yes," Fry said.', "Jane Fry", {"U.S. Senate candidate"}),
        (
            'Green Party presidential candidate Jill Stein said so. "Yes," Stein said.',
            "Jill Stein",
            {"Green Party presidential candidate", "Green Party"},
        ),
    ],
)
def test_an_institution_a_candidate_seeks_to_join_is_no_organisation_of_theirs(text, speaker, expected):
    assert affiliations_of(text)[speaker] == expected


def test_a_headline_verb_stops_a_role_and_an_organisations_word_does_not():
    found = affiliations_of('Donald Trump Finally Endorses House Speaker Paul Ryan in a speech. "Yes," Ryan said.')
    assert found["Paul Ryan"] == {"House Speaker"}
    found = affiliations_of('Washington Post reporter Bob Woodward said so. "Yes," Woodward said.')
    assert found["Bob Woodward"] == {"Washington Post reporter", "Washington Post"}
    # a capitalised role modifier that is an organisation's word ("News") opens no new sentence
    found = affiliations_of('Donald Trump spoke to Fox News anchor Chris Wallace. "Yes," Wallace said.')
    assert found["Chris Wallace"] == {"Fox News anchor", "Fox News"}


def test_a_first_name_of_the_other_gender_names_someone_else():
    """ "Mr. Obama and the first lady, Michelle Obama": Michelle is not the speaker's first name."""
    text = (
        '"It is on the ballot," Mr. Obama said. Mr. Obama and the first lady, Michelle Obama, spoke. '
        '"Vote," Mr. Obama said.'
    )
    assert "first lady" not in affiliations_of(text).get("Obama", set())


@pytest.mark.parametrize(
    "text, speaker, expected",
    [
        # Where a person lives is no part of what they are; how old they are neither.
        (
            'Mark Johnson, a 55-year-old salesman from Sumter, South Carolina, agreed. "Yes," Johnson said.',
            "Mark Johnson",
            {"salesman"},
        ),
        ('Carole Bower, a retiree in Carthage, agreed. "Yes," Bower said.', "Carole Bower", {"retiree"}),
        # An office held for a place keeps the place it is of.
        (
            'Bernie Sanders, the independent senator from Vermont, agreed. "Yes," Sanders said.',
            "Bernie Sanders",
            {"independent senator from Vermont"},
        ),
    ],
)
def test_where_a_person_lives_and_their_age_are_no_part_of_their_role(text, speaker, expected):
    assert affiliations_of(text)[speaker] == expected


def test_an_organisation_after_a_name_governed_by_a_preposition_is_not_theirs():
    text = (
        'Mr. Tribe was a mentor to Mr. Obama at Harvard Law School. "It is done," Mr. Obama said. '
        'According to David Woodard of Clemson University, it is close. "Close," Woodard said.'
    )
    found = affiliations_of(text)
    assert "Harvard Law School" not in found.get("Obama", set())
    assert found["David Woodard"] == {"Clemson University"}


def test_a_party_word_beside_a_name_said_of_others_is_not_the_persons_party():
    text = (
        'Rubio, who has been called a Republican Obama, spoke first. "Yes," Obama said. '
        'On the Islamic State, Obama, Republican candidates aren\'t far apart. "No," Obama said.'
    )
    assert "Republican Party" not in affiliations_of(text).get("Obama", set())


def test_an_organisation_is_stored_under_its_full_name():
    text = 'Jonathan Barnett, the RNC committeeman from Arkansas, agreed. "Yes," Barnett said.'
    found = affiliations_of(text)["Jonathan Barnett"]
    assert "Republican National Committee" in found and "RNC" not in found


def test_a_plural_role_before_two_names_is_each_ones_role():
    text = (
        'Democratic presidential candidates Hillary Clinton and Bernie Sanders spoke. "Yes," Clinton said. '
        '"No," Sanders said. Delaware had Sens. Tom Carper and Chris Coons. "Maybe," Coons said.'
    )
    found = affiliations_of(text)
    assert (
        found["Hillary Clinton"] == found["Bernie Sanders"] == {"Democratic presidential candidate", "Democratic Party"}
    )
    assert found["Chris Coons"] == {"senator"}


def test_a_plural_noun_a_verb_governs_before_names_is_no_role():
    text = 'He told reporters Donald Trump and Ted Cruz were tied. "Yes," Trump said. "No," Cruz said.'
    found = affiliations_of(text)
    assert "reporter" not in found.get("Donald Trump", set()) | found.get("Ted Cruz", set())


def test_a_role_after_as_is_the_persons():
    text = (
        'Clinton chose Tim Kaine as the running mate. "Yes," Kaine said. With Donald Trump as the Republican '
        'nominee, donors left. "Sad," Trump said.'
    )
    found = affiliations_of(text)
    assert found["Tim Kaine"] == {"running mate"}
    assert found["Donald Trump"] == {"Republican nominee", "Republican Party"}


def test_fellow_before_a_name_says_of_the_same_kind_not_a_role():
    text = (
        'Fellow Republicans said he was wrong. "Wrong," Republicans said. Thomas Massie backed fellow Kentuckian '
        'Rand Paul. "Yes," Paul said. Michael McFaul, a senior fellow at the Hoover Institution, agreed. '
        '"No," McFaul said.'
    )
    found = affiliations_of(text)
    assert not found.get("Republicans")
    assert "fellow" not in found.get("Rand Paul", set())
    assert found["Michael McFaul"] == {"senior fellow", "Hoover Institution"}


def test_roles_are_noun_phrases_not_credits_negations_quotes_or_modifiers_alone():
    text = (
        "Getty ImagesRepublican presidential candidate Chris Christie spoke. “Enough,” Christie said. "
        "Neither Speaker Paul Ryan nor anyone else came. “No,” Ryan said. Former Ben Carson aide Armstrong "
        "Williams left. “Yes,” Carson said. Trump called Obama ''a real black president'' and ''weak.'' "
        "“Never,” Obama said."
    )
    found = affiliations_of(text)
    assert found["Chris Christie"] == {"Republican presidential candidate", "Republican Party"}
    assert found.get("Paul Ryan", set()) <= {"Speaker"}
    assert "Former" not in found.get("Ben Carson", set())
    assert not any("black president" in role for role in found.get("Barack Obama", set()) | found.get("Obama", set()))


def test_a_person_named_after_a_role_with_an_indefinite_article_holds_that_role():
    text = (
        "He caught the interest of a famous New York City entrepreneur named Donald Trump. “It was great,” Trump said."
    )
    assert affiliations_of(text)["Donald Trump"] == {"New York City entrepreneur"}


def test_a_lone_role_noun_opening_a_headline_is_no_role():
    text = "Lawmaker urges retaliation\n\n“Act now,” Rep. Adam Schiff said. “Soon,” Schiff said."
    assert "Lawmaker" not in affiliations_of(text).get("Adam Schiff", set())


def test_a_ranked_party_member_on_a_committee_holds_a_role_there():
    text = (
        "Rep. Adam Schiff of California, the top Democrat on the House Intelligence Committee, spoke. "
        "“Enough,” Schiff said. James Acton, co-director of the Nuclear Policy Program, agreed. "
        "“Yes,” Acton said. Mark Smith, a Democrat, did not. “No,” Smith said."
    )
    found = affiliations_of(text)
    assert {"top Democrat on the House Intelligence Committee", "House Intelligence Committee"} <= found["Adam Schiff"]
    assert "Democratic Party" in found["Adam Schiff"]
    assert "co-director of the Nuclear Policy Program" in found["James Acton"]
    assert found["Mark Smith"] == {"Democratic Party"}


def test_a_role_is_a_noun_phrase_never_a_clause_or_a_phrase_about_someone_else():
    text = (
        "Kellyanne Conway, a pollster for Mr. Trump and his running mate, Gov. Mike Pence of Indiana, will become "
        "the campaign manager. “Yes,” Pence said. Bernie Sanders, with the former secretary of state leading, "
        "spoke. “No,” Sanders said."
    )
    found = affiliations_of(text)
    assert not any(role.startswith("will") for role in found["Mike Pence"])
    assert not any(role.startswith("with") for role in found.get("Bernie Sanders", set()))
    # a cue's subject written with its sentence's connector: the role is the noun phrase after it
    assert [s.role for s in phrase_statements("But the star journalist", frozenset())] == ["star journalist"]


def test_a_role_ends_before_an_infinitive_a_time_and_a_reported_clause():
    text = (
        "Paul Ryan, the architect of his party's plan to rein in spending, spoke. “Yes,” Ryan said. "
        "Donald Trump, the Republican presidential nominee for the Nov. 8 election, spoke. “Win,” Trump said. "
        "Trump said Barack Obama was the founder of ISIS. “False,” Obama said."
    )
    found = affiliations_of(text)
    assert "architect of his party's plan" in found["Paul Ryan"]
    assert found["Donald Trump"] == {"Republican presidential nominee", "Republican Party"}
    assert not any("founder" in role for role in found.get("Barack Obama", set()))


def test_a_party_word_before_an_institution_is_the_party_and_the_institution_the_organisation():
    text = (
        "Republican U.S. House Speaker Paul Ryan spoke. “Yes,” Ryan said. Sarah Lee, a senior adviser to "
        "Ohio Gov. John Kasich, agreed. “Sure,” Lee said. “Fine,” Kasich said."
    )
    found = affiliations_of(text)
    assert {"U.S. House", "Republican Party"} <= found["Paul Ryan"]
    assert "Republican U.S. House" not in found["Paul Ryan"]
    assert not any("Gov John Kasich" in s for s in found["Sarah Lee"])


def test_a_party_plural_before_two_names_is_each_ones_party_and_two_titles_two_offices():
    text = (
        "On Monday, Democrats Hillary Clinton and Bernie Sanders debated. “Fine,” Clinton said. “Sure,” Sanders "
        "said. The vote came as panel Chairman Rep. Jason Chaffetz spoke. “Yes,” Chaffetz said. Retired Lt. Gen. "
        "Michael Flynn agreed. “Right,” Flynn said."
    )
    found = affiliations_of(text)
    assert "Democratic Party" in found["Hillary Clinton"] and "Democratic Party" in found["Bernie Sanders"]
    assert {"Chairman", "Rep.", "representative"} <= found["Jason Chaffetz"]
    assert "Chairman Rep." not in found["Jason Chaffetz"]
    assert "Retired Lt. Gen." in found["Michael Flynn"]


def test_a_body_before_its_office_stays_in_the_role_and_one_office_stays_one():
    text = (
        "On Tuesday, Senate Majority Leader Mitch McConnell spoke. “Yes,” McConnell said. Chief Justice John "
        "Roberts agreed. “Fine,” Roberts said. Green Party presidential candidate Jill Stein did not. “No,” Stein said."
    )
    found = affiliations_of(text)
    assert "Senate Majority Leader" in found["Mitch McConnell"]
    assert "Senate Majority" not in found["Mitch McConnell"]
    assert "Chief" not in found["John Roberts"]
    assert "Green Party" in found["Jill Stein"]


def test_an_organisation_is_no_place_no_work_no_clause_and_no_name_cut_short():
    text = (
        "Akhil Amar, author of ''America's Unwritten Constitution,'' spoke. “Yes,” Amar said. Jane Roe, a lawyer "
        "in Atlantic City, agreed. “Fine,” Roe said. Joe Scarborough, host of MSNBC’s “Morning Joe,” disagreed. "
        "“No,” Scarborough said. David Axelrod, the top strategist on Obama's 2008 and 2012 campaigns, smiled. "
        "“Maybe,” Axelrod said."
    )
    found = affiliations_of(text)
    assert not any("Constitution" in s for s in found["Akhil Amar"] if not s.startswith("author"))
    assert "Atlantic City" not in found["Jane Roe"]
    assert found["Joe Scarborough"] == {"host", "MSNBC"}
    assert found["David Axelrod"] == {"top strategist"}


def test_a_role_before_a_comma_reaches_past_titles_and_owners_and_a_relative_clause_names_what_one_leads():
    text = (
        "He came, joined by Trump's running mate, Indiana Gov. Mike Pence, at the rally. “Yes,” Pence said. "
        "The group's president, Mike Shields, agreed. “Fine,” Shields said. “It is,” said Luis Rubio, who heads "
        "the Center of Research for Development, a think tank. “Pray,” said Peter Wherry, of Mayfield Memorial "
        "Baptist Church, on Sunday."
    )
    found = affiliations_of(text)
    assert "running mate" in found["Mike Pence"] or "Trump's running mate" in found["Mike Pence"]
    assert "president" in found["Mike Shields"]
    assert "Center of Research for Development" in found["Luis Rubio"]
    assert "Mayfield Memorial Baptist Church" in found["Peter Wherry"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'Bernie Sanders won Michigan on Tuesday. The Vermont senator has struggled in the South. "We will win,"'
            " Sanders said.",
            {"Bernie Sanders": {"Vermont senator"}},
        ),
        (
            'Ted Cruz spoke on Monday. "We will win," Cruz said. The senator’s advisers were optimistic.',
            {"Ted Cruz": {"senator"}},
        ),
        # another state than the person's, a body the article never ties to them: someone else
        (
            'Texas Sen. Ted Cruz spoke on Monday. "We will win," Cruz said. The Florida senator has struggled.',
            {"Ted Cruz": {"Texas Sen.", "Texas senator"}},
        ),
        ('Ted Cruz spoke on Monday. "We will win," Cruz said. The CNN president has struggled in the South.', {}),
        # generic, followed by a noun, or naming the person in the same sentence: no description of them
        ('Hillary Clinton spoke in Ohio. "We will win," Clinton said. The next president should be a woman.', {}),
        ('Hillary Clinton spoke in Ohio. "We will win," Clinton said. The delegate lead for Clinton grew.', {}),
        ('Mitch McConnell spoke on Monday. "We will win," McConnell said. The senator met McConnell later.', {}),
    ],
)
def test_a_sentence_opening_with_a_description_says_what_the_person_named_before_it_is(text, expected):
    assert affiliations_of(text) == expected


def test_a_group_has_no_role_of_its_own():
    """ "Veteran Republicans said …": what the members are, not a role of the group Republicans."""
    record = process_article(Article(path="t.txt", text="Veteran Republicans said the party would lose the House."))
    assert [(s.name, s.kind) for s in record.speakers] == [("Republicans", "group")]
    assert record.affiliations == []
