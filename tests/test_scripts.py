"""Languages in other scripts: a face for each, or check says how to get one before a PDF is drawn."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lessonkit.cli import main
from lessonkit.pdf.scripts import MissingFont, script_font, script_of
from lessonkit.settings import direction

ROOT = Path(__file__).parent / "roots" / "test-family-languages"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def _kit(tmp_path: Path, languages: str, extra: str = "") -> Path:
    root = tmp_path / "kit"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("build"))
    conf = root / "conf.py"
    text = conf.read_text(encoding="utf-8").replace(
        'lessonkit_languages = {"en": "full", "fr": "full", "es": "family", "ar": "family"}',
        f"lessonkit_languages = {languages}")
    conf.write_text(text + extra, encoding="utf-8")
    return root


def test_each_language_has_its_script_and_direction() -> None:
    assert (script_of("ar"), direction("ar")) == ("Arabic", "rtl")
    assert (script_of("pa"), direction("pa")) == ("Gurmukhi", "ltr")
    assert (script_of("es"), direction("es")) == ("Latin", "ltr")
    assert (script_of("pt_BR"), direction("fa-ir")) == ("Latin", "rtl")
    assert script_font("es", {}, ROOT) is None  # the text face draws it


def test_a_script_no_package_covers_fails_check_naming_the_setting(tmp_path: Path) -> None:
    root = _kit(tmp_path, '{"en": "full", "fr": "full", "pa": "family"}')
    code, out, _ = run("-C", str(root), "check")
    assert code == 1
    assert ("conf.py:1: error: language 'pa' is written in the Gurmukhi script, and no font for it is installed: "
            "its PDFs would show empty boxes; name a font file of your own in conf.py: "
            "lessonkit_fonts = {'pa': 'fonts/YourFont.ttf'} [script-font-missing]") in out
    # the HTML pages need no font of ours: they build; the PDFs do not
    assert run("-C", str(root), "build", "--format", "html")[0] == 0
    code, _, err = run("-C", str(root), "build", "--format", "pdf", "--lang", "pa")
    assert code == 1 and "lessonkit_fonts" in err and "Traceback" not in err


def test_a_font_file_that_is_not_there_is_named(tmp_path: Path) -> None:
    with pytest.raises(MissingFont, match=r"lessonkit_fonts\['pa'\]: fonts/gurmukhi.ttf is not a TrueType"):
        script_font("pa", {"pa": "fonts/gurmukhi.ttf"}, tmp_path)


def test_a_board_font_is_used_for_its_script(tmp_path: Path) -> None:
    import fontpkg

    pytest.importorskip("uharfbuzz", reason="a script other than Latin is shaped by uharfbuzz")

    own = tmp_path / "fonts" / "own.ttf"
    own.parent.mkdir()
    shutil.copy(fontpkg.family("Atkinson Hyperlegible").files[0].path, own)  # any TrueType file will do
    found = script_font("pa", {"Gurmukhi": "fonts/own.ttf"}, tmp_path)
    assert found is not None and found.path == own.resolve() and not found.right_to_left


def test_without_python_bidi_an_arabic_edition_fails_check_with_the_extra_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *args: None if name == "bidi"
                        else find_spec(name, *args))
    root = _kit(tmp_path, '{"en": "full", "ar": "family"}')
    code, out, _ = run("-C", str(root), "check")
    assert code == 1 and "'ar' is written in the Arabic script" in out and 'pip install "lessonkit[arabic]"' in out
    # a board's own Arabic font does not make up for it
    import fontpkg

    own = _kit(tmp_path / "own", '{"en": "full", "ar": "family"}', "\nlessonkit_fonts = {'ar': 'own.ttf'}\n")
    shutil.copy(fontpkg.family("Atkinson Hyperlegible").files[0].path, own / "own.ttf")
    code, out, _ = run("-C", str(own), "check")
    assert code == 1 and "which the PDFs lay out only with python-bidi installed" in out


def test_words_of_an_arabic_line_are_placed_from_the_left_in_the_order_they_are_seen() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from lessonkit.pdf.righttoleft import logical_words, visual_words

    frags = Paragraph("اتصلوا بخط <b>Kids Help Phone</b> على 1-800-668-6868.", ParagraphStyle("t")).frags
    seen = visual_words(logical_words(frags))
    # Arabic words are given as written (HarfBuzz lays them out), Latin words and numbers as seen;
    # the phone number reads left to right, its full stop at its left, where the sentence ends.
    assert [[run.text for run in word.runs] for word in seen] == [
        [".1-800-668-6868"], ["على"], ["Kids"], ["Help"], ["Phone"], ["بخط"], ["اتصلوا"]]
    assert seen[0].text == "1-800-668-6868."  # what a reader of the PDF finds


def test_an_english_paragraph_keeps_its_full_stop_at_its_end_in_an_arabic_letter() -> None:
    """An English source title in an Arabic letter's Sources list is ordered left to right (its
    full stop went to its left); a paragraph with Arabic in it stays right to left, even when it
    starts with an English name."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from lessonkit.pdf.righttoleft import all_left_to_right, logical_words, visual_words

    english = logical_words(Paragraph("Royal Canadian Mounted Police, Sextortion, 2023-09-26.",
                                      ParagraphStyle("t")).frags)
    assert all_left_to_right(english)
    seen = visual_words(english, left_to_right=all_left_to_right(english))
    assert [word.text for word in seen] == ["Royal", "Canadian", "Mounted", "Police,", "Sextortion,", "2023-09-26."]
    arabic = logical_words(Paragraph("Kids Help Phone (خط مساعدة الأطفال): 1-800-668-6868.", ParagraphStyle("t")).frags)
    assert not all_left_to_right(arabic)


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test root's Arabic letter, and the French-Arabic one (the letter pair of conf.py), built."""
    root = tmp_path_factory.mktemp("arabic") / "kit"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("build"))
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('lessonkit_letter_pairs = [["fr", "ar"]]\n')
    code, out, err = run("-C", str(root), "check")
    assert "script-font-missing" not in out, out
    code, _, err = run("-C", str(root), "build", "--lang", "fr,ar", "--format", "pdf")
    assert (code, err) == (0, ""), err
    return root / "build" / "pdf" / "ar" / "ages-8-10"


def _pdftotext(pdf: Path) -> str:
    """pdftotext's text without the direction marks it writes around runs, nor spaces (which it
    places by its own reckoning next to punctuation)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    return re.sub(r"[\s\u202a-\u202e]", "", text)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_the_arabic_letter_reads_in_the_order_it_is_written(arabic: Path) -> None:
    text = _pdftotext(arabic / "alpha-family.pdf")
    assert "أعزاءنا الأهالي، تعلّمنا اليوم 3 خطوات في درس Alpha مدته 45 دقيقة.".replace(" ", "") in text
    assert "اتصلوا على الرقم 1-800-000-0000.".replace(" ", "") in text
    assert "موقع الإبلاغ".replace(" ", "") in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_the_arabic_letter_prints_lessonkit_s_own_words_in_arabic_and_in_reading_order(arabic: Path) -> None:
    """Its headings, blanks and page number come from lessonkit's Arabic catalog, drawn right to left."""
    text = _pdftotext(arabic / "alpha-family.pdf")
    for words in ("رسالة إلى الأسرة", "الأعمار من 8 إلى 10", "ما سيتعلمه طفلك", "مساعدة للأسر",
                  "اسم المعلم:", "المدرسة:", "تاريخ الدرس:", "التوقيع:", "الصفحة 1 من 1"):
        assert words.replace(" ", "") in text, words
    english = ("FAMILY", "Ages", "What your child", "Help for", "Teacher", "School", "Date", "Signature", "Page")
    assert not [word for word in english if word.lower() in text.lower()]


def test_the_arabic_letter_is_drawn_shaped_from_the_right(arabic: Path) -> None:
    import pdfplumber

    with pdfplumber.open(arabic / "alpha-family.pdf") as pdf:
        chars = pdf.pages[0].chars
    top = next(c["top"] for c in chars if c["text"] == "4")
    line = sorted((c for c in chars if abs(c["top"] - top) < 3), key=lambda c: c["x0"])
    ascii_seen = "".join(c["text"] for c in line if c["text"].isascii() and c["text"].strip())
    # from the left: 45, Alpha, 3 (the sentence runs right to left, numbers and Latin left to right)
    assert ascii_seen.index("45") < ascii_seen.index("Alpha") < ascii_seen.index("3")
    # letters joined: the glyphs are contextual forms (initial, medial, final), not the letters alone
    assert sum("\ufe70" <= c["text"] <= "\ufeff" for c in line) > 10
    assert max(c["x1"] for c in line) > 0.85 * pdf.pages[0].width  # set from the right margin
    # the phone number's digits lie left to right
    phone = next(c["top"] for c in chars if c["text"] == "-")
    digits = "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"])
                     if abs(c["top"] - phone) < 3 and c["text"].isascii() and c["text"].strip())
    assert "1-800-000-0000" in digits


def test_the_arabic_letters_are_tagged_and_the_pair_is_french_then_arabic(arabic: Path) -> None:
    import pikepdf
    from tagged import check_tagged, pdfua_findings

    letter, pair = arabic / "alpha-family.pdf", arabic / "alpha-family-fr-ar.pdf"
    for pdf in (letter, pair):
        assert check_tagged(pdf) == [] and pdfua_findings(pdf) == []
    with pikepdf.open(letter) as pdf:
        assert str(pdf.Root.Lang) == "ar"
    with pikepdf.open(pair) as pdf:
        assert [str(part.Lang) for part in pdf.Root.StructTreeRoot.K.K] == ["fr", "ar"]
        assert len(pdf.pages) == 2
    text = _pdftotext(pair) if shutil.which("pdftotext") else ""
    assert not text or "أعزاءناالأهالي" in text


def test_a_right_to_left_paragraph_splits_between_its_lines_as_written() -> None:
    from reportlab.lib.styles import ParagraphStyle

    from lessonkit.pdf.flowables import Para
    from lessonkit.pdf.righttoleft import line_text, logical_words

    text = " ".join(["تحدثوا مع طفلكم <b>Kids Help Phone</b> 1-800-668-6868."] * 12)
    paragraph = Para(text, ParagraphStyle("rtl", rightToLeft=1, splitLongWords=0, leading=12))
    paragraph.wrap(150, 1e6)
    first, rest = paragraph.split(150, 36)
    first.wrap(150, 1e6)
    assert len(first.blPara.lines) == 3
    # each part holds the words as written (reportlab's parts hold the lines as laid out)
    written = [line_text(logical_words(part.written)) for part in (first, rest)]
    assert " ".join(written) == line_text(logical_words(paragraph.written))
    assert written[0].startswith("تحدثوا مع طفلكم Kids Help Phone 1-800-668-6868.")


def test_an_arabic_source_line_with_its_link_target_lays_out_and_keeps_the_target() -> None:
    """A letter's source: an anchor, an Arabic label in bold, an English title in italics. reportlab
    (5.1) could not break its lines with the anchor inside; the target is kept, drawn apart."""
    pytest.importorskip("bidi", reason="right-to-left PDFs need python-bidi (the arabic extra)")
    from reportlab.pdfgen.canvas import Canvas

    from lessonkit.pdf.flowables import Para
    from lessonkit.pdf.fonts import load_fonts
    from lessonkit.pdf.styles import Palette, make_styles

    face = script_font("ar", {}, Path("."))
    assert face is not None
    styles = make_styles(load_fonts(face.path), Palette.for_colour("#336699"), 10, right_to_left=True)
    source = Para('<a name="source-1"/><b>للتحقق: </b>Justice Laws Website (Government of Canada), '
                  "<i>Criminal Code (R.S.C., 1985, c. C-46), section 172.1: luring a child</i>, 1985.",
                  styles["small"])
    targets: list[str] = []

    class Recording(Canvas):
        def bookmarkHorizontal(self, key: str, x: float, y: float, **kwargs: object) -> None:
            targets.append(key)
            super().bookmarkHorizontal(key, x, y, **kwargs)

    canvas = Recording(io.BytesIO())
    _, height = source.wrap(300, 1000)
    assert height > 0 and source.anchors == ("source-1",)
    source.drawOn(canvas, 72, 500)
    assert targets == ["source-1"]  # the link target is placed on the page


def test_a_right_to_left_page_puts_its_running_title_at_the_right_and_its_kind_at_the_left() -> None:
    import io

    import pdfplumber
    from reportlab.platypus import PageBreak

    from lessonkit.pdf.flowables import para
    from lessonkit.pdf.fonts import load_fonts
    from lessonkit.pdf.styles import Palette, make_styles
    from lessonkit.pdf.tagging import Element
    from lessonkit.pdf.template import Chrome, KitDocTemplate

    styles = make_styles(load_fonts(None), Palette.for_colour("#336699"), 11, right_to_left=True)
    chrome = Chrome(title="Titleword", kind="Kindword", author="", subject="", keywords=(), language="ar",
                    footer="lessonkit", page_label="{page} / {pages}")
    structure = Element("Document", lang="ar")
    template = KitDocTemplate(styles, chrome, "letter", structure)
    data = template.render([para("One", styles["body"], structure.add("P")), PageBreak(),
                            para("Two", styles["body"], structure.add("P"))])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = {word["text"]: word["x0"] for word in pdf.pages[1].extract_words()}
    assert words["Kindword"] < words["Titleword"]
