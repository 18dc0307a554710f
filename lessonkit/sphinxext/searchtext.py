"""What the search finds in a page, and the text it quotes from it.

Sphinx fetches pages to quote them, which file:// forbids: the pages' text is written beside the
index. Texts repeated on every lesson (the help resources, the disclosure steps, the family
notice) are left out of the lessons' index and quotes (their own pages keep them), so that a
word of theirs lists those pages rather than every lesson; and each lesson is indexed with its
band and its grades in every school system, which the search page uses to rank and label results.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from docutils import nodes

TEXTS_FILE = "searchtexts.js"
_PREFIX = "window.LESSONKIT_SEARCH_TEXTS = "
_BANDS_PREFIX = "window.LESSONKIT_SEARCH_BANDS = "
# Kit texts written once in a page under source/ and repeated in the lessons.
REPEATED = ("lk-text-help-resources", "lk-text-family-help", "lk-text-disclosure-guidance", "lk-text-family-notice")


def searchable(doctree: nodes.document, words: list[str]) -> tuple[nodes.document, str]:
    """A copy of ``doctree`` for the index, without the texts repeated on every lesson and with
    ``words`` (its band and grades); and the text to quote from it (without those words)."""
    copy = doctree.deepcopy()
    for container in list(copy.findall(nodes.container)):
        if any(name in container["classes"] for name in REPEATED) and container.parent is not None:
            container.parent.remove(container)
    text = page_text(copy)
    if words:
        copy += nodes.paragraph("", " · ".join(words))
    return copy, text
_SPACES = re.compile(r"\s+")
_BLOCKS = re.compile(r"\n\s*\n")
_ENDS = tuple(".!?:;…»”)")


def page_text(doctree: nodes.document) -> str:
    """The readable text of a page, on one line; a heading or term stays apart from the text after it."""
    chunks = [_SPACES.sub(" ", chunk).strip() for chunk in _BLOCKS.split(doctree.astext())]
    text = ""
    for chunk in filter(None, chunks):
        text += chunk if not text else (" " if text.endswith(_ENDS) else " · ") + chunk
    return text


def load_texts(outdir: Path) -> dict[str, str]:
    """The texts written by the previous build into ``outdir``, if any."""
    try:
        data = (outdir / TEXTS_FILE).read_text(encoding="utf-8")
    except OSError:
        return {}
    first = data.split("\n", 1)[0]
    if not first.startswith(_PREFIX):
        return {}
    try:
        texts = json.loads(first[len(_PREFIX):].rstrip().rstrip(";"))
    except ValueError:
        return {}
    return texts if isinstance(texts, dict) else {}


def dump_texts(outdir: Path, texts: dict[str, str], bands: dict[str, object] | None = None) -> None:
    """Write the texts as a script that the search page loads (no fetch on file://); and ``bands``:
    each band's label, grades and grade names, and the band of each page."""
    lines = [f"{_PREFIX}{_json(dict(sorted(texts.items())))};\n"]
    if bands is not None:
        lines.append(f"{_BANDS_PREFIX}{_json(bands)};\n")
    (outdir / TEXTS_FILE).write_text("".join(lines), encoding="utf-8")


def _json(value: object) -> str:
    # "</" would end the <script> early if the file were ever inlined.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
