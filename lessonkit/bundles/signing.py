"""Signed bundles: an Ed25519 signature over manifest.json, made with the board's private key.

manifest.json holds every file's SHA-256, so a signature over its exact bytes covers the whole
bundle; it travels inside the archive as ``manifest.sig`` (64 raw bytes, as ``openssl pkeyutl
-sign -rawin`` writes them), and trust rests on the public key, which never travels with it.
Keys are the files OpenSSL and OpenSSH make: a school can check a bundle with either tool alone.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from lessonkit.building.request import UsageError

SIGNATURE_SIZE = 64
PASSPHRASE_VARIABLE = "LESSONKIT_KEY_PASSPHRASE"
_MAX_KEY_FILE = 64 << 10


class KeyFileError(UsageError):
    """A key file cannot be used: missing, unreadable, not Ed25519, or protected by an unknown passphrase."""


def _read(path: Path, what: str) -> bytes:
    try:
        if path.stat().st_size > _MAX_KEY_FILE:
            raise KeyFileError(f"{path}: too large for a key file; give the {what}")
        return path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(f"{path}: no such file; give the {what} (make a pair with 'lessonkit keygen')") from None
    except OSError as err:
        raise KeyFileError(f"{path}: cannot be read ({err.strerror}); give the {what}") from None


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The board's private key: PEM (``openssl genpkey -algorithm ed25519``) or OpenSSH (``ssh-keygen -t ed25519``)."""
    data = _read(path, "board's private key (PEM or OpenSSH, Ed25519)")
    passphrase = os.environ.get(PASSPHRASE_VARIABLE, "").encode() or None
    loader = (serialization.load_ssh_private_key if data.lstrip().startswith(b"-----BEGIN OPENSSH")
              else serialization.load_pem_private_key)
    try:
        key = loader(data, passphrase)
    except TypeError:  # a passphrase is needed, or one was given for a key without one
        raise KeyFileError(f"{path}: the key is protected by a passphrase; put it in the {PASSPHRASE_VARIABLE} "
                           "environment variable" if passphrase is None else
                           f"{path}: the key has no passphrase; unset {PASSPHRASE_VARIABLE}") from None
    except (ValueError, UnsupportedAlgorithm):
        if b"PUBLIC KEY" in data or data.startswith(b"ssh-"):
            raise KeyFileError(f"{path} is a public key; --sign needs the private one (the file without .pub)") \
                from None
        raise KeyFileError(f"{path}: not a private key lessonkit can read (or a wrong passphrase); make one with "
                           "'lessonkit keygen' or 'openssl genpkey -algorithm ed25519'") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path}: a {type(key).__name__.removeprefix('_')} key; bundles are signed with "
                           "Ed25519 keys only (lessonkit keygen makes one)")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """A public key: PEM (``openssl pkey -pubout``) or one OpenSSH line (``ssh-ed25519 AAAA… comment``)."""
    data = _read(path, "board's public key (PEM or OpenSSH, Ed25519)")
    try:
        key = (serialization.load_ssh_public_key(data.strip()) if data.lstrip().startswith(b"ssh-")
               else serialization.load_pem_public_key(data))
    except (ValueError, UnsupportedAlgorithm):
        hint = (" it is a private key: give the public one (.pub)" if b"PRIVATE KEY" in data
                else " expected PEM ('-----BEGIN PUBLIC KEY-----') or an 'ssh-ed25519 …' line")
        raise KeyFileError(f"{path}: not a public key lessonkit can read;{hint}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError(f"{path}: not an Ed25519 key; bundles are signed with Ed25519 keys only")
    return key


def fingerprint(key: Ed25519PublicKey) -> str:
    """``sha256:<hex>`` of the key's DER form, whatever file it came from, so a school can compare it with
    ``openssl pkey -pubin -in board.pub -outform DER | sha256sum``."""
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return "sha256:" + hashlib.sha256(der).hexdigest()


def sign(key: Ed25519PrivateKey, manifest: bytes) -> bytes:
    return key.sign(manifest)


def signature_valid(key: Ed25519PublicKey, manifest: bytes, signature: bytes) -> bool:
    try:
        key.verify(signature, manifest)
    except InvalidSignature:
        return False
    return True


def same_key(private: Ed25519PrivateKey, public: Ed25519PublicKey) -> bool:
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    return private.public_key().public_bytes(*raw) == public.public_bytes(*raw)


def generate(private_path: Path) -> tuple[Path, Ed25519PublicKey]:
    """Write a new key pair: ``private_path`` (PEM, readable by its owner only) and ``<it>.pub``."""
    public_path = private_path.with_name(private_path.name + ".pub")
    for path in (private_path, public_path):
        if path.exists():
            raise KeyFileError(f"{path} exists; a board's key is never overwritten (choose another name)")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    try:
        private_path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(private_pem)
        public_path.write_bytes(public_pem)
    except OSError as err:
        raise KeyFileError(f"{err.filename or private_path}: cannot be written ({err.strerror}); "
                           "choose a folder you can write to") from None
    return public_path, key.public_key()
