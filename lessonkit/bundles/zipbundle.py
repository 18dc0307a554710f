"""The zip targets: the board's bundle (with a README in each language) and Kolibri's HTML5 app."""

from __future__ import annotations

from pathlib import Path

from lessonkit.bundles import texts
from lessonkit.bundles.manifest import add_manifest
from lessonkit.bundles.model import Contents
from lessonkit.bundles.zipwriter import write_zip


def add_readmes(contents: Contents, bundle_name: str) -> None:
    """One README per language, named in that language (README.txt, LISEZ-MOI.txt)."""
    used: set[str] = set()
    has_pdfs = bool(contents.pdfs())
    for language in contents.languages:
        name = texts.readme_name(language)
        if name in used:  # two languages without their own word for it
            stem, dot, suffix = name.rpartition(".")
            name = f"{stem}-{language}{dot}{suffix}"
        used.add(name)
        text = texts.readme(contents.project, language, contents.audience, contents.date, has_pdfs, bundle_name,
                            signed=contents.sign is not None)
        contents.add(name, text.encode())


def pack(contents: Contents, target: Path) -> None:
    """A zip a board copies to every machine: index.html at its root, README, manifest.json."""
    add_readmes(contents, target.name)
    add_manifest(contents, "zip")
    write_zip(target, [(name, contents.path(name)) for name in contents.files], contents.date)


def pack_kolibri(contents: Contents, target: Path) -> None:
    """An HTML5 app zip for a Kolibri channel: index.html at its root, nothing loaded from the network."""
    add_manifest(contents, "kolibri")
    write_zip(target, [(name, contents.path(name)) for name in contents.files], contents.date)
