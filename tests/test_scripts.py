"""Languages in other scripts: a face for each, or check says how to get one before a PDF is drawn."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from reportlab.pdfgen.textobject import rtlSupport

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


@pytest.mark.skipif(rtlSupport, reason="reportlab's bidi support (rlbidi) is installed")
def test_without_bidi_support_an_arabic_edition_fails_check_with_the_extra_to_install(tmp_path: Path) -> None:
    root = _kit(tmp_path, '{"en": "full", "ar": "family"}')
    code, out, _ = run("-C", str(root), "check")
    assert code == 1 and "'ar' is written in the Arabic script" in out and 'pip install "lessonkit[arabic]"' in out
    # a board's own Arabic font does not make up for it
    import fontpkg

    own = _kit(tmp_path / "own", '{"en": "full", "ar": "family"}', "\nlessonkit_fonts = {'ar': 'own.ttf'}\n")
    shutil.copy(fontpkg.family("Atkinson Hyperlegible").files[0].path, own / "own.ttf")
    code, out, _ = run("-C", str(own), "check")
    assert code == 1 and "which reportlab lays out only with uharfbuzz and rlbidi installed" in out
