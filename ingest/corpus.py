"""The steps that look at the whole corpus, not one article: run once after every ingest or load.

Per-article extraction (pipeline.process_article) sees one article at a time. What only the whole
corpus can decide runs here, in order, after the last batch is written: each step is a pure
function over plain rows with a thin store wrapper, deterministic and independent of the order in
which articles arrived, so the same steps can run over the rows of several shards."""

from __future__ import annotations

import sqlite_utils

from .corpus_store import refresh_summaries, update_statistics
from .identity_store import refresh_identities
from .quotations import Grouping
from .quotations_store import forget_quotation_statistics, refresh_quotations


def refresh_corpus(db: sqlite_utils.Database, everything: bool = False, grouped: Grouping | None = None) -> None:
    """Bring everything that depends on the whole corpus up to date with the articles stored;
    everything: rebuild the quotations and summaries whole instead of what changed touched
    (quotations_store.py, summaries.py); grouped: every quote's quotation grouping, made already
    from these rows (corpus_shards.py)."""
    refresh_identities(db)  # first: the quotations and summaries count quotes by speaker
    refresh_quotations(db, everything, grouped)
    refresh_summaries(db, everything)
    update_statistics(db)
    forget_quotation_statistics(db)
