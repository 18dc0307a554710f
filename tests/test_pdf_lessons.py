"""The kitpdf builder on a small curriculum (tests/roots/test-pdf-lessons), read back with pypdf.

The tests of the default settings read one build of the root (``out``); the others build their own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from conftest import copy_root
from tagged import structure
from test_pdfread import (
    contents_links,
    fields,
    form_xobjects,
    image_count,
    in_order,
    link_uris,
    outline,
    page_fonts,
    page_texts,
    reader,
    text,
    widget_names,
)

FIRST = "ages-5-7/first-lesson"
SECOND = "ages-5-7/second-lesson"
OLDER = "ages-8-10/older-lesson"
TEACHER_ONLY_TEXT = ("Tnote marker", "Key marker", "Materials marker", "Disclosure marker",
                     "Activity marker", "Discussion marker", "Extension marker", "Loose teacher text",
                     "Nested tnote marker")
MULTILINE = 1 << 12  # AcroForm text field flag


def built(app) -> Path:
    app.build()
    assert app.warning.getvalue() == ""
    return Path(app.outdir)


@pytest.fixture(scope="module")
def out(pdf_lessons: Path) -> Path:
    return pdf_lessons


def test_every_lesson_gets_three_pdfs_every_band_a_kit_and_every_kit_page_a_pdf(out: Path) -> None:
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert written == sorted([
        "ages-5-7-kit.pdf", "ages-8-10-kit.pdf",
        *(f"{lesson}-{part}.pdf" for lesson in (FIRST, SECOND, OLDER)
          for part in ("teacher", "handout", "family")),
        f"{OLDER}-cards.pdf",  # the only lesson with cards to cut out
        "disclosure.pdf", "get-help.pdf",  # the pages every kit binds (lessonkit_kit_pages)
    ])


def test_teacher_guide_has_the_whole_lesson_with_preparation_first(out: Path) -> None:
    guide = text(out / f"{FIRST}-teacher.pdf")
    # the header: title, ages, grades, duration, topics
    assert in_order(guide, "TEACHER GUIDE", "First lesson", "Ages 5 to 7", "Kindergarten to Grade 2",
                    "30 minutes", "Trusted adults, Grooming", "Loose teacher text marker")
    assert "Sensitive topic: read the teacher note and the disclosure guidance first." in guide
    # objectives, materials and vocabulary come first, whatever their place in the source
    assert in_order(guide, "SUMMARY", "Summary marker", "LEARNING OBJECTIVES", "Objective marker one",
                    "MATERIALS · TEACHER ONLY", "Materials marker", "VOCABULARY", "Vocabulary marker",
                    "TEACHER NOTE · TEACHER ONLY", "Tnote marker",
                    "IF A STUDENT DISCLOSES · TEACHER ONLY", "Disclosure marker",
                    "ACTIVITY · 10 MIN", "Sort the cards", "Activity marker",
                    "ACTIVITY · 15 MIN", "Practise telling", "DISCUSSION", "Discussion marker",
                    "HANDOUT", "My helping hand", "Handout marker", "Nested tnote marker",
                    "ANSWER KEY · TEACHER ONLY",
                    "Key marker", "EXIT TICKET", "Exit marker", "EXTENSION", "Extension marker",
                    "FAMILY LETTER", "Notice marker", "letter marker", "Teacher's name:",
                    "HELP FOR FAMILIES", "parent marker", "GET HELP", "Help Line")
    # the guide draws the handout as a preview: no form fields
    assert fields(out / f"{FIRST}-teacher.pdf") == {}
    # a lesson that is not sensitive has no disclosure guidance and no family notice
    second = text(out / f"{SECOND}-teacher.pdf")
    assert "Disclosure marker" not in second and "Notice marker" not in second
    assert "Sensitive topic" not in second


def test_handout_holds_only_student_blocks_and_real_form_fields(out: Path) -> None:
    handout = out / f"{FIRST}-handout.pdf"
    words = text(handout)
    assert in_order(words, "STUDENT HANDOUT", "First lesson", "Name:", "Date:", "VOCABULARY",
                    "Vocabulary marker", "My helping hand", "Handout marker", "Who can you tell?",
                    "Check marker one", "Check marker three", "EXIT TICKET", "Exit marker",
                    "GET HELP", "Help Line")
    for teacher_text in (*TEACHER_ONLY_TEXT, "Summary marker", "Objective marker", "letter marker",
                         "Notice marker", "TEACHER ONLY"):
        assert teacher_text not in words
    found = fields(handout)
    text_fields = {name: f for name, f in found.items() if f["type"] == "/Tx"}
    boxes = [name for name, f in found.items() if f["type"] == "/Btn"]
    # name, date, one multi-line field per answer-lines block, and lines for the exit ticket, which gave none
    assert len(text_fields) == 5
    assert sorted(bool(f["flags"] & MULTILINE) for f in text_fields.values()) == [False, False, True, True, True]
    assert any(name.startswith("first-lesson_name") for name in text_fields)
    assert len(boxes) == 3  # one check box per task-list item


def test_family_letter_is_on_letterhead_with_notice_signoff_summary_and_help_for_families(out: Path) -> None:
    letter = out / f"{FIRST}-family.pdf"
    words = text(letter)
    assert in_order(words, "Maple Valley School Board", "FAMILY LETTER", "First lesson",
                    "Notice marker", "Dear families, letter marker.", "Teacher's name:", "School:",
                    "Date of the lesson:", "Signature:", "WHAT YOUR CHILD WILL LEARN", "Summary marker",
                    "HELP FOR FAMILIES", "Help Line", "parent marker")
    # written to parents and guardians: not the students' "I can…" objectives, nor the children's help list
    for not_for_parents in (*TEACHER_ONLY_TEXT, "Handout marker", "Vocabulary marker", "Exit marker",
                            "LEARNING OBJECTIVES", "Objective marker", "GET HELP", "Report Line"):
        assert not_for_parents not in words
    # the teacher fills in their name, the school, the date and signs: four fields, named in the language
    assert sorted(name.rsplit("_", 1)[0] for name in fields(letter)) == [
        "first-lesson_en_date", "first-lesson_en_school", "first-lesson_en_signature", "first-lesson_en_teacher"]
    # the board's logo is drawn on the letterhead
    assert image_count(letter) == 1
    assert "Notice marker" not in text(out / f"{SECOND}-family.pdf")


def test_the_letter_s_fields_are_form_elements_with_spoken_names(out: Path) -> None:
    letter = out / f"{FIRST}-family.pdf"
    tree = structure(letter)
    assert len(tree.find("Form")) == 4
    with pikepdf.open(letter) as pdf:
        names = {str(a.get("/TU")) for page in pdf.pages for a in page.obj.get("/Annots", [])
                 if a.get("/Subtype") == "/Widget"}
    assert names == {"Teacher's name", "School", "Date of the lesson", "Signature"}


def test_help_lists_show_each_band_what_suits_its_ages_and_the_guide_keeps_the_rest(out: Path) -> None:
    for lesson in (FIRST, OLDER):  # ages 5 to 7 and 8 to 10: the list for teens is not theirs
        handout, letter = text(out / f"{lesson}-handout.pdf"), text(out / f"{lesson}-family.pdf")
        assert "Help Line" in handout and "teen marker" not in handout
        assert "parent marker" in letter and "teen parent marker" not in letter
        # the teacher guide keeps the full list, the others marked for the teacher
        guide = text(out / f"{lesson}-teacher.pdf")
        assert in_order(guide, "GET HELP", "Help Line", "Teacher:", "For older students", "teen marker")


def test_help_resources_with_web_addresses_get_qr_codes(out: Path) -> None:
    # two of the children's resources have an address, the third has none; the families' one has the first
    for part, count in (("teacher", 2), ("handout", 2), ("family", 1)):
        pdf = out / f"{FIRST}-{part}.pdf"
        codes = {name for name in form_xobjects(pdf) if "lk-qr-" in name}
        assert len(codes) == count, part
    assert link_uris(out / f"{FIRST}-handout.pdf")[-2:] == ["https://help.example.org",
                                                             "https://report.example.org/tips"]
    assert link_uris(out / f"{FIRST}-family.pdf")[-1:] == ["https://help.example.org"]


def test_band_kit_has_cover_contents_outline_and_page_labels(out: Path) -> None:
    kit = out / "ages-5-7-kit.pdf"
    pages = page_texts(kit)
    assert in_order(pages[0], "Test curriculum", "Ages 5 to 7", "Band kit", "Kindergarten to Grade 2",
                    "2 lessons", "English")
    assert "Maple Valley School Board" in pages[0]
    assert pages[1].startswith("Contents")
    labels = reader(kit).page_labels
    assert labels[:4] == ["Cover", "i", "1", "2"]
    assert labels[-1] == str(len(pages) - 2)
    # the contents page gives each lesson, its guide, handout and family letter, then the pages
    # every kit binds (lessonkit_kit_pages), with the printed page numbers
    contents = re.findall(r"([A-Z][a-z]+(?: [a-z0-9]+)*) \.[ .]*(\d+)", pages[1])
    assert [title for title, _ in contents] == ["Ages 5 to 7", "First lesson", "Teacher guide", "Student handout",
                                                "Family letter", "Second lesson", "Teacher guide", "Student handout",
                                                "Family letter", "When a student discloses", "Get help"]
    numbers = [int(number) for _, number in contents]
    assert numbers[0] == 1 and "Band marker" in pages[2]
    for lesson, guide, handout, letter in (numbers[1:5], numbers[5:9]):
        assert lesson == guide < handout < letter
        assert labels[guide + 1] == str(guide) and "TEACHER GUIDE" in pages[guide + 1]
        assert labels[handout + 1] == str(handout) and "STUDENT HANDOUT" in pages[handout + 1]
        assert labels[letter + 1] == str(letter) and "FAMILY LETTER" in pages[letter + 1].upper()
    assert "First lesson" in pages[numbers[1] + 1] and "Second lesson" in pages[numbers[5] + 1]
    assert "Disclosure marker" in pages[numbers[9] + 1] and pages[numbers[10] + 1].startswith("Get help")
    # on paper, the band's link to a page bound in the kit gives its page number
    # (each part's own footer restarts at 1: where it is in the kit is said too)
    assert f"follow When a student discloses (page {numbers[9]}, at the end of this kit)." in " ".join(pages[2].split())
    # each line of the contents is a link to its page
    assert contents_links(kit, 1) == [number + 1 for number in numbers]
    # the band's pages count the whole kit; a lesson's pages keep the footer of its own PDF
    assert f"Page 1 of {len(pages) - 2}" in pages[2]
    assert "Page 1 of " in pages[numbers[1] + 1] and f"Page 1 of {len(pages) - 2}" not in pages[numbers[1] + 1]
    # on paper, each bound page also says where it is in the kit, as the contents count
    for number in numbers[1:]:
        assert f"Kit page {number} of {len(pages) - 2}" in pages[number + 1]
    assert all("Kit page" not in page for page in pages[:numbers[1] + 1])  # the front pages count the kit already
    tree = outline(kit)  # [title, [children], title, …]
    assert tree[0:2] == ["Ages 5 to 7", "First lesson"] and tree[3] == "Second lesson"
    first_lesson = tree[2]
    assert first_lesson[0] == "Teacher guide" and first_lesson[2] == "Student handout"
    assert first_lesson[1][:2] == ["Summary", "Learning objectives"]
    assert first_lesson[3] == ["Vocabulary", "Handout — My helping hand", "Exit ticket", "Get help"]
    # each lesson's guide then its handout, the handout with its fields
    words = text(kit)
    assert in_order(words, "First lesson", "Tnote marker", "STUDENT HANDOUT", "Name:", "Second lesson",
                    "Second lesson activity marker", "STUDENT HANDOUT", "Second handout marker")
    assert len([f for f in fields(kit).values() if f["type"] == "/Btn"]) == 3
    # the handouts' and letters' fields keep working: one field per name, each named after its lesson
    names = widget_names(kit)
    assert len(names) == len(set(names)) == len(fields(kit)) == 11 + 2 * 4  # one exit ticket has lines
    assert sum(name.startswith(("first-lesson_en_", "second-lesson_en_")) for name in names) == 2 * 4
    assert {name.split("_")[0] for name in names} == {"first-lesson", "second-lesson"}
    assert link_uris(kit) == [uri for pdf in (f"{FIRST}-teacher", f"{FIRST}-handout", f"{FIRST}-family",
                                              f"{SECOND}-teacher", f"{SECOND}-handout", f"{SECOND}-family",
                                              "disclosure", "get-help")
                              for uri in link_uris(out / f"{pdf}.pdf")]
    assert "Older" not in words
    handouts = words[words.index("STUDENT HANDOUT"):]
    assert not any(teacher_text in handouts.split("Second lesson")[0] for teacher_text in TEACHER_ONLY_TEXT)


def test_fonts_are_embedded_and_metadata_and_footers_are_set(out: Path) -> None:
    for pdf in out.rglob("*.pdf"):
        fonts = page_fonts(pdf)
        assert fonts and all(fonts.values()), (pdf, fonts)  # no font the reader must supply
        assert all("AtkinsonHyperlegible" in name for name in fonts), fonts
    guide = reader(out / f"{FIRST}-teacher.pdf")
    assert guide.metadata.title == "First lesson — Teacher guide"
    assert guide.metadata.author == "Maple Valley School Board"
    assert guide.metadata.subject == "Summary marker: children tell a surprise from a secret."
    assert guide.trailer["/Root"]["/Lang"] == "en"
    pages = page_texts(out / f"{FIRST}-teacher.pdf")
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in page
    assert reader(out / f"{FIRST}-teacher.pdf").page_labels[:2] == ["1", "2"]
    width, height = guide.pages[0].mediabox.width, guide.pages[0].mediabox.height
    assert (round(width), round(height)) == (612, 792)  # letter by default


def body_font_sizes(pdf: Path, marker: str) -> set[float]:
    """Sizes (points) of the text runs that contain ``marker``."""
    sizes: set[float] = set()

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if marker in text:
            sizes.add(round(size * tm[3], 1))

    for page in reader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_youngest_band_handouts_use_larger_type(out: Path) -> None:
    young = max(body_font_sizes(out / f"{FIRST}-handout.pdf", "Handout marker"))
    older = max(body_font_sizes(out / f"{OLDER}-handout.pdf", "Older handout marker"))
    guide = max(body_font_sizes(out / f"{FIRST}-teacher.pdf", "Handout marker"))
    assert young > older > guide


def test_same_input_gives_the_same_bytes(out: Path, make_app, monkeypatch, tmp_path: Path) -> None:
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.pdf")}
    srcdir = copy_root("pdf-lessons", tmp_path)
    again = make_app("kitpdf", srcdir=srcdir, builddir=Path(srcdir, "_build_again"), freshenv=True)
    again.build()
    second_out = Path(again.outdir)
    assert {p.relative_to(second_out): p.read_bytes() for p in second_out.rglob("*.pdf")} == first
    # and the dates are those of SOURCE_DATE_EPOCH when it is set
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    dated = make_app("kitpdf", srcdir=srcdir, builddir=Path(srcdir, "_build_dated"), freshenv=True)
    dated.build()
    metadata = reader(Path(dated.outdir) / f"{FIRST}-teacher.pdf").metadata
    assert metadata["/CreationDate"].startswith("D:20260101000000")


@pytest.mark.sphinx("kitpdf", testroot="pdf-lessons", freshenv=True, parallel=3,
                    srcdir="pdf-lessons-parallel")
def test_parallel_build_writes_the_same_pdfs(app, out: Path) -> None:
    parallel = built(app)
    assert {p.relative_to(parallel): p.read_bytes() for p in parallel.rglob("*.pdf")} == \
        {p.relative_to(out): p.read_bytes() for p in out.rglob("*.pdf")}  # built one process


@pytest.mark.sphinx("kitpdf", testroot="pdf-lessons", freshenv=True, srcdir="pdf-lessons-a4",
                    confoverrides={"lessonkit_paper_size": "a4"})
def test_a4_paper_from_settings(app) -> None:
    out = built(app)
    page = reader(out / f"{FIRST}-handout.pdf").pages[0]
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)


@pytest.mark.sphinx("kitpdf", testroot="pdf-lessons", freshenv=True, srcdir="pdf-lessons-fr",
                    confoverrides={"language": "fr"})
def test_french_text_has_every_glyph(app) -> None:
    out = built(app)
    guide = out / f"{FIRST}-teacher.pdf"
    words = text(guide)
    assert "Première leçon" in words
    assert "Œuvre, cœur, ça, été, à, è, ê – — …" in words
    # U+202F, which the face lacks, is set as a no-break space: never a missing glyph, and
    # never a line break between a word and its « : ; ! ? » (tests/test_pdf_glyphs.py)
    raw = " ".join(page.extract_text() for page in reader(guide).pages).replace("\u00a0", " ")
    assert "une « surprise » d’un secret ! Œuvre" in raw
    assert "triez les cartes ; vraiment ?" in raw
    assert "\u202f" not in raw
    # (and ``built`` checked that no character had to be replaced: that is a warning)
    assert reader(guide).trailer["/Root"]["/Lang"] == "fr"
    assert reader(guide).metadata.title.startswith("Première leçon — ")


@pytest.mark.sphinx("kitpdf", testroot="pdf-lessons", freshenv=True,
                    confoverrides={"lessonkit_large_print": True})
def test_large_print_handouts_and_letters_are_reflowed_at_18_points(app) -> None:
    out = built(app)
    for lesson, handout_marker, letter_marker in ((FIRST, "Handout marker", "letter marker"),
                                                   (OLDER, "Older handout marker", "Older letter marker")):
        handout, large = out / f"{lesson}-handout.pdf", out / f"{lesson}-handout-large-print.pdf"
        assert min(body_font_sizes(large, handout_marker)) >= 18
        # the same words in the same order (running headers aside), laid out again: not scaled,
        # the page is still Letter
        # (poppler joins a paragraph's lines without a space: compare the letters)
        assert "".join(structure(large).all_text().split()) == "".join(structure(handout).all_text().split())
        assert reader(large).pages[0].mediabox.width == reader(handout).pages[0].mediabox.width
        assert len(reader(large).pages) >= len(reader(handout).pages)
        letter = out / f"{lesson}-family-large-print.pdf"
        assert min(body_font_sizes(letter, letter_marker)) >= 18
        assert reader(large).metadata.title.endswith("Student handout, large print")
        # its fields are fillable as the handout's are (answer lines that run onto the next page
        # are a field on each page)
        assert len(fields(large)) >= len(fields(handout))
    # the teacher guide has no large-print edition; the band kits bind the usual parts
    assert not (out / f"{FIRST}-teacher-large-print.pdf").exists()
