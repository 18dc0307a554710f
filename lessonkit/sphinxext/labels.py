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
    return KitSettings.from_values({name: config[f"lessonkit_{name}"] for name in KitSettings.defaults()})


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


# Words used by the HTML and PDF writers, kept here so that the catalog has them all.
TEACHER_ONLY = "Teacher only"


def word(message: str) -> str:
    return str(_(message))
