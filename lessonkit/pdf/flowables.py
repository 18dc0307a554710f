"""Flowables platypus lacks: boxes that split across pages, code that wraps, markers."""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass
from typing import TypeVar

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, Paragraph, Spacer
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import AnchorFlowable

from lessonkit.pdf.breaks import BREAK, address_lines
from lessonkit.pdf.styles import right_to_left
from lessonkit.pdf.tagging import Element, Tagged, marked

F = TypeVar("F", bound=Flowable)
MIN_FIRST_PART = 30.0  # points of content a box keeps with its header before a page break


@dataclass(frozen=True)
class BoxStyle:
    """How a box looks: colours of its border, background and header strip."""

    border: colors.Color | None = None
    background: colors.Color | None = None
    header_background: colors.Color | None = None
    border_width: float = 0.9
    padding: float = 9.0
    bar: float = 0.0  # width of a bar in the border colour down the left side
    dash: tuple[float, float] | None = None


def _gap(previous: Flowable | None, following: Flowable) -> float:
    """Vertical space between two stacked flowables, collapsed as a frame does."""
    if previous is None:
        return 0.0
    return max(previous.getSpaceAfter(), following.getSpaceBefore())


Placed = list[tuple[Flowable, float, float]]  # flowable, offset from the top, height


class Stack(Flowable):
    """Flowables one under another, inset; each wrapped once per width; splits between them.

    The base of boxes, list items and indented blocks. platypus' own containers wrap their
    content again to draw it, which doubles the cost of long lessons.
    """

    def __init__(self, content: list[Flowable], *, left: float = 0.0, space_after: float = 0.0) -> None:
        super().__init__()
        self.content = content
        self.left = left
        self.spaceAfter = space_after
        self._layout: tuple[float, Placed, float] | None = None

    # Subclasses draw around the content and say how much room that takes.
    def insets(self, width: float) -> tuple[float, float, float, float]:
        """Room (left, right, top, bottom) around the content of a stack ``width`` wide."""
        return self.left, 0.0, 0.0, 0.0

    def piece(self, content: list[Flowable], first: bool) -> Stack:
        """A stack like this one holding part of its content (the first part, or the rest)."""
        return Stack(content, left=self.left, space_after=self.spaceAfter if not first else 0.0)

    def decorate(self) -> None:
        """Draw what surrounds the content (borders, labels); the canvas is at the origin."""

    def layout(self, width: float) -> tuple[Placed, float]:
        left, right, _, _ = self.insets(width)
        inner = width - left - right
        if self._layout is None or self._layout[0] != inner:
            placed, y, previous = [], 0.0, None
            for flowable in self.content:
                _, height = flowable.wrapOn(self.canv, inner, 1e6)
                if height:  # what takes no room (an anchor) takes no gap either
                    y += _gap(previous, flowable)
                    previous = flowable
                placed.append((flowable, y, height))
                y += height
            self._layout = (inner, placed, y)
        return self._layout[1], self._layout[2]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, body = self.layout(available_width)
        _, _, top, bottom = self.insets(available_width)
        self.width = available_width
        self.height = top + body + bottom
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        placed, _ = self.layout(available_width)
        left, right, top, bottom = self.insets(available_width)
        inner = available_width - left - right
        room = available_height - top - bottom
        first: list[Flowable] = []
        rest = [flowable for flowable, _, _ in placed]
        heights = {id(flowable): height for flowable, _, height in placed}
        used, previous = 0.0, None
        took: list[float] = []  # the room each flowable of ``first`` took, gap included
        while rest:
            flowable = rest[0]
            if isinstance(flowable, ActionFlowable):
                # KeepTogether's split starts its pieces with a frame break (or a null action):
                # what follows goes to the next page, and an action is never drawn in a stack.
                rest.pop(0)
                if getattr(flowable, "locChanger", False):
                    break
                continue
            gap = _gap(previous, flowable)
            room_left = room - used - gap
            height = heights.get(id(flowable))
            if height is None:
                height = flowable.wrapOn(self.canv, inner, room_left)[1]
            if not height:  # an anchor goes with what it follows: never alone in a part of its own
                first.append(rest.pop(0))
                took.append(0.0)
                continue
            if height <= room_left:
                first.append(rest.pop(0))
                used += gap + height
                took.append(gap + height)
                previous = flowable
                continue
            # Some flowables split into pieces without regard to the height (lists split into
            # their items): put the pieces back and try them one by one.
            pieces = flowable.splitOn(self.canv, inner, room_left) if room_left > 0 else []
            if len(pieces) < 2:
                break
            rest[0:1] = pieces
        # A flowable kept with the next one (a question before its writing lines) never ends a part.
        while first and rest and getattr(first[-1], "keepWithNext", False):
            rest.insert(0, first.pop())
            used -= took.pop()
        # Splitting may have changed the content (a paragraph that cannot split forgets its
        # lines): lay it out afresh if this stack is drawn after all.
        self._layout = None
        if not first or not rest or used < min(MIN_FIRST_PART, room):
            return []
        return [self.piece(first, True), self.piece(rest, False)]

    def draw(self) -> None:
        self.decorate()
        placed, _ = self.layout(self.width)
        left, _, top, _ = self.insets(self.width)
        for flowable, offset, height in placed:
            flowable.drawOn(self.canv, left, self.height - top - offset - height)


class Figure(Stack):
    """A picture and its caption, never parted: moves to the next page whole when it does not fit."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []


class Item(Stack):
    """A list item, footnote or citation: a label in the margin beside its first line."""

    def __init__(self, label: str, content: list[Flowable], style: ParagraphStyle, indent: float,
                 colour: colors.Color | None = None, space_after: float = 0.0,
                 label_element: Element | None = None) -> None:
        super().__init__(content, left=indent, space_after=space_after)
        self.label = label
        self.style = style
        self.colour = colour or style.textColor
        self.label_element = label_element  # the label's element (Lbl), when the PDF is tagged

    def piece(self, content: list[Flowable], first: bool) -> Stack:
        return Item(self.label if first else "", content, self.style, self.left, self.colour,
                    self.spaceAfter if not first else 0.0, self.label_element)

    def insets(self, width: float) -> tuple[float, float, float, float]:
        # In a right-to-left language the label is in the right margin, where the lines begin.
        return (0.0, self.left, 0.0, 0.0) if right_to_left(self.style) else super().insets(width)

    def decorate(self) -> None:
        if not self.label:
            return
        first = self.content[0] if self.content else None
        size = getattr(getattr(first, "style", None), "fontSize", self.style.fontSize)
        canvas = self.canv
        with marked(canvas, self.label_element, self):
            canvas.saveState()
            canvas.setFillColor(self.colour)
            canvas.setFont(self.style.fontName, size)
            if right_to_left(self.style):
                canvas.drawRightString(self.width, self.height - size, self.label)
            else:
                canvas.drawString(0, self.height - size, self.label)
            canvas.restoreState()


class Box(Stack):
    """Flowables in a frame with an optional header strip; splits between its flowables."""

    def __init__(self, content: list[Flowable], style: BoxStyle, header: list[Flowable] | None = None,
                 *, open_top: bool = False, open_bottom: bool = False) -> None:
        # space that ends the content (after a definition list) is the box's padding's to give:
        # kept, it could make the box a few points too tall for the page, and part it before nothing
        while content and type(content[-1]) is Spacer:
            content = content[:-1]
        super().__init__(content, space_after=10.0)
        self.header = Stack(header) if header else None
        self.style = style
        self.open_top = open_top
        self.open_bottom = open_bottom
        self.spaceBefore = 4.0

    def head_height(self, width: float) -> float:
        if self.header is None:
            return 0.0
        inner = width - 2 * self.style.padding - self.style.bar
        self.header.canv = self.canv
        return self.header.layout(inner)[1] + self.style.padding * 1.4

    def insets(self, width: float) -> tuple[float, float, float, float]:
        pad = self.style.padding
        top = self.head_height(width) + (0.0 if self.header else pad) + (pad * 0.5 if self.header else 0)
        return pad + self.style.bar, pad, top, pad

    def piece(self, content: list[Flowable], first: bool) -> Stack:
        if first:
            return Box(content, self.style, self.header.content if self.header else None,
                       open_top=self.open_top, open_bottom=True)
        return Box(content, self.style, open_top=True, open_bottom=self.open_bottom)

    def decorate(self) -> None:
        canvas, style = self.canv, self.style
        width, height = self.width, self.height
        head = self.head_height(width)
        canvas.saveState()
        if style.background is not None:
            canvas.setFillColor(style.background)
            canvas.rect(0, 0, width, height, stroke=0, fill=1)
        if self.header and style.header_background is not None:
            canvas.setFillColor(style.header_background)
            canvas.rect(0, height - head, width, head, stroke=0, fill=1)
        if style.border is not None and style.border_width:
            canvas.setStrokeColor(style.border)
            canvas.setLineWidth(style.border_width)
            if style.dash:
                canvas.setDash(*style.dash)
            edges = [(0, 0, 0, height), (width, 0, width, height)]
            if not self.open_top:
                edges.append((0, height, width, height))
            if not self.open_bottom:
                edges.append((0, 0, width, 0))
            for x1, y1, x2, y2 in edges:
                canvas.line(x1, y1, x2, y2)
        if style.bar and style.border is not None:
            canvas.setFillColor(style.border)
            canvas.rect(0, 0, style.bar, height, stroke=0, fill=1)
        canvas.restoreState()
        if self.header is not None:
            self.header.wrapOn(canvas, width - 2 * style.padding - style.bar, 1e6)
            self.header.drawOn(canvas, style.padding + style.bar, height - style.padding * 0.7 - self.header.height)


class CodeBlock(Tagged, Flowable):
    """Preformatted text on a shaded ground; long lines wrap, long blocks split by line."""

    def __init__(self, text: str, style: ParagraphStyle, background: colors.Color,
                 padding: float = 6.0) -> None:
        super().__init__()
        self.text = text.expandtabs(8).rstrip("\n")
        self.style = style
        self.background = background
        self.padding = padding
        self.spaceBefore = 2.0
        self.spaceAfter = style.fontSize * 0.9
        self.lines: list[str] = []

    def _wrap_lines(self, width: float) -> list[str]:
        char = stringWidth("M", self.style.fontName, self.style.fontSize)
        per_line = max(8, int((width - 2 * self.padding) // char))
        lines = []
        for line in self.text.split("\n"):
            while len(line) > per_line:
                lines.append(line[:per_line])
                line = line[per_line:]
            lines.append(line)
        return lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.lines = self._wrap_lines(available_width)
        self.width = available_width
        self.height = len(self.lines) * self.style.leading + 2 * self.padding
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        lines = self._wrap_lines(available_width)
        fits = int((available_height - 2 * self.padding) // self.style.leading)
        if fits < 2 or len(lines) - fits < 2:
            return []
        return [tagged(CodeBlock("\n".join(part), self.style, self.background, self.padding), self.element)
                for part in (lines[:fits], lines[fits:])]

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        canvas.saveState()
        canvas.setFillColor(self.background)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.setFillColor(style.textColor)
        canvas.setFont(style.fontName, style.fontSize)
        y = self.height - self.padding - style.fontSize
        for line in self.lines:
            canvas.drawString(self.padding, y, line)
            y -= style.leading
        canvas.restoreState()


_ANCHOR_TAG = re.compile(r'<a name="([^"]*)"\s*/>')


class Para(Tagged, Paragraph):
    """A paragraph that breaks its lines once per width, and is tagged as its element.

    Tables wrap their cells again to draw them, boxes lay out again what a page break did not
    split, and frames wrap again what moved to the next page: all at the width of the last time.
    """

    _wrapped_at: float | None = None
    marked = ""  # the markup with break opportunities in its addresses (see breaks.py)
    anchors: tuple[str, ...] = ()  # right to left: the link targets, set apart (drawn at the top)

    def __init__(self, text: str | None, style: ParagraphStyle, **options: object) -> None:
        if text and right_to_left(style) and "<a name=" in text:
            # reportlab (5.1) fails to break the lines of a shaped paragraph that starts with an
            # anchor before bold and italic runs: the targets are set apart and drawn by draw()
            self.anchors = tuple(_ANCHOR_TAG.findall(text))
            text = _ANCHOR_TAG.sub("", text)
        if text and BREAK in text:
            self.marked = text
            text = text.replace(BREAK, "")
        super().__init__(text, style, **options)
        self.written = list(self.frags)  # reportlab replaces ``frags`` with its shaped words when it wraps

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # The lines depend on the width alone; ``split`` deletes them when it gives up on them.
        if available_width == self._wrapped_at and hasattr(self, "blPara"):
            return self.width, self.height
        if self.marked:  # a long address is broken into lines at the width it is given
            style = self.style
            room = (available_width - style.leftIndent - style.rightIndent) * 0.98
            Paragraph.__init__(self, address_lines(self.marked, room, style.fontName, style.fontSize), style,
                               self.bulletText)
            self.written = list(self.frags)
        size = super().wrap(available_width, available_height)
        self._wrapped_at = available_width
        return size

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = super().split(available_width, available_height)
        if len(parts) == 2 and right_to_left(self.style):
            from lessonkit.pdf import righttoleft

            first, rest = righttoleft.split_point(self.written, self.blPara.lines,
                                                      len(parts[0].blPara.lines))
            parts = [Para(None, part.style, frags=frags) for part, frags in zip(parts, (first, rest), strict=True)]
            parts[0].anchors = self.anchors
        return [tagged(part, self.element) for part in parts]

    def draw(self) -> None:
        if not right_to_left(self.style):
            super().draw()
            return
        from lessonkit.pdf import righttoleft  # python-bidi: installed with the right-to-left extras

        for name in self.anchors:
            self.canv.bookmarkHorizontal(name, 0, self.height)
        righttoleft.draw(self, self.canv, self.written)


class ScaledImage(Tagged, Image):
    """An image that shrinks to the width it is given."""

    def fit(self, width: float, height: float) -> None:
        """As large as fits ``width`` by ``height`` (a picture on a card fills its share of the card)."""
        scale = min(width / self.drawWidth, height / self.drawHeight)
        self.drawWidth, self.drawHeight = self.drawWidth * scale, self.drawHeight * scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self.drawWidth > available_width:
            scale = available_width / self.drawWidth
            self.drawWidth *= scale
            self.drawHeight *= scale
        return super().wrap(available_width, available_height)


class VectorPicture(Tagged, Flowable):
    """An SVG picture drawn as vectors (through svglib), at a size that keeps its proportions."""

    def __init__(self, drawing: Drawing, width: float, height: float) -> None:
        super().__init__()
        self.drawing = drawing
        self.drawWidth, self.drawHeight = width, height

    def fit(self, width: float, height: float) -> None:
        """As large as fits ``width`` by ``height`` (a picture on a card fills its share of the card)."""
        scale = min(width / self.drawWidth, height / self.drawHeight)
        self.drawWidth, self.drawHeight = self.drawWidth * scale, self.drawHeight * scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self.drawWidth > available_width:
            self.fit(available_width, self.drawHeight)
        self.width, self.height = self.drawWidth, self.drawHeight
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.scale(self.drawWidth / self.drawing.width, self.drawHeight / self.drawing.height)
        renderPDF.draw(self.drawing, canvas, 0, 0)
        canvas.restoreState()


QUIET_ZONE = 4  # modules of white around a QR code, as scanners expect


@dataclass(frozen=True)
class QRSymbol:
    """A QR code: a name for it, and the PDF operators that fill its dark modules in a unit square."""

    name: str
    path: str


def qr_symbol(address: str) -> QRSymbol:
    """The QR code of ``address`` (error correction level M), ready to be drawn at any size."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(address)
    code.make()
    rows = [[bool(module) for module in row] for row in code.modules]
    module = 1 / (len(rows) + 2 * QUIET_ZONE)
    runs = []
    for r, row in enumerate(rows):
        y = 1 - (r + QUIET_ZONE + 1) * module
        c = 0
        for dark, run in itertools.groupby(row):
            count = len(list(run))
            if dark:
                runs.append(f"{(c + QUIET_ZONE) * module:.5f} {y:.5f} {count * module:.5f} {module:.5f} re")
            c += count
    digest = hashlib.sha1(repr(rows).encode(), usedforsecurity=False).hexdigest()[:16]
    return QRSymbol(f"lk-qr-{digest}", "\n".join(runs) + "\nf")


class QRCode(Tagged, Flowable):
    """A QR code, drawn once per PDF as a form and reused wherever the same code appears."""

    def __init__(self, symbol: QRSymbol, size: float) -> None:
        super().__init__()
        self.symbol = symbol
        self.width = self.height = size
        self.form = f"{symbol.name}-{size:g}"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if not canvas.hasForm(self.form):
            canvas.beginForm(self.form, 0, 0, self.width, self.height)
            canvas.setFillColorRGB(0, 0, 0)
            canvas.scale(self.width, self.height)
            # The modules as ready-made path operators: built once per build, not once per PDF.
            canvas.addLiteral(self.symbol.path)
            canvas.endForm()
        canvas.doForm(self.form)


class Marker(Spacer):
    """A zero-size flowable that the document template acts on after it is placed."""

    _ZEROSIZE = 1

    def __init__(self) -> None:
        super().__init__(0, 0)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class Bookmark(AnchorFlowable):
    """A destination, with the entry it gets in the outline."""

    def __init__(self, key: str, title: str, level: int) -> None:
        super().__init__(key)
        self.key = key
        self.title = title
        self.level = level


class RunningTitle(Marker):
    """From this page on, the page header shows ``title`` and ``kind``."""

    def __init__(self, title: str, kind: str) -> None:
        super().__init__()
        self.title = title
        self.kind = kind


class BodyStart(Marker):
    """Page numbering starts at 1 on this page (after a cover and contents)."""


class DocumentEnd(Marker):
    """The last flowable: the page count is known here."""


class ContentsLine(Flowable):
    """A line of a contents page: title, dot leader and page number.

    The number is drawn from a form that the document defines once it knows how many pages
    its body has, so a kit's contents page is laid out in a single pass.
    """

    def __init__(self, title: str, style: ParagraphStyle, page: int, form: str, *,
                 after_body: bool = False) -> None:
        super().__init__()
        self.title = title
        self.style = style
        self.page = page  # printed number, counted from the end of the body when ``after_body``
        self.form = form
        self.after_body = after_body
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.number = page  # final once ``define_number`` ran
        self.rect = (0.0, 0.0, 0.0, 0.0)  # where it was drawn: on which page, and where on it
        self.page_index = 0
        self.lines: list[str] = []

    @property
    def room(self) -> float:
        """Width kept free at the right for the page number."""
        return stringWidth("000", self.style.fontName, self.style.fontSize)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        style = self.style
        text_width = available_width - style.leftIndent - self.room - style.fontSize
        self.lines = simpleSplit(self.title, style.fontName, style.fontSize, text_width) or [""]
        self.width = available_width
        self.height = len(self.lines) * style.leading
        return self.width, self.height

    element: Element | None = None  # its element (TOCI): the title and number; the leader is an artifact

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        y = self.height - style.fontSize
        with marked(canvas, self.element, None):
            for line in self.lines:
                canvas.drawString(style.leftIndent, y, line)
                y -= style.leading
        y += style.leading
        dot = " ."
        start = style.leftIndent + stringWidth(self.lines[-1], style.fontName, style.fontSize)
        end = self.width - self.room - style.fontSize * 0.4
        count = int((end - start) // stringWidth(dot, style.fontName, style.fontSize))
        if count > 0:
            canvas.drawRightString(end, y, dot * count)
        canvas.translate(self.width - self.room, y)
        with marked(canvas, self.element, None):
            canvas.doForm(self.form)
        canvas.restoreState()
        left, bottom = canvas.absolutePosition(0, 0)
        right, top = canvas.absolutePosition(self.width, self.height)
        self.rect = (left, bottom, right, top)

    def define_number(self, canvas: Canvas, body_pages: int) -> None:
        """Draw the page number into the line's form, now that the body's length is known."""
        self.number = self.page + (body_pages if self.after_body else 0)
        style = self.style
        canvas.beginForm(self.form, -self.room, -style.fontSize, self.room, style.fontSize * 1.5)
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawRightString(self.room, 0, str(self.number))
        canvas.endForm()


def gap(height: float) -> Spacer:
    return Spacer(0, height)


def tagged(flowable: F, element: Element | None) -> F:
    """``flowable``, drawn as the content of ``element``."""
    flowable.element = element  # type: ignore[attr-defined]
    return flowable


def para(markup: str, style: ParagraphStyle, element: Element | None) -> Para:
    """A paragraph drawn as the content of ``element``."""
    return tagged(Para(markup, style), element)

