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


# Sphinx writes its summary once every result is listed.
FINISHED = "() => (document.querySelector('#search-results .search-summary')?.textContent || '').length > 0"

# A grade as a teacher types it, the language of the site, and the band whose lessons come first.
GRADES = [("grade 4", "en", "ages-8-10"), ("Grade 9", "en", "ages-14-17"), ("4e année", "fr", "ages-8-10"),
          ("9e année", "fr", "ages-14-17"), ("secondaire 3", "fr", "ages-14-17"),
          # as teachers also write them
          ("gr 9", "en", "ages-14-17"), ("fourth grade", "en", "ages-8-10"), ("quatrième année", "fr", "ages-8-10"),
          ("3e secondaire", "fr", "ages-14-17")]


@pytest.mark.parametrize(("query", "language", "band"), GRADES)
def test_a_grade_puts_its_bands_lessons_first_and_every_result_shows_its_band(kit_site, kit_page, query,
                                                                               language, band) -> None:
    kit_page.goto(kit_site.url(language, "index.html"))
    search_from_sidebar(kit_page, query)
    results = kit_page.locator("ul.search li")
    expect(results.first).to_be_visible()
    kit_page.wait_for_function(FINISHED)
    links = [href.split("#")[0] for href in results.locator("a").evaluate_all("(links) => links.map(a => "
                                                                                "a.getAttribute('href'))")]
    lessons = [link for link in links if link.startswith("lessons/")]
    assert lessons[:5] == [link for link in lessons if link.startswith(f"lessons/{band}/")][:5], links
    assert all(link.startswith(f"lessons/{band}/") for link in lessons[:5]), links
    label = {"ages-8-10": {"en": "Ages 8 to 10", "fr": "De 8 à 10 ans"},
             "ages-14-17": {"en": "Ages 14 to 17", "fr": "De 14 à 17 ans"}}[band][language]
    expect(results.first.locator(".lk-result-band")).to_contain_text(label)


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_repeated_on_every_lesson_does_not_list_every_lesson(kit_site, kit_page, language) -> None:
    """The disclosure steps and the help list are searched on their own pages, not in every lesson."""
    kit_page.goto(kit_site.url(language, "index.html"))
    # a word of the disclosure steps that no lesson uses in its own text
    search_from_sidebar(kit_page, {"en": "investigate", "fr": "enquêtez"}[language])
    results = kit_page.locator("ul.search li")
    expect(results.first).to_be_visible()
    kit_page.wait_for_function(FINISHED)
    links = results.locator("a").evaluate_all("(links) => links.map(a => a.getAttribute('href'))")
    assert any(link.startswith("disclosure.html") for link in links), links
    assert [link for link in links if link.startswith("lessons/")] == [], links


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_review_packet_does_not_list_itself_beside_the_lessons_it_repeats(kit_site, kit_page, language) -> None:
    """The packet repeats every cited statement: a word of one lists the lesson, not the packet."""
    kit_page.goto(kit_site.url(language, "index.html"))
    search_from_sidebar(kit_page, "Barabash")  # a ruling cited in one lesson, and so in the packet
    results = kit_page.locator("ul.search li")
    expect(results.first).to_be_visible()
    kit_page.wait_for_function(FINISHED)
    links = results.locator("a").evaluate_all("(links) => links.map(a => a.getAttribute('href'))")
    assert any(link.startswith("lessons/ages-14-17/consent-law-and-images.html") for link in links), links
    assert not any(link.startswith("review.html") for link in links), links
