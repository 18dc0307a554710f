"""Deterministic zips, streamed file by file from disk: same files and date, same bytes."""

from __future__ import annotations

import datetime
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from lessonkit.files import atomic_path

CHUNK = 1 << 20
FILE_MODE = 0o100644  # a regular file, rw-r--r--, whoever built it
UNIX = 3  # ZipInfo.create_system: the mode bits above are Unix ones
ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)  # the earliest time a zip can hold
# Already compressed: deflating them again costs time and gains nothing.
STORED_SUFFIXES = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".gif", ".woff", ".woff2", ".zip"})


def zip_time(date: datetime.datetime) -> tuple[int, int, int, int, int, int]:
    """A date as a zip timestamp: UTC, no earlier than 1980, seconds rounded down to even."""
    moment = max(date.astimezone(datetime.UTC), ZIP_EPOCH)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second - moment.second % 2)


def entry_info(name: str, date: datetime.datetime) -> zipfile.ZipInfo:
    """The header of one entry: fixed time, mode and system, so that no machine detail leaks in."""
    info = zipfile.ZipInfo(name, zip_time(date))
    info.create_system = UNIX
    info.external_attr = FILE_MODE << 16
    stored = PurePosixPath(name).suffix.lower() in STORED_SUFFIXES
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return info


def write_zip(target: Path, entries: Iterable[tuple[str, Path]], date: datetime.datetime) -> None:
    """Write ``(name in the zip, file on disk)`` pairs, sorted by name, then move the zip into place.

    Each file is copied in chunks: the archive is never held in memory, and a failure leaves
    any previous ``target`` untouched.
    """
    with atomic_path(target) as partial, zipfile.ZipFile(partial, "w") as archive:
        for name, source in sorted(entries):
            info = entry_info(name, date)
            large = source.stat().st_size >= zipfile.ZIP64_LIMIT
            with source.open("rb") as reader, archive.open(info, "w", force_zip64=large) as writer:
                shutil.copyfileobj(reader, writer, CHUNK)
