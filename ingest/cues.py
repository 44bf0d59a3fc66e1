"""Find attribution cues in a sentence: the reporting verb, the phrase that names its source, and
the span of what was reported.

Three shapes, tried in this order for each cue word:
- subject first: "Tajikistan said that the Afghans …", "Ahmad Zaman, another resident, told the paper: ‘…’"
- tail:          "‘…,’ he told ABC on Monday." / "The darkness was a signal, he said."
- inverted:      "‘…,’ said Abdul Raouf, a soldier." / "…, according to Afghan officials."

All offsets are into the paragraph. The sentence text given here is masked: quoted words are
replaced by 'X', so verbs inside quotes are never cues and sentence ends inside quotes are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon

# Words between a subject and its verb: "has also said", "later told", "reportedly wrote".
AUX = frozenset(
    "has have had will would could may might also later previously reportedly then once again repeatedly "
    "publicly recently just already often first last further privately separately earlier quickly "
    "simply flatly".split()
    # "he did say he found", "Cook did not say when": negated and emphatic forms are still the
    # speaker's cue.
    + "did does do not never didn't didn’t doesn't doesn’t don't don’t".split()
    # "have long criticized", "have both supported", "will all support": adverbs and floating quantifiers
    + "long now still even ever all both each".split()
)
# A subject never ends in these: "in charge of", "without telling", "mounting fears", "to counter".
NOT_SUBJECT_END = frozenset(
    "the a an of to for with without by from in on at into about as than and or but nor that this these "
    "those there here his her their its our my your some any no every each other mounting growing "
    "is are was were be been being not who which whose whom what when where why how".split()
)
# Words that show a phrase is a clause, not a noun phrase ("There are mounting", "Ghani is").
CLAUSE_WORDS = frozenset(
    "is are was were be been being do does did can should must 's ’s has have had will would could may might".split()
)
DETERMINERS = frozenset("a an the one another some two three four several many other both all most".split())
CONNECTORS = frozenset(
    "however meanwhile but and still yet also instead later earlier now so then indeed too though "
    "moreover furthermore nonetheless nevertheless separately".split()
)
CONJUNCTION = re.compile(
    r"\b(?:and|but|while|as|because|when|after|before|although|though|where|if|since|so|than|that|which|"
    r"who|whom|whose|what|whether|until|unless|once|or|meanwhile|however)\s+",
    re.IGNORECASE,
)
# A phrase opening with one of these is an adverbial ("at a later press gaggle", "After"), not a source.
PREPOSITIONS = frozenset(
    "at in on after before with without by from for of to into about compared like unlike despite during "
    "since until under over through across among between against toward towards upon within amid per via "
    "when while if although though because whether unless once where".split()
)
# "but called up 20,000 reservists": a second predicate of the same subject ends the reported clause.
SECOND_PREDICATE = re.compile(
    r",?\s+(?:but|and)\s+(?:then\s+|also\s+|later\s+)?[a-z]+ed\b"
    # … followed by what a verb takes ("and added that", "but called up"), not by a noun ("and unsettled weather")
    r"(?=[\s,.]*(?:$|[,.;]|(?:the|a|an|his|her|their|its|that|to|up|on|in|for|with|him|her|them|it|out|down|by|at|how|why|"
    r"what|whether|\d)\b))"
    # "…, while Clinton pushed policy", "…; hours later", "… - and her management": a new clause.
    r"|;"
    # "…, but the incident still provided": a contrast with a subject of its own.
    r"|,\s+but\s+(?=(?:the|a|an|his|her|their|its|he|she|they|it|[A-Z]\w*)\s)"
    # "… vast wealth and said it ensured …": a second speech verb is a report of its own; one before a
    # quotation may belong to the reported clause ("someone from the U.S. called … and said ‘…’").
    r"|,?\s+(?:but|and)\s+(?:then\s+|also\s+|later\s+|repeatedly\s+)?(?:said|says|told|tells|wrote|writes)\b"
    r"(?![\s,:]*[“\"‘']?X)"
    # "… was smart, although he again refused …": a concession is the writer's, not the report.
    r"|,\s+(?:although|though|whereas)\s"
    # "… action unconstitutional, his decision was overturned …": a clause with a subject of its own.
    r"|,\s+(?:and\s+)?(?:the|his|her|its|their)\s+(?:[\w’'-]+\s+){0,2}(?:was|is|were|are|has|have|had)\s"
)
# Punctuation, " - ", a closing mark after quoted words or an opening one before them. The pattern
# opens with one character class (the alternatives are told apart after it), so the regex engine
# skips straight to candidate characters.
HARD_BOUNDARY = re.compile(r"[;:\[\]“”\"—–\s’'‘](?:(?<=[;:\[\]“”\"—–])|(?<=\s)-\s|(?<=X[’'])|(?<=[‘'])(?=X))")
PARENTHETICAL = re.compile(r"\s*\([^()]{0,40}\)")
THAT = re.compile(r"(?:\s+[^\s,;:X]+){0,4}?\s+that\s+")
LEAD_IN = re.compile(r"\s*(?:[,:]\s*)?(?:that\s+)?")
TIME_WORDS = frozenset(
    "on in at during last this late early earlier later yesterday today tonight monday tuesday wednesday "
    "thursday friday saturday sunday morning afternoon evening night week month year statement interview "
    "a an the".split()
)
NAME_PARTICLES = frozenset("of the for and de da del der van von bin al el la le du y".split())
MAX_SUBJECT_WORDS = 12
NOT_A_SOURCE = frozenset("that this there instead however thus therefore hence otherwise".split())
MAX_LOWER_SUBJECT_WORDS = 6
QUANTITY_HEADS = frozenset("percent majority minority half third quarter most many all both others some few".split())
MAX_CONTENT = 1500  # characters: reported speech runs to the sentence end, but never further than this


@dataclass
class Cue:
    start: int  # the cue words ("has said", "according to")
    end: int
    mention_start: int
    mention_end: int
    content_start: int
    content_end: int
    shape: str  # subject | tail | inverted | according
    verb_class: str  # speech | framing | belief


def word_trie_pattern(words: list[str]) -> str:
    """A regex alternation factored by common prefixes, so matching a word costs its length, not the
    number of words in the list."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return f"(?:{body})?"
        return body

    return emit(trie)


def verb_classes() -> dict[str, str]:
    classes = {verb: "belief" for verb in lexicon.belief_verbs() | lexicon.belief_adjectives()}
    classes |= {verb: "framing" for verb in lexicon.framing_verbs()}
    classes |= {verb: "stance" for verb in lexicon.stance_verbs()}
    classes |= {verb: "speech" for verb in lexicon.reporting_verbs()}
    return classes


VERB_CLASS = verb_classes()
ALWAYS_CAPITALISED = frozenset(("according to", "asked"))
# Any participle before a "that" clause ("were frustrated that", "have understood that"), read as a
# verb of belief; "that year" is a determiner, not a clause.
PARTICIPLE_BEFORE_THAT = r"[a-z]{3,}ed(?=\s+that\s(?!(?:year|week|month|day|night|morning|time|point|case|way)\b))"
# Lower-case cue words, and "Asked"/"Said" opening a clause: what a short tail after a quote holds.
LOWER_CUE_WORD = (
    r"(?<![\w’'-])(?:"
    + word_trie_pattern(sorted(VERB_CLASS))
    + r"|[Aa]ccording to|Asked|Says|Say|Said|"
    + PARTICIPLE_BEFORE_THAT
    + r")(?![\w’'-])"
)
# Every cue word as written: lower-case, capitalised (kept only in title-case lines, see find_cues)
# and the all-capital forms that always count. Spelling the cases out rather than matching without
# case keeps the scan three times faster: Python's re cannot skip ahead in a case-blind alternation.
CUE_WORD = re.compile(
    r"(?<![\w’'-])(?:"
    + word_trie_pattern(
        sorted(
            VERB_CLASS.keys()
            | {w.capitalize() for w in VERB_CLASS}
            | {w.title() for w in VERB_CLASS}  # "Responds To" in a headline
            | {w.upper() for w in ALWAYS_CAPITALISED}
        )
    )
    + r"|[Aa]ccording to|"
    + PARTICIPLE_BEFORE_THAT
    + r")(?![\w’'-])"
)


def in_title_case(masked: str, start: int, end: int, match: re.Match) -> bool:
    """ "Trump Slams Clinton Over Emails", "Says Clinton Would Stack …": a capitalised word after the cue
    word and none but capitalised ones before it; not "Omar Said, the city engineer", nor a capitalised
    participle, which is more often part of a name ("CNA’s Countering Threats Program")."""
    before = masked[max(start, match.start() - 30) : match.start()].split()[-1:]
    after = masked[match.end() : match.end() + 30].split()[:1]
    return (
        bool(after)
        and (not before or before[0][0].isupper())
        and after[0][0].isupper()
        and not match.group().isupper()
        and not match.group().endswith("ing")
    )


def find_cues(masked: str, start: int, end: int, words: list[re.Match] | None = None) -> list[Cue]:
    """Every cue in masked[start:end] (one sentence) with a plausible source; words are the sentence's
    CUE_WORD matches when the caller has them already."""
    cues: list[Cue] = []
    for match in CUE_WORD.finditer(masked, start, end) if words is None else words:
        written = match.group()
        word = written.lower()
        if written[0].isupper() and word not in ALWAYS_CAPITALISED and not in_title_case(masked, start, end, match):
            continue  # "Support for Mr. Trump", "SAID": a capitalised cue word counts only in a title-case line
        if word == "according to":
            cue = according_to(masked, start, end, match)
        else:
            cue = verb_cue(masked, start, end, match.start(), match.end(), VERB_CLASS.get(word, "belief"), cues)
        if cue is not None and (cue.verb_class != "framing" or "X" in masked[cue.content_start : cue.content_end]):
            cues.append(cue)
    # A cue's content stops where the next cue's own subject begins ("… a counter-attack and sources said").
    for cue, following in zip(cues, cues[1:], strict=False):
        embedded = masked[max(0, following.mention_start - 6) : following.mention_start].rstrip().endswith("that")
        if (
            cue.shape == "subject"
            and following.shape == "subject"
            and cue.content_start < following.mention_start
            and not embedded  # "told a crowd in Miami that he knows that …": a clause of the reported words
            and following.verb_class != "stance"  # "said the US and its allies will seek …": inside the report
        ):
            floor = max(cue.content_start, following.mention_start - 40)
            cut = CONJUNCTION_BEFORE.search(masked, floor, following.mention_start)
            cue.content_end = min(cue.content_end, cut.start() if cut else following.mention_start)
    # "Perdue said he didn't believe …, arguing that …": a participle after a comma reports words of its own.
    for index, cue in enumerate(cues):
        participle = next((c for c in cues[index + 1 :] if ends_at_participle(masked, cue, c)), None)
        if cue.shape == "subject" and participle is not None:
            cue.content_end = masked.rfind(",", cue.content_start, participle.start)
    return cues


def ends_at_participle(masked: str, cue: Cue, following: Cue) -> bool:
    return (
        cue.content_start < following.start < cue.content_end
        and masked[cue.content_start : following.start].rstrip().endswith(",")
        and masked[following.start : following.end].endswith("ing")
    )


CONJUNCTION_BEFORE = re.compile(r"[\s,]*(?:\b(?:and|but|while|as)\s+)?$")


def according_to(masked: str, start: int, end: int, match: re.Match) -> Cue | None:
    """ "According to X, …" and "…, according to X." """
    before = masked[start : match.start()]
    if not before.strip():
        comma = masked.find(",", match.end(), end)
        if comma < 0 or comma - match.end() > 140:
            return None
        return Cue(match.start(), match.end(), match.end() + 1, comma, comma + 1, end, "according", "speech")
    if not before.rstrip().endswith(","):
        return None
    comma = masked.find(",", match.end(), end)
    mention_end = trim_end(masked, match.end() + 1, comma if comma >= 0 else end)
    content_start = start
    parenthesis = masked.rfind("(", start, match.start())
    if parenthesis > masked.rfind(")", start, match.start()):
        # "(the actual number is closer to 15 percent, according to Factcheck.org)": the aside only
        content_start = parenthesis + 1
        closing = masked.find(")", match.end(), mention_end + 1)
        mention_end = trim_end(masked, match.end() + 1, closing) if closing >= 0 else mention_end
    source = (match.end() + 1, mention_end)
    return Cue(match.start(), match.end(), *source, content_start, match.start(), "according", "speech")


def trim_end(masked: str, start: int, end: int) -> int:
    while end > start and masked[end - 1] in " .!?;,”’\"'":
        end -= 1
    return end


CALL = frozenset("call calls called calling".split())
# "called the incident a reason …", "called Mr. Yanukovych an outstanding leader": an object, then
# what it is called.
NAMING = re.compile(
    r"\s+(?:him|her|them|it|(?:the|his|her|their|its)(?:\s+(?!(?:to|at|on|for|from|with|by|into|onto|over)\s)[\w’'-]+){1,6}?"
    r"|(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*)"
    r"\s+(?:a|an|the|his|her|their|one)\s"
)


def verb_cue(masked: str, start: int, end: int, verb_start: int, verb_end: int, verb_class: str, cues) -> Cue | None:
    cue_start = strip_auxiliaries(masked, start, verb_start)
    if masked[verb_start:verb_end].lower() in lexicon.belief_adjectives() and not after_be(masked, start, verb_start):
        return None  # "Make sure you vote", "It is certain that …": no one holding the conviction
    if verb_class == "framing" and NAMING.match(masked, verb_end, end) and masked[verb_start:verb_end].lower() in CALL:
        verb_class = "stance"  # "called him a political opportunist": a view, quoted or not
    if masked.startswith(" by ", verb_end) and masked[verb_start:verb_end].lower() == "asked":
        return asked_by(masked, end, verb_start, verb_end)
    if masked.startswith(" by ", verb_end) and masked[verb_start:verb_end].endswith("ed"):
        return passive_cue(masked, start, end, cue_start, verb_end, verb_class)
    if verb_class == "stance" and not takes_object(masked, end, cue_start, verb_end):
        return None  # tested before the subject is looked for: most stance words are nouns ("their support")
    previous = cues[-1] if cues else None
    # "Beck, who supported Cruz, last week said": a cue in a relative clause leaves the main subject open.
    floor = previous.end if previous is not None and not in_relative_clause(masked, previous) else start
    control = CONTROL_BEFORE.search(masked, max(floor, cue_start - 40), cue_start)
    if control is not None and control["verb"].lower() in lexicon.control_verbs():
        # "Sanders tended to support", "The campaign refused to comment on": the subject of the verb
        # the infinitive hangs on.
        subject = subject_before(masked, floor, strip_auxiliaries(masked, floor, control.start("verb")))
    else:
        subject = subject_before(masked, floor, cue_start)
    if previous is not None and shares_subject(masked, previous, cue_start, subject):
        sharer = outermost(cues, previous)
        subject = (sharer.mention_start, sharer.mention_end)  # "X said …, adding that …"
    elif subject == "shared" or is_predicate(masked, subject, cue_start):
        subject = sentence_subject(masked, start, cue_start)  # "She was defending …, but admitted “…”"
    if verb_class == "stance":
        return stance_cue(masked, end, cue_start, verb_end, subject) if isinstance(subject, tuple) else None
    after_start = content_after(masked, verb_end, end)
    after_words = len(masked[after_start : min(end, after_start + 120)].split())  # only compared with 2 and 8
    if isinstance(subject, tuple):
        lead_end = tail_context(masked, start, subject[0])
        has_that = bool(THAT.match(masked, verb_end, end)) or masked[verb_end:after_start].strip().endswith(":")
        after_quote = lead_end is not None and masked[lead_end - 1] in "”’\"'"
        quote_after = masked.find("X", verb_end, min(end, verb_end + MAX_CONTENT)) >= 0
        # "Asked whether …, Reid said he would not": a clause after the verb is what it reports.
        clause_after = (masked[after_start : after_start + 6].split(maxsplit=1) or [""])[0] in CLAUSE_OPENERS
        told = addressee_end(masked, verb_start, verb_end, after_start) if not (has_that or after_quote) else None
        if told is not None:
            after_start, clause_after = told, True  # "told POLITICO she was leaning toward Cruz"
        # "…, Mr. Trump said his net worth could …": a clause after the verb, not words before it.
        clause_after = clause_after or (not after_quote and after_words >= 3 and opens_clause(masked, after_start))
        # "In the deposition, Mr. Trump said his net worth could …": words before the comma that only
        # set the scene are not what the cue reports, so the clause after the verb is.
        adjunct = lead_end is not None and opening_adjunct(masked[start:lead_end])
        clause_after = clause_after or (
            adjunct
            and after_words >= 2
            and not masked.startswith(tuple(f"{w} " for w in TIME_WORDS | PREPOSITIONS), after_start)
        )
        closes_clause = bool(CLAUSE_AFTER_TAIL.match(masked, verb_end, min(end, verb_end + 12)))
        tail = (
            lead_end is not None
            and not adjunct
            and not has_that
            and not clause_after
            # "“You winning?” she said, but …“…”": a quote later in the sentence is another clause's.
            and ((not quote_after and (after_words <= 8 or after_quote)) or (after_quote and closes_clause))
        )
        if tail and verb_class != "framing":
            content_end = lead_end if after_quote else interrupted_end(masked, verb_end, end, lead_end)
            return Cue(
                cue_start, verb_end, *subject, max(start, lead_end - MAX_CONTENT), content_end, "tail", verb_class
            )
        # "promises of billions", "wrote to his followers": a preposition ends a cue, unless quoted words follow.
        if after_words >= 2 and (
            quote_after
            or not masked.startswith(("of ", "to ", "for "), after_start)
            or INFINITIVE.match(masked, after_start)  # "promised to take bold action"
        ):
            if verb_class == "belief" and not has_that and not (clause_after or opens_clause(masked, after_start)):
                if takes_view(masked, subject, verb_start, verb_end):
                    # "the survey found 90 percent …", "Many experts expected a closer race"
                    return stance_cue(masked, end, cue_start, verb_end, subject)
                return None
            content_end = min(end, after_start + MAX_CONTENT)
            second = SECOND_PREDICATE.search(masked, after_start, content_end)
            content_end = second.start() if second else content_end
            aside = TRAILING_ASIDE.search(masked, after_start, content_end)
            content_end = aside.start() if aside else content_end
            return Cue(cue_start, verb_end, *subject, after_start, content_end, "subject", verb_class)
    lead_end = tail_context(masked, start, cue_start)
    if lead_end is not None and verb_class == "speech":
        mention = inverted_mention(masked, verb_end, end)
        if mention is not None:
            content_start = max(start, lead_end - MAX_CONTENT)
            return Cue(cue_start, verb_end, *mention, content_start, lead_end, "inverted", verb_class)
    return None


# "to" before a verb, not before a noun phrase ("wrote to his followers", "told to reporters").
INFINITIVE = re.compile(
    r"to\s+(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|him|them|me|us|it|you|all|some|any|"
    r"every|each|no|reporters|voters|supporters|donors|members|officials)\b)[a-z]+\b"
)
CONTROL_BEFORE = re.compile(r"(?<![\w’'-])(?P<verb>[a-z]+)\s+(?:not\s+)?to\s+$")


# "… in partnership with NATO, a military alliance …": an appositive closing the clause is the
# writer's gloss, not part of what was reported.
TRAILING_ASIDE = re.compile(r",\s+(?:a|an|another|the latest|one of)\s(?=[^,;X]*$)")
# Where a stance verb's object ends: a second predicate, a participle or subordinate clause after a comma.
OBJECT_END = re.compile(
    SECOND_PREDICATE.pattern
    + r"|,\s+(?:[a-z]+ing|after|because|as|when|while|since|before|although|though|who|which|where|but|and)\b"
    + r"|\s+and\s+(?:has|have|had|is|was|will|would|then|also|later)\b"
)
POSSESSIVES = frozenset("his her their its our my your".split())
NOT_AN_OBJECT = frozenset("by as in on at from with off up out down away".split())  # "shows off", "showed up"


INTERRUPTED_GOES_ON = re.compile(r",\s+(?:but\s+)?(?!adding\b|saying\b|noting\b)[\w’']+\s+\S+\s+\S+")


def interrupted_end(masked: str, verb_end: int, end: int, lead_end: int) -> int:
    """ "In several cases, tech executives say, they have been asked …": a cue set inside its sentence
    reports all of it (the end of the sentence), not only the words before it."""
    if INTERRUPTED_GOES_ON.match(masked, verb_end, end) and "X" not in masked[verb_end:end]:
        return trim_end(masked, verb_end, end)
    return lead_end


RECENT_CUES = 8


def outermost(cues: list[Cue], cue: Cue) -> Cue:
    """The cue whose reported words hold this cue's source, if any: in "Clinton told the audience that
    she believes …, saying …", "saying" is Clinton's, not the embedded "she believes"."""
    recent = cues[-RECENT_CUES:]  # bounded, so a huge sentence with thousands of cues stays linear
    holder = next((c for c in recent if c is not cue and c.content_start <= cue.mention_start < c.content_end), None)
    return holder if holder is not None and holder.shape == "subject" else cue


def in_relative_clause(masked: str, cue: Cue) -> bool:
    return RELATIVE_START.match(masked[cue.mention_end : cue.start].lstrip(", ")) is not None


def stance_cue(masked: str, end: int, cue_start: int, verb_end: int, subject: tuple[int, int]) -> Cue | None:
    """ "Clinton endorsed the bipartisan deal": the object and the rest of its clause are reported."""
    content_start = content_after(masked, verb_end, end)
    if not names_a_holder(masked[subject[0] : subject[1]]):
        return None
    content_end = min(end, content_start + MAX_CONTENT)
    if RELATIVE_START.match(masked[subject[1] : cue_start].lstrip(", ")):
        comma = masked.find(",", content_start, content_end)
        content_end = comma if comma >= 0 else content_end  # "Reid, who endorsed Clinton in February, …"
    stop = OBJECT_END.search(masked, content_start, content_end)
    content_end = stop.start() if stop else content_end
    aside = TRAILING_ASIDE.search(masked, content_start, content_end)
    content_end = aside.start() if aside else content_end
    return Cue(cue_start, verb_end, *subject, content_start, content_end, "subject", "stance")


AS_VERBS = frozenset("see sees saw seeing view views viewed viewing regard regards regarded regarding".split())
AS_AFTER = re.compile(r"(?:\s+[^\s,;:.]+){1,6}?\s+as\s")


FINDING_VERBS = frozenset("find finds found show shows showed shown".split())
# What a study, not a person, finds: "A recent CNN survey found 90 percent support for background checks".
FINDING_SOURCES = frozenset(
    "poll polls survey surveys study studies report reports analysis paper research review audit data "
    "investigation probe census tally count index".split()
)


# Verbs of knowing, feeling and thinking whose noun objects are seldom a view: "know me", "feel the
# strain", "the military think tank CNA".
NOT_A_VIEW = frozenset("know knows knew known knowing feel feels felt feeling think thinks thought thinking".split())


def takes_view(masked: str, subject: tuple[int, int], verb_start: int, verb_end: int) -> bool:
    """Whether a belief verb with a noun phrase, not a clause, after it still reports a view: what a
    study finds, or what someone expects, fears or believes."""
    verb = masked[verb_start:verb_end].lower()
    head = masked[slice(*subject)].split()[-1].lower()
    return (verb in FINDING_VERBS and head in FINDING_SOURCES) or (
        verb not in FINDING_VERBS and verb not in NOT_A_VIEW and verb not in lexicon.belief_adjectives()
    )


def takes_object(masked: str, end: int, cue_start: int, verb_end: int) -> bool:
    """Whether a stance word is a verb with an object: not a noun ("a call for", "their support")
    nor a passive or phrasal use ("supported by", "hailed as", "blamed in part")."""
    if masked[cue_start:verb_end].split()[-1].lower() in AS_VERBS and not AS_AFTER.match(masked, verb_end, end):
        return False  # "we'll see", "saw the film": only "see X as Y" reports a view
    content_start = content_after(masked, verb_end, end)
    first = masked[content_start : content_start + 12].split(maxsplit=1)
    before = masked[max(0, cue_start - 12) : cue_start].split()
    if before and before[-1].lower() in DETERMINERS | POSSESSIVES | {"the", "of"}:
        return False
    return bool(first) and first[0].lower() not in NOT_AN_OBJECT


def frames_quotes(masked: str, cue: Cue) -> bool:
    """Whether the cue's verb is one that can attribute quoted words ("praised", "called")."""
    words = masked[cue.start : cue.end].split()
    return bool(words) and words[-1].lower() in lexicon.framing_verbs()


def names_a_holder(phrase: str) -> bool:
    """A subject that can hold a stance, not the modifier of a noun: "his Republican support",
    "60 pledged delegates", "the tweet"."""
    words = phrase.split()
    last = words[-1].strip(",.()")
    if not last or last.isdigit() or last.lower() in NOT_SUBJECT_END:
        return False
    return not (last[0].isupper() and words[0].lower() in POSSESSIVES)


SENTENCE_SUBJECT = re.compile(
    r"\s*(?:(?:And|But|So|Yet|Still|Then|Now)\s+)?"  # "And he managed …, slamming …"
    r"((?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)(?=\s+[a-z]|,)"
)


def is_predicate(masked: str, subject, cue_start: int) -> bool:
    """ "Dean, a former chairman, poked at Trump's sniffing, tweeting, “…”": before a participle, a
    phrase opening with a lower-case verb is the sentence's predicate, not the speaker."""
    after_comma = masked[max(0, cue_start - 3) : cue_start].rstrip().endswith(",")
    if not after_comma:
        return False
    participle = (masked[cue_start : cue_start + 30].split() or [""])[0].rstrip(",:").endswith("ing")
    if subject is None or not participle or not after_comma:
        return subject is None and participle and after_comma
    comma = masked.rfind(",", max(subject[0], cue_start - 300), cue_start - 2)
    clause_start = comma + 1 if comma >= 0 else subject[0]  # the phrase between the last comma and the cue
    first = (masked[clause_start : clause_start + 30].split(maxsplit=1) or [""])[0]
    return (
        first.isalpha()
        and first.islower()
        and first.endswith(("ed", "s"))
        and not is_plural_noun(first)
        and first not in lexicon.anonymous_heads()
    )


def sentence_subject(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The name or pronoun opening the sentence, for a verb whose own subject was left out."""
    comma = masked.find(",", start, min(end, start + 40))
    for position in (start, comma + 1) if comma >= 0 else (start,):
        # "In August, several environmental groups …", "Instead, the study …": past the opener.
        match = SENTENCE_SUBJECT.match(masked, position, end)
        first = match.group(1).split()[0].lower() if match is not None else ""
        if match is not None and first not in PREPOSITIONS and first not in CONNECTORS:
            return match.start(1), match.end(1)
    return None


NAME_THEN_VERB = re.compile(
    r"(?:[A-Z][\w.’'-]*\s+){1,3}(?:[a-z]+(?:s|ed)|is|was|will|would|can|could|has|had|may|might)\b"
    # "I think the public will respond": a determiner-led noun phrase and its auxiliary
    r"|(?:the|a|an|this|these|those|his|her|their|its|our|my|your|most|many|some|all|\d[\d.,]*%?)\s+(?:[\w’'-]+\s+){0,5}?"
    r"(?:is|are|was|were|will|would|can|could|should|must|has|have|had|may|might)\b"
    # "the poll finds immigration is a second-tier issue": a bare noun and its verb
    r"|[a-z][\w’'-]+\s+(?:is|are|was|were|will|would|has|have|had)\s"
)


# Verbs whose first object is the person addressed: "told the crowd he would …".
TELL_VERBS = frozenset("told tell tells telling assured assures reminded reminds informed informs".split())
MAX_ADDRESSEE_WORDS = 5
LINKING_WORDS = PREPOSITIONS | DETERMINERS | {"the"}


ASKED_BY = re.compile(
    r" by ((?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*)"  # the asker's name
    r"(?:\s+[\w’'.-]+){0,4}?\s+(?=(?:whether|if|about|why|what|how|when|where|who)\s)"  # "on Thursday"
)


def asked_by(masked: str, end: int, verb_start: int, verb_end: int) -> Cue | None:
    """ "Asked by Matt Lauer whether she had practiced her speech, …": the question is the asker's."""
    match = ASKED_BY.match(masked, verb_end, min(end, verb_end + 120))
    if match is None:
        return None
    content_end = masked.find(",", match.end(), end)
    content_end = trim_end(masked, match.end(), content_end if content_end >= 0 else end)
    if len(masked[match.end() : content_end].split()) < 2:
        return None
    return Cue(verb_start, verb_end, match.start(1), match.end(1), match.end(), content_end, "inverted", "speech")


AGENT = re.compile(
    r" by ([\w’'-][\w.’'-]*(?:\s+[\w.’'-]+){0,6}?)"
    r"(?=\s*(?:[,.;:]|$)|\s+(?:in|on|at|during|for|after|before|as|and|but|who|which|that|to|over|because|last|"
    r"this|since|while|when|with|from)\b)"
)


def passive_cue(masked: str, start: int, end: int, cue_start: int, verb_end: int, verb_class: str) -> Cue | None:
    """ "The immigration bill, opposed by House Republicans, never became law", "Trump was criticized by
    Republicans": the agent after "by" is the source, the thing before the verb what they spoke of."""
    agent = AGENT.match(masked, verb_end, min(end, verb_end + 120))
    if agent is None or not is_subject(agent[1]) or verb_class == "belief":
        return None
    before = masked[max(start, cue_start - 40) : cue_start].split()
    head_end, passive = cue_start, False
    while before and before[-1].lower() in BE_FORMS | AUX:
        passive = passive or before[-1].lower() in BE_FORMS
        head_end = masked.rfind(before.pop(), start, head_end)  # "has been criticized by"
    reduced = masked[start:head_end].rstrip().endswith(",")  # "The bill, opposed by House Republicans,"
    head_end = trim_end(masked, start, head_end)
    segments = comma_segments(masked, max(start, head_end - 200), head_end)
    if not (passive or reduced) or not segments or not is_subject(masked[slice(*segments[-1])]):
        return None
    agent_end = trim_end(masked, agent.start(1), agent.end(1))
    return Cue(cue_start, verb_end, agent.start(1), agent_end, *segments[-1], "inverted", verb_class)


def addressee_end(masked: str, verb_start: int, verb_end: int, after_start: int) -> int | None:
    """Where the reported clause starts after a short addressee with no "that": "told reporters he …"."""
    if masked[verb_start:verb_end].lower() not in TELL_VERBS:
        return None
    position = after_start
    for _ in range(MAX_ADDRESSEE_WORDS):
        space = masked.find(" ", position, position + 40)
        previous = masked[position:space].lower()
        if space < 0 or previous.endswith((",", ".", ";", ":")):
            return None
        position = space + 1
        word = masked[position : masked.find(" ", position, position + 20)]
        if word in CLAUSE_OPENERS or (previous not in LINKING_WORDS and opens_clause(masked, position)):
            return position
    return None


def opens_clause(masked: str, position: int) -> bool:
    """ "I think Hillary is …", "voters believe Trump will …": a name followed by its verb."""
    return bool(NAME_THEN_VERB.match(masked, position, position + 60))


CLAUSE_OPENERS = frozenset("he she they we I it there you".split())
CLAUSE_AFTER_TAIL = re.compile(r"(?:\.|,\s+(?:but|and|while|as|though|although)\s)")
BE_FORMS = frozenset("is are was were be been being am".split())


def shares_subject(masked: str, previous: Cue, cue_start: int, subject) -> bool:
    """ "X said …, adding that …" and "X called … and said ‘…’": a participle after a comma, or a verb
    after a bare "and", takes the subject of the cue before it."""
    if subject == "shared":
        return True
    between = masked[previous.end : cue_start]
    participle = (masked[cue_start : cue_start + 40].split(maxsplit=1) or [""])[0].rstrip(",:").endswith("ing")
    if participle and (masked[max(0, cue_start - 8) : cue_start].split() or [""])[-1] in BE_FORMS:
        return False  # "Trump was seeking votes": a verb of its own clause, not a participle
    if participle and between.rstrip().endswith(",") and previous.shape == "subject":
        return True  # "Clinton mocked the complaint, saying …": the phrase before the comma is an object
    return (
        subject is None
        and masked[previous.start : previous.end].strip() != ""
        and (between.rstrip().endswith(",") or participle)
        and previous.shape != "according"
    )


def after_be(masked: str, start: int, verb_start: int) -> bool:
    """ "she was sure", "Democrats are confident", but not "It is certain" or "There is no doubt"."""
    before = masked[max(start, verb_start - 30) : verb_start].split()[-3:]
    if not before or before[-1].lower() not in BE_FORMS:
        return False
    return len(before) < 2 or before[-2].lower() not in ("it", "there", "this", "that")


def takes_be(masked: str, verb_start: int) -> bool:
    """Whether a cue word keeps the "is/was" before it: a progressive, or an adjectival participle
    (not a reporting verb's passive: "was informed that" is not the subject's words)."""
    following = masked[verb_start : verb_start + 30].split()[:2]
    if not following:
        return False
    word = following[0]
    return (
        word.endswith("ing")
        or word.lower() in lexicon.belief_adjectives()
        or (word.endswith("ed") and following[1:] == ["that"] and word not in VERB_CLASS)
    )


def strip_auxiliaries(masked: str, floor: int, verb_start: int) -> int:
    """Where the cue begins once "has also", "later", "reportedly" are taken in."""
    lowest = max(floor, verb_start - 40)
    position = verb_start
    for token in reversed(masked[lowest:verb_start].split()):
        if (
            token in AUX
            or (token.endswith("ly") and token.isalpha() and token.islower())
            # "Trump is talking about …": a progressive takes its "is"; a passive ("was asked") does not,
            # but an adjectival participle before "that" does ("Protesters were frustrated that …").
            or (token in BE_FORMS and takes_be(masked, verb_start))
        ):
            position = masked.rfind(token, lowest, position)  # the word just before position
        else:
            break
    contraction = CONTRACTED_AUXILIARY.search(masked, max(floor, position - 8), position)
    return contraction.start("aux") if contraction is not None else position


# "he’s predicting", "they’ve said", "she’d told": the auxiliary glued to a pronoun subject.
CONTRACTED_AUXILIARY = re.compile(
    r"\b(?:he|she|it|they|we|I|you|who)(?P<aux>[’'](?:s|re|ve|d|ll|m))\s*$", re.IGNORECASE
)


def subject_before(masked: str, floor: int, end: int) -> tuple[int, int] | str | None:
    """The noun phrase ending just before the cue: (start, end), "shared" when the verb follows a
    bare "and" (its subject is the previous cue's), or None."""
    tail = masked[max(floor, end - 4) : end].rstrip()
    aside = DASH_ASIDE.search(masked, max(floor, end - 300), end) if tail.endswith(("—", "–", "-")) else None
    if aside is not None:
        end = aside.start()  # "The Supreme Court justice -- who has been … -- said"
    region_start = max(floor, end - 300)
    for boundary in HARD_BOUNDARY.finditer(masked, max(floor, end - 300), end):
        region_start = boundary.end()
    segments = comma_segments(masked, region_start, end)
    # "Beck, who supported Sen. Ted Cruz, last week said": a relative clause or a time between them.
    while len(segments) >= 2 and is_aside(masked[slice(*segments[-1])], "," in masked[segments[-1][1] : end]):
        segments.pop()
    if not segments:
        return None
    core_start, core_end = segments[-1]
    named = name_before_roles(masked, segments)
    if named is not None:
        return named, core_end  # "Fawad Aman, a spokesman for the Ministry of Defence"
    if masked[core_start:core_end].lower() in CONNECTORS and len(segments) >= 2:
        while masked[core_start:core_end].lower() in CONNECTORS and len(segments) >= 2:
            segments.pop()
            core_start, core_end = segments[-1]  # "Kohistani, meanwhile, said"
        named = name_before_roles(masked, segments)  # unchanged segments were tried above
        if named is not None:
            return named, core_end
    cut = LAST_CONJUNCTION.match(masked, core_start, min(end, core_end + 1))
    if cut is not None:
        word = cut[1].strip()
        if cut.end() >= core_end:
            if word.lower() in ("who", "that"):
                return antecedent(masked, segments, cut.start(1))  # "a roster of donors that shows"
            return "shared" if word in ("and", "but", "or") else None
        if word.lower() in RESTRICTIVE and not is_subject(masked[cut.end() : core_end]):
            head = (core_start, trim_end(masked, core_start, cut.start(1)))
            # "The state officials whose laws have been invalidated say": the noun before the clause
            phrase = masked[slice(*head)]
            participle = (masked[end : end + 20].split() or [""])[0].endswith("ing")
            short = 0 < len(phrase.split()) <= MAX_RESTRICTED_HEAD_WORDS
            return head if short and not participle and is_subject(phrase) else None
        core_start = cut.end()
    last_word = masked[max(core_start, core_end - 5) : core_end].split()[-1:]
    if last_word and last_word[0] in CLAUSE_OPENERS and last_word[0] not in ("there", "you"):
        return core_end - len(last_word[0]), core_end  # "the impact it said …": the pronoun is the subject
    return (core_start, core_end) if is_subject(masked[core_start:core_end]) else None


DASH_ASIDE = re.compile(r"\s*(?:—|–|--|\s-\s)[^—–]{1,250}?(?:—|–|--|\s-)\s*$")
RELATIVE_START = re.compile(r"(?:who|which)\s")


MAX_ASIDE_WORDS = 5
COMPARISON_ASIDES = frozenset("like unlike including along alongside together such".split())


def is_aside(phrase: str, closed: bool) -> bool:
    """A relative clause closed by a comma ("who supported Sen. Ted Cruz,") or a time ("last week")
    between a subject and its verb."""
    words = [w.lower() for w in phrase.split()]
    if closed and words and words[0] in COMPARISON_ASIDES:
        return True  # "Democratic economists, like their Republican counterparts, say"
    if closed and (RELATIVE_START.match(phrase) or (words and words[0].endswith("ing") and words[0].isalpha())):
        return True  # "Eric Garner, gasping facedown on a sidewalk, said"
    if closed and words and words[0] in PREPOSITIONS and len(words) <= MAX_ASIDE_WORDS:
        return True  # "The administration, for its part, expressed", "Trump, in a statement, said"
    return all(w in TIME_WORDS for w in words) and not all(w in DETERMINERS for w in words)


def antecedent(masked: str, segments: list[tuple[int, int]], who: int) -> tuple[int, int] | None:
    """The speaker of "… who said": the noun phrase before "who" ("voters who", "Nicky Driscoll, 24,
    from Manchester, who")."""
    start = segments[-1][0]
    if who > start:
        phrase = (start, trim_end(masked, start, who))
        if is_subject(masked[slice(*phrase)]):
            return phrase
        return noun_before(masked, *phrase)  # "a backlash from … business leaders who say"
    candidates = list(reversed(segments[-4:-1]))
    named = [c for c in candidates if is_name(masked[slice(*c)])]
    if named:
        return named[0]
    short = [c for c in candidates[:1] if is_subject(masked[slice(*c)]) and len(masked[slice(*c)].split()) <= 4]
    if short:
        return short[0] if not masked[short[0][0]].isdigit() else None
    # "Trump was out-brutalizing Ted Cruz, who said", "with help from Labor Secretary Thomas Perez, who
    # said": the name closing the clause before the comma.
    closing = TRAILING_NAME.search(masked, *candidates[0]) if candidates else None
    return (closing.start(), closing.end()) if closing is not None and is_name(closing.group()) else None


TRAILING_NAME = re.compile(r"(?<![\w’'.-])(?:[A-Z][\w.’'-]*\s+(?:(?:de|van|von|al|bin|la)\s+)?){0,4}[A-Z][\w’'-]*$")


MAX_HEAD_WORDS = 3


def noun_before(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The longest short source phrase ending at end ("business leaders", "18%"), if any."""
    words = masked[start:end].split()
    for count in range(min(MAX_HEAD_WORDS, len(words) - 1), 0, -1):
        tail = words[-count:]
        if tail[0].lower() in PREPOSITIONS or tail[0].lower() in CONNECTORS or tail[0].lower() in RESTRICTIVE:
            continue
        head = tail[-1].lower()
        if not (head[:1].isdigit() or head in lexicon.anonymous_heads() or is_plural_noun(head)):
            return None
        if is_subject(" ".join(tail)):
            position = end
            for word in reversed(tail):
                position = masked.rfind(word, start, position)
            return position, end
    return None


MAX_ROLES = 3


def name_before_roles(masked: str, segments: list[tuple[int, int]]) -> int | None:
    """Where the name starts when the last segments are its appositives: "Scott Pruitt, the attorney
    general of Oklahoma, one of the states suing the EPA, said"."""
    for count in range(1, min(MAX_ROLES, len(segments) - 1) + 1):
        role = masked[slice(*segments[-count])]
        first = role.split(maxsplit=1)[0]
        if not is_role(role) or RELATIVE_START.match(role + " ") or (first.islower() and first.endswith("ed")):
            return None  # "…, who said": the antecedent rule's case
        name = masked[slice(*segments[-count - 1])]
        if is_name(name) and name.lower() not in CONNECTORS | NOT_A_SOURCE:
            return segments[-count - 1][0]  # not "However, slower growth …, the IMF said"
    return None


# The last conjunction (group 1) in one backward scan: ".*" runs to the end and gives back one
# character at a time. Two conjunctions never overlap, so the rightmost is the last one found in order.
LAST_CONJUNCTION = re.compile(r"(?s:.*)(" + CONJUNCTION.pattern + ")", CONJUNCTION.flags)


def comma_segments(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """The comma-separated pieces of masked[start:end], each without its outer spaces."""
    text = masked[start:end]
    if "," not in text:  # most subjects: one piece
        rest = text.strip()
        first = start + len(text) - len(text.lstrip())
        return [(first, first + len(rest))] if rest else []
    trimmed = []
    position = start
    for segment in text.split(","):
        rest = segment.lstrip()
        a = position + len(segment) - len(rest)
        trimmed.append((a, a + len(rest.rstrip())))
        position += len(segment) + 1
    while trimmed and trimmed[-1][0] == trimmed[-1][1]:
        trimmed.pop()
    return trimmed[-1:] if len(trimmed) > 1 and any(a == b for a, b in trimmed) else trimmed


def words_outside_parentheses(phrase: str) -> list[str]:
    return (PARENTHETICAL.sub("", phrase) if "(" in phrase else phrase).split()


def is_name(phrase: str) -> bool:
    """ "Gen. Mir Asadullah Kohistani", "Human Rights Watch": capitalised words (and particles)."""
    words = words_outside_parentheses(phrase)
    if not words or len(words) > 7:
        return False
    return all(w[0].isupper() or w in NAME_PARTICLES for w in words) and words[-1][0].isupper()


def is_role(phrase: str) -> bool:
    """An appositive after a name: "a spokesman for …", "Bagram’s new commander", "52"."""
    words = words_outside_parentheses(phrase)
    if not words or len(words) > 20:
        return False
    first = words[0]
    return (
        first.lower() in DETERMINERS
        or first.isdigit()
        or first.islower()
        or (first.endswith(("’s", "'s")) and len(words) > 1)
        or (not is_name(phrase) and words[-1].islower())
    )


@lru_cache(maxsize=16384)  # the same subjects ("he", "Trump", "officials") recur through a corpus
def is_subject(phrase: str) -> bool:
    words = words_outside_parentheses(phrase)
    if not words or len(words) > MAX_SUBJECT_WORDS:
        return False
    lowered = [w.lower().strip(",.") for w in words]
    if lowered[-1] in NOT_SUBJECT_END or not CLAUSE_WORDS.isdisjoint(lowered):
        return False
    if ("'" in phrase or "’" in phrase) and any(w.endswith(("n't", "n’t")) for w in lowered):
        return False
    last = words[-1]
    if (last.islower() and last.endswith("ing")) or last.endswith(("’s", "'s", "’", "'")):
        return False
    if " ".join(lowered[:2]) in LEADING_APPROXIMATORS and len(words) > 2:
        return is_subject(" ".join(words[2:]))  # "at least a dozen members of Congress", "more than 100 economists"
    first = lowered[0]
    approximate = (
        first in APPROXIMATORS and len(words) > 1 and (words[1][0].isdigit() or words[1].split("-")[0] in NUMBERS)
    )  # "About 40 percent", "About three-quarters"
    if (first in PREPOSITIONS and not approximate) or (
        len(words) == 1 and (first in CONNECTORS or first in NOT_A_SOURCE or first.endswith("ly"))
    ):
        return False  # "Instead, he said", "Politically, …": an adverb opening the sentence
    if words[0][0].isupper() or first in lexicon.pronoun_genders() or first in DETERMINERS:
        return True
    # Lower-case openings: a source noun ("sources", "officials"), a role before a name ("analyst Atta
    # Noori"), a share of a group ("67 percent of voters", "six in 10") or a short plural ("donors").
    if first in lexicon.anonymous_heads() or any(w[0].isupper() for w in words[1:]):
        return True
    if len(words) > 1 and is_plural_noun(first) and lowered[1] in PREPOSITIONS:
        # "advocates within the scientific community", "donors to the campaign": a plural head noun
        # and what follows it
        return True
    # "local officials", "his campaign", "six in 10": a short phrase ending in a source noun, one
    # opening with a possessive, or a share ("N in 10").
    return len(words) <= MAX_LOWER_SUBJECT_WORDS and (
        first[:1].isdigit()
        or lowered[-1] in QUANTITY_HEADS
        or lowered[-1].rsplit("-", 1)[-1] in FRACTIONS  # "three-quarters", "two-thirds"
        or is_plural_noun(lowered[-1])
        or lowered[-1] in lexicon.anonymous_heads()
        or (first in THIRD_PERSON_POSSESSIVES and len(words) > 1)
        or (first == "those" and len(words) > 1)  # "those surveyed", "those who voted"
        or (len(words) >= 3 and lowered[-2] in ("in", "of") and (lowered[-1].isdigit() or lowered[-1] in NUMBERS))
    )


THIRD_PERSON_POSSESSIVES = frozenset("his her their its".split())
LEADING_APPROXIMATORS = frozenset(("at least", "at most", "more than", "fewer than", "less than", "up to"))
APPROXIMATORS = frozenset("about over around nearly almost roughly some".split())
FRACTIONS = frozenset("halves thirds quarters fifths".split())
NUMBERS = frozenset("one two three four five six seven eight nine ten half".split())


def is_plural_noun(word: str) -> bool:
    """ "donors", "experts", "officials": a plural noun, not a verb ("does") or adverb ("always")."""
    return word.isalpha() and word.endswith(PLURAL_ENDINGS)


# "voters", "donors", "economists", "executives", "democrats", "analysts", "experts", "aides", "candidates"
PLURAL_ENDINGS = (
    "ers",
    "ors",
    "ists",
    "ants",
    "ents",
    "ans",
    "ies",
    "ians",
    "ees",
    "ics",
    "ives",
    "ats",
    "ysts",
    "erts",
    "ides",
    "ates",
    "lls",  # polls
    "ords",  # records
    "eys",  # surveys, attorneys
    "orts",  # reports
)


RESTRICTIVE = frozenset("who whose that which".split())
MAX_RESTRICTED_HEAD_WORDS = 5


def tail_context(masked: str, start: int, end: int) -> int | None:
    """Where reported words end when the cue follows them: "‘…,’ he said" or "…, he said"."""
    lead = masked[max(start, end - 300) : end].rstrip()
    start = end - 300 if end - 300 > start else start
    if not lead:
        return None
    # Three words or more: splitting off the first three tells, without splitting all 300 characters.
    if lead[-1] in ",—–" and len(lead.split(maxsplit=2)) >= 3:
        return start + len(lead) - 1
    if lead[-1] in "”’\"'" and "X" in lead[-3:-1]:
        return start + len(lead)
    return None


MAX_ADJUNCT_WORDS = 8
ADJUNCT_LINKS = frozenset("but and so yet as".split())


def opening_adjunct(lead: str) -> bool:
    """ "In the deposition", "Despite the negative sheen": a short phrase opening with a preposition."""
    words = lead.split()
    if len(words) > 1 and "asked" in (words[0].lower(), words[1]) and "X" not in lead:
        return True  # "Asked by Starnes if he believed …": the question put to the speaker
    if not 0 < len(words) <= MAX_ADJUNCT_WORDS or "X" in lead or "," in lead:
        return False
    first = words[0].lower()
    if first in ADJUNCT_LINKS and len(words) > 1:
        first = words[1].lower()  # "But when Congress cut funding …", "As with so much …"
    return first in PREPOSITIONS or (first.endswith("ing") and words[0][0].isupper())  # "Campaigning against …"


def content_after(masked: str, verb_end: int, end: int) -> int:
    """Skip ", that", ":" between the cue and what it reports."""
    that = THAT.match(masked, verb_end, end)
    if that:
        return that.end()
    lead = LEAD_IN.match(masked, verb_end, end)
    return lead.end()


def inverted_mention(masked: str, verb_end: int, end: int) -> tuple[int, int] | None:
    """ "said Abdul Raouf, a soldier of 10 years." → the source phrase after the verb."""
    end = min(end, verb_end + 400)
    rest = masked[verb_end:end]
    stripped = rest.lstrip()
    words = stripped.split()[:4]
    if not words or words[0].lower() in PREPOSITIONS or stripped.lstrip(",: ")[:1] in ("“", '"', "‘", "'"):
        return None  # ", tweeting, “Notice …”": quoted words are what was said, not who said it
    first = words[0]
    if not (
        first[0].isupper()
        or first.lower() in DETERMINERS
        or first in lexicon.pronoun_genders()
        or any(w[0].isupper() for w in words[1:])
    ):
        return None
    mention_start = verb_end + len(rest) - len(stripped)
    mention_end = trim_end(masked, mention_start, end)
    if len(masked[mention_start:mention_end].split()) > 30:
        return None
    return mention_start, mention_end
