"""Binding a band kit: its front pages, then its lessons' PDFs, into one tagged PDF.

The language's build lays out the front (cover, contents, the band's introduction) and the
kit page stamps, and describes the rest (which PDFs, their titles and outlines) in a
``KitBinding``. The binding itself runs in a process of its own (``Binder``): qpdf (through
pikepdf) copies the parts' objects without decoding them, and keeps every part open until the
kit is written, which costs a large band's kit about as much memory as the whole language's
build holds. In its own process, that memory is given back when the kits are written, and the
build's largest process stays the language's.

This module imports pikepdf and the tagging helpers only: the binding process starts quickly.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import queue
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf

from lessonkit.files import write_atomically
from lessonkit.pdf import tagging


class MissingPart(Exception):
    """A lesson's PDF that a kit needs is missing or unreadable."""


@dataclass(frozen=True)
class Mark:
    """An outline item of a part: its title, page (from the part's first), place on the page, children."""

    title: str
    page: int
    place: tuple[object, ...]  # the destination after its page: "/XYZ" left top zoom, or "/Fit" (names as text)
    children: tuple[Mark, ...]


@dataclass(frozen=True)
class Part:
    """A lesson's PDF as a kit binds it: its label, file, page sizes and outline."""

    label: str
    path: Path
    sizes: tuple[tuple[float, float], ...]  # width and height of each page, in points
    outline: tuple[Mark, ...]

    @property
    def pages(self) -> int:
        return len(self.sizes)


@dataclass(frozen=True)
class BoundLesson:
    """A lesson as its band kit holds it: its title and its parts; or a page bound after the
    lessons (the disclosure steps, the help resources): its title, and one part with no label."""

    title: str
    parts: tuple[Part, ...]
    docname: str = ""  # a page's: the introduction's links to it print its page number


@dataclass(frozen=True)
class KitFront:
    """The first pages of a band kit, and where its contents lines lead."""

    data: bytes
    body_start: int  # index of the page numbered 1
    numbered: int  # its pages numbered 1, 2, ... (the band's introduction)
    # the lines that lead to lessons: page index, rectangle, page number, element id, title
    links: tuple[tuple[int, tuple[float, float, float, float], int, str, str], ...]


@dataclass(frozen=True)
class KitBinding:
    """Everything a kit's binding needs, made by the language's build: nothing of Sphinx's."""

    front: KitFront
    lessons: tuple[BoundLesson, ...]
    stamps: bytes  # a page per bound page, its kit page number (kitpages.py), placed by place_stamps
    language: str


def read_part(label: str, path: Path) -> Part:
    """What a kit needs of ``path`` before binding it: its page sizes (the contents count its
    pages) and its outline."""
    try:
        with Pdf.open(path) as pdf:
            sizes = tuple((float(page.mediabox[2] - page.mediabox[0]), float(page.mediabox[3] - page.mediabox[1]))
                          for page in pdf.pages)
            with pdf.open_outline() as outline:
                return Part(label, path, sizes, tuple(_marks(outline.root)))
    except (OSError, pikepdf.PdfError) as err:
        raise MissingPart(f"{path.name}: {err}") from None


def _marks(items: list[OutlineItem]) -> list[Mark]:
    marks = []
    for item in items:
        destination = item.destination
        if isinstance(destination, Array) and len(destination) >= 2:
            page = pikepdf.Page(destination[0]).index
            place = tuple(str(value) if isinstance(value, Name) else value for value in destination[1:])
            marks.append(Mark(str(item.title), page, place, tuple(_marks(item.children))))
    return marks


def _opened(part: Part, files: contextlib.ExitStack) -> Pdf:
    """``part``'s PDF, read into memory (a large band's kit binds hundreds of PDFs, more than some
    systems let a process keep open), open until ``files`` closes."""
    try:
        pdf = files.enter_context(Pdf.open(io.BytesIO(part.path.read_bytes())))
    except (OSError, pikepdf.PdfError) as err:
        raise MissingPart(f"{part.path.name}: {err}") from None
    if len(pdf.pages) != part.pages:
        raise MissingPart(f"{part.path.name}: changed while the kit was bound")
    return pdf


def bind(job: KitBinding, target: Path) -> None:
    """Write ``job``'s kit to ``target``: the front pages (with their properties, outline and page
    labels), then the lessons' parts, each bound page stamped with the kit's page number.

    The kit is one tagged document: the front's structure, then each part's as a Part of it.
    """
    with contextlib.ExitStack() as files, Pdf.open(io.BytesIO(job.front.data)) as pdf:
        first_bound = len(pdf.pages)
        contents = tagging.elements_by_id(pdf)
        starts = []
        for lesson in job.lessons:
            for part in lesson.parts:
                starts.append(len(pdf.pages))
                title = f"{lesson.title} — {part.label}" if part.label else lesson.title
                try:
                    tagging.graft(pdf, _opened(part, files), title, job.language)
                except (pikepdf.PdfError, ValueError) as err:
                    raise MissingPart(f"{part.path.name}: {err}") from None
        with pdf.open_outline() as outline:
            outline.root.extend(_lesson_items(pdf, job.lessons, iter(starts)))
        for page_index, rect, number, key, title in job.front.links:
            destination = pdf.pages[job.front.body_start + number - 1].obj
            link = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect),
                                                Border=Array([0, 0, 0]), Dest=Array([destination, Name.Fit])))
            page = pdf.pages[page_index].obj
            if Name.Annots not in page:
                page.Annots = pdf.make_indirect(Array())
            page.Annots.append(link)
            tagging.link_element(pdf, contents[key], link, page, title)
        place_stamps(pdf, first_bound, job.stamps)
        tagging.bound(pdf, str(pdf.docinfo.get(Name.Title, "")), job.language)
        write_atomically(target, tagging.save(pdf))


def _lesson_items(pdf: Pdf, lessons: tuple[BoundLesson, ...], starts: Iterator[int]) -> Iterator[OutlineItem]:
    """An outline item per lesson, its parts under it (a page's headings go straight under its title)."""
    for lesson in lessons:
        lesson_item = None
        for part in lesson.parts:
            first = next(starts)
            top = part.outline[0] if part.outline else Mark(part.label, 0, ("/Fit",), ())
            if lesson_item is None:
                lesson_item = _item(pdf, lesson.title, first, top)
            if not part.label:
                lesson_item.children.extend(_items(pdf, first, top.children))
                continue
            part_item = _item(pdf, part.label, first, top, closed=True)
            part_item.children.extend(_items(pdf, first, top.children))
            lesson_item.children.append(part_item)
        if lesson_item is not None:
            yield lesson_item


def _item(pdf: Pdf, title: str, first: int, mark: Mark, *, closed: bool = False) -> OutlineItem:
    place = (Name(value) if isinstance(value, str) else value for value in mark.place)
    item = OutlineItem(title, Array([pdf.pages[first + mark.page].obj, *place]))
    item.is_closed = closed
    return item


def _items(pdf: Pdf, first: int, marks: tuple[Mark, ...]) -> list[OutlineItem]:
    items = []
    for mark in marks:
        item = _item(pdf, mark.title, first, mark, closed=True)
        item.children.extend(_items(pdf, first, mark.children))
        items.append(item)
    return items


def place_stamps(pdf: Pdf, first: int, stamps: bytes) -> None:
    """Stamp the pages of ``pdf`` from index ``first`` with the pages of ``stamps``, in order."""
    with Pdf.open(io.BytesIO(stamps)) as drawn:
        for page, stamp in zip(pdf.pages[first:], drawn.pages, strict=True):
            form = pdf.copy_foreign(stamp.as_form_xobject())
            name = page.add_resource(form, Name.XObject, Name.LkKitPage)
            # the part's own drawing keeps its graphics state to itself; the stamp is an artifact
            page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
            page.contents_add(pikepdf.Stream(pdf, b"\nQ\n/Artifact BMC q " + str(name).encode() + b" Do Q EMC\n"))


class BinderStopped(Exception):
    """A binding process ended before it answered (killed from outside, out of memory)."""


class Binder:
    """Binds kits in processes of their own, as many as ``processes`` at once; used as a context
    manager, it waits for every kit, then ends its processes.

    Each is a new interpreter running ``serve`` of this module (``python -c``), not a
    fork of the build, whose memory a fork would count again, nor a multiprocessing child, which
    would run the script that started the build again when it has no ``__main__`` guard. It binds
    the jobs it reads from its standard input, one after the other, and answers each on its
    standard output: nothing, or the MissingPart or OSError that stopped it.
    """

    def __init__(self, processes: int) -> None:
        self.threads = ThreadPoolExecutor(max(1, processes))
        self.idle: queue.SimpleQueue[subprocess.Popen[bytes]] = queue.SimpleQueue()
        self.started: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> Binder:
        return self

    def __exit__(self, *_: object) -> None:
        self.threads.shutdown(wait=True, cancel_futures=True)
        for process in self.started:
            if process.stdin is not None:
                process.stdin.close()
            process.wait()

    def submit(self, job: KitBinding, target: Path) -> Future[None]:
        return self.threads.submit(self._bind, job, target)

    def _bind(self, job: KitBinding, target: Path) -> None:
        # as many threads as processes: a thread finds one idle, or is the first to need a new one
        try:
            process = self.idle.get_nowait()
        except queue.Empty:
            process = self._start()
        assert process.stdin is not None and process.stdout is not None
        try:
            pickle.dump((job, target), process.stdin)
            process.stdin.flush()
            outcome = pickle.load(process.stdout)
        except (EOFError, OSError, pickle.UnpicklingError):
            raise BinderStopped(f"exit code {process.wait()}") from None
        self.idle.put(process)
        if outcome is not None:
            raise outcome

    def _start(self) -> subprocess.Popen[bytes]:
        package = str(Path(__file__).resolve().parents[2])  # the lessonkit this build runs
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package, os.environ.get("PYTHONPATH"))))}
        process = subprocess.Popen([sys.executable, "-c", f"from {__name__} import serve; serve()"],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.started.append(process)
        return process


def serve() -> None:
    """A binding process: bind each job read from standard input; answer each on standard output."""
    while True:
        try:
            job, target = pickle.load(sys.stdin.buffer)
        except EOFError:
            return
        outcome: Exception | None = None
        try:
            bind(job, target)
        except (MissingPart, OSError) as err:
            outcome = err
        pickle.dump(outcome, sys.stdout.buffer)
        sys.stdout.buffer.flush()

