"""The document template: page layouts, page furniture, outline, contents and page labels."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from lessonkit.pdf.flowables import BodyStart, Bookmark, ContentsLine, DocumentEnd, Para, RunningTitle
from lessonkit.pdf.styles import Styles, right_to_left
from lessonkit.pdf.tagging import Element, TaggedCanvas, Tagger, finish, marked

PAPER = {"letter": LETTER, "a4": A4}
MARGIN = 54.0  # three quarters of an inch
CHROME = 20.0  # room for the running header and the footer
LETTERHEAD = 76.0
TOTAL_FORM = "lk-page-total"
TOTAL_WIDTH = 60  # the width of the page count's form


@dataclass(frozen=True)
class Letterhead:
    """The board's name and logo, drawn at the top of a letter's first page."""

    name: str
    logo: Path | None


@dataclass(frozen=True)
class Chrome:
    """The words on every page and in the document's properties."""

    title: str  # document title (properties, and the running header)
    kind: str  # what the document is: "Teacher guide", "Handout"… (running header)
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    footer: str  # right of the footer: the board or the project
    page_label: str  # "Page {page} of {pages}", translated
    cover_label: str = ""  # page label of a cover page, when there is one
    letterhead: Letterhead | None = None


class KitDocTemplate(BaseDocTemplate):
    """Pages for lessonkit's PDFs: a body layout, a letterhead first page and a cover page.

    ``structure`` is the document's structure element, which the story's flowables fill: the
    PDF is tagged (PDF/UA-1), and what no element claims is drawn as an artifact.
    """

    def __init__(self, styles: Styles, chrome: Chrome, paper: str, structure: Element, first: str = "body",
                 appended_pages: int = 0) -> None:
        self.output = io.BytesIO()
        self.styles = styles
        self.chrome = chrome
        self.structure = structure
        self.tagger = Tagger()
        # The sender's name comes first in a letter, and on a cover.
        self.letterhead_element = Element("P", structure) if chrome.letterhead else None
        if self.letterhead_element is not None:
            structure.kids.insert(0, self.letterhead_element)
        self.appended_pages = appended_pages  # pages that follow this PDF's in a kit: they count in the total
        self.contents: list[ContentsLine] = []
        super().__init__(
            self.output, pagesize=PAPER[paper], leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN + CHROME, bottomMargin=MARGIN + CHROME, title=chrome.title,
            author=chrome.author, subject=chrome.subject, keywords=list(chrome.keywords),
            creator="lessonkit", lang=chrome.language, invariant=True, displayDocTitle=True,
            initialFontName=styles.fonts.text.name, initialFontSize=styles.size,
        )
        width, height = self.pagesize
        body = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        letter = Frame(self.leftMargin, self.bottomMargin, self.width, self.height - LETTERHEAD + CHROME,
                       id="letter", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover = Frame(MARGIN, height * 0.42, width - 2 * MARGIN, height * 0.58 - 1.5 * MARGIN,
                      id="cover", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [
            PageTemplate("body", [body], onPageEnd=self.draw_chrome, pagesize=self.pagesize),
            PageTemplate("letter", [letter], onPage=self.draw_letterhead, onPageEnd=self.draw_chrome,
                         autoNextPageTemplate="body", pagesize=self.pagesize),
            PageTemplate("cover", [cover], onPage=self.draw_cover, autoNextPageTemplate="front",
                         pagesize=self.pagesize),
            PageTemplate("front", [body], pagesize=self.pagesize),
        ]
        # The first page takes the first template.
        self.addPageTemplates(sorted(templates, key=lambda template: template.id != first))

    # -- building ---------------------------------------------------------------------------

    def render(self, story: list[Flowable]) -> bytes:
        """Lay out ``story`` in one pass (numbers known only at the end are drawn from forms)."""
        self.build([*story, DocumentEnd()], canvasmaker=partial(TaggedCanvas, tagger=self.tagger))
        return finish(self.output.getvalue(), self.structure, self.chrome.title, self.chrome.language)

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """The document's end is acted on where the last flowable left off, never placed: placed, it
        would start a blank page whenever the last flowable's space after passed the page's foot."""
        if flowables and isinstance(flowables[0], DocumentEnd):
            flowables.pop(0)
            body_pages = self.page - self.first_body_page + 1
            self.define_page_total(body_pages + self.appended_pages)
            for line in self.contents:
                line.define_number(self.canv, body_pages)
            return
        super().handle_flowable(flowables)

    def handle_pageBegin(self) -> None:
        self.tagger.begin_page(self.canv)  # before the page template draws anything
        super().handle_pageBegin()

    def afterPage(self) -> None:
        self.tagger.end_page(self.canv)  # after the page template's footer

    def beforeDocument(self) -> None:
        self.running = (self.chrome.title, self.chrome.kind)
        self.first_body_page = 1
        self.outline_level = -1
        self.contents = []
        if self.chrome.cover_label:
            self.canv.addPageLabel(0, prefix=self.chrome.cover_label)
            self.canv.addPageLabel(1, "ROMAN_LOWER", 1)
        else:
            self.canv.addPageLabel(0, "ARABIC", 1)

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Bookmark):
            level = min(flowable.level, self.outline_level + 1)
            self.outline_level = level
            self.canv.addOutlineEntry(flowable.title, flowable.key, level, closed=level > 0)
        elif isinstance(flowable, ContentsLine):
            flowable.page_index = self.page - 1
            self.contents.append(flowable)
        elif isinstance(flowable, RunningTitle):
            self.running = (flowable.title, flowable.kind)
        elif isinstance(flowable, BodyStart):
            self.first_body_page = self.page
            self.canv.addPageLabel(self.page - 1, "ARABIC", 1)

    @property
    def page_number(self) -> int:
        """The number printed on the current page."""
        return self.page - self.first_body_page + 1

    # -- page furniture ---------------------------------------------------------------------

    def define_page_total(self, total: int) -> None:
        """The page count, drawn wherever a footer placed the form (single pass, no guessing)."""
        canvas, style = self.canv, self.styles["chrome"]
        canvas.beginForm(TOTAL_FORM, 0, -4, TOTAL_WIDTH, 14)
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        if right_to_left(style):  # the count ends where the form does, beside the words before it
            canvas.drawRightString(TOTAL_WIDTH, 0, str(total))
        else:
            canvas.drawString(0, 0, str(total))
        canvas.endForm()

    def draw_chrome(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        style, palette = self.styles["chrome"], self.styles.palette
        width, height = self.pagesize
        left, right = MARGIN, width - MARGIN
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        if self.pageTemplate.id != "letter":
            top = height - MARGIN
            title, kind = self.running
            room = right - left - stringWidth(kind, style.fontName, style.fontSize) - 24
            title = _fit(title, style.fontName, style.fontSize, room)
            if right_to_left(style):  # read from the right: the title first, at the right
                canvas.drawRightString(right, top, title)
                canvas.drawString(left, top, kind)
            else:
                canvas.drawRightString(right, top, kind)
                canvas.drawString(left, top, title)
            canvas.setStrokeColor(palette.accent)
            canvas.setLineWidth(1.5)
            canvas.line(left, top - 6, right, top - 6)
        bottom = MARGIN
        canvas.setStrokeColor(palette.rule)
        canvas.setLineWidth(0.6)
        canvas.line(left, bottom + 12, right, bottom + 12)
        before, _, after = self.chrome.page_label.format(page=self.page_number, pages="\0").partition("\0")
        if right_to_left(style):
            self.draw_right_to_left_footer(canvas, before, after)
            canvas.restoreState()
            return
        canvas.drawString(left, bottom, before)
        canvas.saveState()
        canvas.translate(left + stringWidth(before, style.fontName, style.fontSize), bottom)
        canvas.doForm(TOTAL_FORM)
        canvas.restoreState()
        if after:
            shift = stringWidth(before + "00", style.fontName, style.fontSize)
            canvas.drawString(left + shift, bottom, after)
        # The board's name takes the room the page label leaves; a long one is set smaller, then cut.
        room = right - left - stringWidth(before + "000" + after, style.fontName, style.fontSize) - 18
        size = max(style.fontSize * 0.75, min(style.fontSize, style.fontSize * room
                                              / max(1.0, stringWidth(self.chrome.footer, style.fontName,
                                                                     style.fontSize))))
        canvas.setFont(style.fontName, size)
        canvas.drawRightString(right, bottom, _fit(self.chrome.footer, style.fontName, size, room))
        canvas.restoreState()

    def draw_right_to_left_footer(self, canvas: Canvas, before: str, after: str) -> None:
        """The footer mirrored: "الصفحة 1 من 2" from the right margin, shaped and in reading order
        (a paragraph drawn as righttoleft.py draws it), the board's name on the left."""
        style = self.styles["chrome"]
        width, _ = self.pagesize
        left, right, bottom = MARGIN, width - MARGIN, MARGIN
        shift = style.leading - style.fontSize  # a one-line paragraph's baseline above its bottom
        gap = stringWidth(" ", style.fontName, style.fontSize)
        words = _rtl_line(before.strip(), style, right - left)
        used = words.getActualLineWidths0()[0] if before.strip() else 0.0
        words.drawOn(canvas, left, bottom - shift)
        canvas.saveState()
        canvas.translate(right - used - gap - TOTAL_WIDTH, bottom)
        canvas.doForm(TOTAL_FORM)
        canvas.restoreState()
        used += gap + stringWidth("00", style.fontName, style.fontSize)
        if after.strip():
            rest = _rtl_line(after.strip(), style, right - left - used - gap)
            used += gap + rest.getActualLineWidths0()[0]
            rest.drawOn(canvas, left, bottom - shift)
        room = right - left - used - 18
        size = max(style.fontSize * 0.75, min(style.fontSize, style.fontSize * room
                                              / max(1.0, stringWidth(self.chrome.footer, style.fontName,
                                                                     style.fontSize))))
        canvas.setFont(style.fontName, size)
        canvas.drawString(left, bottom, _fit(self.chrome.footer, style.fontName, size, room))

    def draw_letterhead(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        letterhead, palette = self.chrome.letterhead, self.styles.palette
        if letterhead is None:
            return
        width, height = self.pagesize
        style = self.styles["letterhead"]
        top = height - MARGIN
        canvas.saveState()
        x = MARGIN
        if letterhead.logo is not None:
            image = ImageReader(str(letterhead.logo))
            w, h = image.getSize()
            logo_h = 44.0
            logo_w = min(w * logo_h / h, 160.0)
            canvas.drawImage(image, x, top - logo_h, logo_w, logo_h, preserveAspectRatio=True,
                             mask="auto", anchor="sw")
            x += logo_w + 14
        size, lines = fit_lines(letterhead.name, style.fontName, style.fontSize, width - MARGIN - x)
        canvas.setFont(style.fontName, size)
        canvas.setFillColor(style.textColor)
        leading = size * 1.2
        # One line sits at the logo's middle; two share its height.
        baseline = top - 28 + (len(lines) - 1) * leading / 2
        with marked(canvas, self.letterhead_element, letterhead):
            for number, line in enumerate(lines):
                canvas.drawString(x, baseline - number * leading, line)
        canvas.setStrokeColor(palette.accent)
        canvas.setLineWidth(3)
        canvas.line(MARGIN, top - LETTERHEAD + 24, width - MARGIN, top - LETTERHEAD + 24)
        canvas.restoreState()

    def draw_cover(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        palette, style = self.styles.palette, self.styles["letterhead"]
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFillColor(palette.accent)
        canvas.rect(0, height * 0.42 - MARGIN * 0.6, width, height, stroke=0, fill=1)
        letterhead = self.chrome.letterhead
        if letterhead is not None:
            y = MARGIN * 1.5
            x = MARGIN
            if letterhead.logo is not None:
                image = ImageReader(str(letterhead.logo))
                w, h = image.getSize()
                logo_w = min(w * 56.0 / h, 180.0)
                canvas.drawImage(image, x, y - 8, logo_w, 56.0, preserveAspectRatio=True,
                                 mask="auto", anchor="sw")
                x += logo_w + 16
            size, lines = fit_lines(letterhead.name, style.fontName, style.fontSize, width - MARGIN - x)
            canvas.setFont(style.fontName, size)
            canvas.setFillColor(palette.accent_dark)
            leading = size * 1.2
            with marked(canvas, self.letterhead_element, letterhead):
                for number, line in enumerate(lines):
                    canvas.drawString(x, y + 12 + (len(lines) - 1 - number) * leading, line)
        canvas.restoreState()


def fit_lines(text: str, font: str, size: float, room: float, *, smallest: float = 9.0,
              most: int = 2) -> tuple[float, list[str]]:
    """``text`` in at most ``most`` lines of at most ``room`` points: the largest size from ``size`` down to
    ``smallest`` at which it fits, broken after ' / ' (a name in two languages) or else between words."""
    current = size
    while True:
        lines = _break(text, font, current, room)
        if (len(lines) <= most and all(stringWidth(line, font, current) <= room for line in lines)) \
                or current <= smallest:
            break
        current = max(smallest, current - 0.5)
    if len(lines) > most:  # even the smallest size needs more lines: keep the room, cut the last
        lines = [*lines[:most - 1], _fit(" ".join(lines[most - 1:]), font, current, room)]
    return current, [_fit(line, font, current, room) for line in lines]


def _break(text: str, font: str, size: float, room: float) -> list[str]:
    if stringWidth(text, font, size) <= room:
        return [text]
    halves = [part.strip() for part in text.split(" / ")]
    if len(halves) == 2 and all(stringWidth(half, font, size) <= room for half in halves):
        return [f"{halves[0]} /", halves[1]]
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _rtl_line(text: str, style: ParagraphStyle, room: float) -> Para:
    """``text`` as a one-line right-to-left paragraph set against the right of ``room``."""
    line = Para(escape(text), ParagraphStyle(f"{style.name}-line", parent=style, alignment=TA_RIGHT, leftIndent=0,
                                             rightIndent=0, firstLineIndent=0, spaceBefore=0, spaceAfter=0))
    line.wrap(room, style.leading * 2)
    return line


def _fit(text: str, font: str, size: float, room: float) -> str:
    """``text``, cut with an ellipsis so that it is at most ``room`` points wide."""
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"
