"""Cited sources: numbered references, the Sources list, and the review packet (tests/roots/test-sources)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_pdfread import text

LESSON = "lessons/ages-8-10/cited.html"


def soup(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def words(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.mark.sphinx("kithtml", testroot="sources", freshenv=True)
def test_each_cited_source_gets_one_number_and_an_entry_in_the_sources_list(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = soup(app, LESSON)
    marks = [(a.get_text(), a["href"]) for a in page.select("sup a.lk-source-ref")]
    # numbered in reading order; a source cited again keeps its number
    assert marks == [("[1]", "#lk-source-livestream-2019"), ("[2]", "#lk-source-cc-162-1"),
                     ("[1]", "#lk-source-livestream-2019"), ("[2]", "#lk-source-cc-162-1")]
    # a number never starts a line: it keeps to its word
    assert "between 2018 and 2019\u00a0<sup>" in (Path(app.outdir) / LESSON).read_text(encoding="utf-8")
    section = page.find(id="lk-sources")
    assert words(section.find("h2")).startswith("Sources")
    entries = [words(li) for li in section.find_all("li")]
    assert [li["id"] for li in section.find_all("li")] == ["lk-source-livestream-2019", "lk-source-cc-162-1"]
    assert entries[0] == ("Example Centre for Child Safety, Live stream reports, 2019 , 2020-02-11. "
                          "https://example.org/livestream-2019 . What was counted: reports of adults contacting "
                          "8- to 12-year-olds over live stream, 2018 and 2019. Checked on 2026-12-01.")
    # a source nobody could check says so where the reader sees it
    # a source nobody could check says so, and claims no check
    assert entries[1] == "To verify: Example Justice Laws, Criminal Code, s. 162.1 , 2024."


@pytest.mark.sphinx("kithtml", testroot="sources", freshenv=True, srcdir="sources-fr",
                    confoverrides={"language": "fr"})
def test_the_sources_list_is_in_the_readers_language_and_titles_stay_as_published(app) -> None:
    app.build()
    page = soup(app, LESSON)
    assert "Les signalements sont passés de 68 à 107 entre 2018 et 2019 [1] ." in words(page)
    entry = words(page.find(id="lk-source-livestream-2019"))
    assert entry.startswith("Centre d'exemple pour la sécurité des enfants, Live stream reports, 2019 ,")
    assert "Ce qui a été compté : signalements d'adultes ayant contacté" in entry  # words() folds no-break spaces
    assert entry.endswith("Vérifiée le 2026-12-01.")
    assert words(page.find(id="lk-source-cc-162-1")).startswith("À vérifier :")


@pytest.mark.sphinx("kithtml", testroot="sources", freshenv=True)
def test_the_review_packet_lists_every_cited_statement_with_its_source_and_the_review_date(app) -> None:
    app.build()
    packet = words(soup(app, "review.html").find("article"))
    assert "Lessons: 1. Statements with a source: 4. Sources: 3, of which to verify: 1." in packet
    assert "Cited lesson" in packet and "Last reviewed: 2026-12-01" in packet
    # the sentence that carries the citation, with the block it stands in, law first
    law = "Cites a law (Activity) Sharing an intimate image without consent is a crime."
    statistic = "Cites a statistic (Teacher note) Reports rose from 68 to 107 between 2018 and 2019."
    assert law in packet and statistic in packet and packet.index(law) < packet.index(statistic)
    assert "Help resource · Verified (helpline-example) Helpline Example, Helpline Example , 2026." in packet
    assert "Law · To verify (cc-162-1)" in packet and "Note: the consolidated text was not at hand" in packet
    assert "Cited in: Cited lesson" in packet and "Not cited." in packet


@pytest.mark.sphinx("kithtml", testroot="sources", freshenv=True, srcdir="sources-student",
                    confoverrides={"lessonkit_audience": "student"})
def test_students_are_numbered_only_the_citations_they_see(app) -> None:
    app.build()
    page = soup(app, LESSON)
    assert "Reports rose" not in words(page)  # the teacher note is not in the student edition
    assert [a.get_text() for a in page.select("sup a.lk-source-ref")] == ["[1]", "[2]"]
    assert [li["id"] for li in page.find(id="lk-sources").find_all("li")] == ["lk-source-cc-162-1",
                                                                              "lk-source-livestream-2019"]


@pytest.mark.sphinx("kithtml", testroot="sources", freshenv=True, srcdir="sources-unknown")
def test_a_citation_of_an_unknown_source_is_a_warning_at_its_line(app) -> None:
    lesson = Path(app.srcdir) / "lessons/ages-8-10/cited.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("`cc-162-1`", "`cc-162`"), encoding="utf-8")
    app.build()
    assert re.search(r"cited\.md:\d+: WARNING: no source 'cc-162' in sources\.yaml; add it there or correct the "
                     r"key", app.warning.getvalue())


@pytest.mark.sphinx("kitpdf", testroot="sources", freshenv=True)
def test_the_teacher_guide_ends_with_the_sources_and_the_review_packet_has_a_pdf(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    guide = text(out / "ages-8-10/cited-teacher.pdf")
    assert "Reports rose from 68 to 107 between 2018 and 2019 [1]" in guide
    assert re.search(r"Sources\s+1\.\s+Example Centre for Child Safety, Live stream reports, 2019, 2020-02-11\.", guide)
    assert "Sources" not in text(out / "ages-8-10/cited-handout.pdf")
    # the family letter keeps its own citation, numbered from 1, with its own list
    letter = text(out / "ages-8-10/cited-family.pdf")
    assert "is a crime [1]" in letter
    assert re.search(r"Sources\s+1\.\s+To verify: Example Justice Laws, Criminal Code, s\. 162\.1, 2024\.", letter)
    assert "Print this page for an evening with families." in text(out / "guide.pdf")  # pdf: true
    # a page every kit binds has a PDF (lessonkit_kit_pages); other pages have none
    assert (out / "disclosure.pdf").exists() and not (out / "index.pdf").exists() and not (out / "source").exists()
    packet = text(out / "review.pdf")
    assert "Review packet" in packet and "Sharing an intimate image without consent is a crime." in packet


@pytest.mark.sphinx("kitpdf", testroot="sources", freshenv=True, srcdir="sources-letter")
def test_a_family_letter_lists_its_sources_without_what_only_reviewers_need(app) -> None:
    lesson = Path(app.srcdir) / "lessons/ages-8-10/cited.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(
        "we talked about sources.", "we talked about reports {source}`livestream-2019`."), encoding="utf-8")
    app.build()
    out = Path(app.outdir)
    guide = " ".join(text(out / "ages-8-10/cited-teacher.pdf").split())
    assert "What was counted: reports of adults contacting" in guide and "Checked on 2026-12-01." in guide
    letter = " ".join(text(out / "ages-8-10/cited-family.pdf").split())
    assert "Sources 1. Example Centre for Child Safety, Live stream reports, 2019, 2020-02-11." in letter
    assert "What was counted" not in letter and "Checked on" not in letter


def test_a_rebuild_brings_a_changed_source_and_a_changed_statement_to_every_page_and_pdf(tmp_path: Path) -> None:
    import os
    import time

    from test_cli import run

    root = tmp_path / "kit"
    shutil.copytree(Path(__file__).parent / "roots" / "test-sources", root)
    (root / "conf.py").write_text((root / "conf.py").read_text(encoding="utf-8") + 'lessonkit_languages = ["en"]\n',
                                  encoding="utf-8")
    html, pdf = root / "build/html/en", root / "build/pdf/en"

    def build() -> None:
        assert run("-C", str(root), "-q", "build") == (0, "", "")

    def touch(path: Path, old: str, new: str) -> None:
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        later = time.time() + 2  # a file system may keep whole seconds only
        os.utime(path, (later, later))

    build()
    touch(root / "sources.yaml", "Live stream reports, 2019", "Live streaming report 2019")
    build()
    for page in (html / LESSON, html / "review.html"):
        assert "Live streaming report 2019" in page.read_text(encoding="utf-8"), page
    for document in (pdf / "ages-8-10/cited-teacher.pdf", pdf / "review.pdf"):
        assert "Live streaming report 2019" in text(document), document
    touch(root / "lessons/ages-8-10/cited.md", "is a crime", "is a crime in Canada")
    build()
    assert "Sharing an intimate image without consent is a crime in Canada." in text(pdf / "review.pdf")
    assert "is a crime in Canada." in (html / "review.html").read_text(encoding="utf-8")


def test_a_changed_translation_reaches_the_pdfs_of_its_language(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    import time

    def build() -> None:
        # a process per build, as a writer runs them (Python keeps the catalogs it has read)
        command = [sys.executable, "-c", "from lessonkit.cli import console_script; console_script()",
                   "-C", str(root), "-q", "build"]
        result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "LESSONKIT_DAEMON": "0"})
        assert (result.returncode, result.stderr) == (0, "")

    root = tmp_path / "kit"
    shutil.copytree(Path(__file__).parent / "roots" / "test-sources", root)
    build()
    catalog = root / "locale/fr/LC_MESSAGES/lessons/ages-8-10/cited.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "Leçon citée"', 'msgstr "Leçon sourcée"'),
                       encoding="utf-8")
    later = time.time() + 2
    os.utime(catalog, (later, later))
    build()
    assert "Leçon sourcée" in text(root / "build/pdf/fr/ages-8-10/cited-teacher.pdf")
