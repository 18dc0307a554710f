"""The pages' text for search snippets: Sphinx fetches pages to quote them, which file:// forbids."""

from __future__ import annotations

import json
import re
from pathlib import Path

from docutils import nodes

TEXTS_FILE = "searchtexts.js"
_PREFIX = "window.LESSONKIT_SEARCH_TEXTS = "
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
    if not data.startswith(_PREFIX):
        return {}
    try:
        texts = json.loads(data[len(_PREFIX):].rstrip().rstrip(";"))
    except ValueError:
        return {}
    return texts if isinstance(texts, dict) else {}


def dump_texts(outdir: Path, texts: dict[str, str]) -> None:
    """Write the texts as a script that the search page loads (no fetch on file://)."""
    payload = json.dumps(dict(sorted(texts.items())), ensure_ascii=False, separators=(",", ":"))
    # "</" would end the <script> early if the file were ever inlined.
    payload = payload.replace("</", "<\\/")
    (outdir / TEXTS_FILE).write_text(f"{_PREFIX}{payload};\n", encoding="utf-8")
