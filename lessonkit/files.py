"""Files lessonkit writes and reads back: written whole or not at all, fingerprints of inputs,
and caches kept between builds.

An output is never rewritten in place: ``lessonkit build`` starts each output from hard links to
the previous one, which must stay as it was. So every file is written as a new file beside its
target, then renamed over it (``write_atomically``, ``atomic_path``).

A cache only saves time: one that is missing, damaged, from another version or stored under
another key is not used, and one that cannot be written is not kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import lessonkit

PACKAGE = Path(lessonkit.__file__).resolve().parent
SKIPPED_DIRS = frozenset({"build", "node_modules", "__pycache__"})


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A new file's path beside ``target``, to write; renamed over ``target`` when the block ends
    without error, removed when it raises.

    The partial file is a dot file (never shipped), of this process's own, with the target's
    suffix (libzim, for one, goes by it).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    name = Path(target.name.lstrip("."))
    partial = target.with_name(f".{name.stem}.{os.getpid()}.partial{name.suffix}")
    partial.unlink(missing_ok=True)  # left by a killed process of the same id: never write through it
    try:
        yield partial
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def write_atomically(target: Path, data: str | bytes) -> None:
    """Write ``data`` (text in UTF-8) to ``target``: the whole of it, or leave ``target`` as it was."""
    with atomic_path(target) as partial, partial.open("xb") as stream:
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)


def sha256_of(source: Path | IO[bytes]) -> tuple[int, str]:
    """Size and SHA-256 of a file, or of a file opened and not yet read (a zip entry), read in chunks."""
    if isinstance(source, Path):
        with source.open("rb") as stream:
            return sha256_of(stream)
    digest = hashlib.file_digest(source, "sha256")
    return source.tell(), digest.hexdigest()  # the bytes actually read, whatever a zip entry's header says


def input_files(folder: Path, skip: Path | None) -> list[Path]:
    """The files under ``folder`` that a build reads (not hidden, not built, not compiled catalogs)."""
    found = []
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS
                         and (skip is None or here / d != skip))
        found += [here / name for name in sorted(files) if not name.startswith(".") and not name.endswith(".mo")]
    return found


def fingerprint(text: str, files: Mapping[Path, Iterable[Path]], *, read: bool = False) -> str:
    """A SHA-256 of ``text`` and of the files, each named relative to its folder (the mapping's key).

    Each file counts with its size and modification time, which is fast enough to take over a
    whole project; with ``read``, with its bytes, for a few small files that a touch must not
    make stale. A file that cannot be read counts as missing: the next look sees the difference.
    """
    digest = hashlib.sha256(text.encode())
    for base, paths in files.items():
        for path in paths:
            try:
                if read:
                    digest.update(f"{path.relative_to(base)}\0".encode() + path.read_bytes())
                else:
                    info = path.stat()
                    # Relative names: a copied or moved project with the same files gives the same fingerprint.
                    digest.update(f"{path.relative_to(base)}|{info.st_size}|{info.st_mtime_ns}\n".encode())
            except OSError:
                continue
    return digest.hexdigest()


def load_cache(path: Path, key: object) -> Any:
    """The value stored in ``path`` for ``key``; None when there is none for that key."""
    try:
        with path.open("rb") as stream:
            stored_key, value = pickle.load(stream)
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError,
            KeyError, TypeError):
        return None
    return value if stored_key == key else None


def store_cache(path: Path, key: object, value: object) -> None:
    """Keep ``value`` for ``key`` in ``path``, whole or not at all; a cache that cannot be written is not kept."""
    with contextlib.suppress(OSError, pickle.PicklingError):
        write_atomically(path, pickle.dumps((key, value), pickle.HIGHEST_PROTOCOL))
