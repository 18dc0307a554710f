"""``lessonkit serve`` for real: a server on 127.0.0.1, pages fetched, lessons edited, broken and fixed."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from lessonkit import serve
from lessonkit.cli import main
from lessonkit.scaffold import init_project

TIMEOUT = 90  # seconds for any one wait: a first build of the starter takes a few
LESSON = "lessons/ages-8-10/private-information-and-livestreaming"


def wait_for(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@dataclass
class Running:
    """A preview served from a thread: its address, and every build it reported."""

    preview: serve.Preview
    url: str = ""
    outcomes: list[serve.Outcome] = field(default_factory=list)

    @property
    def base(self) -> str:
        return self.url.rsplit(f"/{self.preview.language}/", 1)[0]

    def page(self, name: str) -> tuple[int, str]:
        return fetch(f"{self.base}/{self.preview.language}/{name}")

    def status(self) -> dict:
        return json.loads(fetch(self.base + serve.STATUS_URL)[1])

    def wait_for_build(self, number: int) -> serve.Outcome:
        wait_for(lambda: len(self.outcomes) >= number, f"build {number}")
        return self.outcomes[number - 1]


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    """A small curriculum made by `lessonkit init`: four lessons, their pages and catalogs."""
    root = tmp_path / "kit"
    init_project(root)
    return root


@pytest.fixture
def running(starter: Path) -> Iterator[Running]:
    preview = serve.Preview(starter)
    state = Running(preview)
    stop = threading.Event()

    def ready(url: str) -> None:
        state.url = url

    thread = threading.Thread(target=serve.serve, args=(preview, 0), daemon=True,
                              kwargs={"on_ready": ready, "on_build": state.outcomes.append, "stop": stop})
    thread.start()
    state.wait_for_build(1)
    yield state
    stop.set()
    thread.join(TIMEOUT)
    assert not thread.is_alive(), "the preview did not stop"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_preview_rebuilds_reloads_reports_problems_and_recovers(running: Running, starter: Path) -> None:
    assert running.url.startswith("http://127.0.0.1:") and running.url.endswith("/en/index.html")
    assert running.outcomes[0].problems == []
    assert (starter / "build" / "serve" / "en" / f"{LESSON}.html").is_file()
    assert not (starter / "build" / "html").exists(), "the preview must not touch the main kit"
    code, page = running.page(f"{LESSON}.html")
    assert code == 200 and 'src="/_lessonkit/reload.js"' in page and 'data-build="1"' in page
    assert fetch(running.base + serve.SCRIPT_URL)[1] == serve.RELOAD_SCRIPT
    assert running.status() == {"build": 1, "problems": [], "language": "en"}

    lesson = starter / f"{LESSON}.md"
    edit(lesson, "# Private information and livestreaming", "# Private information, livestreams and you")
    outcome = running.wait_for_build(2)
    assert outcome.changed == [f"{LESSON}.md"] and outcome.problems == []
    assert running.status()["build"] == 2
    code, page = running.page(f"{LESSON}.html")
    assert "Private information, livestreams and you" in page and 'data-build="2"' in page
    assert "lk-serve-problems" not in page

    edit(lesson, "band: ages-8-10", "band: ages-8-11")
    outcome = running.wait_for_build(3)
    expected = (f"{LESSON}.md:3: error: band 'ages-8-11' is not declared in conf.py; "
                "did you mean 'ages-8-10'?")
    assert outcome.problems and outcome.problems[0].startswith(expected)
    assert running.status()["problems"] == outcome.problems
    code, page = running.page(f"{LESSON}.html")
    assert code == 200 and 'id="lk-serve-problems"' in page and "1 problem to fix." in page
    assert "Until then, this is the last good build." in page
    assert expected.replace("'", "&#x27;") in page
    assert "Private information, livestreams and you" in page  # the last good build is still there

    edit(lesson, "band: ages-8-11", "band: ages-8-10")
    outcome = running.wait_for_build(4)
    assert outcome.problems == []
    code, page = running.page(f"{LESSON}.html")
    assert code == 200 and "lk-serve-problems" not in page and 'data-build="4"' in page


def test_a_changed_page_reaches_every_lesson_that_copies_it(running: Running, starter: Path) -> None:
    # The help resources live in source/get-help.md and are copied into each lesson's get-help block.
    edit(starter / "source" / "get-help.md", "**Kids Help Phone**", "**Kids Help Phone (any time)**")
    assert running.wait_for_build(2).problems == []
    # And into the pages with a get-help block of their own, such as the family session's.
    for page in ("lessons/ages-5-7/my-body-belongs-to-me.html", f"{LESSON}.html", "family-session.html"):
        assert "Kids Help Phone (any time)" in running.page(page)[1], page


def test_conf_py_saved_by_replacing_the_file_is_seen(running: Running, starter: Path) -> None:
    conf = starter / "conf.py"
    text = conf.read_text(encoding="utf-8").replace('release = "1.0"', 'release = "1.1"')
    partial = conf.with_name("conf.py.new")
    partial.write_text(text + "\nthis is not python\n", encoding="utf-8")
    os.replace(partial, conf)  # as editors save: write aside, then replace
    outcome = running.wait_for_build(2)
    assert outcome.changed == ["conf.py"]
    assert outcome.problems[0].startswith("conf.py:") and "error:" in outcome.problems[0]
    assert "lk-serve-problems" in running.page("index.html")[1]
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, conf)
    assert running.wait_for_build(3).problems == []


def test_other_addresses_answer_with_a_way_forward(running: Running) -> None:
    code, page = fetch(running.base + "/")  # redirected to the previewed language
    assert code == 200 and 'data-build="1"' in page and 'lang="en"' in page
    code, page = fetch(running.base + "/fr/index.html")
    assert code == 404 and "This preview shows the English kit only" in page
    assert "lessonkit serve --lang CODE" in page
    code, page = running.page("lessons/no-such-page.html")
    assert code == 404 and "There is no page /en/lessons/no-such-page.html in the preview." in page
    assert fetch(running.base + "/en/lessons/")[0] == 404  # no folder listings


def test_only_loopback_names_are_answered_and_a_nul_is_refused(running: Running) -> None:
    import http.client

    port = urllib.parse.urlsplit(running.base).port

    def status(path: str, host: str) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", path, headers={"Host": host})
            return connection.getresponse().status
        finally:
            connection.close()

    assert status("/en/index.html", f"127.0.0.1:{port}") == 200
    assert status("/en/index.html", f"localhost:{port}") == 200
    assert status("/en/index.html", f"evil.example:{port}") == 403  # DNS rebinding
    assert status("/en/%00", f"127.0.0.1:{port}") == 400
    assert status("/en/_static/%00.css", f"127.0.0.1:{port}") == 400
    assert status("/en/index.html", f"127.0.0.1:{port}") == 200  # and the server still runs


def test_a_broken_lesson_at_start_is_shown_and_the_server_runs(starter: Path, previews) -> None:
    lesson = starter / f"{LESSON}.md"
    edit(lesson, "duration:", "duraton:")
    preview = previews(starter)
    outcome = preview.rebuild()
    assert outcome.build == 1
    assert f"{LESSON}.md:1: error: the front matter has no 'duration'" in outcome.problems[0]
    assert not preview.outdir.exists()  # nothing was built from a lesson with errors
    server = serve.start_server(preview, 0)
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        code, page = fetch(f"http://127.0.0.1:{port}/en/index.html")
        assert code == 404 and "Nothing is built yet: fix the problems above and save." in page
        assert "to fix.</strong> Fix the lines below and save" in page and "last good build" not in page
        assert "the front matter has no &#x27;duration&#x27;" in page
    finally:
        server.shutdown()
        server.server_close()


def test_usage_errors_exit_2_with_the_fix(starter: Path) -> None:
    err = io.StringIO()
    assert main(["-C", str(starter), "serve", "--lang", "de"], io.StringIO(), err) == 2
    assert "unknown language de; conf.py declares en, fr (lessonkit_languages)" in err.getvalue()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        err = io.StringIO()
        assert main(["-C", str(starter), "serve", "--port", str(port)], io.StringIO(), err) == 2
    assert f"cannot listen on 127.0.0.1:{port}" in err.getvalue()
    assert "choose another port with --port N" in err.getvalue()
    err = io.StringIO()
    assert main(["-C", str(starter), "serve", "--port", "http"], io.StringIO(), err) == 2
    assert "--port takes a number from 0 to 65535" in err.getvalue()


def test_ctrl_c_stops_cleanly(starter: Path) -> None:
    command = [str(Path(sys.executable).with_name("lessonkit")), "-C", str(starter), "serve", "--port", "0"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    # A suite started in the background of a shell without job control inherits SIGINT ignored, and
    # so would the preview: give it the default, as a terminal does, so that Ctrl+C reaches it.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        first = process.stdout.readline()  # type: ignore[union-attr]
        assert first.startswith("Previewing the English kit at http://127.0.0.1:"), first
        base = first.split()[-1].rsplit("/en/", 1)[0]
        wait_for(lambda: json.loads(fetch(base + serve.STATUS_URL)[1])["build"] >= 1, "the first build")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0
    assert "[1] built in" in out and out.rstrip().endswith("Stopped.")
    assert "Traceback" not in err and err == ""


@pytest.fixture
def previews() -> Iterator[Callable[..., serve.Preview]]:
    """Previews built by the test itself (no server); each lets its Sphinx application go at the end."""
    made: list[serve.Preview] = []

    def make(*args: object, **kwargs: object) -> serve.Preview:
        made.append(serve.Preview(*args, **kwargs))  # type: ignore[arg-type]
        return made[-1]

    yield make
    for preview in made:
        preview.close()


def test_an_edit_is_built_by_the_same_sphinx_and_only_its_pages_are_written(starter: Path, previews) -> None:
    preview = previews(starter)
    assert preview.rebuild().problems == []
    app = preview.sphinx.app
    assert app is not None
    other = preview.outdir / "lessons" / "ages-5-7" / "my-body-belongs-to-me.html"
    written = other.stat().st_mtime_ns
    lesson = starter / f"{LESSON}.md"
    edit(lesson, "\n:::{summary}\n", "\n:::{summary}\nEdited while previewing.\n")
    assert preview.rebuild([lesson]).problems == []
    assert preview.sphinx.app is app  # kept warm: nothing loaded or read again but the lesson
    assert "Edited while previewing." in (preview.outdir / f"{LESSON}.html").read_text(encoding="utf-8")
    assert other.stat().st_mtime_ns == written  # a page that does not show the edit is not written


def test_a_changed_setting_starts_sphinx_afresh_and_reaches_every_page(starter: Path, previews) -> None:
    preview = previews(starter)
    assert preview.rebuild().problems == []
    first = preview.sphinx.app
    conf = starter / "conf.py"
    edit(conf, 'lessonkit_board_name = "Your school board"', 'lessonkit_board_name = "Maple Valley Schools"')
    assert preview.rebuild([conf]).problems == []
    assert preview.sphinx.app is not first
    pages = sorted(preview.outdir.rglob("*.html"))
    assert pages and all("Maple Valley Schools" in page.read_text(encoding="utf-8") for page in pages)
    for setting in (starter / "sources.yaml", starter / "glossary" / "en.yaml"):
        app = preview.sphinx.app
        setting.write_text(setting.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert preview.rebuild([setting]).problems == []
        assert preview.sphinx.app is not app, setting.name


def test_settings_beside_the_folders_are_watched(starter: Path, previews) -> None:
    preview = previews(starter)
    assert starter / "glossary" in preview.watched()
    assert serve._settings_only(serve.watchfiles.Change.modified, str(starter / "sources.yaml"))
    assert serve._settings_only(serve.watchfiles.Change.modified, str(starter / "conf.py"))
    assert not serve._settings_only(serve.watchfiles.Change.modified, str(starter / "notes.txt"))


def test_french_preview_follows_its_catalogs(starter: Path, previews) -> None:
    preview = previews(starter, "fr")
    assert preview.rebuild().problems == []
    page = preview.outdir / f"{LESSON}.html"
    assert "Renseignements personnels et diffusion en direct" in page.read_text(encoding="utf-8")
    catalog = starter / "locale" / "fr" / "LC_MESSAGES" / f"{LESSON}.po"
    edit(catalog, 'msgstr "Renseignements personnels et diffusion en direct"',
         'msgstr "Renseignements personnels et vidéo en direct"')
    outcome = preview.rebuild([catalog])
    assert outcome.problems == [] and outcome.changed == [f"locale/fr/LC_MESSAGES/{LESSON}.po"]
    assert "Renseignements personnels et vidéo en direct" in page.read_text(encoding="utf-8")
    assert (starter / "build" / "serve" / "fr").is_dir() and not (starter / "build" / "serve" / "en").exists()


def test_the_open_page_reloads_by_itself_and_shows_problems_in_a_browser(running: Running, starter: Path,
                                                                         chromium) -> None:
    remote: list[str] = []
    context = chromium.new_context()
    # Everything but the preview server is refused and recorded: the preview loads nothing else.
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:|data:|blob:)[a-z][a-z0-9+.-]*:"),
                  lambda route: (remote.append(route.request.url), route.abort()))
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    page = context.new_page()
    try:
        page.goto(f"{running.base}/en/{LESSON}.html")
        lesson = starter / f"{LESSON}.md"
        edit(lesson, "# Private information and livestreaming", "# Private information, live")
        # A locator, not wait_for_function: the pages' policy forbids the eval that the latter runs.
        page.locator("h1", has_text="Private information, live").first.wait_for(timeout=TIMEOUT * 1000)
        assert not page.locator("#lk-serve-problems").count()
        edit(lesson, "band: ages-8-10", "band: ages-8-11")
        problems = page.locator("#lk-serve-problems")
        problems.wait_for(timeout=TIMEOUT * 1000)
        assert f"{LESSON}.md:3: error: band 'ages-8-11' is not declared" in problems.inner_text()
        assert page.locator("h1").first.inner_text().startswith("Private information, live")
        edit(lesson, "band: ages-8-11", "band: ages-8-10")
        problems.wait_for(state="detached", timeout=TIMEOUT * 1000)
    finally:
        context.close()
    assert remote == [] and errors == []
