"""`lessonkit verify` and the zip writer, on small zips made here: every way a copy can go wrong."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import stat
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from lessonkit.bundles.manifest import FORMAT
from lessonkit.bundles.verify import unsafe_name, verify_bundle
from lessonkit.bundles.zipwriter import write_zip
from lessonkit.cli import main
from lessonkit.files import sha256_of

DATE = datetime.datetime(2026, 11, 15, 12, 30, 1, tzinfo=datetime.UTC)
FILES = {"index.html": b"<!DOCTYPE html><p>choose</p>", "html/en/index.html": b"<p>home</p>" * 50,
         "pdf/en/ages-8-10/alpha-handout.pdf": b"%PDF-1.4 fake"}


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def manifest_for(files: dict[str, bytes]) -> bytes:
    listed = [{"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
              for name, data in sorted(files.items())]
    return json.dumps({"format": FORMAT, "curriculum": {"name": "Kit", "version": "1"}, "edition": "teacher",
                       "languages": ["en"], "files": listed}).encode()


def make_zip(path: Path, files: dict[str, bytes], manifest: dict[str, bytes] | None = None,
             extra: list[tuple[zipfile.ZipInfo, bytes]] = ()) -> Path:
    """A bundle of ``files`` whose manifest describes ``manifest`` (default: the same files)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        archive.writestr("manifest.json", manifest_for(files if manifest is None else manifest))
        for info, data in extra:
            archive.writestr(info, data)
    return path


def messages(path: Path) -> list[str]:
    return [str(f) for f in verify_bundle(path).findings]


def test_a_good_bundle_verifies(tmp_path: Path) -> None:
    bundle = make_zip(tmp_path / "kit.zip", FILES)
    assert verify_bundle(bundle).ok
    code, out, err = run("verify", str(bundle))
    assert (code, err) == (0, "")
    assert "all 3 files match the manifest (Kit 1, teacher edition, en" in out


def test_changed_missing_added_and_resized_files_are_named(tmp_path: Path) -> None:
    changed = dict(FILES, **{"html/en/index.html": b"<p>HOME</p>" * 50})
    bundle = make_zip(tmp_path / "changed.zip", changed, manifest=FILES)
    assert messages(bundle) == ["html/en/index.html: SHA-256 differs from the manifest: the file was changed "
                                "or damaged"]
    files = {k: v for k, v in FILES.items() if k != "index.html"} | {"html/en/extra.html": b"x"}
    bundle = make_zip(tmp_path / "moved.zip", files, manifest=FILES)
    assert messages(bundle) == ["index.html: missing from the bundle",
                                "html/en/extra.html: not listed in the manifest: it was added after the build"]
    resized = dict(FILES, **{"index.html": b"short"})
    assert messages(make_zip(tmp_path / "resized.zip", resized, manifest=FILES)) == [
        "index.html: 5 bytes, the manifest says 28"]
    code, _, err = run("verify", str(tmp_path / "moved.zip"))
    assert code == 1
    assert "index.html: missing from the bundle" in err and "html/en/extra.html: not listed" in err
    assert "2 problem(s); do not use this copy" in err


def test_names_windows_can_hold_pass() -> None:
    for name in ("html/console.html", "html/en/comics.html", "pdf/fr/auxiliary.pdf", "html/en/index.html"):
        assert unsafe_name(name) is None, name


@pytest.mark.parametrize(("name", "reason"), [
    ("/etc/cron.d/evil", "absolute path"),
    ("C:/Windows/evil.dll", "absolute path"),
    ("html/../../evil.sh", "'..' in the path"),
    ("..", "'..' in the path"),
    ("html\\en\\evil.html", "backslash in the path"),
    ("html/en/a:stream", "character ':' is not allowed"),
    ("html//en.html", "empty or '.' folder name"),
    ("html/aux.html", "'aux.html' is a device name on Windows"),
    ("CON.txt", "'CON.txt' is a device name on Windows"),
    ("nul", "'nul' is a device name on Windows"),
    ("html/com1.html", "'com1.html' is a device name on Windows"),
    ("html/en./index.html", "'en.' ends with a dot or a space"),
    ("html/index.html ", "'index.html ' ends with a dot or a space"),
])
def test_unsafe_paths_are_refused_by_name(tmp_path: Path, name: str, reason: str) -> None:
    assert reason in (unsafe_name(name) or "")
    bundle = make_zip(tmp_path / "evil.zip", FILES, extra=[(zipfile.ZipInfo(name), b"payload")])
    assert any(m.startswith(f"{name}: ") and reason in m for m in messages(bundle))


def test_links_and_special_files_are_refused(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("html/en/passwd.html")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    fifo = zipfile.ZipInfo("html/en/pipe")
    fifo.create_system = 3
    fifo.external_attr = (stat.S_IFIFO | 0o644) << 16
    bundle = make_zip(tmp_path / "links.zip", FILES, extra=[(link, b"/etc/passwd"), (fifo, b"")])
    assert messages(bundle) == ["html/en/passwd.html: symbolic link",
                                "html/en/pipe: special file (device, pipe or socket)"]


def test_a_zip_bomb_is_refused_without_being_read(tmp_path: Path) -> None:
    bomb = {"html/en/bomb.html": b"\0" * (20 << 20)}  # 20 MB of zeros deflate to about 20 KB
    bundle = make_zip(tmp_path / "bomb.zip", FILES | bomb)
    found = messages(bundle)
    assert len(found) == 1 and found[0].startswith("html/en/bomb.html: compression ratio ")
    assert "is implausible (20,971,520 bytes from" in found[0] and "a zip bomb? It was not read" in found[0]


def test_many_small_bombs_are_refused_too(tmp_path: Path) -> None:
    small = {f"html/en/page-{n}.html": b"\0" * (900 << 10) for n in range(40)}  # each under a megabyte
    found = messages(make_zip(tmp_path / "bombs.zip", FILES | small))
    assert len(found) == 1 and found[0].startswith("bombs.zip: its entries would unpack to 36,870,209 bytes from ")
    assert found[0].endswith("an implausible ratio; a zip bomb? Nothing was read")


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_duplicate_and_case_colliding_entries_are_refused(tmp_path: Path) -> None:
    bundle = make_zip(tmp_path / "twice.zip", FILES, extra=[
        (zipfile.ZipInfo("index.html"), b"<p>other</p>"), (zipfile.ZipInfo("HTML/en/index.html"), b"x")])
    found = messages(bundle)
    assert "index.html: appears twice in the zip" in found
    assert ("HTML/en/index.html: differs from html/en/index.html only by upper/lower case; "
            "Windows and macOS would overwrite one with the other") in found


def test_a_bundle_without_a_usable_manifest_fails(tmp_path: Path) -> None:
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("index.html", b"hello")
    assert messages(plain) == ["manifest.json: missing: this is not a lessonkit bundle, or it was damaged"]
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("manifest.json", b"{not json")
    assert messages(broken)[0].startswith("manifest.json: cannot be read:")
    listed = make_zip(tmp_path / "traversal.zip", FILES, manifest=FILES | {"../outside.txt": b"x"})
    assert "../outside.txt: listed in the manifest with an unsafe path: '..' in the path" in messages(listed)[0]


def test_not_a_zip_and_no_such_file(tmp_path: Path) -> None:
    fake = tmp_path / "kit.zip"
    fake.write_bytes(b"this is not a zip")
    code, _, err = run("verify", str(fake))
    assert code == 1 and "kit.zip: not a zip file, or damaged beyond reading" in err
    code, _, err = run("verify", str(tmp_path / "absent.zip"))
    assert code == 2 and "absent.zip: no such file" in err and "Traceback" not in err


def test_extract_writes_only_after_a_clean_check_and_only_inside_the_folder(tmp_path: Path) -> None:
    good = make_zip(tmp_path / "good.zip", FILES)
    target = tmp_path / "usb" / "kit"
    code, out, err = run("verify", str(good), "--extract", str(target))
    assert (code, err) == (0, "")
    assert f"extracted into {target}" in out
    extracted = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert extracted == sorted([*FILES, "manifest.json"])
    assert (target / "html" / "en" / "index.html").read_bytes() == FILES["html/en/index.html"]
    # a folder that already holds something is refused, and left as it was
    code, _, err = run("verify", str(good), "--extract", str(target))
    assert code == 2 and "is not an empty folder" in err
    # a bad bundle writes nothing at all, not even next to the folder
    evil = make_zip(tmp_path / "evil.zip", FILES, extra=[(zipfile.ZipInfo("../escaped.txt"), b"x")])
    fresh = tmp_path / "fresh"
    code, _, err = run("verify", str(evil), "--extract", str(fresh))
    assert code == 1 and "../escaped.txt: '..' in the path" in err and "nothing was extracted" in err
    assert not fresh.exists() and not (tmp_path / "escaped.txt").exists()


def test_extract_refuses_a_folder_with_a_link_planted_in_it(tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "kit", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    (folder / "html").symlink_to(elsewhere, target_is_directory=True)
    code, _, err = run("verify", str(make_zip(tmp_path / "good.zip", FILES)), "--extract", str(folder))
    assert code == 2 and "is not an empty folder" in err
    assert not list(elsewhere.iterdir())


def test_write_zip_is_sorted_fixed_and_byte_identical(tmp_path: Path) -> None:
    source = tmp_path / "site"
    for name, data in FILES.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes(data)
        os.utime(source / name, (1, 1))
    entries = [(name, source / name) for name in reversed(list(FILES))]
    write_zip(tmp_path / "one.zip", entries, DATE)
    for name in FILES:  # other times and modes on disk change nothing
        os.utime(source / name, None)
        (source / name).chmod(0o600)
    write_zip(tmp_path / "two.zip", entries[::-1], DATE)
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(FILES)
    assert {i.date_time for i in infos} == {(2026, 11, 15, 12, 30, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert {i.filename: i.compress_type for i in infos}["pdf/en/ages-8-10/alpha-handout.pdf"] == zipfile.ZIP_STORED
    # before 1980 (SOURCE_DATE_EPOCH=0), zips cannot say: the earliest date they can
    write_zip(tmp_path / "old.zip", entries, datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC))
    with zipfile.ZipFile(tmp_path / "old.zip") as archive:
        assert archive.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_writing_and_verifying_stream_from_disk(tmp_path: Path) -> None:
    big = tmp_path / "big"
    (big / "pdf").mkdir(parents=True)
    listed = []
    for number in range(8):  # 48 MB that do not compress
        path = big / "pdf" / f"lesson-{number}.pdf"
        path.write_bytes(os.urandom(6 << 20))
        size, sha256 = sha256_of(path)
        listed.append({"path": f"pdf/{path.name}", "size": size, "sha256": sha256})
    (big / "manifest.json").write_text(json.dumps({"format": FORMAT, "files": listed}), encoding="utf-8")
    entries = [(p.relative_to(big).as_posix(), p) for p in big.rglob("*") if p.is_file()]
    for step in ("write", "verify"):
        tracemalloc.start()
        try:
            if step == "write":
                write_zip(tmp_path / "big.zip", entries, DATE)
            else:
                assert verify_bundle(tmp_path / "big.zip").ok
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 8 << 20, f"{step} held {peak:,} bytes at once"
    assert (tmp_path / "big.zip").stat().st_size > 48 << 20


def test_a_failed_write_keeps_the_previous_zip(tmp_path: Path) -> None:
    target = tmp_path / "kit.zip"
    target.write_bytes(b"previous bundle")
    with pytest.raises(FileNotFoundError):
        write_zip(target, [("index.html", tmp_path / "missing.html")], DATE)
    assert target.read_bytes() == b"previous bundle"
    assert [p.name for p in tmp_path.iterdir()] == ["kit.zip"]


def test_a_deeply_nested_manifest_is_refused_without_a_traceback(tmp_path: Path) -> None:
    bundle = tmp_path / "deep.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b"[" * 200_000 + b"]" * 200_000)
    code, _, err = run("verify", str(bundle))
    assert code == 1 and "Traceback" not in err
    assert "manifest.json: nested too deeply to be a lessonkit manifest" in err


def test_extract_into_a_folder_that_cannot_exist_is_a_usage_error(tmp_path: Path) -> None:
    good = make_zip(tmp_path / "good.zip", FILES)
    (tmp_path / "notes.txt").write_text("a file, not a folder", encoding="utf-8")
    code, _, err = run("verify", str(good), "--extract", str(tmp_path / "notes.txt" / "kit"))
    assert code == 2 and "Traceback" not in err
    assert f"{tmp_path / 'notes.txt' / 'kit'}: a file stands where a folder is needed" in err
    assert "nothing was extracted" in err


def test_a_full_disk_while_extracting_leaves_the_folder_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from lessonkit.bundles import verify

    good = make_zip(tmp_path / "good.zip", FILES)
    real = verify._extract_one
    written: list[str] = []

    def full_after_one(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> str:
        if written:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        written.append(info.filename)
        return real(archive, info, target)

    monkeypatch.setattr(verify, "_extract_one", full_after_one)
    target = tmp_path / "usb"
    code, _, err = run("verify", str(good), "--extract", str(target))
    assert code == 1 and "Traceback" not in err
    assert f"{target}: the disk is full: free some space, then run the command again; nothing was extracted" in err
    assert written and list(target.iterdir()) == []
