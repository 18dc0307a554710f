"""The ZIM target: the site as one file for Kiwix readers, with its metadata and a full-text index."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from libzim.writer import Creator, FileProvider, Hint, Item  # type: ignore[import-untyped]

import lessonkit
from lessonkit.building.request import UsageError
from lessonkit.bundles import png, texts
from lessonkit.bundles.links import read_page
from lessonkit.bundles.manifest import add_manifest
from lessonkit.bundles.model import BundleError, Contents, Finding
from lessonkit.files import atomic_path
from lessonkit.project import Project
from lessonkit.scaffold import slugify

MIMETYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".json": "application/json",
    ".map": "application/json", ".txt": "text/plain", ".svg": "image/svg+xml", ".png": "image/png",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".pdf": "application/pdf",
    ".woff": "font/woff", ".woff2": "font/woff2",
}
# ZIM wants ISO 639-3; these are the languages Canadian schools teach in most.
ISO_639_3 = {
    "en": "eng", "fr": "fra", "es": "spa", "de": "deu", "it": "ita", "pt": "por", "zh": "zho", "ar": "ara",
    "pa": "pan", "tl": "tgl", "uk": "ukr", "iu": "iku", "cr": "cre", "oj": "oji", "mic": "mic",
}
NOT_ARTICLES = ("search.html", "genindex.html")


def iso_639_3(language: str) -> str:
    code = language.split("_")[0].split("-")[0].lower()
    if code in ISO_639_3.values() or len(code) == 3:
        return code
    if code not in ISO_639_3:
        raise UsageError(f"no ISO 639-3 code known for language {language!r}, which ZIM files need; "
                         "build the ZIM in another language, or use --target zip")
    return ISO_639_3[code]


class _File(Item):  # type: ignore[misc]
    """One file of the bundle, streamed from disk by libzim."""

    def __init__(self, name: str, path: Path, title: str, article: bool) -> None:
        super().__init__()
        self.name, self.path, self.title, self.article = name, path, title, article

    def get_path(self) -> str:
        return self.name

    def get_title(self) -> str:
        return self.title

    def get_mimetype(self) -> str:
        return MIMETYPES.get(self.path.suffix.lower(), "application/octet-stream")

    def get_contentprovider(self) -> FileProvider:
        return FileProvider(str(self.path))

    def get_hints(self) -> dict[Hint, bool]:
        return {Hint.FRONT_ARTICLE: self.article, Hint.COMPRESS: self.path.suffix not in (".pdf", ".png")}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def metadata(contents: Contents) -> dict[str, str]:
    """The metadata openZIM requires (besides the illustration), in the bundle's first language."""
    project, language = contents.project, contents.languages[0]
    _ = texts.words(language)
    edition = texts.edition_name(contents.audience, language)
    ages = texts.age_range(project, contents.bands)
    settings = project.settings
    publisher = settings.board(language) or str(project.namespace.get("author") or project.name)
    lessons = _("Digital-safety lessons, ages {ages} ({edition})").format(ages=ages, edition=edition.lower())
    # Kiwix shows the title in its library, cut at 30 characters: the board's short name says who it is
    # from; the description and the long description carry the whole name, in every language of the kit.
    board = texts.kit_title(project, contents.languages)
    full = f"{board}: {lessons}" if settings.board_name else lessons
    return {
        "Name": "_".join([slugify(project.name), "mul" if len(contents.languages) > 1 else language,
                          contents.audience]),
        "Title": settings.short_board(language) or _clip(project.name, 30),
        "Language": ",".join(iso_639_3(lang) for lang in contents.languages),
        "Creator": publisher,
        "Publisher": publisher,
        "Date": contents.date.date().isoformat(),
        "Description": _clip(next(text for text in (full, board, settings.board(language).split(" / ")[0], lessons)
                                  if text and len(text) <= 80) if settings.board_name else lessons, 80),
        "LongDescription": full,
        "Tags": "_category:education;_pictures:yes;_videos:no;_details:yes;_ftindex:yes",
        "Scraper": f"lessonkit {lessonkit.__version__}",
    }


def illustration(project: Project, colours: list[str]) -> bytes:
    """The 48×48 PNG Kiwix shows in its library: the board's logo, else the bands' colours."""
    logo = project.settings.board_logo
    if logo:
        path = project.root / logo
        try:
            return png.logo_square(path.read_bytes(), 48)
        except (OSError, ValueError) as err:
            raise BundleError([Finding(project.shown(path), f"cannot read the board's logo (lessonkit_board_logo) "
                                                            f"for the ZIM's illustration: {err}")]) from None
    return png.band_stripes(colours)


def pack(contents: Contents, target: Path) -> None:
    """Write the ZIM beside ``target``, then move it into place."""
    add_manifest(contents, "zim")
    colours = [contents.project.settings.band(b).colour for b in contents.project.settings.bands]
    try:
        with atomic_path(target) as partial:
            creator = Creator(str(partial)).config_indexing(True, iso_639_3(contents.languages[0]))
            creator.set_mainpath("index.html")
            with _quiet_stdout(), creator:
                for name, value in metadata(contents).items():
                    creator.add_metadata(name, value)
                creator.add_illustration(48, illustration(contents.project, colours))
                for name in contents.files:
                    path = contents.path(name)
                    page = name.endswith(".html")
                    title = read_page(path).title if page else ""
                    creator.add_item(_File(name, path, title or name, page and not name.endswith(NOT_ARTICLES)))
    except RuntimeError as err:  # libzim reports its failures (disk full, bad metadata) this way
        raise BundleError([Finding(target.name, f"libzim could not write the ZIM file: {err}")]) from None


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence libzim's progress lines, which its C++ side prints to standard output whatever its settings."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
