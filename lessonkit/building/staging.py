"""Keeping the last good output: a build writes into a staging folder, and its outputs replace the
previous ones only when everything succeeded, all of them or none.

The staging folder starts as a copy of the previous output (so Sphinx rewrites only what changed);
its name holds the building process's id, so that the folder of a killed build can be told from
that of a build still running beside this one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from lessonkit.building.request import BuildRequest
from lessonkit.fileerrors import OutputError, describe, unwritable
from lessonkit.project import Project

STAGING_PREFIX = ".staging-"  # then the building process's id: a folder whose process is gone is abandoned


class SwapError(OutputError):
    """A swap failed and could not be undone: ``staging`` holds the previous output and must be kept."""

    def __init__(self, message: str, staging: Path) -> None:
        super().__init__(message)
        self.staging = staging


def refuse_unwritable(project: Project, root: Path, request: BuildRequest) -> None:
    """Every folder the build writes in, or swaps outputs in, must take it: checked before anything
    is built, so that a build never swaps in some outputs and then fails on the others."""
    existing = root
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    places = [existing, project.build_dir / ".doctrees",
              *(root / fmt / name for fmt in request.formats for name in ("", *(request.languages or [])))]
    for place in places:
        reason = unwritable(place) if place.exists() or place == existing else None
        if reason is not None:
            raise OutputError(f"{project.shown(place)}: {reason}; nothing was built, and the previous output "
                              "is untouched")


def new_staging_folder(root: Path) -> Path:
    """A staging folder of this process's own in ``root``, after removing those of killed builds."""
    _remove_abandoned_staging(root)
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=root))


def _remove_abandoned_staging(root: Path) -> None:
    """Remove the staging folders of builds that were killed (their process no longer runs);
    a build running beside this one keeps its own."""
    for folder in root.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name[len(STAGING_PREFIX):].split("-", 1)[0]
        if folder.is_dir() and not (pid.isdigit() and _running(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    if os.name == "nt":
        return True  # signal 0 is Ctrl-C there: never clean up rather than risk it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    return True


def copy_previous_output(target: Path, staged: Path, fmt: str) -> None:
    """Start ``staged`` as a copy of the output it will replace.

    The PDF builder writes each file anew (never into an existing one), so the previous PDFs can
    be linked rather than copied; Sphinx's HTML builder rewrites files in place.
    """
    shutil.copytree(target, staged, symlinks=True, copy_function=_link_or_copy if fmt == "pdf" else shutil.copy2)


def _link_or_copy(source: str, destination: str) -> None:
    """A hard link where the file system allows one (not on FAT, for one), else a copy."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def swap_in(staging: Path, root: Path, request: BuildRequest) -> list[Path]:
    """Move every built output into place, replacing the previous ones: all of them, or none (a
    failure puts back what was already swapped)."""
    moves = [(staging / fmt / language, root / fmt / language)
             for fmt in request.formats for language in request.languages or []]
    moves.append((staging / "html" / "index.html", root / "html" / "index.html"))
    done: list[tuple[Path, Path, Path | None]] = []
    try:
        for built, target in moves:
            if built.exists():
                done.append(_swap_one(built, target, staging / "old" / target.relative_to(root)))
    except OSError as error:
        try:
            for built, target, old in reversed(done):  # the same folders just took these moves
                os.replace(target, built)
                if old is not None:
                    os.replace(old, target)
        except OSError as again:
            raise SwapError(f"{describe(error)}; then, putting back the previous output: {describe(again)}; "
                            f"it is kept in {staging / 'old'}: move its folders back by hand", staging) from None
        raise OutputError(f"{describe(error)}; nothing was swapped in, and the previous output is untouched") \
            from None
    return [target for _, target, _ in done]


def _swap_one(built: Path, target: Path, old: Path) -> tuple[Path, Path, Path | None]:
    """Move ``built`` to ``target``, the previous ``target`` aside to ``old``; undo this on failure."""
    target.parent.mkdir(parents=True, exist_ok=True)
    kept = None
    if target.exists():
        old.parent.mkdir(parents=True, exist_ok=True)
        os.replace(target, old)
        kept = old
    try:
        os.replace(built, target)
    except OSError:
        if kept is not None:
            os.replace(kept, target)
        raise
    return built, target, kept
