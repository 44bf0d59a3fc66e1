"""Template helpers for the research pages (templates/query-quotes-*.html and index.html).

- `canned(name, **params)` runs another canned query from metadata.yml, so a page can show a header
  (a speaker's profile, an article's details) next to its main rows while every SQL statement stays
  in metadata.yml and stays downloadable as CSV and JSON at its own URL.
- `annotate(text, quotes, quote_url)` marks quotes inside a paragraph by their character offsets.
  Every piece of article text goes through markupsafe.escape, so an article containing <script> or
  any other HTML renders as text.
- `from_json(value)` reads the JSON lists the page queries build with json_group_array.
- `non_empty(params, **changes)`: a page's parameters with changes, empty ones left out, for the
  query strings of sort and page links (?sort=articles, not ?outlet=&published_from=&...).
- `readme()` / `document(name)`: the README and docs/*.md as HTML, for the About pages
  (templates/pages/about.html, templates/pages/about/{name}.html).
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from pathlib import Path
from typing import NamedTuple

import markdown
from datasette import hookimpl
from datasette.utils import derive_named_parameters
from markupsafe import Markup, escape

REPO = Path(__file__).resolve().parent.parent
# The documents the About pages show: "" is /about, the others /about/NAME.
DOCUMENTS = {"": REPO / "README.md", "results": REPO / "benchmarks" / "RESULTS.md"} | {
    path.stem: path for path in sorted((REPO / "docs").glob("*.md"))
}
LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)
PAGE_QUERY = "overview"  # the database whose metadata defines this query is the research database


class Span(NamedTuple):
    # NamedTuple, not a dataclass: Datasette loads plugins/ modules without registering them in
    # sys.modules, which dataclasses need under `from __future__ import annotations`.
    quote_id: int
    start: int
    end: int
    kind: str
    speaker: str | None


def from_json(value: str | None) -> list:
    if not value:
        return []
    try:
        parsed = json.loads(value)
    except ValueError:
        return []
    return parsed if isinstance(parsed, list) else []


def spans_from(quotes: list[dict], text_length: int) -> list[Span]:
    """Quotes with usable offsets, outermost first when two start together."""
    spans = [
        Span(q["quote_id"], q["start"], q["end"], q.get("kind") or "", q.get("speaker"))
        for q in quotes
        if isinstance(q.get("start"), int)
        and isinstance(q.get("end"), int)
        and 0 <= q["start"] < q["end"] <= text_length
    ]
    return sorted(spans, key=lambda s: (s.start, -s.end))


def speaker_tag(span: Span, quote_url: str) -> Markup:
    return Markup('<a class="speaker-tag" id="q{}" href="{}{}">{}</a>').format(
        span.quote_id, quote_url, span.quote_id, span.speaker or "speaker unknown"
    )


def highlighted(piece: str, span: Span) -> Markup:
    title = f"{span.kind} quote, {span.speaker or 'speaker unknown'}"
    return Markup('<mark class="quote quote-{}" data-quote-id="{}" title="{}">{}</mark>').format(
        span.kind, span.quote_id, title, piece
    )


def annotate(text: str | None, quotes: list[dict], quote_url: str = "", labels: bool = True) -> Markup:
    """The paragraph as HTML with each quote in a <mark>, preceded by a link labelled with its
    speaker when `labels`. Overlapping quotes (a quoted fragment inside a paraphrase) are cut at
    every boundary; each piece is marked for the innermost quote covering it."""
    text = text or ""
    spans = spans_from(quotes, len(text))
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    for start, end in itertools.pairwise(cuts):
        if labels:
            out.extend(speaker_tag(s, quote_url) for s in spans if s.start == start)
        covering = [s for s in spans if s.start <= start and end <= s.end]
        piece = escape(text[start:end])
        out.append(highlighted(piece, covering[-1]) if covering else piece)
    return Markup("").join(out)


def non_empty(params: dict, **changes) -> dict:
    return {name: value for name, value in {**params, **changes}.items() if value not in (None, "")}


@functools.cache
def document(name: str = "") -> Markup | None:
    """README.md (no name), docs/NAME.md or benchmarks/RESULTS.md (results) as HTML, for the About
    pages; None for any other name. Our own text, so its HTML is trusted; headings get ids to link
    to, and links between these files become links between their pages (/about, /about/NAME)."""
    path = DOCUMENTS.get(name)
    if path is None or not path.exists():
        return None
    html = markdown.markdown(path.read_text(encoding="utf-8"), extensions=["tables", "fenced_code", "toc"])
    return Markup(LINK.sub(lambda m: about_link(m, path), html))


def about_link(match: re.Match, source: Path) -> str:
    """A link of a rendered document: to another document's page, to the web, or else its text alone
    (a repository file has no page here)."""
    href, text = match.group(1), match.group(2)
    if href.startswith(("http://", "https://", "#", "/")):
        return match.group(0)
    target, _, fragment = href.partition("#")
    resolved = (source.parent / target).resolve()
    for name, path in DOCUMENTS.items():
        if path.resolve() == resolved:
            page = "/about" + (f"/{name}" if name else "")
            return f'<a href="{page}{"#" + fragment if fragment else ""}">{text}</a>'
    return text


def readme() -> Markup:
    return document("") or Markup("<p>The README is not beside this installation.</p>")


async def research_database(datasette, actor) -> str | None:
    for name in datasette.databases:
        if await datasette.get_canned_query(name, PAGE_QUERY, actor):
            return name
    return None


@hookimpl
def extra_template_vars(datasette, request, database):
    actor = request.actor if request else None

    async def canned(name: str, **params) -> list[dict]:
        """Rows of the canned query `name`; parameters not given are empty strings, as in Datasette."""
        db_name = database or await research_database(datasette, actor)
        query = await datasette.get_canned_query(db_name, name, actor) if db_name else None
        if query is None:
            return []
        if not await datasette.permission_allowed(actor, "view-query", (db_name, name), default=True):
            return []
        db = datasette.get_database(db_name)
        names = await derive_named_parameters(db, query["sql"])
        values = {n: "" if params.get(n) is None else str(params[n]) for n in names}
        results = await db.execute(query["sql"], values)
        return [dict(row) for row in results.rows]

    async def page_database() -> str | None:
        """The database holding the research pages' canned queries."""
        return await research_database(datasette, actor)

    return {
        "canned": canned,
        "page_database": page_database,
        "annotate": annotate,
        "from_json": from_json,
        "readme": readme,
        "document": document,
        "non_empty": non_empty,
        "site": datasette.metadata(),  # the instance's title, description and licence, on any page
    }
