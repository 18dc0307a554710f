"""The ``kitpdf`` builder: lesson guides, handouts, family letters and band kits as PDFs."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from docutils import nodes
from reportlab.platypus.doctemplate import LayoutError
from sphinx.builders import Builder
from sphinx.locale import __
from sphinx.util import logging

from lessonkit.pdf import documents
from lessonkit.pdf.documents import Kit
from lessonkit.pdf.fonts import load_fonts
from lessonkit.pdf.links import DOC_URI, LESSON_PARTS, document_pdf, kit_pdf, lesson_pdf
from lessonkit.pdf.translator import PDFTranslator
from lessonkit.sphinxext import labels
from lessonkit.sphinxext.domain import LessonInfo, LessonkitDomain
from lessonkit.sphinxext.reading import is_band_page

logger = logging.getLogger(__name__)

Output = tuple[str, Callable[[], bytes]]  # path under outdir, and how to make its bytes


class KitPDFBuilder(Builder):
    """One PDF per document; for a curriculum, three per lesson and a kit per band."""

    name = "kitpdf"
    format = "pdf"
    epilog = __("The PDF files are in %(outdir)s.")
    out_suffix = ".pdf"
    allow_parallel = True
    default_translator_class = PDFTranslator
    supported_image_types = ["image/png", "image/jpeg", "image/gif"]  # noqa: RUF012 - Sphinx API

    def init(self) -> None:
        self.fonts = load_fonts()

    def get_outdated_docs(self) -> str:
        # A kit holds every lesson of its band, and every lesson holds the help resources of a
        # page: rather than track that, write everything (a curriculum builds in seconds).
        return str(__("all PDFs"))  # a str, not a lazy proxy: Sphinx tests isinstance(str)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return DOC_URI + docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def prepare_writing(self, docnames: set[str]) -> None:
        settings = labels.settings_of(self.config)
        logo = None
        if settings.board_logo:
            logo = (self.confdir / settings.board_logo).resolve()
            if not logo.is_file():
                logger.warning("lessonkit_board_logo: no file %s; the letters have no logo",
                               settings.board_logo, type="lessonkit", subtype="pdf")
                logo = None
        self.kit = Kit(settings=settings, fonts=self.fonts, language=self.config.language or "en",
                       project=self.config.project, author=self.config.author,
                       srcdir=Path(self.srcdir), logo=logo)

    @property
    def domain(self) -> LessonkitDomain:
        domain = self.env.domains["lessonkit"]
        assert isinstance(domain, LessonkitDomain)
        return domain

    def outputs(self, docname: str, doctree: nodes.document) -> list[Output]:
        """The PDFs written for ``docname``."""
        kit, lessons = self.kit, self.domain.lessons
        if not lessons:  # not a curriculum: one PDF per document
            return [(document_pdf(docname), lambda: documents.page_pdf(self, kit, docname, doctree))]
        info = lessons.get(docname)
        if info is not None:
            return [(lesson_pdf(info.band, info.id, part),
                     lambda part=part: documents.lesson_pdf(self, kit, info, doctree, part))
                    for part in LESSON_PARTS]
        band = PurePosixPath(docname).parent.name
        if is_band_page(docname) and band in kit.settings.bands and self.domain.band_lessons(band):
            return [(kit_pdf(band), lambda: documents.band_kit(self, kit, band, docname, doctree,
                                                               self.band_doctrees(band)))]
        return []

    def band_doctrees(self, band: str) -> list[tuple[LessonInfo, nodes.document]]:
        found = []
        for info in self.domain.band_lessons(band):
            # Each lesson was (or will be) written on its own, with its messages: say them once.
            with logging.suppress_logging():
                found.append((info, self.env.get_and_resolve_doctree(info.docname, self, tags=self.tags)))
        return found

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        for relative, make in self.outputs(docname, doctree):
            try:
                data = make()
            except LayoutError as err:
                logger.warning("%s could not be laid out (%s); a table, image or code block is "
                               "probably taller than a page: split it", relative,
                               str(err).splitlines()[0], location=docname, type="lessonkit", subtype="pdf")
                continue
            self.save(relative, data, docname)

    def save(self, relative: str, data: bytes, docname: str) -> None:
        """Write atomically: a failed build never leaves half a PDF in place of a good one."""
        target = Path(self.outdir, relative)
        partial = target.with_name(f".{target.name}.partial")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(data)
            os.replace(partial, target)
        except OSError as err:
            logger.warning("cannot write %s: %s", target, err, location=docname,
                           type="lessonkit", subtype="pdf")
