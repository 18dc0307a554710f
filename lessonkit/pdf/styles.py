"""One stylesheet per document: every paragraph style, derived from ``body`` by inheritance."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1

from lessonkit.cards import SIZES as CARD_SIZES
from lessonkit.pdf.fonts import FontSet

NEUTRAL_ACCENT = "#2f5d7c"  # documents outside any age band
INK = colors.HexColor("#1b1f23")
MUTED = colors.HexColor("#5a6169")
RULE = colors.HexColor("#c9ced4")
SHADE = colors.HexColor("#f3f5f7")
TEACHER = colors.HexColor("#a3650a")
TEACHER_TINT = colors.HexColor("#fff6e0")
ALERT = colors.HexColor("#b3261e")
ALERT_TINT = colors.HexColor("#fdecea")
LINK = colors.HexColor("#1a56a8")


def mix(colour: colors.Color, amount: float, base: colors.Color = colors.white) -> colors.Color:
    """``colour`` at ``amount`` (0..1) over ``base``."""
    return colors.Color(*(amount * c + (1 - amount) * b
                          for c, b in zip(colour.rgb(), base.rgb(), strict=True)))


@dataclass(frozen=True)
class Palette:
    """The colours of one document, from the colour of its age band."""

    accent: colors.Color
    accent_dark: colors.Color
    accent_tint: colors.Color
    ink: colors.Color = INK
    muted: colors.Color = MUTED
    rule: colors.Color = RULE
    shade: colors.Color = SHADE
    teacher: colors.Color = TEACHER
    teacher_tint: colors.Color = TEACHER_TINT
    alert: colors.Color = ALERT
    alert_tint: colors.Color = ALERT_TINT
    link: colors.Color = LINK

    @classmethod
    def for_colour(cls, hex_colour: str) -> Palette:
        accent = colors.HexColor(hex_colour)
        return cls(accent=accent, accent_dark=mix(accent, 0.8, colors.black),
                   accent_tint=mix(accent, 0.12))


@dataclass(frozen=True)
class Styles:
    """A document's stylesheet, with the palette and faces the flowables draw with."""

    sheet: StyleSheet1
    palette: Palette
    fonts: FontSet
    size: float  # body text size in points
    tight: bool = False  # set close, to print on few sheets (handouts): the type keeps its size

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.sheet[name]  # type: ignore[return-value]

    @property
    def line(self) -> float:
        """The height of a line of body text."""
        return self["body"].leading


def right_to_left(style: ParagraphStyle) -> bool:
    """Whether text in ``style`` is set right to left (a style of ``make_styles(right_to_left=True)``)."""
    return bool(getattr(style, "rightToLeft", False))


def make_styles(fonts: FontSet, palette: Palette, size: float = 11, *, tight: bool = False,
                right_to_left: bool = False) -> Styles:
    """Every style of a document whose body text is ``size`` points (``tight``: less space between lines).

    A face of another script is shaped (HarfBuzz, through reportlab); right-to-left text is set
    from the right, each line in visual order (righttoleft.py).
    """
    sheet = StyleSheet1()
    script = fonts.family != FontSet.family
    start, end = (TA_RIGHT, TA_LEFT) if right_to_left else (TA_LEFT, TA_RIGHT)
    # drawn line by line in visual order by Para (righttoleft.py); a word is never split, for the
    # words of each line are counted again to order them
    direction = {"rightToLeft": 1, "splitLongWords": 0} if right_to_left else {"splitLongWords": 1}
    bold, mono = fonts.bold.name, fonts.mono.name

    def add(name: str, parent: str | None = None, **values: object) -> None:
        sheet.add(ParagraphStyle(name, parent=sheet[parent] if parent else None, **values))

    add("body", fontName=fonts.text.name, fontSize=size, leading=round(size * (1.3 if tight else 1.42), 1),
        textColor=palette.ink, spaceAfter=size * (0.4 if tight else 0.6), alignment=start,
        allowWidows=0, allowOrphans=0, bulletFontName=fonts.text.name, bulletFontSize=size,
        linkUnderline=0, shaping=int(script), **direction)
    add("compact", "body", spaceAfter=size * 0.2)
    add("help", "compact", fontSize=max(size * 0.88, 10), leading=max(size * 0.88, 10) * 1.35)
    add("small", "body", fontSize=size * 0.85, leading=size * 1.2, spaceAfter=size * 0.3)
    add("muted", "small", textColor=palette.muted)
    add("caption", "small", fontName=fonts.italic.name, alignment=TA_CENTER, textColor=palette.muted,
        spaceBefore=size * 0.3)
    add("attribution", "body", alignment=end, fontName=fonts.italic.name)
    add("centered", "body", alignment=TA_CENTER, fontName=bold)
    add("heading", "body", fontName=bold, textColor=palette.accent_dark, spaceBefore=size * 0.9,
        spaceAfter=size * 0.45)
    add("title", "heading", fontSize=size * 2, leading=size * 2.4, spaceBefore=0,
        spaceAfter=size * 0.8)
    add("subtitle", "heading", fontSize=size * 1.3, leading=size * 1.7, spaceBefore=0,
        textColor=palette.muted)
    add("h1", "heading", fontSize=size * 1.6, leading=size * 2.0)
    add("h2", "heading", fontSize=size * 1.3, leading=size * 1.7)
    add("h3", "heading", fontSize=size * 1.12, leading=size * 1.5)
    add("h4", "heading", fontSize=size, leading=size * 1.42, textColor=palette.ink)
    add("rubric", "h4", textColor=palette.muted)
    add("block-label", "body", fontName=bold, fontSize=size * 0.78, leading=size * 1.05,
        textColor=palette.accent_dark, spaceAfter=size * 0.15)
    add("block-title", "h3", spaceBefore=0, spaceAfter=0, textColor=palette.ink)
    add("term", "body", fontName=bold, spaceAfter=size * 0.1)
    add("field-name", "body", fontName=bold, spaceAfter=size * 0.2)
    add("cell", "body", fontSize=size * 0.92, leading=size * 1.28, spaceAfter=size * 0.25)
    add("cell-head", "cell", fontName=bold)
    add("code", "body", fontName=mono, fontSize=size * 0.84, leading=size * 1.18, spaceAfter=0)
    add("signature", "code", fontName=fonts.mono_bold.name, spaceAfter=size * 0.3)
    add("math", "code", alignment=TA_CENTER)
    add("label", "body", fontName=bold)
    add("notice", "body", fontName=bold, textColor=palette.teacher)
    # Page furniture, the cover and the contents.
    add("chrome", "body", fontSize=8.5, leading=10.5, textColor=palette.muted, spaceAfter=0)
    add("header-title", "title", textColor=colors.white, spaceAfter=size * 0.35)
    add("header-facts", "body", textColor=colors.white, spaceAfter=0)
    add("cover-kicker", "body", fontName=bold, fontSize=14, leading=18, textColor=colors.white)
    add("cover-title", "title", fontSize=34, leading=40, textColor=colors.white)
    add("cover-facts", "body", fontSize=14, leading=20, textColor=colors.white)
    add("toc-0", "body", fontName=bold, fontSize=size * 1.05, leftIndent=0, firstLineIndent=0,
        spaceBefore=size * 0.5, spaceAfter=size * 0.1)
    add("toc-1", "body", leftIndent=size * 1.6, firstLineIndent=0, spaceAfter=size * 0.1)
    # The cut-out cards: large type whatever the document's size.
    add("card-number", "body", fontName=bold, fontSize=11, leading=13, textColor=palette.accent_dark, spaceAfter=0)
    for name, card in CARD_SIZES.items():
        add(f"card-{name}", "body", fontSize=card.font, leading=round(card.font * 1.28, 1),
            spaceAfter=card.font * 0.45, **({"alignment": TA_CENTER, "fontName": bold} if name == "sign" else {}))
        add(f"card-{name}-picture", f"card-{name}", alignment=TA_CENTER)
    add("letterhead", "body", fontName=bold, fontSize=16, leading=20, textColor=palette.accent_dark)
    return Styles(sheet=sheet, palette=palette, fonts=fonts, size=size, tight=tight)
