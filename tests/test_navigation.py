"""A retitled lesson's new title reaches every page that shows it, in `lessonkit build` and in serve.

One curriculum is built (HTML, English) and previewed, then a lesson is retitled and both are
brought up to date incrementally, in the same output folders.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from kitcopy import copy_curriculum

from lessonkit import serve
from lessonkit.sphinxext.navigation import NAVIGATION_FILE

BAND = "lessons/ages-8-10"
LESSON = f"{BAND}/online-friend-or-tricky-behaviour"  # second of its band: lessons on both sides
BEFORE, AFTER = f"{BAND}/private-information-and-livestreaming", f"{BAND}/stop-block-screenshot-tell"
OLD, NEW = "Online friend or tricky behaviour?", "Friend online, or tricky behaviour?"


@dataclass(frozen=True)
class Retitled:
    kit: Path  # build/html/en
    preview: Path  # build/serve/en


def build_english(root: Path) -> None:
    """`lessonkit build` of the English HTML, in a process of its own as a writer runs it.

    (Not in this process: the preview's Sphinx application, kept open, has registered lessonkit's
    directives with docutils, and another application would find them taken.)
    """
    command = [str(Path(sys.executable).with_name("lessonkit")), "-q", "-C", str(root),
               "build", "--lang", "en", "--format", "html"]
    subprocess.run(command, check=True, capture_output=True)


@pytest.fixture(scope="module")
def retitled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Retitled]:
    root = copy_curriculum(tmp_path_factory.mktemp("navigation") / "curriculum")
    build_english(root)
    preview = serve.Preview(root)
    try:
        assert preview.rebuild().problems == []
        kit = root / "build" / "html" / "en"
        for folder in (kit, preview.outdir):
            assert OLD in neighbour_title(folder / f"{BEFORE}.html", "next-page")
        lesson = root / f"{LESSON}.md"
        text = lesson.read_text(encoding="utf-8")
        assert f"# {OLD}\n" in text
        lesson.write_text(text.replace(f"# {OLD}\n", f"# {NEW}\n", 1), encoding="utf-8")
        build_english(root)
        assert preview.rebuild([lesson]).problems == []
        yield Retitled(kit, preview.outdir)
    finally:
        preview.close()


def neighbour_title(page: Path, link: str) -> str:
    """The title shown in a page's link to the previous (prev-page) or next (next-page) page."""
    text = page.read_text(encoding="utf-8")
    found = re.search(rf'class="{link}" href="[^"]*">.*?<div class="title">(.*?)</div>', text, re.DOTALL)
    assert found, f"{page.name} has no {link} link"
    return html.unescape(found.group(1))


def sidebar(page: Path) -> str:
    found = re.search(r'<div class="sidebar-tree">(.*?)</div>', page.read_text(encoding="utf-8"), re.DOTALL)
    assert found, f"{page} has no sidebar"
    return html.unescape(found.group(1))


@pytest.mark.parametrize("output", ["kit", "preview"])
def test_the_new_title_is_in_the_neighbours_links(retitled: Retitled, output: str) -> None:
    folder: Path = getattr(retitled, output)
    assert neighbour_title(folder / f"{BEFORE}.html", "next-page") == NEW
    assert neighbour_title(folder / f"{AFTER}.html", "prev-page") == NEW


@pytest.mark.parametrize("output", ["kit", "preview"])
def test_every_page_shows_the_new_title_and_none_the_old(retitled: Retitled, output: str) -> None:
    folder: Path = getattr(retitled, output)
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        assert NEW in sidebar(page), page
        assert OLD not in html.unescape(page.read_text(encoding="utf-8")), page
    # The home page lists the lessons in its sidebar (above); the band page in its text too.
    band_page = html.unescape((folder / BAND / "index.html").read_text(encoding="utf-8"))
    assert NEW in band_page.split('role="main"', 1)[1]


def test_the_output_records_the_navigation_its_pages_show(retitled: Retitled) -> None:
    for folder in (retitled.kit, retitled.preview):
        assert len((folder / NAVIGATION_FILE).read_text(encoding="utf-8")) == 64
