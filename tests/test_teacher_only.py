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
# Teacher-only text inside blocks students see: {teacher}`…` in an activity, a handout and the
# family letter, and a :::{teacher} paragraph in the activity.
TEACHER_TEXTS = ("Ocelot answer the class must not see.", "Pangolin prompt for the teacher.",
                 "Axolotl expected answer.", "Tapir reminder to the teacher.")


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
    for secret in (*TEACHER_FOOTNOTES, *TEACHER_TEXTS):
        assert secret not in page and secret.split()[0].lower() not in search, secret
    assert "lk-teacher-only" not in page
    # what students see around it stays, without a dangling space
    assert "<p>Is a note a secret?</p>" in page
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
    for secret in (*TEACHER_FOOTNOTES, STUDENT_FOOTNOTE, *TEACHER_TEXTS):
        assert secret in page
    for term in TEACHER_TERMS:
        assert term in index
    # teacher text is marked by a word, and class view hides it with the teacher-only blocks
    assert ('<span class="lk-teacher-text lk-teacher-only"><span class="lk-teacher-mark">Teacher</span> '
            '<strong>No.</strong> Ocelot answer') in page
    assert re.search(r'<div class="lk-teacher-text lk-teacher-only[^"]*">\s*<p class="lk-teacher-mark">Teacher</p>'
                     r'\s*<p>Pangolin prompt', page)
    # class view hides .lk-teacher-only: the teacher notes' footnotes are marked, the students' are not
    found = re.findall(r'<aside class="footnote brackets ?([^"]*)" id="([^"]+)"', page)
    assert {ident: classes for classes, ident in found} == {
        "secret": "lk-teacher-only", "shown": "", "key": "lk-teacher-only"}


@pytest.mark.sphinx("kitpdf", testroot="teacher-only", freshenv=True, srcdir="teacher-only-student-pdf",
                    confoverrides={"lessonkit_audience": "student"})
def test_no_pdf_of_the_student_edition_holds_them(app) -> None:
    out = built(app)
    pdfs = sorted(out.rglob("*.pdf"))
    # the help page is bound in the kit; the disclosure steps, a page for teachers, are not, nor printed
    assert [pdf.name for pdf in pdfs] == ["notes-family.pdf", "notes-handout.pdf", "notes-teacher.pdf",
                                          "ages-8-10-kit.pdf", "get-help.pdf"]
    for pdf in pdfs:
        content = text(pdf)
        for secret in (*TEACHER_FOOTNOTES, *TEACHER_TERMS, *TEACHER_TEXTS):
            assert secret.split()[0] not in content, f"{secret!r} in {pdf.name}"


@pytest.mark.sphinx("kitpdf", testroot="teacher-only", freshenv=True, srcdir="teacher-only-teacher-pdf")
def test_the_teacher_guide_prints_a_teacher_notes_footnote(app) -> None:
    out = built(app)
    guide = text(out / "ages-8-10" / "notes-teacher.pdf")
    for secret in (*TEACHER_FOOTNOTES, STUDENT_FOOTNOTE, *TEACHER_TEXTS):
        assert secret in guide
    # marked by a word in the guide; left out of what students and families get
    assert "Teacher: No. Ocelot answer" in " ".join(guide.split())
    assert "Teacher:\nPangolin" in guide or "Teacher: Pangolin" in " ".join(guide.split())
    for name in ("notes-handout.pdf", "notes-family.pdf"):
        content = text(out / "ages-8-10" / name)
        assert not [secret for secret in TEACHER_TEXTS if secret.split()[0] in content], name


def test_the_disclosure_page_goes_from_its_steps_to_the_duty_to_report() -> None:
    """The family letters' notice is kept where the guide explains the letters, not amid the disclosure steps."""
    repo = Path(__file__).resolve().parents[1]
    page = read(repo / "source" / "disclosure.md")
    assert "family-notice" not in page
    steps_end = page.index("::::\n", page.index("{kit-text} disclosure-guidance"))
    assert page[steps_end:].lstrip(":\n").startswith("## Duty to report")
    assert "{kit-text} family-notice" in read(repo / "source" / "using-this-kit.md")
