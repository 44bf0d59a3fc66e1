"""`http_url`: the template filter every page puts a stored URL through before making it a link.

An article's url comes from whoever wrote the page or the record: `javascript:alert(1)` (in any
case, after spaces or control characters, with a newline or tab inside, which browsers drop) runs
script when a reader clicks the link, and `data:` or `vbscript:` URLs are no better. Only a web
address, http:// or https:// followed by no whitespace or control character, becomes a link; any
other value is shown as text. Datasette's own table and row pages already link only such values."""

from __future__ import annotations

import re

from datasette import hookimpl

WEB_ADDRESS = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def http_url(value: object) -> str | None:
    """value when it is an http(s) URL (surrounding spaces removed), else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if WEB_ADDRESS.fullmatch(value) else None


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["http_url"] = http_url
