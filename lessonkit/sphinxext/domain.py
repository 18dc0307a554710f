"""What lessonkit remembers about every document between reading and writing."""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.domains import Domain


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


class LessonkitDomain(Domain):
    """Holds lessons and named kit texts, merged safely after parallel reads."""

    name = "lessonkit"
    label = "lessonkit"
    initial_data: dict[str, Any] = {"lessons": {}, "texts": {}}  # noqa: RUF012 - Sphinx API

    @property
    def lessons(self) -> dict[str, LessonInfo]:
        return self.data["lessons"]

    @property
    def texts(self) -> dict[str, tuple[str, list[nodes.Node]]]:
        return self.data["texts"]

    def add_lesson(self, info: LessonInfo) -> None:
        self.lessons[info.docname] = info

    def add_text(self, name: str, docname: str, children: list[nodes.Node]) -> None:
        self.texts[name] = (docname, [child.deepcopy() for child in children])

    def band_lessons(self, band: str) -> list[LessonInfo]:
        found = [info for info in self.lessons.values() if info.band == band]
        return sorted(found, key=lambda info: (info.order, info.docname))

    def clear_doc(self, docname: str) -> None:
        self.lessons.pop(docname, None)
        for name in [n for n, (doc, _) in self.texts.items() if doc == docname]:
            del self.texts[name]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, info in otherdata["lessons"].items():
            if docname in docnames:
                self.lessons[docname] = info
        for name, (docname, children) in otherdata["texts"].items():
            if docname in docnames:
                self.texts[name] = (docname, children)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, nodes.reference]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return []
