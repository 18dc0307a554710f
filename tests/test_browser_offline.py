"""The kit opened from file:// in Chromium: nothing from the network, the right language, one-click switching."""

from __future__ import annotations

from browser_support import LANGUAGES, LESSON

LOCAL_SOURCES = {"'self'", "file:", "data:", "blob:", "'unsafe-inline'", "'unsafe-eval'", "'none'"}
FETCH_DIRECTIVES = ("default-src", "script-src", "style-src", "img-src", "font-src", "connect-src", "media-src",
                    "object-src", "frame-src", "child-src", "worker-src", "manifest-src")


def policy_of(content: str) -> dict[str, list[str]]:
    directives = (part.split() for part in content.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def test_every_page_of_both_languages_loads_nothing_from_the_network(kit_site, kit_page, kit_traffic) -> None:
    problems = []
    for language in LANGUAGES:
        for name in kit_site.pages(language):
            kit_page.goto(kit_site.url(language, name))
            where = f"{language}/{name}"
            first = kit_page.evaluate("() => document.head.firstElementChild.outerHTML")
            if 'http-equiv="Content-Security-Policy"' not in first:
                problems.append(f"{where}: the Content-Security-Policy is not the first element of <head>")
                continue
            policy = policy_of(kit_page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content"))
            if "default-src" not in policy or policy.get("object-src") != ["'none'"]:
                problems.append(f"{where}: the policy lacks default-src or object-src 'none': {policy}")
            if {"'unsafe-inline'", "'unsafe-eval'"} & set(policy.get("script-src", ["'unsafe-inline'"])):
                problems.append(f"{where}: script-src allows inline script or eval: {policy.get('script-src')}")
            for directive in FETCH_DIRECTIVES:
                remote = set(policy.get(directive, [])) - LOCAL_SOURCES
                if remote:
                    problems.append(f"{where}: {directive} allows {sorted(remote)}")
            lang = kit_page.get_attribute("html", "lang")
            if lang != language:
                problems.append(f'{where}: <html lang="{lang}">, expected "{language}"')
    kit_page.goto((kit_site.root / "index.html").as_uri())
    assert problems == []
    assert kit_traffic.remote == []
    assert kit_traffic.errors == []


def test_the_policy_blocks_a_remote_script_style_image_font_and_fetch(kit_site, kit_page, kit_traffic) -> None:
    kit_page.goto(kit_site.url("en", LESSON))
    blocked = kit_page.evaluate("""async () => {
        const blocked = new Set();
        document.addEventListener("securitypolicyviolation", (event) => blocked.add(event.effectiveDirective));
        const remote = "https://example.invalid/";
        const image = document.createElement("img");
        image.src = remote + "logo.png";
        const script = document.createElement("script");
        script.src = remote + "tracker.js";
        const style = document.createElement("link");
        style.rel = "stylesheet";
        style.href = remote + "theme.css";
        document.body.append(image, script, style);
        await new FontFace("Remote", `url(${remote}font.woff2)`).load().catch(() => null);
        await fetch(remote + "data.json").catch(() => null);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return [...blocked].sort();
    }""")
    assert blocked == ["connect-src", "font-src", "img-src", "script-src-elem", "style-src-elem"]
    assert kit_traffic.remote == []
    # The same load from a page without the policy does reach for the network (refused by the test).
    kit_page.goto("about:blank")
    with kit_page.expect_event("requestfailed"):
        kit_page.set_content('<img src="https://example.invalid/control.png" alt="">')
    assert kit_traffic.remote == ["https://example.invalid/control.png"]


def test_one_click_on_any_page_lands_on_the_same_page_in_the_other_language(kit_site, kit_page) -> None:
    first, second = LANGUAGES
    assert kit_site.pages(first) == kit_site.pages(second)
    wrong = []
    for name in kit_site.pages(first):
        kit_page.goto(kit_site.url(first, name), wait_until="domcontentloaded")
        # there and back: each page's switcher is clicked once
        for language in (second, first):
            kit_page.locator(f'.lk-languages a[hreflang="{language}"]').click()
            kit_page.wait_for_load_state("domcontentloaded")
            landed = (kit_page.url, kit_page.get_attribute("html", "lang"))
            if landed != (kit_site.url(language, name), language):
                wrong.append(f"{name} -> {language}: landed on {landed}")
    assert wrong == []
