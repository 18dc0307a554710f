"""The rules on what a text says: each statistic cites a source, each cited source exists, and
the glossary's terms are used. Applied alike to lessons, pages and translated messages.

A citation counts for the paragraph it is in (a list item, a table row and a translated
message count as paragraphs), the way a reader sees it: after the sentence it supports.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from lessonkit.blocks import ROLES
from lessonkit.glossary import Glossary
from lessonkit.problem import Problem
from lessonkit.sources import SOURCES_FILE, cited_keys
from lessonkit.statistics import find_statistic

_ROLE = re.compile(r"\{([A-Za-z][\w.+-]*)\}`")  # {name}`text`; a domain's role (py:func) has a colon
_FENCE = re.compile(r"^\s*(:{3,}|`{3,}|~{3,})(.*)$")
_OPTION = re.compile(r"^\s*:[\w-]+:(\s|$)")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)]|:)\s+")
_TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")


@dataclass(frozen=True)
class Paragraph:
    """Lines of text read together: (line number, text) each."""

    lines: tuple[tuple[int, str], ...]

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)

    def line_at(self, offset: int) -> int:
        for number, text in self.lines:
            if offset <= len(text):
                return number
            offset -= len(text) + 1
        return self.lines[-1][0]


def markdown_paragraphs(text: str, first_line: int = 1) -> Iterator[Paragraph]:
    """The paragraphs, list items, table rows and headings of MyST Markdown, with their lines.

    A block's first line and each of its options are read alone; code blocks are skipped.
    """
    current: list[tuple[int, str]] = []
    code_fence = ""
    options_allowed = False
    for number, line in enumerate(text.splitlines(), first_line):
        fence = _FENCE.match(line)
        if code_fence:
            if fence and fence.group(1).startswith(code_fence) and not fence.group(2).strip():
                code_fence = ""
            continue
        if fence:
            yield from _flush(current)
            is_code = fence.group(1)[0] in "`~" and not fence.group(2).strip().startswith("{")
            code_fence = fence.group(1) if is_code else ""
            options_allowed = bool(fence.group(2).strip())
            if options_allowed and not is_code:
                yield Paragraph(((number, line),))  # a block's title is text too
            continue
        if options_allowed and _OPTION.match(line):
            yield Paragraph(((number, line),))  # an option's value may be text (:alt:, :title:)
            continue
        options_allowed = False
        stripped = line.strip()
        if not stripped or stripped.startswith("<!--"):
            yield from _flush(current)
        elif stripped.startswith(("#", "|")) or _ITEM.match(line):
            yield from _flush(current)
            if not _TABLE_RULE.match(line):
                current.append((number, line))
            if stripped.startswith(("#", "|")):
                yield from _flush(current)
        else:
            current.append((number, line))
    yield from _flush(current)


def _flush(current: list[tuple[int, str]]) -> Iterator[Paragraph]:
    if current:
        yield Paragraph(tuple(current))
        current.clear()


@dataclass(frozen=True)
class TextRules:
    """What the rules need to know of the curriculum: its sources' keys and one language's glossary."""

    source_keys: frozenset[str]
    has_sources: bool
    glossary: Glossary | None = None
    # Phrases another rule already reports in this kind of file (the ruled-out phrases, in lessons).
    ignore: frozenset[str] = field(default_factory=frozenset)
    # False for a language set in a face of its own script (lessonkit.pdf.scripts), which draws it.
    glyphs: bool = True

    def check(self, paragraph: Paragraph, shown: str) -> Iterator[Problem]:
        text = paragraph.text
        keys = cited_keys(text)
        for key in keys:
            if key not in self.source_keys:
                yield Problem(shown, paragraph.line_at(text.find(key)), "source-unknown", self._unknown(key))
        for role in _ROLE.finditer(text):
            close = difflib.get_close_matches(role.group(1), ROLES, n=1, cutoff=0.75)
            if role.group(1) not in ROLES and close:  # others may be another extension's: the build says
                yield Problem(shown, paragraph.line_at(role.start()), "unknown-role",
                              f"unknown role '{{{role.group(1)}}}'; did you mean '{{{close[0]}}}'? Correct it: "
                              "the build stops at a role it does not know")
        statistic = find_statistic(text)
        if statistic is not None and not keys:
            offset, kind, words = statistic
            yield Problem(shown, paragraph.line_at(offset), "unsourced-statistic",
                          f"'{_excerpt(words)}' states {kind} with no source; cite the publication that states "
                          "it, in the same paragraph, right after the figure: {source}`key` (the key of its entry "
                          f"in {SOURCES_FILE}), or say it without the figure")
        if self.glyphs and not text.isascii():
            yield from glyph_problems(paragraph, shown)
        if self.glossary is not None:
            reported = set()
            for variant in self.glossary.variants(text, self.ignore):
                problem = Problem(shown, paragraph.line_at(variant.start), "glossary-variant",
                                  f"write '{variant.concept.term}' instead of '{_excerpt(variant.text)}' "
                                  f"({self.glossary.shown})")
                if problem not in reported:  # the same variant twice on a line: one problem
                    reported.add(problem)
                    yield problem

    def _unknown(self, key: str) -> str:
        if not self.has_sources:
            return (f"source '{key}' is cited but the curriculum has no {SOURCES_FILE}; create it beside conf.py "
                    f"with an entry '{key}:' (kind, publisher, title, date, checked)")
        close = difflib.get_close_matches(key, sorted(self.source_keys), n=1)
        hint = f"; did you mean '{close[0]}'? Correct the key" if close else "; correct the key"
        return f"source '{key}' is not in {SOURCES_FILE}{hint}, or add an entry '{key}:' to {SOURCES_FILE}"


def glyph_problems(paragraph: Paragraph, shown: str) -> Iterator[Problem]:
    """Characters the PDFs' text face lacks: drawn from a fallback face, or printed as their name."""
    from lessonkit.pdf.fonts import text_glyphs  # reads the fonts: only for text that is not ASCII

    text, reported = paragraph.text, set()
    for offset, fallback in text_glyphs().fallbacks_in(text):
        line = paragraph.line_at(offset)
        if (line, fallback.char) in reported:
            continue
        reported.add((line, fallback.char))
        name = unicodedata.name(fallback.char, f"U+{ord(fallback.char):04X}").lower()
        how = (f"the PDFs draw it from {fallback.family}, in black and white" if fallback.family
               else f"the PDFs print it as '{fallback.description}'; write it in words if that reads badly")
        yield Problem(shown, line, "pdf-glyph-fallback",
                      f"'{fallback.char}' ({name}) is not in the PDFs' text font: {how}", "warning")


def _excerpt(words: str) -> str:
    words = re.sub(r"[ \t\r\n]+", " ", words.strip())  # keeps the non-breaking spaces of French
    return words if len(words) <= 60 else words[:60] + "…"
