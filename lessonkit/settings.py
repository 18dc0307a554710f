"""The settings a curriculum declares in its ``conf.py``, with defaults and validation."""

from __future__ import annotations

import difflib
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

def _numbered(first: int, last: int, english: str, french: str, prefix: str = "") -> dict[str, dict[str, str]]:
    return {f"{prefix}{n}": {"en": english.format(n=n, roman=_ROMAN[n]),
                             "fr": french.format(n=n, e="re" if n == 1 else "e")}
            for n in range(first, last + 1)}


_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# The school systems whose grades every band shows: each grade by its id, named in each language.
DEFAULT_SCHOOL_SYSTEMS: dict[str, dict[str, Any]] = {
    "ontario": {"name": {"en": "Ontario", "fr": "Ontario"},
                "grades": {"k": {"en": "Kindergarten", "fr": "maternelle"},
                           **_numbered(1, 12, "Grade {n}", "{n}{e} année")}},
    "quebec": {"name": {"en": "Quebec", "fr": "Québec"},
               "grades": {"k": {"en": "Kindergarten", "fr": "maternelle"},
                          **_numbered(1, 6, "Grade {n}", "{n}{e} année"),
                          **_numbered(1, 5, "Secondary {roman}", "secondaire {n}", prefix="s")}},
}

DEFAULT_BANDS: dict[str, dict[str, Any]] = {
    "ages-5-7": {"ages": "5–7", "grades": "Kindergarten to Grade 2", "colour": "#1f7a5c",
                 "school_grades": {"ontario": ["k", "1", "2"], "quebec": ["k", "1", "2"]}},
    "ages-8-10": {"ages": "8–10", "grades": "Grades 3 to 5", "colour": "#1d5fa8",
                  "school_grades": {"ontario": ["3", "4", "5"], "quebec": ["3", "4", "5"]}},
    "ages-11-13": {"ages": "11–13", "grades": "Grades 6 to 8", "colour": "#7a3ea1",
                   "school_grades": {"ontario": ["6", "7", "8"], "quebec": ["6", "s1", "s2"]}},
    "ages-14-17": {"ages": "14–17", "grades": "Grades 9 to 12", "colour": "#a8431d",
                   "school_grades": {"ontario": ["9", "10", "11", "12"], "quebec": ["s3", "s4", "s5"]}},
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


SHORT_NAME_LIMIT = 30
# The settings that are display texts: one string, or one string per language.
TEXT_SETTINGS = frozenset({"board_name", "board_short_name", "footer"})
_KINDS = {bool: "True or False", int: "a whole number", str: "a text in quotes", list: "a list [...]",
          dict: "a dict {...}"}


def _texts(value: Text) -> dict[str, str]:
    return value if isinstance(value, dict) else {"": value}


def _check_text(name: str, value: object, languages: list[str]) -> None:
    if isinstance(value, str):
        return
    example = f"{name} = {{'en': '...', 'fr': '...'}}"
    if not isinstance(value, dict) or not value:
        raise SettingsError(f"{name} must be a text in quotes, or one text per language ({example}); "
                            f"not {type(value).__name__} {value!r}")
    for language, text in value.items():
        if not isinstance(language, str) or language not in languages:
            raise SettingsError(f"{name} has a text for {language!r}, which is not one of lessonkit_languages "
                                f"({', '.join(map(str, languages))}); {example}")
        if not isinstance(text, str):
            raise SettingsError(f"{name}[{language!r}] must be a text in quotes, not {text!r}")


def abbreviation(name: str) -> str:
    """'Ottawa Valley District School Board' -> 'OVDSB': the initials of the words written with a capital,
    of the first name when several are given ('English name / nom français')."""
    first = name.split(" / ")[0]
    initials = "".join(word[0] for word in re.findall(r"[^\W\d_][\w'’-]*", first) if word[0].isupper())
    return initials if len(initials) >= 2 else first


class SettingsError(ValueError):
    """A setting in conf.py has the wrong shape; the message says which and how to fix it."""


@dataclass(frozen=True)
class Band:
    id: str
    ages: str
    grades: Text  # one text for every school system; shown when the band lists no school grades
    colour: str
    school_grades: dict[str, list[str]] = field(default_factory=dict)  # school system -> grade ids


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
        metadata={"help": "age bands: id -> {ages, grades, colour, school_grades: {system -> [grades]}}"},
    )
    school_systems: dict[str, dict[str, Any]] = field(
        default_factory=lambda: dict(DEFAULT_SCHOOL_SYSTEMS),
        metadata={"help": "school systems whose grades bands show: id -> {name, grades: {id -> name}}"},
    )
    topics: dict[str, Text] = field(
        default_factory=lambda: dict(DEFAULT_TOPICS),
        metadata={"help": "topics: id -> display name"},
    )
    board_name: Text = field(
        default="", metadata={"help": "the board's name in headers, letters and covers; one text, or one per language"}
    )
    board_short_name: Text = field(
        default="", metadata={"help": "the board's name in 30 characters at most (a ZIM's title); empty: initials",
                              "rebuild": ""}
    )
    board_logo: str = field(
        default="", metadata={"help": "path of the board's logo (PNG or JPEG), from conf.py"}
    )
    paper_size: str = field(default="letter", metadata={"help": "PDF paper: 'letter' or 'a4'"})
    audience: str = field(
        default="teacher",
        metadata={"help": "'teacher' (everything) or 'student' (no teacher-only blocks)"},
    )
    footer: Text = field(
        default="",
        metadata={"help": "every page's footer, after the copyright: name, licence, contact; '\\n' breaks lines",
                  "rebuild": "html"},
    )
    footer_credits: bool = field(
        default=True,
        metadata={"help": "'Made with Sphinx and Furo' in the footer (linked in the teacher edition only)",
                  "rebuild": "html"},
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
    kit_pages: list[str] = field(
        default_factory=lambda: ["source/disclosure", "source/get-help"],
        metadata={"help": "pages every band kit binds after its lessons (paths without .md); each gets a PDF"},
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
    review_max_age_months: int = field(
        default=24,
        metadata={"help": "months before a lesson's or the help page's 'reviewed' date is stale (check warns)"},
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
        known = {f"lessonkit_{f.name}" for f in fields(cls)}
        for name in namespace:
            if name.startswith("lessonkit_") and name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                raise SettingsError(f"{name} is not a lessonkit setting" + (f"; did you mean {close[0]}?" if close
                                    else "; `lessonkit help settings` lists them"))
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
        self._validate_types()
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
            self._validate_school_grades(band_id, band.get("school_grades", {}))
        for topic_id in self.topics:
            if not _ID.match(topic_id):
                raise SettingsError(f"lessonkit_topics: {topic_id!r} is not a valid id (a-z, 0-9, '-')")
        if self.paper_size not in ("letter", "a4"):
            raise SettingsError("lessonkit_paper_size must be 'letter' or 'a4'")
        if not isinstance(self.kit_pages, list) or not all(isinstance(x, str) and x and not x.endswith(".md")
                                                            for x in self.kit_pages):
            raise SettingsError("lessonkit_kit_pages must be a list of page paths without .md, "
                                "e.g. ['source/disclosure', 'source/get-help']")
        if not isinstance(self.frameworks, list) or not all(isinstance(x, str) and _ID.match(x)
                                                             for x in self.frameworks):
            raise SettingsError("lessonkit_frameworks must be a list of framework ids (the names of the files in "
                                "frameworks/ without .yaml), e.g. ['on-hpe-1-8-2019']")
        if self.audience not in ("teacher", "student"):
            raise SettingsError("lessonkit_audience must be 'teacher' or 'student'")
        if not isinstance(self.signing_key, str):
            raise SettingsError(f"lessonkit_signing_key must name the board's public key file, relative to conf.py, "
                                f"e.g. lessonkit_signing_key = 'keys/board.pub'; not {self.signing_key!r}")
        for name in ("source_max_age_months", "review_max_age_months"):
            months = getattr(self, name)
            if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 240:
                raise SettingsError(f"lessonkit_{name} must be a whole number of months from 1 to 240, "
                                    f"not {months!r}, e.g. lessonkit_{name} = 24")

    def _validate_types(self) -> None:
        """Every setting has the type of its default (or is a text: one string, or one per language)."""
        for item in fields(self):
            value, name = getattr(self, item.name), f"lessonkit_{item.name}"
            default = item.default if item.default is not MISSING else item.default_factory()  # type: ignore[misc]
            if item.name in TEXT_SETTINGS:
                _check_text(name, value, self.languages)
            elif not isinstance(value, type(default)) or (isinstance(value, bool) != isinstance(default, bool)):
                raise SettingsError(f"{name} must be {_KINDS.get(type(default), type(default).__name__)}, "
                                    f"not {type(value).__name__} {value!r}, e.g. {name} = {default!r}")
        for language, short in _texts(self.board_short_name).items():
            if len(short) > SHORT_NAME_LIMIT:
                raise SettingsError(f"lessonkit_board_short_name{f'[{language!r}]' if language else ''} has "
                                    f"{len(short)} characters; keep it to {SHORT_NAME_LIMIT} (a ZIM's title is cut "
                                    "there), e.g. 'OVDSB'")

    def board(self, language: str) -> str:
        """The board's name in ``language``."""
        return localized(self.board_name, language)

    def board_in(self, languages: list[str]) -> str:
        """The board's name in each of ``languages`` (once if written once): 'Name / Nom'."""
        return " / ".join(dict.fromkeys(name for language in languages if (name := self.board(language))))

    def short_board(self, language: str) -> str:
        """The board's name in 30 characters or fewer: the short name, else the name if it fits, else initials."""
        short = localized(self.board_short_name, language)
        if short:
            return short
        name = self.board(language)
        return name if len(name) <= SHORT_NAME_LIMIT else abbreviation(name)[:SHORT_NAME_LIMIT]

    def _validate_school_grades(self, band_id: str, school_grades: object) -> None:
        if not isinstance(self.school_systems, dict) or not all(
                isinstance(system, dict) and isinstance(system.get("grades"), dict)
                for system in self.school_systems.values()):
            raise SettingsError("lessonkit_school_systems must be a dict of system id -> {'name': ..., 'grades': "
                                "{grade id -> name}}, e.g. {'ontario': {'name': 'Ontario', 'grades': "
                                "{'1': {'en': 'Grade 1', 'fr': '1re année'}}}}")
        if not isinstance(school_grades, dict):
            raise SettingsError(f"lessonkit_bands[{band_id!r}]['school_grades'] must be a dict of school system "
                                "-> list of grade ids, e.g. {'ontario': ['3', '4', '5']}")
        for system, grades in school_grades.items():
            known = self.school_systems.get(system)
            if known is None:
                raise SettingsError(f"lessonkit_bands[{band_id!r}]['school_grades'] names the school system "
                                    f"{system!r}, which lessonkit_school_systems does not declare "
                                    f"(declared: {', '.join(self.school_systems)})")
            unknown = [grade for grade in grades if grade not in known["grades"]] if isinstance(grades, list) \
                else [grades]
            if unknown:
                raise SettingsError(f"lessonkit_bands[{band_id!r}]['school_grades'][{system!r}] must list grade ids "
                                    f"of that system; unknown: {', '.join(map(str, unknown))}")

    def band(self, band_id: str) -> Band:
        data = self.bands[band_id]
        return Band(band_id, data["ages"], data["grades"], data.get("colour", "#444444"),
                    dict(data.get("school_grades", {})))

    def grade_ranges(self, band_id: str, language: str) -> list[tuple[str, list[str]]]:
        """(school system's name, names of its grades in this band) for each system the band lists."""
        ranges = []
        for system, grades in self.band(band_id).school_grades.items():
            declared = self.school_systems[system]
            names = [localized(as_text(declared["grades"][grade]), language) for grade in grades]
            ranges.append((localized(as_text(declared.get("name", system)), language), names))
        return ranges


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
