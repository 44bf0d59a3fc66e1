"""Our hand annotation of the seed article (tests/seed_annotation.json) as gold attributions.

Each entry quotes the file's text exactly; `direct` and `indirect` entries name the canonical
speakers accepted, `scare` entries are quote marks that must get no speaker, `optional` entries are
borderline attributions that count neither way."""

from __future__ import annotations

import json

from .polnear import REPO, GoldAttribution

SEED_TEXT = REPO / "seeds" / "000_3d888245f5eff5d7.txt"
SEED_ANNOTATION = REPO / "tests" / "seed_annotation.json"


def locate(text: str, snippet: str) -> tuple[int, int]:
    start = text.find(snippet)
    if start < 0:
        raise ValueError(f"annotation text not in the seed: {snippet[:60]!r}")
    return start, start + len(snippet)


def load_seed() -> tuple[str, list[GoldAttribution], list[GoldAttribution], list[tuple[int, int]]]:
    """(article text, gold attributions, optional attributions, scare-quote ranges)."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    annotation = json.loads(SEED_ANNOTATION.read_text(encoding="utf-8"))
    gold = [
        GoldAttribution([locate(text, entry["text"])], "", kind == "direct", tuple(entry["speakers"]))
        for kind in ("direct", "indirect")
        for entry in annotation[kind]
    ]
    optional = [GoldAttribution([locate(text, snippet)], "", False) for snippet in annotation["optional"]]
    scare = [locate(text, snippet) for snippet in annotation["scare"]]
    return text, gold, optional, scare
