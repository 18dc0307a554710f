"""The tool's own words, in the language of the build (lessonkit's message catalog)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sphinx.config import Config
from sphinx.locale import get_translation

from lessonkit.blocks import kind_of
from lessonkit.settings import KitSettings, Text

CATALOG = "lessonkit"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_ = get_translation(CATALOG)


def settings_of(config: Config) -> KitSettings:
    """The lessonkit settings held in a Sphinx configuration."""
    return KitSettings.from_values({name: config[f"lessonkit_{name}"] for name in KitSettings.defaults()})


def text(value: Text, language: str) -> str:
    """A display text of conf.py in ``language``."""
    if isinstance(value, dict):
        return value.get(language) or value.get("en") or next(iter(value.values()), "")
    return str(_(value))


def block_label(kind: str) -> str:
    block_kind = kind_of(kind)
    return str(_(block_kind.label)) if block_kind is not None else kind


_AGE_RANGE = re.compile(r"^\s*(\d+)\s*[–-]\s*(\d+)\s*$")


def band_label(settings: KitSettings, band: str) -> str:
    """"Ages 8 to 10" ("De 8 à 10 ans"), as the band pages are titled; "Ages 8+" otherwise."""
    return band_name(settings.band(band).ages, lambda message: str(_(message)))


def band_name(ages: str, translate: Callable[[str], str]) -> str:
    """A band's name from its ages, in the language of ``translate`` (the build's, or a bundle's)."""
    if (both := _AGE_RANGE.match(ages)) is not None:
        return translate("Ages {first} to {last}").format(first=both.group(1), last=both.group(2))
    return translate("Ages {ages}").format(ages=ages)


def grades_label(settings: KitSettings, band: str, language: str) -> str:
    """The band's grades in each school system ("Ontario: Grade 6 to Grade 8 · Quebec: …"), once when
    the systems name them alike; the band's ``grades`` text when it lists no school grades."""
    ranges = settings.grade_ranges(band, language)
    if not ranges:
        return text(settings.band(band).grades, language)
    spans = {name: grade_span(grades) for name, grades in ranges}
    if len(set(spans.values())) == 1:
        return next(iter(spans.values()))
    return " · ".join(str(_("{system}: {grades}")).format(system=name, grades=span) for name, span in spans.items())


def grade_span(grades: list[str]) -> str:
    if len(grades) < 2:
        return grades[0] if grades else ""
    return str(_("{first} to {last}")).format(first=grades[0], last=grades[-1])


def grade_names(settings: KitSettings, band: str, language: str) -> list[str]:
    """Every grade of the band in every school system, once each: what a teacher searches for."""
    return list(dict.fromkeys(name for _system, grades in settings.grade_ranges(band, language) for name in grades))


def topic_label(settings: KitSettings, topic: str, language: str) -> str:
    return text(settings.topics.get(topic, topic), language)


def minutes(value: int) -> str:
    return str(_("{n} min")).format(n=value)


def duration_label(value: int) -> str:
    return str(_("{n} minutes")).format(n=value)


def lesson_duration(duration: int, check_minutes: int = 0) -> str:
    """A lesson's duration, with the minutes of the band's check when the lesson holds it."""
    if check_minutes:
        return str(_("{duration}, plus {minutes} for the band's check")).format(
            duration=duration_label(duration), minutes=minutes(check_minutes))
    return duration_label(duration)


def durations_label(values: list[int]) -> str:
    """"45 minutes", or "30 to 45 minutes" ("de 30 à 45 minutes") when the lessons differ."""
    if not values:
        return ""
    low, high = min(values), max(values)
    return duration_label(low) if low == high else str(_("{low} to {high} minutes")).format(low=low, high=high)


def review_label(date: str, reviewer: str = "") -> str:
    """When a lesson or page was last reviewed, and by whom when the curriculum records it."""
    if reviewer:
        return str(_("{date}, by {reviewer}")).format(date=date, reviewer=reviewer)
    return date


# Words used by the HTML and PDF writers, kept here so that the catalog has them all.
TEACHER_ONLY = "Teacher only"
TEACHER_MARK = "Teacher"  # before teacher-only text inside a block students see


def word(message: str) -> str:
    return str(_(message))


# "four age bands": a word for the numbers a kit has, a figure beyond.
BAND_COUNTS = ("one age band", "two age bands", "three age bands", "four age bands", "five age bands",
               "six age bands", "seven age bands", "eight age bands")


def band_count(count: int) -> str:
    if 1 <= count <= len(BAND_COUNTS):
        return word(BAND_COUNTS[count - 1])
    return word("{n} age bands").format(n=count)


def band_list(settings: KitSettings, bands: list[str]) -> str:
    """'ages 5–7, 8–10 and 11–13' (French: '5–7, 8–10 et 11–13 ans')."""
    ages = [settings.band(band).ages for band in bands]
    listed = ages[0] if len(ages) == 1 else word("{first} and {last}").format(first=", ".join(ages[:-1]),
                                                                            last=ages[-1])
    return word("ages {list}").format(list=listed)
