"""What a printed page shows: pictures in their place, every character drawn, lines broken well.

The pages are read back with pdfplumber, which gives the box of every word and every image.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest
from tagged import check_tagged, pdfua_findings
from test_pdfread import in_order, page_fonts, text

from lessonkit.project import load_project

ROOT = Path(__file__).parent / "roots" / "test-pdf-print"
PICTURES = "ages-8-10/pictures"
WORDS = "ages-8-10/words"


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


@pytest.mark.sphinx("kitpdf", testroot="pdf-print", freshenv=True)
def test_emoji_are_drawn_from_the_emoji_face_and_never_stop_the_build(app) -> None:
    out = built(app)  # no warning: a character the fonts lack is not a mistake in the lesson
    guide = out / f"{WORDS}-teacher.pdf"
    words = text(guide)
    # copied or read aloud, an emoji is the emoji (not U+1F3A: reportlab's map is repaired)
    assert "Games and messages \U0001F3AE" in words
    assert "Sam plays a game \U0001F3AE and gets a message \U0001F600 from a stranger." in words
    assert "friends \U0001F44D from class" in words  # a skin tone is dropped: the face draws one form
    assert "an old script [egyptian hieroglyph a001] stands" in words
    assert any("NotoEmoji" in font and embedded for font, embedded in page_fonts(guide).items())
    assert "games \U0001F3AE today" in text(out / f"{WORDS}-family.pdf")
    for pdf in (guide, out / f"{WORDS}-family.pdf", out / "ages-8-10-kit.pdf"):
        assert check_tagged(pdf) == [], pdf.name
        assert pdfua_findings(pdf) == [], pdf.name


def test_check_names_each_character_the_pdf_fonts_lack_where_it_is_typed(tmp_path: Path) -> None:
    curriculum = tmp_path / "curriculum"
    shutil.copytree(ROOT, curriculum)
    _, problems = load_project(curriculum).check()
    found = [str(problem) for problem in problems if problem.code == "pdf-glyph-fallback"]
    shown = "lessons/ages-8-10/words.md"
    assert f"{shown}:9: warning: '\U0001F3AE' (video game) is not in the PDFs' text font: the PDFs draw it " \
        "from Noto Emoji, in black and white [pdf-glyph-fallback]" in found
    assert f"{shown}:12: warning: '\U0001F600' (grinning face) is not in the PDFs' text font: the PDFs draw " \
        "it from Noto Emoji, in black and white [pdf-glyph-fallback]" in found
    assert f"{shown}:23: warning: '\U00013000' (egyptian hieroglyph a001) is not in the PDFs' text font: the " \
        "PDFs print it as '[egyptian hieroglyph a001]'; write it in words if that reads badly " \
        "[pdf-glyph-fallback]" in found
    assert all(problem.severity == "warning" for problem in problems if problem.code == "pdf-glyph-fallback")
    # nothing else is wrong with the test lessons, and French is never reported
    assert [p for p in problems if p.code != "pdf-glyph-fallback"] == []


def lines_of(pdf: Path) -> list[str]:
    """The lines of text of every page, as they are printed."""
    with pdfplumber.open(pdf) as document:
        return [line.strip() for page in document.pages for line in (page.extract_text() or "").splitlines()]


@pytest.mark.sphinx("kitpdf", testroot="pdf-print", freshenv=True)
def test_quotes_stay_with_their_words_and_long_addresses_break_after_a_slash_or_a_dot(app) -> None:
    out = built(app)
    lines = lines_of(out / f"{WORDS}-teacher.pdf")
    quoted = [line for line in lines if "«" in line or "»" in line or "‹" in line or "“" in line]
    assert len(quoted) >= 4  # the paragraph of quotes runs over several lines
    for line in lines:
        assert not line.startswith(("»", "›", "”")), line
        assert not line.endswith(("«", "‹", "“")), line
    address = "https://www.example.org/families/online-safety/reporting-sextortion-and-getting-help/" \
              "what-to-do-next/index.html"
    starts = [i for i, line in enumerate(lines) if "https://www.example.org/" in line]
    assert len(starts) == 2  # in the story and in the table
    for start in starts:
        shown, row = "", start
        while address not in shown.split(" ")[-1] and row < start + 4:
            shown += lines[row].split("page ")[-1] if lines[row].startswith("page ") else lines[row]
            assert shown.endswith(("/", ".")) or address in shown, lines[row]
            row += 1
        assert address in shown
        assert row - start >= 2  # it did not fit on one line
