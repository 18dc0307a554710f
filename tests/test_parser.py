"""lessonkit's MyST parser gives exactly the doctrees MyST's own parser gives, only faster."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from lessonkit.building.sphinxjobs import SphinxJob, run_sphinx
from lessonkit.project import load_project


def doctrees(project_root: Path, out: Path, language: str, fast: bool) -> dict[str, str]:
    job = SphinxJob("dummy", language, out / "dummy", out / "doctrees", overrides={"lessonkit_fast_parser": fast})
    run_sphinx(load_project(project_root), job, None)
    return {
        path.relative_to(out / "doctrees").as_posix(): pickle.loads(path.read_bytes()).pformat()
        for path in sorted((out / "doctrees").rglob("*.doctree"))
    }


@pytest.mark.parametrize("language", ["en", "fr"])
def test_same_doctrees_as_myst(curriculum: Path, tmp_path: Path, language: str) -> None:
    fast = doctrees(curriculum, tmp_path / "fast", language, fast=True)
    stock = doctrees(curriculum, tmp_path / "stock", language, fast=False)
    assert len(fast) >= 26
    assert fast.keys() == stock.keys()
    for name in fast:
        assert fast[name] == stock[name], name
