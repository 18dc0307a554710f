"""Band kits, bound from PDFs already written: a cover and contents, then each lesson's parts.

Laying a band's lessons out again for its kit cost as much as writing them; binding their
PDFs costs a small fraction: qpdf (through pikepdf) copies their objects without decoding
them, and carries their form fields. The parts keep their own footers ("Page 2 of 5" of the
teacher guide); the kit's page labels number its pages straight through, and so does a stamp
under each bound page's footer ("Kit page 65 of 98", kitpages.py), for paper.

This module is the language's side: it reads what the kit needs of each part, lays out the
front pages and the stamps, and hands the binding to a process of its own (binding.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from lessonkit.pdf import documents
from lessonkit.pdf.binding import BoundLesson, KitBinding, read_part
from lessonkit.pdf.documents import Kit, KitEntry
from lessonkit.pdf.kitpages import draw_stamps
from lessonkit.pdf.links import lesson_pdf, page_pdf
from lessonkit.sphinxext.domain import LessonInfo

if TYPE_CHECKING:
    from sphinx.builders import Builder

KIT_PARTS = ("teacher", "cards", "handout", "family")  # what a kit holds of each lesson, in this order


def read_lessons(builder: Builder, lessons: list[LessonInfo], folder: Path) -> list[BoundLesson]:
    """The teacher guide, cut-out cards (if any), handout and family letter of each lesson, from ``folder``."""
    return [BoundLesson(documents.lesson_title(builder, info),
                        tuple(read_part(documents.part_label(part), folder / lesson_pdf(info.band, info.id, part))
                              for part in KIT_PARTS if part != "cards" or info.cards))
            for info in lessons]


def read_pages(builder: Builder, docnames: list[str], folder: Path) -> list[BoundLesson]:
    """The pages every kit binds after its lessons (``lessonkit_kit_pages``), from their PDFs in ``folder``."""
    return [BoundLesson(documents.document_title(builder, docname), (read_part("", folder / page_pdf(docname)),),
                        docname)
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
             lessons: list[LessonInfo], pages: list[str], folder: Path) -> KitBinding:
    """What binds the kit of ``band``: its front pages, the parts of ``lessons``, then ``pages``, from ``folder``."""
    bound = read_lessons(builder, lessons, folder) + read_pages(builder, pages, folder)
    entries, bound_pages = contents_entries(bound)
    front = documents.band_front(builder, kit, band, band_docname, band_doctree, len(lessons), entries,
                                 bound_pages, first_pages(bound))
    sizes = [size for lesson in bound for part in lesson.parts for size in part.sizes]
    stamps = draw_stamps(sizes, front.numbered + 1, front.numbered + bound_pages,
                         kit.styles("teacher", band)["chrome"])
    return KitBinding(front, tuple(bound), stamps, kit.language)
