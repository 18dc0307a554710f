"""PO catalogs written the way GNU gettext writes them, without GNU gettext.

Translators save catalogs with tools that wrap like msgmerge (Poedit, Weblate, msgcat): writing the
same lines (79 columns, breaks where Unicode line breaking allows them, entries in file order)
keeps `lessonkit i18n update` from rewrapping what a translator saved. Line breaking follows
Unicode's UAX #14 rules for the characters of European languages; other scripts may wrap
differently from GNU gettext, which changes the layout of the file, never a message.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterator

import polib

PAGE_WIDTH = 79
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}

# Unicode line-breaking classes of the characters European text uses (LineBreak.txt); others are
# letters (AL), digits (NU) or, when wide, ideographs (ID).
_CLASSES = {
    " ": "SP", "!": "EX", '"': "QU", "$": "PR", "%": "PO", "'": "QU", "(": "OP", ")": "CP", "+": "PR",
    ",": "IS", "-": "HY", ".": "IS", "/": "SY", ":": "IS", ";": "IS", "?": "EX", "[": "OP", "\\": "PR",
    "]": "CP", "{": "OP", "|": "BA", "}": "CL", "\u00a0": "GL", "¡": "OP", "¢": "PO", "£": "PR", "¤": "PR",
    "¥": "PR", "«": "QU", "\u00ad": "BA", "°": "PO", "±": "PR", "´": "BB", "»": "QU", "¿": "OP",
    "\u2007": "GL", "\u2010": "BA", "\u2011": "GL", "\u2012": "BA", "–": "BA", "—": "B2", "‘": "QU",
    "’": "QU", "‚": "OP", "‛": "QU", "“": "QU", "”": "QU", "„": "OP", "‟": "QU", "\u2024": "IN",
    "‥": "IN", "…": "IN", "\u2027": "BA", "‰": "PO", "′": "PO", "″": "PO", "‹": "QU", "›": "QU",
    "‼": "NS", "⁄": "IS", "€": "PR", "\u200b": "ZW", "\u202f": "GL", "\u205f": "BA", "\u2060": "WJ",
    "\ufeff": "WJ", "\u3000": "BA",
    **dict.fromkeys("\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a", "BA"),
}
# Pairs never broken when they touch (UAX #14 rules LB23 to LB30: numbers, letters, prefixes).
_JOINED = {
    ("AL", "NU"), ("NU", "AL"), ("PR", "AL"), ("PO", "AL"), ("AL", "PR"), ("AL", "PO"), ("PR", "ID"),
    ("ID", "PO"), ("CL", "PO"), ("CP", "PO"), ("CL", "PR"), ("CP", "PR"), ("NU", "PO"), ("NU", "PR"),
    ("PO", "OP"), ("PO", "NU"), ("PR", "OP"), ("PR", "NU"), ("HY", "NU"), ("IS", "NU"), ("NU", "NU"),
    ("SY", "NU"), ("AL", "AL"), ("AL", "OP"), ("NU", "OP"), ("CP", "AL"), ("CP", "NU"),
}


def _class(char: str) -> str:
    if char in _CLASSES:
        return _CLASSES[char]
    if unicodedata.category(char) == "Nd":
        return "NU"
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me"):
        return "CM"
    return "ID" if unicodedata.east_asian_width(char) in ("W", "F") else "AL"


def _width(char: str) -> int:
    if unicodedata.category(char) in ("Cc", "Cf", "Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _may_break(before: str, after: str, spaces: bool) -> bool:
    """May a line start at a character of class ``after``, the last non-space one being ``before``?"""
    if before == "ZW":
        return True
    if after in ("ZW", "WJ", "CL", "CP", "EX", "IS", "SY") or before == "OP":
        return False
    if (before, after) in (("QU", "OP"), ("CL", "NS"), ("B2", "B2")):
        return False
    if spaces:
        return True
    if before in ("WJ", "GL", "QU", "BB") or after in ("QU", "BA", "HY", "NS", "IN"):
        return False
    if after == "GL":
        return before in ("BA", "HY")
    return (before, after) not in _JOINED


def _break_opportunities(text: str) -> list[bool]:
    """For each character, whether a line may start there (UAX #14, the rules European text needs)."""
    allowed = [False] * len(text)
    before, spaces = "", False
    for index, char in enumerate(text):
        kind = _class(char)
        if kind == "SP":
            spaces = spaces or index > 0
            continue
        if kind == "CM":
            if index > 0 and not spaces:
                continue  # a combining mark belongs to the character before it
            kind = "AL"
        allowed[index] = index > 0 and _may_break(before, kind, spaces)
        before, spaces = kind, False
    return allowed


def _line_starts(text: str, allowed: list[bool], room: int, column: int) -> list[int]:
    """Where lines start when ``text`` is filled greedily into ``room`` columns from ``column``."""
    starts: list[int] = []
    piece_start: int | None = None
    piece = 0
    for index, char in enumerate(text):
        if allowed[index]:
            if piece_start is not None and column + piece > room:
                starts.append(piece_start)
                column = 0
            piece_start, column, piece = index, column + piece, 0
        piece += _width(char)
    if piece_start is not None and column + piece > room:
        starts.append(piece_start)
    return starts


def _escape(portion: str) -> tuple[str, list[bool]]:
    """The portion as written between quotes, and where a line may not start (inside an escape)."""
    text: list[str] = []
    fixed: list[bool] = []
    for char in portion:
        if char in _ESCAPES:
            text += ["\\", _ESCAPES[char]]
            fixed += [False, True]
        else:
            text.append(char)
            fixed.append(False)
    if portion.endswith("\n"):
        fixed[-2] = True  # never a line holding only the final \n
    return "".join(text), fixed


def wrap(keyword: str, value: str, prefix: str = "") -> list[str]:
    """The lines of ``keyword "value"`` as GNU gettext writes them (``prefix`` for ``#| `` and ``#~ ``)."""
    indent = len(prefix) + 1
    room = PAGE_WIDTH - 1 - indent
    lines: list[str] = []
    first = True
    portions = [value[i:j] for i, j in _newline_spans(value)]
    for index, portion in enumerate(portions):
        text, fixed = _escape(portion)
        allowed = [ok and not no for ok, no in zip(_break_opportunities(text), fixed, strict=True)]
        column = len(prefix) + len(keyword) + 2 - indent if first else 0
        starts = _line_starts(text, allowed, room, column)
        if first and text and (index < len(portions) - 1 or column > room or starts):
            lines.append(f'{prefix}{keyword} ""')
            first, column = False, 0
            starts = _line_starts(text, allowed, room, column)
        head = f"{prefix}{keyword} " if first else prefix
        first = False
        for line, (start, end) in enumerate(itertools.pairwise([0, *starts, len(text)])):
            lines.append(f'{head if line == 0 else prefix}"{text[start:end]}"')
    return lines


def _newline_spans(value: str) -> Iterator[tuple[int, int]]:
    start = 0
    while True:
        end = value.find("\n", start)
        if end < 0 or end == len(value) - 1:
            yield start, len(value)
            return
        yield start, end + 1
        start = end + 1


def _references(entry: polib.POEntry) -> list[str]:
    lines, line = [], "#:"
    for file, number in sorted(entry.occurrences, key=lambda o: (o[0].encode(), _line_number(o[1]))):
        while file.startswith("./"):
            file = file[2:]
        reference = f"{file}:{number}" if number else file
        if len(line) > 2 and len(line) + len(reference) + 1 > PAGE_WIDTH:
            lines.append(line)
            line = "#:"
        line += f" {reference}"
    return [*lines, line] if entry.occurrences else []


def _line_number(number: str) -> int:
    return int(number) if number.isdigit() else -1


def _comments(text: str, mark: str) -> list[str]:
    return [f"{mark} {line}" if line else mark for line in text.split("\n")] if text else []


def _entry(entry: polib.POEntry) -> list[str]:
    obsolete = "#~ " if entry.obsolete else ""
    first_msgstr = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
    lines = _comments(entry.tcomment, "#")
    if not entry.obsolete:
        lines += [f"#. {line}" for line in entry.comment.split("\n")] if entry.comment else []
        lines += _references(entry)
    flags = [flag for flag in entry.flags if flag != "fuzzy" and not entry.obsolete]
    if entry.fuzzy and first_msgstr:
        flags.insert(0, "fuzzy")
    lines += [f"#, {', '.join(flags)}"] if flags else []
    previous = f"#{'~' if entry.obsolete else ''}| "
    for keyword, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                           ("msgid_plural", entry.previous_msgid_plural)):
        lines += wrap(keyword, value, previous) if value is not None else []
    if entry.msgctxt is not None:
        lines += wrap("msgctxt", entry.msgctxt, obsolete)
    lines += wrap("msgid", entry.msgid, obsolete)
    if entry.msgid_plural:
        lines += wrap("msgid_plural", entry.msgid_plural, obsolete)
        for index in sorted(entry.msgstr_plural):
            lines += wrap(f"msgstr[{index}]", entry.msgstr_plural[index], obsolete)
    else:
        lines += wrap("msgstr", entry.msgstr, obsolete)
    return lines


def sort_key(entry: polib.POEntry) -> tuple[bool, bytes, int, bytes, bytes]:
    """The order of ``msgmerge --sort-by-file``: by first source position, then by message."""
    if not entry.occurrences:
        return (False, b"", 0, entry.msgid.encode(), (entry.msgctxt or "").encode())
    file, number = min(entry.occurrences, key=lambda o: (o[0].encode(), _line_number(o[1])))
    return (True, file.encode(), _line_number(number), entry.msgid.encode(), (entry.msgctxt or "").encode())


def dumps(catalog: polib.POFile) -> str:
    """The text of ``catalog``, entries in file order, obsolete ones last (as ``msgmerge -F``)."""
    header = "".join(f"{name}: {value}\n" for name, value in catalog.metadata.items())
    blocks = [[*_comments(catalog.header, "#"), *(["#, fuzzy"] if catalog.metadata_is_fuzzy else []),
               *wrap("msgid", ""), *wrap("msgstr", header)]]
    current = sorted((e for e in catalog if not e.obsolete), key=sort_key)
    obsolete = sorted((e for e in catalog if e.obsolete and (e.msgstr or any(e.msgstr_plural.values()))),
                      key=sort_key)
    blocks += [_entry(entry) for entry in (*current, *obsolete)]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
