"""Where the PDFs are written, and the links the HTML pages give to them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath

from lessonkit.project import BAND_PAGE, LESSONS_DIR
from lessonkit.settings import KitSettings

DOC_URI = "lkdoc:"  # how the PDF builder writes links between documents
LESSON_PARTS = ("teacher", "handout", "family")
LARGE_PRINT = "-large-print"  # the large-print edition of a handout or letter: <id>-handout-large-print.pdf
LARGE_PRINT_PARTS = ("handout", "family")
CARDS = "cards"  # the cut-out sheet of a lesson with cards: <id>-cards.pdf
PAGES_DIR = "source"  # pages under source/ are written at the top of the HTML site


def lesson_pdf(band: str, lesson_id: str, part: str) -> str:
    """``<band>/<id>-<part>.pdf``, relative to ``build/pdf/<lang>/``."""
    return f"{band}/{lesson_id}-{part}.pdf"


def lesson_parts(settings: KitSettings, *, cards: bool = False) -> tuple[str, ...]:
    """The PDFs written of a lesson: its three parts, its cut-out cards when it has cards, and the
    large-print editions when asked for."""
    parts = (*LESSON_PARTS, CARDS) if cards else LESSON_PARTS
    if not settings.large_print:
        return parts
    return (*parts, *(part + LARGE_PRINT for part in LARGE_PRINT_PARTS))


def kit_pdf(band: str) -> str:
    return f"{band}-kit.pdf"


def document_pdf(docname: str) -> str:
    return f"{docname}.pdf"


def page_pdf(docname: str) -> str:
    """A curriculum page that has a PDF of its own (the review packet), beside the band kits."""
    return f"{PurePosixPath(docname).name}.pdf"


def _html_depth(docname: str) -> int:
    """Folders between ``build/html/<lang>/`` and the HTML page of ``docname``."""
    prefix = PAGES_DIR + "/"
    page = docname[len(prefix):] if docname.startswith(prefix) else docname
    return page.count("/")


def pdf_links_for(docname: str, language: str, *, lesson_id: str | None = None,
                  bands: Sequence[str] = (), settings: KitSettings | None = None, own_pdf: bool = False,
                  cards: bool = False) -> list[tuple[str, str]]:
    """(label, relative address) of the PDFs to offer on the HTML page of ``docname``.

    A lesson page gets its teacher guide, handout and family letter (``lesson_id`` defaults
    to the file name) and, when it has ``cards``, its cut-out cards; a band page its band kit,
    the home page (``source/index``) the kits of ``bands``, a page with a PDF of its own
    (``own_pdf``: a review packet, a framework's links) that PDF. Addresses work from
    ``file://``: ``build/html/<lang>/…`` to ``build/pdf/<lang>/…``.
    Labels are in the build's language (lessonkit's catalog).
    """
    # Imported here: the extension's HTML module imports this one, and the labels live in the
    # extension's package; at the top, importing this module first would import it half-made.
    from lessonkit.sphinxext import labels

    up = "../" * (_html_depth(docname) + 2) + f"pdf/{language}/"
    parts = PurePosixPath(docname).parts
    if len(parts) == 3 and parts[0] == LESSONS_DIR:
        band, name = parts[1], parts[2]
        if name == PurePosixPath(BAND_PAGE).stem:
            return [(labels.word("Band kit (PDF)"), up + kit_pdf(band))]
        lesson = lesson_id or name
        names = (labels.word("Teacher guide (PDF)"), labels.word("Student handout (PDF)"),
                 labels.word("Family letter (PDF)"))
        links = [(label, up + lesson_pdf(band, lesson, part)) for part, label in zip(LESSON_PARTS, names, strict=True)]
        if cards:
            links.insert(1, (labels.word("Cards to cut out (PDF)"), up + lesson_pdf(band, lesson, CARDS)))
        if settings is not None and settings.large_print:
            large = (labels.word("Student handout, large print (PDF)"), labels.word("Family letter, large print (PDF)"))
            links += [(label, up + lesson_pdf(band, lesson, part + LARGE_PRINT))
                      for part, label in zip(LARGE_PRINT_PARTS, large, strict=True)]
        return links
    if own_pdf:
        return [(labels.word("This page (PDF)"), up + page_pdf(docname))]
    if docname == f"{PAGES_DIR}/index":
        named = [(band, labels.band_label(settings, band) if settings and band in settings.bands else band)
                 for band in bands]
        return [(labels.word("{band} kit (PDF)").format(band=name), up + kit_pdf(band))
                for band, name in named]
    return []
