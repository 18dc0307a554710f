"""Tables: simple and grid tables with spans, header rows repeated on every page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes
from reportlab.platypus import Flowable, Table

if TYPE_CHECKING:
    from lessonkit.pdf.translator import PDFTranslator


@dataclass
class TableState:
    """A table being gathered: cells placed on a grid that spans fill."""

    widths: list[float] = field(default_factory=list)
    cells: dict[tuple[int, int], list[Flowable]] = field(default_factory=dict)
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)  # col, row, last col, last row
    taken: set[tuple[int, int]] = field(default_factory=set)
    rows: int = 0
    head_rows: int = 0
    column: int = 0
    in_head: bool = False
    content_widths: list[float] = field(default_factory=list)

    def place(self, across: int, down: int) -> tuple[int, int]:
        """The next free cell of the current row, taken with its spans."""
        row = self.rows - 1
        while (row, self.column) in self.taken:
            self.column += 1
        column = self.column
        for r in range(row, row + down + 1):
            for c in range(column, column + across + 1):
                self.taken.add((r, c))
        if across or down:
            self.spans.append((column, row, column + across, row + down))
        self.column += across + 1
        return row, column


def content_widths(table: nodes.table) -> list[float]:
    """Column shares from the length of the longest text in each column (within limits)."""
    widths: list[float] = []
    for row in table.findall(nodes.row):
        for column, entry in enumerate(e for e in row.children if isinstance(e, nodes.entry)):
            longest = max((len(word) for word in entry.astext().split()), default=0)
            length = max(min(len(entry.astext()), 48), longest + 3, 6)
            if column >= len(widths):
                widths.append(length)
            else:
                widths[column] = max(widths[column], length)
    return [float(width) for width in widths]


class TableElements:
    """Visitors that gather a docutils table into a platypus ``Table``."""

    def visit_table(self: PDFTranslator, node: nodes.table) -> None:
        self.open_element("Table")
        state = TableState()
        if "colwidths-auto" in node["classes"]:  # Markdown tables: share the width by content
            state.content_widths = content_widths(node)
        self.tables.append(state)

    def depart_table(self: PDFTranslator, node: nodes.table) -> None:
        self.close_element()
        state = self.tables.pop()
        if state.content_widths:
            state.widths = state.content_widths
        columns = max(len(state.widths), 1 + max((c for _, c in state.taken), default=0))
        widths = state.widths + [max(state.widths, default=1)] * (columns - len(state.widths))
        total = sum(widths) or 1
        data = [[state.cells.get((row, column), "") for column in range(columns)]
                for row in range(state.rows)]
        if not data:
            return
        palette = self.styles.palette
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, palette.rule),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            *(("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in state.spans),
        ]
        if state.head_rows:
            commands += [("BACKGROUND", (0, 0), (-1, state.head_rows - 1), palette.accent_tint),
                         ("LINEBELOW", (0, state.head_rows - 1), (-1, state.head_rows - 1), 1.2,
                          palette.accent)]
        table = Table(data, colWidths=[f"{100 * w / total:.3f}%" for w in widths],
                      repeatRows=state.head_rows, splitByRow=1, splitInRow=1, hAlign="LEFT",
                      spaceBefore=self.styles.size * 0.3, spaceAfter=self.styles.size * 0.9)
        table.setStyle(self.table_style(*commands))
        self.add(table)

    def visit_tgroup(self: PDFTranslator, node: nodes.tgroup) -> None:
        pass

    def depart_tgroup(self: PDFTranslator, node: nodes.tgroup) -> None:
        pass

    def visit_colspec(self: PDFTranslator, node: nodes.colspec) -> None:
        width = node.get("colwidth", 1)
        self.tables[-1].widths.append(float(width) if isinstance(width, int | float) else 1.0)
        raise nodes.SkipNode

    def visit_thead(self: PDFTranslator, node: nodes.thead) -> None:
        self.tables[-1].in_head = True
        self.open_element("THead")

    def depart_thead(self: PDFTranslator, node: nodes.thead) -> None:
        self.close_element()
        state = self.tables[-1]
        state.in_head = False
        state.head_rows = state.rows

    def visit_tbody(self: PDFTranslator, node: nodes.tbody) -> None:
        self.open_element("TBody")

    def depart_tbody(self: PDFTranslator, node: nodes.tbody) -> None:
        self.close_element()

    def visit_row(self: PDFTranslator, node: nodes.row) -> None:
        state = self.tables[-1]
        state.rows += 1
        state.column = 0
        self.open_element("TR")

    depart_row = depart_tbody

    def visit_entry(self: PDFTranslator, node: nodes.entry) -> None:
        head = self.tables[-1].in_head
        attributes: dict[str, object] = {"O": "Table"}
        if head:
            attributes["Scope"] = "Column"
        if node.get("morecols"):
            attributes["ColSpan"] = node["morecols"] + 1
        if node.get("morerows"):
            attributes["RowSpan"] = node["morerows"] + 1
        self.open_element("TH" if head else "TD", attributes=attributes if len(attributes) > 1 else {},
                          keep_empty=True)
        self.push("cell-head" if head else "cell")

    def depart_entry(self: PDFTranslator, node: nodes.entry) -> None:
        self.close_element()
        content = self.pop()
        state = self.tables[-1]
        row, column = state.place(node.get("morecols", 0), node.get("morerows", 0))
        state.cells[(row, column)] = content
