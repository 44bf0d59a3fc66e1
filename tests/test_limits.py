"""Bounds on what one SQL statement may build (plugins/limits.py): a statement that would build a
huge value or run one function call for minutes is refused at once with a clear 400, and the server
keeps answering everyone else."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import textwrap
import urllib.parse

import pytest

from .conftest import REPO, load_plugin, make_datasette

# Each built a huge value (printf: 7.5 s and 900 MB) or could grow the server without bound.
HUGE = {
    "printf precision": "select length(printf('%.*c', 900000000, 'x'))",
    "printf width": "select length(printf('%900000000c', 'x'))",
    "format": "select length(format('%.*c', 50000000, 'x'))",
    "zeroblob": "select length(zeroblob(900000000))",
    "randomblob": "select length(randomblob(50000000))",
    "doubling": "with recursive r(s) as (select 'x' union all select s || s from r where length(s) < 1e9) "
    "select max(length(s)) from r",
    "replace growth": "select length(replace(hex(zeroblob(400000)), '0', '00000'))",
    "group_concat": "select length(group_concat(p.text)) from paragraphs p, paragraphs b, "
    "(select 1 union all select 2)",
    "result rows": "select zeroblob(999000) from paragraphs p, paragraphs b limit 900",
    "long LIKE pattern": "select hex(zeroblob(450000)) like ('%' || hex(zeroblob(20000)) || '1%')",
    "too many columns": "select " + ", ".join(f"{i} as c{i}" for i in range(100)),
}
REFUSALS = ("string or blob too big", "pattern too complex", "too many columns", "results over")

# Each ran one SQLite call for minutes (quadratic in its arguments), which no time limit stops.
QUADRATIC = {
    "instr": "select instr(hex(zeroblob(490000)), hex(zeroblob(200000)) || '1')",
    "replace": "select length(replace(hex(zeroblob(490000)), hex(zeroblob(200000)) || '1', 'x'))",
    "trim": "select length(trim(hex(zeroblob(100000)), "
    "substr(replace(hex(randomblob(45000)), '0', ''), 1, 80000) || '0'))",
    "ltrim": "select length(ltrim(hex(zeroblob(100000)), "
    "substr(replace(hex(randomblob(45000)), '0', ''), 1, 80000) || '0'))",
}


def sql_url(sql: str) -> str:
    return "/quotes.json?sql=" + urllib.parse.quote(sql)


@pytest.fixture
def served(seed_db_path):
    return make_datasette(seed_db_path)


@pytest.mark.parametrize("name", sorted(HUGE))
async def test_a_statement_building_a_huge_value_is_refused_with_a_clear_400(served, name):
    response = await served.client.get(sql_url(HUGE[name]))
    assert response.status_code == 400, (name, response.text[:300])
    assert any(reason in response.json()["error"] for reason in REFUSALS), response.json()["error"]


async def test_hostile_statements_at_once_leave_the_server_answering_searches(served):
    hostile = [served.client.get(sql_url(HUGE["printf precision"])) for _ in range(3)]
    search = served.client.get("/quotes/search_quotes.json?q=said")
    *refused, answered = await asyncio.gather(*hostile, search)
    assert [r.status_code for r in refused] == [400, 400, 400]
    assert answered.status_code == 200 and answered.json()["count"] > 0
    html = (await served.client.get("/quotes?sql=" + urllib.parse.quote(HUGE["zeroblob"]))).text
    assert "string or blob too big" in html


def test_no_single_function_call_runs_for_minutes():
    """In a process of its own, so that SQLite's quadratic built-ins (3 to 5 minutes each here) can
    be stopped: with the limits on Datasette's connections each call takes milliseconds."""
    script = textwrap.dedent(f"""
        import asyncio, sys, urllib.parse
        sys.path.insert(0, {str(REPO)!r})
        from datasette.app import Datasette
        datasette = Datasette(memory=True, plugins_dir={str(REPO / "plugins")!r})
        async def main():
            for sql in {list(QUADRATIC.values())!r}:
                response = await datasette.client.get("/_memory.json?sql=" + urllib.parse.quote(sql))
                print(response.status_code, flush=True)
        asyncio.run(main())
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["200"] * len(QUADRATIC)


ORDINARY = [
    "select trim('xxabcxx', 'x')",
    "select ltrim('xxabcxx', 'xa')",
    "select rtrim('xxabcxx', 'xc')",
    "select trim('ééaé', 'é')",
    "select trim(null, 'x')",
    "select trim('abc', null)",
    "select trim(123, '1')",
    "select trim('  a  ')",
    "select instr('abcabc', 'ca')",
    "select instr(x'010203', x'03')",
    "select instr('abc', null)",
    "select instr(12345, 34)",
    "select instr('ça va', 'va')",
    "select replace('aaa', 'a', 'bb')",
    "select replace('abc', '', 'x')",
    "select replace(123, 2, 9)",
    "select replace(null, 'a', 'b')",
    "select printf('%5.2f|%-4d|%s|%.3s', 3.14159, 7, 'x', 'abcdef')",
    "select printf('%lld %q %Q %w', 5, 'it''s', null, 'a\"b')",
    "select printf('%*d|%-*d|%.*f', 5, 1, 4, 2, 2, 3.14159)",
    "select printf(null)",
    "select printf('%d%%', 5)",
    "select format('%s', 'x')",
]


@pytest.mark.parametrize("sql", ORDINARY)
def test_the_replaced_functions_answer_as_sqlites_own(sql):
    import sqlite3

    limits = load_plugin("limits")
    ours, sqlites = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    limits.prepare_connection(ours)
    assert ours.execute(sql).fetchone() == sqlites.execute(sql).fetchone()


@pytest.mark.parametrize("name", ["speaker", "organization", "article"])
async def test_search_filters_too_long_for_like_are_a_400(served, name):
    response = await served.client.get(f"/quotes/search_quotes?{name}=" + "a" * 5000)
    assert response.status_code == 400
    assert f"{name} must be at most" in response.text
    assert (await served.client.get("/quotes/search_quotes?q=" + "a" * 5000)).status_code == 200


def test_a_statements_rows_are_budgeted_by_the_length_of_text_and_blobs_and_8_bytes_for_other_values(monkeypatch):
    """limits.ResultBudget: 'abc', a 2-byte blob, an integer, NULL and a real are 3 + 2 + 8 + 8 + 8 = 29
    bytes; under a budget of 100 bytes three such rows pass and the fourth stops the statement,
    while another statement on the same connection has a budget of its own."""
    limits = load_plugin("limits")
    monkeypatch.setattr(limits, "MAX_RESULT_BYTES", 100)
    conn = sqlite3.connect(":memory:")
    conn.row_factory = limits.ResultBudget(None)
    row = "select 'abc', x'0001', 5, null, 1.5"
    assert conn.execute(" union all ".join([row] * 3)).fetchall() == [("abc", b"\x00\x01", 5, None, 1.5)] * 3
    with pytest.raises(limits.TooBig, match="results over 100 bytes"):
        conn.execute(" union all ".join([row] * 4)).fetchall()
    assert len(conn.execute(" union all ".join([row] * 3)).fetchall()) == 3
