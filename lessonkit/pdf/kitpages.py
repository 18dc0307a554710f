"""The kit's own page number on each page it binds: "Kit page 65 of 98", in the bottom margin.

Each bound part keeps its footer ("Page 1 of 2" of a handout, which also prints on its own); the
contents page and the band's introduction count the kit's pages straight through. On paper a
teacher needs that number on the page itself: it is drawn below the part's footer, as an
artifact (a page's furniture, not its text), from a stamp that reportlab draws and pikepdf
places on the bound page as a form XObject (the font embedded in it, as PDF/UA asks).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pikepdf
from pikepdf import Name, Pdf
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from lessonkit.pdf.styles import right_to_left
from lessonkit.sphinxext import labels

BASELINE = 32.0  # points above the foot of the page: under the part's footer, inside what printers print


def _stamps(sizes: Sequence[tuple[float, float]], numbers: Sequence[int], total: int, style: ParagraphStyle) -> bytes:
    """One page per stamp, each the size of the page it goes on, holding only its words."""
    output = io.BytesIO()
    canvas = Canvas(output, invariant=True, pageCompression=1, initialFontName=style.fontName,
                    initialFontSize=style.fontSize)
    for (width, height), number in zip(sizes, numbers, strict=True):
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


def number_bound_pages(pdf: Pdf, first: int, body_start: int, style: ParagraphStyle) -> None:
    """Stamp the pages of ``pdf`` from index ``first`` with the kit's page number, counted from
    ``body_start`` (the page numbered 1, as the contents count), out of all the kit's numbered pages."""
    pages = pdf.pages[first:]
    if not pages:
        return
    total = len(pdf.pages) - body_start
    sizes = [(float(page.mediabox[2] - page.mediabox[0]), float(page.mediabox[3] - page.mediabox[1]))
             for page in pages]
    numbers = [first + offset - body_start + 1 for offset in range(len(pages))]
    with Pdf.open(io.BytesIO(_stamps(sizes, numbers, total, style))) as stamps:
        for page, stamp in zip(pages, stamps.pages, strict=True):
            form = pdf.copy_foreign(stamp.as_form_xobject())
            name = page.add_resource(form, Name.XObject, Name.LkKitPage)
            # the part's own drawing keeps its graphics state to itself; the stamp is an artifact
            page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
            page.contents_add(pikepdf.Stream(pdf, b"\nQ\n/Artifact BMC q " + str(name).encode() + b" Do Q EMC\n"))
