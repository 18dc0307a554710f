"""Pseudo-translation: with every catalog transformed, no English word may remain in the French kit."""

from __future__ import annotations

import html
import re
from pathlib import Path

import polib
import pytest
from kitcopy import copy_curriculum

from lessonkit.building.build import build
from lessonkit.building.request import BuildRequest
from lessonkit.i18n import pseudo, pseudo_translate
from lessonkit.project import load_project

REPO = Path(__file__).resolve().parent.parent
WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]{4,}(?![^\W\d_])")  # whole words: not "cautions" in "précautions"
# What the pseudo-translation leaves alone is not a word to look for.
PROTECTED = re.compile(r"\]\([^)]*\)|<[^>]+>|`[^`]*`|\{[^}]*\}|\b[\w-]+\.(?:ca|org|com)\b")


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    # Language names in the switcher are written in their own language, on purpose.
    page = re.sub(r'<a [^>]*lang="en"[^>]*>[^<]*</a>', " ", page)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


def english_words() -> set[str]:
    """Words of the English sources and of the tool's English interface, minus real French ones."""
    english, french = set(), set()
    catalogs = [*(REPO / "locale" / "fr").rglob("*.po"), *(REPO / "lessonkit" / "locale" / "fr").rglob("*.po")]
    for path in catalogs:
        for entry in polib.pofile(str(path)):
            english.update(WORD.findall(PROTECTED.sub(" ", entry.msgid)))
            french.update(WORD.findall(PROTECTED.sub(" ", entry.msgstr)))
            french.update(WORD.findall(" ".join(re.findall(r"`([^`]*)`", entry.msgstr))))  # commands, as typed
    acronyms = {word for word in english if re.fullmatch(r"[A-Z]+s?", word)}  # PDFs, URLs: not translated
    return english - french - acronyms - published_words()


def published_words() -> set[str]:
    """Words of the curriculum's data files that a French page may show: the titles, names and
    addresses of sources and frameworks as published, and their French texts (which quote English
    wording « like this » where that is what a source says)."""
    import yaml

    from lessonkit.sources import read_sources

    kept: set[str] = set()

    def keep(value: object) -> None:
        texts = [value.get("fr", "")] if isinstance(value, dict) else [value]
        kept.update(word for text in texts if isinstance(text, str) for word in WORD.findall(text))

    for source in read_sources(REPO).entries.values():
        keep(source.key.replace("-", " "))  # the review packet names each source by its key
        for value in (source.title, source.url, source.publisher, source.counts, source.note):
            keep(value.get("fr") or next(iter(value.values()), "") if isinstance(value, dict) else value)
    for path in (REPO / "frameworks").glob("*.yaml"):
        framework = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in [framework, *framework.get("expectations", [])]:
            for name in ("title", "publisher", "url", "strand", "text", "grade_label", "note"):
                keep(item.get(name, ""))
    return kept


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_curriculum(tmp_path_factory.mktemp("pseudo") / "kit")
    assert pseudo_translate(load_project(root), "fr") > 1500
    build(load_project(root), BuildRequest(languages=["fr"], formats=["html", "pdf"]))
    return root / "build" / "html" / "fr"


def test_no_english_word_remains_in_the_french_site(pseudo_site: Path) -> None:
    english = english_words()
    assert {"teacher", "lesson", "Objectives", "activity"} & english  # the test can see English
    leaks: dict[str, set[str]] = {}
    for page in sorted(pseudo_site.rglob("*.html")):
        found = {w for w in WORD.findall(visible_text(page.read_text(encoding="utf-8"))) if w in english}
        if found:
            leaks[page.relative_to(pseudo_site).as_posix()] = found
    assert leaks == {}


def test_pseudo_translation_really_translated(pseudo_site: Path) -> None:
    page = (pseudo_site / "lessons" / "ages-8-10" / "be-an-upstander.html").read_text(encoding="utf-8")
    assert pseudo("Be an upstander") in html.unescape(page)


def test_no_english_word_remains_in_the_french_pdfs(pseudo_site: Path) -> None:
    from pypdf import PdfReader

    english = english_words()
    pdfs = sorted((pseudo_site.parent.parent / "pdf" / "fr").rglob("*.pdf"))
    assert len(pdfs) >= 52
    leaks: dict[str, set[str]] = {}
    for path in pdfs:
        text = " ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
        found = {w for w in WORD.findall(text) if w in english}
        if found:
            leaks[path.name] = found
    assert leaks == {}
