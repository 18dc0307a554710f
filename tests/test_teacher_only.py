"""Teacher-only means everything inside: a teacher note's footnotes and index entries stay with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_pdfread import text

LESSON = "lessons/ages-8-10/notes"
# Written inside teacher-only blocks (tests/roots/test-teacher-only): a teacher note's footnote,
# an answer key's footnote, an index role and an index directive in the teacher note.
TEACHER_FOOTNOTES = ("Zebrafish footnote only teachers read.", "Narwhal footnote of the answer key.")
TEACHER_TERMS = ("wombat procedure", "quokka protocol")
STUDENT_FOOTNOTE = "Pelican footnote that students read."


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def built(app) -> Path:
    app.build()
    assert app.warning.getvalue() == ""
    return Path(app.outdir)


@pytest.mark.sphinx("kithtml", testroot="teacher-only", freshenv=True, srcdir="teacher-only-student",
                    confoverrides={"lessonkit_audience": "student"})
def test_the_student_edition_leaves_out_a_teacher_notes_footnotes_and_index_entries(app) -> None:
    out = built(app)
    page, index = read(out / f"{LESSON}.html"), read(out / "genindex.html")
    search = read(out / "searchindex.js").lower() + read(out / "searchtexts.js").lower()
    for secret in TEACHER_FOOTNOTES:
        assert secret not in page and secret.split()[0].lower() not in search, secret
    for term in TEACHER_TERMS:
        assert term not in index and term.split()[0] not in search, term
    # the students' own footnote stays, numbered 1 (no gap tells that one was taken out)
    assert STUDENT_FOOTNOTE in page and "pelican" in search
    assert re.search(r'<aside class="footnote brackets" id="shown" role="doc-footnote">\s*'
                     r'<span class="label"><span class="fn-bracket">\[</span>'
                     r'<a role="doc-backlink" href="#id2">1</a>', page)
    assert page.count('role="doc-footnote"') == 1


@pytest.mark.sphinx("kithtml", testroot="teacher-only", freshenv=True)
def test_the_teacher_edition_keeps_them_and_class_view_hides_the_footnotes(app) -> None:
    out = built(app)
    page, index = read(out / f"{LESSON}.html"), read(out / "genindex.html")
    for secret in (*TEACHER_FOOTNOTES, STUDENT_FOOTNOTE):
        assert secret in page
    for term in TEACHER_TERMS:
        assert term in index
    # class view hides .lk-teacher-only: the teacher notes' footnotes are marked, the students' are not
    found = re.findall(r'<aside class="footnote brackets ?([^"]*)" id="([^"]+)"', page)
    assert {ident: classes for classes, ident in found} == {
        "secret": "lk-teacher-only", "shown": "", "key": "lk-teacher-only"}


@pytest.mark.sphinx("kitpdf", testroot="teacher-only", freshenv=True, srcdir="teacher-only-student-pdf",
                    confoverrides={"lessonkit_audience": "student"})
def test_no_pdf_of_the_student_edition_holds_them(app) -> None:
    out = built(app)
    pdfs = sorted(out.rglob("*.pdf"))
    assert [pdf.name for pdf in pdfs] == ["notes-family.pdf", "notes-handout.pdf", "notes-teacher.pdf",
                                          "ages-8-10-kit.pdf"]
    for pdf in pdfs:
        content = text(pdf)
        for secret in (*TEACHER_FOOTNOTES, *TEACHER_TERMS):
            assert secret.split()[0] not in content, f"{secret!r} in {pdf.name}"


@pytest.mark.sphinx("kitpdf", testroot="teacher-only", freshenv=True, srcdir="teacher-only-teacher-pdf")
def test_the_teacher_guide_prints_a_teacher_notes_footnote(app) -> None:
    guide = text(built(app) / "ages-8-10" / "notes-teacher.pdf")
    for secret in (*TEACHER_FOOTNOTES, STUDENT_FOOTNOTE):
        assert secret in guide
