"""Plain dataclasses passed between the pipeline steps: read → split → extract → resolve → store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

# The strings stored in the database and read by its users: each field takes one of these.
ParagraphKind = Literal["body", "caption", "embed", "heading", "boilerplate"]
QuoteKind = Literal["direct", "indirect"]
MentionKind = Literal["person", "organization", "group", "anonymous", "description", "document", "pronoun", "fragment"]
SpeakerKind = Literal["person", "organization", "group", "anonymous"]
# he, she, it, they/we, and "I": the speaker themselves (lexicon/pronouns.txt); titles and first
# names give only "m" and "f".
Gender = Literal["m", "f", "n", "p", "s"]
# How a quote's speaker was found: named where it is (explicit), a pronoun resolved to a name, the
# speaker of the quote before it (continuation), an unnamed source (anonymous), the author of an
# embedded post (embed), a description naming someone the article names elsewhere ("the senator"),
# a document and its issuer, or none (unresolved: stored without a speaker, Quote.reason says why).
Method = Literal["explicit", "pronoun", "continuation", "anonymous", "embed", "description", "document", "unresolved"]

PARAGRAPH_KINDS = get_args(ParagraphKind)
QUOTE_KINDS = get_args(QuoteKind)


@dataclass
class Article:
    """One article as read from disk, before any splitting."""

    path: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    # Paragraphs already tagged by the reader (e.g. HTML figcaptions); when set, split uses them.
    paragraphs: list[Paragraph] | None = None


@dataclass
class Paragraph:
    position: int
    text: str
    kind: ParagraphKind = "body"


@dataclass
class Mention:
    """How the text names a speaker at one point, split into its parts."""

    text: str  # as written: "Fawad Aman, a spokesman for the Ministry of Defence"
    name: str | None = None  # "Fawad Aman"; None for pronouns and anonymous descriptions
    title: str | None = None  # "Gen.", "President"
    role: str | None = None  # "spokesman"
    organization: str | None = None  # "Ministry of Defence"
    kind: MentionKind = "person"
    gender: Gender | None = None  # a pronoun's; None when unknown
    # For a document ("the statement", "Trump's tweet"): whoever the text says issued it, as written.
    issuer: str | None = None

    def copy(self) -> Mention:
        """A new Mention with the same parts. Written out field by field: dataclasses.replace reads
        the class's fields anew on every call, which costs more than the cached parse it copies."""
        return Mention(
            self.text, self.name, self.title, self.role, self.organization, self.kind, self.gender, self.issuer
        )


@dataclass
class Quote:
    paragraph_position: int
    start: int  # offsets of the quoted words in the paragraph text
    end: int
    text: str
    kind: QuoteKind = "direct"
    cue: str | None = None
    mention: Mention | None = None
    method: Method | None = None  # decided by resolve (resolve.method_of); None before it runs
    reason: str | None = None  # why a quote has no speaker: "no cue", "pronoun without antecedent", …
    speaker_key: str | None = None  # filled by resolve: the canonical speaker name
    # Set by extract when a quote runs on into the next paragraph's reopened quote.
    continues: bool = False
    mixed: bool = False  # a quoted fragment inside a paraphrase


@dataclass
class Speaker:
    name: str
    kind: SpeakerKind = "person"
    aliases: set[str] = field(default_factory=set)
    gender: str | None = None  # "female" | "male", only from the article's own words
    gender_evidence: str | None = None  # the rule and the words: 'pronoun "she"', "honorific Ms.", "noun widow"
    alias_reasons: dict[str, str] = field(default_factory=dict)  # alias → why it joined this speaker here


@dataclass
class Affiliation:
    speaker_name: str
    role: str | None
    organization: str | None
    title: str | None = None
    source_text: str | None = None


@dataclass
class ArticleRecord:
    """Everything extracted from one article: what store writes."""

    article: Article
    content_hash: str
    paragraphs: list[Paragraph]
    quotes: list[Quote]
    speakers: list[Speaker]
    affiliations: list[Affiliation]
