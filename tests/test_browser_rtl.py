"""A right-to-left family language in Chromium: the page says so, mirrors, and never scrolls sideways."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser_support import DESKTOP, PHONE, SCREENSHOTS, Site, open_context
from playwright.sync_api import expect
from test_browser_a11y import serious_violations

from lessonkit.building.build import build
from lessonkit.building.request import BuildRequest
from lessonkit.project import load_project

ROOT = Path(__file__).parent / "roots" / "test-family-languages"
PAGES = ("families.html", "get-help.html", "disclosure.html")
# Any element drawn past either edge of the screen (on a right-to-left page, overflow goes left), but
# the closed drawers of a small screen, which wait off screen on purpose.
OUTSIDE = """(width) => [...document.querySelectorAll('body *')]
    .filter((element) => !element.closest('.sidebar-drawer, .toc-drawer'))
    .filter((element) => element.checkVisibility({visibilityProperty: true}) && element.getClientRects().length)
    .filter((element) => { const box = element.getBoundingClientRect();
                           return box.width > 0 && (box.left < -1 || box.right > width + 1); })
    .map((element) => element.tagName + '.' + element.className)"""


@pytest.fixture(scope="module")
def family_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The test root, with its Arabic and Spanish family languages, built to HTML once."""
    root = tmp_path_factory.mktemp("rtl") / "kit"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("build"))
    build(load_project(root), BuildRequest(formats=["html"]), output_root=root / "build")
    return Site(root / "build" / "html")


@pytest.mark.parametrize("name", PAGES)
def test_an_arabic_page_is_right_to_left_and_passes_axe(chromium, family_site, kit_traffic, axe_source, name) -> None:
    context = open_context(chromium, kit_traffic, viewport=DESKTOP)
    page = context.new_page()
    page.goto(family_site.url("ar", name))
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    assert page.evaluate("() => getComputedStyle(document.querySelector('article')).direction") == "rtl"
    assert page.evaluate(OUTSIDE, DESKTOP["width"]) == []
    assert serious_violations(page, axe_source) == []
    context.close()
    assert kit_traffic.remote == [] and kit_traffic.errors == []


def test_the_layout_mirrors_the_navigation_on_the_right(chromium, family_site, kit_traffic) -> None:
    context = open_context(chromium, kit_traffic, viewport=DESKTOP)
    page = context.new_page()
    page.goto(family_site.url("ar", "families.html"))
    navigation = page.locator(".sidebar-drawer").bounding_box()
    article = page.locator("article").bounding_box()
    assert navigation["x"] > article["x"]  # the site's navigation is at the start of the line: the right
    following = page.locator(".related-pages a.next-page").bounding_box()
    assert following["x"] < article["x"] + article["width"] / 2  # the next page is on the left, ahead
    heading = page.locator("article h1").bounding_box()
    assert heading["x"] + heading["width"] > article["x"] + article["width"] - 60  # text starts on the right
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "ar-families-desktop.png", full_page=True)
    context.close()


def test_an_arabic_page_fits_a_375_px_phone(chromium, family_site, kit_traffic) -> None:
    context = open_context(chromium, kit_traffic, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    for name in PAGES:
        page.goto(family_site.url("ar", name))
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.evaluate(OUTSIDE, PHONE["width"]) == []
        expect(page.locator(".lk-languages a").first).to_be_in_viewport()
        # the closed navigation waits past the right edge, the side it opens from
        drawer = page.locator(".sidebar-drawer").bounding_box()
        assert drawer["x"] >= PHONE["width"] - 1
    page.screenshot(path=SCREENSHOTS / "ar-families-phone.png", full_page=True)
    context.close()


def test_the_switcher_goes_between_arabic_and_the_other_languages(chromium, family_site, kit_traffic) -> None:
    context = open_context(chromium, kit_traffic, viewport=DESKTOP)
    page = context.new_page()
    page.goto(family_site.url("en", "families.html"))
    page.locator('.lk-languages a[hreflang="ar"]').click()
    assert page.url.endswith("/ar/families.html") and page.get_attribute("html", "dir") == "rtl"
    expect(page.locator('.lk-languages [aria-current="true"]')).to_have_text("العربية")
    page.locator('.lk-languages a[hreflang="en"]').click()
    assert page.url.endswith("/en/families.html") and page.get_attribute("html", "dir") is None
    page.goto(family_site.url("en", "lessons/ages-8-10/alpha.html"))
    expect(page.locator('.lk-languages a[hreflang="ar"]')).to_have_count(0)  # no Arabic lesson page
    context.close()
