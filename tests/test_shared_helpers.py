"""The helpers every part of lessonkit shares: files written whole, fingerprints, digests, pictures."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from lessonkit.blocks import BLOCKS, is_teacher_only
from lessonkit.bundles import png
from lessonkit.files import atomic_path, fingerprint, load_cache, sha256_of, store_cache, write_atomically


def test_an_atomic_write_replaces_the_file_and_never_writes_through_a_hard_link(tmp_path: Path) -> None:
    target, link = tmp_path / "out" / "page.html", tmp_path / "previous.html"
    write_atomically(target, "first")
    os.link(target, link)  # as `lessonkit build` starts an output from links to the previous one
    write_atomically(target, "second")
    assert (target.read_text(encoding="utf-8"), link.read_text(encoding="utf-8")) == ("second", "first")
    assert sorted(path.name for path in target.parent.iterdir()) == ["page.html"]  # no partial file left


def test_a_failed_atomic_write_leaves_the_previous_file_and_no_partial_one(tmp_path: Path) -> None:
    target = tmp_path / "kit.zip"
    target.write_bytes(b"good")
    with pytest.raises(RuntimeError), atomic_path(target) as partial:
        partial.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"good" and [path.name for path in tmp_path.iterdir()] == ["kit.zip"]


def test_a_partial_file_is_hidden_and_keeps_the_suffix(tmp_path: Path) -> None:
    with atomic_path(tmp_path / "bundle.zim") as partial:
        assert partial.name.startswith(".") and partial.suffix == ".zim" and partial.parent == tmp_path
        partial.write_bytes(b"zim")
    assert (tmp_path / "bundle.zim").read_bytes() == b"zim"


def test_a_cache_is_used_only_for_its_own_key(tmp_path: Path) -> None:
    path = tmp_path / ".doctrees" / "stems.pickle"
    store_cache(path, ("sphinx", 8), {"words": "word"})
    assert load_cache(path, ("sphinx", 8)) == {"words": "word"}
    assert load_cache(path, ("sphinx", 9)) is None and load_cache(tmp_path / "missing", 1) is None


def test_a_fingerprint_follows_names_sizes_and_times_or_bytes(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.md"
    lesson.write_text("one", encoding="utf-8")
    first = fingerprint("settings", {tmp_path: [lesson]})
    assert fingerprint("settings", {tmp_path: [lesson]}) == first
    assert fingerprint("other settings", {tmp_path: [lesson]}) != first
    os.utime(lesson, ns=(1, 1))
    assert fingerprint("settings", {tmp_path: [lesson]}) != first  # touched
    read = fingerprint("", {tmp_path: [lesson]}, read=True)
    os.utime(lesson, ns=(2, 2))
    assert fingerprint("", {tmp_path: [lesson]}, read=True) == read  # by bytes, a touch changes nothing
    lesson.write_text("two", encoding="utf-8")
    assert fingerprint("", {tmp_path: [lesson]}, read=True) != read
    assert fingerprint("", {tmp_path: [tmp_path / "gone.md"]}) == fingerprint("", {})  # missing counts as absent


def test_the_sha256_of_a_file_is_the_one_sha256sum_prints(tmp_path: Path) -> None:
    data = os.urandom(3 << 20)
    (tmp_path / "bundle.zip").write_bytes(data)
    assert sha256_of(tmp_path / "bundle.zip") == (len(data), hashlib.sha256(data).hexdigest())
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as archive:
        archive.writestr("page.html", data, zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(tmp_path / "bundle.zip") as archive, archive.open("page.html") as entry:
        assert sha256_of(entry) == (len(data), hashlib.sha256(data).hexdigest())


def test_the_zim_picture_without_a_logo_shows_each_band_colour_under_a_white_shield() -> None:
    data = png.band_stripes(["#ff0000", "#00ff00"])
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as picture:
        assert (picture.size, picture.mode) == ((48, 48), "RGBA")
        assert picture.getpixel((0, 0))[3] == 0  # rounded corner
        assert picture.getpixel((8, 24)) == (255, 0, 0, 255) and picture.getpixel((40, 24)) == (0, 255, 0, 255)
        assert picture.getpixel((24, 20)) == (255, 255, 255, 255)  # the shield
    assert png.band_stripes(["#ff0000", "#00ff00"]) == data  # the same bands, the same bytes


def test_teacher_only_blocks_are_those_only_the_teacher_guide_shows() -> None:
    assert is_teacher_only("teacher-note") and is_teacher_only("answer-key") and is_teacher_only("disclosure")
    assert not is_teacher_only("activity") and not is_teacher_only("no-such-block")
    assert {name for name in BLOCKS if is_teacher_only(name)} == {name for name, kind in BLOCKS.items()
                                                                   if kind.teacher_only}
