"""Extraction on real text: the seed article and PolNeAR sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.models import Article, Paragraph
from ingest.pipeline import process_article
from ingest.rules.extract import extract_quotes
from ingest.rules.quotemarks import detect_quote_style, find_quote_spans

from .conftest import SEED


@pytest.fixture(scope="module")
def seed():
    return process_article(Article("seed", SEED.read_text(encoding="utf-8")))


def quote_starting(record, words: str, kind: str = "direct"):
    matches = [q for q in record.quotes if q.text.startswith(words) and q.kind == kind]
    assert matches, f"no {kind} quote starting {words!r}"
    return matches[0]


@pytest.mark.parametrize(
    "words, speaker, method",
    [
        ("I don’t like leaving friends in need", "Austin Scott Miller", "pronoun"),
        ("The Taliban are on the move. War", "Austin Scott Miller", "continuation"),
        ("The Taliban have cut off all gates", "Abdul", "explicit"),
        ("The situation is really bad", "Ahmad Zaman", "explicit"),
        ("We (heard) some rumor", "Mir Asadullah Kohistani", "explicit"),
        ("At first we thought", "Abdul Raouf", "explicit"),
        ("In one night, they lost", "Naematullah", "explicit"),
        ("We have to solve our problem", "Mir Asadullah Kohistani", "pronoun"),
        ("Our forces are being organised", "Fawad Aman", "continuation"),
        ("Afghan forces have lost their morale", "Atta Noori", "explicit"),
        ("We are trying to do the best", "Mir Asadullah Kohistani", "pronoun"),
        ("Many of the districts", "Andrew Watkins", "explicit"),
        ("He was the creature", "a Western diplomat in Kabul", "anonymous"),
        ("I doubt if the Taliban", "Asad Durrani", "continuation"),
        ("All over Afghanistan", "Zaid Hamid", "embed"),
    ],
)
def test_seed_direct_quotes_have_their_speaker(seed, words, speaker, method):
    quote = quote_starting(seed, words)
    assert (quote.speaker_key, quote.method) == (speaker, method)


def test_apostrophes_do_not_end_quotes(seed):
    quote = quote_starting(seed, "We (heard) some rumor")
    assert quote.text.endswith("they had already left Bagram")  # o’clock inside, Bagram’s outside


def test_scare_quotes_in_captions_get_no_speaker(seed):
    attributed = {q.text for q in seed.quotes if q.speaker_key}
    assert "forgiving" not in attributed and "weakness" not in attributed


def test_mixed_fragment_takes_the_paraphrase_speaker(seed):
    fragment = quote_starting(seed, "good neighbourliness")
    assert fragment.speaker_key == "Tajikistan" and fragment.mixed


@pytest.mark.parametrize(
    "words, speaker",
    [
        ("he was shocked by how quickly", "Austin Scott Miller"),
        ("commandos had been deployed", "sources"),
        ("the Americans slipped out in the night", "Afghan army"),
        ("Within 20 minutes of the U.S.", "Abdul Raouf"),
        ("The sudden darkness was like a signal", "Abdul Raouf"),
        ("they will retain a 1,000-strong force", "US"),
    ],
)
def test_seed_indirect_speech(seed, words, speaker):
    assert quote_starting(seed, words, "indirect").speaker_key == speaker


def test_noun_homographs_and_passives_are_not_cues(seed):
    indirect = [q for q in seed.quotes if q.kind == "indirect"]
    cues = {q.cue for q in indirect}
    assert not cues & {"fears", "charge", "counter", "promises", "telling"}
    assert not any("isolated" in q.text for q in indirect)  # "Ghani is said to be increasingly isolated"


def test_according_to_at_the_end():
    paragraph = Paragraph(
        0, "The base was looted overnight by hundreds of people, according to Afghan military officials."
    )
    (quote,) = extract_quotes([paragraph])
    assert quote.text == "The base was looted overnight by hundreds of people"
    assert quote.mention.text == "Afghan military officials" and quote.kind == "indirect"


def test_stance_verbs_report_their_object_up_to_the_clause_end():
    paragraph = Paragraph(
        0,
        "Wisconsin Gov. Scott Walker endorsed the bipartisan deal and has appeared at rallies. "
        "His Republican support remains consistent. Clinton mocked the complaint, saying it was silly.",
    )
    quotes = extract_quotes([paragraph])
    stance = [q for q in quotes if q.cue == "endorsed"]
    assert [q.text for q in stance] == ["the bipartisan deal"]
    assert stance[0].mention.name == "Scott Walker"
    assert not any(q.cue == "support" for q in quotes)  # a noun after a possessive and a modifier
    (saying,) = [q for q in quotes if q.cue == "saying"]
    assert saying.mention.text == "Clinton"  # a participle after the object takes the verb's subject


@pytest.mark.parametrize(
    ("text", "speaker", "reported"),
    [
        (
            "The Supreme Court justice -- who has been in a scuffle with the nominee -- said she regretted it.",
            "The Supreme Court justice",
            "she regretted it",
        ),
        (
            "Beck, who supported Sen. Ted Cruz, last week said Trump was seeking votes.",
            "Beck",
            "Trump was seeking votes",
        ),
        ("Nicky Driscoll, 24, from Manchester, who said Sanders is best suited to win.", "Nicky Driscoll", None),
        ("Asked whether he would counsel Clinton, Reid said he would not give her advice.", "Reid", None),
        ("About three in 10 said they prefer a more liberal agenda.", "About three in 10", None),
        ("More than six in 10 said they were not looking forward to the campaign.", "six in 10", None),
        ("Despite the negative sheen, local officials said they welcome the attention.", "local officials", None),
        ("Trump netted huge fees, but his campaign said he halted all paid speeches.", "his campaign", None),
        ("In the deposition, Mr. Trump said his net worth could fluctuate with his feelings.", "Mr. Trump", None),
        (
            "North Carolina has faced a backlash from gay rights groups and business leaders who said the law "
            "targets gay people.",
            "business leaders",
            None,
        ),
    ],
)
def test_subjects_across_asides_relative_clauses_and_approximations(text, speaker, reported):
    (quote,) = [q for q in extract_quotes([Paragraph(0, text)]) if q.cue == "said"]
    assert quote.mention.text == speaker
    assert quote.text == (reported or text[text.index(" said ") + 6 : -1])


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (
            "Eric Garner, gasping facedown on a sidewalk in Staten Island, said “I can't breathe.”",
            "said",
            "Eric Garner",
        ),
        ("The statement also referenced the impact it said Clinton would have on women.", "said", "it"),
        (
            "Dean, a former party chairman, poked at Trump's sniffing, tweeting, “Notice Trump sniffing all the time.”",
            "tweeting",
            "Dean",
        ),
    ],
)
def test_the_speaker_is_not_a_participle_phrase_or_a_predicate(text, cue, speaker):
    said = [q.mention.text for q in extract_quotes([Paragraph(0, text)]) if q.cue == cue]
    assert said == [speaker]


def test_a_quote_after_a_colon_belongs_to_the_name_opening_the_clause():
    text = "Senate Majority Leader Mitch McConnell delivered a blunt message to Trump: “It's time to quit.”"
    (quote,) = extract_quotes([Paragraph(0, text)])
    assert quote.text == "It's time to quit." and quote.mention.name == "Mitch McConnell" and quote.cue == ":"
    (sign,) = extract_quotes([Paragraph(0, "The answer was simple: “Trump for president in 2016 and beyond.”")])
    assert sign.mention is None


def test_a_cue_inside_its_sentence_reports_all_of_it():
    text = "He may not electrify a room the way he once did, aides say, but he is still an effective advocate."
    (quote,) = extract_quotes([Paragraph(0, text)])
    assert quote.mention.text == "aides" and quote.text.startswith("He may not electrify")
    assert quote.text.endswith("he is still an effective advocate")


def test_a_transcript_line_belongs_to_its_speaker_label():
    line = "BENENSON: Senator Sanders doesn’t get to decide when we debate."
    (quote,) = extract_quotes([Paragraph(0, line)])
    assert quote.text == "Senator Sanders doesn’t get to decide when we debate." and quote.mention.text == "BENENSON"
    assert extract_quotes([Paragraph(0, "The Latest: Trump wins the Nevada caucuses by a wide margin.")]) == []
    (turn,) = extract_quotes([Paragraph(0, '"PENCE:  Well, look, Mark Cuban has been out there saying tough stuff.')])
    assert turn.text.startswith("Well, look,") and turn.mention.text == "PENCE"


def test_a_closing_mark_turned_the_wrong_way_still_opens_a_quote():
    text = "”Fortunately, Mr. Trump is transparent with his xenophobia.” ― Beck Pimentel"
    (quote,) = extract_quotes([Paragraph(0, text)])
    assert (
        quote.text == "Fortunately, Mr. Trump is transparent with his xenophobia."
        and quote.mention.name == "Beck Pimentel"
    )


def test_a_quote_nested_in_a_quote_stays_inside_it():
    text = "“I’d rather live in what he calls “hell” than live in a world with him.” ― Adriana Rodarte"
    (quote,) = extract_quotes([Paragraph(0, text)])
    assert quote.text.endswith("a world with him.") and quote.mention.name == "Adriana Rodarte"


def test_a_name_after_a_dash_credits_the_quote_before_it():
    paragraph = Paragraph(
        0, "“Donald Trump scares me.” ― Krystal Correa “He can’t even answer a question.” ― Esther Tapia"
    )
    quotes = extract_quotes([paragraph])
    assert [(q.text, q.mention.name) for q in quotes] == [
        ("Donald Trump scares me.", "Krystal Correa"),
        ("He can’t even answer a question.", "Esther Tapia"),
    ]


def test_straight_double_quotes_with_inverted_cue():
    paragraph = Paragraph(0, '"Subpoenas are not optional," panel Chairman Rep. Jason Chaffetz (R-Utah) said Tuesday.')
    (quote,) = extract_quotes([paragraph])
    assert quote.text == "Subpoenas are not optional" and "Jason Chaffetz" in quote.mention.text


def test_quote_style_is_decided_per_document():
    texts = ["‘We are here,’ he said.", "It’s the militants’ strongholds."]
    assert detect_quote_style(texts) == "single"
    assert [s.start for s in find_quote_spans(texts[1], "single")] == []


def test_two_straight_single_marks_are_one_double_mark():
    text = "Has the storm passed? ''I hope so,'' Mrs. Clinton said. ''There's always something that can come at you.''"
    quotes = process_article(Article("marks", text)).quotes
    assert [(q.text, q.speaker_key, q.method) for q in quotes] == [
        ("I hope so", "Clinton", "explicit"),
        ("There's always something that can come at you.", "Clinton", "continuation"),
    ]


def test_a_quote_ending_in_a_full_stop_ends_its_sentence():
    text = (
        "Cross said he “may yet have to vote for her.” The GOP speechwriter said the deal-breaker on Trump "
        "was his proposal to ban Muslims."
    )
    direct, indirect = extract_quotes([Paragraph(0, text)])
    assert direct.text == "may yet have to vote for her." and direct.mention.text == "Cross"
    assert indirect.text == "the deal-breaker on Trump was his proposal to ban Muslims"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list("ab A,.:;’'‘“”\"—said he told Trump that\n")), max_size=80), max_size=4
    )
)
def test_offsets_always_index_the_paragraph(texts):
    paragraphs = [Paragraph(i, t) for i, t in enumerate(texts)]
    for quote in extract_quotes(paragraphs):
        text = paragraphs[quote.paragraph_position].text
        assert 0 <= quote.start <= quote.end <= len(text)
        assert quote.text == text[quote.start : quote.end]


def test_she_resolves_to_the_most_recent_woman_not_the_most_recent_man():
    text = (
        "“We are going to win this one,” Hillary Clinton said on Monday.\n\n"
        "Mr. Trump told the crowd on Tuesday evening that he would win Ohio.\n\n"
        "“We are going to win the whole thing in November,” she said."
    )
    record = process_article(Article("gender", text))
    assert [(q.speaker_key, q.method) for q in record.quotes] == [
        ("Hillary Clinton", "explicit"),
        ("Trump", "explicit"),  # the most recent speaker, but a man
        ("Hillary Clinton", "pronoun"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "reported"),
    [
        ("Kelly Schmdit told POLITICO she was leaning toward Cruz.", "Kelly Schmdit", "she was leaning toward Cruz"),
        ("Party leaders see him as an invaluable asset.", "Party leaders", "him as an invaluable asset"),
        ("Democrats are confident that Clinton will win.", "Democrats", "Clinton will win"),
        (
            "Protesters were frustrated that the police released only some of the video.",
            "Protesters",
            "the police released only some of the video",
        ),
        (
            "Asked by Matt Lauer whether she had practiced her speech, Melania Trump said no.",
            "Matt Lauer",
            "whether she had practiced her speech",
        ),
        (
            "He said he would consider naming Rep. Don Beyer (D-Va.), a former lieutenant governor.",
            "He",
            "he would consider naming Rep. Don Beyer (D-Va.)",
        ),
        # PolNeAR dev: a participle after a comma reports words of its own.
        (
            "Sen. David Perdue said he didn't believe those characterizations did Romney in in 2012, arguing that "
            "it was divisions in the Republican Party that were a bigger hurdle.",
            "Sen. David Perdue",
            "he didn't believe those characterizations did Romney in in 2012",
        ),
        # PolNeAR train: a share of a group and an approximate count as sources.
        ("Three-quarters said the same of Sanders.", "Three-quarters", "the same of Sanders"),
        (
            "But at least a dozen members of Congress told The Huffington Post she thinks the House is within reach.",
            "at least a dozen members of Congress",
            "she thinks the House is within reach",
        ),
        # PolNeAR train: the antecedent of a relative "that".
        (
            "The campaign took in $4.8 million last month, with a roster of donors that shows it has significantly "
            "expanded beyond the Ricketts family.",
            "roster of donors",
            "it has significantly expanded beyond the Ricketts family",
        ),
        # PolNeAR train: what a survey finds, with no "that" clause.
        (
            "A recent CNN survey found 90 percent support for background checks.",
            "A recent CNN survey",
            "90 percent support for background checks",
        ),
        # PolNeAR dev: a stance's object stops before when it was taken.
        ("Mr. Schultz generally supported Democrats during his time on MSNBC.", "Mr. Schultz", "Democrats"),
        (
            "Graham has championed lesbian and gay rights and extended benefits to gay couples.",
            "Graham",
            "lesbian and gay rights",
        ),
        (
            "Another RT America host, Abby Martin, had previously denounced the annexation in an on-air diatribe.",
            "Abby Martin",
            "the annexation",
        ),
        (
            "The Security Council condemned North Korea's latest ballistics missile launch as Pyongyang fired three "
            "missiles into the sea.",
            "The Security Council",
            "North Korea's latest ballistics missile launch",
        ),
        # PolNeAR dev: "he says" after a noun is a relative clause inside the report, not its end.
        (
            "He said he plans to put to good use the approximately $18 million he says he raised for his campaign.",
            "He",
            "he plans to put to good use the approximately $18 million he says he raised for his campaign",
        ),
        # PolNeAR train: negated cues.
        (
            "Trump’s campaign has not commented on the reason for canceling the interview.",
            "Trump’s campaign",
            "the reason for canceling the interview",
        ),
        ("Cook said Carter stopped the practice, but Cook did not say when.", "Cook", "Carter stopped the practice"),
        # An infinitive after the cue is what was promised, not a preposition's object; a contracted
        # auxiliary leaves its pronoun as the subject.
        (
            "Though he hasn’t traditionally been a major voice on immigration reform, Sanders promised to take "
            "bold action should he win the presidency.",
            "Sanders",
            "to take bold action should he win the presidency",
        ),
        # PolNeAR train: an aside between commas, an adverb among the auxiliaries, a plural head noun
        # with its prepositional phrase.
        (
            "The administration, for its part, expressed confidence it was holding the better political hand.",
            "The administration",
            "confidence it was holding the better political hand",
        ),
        (
            "Rival Republican candidates have long criticized Mr. Trump for once holding liberal views.",
            "Rival Republican candidates",
            "Mr. Trump for once holding liberal views",
        ),
        (
            "But advocates within the scientific community cite his voting record in the early 2000s.",
            "advocates within the scientific community",
            "his voting record in the early 2000s",
        ),
        (
            "And he’s predicting that the competition will become so fierce that it will become a problem.",
            "he",
            "the competition will become so fierce that it will become a problem",
        ),
    ],
)
def test_reported_words_leave_out_addressees_questions_and_glosses(text, speaker, reported):
    quotes = [q for q in extract_quotes([Paragraph(0, text)]) if q.kind == "indirect" and q.mention is not None]
    assert (quotes[0].mention.text, quotes[0].text) == (speaker, reported)


def test_an_adjective_of_conviction_needs_someone_holding_it():
    for text in ("It is certain that he will run.", "Make sure you vote."):
        assert [q for q in extract_quotes([Paragraph(0, text)]) if q.mention is not None] == []


def test_a_surname_said_is_not_a_cue_but_a_title_case_headline_verb_is():
    (quote,) = extract_quotes([Paragraph(0, "“The bridge will open in May,” said Omar Said, the city engineer.")])
    assert quote.mention.text == "Omar Said, the city engineer"
    (headline,) = extract_quotes([Paragraph(0, "Clinton Says Russians Hacked DNC")])
    assert (headline.mention.text, headline.text) == ("Clinton", "Russians Hacked DNC")


@pytest.mark.parametrize(
    ("lead_in", "following", "expected"),
    [
        # PolNeAR train (breitbart, San Bernardino): a reporter's words quoted in the next paragraph.
        (
            "Reporter Jomana Karadsheh says:",
            '"Well Anderson, according to the eyewitness up to about an hour ago he describes the situation '
            'there as a frontline."',
            ("direct", "Reporter Jomana Karadsheh"),
        ),
        # The same, set as a block quotation with no marks: reported words, not the writer's.
        (
            "In a 1963 speech, Wallace declared:",
            "Segregation now, segregation tomorrow, segregation forever.",
            ("indirect", "Wallace"),
        ),
    ],
)
def test_a_paragraph_ending_in_a_cue_and_colon_introduces_the_next(lead_in, following, expected):
    record = process_article(Article("lead-in", f"{lead_in}\n\n{following}\n\nThe clashes went on all night."))
    assert [(q.kind, q.mention.text, q.cue, q.paragraph_position) for q in record.quotes] == [(*expected, ":", 1)]


def test_an_infinitive_takes_the_subject_of_the_verb_it_hangs_on():
    # PolNeAR train: "support" has no subject of its own; "he decided" gives it one.
    text = "Bamberg, who is 28, said he decided to support Sanders after having a chance to talk with him."
    quotes = extract_quotes([Paragraph(0, text)])
    assert ("he", "support", "Sanders after having a chance to talk with him") in [
        (q.mention.text, q.cue, q.text) for q in quotes
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "about"),
    [
        # PolNeAR train: a reduced relative and a full passive; the agent after "by" holds the stance.
        (
            "The immigration bill, opposed by House Republicans, never became law.",
            "House Republicans",
            "The immigration bill",
        ),
        (
            "The move was hotly criticized by left-leaning economists and by centrist Democrats.",
            "left-leaning economists",
            "The move",
        ),
    ],
)
def test_a_passive_credits_the_agent_after_by(text, speaker, about):
    quotes = [(q.mention.text, q.text) for q in extract_quotes([Paragraph(0, text)]) if q.mention is not None]
    assert quotes == [(speaker, about)]


def test_a_subordinate_clause_opening_the_sentence_is_not_reported():
    # PolNeAR dev: "when …" sets the scene; what Mexico said is "enough", too short to store.
    text = "But when Congress cut funding for the pilot program two years later, Mexico said enough."
    assert [q for q in extract_quotes([Paragraph(0, text)]) if q.kind == "indirect"] == []


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        # A time phrase after a word that opens it is part of the words, not when they were said.
        (
            "The mayor said the building would be sold by the end of the year.",
            "the building would be sold by the end of the year",
        ),
        ("The forecaster said the heat will last until Friday.", "the heat will last until Friday"),
        ("Stumpf said the bank made $19 million in less than a year.", "the bank made $19 million in less than a year"),
        ("Officials said the plant would close in March of next year.", "the plant would close in March of next year"),
        # ... while a time phrase of its own still says when: "endorsed Trump last week".
        ("The governor said he would veto the bill on Monday.", "he would veto the bill"),
        # A stance verb's object is not cut after "the" by a word that opens a clause elsewhere.
        ("The senator issued the following statement.", "the following statement"),
        # A time phrase after "at" or "in" takes its preposition with it.
        ("Clinton and Trump cited the figure at last week's forum.", "the figure"),
        # A condition, cue and all, belongs to the report it follows; a clause of time says when it was made.
        ("Jones said the plan would fail if the courts said no.", "the plan would fail if the courts said no"),
        (
            "Graham called on Republicans to drop Trump after the mogul claimed the vote was rigged.",
            "Republicans to drop Trump",
        ),
    ],
)
def test_reported_words_end_where_a_reader_would_end_them(text, reported):
    quotes = [q for q in extract_quotes([Paragraph(0, text)]) if q.kind == "indirect" and q.mention is not None]
    assert quotes[0].text == reported
    assert quotes[0].text.split()[-1] not in {"the", "a", "of", "until", "than", "by", "before"}


def test_words_reported_inside_a_report_are_stored_once_each():
    text = "Mr. Clarke said he realized that the floods in Africa were caused by climate change."
    indirect = [q for q in extract_quotes([Paragraph(0, text)]) if q.kind == "indirect"]
    spans = [(q.start, q.end) for q in indirect]
    assert len(spans) == len(set(spans))
    outer = next(q for q in indirect if q.cue == "said")
    assert outer.text == "he realized that the floods in Africa were caused by climate change"
    assert outer.mention.text == "Mr. Clarke"
