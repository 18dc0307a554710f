"""Tagged PDFs (PDF/UA-1): structure in reading order, artifacts, languages, fields and links.

Read back with poppler (the structure and its text), pikepdf (how the tree, pages and
annotations are tied) and the ``pdfua`` checker.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from kitcopy import copy_curriculum
from tagged import artifact_text_per_page, check_tagged, outline_of, pdfua_findings, structure

from lessonkit.building.build import build
from lessonkit.building.request import BuildRequest
from lessonkit.project import load_project

OLDER = "ages-8-10/older-lesson"
FIRST = "ages-5-7/first-lesson"


@pytest.fixture(scope="module")
def out(pdf_lessons: Path) -> Path:
    return pdf_lessons


def test_every_pdf_is_tagged_and_passes_the_checker(out: Path) -> None:
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) >= 10  # three parts per lesson, the kits, the pages
    for pdf in pdfs:
        assert check_tagged(pdf) == [], pdf.name
        assert pdfua_findings(pdf) == [], pdf.name


def test_teacher_guide_reads_in_the_lessons_order_with_headings_lists_tables_and_figures(out: Path) -> None:
    tree = structure(out / f"{OLDER}-teacher.pdf")
    assert tree.role == "Document"
    headings = outline_of(tree, ("H1", "H2", "H3"))
    assert headings[0] == ("H1", "Older lesson")
    assert ("H2", "Think it through") in headings
    assert ("H2", "Private or public?") in headings
    # every block, in the lesson's order
    words = tree.all_text()
    order = ["Older lesson", "Older summary marker", "Older objective marker", "Think it through",
             "Older activity marker", "Clue", "What it gives away", "Table clue marker", "Table answer marker",
             "Private or public?", "Older handout marker", "Older letter marker"]
    positions = [words.find(part) for part in order]
    assert -1 not in positions, [part for part, at in zip(order, positions, strict=True) if at == -1]
    assert positions == sorted(positions)
    # lists: items with their labels and bodies
    objective = next(item for item in tree.find("LI") if "Older objective marker" in item.all_text())
    assert [kid.role for kid in objective.kids] == ["Lbl", "LBody"]
    # tables: header cells for the columns, data cells in rows
    table = tree.find("Table")[0]
    rows = table.find("TR")
    assert [cell.role for cell in rows[0].kids] == ["TH", "TH"]
    assert any("/Scope /Column" in attribute for cell in rows[0].kids for attribute in cell.attributes)
    assert [(cell.role, cell.all_text()) for cell in rows[1].kids] == [
        ("TD", "Table clue marker"), ("TD", "Table answer marker")]
    # figures carry their alternate text
    with pikepdf.open(out / f"{OLDER}-teacher.pdf") as pdf:
        alts = [str(e.get("/Alt")) for e in _elements(pdf.Root.StructTreeRoot.K) if e.get("/S") == "/Figure"]
    assert alts[0] == "A maple leaf, the board's logo"
    # each help resource's QR code, in the children's list and in the families' (the guide shows both)
    assert set(alts[1:]) == {"QR code: https://help.example.org", "QR code: https://report.example.org/tips"}
    # blocks are sections a reader can skip, named by their block
    titles = [node.attributes for node in tree.find("Sect")]
    assert titles


def test_handout_fields_have_names_and_sit_in_reading_order(out: Path) -> None:
    handout = out / f"{FIRST}-handout.pdf"
    tree = structure(handout)
    roles = [node.role for node in tree.walk()]
    # Name and Date, the answer lines (the exit ticket's too) and the three check boxes are form fields
    assert roles.count("Form") == 2 + 3 + 3
    items = [item for item in tree.find("LI") if "Check marker" in item.all_text()]
    assert [kid.role for kid in items[0].kids] == ["Form", "LBody"]
    words = tree.all_text()
    assert words.index("Handout marker") < words.index("Who can you tell?") < words.index("Check marker one")
    with pikepdf.open(handout) as pdf:
        names = {str(a.get("/TU")) for page in pdf.pages for a in page.obj.get("/Annots", [])
                 if a.get("/Subtype") == "/Widget"}
    # each space to write is named after its question, each check box after its words
    assert {"Name", "Date", "Answer to: Who can you tell?", "Check marker one."} <= names
    assert not any("<" in name for name in names)


def test_running_headers_and_footers_are_artifacts_and_nothing_else_is(out: Path) -> None:
    for pdf in (out / f"{FIRST}-teacher.pdf", out / f"{OLDER}-handout.pdf", out / "ages-5-7-kit.pdf"):
        per_page = artifact_text_per_page(pdf)
        if pdf.name.endswith("-kit.pdf"):
            # the contents page: a dot leader per line (the band, 2 lessons with 3 parts each, 2 pages), no header
            assert per_page[1] == 1 + 2 + 6 + 2
            del per_page[1]
        # header: title and kind; footer: "Page n of", the total (a form) and the board: no body text
        assert max(per_page) <= 5, pdf.name
        tree = structure(pdf)
        words = tree.all_text()
        # a kit's family letters carry the board's letterhead as their own text
        for letter in tree.find("Part")[2:6:3] if pdf.name.endswith("-kit.pdf") else ():
            words = words.replace(letter.all_text(), "")
        assert "Page 1 of" not in words and "Maple Valley School Board" not in words.split("Teacher guide")[-1]


def test_band_kit_keeps_each_parts_structure_under_one_tree(out: Path) -> None:
    kit = out / "ages-5-7-kit.pdf"
    tree = structure(kit)
    parts = tree.find("Part")
    # two lessons, a teacher guide, a handout and a family letter each; the disclosure and help pages
    assert len(parts) == 2 * 3 + 2
    assert "First lesson" in parts[0].all_text() and "Handout marker" in parts[1].all_text()
    assert "Disclosure marker" in parts[6].all_text()
    toc = tree.find("TOC")[0]
    assert len(toc.find("TOCI")) == 1 + 2 + 6 + 2
    assert len(toc.find("Link")) == 1 + 2 + 6 + 2  # each contents line leads to its page
    with pikepdf.open(kit) as pdf:
        titles = [str(e.get("/T")) for e in _elements(pdf.Root.StructTreeRoot.K) if e.get("/S") == "/Part"]
    assert titles[0] == "First lesson — Teacher guide"


def _elements(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    found = [element]
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found += _elements(kid)
    return found


@pytest.mark.sphinx("kitpdf", testroot="pdf-nodes", freshenv=True)
def test_every_docutils_node_is_tagged(app) -> None:
    app.build()
    pdf = Path(app.outdir) / "index.pdf"
    assert check_tagged(pdf) == []
    assert pdfua_findings(pdf) == []
    tree = structure(pdf)
    roles = {node.role for node in tree.walk()}
    assert {"H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Table", "TH", "TD", "Note", "Code", "BlockQuote",
            "Link", "Caption"} <= roles
    # a long table repeats its header on every page, but a reader hears it once
    long_table = next(t for t in tree.find("Table") if "A long table" in t.all_text())
    heads = [cell for cell in long_table.find("TH")]
    assert all(cell.all_text().count(cell.all_text().split()[0]) == 1 for cell in heads if cell.all_text())


@pytest.fixture(scope="module")
def kit_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's curriculum built to PDF in both languages, with its bilingual letters and
    large-print editions, once."""
    source = copy_curriculum(tmp_path_factory.mktemp("kit") / "curriculum")
    build(load_project(source), BuildRequest(formats=["pdf"], jobs=2, large_print=True),
          output_root=source / "build")
    return source / "build" / "pdf"


# A lesson of each band, and every other kind of PDF a build writes.
REPRESENTATIVE = [
    *(f"{band}/{lesson}-{part}.pdf"
      for band, lesson in (("ages-5-7", "my-body-belongs-to-me"),
                           ("ages-8-10", "private-information-and-livestreaming"),
                           ("ages-11-13", "sextortion-is-a-scam"), ("ages-14-17", "consent-law-and-images"))
      for part in ("teacher", "handout", "family", "family-bilingual", "handout-large-print",
                   "family-large-print")),
    "ages-5-7-kit.pdf", "ages-14-17-kit.pdf", "review.pdf", "family-session.pdf", "curriculum-quebec.pdf",
    "ages-14-17/financial-sextortion-cards.pdf", "ages-8-10/online-friend-or-tricky-behaviour-cards.pdf",
]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_full_build_passes_the_checker_in_both_languages(kit_pdfs: Path, language: str) -> None:
    for name in REPRESENTATIVE:
        pdf = kit_pdfs / language / name
        assert check_tagged(pdf) == [], name
        assert pdfua_findings(pdf) == [], name
        with pikepdf.open(pdf) as document:
            assert str(document.Root.Lang) == language, name
            names = [str(a.get("/TU")) for page in document.pages for a in page.obj.get("/Annots", [])
                     if a.get("/Subtype") == "/Widget"]
        # what a screen reader announces for each field: words, never markup
        assert not any("<" in field or "task-list" in field for field in names), name


def test_the_bilingual_letter_reads_each_half_in_its_language(kit_pdfs: Path) -> None:
    letter = kit_pdfs / "fr" / "ages-11-13" / "sextortion-is-a-scam-family-bilingual.pdf"
    with pikepdf.open(letter) as pdf:
        document = pdf.Root.StructTreeRoot.K
        assert str(document.Lang) == "fr"
        parts = list(document.K)
        assert [str(part.S) for part in parts] == ["/Part", "/Part"]
        assert [str(part.Lang) for part in parts] == ["fr", "en"]
    tree = structure(letter)
    french, english = tree.find("Part")
    assert "Chères familles" in french.all_text() and "Dear families" in english.all_text()


def test_family_letters_speak_to_parents_before_the_lesson_and_are_signed_by_the_teacher(kit_pdfs: Path) -> None:
    english = kit_pdfs / "en" / "ages-8-10" / "be-an-upstander-family.pdf"
    words = " ".join(subprocess.run(["pdftotext", str(english), "-"], capture_output=True, check=True,
                                    text=True).stdout.split())
    assert "In an upcoming lesson, our class will learn how to be an upstander online." in words
    assert words.index("Teacher's name:") < words.index("Signature:") < words.index("WHAT YOUR CHILD WILL LEARN") \
        < words.index("HELP FOR FAMILIES") < words.index("if your child or anyone else is in danger right now")
    for for_children in ("Today our class", "LEARNING OBJECTIVES", "I can ", "if you or someone else is in danger",
                         "NeedHelpNow"):  # NeedHelpNow.ca is for teens: not in a letter about nine-year-olds
        assert for_children not in words
    french = kit_pdfs / "fr" / "ages-8-10" / "be-an-upstander-family.pdf"
    mots = " ".join(subprocess.run(["pdftotext", str(french), "-"], capture_output=True, check=True,
                                   text=True).stdout.split())
    assert "Lors d’une prochaine leçon, notre classe va apprendre à être un témoin actif en ligne." in mots
    assert "Aujourd’hui" not in mots and "Nom de l’enseignant·e :" in mots  # (split() reads U+00A0 as a space)
    assert "si votre enfant ou une autre personne est en danger en ce moment, composez le 911" in mots
    # the bilingual letter keeps a set of fields for each language, each named for a screen reader
    with pikepdf.open(kit_pdfs / "fr" / "ages-8-10" / "be-an-upstander-family-bilingual.pdf") as pdf:
        fields = {str(a.get("/T")).rsplit("_", 1)[0]: str(a.get("/TU")) for page in pdf.pages
                  for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Widget"}
    assert fields == {"be-an-upstander_fr_teacher": "Nom de l’enseignant·e", "be-an-upstander_fr_school": "École",
                      "be-an-upstander_fr_date": "Date de la leçon", "be-an-upstander_fr_signature": "Signature",
                      "be-an-upstander_en_teacher": "Teacher's name", "be-an-upstander_en_school": "School",
                      "be-an-upstander_en_date": "Date of the lesson", "be-an-upstander_en_signature": "Signature"}
    assert len(structure(english).find("Form")) == 4


@pytest.mark.parametrize(("band", "lesson", "teens"), [
    ("ages-8-10", "be-an-upstander", False), ("ages-5-7", "my-body-belongs-to-me", False),
    ("ages-11-13", "sextortion-is-a-scam", True), ("ages-14-17", "financial-sextortion", True)])
def test_each_band_s_handout_lists_the_help_that_suits_its_ages(kit_pdfs: Path, band: str, lesson: str,
                                                                teens: bool) -> None:
    def words(part: str) -> str:
        pdf = kit_pdfs / "en" / band / f"{lesson}-{part}.pdf"
        return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                                       text=True).stdout.split())

    handout, guide = words("handout"), words("teacher")
    assert "Kids Help Phone" in handout and "Hope for Wellness" in handout
    assert ("NeedHelpNow.ca" in handout) is teens and ("9-8-8 Suicide Crisis Helpline" in handout) is teens
    # the teacher guide keeps the full list
    assert "NeedHelpNow.ca: for ages 13 to 17" in guide and "9-8-8 Suicide Crisis Helpline" in guide
