"""Where printed lines may break: never between a quotation mark and its words; in a long
address, after a slash or a dot.

platypus breaks lines at spaces only, and cuts a word wider than the line anywhere, with no
mark. So the space inside « » (and ‹ ›, “ ”) becomes a no-break space, and a displayed
address carries break opportunities (BREAK, never drawn) that ``address_lines`` turns into
line breaks when, and only when, the address is wider than the line. Link targets are left
alone: only the text a reader sees is marked.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import unescape

from reportlab.pdfbase.pdfmetrics import stringWidth

BREAK = "\u200b"  # a break opportunity in an address; removed before the text is drawn
OPENING = "«‹“"
CLOSING = "»›”"
_AFTER_OPENING = re.compile(f"([{OPENING}])[ \u00a0\u202f]+")
_BEFORE_CLOSING = re.compile(f"[ \u00a0\u202f]+([{CLOSING}])")
_ADDRESS = re.compile(r"(?:https?://|ftp://|mailto:|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_FIRST_BREAKS = re.compile(r"([/.@]+)(?=[^/.@])")  # after a slash (or //), a dot or the @
_SECOND_BREAKS = re.compile(r"([-_?&=]+)(?=[^-_?&=])")  # within a part still too long
_MARKED = re.compile(f"[^\\s<>]*{BREAK}[^\\s<>]*")


def keep_quotes(text: str) -> str:
    """``text`` with no-break spaces between quotation marks and their words."""
    return _BEFORE_CLOSING.sub("\u00a0\\1", _AFTER_OPENING.sub("\\1\u00a0", text))


def mark_addresses(text: str) -> str:
    """``text`` with break opportunities in the addresses it shows (web and email)."""
    return _ADDRESS.sub(lambda match: _mark(match.group(0)), text)


def _mark(address: str) -> str:
    end = re.search(r"[.,;:!?)]+$", address)  # the sentence's punctuation after it stays with it
    body, tail = (address[:end.start()], end.group(0)) if end else (address, "")
    parts = _FIRST_BREAKS.sub(f"\\1{BREAK}", body).split(BREAK)
    return BREAK.join(parts) + tail


def address_lines(markup: str, width: float, font: str, size: float) -> str:
    """``markup`` with each marked address wider than ``width`` broken into lines at its marks."""
    def lines(match: re.Match[str]) -> str:
        address = match.group(0)
        if _width(address.replace(BREAK, ""), font, size) <= width:
            return address.replace(BREAK, "")
        pieces: list[str] = []
        for part in address.split(BREAK):
            if _width(part, font, size) > width:  # a part too long alone: break it at - _ ? & =
                pieces += _SECOND_BREAKS.sub(f"\\1{BREAK}", part).split(BREAK)
            else:
                pieces.append(part)
        rows, row = [], ""
        for piece in pieces:
            if row and _width(row + piece, font, size) > width:
                rows.append(row)
                row = piece
            else:
                row += piece
        return "<br/>".join([*rows, row])

    return _MARKED.sub(lines, markup)


def _width(markup: str, font: str, size: float) -> float:
    return stringWidth(unescape(markup), font, size)
