"""A band kit is bound in a process of its own: what it writes, and what it says when a part is bad."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.styles import ParagraphStyle
from test_pdfread import text

from lessonkit.pdf.binding import Binder, BoundLesson, KitBinding, KitFront, MissingPart, read_part
from lessonkit.pdf.kitpages import draw_stamps

LESSON = "ages-5-7/first-lesson"


def binding(pdf_lessons: Path, parts: tuple[str, ...]) -> KitBinding:
    """A kit of the first lesson's ``parts``, its front a page of the curriculum (numbered from its first)."""
    front = (pdf_lessons / "get-help.pdf").read_bytes()
    bound = (BoundLesson("First lesson", tuple(read_part(part, pdf_lessons / f"{LESSON}-{part}.pdf")
                                               for part in parts)),)
    sizes = [size for part in bound[0].parts for size in part.sizes]
    with pikepdf.open(pdf_lessons / "get-help.pdf") as pdf:
        front_pages = len(pdf.pages)
    stamps = draw_stamps(sizes, front_pages + 1, front_pages + len(sizes), ParagraphStyle("chrome"))
    return KitBinding(KitFront(front, 0, front_pages, ()), bound, stamps, "en")


def test_a_kit_bound_in_its_own_process_holds_every_part_and_its_page_numbers(pdf_lessons: Path,
                                                                               tmp_path: Path) -> None:
    target = tmp_path / "kit.pdf"
    with Binder(1) as binder:
        binder.submit(binding(pdf_lessons, ("teacher", "handout")), target).result()
    words = text(target)
    assert text(pdf_lessons / f"{LESSON}-handout.pdf").split()[0] in words
    with pikepdf.open(target) as kit:
        pages = len(kit.pages)
        parts = [str(part.T) for part in kit.Root.StructTreeRoot.K.K if pikepdf.Name.Part == part.S]
    assert f"Kit page {pages} of {pages}" in words
    assert parts == ["First lesson — teacher", "First lesson — handout"]


def test_a_part_spoilt_after_it_was_read_is_named_and_no_kit_is_written(pdf_lessons: Path,
                                                                        tmp_path: Path) -> None:
    copy = tmp_path / "pdf"
    shutil.copytree(pdf_lessons, copy)
    job = binding(copy, ("teacher", "handout"))
    (copy / f"{LESSON}-handout.pdf").write_bytes(b"not a PDF")
    target = tmp_path / "kit.pdf"
    with Binder(1) as binder, pytest.raises(MissingPart, match=r"first-lesson-handout\.pdf"):
        binder.submit(job, target).result()
    assert not target.exists()


def test_a_build_script_without_a_main_guard_gets_its_kits(rootdir: Path, tmp_path: Path) -> None:
    """The binding processes are new interpreters, not multiprocessing children: they do not run
    the script that started the build again (which, without `if __name__ == "__main__"`, would
    build the whole project once more in each)."""
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-pdf-lessons", source, ignore=shutil.ignore_patterns("build", "_build"))
    script = tmp_path / "build_kits.py"
    script.write_text("from sphinx.cmd.build import main\n"
                      f"main(['-q', '-b', 'kitpdf', {str(source)!r}, {str(tmp_path / 'out')!r}])\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600)
    assert result.stderr == ""
    assert sorted(p.name for p in (tmp_path / "out").glob("*-kit.pdf")) == ["ages-5-7-kit.pdf", "ages-8-10-kit.pdf"]
