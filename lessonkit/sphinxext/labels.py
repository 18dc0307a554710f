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
    return KitSettings(**{name: config[f"lessonkit_{name}"] for name in KitSettings.defaults()})


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


# Words used by the HTML and PDF writers, kept here so that the catalog has them all.
TEACHER_ONLY = "Teacher only"
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


def word(message: str) -> str:
    return str(_(message))
