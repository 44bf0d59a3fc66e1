"""Show search snippets with their <mark> highlights.

The canned queries build `snippet` columns by HTML-escaping the article text first and only then
swapping the sentinel characters for <mark>…</mark>, so the value is safe to render as markup."""

from datasette import hookimpl
from markupsafe import Markup

HIGHLIGHTED_COLUMNS = {"snippet"}


@hookimpl
def render_cell(value, column):
    if column in HIGHLIGHTED_COLUMNS and isinstance(value, str):
        return Markup(value)
    return None
