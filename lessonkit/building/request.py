"""What ``lessonkit build`` was asked for, checked against the project, and the errors it may raise."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lessonkit.problem import Problem
from lessonkit.project import Project
from lessonkit.settings import FAMILY

FORMATS = {"html": "kithtml", "pdf": "kitpdf"}  # format -> the Sphinx builder that makes it


class UsageError(ValueError):
    """The command was asked for something that does not exist (exit code 2)."""


class ContentErrors(Exception):
    """``lessonkit check`` found problems; nothing was built."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the lessons")
        self.problems = problems

    def __reduce__(self) -> tuple[type[ContentErrors], tuple[list[Problem]]]:
        return ContentErrors, (self.problems,)  # the check may run in a process of its own (sidebyside.py)


@dataclass
class BuildRequest:
    languages: list[str] | None = None  # None: every language of conf.py
    formats: list[str] = field(default_factory=lambda: list(FORMATS))
    band: str | None = None
    jobs: int = 1
    audience: str = "teacher"
    strict_translations: bool = False
    large_print: bool = False  # also the large-print handouts and letters (conf.py may ask for them too)
    letter_pairs: list[tuple[str, str]] | None = None  # (school, home) letters; None: lessonkit_letter_pairs


def resolve_request(project: Project, request: BuildRequest) -> BuildRequest:
    """Check the request against the project; fill in the defaults."""
    languages = request.languages or project.settings.all_languages
    unknown = [lang for lang in languages if lang not in project.settings.all_languages]
    if unknown:
        raise UsageError(f"unknown language {', '.join(unknown)}; conf.py declares "
                         f"{', '.join(project.settings.all_languages)} (lessonkit_languages)")
    bad = [f for f in request.formats if f not in FORMATS]
    if bad:
        raise UsageError(f"unknown format {', '.join(bad)}; choose from {', '.join(FORMATS)}")
    if request.band is not None and request.band not in project.settings.bands:
        raise UsageError(f"unknown band {request.band}; conf.py declares {', '.join(project.settings.bands)}")
    if request.audience not in ("teacher", "student"):
        raise UsageError("audience must be 'teacher' or 'student'")
    for pair in request.letter_pairs or []:
        if len(pair) != 2 or pair[0] == pair[1] or not set(pair) <= set(project.settings.all_languages):
            raise UsageError(f"--letter-pair {','.join(pair)}: give the school's language, then the home language, "
                             f"two of {', '.join(project.settings.all_languages)}, e.g. --letter-pair fr,ar")
    return BuildRequest(languages, request.formats, request.band, max(1, request.jobs), request.audience,
                        request.strict_translations, request.large_print, request.letter_pairs)


def doctree_dir(project: Project, language: str, request: BuildRequest) -> Path:
    """One environment per language and edition, kept between builds for speed."""
    name = "-".join(filter(None, [language, request.band, request.audience if request.audience != "teacher" else None]))
    return project.build_dir / ".doctrees" / name


def letter_languages(project: Project, request: BuildRequest) -> tuple[list[str], list[tuple[str, str]]]:
    """The full languages the request builds, and the (school, home) letter pairs they allow."""
    languages = request.languages or []
    full = [language for language in languages if project.settings.scope(language) != FAMILY]
    if request.letter_pairs is None:
        return full, project.settings.bilingual_pairs(languages)
    return full, [(school, home) for school, home in request.letter_pairs if {school, home} <= set(languages)]


def config_overrides(project: Project, request: BuildRequest) -> dict[str, object]:
    """The settings of conf.py that the request replaces, for every Sphinx run of the build."""
    overrides: dict[str, object] = {"lessonkit_audience": request.audience}
    if request.strict_translations:
        overrides["lessonkit_strict_translations"] = True
    if request.large_print:
        overrides["lessonkit_large_print"] = True
    if "pdf" in request.formats:
        overrides["lessonkit_pdf_links"] = True
        overrides["lessonkit_bilingual_letters"] = len(letter_languages(project, request)[0]) > 1
    return overrides


def family_site(project: Project) -> dict[str, object]:
    """The Sphinx settings that make a site of the family pages only."""
    pages = project.settings.family_pages
    return {"include_patterns": [f"{page}.md" for page in pages], "root_doc": pages[0],
            "suppress_warnings": [*project.namespace.get("suppress_warnings", []), "toc.excluded", "toc.not_included"]}
