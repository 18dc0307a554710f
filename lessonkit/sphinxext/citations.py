"""Citations of the curriculum's sources: the ``{source}`key``` role, numbered references and
the "Sources" list at the end of a page and of a teacher guide.

Each citation is remembered when its document is read (in the build's language, so that the
review packet quotes the translated statement); numbers are given when the document is
written, after the kit texts are copied in, so that they follow the order a reader meets them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from lessonkit.sources import SOURCES_FILE, Source, Sources, read_sources
from lessonkit.sphinxext import labels
from lessonkit.sphinxext import nodes as lk
from lessonkit.sphinxext.domain import Citation, LessonkitDomain

logger = logging.getLogger(__name__)
SOURCES_SECTION = "lk-sources"
REVIEW_DETAIL = "lk-source-detail"  # what was counted and when it was checked: for reviewers


class SourceRole(SphinxRole):
    """``{source}`key```: cites an entry of sources.yaml where the statement it supports is."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = lk.source_ref(key=self.text.strip())
        self.set_source_info(node)
        return [node], []


@cache
def _read(path: Path, version: tuple[int, int]) -> Sources:
    return read_sources(path.parent)


def sources_of(root: str | Path) -> Sources:
    """The curriculum's sources (sources.yaml beside conf.py), read once per version of the file.

    Called for every page written: the file's size and time tell its version without reading it.
    """
    path = Path(root) / SOURCES_FILE
    try:
        info = path.stat()
    except OSError:
        return _read(path, (0, 0))
    return _read(path, (info.st_mtime_ns, info.st_size))


def _statement(ref: lk.source_ref) -> nodes.Element:
    """The paragraph, list item or table cell that holds a citation."""
    node: nodes.Node = ref
    while node.parent is not None and not isinstance(node, nodes.paragraph | nodes.list_item | nodes.entry):
        node = node.parent
    return node if isinstance(node, nodes.Element) else ref


def _block_of(node: nodes.Node) -> str:
    while node.parent is not None:
        node = node.parent
        if isinstance(node, lk.lesson_block):
            return str(node["kind"])
    return ""


_MARK = "\x00"
# A sentence ends at . ! ? or … (then any closing quote or bracket) followed by a space and a capital,
# an opening quote or bracket, or a digit; not after an abbreviation (s. 163.1, R. v. Sharpe, p. ex.).
_SENTENCE_END = re.compile(r"(\S*?)[.!?…][\"»”’)\]]*[\s\u00a0]+(?=[«\"“(\[A-ZÀ-ÖØ-Þ0-9])")
_ABBREVIATIONS = frozenset({"ss", "art", "ch", "ex", "al", "etc", "no", "st", "dr", "mr", "mrs", "ms", "e.g", "i.e",
                            "c.-à-d", "l.r.c", "r.s.c", "s.c.r", "r.c.s", "s.c", "l.c", "vs"})
_LONGEST = 400  # characters of a statement kept for the review packet


def _is_abbreviation(word: str) -> bool:
    """Whether the word before a full stop is an initial or an abbreviation (not a closing quote)."""
    word = re.sub(r"[^\w.-]", "", word).lower()
    return (len(word) == 1 and word.isalpha()) or word in _ABBREVIATIONS


def _sentence(ref: lk.source_ref) -> str:
    """The sentence that a citation ends (or the whole statement when it has no other sentence)."""
    holder = _statement(ref)
    parts: list[str] = []
    for node in holder.findall(lambda n: isinstance(n, nodes.Text | lk.source_ref)):
        parts.append(_MARK if node is ref else "" if isinstance(node, lk.source_ref) else node.astext())
    text = " ".join("".join(parts).split())
    before, _, after = text.partition(_MARK)
    ends = [m.end() for m in _SENTENCE_END.finditer(before) if not _is_abbreviation(m.group(1))]
    sentence = before[ends[-1]:] if ends else before
    tail = re.match(r"^[\s]*[.!?…;:,)»]*", after)
    said = (sentence.strip() + (tail.group(0).strip() if tail else "")).strip()
    if said.endswith(":"):  # "In simple terms:", then a list: the list is the statement
        following = holder.next_node(descend=False, siblings=True, ascend=True)
        if following is not None:
            said += " " + " ".join(following.astext().split())
    return said if len(said) <= _LONGEST else said[:_LONGEST].rsplit(" ", 1)[0] + " …"


def collect(domain: LessonkitDomain, docname: str, doctree: nodes.document) -> None:
    """Remember every citation of a document that has just been read."""
    found = [Citation(ref["key"], _sentence(ref), _block_of(ref), ref.line or 0)
             for ref in doctree.findall(lk.source_ref)]
    if found:
        domain.add_citations(docname, found)


def number(document: nodes.document, sources: Sources, language: str) -> None:
    """Replace each citation by its number, linked to a "Sources" list added at the end."""
    refs = list(document.findall(lk.source_ref))
    if not refs:
        return
    order: list[Source] = []
    numbers: dict[str, int] = {}
    for ref in refs:
        source = sources.get(ref["key"])
        if source is None:
            logger.warning("no source %r in %s; add it there or correct the key (`lessonkit check` lists the keys)",
                           ref["key"], SOURCES_FILE, location=ref, type="lessonkit", subtype="source")
            ref.replace_self(nodes.Text(""))
            continue
        if source.key not in numbers:
            order.append(source)
            numbers[source.key] = len(order)
        _keep_with_previous_word(ref)
        ref.replace_self(reference_mark(numbers[source.key], source))
    if order:
        section = next(iter(document.findall(nodes.section)), None)
        (section or document).append(sources_section(order, language))


def _keep_with_previous_word(ref: nodes.Node) -> None:
    """A reference number never starts a line: the space before it becomes a no-break space."""
    previous = ref.parent.index(ref) - 1 if ref.parent is not None else -1
    if previous >= 0 and isinstance(text := ref.parent[previous], nodes.Text) and text.endswith(" "):
        ref.parent[previous] = nodes.Text(text.rstrip(" ") + "\u00a0")


def anchor(source: Source) -> str:
    return f"lk-source-{source.key}"


def reference_mark(number: int, source: Source) -> nodes.superscript:
    """``[n]``, linked to the source's entry in the list."""
    link = nodes.reference("", f"[{number}]", refid=anchor(source), classes=["lk-source-ref"])
    return nodes.superscript("", "", link)


def sources_section(order: list[Source], language: str) -> nodes.section:
    section = nodes.section(ids=[SOURCES_SECTION], classes=[SOURCES_SECTION])
    section += nodes.title("", labels.word("Sources"))
    items = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for source in order:
        item = nodes.list_item(ids=[anchor(source)])
        item += description(source, language)
        items += item
    section += items
    return section


def description(source: Source, language: str) -> nodes.paragraph:
    """One source as a reader sees it: who, what (as published), when, where, and when checked."""
    para = nodes.paragraph(classes=["lk-source"])
    if not source.verified:
        para += nodes.strong("", labels.word("To verify:") + " ", classes=["lk-to-verify"])
    para += nodes.Text(f"{source.text('publisher', language)}, ")
    para += nodes.emphasis("", source.text("title", language))
    para += nodes.Text(f", {source.date}.")
    if url := source.text("url", language):
        para += nodes.Text(" ")
        para += nodes.reference("", url, refuri=url)
        para += nodes.Text(".")
    # What a reviewer signs off (what was counted, when it was checked): on the lesson's page and
    # in the teacher guide; a family letter or a handout lists the sources without it.
    detail = nodes.inline(classes=[REVIEW_DETAIL])
    if counts := source.text("counts", language):
        detail += nodes.Text(" " + labels.word("What was counted:") + f" {counts.rstrip('.')}.")
    if source.checked and source.verified:
        detail += nodes.Text(" " + str(labels._("Checked on {date}.")).format(date=source.checked.isoformat()))
    if detail.children:
        para += detail
    return para


def renumber(view: nodes.document, whole: nodes.document) -> None:
    """Number again the citations that a part of a page keeps (a handout, a family letter),
    and give it the Sources list of just those, copied from the whole page's list without what
    only reviewers need (what was counted, when it was checked)."""
    listed = {item["ids"][0]: item for section in whole.findall(nodes.section)
              if SOURCES_SECTION in section["ids"] for item in section.findall(nodes.list_item) if item["ids"]}
    for old in list(view.findall(nodes.section)):
        if SOURCES_SECTION in old["ids"]:
            old.parent.remove(old)
    order: list[str] = []
    for ref in view.findall(nodes.reference):
        if "lk-source-ref" not in ref["classes"] or ref.get("refid") not in listed:
            continue
        if ref["refid"] not in order:
            order.append(ref["refid"])
        ref.children[:] = [nodes.Text(f"[{order.index(ref['refid']) + 1}]")]
    if not order:
        return
    section = nodes.section(ids=[SOURCES_SECTION], classes=[SOURCES_SECTION])
    section += nodes.title("", labels.word("Sources"))
    items = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    items.extend(listed[anchor].deepcopy() for anchor in order)
    for detail in list(items.findall(nodes.inline)):
        if REVIEW_DETAIL in detail["classes"]:
            detail.parent.remove(detail)
    section += items
    holder = next(iter(view.findall(nodes.section)), None)
    (holder or view).append(section)
