"""Which help items each band's students see: the ``{ages}`` marks of source/get-help.md against a band's ages."""

from __future__ import annotations

import pytest

from lessonkit.helpbands import age_range, suits


@pytest.mark.parametrize(("written", "read"), [
    ("13-17", (13, 17)), ("8–10", (8, 10)), (" 11 - 17 ", (11, 17)), ("13+", (13, 99)), ("9", (9, 9)),
    ("teens", None), ("17-13", None), ("", None),
])
def test_ages_are_read_as_a_band_writes_them_or_as_a_mark_does(written: str, read: tuple[int, int] | None) -> None:
    assert age_range(written) == read


@pytest.mark.parametrize(("mark", "band", "shown"), [
    ("13-17", "8–10", False),  # NeedHelpNow.ca is not on a nine-year-old's handout
    ("13-17", "11–13", True),  # the band's thirteen-year-olds
    ("13-17", "14–17", True),
    ("11-17", "5–7", False),   # 9-8-8 on the children's lists
    ("11+", "14–17", True),
    ("13-17", "Primary", True),  # a band whose ages cannot be read hides nothing
])
def test_an_item_is_shown_to_a_band_whose_ages_meet_its_mark(mark: str, band: str, shown: bool) -> None:
    assert suits(mark, band) is shown
