"""What the last check found in each file, so that checking again reads only what changed.

A lesson's problems depend on its bytes, on the settings in conf.py, on lessonkit's rules,
and on the files it points at (images, videos, captions). The cache is keyed on the first
per file, and dropped as a whole when any of the others changes. It lives with the build's
other caches; a cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import lessonkit
from lessonkit import caches
from lessonkit.buildstate import PACKAGE, input_files, stamp

T = TypeVar("T")
CACHE_FILE = Path(".doctrees") / "check-cache.pickle"
TEXT_SUFFIXES = frozenset({".md", ".po", ".pot", ".mo"})  # checked (or compiled) by their own entries


def context_digest(root: Path, build_dir: Path, settings: object) -> str:
    """Everything besides a file's own bytes that its problems depend on."""
    digest = hashlib.sha256(f"{lessonkit.__version__}|{settings!r}".encode())
    stamp(digest, PACKAGE, [path for path in input_files(PACKAGE, None) if path.suffix == ".py"])
    stamp(digest, root, [path for path in input_files(root, build_dir) if path.suffix not in TEXT_SUFFIXES])
    return digest.hexdigest()


class CheckCache:
    """Results by (kind, file as shown, digest of its bytes), valid for one context."""

    def __init__(self, path: Path, context: str) -> None:
        self.path, self.context = path, context
        self.entries: dict[tuple[str, str, str], Any] = caches.load(path, context) or {}
        self.used: set[tuple[str, str, str]] = set()

    def result(self, kind: str, path: Path, shown: str, check: Callable[[], T]) -> T:
        """What ``check`` finds in ``path``: from the cache when the file's bytes are the same."""
        try:
            key = kind, shown, hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return check()  # the check itself reports the unreadable file
        self.used.add(key)
        if key not in self.entries:
            self.entries[key] = check()
        return self.entries[key]  # type: ignore[no-any-return]

    def save(self) -> None:
        """Keep the entries of this check only (the files of other versions are gone)."""
        caches.store(self.path, self.context, {key: value for key, value in self.entries.items() if key in self.used})
