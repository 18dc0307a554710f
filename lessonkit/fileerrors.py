"""What to tell a user whose disk refused a write or a read: the file, the reason, what to do."""

from __future__ import annotations

import errno
import os
from pathlib import Path

ADVICE = {
    errno.ENOSPC: "the disk is full: free some space, then run the command again",
    errno.EDQUOT: "your disk quota is used up: free some space, then run the command again",
    errno.EACCES: "permission denied: make it writable (chmod u+w), or work in a copy you own",
    errno.EPERM: "permission denied: make it writable (chmod u+w), or work in a copy you own",
    errno.EROFS: "the disk is read-only: work on a disk you can write to",
    errno.ENOTDIR: "a file stands where a folder is needed: move the file away",
    errno.EEXIST: "a file stands where a folder is needed: move the file away",
    errno.EISDIR: "a folder stands where a file is needed: move the folder away",
    errno.ENAMETOOLONG: "the path is too long: choose a shorter one",
    errno.EIO: "the disk reported an input/output error: check the disk",
}


class OutputError(Exception):
    """A place lessonkit writes to cannot take the output; nothing was changed there."""


def advice(error: OSError) -> str:
    """What to do about ``error`` (a full disk, a read-only folder…), or else what the system said."""
    return ADVICE.get(error.errno or 0, error.strerror or str(error))


def describe(error: OSError, where: Path | str | None = None) -> str:
    """One line: the file (``where``, else the one the error names), and what to do about ``error``."""
    return f"{where or error.filename or 'a file'}: {advice(error)}"


def unwritable(folder: Path) -> str | None:
    """Why nothing can be created, renamed or removed in ``folder`` (an existing path), or None."""
    if not folder.is_dir():
        return "a file stands where a folder is needed: move the file away"
    if not os.access(folder, os.W_OK | os.X_OK):
        return "cannot write there: make it writable (chmod u+w), or work in a copy you own"
    return None
