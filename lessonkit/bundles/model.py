"""What a bundle is made of: the request, its contents, its lessons, and what can go wrong."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lessonkit.building.request import FORMATS
from lessonkit.project import Project

TARGETS = {"zip": ".zip", "zim": ".zim", "kolibri": "-kolibri.zip", "imscc": ".imscc", "imscc13": "-cc13.imscc"}
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"  # Ed25519 signature of manifest.json's bytes (signed bundles)
AUDIENCES = ("teacher", "student")


@dataclass(frozen=True)
class Finding:
    """One thing wrong with one file of a bundle."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class BundleError(Exception):
    """The bundle would be wrong (a dangling link, a teacher-only page in a student edition…): nothing was written."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(map(str, findings)))
        self.findings = findings


class UntranslatedError(BundleError):
    """Pages of the bundle are not fully translated: a school would read them partly in the source language."""


@dataclass(frozen=True)
class BundleRequest:
    languages: list[str] | None = None  # None: every language of conf.py
    band: str | None = None  # None: every band
    audience: str = "teacher"
    target: str = "zip"
    formats: list[str] = field(default_factory=lambda: list(FORMATS))
    output: Path | None = None  # None: build/bundles/<name><suffix>
    output_folder: bool = False  # ``output`` is a folder even if it does not exist yet (written with a trailing /)
    jobs: int = 1
    force: bool = False  # replace a file at ``output`` that is not a bundle lessonkit made
    large_print: bool = False  # ship the large-print handouts and letters too
    sign: Path | None = None  # the board's Ed25519 private key: sign manifest.json with it
    allow_untranslated: bool = False  # ship pages that still show the source language, with their notice


@dataclass(frozen=True)
class BundleReport:
    path: Path
    files: int
    size: int
    sha256: str


@dataclass(frozen=True)
class Lesson:
    """One lesson as the manifest describes it; paths are inside the bundle."""

    id: str
    band: str
    reviewed: str
    titles: dict[str, str]
    pages: dict[str, str]
    pdfs: dict[str, list[str]]


@dataclass
class Contents:
    """A bundle before packing: ``files`` (sorted) are read from ``overlay`` if there, else from ``root``.

    ``root`` is the build, which is never changed (the next bundle may reuse it); what the bundle
    adds or rewrites goes to ``overlay``.
    """

    project: Project
    root: Path
    overlay: Path
    languages: list[str]
    bands: list[str]
    audience: str
    date: datetime.datetime
    lessons: list[Lesson]
    files: list[str]
    sign: Callable[[bytes], bytes] | None = None  # signs manifest.json's bytes (the board's key)

    def path(self, name: str) -> Path:
        """Where the file ``name`` of the bundle is on disk."""
        written = self.overlay / name
        return written if written.is_file() else self.root / name

    def add(self, name: str, data: bytes) -> None:
        """Add a file to the bundle, or replace one of the build's."""
        path = self.overlay / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if name not in self.files:
            self.files = sorted([*self.files, name])

    def pdfs(self) -> list[str]:
        return [name for name in self.files if name.startswith("pdf/") and name.endswith(".pdf")]
