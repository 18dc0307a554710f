"""The kit's own page number on each page it binds: "Kit page 65 of 98", in the bottom margin.

Each bound part keeps its footer ("Page 1 of 2" of a handout, which also prints on its own); the
contents page and the band's introduction count the kit's pages straight through. On paper a
teacher needs that number on the page itself: it is drawn below the part's footer, as an
artifact (a page's furniture, not its text), from a stamp that reportlab draws here (in the
language's build, which has the fonts) and the binding process places on the bound page as a
form XObject (binding.py; the font embedded in it, as PDF/UA asks).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from lessonkit.pdf.styles import right_to_left
from lessonkit.sphinxext import labels

BASELINE = 32.0  # points above the foot of the page: under the part's footer, inside what printers print


def draw_stamps(sizes: Sequence[tuple[float, float]], first: int, total: int, style: ParagraphStyle) -> bytes:
    """A page per bound page, each the size of the page it goes on, holding only its number: ``first``
    for the first, out of ``total`` (the kit's pages from the one numbered 1)."""
    output = io.BytesIO()
    canvas = Canvas(output, invariant=True, pageCompression=1, initialFontName=style.fontName,
                    initialFontSize=style.fontSize)
    for number, (width, height) in enumerate(sizes, first):
        canvas.setPageSize((width, height))
        # a right-to-left kit shows the figures alone: its words would need shaping and reordering
        words = f"{number} / {total}" if right_to_left(style) else \
            labels.word("Kit page {page} of {pages}").format(page=number, pages=total)
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawCentredString(width / 2, BASELINE, words)
        canvas.showPage()
    canvas.save()
    return output.getvalue()
