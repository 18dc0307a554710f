"""Cards to cut out: the block, its checks, the cut-out sheet, the answer key and the kit."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from tagged import check_tagged, pdfua_findings, structure
from test_check import GOOD, LESSON, project, run  # noqa: F401 - the fixture
from test_pdfread import in_order, outline, page_texts, text

from lessonkit.cards import printed_order

OLDER = "ages-8-10/older-lesson"
CARDS = ("First card marker", "Second card marker", "Third card marker")
ANSWERS = ("First answer marker", "Second answer marker", "Third answer marker")


def built(app) -> Path:
    app.build()
    assert app.warning.getvalue() == ""
    return Path(app.outdir)


def test_shuffled_cards_are_mixed_the_same_way_every_time_and_never_left_in_order() -> None:
    for count in range(2, 12):
        order = printed_order(count, "shuffled", f"lessons/x#{count}")
        assert sorted(order) == list(range(count)) and order != list(range(count))
        assert order == printed_order(count, "shuffled", f"lessons/x#{count}")
    assert printed_order(4, "as-written", "lessons/x#0") == [0, 1, 2, 3]


@pytest.mark.sphinx("kitpdf", testroot="pdf-lessons", freshenv=True)
def test_the_cut_out_sheet_has_the_cards_in_large_type_and_no_answers(app) -> None:
    out = built(app)
    sheet = out / f"{OLDER}-cards.pdf"
    words = text(sheet)
    assert "CARDS TO CUT OUT" in words and "Timeline marker" in words and "Cut along the dashed lines" in words
    assert all(card in words for card in CARDS)
    assert not any(answer in words for answer in ANSWERS)
    assert check_tagged(sheet) == [] and pdfua_findings(sheet) == []
    tree = structure(sheet)
    items = tree.find("LI")
    assert len(items) == 3 and all([kid.role for kid in item.kids] == ["Lbl", "LBody"] for item in items)
    # numbered on the sheet as in the teacher guide, whose answer key gives the written order
    numbers = {item.find("LBody")[0].all_text(): item.find("Lbl")[0].all_text() for item in items}
    guide = text(out / f"{OLDER}-teacher.pdf")
    assert in_order(guide, "CARDS", "Timeline marker", "ANSWER KEY", "Cards in the order written: "
                    + ", ".join(numbers[card] for card in CARDS) + ".")
    for card, answer in zip(CARDS, ANSWERS, strict=True):
        assert in_order(guide, "ANSWER KEY", f"Card {numbers[card]}", card, answer)
    assert "Cards to cut out, 1 page" in guide


@pytest.mark.sphinx("kitpdf", testroot="pdf-lessons", freshenv=True)
def test_the_band_kit_binds_the_cards_after_the_teacher_guide(app) -> None:
    out = built(app)
    kit = out / "ages-8-10-kit.pdf"
    pages = page_texts(kit)
    assert in_order(pages[1], "Older lesson", "Teacher guide", "Cards to cut out", "Student handout", "Family letter")
    tree = outline(kit)
    lesson = tree[tree.index("Older lesson") + 1]
    assert [entry for entry in lesson if isinstance(entry, str)] == ["Teacher guide", "Cards to cut out",
                                                                       "Student handout", "Family letter"]
    assert in_order(text(kit), "TEACHER GUIDE", "CARDS TO CUT OUT", "STUDENT HANDOUT")
    assert check_tagged(kit) == []


@pytest.mark.sphinx("kithtml", testroot="pdf-lessons", freshenv=True, srcdir="pdf-lessons-cards",
                    confoverrides={"lessonkit_pdf_links": True, "html_theme": "furo"})
def test_the_lesson_page_shows_the_cards_as_a_grid_and_links_the_sheet(app) -> None:
    app.build()
    html = (Path(app.outdir) / "lessons" / "ages-8-10" / "older-lesson.html").read_text(encoding="utf-8")
    assert 'lk-cards lk-cards-small"' in html and html.count('class="lk-card"') == 3
    link = '<a href="../../../../pdf/en/ages-8-10/older-lesson-cards.pdf" type="application/pdf">'
    assert f"{link}Cards to cut out (PDF)" in html
    assert 'lk-cards-key lk-block lk-answer-key lk-teacher-only' in html


CARDS_BLOCK = """\
::::{activity} Sort it out
:duration: 15

:::{cards} Sorting cards
%s
:::
::::
"""


def lesson_with(cards: str) -> str:
    return GOOD.replace(":::{activity} Sort it out\n:duration: 15\n\nRead each card aloud.\n:::\n",
                        CARDS_BLOCK % cards)


@pytest.mark.parametrize(("cards", "expected"), [
    (":order: random\n\n- One", "':order: random' is not an order lessonkit knows; write ':order: shuffled' "
                                "(mixed the same way in every language) or ':order: as-written' [cards-order]"),
    (":size: huge\n\n- One", "':size: huge' is not a card size; write one of small, medium, large, sign "
                             "(small: 8 a page, medium: 6 a page, large: 2 a page, sign: 1 a page) [cards-size]"),
    ("Read them aloud.\n\n- One", "a cards block holds only cards: write each card as a list item"),
    ("", "the cards block has no cards; write each card as a list item: '- The card's text' [cards-empty]"),
])
def test_check_explains_each_mistake_in_a_cards_block(project: Path, cards: str, expected: str) -> None:  # noqa: F811
    (project / LESSON).write_text(lesson_with(cards), encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1 and expected in found, found


def test_good_cards_pass_and_a_long_card_is_a_warning(project: Path) -> None:  # noqa: F811
    cards = "- Short card.\n\nA card with an answer.\n: Its answer."
    (project / LESSON).write_text(lesson_with(cards), encoding="utf-8")
    assert run(project)[0] == 0
    long = "- " + " ".join(["word"] * 40)
    (project / LESSON).write_text(lesson_with(f":size: small\n\n{long}"), encoding="utf-8")
    code, found, _ = run(project)
    assert code == 0 and "warning: this card has 40 words, more than a 'small' card holds" in found


@pytest.mark.sphinx("kitpdf", testroot="pdf-lessons", freshenv=True, srcdir="pdf-lessons-questions")
def test_a_handout_question_stays_with_its_lines_and_the_guide_says_what_to_print(app, monkeypatch) -> None:
    from lessonkit.pdf import documents
    from lessonkit.pdf.forms import AnswerLines

    out = built(app)
    builder = app.builder
    info = builder.domain.lessons["lessons/ages-5-7/first-lesson"]
    kept: list[bool] = []

    # the handout's story, before layout (which uses up the flags): what comes before answer lines keeps with them
    original = documents.render

    def spy(*args: object) -> list:
        flowables = original(*args)
        kept.extend(bool(getattr(flowables[i - 1], "keepWithNext", False))
                    for i, flowable in enumerate(flowables) if isinstance(flowable, AnswerLines) and i)
        return flowables

    monkeypatch.setattr(documents, "render", spy)
    documents.lesson_pdf(builder, builder.kit, info, builder.resolved_doctree(info.docname), "handout")
    assert kept and all(kept)
    guide = text(out / "ages-5-7/first-lesson-teacher.pdf")
    pages = len(page_texts(out / "ages-5-7/first-lesson-handout.pdf"))
    assert f"To print: Student handout, {pages} page" in guide


def test_a_box_never_ends_a_page_with_a_question_whose_lines_go_to_the_next() -> None:
    """An exit ticket is a box: split at a page's foot, it keeps its question with the lines after it."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from lessonkit.pdf.flowables import Box, BoxStyle
    from lessonkit.pdf.forms import AnswerLines

    style = ParagraphStyle("body", fontSize=11, leading=15)
    intro, question = Paragraph("Some words before. " * 8, style), Paragraph("What would you say?", style)
    question.keepWithNext = True
    box = Box([intro, question, AnswerLines(4, 22, colors.grey, None)], BoxStyle())
    box.canv = Canvas(io.BytesIO())
    _, height = box.wrap(400, 1000)
    for room in range(60, int(height), 5):  # wherever the page ends
        parts = box.split(400, room)
        if parts:
            first = parts[0].content
            assert first[-1] is not question, room


def test_a_document_whose_last_words_reach_the_foot_of_a_page_has_no_blank_page_after_them() -> None:
    """The end of the document is never placed: a last paragraph whose space after passes the foot
    of the page once started a blank page (a family letter printed three pages, the last empty)."""
    import io

    import pikepdf
    from reportlab.platypus import Spacer

    from lessonkit.pdf.flowables import para
    from lessonkit.pdf.fonts import load_fonts
    from lessonkit.pdf.styles import Palette, make_styles
    from lessonkit.pdf.tagging import Element
    from lessonkit.pdf.template import Chrome, KitDocTemplate

    styles = make_styles(load_fonts(None), Palette.for_colour("#336699"), 11)
    chrome = Chrome(title="Letter", kind="Family letter", author="", subject="", keywords=(), language="en",
                    footer="lessonkit", page_label="Page {page} of {pages}")

    def pages(gap: float) -> int:
        structure = Element("Document", lang="en")
        template = KitDocTemplate(styles, chrome, "letter", structure)
        last = para("The last words.", styles["body"], structure.add("P"))
        room = template.height - last.wrap(template.width, template.height)[1] - gap
        with pikepdf.open(io.BytesIO(template.render([Spacer(0, room), last]))) as pdf:
            return len(pdf.pages)

    assert styles["body"].spaceAfter > 1
    assert pages(styles["body"].spaceAfter / 2) == 1  # the space after passes the foot
    assert pages(styles["body"].spaceAfter * 2) == 1
