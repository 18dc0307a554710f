"""The other ways teachers write a grade, for the search: "gr 9", "ninth grade", « quatrième année ».

A band's pages show its grades as the school systems name them ("Grade 4", « 4e année »,
« secondaire 3 »). Teachers also type them short, as an ordinal, or in words; the search index
and the search page's ranking take these forms too. Only the names lessonkit itself gives the
grades are known here: a board that names its grades otherwise gets its own names searched.
"""

from __future__ import annotations

import re

_CARDINALS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth")
_FRENCH_ORDINALS = ("première", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième",
                    "huitième", "neuvième", "dixième", "onzième", "douzième")

_GRADE = re.compile(r"grade (\d{1,2})", re.IGNORECASE)
_SECONDARY = re.compile(r"secondary ([IVX]+)", re.IGNORECASE)
_ANNEE = re.compile(r"(\d{1,2})(?:e|re|er) année", re.IGNORECASE)
_SECONDAIRE = re.compile(r"secondaire (\d)", re.IGNORECASE)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


def _ordinal_suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _french_number(n: int) -> str:
    return f"{n}{'re' if n == 1 else 'e'}"


def grade_aliases(name: str) -> list[str]:
    """Other ways of writing the grade ``name`` (lower case), or none when it is not one of lessonkit's."""
    aliases: list[str] = []
    if (found := _GRADE.fullmatch(name)) and 1 <= (n := int(found.group(1))) <= 12:
        aliases += [f"gr {n}", f"{n}{_ordinal_suffix(n)} grade", f"grade {_CARDINALS[n - 1]}",
                    f"{_ORDINALS[n - 1]} grade"]
    elif (found := _SECONDARY.fullmatch(name)) and (n := _ROMAN.get(found.group(1).upper(), 0)):
        aliases += [f"secondary {n}", f"sec {n}"]
    elif (found := _ANNEE.fullmatch(name)) and 1 <= (n := int(found.group(1))) <= 12:
        aliases += [f"{_FRENCH_ORDINALS[n - 1]} année", f"{_french_number(n)} année"]
    elif (found := _SECONDAIRE.fullmatch(name)) and 1 <= (n := int(found.group(1))) <= 5:
        aliases += [f"{_french_number(n)} secondaire", f"sec {n}", f"{_FRENCH_ORDINALS[n - 1]} secondaire"]
    return [alias for alias in dict.fromkeys(aliases) if alias != name.lower()]


def with_aliases(names: list[str]) -> list[str]:
    """``names`` (lower case), each followed by its other forms, once each."""
    return list(dict.fromkeys(form for name in names for form in (name.lower(), *grade_aliases(name))))
