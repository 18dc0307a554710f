"""Search from file:// in Chromium: a word of a lesson lists the lesson, with a snippet, in both languages."""

from __future__ import annotations

import pytest
from browser_support import LANGUAGES, LESSON, text_of
from playwright.sync_api import expect

# A word of LESSON's text in each language, and a word of the get-help page (a page under source/).
WORDS = {"en": "upstander", "fr": "humilier"}
HELP_WORDS = {"en": "Cybertip.ca", "fr": "Cyberaide.ca"}


def search_from_sidebar(page, word: str) -> None:
    """Type ``word`` into the sidebar's search box, as a teacher would, and send it."""
    page.locator("input.sidebar-search").click()
    page.keyboard.type(word)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_word_of_a_lesson_lists_the_lesson_with_a_snippet(kit_site, kit_page, kit_traffic, language) -> None:
    word = WORDS[language]
    kit_page.goto(kit_site.url(language, LESSON))
    title = kit_page.title().split(" - ")[0]
    assert word in text_of(kit_page, "article").lower()
    search_from_sidebar(kit_page, word)
    assert kit_page.url.startswith(kit_site.url(language, "search.html") + "?q=")
    result = kit_page.locator("ul.search li", has=kit_page.locator(f'a[href^="{LESSON}"]'))
    expect(result).to_have_count(1)
    expect(result.locator("a").first).to_have_text(title)
    snippet = result.locator("p.context")
    expect(snippet).to_contain_text(word, ignore_case=True)
    expect(snippet.locator("span.highlighted").first).to_have_text(word, ignore_case=True)
    assert kit_page.get_attribute("html", "lang") == language
    assert kit_traffic.remote == [] and kit_traffic.errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pages_around_the_lessons_are_searchable_too(kit_site, kit_page, language) -> None:
    kit_page.goto(kit_site.url(language, "index.html"))
    search_from_sidebar(kit_page, HELP_WORDS[language])
    result = kit_page.locator("ul.search li", has=kit_page.locator('a[href^="get-help.html"]'))
    expect(result).to_have_count(1)
    expect(result.locator("p.context")).to_contain_text(HELP_WORDS[language], ignore_case=True)
