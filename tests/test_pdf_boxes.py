"""Boxes on the page: a box parts between its flowables, never before nothing."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Spacer
from reportlab.platypus.flowables import AnchorFlowable

from lessonkit.pdf.flowables import Box, BoxStyle

WIDTH = 400.0


def box(*content: object) -> Box:
    made = Box(list(content), BoxStyle(padding=9.0))
    made.canv = Canvas("unused.pdf")
    return made


def paragraphs() -> list[Paragraph]:
    style = ParagraphStyle("body", fontSize=11, leading=14, spaceAfter=4)
    return [Paragraph(f"Term {n}: what it means, in words a child reads.", style) for n in range(5)]


def test_space_ending_a_box_is_its_padding_s_so_the_box_fits_where_its_words_do() -> None:
    words = paragraphs()
    height = box(*words).wrap(WIDTH, 1e6)[1]
    # a definition list ends with a little space: at the end of a box it made the box too tall by it
    with_space = box(*paragraphs(), Spacer(0, 3.8))
    assert with_space.wrap(WIDTH, height)[1] == height
    assert with_space.split(WIDTH, height) == []  # it fits: nothing to part


def test_an_anchor_takes_no_room_and_never_makes_a_part_of_its_own() -> None:
    height = box(*paragraphs()).wrap(WIDTH, 1e6)[1]
    anchored = box(*paragraphs(), AnchorFlowable("next-section"))
    assert anchored.wrap(WIDTH, height)[1] == height
    # in the middle, the gap between two paragraphs is the same with an anchor between them
    middle = box(*paragraphs()[:2], AnchorFlowable("here"), *paragraphs()[2:])
    assert middle.wrap(WIDTH, 1e6)[1] == height
    parts = box(*paragraphs()[:4], AnchorFlowable("last"), paragraphs()[4]).split(WIDTH, height - 10)
    assert len(parts) == 2 and not isinstance(parts[1].content[0], AnchorFlowable)
