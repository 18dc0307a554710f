"""What the last good build was made from, so that a rebuild does only what changed.

A build's inputs are the project's files (lessons, pages, catalogs, images, conf.py),
lessonkit itself and the versions of the packages that render the kit (Sphinx, the theme…).
Their names, sizes and modification times make a fingerprint, taken before reading; when an
output's fingerprint is unchanged the output is up to date and Sphinx is not even started.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
from pathlib import Path

import lessonkit

STATE_FILE = ".lessonkit-state.json"
SKIPPED_DIRS = frozenset({"build", "node_modules", "__pycache__"})
PACKAGE = Path(lessonkit.__file__).resolve().parent


def input_files(folder: Path, skip: Path | None) -> list[Path]:
    """The files under ``folder`` that a build reads (not hidden, not built, not compiled catalogs)."""
    found = []
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS
                         and (skip is None or here / d != skip))
        found += [here / name for name in sorted(files) if not name.startswith(".") and not name.endswith(".mo")]
    return found


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


def fingerprint(root: Path, build_dir: Path, shape: str) -> str:
    """A digest of every input of a build of ``shape`` (format, language, band, edition…)."""
    digest = hashlib.sha256(f"{lessonkit.__version__}|{package_versions()}|{shape}".encode())
    stamp(digest, root, input_files(root, build_dir))
    stamp(digest, PACKAGE, input_files(PACKAGE, None))
    return digest.hexdigest()


def stamp(digest: hashlib._Hash, base: Path, paths: list[Path]) -> None:
    """Add the names (relative to ``base``), sizes and modification times of ``paths`` to ``digest``."""
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue  # vanished while we looked: the next build sees the difference
        # Relative names: a copied or moved project with the same files is up to date.
        digest.update(f"{path.relative_to(base)}|{info.st_size}|{info.st_mtime_ns}\n".encode())


class BuildState:
    """The fingerprints of the outputs under one build folder, kept in a small JSON file."""

    def __init__(self, build_root: Path) -> None:
        self.path = build_root / STATE_FILE
        try:
            self.entries: dict[str, dict[str, str]] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def up_to_date(self, output: str, shape: str, print_: str, target: Path) -> bool:
        entry = self.entries.get(output, {})
        return target.exists() and entry.get("shape") == shape and entry.get("fingerprint") == print_

    def same_shape(self, output: str, shape: str) -> bool:
        """Whether the previous output was built the same way (so it can be updated in place)."""
        return self.entries.get(output, {}).get("shape") == shape

    def record(self, output: str, shape: str, print_: str) -> None:
        self.entries[output] = {"shape": shape, "fingerprint": print_}

    def save(self) -> None:
        partial = self.path.with_name(self.path.name + ".tmp")
        partial.write_text(json.dumps(self.entries, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(partial, self.path)
