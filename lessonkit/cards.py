"""Cards a teacher cuts out (scenario, timeline and sorting cards, corner signs): their options,
their printed order, and what ``lessonkit check`` says about a ``cards`` block.

The printed order is shuffled from the lesson and the block's place in it, never from its
text: the English and French sheets of one lesson put the same card under the same number.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lessonkit.lesson import Block
from lessonkit.problem import Problem

ORDERS = ("shuffled", "as-written")
DEFAULT_ORDER = "shuffled"


@dataclass(frozen=True)
class CardSize:
    """How many cards a cut-out page holds (columns by rows), and the size of their type."""

    columns: int
    rows: int
    font: float  # points
    words: int  # about the most words a card holds at this size, in English (French runs longer)


SIZES = {
    "small": CardSize(2, 4, 15.0, 30),
    "medium": CardSize(2, 3, 19.0, 34),
    "large": CardSize(1, 2, 26.0, 40),
    "sign": CardSize(1, 1, 54.0, 12),
}
DEFAULT_SIZE = "medium"


def printed_order(count: int, order: str, seed: str) -> list[int]:
    """The written position (from 0) of the card printed first, second… on the sheet.

    Shuffled cards are never left in the written order, which is often the answer.
    """
    written = list(range(count))
    if order != "shuffled" or count < 2:
        return written
    mixed = written[:]
    random.Random(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big")).shuffle(mixed)
    if mixed == written:
        mixed = mixed[1:] + mixed[:1]
    return mixed


_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_DEFINITION = re.compile(r"^:\s+(.*)$")
_FENCE = re.compile(r"^(:{3,}|`{3,}|~{3,})")
_WORD = re.compile(r"\w+")
_PICTURE = re.compile(r"!\[[^\]]*\]\([^)]*\)")  # a card's picture: its alt text is not printed on the card


@dataclass(frozen=True)
class WrittenCard:
    """A card as written: its text, its answer (may be empty) and its first line."""

    text: str
    answer: str
    line: int


def written_cards(block: Block) -> tuple[list[WrittenCard], list[int]]:
    """The cards of a ``cards`` block's content, and the lines that are not part of any card."""
    cards: list[WrittenCard] = []
    stray: list[int] = []
    lines = block.content.splitlines()
    current: list[str] | None = None  # text of the card being read
    answer: list[str] | None = None
    start = 0

    def close() -> None:
        nonlocal current, answer
        if current is not None:
            cards.append(WrittenCard(" ".join(current).strip(), " ".join(answer or []).strip(), start))
        current, answer = None, None

    fenced = False
    for offset, raw in enumerate(lines):
        number = block.content_line + offset
        text = raw.strip()
        if _FENCE.match(text):
            fenced = not fenced
            stray.append(number)
            continue
        if fenced:
            continue
        if not text:
            continue
        indented = raw[:1] in (" ", "\t")
        if (bullet := _BULLET.match(raw)) is not None:
            close()
            current, start = [bullet.group(1)], number
        elif (definition := _DEFINITION.match(raw)) is not None and current is not None:
            answer = [definition.group(1)]
        elif indented and current is not None:
            (answer if answer is not None else current).append(text)
        elif not indented and offset + 1 < len(lines) and _next_is_definition(lines, offset + 1):
            close()
            current, start = [text], number  # a term: the card, its definition the answer
        else:
            stray.append(number)
    close()
    return cards, stray


def _next_is_definition(lines: list[str], index: int) -> bool:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index < len(lines) and _DEFINITION.match(lines[index]) is not None


def card_problems(block: Block, shown: str) -> Iterator[Problem]:
    """What is wrong with one ``cards`` block of the lesson ``shown``."""
    if not block.argument:
        yield Problem(shown, block.line, "cards-title",
                      "cards need a title, printed on the cut-out sheet: ':::{cards} Timeline cards'")
    order = block.options.get("order", DEFAULT_ORDER)
    if order not in ORDERS:
        yield Problem(shown, block.option_lines.get("order", block.line), "cards-order",
                      f"':order: {order}' is not an order lessonkit knows; write ':order: shuffled' (mixed the same "
                      "way in every language) or ':order: as-written'")
    size = block.options.get("size", DEFAULT_SIZE)
    if size not in SIZES:
        yield Problem(shown, block.option_lines.get("size", block.line), "cards-size",
                      f"':size: {size}' is not a card size; write one of {', '.join(SIZES)} "
                      f"({', '.join(f'{n}: {s.columns * s.rows} a page' for n, s in SIZES.items())})")
    for option in block.options:
        if option not in ("order", "size", "class"):
            yield Problem(shown, block.option_lines.get(option, block.line), "cards-option",
                          f"cards take the options ':order:' and ':size:', not ':{option}:'")
    cards, stray = written_cards(block)
    for line in stray[:1]:
        yield Problem(shown, line, "cards-content",
                      "a cards block holds only cards: write each card as a list item ('- The card's text'), or "
                      "as a line followed by ': its answer' on the next line (the answer goes to the teacher's "
                      "answer key, never on the card); put instructions in the activity around the block")
    if not cards and not stray:
        yield Problem(shown, block.line, "cards-empty",
                      "the cards block has no cards; write each card as a list item: '- The card's text'")
    limit = SIZES.get(size, SIZES[DEFAULT_SIZE])
    for card in cards:
        words = len(_WORD.findall(_PICTURE.sub("", card.text)))
        if words > limit.words:
            bigger = [name for name, other in SIZES.items() if other.words >= words and name != "sign"]
            advice = f"use ':size: {bigger[0]}' or shorten it" if bigger else "shorten it"
            yield Problem(shown, card.line, "cards-too-long",
                          f"this card has {words} words, more than a '{size}' card holds in large type "
                          f"(about {limit.words}); {advice}, or its type is made smaller to fit",
                          severity="warning")
