"""Printing a lesson from Chromium: a clean teacher copy, read back from the PDF."""

from __future__ import annotations

import io

import pytest
from browser_support import LANGUAGES, LESSON
from pypdf import PdfReader


def words(text: str) -> str:
    return " ".join(text.split()).casefold()


@pytest.mark.parametrize("language", LANGUAGES)
def test_printing_a_lesson_gives_a_clean_teacher_copy(kit_site, kit_page, language) -> None:
    kit_page.goto(kit_site.url(language, LESSON))
    title = words(kit_page.locator("article h1").first.text_content()).rstrip("¶")
    teacher_only = [words(text)[:60] for text in kit_page.locator(".lk-teacher-only p").all_text_contents()]
    handout = words(kit_page.locator(".lk-handout > .lk-block-title").first.inner_text())
    navigation = [words(kit_page.locator(selector).first.inner_text()) for selector in
                  (".skip-to-content", ".sidebar-tree a", ".lk-languages a", ".lk-class-toggle",
                   ".related-pages a", ".bottom-of-page .left-details")]
    # Class view hides teacher-only blocks on screen; the printed teacher copy still holds them.
    kit_page.locator(".lk-class-toggle").click()

    pages = [words(page.extract_text()) for page in PdfReader(io.BytesIO(kit_page.pdf(format="Letter"))).pages]
    printed = " ".join(pages)
    assert pages[0].startswith(title)
    assert [text for text in teacher_only if text not in printed] == []
    assert [text for text in navigation if text and text in printed] == []
    # the handout starts a page of its own
    starts = [number for number, text in enumerate(pages) if text.startswith(handout)]
    assert len(starts) == 1 and starts[0] > 0, (handout, [text[:80] for text in pages])


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_student_fills_in_the_handout_on_screen_and_prints_it_alone(kit_site, kit_page, language) -> None:
    kit_page.goto(kit_site.url(language, LESSON))
    handout = kit_page.locator("section.lk-handout").first
    boxes = handout.get_by_role("textbox")
    assert boxes.count() >= 2
    # each space to write is named by its question, as a screen reader says it
    names = [box.evaluate("element => document.getElementById(element.getAttribute('aria-labelledby'))"
                          "?.textContent ?? element.getAttribute('aria-label')") for box in boxes.all()]
    assert all(name and name.strip() for name in names)
    boxes.first.fill("Talk to my aunt Rosa and my teacher")
    ticked = handout.locator("input.task-list-item-checkbox")
    if ticked.count():
        ticked.first.check()
        assert ticked.first.is_checked()
    # the print button shows once the script runs, and prints the handout alone
    kit_page.evaluate("window.print = () => {}")  # the dialog itself is the browser's
    handout.locator(".lk-print-button").click()
    pages = [words(page.extract_text()) for page in PdfReader(io.BytesIO(kit_page.pdf(format="Letter"))).pages]
    printed = " ".join(pages)
    assert "talk to my aunt rosa and my teacher" in printed
    assert len(pages) <= 2 and pages[0], [text[:60] for text in pages]  # the handout alone, not the whole lesson
    title = words(kit_page.locator("article h1").first.text_content()).rstrip("¶")
    assert title not in printed  # the rest of the lesson is left out
    teacher_only = [words(text)[:60] for text in kit_page.locator(".lk-teacher-only p").all_text_contents()]
    assert [text for text in teacher_only if len(text) > 20 and text in printed] == []
