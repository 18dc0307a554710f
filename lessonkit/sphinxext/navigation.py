"""Pages written again when the site's navigation changes, though their own source did not.

Every page of the kit shows titles of other pages: the sidebar lists the whole site, a lesson
links its neighbours by title, the home page and the band pages list theirs. Sphinx writes again
only the pages it read again (and the pages whose table of contents lists them), so a retitled
lesson would keep its old title everywhere else until the output is deleted.

The output folder keeps a digest of the navigation its pages show (every title, every table of
contents); when what Sphinx has read differs from it, every page is written again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import clean_astext

from lessonkit.files import write_atomically

NAVIGATION_FILE = ".lessonkit-navigation"  # a dot file: build bookkeeping, left out of bundles


def navigation_digest(env: BuildEnvironment) -> str:
    """A digest of what the navigation shows: each document's title and each table of contents."""
    titles = {doc: clean_astext(env.titles[doc]) for doc in sorted(env.found_docs) if doc in env.titles}
    toctrees = {doc: env.toctree_includes[doc] for doc in sorted(env.toctree_includes)}
    shown = json.dumps([titles, toctrees], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()


def _record(app: Sphinx) -> Path:
    return Path(app.outdir, NAVIGATION_FILE)


def _writes_pages(app: Sphinx) -> bool:
    return app.builder.format == "html"


def on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page, when the navigation differs from the one the output's pages show."""
    if not _writes_pages(app):
        return []
    try:
        written = _record(app).read_text(encoding="utf-8")
    except OSError:
        written = ""
    return [] if written == navigation_digest(env) else sorted(env.found_docs)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Record the navigation the pages now show (not after a failed build: they may not show it)."""
    if exception is not None or not _writes_pages(app):
        return
    digest, record = navigation_digest(app.env), _record(app)
    try:
        if record.read_text(encoding="utf-8") == digest:
            return
    except OSError:
        pass
    write_atomically(record, digest)


def register(app: Sphinx) -> None:
    app.connect("env-get-updated", on_env_get_updated)
    app.connect("build-finished", on_build_finished)
