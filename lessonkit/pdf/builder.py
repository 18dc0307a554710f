"""The ``kitpdf`` builder: lesson guides, handouts, family letters and band kits as PDFs."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Set
from concurrent.futures import Future
from functools import cached_property
from pathlib import Path, PurePosixPath

import pikepdf
import reportlab
import sphinx
from docutils import nodes
from reportlab.platypus.doctemplate import LayoutError
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.build_phase import BuildPhase
from sphinx.util.display import status_iterator
from sphinx.util.parallel import ParallelTasks, make_chunks

import lessonkit
from lessonkit.files import PACKAGE, fingerprint, load_cache, store_cache, write_atomically
from lessonkit.pdf import documents, kits
from lessonkit.pdf.binding import Binder, BinderStopped, KitBinding, MissingPart
from lessonkit.pdf.documents import Kit
from lessonkit.pdf.fonts import load_fonts
from lessonkit.pdf.links import DOC_URI, LARGE_PRINT, document_pdf, kit_pdf, lesson_parts, lesson_pdf, page_pdf
from lessonkit.pdf.scripts import MissingFont, script_font
from lessonkit.pdf.translator import PDFTranslator
from lessonkit.settings import FAMILY, KitSettings
from lessonkit.sphinxext import labels
from lessonkit.sphinxext.domain import LessonInfo, LessonkitDomain
from lessonkit.sphinxext.reading import is_band_page

logger = logging.getLogger(__name__)


class KitPDFBuilder(Builder):
    """One PDF per document; for a curriculum, three per lesson and a kit per band."""

    name = "kitpdf"
    format = "pdf"
    epilog = __("The PDF files are in %(outdir)s.")
    out_suffix = ".pdf"
    allow_parallel = True
    default_translator_class = PDFTranslator
    supported_image_types = ["image/png", "image/jpeg", "image/gif"]  # noqa: RUF012 - Sphinx API

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        super().__init__(app, env)
        self.jobs = app.parallel  # processes that -j allows
        self.verbosity = app.verbosity  # Sphinx 9 also has config.verbosity; Sphinx 8 has only this

    def init(self) -> None:
        settings = labels.settings_of(self.config)
        # A family language's edition: the lessons' family letters only (its pages are HTML).
        self.family_only = settings.scope(self.config.language or "en") == FAMILY
        try:
            script = script_font(self.config.language or "en", settings.fonts, Path(self.confdir))
        except MissingFont as missing:  # lessonkit check says so first; a build never draws empty boxes
            raise SphinxError(str(missing)) from None
        self.fonts = load_fonts(script.path if script else None)
        self.right_to_left = script is not None and script.right_to_left
        self.written_bands: dict[str, nodes.document | None] = {}  # band -> its page's doctree, if written
        self.kit_pages_written = False  # a page every kit binds was written: every kit is bound again

    def get_outdated_docs(self) -> Iterator[str]:
        """Documents whose PDFs are missing, or older than their source or than the last reading of it.

        The HTML run of the same environment reads first: what it read again (a changed translation,
        a page whose kit texts changed) is newer than its PDFs.
        """
        if self.recorded_code_fingerprint() != self.code_fingerprint:
            yield from self.env.found_docs  # new output, or PDFs of another version of lessonkit
            return
        # The review packet depends on every document (the HTML run of the same environment may
        # have read them again already); sources.yaml and frameworks/: see reading.on_env_updated.
        last_read = max(self.env.all_docs.values(), default=0) / 1_000_000
        for docname in self.env.found_docs:
            if docname not in self.env.all_docs:
                yield docname
                continue
            targets = [Path(self.outdir, target) for target in self.targets(docname)]
            if not targets:
                continue
            try:
                written = min(target.stat().st_mtime for target in targets)
                newest = max(Path(self.env.doc2path(docname)).stat().st_mtime,
                             self.env.all_docs[docname] / 1_000_000)
            except OSError:
                yield docname
                continue
            if self.domain.pdf_pages.get(docname):
                newest = max(newest, last_read)
            if newest > written:
                yield docname

    @cached_property
    def code_fingerprint(self) -> str:
        """What the output folder records of the code that wrote it (PDFs depend on more than sources)."""
        code = [path for path in sorted(PACKAGE.rglob("*"))
                if path.suffix in (".py", ".mo") and "__pycache__" not in path.parts]
        inputs = fingerprint(f"{reportlab.Version}|{pikepdf.__version__}|{pikepdf.__libqpdf_version__}|"
                             f"{labels.settings_of(self.config).large_print}", {PACKAGE: code})
        return f"lessonkit {lessonkit.__version__} {inputs}\n"

    @property
    def code_record_path(self) -> Path:
        return Path(self.outdir, ".lessonkit-pdf")

    @property
    def qr_cache_path(self) -> Path:
        return Path(self.doctreedir, "qr-codes.pickle")

    def recorded_code_fingerprint(self) -> str:
        try:
            return self.code_record_path.read_text(encoding="utf-8")
        except OSError:
            return ""

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
        # QR codes are encoded in pure Python, slowly, and the same few addresses recur in every
        # lesson: keep them for the next build (valid for the code that made this output).
        qr_codes = load_cache(self.qr_cache_path, self.code_fingerprint) or {}
        self.qr_known = len(qr_codes)
        self.kit = Kit(settings=settings, fonts=self.fonts, language=self.config.language or "en",
                       project=self.config.project, author=self.config.author,
                       srcdir=Path(self.srcdir), logo=logo, qr_cache=qr_codes)

    @property
    def domain(self) -> LessonkitDomain:
        domain = self.env.domains["lessonkit"]
        assert isinstance(domain, LessonkitDomain)
        return domain

    def band_of_page(self, docname: str) -> str | None:
        """The band whose kit ``docname`` introduces, when it is a band page with lessons."""
        band = PurePosixPath(docname).parent.name
        if is_band_page(docname) and band in labels.settings_of(self.config).bands and \
                self.domain.band_lessons(band):
            return band
        return None

    def targets(self, docname: str) -> list[str]:
        """The PDFs made from ``docname``, relative to the output folder."""
        lessons = self.domain.lessons
        if not lessons:  # not a curriculum: one PDF per document
            return [document_pdf(docname)]
        info = lessons.get(docname)
        if info is not None:
            return [lesson_pdf(info.band, info.id, part) for part in self.lesson_parts(info)]
        if self.family_only:
            return []
        if docname in self.domain.pdf_pages:
            return [page_pdf(docname)]
        band = self.band_of_page(docname)
        return [kit_pdf(band)] if band else []

    def lesson_parts(self, info: LessonInfo) -> tuple[str, ...]:
        """The PDFs written of a lesson: in a family language, its family letters only."""
        parts = lesson_parts(labels.settings_of(self.config), cards=info.cards)
        return tuple(part for part in parts if part.startswith("family")) if self.family_only else parts

    def resolved_doctree(self, docname: str) -> nodes.document:
        """``docname``'s doctree, resolved: Sphinx 9 asks for the builder's tags, Sphinx 8 takes no tags."""
        if sphinx.version_info >= (9,):
            return self.env.get_and_resolve_doctree(docname, self, tags=self.tags)
        return self.env.get_and_resolve_doctree(docname, self)

    def write_doc_serialized(self, docname: str, doctree: nodes.document) -> None:
        # In the main process, even with -j: remember the kits to bind once their lessons are written.
        info = self.domain.lessons.get(docname)
        if info is not None:
            self.written_bands.setdefault(info.band, None)
        if docname in self.kit.settings.kit_pages:
            self.kit_pages_written = True  # every band kit binds it
        band = self.band_of_page(docname)
        if band is not None:
            self.written_bands[band] = doctree

    def write_documents(self, docnames: Set[str]) -> None:
        """With -j N, lay out PDFs in N processes while this one loads their doctrees.

        Sphinx keeps one of the N for loading doctrees, which costs little beside a PDF's layout:
        on two cores its writing would be serial.
        """
        if not self.parallel_ok or len(docnames) < 2:
            super().write_documents(docnames)
            return
        tasks = ParallelTasks(self.jobs)
        chunks = make_chunks(sorted(docnames), self.jobs)
        progress = status_iterator(chunks, __("writing output... "), "darkgreen", len(chunks),
                                   self.verbosity)
        for chunk in chunks:
            self.phase = BuildPhase.RESOLVING
            job = []
            for docname in chunk:
                doctree = self.resolved_doctree(docname)
                self.write_doc_serialized(docname, doctree)
                job.append((docname, doctree))
            tasks.add_task(self.write_chunk, job, lambda _job, _result: next(progress))
        tasks.join()
        logger.info("")

    def write_chunk(self, job: list[tuple[str, nodes.document]]) -> None:
        """Write some documents (in a process of their own)."""
        self.phase = BuildPhase.WRITING
        for docname, doctree in job:
            self.write_doc(docname, doctree)

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        kit, lessons = self.kit, self.domain.lessons
        if not lessons:
            self.write_pdf(document_pdf(docname), docname, lambda: documents.page_pdf(self, kit, docname, doctree))
            return
        if docname in self.domain.pdf_pages and not self.family_only:
            self.write_pdf(page_pdf(docname), docname, lambda: documents.page_pdf(self, kit, docname, doctree))
            return
        info = lessons.get(docname)
        if info is None:
            return  # a band page makes its band's kit, in finish(); other pages make no PDF
        # The teacher guide last: it may then rearrange the doctree instead of copying it, and it
        # says how many pages of the other parts to print.
        parts = sorted(self.lesson_parts(info), key=lambda part: part == "teacher")
        printed: dict[str, int] = {}
        for part in parts:
            data = self.write_pdf(lesson_pdf(info.band, info.id, part), docname,
                                  lambda part=part: documents.lesson_pdf(self, kit, info, doctree, part,
                                                                         last=part == parts[-1], printed=printed))
            if data is not None:
                with pikepdf.open(io.BytesIO(data)) as pdf:
                    printed[part] = len(pdf.pages)

    def write_pdf(self, relative: str, docname: str, make: Callable[[], bytes]) -> bytes | None:
        try:
            data = make()
        except LayoutError as err:
            logger.warning("%s could not be laid out (%s); a table, image or code block is "
                           "probably taller than a page: split it", relative,
                           str(err).splitlines()[0], location=docname, type="lessonkit", subtype="pdf")
            return None
        self.save(relative, data, docname)
        return data

    def finish(self) -> None:
        """Bind the kits of the bands whose page or lessons were written, or whose kit is missing."""
        if self.domain.lessons and not self.family_only:
            pages = {band: docname for docname in sorted(self.env.found_docs)
                     if (band := self.band_of_page(docname)) is not None}
            todo = [(band, docname) for band, docname in pages.items()
                    if band in self.written_bands or self.kit_pages_written
                    or not Path(self.outdir, kit_pdf(band)).is_file()]
            # Each kit's front is laid out here, one after the other, while the kits laid out
            # already are bound, in processes of their own (binding.py).
            with Binder(min(len(todo), self.jobs) if self.parallel_ok else 1) as binder:
                bound = []
                for band, docname in status_iterator(todo, __("binding band kits... "), "darkgreen", len(todo),
                                                     self.verbosity, stringify_func=lambda item: item[0]):
                    doctree = self.written_bands.get(band) or self.resolved_doctree(docname)
                    if (job := self.kit_binding(band, docname, doctree)) is not None:
                        bound.append((band, docname, binder.submit(job, Path(self.outdir, kit_pdf(band)))))
                for band, docname, done in bound:
                    self.kit_bound(band, docname, done)
        if not self.kit.settings.large_print:  # asked for no longer: the editions of an earlier build go
            for stale in Path(self.outdir).glob(f"*/*{LARGE_PRINT}.pdf"):
                stale.unlink(missing_ok=True)
        self.save(self.code_record_path.name, self.code_fingerprint.encode(), None)
        if len(self.kit.qr_cache) != self.qr_known:
            store_cache(self.qr_cache_path, self.code_fingerprint, self.kit.qr_cache)

    def kit_pages(self) -> list[str]:
        """The pages of ``lessonkit_kit_pages`` that the project has.

        A board may have removed a default page (a kit then goes without it); a page it named
        itself and that is missing is a typing mistake, and said so.
        """
        defaults = KitSettings.defaults()["kit_pages"]
        for docname in self.kit.settings.kit_pages:
            if docname not in self.env.found_docs and docname not in defaults:
                logger.warning("lessonkit_kit_pages names '%s', which is no page of this project (a path "
                               "from the project's folder, without .md, such as 'source/disclosure'); the "
                               "band kits leave it out", docname, type="lessonkit", subtype="pdf", once=True)
        # a page for teachers has no PDF in the student edition: its kits go without it
        return [docname for docname in self.kit.settings.kit_pages if docname in self.domain.pdf_pages]

    def kit_binding(self, band: str, docname: str, doctree: nodes.document) -> KitBinding | None:
        """What binds ``band``'s kit (its front laid out); None, said why, when it cannot be bound."""
        try:
            return kits.band_kit(self, self.kit, band, docname, doctree, self.domain.band_lessons(band),
                                 self.kit_pages(), Path(self.outdir))
        except MissingPart as err:
            self.kit_missing_part(band, docname, err)
        except LayoutError as err:
            logger.warning("%s could not be laid out (%s): the band page is probably too long for a page",
                           kit_pdf(band), str(err).splitlines()[0], location=docname,
                           type="lessonkit", subtype="pdf")
        return None

    def kit_bound(self, band: str, docname: str, done: Future[None]) -> None:
        """Wait for ``band``'s kit to be bound and written; say why when it is not."""
        try:
            done.result()
        except MissingPart as err:
            self.kit_missing_part(band, docname, err)
        except BinderStopped as err:  # killed from outside (out of memory): the last good kit stays
            logger.warning("%s is not written: the process binding it stopped unexpectedly (%s)", kit_pdf(band),
                           err, location=docname, type="lessonkit", subtype="pdf")
        except OSError as err:
            logger.warning("cannot write %s: %s", Path(self.outdir, kit_pdf(band)), err, location=docname,
                           type="lessonkit", subtype="pdf")

    def kit_missing_part(self, band: str, docname: str, err: MissingPart) -> None:
        logger.warning("%s is not written: a lesson's PDF is missing (%s)", kit_pdf(band), err,
                       location=docname, type="lessonkit", subtype="pdf")

    def save(self, relative: str, data: bytes, docname: str | None) -> None:
        """Write atomically: a failed build never leaves half a PDF in place of a good one.

        Always a new file, never an existing one rewritten: ``lessonkit build`` starts the output
        from hard links to the previous one, which must stay as it was.
        """
        target = Path(self.outdir, relative)
        try:
            write_atomically(target, data)
        except OSError as err:
            logger.warning("cannot write %s: %s", target, err, location=docname,
                           type="lessonkit", subtype="pdf")
