"""Languages built side by side (-j 2 and more): the same kit, the same errors, a clear display."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from lessonkit.building.progress import ProgressBar
from lessonkit.cli import main
from lessonkit.scaffold import init_project


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def contents(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file() and ".doctrees" not in path.parts
            and path.name != ".lessonkit-state.json"}


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A starter curriculum built one language after the other (-j 1), HTML and PDF."""
    root = tmp_path_factory.mktemp("lanes") / "kit"
    init_project(root)
    code, out, err = run("-C", str(root), "build", "-j", "1")
    assert (code, err) == (0, ""), err
    assert out.index("[2/4] English PDF") < out.index("[3/4] Français HTML")  # one after the other
    return root


def test_side_by_side_builds_the_same_kit_as_one_language_after_the_other(kit: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(kit, copy, ignore=shutil.ignore_patterns("build"))
    code, out, err = run("-C", str(copy), "build", "-j", "2")
    assert (code, err) == (0, ""), err
    for step in ("[1/4] English HTML", "[2/4] English PDF", "[3/4] Français HTML", "[4/4] Français PDF"):
        assert step in out
    assert out.index("[3/4] Français HTML") < out.index("[2/4] English PDF")  # French began before English ended
    one_after_the_other, side_by_side = contents(kit / "build"), contents(copy / "build")
    assert sorted(side_by_side) == sorted(one_after_the_other)
    different = [name for name, data in side_by_side.items() if data != one_after_the_other[name]]
    assert different == [], different  # every page and every PDF, to the byte


def test_a_failing_language_stops_the_build_and_keeps_both_languages_output(kit: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(kit, copy)
    before = {path: path.stat().st_mtime_ns for path in (copy / "build").rglob("*") if path.is_file()
              and ".doctrees" not in path.parts}
    catalog_path = copy / "locale" / "fr" / "LC_MESSAGES" / "source" / "families.po"
    catalog = polib.pofile(str(catalog_path))
    next(entry for entry in catalog if entry.msgstr).msgstr = ""  # a message left untranslated
    catalog.save()
    code, _, err = run("-C", str(copy), "build", "-j", "2", "--strict-translations")
    assert code == 1 and "Traceback" not in err
    assert "the previous output is untouched" in err and re.search(r"source/families\.md", err)
    after = {path: path.stat().st_mtime_ns for path in before}
    assert after == before  # neither the French nor the English output was replaced


def test_verbose_output_marks_each_line_with_its_language(kit: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(kit, copy)
    (copy / "lessons" / "ages-5-7" / "index.md").touch()
    code, out, err = run("-C", str(copy), "-v", "build", "-j", "2", "--format", "html")
    assert (code, err) == (0, ""), err
    lines = out.splitlines()
    assert any(line.startswith("en| ") and "build succeeded" in line for line in lines)
    assert any(line.startswith("fr| ") and "build succeeded" in line for line in lines)


def test_the_progress_bar_follows_languages_side_by_side_on_one_line() -> None:
    screen = io.StringIO()
    bar = ProgressBar(screen)
    bar.begin("en", "[1/4] English HTML", 0, 2)
    bar.begin("fr", "[3/4] Français HTML", 0, 2)
    bar.feed("en", "reading sources... [100%] lessons/a\rwriting output... [ 50%] lessons/a\r")
    bar.feed("fr", "reading sources... [ 50%] lessons/a\r")
    bar.begin("en", "[2/4] English PDF", 1, 2)
    bar.feed("en", "writing output... [ 50%] lessons/a\r")
    bar.finish()
    drawn = screen.getvalue().split("\r\x1b[2K")[1:]
    assert "English PDF" in drawn[-2] and "Français HTML" in drawn[-2]
    assert all("\n" not in line for line in drawn[:-1]) and drawn[-1].endswith("100%\n")  # one line
    percents = [int(line.rsplit(" ", 1)[-1].strip().rstrip("%")) for line in drawn]
    assert percents == sorted(percents) and percents[-1] == 100


def test_a_build_with_nothing_to_do_loads_neither_sphinx_nor_reportlab(kit: Path) -> None:
    """An up-to-date kit answers at once: nothing is checked or read, and the heavy libraries stay unloaded."""
    script = ("import sys, io; from lessonkit.cli import main; out = io.StringIO();"
              f"code = main(['-C', {str(kit)!r}, 'build', '-j', '2'], out, out);"
              "print(code, out.getvalue().count('up to date'), "
              "[m for m in ('sphinx.application', 'reportlab', 'pikepdf', 'markdown_it') if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0 4 []"


def test_the_bilingual_letters_follow_an_edit_whichever_languages_are_rebuilt(kit: Path, tmp_path: Path) -> None:
    """Side by side, the last language to finish pairs the letters before anything is swapped in;
    when some languages' PDFs are up to date, the letters are paired in the output afterwards."""
    from pypdf import PdfReader

    copy = tmp_path / "kit"
    shutil.copytree(kit, copy)
    # Sphinx reads a moved project again whole, and so its PDFs are all written again: once, here
    # (conf.py touched, or the copy would look up to date).
    (copy / "conf.py").touch()
    assert run("-C", str(copy), "-q", "build", "-j", "2")[0] == 0
    pdfs = copy / "build" / "pdf"
    name = Path("ages-8-10") / "private-information-and-livestreaming-family-bilingual.pdf"
    other = pdfs / "en" / "ages-5-7" / "my-body-belongs-to-me-family-bilingual.pdf"
    untouched = other.stat().st_mtime_ns
    lesson = copy / "lessons" / "ages-8-10" / "private-information-and-livestreaming.md"
    original = lesson.read_text(encoding="utf-8")

    def letter_text(language: str) -> str:
        return " ".join(page.extract_text() for page in PdfReader(str(pdfs / language / name)).pages)

    lesson.write_text(original.replace("In an upcoming lesson, our class", "Next week, our class", 1), encoding="utf-8")
    code, out, err = run("-C", str(copy), "build", "-j", "2")
    assert (code, err) == (0, ""), err
    assert "1 bilingual family letter(s) written" not in out and "2 bilingual family letter(s) written" in out
    for language in ("en", "fr"):  # English first, and French first
        assert "Next week, our class" in letter_text(language) and "Chères familles" in letter_text(language)
    assert other.stat().st_mtime_ns == untouched  # the other lessons' letters are left as they were

    shutil.rmtree(pdfs / "fr")  # the French PDFs alone are rebuilt, the English ones are up to date
    code, out, err = run("-C", str(copy), "build", "-j", "2")
    assert (code, err) == (0, ""), err
    assert "[2/4] English PDF: up to date" in out and "[4/4] Français PDF" in out
    assert re.search(r"\b[1-9]\d* bilingual family letter\(s\) written", out)  # from the output, after the swap
    assert all("Next week, our class" in letter_text(language) for language in ("en", "fr"))


def test_a_problem_found_by_the_check_stops_the_languages_and_keeps_the_output(kit: Path, tmp_path: Path) -> None:
    """Side by side, the lessons are checked in a process of their own; what it finds is reported
    as a one-language build reports it, and nothing is swapped in."""
    copy = tmp_path / "kit"
    shutil.copytree(kit, copy)
    before = {path: path.stat().st_mtime_ns for path in (copy / "build").rglob("*") if path.is_file()
              and ".doctrees" not in path.parts}
    lesson = copy / "lessons" / "ages-8-10" / "private-information-and-livestreaming.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("band: ages-8-10", "band: ages-8-11", 1),
                      encoding="utf-8")
    code, out, err = run("-C", str(copy), "build", "-j", "2")
    assert code == 1 and "Traceback" not in err + out
    assert re.search(r"^lessons/ages-8-10/private-information-and-livestreaming\.md:\d+: error: .+\[[a-z-]+\]$",
                     err, re.MULTILINE), err
    assert "nothing was built and the previous output is untouched" in err
    assert {path: path.stat().st_mtime_ns for path in before} == before
