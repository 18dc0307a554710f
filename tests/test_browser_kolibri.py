"""The Kolibri zip opened as Kolibri opens an HTML5 app: served over HTTP from an origin of its own, in an
iframe sandboxed with Kolibri's default tokens (``allow-scripts``, without ``allow-same-origin``: the
``HTML5.SANDBOX`` option of kolibri/plugins/html5_viewer/options.py). Kolibri itself is not needed: the
test serves the zip's files the way its zipcontent server does, and nothing else.
"""

from __future__ import annotations

import io
import mimetypes
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import Traffic, open_context

from lessonkit.cli import main

KOLIBRI_SANDBOX = "allow-scripts"  # Kolibri's default; a Kolibri administrator may add tokens
HOST = "http://kolibri.test/learn.html"
APP = "http://zipcontent.test/"
LESSON = "html/{lang}/lessons/ages-8-10/private-information-and-livestreaming.html"


@pytest.fixture(scope="module")
def kolibri_zip(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    board = tmp_path_factory.mktemp("kolibri") / "board"
    out, err = io.StringIO(), io.StringIO()
    assert main(["init", str(board)], out, err) == 0
    assert main(["-C", str(board), "bundle", "--target", "kolibri", "--band", "ages-8-10"], out, err) == 0, \
        err.getvalue()
    made = re.search(r"^bundled (\S+):", out.getvalue(), re.M)
    assert made
    with zipfile.ZipFile(board / made.group(1)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
def learn(chromium, kolibri_zip: dict[str, bytes]) -> Iterator[tuple[object, Traffic, list[str]]]:
    """Kolibri's learn page with the app in its sandboxed iframe; what the app asked the server for."""
    traffic = Traffic()
    served: list[str] = []
    context = open_context(chromium, traffic)
    frame = f'<!doctype html><title>Kolibri</title><iframe id="app" sandbox="{KOLIBRI_SANDBOX}" ' \
            f'src="{APP}index.html" style="width:1200px;height:850px"></iframe>'

    def kolibri(route) -> None:
        route.fulfill(body=frame, content_type="text/html")

    def zipcontent(route) -> None:
        path = route.request.url.removeprefix(APP).split("?")[0].split("#")[0]
        served.append(path)
        if path in kolibri_zip:
            route.fulfill(body=kolibri_zip[path],
                          content_type=mimetypes.guess_type(path)[0] or "application/octet-stream")
        else:
            route.fulfill(status=404, body="not in the zip")

    context.route(HOST, kolibri)
    context.route(f"{APP}**", zipcontent)
    page = context.new_page()
    page.on("pageerror", lambda error: traffic.errors.append(str(error)))
    page.on("console", lambda message: traffic.errors.append(message.text) if message.type == "error" else None)
    page.goto(HOST)
    yield page, traffic, served
    context.close()


def app_frame(page):
    return next(frame for frame in page.frames if frame.url.startswith(APP))


def test_the_kit_opens_and_is_browsed_in_kolibris_sandbox_without_an_error(learn) -> None:
    page, traffic, _ = learn
    page.frame_locator("#app").locator('a[hreflang="fr"]').first.click()
    page.wait_for_load_state("load")
    frame = app_frame(page)
    frame.wait_for_url(f"{APP}html/fr/index.html")
    frame.get_by_role("link", name=re.compile("8")).first.wait_for()
    frame.goto(APP + LESSON.format(lang="fr"))
    assert frame.locator("h1").first.inner_text()
    frame.locator('.lk-languages a[hreflang="en"]').click()
    frame.wait_for_url(APP + LESSON.format(lang="en"))
    assert traffic.remote == [] or all(url.startswith(APP) for url in traffic.remote)
    assert traffic.errors == []  # Sphinx's scripts read localStorage, which the sandbox refuses


@pytest.mark.parametrize(("language", "word"), [("en", "privacy"), ("fr", "diffusion")])
def test_search_works_in_kolibris_sandbox(learn, language: str, word: str) -> None:
    page, traffic, _ = learn
    frame = app_frame(page)
    frame.goto(f"{APP}html/{language}/search.html?q={word}")
    results = frame.locator("#search-results ul.search li")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1
    assert traffic.errors == []


def test_every_pdf_a_lesson_links_to_is_in_the_zip(learn, kolibri_zip: dict[str, bytes]) -> None:
    page, _, _ = learn
    frame = app_frame(page)
    frame.goto(APP + LESSON.format(lang="en"))
    links = [link.get_attribute("href") for link in frame.locator(".lk-pdfs a").all()]
    assert len(links) >= 3
    lesson_folder = Path(LESSON.format(lang="en")).parent
    for href in links:
        resolved = (lesson_folder / href).as_posix()
        while "/../" in f"/{resolved}":
            resolved = re.sub(r"(^|/)[^/]+/\.\./", r"\1", resolved, count=1)
        assert resolved in kolibri_zip and kolibri_zip[resolved].startswith(b"%PDF"), href
