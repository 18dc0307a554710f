"""Inline elements: emphasis, code, links, footnote marks; markup inside a paragraph."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import unquote
from xml.sax.saxutils import escape

from docutils import nodes

from lessonkit.pdf.links import DOC_URI
from lessonkit.sphinxext import labels

if TYPE_CHECKING:
    from lessonkit.pdf.translator import PDFTranslator

SCHEMES = ("http://", "https://", "mailto:", "ftp://", "tel:")


class InlineElements:
    """Visitors that add markup to the paragraph being written."""

    def open_tag(self: PDFTranslator, start: str, end: str) -> None:
        if self.texts:
            self.closing.append(end)
        else:  # an inline node outside any paragraph: start one
            self.begin_text()
            self.closing.append(end + "\0")
        self.markup(start)
        self.texts[-1].tags.append(start)  # opened again if a picture is lifted out of the text

    def close_tag(self: PDFTranslator, node: nodes.Node | None = None) -> None:
        end = self.closing.pop()
        self.texts[-1].tags.pop()
        self.markup(end.rstrip("\0"))
        if end.endswith("\0"):
            self.end_text_into_flow()

    def visit_emphasis(self: PDFTranslator, node: nodes.Element) -> None:
        self.open_tag("<i>", "</i>")

    def depart_emphasis(self: PDFTranslator, node: nodes.Element) -> None:
        self.close_tag()

    visit_title_reference = visit_emphasis
    depart_title_reference = depart_emphasis

    def visit_strong(self: PDFTranslator, node: nodes.Element) -> None:
        self.open_tag("<b>", "</b>")

    depart_strong = depart_emphasis

    def visit_literal(self: PDFTranslator, node: nodes.Element) -> None:
        self.mono += 1
        self.open_tag(f'<font face="{self.styles.fonts.mono_family}">', "</font>")

    def depart_literal(self: PDFTranslator, node: nodes.Element) -> None:
        self.mono -= 1
        self.close_tag()

    visit_math = visit_literal
    depart_math = depart_literal

    def visit_subscript(self: PDFTranslator, node: nodes.Element) -> None:
        self.open_tag("<sub>", "</sub>")

    depart_subscript = depart_emphasis

    def visit_superscript(self: PDFTranslator, node: nodes.Element) -> None:
        self.open_tag("<super>", "</super>")

    depart_superscript = depart_emphasis

    def visit_inline(self: PDFTranslator, node: nodes.Element) -> None:
        if {"guilabel", "menuselection"} & set(node["classes"]):
            self.open_tag("<b>", "</b>")
        elif "kbd" in node["classes"]:
            self.visit_literal(node)
        else:
            self.open_tag("", "")

    def depart_inline(self: PDFTranslator, node: nodes.Element) -> None:
        if "kbd" in node["classes"] and not {"guilabel", "menuselection"} & set(node["classes"]):
            self.mono -= 1
        self.close_tag()

    def visit_abbreviation(self: PDFTranslator, node: nodes.Element) -> None:
        self.open_tag("", "")

    def depart_abbreviation(self: PDFTranslator, node: nodes.Element) -> None:
        explanation = node.get("explanation")
        if explanation:
            self.write(f" ({explanation})", node)
        self.close_tag()

    visit_acronym = visit_abbreviation
    depart_acronym = depart_abbreviation
    visit_generated = visit_abbreviation
    depart_generated = depart_emphasis
    visit_substitution_reference = visit_abbreviation
    depart_substitution_reference = depart_emphasis

    def visit_problematic(self: PDFTranslator, node: nodes.Element) -> None:
        self.open_tag(f'<font color="{self.styles.palette.alert.hexval()}">', "</font>")

    depart_problematic = depart_emphasis

    # -- links ------------------------------------------------------------------------------

    def describe_link(self: PDFTranslator, target: str, text: str) -> None:
        """What a screen reader says of the link to ``target`` in the open paragraph."""
        if self.texts:
            self.texts[-1].element.links.setdefault(target, " ".join(text.split()) or target)

    def link_target(self: PDFTranslator, node: nodes.Element) -> str | None:
        """Where a reference leads in this PDF, or None when it leads nowhere a reader can go."""
        if node.get("refid"):
            return "#" + self.key(self.options.docname, node["refid"])
        uri = node.get("refuri", "")
        if uri.startswith(SCHEMES):
            return uri
        if uri.startswith(DOC_URI):
            docname, _, anchor = uri[len(DOC_URI):].partition("#")
            if docname in self.options.linked_docs:
                return "#" + self.key(docname, anchor)
        elif uri.startswith("#"):
            return "#" + self.key(self.options.docname, uri[1:])
        return None

    def visit_reference(self: PDFTranslator, node: nodes.reference) -> None:
        if not self.texts and not isinstance(node.parent, nodes.TextElement):
            self.closing.append("")  # a link around a block (an image): print the block
            return
        target = self.link_target(node)
        if target is None:
            self.open_tag("", "")
        else:
            colour = self.styles.palette.link.hexval()
            self.open_tag(f'<a href="{escape(target, {chr(34): "&quot;"})}" color="{colour}">', "</a>")
            self.describe_link(target, node.astext())

    def depart_reference(self: PDFTranslator, node: nodes.reference) -> None:
        if not self.closing[-1] and not self.texts:
            self.closing.pop()
            return
        self.close_tag()
        uri = node.get("refuri", "")
        page = self.options.page_numbers.get(uri[len(DOC_URI):].partition("#")[0]) if uri.startswith(DOC_URI) else None
        if page is not None:  # a page bound at the end of this kit: paper needs its number and place
            self.write(" " + labels.word("(page {n}, at the end of this kit)").format(n=page), node)
        elif uri.startswith(SCHEMES):
            shown = unquote(uri.removeprefix("mailto:").removeprefix("tel:"))
            text = node.astext().strip()
            if text not in (uri, shown) and shown.rstrip("/") != text.rstrip("/"):
                self.write(f" ({shown})", node)

    def visit_footnote_reference(self: PDFTranslator, node: nodes.Element) -> None:
        target = self.link_target(node)
        label = self.drawable(node.astext(), node)
        text = f"[{label}]" if isinstance(node, nodes.citation_reference) else label
        link = f'<a href="{target}" color="{self.styles.palette.link.hexval()}">{escape(text)}</a>' \
            if target else escape(text)
        if target:
            self.describe_link(target, labels.word("Note {label}").format(label=label))
        if isinstance(node, nodes.citation_reference):
            self.open_tag(link, "")
        else:
            self.open_tag(f"<super>{link}</super>", "")
        self.close_tag()
        raise nodes.SkipNode

    visit_citation_reference = visit_footnote_reference
