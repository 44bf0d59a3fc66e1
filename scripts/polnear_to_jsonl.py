"""Convert the PolNeAR corpus (texts plus metadata.tsv) to JSON Lines, one article per line, the way
a researcher's crawl export looks: `make demo` then ingests it through the ordinary JSON Lines path.

    python scripts/polnear_to_jsonl.py ../shared/eval/polnear db/demo/polnear.jsonl

The corpus stays where it is; the JSON Lines file is written under db/ (not part of the repository).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

SPLITS = ("train", "dev")
# metadata.tsv names publishers by slug; the demo shows them as readers know them.
OUTLETS = {
    "breitbart": "Breitbart",
    "huff-post": "HuffPost",
    "nyt": "The New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "The Washington Post",
    "west-journal": "The Western Journal",
}
MISSING = {"", "None"}


def polnear_records(corpus: Path):
    with (corpus / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            text_path = corpus / row["compartment"] / "text" / f"{row['filename']}.txt"
            if row["compartment"] not in SPLITS or not text_path.exists():
                continue
            yield {
                "id": row["filename"],
                "title": row["title"],
                "published": row["publication_date"],
                "outlet": OUTLETS.get(row["publisher"], row["publisher"]),
                "author": None if row["author"] in MISSING else row["author"],
                "split": row["compartment"],
                "text": text_path.read_text(encoding="utf-8"),
            }


def main(corpus: str, output: str) -> None:
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with target.open("w", encoding="utf-8") as handle:
        for record in polnear_records(Path(corpus)):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    print(f"{count} PolNeAR articles written to {target}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: polnear_to_jsonl.py POLNEAR_DIR OUTPUT.jsonl")
    main(sys.argv[1], sys.argv[2])
