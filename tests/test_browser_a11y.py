"""Accessibility in Chromium: axe-core finds nothing serious, a skip link, every control reachable by keyboard."""

from __future__ import annotations

import pytest
from browser_support import BAND, HOME, LANGUAGES, LESSON, PHONE, open_context
from playwright.sync_api import expect

PAGES = [(language, name) for language in LANGUAGES for name in (HOME, BAND, LESSON)]
SKIP_LINK = {"en": "Skip to content", "fr": "Aller au contenu"}
MENU = {"en": "Toggle site navigation sidebar", "fr": "Afficher ou masquer la navigation du site"}

# Every element a keyboard user should reach, in a page as it shows: each gets a number to recognise it by.
MARK_FOCUSABLE = """() => {
    // label[for]: the theme opens menus and sections by a click on a label for a hidden check box.
    const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), '
        + 'select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), label[for]:not(.overlay)';
    const shown = [...document.querySelectorAll(selector)]
        .filter((element) => element.checkVisibility({visibilityProperty: true}) && element.getClientRects().length);
    shown.forEach((element, index) => { element.dataset.lkProbe = String(index); });
    return shown.map((element) => element.outerHTML.slice(0, 120));
}"""
FOCUSED = "() => document.activeElement?.dataset.lkProbe ?? null"


def serious_violations(page, axe_source: str) -> list[str]:
    page.evaluate(axe_source)
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['impact']}: {v['id']} ({v['help']}) at {[node['target'] for node in v['nodes']][:5]}"
            for v in violations if v["impact"] in ("serious", "critical")]


def tab_through(page, steps: int) -> set[int]:
    """Press Tab ``steps`` times from the top of the page; the numbers of the elements that got focus."""
    reached = set()
    for _ in range(steps):
        page.keyboard.press("Tab")
        probe = page.evaluate(FOCUSED)
        if probe is not None:
            reached.add(int(probe))
    return reached


@pytest.mark.parametrize(("language", "name"), PAGES)
def test_axe_finds_no_serious_or_critical_violation(kit_site, kit_page, axe_source, language, name) -> None:
    kit_page.goto(kit_site.url(language, name))
    assert kit_page.get_attribute("html", "lang") == language
    assert serious_violations(kit_page, axe_source) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_on_search_results_in_class_view_and_in_the_dark(kit_site, kit_page, axe_source, language) -> None:
    kit_page.goto(kit_site.url(language, "search.html") + "?q=adult")
    expect(kit_page.locator("ul.search p.context").first).to_be_visible()
    assert serious_violations(kit_page, axe_source) == []
    kit_page.goto(kit_site.url(language, LESSON))
    kit_page.locator(".lk-class-toggle").click()
    assert serious_violations(kit_page, axe_source) == []
    kit_page.locator(".lk-class-toggle").click()
    kit_page.emulate_media(color_scheme="dark")
    assert serious_violations(kit_page, axe_source) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_skip_link_comes_first_and_jumps_to_the_lesson(kit_site, kit_page, language) -> None:
    kit_page.goto(kit_site.url(language, LESSON))
    kit_page.keyboard.press("Tab")
    skip = kit_page.locator(":focus")
    expect(skip).to_have_text(SKIP_LINK[language])
    expect(skip).to_be_in_viewport()
    kit_page.keyboard.press("Enter")
    expect(kit_page).to_have_url(kit_site.url(language, LESSON) + "#furo-main-content")
    kit_page.keyboard.press("Tab")
    # the next stop is the first control of the lesson's own content: the language switcher
    expect(kit_page.locator(":focus")).to_have_attribute("hreflang", next(c for c in LANGUAGES if c != language))


@pytest.mark.parametrize(("language", "name"), PAGES)
def test_every_control_is_reachable_with_the_tab_key(kit_site, kit_page, language, name) -> None:
    kit_page.goto(kit_site.url(language, name))
    shown = kit_page.evaluate(MARK_FOCUSABLE)
    reached = tab_through(kit_page, len(shown) + 5)
    assert [shown[index] for index in range(len(shown)) if index not in reached] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_menu_opens_and_closes_from_the_keyboard(chromium, kit_site, kit_traffic, language) -> None:
    context = open_context(chromium, kit_traffic, viewport=PHONE)
    page = context.new_page()
    page.goto(kit_site.url(language, LESSON))
    drawer_link = page.locator(".sidebar-drawer a.reference").first
    expect(drawer_link).to_be_hidden()
    shown = page.evaluate(MARK_FOCUSABLE)
    menu = page.get_by_role("button", name=MENU[language])
    assert menu.get_attribute("data-lk-probe") is not None
    # the closed drawer's links are not tab stops on a phone: they are off screen
    assert page.locator(".sidebar-drawer [data-lk-probe]").count() == 0
    reached = tab_through(page, len(shown) + 5)
    assert [shown[index] for index in range(len(shown)) if index not in reached] == []

    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(drawer_link).to_be_visible()
    expect(drawer_link).to_be_in_viewport()
    # the open drawer has the focus: Tab goes on through its links
    expect(page.locator(".sidebar-drawer :focus")).to_have_count(1)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(".sidebar-drawer a:focus")).to_be_in_viewport()
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    context.close()


def test_a_band_in_the_navigation_expands_from_the_keyboard(kit_site, kit_page) -> None:
    kit_page.goto(kit_site.url("en", LESSON))
    band_link = kit_page.locator('a[href="../ages-5-7/index.html"]')
    other_band = kit_page.locator(".sidebar-tree li.toctree-l1", has=band_link)
    lesson_link = other_band.locator("ul a").first
    expect(lesson_link).to_be_hidden()
    expander = other_band.get_by_role("button")
    expect(expander).to_have_attribute("aria-expanded", "false")
    expander.focus()
    kit_page.keyboard.press("Enter")
    expect(expander).to_have_attribute("aria-expanded", "true")
    expect(lesson_link).to_be_visible()
    kit_page.keyboard.press(" ")
    expect(lesson_link).to_be_hidden()
