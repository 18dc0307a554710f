"""``lessonkit verify``: a bundle against its manifest, refusing any entry that could do harm."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from libzim.reader import Archive  # type: ignore[import-untyped]

from lessonkit.building.request import UsageError
from lessonkit.bundles.manifest import FORMAT
from lessonkit.bundles.model import MANIFEST, SIGNATURE, BundleError, Finding
from lessonkit.fileerrors import advice, describe
from lessonkit.files import sha256_of

CHUNK = 1 << 20
MAX_RATIO = 100  # web pages deflate about 5:1 and a search index 10:1; zip bombs reach 1000:1
RATIO_FLOOR = 1 << 20  # below a megabyte, a high ratio cannot hurt anyone
MAX_MANIFEST = 64 << 20
ZIM_MAGIC = b"ZIM\x04"  # 72173914, little-endian, at the start of every ZIM file
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DRIVE = re.compile(r"^[A-Za-z]:")
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


@dataclass
class Verification:
    """The outcome of checking one bundle: ``findings`` empty means every file is as built."""

    bundle: Path
    findings: list[Finding] = field(default_factory=list)
    manifest: dict[str, Any] | None = None
    checked: int = 0
    # What proves the bundle is the one built: the checksum file beside it, the board's signature; or nothing.
    proofs: list[str] = field(default_factory=list)
    signed: bool = False  # it holds a signature (checked only with a public key)

    @property
    def ok(self) -> bool:
        return not self.findings


def unsafe_name(name: str) -> str | None:
    """Why a path must not be extracted, or None when it is a plain relative path."""
    if not name.strip("/"):
        return "empty path"
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "absolute path: extracting it would write outside the folder"
    if "\\" in name:
        return "backslash in the path: Windows would read it as a folder separator"
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return "'..' in the path: extracting it would write outside the folder"
    if any(part in ("", ".") for part in parts):
        return "empty or '.' folder name in the path"
    if found := _FORBIDDEN.search(name):
        return f"character {found.group()!r} is not allowed in file names on Windows"
    for part in parts:
        if part.endswith((".", " ")):
            return f"'{part}' ends with a dot or a space, which Windows drops: two names would be one file"
        if part.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_DEVICES:
            return f"'{part}' is a device name on Windows (such as CON, NUL, AUX, COM1): no file can have it"
    return None


# Names Windows keeps for devices, whatever the extension (aux.html is AUX).
_WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                              *(f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³"))})


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    """Why an entry must not be read or extracted: its name, its type, encryption, or a zip bomb."""
    if reason := unsafe_name(info.filename):
        return reason
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "symbolic link" if stat.S_ISLNK(mode) else "special file (device, pipe or socket)"
    if info.flag_bits & 0x1:
        return "encrypted: it cannot be checked"
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
        return (f"compression ratio {ratio:,.0f}:1 is implausible ({info.file_size:,} bytes from "
                f"{info.compress_size:,}); a zip bomb? It was not read")
    return None


def _total_problem(infos: list[zipfile.ZipInfo]) -> str | None:
    size, packed = sum(i.file_size for i in infos), sum(i.compress_size for i in infos)
    if size > RATIO_FLOOR and size / max(packed, 1) > MAX_RATIO:
        return (f"its entries would unpack to {size:,} bytes from {packed:,}, an implausible ratio; "
                "a zip bomb? Nothing was read")
    return None


def _duplicates(infos: list[zipfile.ZipInfo]) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for info in infos:
        key = info.filename.rstrip("/").casefold()
        if key in seen:
            if seen[key] == info.filename:
                yield Finding(info.filename, "appears twice in the zip")
            else:
                yield Finding(info.filename, f"differs from {seen[key]} only by upper/lower case; "
                                             "Windows and macOS would overwrite one with the other")
        else:
            seen[key] = info.filename


def _read_manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None) -> tuple[dict[str, Any], list[Finding]]:
    """manifest.json as data, or the reasons it cannot be used."""
    if info is None:
        return {}, [Finding(MANIFEST, "missing: this is not a lessonkit bundle, or it was damaged")]
    if info.file_size > MAX_MANIFEST:
        return {}, [Finding(MANIFEST, f"{info.file_size:,} bytes is too large for a manifest")]
    try:
        raw = archive.read(info)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as err:
        return {}, [Finding(MANIFEST, f"cannot be read: {err}")]
    return _parse_manifest(raw)


def _parse_manifest(raw: bytes) -> tuple[dict[str, Any], list[Finding]]:
    try:
        data = json.loads(raw)
    except ValueError as err:
        return {}, [Finding(MANIFEST, f"cannot be read: {err}")]
    except RecursionError:  # lessonkit writes a manifest four levels deep; thousands are an attack
        return {}, [Finding(MANIFEST, "nested too deeply to be a lessonkit manifest: it was not made by "
                                      "lessonkit bundle; do not use this copy")]
    if not isinstance(data, dict) or not str(data.get("format", "")).startswith("lessonkit-bundle/"):
        return {}, [Finding(MANIFEST, f'not a lessonkit manifest (no "format": "{FORMAT}")')]
    if data["format"] != FORMAT:
        return {}, [Finding(MANIFEST, f"format {data['format']} is not the one this lessonkit reads ({FORMAT}); "
                                      "update lessonkit")]
    return data, []


def _listed_files(data: dict[str, Any]) -> tuple[dict[str, Any], list[Finding]]:
    """path -> {path, size, sha256} from the manifest, or why its list of files is unusable."""
    items = data.get("files")
    if not isinstance(items, list):
        return {}, [Finding(MANIFEST, 'has no "files" list')]
    files: dict[str, Any] = {}
    findings: list[Finding] = []
    for number, item in enumerate(items, 1):
        if not (isinstance(item, dict) and isinstance(item.get("path"), str) and isinstance(item.get("size"), int)
                and isinstance(item.get("sha256"), str) and _SHA256.match(item["sha256"])):
            findings.append(Finding(MANIFEST, f"file entry {number} needs a path, a size and a SHA-256"))
        elif reason := unsafe_name(item["path"]):
            findings.append(Finding(item["path"], f"listed in the manifest with an unsafe path: {reason}"))
        elif item["path"] in files:
            findings.append(Finding(item["path"], "listed twice in the manifest"))
        else:
            files[item["path"]] = item
    return files, findings


def _digest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, str]:
    with archive.open(info) as stream:
        return sha256_of(stream)


def _compare(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], listed: dict[str, Any],
             refused: set[str]) -> Iterator[Finding]:
    for name in sorted(set(listed) - set(entries)):
        yield Finding(name, "missing from the bundle")
    for name in sorted(set(entries) - set(listed) - {MANIFEST, SIGNATURE} - refused):
        yield Finding(name, "not listed in the manifest: it was added after the build")
    for name in sorted(set(entries) & set(listed) - refused):
        info, expected = entries[name], listed[name]
        if info.file_size != expected["size"]:
            yield Finding(name, f"{info.file_size:,} bytes, the manifest says {expected['size']:,}")
            continue
        try:
            size, sha256 = _digest(archive, info)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as err:
            yield Finding(name, f"damaged, cannot be read: {err}")
            continue
        if size != expected["size"] or sha256 != expected["sha256"]:
            yield Finding(name, "SHA-256 differs from the manifest: the file was changed or damaged")


@dataclass(frozen=True)
class PublicKey:
    """The key a signature is checked with, and how verify names it: ``SHA256:… (keys/board.pub)``."""

    key: Any  # an Ed25519PublicKey: cryptography is loaded only when a key is given
    name: str


def load_key(path: Path, shown: str | None = None) -> PublicKey:
    from lessonkit.bundles import signing

    key = signing.load_public_key(path)
    return PublicKey(key, f"{signing.fingerprint(key)}, {shown or path}")


def verify_bundle(bundle: Path, key: PublicKey | None = None) -> Verification:
    """Check the whole file against its checksum file (when it has one), then every entry's safety,
    then every file against manifest.json, then manifest.json against its signature with ``key``;
    read nothing unsafe."""
    if not bundle.is_file():
        raise UsageError(f"{bundle}: no such file; give the path of a bundle, e.g. build/bundles/kit.zip")
    result = verify_zim(bundle, key) if _is_zim(bundle) else _verify_zip(bundle, key)
    findings, proof = _checksum_file(bundle)
    result.findings[:0] = findings
    result.proofs[:0] = [proof] if proof else []
    return result


def _check_signature(result: Verification, raw: bytes, signature: bytes | str | None, key: PublicKey | None) -> None:
    """The signature is over manifest.json's exact bytes, and the manifest holds every file's SHA-256."""
    result.signed = signature is not None
    if isinstance(signature, str):
        result.findings.append(Finding(SIGNATURE, signature))
    elif key is None:
        return
    elif signature is None:
        result.findings.append(Finding(result.bundle.name, "not signed (no manifest.sig in it), but a key was "
                                                           "given: it was made without --sign, or its signature "
                                                           "was removed; do not use this copy"))
    else:
        from lessonkit.bundles import signing

        if len(signature) == signing.SIGNATURE_SIZE and signing.signature_valid(key.key, raw, signature):
            result.proofs.append(f"signature valid (key {key.name})")
        else:
            result.findings.append(Finding(SIGNATURE, f"the signature does not match manifest.json with the key "
                                                      f"{key.name}: the bundle was changed after it was signed, "
                                                      "or signed with another key"))


def _checksum_file(bundle: Path) -> tuple[list[Finding], str]:
    """The manifest travels inside the archive and can be rewritten with it: only the checksum file
    beside the bundle (as ``sha256sum -c`` reads it) proves the whole file is the one built."""
    sidecar = bundle.with_name(bundle.name + ".sha256")
    if not sidecar.is_file():
        return [], ""
    try:
        expected = sidecar.read_text(encoding="utf-8").split()[0].lower()
    except (OSError, UnicodeDecodeError, IndexError):
        return [Finding(sidecar.name, "the checksum file cannot be read; make it again with sha256sum")], ""
    _, actual = sha256_of(bundle)
    if actual != expected:
        return [Finding(bundle.name, f"its SHA-256 is {actual}, but {sidecar.name} says {expected}: the file "
                                     "changed after it was built (even if its manifest was changed to match)")], ""
    return [], f"checksum file matched ({sidecar.name})"


def _verify_zip(bundle: Path, key: PublicKey | None) -> Verification:
    result = Verification(bundle)
    try:
        archive = zipfile.ZipFile(bundle)
    except (zipfile.BadZipFile, OSError) as err:
        result.findings.append(Finding(bundle.name, f"not a zip file, or damaged beyond reading ({err})"))
        return result
    with archive:
        infos = archive.infolist()
        result.findings += _duplicates(infos)
        refused = set()
        for info in infos:
            if reason := _entry_problem(info):
                result.findings.append(Finding(info.filename, reason))
                refused.add(info.filename)
        if reason := _total_problem([i for i in infos if i.filename not in refused]):  # many small bombs
            result.findings.append(Finding(bundle.name, reason))
            return result
        entries = {i.filename: i for i in infos if not i.is_dir()}
        data, problems = _read_manifest(archive, entries.get(MANIFEST) if MANIFEST not in refused else None)
        listed, more = _listed_files(data) if not problems else ({}, [])
        result.findings += problems + more
        if data and not more:
            result.manifest = data
            result.findings += _compare(archive, entries, listed, refused)
            result.checked = len(listed)
            signature = entries.get(SIGNATURE) if SIGNATURE not in refused else None
            _check_signature(result, archive.read(entries[MANIFEST]), _read_signature(archive, signature), key)
    return result


def _read_signature(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None) -> bytes | str | None:
    """manifest.sig's bytes, None when there is none, or why it cannot be used."""
    if info is None:
        return None
    if info.file_size > 1024:
        return f"{info.file_size:,} bytes is too large for a signature"
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as err:
        return f"cannot be read: {err}"


def _is_zim(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(4) == ZIM_MAGIC


def verify_zim(bundle: Path, key: PublicKey | None = None) -> Verification:
    """A ZIM file: libzim's checksum of the whole file, then every file of the manifest, size and SHA-256."""
    result = Verification(bundle)
    try:
        archive = Archive(bundle)
    except RuntimeError as err:
        result.findings.append(Finding(bundle.name, f"cannot be opened as a ZIM file ({err})"))
        return result
    if archive.has_checksum and not archive.check():
        result.findings.append(Finding(bundle.name, "its checksum does not match: the file was changed or damaged"))
    if not archive.has_entry_by_path(MANIFEST):
        result.findings.append(Finding(MANIFEST, "missing: this is not a lessonkit bundle, or it was damaged"))
        return result
    raw = _zim_content(archive, MANIFEST)
    data, problems = _parse_manifest(raw) if isinstance(raw, bytes) else ({}, [Finding(MANIFEST, raw)])
    listed, more = _listed_files(data) if not problems else ({}, [])
    result.findings += problems + more
    if problems or more:
        return result
    result.manifest, result.checked = data, len(listed)
    signature = _zim_content(archive, SIGNATURE) if archive.has_entry_by_path(SIGNATURE) else None
    assert isinstance(raw, bytes)  # it parsed
    _check_signature(result, raw, signature, key)
    for name, expected in sorted(listed.items()):
        if not archive.has_entry_by_path(name):
            result.findings.append(Finding(name, "missing from the bundle"))
            continue
        content = _zim_content(archive, name)
        if isinstance(content, str):
            result.findings.append(Finding(name, content))
        elif len(content) != expected["size"]:
            result.findings.append(Finding(name, f"{len(content):,} bytes, the manifest says {expected['size']:,}"))
        elif hashlib.sha256(content).hexdigest() != expected["sha256"]:
            result.findings.append(Finding(name, "SHA-256 differs from the manifest: the file was changed or "
                                                 "damaged"))
    return result


def _zim_content(archive: Archive, name: str) -> bytes | str:
    """An entry's bytes, or why they cannot be read."""
    try:
        return bytes(archive.get_entry_by_path(name).get_item().content)
    except RuntimeError as err:  # libzim's word for a damaged cluster
        return f"damaged, cannot be read: {err}"


def extract_bundle(bundle: Path, folder: Path, key: PublicKey | None = None) -> Verification:
    """Verify, then extract into ``folder`` (new or empty) only if all is well; nothing lands outside it."""
    if bundle.is_file() and _is_zim(bundle):
        raise UsageError(f"{bundle} is a ZIM file: Kiwix reads it as it is, there is nothing to extract")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder} is not an empty folder; extract into a new or empty one, "
                         "so that nothing already there is overwritten")
    result = verify_bundle(bundle, key)
    if not result.ok or result.manifest is None:
        return result
    listed = {item["path"]: item["sha256"] for item in result.manifest["files"]}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Extract aside, inside the folder, so that a failure leaves it as empty as it was.
        partial = Path(tempfile.mkdtemp(prefix=".lessonkit-partial-", dir=folder))
    except OSError as err:
        raise UsageError(f"{describe(err, folder)}; nothing was extracted: give a folder that can be made "
                         "on a disk you can write to") from None
    try:
        _extract_all(bundle, partial, listed)
        for child in sorted(partial.iterdir()):
            os.replace(child, folder / child.name)
    except OSError as err:  # a full disk: what was extracted so far is removed with ``partial``
        raise BundleError([Finding(str(folder), f"{advice(err)}; nothing was extracted")]) from None
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return result


def _extract_all(bundle: Path, partial: Path, listed: dict[str, str]) -> None:
    """Every entry into ``partial``; any that differs from the manifest stops it."""
    with zipfile.ZipFile(bundle) as archive:
        for info in archive.infolist():
            if not info.is_dir():
                sha256 = _extract_one(archive, info, safe_target(partial, info.filename))
                if info.filename in listed and sha256 != listed[info.filename]:
                    raise BundleError([Finding(info.filename, "changed while it was being extracted; "
                                                              "nothing was extracted")])


def _extract_one(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> str:
    """Copy one entry to a new file (never through an existing one); return its SHA-256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with archive.open(info) as source, target.open("xb") as sink:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            sink.write(chunk)
    return digest.hexdigest()


def safe_target(folder: Path, name: str) -> Path:
    """Where ``name`` goes under ``folder``; refuses anything that would land outside it."""
    if unsafe_name(name):
        raise ValueError(f"{name}: unsafe path")
    target = folder.joinpath(*PurePosixPath(name).parts)
    if not target.resolve().is_relative_to(folder.resolve()):
        raise ValueError(f"{name}: would be written outside {folder}")
    return target
