"""Who said each quote is decided in one place: extract finds quotes, cues and mentions; resolve
continues speakers, reads mentions and sets the method."""

from __future__ import annotations

from ingest.models import Article, Paragraph
from ingest.pipeline import process_article
from ingest.rules.extract import extract_quotes
from ingest.rules.subjects import SHARED_SUBJECT, subject_before


def test_extract_leaves_a_quote_without_a_cue_of_its_own_to_resolve():
    text = "“We are going to win,” she said. “We are going to win this state by a lot.”"
    first, second = extract_quotes([Paragraph(0, text)])
    assert first.mention.text == "she" and second.mention is None
    assert first.method is None and second.method is None  # extract decides no method


def test_resolve_continues_a_speaker_within_a_paragraph_after_a_lead_in_and_across_paragraphs():
    text = (
        "Hillary Clinton said on Monday that she expected to win Ohio. She told the crowd:\n\n"
        "“We will win this state.” The crowd cheered.\n\n"
        "“And we will win the country,” she said. “Every vote counts in this election.”\n\n"
        "“Nobody can stop us now, nobody at all.”"
    )
    record = process_article(Article("continued", text))
    assert [(q.text, q.speaker_key, q.method) for q in record.quotes if q.kind == "direct"] == [
        ("We will win this state.", "Hillary Clinton", "pronoun"),  # the lead-in's "She"
        ("And we will win the country", "Hillary Clinton", "pronoun"),
        ("Every vote counts in this election.", "Hillary Clinton", "continuation"),
        ("Nobody can stop us now, nobody at all.", "Hillary Clinton", "continuation"),
    ]


def test_every_stored_quote_has_a_method_and_one_without_a_speaker_says_why():
    text = "“It was a long night,” the Around said.\n\n“Nobody expected that.”"
    record = process_article(Article("unresolved", text))
    assert all(q.method is not None for q in record.quotes)
    assert all(q.reason for q in record.quotes if q.speaker_key is None)


def test_a_verb_after_a_bare_and_shares_the_subject_before_it():
    masked = "Trump called the deal a disaster and said"
    found = subject_before(masked, 0, masked.rindex("said"))
    assert found == SHARED_SUBJECT and found.span is None
    named = subject_before("Ahmad Zaman, another resident, told", 0, len("Ahmad Zaman, another resident, "))
    assert named.span == (0, len("Ahmad Zaman, another resident")) and not named.shared
