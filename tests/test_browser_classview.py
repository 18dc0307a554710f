"""Class view in Chromium: one visible toggle hides every teacher-only block, and the choice follows the teacher."""

from __future__ import annotations

from browser_support import LESSON, SCREENSHOTS, open_context
from playwright.sync_api import expect

NEXT_LESSON = "lessons/ages-8-10/stop-block-screenshot-tell.html"
TEACHER_ONLY = (".lk-teacher-note", ".lk-answer-key", ".lk-disclosure", ".lk-sensitive", ".lk-materials")
BUTTON = {"en": "Class view", "fr": "Mode classe"}
# Browsers that refuse storage to file:// pages behave like this.
NO_STORAGE = """Object.defineProperty(window, "localStorage", {
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });"""

# Whether a teacher-only block was ever in the page while class view was not yet applied.
WATCH_FOR_FLASH = """window.teacherTextShown = false;
new MutationObserver(() => {
    if (document.querySelector(".lk-teacher-only") && !document.documentElement.classList.contains("lk-class-view")) {
        window.teacherTextShown = true;
    }
}).observe(document, {childList: true, subtree: true});"""


def teacher_only_text(page) -> list[str]:
    """The start of each teacher-only block's text, read from the page whether it shows or not."""
    texts = page.locator(".lk-teacher-only").evaluate_all(
        "blocks => blocks.map(block => { const copy = block.cloneNode(true);"
        " copy.querySelectorAll('.lk-teacher-mark').forEach(mark => mark.remove());"
        " return (copy.querySelector('p, li') || copy).textContent; })")
    return [" ".join(text.split())[:50] for text in texts]


def letters(text: str) -> str:
    """``text`` without its spaces: a cloned block's text joins a term and its value (<dt><dd>)."""
    return "".join(text.split())


def assert_teacher_text_hidden(page, texts: list[str]) -> None:
    on_screen = letters(page.locator("body").inner_text())
    assert [text for text in texts if letters(text) in on_screen] == []
    assert page.locator(".lk-teacher-only").count() > 0
    assert page.locator(".lk-teacher-only:visible").count() == 0
    expect(page.locator(".lk-summary")).to_be_visible()


def assert_teacher_text_shown(page, texts: list[str]) -> None:
    on_screen = letters(page.locator("body").inner_text())
    assert [text for text in texts if letters(text) not in on_screen] == []


def test_one_toggle_hides_every_teacher_only_block_and_the_choice_holds(kit_site, kit_page) -> None:
    kit_page.goto(kit_site.url("en", LESSON))
    for selector in TEACHER_ONLY:
        expect(kit_page.locator(f"{selector}.lk-teacher-only")).to_have_count(1)
    texts = teacher_only_text(kit_page)
    assert_teacher_text_shown(kit_page, texts)
    toggle = kit_page.get_by_role("button", name=BUTTON["en"])
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "false")

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert_teacher_text_hidden(kit_page, texts)

    # to the band's previous lesson through the link at the page's foot (class view hides the sidebar),
    # then to the same page in French
    kit_page.locator(f'.related-pages a[href="{NEXT_LESSON.rsplit("/", 1)[1]}"]').click()
    expect(kit_page).to_have_url(kit_site.url("en", NEXT_LESSON))
    assert_teacher_text_hidden(kit_page, teacher_only_text(kit_page))
    kit_page.locator('.lk-languages a[hreflang="fr"]').click()
    expect(kit_page).to_have_url(kit_site.url("fr", NEXT_LESSON))
    french = kit_page.get_by_role("button", name=BUTTON["fr"])
    expect(french).to_have_attribute("aria-pressed", "true")
    assert_teacher_text_hidden(kit_page, teacher_only_text(kit_page))

    # a new tab of the same browser remembers it, from its first paint on; turning it off shows
    # everything again, everywhere
    kit_page.context.add_init_script(WATCH_FOR_FLASH)
    other = kit_page.context.new_page()
    other.goto(kit_site.url("en", LESSON))
    assert_teacher_text_hidden(other, texts)
    assert other.evaluate("() => window.teacherTextShown") is False
    french.click()
    expect(french).to_have_attribute("aria-pressed", "false")
    expect(kit_page.locator(".lk-teacher-note")).to_be_visible()
    other.reload()
    assert_teacher_text_shown(other, texts)


def test_class_view_holds_across_pages_in_a_browser_without_storage(chromium, kit_site, kit_traffic) -> None:
    context = open_context(chromium, kit_traffic)
    context.add_init_script(NO_STORAGE)
    page = context.new_page()
    page.goto(kit_site.url("en", LESSON))
    texts = teacher_only_text(page)
    page.get_by_role("button", name=BUTTON["en"]).click()
    assert_teacher_text_hidden(page, texts)

    page.locator(f'.related-pages a[href="{NEXT_LESSON.rsplit("/", 1)[1]}"]').click()
    expect(page).to_have_url(kit_site.url("en", NEXT_LESSON) + "?lk-view=class")
    assert_teacher_text_hidden(page, teacher_only_text(page))
    page.locator('.lk-languages a[hreflang="fr"]').click()
    expect(page).to_have_url(kit_site.url("fr", NEXT_LESSON) + "?lk-view=class")
    toggle = page.get_by_role("button", name=BUTTON["fr"])
    expect(toggle).to_have_attribute("aria-pressed", "true")

    toggle.click()
    page.locator('.lk-languages a[hreflang="en"]').click()
    expect(page).to_have_url(kit_site.url("en", NEXT_LESSON))
    expect(page.locator(".lk-teacher-note")).to_be_visible()
    context.close()



PROJECTOR = {"width": 1280, "height": 720}
# Readable from the back of a classroom: projected slides are usually set at 24 pt or more;
# a lesson page scrolls, so its running text is held to at least 24 CSS pixels.
SMALLEST_TEXT_PX = 24
TEACHER_TEXT = ".lk-teacher-text"
READ_TEACHER_TEXT = """els => els.map(el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.lk-teacher-mark').forEach(mark => mark.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
})"""


STUDENT_TEXT = """() => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll('.lk-teacher-only').forEach(el => el.remove());
    return copy.textContent.replace(/\\s+/g, ' ');
}"""


def lesson_pages(site, language: str) -> list[str]:
    return [page for page in site.pages(language)
            if page.startswith("lessons/") and not page.endswith("/index.html")]


def test_class_view_on_a_projector_shows_no_answer_or_teacher_prompt_in_any_lesson(chromium, kit_site,
                                                                                    kit_traffic) -> None:
    context = open_context(chromium, kit_traffic, viewport=PROJECTOR)
    page = context.new_page()
    marked = 0
    for language in ("en", "fr"):
        for lesson in lesson_pages(kit_site, language):
            page.goto(kit_site.url(language, lesson) + "?lk-view=class")
            answers = page.locator(TEACHER_TEXT).evaluate_all(READ_TEACHER_TEXT)
            marked += len(answers)
            on_screen = " ".join(page.locator("body").inner_text().split())
            # the words of an answer may also be the students' own ("sort them into Helps and Makes it worse")
            elsewhere = page.evaluate(STUDENT_TEXT)
            shown = [text for text in answers if len(text) > 12 and text in on_screen and text not in elsewhere]
            assert shown == [], f"{language}/{lesson}: teacher-only text on the projector: {shown}"
            assert page.locator(f"{TEACHER_TEXT}:visible, .lk-teacher-only:visible").count() == 0, lesson
            # what is written for families (the letter, its help list) and for reviewers (sources) is not projected
            for_others = ".lk-family-letter:visible, .lk-family-help:visible, .lk-sources:visible"
            assert page.locator(for_others).count() == 0, lesson
            # a projector mode: no navigation beside the lesson, and text the back row can read (the lesson's,
            # not the buttons of the bar above it)
            assert page.locator(".sidebar-drawer:visible, .toc-drawer:visible").count() == 0, lesson
            sizes = page.locator("article p, article li").evaluate_all(
                "els => els.filter(el => el.offsetParent && !el.closest('.lk-topbar'))"
                ".map(el => parseFloat(getComputedStyle(el).fontSize))")
            assert sizes and min(sizes) >= SMALLEST_TEXT_PX, f"{language}/{lesson}: text at {min(sizes)}px"
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= PROJECTOR["width"], f"{language}/{lesson} scrolls sideways ({width}px)"
    # the lessons do mark their answers: the walk above would prove nothing otherwise
    assert marked > 100
    page.goto(kit_site.url("en", "lessons/ages-14-17/financial-sextortion.html") + "?lk-view=teacher")
    expect(page.locator(TEACHER_TEXT).first).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "en-lesson-teacher-projector.png"))
    page.goto(kit_site.url("en", "lessons/ages-14-17/financial-sextortion.html") + "?lk-view=class")
    page.screenshot(path=str(SCREENSHOTS / "en-lesson-class-view-projector.png"))
    context.close()
