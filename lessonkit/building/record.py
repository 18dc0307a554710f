"""What the last good build was made from, so that a rebuild does only what changed.

A build's inputs are the project's files (lessons, pages, catalogs, images, conf.py),
lessonkit itself and the versions of the packages that render the kit (Sphinx, the theme…).
Their names, sizes and modification times make a fingerprint, taken before reading; when an
output's fingerprint is unchanged the output is up to date and Sphinx is not even started.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
from pathlib import Path

import lessonkit
from lessonkit.files import PACKAGE, fingerprint, input_files, write_atomically

RECORD_FILE = ".lessonkit-state.json"

# Packages whose code writes pages and PDFs: a new version of any may change every output.
RENDERING_PACKAGES = ("sphinx", "furo", "sphinx-basic-ng", "myst-parser", "docutils", "pygments", "reportlab",
                      "pikepdf", "fontpkg-atkinson-hyperlegible", "fontpkg-ibm-plex-mono",
                      "uharfbuzz", "python-bidi")  # (the last two: shaping and order of other scripts)


@functools.cache
def package_versions() -> str:
    """The installed versions of the packages that render the kit (read from their metadata)."""
    found = []
    for name in RENDERING_PACKAGES:
        try:
            found.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name}=none")
    return ",".join(found)


def inputs_fingerprint(root: Path, build_dir: Path, settings: str) -> str:
    """The fingerprint of every input of a build made with ``settings`` (band, edition, overrides…)."""
    return fingerprint(f"{lessonkit.__version__}|{package_versions()}|{settings}",
                       {root: input_files(root, build_dir), PACKAGE: input_files(PACKAGE, None)})


class BuildRecord:
    """The settings and inputs' fingerprint of each output under one build folder, in a small JSON file."""

    def __init__(self, build_root: Path) -> None:
        self.path = build_root / RECORD_FILE
        try:
            self.entries: dict[str, dict[str, str]] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def up_to_date(self, output: str, settings: str, inputs: str, target: Path) -> bool:
        """Whether ``target`` was built with the same settings from the same inputs."""
        entry = self.entries.get(output, {})
        return target.exists() and entry.get("shape") == settings and entry.get("fingerprint") == inputs

    def same_settings(self, output: str, settings: str) -> bool:
        """Whether the previous output was built with the same settings (so it can be updated in place)."""
        return self.entries.get(output, {}).get("shape") == settings

    def record(self, output: str, settings: str, inputs: str) -> None:
        self.entries[output] = {"shape": settings, "fingerprint": inputs}

    def save(self) -> None:
        write_atomically(self.path, json.dumps(self.entries, indent=1, sort_keys=True))
