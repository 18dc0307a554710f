"""Classroom-ready lessons (tests/roots/test-classroom): curriculum links, framework pages, success
criteria, rubrics, accommodations and the band's before / after check, in HTML, PDF and `check`."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_pdfread import fields, in_order, text

from lessonkit.cli import main

ROOT = Path(__file__).parent / "roots" / "test-classroom"
FIRST, LAST = "lessons/ages-8-10/first.html", "lessons/ages-8-10/last.html"
BEFORE, AFTER = "Before we start: what do you know?", "After the lessons: what do you know now?"


@pytest.fixture(scope="module")
def site(build_root):
    """The root's pages with the default settings, built once for the tests that read them."""
    return build_root("classroom")


def soup(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def words(node) -> str:
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def block(page: BeautifulSoup, kind: str):
    return page.find("section", class_=f"lk-{kind}")


def test_a_lesson_page_shows_its_curriculum_links_after_the_objectives_for_teachers(site) -> None:
    app = site
    assert app.warning.getvalue() == ""
    page = soup(app, FIRST)
    links = block(page, "curriculum-links")
    assert "lk-teacher-only" in links["class"]
    assert words(links) == ("Curriculum links Teacher only The Test Curriculum, Grades 1–8: Health "
                            "Grade 4 · ON-T-4.D1.1 — describe how to stay safe when using technology "
                            "Grade 5 · ON-T-5.D2.1 — identify people who can help when something online feels "
                            "wrong To verify")
    assert [words(mark) for mark in links.select(".lk-to-verify")] == ["To verify"]  # only the unverified one
    kinds = [section["class"][1] for section in page.select("section.lk-block")]
    assert kinds.index("lk-curriculum-links") == kinds.index("lk-objectives") + 1


def test_success_criteria_rubric_and_accommodations_are_drawn_on_the_lesson_page(site) -> None:
    app = site
    page = soup(app, FIRST)
    assert words(block(page, "success-criteria")) == ("Success criteria I can name two adults I can tell. "
                                                      "I can say what to do when something online worries me.")
    rubric = block(page, "rubric").find("table")
    assert [words(th) for th in rubric.find_all("th")] == ["Criteria", "Level 1", "Level 2", "Level 3", "Level 4"]
    accommodations = block(page, "accommodations")
    assert "lk-teacher-only" in accommodations["class"] and "picture-card version" in words(accommodations)


def test_the_band_check_opens_the_first_lesson_and_closes_the_last_with_space_to_answer(site) -> None:
    app = site
    first, last = soup(app, FIRST), soup(app, LAST)
    check = block(first, "band-check")
    assert words(check).startswith(f"Before and after check 6 min {BEFORE} Who is a trusted adult?")
    assert [box["rows"] for box in check.select("ol > li textarea.lk-answer")] == ["2", "2", "2"]
    assert words(block(last, "band-check")).startswith(f"Before and after check 6 min {AFTER}")
    assert len(first.select("section.lk-band-check")) == len(last.select("section.lk-band-check")) == 1
    # before the first timed block, after the last one
    kinds = [section["class"][1] for section in last.select("article section.lk-block")]
    assert kinds[kinds.index("lk-exit-ticket") + 1] == "lk-band-check"
    # the check's minutes are time beyond the lesson's activities: its header says so
    assert words(check.select_one(".lk-duration")) == "6 min"
    facts = {words(item.dt): words(item.dd) for item in first.select("dl.lk-header > div")}
    assert facts["Duration"] == "40 minutes, plus 6 min for the band's check"
    assert "The handout starts with the band's check" in words(block(first, "materials"))
    assert "The handout ends with the band's check" in words(block(last, "materials"))
    # the band page shows its own check, once; its list of lessons gives the same durations
    band = soup(app, "lessons/ages-8-10/index.html")
    assert words(block(band, "band-check")).startswith("Before and after check 6 min Who is a trusted adult?")
    listed = [words(facts).split(" · ")[0] for facts in band.select(".lk-lesson-item-facts")]
    assert listed[0] == "40 minutes, plus 6 min for the band's check"
    assert listed[-1].endswith(", plus 6 min for the band's check")
    assert all("band's check" not in duration for duration in listed[1:-1])


@pytest.mark.sphinx("kithtml", testroot="classroom", freshenv=True, srcdir="classroom-student",
                    confoverrides={"lessonkit_audience": "student"})
def test_the_student_edition_has_the_criteria_rubric_and_check_but_no_teacher_part(app) -> None:
    app.build()
    page = soup(app, FIRST)
    for kind in ("curriculum-links", "accommodations", "materials"):
        assert block(page, kind) is None, kind
    assert "ON-T-4.D1.1" not in words(page) and "picture-card" not in words(page)
    assert block(page, "success-criteria") is not None and block(page, "rubric").find("table") is not None
    assert BEFORE in words(block(page, "band-check"))


def test_a_framework_page_lists_each_grades_expectations_and_the_lessons_that_meet_them(site) -> None:
    app = site
    page = soup(app, "curriculum-ontario.html")
    article = page.find("article")
    assert ("Test Ministry of Education, The Test Curriculum, Grades 1–8: Health , 2019. "
            "https://example.org/curriculum/health-1-8.pdf .") in words(article)
    grades = article.select("section.lk-framework-grade")
    assert [words(g.find(["h2", "h3"])).rstrip(" ¶") for g in grades] == ["Grade 3", "Grade 4", "Grade 5"]
    assert "No lesson yet" in words(grades[0])
    assert words(grades[2]).startswith("Grade 5 ¶ ON-T-5.D2.1 · D. Healthy Living To verify identify people")
    links = [(a.get_text(), a["href"]) for a in grades[2].select(".lk-framework-lessons a")]
    assert links == [("Safe online", "lessons/ages-8-10/first.html"), ("Telling helps", "lessons/ages-8-10/last.html")]
    for _, href in links:
        assert (Path(app.outdir) / href).is_file()


@pytest.mark.sphinx("kithtml", testroot="classroom", freshenv=True, srcdir="classroom-fr",
                    confoverrides={"language": "fr"})
def test_curriculum_links_framework_pages_and_the_check_are_in_french(app) -> None:
    app.build()
    page = soup(app, FIRST)
    links = words(block(page, "curriculum-links"))
    assert links.startswith("Liens avec le curriculum")
    assert "4e année · ON-T-4.D1.1 — décrire comment rester en sécurité en utilisant la technologie" in links
    assert "À vérifier" in links
    check = words(block(page, "band-check"))
    assert "Avant de commencer : que sais-tu ?" in check and "Qui est un adulte de confiance ?" in check
    framework = soup(app, "curriculum-ontario.html").find("article")
    assert "Ministère de l’Éducation d’essai, Le curriculum d’essai" in words(framework)
    grade = framework.select("section.lk-framework-grade")[1]
    assert words(grade.find(["h2", "h3"])).startswith("4e année")
    assert [(a.get_text(), a["href"]) for a in grade.select(".lk-framework-lessons a")] == [
        ("En sécurité en ligne", "lessons/ages-8-10/first.html")]
    assert "Aucune leçon pour l’instant" in words(framework.select("section.lk-framework-grade")[0])


@pytest.mark.sphinx("kithtml", testroot="classroom", freshenv=True, srcdir="classroom-chosen",
                    confoverrides={"lessonkit_frameworks": ["qc-other"]})
def test_a_board_that_shows_other_frameworks_gets_no_curriculum_links_from_this_one(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    assert block(soup(app, FIRST), "curriculum-links") is None


@pytest.mark.sphinx("kitpdf", testroot="classroom", freshenv=True)
def test_the_pdfs_put_each_classroom_part_where_it_belongs(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    guide = text(out / "ages-8-10/first-teacher.pdf")
    assert in_order(guide, "LEARNING OBJECTIVES", "SUCCESS CRITERIA", "CURRICULUM LINKS · TEACHER ONLY",
                    "Grade 4 · ON-T-4.D1.1 — describe how to stay safe", "ON-T-5.D2.1", "To verify",
                    "The handout starts with the band's check", "ACCOMMODATIONS · TEACHER ONLY")
    # the rubric is a table: its header row, then each criterion with its four levels, row by row
    assert in_order(guide, "RUBRIC", "Criteria Level 1 Level 2 Level 3 Level 4",
                    "Names trusted adults with much help with some help on their own and explains why")
    # the check keeps its place and minutes in the guide's sequence (its questions without lines: the
    # handout holds those), before the first timed block
    assert in_order(guide, "BEFORE AND AFTER CHECK · 6 MIN", BEFORE, "1. Who is a trusted adult?", "ACTIVITY")
    assert not [name for name in fields(out / "ages-8-10/first-teacher.pdf") if "answer" in name]
    handout = text(out / "ages-8-10/first-handout.pdf")
    assert in_order(handout, "SUCCESS CRITERIA", BEFORE, "1. Who is a trusted adult?", "My helpers")
    for hidden in ("CURRICULUM LINKS", "ACCOMMODATIONS", "RUBRIC", "ON-T-4.D1.1"):
        assert hidden not in handout
    assert sum(name.startswith("first_answer") for name in fields(out / "ages-8-10/first-handout.pdf")) == 4
    last = text(out / "ages-8-10/last-handout.pdf")
    assert in_order(last, "Who will you tell?", AFTER, "3. Is it ever your fault") and BEFORE not in last
    # the band's three questions, and the exit ticket's space (a ticket written with no lines gets some)
    assert sum(name.startswith("last_answer") for name in fields(out / "ages-8-10/last-handout.pdf")) == 3 + 1
    for letter in ("first-family", "last-family"):
        family = text(out / f"ages-8-10/{letter}.pdf")
        assert "CURRICULUM" not in family and "check" not in family and "picture-card" not in family
    page = text(out / "curriculum-ontario.pdf")
    assert in_order(page, "Ontario curriculum links", "Grade 4", "ON-T-4.D1.1", "Lessons: Safe online",
                    "Grade 5", "To verify", "Lessons: Safe online, Telling helps")


def _build(root: Path) -> None:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    with docutils_namespace():  # the directives and nodes it registers end with the build
        Sphinx(root, root, root / "_build", root / "_build" / ".doctrees", "kithtml", status=None, warning=None,
               freshenv=False).build()


def test_changing_a_framework_or_the_band_check_rewrites_the_pages_that_show_it(tmp_path: Path) -> None:
    root = tmp_path / "kit"
    shutil.copytree(ROOT, root)
    _build(root)
    framework = root / "frameworks/on-test-2019.yaml"
    framework.write_text(framework.read_text(encoding="utf-8").replace("describe how to stay safe",
                                                                       "explain how to stay safe"), encoding="utf-8")
    band = root / "lessons/ages-8-10/index.md"
    band.write_text(band.read_text(encoding="utf-8").replace("Who is a trusted adult?", "Who can you tell?"),
                    encoding="utf-8")
    _build(root)
    first = (root / "_build" / FIRST).read_text(encoding="utf-8")
    assert "explain how to stay safe" in first and "Who can you tell?" in first
    assert "explain how to stay safe" in (root / "_build/curriculum-ontario.html").read_text(encoding="utf-8")
    assert "Who can you tell?" in (root / "_build" / LAST).read_text(encoding="utf-8")


# -- lessonkit check --------------------------------------------------------------------------

UNVERIFIED = ("frameworks/on-test-2019.yaml:1: warning: 1 expectation(s) are marked to-verify; check each against "
              "the official document and set 'status: verified' [framework-unverified]")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "kit"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("locale"))
    return root


def check(project: Path) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["-C", str(project), "check"], out, err)
    return code, [line for line in out.getvalue().splitlines() if ": error: " in line or ": warning: " in line]


def edit(path: Path, old: str, new: str) -> None:
    text_ = path.read_text(encoding="utf-8")
    assert old in text_
    path.write_text(text_.replace(old, new), encoding="utf-8")


def test_check_counts_the_expectations_to_verify_once_per_framework_file(project: Path) -> None:
    assert check(project)[1] == [UNVERIFIED]


def test_check_asks_how_long_the_band_check_takes(project: Path) -> None:
    edit(project / "lessons/ages-8-10/index.md", ":duration: 6\n", "")
    assert check(project) == (0, [
        UNVERIFIED,
        "lessons/ages-8-10/index.md:5: warning: say how long the check takes (':duration: 8' under '{band-check}'): "
        "the band's first and last lessons then say they take that much longer than their activities "
        "[band-check-duration-missing]"])


def test_check_refuses_an_unknown_outcome_on_its_line_with_a_suggestion(project: Path) -> None:
    edit(project / "lessons/ages-8-10/first.md", "[ON-T-4.D1.1, ON-T-5.D2.1]", "[ON-T-4.D1.9, ON-T-5.D2.1]")
    code, lines = check(project)
    assert code == 1
    assert ("lessons/ages-8-10/first.md:8: error: outcome 'ON-T-4.D1.9' is not an expectation of any framework in "
            "frameworks/; did you mean 'ON-T-4.D1.1'? [outcome-unknown]") in lines


def test_check_warns_when_an_expectations_grade_lies_outside_the_band(project: Path) -> None:
    edit(project / "frameworks/on-test-2019.yaml", "  - code: ON-T-3.D1.2\n    grade: 3",
         "  - code: ON-T-7.D1.2\n    grade: 7")
    edit(project / "lessons/ages-8-10/last.md", "outcomes: [ON-T-5.D2.1]", "outcomes: [ON-T-7.D1.2]")
    assert check(project)[1] == [
        UNVERIFIED,
        "lessons/ages-8-10/last.md:8: warning: outcome 'ON-T-7.D1.2' is a grade 7 expectation, outside the band "
        "'ages-8-10' (grade 3 to grade 5); check the code, or move the lesson to the band of that grade "
        "[outcome-grade]"]


def test_check_refuses_a_rubric_without_a_criteria_column_and_four_levels(project: Path) -> None:
    lesson = project / "lessons/ages-8-10/first.md"
    edit(lesson, "| Level 3 | Level 4 |\n|---|---|---|---|---|", "| Level 3 |\n|---|---|---|---|")
    edit(project / "lessons/ages-8-10/first.md", "| and explains why |", "|")
    code, lines = check(project)
    assert code == 1
    assert ("lessons/ages-8-10/first.md:44: error: a rubric holds one table of 5 columns, the criteria then four "
            "levels (| Criteria | Level 1 | Level 2 | Level 3 | Level 4 |); this one has a table of 4 columns "
            "[rubric-levels]") in lines
    edit(project / "lessons/ages-8-10/last.md", ":::{success-criteria}", ":::{rubric}\nUse your judgement.\n:::\n\n"
                                                                        ":::{success-criteria}")
    assert any(line.startswith("lessons/ages-8-10/last.md:21: error: a rubric holds one table") and
               "this one has no table [rubric-levels]" in line for line in check(project)[1])


def test_check_keeps_the_band_check_in_the_band_page_as_a_numbered_list(project: Path) -> None:
    edit(project / "lessons/ages-8-10/last.md", ":::{materials}", ":::{band-check}\n1. A question?\n:::\n\n"
                                                                  ":::{materials}")
    edit(project / "lessons/ages-8-10/index.md", "1. Who is a trusted adult?\n", "Who is a trusted adult?\n\n")
    code, lines = check(project)
    assert code == 1
    assert lines[1:] == [
        "lessons/ages-8-10/last.md:25: error: a 'band-check' block belongs in the band's page "
        "(lessons/<band>/index.md); lessonkit copies it into the band's first and last lessons: move it there "
        "[band-check-place]",
        "lessons/ages-8-10/index.md:5: error: a band-check holds one numbered list of questions and nothing else "
        "(1. ... 2. ...); the same questions open the band's first lesson and close its last [band-check-list]"]


def test_a_broken_framework_file_is_reported_at_its_line(project: Path) -> None:
    edit(project / "frameworks/on-test-2019.yaml", "    grade: 5\n", "    grade: fifth\n")
    edit(project / "frameworks/on-test-2019.yaml", "  - code: ON-T-3.D1.2", "  - code: ON-T-4.D1.1")
    code, lines = check(project)
    assert code == 1
    assert ("frameworks/on-test-2019.yaml:16: error: expectation 'ON-T-5.D2.1' has grade 'fifth'; write a number "
            "from 0 (kindergarten) to 12 (Quebec: secondaire 1-5 = 7-11) [framework-syntax]") in lines
    assert ("frameworks/on-test-2019.yaml:22: error: code 'ON-T-4.D1.1' is already used "
            "(frameworks/on-test-2019.yaml:9); codes are unique across all frameworks: "
            "PROVINCE-SUBJECT-GRADE.CODE-AS-PUBLISHED [framework-syntax]") in lines
    assert any("outcome 'ON-T-5.D2.1' is not an expectation" in line for line in lines)


def test_a_framework_the_board_chose_must_exist(project: Path) -> None:
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('lessonkit_frameworks = ["on-test-2018"]\n')
    assert ("conf.py:1: error: lessonkit_frameworks names 'on-test-2018', which is not a file in frameworks/; did "
            "you mean 'on-test-2019'? [framework-unknown]") in check(project)[1]


@pytest.mark.sphinx("kithtml", testroot="classroom", freshenv=True, srcdir="classroom-links",
                    confoverrides={"lessonkit_pdf_links": True})
def test_a_framework_page_links_to_its_own_pdf(app) -> None:
    app.build()
    links = [(words(a), a["href"]) for a in soup(app, "curriculum-ontario.html").select(".lk-pdfs a")]
    assert links == [("This page (PDF)", "../../pdf/en/curriculum-ontario.pdf")]
