"""Who said each quote is decided in one place: extract finds quotes, cues and mentions; resolve
continues speakers, reads mentions and sets the method."""

from __future__ import annotations

from ingest.models import Article, Paragraph
from ingest.pipeline import process_article
from ingest.rules.antecedents import article_author, publisher_of
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


def speakers_of(text: str) -> list[tuple[str, str | None, str | None]]:
    record = process_article(Article("article", text))
    return [(q.text, q.speaker_key, q.method) for q in record.quotes if q.kind == "direct"]


def attributions(text: str, opening: str) -> list[tuple[str | None, str | None]]:
    """Speaker and method of each of the article's quotes that open with these words."""
    record = process_article(Article("article", text))
    return [(q.speaker_key, q.method) for q in record.quotes if q.text.startswith(opening)]


def test_a_surname_two_people_share_goes_to_the_one_its_honorific_or_the_article_names_most():
    text = (
        "Hillary Clinton campaigned in Ohio on Monday, while former President Bill Clinton spoke in Iowa.\n\n"
        "“We are going to win this state,” Clinton said.\n\n"
        "“Nobody works harder than my wife,” Mr. Clinton said.\n\n"
        "“He is the best surrogate I could ask for,” Mrs. Clinton said.\n\n"
        "Hillary Clinton has led in every poll this month."
    )
    assert [(speaker, method) for _, speaker, method in speakers_of(text)] == [
        ("Hillary Clinton", "explicit"),
        ("Bill Clinton", "explicit"),
        ("Hillary Clinton", "explicit"),
    ]


def test_she_never_goes_to_a_man_named_with_a_mans_given_name():
    text = (
        "“It was a long trip from home,” said Donna Rawlings, 58. Chief Justice John G. Roberts spoke first.\n\n"
        "“I never thought I would see this day,” she said."
    )
    assert speakers_of(text)[-1][1:] == ("Donna Rawlings", "pronoun")


def test_an_honorific_of_the_other_gender_is_another_person_of_that_surname():
    # NYT style: the article names only Hillary Clinton in full, and "Mr. Clinton" is her husband.
    text = (
        "Hillary Clinton spoke in Ohio on Monday.\n\n"
        "“We are going to win this state,” Mrs. Clinton said.\n\n"
        "“Nobody works harder than my wife,” Mr. Clinton said.\n\n"
        "“He is the best surrogate I could ask for,” Mrs. Clinton said."
    )
    assert [speaker for _, speaker, _ in speakers_of(text)] == ["Hillary Clinton", "Mr. Clinton", "Hillary Clinton"]
    record = process_article(Article("honorifics", text))
    genders = {speaker.name: speaker.gender for speaker in record.speakers}
    assert genders == {"Hillary Clinton": "female", "Mr. Clinton": "male"}


def test_a_surname_alone_is_the_person_named_in_full_first_even_at_a_paragraphs_start():
    text = (
        "Donald Trump won the primary on Saturday.\n\n"
        "Melania Trump introduced him at the rally.\n\n"
        "“We will win in Nevada too,” Trump said."
    )
    assert speakers_of(text)[-1][1] == "Donald Trump"


def test_she_after_a_surname_nothing_genders_goes_to_the_woman_named_since():
    text = (
        "“The court is not a place for politics,” Trump said.\n\n"
        "Trump attacked Justice Ruth Bader Ginsburg on Wednesday, and the attack drew a reply from "
        "Senator Elizabeth Warren. She said he was unfit for the presidency."
    )
    assert attributions(text, "he was unfit") == [("Elizabeth Warren", "pronoun")]
    record = process_article(Article("unknown gender", text))
    assert {s.name: s.gender for s in record.speakers}["Trump"] is None  # no "she" for him


def test_the_narratives_pronouns_after_a_naming_give_a_speaker_a_gender_when_they_agree():
    text = (
        "Mike Pence spoke to a crowd of farmers, and later he praised them.\n\n"
        "“We will win this state,” Pence said.\n\n"
        "Pence later told his supporters that the race was close.\n\n"
        "Pat Riley, a voter, was not convinced. “He has not earned it,” Riley said. Riley then urged Pence "
        "to visit Toledo, though she was unsure he would."
    )
    record = process_article(Article("narrative", text))
    genders = {speaker.name: (speaker.gender, speaker.gender_evidence) for speaker in record.speakers}
    assert genders["Mike Pence"][0] == "male"
    # Riley's only pronoun follows another name ("Pence … she"), and "He" in her quote is someone else.
    assert genders["Pat Riley"] == (None, None)


def test_he_or_she_opening_words_reported_after_a_named_persons_cue_is_their_gender():
    text = (
        "Marley Anderson, 21, a junior from Las Vegas, said she turned out to support the senator.\n\n"
        "Kelly confronted him about crude remarks he had made.\n\n"
        "“It was fine,” Kelly said."
    )
    record = process_article(Article("reported", text))
    genders = {speaker.name: (speaker.gender, speaker.gender_evidence) for speaker in record.speakers}
    assert genders["Marley Anderson"] == ("female", 'pronoun "she" after the cue')
    assert "after the cue" not in (genders["Kelly"][1] or "")  # "he" follows a noun ("remarks"), not her cue


def test_a_reporting_verb_after_a_namings_appositive_introduces_its_pronoun():
    text = (
        "Other customers waited longer. Peter Morency, a Verizon customer based in Boston, said he was "
        "frustrated.\n\n“It took three hours,” Morency said."
    )
    record = process_article(Article("appositive", text))
    assert {s.name: s.gender for s in record.speakers}["Peter Morency"] == "male"


def test_he_opening_the_sentence_after_one_a_naming_opens_stands_for_that_person():
    opens = (
        "White House spokesman Josh Earnest spoke on Monday about the budget and the long call for "
        "fairness. He said the president hopes for relief.\n\n“We will see,” Earnest said."
    )
    assert {s.name: s.gender for s in process_article(Article("opens", opens)).speakers}["Josh Earnest"] == "male"
    # Quoted words between the naming and the next sentence's "He": the pronoun may be anyone's.
    quoted = "“He is no leader. We deserve better.” ― Adriana Rodarte “He lies. He is a bully.”"
    assert all(s.gender is None for s in process_article(Article("quoted", quoted)).speakers)


def test_the_narratives_pronouns_are_read_after_an_office_a_weekday_and_either_apostrophe():
    def genders(text):
        return {s.name: s.gender for s in process_article(Article("narrative", text)).speakers}

    office = (
        "The plan was shown by Speaker of the House Newt Gingrich’s inclusion of it in his 1994 contract.\n\n"
        "“It was a promise,” Gingrich said."
    )
    assert genders(office)["Newt Gingrich"] == "male"
    apostrophes = (
        "“We will find them,” Commissioner James O’Neill said.\n\n"
        "“The cause has not been determined,” said O'Neill, on what was his first full day on the job."
    )
    assert genders(apostrophes)["James O’Neill"] == "male"
    weekday = "“Europe must defend itself,” French President Francois Hollande said Friday as he entered the talks."
    assert genders(weekday)["Francois Hollande"] == "male"


def test_a_name_that_says_whose_role_the_next_name_holds_is_not_the_sentences_subject():
    text = (
        "“We will win,” Hillary Clinton said in Ohio on Thursday.\n\n"
        "Clinton communication director Jennifer Palmieri said Trump is reduced to insults. “You could "
        "dismiss these actions, but this man is running to be president,” she said."
    )
    assert attributions(text, "You could dismiss") == [("Jennifer Palmieri", "pronoun")]


def test_a_publication_given_as_the_source_is_its_publishers_words():
    text = (
        "Trump leads the field in South Carolina. A CNN/ORC poll released on Tuesday found that he leads "
        "by 16 points.\n\n"
        "A review by The Times found that the jet would have cost more than twice as much.\n\n"
        "A new poll found that voters are undecided."
    )
    assert attributions(text, "he leads") == [("CNN/ORC", "document")]
    assert attributions(text, "the jet") == [("Times", "document")]
    assert attributions(text, "voters are") != [("CNN/ORC", "document")]  # no publisher named: not the last one
    assert publisher_of("A President Obama study") is None  # a person's title: no publisher
    assert publisher_of("a study by Lily Batchelder") == ("Lily Batchelder", "person")


def test_a_family_name_written_first_joins_the_one_full_name_the_article_gives_it():
    text = (
        "U.N. Secretary-General Ban Ki-moon addressed the assembly on Tuesday.\n\n"
        "“We cannot wait any longer,” Ban said. “The climate will not wait,” Ban added.\n\n"
        "Officials in New York-based groups agreed. “It was a fine speech,” Park said."
    )
    record = process_article(Article("family", text))
    assert {q.speaker_key for q in record.quotes if q.text.startswith(("We cannot", "The climate"))} == {"Ban Ki-moon"}
    speaker = next(s for s in record.speakers if s.name == "Ban Ki-moon")
    assert (
        speaker.alias_reasons["Ban"]
        == "family name of Ban Ki-moon, the only person of that family name the article names"
    )
    assert "Park" in {s.name for s in record.speakers}  # no full name written family name first: as written


def test_a_description_naming_a_body_is_no_one_the_article_does_not_tie_to_it():
    text = (
        "President Donald Trump said he would not show up unless he is paid.\n\n"
        "“We do not pay candidates,” said Jeff Zucker, who runs the network.\n\n"
        "On Thursday, the CNN president also addressed the network’s rivalry with Fox News."
    )
    assert attributions(text, "the network’s rivalry") != [("Donald Trump", "description")]


def test_a_pronoun_no_one_before_it_can_stand_for_is_the_one_person_of_its_gender_quoted():
    lead = (
        "For months she had watched the news alone, she said, and the doctors were wrong.\n\n"
        "“It never crossed my mind that I was losing it,” Melanie said. Melanie said she had voted for him."
    )
    assert attributions(lead, "and the doctors") == [("Melanie", "pronoun")]
    # Two other women quoted: the lead's "she" may be any of them.
    three = lead + "\n\n“She is fine,” Jane Roe said. “We talk every day,” Mary Doe said."
    assert attributions(three, "and the doctors") == [(None, "unresolved")]


def test_a_first_name_given_as_a_named_persons_kin_takes_their_surname():
    text = (
        "Hillary Clinton campaigned in Manchester on Monday.\n\n"
        "Clinton's husband, Bill, accused Sanders's followers of sexism in a speech Sunday."
    )
    assert attributions(text, "Sanders's followers") == [("Bill Clinton", "explicit")]
    # A supporter is no kin: no surname shared.
    other = "Hillary Clinton campaigned.\n\nClinton's supporter, Bill, accused Sanders's followers of sexism."
    assert attributions(other, "Sanders's followers") != [("Bill Clinton", "explicit")]


def test_the_narratives_i_is_the_author_a_closing_contributors_note_names():
    body = (
        "Political pundits are shocked that Donald Trump is leading in the polls.\n\n"
        "Barack Obama promised change. In 2010 I argued that we could create 700,000 jobs in seven years.\n\n"
    )
    opinion = body + "Rick Scott is the Republican governor of Florida."
    assert attributions(opinion, "we could create") == [("Rick Scott", "pronoun")]
    assert article_author("…\nRep. Raul Grijalva, D-Ariz., was an early backer of Bernie Sanders.") == "Raul Grijalva"
    # A closing paragraph of news says what someone is doing: no contributor's note.
    news = body + "Gov. John Kasich is polling a distant third."
    assert attributions(news, "we could create") != [("John Kasich", "pronoun")]
    assert article_author("…\nNew York Gov. Andrew Cuomo is currently pushing for a higher wage.") is None


def test_a_clause_given_as_the_source_names_a_person_the_article_names_in_full_as_its_subject():
    role_led = (
        "Hillary Clinton and Bernie Sanders met in Iowa.\n\n"
        "Democratic presidential nominee Hillary Clinton chimed in on Twitter, saying the video was troubling."
    )
    assert attributions(role_led, "the video") == [("Hillary Clinton", "explicit")]
    surname = (
        "The debate was held in Iowa, where Bernie Sanders and Hillary Clinton spoke.\n\n"
        "Sanders spent much of his campaign railing against superdelegates and the banks."
    )
    assert attributions(surname, "superdelegates") == [("Bernie Sanders", "explicit")]


def test_a_description_names_the_one_person_the_article_states_it_of():
    text = (
        "Indiana Gov. Mike Pence campaigned in Ohio with Sen. Rob Portman on Friday.\n\n"
        "“We are going to win Ohio in November,” Portman said.\n\n"
        "“This election is about jobs and nothing else,” the Indiana governor said."
    )
    assert speakers_of(text)[-1][1:] == ("Mike Pence", "description")


def test_a_description_tied_to_a_body_the_person_is_never_stated_of_is_not_placed_on_them():
    lead = (
        "Republican presidential candidate Donald Trump spoke in Iowa on Monday.\n\n"
        "“We will win this state,” Trump said.\n\n"
    )
    anchor = lead + "“That is simply not true at all,” the CNN anchor said."
    assert speakers_of(anchor)[-1][1] == "the CNN anchor"  # not Trump: nothing ties him to CNN
    businessman = lead + "“That is simply not true at all,” the New York businessman said."
    assert speakers_of(businessman)[-1][1:] == ("Donald Trump", "description")  # a place ties no one


def test_a_description_no_one_is_stated_to_be_stays_an_unnamed_source():
    text = (
        "“We are going to win Ohio in November,” Rob Portman said on Friday.\n\n"
        "“Campaign aides never talk about that,” the campaign aides said."
    )
    assert speakers_of(text)[-1][1] != "Rob Portman"


def test_a_description_quoted_before_anyone_is_the_person_the_lead_names_next():
    text = (
        "The former party chairman called for a contingency plan on Monday, the first senior figure to do so.\n\n"
        "“Now is the time for all good leaders to come together,” Don Fowler said in an interview.\n\n"
        "“I think the plan should be ready by tonight,” Fowler said."
    )
    assert attributions(text, "a contingency plan") == [("Don Fowler", "description")]


def test_a_party_tag_or_a_hometown_after_a_name_is_no_speaker():
    text = (
        "“The veto will be overridden,” Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday.\n\n"
        "“We fought for the nation's rights, and we knew it,” Johnnie Wilson, of Springfield, Va., said."
    )
    assert [speaker for _, speaker, _ in speakers_of(text)] == ["Mitch McConnell", "Johnnie Wilson"]


def test_a_pronoun_stands_for_the_person_its_sentence_names_first_or_the_sentence_before():
    text = (
        "“We will secure the border first,” Ted Cruz said.\n\n"
        "Chris Christie added that he would approve cross-border enforcement without Mexico's help. "
        "He also said he was working with the state's lawmakers on treatment programs.\n\n"
        "Senator John Cornyn said it was wrong for Ruth Bader Ginsburg to criticize "
        "Cruz. He said judges should not weigh in on elections."
    )
    assert attributions(text, "he was working with the state's lawmakers") == [("Chris Christie", "pronoun")]
    assert attributions(text, "judges should not weigh in") == [("John Cornyn", "pronoun")]
    genders = {speaker.name: speaker.gender for speaker in process_article(Article("subjects", text)).speakers}
    assert genders["Chris Christie"] == genders["John Cornyn"] == "male"


def test_a_clause_given_as_the_source_names_its_subject():
    text = (
        "“Wall Street is the problem,” Bernie Sanders said on Monday.\n\n"
        "Sanders instead delivered his standard campaign speech, decrying the influence of big money in politics.\n\n"
        "Sanders advisers said the campaign would go on."
    )
    assert attributions(text, "the influence of big money") == [("Bernie Sanders", "explicit")]
    assert attributions(text, "the campaign would go on")[0][0] != "Bernie Sanders"  # his advisers, not him


def test_a_description_several_people_fit_is_the_one_named_last_and_a_former_one_is_not_the_one():
    text = (
        "Ohio Gov. John Kasich and New Jersey Gov. Chris Christie debated on Saturday, with former "
        "President George W. Bush and President Barack Obama watching.\n\n"
        "“We need to talk about jobs,” Kasich said.\n\n"
        "Christie talked about drug treatment. The governor said crime had gone down by a fifth in his state.\n\n"
        "The president said the debate had been a good one."
    )
    assert attributions(text, "crime had gone down") == [("Chris Christie", "description")]
    assert attributions(text, "the debate had been a good one") == [("Barack Obama", "description")]


def test_a_party_member_described_by_the_party_is_the_person_the_article_quoted_last():
    text = (
        "“We will pass the budget,” House Speaker Paul Ryan said on Thursday.\n\n"
        "The Wisconsin Republican said the president's foreign policy had failed."
    )
    assert attributions(text, "the president's foreign policy") == [("Paul Ryan", "description")]


def test_a_polls_share_given_as_the_source_is_kept_as_written():
    text = "Voters were asked about the economy.\n\nAbout four in 10 said they were worried about jobs and wages."
    assert attributions(text, "they were worried") == [("About four in 10", "anonymous")]


def test_a_first_name_alone_is_the_one_person_the_article_names_in_full_with_it():
    text = (
        "Donald J. Trump grew up in Queens, the son of a builder.\n\n"
        "“Donald was always the competitive one,” his sister said.\n\n"
        "“I learned from my father,” Donald said in an interview."
    )
    record = process_article(Article("article", text))
    assert attributions(text, "I learned from my father") == [("Donald J. Trump", "explicit")]
    speaker = next(s for s in record.speakers if s.name == "Donald J. Trump")
    assert "Donald" in speaker.aliases and "first name of Donald J. Trump" in speaker.alias_reasons["Donald"]
    two = "Donald Trump and Donald Trump Jr. spoke in Ohio.\n\n“We will win,” Donald said."
    assert attributions(two, "We will win") == [("Donald", "explicit")]  # two Donalds: the text does not say


def test_a_name_is_kept_without_the_words_a_headline_put_before_it_or_a_sentences_full_stop():
    text = (
        "Neither Donald J. Trump nor his aides answered.\n\n"
        "“We are winning,” said Donald J. Trump.\n\n"
        "“The polls are wrong,” Neither Donald J. Trump said."
    )
    record = process_article(Article("article", text))
    names = {alias for speaker in record.speakers for alias in speaker.aliases}
    assert "Donald J. Trump" in names
    assert not any(name.startswith("Neither") or name.endswith(".") for name in names)


def test_a_surname_takes_the_full_name_with_its_suffix():
    text = (
        "Vice President Joseph R. Biden Jr. spoke in Ohio on Monday.\n\n"
        "“The middle class is hurting,” Vice President Joseph R. Biden Jr. said.\n\n"
        "“Tell that to the janitor,” Mr. Biden said."
    )
    record = process_article(Article("article", text))
    assert {q.speaker_key for q in record.quotes} == {"Joseph R. Biden Jr."}
    assert attributions(text, "Tell that to the janitor") == [("Joseph R. Biden Jr.", "explicit")]
