"""Review dates: when each lesson, and the page of help lines, was last checked for safety and facts.

A lesson's front matter says when it was reviewed (``reviewed:``) and, if the curriculum records
it, by whom (``reviewed-by:``). ``source/get-help.md`` holds the phone numbers every lesson sends
children to, so it carries the same two keys and goes stale on the same rule: a board must never
ship help lines nobody has checked for years.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

from lessonkit.lesson import LessonError, LessonSource, parse_date, read_text, split_front_matter
from lessonkit.problem import Problem
from lessonkit.sources import months_before

HELP_PAGE = "source/get-help.md"
REVIEWER = "reviewed-by"


def reviewer_problem(meta: dict[str, object], lines: dict[str, int], shown: str) -> Problem | None:
    """``reviewed-by``, when given, is a name or an office written on one line."""
    if REVIEWER not in meta:
        return None
    value = meta[REVIEWER]
    if isinstance(value, str) and value.strip() and "\n" not in value:
        return None
    return Problem(shown, lines.get(REVIEWER, 1), "front-matter-invalid",
                   f"reviewed-by {value!r} must name who reviewed it, on one line, e.g. "
                   "'reviewed-by: Safe Schools Office, Ottawa Valley DSB'")


def _stale(shown: str, line: int, what: str, reviewed: datetime.date, today: datetime.date,
           months: int) -> Iterator[Problem]:
    if reviewed < months_before(today, months):
        yield Problem(shown, line, "review-stale",
                      f"{what} was last reviewed on {reviewed.isoformat()}, more than {months} months ago; have it "
                      f"reviewed again (its facts, its help lines, its safety language), then set 'reviewed: "
                      f"{today.isoformat()}' (lessonkit_review_max_age_months in conf.py sets the limit)", "warning")


def stale_lessons(lessons: list[tuple[str, LessonSource]], today: datetime.date,
                  months: int) -> Iterator[Problem]:
    """A warning for each lesson whose review date is older than ``months`` (an invalid date is reported
    by the front-matter check)."""
    for shown, lesson in lessons:
        reviewed = parse_date(lesson.meta.get("reviewed"))
        if reviewed is not None:
            yield from _stale(shown, lesson.meta_lines.get("reviewed", 1), "this lesson", reviewed, today, months)


def help_page_problems(root: Path, today: datetime.date, months: int) -> list[Problem]:
    """The help page's review: a date is required, written YYYY-MM-DD, and not older than ``months``."""
    path = root / HELP_PAGE
    if not path.is_file():
        return []
    try:
        meta, lines, _ = split_front_matter(read_text(path, HELP_PAGE), HELP_PAGE)
    except LessonError as error:
        if error.problem.code != "front-matter-missing":
            return [error.problem]
        meta, lines = {}, {}
    problems = [p for p in [reviewer_problem(meta, lines, HELP_PAGE)] if p is not None]
    if "reviewed" not in meta:
        return [*problems, Problem(
            HELP_PAGE, 1, "help-page-review-missing",
            "the help page has no review date, and its phone numbers are what every lesson sends children to; "
            "check every number and address, then start the file with '---', 'reviewed: "
            f"{today.isoformat()}' (and 'reviewed-by: WHO' if you record it) and another '---' line")]
    reviewed = parse_date(meta["reviewed"])
    if reviewed is None:
        return [*problems, Problem(HELP_PAGE, lines.get("reviewed", 1), "front-matter-invalid",
                                   f"reviewed {meta['reviewed']!r} must be a date written YYYY-MM-DD")]
    return [*problems, *_stale(HELP_PAGE, lines.get("reviewed", 1), "the help page (its phone numbers)",
                               reviewed, today, months)]
