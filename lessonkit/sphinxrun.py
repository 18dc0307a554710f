"""Running Sphinx in-process on a curriculum, one language and one builder at a time."""

from __future__ import annotations

import contextlib
import gettext
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from lessonkit.project import LESSONS_DIR, Project

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class BuildError(Exception):
    """Sphinx reported errors or warnings; the message holds them, one per line."""


@dataclass
class SphinxJob:
    """One run of Sphinx: a builder, a language, and where it writes."""

    builder: str
    language: str
    outdir: Path
    doctreedir: Path
    jobs: int = 1
    band: str | None = None
    overrides: dict[str, Any] = field(default_factory=dict)


def band_excludes(project: Project, band: str | None) -> list[str]:
    """Exclude patterns that leave only ``band``'s lessons in the build."""
    if band is None:
        return []
    return [f"{LESSONS_DIR}/{other}/**" for other in project.settings.bands if other != band]


def output_excludes(project: Project) -> list[str]:
    """The build folder, when it is inside the project: Sphinx looks for documents in every folder it
    does not exclude, and the outputs (sites, PDFs, previews, benchmark corpora) are thousands of them."""
    root, build = project.root.resolve(), project.build_dir.resolve()
    return [build.relative_to(root).as_posix()] if build != root and build.is_relative_to(root) else []


def _overrides(project: Project, job: SphinxJob) -> dict[str, Any]:
    """The settings of conf.py that ``job`` replaces: its language, its band's exclusions, its own."""
    conf_excludes = list(project.namespace.get("exclude_patterns", []))
    overrides: dict[str, Any] = {
        "language": job.language,
        "exclude_patterns": conf_excludes + output_excludes(project) + band_excludes(project, job.band),
        **job.overrides,
    }
    if job.band is not None:
        # The home page's toctree names every band page; one band alone leaves the others out.
        overrides["suppress_warnings"] = [*project.namespace.get("suppress_warnings", []), "toc.excluded"]
    return overrides


def _application(project: Project, job: SphinxJob, status: TextIO | None, warnings: TextIO) -> Sphinx:
    """A Sphinx application for ``job`` that writes its warnings into ``warnings``."""
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import patch_docutils

    try:
        with patch_docutils(project.root):
            return Sphinx(
                srcdir=project.root, confdir=project.root, outdir=job.outdir,
                doctreedir=job.doctreedir, buildername=job.builder, confoverrides=_overrides(project, job),
                status=status, warning=warnings,
                warningiserror=True, parallel=job.jobs, verbosity=0,
            )
    except SphinxError as err:
        raise BuildError(f"{err.category}: {err}") from None


def _build(app: Sphinx, root: Path, warnings: io.StringIO, force_all: bool = False) -> None:
    """Run one build of ``app``; raise BuildError with the warnings written since ``warnings`` was emptied."""
    from sphinx.errors import SphinxError
    from sphinx.util.console import strip_colors
    from sphinx.util.docutils import patch_docutils

    try:
        with patch_docutils(root):
            app.build(force_all=force_all)
    except SphinxError as err:
        raise BuildError(f"{err.category}: {err}") from None
    found = strip_colors(warnings.getvalue()).strip()
    if found:
        raise BuildError(found)


def run_sphinx(project: Project, job: SphinxJob, status: TextIO | None) -> None:
    """Build ``job``; raise BuildError with every warning if there were any."""
    # Sphinx is imported when needed, not above: a build with nothing to do never needs it, and
    # the processes that build the languages side by side import it at the same time.
    from sphinx.locale import translators
    from sphinx.util.docutils import docutils_namespace

    warnings = io.StringIO()
    # Sphinx keeps message catalogs in a module-level table and merges new languages
    # into it; start each language from an empty table so that none leaks into another.
    translators.clear()
    try:
        with docutils_namespace():
            app = _application(project, job, status, warnings)
            _build(app, project.root, warnings)
        if app.statuscode != 0:
            raise BuildError("Sphinx reported an error")
    finally:
        translators.clear()


class SphinxSession:
    """One job's Sphinx application, kept in memory and built again after each change (``serve``).

    Sphinx's own incremental build does the work: the kept environment knows what each document
    was read from, and a build reads again only what changed, then writes what shows it. What the
    application read when it started (conf.py, the extensions' settings) it never reads again:
    after a change to those, ``build(project, restart=True)`` starts a new application and writes
    every page. A build that fails also ends the application: the next one starts afresh.
    ``close()`` ends it for good (the directives it registered leave docutils with it).
    """

    def __init__(self, job: SphinxJob, status: TextIO | None = None) -> None:
        self.job, self.status = job, status
        self.app: Sphinx | None = None
        self.scope = contextlib.ExitStack()
        self.warnings = io.StringIO()
        self.catalogs: dict[Any, Any] = {}  # Sphinx's and the extensions' message catalogs, as loaded

    def build(self, project: Project, restart: bool = False) -> None:
        """Bring the output up to date with the sources; raise BuildError on any warning."""
        from sphinx.locale import translators
        from sphinx.util.docutils import docutils_namespace

        if restart:
            self.close()
        self.warnings.seek(0)
        self.warnings.truncate()
        _forget_document_catalogs()
        translators.clear()
        translators.update(self.catalogs)
        try:
            if self.app is None:
                # Extensions register their directives and nodes with docutils, for the application's life.
                self.scope.enter_context(docutils_namespace())
                self.app = _application(project, self.job, self.status, self.warnings)
                self.catalogs = dict(translators)  # a document's catalog is loaded anew by each build
            _build(self.app, project.root, self.warnings, force_all=restart)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Let the application go; the next build starts a new one."""
        self.app = None
        self.catalogs = {}
        self.scope.close()


def _forget_document_catalogs() -> None:
    """Have the next build read each document's catalog from its file again.

    Python's gettext keeps every catalog it loads, by file name, for the life of the process;
    Sphinx compiles an edited .po into the same .mo file, so a kept catalog would hide the edit.
    """
    gettext._translations.clear()  # type: ignore[attr-defined]
