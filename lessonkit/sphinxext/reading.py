"""What lessonkit does to each document once Sphinx has read (and translated) it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import polib
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.nodes import extract_messages

from lessonkit.blocks import (
    BLOCKS,
    CURRICULUM_LINKS,
    DISCLOSURE,
    FAMILY_HELP,
    TEACHER_ONLY_CLASS,
    View,
    is_teacher_only,
)
from lessonkit.checks.catalogs import is_unreviewed
from lessonkit.files import fingerprint
from lessonkit.frameworks import frameworks_digest
from lessonkit.lesson import lesson_order, parse_date
from lessonkit.project import BAND_PAGE, LESSONS_DIR
from lessonkit.reviews import REVIEWER
from lessonkit.settings import FAMILY
from lessonkit.sources import SOURCES_FILE
from lessonkit.sphinxext import citations, footnotes, helplists, labels, tasklists
from lessonkit.sphinxext import nodes as lk
from lessonkit.sphinxext.domain import LessonInfo, LessonkitDomain
from lessonkit.sphinxext.labels import settings_of
from lessonkit.sphinxext.teachertext import is_teacher_text, remove_teacher_text

logger = logging.getLogger(__name__)


def is_lesson(docname: str) -> bool:
    parts = PurePosixPath(docname).parts
    return len(parts) == 3 and parts[0] == LESSONS_DIR and parts[2] != PurePosixPath(BAND_PAGE).stem


def is_band_page(docname: str) -> bool:
    parts = PurePosixPath(docname).parts
    return len(parts) == 3 and parts[0] == LESSONS_DIR and parts[2] == PurePosixPath(BAND_PAGE).stem


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _lesson_info(docname: str, meta: dict[str, object], doctree: nodes.document) -> LessonInfo:
    summary = next((b for b in doctree.findall(lk.lesson_block) if b["kind"] == "summary"), None)
    topics = meta.get("topics")
    outcomes = meta.get("outcomes")
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
        outcomes=tuple(str(code) for code in outcomes) if isinstance(outcomes, list) else (),
        reviewed_by=str(meta.get(REVIEWER) or "").strip(),
        cards=any(block["kind"] == "cards" for block in doctree.findall(lk.lesson_block)),
    )


def _add_generated_blocks(doctree: nodes.document, info: LessonInfo) -> None:
    """Header under the title; disclosure guidance and family notice for sensitive lessons."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    header = lk.lesson_header(band=info.band, duration=info.duration, topics=list(info.topics),
                              sensitive=info.sensitive, lesson_id=info.id, reviewed=info.reviewed,
                              reviewed_by=info.reviewed_by)
    section.insert(1, header)
    _add_classroom_blocks(section, info)
    _add_exit_ticket_lines(section)
    _add_letter_parts(section)
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


def _add_letter_parts(section: nodes.section) -> None:
    """The end of every family letter: room for the teacher's name, the school, the date and a signature,
    then, after the letter, where parents and guardians get help (``family-help`` of get-help.md)."""
    for letter in [b for b in section.findall(lk.lesson_block) if b["kind"] == "family-letter"]:
        letter += lk.letter_signoff()
        help_block = lk.lesson_block(kind=FAMILY_HELP.name)
        help_block += lk.kit_text_ref(name=FAMILY_HELP.name)
        letter.parent.insert(letter.parent.index(letter) + 1, help_block)


EXIT_TICKET_LINES = 2  # lines to write under each question of an exit ticket that gives none
ORAL = "oral"  # the class of an exit ticket done aloud or with gestures: no lines


def _add_exit_ticket_lines(section: nodes.section) -> None:
    """An exit ticket is written on: its questions get lines when the writer gave none."""
    for ticket in (b for b in section.findall(lk.lesson_block) if b["kind"] == "exit-ticket"):
        if ORAL in ticket["classes"] or next(ticket.findall(lk.answer_lines), None) is not None:
            continue
        lists = [child for child in ticket.children if isinstance(child, nodes.enumerated_list | nodes.bullet_list)]
        for listing in lists:
            for item in listing.children:
                item += lk.answer_lines(lines=EXIT_TICKET_LINES)
        if not lists:
            ticket += lk.answer_lines(lines=2 * EXIT_TICKET_LINES)


# Blocks that take class time: the band's check comes before the first and after the last.
TIMED = ("activity", "video", "discussion", "handout", "exit-ticket")


def _add_classroom_blocks(section: nodes.section, info: LessonInfo) -> None:
    """Curriculum links after the objectives; places for the band's before / after check.

    What they hold depends on the other lessons and on the framework files, so they are filled
    when the page is written (resolving.py); a lesson that is not its band's first (or last)
    loses its place for the check there.
    """
    outer = [child for child in section.children if isinstance(child, lk.lesson_block)]
    if info.outcomes:
        links = lk.lesson_block(kind=CURRICULUM_LINKS.name)
        links += lk.curriculum_links(codes=list(info.outcomes))
        objectives = next((b for b in outer if b["kind"] == "objectives"), None)
        section.insert(section.index(objectives) + 1 if objectives is not None else 2, links)
    timed = [b for b in outer if b["kind"] in TIMED]
    for position, at in (("before", section.index(timed[0]) if timed else len(section)),
                         ("after", section.index(timed[-1]) + 2 if timed else len(section) + 1)):
        check = lk.lesson_block(kind="band-check", generated=position)
        check += lk.band_check_ref(band=info.band, position=position)
        section.insert(at, check)


def _read_band_check(domain: LessonkitDomain, docname: str, doctree: nodes.document) -> None:
    """Remember a band page's check (its questions, translated) for the band's lessons."""
    block = next((b for b in doctree.findall(lk.lesson_block) if b["kind"] == "band-check"), None)
    if block is not None:
        questions = [child for child in block.children if not isinstance(child, lk.block_title)]
        domain.band_checks[PurePosixPath(docname).parent.name] = (docname, [q.deepcopy() for q in questions],
                                                                  block.get("duration"))


UNTRANSLATED = "lk-untranslated"
UNREVIEWED = "lk-unreviewed"
FAMILY_NOTICE = "lk-text-family-notice"  # as pdf/views.py: a notice its family letter shows first


def _teacher_only(node: nodes.Node) -> bool:
    """A teacher-only block, or teacher-only text inside a block students see."""
    return is_teacher_text(node) or (isinstance(node, lk.lesson_block) and is_teacher_only(node["kind"]))


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
    remove_teacher_text(doctree)


def _for_teachers(app: Sphinx, docname: str) -> bool:
    """Whether the page says it is for teachers only (``audience: teacher``): the student edition leaves it out."""
    return app.env.metadata.get(docname, {}).get("audience") == "teacher"


def _forget_removed(app: Sphinx, doctree: nodes.document) -> None:
    """Leave out what the parts a student edition removed left elsewhere: footnotes, index entries."""
    footnotes.drop_unreferenced(doctree)
    # Sphinx gathers a page's index entries before doctree-read: gather them again from what is left.
    index = app.env.domains["index"]
    index.clear_doc(app.env.docname)
    index.process_doc(app.env, app.env.docname, doctree)


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
    counted = doctree
    if settings.scope(language) == FAMILY and app.env.docname not in settings.family_pages:
        # A family language translates a lesson's family letter, and no page outside its family pages:
        # the PDF run reads them all, but only the letters are shown in that language.
        if not is_lesson(app.env.docname):
            return
        from lessonkit.pdf.views import family_view  # the PDF side decides what a letter holds

        counted = family_view(doctree)
    # Sphinx marks each message it tried to translate; its own tally also counts the front
    # matter (docinfo), which is never translated, so count the other marks instead.
    docinfo = {id(node) for info in counted.findall(nodes.docinfo) for node in info.findall(nodes.Element)}
    marked = [node["translated"] for node in counted.findall(nodes.Element)
              if "translated" in node and id(node) not in docinfo]
    progress = {"total": len(marked), "translated": sum(1 for done in marked if done)}
    if not _has_catalog(app, language):
        # Sphinx counts nothing for a document without a catalog: all of it is untranslated.
        progress = {"total": sum(1 for _ in extract_messages(counted)), "translated": 0}
    missing = progress["total"] - progress["translated"]
    if missing <= 0:
        return
    if settings.strict_translations:
        logger.warning(
            "%d of %d messages are not translated into '%s' (or are fuzzy); run `lessonkit i18n update`, "
            "translate them and clear their fuzzy flags", missing, progress["total"], app.config.language,
            location=app.env.docname, type="lessonkit", subtype="translation",
        )
    _add_notice(doctree, labels.word("Part of this page is not translated yet: it appears in the original language."),
                UNTRANSLATED)


def _list_family_pages(app: Sphinx, doctree: nodes.document) -> None:
    """A family language's site starts at its families page, which lists no page: it lists the others
    (hidden), so that the site's navigation offers them."""
    settings = settings_of(app.config)
    pages = settings.family_pages
    if settings.scope(app.config.language or "en") != FAMILY or app.env.docname != pages[0]:
        return
    others = [page for page in pages[1:] if page in app.env.found_docs]
    toctree = addnodes.toctree(parent=app.env.docname, entries=[(None, page) for page in others],
                               includefiles=others, maxdepth=-1, glob=False, hidden=True, caption=None,
                               titlesonly=False, numbered=0, includehidden=False)
    doctree.append(nodes.compound("", toctree, classes=["toctree-wrapper"]))


def _flag_unreviewed(app: Sphinx, doctree: nodes.document) -> None:
    """Say on the page, and first in its family letter, that its translation awaits review."""
    language = app.config.language or "en"
    if language == settings_of(app.config).languages[0]:
        return
    catalogs = [app.srcdir / folder / language / "LC_MESSAGES" / f"{app.env.docname}.po"
                for folder in app.config.locale_dirs]
    if not any(path.is_file() and is_unreviewed(polib.pofile(str(path))) for path in catalogs):
        return
    words = labels.word("This translation is awaiting review by a fluent reader.")
    for letter in doctree.findall(lk.lesson_block):
        if letter["kind"] == "family-letter":  # the letter's notices come first in its PDF
            letter.insert(0, nodes.container("", nodes.paragraph("", words), classes=[FAMILY_NOTICE, UNREVIEWED]))
    _add_notice(doctree, words, UNREVIEWED)


def _add_notice(doctree: nodes.document, words: str, kind: str) -> None:
    """A note at the top of the page (after the lesson's header)."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    notice = nodes.note("", nodes.paragraph("", words), classes=[kind])
    at = 2 if len(section) > 1 and isinstance(section[1], lk.lesson_header) else 1
    section.insert(at, notice)


def name_band_with_grades(app: Sphinx, doctree: nodes.document) -> None:
    """A band page in the navigation and the search results: its grades follow its title.

    The navigation takes a page's name from its table of contents, the search from its title;
    the page itself keeps its heading, under which the band's lesson list gives the grades.
    """
    docname = app.env.docname
    band = PurePosixPath(docname).parent.name
    settings = settings_of(app.config)
    if not is_band_page(docname) or band not in settings.bands:
        return
    grades = nodes.Text(f" · {labels.grades_label(settings, band, app.config.language or 'en')}")
    toc = app.env.tocs.get(docname)
    entry = next(toc.findall(nodes.reference), None) if toc is not None else None
    for title in (app.env.titles.get(docname), entry):
        if title is not None:
            title += grades.deepcopy()


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    # A second wall behind `lessonkit check`: no raw HTML from a lesson or a translation is written.
    for raw in tasklists.remove_raw_html(doctree):
        logger.warning("raw HTML was left out of the page: it could run script on the machines the kit is "
                       "copied to; write Markdown instead", location=raw, type="lessonkit", subtype="raw-html")
    domain = app.env.domains["lessonkit"]
    assert isinstance(domain, LessonkitDomain)
    student = settings_of(app.config).audience == "student"
    if student and _for_teachers(app, docname):
        _teacher_page_for_students(doctree)
        _forget_removed(app, doctree)
    elif not student:
        # MyST gathers footnotes at the page's end: class view must hide a teacher note's with it.
        footnotes.mark_teacher_only(doctree, _teacher_only, TEACHER_ONLY_CLASS)
    helplists.mark_items(doctree)
    for text in doctree.findall(lk.kit_text):
        domain.add_text(text["name"], docname, text.children)
    if any(doctree.findall(lk.kit_text_ref)):
        domain.text_users[docname] = True  # such as a page's get-help block
    if any(doctree.findall(lk.review_packet)) or any(doctree.findall(lk.framework_links)):
        domain.pdf_pages[docname] = True  # a page drawn from every lesson
    elif str(app.env.metadata.get(docname, {}).get("pdf", "")).lower() == "true" or \
            (docname in settings_of(app.config).kit_pages and not (student and _for_teachers(app, docname))):
        domain.pdf_pages[docname] = False  # a guide to print, or a page the kits bind: a PDF of its own
    if is_band_page(docname):
        _read_band_check(domain, docname, doctree)
    if not is_lesson(docname):
        if student and remove_teacher_text(doctree):
            _forget_removed(app, doctree)
        _list_family_pages(app, doctree)
        citations.collect(domain, docname, doctree)
        _flag_untranslated(app, doctree)
        _flag_unreviewed(app, doctree)
        return
    meta = domain.front_matter(docname)
    info = _lesson_info(docname, meta, doctree)
    domain.add_lesson(info)
    _add_generated_blocks(doctree, info)
    if student:
        _student_edition(doctree)
        _forget_removed(app, doctree)
    citations.collect(domain, docname, doctree)
    _flag_untranslated(app, doctree)
    _flag_unreviewed(app, doctree)


def on_env_get_outdated(app: Sphinx, env: object, added: set[str], changed: set[str],
                        removed: set[str]) -> list[str]:
    """Re-read what shows a changed document: every lesson, and any page with a get-help block,
    copies the kit texts (help resources, disclosure guidance) of the pages under source/, and a
    band page lists its lessons.

    A band page's list holds its lessons in their order; what it shows of each (title, summary,
    duration) is filled in when the page is written, and a changed lesson's band page is always
    written again (it lists the lesson). So the page is read again only when one of its lessons
    is added, removed or given another place. What is only filled in when a page is written (the
    review packet, framework pages, sources, curriculum links) is written again, not read again:
    see ``on_env_updated``.
    """
    domain = app.env.domains["lessonkit"]
    assert isinstance(domain, LessonkitDomain)
    touched = added | changed | removed
    domain.data["rewrite"] = sorted(_to_rewrite(app, domain, bool(touched)))
    text_pages = {docname for docname, _ in domain.texts.values()}
    if touched & text_pages:
        return sorted(doc for doc in app.env.found_docs
                      if is_lesson(doc) or is_band_page(doc) or doc in domain.text_users)
    shows_bands = set(domain.band_pages) if any(is_band_page(doc) for doc in added | removed) else set()
    moved = {doc for doc in changed if is_lesson(doc) and _new_place(domain, doc)}
    bands = {PurePosixPath(d).parent for d in added | removed | moved if is_lesson(d)}
    # A band's first and last lessons copy its page's check: which lessons those are, and the
    # questions, change with the band's lessons and page.
    checked = bands | {PurePosixPath(d).parent for d in touched if is_band_page(d)}
    return sorted({doc for doc in app.env.found_docs if is_band_page(doc) and PurePosixPath(doc).parent in bands}
                  | (shows_bands & app.env.found_docs)
                  | {doc for doc in app.env.found_docs if is_lesson(doc) and PurePosixPath(doc).parent in checked})


def _to_rewrite(app: Sphinx, domain: LessonkitDomain, touched: bool) -> set[str]:
    """The pages to write again although their source did not change: the review packet and framework
    pages quote every lesson; citing pages show sources.yaml, lessons with outcomes the frameworks."""
    quoting = {docname for docname, quotes in domain.pdf_pages.items() if quotes}
    rewrite = set(quoting) if touched else set()
    # Each builder of the environment (HTML, then PDF) writes its own outputs: each keeps its digests.
    seen = domain.data.setdefault("digests", {}).setdefault(app.builder.name, {})
    digest = fingerprint("", {Path(app.srcdir): [Path(app.srcdir, SOURCES_FILE)]}, read=True)
    if digest != seen.get("sources"):
        seen["sources"] = digest
        rewrite |= set(domain.citations) | quoting
    digest = frameworks_digest(Path(app.srcdir))
    if digest != seen.get("frameworks"):
        seen["frameworks"] = digest
        rewrite |= {doc for doc, info in domain.lessons.items() if info.outcomes} | quoting
    return rewrite & app.env.found_docs


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Write again the pages ``on_env_get_outdated`` found to be drawn from what changed."""
    domain = env.domains["lessonkit"]
    assert isinstance(domain, LessonkitDomain)
    return [doc for doc in domain.data.pop("rewrite", []) if doc in env.found_docs]


def _new_place(domain: LessonkitDomain, docname: str) -> bool:
    """Whether a changed lesson may have a new place in its band's list (its ``order``)."""
    info = domain.lessons.get(docname)
    return info is None or info.order != lesson_order(domain.front_matter(docname))
