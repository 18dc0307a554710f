"""``lessonkit check`` on translation catalogs: readable, right headers, same markup as the source,
and each message held to the rules on what a text says (sources, statistics, glossary).

A translated message can change the structure of a page only through its markup: an extra
list item, a lost image, a changed link. Comparing the markup of every message with its
source therefore keeps each translated lesson's objectives, activities, fields, check
boxes and images in step with the source language.
"""

from __future__ import annotations

import dataclasses
import gettext
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import polib

from lessonkit.checks.cache import CheckCache
from lessonkit.checks.texts import Paragraph, TextRules
from lessonkit.problem import Problem
from lessonkit.typography import plain_spaces, quotes_for_apostrophes

# A translation is child-safety content: a catalog made by `i18n update` says it awaits a fluent
# reviewer, who sets "X-Review-Status: reviewed by <name>, <date>". A catalog without the field
# predates it (kept under the project's own review).
REVIEW_FIELD = "X-Review-Status"
UNREVIEWED = "unreviewed"


def is_unreviewed(catalog: polib.POFile) -> bool:
    return catalog.metadata.get(REVIEW_FIELD, "").strip().lower().startswith(UNREVIEWED)


# Sphinx's gettext builder writes the theme's words to this catalog; lessonkit ships them.
THEME_CATALOG = "sphinx.po"

# (what to count, pattern, how the message names it)
MARKUP: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("images", re.compile(r"!\[")),
    ("web addresses", re.compile(r"<https?://[^>\s]+>")),
    ("list items", re.compile(r"^\s*(?:[-*+]|\d+[.)])\s", re.MULTILINE)),
    ("check boxes", re.compile(r"\[[ xX]\]")),
    ("code spans", re.compile(r"`")),
    ("roles", re.compile(r"\{[\w:-]+\}`")),
    ("block fences", re.compile(r"^(?::{3,}|`{3,})", re.MULTILINE)),
)
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
_STRONG = re.compile(r"\*\*")
_ROLE_NAME = re.compile(r"\{([^{}\s`]+)\}`")
_LEADING_LIST = re.compile(r"^(?:[-*+]|\d+[.)])\s")


# Sphinx parses the translation, never the source message: a source that merely starts with
# "16." renders as text, so for these only extra markup in the translation changes a page.
ONLY_EXTRA = frozenset({"list items", "block fences"})


def _role_names(text: str) -> list[str]:
    return sorted(_ROLE_NAME.findall(text))


def _loose_stars(text: str) -> int:
    """How many '*' Markdown leaves as text in ``text``: the marks of italics or bold left unclosed."""
    from lessonkit.lesson import markdown_parser

    if "*" not in text:
        return 0
    tokens = [child for token in markdown_parser().parseInline(text) for child in token.children or []]
    return sum(token.content.count("*") for token in tokens if token.type == "text")


def _markup_problems(entry: polib.POEntry) -> Iterator[str]:
    source_roles, target_roles = _role_names(entry.msgid), _role_names(entry.msgstr)
    if source_roles != target_roles and len(source_roles) == len(target_roles):
        changed = [f"{{{name}}}" for name in target_roles if name not in source_roles]
        kept = [f"{{{name}}}" for name in source_roles if name not in target_roles]
        yield (f"the translation writes the role {', '.join(changed)} where the source has {', '.join(kept)}, "
               "so the page would show it as plain text; role names stay in English: translate only the "
               "text between the backquotes")
    for name, pattern in MARKUP:
        source, target = len(pattern.findall(entry.msgid)), len(pattern.findall(entry.msgstr))
        if target > source or (source > target and name not in ONLY_EXTRA):
            yield f"the translation has {target} {name} where the source has {source}"
    source_links = sorted(_LINK_TARGET.findall(entry.msgid))
    target_links = sorted(_LINK_TARGET.findall(entry.msgstr))
    if source_links != target_links:
        yield (f"the translation links to {', '.join(target_links) or 'nothing'} where the source links to "
               f"{', '.join(source_links) or 'nothing'}; keep the link targets as they are")
    if _LEADING_LIST.match(entry.msgstr) and "fuzzy" not in entry.flags:
        yield ("the translation starts like a list item, so Sphinx ignores it and shows the source; "
               "escape the mark, e.g. '16\\. ' instead of '16. '")
    if len(_STRONG.findall(entry.msgstr)) % 2:
        yield "the translation has an unclosed '**' (bold), so the page shows the '**'; close it as the source does"
    elif _loose_stars(entry.msgstr) > _loose_stars(entry.msgid):
        yield ("the translation has a '*' that opens no italics (or closes none), so the page shows it as it is; "
               "close each *italics* as the source does, or drop the mark")


# The lines of a PO file, as strictly as `msgfmt -c` reads them (polib quietly truncates a string
# that is not closed, and Sphinx then shows the truncated text).
_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf'^(?:#.*|\s*|(?:#~\s*)?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_STRING}\s*'
                      rf'|(?:#~\s*)?{_STRING}\s*)$')
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


def syntax_problems(path: Path, shown: str) -> list[Problem]:
    """Lines that are not PO syntax: an unclosed quote, a stray word, a line broken inside a string."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return [Problem(shown, 1, "catalog-syntax", f"the catalog is not UTF-8 ({err.reason}); save it as UTF-8 "
                                                    "(Poedit: Catalog > Properties > Charset)")]
    except OSError as err:
        return [Problem(shown, 1, "catalog-syntax", f"the catalog cannot be read ({err.strerror})")]
    for number, line in enumerate(text.splitlines(), 1):
        if not _PO_LINE.match(line):
            return [Problem(shown, number, "catalog-syntax",
                            "this line is not PO syntax (a text without its closing quote, or a quote inside a "
                            'text written " instead of \\"); fix it in a PO editor such as Poedit')]
    return []


def _plural_forms_problem(value: str) -> str | None:
    found = _PLURAL_FORMS.match(value)
    if found is None:
        return f"the catalog's Plural-Forms '{value}' is not 'nplurals=N; plural=EXPRESSION;'"
    try:
        gettext.c2py(found.group(2))  # the standard library's reader of plural expressions
    except (ValueError, SyntaxError, RecursionError):
        return f"the catalog's Plural-Forms expression '{found.group(2)}' is incomplete or invalid"
    return None


def check_catalog(path: Path, shown: str, language: str, rules: TextRules | None = None) -> Iterator[Problem]:
    # Imported here: they load the Markdown parser, which a build with nothing to do never needs.
    from lessonkit.checks.lessons import raw_html_problem
    from lessonkit.lesson import raw_html_in

    syntax = syntax_problems(path, shown)
    if syntax:
        yield from syntax
        return
    try:
        catalog = polib.pofile(str(path))
    except (OSError, ValueError) as err:
        line = int(match.group(1)) if (match := re.search(r"line (\d+)", str(err))) else 1
        yield Problem(shown, line, "catalog-syntax", f"the catalog cannot be read ({err}); fix it in a PO editor")
        return
    if is_unreviewed(catalog):
        yield Problem(shown, 1, "translation-unreviewed",
                      f"this translation awaits review: its pages and letters say so until a fluent reader of "
                      f"'{language}' checks it and sets '{REVIEW_FIELD}: reviewed by <name>, <date>' in its header",
                      "warning")
    declared = catalog.metadata.get("Language", "")
    if declared.split("_")[0] != language:
        yield Problem(shown, 1, "catalog-header",
                      f"the catalog's header says Language: {declared or '(nothing)'} but it is in the "
                      f"'{language}' folder; set 'Language: {language}'")
    charset = re.search(r"charset=([\w.:-]+)", catalog.metadata.get("Content-Type", ""))
    if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
        yield Problem(shown, 1, "catalog-header",
                      f"the catalog's header says charset={charset.group(1)}, but lessonkit reads catalogs as UTF-8; "
                      "save it as UTF-8 and set 'Content-Type: text/plain; charset=UTF-8'")
    if "Plural-Forms" not in catalog.metadata:
        yield Problem(shown, 1, "catalog-header",
                      "the catalog's header has no Plural-Forms; run `lessonkit i18n update`")
    elif message := _plural_forms_problem(catalog.metadata["Plural-Forms"]):
        yield Problem(shown, 1, "catalog-header", f"{message}; for French write 'nplurals=2; plural=(n > 1);'")
    french = language.split("_")[0] == "fr"
    for entry in catalog:
        if entry.obsolete or not entry.msgstr:
            continue
        found = [raw_html_problem(shown, entry.linenum + line - 1, html) for line, html in raw_html_in(entry.msgstr)]
        found += [Problem(shown, entry.linenum, "translation-parity", message) for message in _markup_problems(entry)]
        if french and "fuzzy" not in entry.flags:
            found += _spacing_problems(entry, shown)
        found += _apostrophe_problems(entry.msgstr, shown, entry.linenum)
        if rules is not None:
            # The whole message is one paragraph, reported at the entry's line.
            found += rules.check(Paragraph(((entry.linenum, entry.msgstr),)), shown)
        # A translator in Poedit sees messages, not lines: each problem starts with the English it is about.
        lead = english_start(entry.msgid)
        yield from (dataclasses.replace(problem, message=f"{lead}: {problem.message}") for problem in found)


def english_start(msgid: str) -> str:
    """The start of a message's English, quoted, as a translator finds it in a PO editor."""
    words = " ".join(msgid.split())
    return f"'{words}'" if len(words) <= 50 else f"'{words[:50]}…'"


def _spacing_problems(entry: polib.POEntry, shown: str) -> list[Problem]:
    spaces = list(plain_spaces(entry.msgstr))
    if not spaces:
        return []
    marks = {space.mark for space in spaces}
    where = [f"before {' '.join(mark for mark in ':;!?' if mark in marks)}"] if marks - {"«", "»"} else []
    where += ["inside « »"] if marks & {"«", "»"} else []
    excerpts = "; ".join(f"'{space.excerpt}'" for space in spaces[:3]) + ("; …" if len(spaces) > 3 else "")
    return [Problem(shown, entry.linenum, "french-spacing",
                    f"a plain space where French needs a no-break space ({excerpts}), so a line could end there "
                    f"and leave the mark alone; type a no-break space (U+00A0) {' and '.join(where)} instead, as "
                    "the rest of the catalog does (Windows: Alt+0160; macOS: Option+Space)")]


def _apostrophe_problems(text: str, shown: str, line: int) -> list[Problem]:
    misplaced = quotes_for_apostrophes(text)
    if not misplaced:
        return []
    excerpts = "; ".join(f"'{excerpt}'" for excerpt in misplaced[:3])
    return [Problem(shown, line, "quote-for-apostrophe",
                    f"a quote mark stands where an apostrophe belongs ({excerpts}); type an apostrophe ' (or ’) "
                    "instead: the kit shows it as ’ even before « » or bold text")]


def _problems_of_catalog(path: Path, shown: str, language: str, rules: TextRules | None) -> list[Problem]:
    return list(check_catalog(path, shown, language, rules))


def check_catalogs(folder: Path, language: str, root: Path, cache: CheckCache | None = None,
                   rules: TextRules | None = None) -> list[Problem]:
    """Every problem in the catalogs of one language (``folder`` is its LC_MESSAGES)."""
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*.po")) if folder.is_dir() else []:
        if path.relative_to(folder).as_posix() == THEME_CATALOG:
            continue
        shown = path.relative_to(root).as_posix()
        check = partial(_problems_of_catalog, path, shown, language, rules)
        problems.extend(cache.result("catalog", path, shown, check) if cache else check())
    return problems
