"""The scorer: gold loading, offset mapping from paragraphs back to the file, and the seed score."""

from __future__ import annotations

import pytest

from evaluation.entities import (
    EntityTally,
    Item,
    b_cubed,
    b_cubed_losses,
    jaccard,
    normalised_name,
    score_gender,
    score_split,
)
from evaluation.polnear import load_split, paragraph_offsets, polnear_root, read_brat
from evaluation.score import content_words, direct_match, indirect_match
from evaluation.seed import SEED_TEXT, load_seed
from ingest.models import Article
from ingest.pipeline import process_article


def test_paragraph_offsets_map_every_quote_back_to_the_file():
    text = SEED_TEXT.read_text(encoding="utf-8")
    record = process_article(Article("seed", text))
    maps = paragraph_offsets(text, [p.text for p in record.paragraphs])
    for quote in record.quotes:
        offsets = maps[quote.paragraph_position]
        in_file = text[offsets[quote.start] : offsets[quote.end - 1] + 1]
        assert " ".join(in_file.split()) == quote.text


def test_brat_reader_joins_discontinuous_content_and_flags_double_quotes():
    text = "“We won,” he said, “and we will win again.” Polls say he leads."
    ann = (
        "T1\tContent 1 7;19 42\tWe won … and we will win again.\n"
        "T2\tSource 10 12\the\nT3\tCue 13 17\tsaid\nT4\tAttribution 13 17\tsaid\n"
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
        "T5\tContent 54 62\the leads\nT6\tCue 50 53\tsay\nT7\tSource 44 49\tPolls\n"
        "E2\tAttribution:T6 Source:T7 Content:T5 Cue:T6\n"
    )
    direct, indirect = read_brat(ann, text)
    assert direct.content == [(1, 7), (19, 42)] and direct.source == "he" and direct.direct
    assert indirect.source == "Polls" and not indirect.direct


def test_matching_rules_follow_the_polnear_readme():
    gold = frozenset(range(10))
    assert direct_match(frozenset({1, 2, 3, 20, 21}), gold)  # 3 of 5 tokens inside
    assert not direct_match(frozenset({1, 2, 20, 21}), gold)
    assert indirect_match(frozenset(range(5)), gold)  # overlap 5 = half of the longer (10)
    assert not indirect_match(frozenset(range(4)), gold)
    assert content_words("Gen. Mir Asadullah Kohistani, Bagram’s new commander") >= {"kohistani", "commander"}
    assert "the" not in content_words("the Afghan army")


def test_seed_annotation_is_found_in_the_seed():
    text, gold, optional, scare = load_seed()
    assert sum(g.direct for g in gold) == 26
    assert [text[a:b] for a, b in scare] == ["forgiving", "weakness"]


def test_polnear_dev_loads_with_gold_direct_quotes(polnear):
    articles = load_split(polnear / "dev")
    assert len(articles) == 84
    attributions = [a for article in articles for a in article.attributions]
    direct = [a for a in attributions if a.direct]
    assert 0.2 < len(direct) / len(attributions) < 0.45


def test_seed_scores_perfectly_against_its_hand_annotation():
    from evaluation.__main__ import score_seed

    tally = score_seed()
    assert (tally.direct_found, tally.direct_gold, tally.direct_fp) == (26, 26, 0)
    assert tally.speaker_right == tally.speaker_total == 26
    assert tally.scare_attributed == 0
    assert tally.indirect_found >= 12 and tally.indirect_fp <= 1


def test_b_cubed_rewards_one_row_per_entity_and_punishes_splits_and_merges():
    def items(pairs):
        return [Item("a.txt", entity, "person", cluster, 1, "x", entity) for cluster, entity in pairs]

    assert b_cubed(items([("r1", "Trump"), ("r1", "Trump"), ("r2", "Clinton")])) == (1.0, 1.0)
    precision, recall = b_cubed(items([("r1", "Trump"), ("r2", "Trump")]))  # one person, two rows
    assert (precision, recall) == (1.0, 0.5)
    precision, recall = b_cubed(items([("r1", "Trump"), ("r1", "Clinton")]))  # two people, one row
    assert (precision, recall) == (0.5, 1.0)


def test_b_cubed_losses_name_each_error_class_and_sum_to_what_b_cubed_loses():
    def item(cluster, entity, name, method="explicit", kind="person", entity_type="person", reason=None):
        speaker_id = None if cluster.startswith("quote") else int(cluster.split()[-1])
        return Item("a.txt", entity, entity_type, cluster, speaker_id, name, entity, kind, method, reason)

    items = [
        *(item("speaker 1", "Donald Trump", "Donald Trump") for _ in range(4)),
        item("speaker 1", "Mike Pence", "Donald Trump", method="pronoun"),  # "he said" given to Trump
        *(item("speaker 2", "Mike Pence", "Mike Pence") for _ in range(2)),
        item("quote 9", "Mike Pence", None, method="unresolved", reason='not a name: "Likewise"'),
        item("speaker 3", "Donald Trump", "the candidate", kind="anonymous", method="anonymous"),
        item("speaker 4", "Donald Trump", "Trump"),
    ]
    losses = b_cubed_losses(items)
    assert set(losses) == {
        "row shared: pronoun",
        "on another entity's row: pronoun",
        "no speaker: not a name",
        "unplaced description or fragment",
        "person variants",
    }
    precision, recall = b_cubed(items)
    assert abs(sum(loss.precision for loss in losses.values()) - (1 - precision)) < 1e-9
    assert abs(sum(loss.recall for loss in losses.values()) - (1 - recall)) < 1e-9
    assert losses["person variants"].examples == {"Donald Trump: 'Trump' (a.txt)": 1}
    assert losses["no speaker: not a name"].examples == {'Mike Pence in a.txt: not a name: "Likewise"': 1}


def test_canonical_names_ignore_case_titles_initials_and_punctuation():
    assert normalised_name("Sen. Ted Cruz") == normalised_name("Ted Cruz")
    assert normalised_name("Donald J. Trump") == normalised_name("DONALD TRUMP")
    assert normalised_name("Trump") != normalised_name("Donald Trump")
    assert jaccard("campaign chairman", "Clinton campaign chairman") >= 0.5
    assert jaccard("Lower East Side", "campaign chairman") == 0


@pytest.mark.skipif(not (polnear_root() / "dev" / "text").is_dir(), reason="PolNeAR not beside the project")
def test_entity_score_of_dev_counts_items_and_roles():
    tally = score_split("dev", polnear_root() / "dev")
    assert tally is not None and len(tally.items) > 1000 and tally.role_stated > 500
    precision, recall = b_cubed(tally.items)
    assert 0 < precision <= 1 and 0 < recall <= 1


def test_gender_is_scored_only_where_the_article_states_it():
    tally = EntityTally()
    speaker_female = ("Jane Roe", "person", "female")  # name, kind, gender
    score_gender("Jane Roe", "a", {"gender": "unknown"}, speaker_female, tally)  # not scorable here
    score_gender("Jane Roe", "b", {"gender": "female"}, speaker_female, tally)  # right
    score_gender("John Doe", "b", {"gender": "female"}, ("John Doe", "person", "male"), tally)  # wrong
    score_gender("Sam Poe", "b", {"gender": "male"}, ("Sam Poe", "person", None), tally)  # missed
    assert (tally.gender_right, tally.gender_stored, tally.gender_stated) == (1, 2, 3)
