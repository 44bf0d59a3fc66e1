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

    def __init__(self, position: int, text: str, kind: ParagraphKind = "body") -> None:  # written out: see Mention
        self.position, self.text, self.kind = position, text, kind

    def __reduce__(self) -> tuple[type, tuple]:  # see Mention
        return Paragraph, (self.position, self.text, self.kind)


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

    # Written out, here and in the other records the rules make by the thousand: compiled with the rules
    # (ingest/native.py), a class's own __init__ is native code, while the one @dataclass generates
    # runs as Python (benchmarks/RESULTS.md, round 7). The fields above stay the record's definition
    # (records.field_hints reads them); the parameters follow them in order, with their defaults.
    def __init__(
        self,
        text: str,
        name: str | None = None,
        title: str | None = None,
        role: str | None = None,
        organization: str | None = None,
        kind: MentionKind = "person",
        gender: Gender | None = None,
        issuer: str | None = None,
    ) -> None:
        self.text, self.name, self.title, self.role = text, name, title, role
        self.organization, self.kind, self.gender, self.issuer = organization, kind, gender, issuer

    def __reduce__(self) -> tuple[type, tuple]:
        """Pickled (to and from worker processes) as a call with every field: compiled, a class whose
        __init__ takes arguments is made only through it."""
        fields = (self.text, self.name, self.title, self.role, self.organization, self.kind, self.gender, self.issuer)
        return Mention, fields

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

    def __init__(  # written out: see Mention
        self,
        paragraph_position: int,
        start: int,
        end: int,
        text: str,
        kind: QuoteKind = "direct",
        cue: str | None = None,
        mention: Mention | None = None,
        method: Method | None = None,
        reason: str | None = None,
        speaker_key: str | None = None,
        continues: bool = False,
        mixed: bool = False,
    ) -> None:
        self.paragraph_position, self.start, self.end, self.text = paragraph_position, start, end, text
        self.kind, self.cue, self.mention, self.method = kind, cue, mention, method
        self.reason, self.speaker_key, self.continues, self.mixed = reason, speaker_key, continues, mixed

    def __reduce__(self) -> tuple[type, tuple]:  # see Mention
        fields = (self.paragraph_position, self.start, self.end, self.text, self.kind, self.cue, self.mention)
        return Quote, (*fields, self.method, self.reason, self.speaker_key, self.continues, self.mixed)


@dataclass
class Speaker:
    name: str
    kind: SpeakerKind = "person"
    aliases: set[str] = field(default_factory=set)
    gender: str | None = None  # "female" | "male", only from the article's own words
    gender_evidence: str | None = None  # the rule and the words: 'pronoun "she"', "honorific Ms.", "noun widow"
    alias_reasons: dict[str, str] = field(default_factory=dict)  # alias → why it joined this speaker here

    def __init__(  # written out: see Mention; None stands for a new empty set or dict, as the factories give
        self,
        name: str,
        kind: SpeakerKind = "person",
        aliases: set[str] | None = None,
        gender: str | None = None,
        gender_evidence: str | None = None,
        alias_reasons: dict[str, str] | None = None,
    ) -> None:
        self.name, self.kind, self.gender, self.gender_evidence = name, kind, gender, gender_evidence
        self.aliases = set() if aliases is None else aliases
        self.alias_reasons = {} if alias_reasons is None else alias_reasons

    def __reduce__(self) -> tuple[type, tuple]:  # see Mention
        return Speaker, (self.name, self.kind, self.aliases, self.gender, self.gender_evidence, self.alias_reasons)


@dataclass
class Affiliation:
    speaker_name: str
    role: str | None
    organization: str | None
    title: str | None = None
    source_text: str | None = None

    def __init__(  # written out: see Mention
        self,
        speaker_name: str,
        role: str | None,
        organization: str | None,
        title: str | None = None,
        source_text: str | None = None,
    ) -> None:
        self.speaker_name, self.role, self.organization = speaker_name, role, organization
        self.title, self.source_text = title, source_text

    def __reduce__(self) -> tuple[type, tuple]:  # see Mention
        return Affiliation, (self.speaker_name, self.role, self.organization, self.title, self.source_text)


@dataclass
class ArticleRecord:
    """Everything extracted from one article: what store writes."""

    article: Article
    content_hash: str
    paragraphs: list[Paragraph]
    quotes: list[Quote]
    speakers: list[Speaker]
    affiliations: list[Affiliation]
