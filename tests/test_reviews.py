"""Review dates on the pages and PDFs, and the curriculum's version on one page only (tests/roots/test-sources)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_pdfread import text

LESSON = "lessons/ages-8-10/cited"
REVIEWER = "Safe Schools Office, Test Board"


def words(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").replace("¶", "").split())


def reviewed_copy(rootdir: Path, target: Path) -> Path:
    """The test-sources project, its lesson reviewed by an office, its help page reviewed by a person."""
    shutil.copytree(rootdir / "test-sources", target)
    lesson = target / f"{LESSON}.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(
        "reviewed: 2026-12-01\n", f"reviewed: 2026-12-01\nreviewed-by: {REVIEWER}\n"), encoding="utf-8")
    page = target / "source/get-help.md"
    page.write_text(page.read_text(encoding="utf-8").replace("reviewed: 2026-12-01\n", "reviewed: 2026-11-20\n"
                                                             "reviewed-by: J. Tremblay\n"), encoding="utf-8")
    return target


@pytest.fixture
def project(rootdir: Path, tmp_path: Path) -> Path:
    return reviewed_copy(rootdir, tmp_path / "kit")


def test_the_lesson_page_and_the_review_packet_say_when_and_by_whom_it_was_reviewed(make_app, project: Path,
                                                                                   tmp_path: Path) -> None:
    app = make_app("kithtml", srcdir=project, builddir=tmp_path / "build", freshenv=True,
                   confoverrides={"release": "2026.12"})
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    page = (out / f"{LESSON}.html").read_text(encoding="utf-8")
    assert ('<div class="lk-reviewed lk-teacher-only"><dt>Last reviewed</dt>'
            f"<dd>2026-12-01, by {REVIEWER}</dd></div>") in page
    packet = words((out / "review.html").read_text(encoding="utf-8"))
    assert packet.count("Version 2026.12 of the curriculum.") == 1
    assert f"Cited lesson Ages 8 to 10 · Last reviewed: 2026-12-01, by {REVIEWER}" in packet
    assert "Help resources Get help · Last reviewed: 2026-11-20, by J. Tremblay" in packet


def test_the_french_pages_say_it_in_french(make_app, project: Path, tmp_path: Path) -> None:
    app = make_app("kithtml", srcdir=project, builddir=tmp_path / "build", freshenv=True,
                   confoverrides={"language": "fr", "release": "2026.12"})
    app.build()
    out = Path(app.outdir)
    page = (out / f"{LESSON}.html").read_text(encoding="utf-8")
    assert f"<dt>Dernière révision</dt><dd>2026-12-01, par {REVIEWER}</dd>" in page
    assert "Version 2026.12 du curriculum." in words((out / "review.html").read_text(encoding="utf-8"))


def test_the_student_edition_shows_no_review(make_app, project: Path, tmp_path: Path) -> None:
    app = make_app("kithtml", srcdir=project, builddir=tmp_path / "build", freshenv=True,
                   confoverrides={"lessonkit_audience": "student"})
    app.build()
    assert REVIEWER not in (Path(app.outdir) / f"{LESSON}.html").read_text(encoding="utf-8")


def test_the_teacher_guide_says_when_and_by_whom_it_was_reviewed(make_app, project: Path, tmp_path: Path) -> None:
    app = make_app("kitpdf", srcdir=project, builddir=tmp_path / "build", freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    guide = " ".join(text(out / "ages-8-10/cited-teacher.pdf").split())
    assert f"Last reviewed: 2026-12-01, by {REVIEWER}" in guide
    assert REVIEWER not in text(out / "ages-8-10/cited-handout.pdf")
    assert "Last reviewed: 2026-11-20, by J. Tremblay" in " ".join(text(out / "review.pdf").split())


def test_a_new_release_changes_the_review_packet_and_no_other_file(make_app, project: Path, tmp_path: Path) -> None:
    outputs = []
    for release in ("2026.11", "2026.12"):
        app = make_app("kithtml", srcdir=project, builddir=tmp_path / f"build-{release}", freshenv=True,
                       confoverrides={"release": release})
        app.build()
        out = Path(app.outdir)
        outputs.append({path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*")
                        if path.is_file() and not path.name.startswith(".")})
    before, after = outputs
    assert before.keys() == after.keys()
    changed = {name for name in before if before[name] != after[name]}
    # The packet's page, and the search data that holds its text; every other page stays as it was.
    assert {"review.html"} <= changed <= {"review.html", "searchtexts.js", "searchindex.js"}
    assert b"2026.12" not in after["_static/documentation_options.js"]
