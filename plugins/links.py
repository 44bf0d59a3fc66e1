"""Link table cells and query results to the research pages (quote, speaker, article, organisation).

A speaker's name in the speakers table opens their speaker page, an article title its reading view,
and in query results a `speaker` column next to a `speaker_id` column links the same way. The cell
text is escaped; only the link around it is markup."""

from __future__ import annotations

from urllib.parse import urlencode

from datasette import hookimpl
from markupsafe import Markup

# (table, column) -> (page, column holding the page's parameter, parameter name); table None means
# the results of a canned or arbitrary SQL query.
CELL_LINKS = {
    ("articles", "title"): ("article", "id", "id"),
    ("speakers", "name"): ("speaker", "id", "id"),
    ("quotes", "text"): ("quote", "id", "id"),
    ("affiliations", "organization"): ("organization", "organization", "name"),
    ("quotes_view", "quote"): ("quote", "quote_id", "id"),
    ("quotes_view", "speaker"): ("speaker", "speaker_id", "id"),
    ("quotes_view", "article_title"): ("article", "article_id", "id"),
    (None, "speaker"): ("speaker", "speaker_id", "id"),
    (None, "quote"): ("quote", "quote_id", "id"),
    (None, "article"): ("article", "article_id", "id"),
    (None, "organization"): ("organization", "organization", "name"),
}


def page_link(datasette, database: str, page: str, params: dict, text: str) -> Markup:
    href = f"{datasette.urls.query(database, page)}?{urlencode(params)}"
    return Markup('<a href="{}">{}</a>').format(href, text)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    link = CELL_LINKS.get((table, column))
    if link is None or not isinstance(value, str) or not value:
        return None
    page, key_column, parameter = link
    if key_column not in row.keys() or row[key_column] is None:
        return None
    if page not in (datasette.metadata("queries", database=database, fallback=False) or {}):
        return None
    return page_link(datasette, database, page, {parameter: row[key_column]}, value)
