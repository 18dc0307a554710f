"""Band kits, bound from PDFs already written: a cover and contents, then each lesson's parts.

Laying a band's lessons out again for its kit cost as much as writing them; binding their
PDFs costs a small fraction: qpdf (through pikepdf) copies their objects without decoding
them, and carries their form fields. The parts keep their own footers ("Page 2 of 5" of the
teacher guide); the kit's page labels number its pages straight through, and so does a stamp
under each bound page's footer ("Kit page 65 of 98", kitpages.py), for paper.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pikepdf
from docutils import nodes
from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf
from reportlab.lib.styles import ParagraphStyle

from lessonkit.pdf import documents, tagging
from lessonkit.pdf.documents import Kit, KitEntry, KitFront
from lessonkit.pdf.kitpages import number_bound_pages
from lessonkit.pdf.links import lesson_pdf, page_pdf
from lessonkit.sphinxext.domain import LessonInfo

if TYPE_CHECKING:
    from sphinx.builders import Builder

KIT_PARTS = ("teacher", "cards", "handout", "family")  # what a kit holds of each lesson, in this order


class MissingPart(Exception):
    """A lesson's PDF that a kit needs is missing or unreadable."""


@dataclass(frozen=True)
class Mark:
    """An outline item of a part: its title, page (from the part's first), place on the page, children."""

    title: str
    page: int
    place: tuple[object, ...]  # the destination after its page: /XYZ left top zoom, or /Fit
    children: tuple[Mark, ...]


@dataclass(frozen=True)
class Part:
    """A lesson's PDF as a kit binds it: its label, file (open), page count and outline."""

    label: str
    path: Path
    pdf: Pdf
    outline: tuple[Mark, ...]

    @property
    def pages(self) -> int:
        return len(self.pdf.pages)


@dataclass(frozen=True)
class BoundLesson:
    """A lesson as its band kit holds it: its title and its parts; or a page bound after the
    lessons (the disclosure steps, the help resources): its title, and one part with no label."""

    title: str
    parts: tuple[Part, ...]
    docname: str = ""  # a page's: the introduction's links to it print its page number


def read_part(label: str, path: Path, files: contextlib.ExitStack) -> Part:
    """``path``, open until ``files`` closes, and its outline (the kit needs its page numbers first).

    Read into memory: a large band's kit binds hundreds of PDFs, more than some systems let a
    process keep open.
    """
    try:
        pdf = files.enter_context(Pdf.open(io.BytesIO(path.read_bytes())))
        with pdf.open_outline() as outline:
            return Part(label, path, pdf, tuple(_marks(pdf, outline.root)))
    except (OSError, pikepdf.PdfError) as err:
        raise MissingPart(f"{path.name}: {err}") from None


def _marks(pdf: Pdf, items: list[OutlineItem]) -> list[Mark]:
    marks = []
    for item in items:
        destination = item.destination
        if isinstance(destination, Array) and len(destination) >= 2:
            page = pikepdf.Page(destination[0]).index
            marks.append(Mark(str(item.title), page, tuple(destination[1:]), tuple(_marks(pdf, item.children))))
    return marks


def read_lessons(builder: Builder, lessons: list[LessonInfo], folder: Path,
                 files: contextlib.ExitStack) -> list[BoundLesson]:
    """The teacher guide, cut-out cards (if any) and handout of each lesson, from ``folder``."""
    return [BoundLesson(documents.lesson_title(builder, info),
                        tuple(read_part(documents.part_label(part), folder / lesson_pdf(info.band, info.id, part),
                                        files)
                              for part in KIT_PARTS if part != "cards" or info.cards))
            for info in lessons]


def read_pages(builder: Builder, docnames: list[str], folder: Path,
               files: contextlib.ExitStack) -> list[BoundLesson]:
    """The pages every kit binds after its lessons (``lessonkit_kit_pages``), from their PDFs in ``folder``."""
    return [BoundLesson(documents.document_title(builder, docname),
                        (read_part("", folder / page_pdf(docname), files),), docname)
            for docname in docnames]


def contents_entries(lessons: list[BoundLesson]) -> tuple[list[KitEntry], int]:
    """A contents line per lesson and per part, with its page number; and the pages of all parts."""
    entries, page = [], 1
    for lesson in lessons:
        entries.append(KitEntry(0, lesson.title, page))
        for part in lesson.parts:
            if part.label:
                entries.append(KitEntry(1, part.label, page))
            page += part.pages
    return entries, page - 1


def first_pages(bound: list[BoundLesson]) -> dict[str, int]:
    """Where each bound page starts, counted as the contents count (1: the first lesson's first page)."""
    starts, page = {}, 1
    for lesson in bound:
        if lesson.docname:
            starts[lesson.docname] = page
        page += sum(part.pages for part in lesson.parts)
    return starts


def band_kit(builder: Builder, kit: Kit, band: str, band_docname: str, band_doctree: nodes.document,
             lessons: list[LessonInfo], pages: list[str], folder: Path) -> bytes:
    """The kit of ``band``: its front pages, the parts of ``lessons``, then ``pages``, written in ``folder``."""
    with contextlib.ExitStack() as files:
        bound = read_lessons(builder, lessons, folder, files) + read_pages(builder, pages, folder, files)
        entries, bound_pages = contents_entries(bound)
        front = documents.band_front(builder, kit, band, band_docname, band_doctree, len(lessons), entries,
                                     bound_pages, first_pages(bound))
        return bind(front, bound, kit.language, kit.styles("teacher", band)["chrome"])


def bind(front: KitFront, lessons: list[BoundLesson], language: str, chrome: ParagraphStyle) -> bytes:
    """The front pages (with their properties, outline and page labels) followed by the lessons,
    each bound page stamped with the kit's page number in the ``chrome`` style of the footers.

    The kit is one tagged document: the front's structure, then each part's as a Part of it.
    """
    with Pdf.open(io.BytesIO(front.data)) as pdf:
        first_bound = len(pdf.pages)
        contents = tagging.elements_by_id(pdf)
        starts = []
        for lesson in lessons:
            for part in lesson.parts:
                starts.append(len(pdf.pages))
                try:
                    tagging.graft(pdf, part.pdf, f"{lesson.title} — {part.label}" if part.label else lesson.title,
                                  language)
                except (pikepdf.PdfError, ValueError) as err:
                    raise MissingPart(f"{part.path.name}: {err}") from None
        with pdf.open_outline() as outline:
            start = iter(starts)
            for lesson in lessons:
                lesson_item = None
                for part in lesson.parts:
                    first = next(start)
                    top = part.outline[0] if part.outline else Mark(part.label, 0, (Name.Fit,), ())
                    if lesson_item is None:
                        lesson_item = _item(pdf, lesson.title, first, top)
                        outline.root.append(lesson_item)
                    if not part.label:  # a page: its headings go straight under its title
                        lesson_item.children.extend(_items(pdf, first, top.children))
                        continue
                    part_item = _item(pdf, part.label, first, top, closed=True)
                    part_item.children.extend(_items(pdf, first, top.children))
                    lesson_item.children.append(part_item)
        for page_index, rect, number, key, title in front.links:
            target = pdf.pages[front.body_start + number - 1].obj
            link = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect),
                                                Border=Array([0, 0, 0]), Dest=Array([target, Name.Fit])))
            page = pdf.pages[page_index].obj
            if Name.Annots not in page:
                page.Annots = pdf.make_indirect(Array())
            page.Annots.append(link)
            tagging.link_element(pdf, contents[key], link, page, title)
        number_bound_pages(pdf, first_bound, front.body_start, chrome)
        tagging.bound(pdf, str(pdf.docinfo.get(Name.Title, "")), language)
        return tagging.save(pdf)


def _item(pdf: Pdf, title: str, first: int, mark: Mark, *, closed: bool = False) -> OutlineItem:
    item = OutlineItem(title, Array([pdf.pages[first + mark.page].obj, *mark.place]))
    item.is_closed = closed
    return item


def _items(pdf: Pdf, first: int, marks: tuple[Mark, ...]) -> list[OutlineItem]:
    items = []
    for mark in marks:
        item = _item(pdf, mark.title, first, mark, closed=True)
        item.children.extend(_items(pdf, first, mark.children))
        items.append(item)
    return items
