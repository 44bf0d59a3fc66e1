"""What a run reads: the input paths walked, each file read in its format, every article checked
against the size limits. The options that decide it travel together as one Inputs, so the ingest
and extract verbs, the worker processes and the Dask engine read exactly alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .formats import FieldMap, RecordPage, holds_records, read_articles
from .keys import file_key
from .models import Article
from .read import MAX_ARTICLE_CHARS, MAX_PARAGRAPH_CHARS, InputError, check_article, guard_reader, iter_input_paths


@dataclass(frozen=True)
class Inputs:
    fmt: str = "auto"  # formats.FORMATS: auto goes by extension, then by content
    fields: FieldMap = field(default_factory=FieldMap)  # which record field holds what
    max_article_chars: int = MAX_ARTICLE_CHARS
    max_paragraph_chars: int = MAX_PARAGRAPH_CHARS
    external_links: bool = False  # follow symbolic links out of an input folder (refused by default)
    skip: frozenset[str] = frozenset()  # real paths never read as input (the database's own files)
    root: str | None = None  # file keys relative to this folder (--root), else resolved paths (keys.py)

    def walk(self, paths: Iterable[str]) -> Iterator[str | InputError]:
        """Every input file under paths, and an InputError for each that cannot be read."""
        return iter_input_paths(list(paths), skip=self.skip, external_links=self.external_links)

    def read(self, path: str | RecordPage) -> Iterator[Article | RecordPage | InputError]:
        """The articles of one input, each checked; an unexpected failure inside the reader becomes
        an InputError for this input only. A record's web page (RecordPage) comes back unread from
        a file, to be read by the worker that extracts it: read(page) reads it."""
        if isinstance(path, RecordPage):
            page = path
            articles = guard_reader(page.where, lambda: [page.read()])
        else:
            articles = guard_reader(path, lambda: read_articles(path, self.fmt, self.fields, file_key(path, self.root)))
        return (self.check(article) for article in articles)

    def check(self, article: Article | RecordPage | InputError) -> Article | RecordPage | InputError:
        if isinstance(article, RecordPage):
            return article  # checked once read
        return check_article(article, self.max_article_chars, self.max_paragraph_chars)

    def items(
        self, paths: Iterable[str], records_read: Callable[[int], None] | None = None
    ) -> Iterator[str | Article | InputError]:
        """What the extraction map takes: the name of each file holding one article (the worker that
        extracts it reads it), and the articles of record files and standard input, read here so that
        their records spread over the workers. records_read(n) is told how many items each such
        input turned out to hold."""
        for item in self.walk(paths):
            if isinstance(item, InputError) or not holds_records(item, self.fmt):
                yield item
                continue
            count = 0
            for count, article in enumerate(self.read(item), 1):  # noqa: B007 - the count is used after
                yield article
            if records_read is not None:
                records_read(count)

    def count(self, paths: Iterable[str]) -> int | None:
        """How many inputs paths hold, without reading any (a record file counts once until it is
        read: see items); None for standard input, which cannot be looked at in advance."""
        paths = list(paths)
        return None if "-" in paths else sum(1 for _ in self.walk(paths))
