"""What lessonkit does to each document once Sphinx has read (and translated) it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.nodes import extract_messages

from lessonkit.blocks import BLOCKS, DISCLOSURE, View
from lessonkit.lesson import LessonError, parse_date, split_front_matter
from lessonkit.project import BAND_PAGE, LESSONS_DIR
from lessonkit.sources import SOURCES_FILE
from lessonkit.sphinxext import citations, labels
from lessonkit.sphinxext import nodes as lk
from lessonkit.sphinxext.domain import LessonInfo, LessonkitDomain
from lessonkit.sphinxext.labels import settings_of

logger = logging.getLogger(__name__)


def is_lesson(docname: str) -> bool:
    parts = PurePosixPath(docname).parts
    return len(parts) == 3 and parts[0] == LESSONS_DIR and parts[2] != PurePosixPath(BAND_PAGE).stem


def is_band_page(docname: str) -> bool:
    parts = PurePosixPath(docname).parts
    return len(parts) == 3 and parts[0] == LESSONS_DIR and parts[2] == PurePosixPath(BAND_PAGE).stem


def read_front_matter(path: Path) -> dict[str, object]:
    """The front matter of a lesson file; empty when it cannot be read (check reports why)."""
    try:
        meta, _, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
    except (LessonError, OSError, UnicodeDecodeError):
        return {}
    return meta


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def lesson_order(meta: dict[str, object]) -> int:
    """A lesson's place in its band's list: its ``order``, or after every numbered lesson."""
    return _int(meta.get("order"), 1000)


def _lesson_info(docname: str, meta: dict[str, object], doctree: nodes.document) -> LessonInfo:
    summary = next((b for b in doctree.findall(lk.lesson_block) if b["kind"] == "summary"), None)
    topics = meta.get("topics")
    reviewed = parse_date(meta.get("reviewed"))
    return LessonInfo(
        docname=docname,
        id=str(meta.get("id", PurePosixPath(docname).name)),
        band=str(meta.get("band", PurePosixPath(docname).parent.name)),
        duration=_int(meta.get("duration"), 0),
        topics=tuple(str(t) for t in topics) if isinstance(topics, list) else (),
        sensitive=meta.get("sensitive") is True,
        reviewed=reviewed.isoformat() if reviewed else "",
        order=lesson_order(meta),
        summary=" ".join(p.astext() for p in summary.findall(nodes.paragraph)) if summary else "",
    )


def _add_generated_blocks(doctree: nodes.document, info: LessonInfo) -> None:
    """Header under the title; disclosure guidance and family notice for sensitive lessons."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    header = lk.lesson_header(band=info.band, duration=info.duration, topics=list(info.topics),
                              sensitive=info.sensitive, lesson_id=info.id)
    section.insert(1, header)
    if not info.sensitive:
        return
    blocks = list(section.findall(lk.lesson_block))
    note = next((b for b in blocks if b["kind"] == "teacher-note"), None)
    disclosure = lk.lesson_block(kind=DISCLOSURE.name)
    disclosure += lk.kit_text_ref(name="disclosure-guidance")
    if note is not None:
        note.parent.insert(note.parent.index(note) + 1, disclosure)
    else:
        section.insert(2, disclosure)
    for letter in (b for b in blocks if b["kind"] == "family-letter"):
        letter.insert(0, lk.kit_text_ref(name="family-notice"))


UNTRANSLATED = "lk-untranslated"


def _keep_for_students(node: nodes.Node) -> bool:
    if isinstance(node, nodes.title | lk.lesson_header):
        return True
    if isinstance(node, lk.lesson_block):
        kind = BLOCKS.get(node["kind"])
        return kind is not None and View.STUDENT in kind.views
    return False


def _student_edition(doctree: nodes.document) -> None:
    """Remove everything a student must not see: teacher-only blocks and teacher text."""
    for section in list(doctree.findall(nodes.section)):
        if section.parent is doctree:
            for child in list(section.children):
                if not _keep_for_students(child):
                    section.remove(child)
    for block in list(doctree.findall(lk.lesson_block)):
        if not _keep_for_students(block) and block.parent is not None:
            block.parent.remove(block)


def _teacher_page_for_students(doctree: nodes.document) -> None:
    """Keep only the title of a teacher page, with a word on where to find it."""
    for section in list(doctree.findall(nodes.section)):
        if section.parent is doctree:
            for child in list(section.children)[1:]:
                section.remove(child)
            section += nodes.paragraph("", labels.word("This page is part of the teacher edition of the kit."))


def _has_catalog(app: Sphinx, language: str) -> bool:
    name = app.env.docname if not app.config.gettext_compact else app.env.docname.split("/")[0]
    return any(
        (app.srcdir / folder / language / "LC_MESSAGES" / f"{name}{suffix}").is_file()
        for folder in app.config.locale_dirs for suffix in (".po", ".mo")
    )


def _flag_untranslated(app: Sphinx, doctree: nodes.document) -> None:
    """Say on the page when some of it is still in the source language (or refuse, if strict)."""
    settings = settings_of(app.config)
    language = app.config.language or "en"
    if language == settings.languages[0]:
        return
    # Sphinx marks each message it tried to translate; its own tally also counts the front
    # matter (docinfo), which is never translated, so count the other marks instead.
    docinfo = {id(node) for info in doctree.findall(nodes.docinfo) for node in info.findall(nodes.Element)}
    marked = [node["translated"] for node in doctree.findall(nodes.Element)
              if "translated" in node and id(node) not in docinfo]
    progress = {"total": len(marked), "translated": sum(1 for done in marked if done)}
    if not _has_catalog(app, language):
        # Sphinx counts nothing for a document without a catalog: all of it is untranslated.
        progress = {"total": sum(1 for _ in extract_messages(doctree)), "translated": 0}
    missing = progress["total"] - progress["translated"]
    if missing <= 0:
        return
    if settings.strict_translations:
        logger.warning(
            "%d of %d messages are not translated into '%s' (or are fuzzy); run `lessonkit i18n update`, "
            "translate them and clear their fuzzy flags", missing, progress["total"], app.config.language,
            location=app.env.docname, type="lessonkit", subtype="translation",
        )
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    notice = nodes.note("", nodes.paragraph("", labels.word(
        "Part of this page is not translated yet: it appears in the original language.")),
        classes=[UNTRANSLATED])
    at = 2 if len(section) > 1 and isinstance(section[1], lk.lesson_header) else 1
    section.insert(at, notice)


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    domain = app.env.domains["lessonkit"]
    assert isinstance(domain, LessonkitDomain)
    student = settings_of(app.config).audience == "student"
    if student and app.env.metadata.get(docname, {}).get("audience") == "teacher":
        _teacher_page_for_students(doctree)
    for text in doctree.findall(lk.kit_text):
        domain.add_text(text["name"], docname, text.children)
    if any(doctree.findall(lk.review_packet)):
        domain.review_pages[docname] = True
    if not is_lesson(docname):
        citations.collect(domain, docname, doctree)
        _flag_untranslated(app, doctree)
        return
    meta = read_front_matter(app.env.doc2path(docname))
    info = _lesson_info(docname, meta, doctree)
    domain.add_lesson(info)
    _add_generated_blocks(doctree, info)
    if student:
        _student_edition(doctree)
    citations.collect(domain, docname, doctree)
    _flag_untranslated(app, doctree)


def on_env_get_outdated(app: Sphinx, env: object, added: set[str], changed: set[str],
                        removed: set[str]) -> list[str]:
    """Re-read what shows a changed document: every lesson copies the kit texts (help resources,
    disclosure guidance) of the pages under source/, and a band page lists its lessons.

    A band page's list holds its lessons in their order; what it shows of each (title, summary,
    duration) is filled in when the page is written, and a changed lesson's band page is always
    written again (it lists the lesson). So the page is read again only when one of its lessons
    is added, removed or given another place.
    """
    domain = app.env.domains["lessonkit"]
    assert isinstance(domain, LessonkitDomain)
    touched = added | changed | removed
    # The review packet quotes every document; the sources file is read by every citing page.
    review = set(domain.review_pages) if touched else set()
    digest = citations.file_digest(app.srcdir / SOURCES_FILE)
    if digest != domain.data.get("sources_digest"):
        domain.data["sources_digest"] = digest
        review |= set(domain.citations) | set(domain.review_pages)
    review &= app.env.found_docs
    text_pages = {docname for docname, _ in domain.texts.values()}
    if touched & text_pages:
        return sorted({doc for doc in app.env.found_docs if is_lesson(doc) or is_band_page(doc)} | review)
    moved = {doc for doc in changed if is_lesson(doc) and _new_place(domain, app.env.doc2path(doc), doc)}
    bands = {PurePosixPath(d).parent for d in added | removed | moved if is_lesson(d)}
    return sorted({doc for doc in app.env.found_docs if is_band_page(doc) and PurePosixPath(doc).parent in bands}
                  | review)


def _new_place(domain: LessonkitDomain, path: Path, docname: str) -> bool:
    """Whether a changed lesson may have a new place in its band's list (its ``order``)."""
    info = domain.lessons.get(docname)
    return info is None or info.order != lesson_order(read_front_matter(path))
