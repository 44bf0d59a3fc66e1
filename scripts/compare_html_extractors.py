"""Compare trafilatura, readability-lxml and our reader (ingest.webpage) on the news-shaped pages in
tests/fixtures/html: which body paragraphs, captions and embedded posts each keeps, how much page
furniture leaks into its text, and which metadata fields it reads.

    .venv/bin/pip install readability-lxml   # only for this comparison; not a project dependency
    .venv/bin/python scripts/compare_html_extractors.py
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import trafilatura

from ingest.webpage import read_html

PAGES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "html"
# Per page: words that must survive (body, caption, embed) and furniture that must not read as body.
EXPECTED = {
    "jsonld_figures_tweet.html": {
        "body": ["Emergency barriers protecting", "The water came over the top", "The Environment Agency said",
                 "Residents questioned why", "A spokesperson for the agency", "Forecasters expect a further"],
        "caption": ["Volunteers carry sandbags", "The breached section of the temporary barrier"],
        "embed": ["Our thoughts are with everyone in Millbrook"],
        "furniture": ["We use cookies", "Amber rain warning", "Sign up to our Morning Briefing", "Share on Facebook",
                      "Most viewed", "All rights reserved", "By Helen Marsh"],
    },
    "meta_author_instagram.html": {
        "body": ["Northgate council has approved", "Councillors voted by 31", "This is the biggest change",
                 "Shop owners on Mill Lane", "Half of my customers", "Work on the first section"],
        "caption": ["Traffic on the ring road near the station"],
        "embed": ["A post shared by Northgate Cycle Campaign"],
        "furniture": ["This website uses cookies", "Parking charges to rise", "download our free app",
                      "Man finds giant marrow", "About time too", "Registered in England"],
    },
    "plain_blog_post.html": {
        "body": ["About forty people came", "The board's chairman", "Not everyone was convinced"],
        "caption": [],
        "embed": [],
        "furniture": ["Harbour Watch", "RSS"],
    },
}  # fmt: skip
METADATA = ("title", "author", "published", "outlet", "url")


def trafilatura_result(html: str) -> tuple[str, dict]:
    doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    meta = {"title": doc.title, "author": doc.author, "published": doc.date, "outlet": doc.sitename, "url": doc.url}
    return doc.text or "", meta


def readability_result(html: str) -> tuple[str, dict]:
    from readability import Document

    document = Document(html)
    text = lxml.html.fromstring(document.summary(html_partial=True)).text_content()
    return text, {"title": document.short_title()}


def our_result(html: str) -> tuple[str, dict]:
    article = read_html("page.html", html)
    body = "\n".join(p.text for p in article.paragraphs if p.kind in ("body", "caption", "embed"))
    return body, {field: getattr(article, field) for field in METADATA}


def score(text: str, expected: dict) -> str:
    text = re.sub(r"\s+", " ", text)
    found = {kind: sum(phrase in text for phrase in expected[kind]) for kind in ("body", "caption", "embed")}
    leaked = [phrase for phrase in expected["furniture"] if phrase in text]
    parts = [f"{kind} {found[kind]}/{len(expected[kind])}" for kind in found if expected[kind]]
    return ", ".join(parts) + f"; furniture leaked {len(leaked)}/{len(expected['furniture'])} {leaked or ''}"


def main() -> None:
    extractors = {"trafilatura": trafilatura_result, "readability-lxml": readability_result, "ours": our_result}
    try:
        import readability  # noqa: F401
    except ImportError:
        del extractors["readability-lxml"]
        print("(readability-lxml not installed: .venv/bin/pip install readability-lxml)\n")
    for name, expected in EXPECTED.items():
        html = (PAGES / name).read_text(encoding="utf-8")
        print(name)
        for extractor, run in extractors.items():
            text, meta = run(html)
            fields = [field for field in METADATA if meta.get(field)]
            print(f"  {extractor:17} {score(text, expected)}; metadata: {', '.join(fields) or 'none'}")
        print()


if __name__ == "__main__":
    main()
