"""What a bundle's pages point at: every local link must land inside it, nothing may load from the network."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lessonkit.bundles.model import Finding

# Elements whose address the browser fetches by itself, as opposed to a link the reader follows.
LOADING_TAGS = frozenset({"script", "img", "iframe", "embed", "object", "source", "audio", "video", "track",
                          "input", "link"})
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.S)
TEACHER_ONLY_CLASS = "lk-teacher-only"


@dataclass(frozen=True)
class Reference:
    tag: str
    address: str


@dataclass
class Page:
    """What checking needs of one HTML page: its addresses, its anchors, its teacher-only elements."""

    references: list[Reference] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    teacher_only: list[str] = field(default_factory=list)  # the text of each, to name it


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._open: tuple[str, int] | None = None  # the teacher-only element being read, and its depth

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._open is not None and tag == self._open[0]:
            self._open = (tag, self._open[1] + 1)
        elif self._open is None and TEACHER_ONLY_CLASS in (values.get("class") or "").split():
            self._open = (tag, 1)
            self.page.teacher_only.append("")
        self.page.ids.update(value for name in ("id", "name") if (value := values.get(name)))
        for name in ("href", "src", "data", "action"):
            value = values.get(name)
            if value is not None:
                self.page.references.append(Reference(tag, value.strip()))

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == self._open[0]:
            self._open = (tag, self._open[1] - 1) if self._open[1] > 1 else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.page.teacher_only[-1] += data


def read_page(path: Path) -> Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


def _local_target(page: str, address: str) -> str | None:
    """The bundle path an address points at (``page`` itself for '#anchor'), or None for another site."""
    if _SCHEME.match(address) or address.startswith("//"):
        return None
    path = unquote(urlsplit(address).path)
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page


def _is_network(address: str) -> bool:
    return address.startswith("//") or address.lower().startswith(("http:", "https:", "ftp:"))


def _check(name: str, references: list[Reference], files: set[str], pages: dict[str, Page]) -> Iterator[Finding]:
    for ref in references:
        if _is_network(ref.address):
            if ref.tag in LOADING_TAGS:
                yield Finding(name, f"loads {ref.address} from the network; a kit must work offline")
            continue
        target = _local_target(name, ref.address)
        if target is None or not ref.address:
            continue
        if target == ".." or target.startswith("../"):
            yield Finding(name, f"link to {ref.address} leads outside the bundle")
        elif target not in files and posixpath.join(target, "index.html") not in files:
            yield Finding(name, f"link to {ref.address} leads nowhere: the bundle has no {target}")
        elif (anchor := unquote(urlsplit(ref.address).fragment)) and target in pages \
                and anchor not in pages[target].ids:
            where = "this page" if target == name else target
            yield Finding(name, f"link to {ref.address} leads nowhere: {where} has no element with id {anchor!r}")


def check_pages(path: Callable[[str], Path], files: set[str], student: bool) -> list[Finding]:
    """Every dangling link or anchor, network load and (in a student edition) teacher-only element.

    ``path`` tells where each file of ``files`` is on disk.
    """
    pages = {name: read_page(path(name)) for name in sorted(files) if name.endswith(".html")}
    findings: list[Finding] = []
    for name in sorted(files):
        if name in pages:
            page = pages[name]
            findings.extend(_check(name, page.references, files, pages))
            if student and page.teacher_only:
                first = " ".join(page.teacher_only[0].split())
                first = first if len(first) <= 70 else first[:69] + "…"
                findings.append(Finding(name, f"holds {len(page.teacher_only)} teacher-only element(s) "
                                              f"(class {TEACHER_ONLY_CLASS}), e.g. «{first}»; "
                                              "the student edition must have none"))
        elif name.endswith(".css"):
            text = path(name).read_text(encoding="utf-8", errors="replace")
            references = [Reference("link", m.group(2).strip()) for m in _CSS_URL.finditer(text)]
            findings.extend(_check(name, [r for r in references if not r.address.startswith("data:")], files,
                                   pages))
    return findings
