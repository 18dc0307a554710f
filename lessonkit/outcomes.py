"""The classroom rules of ``lessonkit check``: curriculum expectations, rubrics and band checks.

Kept apart from checks.py because they read more than one lesson: the framework files, and
the band pages that hold each band's before / after check.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path

from lessonkit.blocks import BAND_PAGE_BLOCKS
from lessonkit.frameworks import Frameworks, read_frameworks
from lessonkit.lesson import Block, LessonSource, markdown_parser, parse_directive
from lessonkit.problem import Problem
from lessonkit.project import BAND_PAGE, LESSONS_DIR
from lessonkit.settings import KitSettings

RUBRIC_COLUMNS = 5  # the criteria, then four levels
_AGES = re.compile(r"\d+")


def band_grades(settings: KitSettings, band: str) -> tuple[int, int] | None:
    """The grades a band spans, from its ages (grade = age - 5; 0 is kindergarten)."""
    if band not in settings.bands:
        return None
    ages = [int(n) for n in _AGES.findall(str(settings.band(band).ages))]
    if not ages:
        return None
    return max(0, min(ages) - 5), min(12, max(ages) - 5)


def _grade_name(grade: int) -> str:
    return "kindergarten" if grade == 0 else f"grade {grade}"


def check_curriculum(root: Path, settings: KitSettings,
                     lessons: list[tuple[str, LessonSource]]) -> list[Problem]:
    """Every classroom problem of the curriculum at ``root``: frameworks, outcomes, rubrics, band checks."""
    frameworks = read_frameworks(root)
    problems = [*frameworks.problems, *unverified(frameworks), *_unknown_chosen(settings, frameworks)]
    for shown, lesson in lessons:
        problems.extend(check_outcomes(lesson, shown, settings, frameworks))
        problems.extend(check_classroom_blocks(lesson.all_blocks(), shown))
    for band in settings.bands:
        page = root / LESSONS_DIR / band / BAND_PAGE
        if page.is_file():
            problems.extend(check_band_page(page, f"{LESSONS_DIR}/{band}/{BAND_PAGE}"))
    return problems


def unverified(frameworks: Frameworks) -> Iterator[Problem]:
    """One warning per framework file that holds expectations nobody checked against the official text."""
    for framework in frameworks.frameworks.values():
        count = len(framework.unverified())
        if count:
            yield Problem(framework.shown, 1, "framework-unverified",
                          f"{count} expectation(s) are marked to-verify; check each against the official document "
                          "and set 'status: verified'", "warning")


def _unknown_chosen(settings: KitSettings, frameworks: Frameworks) -> Iterator[Problem]:
    for name in settings.frameworks:
        if name not in frameworks.frameworks:
            close = difflib.get_close_matches(name, list(frameworks.frameworks), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            yield Problem("conf.py", 1, "framework-unknown",
                          f"lessonkit_frameworks names '{name}', which is not a file in frameworks/{hint}")


def check_outcomes(lesson: LessonSource, shown: str, settings: KitSettings,
                   frameworks: Frameworks) -> Iterator[Problem]:
    outcomes = lesson.meta.get("outcomes")
    if not isinstance(outcomes, list):
        return  # missing, or reported by the front-matter check
    line = lesson.meta_lines.get("outcomes", 1)
    grades = band_grades(settings, str(lesson.meta.get("band", "")))
    for code in outcomes:
        expectation = frameworks.expectation(str(code))
        if expectation is None:
            close = difflib.get_close_matches(str(code), list(frameworks.by_code), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            yield Problem(shown, line, "outcome-unknown",
                          f"outcome '{code}' is not an expectation of any framework in frameworks/{hint}")
        elif grades is not None and not grades[0] <= expectation.grade <= grades[1]:
            yield Problem(shown, line, "outcome-grade",
                          f"outcome '{code}' is a {_grade_name(expectation.grade)} expectation, outside the band "
                          f"'{lesson.meta.get('band')}' ({_grade_name(grades[0])} to {_grade_name(grades[1])}); "
                          "check the code, or move the lesson to the band of that grade", "warning")


def _table_columns(markdown: str) -> list[int]:
    """The number of columns of each table in ``markdown``."""
    columns, count, in_head = [], 0, False
    for token in markdown_parser().parse(markdown):
        if token.type == "thead_open":
            in_head, count = True, 0
        elif token.type == "th_open" and in_head:
            count += 1
        elif token.type == "thead_close":
            in_head = False
            columns.append(count)
    return columns


def check_classroom_blocks(blocks: list[Block], shown: str) -> Iterator[Problem]:
    for block in blocks:
        if block.name in BAND_PAGE_BLOCKS:
            yield Problem(shown, block.line, "band-check-place",
                          f"a '{block.name}' block belongs in the band's page ({LESSONS_DIR}/<band>/{BAND_PAGE}); "
                          "lessonkit copies it into the band's first and last lessons: move it there")
        elif block.name == "rubric":
            columns = _table_columns(block.content)
            if len(columns) != 1 or columns[0] != RUBRIC_COLUMNS:
                found = ("no table" if not columns else f"{len(columns)} tables" if len(columns) > 1
                         else f"a table of {columns[0]} columns")
                yield Problem(shown, block.line, "rubric-levels",
                              f"a rubric holds one table of {RUBRIC_COLUMNS} columns, the criteria then four levels "
                              f"(| Criteria | Level 1 | Level 2 | Level 3 | Level 4 |); this one has {found}")


def check_band_page(path: Path, shown: str) -> Iterator[Problem]:
    """A band page's before / after check is a numbered list of questions."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # the build reports an unreadable page
    for token in markdown_parser().parse(text):
        if token.type != "colon_fence" or token.info.strip().split(None, 1)[:1] != ["{band-check}"]:
            continue
        line = (token.map[0] if token.map else 0) + 1
        block = parse_directive(token, 0)
        kinds = [t.type for t in markdown_parser().parse(block.content if block else token.content) if t.level == 0]
        if set(kinds) != {"ordered_list_open", "ordered_list_close"} or kinds.count("ordered_list_open") != 1:
            yield Problem(shown, line, "band-check-list",
                          "a band-check holds one numbered list of questions and nothing else "
                          "(1. ... 2. ...); the same questions open the band's first lesson and close its last")
        if block is not None and "duration" not in block.options:
            yield Problem(shown, line, "band-check-duration-missing",
                          "say how long the check takes (':duration: 8' under '{band-check}'): the band's first "
                          "and last lessons then say they take that much longer than their activities",
                          severity="warning")
