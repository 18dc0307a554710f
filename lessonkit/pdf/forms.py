"""Fillable parts of a handout: answer lines, check boxes and name/date fields (AcroForm)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from lessonkit.pdf.flowables import Para, Stack
from lessonkit.pdf.styles import right_to_left
from lessonkit.pdf.tagging import Element, Tagged, tagger_of

# AcroForm fields can only use the standard PDF faces; Helvetica covers French.
FIELD_FONT = "Helvetica"


@dataclass(frozen=True)
class Field:
    """A form field to lay over a drawn space: its unique name and what a screen reader says."""

    name: str
    tooltip: str
    element: Element | None = None  # its Form element, when the PDF is tagged

    def part(self, suffix: str) -> Field:
        return Field(f"{self.name}_{suffix}", self.tooltip, self.element)

    def made(self, canvas: Canvas) -> None:
        """Record the field just made on ``canvas`` as its element's annotation."""
        tagger = tagger_of(canvas)
        if tagger is not None:
            tagger.field(self.element, self.name)


KEEP_WHOLE = 6  # answer lines up to this many never split between pages


class AnswerLines(Flowable):
    """Ruled lines to write on; with a ``field``, a multi-line text field over them."""

    def __init__(self, lines: int, spacing: float, rule: colors.Color, field: Field | None) -> None:
        super().__init__()
        self.lines = lines
        self.spacing = spacing
        self.rule = rule
        self.field = field
        self.spaceBefore = spacing * 0.2
        self.spaceAfter = spacing * 0.5

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.lines * self.spacing
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fits = int(available_height // self.spacing)
        # A few lines move whole: they belong with their question.
        if self.lines <= KEEP_WHOLE or fits < 1 or fits >= self.lines:
            return []
        first, second = (self.field.part("a"), self.field.part("b")) if self.field else (None, None)
        return [AnswerLines(fits, self.spacing, self.rule, first),
                AnswerLines(self.lines - fits, self.spacing, self.rule, second)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.rule)
        canvas.setLineWidth(0.7)
        for line in range(self.lines):
            y = line * self.spacing
            canvas.line(0, y, self.width, y)
        canvas.restoreState()
        if self.field is not None:
            canvas.acroForm.textfield(
                name=self.field.name, tooltip=self.field.tooltip, x=0, y=0, width=self.width,
                height=self.height, relative=True, fieldFlags="multiline", borderWidth=0,
                fillColor=None, borderColor=None, textColor=colors.black, fontName=FIELD_FONT,
                fontSize=min(14, self.spacing * 0.6), maxlen=0)
            self.field.made(canvas)


class CheckItem(Stack):
    """An item of a checklist: a box (a real check box with a ``field``) and its text."""

    def __init__(self, content: list[Flowable], size: float, border: colors.Color,
                 field: Field | None, *, first: bool = True) -> None:
        super().__init__(content, left=size * 1.6, space_after=size * 0.35)
        self.size = size
        self.border = border
        self.field = field
        self.first = first

    def piece(self, content: list[Flowable], first: bool) -> Stack:
        return CheckItem(content, self.size, self.border, self.field, first=first and self.first)

    def decorate(self) -> None:
        if not self.first:
            return
        canvas, size = self.canv, self.size
        leading = getattr(getattr(self.content[0], "style", None), "fontSize", size) if self.content else size
        y = self.height - leading - size * 0.18
        if self.field is not None:
            canvas.acroForm.checkbox(
                name=self.field.name, tooltip=self.field.tooltip, x=0, y=y, size=size,
                relative=True, buttonStyle="check", borderColor=self.border,
                fillColor=colors.white, textColor=colors.black, borderWidth=1.2, forceBorder=True)
            self.field.made(canvas)
        else:
            canvas.saveState()
            canvas.setStrokeColor(self.border)
            canvas.setLineWidth(1.2)
            canvas.rect(0, y, size, size, stroke=1, fill=0)
            canvas.restoreState()


class WriteIn(Tagged, Flowable):
    """Labelled blanks on one line, such as "Name:" and "Date:"; fillable when they have fields."""

    def __init__(self, blanks: list[tuple[str, float, Field | None]], style: ParagraphStyle,
                 rule: colors.Color) -> None:
        super().__init__()
        self.blanks = blanks  # label, share of the width, field
        self.style = style
        self.rule = rule
        self.spaceAfter = style.fontSize * 1.2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.style.fontSize * 2.2
        return self.width, self.height

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        gutter = style.fontSize * 1.5
        rtl = right_to_left(style)
        x = 0.0
        for label, share, field in self.blanks:
            span = (self.width - gutter * (len(self.blanks) - 1)) * share
            text = label
            canvas.saveState()
            if rtl:  # mirrored: the blanks from the right, each label at the right of its line
                start = self.width - x - span
                shown = self._right_to_left_label(text, span)
                label_width = shown.getActualLineWidths0()[0] + style.fontSize * 0.4
                # the paragraph's baseline lies ``leading - fontSize`` above its bottom
                shown.drawOn(canvas, start, style.fontSize * 0.35 - (style.leading - style.fontSize))
                blank = (start, start + span - label_width)
            else:
                label_width = stringWidth(text, style.fontName, style.fontSize) + style.fontSize * 0.4
                canvas.setFont(style.fontName, style.fontSize)
                canvas.setFillColor(style.textColor)
                canvas.drawString(x, style.fontSize * 0.35, text)
                blank = (x + label_width, x + span)
            canvas.setStrokeColor(self.rule)
            canvas.setLineWidth(0.8)
            canvas.line(blank[0], 0, blank[1], 0)
            canvas.restoreState()
            if field is not None:
                canvas.acroForm.textfield(
                    name=field.name, tooltip=field.tooltip, x=blank[0], y=1,
                    width=blank[1] - blank[0], height=self.height - 2, relative=True,
                    borderWidth=0, fillColor=None, borderColor=None, textColor=colors.black,
                    fontName=FIELD_FONT, fontSize=min(14, style.fontSize), maxlen=0)
                field.made(canvas)
            x += span + gutter

    def _right_to_left_label(self, text: str, span: float) -> Para:
        """The label as a one-line right-to-left paragraph: letters joined, words in reading order."""
        style = ParagraphStyle(f"{self.style.name}-write-in", parent=self.style, alignment=TA_RIGHT,
                               leftIndent=0, rightIndent=0, firstLineIndent=0, spaceBefore=0, spaceAfter=0)
        style.rightToLeft = True  # type: ignore[attr-defined]
        shown = Para(escape(text), style)
        shown.wrap(span, self.height * 2)
        return shown
