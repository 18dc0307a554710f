"""Screenshots of the kit in Chromium, on a desktop and on a 375 px phone, into build/screenshots/."""

from __future__ import annotations

import pytest
from browser_support import BAND, DESKTOP, HOME, LANGUAGES, LESSON, PHONE, SCREENSHOTS, open_context
from playwright.sync_api import expect

PAGES = {"home": HOME, "band": BAND, "lesson": LESSON}
# Text wider than the screen, outside the frames that scroll on purpose (wide tables).
OVERFLOWING = """(width) => [...document.querySelectorAll('article :is(p, li, dt, dd, h1, h2, h3, dl, button, a)')]
    .filter((element) => !element.closest('.table-wrapper') && element.getBoundingClientRect().right > width + 1)
    .map((element) => element.textContent.trim().slice(0, 60))"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshots_on_a_desktop(chromium, kit_site, kit_traffic, language) -> None:
    context = open_context(chromium, kit_traffic, viewport=DESKTOP)
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, name in PAGES.items():
        page.goto(kit_site.url(language, name))
        shot = SCREENSHOTS / f"{language}-{label}-desktop.png"
        page.screenshot(path=shot, full_page=True)
        # What a teacher sees first on a desktop: the page's title, the site's navigation beside it,
        # the language switch, and nothing wider than the window.
        expect(page.locator("article h1")).to_be_in_viewport()
        expect(page.locator(".sidebar-tree a").first).to_be_in_viewport()
        expect(page.locator(".lk-languages a")).to_be_in_viewport()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= DESKTOP["width"]
    context.close()
    assert kit_traffic.remote == [] and kit_traffic.errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_readable_on_a_375_px_phone(chromium, kit_site, kit_traffic, language) -> None:
    context = open_context(chromium, kit_traffic, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, name in PAGES.items():
        page.goto(kit_site.url(language, name))
        shot = SCREENSHOTS / f"{language}-{label}-phone.png"
        page.screenshot(path=shot, full_page=True)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.evaluate(OVERFLOWING, PHONE["width"]) == []
        body_text = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
        assert body_text >= 16
        expect(page.locator("article h1")).to_be_in_viewport()
        expect(page.locator(".lk-languages a")).to_be_in_viewport()
        expect(page.locator(".lk-class-toggle")).to_be_in_viewport()
    context.close()
    assert kit_traffic.remote == [] and kit_traffic.errors == []
