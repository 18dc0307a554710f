"""Curriculum links and the classroom parts a lesson takes from elsewhere, filled before writing.

A lesson's "Curriculum links" block, a framework's page (its expectations grade by grade, with
the lessons that meet each one) and the band's before / after check in its first and last
lessons all depend on files or lessons other than the page being written.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from docutils import nodes
from sphinx.environment import BuildEnvironment

from lessonkit.frameworks import Expectation, Framework, Frameworks, frameworks_digest, read_frameworks
from lessonkit.settings import localized
from lessonkit.sphinxext import labels
from lessonkit.sphinxext import nodes as lk
from lessonkit.sphinxext.domain import LessonInfo, LessonkitDomain
from lessonkit.sphinxext.nodes import doc_link

CHECK_TITLES = {"before": "Before we start: what do you know?",
                "after": "After the lessons: what do you know now?"}
ANSWER_LINES_PER_QUESTION = 2


@cache
def _read(root: Path, digest: str) -> Frameworks:
    return read_frameworks(root)


def frameworks_of(root: str | Path) -> Frameworks:
    """The curriculum's frameworks (frameworks/*.yaml), read once per version of the files."""
    return _read(Path(root), frameworks_digest(Path(root)))


def grade_label(expectation: Expectation, language: str) -> str:
    """How the province names the expectation's grade, or lessonkit's words for it."""
    if label := localized(expectation.grade_label, language):
        return label
    if expectation.grade == 0:
        return labels.word("Kindergarten")
    if expectation.grade == 1:
        return labels.word("Grade 1")
    return labels.word("Grade {n}").format(n=expectation.grade)


def to_verify_mark() -> nodes.strong:
    return nodes.strong("", labels.word("To verify"), classes=["lk-to-verify"])


def expectation_line(expectation: Expectation, language: str, *, grade: bool) -> nodes.paragraph:
    """``Grade 4 · ON-HPE-4.D1.1 — the expectation's text [To verify]``."""
    para = nodes.paragraph(classes=["lk-expectation"])
    if grade:
        para += nodes.Text(f"{grade_label(expectation, language)} · ")
    para += nodes.strong("", expectation.code, classes=["lk-expectation-code"])
    para += nodes.Text(f" — {localized(expectation.text, language)}")
    if not expectation.verified:
        para += nodes.Text(" ")
        para += to_verify_mark()
    return para


def curriculum_links(codes: list[str], frameworks: Frameworks, chosen: list[str],
                     language: str) -> list[nodes.Node]:
    """For each framework shown, its title and the lesson's expectations in it (nothing if none)."""
    found: list[nodes.Node] = []
    for framework in frameworks.shown(chosen):
        met = [e for code in codes if (e := frameworks.expectation(code)) is not None and e.framework == framework.id]
        if not met:
            continue
        found.append(nodes.paragraph("", "", nodes.strong("", localized(framework.title, language)),
                                     classes=["lk-framework-title"]))
        items = nodes.bullet_list(classes=["lk-expectations"])
        for expectation in met:
            items += nodes.list_item("", expectation_line(expectation, language, grade=True))
        found.append(items)
    return found


def framework_description(framework: Framework, language: str) -> nodes.paragraph:
    """The official document: publisher, title, year and address."""
    para = nodes.paragraph(classes=["lk-framework-source"])
    if not framework.verified:
        para += to_verify_mark()
        para += nodes.Text(" ")
    para += nodes.Text(f"{localized(framework.publisher, language)}, ")
    para += nodes.emphasis("", localized(framework.title, language))
    para += nodes.Text(f", {framework.year}.")
    if framework.url:
        para += nodes.Text(" ")
        para += nodes.reference("", framework.url, refuri=framework.url)
        para += nodes.Text(".")
    return para


def framework_page(framework: Framework, domain: LessonkitDomain, env: BuildEnvironment, band_order: list[str],
                   language: str) -> list[nodes.Node]:
    """A framework's page: its document, then one section per grade listing each expectation and its lessons."""
    found: list[nodes.Node] = [framework_description(framework, language)]
    lessons = sorted(domain.lessons.values(), key=lambda info: (
        band_order.index(info.band) if info.band in band_order else len(band_order), info.order, info.docname))
    for grade in sorted({e.grade for e in framework.expectations}):
        expectations = [e for e in framework.expectations if e.grade == grade]
        section = nodes.section(ids=[f"lk-grade-{framework.id}-{grade}"], classes=["lk-framework-grade"])
        section += nodes.title("", grade_label(expectations[0], language))
        items = nodes.bullet_list(classes=["lk-expectations"])
        for expectation in expectations:
            item = nodes.list_item()
            head = nodes.paragraph(classes=["lk-expectation"])
            head += nodes.strong("", expectation.code, classes=["lk-expectation-code"])
            if strand := localized(expectation.strand, language):
                head += nodes.Text(f" · {strand}")
            if not expectation.verified:
                head += nodes.Text(" ")
                head += to_verify_mark()
            item += head
            item += nodes.paragraph("", localized(expectation.text, language))
            item += _lessons_meeting(expectation, lessons, env)
            items += item
        section += items
        found.append(section)
    return found


def _lessons_meeting(expectation: Expectation, lessons: list[LessonInfo], env: BuildEnvironment) -> nodes.paragraph:
    meeting = [info for info in lessons if expectation.code in info.outcomes]
    para = nodes.paragraph(classes=["lk-framework-lessons"])
    if not meeting:
        para += nodes.emphasis("", labels.word("No lesson yet"))
        return para
    para += nodes.Text(labels.word("Lessons:") + " ")
    for number, info in enumerate(meeting):
        if number:
            para += nodes.Text(", ")
        title = env.titles.get(info.docname)
        para += doc_link(info.docname, nodes.Text(title.astext() if title else info.id))
    return para


def band_check(block: lk.lesson_block, ref: lk.band_check_ref, questions: list[nodes.Node],
               minutes: int | None) -> None:
    """Fill a place for the band's check: its title and minutes, then each question with lines to answer on."""
    title = labels.word(CHECK_TITLES[ref["position"]])
    block.insert(0, lk.block_title(title, title))
    if minutes:
        block["duration"] = minutes
    copies = [question.deepcopy() for question in questions]
    for listing in copies:
        for item in listing.findall(nodes.list_item):
            if isinstance(item.parent, nodes.enumerated_list) and item.parent in copies:
                item += lk.answer_lines(lines=ANSWER_LINES_PER_QUESTION)
    ref.replace_self(copies)


def band_check_mention(position: str) -> nodes.paragraph:
    """The teacher guide's line about the check printed at the start (or end) of the handout."""
    if position == "before":
        text = labels.word("The handout starts with the band's check: “{title}”")
    else:
        text = labels.word("The handout ends with the band's check: “{title}”")
    return nodes.paragraph("", text.format(title=labels.word(CHECK_TITLES[position])), classes=["lk-band-check-note"])
