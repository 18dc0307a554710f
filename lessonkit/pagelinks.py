"""Links from one page of the kit to another: ``[the help page](get-help.md)`` must lead to a page,
and so must each entry of a ``{toctree}``.

A link to a page that does not exist passes Markdown and shows up only in the build, as
Sphinx's "'myst' cross-reference target not found"; a table of contents that names a page
left out of the kit (a band a board removed) stops the build. The check finds both first, with
the line and the page the writer most likely meant.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from lessonkit.lesson import markdown_parser
from lessonkit.problem import Problem

PAGE_SUFFIX = ".md"


def page_links(markdown: str, offset: int = 0) -> list[tuple[int, str]]:
    """Each link of ``markdown`` (starting on line ``offset + 1``) to a Markdown page: (line, target)."""
    found: list[tuple[int, str]] = []
    for token in markdown_parser().parse(markdown):
        if token.map is None:
            continue
        if token.type == "colon_fence":
            found += page_links(token.content, offset + token.map[0] + 1)
        for child in token.children or []:
            target = str(child.attrs.get("href", "")) if child.type == "link_open" else ""
            if PurePosixPath(target.split("#")[0]).suffix.lower() == PAGE_SUFFIX and ":" not in target.split("/")[0]:
                found.append((offset + token.map[0] + 1, target))
    return found


_TOCTREE = ("{toctree}", "{lk-toctree}")
_GLOB = frozenset("*?[")


def toctree_entries(markdown: str, offset: int = 0) -> list[tuple[int, str]]:
    """Each page a ``{toctree}`` of ``markdown`` lists: (line, document as written, without a suffix)."""
    found: list[tuple[int, str]] = []
    for token in markdown_parser().parse(markdown):
        if token.map is None or token.type not in ("fence", "colon_fence"):
            continue
        if token.info.strip().split(" ")[0] not in _TOCTREE:
            if token.type == "colon_fence":
                found += toctree_entries(token.content, offset + token.map[0] + 1)
            continue
        for number, line in enumerate(token.content.splitlines(), offset + token.map[0] + 2):
            entry = line.strip()
            if not entry or entry.startswith(":") or entry == "self" or _GLOB & set(entry):
                continue
            if entry.endswith(">") and "<" in entry:  # "Title <document>"
                entry = entry[entry.rindex("<") + 1:-1].strip()
            if "://" in entry or entry.startswith("mailto:"):
                continue
            found.append((number, entry.removesuffix(PAGE_SUFFIX)))
    return found


def read_toctree_entries(path: Path) -> list[tuple[int, str]]:
    """The toctree entries of a page; none when it cannot be read."""
    try:
        return toctree_entries(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return []


def missing_toctree_entries(shown: str, path: Path, entries: list[tuple[int, str]], root: Path,
                            documents: frozenset[Path]) -> Iterator[Problem]:
    """A problem for each table-of-contents entry of ``path`` that names no page in ``documents``."""
    for line, entry in entries:
        base = root if entry.startswith("/") else path.parent
        resolved = Path(os.path.normpath(base / (entry.lstrip("/") + PAGE_SUFFIX)))
        if resolved in documents:
            continue
        guess = _closest(entry + PAGE_SUFFIX, [Path(os.path.relpath(document, path.parent)).as_posix()
                                               for document in documents])
        hint = f" (did you mean '{guess.removesuffix(PAGE_SUFFIX)}'?)" if guess else ""
        yield Problem(shown, line, "toctree-entry",
                      f"the table of contents lists '{entry}', which is no page of the kit{hint}; a build would "
                      f"stop here. Remove the line if the page was left out on purpose (a band taken out: "
                      f"':::{{band-pages}}' lists the bands that have a folder by itself)")


def read_page_links(path: Path) -> list[tuple[int, str]]:
    """The page links of a lesson or page; none when it cannot be read."""
    try:
        return page_links(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return []  # the file's own check reports it


def broken_links(shown: str, path: Path, links: list[tuple[int, str]], root: Path,
                 documents: frozenset[Path]) -> Iterator[Problem]:
    """A problem for each link of ``path`` (shown as ``shown``) that leads to no page in ``documents``."""
    for line, target in links:
        written = target.split("#")[0]
        base = root if written.startswith("/") else path.parent
        resolved = Path(os.path.normpath(base / written.lstrip("/")))
        if resolved in documents:
            continue
        guess = _closest(written, [Path(os.path.relpath(document, path.parent)).as_posix() for document in documents])
        hint = f"did you mean '{guess}'? A" if guess else "a"
        folder = path.parent.relative_to(root).as_posix() if path.parent != root else "the top of the project"
        yield Problem(shown, line, "page-link",
                      f"the link to '{written}' leads to no page of the kit; {hint} link to a page gives its file, "
                      f"relative to this file's folder ({folder}), e.g. [Get help](../../source/get-help.md) "
                      "from a lesson")


def _closest(written: str, choices: list[str]) -> str | None:
    """The page whose file name is most like the one written (the folders say little: many pages share them)."""
    def score(choice: str) -> tuple[float, float]:
        name = difflib.SequenceMatcher(None, PurePosixPath(written).name, PurePosixPath(choice).name).ratio()
        return name, difflib.SequenceMatcher(None, written, choice).ratio()

    best = max(choices, key=score, default=None)
    return best if best is not None and score(best)[0] >= 0.75 else None
