"""Shared fixtures: sphinx.testing's test roots, and a fresh copy of a curriculum."""

from __future__ import annotations

from pathlib import Path

import pytest

# The browser suite's shared fixtures (the site built once per session, Chromium, axe-core).
from browser_support import axe_source, chromium, kit_page, kit_site, kit_traffic  # noqa: F401
from kitcopy import copy_curriculum

TESTS = Path(__file__).parent.resolve()
REPO = TESTS.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS / "roots"


@pytest.fixture
def curriculum(tmp_path: Path) -> Path:
    """A copy of the repository's curriculum (conf.py, sources, glossaries, lessons, pages, catalogs)."""
    return copy_curriculum(tmp_path / "curriculum")
