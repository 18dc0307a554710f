"""Shared fixtures: sphinx.testing's test roots, a test root built once per module, and a fresh
copy of a curriculum."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

# The browser suite's shared fixtures (the site built once per session, Chromium, axe-core).
from browser_support import axe_source, chromium, kit_page, kit_site, kit_traffic  # noqa: F401
from kitcopy import copy_curriculum
from sphinx.testing.util import SphinxTestApp

TESTS = Path(__file__).parent.resolve()
REPO = TESTS.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS / "roots"


@pytest.fixture
def curriculum(tmp_path: Path) -> Path:
    """A copy of the repository's curriculum (conf.py, sources, glossaries, lessons, pages, catalogs)."""
    return copy_curriculum(tmp_path / "curriculum")


def copy_root(testroot: str, parent: Path) -> Path:
    """A copy of tests/roots/test-<testroot> in ``parent``, without what an earlier run built in it."""
    srcdir = parent / testroot
    shutil.copytree(TESTS / "roots" / f"test-{testroot}", srcdir, ignore=shutil.ignore_patterns("build", "_build"))
    return srcdir


def build_copy(factory: pytest.TempPathFactory, testroot: str, buildername: str = "kithtml",
               **confoverrides: Any) -> SphinxTestApp:
    """Build a copy of a test root with these settings; the application is cleaned up after its
    build, so that the next can start: read its output, warnings and environment, change none."""
    app = SphinxTestApp(buildername, srcdir=copy_root(testroot, factory.mktemp(testroot)), confoverrides=confoverrides)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def build_root(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., SphinxTestApp]:
    """Build a copy of a test root once, for every test of a module that reads the same build:
    ``build_root("lessons", language="fr")`` (see build_copy)."""
    return partial(build_copy, tmp_path_factory)


@pytest.fixture(scope="session")
def pdf_lessons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDFs of tests/roots/test-pdf-lessons with the default settings, built once for the session."""
    app = build_copy(tmp_path_factory, "pdf-lessons", "kitpdf")
    assert app.warning.getvalue() == ""
    return Path(app.outdir)
