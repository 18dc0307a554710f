"""The kit in a real browser: the site built once per session, Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from kitcopy import copy_curriculum

from lessonkit.building.build import build
from lessonkit.building.request import BuildRequest
from lessonkit.project import load_project

try:
    from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
except ImportError:  # the test extra is not installed
    sync_playwright = None

TESTS = Path(__file__).parent.resolve()
REPO = TESTS.parent
SCREENSHOTS = REPO / "build" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
# No first-run work, no background traffic: the browser itself must not reach for the network either.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LANGUAGES = ("en", "fr")
HOME, BAND, LESSON = "index.html", "lessons/ages-8-10/index.html", "lessons/ages-8-10/be-an-upstander.html"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
AXE_CACHE = Path(os.environ.get("LESSONKIT_NPM_CACHE", Path.home() / ".cache" / "lessonkit" / "npm"))


def _missing(reason: str) -> None:
    # A developer without the tool gets a skip that says what to install; CI, which installs it, fails.
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass
class Site:
    """The built HTML kit: ``root`` holds index.html, en/ and fr/."""

    root: Path

    def url(self, language: str, page: str) -> str:
        return (self.root / language / page).as_uri()

    def pages(self, language: str) -> list[str]:
        folder = self.root / language
        return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.html"))


@dataclass
class Traffic:
    """Every request a browser context made that left file:, data: and blob:, and every page error."""

    remote: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def kit_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The repository's curriculum, copied aside and built to HTML in both languages, once."""
    source = copy_curriculum(tmp_path_factory.mktemp("kit") / "curriculum")
    output = source / "build"
    build(load_project(source), BuildRequest(formats=["html"], jobs=2), output_root=output)
    return Site(output / "html")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless; Playwright's own browser downloads are never used."""
    if sync_playwright is None:
        _missing("Playwright is missing: pip install -e '.[test]'")
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def open_context(chromium: Browser, traffic: Traffic, viewport: dict[str, int] = DESKTOP,
                 **options: object) -> BrowserContext:
    """A fresh browser profile that records every remote request and refuses it: none leaves the machine.

    A load that the page's Content-Security-Policy blocks never reaches the network, nor this record.
    """
    context = chromium.new_context(viewport=viewport, **options)

    def refuse(route: Route) -> None:
        traffic.remote.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:|data:|blob:)[a-z][a-z0-9+.-]*:"), refuse)
    context.on("weberror", lambda error: traffic.errors.append(str(error.error)))
    return context


@pytest.fixture
def kit_traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def kit_page(chromium: Browser, kit_traffic: Traffic) -> Iterator[Page]:
    """A page in a fresh desktop-sized browser profile."""
    context = open_context(chromium, kit_traffic)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, installed from the npm registry into a cache folder on first use."""
    script = AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            _missing("npm is missing: the accessibility checks install axe-core with it (apt-get install npm)")
        AXE_CACHE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "install", "--prefix", str(AXE_CACHE), "--no-audit", "--no-fund",
                               "axe-core@4"], capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0 or not script.exists():
            pytest.fail(f"npm install axe-core@4 into {AXE_CACHE} failed:\n{done.stdout}\n{done.stderr}")
    return script.read_text(encoding="utf-8")


def text_of(page: Page, selector: str) -> str:
    """The visible text of the first element that ``selector`` matches, on one line."""
    return " ".join(page.locator(selector).first.inner_text().split())
