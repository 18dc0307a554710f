"""Sphinx's own nodes: API descriptions, version notes, glossaries and the like."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from reportlab.platypus import Table
from sphinx import addnodes
from sphinx.locale import admonitionlabels

from lessonkit.pdf.flowables import CodeBlock

if TYPE_CHECKING:
    from lessonkit.pdf.translator import PDFTranslator


class SphinxElements:
    """Visitors for ``sphinx.addnodes``; API signatures are set simply, in the code face."""

    def visit_desc(self: PDFTranslator, node: addnodes.desc) -> None:
        pass

    def depart_desc(self: PDFTranslator, node: addnodes.desc) -> None:
        pass

    def visit_desc_signature(self: PDFTranslator, node: addnodes.desc_signature) -> None:
        self.begin_text(self.styles["signature"])
        self.mono += 1

    def depart_desc_signature(self: PDFTranslator, node: addnodes.desc_signature) -> None:
        self.mono -= 1
        self.end_text_into_flow()

    def visit_desc_signature_line(self: PDFTranslator, node: nodes.Element) -> None:
        if node.parent.index(node):
            self.markup("<br/>")

    def visit_desc_name(self: PDFTranslator, node: nodes.Element) -> None:
        self.open_tag("<b>", "</b>")

    def depart_desc_name(self: PDFTranslator, node: nodes.Element) -> None:
        self.close_tag()

    def visit_desc_annotation(self: PDFTranslator, node: nodes.Element) -> None:
        self.open_tag("<i>", "</i>")

    depart_desc_annotation = depart_desc_name

    def visit_desc_returns(self: PDFTranslator, node: nodes.Element) -> None:
        self.write(" -> ")

    def visit_desc_parameterlist(self: PDFTranslator, node: nodes.Element) -> None:
        self.write("(")
        self.parameters.append(0)

    def depart_desc_parameterlist(self: PDFTranslator, node: nodes.Element) -> None:
        self.parameters.pop()
        self.write(")")

    def visit_desc_type_parameter_list(self: PDFTranslator, node: nodes.Element) -> None:
        self.write("[")
        self.parameters.append(0)

    def depart_desc_type_parameter_list(self: PDFTranslator, node: nodes.Element) -> None:
        self.parameters.pop()
        self.write("]")

    def visit_desc_parameter(self: PDFTranslator, node: nodes.Element) -> None:
        if self.parameters and self.parameters[-1]:
            self.write(", ")
        if self.parameters:
            self.parameters[-1] += 1

    visit_desc_type_parameter = visit_desc_parameter

    def visit_desc_optional(self: PDFTranslator, node: nodes.Element) -> None:
        self.write("[")

    def depart_desc_optional(self: PDFTranslator, node: nodes.Element) -> None:
        self.write("]")

    def visit_desc_content(self: PDFTranslator, node: nodes.Element) -> None:
        self.push()

    def depart_desc_content(self: PDFTranslator, node: nodes.Element) -> None:
        self.indent(self.pop())

    # Parts of a signature printed as their text.
    visit_desc_addname = visit_desc_type = visit_desc_sig_element = visit_desc_inline = visit_desc
    depart_desc_addname = depart_desc_type = depart_desc_sig_element = depart_desc_inline = depart_desc
    depart_desc_signature_line = depart_desc_returns = depart_desc_parameter = depart_desc
    depart_desc_type_parameter = depart_desc

    # -- other Sphinx nodes -----------------------------------------------------------------

    def visit_versionmodified(self: PDFTranslator, node: nodes.Element) -> None:
        pass

    depart_versionmodified = depart_desc
    visit_glossary = visit_acks = visit_only = visit_start_of_file = visit_versionmodified
    depart_glossary = depart_acks = depart_only = depart_start_of_file = depart_desc
    visit_pending_xref = visit_number_reference = visit_download_reference = visit_versionmodified
    depart_pending_xref = depart_number_reference = depart_download_reference = depart_desc

    def visit_seealso(self: PDFTranslator, node: nodes.Element) -> None:
        self.begin_box(admonitionlabels["seealso"])

    def depart_seealso(self: PDFTranslator, node: nodes.Element) -> None:
        self.end_box(self.box_style("accent"))

    def visit_compact_paragraph(self: PDFTranslator, node: nodes.Element) -> None:
        if node.get("toctree"):
            raise nodes.SkipNode
        self.visit_paragraph(node)

    def depart_compact_paragraph(self: PDFTranslator, node: nodes.Element) -> None:
        self.depart_paragraph(node)

    def visit_centered(self: PDFTranslator, node: nodes.Element) -> None:
        self.begin_text(self.styles["centered"])

    def depart_centered(self: PDFTranslator, node: nodes.Element) -> None:
        self.end_text_into_flow()

    def visit_literal_emphasis(self: PDFTranslator, node: nodes.Element) -> None:
        self.visit_literal(node)
        self.open_tag("<i>", "</i>")

    def depart_literal_emphasis(self: PDFTranslator, node: nodes.Element) -> None:
        self.close_tag()
        self.depart_literal(node)

    def visit_literal_strong(self: PDFTranslator, node: nodes.Element) -> None:
        self.visit_literal(node)
        self.open_tag("<b>", "</b>")

    depart_literal_strong = depart_literal_emphasis

    def visit_manpage(self: PDFTranslator, node: nodes.Element) -> None:
        self.open_tag("<i>", "</i>")

    depart_manpage = depart_desc_name

    def visit_productionlist(self: PDFTranslator, node: nodes.Element) -> None:
        lines = [" ".join(production.astext().split()) for production in node.findall(addnodes.production)]
        self.mono += 1
        text = self.drawable("\n".join(lines), node)
        self.mono -= 1
        self.add(CodeBlock(text, self.styles["code"], self.styles.palette.shade))
        raise nodes.SkipNode

    def visit_hlist(self: PDFTranslator, node: nodes.Element) -> None:
        columns = [self.render_children(column) for column in node.children]
        table = Table([columns], colWidths=[f"{100 / max(len(columns), 1):.2f}%"] * len(columns),
                      hAlign="LEFT")
        table.setStyle(self.table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)))
        self.add(table)
        raise nodes.SkipNode

    def visit_toctree(self: PDFTranslator, node: nodes.Node) -> None:
        raise nodes.SkipNode  # the site's navigation, not part of a printed page

    visit_index = visit_highlightlang = visit_tabular_col_spec = visit_toctree
    visit_pending_xref_condition = visit_toctree
