"""The curriculum's family letters, read in their sources and catalogs: sent before the lesson, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(path for path in (ROOT / "lessons").glob("ages-*/*.md") if path.name != "index.md")
LETTER = re.compile(r"^:::\{family-letter\}\n(.*?)\n:::$", re.S | re.M)


def letter_of(lesson: Path) -> str:
    found = LETTER.search(lesson.read_text(encoding="utf-8"))
    assert found is not None, lesson
    return found.group(1)


def test_every_band_has_its_four_lessons() -> None:
    assert len(LESSONS) == 16


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.stem)
def test_a_letter_is_right_when_sent_before_the_lesson_in_both_languages(lesson: Path) -> None:
    letter = letter_of(lesson)
    assert "In an upcoming lesson, our class will" in letter
    assert not re.search(r"\b(Today|today's lesson|learned today|we talked)\b", letter)
    catalog = polib.pofile(str(ROOT / "locale" / "fr" / "LC_MESSAGES" / "lessons" / lesson.parent.name
                               / f"{lesson.stem}.po"))
    opening = next(entry for entry in catalog if entry.msgid.startswith("In an upcoming lesson"))
    assert opening.msgstr.startswith("Lors d’une prochaine leçon, notre classe va") and not opening.fuzzy
    # no line for a name or a signature typed in: lessonkit adds them to every letter
    assert "Signature" not in letter and "____" not in letter
