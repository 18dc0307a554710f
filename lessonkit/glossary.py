"""The curriculum's glossary: one term per concept and language, and the variants to avoid.

Kept in the curriculum, one file per language (``glossary/en.yaml``, ``glossary/fr.yaml``),
so that a board chooses its own words; ``lessonkit check`` reports each variant it finds in
the lessons, the pages and the translations, with the term to write instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from lessonkit.problem import Problem

GLOSSARY_DIR = "glossary"
FIELDS = ("term", "avoid", "note")
# Typographic variants that must not hide a variant: curly apostrophes and non-breaking spaces.
_SAME = str.maketrans({"’": "'", "\u00a0": " ", "\u202f": " "})


@dataclass(frozen=True)
class Concept:
    term: str
    avoid: tuple[str, ...]
    note: str
    line: int


@dataclass(frozen=True)
class Variant:
    """A variant found in a text: where, as written, and the concept whose term to use."""

    start: int
    text: str
    concept: Concept


@dataclass(frozen=True)
class Glossary:
    """The concepts of one language, and what is wrong in their file."""

    language: str
    shown: str
    concepts: tuple[Concept, ...] = ()
    problems: tuple[Problem, ...] = ()

    def variants(self, text: str, ignore: frozenset[str] = frozenset()) -> Iterator[Variant]:
        """Each variant in ``text`` (case, apostrophes, spaces and plurals aside), longest first where
        two overlap; none inside the concept's own term, none of the phrases in ``ignore``."""
        text = text.translate(_SAME)
        lowered = text.lower()
        found: list[Variant] = []
        for concept in self.concepts:
            # A variant whose first word is nowhere in the text cannot match: most are not, and a
            # substring test costs far less than a search.
            candidates = [variant for variant in concept.avoid
                          if _first_word(variant) in lowered and _normalise(variant) not in ignore]
            if not candidates:
                continue
            terms = [match.span() for match in _pattern(concept.term).finditer(text)]
            for variant in candidates:
                for match in _pattern(variant).finditer(text):
                    if not any(start <= match.start() and match.end() <= end for start, end in terms):
                        found.append(Variant(match.start(), match.group(0), concept))
        found.sort(key=lambda v: (v.start, -len(v.text)))
        end = -1
        for variant in found:
            if variant.start >= end:
                yield variant
                end = variant.start + len(variant.text)


def _normalise(phrase: str) -> str:
    return " ".join(phrase.translate(_SAME).lower().split())


@functools.lru_cache(maxsize=1024)
def _first_word(phrase: str) -> str:
    """The start of ``phrase`` that any text it matches holds as written, lower case."""
    return next((part for part in re.split(r"[-·'.\s]", _normalise(phrase)) if part), "")


@functools.lru_cache(maxsize=1024)
def _pattern(phrase: str) -> re.Pattern[str]:
    """Whole words, any case, an optional plural ending on each word; '-' also matches a space or nothing."""
    words = []
    for word in _normalise(phrase).split():
        parts = re.split(r"([-·'.])", word)
        pattern = ""
        for part in parts:
            if part == "-":
                pattern += r"[-\s]?"
            elif part in ("·", "."):
                pattern += r"[·.]"
            elif part == "'":
                pattern += "'"
            elif part:
                pattern += re.escape(part) + "(?:s|x|es)?"
        words.append(pattern)
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def read_glossary(root: Path, language: str) -> Glossary:
    """The glossary of ``language`` in the curriculum at ``root`` (empty when it has none)."""
    shown = f"{GLOSSARY_DIR}/{language}.yaml"
    path = root / shown
    if not path.is_file():
        return Glossary(language, shown)
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except UnicodeDecodeError:
        return Glossary(language, shown, problems=(_problem(shown, 1, "the file is not UTF-8; save it as UTF-8"),))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        reason = getattr(err, "problem", None) or "invalid YAML"
        return Glossary(language, shown, problems=(_problem(
            shown, mark.line + 1 if mark else 1, f"the file is not valid YAML ({reason}); write one '- term:' per "
            "concept with its 'avoid:' list and 'note:' indented under it"),))
    if node is None:
        return Glossary(language, shown)
    if not isinstance(node, yaml.SequenceNode):
        return Glossary(language, shown, problems=(_problem(
            shown, node.start_mark.line + 1, "the file must be a list of concepts, each starting with '- term:'"),))
    concepts: list[Concept] = []
    problems: list[Problem] = []
    for item in node.value:
        concept, found = _read_concept(shown, item)
        problems += found
        if concept is not None:
            concepts.append(concept)
    return Glossary(language, shown, tuple(concepts), tuple(problems))


def _read_concept(shown: str, node: yaml.Node) -> tuple[Concept | None, list[Problem]]:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        return None, [_problem(shown, line, "each concept is a mapping: '- term: ...' then 'avoid: [...]' under it")]
    fields = {str(key.value): value for key, value in node.value}
    lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    problems = [_problem(shown, lines[name], f"unknown field '{name}' (fields: {', '.join(FIELDS)})")
                for name in fields if name not in FIELDS]
    term = fields.get("term")
    if not isinstance(term, yaml.ScalarNode) or not str(term.value).strip():
        return None, [*problems, _problem(shown, line, "a concept needs its 'term:', the word to write")]
    avoid = fields.get("avoid")
    variants = [str(item.value).strip() for item in avoid.value if isinstance(item, yaml.ScalarNode)] \
        if isinstance(avoid, yaml.SequenceNode) else []
    if not isinstance(avoid, yaml.SequenceNode) or not all(variants) or len(variants) != len(avoid.value) \
            or not variants:
        return None, [*problems, _problem(shown, lines.get("avoid", line),
                                          f"'{term.value}' needs 'avoid:', a list of the variants to report, "
                                          "e.g. avoid: [safe adult, safe grown-up]")]
    for variant in variants:
        if _normalise(variant) == _normalise(str(term.value)):
            problems.append(_problem(shown, lines["avoid"], f"'{variant}' is both the term and a variant to "
                                                            "avoid; remove it from 'avoid:'"))
    note = fields.get("note")
    return Concept(str(term.value).strip(), tuple(v for v in variants if _normalise(v) != _normalise(str(term.value))),
                   str(note.value) if isinstance(note, yaml.ScalarNode) else "", line), problems


def _problem(shown: str, line: int, message: str) -> Problem:
    return Problem(shown, line, "glossary-syntax", message)
