"""Shared fixtures: sphinx.testing's test roots, a test root built once per module, and a fresh
copy of a curriculum."""

from __future__ import annotations

import shutil
from collections.abc import Callable
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


@pytest.fixture(scope="module")
def build_root(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., SphinxTestApp]:
    """Build a copy of a test root once, for every test of a module that reads the same build.

    ``build_root("lessons", language="fr")`` copies tests/roots/test-lessons and builds it with
    those settings. The application is cleaned up after its build, so that the next can start:
    tests read its output, warnings and environment, and none may change them.
    """
    def build(testroot: str, buildername: str = "kithtml", **confoverrides: Any) -> SphinxTestApp:
        app = SphinxTestApp(buildername, srcdir=copy_root(testroot, tmp_path_factory.mktemp(testroot)),
                            confoverrides=confoverrides)
        try:
            app.build()
        finally:
            app.cleanup()
        return app

    return build
