"""Pictures on cards and handouts: SVG drawn as vectors in the PDFs, shown with their alt text
in the pages, in both languages; an SVG that holds script or outside references is refused by
``lessonkit check`` and left out of every output."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from docutils import nodes
from tagged import check_tagged, pdfua_findings, structure
from test_check import LESSON, project, run  # noqa: F401 - the fixture
from test_pdfread import text

from lessonkit.svgsafety import svg_findings

FIRST = "ages-5-7/first-lesson"
REPO = Path(__file__).resolve().parents[1]
HAT = """\
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200">
  <path d="M100,28 L150,168 L50,168 Z" fill="#f4c542" stroke="#222" stroke-width="5"/>
</svg>
"""
CARDS = """\
::::{activity} Sort the cards
:duration: 10

Activity marker: sort the cards.

:::{cards} Picture cards
:order: as-written

- ![A party hat marker](pictures/hat.svg) Surprise card marker
- No picture card marker
:::
::::
"""
FRENCH = """
msgid "Picture cards"
msgstr "Cartes illustrées"

msgid "![A party hat marker](pictures/hat.svg) Surprise card marker"
msgstr "![Un chapeau de fête repère](pictures/hat.svg) Carte surprise repère"

msgid "A party hat marker"
msgstr "Un chapeau de fête repère"

msgid "No picture card marker"
msgstr "Carte sans image repère"
"""


def with_picture(srcdir: Path, svg: str = HAT, french: bool = False) -> None:
    """The test lesson's first activity holds a cards block whose first card has a picture."""
    lesson = srcdir / "lessons" / f"{FIRST}.md"
    source = lesson.read_text(encoding="utf-8")
    old = ":::{activity} Sort the cards\n:duration: 10\n\nActivity marker: sort the cards.\n:::\n"
    assert old in source
    lesson.write_text(source.replace(old, CARDS), encoding="utf-8")
    (srcdir / "lessons" / "ages-5-7" / "pictures").mkdir(exist_ok=True)
    (srcdir / "lessons" / "ages-5-7" / "pictures" / "hat.svg").write_text(svg, encoding="utf-8")
    if french:
        catalog = srcdir / "locale" / "fr" / "LC_MESSAGES" / "lessons" / f"{FIRST}.po"
        catalog.write_text(catalog.read_text(encoding="utf-8") + FRENCH, encoding="utf-8")


def figures(pdf: Path) -> list[str]:
    """The alternate text of each Figure of ``pdf``'s structure tree."""
    with pikepdf.open(pdf) as document:
        found = []
        stack = [document.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            if element.get("/S") == "/Figure":
                found.append(str(element.get("/Alt", "")))
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
            stack += [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]
        return found


def images_in(pdf: Path) -> int:
    """How many raster images the PDF holds (a picture drawn as vectors adds none)."""
    with pikepdf.open(pdf) as document:
        return sum(len(page.get_images()) for page in document.pages)


@pytest.mark.sphinx("kitpdf", testroot="pdf-lessons", freshenv=True, srcdir="pdf-lessons-pictures")
def test_a_card_picture_is_drawn_as_vectors_and_tagged_as_a_figure_with_its_alt_text(app) -> None:
    with_picture(Path(app.srcdir))
    app.build()
    assert app.warning.getvalue() == ""
    sheet = Path(app.outdir) / f"{FIRST}-cards.pdf"
    assert "Surprise card marker" in text(sheet) and "No picture card marker" in text(sheet)
    assert "A party hat marker" not in text(sheet)  # the description is for readers, not printed
    assert figures(sheet) == ["A party hat marker"]
    assert images_in(sheet) == 0
    assert check_tagged(sheet) == [] and pdfua_findings(sheet) == []
    # the figure is read inside its card, before the card's words
    card = structure(sheet).find("LI")[0]
    assert [kid.role for kid in card.find("LBody")[0].kids] == ["Figure", "P"]
    # the teacher guide lists the cards, the picture small but described
    assert "A party hat marker" in figures(Path(app.outdir) / f"{FIRST}-teacher.pdf")


@pytest.mark.sphinx("kitpdf", testroot="pdf-lessons", freshenv=True, srcdir="pdf-lessons-pictures-fr",
                    confoverrides={"language": "fr"})
def test_the_french_sheet_describes_the_picture_in_french(app) -> None:
    with_picture(Path(app.srcdir), french=True)
    app.build()
    assert app.warning.getvalue() == ""
    sheet = Path(app.outdir) / f"{FIRST}-cards.pdf"
    assert "Carte surprise repère" in text(sheet)
    assert figures(sheet) == ["Un chapeau de fête repère"]


@pytest.mark.sphinx("kithtml", testroot="pdf-lessons", freshenv=True, srcdir="pdf-lessons-pictures-html")
def test_the_lesson_page_shows_the_card_picture_with_its_alt_text(app) -> None:
    with_picture(Path(app.srcdir))
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    html = (out / "lessons" / "ages-5-7" / "first-lesson.html").read_text(encoding="utf-8")
    assert '<img alt="A party hat marker" src="../../_images/hat.svg"' in html
    assert (out / "_images" / "hat.svg").read_text(encoding="utf-8") == HAT


@pytest.mark.sphinx("kithtml", testroot="pdf-lessons", freshenv=True, srcdir="pdf-lessons-pictures-html-fr",
                    confoverrides={"language": "fr"})
def test_the_french_page_shows_the_french_alt_text(app) -> None:
    with_picture(Path(app.srcdir), french=True)
    app.build()
    assert app.warning.getvalue() == ""
    html = (Path(app.outdir) / "lessons" / "ages-5-7" / "first-lesson.html").read_text(encoding="utf-8")
    assert '<img alt="Un chapeau de fête repère" src="../../_images/hat.svg"' in html
    assert "A party hat marker" not in html
    # translated with its card, the picture does not count as text left in English
    doctree = app.env.get_doctree("lessons/ages-5-7/first-lesson")
    assert [image.get("translated") for image in doctree.findall(nodes.image)] == [True]


UNSAFE = HAT.replace('<path d="M100', '<script>alert(1)</script>\n  <path d="M100')


@pytest.mark.sphinx("kithtml", testroot="pdf-lessons", freshenv=True, srcdir="pdf-lessons-pictures-unsafe")
def test_the_build_neither_copies_nor_shows_an_svg_that_runs_script(app) -> None:
    with_picture(Path(app.srcdir), UNSAFE)
    app.build()
    warnings = app.warning.getvalue()
    lesson = (Path(app.srcdir) / "lessons" / f"{FIRST}.md").read_text(encoding="utf-8")
    line = lesson[:lesson.index("![A party hat marker]")].count("\n") + 1
    assert f"first-lesson.md:{line}: WARNING: the picture pictures/hat.svg is left out: line 3 holds <script>" \
        in warnings
    assert "[svg-unsafe]" in warnings
    out = Path(app.outdir)
    assert not (out / "_images" / "hat.svg").exists()
    html = (out / "lessons" / "ages-5-7" / "first-lesson.html").read_text(encoding="utf-8")
    assert "hat.svg" not in html and "Surprise card marker" in html


@pytest.mark.parametrize(("inside", "line", "expected"), [
    ("<script>alert(1)</script>", 3, "holds <script>, which runs script"),
    ('<rect width="5" height="5" onclick="alert(1)"/>', 3, "runs script when something happens (onclick=…)"),
    ("<foreignObject><p xmlns='http://www.w3.org/1999/xhtml'>hi</p></foreignObject>", 3, "holds <foreignObject>"),
    ('<image href="https://example.org/face.png" width="5" height="5"/>', 3,
     'refers to something outside the file (href="https://example.org/face.png")'),
    ('<image xlink:href="../../secret.png" xmlns:xlink="http://www.w3.org/1999/xlink"/>', 3,
     'refers to something outside the file (href="../../secret.png")'),
    ('<rect width="5" height="5" style="fill: url(http://example.org/p.svg#g)"/>', 3,
     "loads something from outside the file (http://example.org/p.svg#g) in its style"),
    ("<style>@import 'http://example.org/a.css';</style>", 3,
     "loads something from outside the file (http://example.org/a.css) in its style"),
    ("<style>rect { fill: u\\72l(https://example.org/p.svg#g) }</style>", 3,
     "loads something from outside the file (https://example.org/p.svg#g) in its style"),
    ('<a href="javascript:alert(1)"><rect width="5" height="5"/></a>', 3, "refers to something outside the file"),
])
def test_check_refuses_an_svg_with_script_or_outside_references_at_its_line(
        project: Path, inside: str, line: int, expected: str) -> None:  # noqa: F811
    pictures = project / "lessons" / "ages-5-7" / "pictures"
    pictures.mkdir()
    (pictures / "hat.svg").write_text(HAT.replace('  <path d="M100', f"  {inside}\n  <path d=\"M100"),
                                      encoding="utf-8")
    lesson = project / LESSON
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(
        "Read each card aloud.", "Read each card aloud.\n\n![A party hat](pictures/hat.svg)"), encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1
    assert f"lessons/ages-5-7/pictures/hat.svg:{line}: error: the picture {expected}" in found, found
    assert f"(used at {LESSON}:" in found and "[svg-unsafe]" in found


def test_an_svg_that_declares_an_entity_is_refused_before_it_is_read(tmp_path: Path) -> None:
    svg = tmp_path / "x.svg"
    svg.write_text('<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
                   '<svg xmlns="http://www.w3.org/2000/svg"><desc>&x;</desc></svg>\n', encoding="utf-8")
    [finding] = svg_findings(svg)
    assert finding.line == 3 and "declares an entity" in finding.message


def test_the_curriculum_pictures_are_safe_text_free_credited_and_each_shown_by_a_lesson() -> None:
    pictures = sorted(REPO.glob("lessons/*/pictures/*.svg"))
    assert len(pictures) >= 36
    shown = {band.name: " ".join(lesson.read_text(encoding="utf-8") for lesson in band.glob("*.md"))
             for band in (REPO / "lessons").iterdir() if band.is_dir()}
    for picture in pictures:
        source = picture.read_text(encoding="utf-8")
        assert svg_findings(picture) == [], picture
        assert "<text" not in source, f"{picture}: a picture holds no text (it would need a font in the PDF)"
        assert "CC BY 4.0" in source and "lessonkit contributors" in source, picture
        assert f"](pictures/{picture.name})" in shown[picture.parent.parent.name], f"{picture}: no lesson shows it"


def test_an_svg_that_loads_a_style_sheet_is_refused(tmp_path: Path) -> None:
    svg = tmp_path / "x.svg"
    svg.write_text('<?xml version="1.0"?>\n<?xml-stylesheet href="https://example.org/a.css"?>\n'
                   '<svg xmlns="http://www.w3.org/2000/svg"><!-- a comment --><rect/></svg>\n', encoding="utf-8")
    [finding] = svg_findings(svg)
    assert finding.line == 2 and "loads a style sheet from another file" in finding.message
