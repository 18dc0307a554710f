"""Band kits, bound from PDFs already written: a cover and contents, then each lesson's parts.

Laying a band's lessons out again for its kit cost as much as writing them; binding their
PDFs with pypdf costs a small fraction. The parts keep their own footers ("Page 2 of 5" of the
teacher guide); the kit's page labels number its pages straight through.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.errors import PyPdfError
from pypdf.generic import Destination, Fit, IndirectObject

from lessonkit.pdf import documents
from lessonkit.pdf.documents import Kit, KitEntry, KitFront
from lessonkit.pdf.links import lesson_pdf
from lessonkit.sphinxext.domain import LessonInfo

if TYPE_CHECKING:
    from sphinx.builders import Builder

KIT_PARTS = ("teacher", "handout")  # what a kit holds of each lesson, in this order


class MissingPart(Exception):
    """A lesson's PDF that a kit needs is missing or unreadable."""


@dataclass(frozen=True)
class BoundLesson:
    """A lesson as its band kit holds it: its title and its parts' labels and PDFs."""

    title: str
    parts: tuple[tuple[str, PdfReader], ...]


def read_lessons(builder: Builder, lessons: list[LessonInfo], folder: Path) -> list[BoundLesson]:
    """The teacher guide and handout of each lesson, from ``folder`` (the builder's output)."""
    bound = []
    for info in lessons:
        parts = []
        for part in KIT_PARTS:
            path = folder / lesson_pdf(info.band, info.id, part)
            try:
                parts.append((documents.part_label(part), PdfReader(path)))
            except (OSError, PyPdfError) as err:
                raise MissingPart(f"{path.name}: {err}") from None
        bound.append(BoundLesson(documents.lesson_title(builder, info), tuple(parts)))
    return bound


def contents_entries(lessons: list[BoundLesson]) -> tuple[list[KitEntry], int]:
    """A contents line per lesson and per part, with its page number; and the pages of all parts."""
    entries, page = [], 1
    for lesson in lessons:
        entries.append(KitEntry(0, lesson.title, page))
        for label, reader in lesson.parts:
            entries.append(KitEntry(1, label, page))
            page += len(reader.pages)
    return entries, page - 1


def band_kit(builder: Builder, kit: Kit, band: str, band_docname: str, band_doctree: nodes.document,
             lessons: list[LessonInfo], folder: Path) -> bytes:
    """The kit of ``band``: its front pages, then the parts of ``lessons`` written in ``folder``."""
    bound = read_lessons(builder, lessons, folder)
    entries, lesson_pages = contents_entries(bound)
    front = documents.band_front(builder, kit, band, band_docname, band_doctree, len(lessons), entries,
                                 lesson_pages)
    return bind(front, bound)


def bind(front: KitFront, lessons: list[BoundLesson]) -> bytes:
    """The front pages (with their properties, outline and page labels) followed by the lessons."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(front.data)))
    for lesson in lessons:
        lesson_entry = None
        for label, reader in lesson.parts:
            start = len(writer.pages)
            writer.append(reader, import_outline=False)
            top, *rest = reader.outline or [None]
            fit = _fit(top) if isinstance(top, Destination) else Fit.fit()
            if lesson_entry is None:
                lesson_entry = writer.add_outline_item(title=lesson.title, page_number=start, fit=fit)
            part_entry = writer.add_outline_item(title=label, page_number=start, parent=lesson_entry, fit=fit,
                                                 is_open=False)
            _copy_outline(writer, reader, rest, start, part_entry)
    for page_index, rect, number in front.links:
        writer.add_annotation(page_index, Link(rect=rect, target_page_index=front.body_start + number - 1,
                                               fit=Fit.fit()))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _fit(item: Destination) -> Fit:
    return Fit(item.typ, item.dest_array[2:])


def _copy_outline(writer: PdfWriter, reader: PdfReader, items: list, start: int,
                  parent: IndirectObject) -> None:
    """Add a part's outline ``items`` (nested lists are the children of the item before) under ``parent``."""
    previous = parent
    for item in items:
        if isinstance(item, list):
            _copy_outline(writer, reader, item, start, previous)
            continue
        page = reader.get_destination_page_number(item)
        previous = writer.add_outline_item(title=item.title, page_number=start + page, parent=parent,
                                           fit=_fit(item), is_open=False)
