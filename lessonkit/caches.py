"""Caches kept between builds (in build/.doctrees): a value, and the key it is valid for.

A cache only saves time: one that is missing, damaged, from another version or stored under
another key is not used, and one that cannot be written is not kept.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any


def load(path: Path, key: object) -> Any:
    """The value stored in ``path`` for ``key``; None when there is none for that key."""
    try:
        with path.open("rb") as stream:
            stored_key, value = pickle.load(stream)
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError,
            KeyError, TypeError):
        return None
    return value if stored_key == key else None


def store(path: Path, key: object, value: object) -> None:
    """Write ``value`` for ``key`` atomically: a file of this process's own, then renamed."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as stream:
            pickle.dump((key, value), stream, pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except (OSError, pickle.PicklingError):
        partial.unlink(missing_ok=True)
