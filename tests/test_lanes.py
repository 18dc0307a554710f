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

from lessonkit.cli import main
from lessonkit.progress import ProgressBar
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
              "[m for m in ('sphinx.application', 'reportlab', 'pikepdf') if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0 4 []"
