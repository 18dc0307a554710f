"""Which help resources each band's students see, and where families find help.

``source/get-help.md`` keeps the help resources once. An item of its lists may carry an
``{ages}`11-17``` mark: a student-facing list (the handout, the lesson page, the family
letter) of a band whose ``ages`` setting (``lessonkit_bands``) does not meet that range leaves
the item out; the teacher guide keeps it. The mark says who is shown the item, not who the
service serves: 9-8-8 answers everyone, and a board may still keep it off a nine-year-old's
handout. Its ``family-help`` text speaks to parents and guardians; without one, the family
letter falls back to the children's list and ``lessonkit check`` says so.
"""

from __future__ import annotations

import re
from pathlib import Path

from lessonkit.lesson import LessonError, read_text
from lessonkit.problem import Problem

AGES_ROLE = "ages"
FAMILY_HELP_TEXT = "family-help"
HELP_PAGE = "source/get-help.md"
OLDEST = 99  # "13+" reaches every age after 13

_RANGE = re.compile(r"^\s*(\d{1,2})\s*(?:[–—-]\s*(\d{1,2})|(\+))?\s*$")
_MARK = re.compile(r"\{" + AGES_ROLE + r"\}`([^`]*)`")
_FAMILY_TEXT = re.compile(r"^\s*:{3,}\s*\{(?:lk-)?kit-text\}\s+" + FAMILY_HELP_TEXT + r"\s*$", re.MULTILINE)


def age_range(text: str) -> tuple[int, int] | None:
    """``"11-17"``, ``"8–10"`` (a band's ages), ``"13+"`` or ``"9"`` as (first, last) years; None if unreadable."""
    found = _RANGE.match(text)
    if found is None:
        return None
    first = int(found.group(1))
    last = OLDEST if found.group(3) else int(found.group(2) or first)
    return (first, last) if first <= last else None


def suits(mark: str, band_ages: str) -> bool:
    """Whether an item marked for ``mark`` is shown to a band of ``band_ages``: their ranges meet.

    An unreadable band age shows every item (nothing is hidden by a typo); the check reports a bad mark.
    """
    wanted, band = age_range(mark), age_range(band_ages)
    if wanted is None or band is None:
        return True
    return wanted[0] <= band[1] and band[0] <= wanted[1]


def help_marks_problems(root: Path) -> list[Problem]:
    """The help page's ``{ages}`` marks are readable; it has help written for families."""
    path = root / HELP_PAGE
    if not path.is_file():
        return []
    try:
        text = read_text(path, HELP_PAGE)
    except LessonError:
        return []  # an unreadable page is reported by the review check (reviews.py)
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        for found in _MARK.finditer(line):
            if age_range(found.group(1)) is None:
                problems.append(Problem(
                    HELP_PAGE, number, "help-ages-invalid",
                    f"the mark {found.group()} names no ages; write the youngest and oldest students who see the "
                    "item, e.g. {ages}`11-17`, or {ages}`13+`"))
    if _FAMILY_TEXT.search(text) is None:
        problems.append(Problem(
            HELP_PAGE, 1, "family-help-missing",
            "the help page has no help written for parents and guardians, so family letters print the "
            "children's list ('if you are in danger…'); add a '::::{kit-text} family-help' block to it, "
            "as the starter's source/get-help.md does", "warning"))
    return problems
