"""A request the site cannot make sense of is a 400 with the reason, never a 500
(plugins/bad_requests.py; issue 18 case 11): Datasette's own parameters with wrong values on every
table and view, rows of a compound-key table asked for by one value, canned queries and the search
page with wrong types, huge integers and missing parameters."""

from __future__ import annotations

import urllib.parse

import pytest
import yaml

from scripts.hostile_cases import ISSUE_BAD_REQUESTS

from .conftest import REPO, SEED, ingest, load_plugin, make_datasette

METADATA = yaml.safe_load((REPO / "metadata.yml").read_text())
QUERIES = sorted(METADATA["databases"]["quotes"]["queries"])

# After the issue's requests (scripts.hostile_cases.ISSUE_BAD_REQUESTS, all 500 before), more of the same kinds.
TABLE_PARAMETERS = [
    "_sort=nope", "_sort=rowid", "_sort_desc=nope", "_where=%00", "_timelimit=abc", "_timelimit=-1",
    "_through=%ff", "_through={}", "_next=abc", "_next=%ff", "_size=abc", "_size=-1",
    "_size=99999999999999999999", "_facet=%00", "_facet=nope", "_facet_array=%00", "_facet_date=%00",
    "_col=nope", "_nocol=nope", "_search=%22", "_shape=nope", "_labels=abc", "id__gt=99999999999999999999",
    "id__in=[", "id__notin=[", "id__arraycontains=%00", "id__date=abc", "nope__exact=1",
]  # fmt: skip
QUERY_PARAMETERS = ["_next=abc", "_size=abc", "_size=-1", "_timelimit=abc", "_shape=nope", "_json=%ff", "id=%00"]
SEARCH_PARAMETERS = [
    "page=abc", "page=0", "page=99999999999999999999", "size=-1", "size=abc", "_size=100000", "sort=nope",
    "speaker_id=abc", "speaker_id=99999999999999999999", "quotation=-1", "q=%00", "article=%00", "month=%ff",
]  # fmt: skip


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    path = tmp_path_factory.mktemp("bad-requests") / "quotes.db"
    assert ingest(path, SEED).exit_code == 0
    return make_datasette(path)


async def status_and_text(datasette, path: str) -> tuple[int, str]:
    response = await datasette.client.get(path)
    return response.status_code, response.text


@pytest.mark.parametrize("path", ISSUE_BAD_REQUESTS)
async def test_the_issues_requests_are_a_400_with_the_reason(served, path):
    for suffix in ("", ".json"):
        base, _, query = path.partition("?")
        status, text = await status_and_text(served, base + suffix + (f"?{query}" if query else ""))
        assert status == 400, (path, suffix, status, text[-300:])
        assert "Bad request" in text


@pytest.mark.slow
async def test_wrong_parameters_on_every_table_and_view_are_never_a_500(served):
    db = served.get_database("quotes")
    failures = []
    for name in await db.table_names() + await db.view_names():
        for parameter in TABLE_PARAMETERS:
            for suffix in ("", ".json", ".csv"):
                path = f"/quotes/{urllib.parse.quote(name)}{suffix}?{parameter}"
                status, _ = await status_and_text(served, path)
                if status >= 500:
                    failures.append((path, status))
        for row in ("abc", "99999999999999999999", "%ff", "1,2", "%00"):
            status, _ = await status_and_text(served, f"/quotes/{urllib.parse.quote(name)}/{row}.json")
            if status >= 500:
                failures.append((name, row, status))
    assert failures == []


@pytest.mark.slow
@pytest.mark.parametrize("name", QUERIES)
async def test_wrong_parameters_on_every_canned_query_are_never_a_500(served, name):
    for parameter in ["", *QUERY_PARAMETERS]:
        for suffix in ("", ".json", ".csv"):
            status, text = await status_and_text(served, f"/quotes/{name}{suffix}?{parameter}")
            assert status < 500, (name, parameter, suffix, status, text[-300:])


@pytest.mark.parametrize("parameter", SEARCH_PARAMETERS)
async def test_wrong_parameters_on_the_search_page_are_never_a_500(served, parameter):
    for suffix in ("", ".json", ".csv"):
        status, text = await status_and_text(served, f"/quotes/search_quotes{suffix}?{parameter}")
        assert status in (200, 400), (parameter, suffix, status, text[-300:])


def test_a_real_fault_is_still_a_500():
    """Only the request's faults become 400s: a failure of the server's own is not hidden."""
    from datasette.views.base import DatasetteError

    plugin = load_plugin("bad_requests")
    assert plugin.is_bad_request(ValueError("invalid literal for int() with base 10: 'abc'"))
    assert plugin.is_bad_request(DatasetteError("Cannot sort table by nope"))
    assert not plugin.is_bad_request(RuntimeError("a bug of ours"))
    assert not plugin.is_bad_request(AttributeError("a bug of ours"))
    assert not plugin.is_bad_request(DatasetteError("Database not found", status=404))
