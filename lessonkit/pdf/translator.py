"""The translator: docutils nodes in, platypus flowables out."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from docutils import nodes
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, TableStyle
from reportlab.platypus.flowables import AnchorFlowable
from sphinx.builders import Builder
from sphinx.util import logging
from sphinx.util.docutils import SphinxTranslator

from lessonkit.blocks import View
from lessonkit.pdf.body import BodyElements, OpenList
from lessonkit.pdf.breaks import keep_quotes, mark_addresses
from lessonkit.pdf.cardsheet import CardElements
from lessonkit.pdf.flowables import QRSymbol, para, qr_symbol
from lessonkit.pdf.fonts import GlyphFilter
from lessonkit.pdf.forms import Field
from lessonkit.pdf.inline import InlineElements
from lessonkit.pdf.lessonnodes import LessonElements
from lessonkit.pdf.pictures import PictureElements
from lessonkit.pdf.sphinxnodes import SphinxElements
from lessonkit.pdf.styles import Styles
from lessonkit.pdf.tables import TableElements, TableState
from lessonkit.pdf.tagging import Element

logger = logging.getLogger(__name__)


_KEY_CHARS = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass(frozen=True)
class RenderOptions:
    """What one rendering of one document needs to know beyond its doctree."""

    styles: Styles
    docname: str
    width: float  # width of the text column, for sizes given in percent
    srcdir: Path
    language: str = "en"
    view: View | None = None  # None: an ordinary document, not a lesson
    anchor_prefix: str = ""  # keeps destinations apart when a PDF holds a lesson twice
    fields: str | None = None  # prefix of form field names; None draws spaces without fields
    linked_docs: frozenset[str] = frozenset()  # documents in this PDF: links to them work
    qr_codes: Callable[[str], QRSymbol] = qr_symbol  # QR codes of addresses (cached by the builder)
    quiet: bool = False  # say nothing: this content is also rendered, and checked, elsewhere
    structure: Element | None = None  # the structure element the document's elements go under
    to_print: tuple[str, ...] = ()  # the teacher guide's list of what to print, and how many pages
    page_numbers: Mapping[str, int] = field(default_factory=dict)  # documents bound further on: their page


@dataclass
class OpenText:
    """Inline markup gathered for one paragraph-like node."""

    style: ParagraphStyle
    element: Element
    parts: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # start tags of the inline markup open in it


class PDFTranslator(BodyElements, PictureElements, InlineElements, TableElements, SphinxElements,
                    LessonElements, CardElements, SphinxTranslator):
    """Walks a doctree and leaves its flowables in ``story``."""

    def __init__(self, document: nodes.document, builder: Builder, options: RenderOptions) -> None:
        super().__init__(document, builder)
        self.options = options
        self.styles = options.styles
        self.frames: list[list[Flowable]] = [[]]  # flowables of the node being rendered, innermost last
        self.texts: list[OpenText] = []  # open paragraphs, innermost last
        self.paragraph_styles: list[str] = ["body"]
        self.box_headers: list[list[Flowable]] = []
        self.anchors: list[str] = []  # destinations waiting for the next flowable
        self.closing: list[str] = []  # end tags of open inline nodes
        self.lifted: list[tuple[OpenText, list[str]]] = []  # paragraphs a picture was lifted out of
        self.section_level = 0
        self.mono = 0  # depth of nodes set in the code face
        self.serial = 0  # numbers the names of destinations and form fields
        self.lists: list[OpenList] = []
        self.tables: list[TableState] = []
        self.parameters: list[int] = []  # parameters written so far, per open parameter list
        self.cards_drawn = 0  # cards blocks on the cut-out sheet so far
        self.text_glyphs = GlyphFilter(self.styles.fonts.text, self.styles.fonts.fallbacks)
        self.mono_glyphs = GlyphFilter(self.styles.fonts.mono, self.styles.fonts.fallbacks)
        self.check_fields: list[Field | None] = []  # fields of the open task-list items
        self.structure: list[Element] = [options.structure or Element("Document", lang=options.language)]

    @property
    def story(self) -> list[Flowable]:
        return self.frames[0]

    # -- the flow of flowables --------------------------------------------------------------

    def add(self, flowable: Flowable) -> None:
        for key in self.anchors:
            self.frames[-1].append(AnchorFlowable(key))
        self.anchors.clear()
        self.frames[-1].append(flowable)

    def push(self, paragraph_style: str | None = None) -> None:
        self.frames.append([])
        self.paragraph_styles.append(paragraph_style or self.paragraph_styles[-1])

    def pop(self) -> list[Flowable]:
        self.paragraph_styles.pop()
        return self.frames.pop()

    def render_children(self, node: nodes.Element, paragraph_style: str | None = None) -> list[Flowable]:
        """The flowables of ``node``'s children, rendered apart from the main flow."""
        self.push(paragraph_style)
        for child in node.children:
            child.walkabout(self)
        return self.pop()

    def table_style(self, *commands: tuple) -> TableStyle:
        """A table style whose cells are set in the text face (platypus defaults to Helvetica)."""
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.styles.fonts.text.name), *commands])

    @property
    def at_top(self) -> bool:
        """True in the main flow of the page, outside boxes, lists and tables."""
        return len(self.frames) == 1

    def keep_room(self, height: float) -> None:
        """Start a new page unless ``height`` points are left (headings keep with what follows)."""
        if self.at_top:
            self.add(CondPageBreak(height))

    # -- paragraphs -------------------------------------------------------------------------

    @property
    def paragraph_style(self) -> ParagraphStyle:
        return self.styles[self.paragraph_styles[-1]]

    def begin_text(self, style: ParagraphStyle | None = None, role: str = "P") -> None:
        text = OpenText(style or self.paragraph_style, Element(role, self.structure[-1]))
        text.parts.extend(f'<a name="{key}"/>' for key in self.anchors)
        self.anchors.clear()
        self.texts.append(text)

    def end_text(self) -> Paragraph | None:
        text = self.texts.pop()
        markup = "".join(text.parts).strip()
        if not markup:
            return None
        parent = text.element.parent
        assert parent is not None
        parent.kids.append(text.element)  # joins the tree once it has something to read
        return para(markup, text.style, text.element)

    # -- the structure tree -----------------------------------------------------------------

    def element(self, role: str, **details: object) -> Element:
        """A new structure element, the last in the one open now."""
        return self.structure[-1].add(role, **details)

    def open_element(self, role: str, **details: object) -> Element:
        """A new structure element that the following ones go into, until ``close_element``."""
        element = self.element(role, **details)
        self.structure.append(element)
        return element

    def close_element(self) -> None:
        self.structure.pop()

    def para(self, markup: str, style: ParagraphStyle, role: str = "P") -> Paragraph:
        """A paragraph of ready-made markup, and its element."""
        return para(markup, style, self.element(role))

    def end_text_into_flow(self) -> None:
        paragraph = self.end_text()
        if paragraph is not None:
            self.add(paragraph)

    def markup(self, part: str) -> None:
        """Append ready-made markup to the open paragraph."""
        self.texts[-1].parts.append(part)

    def write(self, text: str, node: nodes.Node | None = None) -> None:
        """Append plain text to the open paragraph, escaped, a character the face lacks from a fallback face."""
        glyphs = self.mono_glyphs if self.mono else self.text_glyphs
        runs, _ = glyphs.runs(keep_quotes(text))
        self.texts[-1].parts.append("".join(f'<font face="{run.face}">{escape(run.text)}</font>' if run.face
                                            else escape(mark_addresses(run.text)) for run in runs))

    def drawable(self, text: str, node: nodes.Node | None = None) -> str:
        """``text`` in the face alone (labels, code): a character it lacks is printed as its name.

        Never a warning: ``lessonkit check`` reports these characters where the writer typed them.
        """
        glyphs = self.mono_glyphs if self.mono else self.text_glyphs
        return glyphs(text)[0]

    def inline_markup(self, node: nodes.Element) -> str:
        """The markup of ``node``'s children, for text drawn outside the flow (headers, cells)."""
        self.begin_text(self.styles["body"])
        for child in node.children:
            child.walkabout(self)
        text = self.texts.pop()
        return "".join(text.parts).strip()

    # -- anchors and links ------------------------------------------------------------------

    def key(self, docname: str, anchor: str = "") -> str:
        """The name of a destination in this PDF."""
        raw = f"{self.options.anchor_prefix}{docname}" + (f"--{anchor}" if anchor else "")
        return _KEY_CHARS.sub("_", raw)

    def dispatch_visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Element) and node["ids"] and not isinstance(node, nodes.document):
            keys = [self.key(self.options.docname, anchor) for anchor in node["ids"]]
            if self.texts:
                self.texts[-1].parts.extend(f'<a name="{key}"/>' for key in keys)
            else:
                self.anchors.extend(keys)
        super().dispatch_visit(node)

    # -- messages ---------------------------------------------------------------------------

    def warn(self, message: str, node: nodes.Node | None) -> None:
        if not self.options.quiet:
            logger.warning(message, location=node, type="lessonkit", subtype="pdf")

    def unknown_visit(self, node: nodes.Node) -> None:
        self.warn(f"the PDF builder does not know the node {node.__class__.__name__!r}; "
                  "its text is printed as is", node)

    def unknown_departure(self, node: nodes.Node) -> None:
        pass

    # -- the document -----------------------------------------------------------------------

    def visit_document(self, node: nodes.document) -> None:
        self.anchors.append(self.key(self.options.docname))

    def depart_document(self, node: nodes.document) -> None:
        for key in self.anchors:
            self.frames[-1].append(AnchorFlowable(key))
        self.anchors.clear()

    def visit_Text(self, node: nodes.Text) -> None:
        if self.texts:
            self.write(node.astext(), node.parent)
        elif node.astext().strip():  # text straight inside a block, as some extensions write
            self.begin_text()
            self.write(node.astext(), node.parent)
            self.end_text_into_flow()

    def depart_Text(self, node: nodes.Text) -> None:
        pass
