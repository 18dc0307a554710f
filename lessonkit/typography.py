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
# A plain space (or tab) before a high mark, after « or before »; not before ``![``, a picture.
_PLAIN_SPACE = re.compile(r"[ \t]+(?=[:;?»]|!(?!\[))|(?<=«)[ \t]+")


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



# An apostrophe that smart quotes would take for a quote mark: one before « (« L'« adulte » »),
# or at the end of a text that emphasis or a link continues (« qu'**ils** »). Docutils' smart
# quotes see no letter after it, and in French they turn it into a closing quote, ”.
_APOSTROPHE_BEFORE = re.compile(r"(?<=[^\W\d_])'(?=[\s\u00a0\u202f]*«)")
APOSTROPHE = "\u2019"
# A closing or opening quote mark typed where an apostrophe belongs: between a letter and a
# letter, a « or the start of emphasis (word processors and earlier builds leave these).
_QUOTE_AS_APOSTROPHE = re.compile(r"[^\W\d_][”“](?=[^\W\d_]|[\s\u00a0\u202f]*«|\*\*?[^\W\d_]|_[^\W\d_])")


def protect_apostrophes(text: str, next_char: str = "") -> str:
    """``text`` with the apostrophes smart quotes would misread written as ’ (U+2019).

    ``next_char`` is the first character of the text that follows in the page (after emphasis
    or a link starts), so that an apostrophe ending ``text`` is read with what follows it.
    """
    text = _APOSTROPHE_BEFORE.sub(APOSTROPHE, text)
    if text.endswith("'") and len(text) > 1 and _is_letter(text[-2]) and (_is_letter(next_char) or next_char == "«"):
        text = text[:-1] + APOSTROPHE
    return text


def quotes_for_apostrophes(text: str) -> list[str]:
    """Each quote mark of ``text`` that stands where an apostrophe belongs, with the letters around it."""
    return [text[:found.start() + 1].split()[-1] + text[found.start() + 1:found.end() + 1]
            for found in _QUOTE_AS_APOSTROPHE.finditer(text)]


# A French verb joined to the pronoun after it (« parles-en », « dis-le », « vas-y », « va-t-il »):
# a line must not end at its hyphen, which leaves « parles- » on one line and « en » on the next.
_PRONOUN_HYPHEN = re.compile(
    r"(?<=[^\W\d_])-(?=(?:t-)?(?:en|y|le|la|les|lui|leur|moi|toi|nous|vous|je|tu|il|elle|on|ils|elles|ce)(?![^\W\d_]|-[^\W\d_]{3}))",
    re.IGNORECASE)
NON_BREAKING_HYPHEN = "\u2011"


def join_pronouns(text: str) -> str:
    """French ``text`` with the hyphen between a verb and its pronoun written as one that does not break."""
    return _PRONOUN_HYPHEN.sub(NON_BREAKING_HYPHEN, text)


def _is_letter(char: str) -> bool:
    return char.isalpha()
