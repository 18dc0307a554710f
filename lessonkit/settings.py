"""The settings a curriculum declares in its ``conf.py``, with defaults and validation."""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

# A display text: one string translated through lessonkit's catalog, or one string per language.
Text = str | dict[str, str]


def localized(value: Text, language: str) -> str:
    """A text written once, or once per language: the reader's, else English, else any."""
    if isinstance(value, dict):
        return value.get(language) or value.get("en") or next(iter(value.values()), "")
    return str(value)


def as_text(value: object) -> Text:
    """A text field as read from YAML: one string, or one string per language."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return "" if value is None else str(value)

DEFAULT_BANDS: dict[str, dict[str, Any]] = {
    "ages-5-7": {"ages": "5–7", "grades": "Kindergarten to Grade 2", "colour": "#1f7a5c"},
    "ages-8-10": {"ages": "8–10", "grades": "Grades 3 to 5", "colour": "#1d5fa8"},
    "ages-11-13": {"ages": "11–13", "grades": "Grades 6 to 8", "colour": "#7a3ea1"},
    "ages-14-17": {"ages": "14–17", "grades": "Grades 9 to 12", "colour": "#a8431d"},
}

DEFAULT_TOPICS: dict[str, Text] = {
    "body-autonomy": "Body autonomy",
    "trusted-adults": "Trusted adults",
    "privacy": "Privacy",
    "grooming": "Grooming",
    "livestreaming": "Livestreaming",
    "sextortion": "Sextortion",
    "image-sharing": "Image sharing",
    "reporting": "Reporting",
    "bystanders": "Bystanders",
    "relationships": "Relationships",
    "law": "The law",
}

# Phrases the content guide rules out; each with the reason given to the writer.
DEFAULT_RULED_OUT: dict[str, str] = {
    "stranger danger": "teach warning signs of behaviour, not 'stranger danger'",
    "child pornography": "say 'child sexual abuse and exploitation material' (Bill C-291)",
    "kiddie porn": "say 'child sexual abuse and exploitation material'",
    "should have known": "never blame the child",
    "don't be stupid": "never blame the child",
    "your own fault": "never blame the child",
    "asking for it": "never blame the child",
    "just don't send": "no abstinence-only messaging about images",
    "pornographie juvénile": "dites « matériel d'abus et d'exploitation pédosexuels »",
    "danger des inconnus": "enseignez les signes de comportement, pas la peur des inconnus",
    "aurais dû savoir": "ne jamais blâmer l'enfant",
    "de ta faute": "ne jamais blâmer l'enfant (sauf « ce n'est pas de ta faute »)",
}

# Each language's name in itself, for the switcher and the chooser (a code not listed shows as its code).
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية", "fa": "فارسی",
                  "ur": "اردو", "he": "עברית", "pa": "ਪੰਜਾਬੀ", "zh": "中文", "ta": "தமிழ்", "hi": "हिन्दी",
                  "pt": "Português", "tl": "Tagalog", "so": "Soomaali", "uk": "Українська"}

def direction_attribute(language: str) -> str:
    """`` dir="rtl"`` for a right-to-left language named in a left-to-right page, else nothing."""
    return ' dir="rtl"' if direction(language) == "rtl" else ""


# Languages written right to left (ISO 639-1 or -3 codes, with or without a region).
RIGHT_TO_LEFT = frozenset({"ar", "fa", "ur", "he", "yi", "ps", "sd", "ug", "ckb", "dv", "syr"})


def direction(language: str) -> str:
    """'rtl' for a language written right to left (Arabic, Persian, Urdu, Hebrew...), else 'ltr'."""
    return "rtl" if language.replace("-", "_").split("_")[0] in RIGHT_TO_LEFT else "ltr"


# The pages of a family language's edition, besides the family letters: read by families.
DEFAULT_FAMILY_PAGES = ("source/families", "source/get-help", "source/disclosure")
FULL, FAMILY = "full", "family"
_LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2}|-[a-z]{2,4})?$")

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class SettingsError(ValueError):
    """A setting in conf.py has the wrong shape; the message says which and how to fix it."""


@dataclass(frozen=True)
class Band:
    id: str
    ages: str
    grades: Text
    colour: str


@dataclass(frozen=True)
class KitSettings:
    """Every ``lessonkit_*`` value of conf.py (the name here, without the prefix)."""

    languages: list[str] = field(
        default_factory=lambda: ["en", "fr"],
        metadata={"help": "languages of every page, lesson and PDF; the first is the source language"},
    )
    family_languages: list[str] = field(
        default_factory=list,
        metadata={"help": "languages of the family edition only: the family letters and the family pages"},
    )
    family_pages: list[str] = field(
        default_factory=lambda: list(DEFAULT_FAMILY_PAGES),
        metadata={"help": "the pages a family language has besides the letters (documents, without .md)"},
    )
    letter_pairs: list[list[str]] = field(
        default_factory=list,
        metadata={"help": "bilingual letters: [school, home] pairs, e.g. [['fr', 'ar']]; empty: first + family"},
    )
    fonts: dict[str, str] = field(
        default_factory=dict,
        metadata={"help": "font files for scripts no font package covers: {'pa': 'fonts/Gurmukhi.ttf'}"},
    )
    bands: dict[str, dict[str, Any]] = field(
        default_factory=lambda: dict(DEFAULT_BANDS),
        metadata={"help": "age bands: id -> {ages, grades, colour}"},
    )
    topics: dict[str, Text] = field(
        default_factory=lambda: dict(DEFAULT_TOPICS),
        metadata={"help": "topics: id -> display name"},
    )
    board_name: str = field(
        default="", metadata={"help": "the school board's name, shown in headers and letters"}
    )
    board_logo: str = field(
        default="", metadata={"help": "path of the board's logo (PNG or JPEG), from conf.py"}
    )
    paper_size: str = field(default="letter", metadata={"help": "PDF paper: 'letter' or 'a4'"})
    audience: str = field(
        default="teacher",
        metadata={"help": "'teacher' (everything) or 'student' (no teacher-only blocks)"},
    )
    fast_parser: bool = field(
        default=True,
        metadata={"help": "parse Markdown with lessonkit's faster MyST parser (same output as MyST's)"},
    )
    pdf_links: bool = field(
        default=False,
        metadata={"help": "link the HTML pages to their PDFs (lessonkit build sets it when it builds PDFs)",
                  "rebuild": "html"},
    )
    bilingual_letters: bool = field(
        default=False,
        metadata={"help": "link lesson pages to the bilingual family letters (set by lessonkit build)",
                  "rebuild": "html"},
    )
    large_print: bool = field(
        default=False,
        metadata={"help": "also write large-print (18 pt) handouts and family letters",
                  "rebuild": "html"},
    )
    strict_translations: bool = field(
        default=False,
        metadata={"help": "refuse to build a language whose catalogs are incomplete or fuzzy"},
    )
    frameworks: list[str] = field(
        default_factory=list,
        metadata={"help": "frameworks to show (files in frameworks/, without .yaml); empty: all"},
    )
    source_max_age_months: int = field(
        default=24,
        metadata={"help": "months before a source's 'checked' date goes stale (lessonkit check then warns)"},
    )
    signing_key: str = field(
        default="",
        metadata={"help": "the board's Ed25519 public key (path from conf.py); verify checks signatures with it",
                  "rebuild": ""},
    )
    ruled_out_phrases: dict[str, str] = field(
        default_factory=lambda: dict(DEFAULT_RULED_OUT),
        metadata={"help": "phrases lessonkit check refuses: phrase -> reason"},
    )

    @classmethod
    def from_namespace(cls, namespace: dict[str, Any]) -> KitSettings:
        """Read the ``lessonkit_*`` names of a conf.py namespace and validate them."""
        settings = cls.from_values({
            f.name: namespace[f"lessonkit_{f.name}"]
            for f in fields(cls)
            if f"lessonkit_{f.name}" in namespace
        })
        settings.validate()
        return settings

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> KitSettings:
        """Settings from name -> value; ``languages`` may give each language's scope (a dict)."""
        if isinstance(values.get("languages"), dict):
            values = {**values, **split_scopes(values["languages"], values.get("family_languages", []))}
        return cls(**values)

    @property
    def all_languages(self) -> list[str]:
        """Every language the kit is built in: the full ones, then the family ones."""
        return [*self.languages, *(code for code in self.family_languages if code not in self.languages)]

    def bilingual_pairs(self, built: list[str]) -> list[tuple[str, str]]:
        """The (school, home) letters to make of the languages ``built``: the pairs conf.py names, else
        each family language beside the first language."""
        pairs = [(school, home) for school, home in self.letter_pairs] or \
            [(self.languages[0], home) for home in self.family_languages]
        return [(school, home) for school, home in pairs if school in built and home in built]

    def scope(self, language: str) -> str:
        """'full' (every page, lesson and PDF) or 'family' (the letters and the family pages)."""
        return FAMILY if language in self.family_languages and language not in self.languages else FULL

    def in_scope(self, language: str, docname: str) -> bool:
        """Whether ``language``'s edition has a page for ``docname`` (its letter, for a lesson)."""
        return self.scope(language) == FULL or docname in self.family_pages

    @classmethod
    def rebuild(cls, name: str) -> str:
        """What Sphinx must redo when the setting changes: re-read ('env') or rewrite ('html')."""
        return next(f.metadata.get("rebuild", "env") for f in fields(cls) if f.name == name)

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        """Name -> default value of every setting, for registering them with Sphinx."""
        return {
            f.name: f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]
            for f in fields(cls)
        }

    def validate(self) -> None:
        if not self.languages or not all(isinstance(x, str) for x in self.languages):
            raise SettingsError("lessonkit_languages must be a list of language codes, e.g. ['en', 'fr'], or "
                                "code -> scope, e.g. {'en': 'full', 'fr': 'full', 'ar': 'family'}")
        for code in [*self.languages, *self.family_languages]:
            if not isinstance(code, str) or not _LANGUAGE.match(code):
                raise SettingsError(f"lessonkit_languages: {code!r} is not a language code (ISO 639, "
                                    "e.g. 'fr', 'ar', 'pa' or 'pt_BR')")
        if not isinstance(self.fonts, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                         for k, v in self.fonts.items()):
            raise SettingsError("lessonkit_fonts must map a language (or a script) to a font file beside conf.py, "
                                "e.g. {'pa': 'fonts/NotoSansGurmukhi.ttf'}")
        declared = self.all_languages
        for pair in self.letter_pairs if isinstance(self.letter_pairs, list) else [None]:
            if not (isinstance(pair, list | tuple) and len(pair) == 2 and all(code in declared for code in pair)
                    and pair[0] != pair[1]):
                raise SettingsError(f"lessonkit_letter_pairs: {pair!r} is not a pair of two languages of "
                                    f"lessonkit_languages ({', '.join(declared)}): the school's language, then the "
                                    "home language, e.g. lessonkit_letter_pairs = [['fr', 'ar']]")
        if not isinstance(self.family_pages, list) or not all(isinstance(x, str) for x in self.family_pages):
            raise SettingsError("lessonkit_family_pages must be a list of documents, e.g. ['source/families']")
        if not isinstance(self.bands, dict) or not self.bands:
            raise SettingsError("lessonkit_bands must be a non-empty dict of band id -> settings")
        for band_id, band in self.bands.items():
            if not _ID.match(band_id):
                raise SettingsError(f"lessonkit_bands: {band_id!r} is not a valid id (a-z, 0-9, '-')")
            if not isinstance(band, dict) or not {"ages", "grades"} <= band.keys():
                raise SettingsError(f"lessonkit_bands[{band_id!r}] needs 'ages' and 'grades'")
            if not _COLOUR.match(band.get("colour", "#000000")):
                raise SettingsError(f"lessonkit_bands[{band_id!r}]['colour'] must look like '#1f7a5c'")
        for topic_id in self.topics:
            if not _ID.match(topic_id):
                raise SettingsError(f"lessonkit_topics: {topic_id!r} is not a valid id (a-z, 0-9, '-')")
        if self.paper_size not in ("letter", "a4"):
            raise SettingsError("lessonkit_paper_size must be 'letter' or 'a4'")
        if not isinstance(self.frameworks, list) or not all(isinstance(x, str) and _ID.match(x)
                                                             for x in self.frameworks):
            raise SettingsError("lessonkit_frameworks must be a list of framework ids (the names of the files in "
                                "frameworks/ without .yaml), e.g. ['on-hpe-1-8-2019']")
        if self.audience not in ("teacher", "student"):
            raise SettingsError("lessonkit_audience must be 'teacher' or 'student'")
        if not isinstance(self.signing_key, str):
            raise SettingsError(f"lessonkit_signing_key must name the board's public key file, relative to conf.py, "
                                f"e.g. lessonkit_signing_key = 'keys/board.pub'; not {self.signing_key!r}")
        months = self.source_max_age_months
        if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 240:
            raise SettingsError(f"lessonkit_source_max_age_months must be a whole number of months from 1 to 240, "
                                f"not {months!r}, e.g. lessonkit_source_max_age_months = 24")

    def band(self, band_id: str) -> Band:
        data = self.bands[band_id]
        return Band(band_id, data["ages"], data["grades"], data.get("colour", "#444444"))


def split_scopes(scopes: dict[str, str], family: list[str]) -> dict[str, list[str]]:
    """``{'en': 'full', 'ar': 'family'}`` as the full languages and the family languages."""
    bad = {code: scope for code, scope in scopes.items() if scope not in (FULL, FAMILY)}
    if bad:
        code, scope = next(iter(bad.items()))
        raise SettingsError(f"lessonkit_languages[{code!r}] is {scope!r}; a language's scope is 'full' "
                            "(every page, lesson and PDF) or 'family' (the family letters and pages)")
    full = [code for code, scope in scopes.items() if scope == FULL]
    if not full:
        raise SettingsError("lessonkit_languages needs at least one 'full' language: the first is the "
                            "language the lessons are written in")
    return {"languages": full,
            "family_languages": [*family, *(code for code, scope in scopes.items() if scope == FAMILY)]}
