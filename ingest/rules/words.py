"""The small closed word sets the rules share, one home each: function words (determiners,
prepositions, conjunctions, pronouns, auxiliaries), words of time and number, and the few verbs a
rule names by hand. Open-ended lists (reporting verbs, titles, first names, …) are data files in
lexicon/, read by lexicon.py."""

from __future__ import annotations

from typing import Final

# --- Determiners, pronouns and other function words ---

# Words that open a noun phrase: "the campaign", "several officials", "most economists".
DETERMINERS: Final = frozenset("a an the one another some two three four several many other both all most".split())
# Those that make a mention a description of someone unnamed ("a spokesman", "several officials"):
# a quantifier over a whole group leaves it a group ("both candidates", "most nations").
MENTION_DETERMINERS: Final = DETERMINERS - {"both", "all", "most"}
# "his campaign", "their support": before a noun, a possessive shows the noun is not a name.
POSSESSIVES: Final = frozenset("his her their its our my your".split())
THIRD_PERSON_POSSESSIVES: Final = frozenset("his her their its".split())
SUBJECT_PRONOUNS: Final = frozenset("he she they we I".split())  # a speaker, as written before a verb
OBJECT_PRONOUNS: Final = frozenset("me him her us them you it".split())  # after a verb, never a subject
# A pronoun right after a verb opens the clause it reports: "said he would", "told reporters it was".
CLAUSE_OPENERS: Final = frozenset("he she they we I it there you".split())
# Relative pronouns: "the officials who said", "a study that found".
RESTRICTIVE: Final = frozenset("who whose that which".split())
# A phrase opening with one of these is an adverbial ("at a later press gaggle", "After"), not a source.
PREPOSITIONS: Final = frozenset(
    "at in on after before with without by from for of to into about compared like unlike despite during "
    "since until under over through across among between against toward towards upon within amid per via "
    "when while if although though because whether unless once where".split()
)
# Words after which a subject starts afresh, searched backwards from a verb (subjects.LAST_CONJUNCTION).
CONJUNCTIONS: Final = (
    "and but while as because when after before although though where if since so than that which who whom "
    "whose what whether until unless once or meanwhile however"
).split()
# Between a noun and a pronoun source, a link keeps the pronoun's clause its own (cues.in_reduced_relative).
CLAUSE_LINKS: Final = frozenset("and but or while as because so when if after before since though although".split())
# "But when Congress cut funding …, Mexico said": words before a scene-setting clause (reported.opening_adjunct).
ADJUNCT_LINKS: Final = frozenset("but and so yet as".split())
# A subordinate clause opening the sentence sets the scene, however long it is.
SUBORDINATORS: Final = frozenset("when if after before because although though while once until unless since".split())
# Sentence adverbs and conjunctions that never name a source: "However, he said", "Kohistani, meanwhile, said".
CONNECTORS: Final = frozenset(
    "however meanwhile but and still yet also instead later earlier now so then indeed too though "
    "moreover furthermore nonetheless nevertheless separately".split()
)
# Words that open a clause, not a source: "That said", "Instead, …".
NOT_A_SOURCE: Final = frozenset("that this there instead however thus therefore hence otherwise".split())
# "Democratic economists, like their Republican counterparts, say": an aside between subject and verb.
COMPARISON_ASIDES: Final = frozenset("like unlike including along alongside together such".split())
NOT_AN_OBJECT: Final = frozenset("by as in on at from with off up out down away".split())  # "shows off", "showed up"
NOUN_MARKERS: Final = DETERMINERS | POSSESSIVES | {"of"}  # "their support", "the call for": a noun follows
# Words inside an addressee: "told a crowd in Miami he would …" (reported.addressee_end).
LINKING_WORDS: Final = PREPOSITIONS | DETERMINERS
# A reported clause never ends on one of these: what they open follows ("by the end of the year",
# "less than a year", "until Friday"), so a time phrase after them is part of the words (extract.indirect_quote).
OPEN_ENDINGS: Final = LINKING_WORDS | POSSESSIVES | frozenset("than and or nor every each next last throughout".split())
# Prepositions that open when or where something was said: "at last week's forum", "in an interview".
ADJUNCT_PREPOSITIONS: Final = frozenset("at in on during".split())
# A clause these open belongs to the report before it, cue and all: "said he would win if voters turn
# out", "said it failed because the agency said no" (cues.embedded). A clause opened by a word of time
# ("after", "before", "when") more often says when the report was made: the report ends before it.
CONDITION_OPENERS: Final = frozenset("because if unless".split())
TIME_OPENERS: Final = ("after", "before", "since", "until", "when", "once")

# --- Verbs: auxiliaries, and the few a rule names by hand (the cue verbs are in lexicon/) ---

BE_FORMS: Final = frozenset("is are was were be been being am".split())
# Words between a subject and its verb: "has also said", "later told", "reportedly wrote".
AUX: Final = frozenset(
    "has have had will would could may might also later previously reportedly then once again repeatedly "
    "publicly recently just already often first last further privately separately earlier quickly "
    "simply flatly".split()
    # "he did say he found", "Cook did not say when": negated and emphatic forms are still the
    # speaker's cue.
    + "did does do not never didn't didn’t doesn't doesn’t don't don’t".split()
    # "have long criticized", "have both supported", "will all support": adverbs and floating quantifiers
    + "long now still even ever all both each".split()
)
# Modal and auxiliary verbs: a phrase opening with one is a clause's predicate ("…, will become the
# campaign manager"), whose subject may be anyone, never a noun phrase saying what a person is.
MODALS: Final = frozenset("will would can could shall should may might must do does did".split())
# Words that show a phrase is a clause, not a noun phrase ("There are mounting", "Ghani is").
CLAUSE_WORDS: Final = frozenset(
    "is are was were be been being do does did can should must 's ’s has have had will would could may might".split()
)
# Speech verbs only when words are quoted or reported after them ("He continued: “…”").
GOING_ON: Final = frozenset("continue continues continued continuing".split())
# "called him a liar": a naming verb, a stance whether or not words are quoted (cues.find_cues).
CALL: Final = frozenset("call calls called calling".split())
# Verbs whose first object is the person addressed: "told the crowd he would …".
TELL_VERBS: Final = frozenset("told tell tells telling assured assures reminded reminds informed informs".split())
# "sees the deal as a betrayal": only with "as" do these report a view.
AS_VERBS: Final = frozenset("see sees saw seeing view views viewed viewing regard regards regarded regarding".split())
# What studies do (reported.takes_view).
FINDING_VERBS: Final = frozenset("find finds found show shows showed shown".split())
# What a study, not a person, finds: "A recent CNN survey found 90 percent support for background checks".
FINDING_SOURCES: Final = frozenset(
    "poll polls survey surveys study studies report reports analysis paper research review audit data "
    "investigation probe census tally count index".split()
)
# Verbs of knowing, feeling and thinking whose noun objects are seldom a view ("know me", "feel the
# strain", "the military think tank CNA"), and forms far more often nouns ("several battleground states
# could be decisive", "fears of a terrorism threat"): these report only a clause.
NOT_A_VIEW: Final = frozenset(
    "know knows knew known knowing feel feels felt feeling think thinks thought thinking "
    "state states fear fears worry worries estimate estimates notice notices".split()
)

# --- Time ---

# When something was said, not what: "said on Monday", "said last week" (also TIME_WORDS, TIME_NOUNS).
WEEKDAYS: Final = tuple("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
PARTS_OF_TIME: Final = tuple("morning afternoon evening night week month year".split())  # "last week", "Friday night"
# Words of a time or occasion phrase between a subject and its verb ("Trump, on Monday, said").
TIME_WORDS: Final = frozenset(
    "on in at during last this late early earlier later yesterday today tonight statement interview a an the".split()
    + [w.lower() for w in WEEKDAYS + PARTS_OF_TIME]
)
# A reported clause ending in one of these may end in a time phrase (extract.TRAILING_TIME).
TIME_NOUNS: Final = (
    WEEKDAYS
    + PARTS_OF_TIME
    + tuple(
        "yesterday today tonight January February March April May June July August September October November "
        "December".split()
    )
)
# Words opening the occasion after a mention's name: "Trump in an interview", "Reid on Tuesday".
CONTEXT_WORDS: Final = frozenset("in on at during last this yesterday today earlier later".split())

# --- Numbers and quantities ---

# Shares and counts as sources: "six in 10", "About three-quarters", "at least a dozen members".
NUMBERS: Final = frozenset("one two three four five six seven eight nine ten half".split())
FRACTIONS: Final = frozenset("halves thirds quarters fifths".split())
APPROXIMATORS: Final = frozenset("about over around nearly almost roughly some".split())
LEADING_APPROXIMATORS: Final = frozenset(("at least", "at most", "more than", "fewer than", "less than", "up to"))
# "67 percent of voters", "the majority": a share of a group can be a source.
QUANTITY_HEADS: Final = frozenset(
    "percent majority minority half third quarter most many all both others some few".split()
)
# "voters", "donors", "economists", "executives", "democrats", "analysts", "experts", "aides", "candidates"
PLURAL_ENDINGS: Final = (
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

# --- Names ---

# A word written with a capital, as a regular expression: "Kohistani", "O’Brien", "al-Assad", "U.S.", "Gen.".
CAPITALISED_WORD: Final = r"[A-Z][\w.’'-]*"
# The same without full stops, for the last word of a name: the full stop after it ends the sentence.
CAPITALISED_WORD_NO_STOP: Final = r"[A-Z][\w’'-]*"
# Lower-case words inside a person's name: "Abu Bakr al-Baghdadi", "Ursula von der Leyen".
SURNAME_PARTICLES: Final = tuple("al el bin ibn de da del der van von le la du y".split())
SURNAME_PARTICLE: Final = "(?:" + "|".join(SURNAME_PARTICLES) + ")"  # as a regular expression
# ... and inside an organisation's: "Ministry of Defence", "Bureau for Democracy and Labor".
NAME_PARTICLES: Final = frozenset(SURNAME_PARTICLES) | {"of", "the", "for", "and"}
# Titles that mark a person in running text, outside any attribution ("commander General Mir Asadullah
# Kohistani, who …"), for resolve. Narrower than lexicon/titles.txt on purpose: with the whole list,
# "Miss Universe Alicia Machado" and "Field" made speakers of "Universe" and worse (golden output).
TITLES_BEFORE_NAMES: Final = (
    "Gen. General President Sen. Senator Rep. Gov. Governor Mr. Mrs. Ms. Dr. Col. Capt. Mayor Secretary Minister"
).split()
# Honorifics that tell a speaker's gender.
TITLE_GENDERS: Final = {"Mr.": "m", "Mr": "m", "Mrs.": "f", "Mrs": "f", "Ms.": "f", "Ms": "f", "Miss": "f"}
# Courtesy before a name, not a role ("Mr. Trump", "Dr. Ben Carson"): the gender it states, or "".
HONORIFICS: Final = TITLE_GENDERS | {"Dr.": "", "Dr": "", "Mx.": "", "Mx": "", "Sir": "m", "Dame": "f"}
# A capitalised word opening a sentence before a colon is no name when it is one of these.
CUE_OPENERS: Final = frozenset("according asked last even earlier later".split())  # sentence openers, not names
# A subject never ends in these: "in charge of", "without telling", "mounting fears", "to counter".
NOT_SUBJECT_END: Final = frozenset(
    "the a an of to for with without by from in on at into about as than and or but nor that this these "
    "those there here his her their its our my your some any no every each other mounting growing "
    "is are was were be been being not who which whose whom what when where why how".split()
)
# First words of a phrase that is no speaker's name ("The Latest:", "His view:").
NOT_NAMES: Final = (
    DETERMINERS
    | PREPOSITIONS
    | CONNECTORS
    | NOT_A_SOURCE
    | frozenset("his her their its our my your each any every what who which here there it this these those".split())
)

# --- Names as a mention gives them (mentions.py) ---

# Words that open a sentence or a clause and are never part of a name, however capitalised: "Does
# Rubio", "Then Trump", "To Frank", "But Reid", "Well", "There", "Q" (only at a name's start: "Omar
# Said", "Will Hurd", "the US" keep theirs).
NOT_IN_NAMES: Final = (
    DETERMINERS
    | PREPOSITIONS
    | frozenset(CONJUNCTIONS)
    | CONNECTORS
    | POSSESSIVES
    | BE_FORMS
    | frozenset("each every any no not this that these those as than nor".split())
    | frozenset("even only just more much very again already last next".split())
    | frozenset("does did do has have had would could should might must can".split())
    | frozenset("it he she they we i you me him them us there here".split())
    | frozenset("what who whom whose which why how well oh yes q says said asked according".split())
    | frozenset("around nearly almost overall perhaps maybe".split())
)
# Times that open a sentence before its subject ("On Wednesday, he said", "Last week"), lower case;
# not "may", a name as often as a month.
OPENING_TIMES: Final = frozenset(w.lower() for w in TIME_NOUNS) - {"may"} | frozenset(
    "tomorrow weekend jan. feb. aug. sept. oct. nov. dec.".split()
)
# "Increasingly", "Politically", "Recently": sentence adverbs, not surnames ("Kelly", "Daly", "Connolly").
SENTENCE_ADVERB_ENDINGS: Final = ("ally", "ingly", "edly", "ously", "ively", "ently", "antly", "ately", "ctly", "fully")
# Abbreviations whose full stop ends no sentence inside a name, besides initials, titles
# (lexicon/titles.txt) and places ("Fla."): "Martin Luther King Jr.", "St. Louis", "Bain & Co. Chief".
ABBREVIATIONS: Final = frozenset(
    "jr sr st ste ft mt co cos corp inc ltd bros pres gen supt dept assn govt univ".split()
)
NAME_SUFFIXES: Final = frozenset("jr sr ii iii iv".split())  # after a surname: "John G. Roberts Jr."
POSSESSIVE_ENDINGS: Final = ("’s", "'s", "s’", "s'")  # "NBC’s Dante Chinni", "the Khans' lawyer"
# "advisers to Mr. Obama", "a spokesman for Trump": someone else, of or for the named one.
OBJECT_PREPOSITIONS: Final = frozenset("to for of with at from".split())
# Prepositions a description may hold: "the attorney general of the state", "a spokesman for the campaign".
PREPOSITION_LINKS: Final = frozenset("of for at with from in on to".split())
# "Many said", "One told reporters", "Another added": a quantifier alone is an unnamed source.
QUANTIFIER_SOURCES: Final = frozenset("many most some several few one another others both all".split())
# ... and so are an indefinite pronoun and a round count: "Nobody", "Someone said", "Hundreds chanted".
INDEFINITE_SOURCES: Final = frozenset(
    "nobody none anyone anybody someone somebody everyone everybody hundreds thousands dozens millions".split()
)
# Adverbs that open a sentence, never a name however capitalised: "First, they", "Rather, sources".
OPENING_ADVERBS: Final = frozenset("first second third finally lastly rather likewise regardless back".split())
REFLEXIVES: Final = frozenset("himself herself themselves itself".split())  # "Sanders himself said"
