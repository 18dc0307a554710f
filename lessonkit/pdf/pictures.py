"""Figures and images: each picture takes its place in the flow, scaled to the column.

Markdown puts every picture inside a paragraph, even one on a line of its own, and platypus
draws an image in a line of text without making room for it: a photo in a paragraph covers
the lines around it. So a picture taller than a few lines is lifted out of its paragraph (the
text before it, the picture, then the rest of the text), and a small one (an icon) stays in
its line at most a line and a half high, the line growing to hold it. An SVG picture is drawn
as vectors (svglib turns it into reportlab shapes), always on lines of its own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from docutils import nodes
from lxml import etree
from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from svglib.svglib import svg2rlg

from lessonkit.pdf.flowables import Figure, ScaledImage, VectorPicture, tagged
from lessonkit.sphinxext import nodes as lk
from lessonkit.svgsafety import svg_findings

if TYPE_CHECKING:
    from lessonkit.pdf.translator import PDFTranslator

_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px|pt|pc|in|cm|mm|em|ex|%)?\s*$")
_POINTS = {"px": 0.75, "pt": 1.0, "pc": 12.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4,
           "em": 11.0, "ex": 5.5, None: 0.75}
INLINE_LINES = 2.0  # a picture up to this many lines high stays in its line of text (shrunk)
INLINE_HEIGHT = 1.5  # the most a picture in a line of text is high, in font sizes
CARD_THUMBNAIL = 4.5  # how high a card's picture is outside the cut-out sheet, in font sizes
TALLEST = 0.9  # the most a picture is high, as a share of the column's width (a page must hold it)
_ANCHOR = '<a name="'


class PictureElements:
    """Visitors for figures, their captions and images."""

    def visit_figure(self: PDFTranslator, node: nodes.figure) -> None:
        self.open_element("Div")
        self.push("caption")

    def depart_figure(self: PDFTranslator, node: nodes.figure) -> None:
        self.add(Figure(self.pop()))
        self.close_element()

    def visit_caption(self: PDFTranslator, node: nodes.caption) -> None:
        self.begin_text(self.styles["caption"], "Caption")

    def depart_caption(self: PDFTranslator, node: nodes.caption) -> None:
        self.end_text_into_flow()

    def visit_image(self: PDFTranslator, node: nodes.image) -> None:
        path = self.image_path(node)
        if path is None:
            alt = node.get("alt", "")
            if alt and self.texts:
                self.write(f"[{alt}]", node)
            elif alt:
                self.add(self.para(escape(self.drawable(f"[{alt}]", node)), self.styles["caption"]))
            raise nodes.SkipNode
        drawing = self.vector_drawing(node, path) if path.suffix.lower() == ".svg" else None
        if path.suffix.lower() == ".svg" and drawing is None:
            raise nodes.SkipNode
        width, height = self.image_size(node, path, drawing)
        if on_card(node) and height > self.styles.size * CARD_THUMBNAIL:
            # a card listed in a guide or a key shows its picture small (the cut-out sheet enlarges it)
            width, height = width * self.styles.size * CARD_THUMBNAIL / height, self.styles.size * CARD_THUMBNAIL
        if self.texts:
            style = self.texts[-1].style
            if drawing is None and (height <= style.leading * INLINE_LINES or not in_paragraph(node)):
                self.inline_image(path, width, height)
                raise nodes.SkipNode
            self.lift_out_of_text()
        alt = " ".join(node.get("alt", "").split())
        # an image without a description is decoration (as alt="" is in HTML): an artifact
        picture = VectorPicture(drawing, width, height) if drawing is not None \
            else ScaledImage(str(path), width=width, height=height)
        image = tagged(picture, self.element("Figure", alt=alt) if alt else None)
        image.hAlign = {"left": "LEFT", "right": "RIGHT"}.get(node.get("align", ""), "CENTER")
        image.spaceBefore, image.spaceAfter = self.styles.size * 0.3, self.styles.size * 0.6
        self.add(image)
        if self.lifted:
            self.resume_text()
        raise nodes.SkipNode

    def inline_image(self: PDFTranslator, path: Path, width: float, height: float) -> None:
        """A small picture in the open line of text, no higher than a line and a half."""
        text = self.texts[-1]
        tallest = text.style.fontSize * INLINE_HEIGHT
        if height > tallest:
            width, height = width * tallest / height, tallest
        if getattr(text.style, "autoLeading", "") != "max":  # the line grows to hold the picture
            text.style = ParagraphStyle(f"{text.style.name}-picture", parent=text.style, autoLeading="max")
        self.markup(f'<img src="{escape_attribute(str(path))}" width="{width:.1f}" '
                    f'height="{height:.1f}" valign="middle"/>')

    def lift_out_of_text(self: PDFTranslator) -> None:
        """End the open paragraph here (closing its open markup) so that a picture can follow it."""
        text = self.texts[-1]
        ends = self.closing[len(self.closing) - len(text.tags):] if text.tags else []
        visible = re.sub(r"<[^>]*>", "", "".join(text.parts)).strip()
        anchors = [part for part in text.parts if part.startswith(_ANCHOR)]
        if visible:
            text.parts.extend(end.rstrip("\0") for end in reversed(ends))
            self.end_text_into_flow()
            anchors = []
        else:
            self.texts.pop()
        self.lifted.append((text, anchors))

    def resume_text(self: PDFTranslator) -> None:
        """Go on with the paragraph a picture was lifted out of, its markup open again."""
        text, anchors = self.lifted.pop()
        self.begin_text(text.style, text.element.role)
        resumed = self.texts[-1]
        resumed.parts.extend(anchors)
        resumed.parts.extend(text.tags)
        resumed.tags = list(text.tags)

    def image_path(self: PDFTranslator, node: nodes.image) -> Path | None:
        uri = node["uri"]
        if "://" in uri or uri.startswith("data:"):
            self.warn(f"remote image {uri!r} is not printed: PDFs use images from the project only", node)
            return None
        path = (self.options.srcdir / uri).resolve()
        if not path.is_file():
            self.warn(f"image file not found: {uri}", node)
            return None
        return path

    def vector_drawing(self: PDFTranslator, node: nodes.image, path: Path) -> Drawing | None:
        """The SVG picture at ``path`` as reportlab shapes; None (and a warning) if it cannot be read."""
        if svg_findings(path):  # the reading step removed it already; a picture is never drawn unchecked
            return None
        try:
            drawing = svg2rlg(str(path))
        except (OSError, ValueError, etree.XMLSyntaxError) as error:
            self.warn(f"the picture {node['uri']} cannot be drawn: {error}", node)
            return None
        if drawing is None or not drawing.width or not drawing.height:
            self.warn(f"the picture {node['uri']} has no size: give its <svg> a viewBox, or a width and a height",
                      node)
            return None
        return drawing

    def image_size(self: PDFTranslator, node: nodes.image, path: Path,
                   drawing: Drawing | None = None) -> tuple[float, float]:
        """The size asked for (or the natural size), within the column's width and a page's height."""
        if drawing is not None:  # svglib gives the size in points already
            natural_w, natural_h = drawing.width, drawing.height
        else:
            pixels_w, pixels_h = ImageReader(str(path)).getSize()
            natural_w, natural_h = pixels_w * 0.75, pixels_h * 0.75
        width = self.length(node.get("width"), natural_w)
        height = self.length(node.get("height"), natural_h)
        if node.get("width") and not node.get("height"):
            height = natural_h * width / natural_w
        elif node.get("height") and not node.get("width"):
            width = natural_w * height / natural_h
        scale = node.get("scale", 100) / 100
        width, height = width * scale, height * scale
        column = self.options.width
        shrink = min(1.0, column / width if width else 1.0, column * TALLEST / height if height else 1.0)
        return width * shrink, height * shrink

    def length(self: PDFTranslator, value: str | None, default: float) -> float:
        match = _LENGTH.match(value or "")
        if not match:
            return default
        number, unit = float(match.group(1)), match.group(2)
        if unit == "%":
            return self.options.width * number / 100
        return number * _POINTS[unit]


def on_card(node: nodes.Node) -> bool:
    """True for a picture in a ``cards`` block, or in the answer key made from one."""
    return any(isinstance(parent, lk.lesson_block) and (parent.get("kind") == "cards"
                                                        or "lk-cards-key" in parent.get("classes", []))
               for parent in lk.ancestors(node))


def in_paragraph(node: nodes.Node) -> bool:
    """True when the text ``node`` is in (through emphasis, links…) is a paragraph, not a title or caption."""
    parent = node.parent
    while isinstance(parent, nodes.Inline):
        parent = parent.parent
    return isinstance(parent, nodes.paragraph)


def escape_attribute(text: str) -> str:
    return escape(text, {'"': "&quot;"})
