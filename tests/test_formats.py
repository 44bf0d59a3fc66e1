"""JSON Lines, JSON and CSV: one article per record, fields by name, bad records reported by line;
standard input; format detection; dates normalised to ISO 8601; metadata facets and filters."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sqlite_utils
from click.testing import CliRunner

from ingest.cli import cli
from ingest.dates import DateError, normalise_date
from ingest.formats import FieldMap, detect_format, parse_articles
from ingest.read import InputError

from .conftest import REPO, SEED, ingest, make_datasette

SEED_TEXT = SEED.read_text(encoding="utf-8")
JANE = "‘We will win,’ said Jane Doe, a spokeswoman for the Acme Party."
OMAR = "“The bridge will open in May,” said Omar Said, the city engineer."


def write_jsonl(path, records_or_lines) -> None:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records_or_lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def articles_table(db_path) -> list[dict]:
    return list(sqlite_utils.Database(db_path).query("select * from articles order by path"))


def test_jsonl_records_become_articles_with_their_metadata(tmp_path):
    corpus = tmp_path / "crawl.jsonl"
    write_jsonl(
        corpus,
        [
            {"id": "afg-1", "text": SEED_TEXT, "title": "Afghan troops", "url": "https://news.example/afg-1",
             "date": "Mon, 05 Jul 2021 06:30:12 GMT", "source": {"id": "x", "name": "Example News"},
             "authors": ["Ann Lee", "Bo Chen"]},
            {"id": "acme-2", "content": JANE, "published": "July 6, 2021", "outlet": "The Ledger"},
        ],
    )  # fmt: skip
    result = ingest(tmp_path / "quotes.db", corpus)
    assert result.exit_code == 0, result.output
    first, second = articles_table(tmp_path / "quotes.db")
    assert first["path"] == f"{corpus}#acme-2" and second["path"] == f"{corpus}#afg-1"
    assert (second["title"], second["url"], second["published"], second["outlet"], second["author"]) == (
        "Afghan troops",
        "https://news.example/afg-1",
        "2021-07-05T06:30:12+00:00",
        "Example News",
        "Ann Lee, Bo Chen",
    )
    assert (first["published"], first["published_month"], first["outlet"]) == ("2021-07-06", "2021-07", "The Ledger")
    assert second["paragraph_count"] == 62  # the seed's paragraphs survive the JSON string
    db = sqlite_utils.Database(tmp_path / "quotes.db")
    assert db.execute("select speakers.name from quotes join speakers on speakers.id = speaker_id "
                      "where quotes.text = 'We will win'").fetchone() == ("Jane Doe",)  # fmt: skip


def test_reingesting_the_same_jsonl_adds_nothing(tmp_path):
    corpus = tmp_path / "crawl.jsonl"
    write_jsonl(corpus, [{"id": 1, "text": JANE}, {"url": "https://x.example/2", "text": OMAR}, {"text": "No key."}])
    ingest(tmp_path / "quotes.db", corpus)
    assert sorted(a["path"] for a in articles_table(tmp_path / "quotes.db")) == sorted(
        [
            f"{corpus}#1",
            "https://x.example/2",  # no id: its url
            f"{corpus}:3",  # no id and no url: the line number
        ]
    )
    again = ingest(tmp_path / "quotes.db", corpus)
    assert "0 added, 0 replaced, 3 unchanged" in again.output


def test_malformed_records_are_reported_by_line_and_the_rest_go_in(tmp_path):
    corpus = tmp_path / "export.jsonl"
    write_jsonl(
        corpus,
        [
            {"id": "a", "text": JANE},
            '{"id": "b", "text": "unterminated',
            "",
            "[1, 2]",
            {"id": "c", "title": "no text here"},
            {"id": "d", "text": OMAR, "date": "05/07/2021"},
            {"id": "e", "text": OMAR},
            {"id": "a", "text": "the same id again"},
        ],
    )
    result = ingest(tmp_path / "quotes.db", corpus)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == [
        f"error: {corpus}:2: invalid JSON (Unterminated string starting at column 21)",
        f"error: {corpus}:4: not a JSON object",
        f"error: {corpus}:5: no text (looked for field text or content or body)",
        f"error: {corpus}:6: ambiguous date '05/07/2021' (day and month could be either way round); use YYYY-MM-DD",
        f"error: {corpus}:8: same id or url as line 1, skipped",
    ]
    assert "Traceback" not in result.output
    assert [a["path"] for a in articles_table(tmp_path / "quotes.db")] == [f"{corpus}#a", f"{corpus}#e"]


def test_field_options_override_the_default_names(tmp_path):
    corpus = tmp_path / "custom.jsonl"
    write_jsonl(
        corpus,
        [{"doc": "n-1", "story": OMAR, "text": "not this", "headline_en": "Bridge", "link_out": "https://b.example",
          "when": "2020-02-03T04:05:06+01:00", "paper": {"name": "City Post"}, "writer": "Kim Ode"}],
    )  # fmt: skip
    result = ingest(
        tmp_path / "quotes.db", corpus, "--text-field", "story", "--title-field", "headline_en",
        "--url-field", "link_out", "--date-field", "when", "--outlet-field", "paper.name",
        "--author-field", "writer", "--id-field", "doc",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = articles_table(tmp_path / "quotes.db")
    assert (row["path"], row["title"], row["url"], row["published"], row["outlet"], row["author"]) == (
        f"{corpus}#n-1",
        "Bridge",
        "https://b.example",
        "2020-02-03T04:05:06+01:00",
        "City Post",
        "Kim Ode",
    )
    assert sqlite_utils.Database(tmp_path / "quotes.db").execute("select count(*) from quotes").fetchone() == (1,)


def test_json_array_reports_bad_elements_by_the_line_they_start_on(tmp_path):
    corpus = tmp_path / "array.json"
    corpus.write_text(
        '[\n  {"id": 1, "text": "Alpha."},\n  "stray string",\n  {"id": 3,\n   "body": "Gamma."}\n]\n', encoding="utf-8"
    )
    items = list(parse_articles(str(corpus), corpus.read_text()))
    assert [item.path for item in items] == [f"{corpus}#1", f"{corpus}:3", f"{corpus}#3"]
    assert isinstance(items[1], InputError) and items[1].reason == "not a JSON object"
    assert items[2].text == "Gamma."


def test_json_single_object_and_jsonl_named_json(tmp_path):
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"id": "x", "text": JANE}, indent=2))
    assert [a.path for a in parse_articles(str(single), single.read_text())] == [f"{single}#x"]
    misnamed = tmp_path / "lines.json"
    write_jsonl(misnamed, [{"id": 1, "text": "One."}, "{oops", {"id": 3, "text": "Three."}])
    items = list(parse_articles(str(misnamed), misnamed.read_text()))
    assert [item.path for item in items] == [f"{misnamed}#1", f"{misnamed}:2", f"{misnamed}#3"]


def test_csv_with_multiline_text_and_a_short_row(tmp_path):
    corpus = tmp_path / "articles.csv"
    corpus.write_text(
        "id,Title,Text,Date,Source\n"
        f'1,Bridge,"{OMAR.replace(chr(34), chr(34) * 2)}\n\nSecond paragraph.",2020-02-03,City Post\n'
        "2,Short row,only three fields\n"
        f'3,Acme,"{JANE}",2021,The Ledger\n',
        encoding="utf-8",
    )
    result = ingest(tmp_path / "quotes.db", corpus)
    assert result.exit_code == 1
    assert f"error: {corpus}:5: 3 fields, the header has 5" in result.stderr  # the row starts on line 5
    first, third = articles_table(tmp_path / "quotes.db")
    assert (first["title"], first["published"], first["outlet"], first["paragraph_count"]) == (
        "Bridge",
        "2020-02-03",
        "City Post",
        2,
    )
    assert (third["path"], third["published"], third["published_year"], third["published_month"]) == (
        f"{corpus}#3",
        "2021",
        "2021",
        None,
    )


def test_tsv_by_extension(tmp_path):
    corpus = tmp_path / "articles.tsv"
    corpus.write_text(f"id\ttext\toutlet\nk1\t{JANE}\tThe Ledger\n", encoding="utf-8")
    (article,) = parse_articles(str(corpus), corpus.read_text())
    assert (article.path, article.outlet) == (f"{corpus}#k1", "The Ledger")


def test_html_inside_a_record_is_read_as_a_page_and_the_record_metadata_wins(tmp_path):
    page = "<html><head><meta property='og:site_name' content='Page Name'></head><body><article>"
    page += f"<p>{OMAR} The engineer spoke at a meeting of the council on Tuesday night.</p>"
    page += "<figure><figcaption>The bridge under construction in March</figcaption></figure></article></body></html>"
    corpus = tmp_path / "pages.jsonl"
    write_jsonl(corpus, [{"id": "p1", "html": page, "outlet": "Record Name"}])
    (article,) = parse_articles(str(corpus), corpus.read_text(), fields=FieldMap().overridden(text="html"))
    assert [p.kind for p in article.paragraphs] == ["body", "caption"]
    assert article.outlet == "Record Name" and "<p>" not in article.text


def test_stdin_text_and_jsonl(tmp_path):
    db_path = tmp_path / "quotes.db"
    runner = CliRunner()
    first = runner.invoke(cli, [str(db_path), "-"], input=JANE + "\n")
    assert first.exit_code == 0, first.output
    again = runner.invoke(cli, [str(db_path), "-"], input=JANE + "\n")
    assert "0 added, 0 replaced, 1 unchanged" in again.output
    records = json.dumps({"id": "s1", "text": OMAR}) + "\n{broken\n"
    piped = runner.invoke(cli, [str(db_path), "-", "--format", "jsonl"], input=records)
    assert piped.exit_code == 1 and "error: <stdin>:2: invalid JSON" in piped.stderr
    paths = [a["path"] for a in articles_table(db_path)]
    assert paths[0] == "<stdin>#s1"
    assert paths[1].startswith("<stdin>#sha256:")  # a plain document from stdin is keyed by its content


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("page.txt", "<!DOCTYPE html>\n<html><body><p>x</p></body></html>", "html"),
        ("page", "\ufeff  <html lang='en'><p>x</p></html>", "html"),
        ("notes.txt", '{"text": "a"}\n{"text": "b"}', "json"),
        ("dump", '[{"text": "a"}]', "json"),
        ("photo.txt", "[Photo] Crowds gather in the square.", "text"),
        ("quote.txt", "<<He said so>> was the headline.", "text"),
        ("export.jsonl", "", "jsonl"),
        ("sheet.CSV", "id,text", "csv"),
        ("article.txt", "“We will win,” she said.", "text"),
    ],
)
def test_detect_format_by_extension_then_content(name, head, expected):
    assert detect_format(name, head) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-07-05", "2021-07-05"),
        ("2021-07-05T06:30:12.000Z", "2021-07-05T06:30:12+00:00"),
        ("2022-03-14T18:05:00-04:00", "2022-03-14T18:05:00-04:00"),
        ("Mon, 05 Jul 2021 06:30:12 GMT", "2021-07-05T06:30:12+00:00"),
        ("July 5, 2021", "2021-07-05"),
        ("5 Jul 2021 07.30 BST", "2021-07-05T07:30:00"),
        ("13/07/2021", "2021-07-13"),
        ("July 2021", "2021-07"),
        ("2016-09", "2016-09"),
        ("2016", "2016"),
        (1625466612, "2021-07-05T06:30:12+00:00"),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_normalised_to_iso_8601(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["05/07/2021", "next Tuesday", "July 5", "2021-13-45", 10**20, float("nan")])
def test_ambiguous_or_unreadable_dates_are_refused(value):
    with pytest.raises(DateError):
        normalise_date(value)


@pytest.fixture
def outlets_db(tmp_path):
    corpus = tmp_path / "outlets.jsonl"
    write_jsonl(
        corpus,
        [
            {"id": 1, "text": JANE, "outlet": "The Ledger", "date": "2021-07-06"},
            {"id": 2, "text": OMAR, "outlet": "City Post", "date": "2020-02-03T10:00:00Z"},
            {"id": 3, "text": JANE.replace("Jane Doe", "Jim Roe"), "outlet": "City Post", "date": "2021-07-30"},
        ],
    )
    db_path = tmp_path / "quotes.db"
    assert ingest(db_path, corpus).exit_code == 0
    return make_datasette(db_path)


async def test_articles_facet_by_outlet_year_and_month(outlets_db):
    data = (await outlets_db.client.get("/quotes/articles.json")).json()
    facets = {name: {r["value"]: r["count"] for r in f["results"]} for name, f in data["facet_results"].items()}
    assert facets["outlet"] == {"City Post": 2, "The Ledger": 1}
    assert facets["published_year"] == {"2021": 2, "2020": 1}
    assert facets["published_month"] == {"2021-07": 2, "2020-02": 1}
    quotes = (await outlets_db.client.get("/quotes/quotes_view.json")).json()["facet_results"]
    assert {r["value"]: r["count"] for r in quotes["outlet"]["results"]} == {"City Post": 2, "The Ledger": 1}
    assert {r["value"]: r["count"] for r in quotes["published_month"]["results"]} == {"2021-07": 2, "2020-02": 1}


async def test_search_quotes_filters_by_outlet_and_date(outlets_db):
    async def speakers(params: str) -> list[str]:
        response = await outlets_db.client.get(f"/quotes/search_quotes.json?_shape=array&{params}")
        assert response.status_code == 200, response.text
        return sorted(row["speaker"] for row in response.json())

    assert await speakers("q=win") == ["Jane Doe", "Jim Roe"]
    assert await speakers("q=win&outlet=&published_from=&published_to=") == ["Jane Doe", "Jim Roe"]
    assert await speakers("q=win&outlet=city+post") == ["Jim Roe"]
    assert await speakers("q=win&published_from=2021-07") == ["Jane Doe", "Jim Roe"]
    assert await speakers("q=win&published_to=2021-06") == []
    assert await speakers("q=bridge&published_to=2020") == ["Omar Said"]
    assert await speakers("q=bridge&published_from=2020-02-04") == []
    assert await speakers("q=win&published_from=2021-07-10&published_to=2021-07-31") == ["Jim Roe"]


def test_polnear_demo_conversion_goes_through_the_jsonl_path(polnear, tmp_path):
    converted = tmp_path / "polnear.jsonl"
    script = REPO / "scripts" / "polnear_to_jsonl.py"
    done = subprocess.run([sys.executable, str(script), str(polnear), str(converted)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in converted.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 924
    first = next(r for r in records if r["id"] == "breitbart_2016-09-15_pat-caddell-democrat-voters-worr")
    assert (first["outlet"], first["published"], first["author"], first["split"]) == (
        "Breitbart",
        "2016-09-15",
        "Dan Riehl",
        "dev",
    )
    assert first["title"].startswith("Pat Caddell: Democrat Voters Worried")
    assert all(r["author"] != "None" for r in records)
    sample = tmp_path / "sample.jsonl"  # one article per outlet keeps the test quick
    by_outlet = {r["outlet"]: r for r in records}
    write_jsonl(sample, by_outlet.values())
    result = ingest(tmp_path / "quotes.db", sample)
    assert result.exit_code == 0, result.output
    rows = articles_table(tmp_path / "quotes.db")
    assert {r["outlet"] for r in rows} == set(by_outlet) and len(by_outlet) == 7
    assert all(r["published_month"] and r["quote_count"] > 0 for r in rows)


async def test_speaker_and_organisation_queries_filter_by_outlet_and_date(tmp_path):
    records = [
        {
            "id": "a",
            "outlet": "Daily Planet",
            "date": "2021-03-02",
            "text": "‘We will rebuild the bridge,’ said Lois Lane, a spokeswoman for the Metro Council.",
        },
        {
            "id": "b",
            "outlet": "Gotham Gazette",
            "date": "2016-09-12",
            "text": "‘The bridge is safe,’ said Vicki Vale, a spokeswoman for the Harbor Authority.",
        },
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    assert ingest(tmp_path / "quotes.db", tmp_path / "in.jsonl").exit_code == 0
    datasette = make_datasette(tmp_path / "quotes.db")

    async def rows(path):
        response = await datasette.client.get(path)
        assert response.status_code == 200, response.text[:300]
        return response.json()

    top = await rows("/quotes/top_speakers.json?_shape=array&outlet=daily+planet")
    assert [row["speaker"] for row in top] == ["Lois Lane"]
    top = await rows("/quotes/top_speakers.json?_shape=array&published_from=2016&published_to=2016-12")
    assert [row["speaker"] for row in top] == ["Vicki Vale"]
    orgs = await rows("/quotes/top_organizations.json?_shape=array&published_from=2021")
    assert [row["organization"] for row in orgs] == ["Metro Council"]
    by_speaker = await rows("/quotes/quotes_by_speaker.json?_shape=array&name=Vale&outlet=Daily+Planet")
    assert by_speaker == []
    assert len(await rows("/quotes/quotes_by_speaker.json?_shape=array&name=Vale")) == 1


def test_polnear_conversion_reads_a_copy_laid_out_like_the_repository(tmp_path):
    """The layout `make demo` fetches (PolNeAR's data/: splits with text/, metadata.tsv), made small here."""
    import csv as csv_module

    data = tmp_path / "PolNeAR" / "data"
    for split, name in [("train", "nyt_a"), ("dev", "breitbart_b"), ("test", "politico_c")]:
        (data / split / "text").mkdir(parents=True)
        (data / split / "text" / f"{name}.txt").write_text(f"‘We will win,’ said Jane Doe of {name}.\n")
    with (data / "metadata.tsv").open("w", newline="") as handle:
        writer = csv_module.writer(handle, delimiter="\t")
        writer.writerow(["filename", "compartment", "publisher", "publication_date", "author", "title"])
        writer.writerow(["nyt_a", "train", "nyt", "2016-09-01", "None", "A"])
        writer.writerow(["breitbart_b", "dev", "breitbart", "2016-09-02", "Ann Author", "B"])
        writer.writerow(["politico_c", "test", "politico", "2016-09-03", "", "C"])
    out = tmp_path / "polnear.jsonl"
    script = REPO / "scripts" / "polnear_to_jsonl.py"
    subprocess.run([sys.executable, str(script), str(data), str(out)], check=True, capture_output=True)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["id"], r["outlet"], r["author"]) for r in records] == [
        ("nyt_a", "The New York Times", None),
        ("breitbart_b", "Breitbart", "Ann Author"),
    ]  # train and dev only: the test split stays unseen
    assert ingest(tmp_path / "quotes.db", out).exit_code == 0
