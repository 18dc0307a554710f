"""A curriculum project: the folder that holds ``conf.py``, its settings and its lessons."""

from __future__ import annotations

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

LESSONS_DIR = "lessons"
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

    def check(self) -> tuple[list[LessonSource], list[Problem]]:
        """Check every lesson; return the readable lessons and every problem found.

        Files unchanged since the last check are not read again (see ``lessonkit.checkcache``).
        """
        # Imported here: the checks load the Markdown parser and YAML, which a build with nothing
        # to do, or one that checks while the languages start (lanes.py), should not wait for.
        from lessonkit.catalogcheck import check_catalogs
        from lessonkit.checkcache import CACHE_FILE, CheckCache, context_digest
        from lessonkit.checks import check_lesson, check_unique_ids
        from lessonkit.outcomes import check_curriculum

        cache = CheckCache(self.build_dir / CACHE_FILE, context_digest(self.root, self.build_dir, self.settings))
        problems: list[Problem] = []
        lessons: list[tuple[str, LessonSource]] = []
        for path in self.lesson_files():
            shown = self.shown(path)
            lesson, found = cache.result("lesson", path, shown,
                                         partial(check_lesson, path, shown, self.settings, self.root))
            problems.extend(found)
            if lesson is not None:
                lessons.append((shown, lesson))
        problems.extend(check_unique_ids(lessons))
        problems.extend(check_curriculum(self.root, self.settings, lessons))
        for band in self.settings.bands:
            if (self.root / LESSONS_DIR / band).is_dir() and not (self.root / LESSONS_DIR / band / BAND_PAGE).is_file():
                problems.append(Problem(f"{LESSONS_DIR}/{band}/{BAND_PAGE}", 1, "band-page-missing",
                                        f"band '{band}' has no page; create {LESSONS_DIR}/{band}/{BAND_PAGE} "
                                        "with a title and a ':::{lesson-list}' block"))
        for language in self.settings.languages[1:]:
            problems.extend(check_catalogs(self.locale_dir(language), language, self.root, cache))
        cache.save()
        return [lesson for _, lesson in lessons], problems


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
