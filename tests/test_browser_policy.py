"""The pages' Content-Security-Policy in Chromium: a script that gets into a page does not run; the kit's own do."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import LESSON, Site, Traffic, open_context
from playwright.sync_api import Page, expect

# Every violation of the policy, as "directive blocked-address", from before the page's first script.
WATCH_VIOLATIONS = """window.lkViolations = [];
document.addEventListener("securitypolicyviolation",
    (event) => window.lkViolations.push(`${event.effectiveDirective} ${event.blockedURI}`));"""

# What an attacker would write into a page: an inline script, an event handler, a javascript: link,
# and a script file of the kit (allowed, as the kit's own are) that tries eval.
INJECTED_HEAD = '<script>window.lkInjected = "head"; document.title = "injected";</script>'
INJECTED_BODY = ('<script>window.lkInjected = "body";</script>'
                 '<img src="data:," alt="" onerror="window.lkInjected = \'onerror\'">'
                 '<a id="lk-injected-link" href="javascript:window.lkInjected = \'link\'">link</a>'
                 '<script src="../../_static/injected.js"></script>')
INJECTED_FILE = """try { eval("window.lkInjected = 'eval'"); } catch (err) { window.lkEvalRefused = err.name; }
try { new Function("window.lkInjected = 'function'")(); } catch (err) { window.lkFunctionRefused = err.name; }"""

WORDS = {"en": "upstander", "fr": "humilier"}


@pytest.fixture
def watched(chromium) -> Iterator[tuple[Page, Traffic, list[str]]]:
    """A page that records policy violations, page errors and console errors."""
    traffic, console = Traffic(), []
    context = open_context(chromium, traffic)
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    yield page, traffic, console
    context.close()


def violations(page: Page) -> list[str]:
    return page.evaluate("() => window.lkViolations")


def test_a_script_written_into_a_built_page_does_not_run(kit_site: Site, watched, tmp_path: Path) -> None:
    site = Site(tmp_path / "html")
    shutil.copytree(kit_site.root, site.root)
    lesson = site.root / "en" / LESSON
    html = lesson.read_text(encoding="utf-8")
    assert "<script>" not in html  # the build itself writes no inline script
    lesson.write_text(html.replace("</head>", INJECTED_HEAD + "</head>", 1)
                      .replace("</body>", INJECTED_BODY + "</body>", 1), encoding="utf-8")
    (site.root / "en" / "_static" / "injected.js").write_text(INJECTED_FILE, encoding="utf-8")
    page, traffic, _ = watched

    page.goto(site.url("en", LESSON))
    page.locator("#lk-injected-link").click()
    page.wait_for_timeout(300)

    assert page.evaluate("() => window.lkInjected") is None
    assert page.title() != "injected"
    assert page.evaluate("() => [window.lkEvalRefused, window.lkFunctionRefused]") == ["EvalError", "EvalError"]
    reported = violations(page)
    assert reported.count("script-src-elem inline") == 3  # two scripts and the javascript: link
    assert reported.count("script-src-attr inline") == 1
    assert reported.count("script-src eval") == 2
    assert len(reported) == 6, reported
    # the kit's own scripts ran on the same page: the theme is set, class view offers its button
    assert page.evaluate("() => document.body.dataset.theme") == "auto"
    expect(page.locator(".lk-class-toggle")).to_be_visible()
    assert traffic.remote == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_kits_own_scripts_run_under_the_policy(kit_site: Site, watched, language: str) -> None:
    page, traffic, console = watched
    page.goto(kit_site.url(language, LESSON))
    # theme: the toggle changes it, and the next page opens with it (lessonkit-theme.js)
    assert page.evaluate("() => document.body.dataset.theme") == "auto"
    page.locator(".theme-toggle:visible").first.click()
    chosen = page.evaluate("() => document.body.dataset.theme")
    assert chosen in ("light", "dark")
    page.reload()
    assert page.evaluate("() => document.body.dataset.theme") == chosen
    # class view (lessonkit.js)
    page.locator(".lk-class-toggle").click()
    expect(page.locator("html")).to_have_class(re.compile(r"\blk-class-view\b"))
    assert violations(page) == []
    # search (Sphinx's searchtools.js, lessonkit-search.js) and its translated, pluralised status
    page.goto(kit_site.url(language, "search.html") + f"?q={WORDS[language]}")
    expect(page.locator("ul.search li").first).to_be_visible()
    expect(page.locator(".search-summary")).not_to_be_empty()
    if language == "fr":
        # Sphinx's French plural rule, read without eval (lessonkit-plural.js): 0 and 1 are singular
        assert page.evaluate("() => [0, 1, 2, 1000000].map(Documentation.PLURAL_EXPR)") == [0, 0, 2, 1]
        assert page.evaluate("() => Documentation.LOCALE") == "fr"
    assert violations(page) == []
    page.goto(kit_site.url(language, "genindex.html"))
    assert violations(page) == []
    assert (traffic.remote, traffic.errors, console) == ([], [], [])


def test_the_language_chooser_runs_no_script(kit_site: Site, watched) -> None:
    page, _, _ = watched
    chooser = kit_site.root / "index.html"
    policy = page.goto(chooser.as_uri()) and page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert "script-src 'none'" in policy.get_attribute("content")
    page.evaluate("""() => { const script = document.createElement("script");
                            script.textContent = "window.lkInjected = true"; document.head.append(script); }""")
    assert page.evaluate("() => window.lkInjected") is None
    assert violations(page) == ["script-src-elem inline"]

