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
