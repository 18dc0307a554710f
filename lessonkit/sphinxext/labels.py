"""The tool's own words, in the language of the build (lessonkit's message catalog)."""

from __future__ import annotations

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


def band_label(settings: KitSettings, band: str) -> str:
    return str(_("Ages {ages}")).format(ages=settings.band(band).ages)


def grades_label(settings: KitSettings, band: str, language: str) -> str:
    return text(settings.band(band).grades, language)


def topic_label(settings: KitSettings, topic: str, language: str) -> str:
    return text(settings.topics.get(topic, topic), language)


def minutes(value: int) -> str:
    return str(_("{n} min")).format(n=value)


def duration_label(value: int) -> str:
    return str(_("{n} minutes")).format(n=value)


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
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


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
