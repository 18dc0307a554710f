"""Signed bundles: `lessonkit keygen`, a signature over manifest.json, and `lessonkit verify --key`."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import REPO
from test_bundle_verify import FILES, make_zip, manifest_for, run

from lessonkit.bundles import signing


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    """A board's key pair, made as the board makes it."""
    code, out, err = run("keygen", str(tmp_path / "keys" / "board"))
    assert (code, err) == (0, ""), err
    assert "key fingerprint sha256:" in out
    return tmp_path / "keys" / "board", tmp_path / "keys" / "board.pub"


def signed_zip(path: Path, files: dict[str, bytes], private: Path, manifest: dict[str, bytes] | None = None,
               signed_manifest: bytes | None = None) -> Path:
    """A bundle of ``files`` with manifest.sig, the signature of ``signed_manifest`` (default: its manifest)."""
    make_zip(path, files, manifest)
    with zipfile.ZipFile(path) as archive:
        raw = archive.read("manifest.json")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("manifest.sig", signing.sign(signing.load_private_key(private), signed_manifest or raw))
    return path


def test_keygen_makes_a_private_key_only_its_owner_reads_and_never_overwrites_one(keys: tuple[Path, Path]) -> None:
    private, public = keys
    assert private.stat().st_mode & 0o077 == 0
    assert public.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    assert signing.same_key(signing.load_private_key(private), signing.load_public_key(public))
    code, _, err = run("keygen", str(private))
    assert code == 2 and "exists; a board's key is never overwritten" in err


def test_a_signed_bundle_verifies_with_the_boards_public_key(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    private, public = keys
    bundle = signed_zip(tmp_path / "kit.zip", FILES, private)
    fingerprint = signing.fingerprint(signing.load_public_key(public))
    code, out, err = run("verify", str(bundle), "--key", str(public))
    assert (code, err) == (0, "")
    assert "all 3 files match the manifest" in out
    assert f"integrity: signature valid (key {fingerprint}, {public})" in out
    # without the key, verify says the signature was not checked, and proves nothing
    code, out, _ = run("verify", str(bundle))
    assert code == 0 and "integrity not proven: no checksum file (.sha256) beside the bundle and no key" in out
    # extracting a signed bundle extracts the signature with the manifest, nothing more
    code, _, _ = run("verify", str(bundle), "--key", str(public), "--extract", str(tmp_path / "usb"))
    assert code == 0 and (tmp_path / "usb" / "manifest.sig").read_bytes() == zipfile.ZipFile(bundle).read(
        "manifest.sig")


def test_a_changed_file_with_a_manifest_to_match_fails_on_the_signature(tmp_path: Path,
                                                                         keys: tuple[Path, Path]) -> None:
    private, public = keys
    changed = dict(FILES, **{"html/en/index.html": b"<p>forged</p>"})
    # the forger rewrote the manifest to match, and kept the board's signature of the original one
    bundle = signed_zip(tmp_path / "kit.zip", changed, private, signed_manifest=manifest_for(FILES))
    code, out, err = run("verify", str(bundle), "--key", str(public))
    assert code == 1
    assert "manifest.sig: the signature does not match manifest.json with the key sha256:" in err
    assert "the bundle was changed after it was signed, or signed with another key" in err
    assert "do not use this copy" in err and "integrity" not in out
    code, _, _ = run("verify", str(bundle), "--key", str(public), "--extract", str(tmp_path / "usb"))
    assert code == 1 and not (tmp_path / "usb").exists()


def test_another_boards_key_fails(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    private, _ = keys
    run("keygen", str(tmp_path / "other"))
    bundle = signed_zip(tmp_path / "kit.zip", FILES, private)
    code, _, err = run("verify", str(bundle), "--key", str(tmp_path / "other.pub"))
    assert code == 1 and "manifest.sig: the signature does not match manifest.json" in err


def test_an_unsigned_bundle_fails_when_a_key_is_given(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    _, public = keys
    bundle = make_zip(tmp_path / "kit.zip", FILES)
    code, _, err = run("verify", str(bundle), "--key", str(public))
    assert code == 1 and "kit.zip: not signed (no manifest.sig in it), but a key was given" in err


def test_the_key_named_in_conf_py_is_used_when_verify_runs_in_the_project(tmp_path: Path,
                                                                          keys: tuple[Path, Path]) -> None:
    private, public = keys
    project = tmp_path / "board"
    (project / "keys").mkdir(parents=True)
    shutil.copyfile(public, project / "keys" / "board.pub")
    (project / "conf.py").write_text('project = "Kit"\nlessonkit_signing_key = "keys/board.pub"\n')
    good = signed_zip(tmp_path / "kit.zip", FILES, private)
    code, out, _ = run("-C", str(project), "verify", str(good))
    assert code == 0 and "signature valid (key sha256:" in out and "keys/board.pub, lessonkit_signing_key" in out
    unsigned = make_zip(tmp_path / "plain.zip", FILES)
    code, _, err = run("-C", str(project), "verify", str(unsigned))
    assert code == 1 and "not signed" in err


@pytest.mark.parametrize(("content", "message"), [
    (b"not a key", "not a public key lessonkit can read"),
    (b"-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n", "it is a private key: give the public one"),
])
def test_a_key_file_that_is_not_a_public_key_is_a_usage_error(tmp_path: Path, content: bytes, message: str) -> None:
    key = tmp_path / "board.pub"
    key.write_bytes(content)
    code, _, err = run("verify", str(make_zip(tmp_path / "kit.zip", FILES)), "--key", str(key))
    assert code == 2 and message in err and "Traceback" not in err
    code, _, err = run("verify", str(tmp_path / "kit.zip"), "--key", str(tmp_path / "absent.pub"))
    assert code == 2 and "absent.pub: no such file" in err


def test_keys_made_by_openssl_and_ssh_keygen_are_accepted(tmp_path: Path) -> None:
    if not (shutil.which("openssl") and shutil.which("ssh-keygen")):
        pytest.skip("needs openssl and ssh-keygen")
    subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", tmp_path / "o.pem"], check=True)
    subprocess.run(["openssl", "pkey", "-in", tmp_path / "o.pem", "-pubout", "-out", tmp_path / "o.pub"], check=True)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", tmp_path / "s"], check=True)
    for private, public in (("o.pem", "o.pub"), ("s", "s.pub")):
        bundle = signed_zip(tmp_path / f"{private}.zip", FILES, tmp_path / private)
        code, out, _ = run("verify", str(bundle), "--key", str(tmp_path / public))
        assert code == 0 and "signature valid" in out


def test_a_school_can_check_a_signed_bundle_with_openssl_alone_as_the_boards_guide_says(
        tmp_path: Path, keys: tuple[Path, Path]) -> None:
    """The very commands of the boards' guide: the signature with openssl, then each file with sha256sum."""
    if not all(shutil.which(tool) for tool in ("openssl", "jq", "unzip", "sha256sum", "bash")):
        pytest.skip("needs openssl, jq, unzip and sha256sum")
    guide = (REPO / "docs" / "boards-guide.md").read_text(encoding="utf-8")
    commands = guide.split("**Checking without lessonkit.**", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    private, public = keys
    signed_zip(tmp_path / "KIT.zip", FILES, private)
    shutil.copyfile(public, tmp_path / "board.pub")
    checked = subprocess.run(["bash", "-e", "-c", commands], cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "Signature Verified Successfully" in checked.stdout and "all files match" in checked.stdout
    # a file changed with its manifest rewritten to match: openssl refuses the signature
    shutil.rmtree(tmp_path / "kit")
    forged = dict(FILES, **{"index.html": b"forged"})
    (tmp_path / "KIT.zip").unlink()
    signed_zip(tmp_path / "KIT.zip", forged, private, signed_manifest=manifest_for(FILES))
    checked = subprocess.run(["bash", "-e", "-c", commands], cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode != 0 and "Signature Verification Failure" in checked.stdout + checked.stderr
