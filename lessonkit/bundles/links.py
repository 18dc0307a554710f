"""What a bundle's pages point at: every local link must land inside it, nothing may load from the network."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
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
    classes: tuple[str, ...] = ()


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Reference] = []
        self.teacher_only: list[str] = []  # the text of each teacher-only element, to name it
        self._open: tuple[str, int] | None = None  # the teacher-only element being read, and its depth

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._open is not None and tag == self._open[0]:
            self._open = (tag, self._open[1] + 1)
        elif self._open is None and TEACHER_ONLY_CLASS in (values.get("class") or "").split():
            self._open = (tag, 1)
            self.teacher_only.append("")
        for name in ("href", "src", "data", "action"):
            value = values.get(name)
            if value is not None:
                self.found.append(Reference(tag, value.strip()))

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == self._open[0]:
            self._open = (tag, self._open[1] - 1) if self._open[1] > 1 else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.teacher_only[-1] += data


def _local_target(page: str, address: str) -> str | None:
    """The bundle path an address points at, or None for an anchor or another site."""
    if not address or address.startswith("#") or _SCHEME.match(address) or address.startswith("//"):
        return None
    path = unquote(urlsplit(address).path)
    if not path:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def _is_network(address: str) -> bool:
    return address.startswith("//") or address.lower().startswith(("http:", "https:", "ftp:"))


def _check(page: str, refs: list[Reference], files: set[str]) -> Iterator[Finding]:
    for ref in refs:
        if _is_network(ref.address):
            if ref.tag in LOADING_TAGS:
                yield Finding(page, f"loads {ref.address} from the network; a kit must work offline")
            continue
        target = _local_target(page, ref.address)
        if target is None:
            continue
        if target == ".." or target.startswith("../"):
            yield Finding(page, f"link to {ref.address} leads outside the bundle")
        elif target not in files and posixpath.join(target, "index.html") not in files:
            yield Finding(page, f"link to {ref.address} leads nowhere: the bundle has no {target}")


def check_pages(root: Path, files: set[str], student: bool) -> list[Finding]:
    """Every dangling link, network load and (in a student edition) teacher-only element of the pages."""
    findings: list[Finding] = []
    for name in sorted(files):
        suffix = posixpath.splitext(name)[1]
        if suffix == ".html":
            parser = _References()
            parser.feed((root / name).read_text(encoding="utf-8", errors="replace"))
            parser.close()
            findings.extend(_check(name, parser.found, files))
            if student and parser.teacher_only:
                first = " ".join(parser.teacher_only[0].split())
                first = first if len(first) <= 70 else first[:69] + "…"
                findings.append(Finding(name, f"holds {len(parser.teacher_only)} teacher-only element(s) "
                                              f"(class {TEACHER_ONLY_CLASS}), e.g. «{first}»; "
                                              "the student edition must have none"))
        elif suffix == ".css":
            text = (root / name).read_text(encoding="utf-8", errors="replace")
            refs = [Reference("link", m.group(2).strip()) for m in _CSS_URL.finditer(text)]
            findings.extend(_check(name, [r for r in refs if not r.address.startswith("data:")], files))
    return findings
