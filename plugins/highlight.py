"""Show search snippets with their <mark> highlights.

The canned queries build `snippet` columns by HTML-escaping the article text first and only then
swapping the sentinel characters for <mark>…</mark>. A value is rendered as markup only when the
<mark> tags are its only markup, so a `snippet` column from arbitrary SQL cannot inject HTML."""

import re

from datasette import hookimpl
from markupsafe import Markup

HIGHLIGHTED_COLUMNS = {"snippet"}
MARK_TAG = re.compile(r"</?mark>")


@hookimpl
def render_cell(value, column):
    if column in HIGHLIGHTED_COLUMNS and isinstance(value, str) and is_escaped_with_marks(value):
        return Markup(value)
    return None


def is_escaped_with_marks(value: str) -> bool:
    return not re.search(r"[<>]", MARK_TAG.sub("", value))
