"""kitpdf rewrites only the PDFs whose lesson changed, and binds the kits of their bands again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from test_pdfread import text

FIRST = "ages-5-7/first-lesson"
FIRST_PDFS = {f"{FIRST}-{part}.pdf" for part in ("teacher", "handout", "family")}


def written_since(out: Path, before: dict[str, int]) -> set[str]:
    """The PDFs that are new or were written again since ``before`` (their modification times)."""
    return {name for name, mtime in modification_times(out).items() if before.get(name) != mtime}


def modification_times(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*.pdf")}


def rebuild(make_app, srcdir: Path) -> Path:
    """Build again into the same output folder, with the environment of the last build."""
    app = make_app("kitpdf", srcdir=srcdir)
    app.build()
    # (a second application in one process registers Sphinx's nodes again: say nothing of it)
    assert [line for line in app.warning.getvalue().splitlines() if "already registered" not in line] == []
    return Path(app.outdir)


@pytest.mark.sphinx("kitpdf", testroot="pdf-lessons", freshenv=True, srcdir="pdf-lessons-incremental")
def test_a_rebuild_writes_only_what_changed(app, make_app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    first = modification_times(out)
    # three parts of each of 3 lessons, one cut-out sheet, two kits, the two pages every kit binds
    assert len(first) == 14

    assert written_since(rebuild(make_app, app.srcdir), first) == set()

    lesson = Path(app.srcdir, f"lessons/{FIRST}.md")
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("Tnote marker", "Tnote marker edited"),
                      encoding="utf-8")
    later = time.time() + 5  # newer than anything written so far, whatever the file system's clock
    os.utime(lesson, (later, later))
    assert written_since(rebuild(make_app, app.srcdir), first) == {*FIRST_PDFS, "ages-5-7-kit.pdf"}
    assert "Tnote marker edited" in text(out / f"{FIRST}-teacher.pdf")
    assert "Tnote marker edited" in text(out / "ages-5-7-kit.pdf")


@pytest.mark.sphinx("kitpdf", testroot="pdf-lessons", freshenv=True, srcdir="pdf-lessons-missing")
def test_missing_pdfs_are_written_again(app, make_app) -> None:
    app.build()
    out = Path(app.outdir)
    first = modification_times(out)
    (out / f"{FIRST}-handout.pdf").unlink()
    (out / "ages-8-10-kit.pdf").unlink()
    assert written_since(rebuild(make_app, app.srcdir), first) == {
        *FIRST_PDFS, "ages-5-7-kit.pdf", "ages-8-10-kit.pdf"}


@pytest.mark.sphinx("kitpdf", testroot="pdf-lessons", freshenv=True, srcdir="pdf-lessons-stamp")
def test_pdfs_of_another_version_are_all_written_again(app, make_app) -> None:
    app.build()
    out = Path(app.outdir)
    first = modification_times(out)
    (out / ".lessonkit-pdf").write_text("lessonkit 0.0.1\n", encoding="utf-8")
    assert written_since(rebuild(make_app, app.srcdir), first) == set(first)
