"""What a bundle's pages point at: every local link must land inside it, nothing may load from the network."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lessonkit.blocks import TEACHER_ONLY_CLASS
from lessonkit.bundles.model import Finding

# How the browser uses an address: a link the reader follows may lead to a web site (a help line's
# page); anything the browser fetches, submits or goes to by itself must not.
LINK, LOAD, FORM, REDIRECT = "link", "load", "form", "redirect"
# Attributes holding one address. ``href`` is a load except on <a> and <area> (so on any <link>
# rel, <base>, SVG's <use>, <image>, <feImage>, <script>); ``action`` and ``formaction`` send a form.
_ADDRESS_ATTRIBUTES = {"href": LOAD, "xlink:href": LOAD, "src": LOAD, "data": LOAD, "poster": LOAD,
                       "background": LOAD, "manifest": LOAD, "action": FORM, "formaction": FORM}
_FOLLOWED = frozenset({"a", "area"})
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.S)
_CSS_URL = re.compile(r"""url\(\s*(?:(['"])(.*?)\1|([^)'"]*?))\s*\)""", re.S | re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(['"])(.*?)\1""", re.S | re.I)
_CSS_IMAGE_SET = re.compile(r"image-set\(((?:[^()]|\([^()]*\))*)\)", re.S | re.I)
_CSS_STRING = re.compile(r"""(['"])(.*?)\1""", re.S)
_REFRESH = re.compile(r"""^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(['"]?)(.*?)\1\s*$""", re.S | re.I)


@dataclass(frozen=True)
class Reference:
    tag: str
    address: str
    kind: str = LOAD


@dataclass
class Page:
    """What checking needs of one HTML page: its addresses, its anchors, its teacher-only elements."""

    references: list[Reference] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    teacher_only: list[str] = field(default_factory=list)  # the text of each, to name it
    title: str = ""  # the page's <title> (not an SVG icon's, later in the page)


def css_addresses(css: str) -> list[str]:
    """Every address a style sheet loads: ``url()``, ``@import "…"`` and the images of ``image-set()``."""
    css = _CSS_ESCAPE.sub(_css_unescape, _CSS_COMMENT.sub("", css))
    found = [(m.start(), m[2] if m[1] else m[3]) for m in _CSS_URL.finditer(css)]
    found += [(m.start(), m[2]) for m in _CSS_IMPORT.finditer(css)]
    found += [(m.start(1) + s.start(), s[2]) for m in _CSS_IMAGE_SET.finditer(css)
              for s in _CSS_STRING.finditer(m[1])]
    return [address.strip() for _, address in sorted(found)]


def _css_unescape(escape: re.Match[str]) -> str:
    if not escape[1]:
        return escape[2]
    code = int(escape[1], 16)
    return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"  # as CSS reads an impossible code point


def srcset_addresses(srcset: str) -> list[str]:
    """The address of each candidate of a ``srcset`` ("a.png 1x, b.png 2x"), as HTML splits them."""
    addresses, at = [], 0
    while True:
        at = len(srcset) - len(srcset[at:].lstrip(" \t\n\r\f,"))
        if at >= len(srcset):
            return addresses
        end = at
        while end < len(srcset) and not srcset[end].isspace():
            end += 1
        address = srcset[at:end]
        if address.endswith(","):
            addresses.append(address.rstrip(","))
            at = end
            continue
        addresses.append(address)
        depth = 0  # skip the descriptors, up to a comma outside parentheses
        while end < len(srcset) and (srcset[end] != "," or depth):
            depth += {"(": 1, ")": -1}.get(srcset[end], 0)
            end += 1
        at = end


def refresh_address(content: str) -> str:
    """Where ``<meta http-equiv="refresh" content="5; url=…">`` sends the reader ('' for this page)."""
    found = _REFRESH.match(content)
    return found[2].strip() if found else content.strip()


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._open: tuple[str, int] | None = None  # the teacher-only element being read, and its depth
        self._in_style = False
        self._title: str | None = None  # the page's title being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if self._open is not None and tag == self._open[0]:
            self._open = (tag, self._open[1] + 1)
        elif self._open is None and TEACHER_ONLY_CLASS in values.get("class", "").split():
            self._open = (tag, 1)
            self.page.teacher_only.append("")
        self.page.ids.update(value for name in ("id", "name") if (value := values.get(name)))
        self._in_style = tag == "style"
        if tag == "title" and not self.page.title and self._title is None:
            self._title = ""
        self.page.references.extend(self._references(tag, values))

    def _references(self, tag: str, values: dict[str, str]) -> Iterator[Reference]:
        for name, kind in _ADDRESS_ATTRIBUTES.items():
            if name in values:
                followed = kind == LOAD and name.endswith("href") and tag in _FOLLOWED
                yield Reference(tag, values[name].strip(), LINK if followed else kind)
        for address in srcset_addresses(values.get("srcset", "")) + values.get("ping", "").split():
            yield Reference(tag, address)
        for address in css_addresses(values.get("style", "")):
            yield Reference(tag, address)
        if tag == "meta" and values.get("http-equiv", "").strip().lower() == "refresh" \
                and (address := refresh_address(values.get("content", ""))):
            yield Reference(tag, address, REDIRECT)
        if tag == "iframe" and "srcdoc" in values:
            yield from read_html(values["srcdoc"]).references

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        if tag == "title" and self._title is not None:
            self.page.title, self._title = self._title.strip(), None
        if self._open is not None and tag == self._open[0]:
            self._open = (tag, self._open[1] - 1) if self._open[1] > 1 else None

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.page.references.extend(Reference("style", address) for address in css_addresses(data))
        if self._open is not None:
            self.page.teacher_only[-1] += data
        if self._title is not None:
            self._title += data


def read_html(text: str) -> Page:
    """What ``text`` (an HTML page or an SVG image) points at, its anchors and teacher-only elements."""
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser.page


def read_page(path: Path) -> Page:
    return read_html(path.read_text(encoding="utf-8", errors="replace"))


def _clean(address: str) -> str:
    # As browsers read an address: tabs and newlines inside are dropped, backslashes are slashes.
    return re.sub(r"[\t\n\r]", "", address).strip("\x00 \x0c").replace("\\", "/")


def _local_target(page: str, address: str) -> str | None:
    """The bundle path an address points at (``page`` itself for '#anchor'), or None for another site."""
    if _SCHEME.match(address) or address.startswith("//"):
        return None
    path = unquote(urlsplit(address).path)
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page


def _is_network(address: str) -> bool:
    return address.startswith("//") or address.lower().startswith(("http:", "https:", "ftp:", "ws:", "wss:"))


_REFUSED = {LOAD: "loads {} from the network", FORM: "sends a form to {} on the network",
            REDIRECT: "sends the reader to {} on the network by itself"}


def _check(name: str, references: list[Reference], files: set[str], pages: dict[str, Page]) -> Iterator[Finding]:
    for ref in references:
        address = _clean(ref.address)
        if _is_network(address):
            if ref.kind != LINK:
                yield Finding(name, _REFUSED[ref.kind].format(ref.address) + "; a kit must work offline")
            continue
        if ref.kind != LINK and address.lower().startswith("file:"):
            yield Finding(name, f"loads {ref.address}, a file outside the bundle")
            continue
        target = _local_target(name, address)
        if target is None or not address:
            continue
        if target == ".." or target.startswith("../"):
            yield Finding(name, f"link to {ref.address} leads outside the bundle")
        elif target not in files and posixpath.join(target, "index.html") not in files:
            yield Finding(name, f"link to {ref.address} leads nowhere: the bundle has no {target}")
        elif (anchor := unquote(urlsplit(address).fragment)) and target in pages \
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
            findings.extend(_check(name, [Reference("style", address) for address in css_addresses(text)],
                                   files, pages))
        elif name.endswith(".svg"):
            findings.extend(_check(name, read_page(path(name)).references, files, pages))
    return findings
