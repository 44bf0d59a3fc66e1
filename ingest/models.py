"""Plain dataclasses passed between the pipeline steps: read → split → extract → resolve → store."""

from __future__ import annotations

from dataclasses import dataclass, field

PARAGRAPH_KINDS = ("body", "caption", "embed", "heading", "boilerplate")
QUOTE_KINDS = ("direct", "indirect")


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
    kind: str = "body"


@dataclass
class Mention:
    """How the text names a speaker at one point, split into its parts."""

    text: str  # as written: "Fawad Aman, a spokesman for the Ministry of Defence"
    name: str | None = None  # "Fawad Aman"; None for pronouns and anonymous descriptions
    title: str | None = None  # "Gen.", "President"
    role: str | None = None  # "spokesman"
    organization: str | None = None  # "Ministry of Defence"
    kind: str = "person"  # person | organization | group | anonymous | pronoun | document
    gender: str | None = None  # "m", "f", "n" (it/they), None unknown
    # For a document ("the statement", "Trump's tweet"): whoever the text says issued it, as written.
    issuer: str | None = None


@dataclass
class Quote:
    paragraph_position: int
    start: int  # offsets of the quoted words in the paragraph text
    end: int
    text: str
    kind: str = "direct"  # direct | indirect
    cue: str | None = None
    mention: Mention | None = None
    method: str | None = None  # explicit | pronoun | continuation | anonymous | embed | unresolved | None
    reason: str | None = None  # why a quote has no speaker: "no cue", "pronoun without antecedent", …
    speaker_key: str | None = None  # filled by resolve: the canonical speaker name
    # Set by extract when a quote runs on into the next paragraph's reopened quote.
    continues: bool = False
    mixed: bool = False  # a quoted fragment inside a paraphrase


@dataclass
class Speaker:
    name: str
    kind: str = "person"  # person | organization | group | anonymous
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
