"""Finding statements of statistics in English and French text, so that each one cites a source.

A statistic here is what a board's reviewer would ask "says who?" about: a percentage, a
count per day, week, month or year, a trend with a number ("rose from 68 to 107", « a
doublé »), a ratio ("one in five"). Numbers that are not statistics (the minutes of an
activity, ages and grades, years, phone numbers, "24/7", list numbering) are blanked out
before the search, so that they never count.
"""

from __future__ import annotations

import re

_SPACE = r"[ \t\u00a0\u202f]"
_WORDS_EN = ("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
             "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety dozens? "
             "hundreds? thousands? millions? billions?")
_WORDS_FR = ("deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt trente "
             "quarante cinquante soixante cents? centaines? mille milliers? millions? milliards? douzaines?")
_NUMBER_WORD = r"(?:" + "|".join(f"{word}" for word in (_WORDS_EN + " " + _WORDS_FR).split()) + r")"
_DIGITS = r"\d+(?:[.,]\d+)?"
# A number: digits (1,000 / 1 000 / 1.5) or a number word from two up.
_NUMBER = rf"(?:(?<![\w.,/-]){_DIGITS}(?:{_SPACE}\d{{3}})*(?![\w/-]|[.,]\d)|\b{_NUMBER_WORD}\b(?:-\w+)?)"
# Quantities a trend may state without digits.
# "three times a week", "two hours a day": how often or how long, not how many.
_NOT_A_UNIT = (rf"(?!{_SPACE}+(?:times|fois|minutes?|hours?|heures?|days?|jours?|weeks?|semaines?|months?|mois"
               r"|years?|ans|années?)\b)")
_QUANTITY = r"\b(?:dozens?|hundreds?|thousands?|millions?|douzaines?|centaines?|milliers?|millions?)\b"

# Numbers that are not statistics, blanked before the search (they keep their length, so
# positions stay the same).
_NOT_STATISTICS = re.compile("|".join((
    r"\{source\}`[^`]*`",  # a citation: its key is no figure
    r"`[^`]*`",  # code
    r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+",  # link targets and addresses
    r"\b\d+(?:[-–]\d+){1,}\b",  # phone numbers, 9-8-8, ranges written 8-10
    r"\b\d+/\d+\b",  # 24/7, dates written 6/12
    r"\b\d{1,2}[:h]\d{2}\b",  # times
    r"\b(?:1[89]|20)\d{2}\b",  # years
    rf"\b(?:[Aa]ges?|aged|[Gg]rades?|[Aa]ge|âgée?s|âgée?|de{_SPACE}la|la)\s+(?:de\s+)?\d+(?:e|re)?"
    rf"(?:\s*(?:to|and|or|à|et|ou|–|-)\s*(?:la\s+)?\d+(?:e|re)?)?",  # ages 8 to 10, Grade 4
    rf"\b\d+(?:-|\s)?(?:to|à|–|-)?\s*\d*[-{_SPACE}]?(?:year|years|yr)[-\s]olds?\b",  # 8- to 12-year-olds
    rf"\b\d+(?:e|re|er){_SPACE}+(?:année|secondaire|primaire)\b",  # 4e année
    rf"\b\d+(?:{_SPACE}*(?:à|-|–|et|ou){_SPACE}*\d+)?{_SPACE}*(?:ans|an)\b",  # de 8 à 12 ans
    rf"\b\d+{_SPACE}*(?:-{_SPACE}*)?(?:minutes?|mins?|min|seconds?|secondes?|hours?|heures?|h|days?|jours?|weeks?"
    r"|semaines?|months?|mois|years?|années?|times|fois|pages?|lines?|lignes?|cards?|cartes?)\b",  # durations
    r"\b(?:section|article|art\.|s\.|ss\.|paragraph|paragraphe|alinéa)\s*\d+(?:\.\d+)*(?:\(\d+\))*",  # law
    r"^\s*(?:[-*+]|\d+[.)])\s",  # list numbering
)), re.MULTILINE)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a percentage", re.compile(rf"(?:{_DIGITS}{_SPACE}?%|{_NUMBER}{_SPACE}+(?:per{_SPACE}?cent|percent|pour"
                                rf"{_SPACE}?cent)\b)", re.IGNORECASE)),
    ("a count per period", re.compile(
        rf"{_NUMBER}{_NOT_A_UNIT}(?:{_SPACE}+(?!(?:a|an|per|each|every|par|chaque)\b)[\w'’-]+){{0,4}}?{_SPACE}+"
        rf"(?:a|an|per|each|every){_SPACE}+(?:day|week|month|year|hour)\b", re.IGNORECASE)),
    ("a count per period", re.compile(
        rf"{_NUMBER}{_NOT_A_UNIT}(?:{_SPACE}+(?!(?:par|chaque)\b)[\w'’-]+){{0,4}}?{_SPACE}+(?:par|chaque){_SPACE}+"
        r"(?:jour|semaine|mois|an|année|heure)s?\b", re.IGNORECASE)),
    ("a ratio", re.compile(rf"(?:\b(?:one|un|une)\b|{_NUMBER})(?:{_SPACE}+[\w'’-]+)?{_SPACE}+(?:in|out{_SPACE}+of|sur)"
                           rf"{_SPACE}+{_NUMBER}", re.IGNORECASE)),
    ("a ratio", re.compile(rf"{_NUMBER}{_SPACE}+(?:times|fois){_SPACE}+(?:more|less|as|higher|plus|moins)\b",
                           re.IGNORECASE)),
    ("a trend", re.compile(r"\b(?:doubled|tripled|quadrupled|(?:a|ont|avait|avaient|ont\s+plus\s+que)\s+"
                           r"(?:doublé|triplé|quadruplé))\b")),
)
# A trend ("rose", « hausse de ») is a statistic when its sentence states a number.
_TREND = re.compile(
    r"\b(?:rose|risen|rising|fell|fallen|increased|decreased|jumped|grew(?!\s+up)|grown(?![\s-]+ups?\b)|spiked"
    r"|soared|climbed|dropped|(?:a|an)\s+(?:rise|increase|drop|jump|fall|decrease|spike)\s+(?:of|in)"
    r"|(?:a|ont|avait|avaient)\s+(?:augmenté|diminué|bondi|grimpé|chuté|baissé)"
    r"|(?:hausse|augmentation|baisse|diminution|croissance)\s+(?:de|des|du|d')"
    r"|(?:est|sont)\s+passée?s?\s+de)")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_ANY_NUMBER = re.compile(rf"{_NUMBER}|{_QUANTITY}", re.IGNORECASE)


# Every statistic holds a digit or one of these words (a number, a quantity, "doubled"): a text
# without any is skipped before the searches, which cost far more than this test.
_FIGURE_WORDS = frozenset(
    form for word in (_WORDS_EN + " " + _WORDS_FR + " dozens? hundreds? thousands? millions? douzaines? "
                      "centaines? milliers? doubled tripled quadrupled doublé triplé quadruplé").split()
    for form in ((word[:-1], word[:-1] + "s") if word.endswith("s?") else (word,)))
_WORD = re.compile(r"[^\W\d_]+")


def _may_state_a_figure(text: str) -> bool:
    return any(char.isdigit() for char in text) or not _FIGURE_WORDS.isdisjoint(_WORD.findall(text.lower()))


def blank_non_statistics(text: str) -> str:
    """``text`` with every number that is no statistic replaced by spaces (same length)."""
    return _NOT_STATISTICS.sub(lambda match: " " * len(match.group(0)), text)


def find_statistic(text: str) -> tuple[int, str, str] | None:
    """The first statistic stated in ``text``: (its offset, what kind it is, its words), or None."""
    if not _may_state_a_figure(text):
        return None
    blank = blank_non_statistics(text)
    found: list[tuple[int, str, str]] = []
    for kind, pattern in _PATTERNS:
        if match := pattern.search(blank):
            found.append((match.start(), kind, text[match.start():match.end()]))
    if found:  # a percentage or a count says more than the trend around it
        return min(found)
    for start, end in _sentences(blank):
        sentence = blank[start:end]
        if (trend := _TREND.search(sentence)) and (number := _ANY_NUMBER.search(sentence)):
            first = start + trend.start()
            # Quote the trend with its number when they are close ("rose by 57"), else the trend alone.
            last = start + (number.end() if 0 <= number.start() - trend.end() <= 30 else trend.end())
            found.append((first, "a trend", text[first:last]))
    return min(found) if found else None


def _sentences(text: str) -> list[tuple[int, int]]:
    starts = [0, *(match.end() for match in _SENTENCE_END.finditer(text))]
    ends = [*(match.start() for match in _SENTENCE_END.finditer(text)), len(text)]
    return list(zip(starts, ends, strict=True))
