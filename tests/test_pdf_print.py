"""What a printed page shows: pictures in their place, every character drawn, lines broken well.

The pages are read back with pdfplumber, which gives the box of every word and every image.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from tagged import check_tagged
from test_pdfread import in_order, text

PICTURES = "ages-8-10/pictures"


def built(app) -> Path:
    app.build()
    assert app.warning.getvalue() == ""
    return Path(app.outdir)


def words_under_pictures(pdf: Path) -> list[str]:
    """'page n: word' for every word drawn where a picture is (empty when none is)."""
    found = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            words = page.extract_words()
            for image in page.images:
                for word in words:
                    if (word["x0"] < image["x1"] - 0.5 and word["x1"] > image["x0"] + 0.5
                            and word["top"] < image["bottom"] - 0.5 and word["bottom"] > image["top"] + 0.5):
                        found.append(f"page {number}: {word['text']}")
    return found


def pictures_outside_the_page(pdf: Path) -> list[str]:
    """'page n' for every picture that runs past the page's margins of 18 points."""
    with pdfplumber.open(pdf) as document:
        return [f"page {number}" for number, page in enumerate(document.pages, 1) for image in page.images
                if image["x0"] < 18 or image["x1"] > page.width - 18 or image["top"] < 18
                or image["bottom"] > page.height - 18]


def picture_count(pdf: Path) -> int:
    with pdfplumber.open(pdf) as document:
        return sum(len(page.images) for page in document.pages)


def picture_heights(pdf: Path) -> list[float]:
    with pdfplumber.open(pdf) as document:
        return sorted(image["bottom"] - image["top"] for page in document.pages for image in page.images)


def check_pictures(out: Path, lead_in: str, caption: str) -> None:
    pdfs = sorted(out.rglob("*.pdf"))
    names = {pdf.relative_to(out).as_posix() for pdf in pdfs}
    assert {f"{PICTURES}-teacher.pdf", f"{PICTURES}-handout.pdf", f"{PICTURES}-family.pdf",
            f"{PICTURES}-handout-large-print.pdf", f"{PICTURES}-family-large-print.pdf",
            "ages-8-10-kit.pdf"} <= names
    for pdf in pdfs:
        assert words_under_pictures(pdf) == [], pdf.name
        assert pictures_outside_the_page(pdf) == [], pdf.name
        assert check_tagged(pdf) == [], pdf.name
    guide = out / f"{PICTURES}-teacher.pdf"
    # the lead-in, the story's picture, the one lifted out of a line, the icon, the table's, the
    # figure, the handout's and the letter's
    assert picture_count(guide) >= 8
    words = text(guide)
    assert lead_in in words and caption in words
    assert picture_count(out / f"{PICTURES}-handout.pdf") >= 1
    assert picture_count(out / f"{PICTURES}-handout-large-print.pdf") >= 1
    assert picture_count(out / f"{PICTURES}-family.pdf") >= 2  # the letterhead's logo, the picture


@pytest.mark.sphinx("kitpdf", testroot="pdf-print", freshenv=True, confoverrides={"lessonkit_large_print": True})
def test_no_word_lies_under_a_picture_in_any_pdf(app) -> None:
    out = built(app)
    check_pictures(out, "Before the lesson.", "Caption words under the figure.")
    guide = text(out / f"{PICTURES}-teacher.pdf")
    # a picture in a line of text is lifted out of it: the words around it keep their order
    assert in_order(guide, "Before the lesson.", "Loose words after the lead-in picture.")
    assert in_order(guide, "Story words before the picture", "Story words after the picture",
                    "Tap the", "button to block someone", "Press the", "icon, a small picture", "Clue",
                    "Table words beside the picture")
    # an icon stays in its line, at most a line and a half high (11-point text); a photo fits the column
    heights = picture_heights(out / f"{PICTURES}-teacher.pdf")
    assert heights[0] <= 11 * 1.5


@pytest.mark.sphinx("kitpdf", testroot="pdf-print", freshenv=True, srcdir="pdf-print-fr",
                    confoverrides={"language": "fr", "lessonkit_large_print": True})
def test_no_word_lies_under_a_picture_in_french_either(app) -> None:
    out = built(app)
    check_pictures(out, "Avant la leçon.", "Des mots de légende sous la figure.")
