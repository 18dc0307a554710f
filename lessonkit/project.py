"""A curriculum project: the folder that holds ``conf.py``, its settings and its lessons."""

from __future__ import annotations

import dataclasses
import datetime
import os
import runpy
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lessonkit.problem import Problem
from lessonkit.settings import KitSettings, SettingsError

if TYPE_CHECKING:
    from lessonkit.lesson import LessonSource
    from lessonkit.sources import Sources

LESSONS_DIR = "lessons"
PAGES_DIR = "source"
BAND_PAGE = "index.md"


class ProjectError(Exception):
    """The project cannot be used as it is; the message says why and how to fix it."""


@dataclass(frozen=True)
class Project:
    root: Path
    settings: KitSettings
    namespace: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.namespace.get("project") or self.root.name)

    @property
    def version(self) -> str:
        return str(self.namespace.get("release") or self.namespace.get("version") or "0")

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    def shown(self, path: Path) -> str:
        """A path as the user should see it in messages: relative to the project."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def locale_dir(self, language: str) -> Path:
        """The folder of one language's catalogs: locale/<language>/LC_MESSAGES."""
        dirs = self.namespace.get("locale_dirs", ["locale"])
        return self.root / dirs[0] / language / "LC_MESSAGES"

    def lesson_files(self, band: str | None = None) -> list[Path]:
        base = self.root / LESSONS_DIR
        folders = [base / band] if band else sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
        return sorted(
            path for folder in folders for path in folder.glob("*.md") if path.name != BAND_PAGE
        )

    def page_files(self) -> list[Path]:
        """The pages around the lessons: everything under source/, and each band's page."""
        pages = sorted((self.root / PAGES_DIR).rglob("*.md")) if (self.root / PAGES_DIR).is_dir() else []
        base = self.root / LESSONS_DIR
        bands = sorted(p / BAND_PAGE for p in base.iterdir() if (p / BAND_PAGE).is_file()) if base.is_dir() else []
        return pages + bands

    def check(self, strict: bool = False,
              today: datetime.date | None = None) -> tuple[list[LessonSource], list[Problem]]:
        """Check every lesson, page, catalog, source and glossary; return the readable lessons and every
        problem found (warnings too: ``strict`` makes them errors).

        Files unchanged since the last check are not read again (see ``lessonkit.checkcache``); the
        age of the sources and of the reviews depends on ``today`` (default: the real today) and is never cached.
        """
        # Imported here: the checks load the Markdown parser and YAML, which a build with nothing
        # to do, or one that checks while the languages start (lanes.py), should not wait for.
        from lessonkit.catalogcheck import check_catalogs
        from lessonkit.checkcache import CACHE_FILE, CheckCache, context_digest
        from lessonkit.checks import check_layout, check_lesson, check_page, check_unique_ids
        from lessonkit.glossary import read_glossary
        from lessonkit.helpbands import help_marks_problems
        from lessonkit.outcomes import check_curriculum
        from lessonkit.pagelinks import broken_links, missing_toctree_entries, read_page_links, read_toctree_entries
        from lessonkit.pdf.scripts import LATIN, script_of
        from lessonkit.reviews import help_page_problems, stale_lessons
        from lessonkit.sources import SOURCES_FILE, read_sources
        from lessonkit.textchecks import TextRules

        cache = CheckCache(self.build_dir / CACHE_FILE, context_digest(self.root, self.build_dir, self.settings))
        sources = read_sources(self.root)
        glossaries = {language: read_glossary(self.root, language) for language in self.settings.all_languages}
        problems: list[Problem] = [*sources.problems, *(p for g in glossaries.values() for p in g.problems)]
        problems.extend(self._source_warnings(sources, strict, today or datetime.date.today()))
        keys, source_language = frozenset(sources.entries), self.settings.languages[0]
        rules = TextRules(keys, (self.root / SOURCES_FILE).is_file(), glossaries[source_language])
        # In lessons the ruled-out phrases are reported by their own rule, with its reason.
        lesson_rules = dataclasses.replace(rules, ignore=frozenset(
            " ".join(phrase.replace("’", "'").lower().split()) for phrase in self.settings.ruled_out_phrases))
        lessons: list[tuple[str, LessonSource]] = []
        for path in self.lesson_files():
            shown = self.shown(path)
            lesson, found = cache.result("lesson", path, shown,
                                         partial(check_lesson, path, shown, self.settings, self.root, lesson_rules))
            problems.extend(found)
            if lesson is not None:
                lessons.append((shown, lesson))
        problems.extend(check_unique_ids(lessons))
        # Like the sources' age, the reviews' age depends on today: never cached.
        day = today or datetime.date.today()
        problems.extend(stale_lessons(lessons, day, self.settings.review_max_age_months))
        problems.extend(help_page_problems(self.root, day, self.settings.review_max_age_months))
        problems.extend(help_marks_problems(self.root))
        problems.extend(check_layout(self.root, LESSONS_DIR, PAGES_DIR))
        problems.extend(check_curriculum(self.root, self.settings, lessons))
        documents = frozenset(Path(os.path.normpath(path)) for path in [*self.lesson_files(), *self.page_files()])
        for path in self.page_files():
            shown = self.shown(path)
            problems.extend(cache.result("page", path, shown, partial(check_page, path, shown, rules)))
        # Whether a link leads to a page depends on the other files: only the links are cached.
        for path in [lesson.path for _, lesson in lessons] + self.page_files():
            shown = self.shown(path)
            links = cache.result("page-links", path, shown, partial(read_page_links, path))
            problems.extend(broken_links(shown, path, links, self.root, documents))
        for path in self.page_files():
            shown = self.shown(path)
            entries = cache.result("toctree-entries", path, shown, partial(read_toctree_entries, path))
            problems.extend(missing_toctree_entries(shown, path, entries, self.root, documents))
        for band in self.settings.bands:
            if (self.root / LESSONS_DIR / band).is_dir() and not (self.root / LESSONS_DIR / band / BAND_PAGE).is_file():
                problems.append(Problem(f"{LESSONS_DIR}/{band}/{BAND_PAGE}", 1, "band-page-missing",
                                        f"band '{band}' has no page; create {LESSONS_DIR}/{band}/{BAND_PAGE} "
                                        "with a title and a ':::{lesson-list}' block"))
        for language in self.settings.all_languages[1:]:
            font_problem = self.script_font_problems([language])
            problems.extend(font_problem)
            glyphs = not font_problem and script_of(language) == LATIN  # else: one problem, or its own face
            problems.extend(check_catalogs(self.locale_dir(language), language, self.root, cache,
                                           dataclasses.replace(rules, glossary=glossaries[language], glyphs=glyphs)))
        cache.save()
        if strict:  # every warning (sources, frameworks, outcomes' grades) is an error
            problems = [dataclasses.replace(problem, severity="error") for problem in problems]
        return [lesson for _, lesson in lessons], problems

    def script_font_problems(self, languages: list[str]) -> list[Problem]:
        """The languages whose script no installed face draws: their PDFs would show empty boxes."""
        from lessonkit.pdf.scripts import MissingFont, script_font

        problems = []
        for language in languages:
            try:
                script_font(language, self.settings.fonts, self.root)
            except MissingFont as missing:
                problems.append(Problem("conf.py", 1, "script-font-missing", str(missing)))  # scripts.PROBLEM
        return problems

    def _source_warnings(self, sources: Sources, strict: bool, today: datetime.date) -> list[Problem]:
        """Sources not checked for too long, and sources still to verify (errors when ``strict``)."""
        severity = "error" if strict else "warning"
        found = list(sources.stale(today, self.settings.source_max_age_months, strict))
        found += [Problem(sources.shown, source.line, "source-unverified",
                          f"source '{source.key}' is marked 'status: to-verify', and every citation of it shows "
                          "'to verify'; check what the lessons quote against the publication, then set 'status: "
                          f"verified' and 'checked: {today.isoformat()}'", severity)
                  for source in sources.unverified()]
        return found


def find_root(start: Path) -> Path:
    """The nearest folder from ``start`` upwards that holds a ``conf.py``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "conf.py").is_file():
            return folder
    raise ProjectError(
        f"no curriculum found in {start} or its parents (no conf.py); "
        "run `lessonkit init DIR` to start one, or pass -C DIR"
    )


def load_project(start: Path) -> Project:
    root = find_root(start)
    conf = root / "conf.py"
    cwd = Path.cwd()
    try:
        os.chdir(root)
        namespace = runpy.run_path(str(conf), run_name="conf")
    except SyntaxError as err:
        raise ProjectError(f"conf.py:{err.lineno}: error: {err.msg}") from None
    except Exception as err:
        raise ProjectError(f"conf.py: error: running it failed: {type(err).__name__}: {err}") from None
    finally:
        os.chdir(cwd)
    try:
        settings = KitSettings.from_namespace(namespace)
    except (SettingsError, TypeError) as err:
        raise ProjectError(f"conf.py: error: {err}") from None
    return Project(root, settings, namespace)
