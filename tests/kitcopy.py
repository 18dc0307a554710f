"""A copy of the repository's curriculum, for tests that build or change it."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Everything a build of the curriculum reads: its settings and data files, lessons, pages, catalogs.
FILES = ("conf.py", "sources.yaml")
FOLDERS = ("glossary", "frameworks", "lessons", "source", "locale")


def copy_curriculum(target: Path) -> Path:
    """Copy the curriculum into ``target`` (a new folder) without compiled catalogs; return it."""
    target.mkdir(parents=True)
    for name in FILES:
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, target / name)
    for folder in FOLDERS:
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("*.mo"))
    return target
