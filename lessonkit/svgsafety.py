"""What an SVG picture may hold: shapes, never script or anything outside the file.

An SVG is a document, not only a picture: it can run script (``<script>``, ``onload=``, a
``javascript:`` link), embed a web page (``<foreignObject>``), and load fonts, styles or
images from anywhere (``href``, ``url(…)``, ``@import``, an external entity). Lessons and
their pictures come from many hands, and the kit is opened offline in schools, so
``lessonkit check`` refuses such a file and the build neither copies nor draws it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from lessonkit.bundles.links import css_addresses

CODE = "svg-unsafe"
_XLINK = "http://www.w3.org/1999/xlink"
_XHTML = "http://www.w3.org/1999/xhtml"
_REFUSED_ELEMENTS = {"script": "runs script", "foreignObject": "embeds a web page, which may run script",
                     "iframe": "embeds a web page", "embed": "embeds another file", "object": "embeds another file",
                     "audio": "plays a file", "video": "plays a file"}
_INSIDE = re.compile(r"^#[^\s]*$")  # a reference to an element of the same file
_EMBEDDED = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,", re.IGNORECASE)
_ANIMATED = ("set", "animate", "animateMotion", "animateTransform")
_HOW = "draw with shapes only, or open the file in a vector editor and save it as plain SVG"


@dataclass(frozen=True)
class Finding:
    """One thing an SVG must not hold: its line in the file, and what it is."""

    line: int
    message: str


def svg_findings(path: Path) -> list[Finding]:
    """What ``path`` holds that a picture in the kit must not (an empty list: safe to publish)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return [Finding(1, f"cannot be read ({error.strerror})")]
    return list(_findings(data))


def _findings(data: bytes) -> Iterator[Finding]:
    if re.search(rb"<!ENTITY", data, re.IGNORECASE):
        yield Finding(_line_of(data, b"<!ENTITY"), "declares an entity, which can read other files; remove the "
                                                   "<!DOCTYPE …> declaration")
        return
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        yield Finding(error.lineno or 1, f"is not well-formed SVG ({error.msg}); {_HOW}")
        return
    if etree.QName(root).localname != "svg":
        yield Finding(root.sourceline or 1, "is not an SVG picture: its first element is not <svg>")
    for element in [*root.itersiblings(preceding=True), *root.iter()]:
        if element.tag is etree.PI and element.target == "xml-stylesheet":
            yield Finding(element.sourceline or 1, "loads a style sheet from another file (<?xml-stylesheet?>)")
        if not isinstance(element.tag, str):
            continue  # a comment or a processing instruction
        yield from _element_findings(element)


def _element_findings(element: etree._Element) -> Iterator[Finding]:
    name = etree.QName(element)
    line = element.sourceline or 1
    if name.localname in _REFUSED_ELEMENTS:
        yield Finding(line, f"holds <{name.localname}>, which {_REFUSED_ELEMENTS[name.localname]}; {_HOW}")
        return
    if name.namespace == _XHTML:  # a web page's elements, which browsers may render
        yield Finding(line, f"holds the web page element <{name.localname}>; {_HOW}")
        return
    for attribute, value in element.attrib.items():
        key = etree.QName(attribute)
        if key.localname.lower().startswith("on"):
            yield Finding(line, f"runs script when something happens ({key.localname}=…); remove the attribute")
        elif key.localname == "href" and key.namespace in (_XLINK, None) and not _inside(value):
            yield Finding(line, f"refers to something outside the file ({key.localname}=\"{_short(value)}\"); "
                                "a picture may refer only to its own parts ('#id'); copy what it shows into it")
        elif "javascript:" in value.lower().replace(" ", ""):
            yield Finding(line, f"holds a 'javascript:' address ({key.localname}=…), which runs script")
        else:
            yield from _style_findings(value, line) if key.localname == "style" else ()
    if name.localname in _ANIMATED and element.get("attributeName", "").endswith("href"):
        yield Finding(line, f"changes a reference while it plays (<{name.localname} attributeName=\"href\">)")
    if name.localname == "style" and element.text:
        yield from _style_findings(element.text, line)


def _style_findings(css: str, line: int) -> Iterator[Finding]:
    for address in css_addresses(css):  # the bundle check's reading of CSS: escapes, comments, @import
        if not _inside(address):
            yield Finding(line, f"loads something from outside the file ({_short(address)}) in its style")


def _inside(reference: str) -> bool:
    reference = reference.strip()
    return bool(_INSIDE.match(reference) or _EMBEDDED.match(reference))


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def _line_of(data: bytes, needle: bytes) -> int:
    at = data.lower().find(needle.lower())
    return data.count(b"\n", 0, max(at, 0)) + 1
