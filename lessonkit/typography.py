"""French typography: the spaces that must not break, before ``: ; ! ?`` and inside « guillemets ».

A plain space there lets a line end just before the colon or the closing guillemet, which
leaves the mark alone at the start of the next line on the page and in the PDFs. The
curriculum's French catalogs use a no-break space (U+00A0) in every one of these places; a
narrow no-break space (U+202F), which some typographers prefer before ``; ! ?``, is accepted
too. Code spans, roles and link targets are left alone: they are not French text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

NO_BREAK_SPACE = "\u00a0"
# Text that is not prose: code spans, a role's content, a link's target, a web address.
_NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>\s]+>|https?://\S+")
# A plain space (or tab) before a high mark, after « or before ».
_PLAIN_SPACE = re.compile(r"[ \t]+(?=[:;!?»])|(?<=«)[ \t]+")


@dataclass(frozen=True)
class Spacing:
    """One plain space where French needs a no-break one: the text around it, and the mark."""

    excerpt: str
    mark: str


def plain_spaces(text: str) -> Iterator[Spacing]:
    """Each plain space of ``text`` that French typography wants unbreakable."""
    prose = _NOT_PROSE.sub(lambda found: "\0" * len(found.group()), text)
    for found in _PLAIN_SPACE.finditer(prose):
        start, end = found.span()
        mark = text[end] if end < len(text) and text[end] in ":;!?»" else text[start - 1]
        if mark == ":" and prose[end + 1:end + 2] not in ("", " ", "\n", NO_BREAK_SPACE):
            continue  # a colon inside a word or a time (10 :30 is a typing mistake of another kind)
        if mark == "«":  # the guillemet and the word after it
            word = (text[end:].split() or [""])[0]
            yield Spacing(f"«{text[start:end]}{word}", mark)
        else:  # the word before the mark, and the mark
            word = (text[:start].split() or [""])[-1]
            yield Spacing(f"{word}{text[start:end]}{mark}", mark)

