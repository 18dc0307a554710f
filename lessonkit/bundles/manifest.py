"""manifest.json: what was built, from what, when, and every file with its size and SHA-256."""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Mapping
from typing import Any

import lessonkit
from lessonkit.building.request import UsageError
from lessonkit.bundles.model import MANIFEST, SIGNATURE, Contents
from lessonkit.files import sha256_of
from lessonkit.project import LESSONS_DIR, Project

FORMAT = "lessonkit-bundle/1"
SOURCE_FOLDERS = (LESSONS_DIR, "source", "locale")


def build_date(project: Project, environ: Mapping[str, str] = os.environ) -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` when set, else the time of the newest source file: never the clock."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        if not value.isdigit():
            raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, "
                             f"e.g. $(git log -1 --format=%ct); it is {value!r}")
        return datetime.datetime.fromtimestamp(int(value), datetime.UTC)
    sources = [project.root / "conf.py"] + [
        path for folder in SOURCE_FOLDERS for path in (project.root / folder).rglob("*")
        if path.is_file() and path.suffix != ".mo"  # .mo files are compiled during the build
    ]
    newest = max(int(path.stat().st_mtime) for path in sources)
    return datetime.datetime.fromtimestamp(newest, datetime.UTC)


def manifest(contents: Contents, target: str) -> dict[str, Any]:
    """The manifest of ``contents`` as it is on disk now (without manifest.json itself)."""
    project, settings = contents.project, contents.project.settings
    files = []
    for name in contents.files:
        if name not in (MANIFEST, SIGNATURE):
            size, sha256 = sha256_of(contents.path(name))
            files.append({"path": name, "size": size, "sha256": sha256})
    return {
        "format": FORMAT,
        "tool": {"name": "lessonkit", "version": lessonkit.__version__},
        "curriculum": {"name": project.name, "version": project.version, "board": settings.board_name},
        "edition": contents.audience,
        "target": target,
        "build_date": contents.date.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "languages": contents.languages,
        "bands": [{"id": band, "ages": settings.band(band).ages} for band in contents.bands],
        "lessons": [
            {"id": lesson.id, "band": lesson.band, "reviewed": lesson.reviewed, "titles": lesson.titles,
             "pages": lesson.pages, "pdfs": lesson.pdfs}
            for lesson in contents.lessons
        ],
        "files": files,
    }


def add_manifest(contents: Contents, target: str) -> dict[str, Any]:
    """Write manifest.json into the bundle, and its signature when the bundle is signed; return what it says."""
    data = manifest(contents, target)
    raw = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
    contents.add(MANIFEST, raw)
    if contents.sign is not None:
        contents.add(SIGNATURE, contents.sign(raw))
    return data
