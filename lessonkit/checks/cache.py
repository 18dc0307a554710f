"""What the last check found in each file, so that checking again reads only what changed.

A lesson's problems depend on its bytes, on the settings in conf.py, on lessonkit's rules,
and on the files it points at (images, videos, captions). The cache is keyed on the first
per file, and dropped as a whole when any of the others changes. It lives with the build's
other caches; a cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import lessonkit
from lessonkit.files import PACKAGE, fingerprint, input_files, load_cache, sha256_of, store_cache

T = TypeVar("T")
CACHE_FILE = Path(".doctrees") / "check-cache.pickle"
TEXT_SUFFIXES = frozenset({".md", ".po", ".pot", ".mo"})  # checked (or compiled) by their own entries


def context_digest(root: Path, build_dir: Path, settings: object) -> str:
    """Everything besides a file's own bytes that its problems depend on."""
    return fingerprint(f"{lessonkit.__version__}|{settings!r}", {
        PACKAGE: [path for path in input_files(PACKAGE, None) if path.suffix == ".py"],
        root: [path for path in input_files(root, build_dir) if path.suffix not in TEXT_SUFFIXES]})


class CheckCache:
    """Results by (kind, file as shown, digest of its bytes), valid for one context."""

    def __init__(self, path: Path, context: str) -> None:
        self.path, self.context = path, context
        self.entries: dict[tuple[str, str, str], Any] = load_cache(path, context) or {}
        self.used: set[tuple[str, str, str]] = set()

    def result(self, kind: str, path: Path, shown: str, check: Callable[[], T]) -> T:
        """What ``check`` finds in ``path``: from the cache when the file's bytes are the same."""
        try:
            key = kind, shown, sha256_of(path)[1]
        except OSError:
            return check()  # the check itself reports the unreadable file
        self.used.add(key)
        if key not in self.entries:
            self.entries[key] = check()
        return self.entries[key]  # type: ignore[no-any-return]

    def save(self) -> None:
        """Keep the entries of this check only (the files of other versions are gone)."""
        store_cache(self.path, self.context, {key: value for key, value in self.entries.items() if key in self.used})
