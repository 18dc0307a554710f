"""Running Sphinx in-process on a curriculum, one language and one builder at a time."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from lessonkit.project import LESSONS_DIR, Project


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


def run_sphinx(project: Project, job: SphinxJob, status: TextIO | None) -> None:
    """Build ``job``; raise BuildError with every warning if there were any."""
    # Sphinx is imported here, not above: a build with nothing to do never needs it, and the
    # processes that build the languages side by side import it at the same time.
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.locale import translators
    from sphinx.util.console import strip_colors
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    conf_excludes = list(project.namespace.get("exclude_patterns", []))
    overrides: dict[str, Any] = {
        "language": job.language,
        "exclude_patterns": conf_excludes + band_excludes(project, job.band),
        **job.overrides,
    }
    if job.band is not None:
        # The home page's toctree names every band page; one band alone leaves the others out.
        overrides["suppress_warnings"] = [*project.namespace.get("suppress_warnings", []), "toc.excluded"]
    warnings = io.StringIO()
    # Sphinx keeps message catalogs in a module-level table and merges new languages
    # into it; start each language from an empty table so that none leaks into another.
    translators.clear()
    try:
        with patch_docutils(project.root), docutils_namespace():
            app = Sphinx(
                srcdir=project.root, confdir=project.root, outdir=job.outdir,
                doctreedir=job.doctreedir, buildername=job.builder, confoverrides=overrides,
                status=status, warning=warnings,
                warningiserror=True, parallel=job.jobs, verbosity=0,
            )
            app.build()
    except SphinxError as err:
        raise BuildError(f"{err.category}: {err}") from None
    finally:
        translators.clear()
    found = strip_colors(warnings.getvalue()).strip()
    if app.statuscode != 0 or found:
        raise BuildError(found or "Sphinx reported an error")
