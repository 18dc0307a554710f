"""Body elements: sections, paragraphs, lists, quotes, code, boxes, notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as escape_line

from docutils import nodes
from docutils.languages import get_language
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
)
from reportlab.platypus.flowables import HRFlowable
from sphinx.locale import admonitionlabels

from lessonkit.pdf.flowables import Bookmark, Box, BoxStyle, CodeBlock, Item, Stack, tagged
from lessonkit.pdf.lessonnodes import spoken_name
from lessonkit.pdf.tagging import Element, heading
from lessonkit.sphinxext import nodes as lk
from lessonkit.sphinxext.citations import SOURCES_SECTION

if TYPE_CHECKING:
    from lessonkit.pdf.translator import PDFTranslator

ALERTS = frozenset({"attention", "caution", "danger", "error", "warning"})
BULLETS = ("•", "–")
LIST_NUMBERING = {"arabic": "Decimal", "loweralpha": "LowerAlpha", "upperalpha": "UpperAlpha",
                  "lowerroman": "LowerRoman", "upperroman": "UpperRoman"}
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(number: int) -> str:
    out = []
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def alpha(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


ENUMERATORS = {
    "arabic": str,
    "loweralpha": alpha,
    "upperalpha": lambda n: alpha(n).upper(),
    "lowerroman": roman,
    "upperroman": lambda n: roman(n).upper(),
}


@dataclass
class OpenList:
    """A list being gathered: the paragraph style of its items, and their flowables."""

    item_style: str | None
    items: list[list[Flowable]] = field(default_factory=list)
    labels: list[Element | None] = field(default_factory=list)  # each item's label element (Lbl)


class BodyElements:
    """Visitors for docutils' structural and body elements."""

    # -- sections and titles ----------------------------------------------------------------

    def visit_section(self: PDFTranslator, node: nodes.section) -> None:
        self.section_level += 1
        self.open_element("Sect")
        if SOURCES_SECTION in node["classes"]:  # set small, as references are: a letter keeps to its sheet
            self.paragraph_styles.append("small")

    def depart_section(self: PDFTranslator, node: nodes.section) -> None:
        if SOURCES_SECTION in node["classes"]:
            self.paragraph_styles.pop()
        self.close_element()
        self.section_level -= 1

    def visit_title(self: PDFTranslator, node: nodes.title) -> None:
        parent = node.parent
        if isinstance(parent, nodes.section):
            if any(child.tagname == "lesson_header" for child in parent.children):
                raise nodes.SkipNode  # the lesson header prints the lesson's title
            level = self.section_level
            style = self.styles[("title", "h1", "h2", "h3")[level - 1] if level <= 4 else "h4"]
            self.keep_room(style.leading * 2 + self.styles.line * 3)
            self.add(self.outline_entry(node.astext(), level - 1))
            self.begin_text(style, heading(level))
        elif self.box_headers and isinstance(parent, nodes.Admonition | nodes.topic | nodes.sidebar):
            self.begin_text(self.styles["block-title"])
        elif isinstance(parent, nodes.table):
            self.keep_room(self.styles.line * 5)  # a table's title stays with its first rows
            self.begin_text(self.styles["label"], "Caption")
        else:
            self.begin_text(self.styles["h4"])

    def depart_title(self: PDFTranslator, node: nodes.title) -> None:
        if self.box_headers and isinstance(node.parent, nodes.Admonition | nodes.topic | nodes.sidebar):
            paragraph = self.end_text()
            if paragraph is not None:
                self.box_headers[-1].append(paragraph)
        else:
            self.end_text_into_flow()

    def outline_entry(self: PDFTranslator, title: str, level: int) -> Bookmark:
        self.serial += 1
        key = self.key(self.options.docname, f"outline-{self.serial}")
        return Bookmark(key, " ".join(title.split()), level)

    def visit_subtitle(self: PDFTranslator, node: nodes.subtitle) -> None:
        if self.box_headers and isinstance(node.parent, nodes.sidebar):
            self.begin_text(self.styles["block-label"])
        else:
            self.begin_text(self.styles["subtitle"])

    depart_subtitle = depart_title

    def visit_rubric(self: PDFTranslator, node: nodes.rubric) -> None:
        self.begin_text(self.styles["rubric"])

    def depart_rubric(self: PDFTranslator, node: nodes.Element) -> None:
        self.end_text_into_flow()

    # -- paragraphs -------------------------------------------------------------------------

    def visit_paragraph(self: PDFTranslator, node: nodes.Element) -> None:
        self.begin_text()

    depart_paragraph = depart_rubric

    def visit_line_block(self: PDFTranslator, node: nodes.line_block) -> None:
        self.push("compact")

    def depart_line_block(self: PDFTranslator, node: nodes.line_block) -> None:
        content = self.pop()
        nested = isinstance(node.parent, nodes.line_block)
        if nested:
            self.indent(content, self.styles.size * 1.5)
        else:
            for flowable in content:
                self.add(flowable)
        if not nested:
            self.add(Spacer(0, self.styles.size * 0.5))

    def visit_line(self: PDFTranslator, node: nodes.line) -> None:
        self.begin_text()

    def depart_line(self: PDFTranslator, node: nodes.line) -> None:
        paragraph = self.end_text()
        self.add(paragraph or Spacer(0, self.styles.line))

    def visit_literal_block(self: PDFTranslator, node: nodes.Element) -> None:
        self.mono += 1
        text = self.drawable(node.astext(), node)
        self.mono -= 1
        self.add(tagged(CodeBlock(text, self.styles["code"], self.styles.palette.shade), self.element("Code")))
        raise nodes.SkipNode

    visit_doctest_block = visit_literal_block

    def visit_math_block(self: PDFTranslator, node: nodes.math_block) -> None:
        self.mono += 1
        lines = [escape_line(self.drawable(line, node)) for line in node.astext().splitlines()]
        self.mono -= 1
        number = f"   ({node['number']})" if node.get("number") else ""
        self.add(self.para("<br/>".join(lines) + number, self.styles["math"]))
        raise nodes.SkipNode

    def visit_transition(self: PDFTranslator, node: nodes.transition) -> None:
        size = self.styles.size
        self.add(HRFlowable(width="40%", thickness=0.8, color=self.styles.palette.rule,
                            spaceBefore=size * 0.6, spaceAfter=size * 1.2, hAlign="CENTER"))
        raise nodes.SkipNode

    # -- quotes and indented blocks ---------------------------------------------------------

    def indent(self: PDFTranslator, content: list[Flowable], amount: float | None = None) -> None:
        if content:
            self.add(Stack(content, left=self.styles.size * 1.8 if amount is None else amount))

    def visit_block_quote(self: PDFTranslator, node: nodes.Element) -> None:
        self.open_element("BlockQuote")
        self.push()

    def depart_block_quote(self: PDFTranslator, node: nodes.Element) -> None:
        self.indent(self.pop())
        self.close_element()

    def visit_attribution(self: PDFTranslator, node: nodes.attribution) -> None:
        self.begin_text(self.styles["attribution"])
        self.write("— ")

    depart_attribution = depart_rubric

    # -- lists ------------------------------------------------------------------------------

    def labelled(self: PDFTranslator, items: list[tuple[str, list[Flowable], Element | None]],
                 style: str = "body", colour: colors.Color | None = None) -> None:
        """Add flowables each with a label in the margin (and its element): list items, footnotes."""
        paragraph = self.styles[style]
        widest = max((stringWidth(label, paragraph.fontName, paragraph.fontSize) for label, _, _ in items),
                     default=0)
        indent = widest + paragraph.fontSize * 0.75
        for number, (label, flowables, element) in enumerate(items, 1):
            space = paragraph.spaceAfter if number == len(items) else 0.0
            self.add(Item(label, flowables or [Spacer(0, paragraph.leading)], paragraph, indent, colour,
                          space_after=space, label_element=element))

    def visit_bullet_list(self: PDFTranslator, node: nodes.Element) -> None:
        # A list of short items (one paragraph, or a nested list, each) is set compact.
        simple = all(len(item.children) <= 1 or all(isinstance(child, nodes.paragraph | nodes.bullet_list
                                                                | nodes.enumerated_list)
                                                    for child in item.children)
                     for item in node.children)
        style = "compact" if simple and self.paragraph_styles[-1] == "body" else None
        self.lists.append(OpenList(style))
        numbering = "Disc" if isinstance(node, nodes.bullet_list) else LIST_NUMBERING.get(
            node.get("enumtype", "arabic"), "Decimal")
        self.open_element("L", attributes={"O": "List", "ListNumbering": numbering})

    visit_enumerated_list = visit_bullet_list

    def list_depth(self: PDFTranslator, node: nodes.Node) -> int:
        return sum(isinstance(parent, nodes.bullet_list | nodes.enumerated_list) for parent in lk.ancestors(node))

    def depart_bullet_list(self: PDFTranslator, node: nodes.bullet_list) -> None:
        self.close_element()
        open_list = self.lists.pop()
        if "contains-task-list" in node["classes"]:
            for flowable in open_list.items:
                self.add(flowable[0] if len(flowable) == 1 else KeepTogether(flowable))
            return
        bullet = BULLETS[self.list_depth(node) % len(BULLETS)]
        self.labelled([(bullet, flowables, label) for flowables, label in zip(open_list.items, open_list.labels,
                                                                               strict=True)],
                      self.paragraph_styles[-1], self.styles.palette.accent)

    def depart_enumerated_list(self: PDFTranslator, node: nodes.enumerated_list) -> None:
        self.close_element()
        open_list = self.lists.pop()
        number = ENUMERATORS.get(node.get("enumtype", "arabic"), str)
        start = node.get("start", 1)
        labels = [f"{node.get('prefix', '')}{number(start + i)}{node.get('suffix', '.')}"
                  for i in range(len(open_list.items))]
        self.labelled(list(zip(labels, open_list.items, open_list.labels, strict=True)), self.paragraph_styles[-1])

    def visit_list_item(self: PDFTranslator, node: nodes.list_item) -> None:
        self.open_element("LI")
        if "task-list-item" in node["classes"]:
            self.check_fields.append(self.field("check", spoken_name(node)))
            label = None
        else:
            label = self.element("Lbl")
        if self.lists:
            self.lists[-1].labels.append(label)
        self.open_element("LBody")
        self.push(self.lists[-1].item_style if self.lists else None)

    def depart_list_item(self: PDFTranslator, node: nodes.list_item) -> None:
        content = self.pop()
        self.close_element()
        self.close_element()
        if "task-list-item" in node["classes"]:
            content = [self.check_item(content, self.check_fields.pop())]
        if self.lists:
            self.lists[-1].items.append(content)

    def visit_definition_list(self: PDFTranslator, node: nodes.Element) -> None:
        self.open_element("L", attributes={"O": "List", "ListNumbering": "None"})

    def depart_definition_list(self: PDFTranslator, node: nodes.Element) -> None:
        self.close_element()
        self.add(Spacer(0, self.styles.size * 0.3))

    def visit_definition_list_item(self: PDFTranslator, node: nodes.Element) -> None:
        self.open_element("LI")
        self.push()

    def depart_definition_list_item(self: PDFTranslator, node: nodes.Element) -> None:
        # One stack: a term stays with the start of its definition.
        self.add(Stack(self.pop(), space_after=self.styles.size * 0.3))
        self.close_element()

    def visit_term(self: PDFTranslator, node: nodes.term) -> None:
        self.begin_text(self.styles["term"], "Lbl")

    def depart_term(self: PDFTranslator, node: nodes.term) -> None:
        pass  # classifiers follow on the same line; the definition ends it

    def visit_classifier(self: PDFTranslator, node: nodes.classifier) -> None:
        self.markup(" : <i>")

    def depart_classifier(self: PDFTranslator, node: nodes.classifier) -> None:
        self.markup("</i>")

    def visit_definition(self: PDFTranslator, node: nodes.definition) -> None:
        self.end_text_into_flow()
        self.open_element("LBody")
        self.push("compact")

    def depart_definition(self: PDFTranslator, node: nodes.Element) -> None:
        self.indent(self.pop())
        self.close_element()

    visit_field_list = visit_definition_list
    depart_field_list = depart_definition_list
    visit_field = visit_definition_list_item
    depart_field = depart_definition_list_item

    def visit_field_name(self: PDFTranslator, node: nodes.field_name) -> None:
        self.begin_text(self.styles["term"], "Lbl")

    depart_field_name = depart_rubric

    def visit_field_body(self: PDFTranslator, node: nodes.field_body) -> None:
        self.open_element("LBody")
        self.push("compact")

    depart_field_body = depart_definition
    visit_option_list = visit_field_list
    depart_option_list = depart_definition_list
    visit_option_list_item = visit_definition_list_item
    depart_option_list_item = depart_definition_list_item

    def visit_option_group(self: PDFTranslator, node: nodes.option_group) -> None:
        self.begin_text(self.styles["term"], "Lbl")
        self.markup(f'<font face="{self.styles.fonts.mono_family}">')
        self.mono += 1

    def depart_option_group(self: PDFTranslator, node: nodes.option_group) -> None:
        self.mono -= 1
        self.markup("</font>")
        self.end_text_into_flow()

    def visit_option(self: PDFTranslator, node: nodes.option) -> None:
        if node.parent.index(node):
            self.write(", ")

    depart_option = visit_definition_list
    visit_option_string = visit_definition_list
    depart_option_string = visit_definition_list

    def visit_option_argument(self: PDFTranslator, node: nodes.option_argument) -> None:
        self.write(node.get("delimiter", " "))
        self.markup("<i>")

    def depart_option_argument(self: PDFTranslator, node: nodes.option_argument) -> None:
        self.markup("</i>")

    visit_description = visit_field_body
    depart_description = depart_definition

    # -- boxes: admonitions, topics, sidebars -----------------------------------------------

    def box_style(self: PDFTranslator, tone: str) -> BoxStyle:
        palette = self.styles.palette
        border, tint = {
            "alert": (palette.alert, palette.alert_tint),
            "teacher": (palette.teacher, palette.teacher_tint),
            "neutral": (palette.rule, palette.shade),
        }.get(tone, (palette.accent, palette.accent_tint))
        return BoxStyle(border=border, background=None, header_background=tint,
                        padding=self.styles.size * 0.8)

    def begin_box(self: PDFTranslator, label: str | None = None, tone: str = "accent", *, role: str = "Div",
                  title: str = "") -> None:
        """Open a box, and the structure element (``role``) a reader may skip as a whole."""
        self.open_element(role, title=title or (label or "").capitalize())
        header: list[Flowable] = []
        if label:
            markup = self.label_markup(label)
            colour = {"teacher": self.styles.palette.teacher, "alert": self.styles.palette.alert}.get(tone)
            if colour is not None:
                markup = f'<font color="{colour.hexval()}">{markup}</font>'
            header.append(self.para(markup, self.styles["block-label"]))
        self.box_headers.append(header)
        self.push("body")

    def end_box(self: PDFTranslator, style: BoxStyle, *, whole: bool = False) -> None:
        """Close the box begun last; ``whole``: moved to the next page rather than parted, when it fits
        on one (a slip to cut out). Only in the page's own flow: a box cannot hold a KeepTogether."""
        content = self.pop()
        header = self.box_headers.pop()
        box = Box(content, style, header)
        self.add(KeepTogether([box]) if whole and len(self.frames) == 1 else box)
        self.close_element()

    def label_markup(self: PDFTranslator, label: str) -> str:
        return escape_line(self.drawable(label.upper()))

    def admonition_tone(self: PDFTranslator, node: nodes.Element) -> str:
        if node.tagname in ALERTS:
            return "alert"
        # sphinx-lesson's instructor notes are generic admonitions with a class of their own
        teacher = node.tagname == "important" or "instructor-note" in node["classes"]
        return "teacher" if teacher else "accent"

    def visit_admonition(self: PDFTranslator, node: nodes.Element) -> None:
        label = None if isinstance(node, nodes.admonition) else admonitionlabels[node.tagname]
        self.begin_box(label, self.admonition_tone(node))

    def depart_admonition(self: PDFTranslator, node: nodes.Element) -> None:
        self.end_box(self.box_style(self.admonition_tone(node)))

    visit_attention = visit_caution = visit_danger = visit_error = visit_hint = visit_admonition
    visit_important = visit_note = visit_tip = visit_warning = visit_admonition
    depart_attention = depart_caution = depart_danger = depart_error = depart_admonition
    depart_hint = depart_important = depart_note = depart_tip = depart_admonition
    depart_warning = depart_admonition

    def visit_topic(self: PDFTranslator, node: nodes.Element) -> None:
        self.begin_box()

    def depart_topic(self: PDFTranslator, node: nodes.Element) -> None:
        self.end_box(self.box_style("neutral"))

    visit_sidebar = visit_topic
    depart_sidebar = depart_topic

    # -- containers -------------------------------------------------------------------------

    def visit_compound(self: PDFTranslator, node: nodes.Element) -> None:
        if "toctree-wrapper" in node["classes"]:
            raise nodes.SkipNode  # a table of contents of the web site

    def depart_compound(self: PDFTranslator, node: nodes.Element) -> None:
        pass

    def visit_container(self: PDFTranslator, node: nodes.container) -> None:
        if "toctree-wrapper" in node["classes"]:
            raise nodes.SkipNode
        if {"lk-text-help-resources", "lk-text-family-help"} & set(node["classes"]):
            self.help_resources(node)
            raise nodes.SkipNode
        if "lk-text-family-notice" in node["classes"]:
            self.notice_box(node)
            raise nodes.SkipNode

    depart_container = depart_compound
    visit_legend = visit_compound
    depart_legend = depart_compound

    # -- footnotes and citations ------------------------------------------------------------

    def visit_footnote(self: PDFTranslator, node: nodes.Element) -> None:
        self.serial += 1
        self.open_element("Note", id=self.key(self.options.docname, f"note-{self.serial}"))
        self.element("Lbl")
        self.push("small")

    def depart_footnote(self: PDFTranslator, node: nodes.Element) -> None:
        content = self.pop()
        label = node.children[0].astext() if node.children and isinstance(node.children[0], nodes.label) else ""
        label = f"[{label}]" if isinstance(node, nodes.citation) else label
        note = self.structure[-1]
        self.labelled([(self.drawable(label, node), content, note.kids[0] if note.kids else None)], "small")
        self.close_element()

    visit_citation = visit_footnote
    depart_citation = depart_footnote

    def visit_label(self: PDFTranslator, node: nodes.label) -> None:
        raise nodes.SkipNode  # printed in the margin by the footnote or citation

    # -- bibliographic fields ---------------------------------------------------------------

    def visit_docinfo(self: PDFTranslator, node: nodes.docinfo) -> None:
        labels = get_language(self.options.language).labels
        rows = []
        self.open_element("Table")
        for child in node.children:
            self.open_element("TR")
            name = child.children[0].astext() if isinstance(child, nodes.field) else \
                labels.get(child.tagname, child.tagname)
            self.open_element("TH", attributes={"O": "Table", "Scope": "Row"})
            head = self.para(escape_line(self.drawable(name)), self.styles["cell-head"])
            self.close_element()
            self.open_element("TD")
            if isinstance(child, nodes.field):
                value = self.render_children(child.children[1], "cell")
            else:
                markup = self.inline_markup(child).replace("\n", "<br/>")
                value = [self.para(markup, self.styles["cell"])]
            self.close_element()
            self.close_element()
            rows.append([head, value])
        self.close_element()
        table = Table(rows, colWidths=["25%", "75%"], hAlign="LEFT")
        table.setStyle(self.table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.5, self.styles.palette.rule)))
        self.add(table)
        self.add(Spacer(0, self.styles.size))
        raise nodes.SkipNode

    # -- what is not printed ----------------------------------------------------------------

    def visit_raw(self: PDFTranslator, node: nodes.raw) -> None:
        if "task-list-item-checkbox" not in node.astext():  # MyST's check box: drawn by the item
            self.warn(f"raw {node.get('format', '')} content is not printed in PDFs", node)
        raise nodes.SkipNode

    def skip(self: PDFTranslator, node: nodes.Node) -> None:
        raise nodes.SkipNode

    visit_comment = visit_substitution_definition = visit_system_message = skip
    visit_decoration = visit_header = visit_footer = visit_meta = visit_pending = skip

    def visit_target(self: PDFTranslator, node: nodes.target) -> None:
        if not node.children:
            raise nodes.SkipNode  # its ids, if any, are already waiting for the next flowable

    depart_target = depart_compound
