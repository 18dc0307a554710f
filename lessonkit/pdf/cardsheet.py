"""The cut-out sheet of a lesson's cards: a grid of cards a page, dashed cut lines, large type.

The cut lines are drawn outside every structure element, so they are artifacts; each card is a
list item whose label is its number, as on the lesson page. A card's picture (a Figure with
its alt text) takes most of the card, above its words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from reportlab.platypus import Flowable, PageBreak

from lessonkit.cards import DEFAULT_SIZE, SIZES, CardSize
from lessonkit.pdf.flowables import ScaledImage, VectorPicture, para
from lessonkit.pdf.styles import MUTED
from lessonkit.sphinxext import labels
from lessonkit.sphinxext import nodes as lk

if TYPE_CHECKING:
    from lessonkit.pdf.translator import PDFTranslator

PADDING = 14.0  # inside a card, from the cut line
PICTURE_SHARE = 0.3  # of a card's height, the least its pictures take when it has many words
PICTURE_GAP = 8.0  # between a card's picture and its words


@dataclass
class Card:
    """One card as drawn: its number and its content (flowables tagged as the card's elements)."""

    number: Flowable
    content: list[Flowable]


class CardSheet(Flowable):
    """One page of cards: the rest of the frame, divided into ``size.columns`` by ``size.rows``."""

    def __init__(self, cards: list[Card], size: CardSize) -> None:
        super().__init__()
        self.cards = cards
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, available_height
        return available_width, available_height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []  # a sheet takes whatever the page has left, and never splits

    def draw(self) -> None:
        canvas, size = self.canv, self.size
        width, height = self.width / size.columns, self.height / size.rows
        canvas.saveState()
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.8)
        canvas.setDash(6, 4)
        for index in range(len(self.cards)):  # around each card: a short last page leaves no empty frames
            column, row = index % size.columns, index // size.columns
            canvas.rect(column * width, self.height - (row + 1) * height, width, height, stroke=1, fill=0)
        canvas.restoreState()
        # One picture size for the whole page, the one the wordiest card leaves: pictures of one size
        inner = width - 2 * PADDING
        rooms = [height - 2 * PADDING - card.number.wrap(inner, height)[1] for card in self.cards]
        picture_height = min((_picture_height(card, inner, room) for card, room in zip(self.cards, rooms, strict=True)
                              if _pictures(card)), default=0.0)
        for index, card in enumerate(self.cards):
            column, row = index % size.columns, index // size.columns
            self.draw_card(card, column * width, self.height - row * height, width, height, picture_height)

    def draw_card(self, card: Card, left: float, top: float, width: float, height: float,
                  picture_height: float) -> None:
        canvas = self.canv
        inner = width - 2 * PADDING
        _, number_height = card.number.wrap(inner, height)
        card.number.drawOn(canvas, left + PADDING, top - PADDING - number_height)
        room = height - 2 * PADDING - number_height
        for picture in _pictures(card):
            picture.fit(inner, picture_height)
        scale, stack = _fit(card.content, inner, room)
        canvas.saveState()
        # centred in the space under the number
        y = top - PADDING - number_height - (room - stack * scale) / 2
        canvas.translate(left + PADDING, y)
        canvas.scale(scale, scale)
        offset = 0.0
        for number, flowable in enumerate(card.content):
            width, used = flowable.wrap(inner / scale, stack)
            offset += used
            flowable.drawOn(canvas, 0, -offset, inner / scale - width)  # centred if its hAlign says so
            if number < len(card.content) - 1:
                offset += flowable.getSpaceAfter()
        canvas.restoreState()


def _pictures(card: Card) -> list[ScaledImage | VectorPicture]:
    return [flowable for flowable in card.content if isinstance(flowable, ScaledImage | VectorPicture)]


def _picture_height(card: Card, inner: float, room: float) -> float:
    """How high each picture of ``card`` can be: what its words leave, and at least its share of the card."""
    pictures = _pictures(card)
    words = [flowable for flowable in card.content if flowable not in pictures]
    free = room - _measure(words, inner) - PICTURE_GAP if words else room
    return max(free, room * PICTURE_SHARE) / max(len(pictures), 1)


def _fit(content: list[Flowable], width: float, room: float) -> tuple[float, float]:
    """The largest scale (at most 1) at which ``content`` fits ``room``, and its height unscaled."""
    stack = _measure(content, width)
    if stack <= room:
        return 1.0, stack
    low, high = 0.3, 1.0  # too long for its card: set smaller rather than cut off
    for _ in range(12):
        middle = (low + high) / 2
        if _measure(content, width / middle) * middle <= room:
            low = middle
        else:
            high = middle
    return low, _measure(content, width / low)


def _measure(content: list[Flowable], width: float) -> float:
    heights = [flowable.wrap(width, 10_000)[1] for flowable in content]
    gaps = [flowable.getSpaceAfter() for flowable in content[:-1]]
    return sum(heights) + sum(gaps)


class CardElements:
    """Cards in every PDF: a list in the teacher guide, the cut-out sheet in their own PDF."""

    def visit_cards(self: PDFTranslator, node: lk.lesson_block) -> None:
        """A ``cards`` block on its sheet: its title, then pages of cards (never in a box)."""
        size = SIZES.get(node.get("size", DEFAULT_SIZE), SIZES[DEFAULT_SIZE])
        title = next((child for child in node.children if isinstance(child, lk.block_title)), None)
        label = labels.block_label("cards")
        plain = title.astext() if title is not None else label
        if self.cards_drawn:
            self.add(PageBreak())
        self.cards_drawn += 1
        self.open_element("Sect", title=f"{label} — {plain}")
        self.add(self.outline_entry(plain, 1))
        self.add(self.para(self.inline_markup(title) if title is not None else self.escape(label),
                           self.styles["h2"], "H2"))
        listing = next(node.findall(nodes.enumerated_list), None)
        items = list(listing.children) if listing is not None else []
        self.open_element("L", attributes={"O": "List", "ListNumbering": "Decimal"})
        drawn = []
        for number, item in enumerate(items, 1):
            self.open_element("LI")
            number_para = para(self.escape(str(number)), self.styles["card-number"], self.element("Lbl"))
            self.open_element("LBody")
            pictured = next(item.findall(nodes.image), None) is not None  # words centred under a picture
            content = self.render_children(item, f"card-{node.get('size', DEFAULT_SIZE)}"
                                                 f"{'-picture' if pictured else ''}")
            self.close_element()
            self.close_element()
            drawn.append(Card(number_para, content))
        self.close_element()
        per_page = size.columns * size.rows
        for start in range(0, len(drawn), per_page):
            if start:
                self.add(PageBreak())
            self.add(CardSheet(drawn[start:start + per_page], size))
        self.close_element()
        raise nodes.SkipNode

    def cards_header(self: PDFTranslator, title: str, kicker: str) -> None:
        """The top of the sheet: the lesson's title, and how to use the cards."""
        self.add(self.para(kicker, self.styles["block-label"]))
        self.add(self.para(title, self.styles["h1"], "H1"))
        notice = labels.word("Cut along the dashed lines. The answers are in the teacher guide, never on the cards.")
        self.add(self.para(self.escape(notice), self.styles["muted"]))
