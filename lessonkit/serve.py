"""``lessonkit serve``: a live preview of one language, rebuilt and reloaded as the sources change."""

from __future__ import annotations

import html
import http.server
import json
import logging
import os
import queue
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import watchfiles

from lessonkit.building.chooser import home_page
from lessonkit.building.request import UsageError, family_site
from lessonkit.building.sphinxjobs import BuildError, SphinxJob, SphinxSession
from lessonkit.frameworks import FRAMEWORKS_DIR
from lessonkit.glossary import GLOSSARY_DIR
from lessonkit.pdf.scripts import PROBLEM as SCRIPT_PROBLEM
from lessonkit.project import LESSONS_DIR, PAGES_DIR, ProjectError, load_project
from lessonkit.settings import FAMILY, LANGUAGE_NAMES
from lessonkit.sources import SOURCES_FILE

HOST = "127.0.0.1"  # never another interface: the preview shows unpublished lessons
STATUS_URL = "/_lessonkit/status"
SCRIPT_URL = "/_lessonkit/reload.js"
POLL_MS = 600

# Sent with every page of the preview, never written into a built kit.
RELOAD_SCRIPT = """\
// lessonkit serve: reload this page when the preview has been rebuilt (or has new problems).
// It asks only the preview server, on 127.0.0.1, for its build counter.
(() => {
  const script = document.currentScript;
  const shown = Number(script.dataset.build);
  const check = async () => {
    try {
      const response = await fetch(script.dataset.status, { cache: "no-store" });
      const state = await response.json();
      if (state.build !== shown) {
        window.location.reload();
        return;
      }
    } catch (error) {
      // The preview server is stopped or busy: ask again later.
    }
    window.setTimeout(check, POLL_MS);
  };
  window.setTimeout(check, POLL_MS);
})();
""".replace("POLL_MS", str(POLL_MS))

BANNER_STYLE = ("position:sticky;top:0;z-index:1000;margin:0 0 1rem;padding:0.75rem 1rem;max-height:50vh;"
                "overflow:auto;background:#fde8e8;color:#6b0f0f;border:2px solid #b42318;border-radius:0.4rem;"
                "font:15px/1.4 system-ui,sans-serif")
_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)
# The problems go at the top of the page's main text (the theme's <article>), else of <body>.
_MAIN = re.compile(r"<article[^>]*role=\"main\"[^>]*>", re.IGNORECASE)


class ServeError(UsageError):
    """The preview cannot start as asked (a busy port, an unknown language): exit code 2."""


@dataclass(frozen=True)
class Outcome:
    """One build of the preview: its number, what set it off, and what is wrong (empty: all good)."""

    build: int
    changed: list[str]
    problems: list[str]
    seconds: float


@dataclass
class PreviewState:
    """What the pages learn from the server: the build counter and the current problems."""

    build: int = 0
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, problems: list[str]) -> int:
        with self.lock:
            self.build += 1
            self.problems = list(problems)
            return self.build

    def snapshot(self) -> tuple[int, list[str]]:
        with self.lock:
            return self.build, list(self.problems)


class Preview:
    """Builds one language of a curriculum into build/serve/<lang>/, again after each change.

    The language's Sphinx application stays in memory between builds (``SphinxSession``): an
    edit to a lesson, a page or a catalog is read and written by Sphinx's incremental build. A
    change to anything else Sphinx reads (conf.py, sources.yaml, the glossary, the frameworks)
    starts a new application that writes every page.
    """

    def __init__(self, root: Path, language: str | None = None, status: TextIO | None = None) -> None:
        project = load_project(root)
        self.root, self.build_dir = project.root, project.build_dir
        self.documents = [LESSONS_DIR, PAGES_DIR, *project.namespace.get("locale_dirs", ["locale"])]
        # The documents, the catalogs, the frameworks and the glossary; conf.py and sources.yaml are watched apart.
        folders = [*self.documents, FRAMEWORKS_DIR, GLOSSARY_DIR]
        self.folders = [self.root / name for name in dict.fromkeys(folders)]
        self.language = language or project.settings.languages[0]
        if self.language not in project.settings.all_languages:
            raise ServeError(f"unknown language {self.language}; conf.py declares "
                             f"{', '.join(project.settings.all_languages)} (lessonkit_languages)")
        self.home = home_page(project, self.language)  # a family language's site starts at its families page
        self.status = status
        self.state = PreviewState()
        family = project.settings.scope(self.language) == FAMILY  # its family pages only, as build makes them
        self.sphinx = SphinxSession(SphinxJob("kithtml", self.language, self.outdir,
                                              self.build_dir / ".doctrees" / f"serve-{self.language}",
                                              overrides=family_site(project) if family else {}), status)
        self.restart = False  # a setting changed since the last good build: start Sphinx afresh

    @property
    def serve_root(self) -> Path:
        return self.build_dir / "serve"

    @property
    def outdir(self) -> Path:
        return self.serve_root / self.language

    @property
    def language_name(self) -> str:
        return LANGUAGE_NAMES.get(self.language, self.language)

    def watched(self) -> list[Path]:
        return [folder for folder in self.folders if folder.is_dir()]

    def rebuild(self, changed: Iterable[Path] = ()) -> Outcome:
        """Check, then build what changed; publish the result to the pages."""
        started = time.monotonic()
        paths = sorted(set(changed))
        problems = self._build(paths)
        number = self.state.publish(problems)
        shown = [self._shown(path) for path in paths]
        return Outcome(number, shown, problems, time.monotonic() - started)

    def close(self) -> None:
        """Let the kept Sphinx application go."""
        self.sphinx.close()

    def _build(self, changed: list[Path]) -> list[str]:
        self.restart = self.restart or any(self._is_setting(path) for path in changed)
        try:
            project = load_project(self.root)
        except ProjectError as err:
            return [str(err)]
        if self.language not in project.settings.all_languages:
            return [f"conf.py: error: lessonkit_languages no longer declares '{self.language}', the "
                    "language of this preview; add it back or restart with --lang"]
        _, found = project.check()
        found = [problem for problem in found if problem.code != SCRIPT_PROBLEM]  # fonts concern the PDFs
        if any(problem.is_error for problem in found):  # warnings never stop the preview
            return [str(problem) for problem in found if problem.is_error]
        try:
            self.sphinx.build(project, restart=self.restart)
        except BuildError as err:
            prefix = str(self.root) + os.sep
            return [line.replace(prefix, "") for line in str(err).splitlines() if line.strip()]
        self.restart = False
        return []

    def _is_setting(self, path: Path) -> bool:
        """Whether ``path`` is read by the whole build rather than as one document (or its catalog)."""
        return self._shown(path).split("/", 1)[0] not in self.documents

    def _shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def decorate(page: str, build: int, problems: list[str], stale: bool = True) -> str:
    """A page as the preview sends it: with the reload script, and the problems on top if any.

    ``stale``: the page is from the last good build, older than the problems.
    """
    script = f'<script src="{SCRIPT_URL}" data-status="{STATUS_URL}" data-build="{build}"></script>'
    banner = ""
    if problems:
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        until = " Until then, this is the last good build." if stale else ""
        banner = (f'<div id="lk-serve-problems" role="alert" style="{BANNER_STYLE}">'
                  f"<p><strong>{count} to fix.</strong> Fix the lines below and save: this page reloads "
                  f"by itself.{until}</p>"
                  f'<ul style="margin:0.5rem 0 0;padding-left:1.2rem">{items}</ul></div>')
    body = _BODY.search(page)
    main = _MAIN.search(page) or body
    at_body, at_main = (body.end() if body else 0), (main.end() if main else 0)
    return page[:at_body] + script + page[at_body:at_main] + banner + page[at_main:]


def _placeholder(preview: Preview, message: str) -> str:
    title = html.escape(f"lessonkit serve: {preview.language_name}")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem">'
            f"<h1>{title}</h1><p>{html.escape(message)}</p></body></html>")


LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Files of build/serve/; pages with the reload script; the build counter as JSON."""

    preview: Preview  # set on the class made for each server

    def do_GET(self) -> None:
        # Another name for this machine (DNS rebinding) would let a web page read the preview.
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        if host not in LOOPBACK_NAMES:
            self.send_error(403, "This preview answers only to 127.0.0.1 and localhost")
            return
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if "\x00" in path:
            self.send_error(400, "A file name cannot hold a NUL character")
            return
        build, problems = self.preview.state.snapshot()
        if path == STATUS_URL:
            body = json.dumps({"build": build, "problems": problems, "language": self.preview.language})
            self._send(200, "application/json", body)
        elif path == SCRIPT_URL:
            self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        elif path in ("/", "/index.html"):
            self.send_response(302)
            self.send_header("Location", f"/{self.preview.language}/{self.preview.home}")
            self.end_headers()
        elif path.endswith("/") or path.endswith(".html"):
            self._send_page(path, build, problems)
        else:
            super().do_GET()

    def _send_page(self, path: str, build: int, problems: list[str]) -> None:
        file = Path(self.translate_path(path + ("index.html" if path.endswith("/") else "")))
        if file.is_file():
            page = file.read_text(encoding="utf-8")
            self._send(200, "text/html; charset=utf-8", decorate(page, build, problems))
            return
        if build == 0:
            message = "The first build is running; this page appears by itself when it is done."
        elif not self.preview.outdir.is_dir():
            message = "Nothing is built yet: fix the problems above and save."
        elif not path.startswith(f"/{self.preview.language}/"):
            message = (f"This preview shows the {self.preview.language_name} kit only. To preview another "
                       "language, stop it (Ctrl-C) and run: lessonkit serve --lang CODE")
        else:
            message = f"There is no page {path} in the preview."
        page = decorate(_placeholder(self.preview, message), build, problems, stale=False)
        self._send(404, "text/html; charset=utf-8", page)

    def _send(self, code: int, kind: str, text: str) -> None:
        data = text.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404, "No listing of folders in the preview")
        return None

    def end_headers(self) -> None:
        # Every answer may change with the next build.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would drown the build messages


def start_server(preview: Preview, port: int) -> http.server.ThreadingHTTPServer:
    """Serve build/serve/ on 127.0.0.1:``port`` (0: any free port) in a background thread."""
    preview.serve_root.mkdir(parents=True, exist_ok=True)
    handler = type("Handler", (PreviewHandler,), {"preview": preview})

    def make(*args: object, **kwargs: object) -> PreviewHandler:
        return handler(*args, directory=str(preview.serve_root), **kwargs)  # type: ignore[arg-type]

    try:
        server = http.server.ThreadingHTTPServer((HOST, port), make)  # type: ignore[arg-type]
    except OSError as err:
        raise ServeError(f"cannot listen on {HOST}:{port} ({err.strerror}); "
                         "another program may be using it: choose another port with --port N") from None
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="lessonkit-serve", daemon=True).start()
    return server


class _Sources(watchfiles.DefaultFilter):
    """Sources a writer edits: not the compiled catalogs Sphinx writes next to them."""

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        return super().__call__(change, path) and not path.endswith(".mo")


def _watch(paths: list[Path], recursive: bool, accept: Callable[[watchfiles.Change, str], bool],
           stop: threading.Event, changes: queue.Queue[set[Path]]) -> None:
    for batch in watchfiles.watch(*paths, watch_filter=accept, stop_event=stop, recursive=recursive,
                                  raise_interrupt=False, debounce=800, step=100):
        settled = _settled(batch)
        if settled:
            changes.put(settled)


def _settled(batch: set[tuple[watchfiles.Change, str]]) -> set[Path]:
    """The files a batch leaves changed: not the temporary files that editors write and remove."""
    added = {path for change, path in batch if change == watchfiles.Change.added}
    return {Path(path) for _, path in batch if Path(path).exists() or path not in added}


SETTINGS_FILES = frozenset({"conf.py", SOURCES_FILE})  # beside the folders, in the project's own


def _settings_only(change: watchfiles.Change, path: str) -> bool:
    return Path(path).name in SETTINGS_FILES


def start_watching(preview: Preview, stop: threading.Event) -> queue.Queue[set[Path]]:
    """Watch the folders of sources, conf.py and sources.yaml, in background threads; changes arrive in the queue."""
    changes: queue.Queue[set[Path]] = queue.Queue()
    # A theme dependency (accessible-pygments) sets the root logger to INFO: keep watchfiles'
    # "1 change detected" lines out of the terminal; the preview reports each build itself.
    logging.getLogger("watchfiles").setLevel(logging.WARNING)
    # Editors save by replacing the file, which ends a watch on the file itself: watch its folder.
    watchers = [(preview.watched(), True, _Sources()), ([preview.root], False, _settings_only)]
    for folders, recursive, accept in watchers:
        if folders:
            threading.Thread(target=_watch, args=(folders, recursive, accept, stop, changes),
                             name="lessonkit-watch", daemon=True).start()
    return changes


def serve(preview: Preview, port: int, *, on_ready: Callable[[str], None],
          on_build: Callable[[Outcome], None], stop: threading.Event | None = None) -> None:
    """Serve the preview and rebuild it on every change, until ``stop`` is set or Ctrl-C."""
    stop = stop or threading.Event()
    server = start_server(preview, port)
    try:
        changes = start_watching(preview, stop)
        on_ready(f"http://{HOST}:{server.server_address[1]}/{preview.language}/{preview.home}")
        on_build(preview.rebuild())
        while not stop.is_set():
            try:
                changed = changes.get(timeout=0.2)
            except queue.Empty:
                continue
            while not changes.empty():  # everything saved meanwhile goes into the same build
                changed |= changes.get_nowait()
            on_build(preview.rebuild(changed))
    finally:
        stop.set()
        preview.close()
        server.shutdown()
        server.server_close()
