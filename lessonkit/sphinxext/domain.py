"""What lessonkit remembers about every document between reading and writing."""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from lessonkit.lesson import read_front_matter


@dataclass(frozen=True)
class LessonInfo:
    """The metadata and summary of one lesson, as read in the build's language."""

    docname: str
    id: str
    band: str
    duration: int
    topics: tuple[str, ...]
    sensitive: bool
    reviewed: str
    order: int
    summary: str
    outcomes: tuple[str, ...] = ()  # codes of curriculum expectations (frameworks/)
    reviewed_by: str = ""  # who did the last review, when the curriculum records it
    cards: bool = False  # has cards to cut out: a cut-out sheet of its own (<id>-cards.pdf)


@dataclass(frozen=True)
class Citation:
    """A statement that cites a source: the key, the statement as read, the block holding it."""

    key: str
    statement: str
    block: str  # the kind of lesson block ('' outside any block)
    line: int


class LessonkitDomain(Domain):
    """Holds lessons and named kit texts, merged safely after parallel reads."""

    name = "lessonkit"
    label = "lessonkit"
    initial_data: dict[str, Any] = {"lessons": {}, "texts": {}, "citations": {}, "pdf_pages": {},  # noqa: RUF012 - Sphinx API
                                    "band_checks": {}, "front": {}, "band_pages": {}}

    @property
    def lessons(self) -> dict[str, LessonInfo]:
        return self.data["lessons"]

    @property
    def texts(self) -> dict[str, tuple[str, list[nodes.Node]]]:
        return self.data["texts"]

    @property
    def citations(self) -> dict[str, list[Citation]]:
        """Docname -> the statements it cites sources for, in reading order."""
        return self.data.setdefault("citations", {})

    def add_citations(self, docname: str, found: list[Citation]) -> None:
        self.citations[docname] = found

    @property
    def pdf_pages(self) -> dict[str, bool]:
        """Docnames of the pages under source/ that have a PDF of their own, each with whether it is
        drawn from the whole curriculum (a review packet, a framework's links: read again whenever
        anything changes) or is a page to print (``pdf: true`` in its front matter, such as a guide).
        """
        return self.data.setdefault("pdf_pages", {})

    @property
    def band_checks(self) -> dict[str, tuple[str, list[nodes.Node], int | None]]:
        """Band -> its page, the questions of its before / after check, as read (translated), and the
        minutes it takes (its ``:duration:``, if given)."""
        return self.data.setdefault("band_checks", {})

    @property
    def front(self) -> dict[str, tuple[tuple[int, int], dict[str, Any]]]:
        """Docname -> (its file's modification time and size, its front matter)."""
        return self.data.setdefault("front", {})

    def front_matter(self, docname: str) -> dict[str, Any]:
        """A lesson's front matter, read from its file once for each version of the file.

        The reader, the band pages' lists and the outdated-document check all read it here.
        """
        path = Path(self.env.doc2path(docname))
        try:
            status = path.stat()
        except OSError:
            return {}
        version = (status.st_mtime_ns, status.st_size)
        cached = self.front.get(docname)
        if cached is None or cached[0] != version:
            cached = (version, read_front_matter(path))
            self.front[docname] = cached
        return cached[1]

    @property
    def text_users(self) -> dict[str, bool]:
        """Docnames of the documents that show a kit text (a get-help block, disclosure guidance…)."""
        return self.data.setdefault("text_users", {})

    @property
    def band_pages(self) -> dict[str, bool]:
        """Docnames of the pages that show the bands ({band-pages}, {kit}`band-count`): read again when a band's
        page comes or goes."""
        return self.data.setdefault("band_pages", {})

    def add_lesson(self, info: LessonInfo) -> None:
        self.lessons[info.docname] = info

    def add_text(self, name: str, docname: str, children: list[nodes.Node]) -> None:
        self.texts[name] = (docname, [child.deepcopy() for child in children])

    def band_lessons(self, band: str) -> list[LessonInfo]:
        found = [info for info in self.lessons.values() if info.band == band]
        return sorted(found, key=lambda info: (info.order, info.docname))

    def clear_doc(self, docname: str) -> None:
        self.lessons.pop(docname, None)
        self.citations.pop(docname, None)
        self.pdf_pages.pop(docname, None)
        self.text_users.pop(docname, None)
        self.band_pages.pop(docname, None)
        for band in [b for b, (doc, *_) in self.band_checks.items() if doc == docname]:
            del self.band_checks[band]
        for name in [n for n, (doc, _) in self.texts.items() if doc == docname]:
            del self.texts[name]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, info in otherdata["lessons"].items():
            if docname in docnames:
                self.lessons[docname] = info
        for docname, found in otherdata.get("citations", {}).items():
            if docname in docnames:
                self.citations[docname] = found
        for docname in otherdata.get("pdf_pages", {}):
            if docname in docnames:
                self.pdf_pages[docname] = True
        for docname in otherdata.get("text_users", {}):
            if docname in docnames:
                self.text_users[docname] = True
        for docname in otherdata.get("band_pages", {}):
            if docname in docnames:
                self.band_pages[docname] = True
        for band, check in otherdata.get("band_checks", {}).items():
            if check[0] in docnames:
                self.band_checks[band] = check
        for name, (docname, children) in otherdata["texts"].items():
            if docname in docnames:
                self.texts[name] = (docname, children)
        self.front.update(otherdata.get("front", {}))

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, nodes.reference]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return []


def domain_of(env: BuildEnvironment) -> LessonkitDomain:
    """lessonkit's domain in ``env``."""
    domain = env.domains["lessonkit"]
    assert isinstance(domain, LessonkitDomain)
    return domain
