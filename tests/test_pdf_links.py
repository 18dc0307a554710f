"""Links from the HTML pages to the PDFs, relative so that they work from file://."""

from __future__ import annotations

from lessonkit.pdf.links import pdf_links_for
from lessonkit.settings import KitSettings


def test_lesson_page_links_to_its_three_pdfs_in_its_language() -> None:
    assert pdf_links_for("lessons/ages-5-7/surprises-and-secrets", "fr") == [
        ("Teacher guide (PDF)", "../../../../pdf/fr/ages-5-7/surprises-and-secrets-teacher.pdf"),
        ("Student handout (PDF)", "../../../../pdf/fr/ages-5-7/surprises-and-secrets-handout.pdf"),
        ("Family letter (PDF)", "../../../../pdf/fr/ages-5-7/surprises-and-secrets-family.pdf"),
    ]
    # a lesson whose id is not its file name
    assert pdf_links_for("lessons/ages-5-7/file", "en", lesson_id="the-id")[0][1] == \
        "../../../../pdf/en/ages-5-7/the-id-teacher.pdf"


def test_band_page_links_to_its_kit_and_home_page_to_every_kit() -> None:
    assert pdf_links_for("lessons/ages-8-10/index", "en") == [
        ("Band kit (PDF)", "../../../../pdf/en/ages-8-10-kit.pdf")]
    settings = KitSettings()
    links = pdf_links_for("source/index", "en", bands=list(settings.bands), settings=settings)
    assert links[0] == ("Ages 5 to 7 kit (PDF)", "../../pdf/en/ages-5-7-kit.pdf")
    assert [href for _, href in links][1:] == [
        "../../pdf/en/ages-8-10-kit.pdf", "../../pdf/en/ages-11-13-kit.pdf", "../../pdf/en/ages-14-17-kit.pdf"]


def test_other_pages_have_no_pdf_links() -> None:
    assert pdf_links_for("source/get-help", "en") == []
    assert pdf_links_for("source/index", "en") == []
