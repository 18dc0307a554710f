"""The review packet: every cited fact of every lesson with its source, every help resource
with its status, and each lesson's review date, on one page (HTML and PDF).

It is what a board's safe-schools office reads to approve the kit, and re-reads when a new
version comes; it is drawn from what the build read, in the build's language.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.environment import BuildEnvironment

from lessonkit.reviews import HELP_PAGE, REVIEWER
from lessonkit.settings import KitSettings
from lessonkit.sources import KINDS, Source, Sources
from lessonkit.sphinxext import labels
from lessonkit.sphinxext.citations import description
from lessonkit.sphinxext.domain import Citation, LessonkitDomain
from lessonkit.sphinxext.nodes import doc_link

KIND_LABELS = {"statistic": "Statistic", "law": "Law", "resource": "Help resource", "reference": "Reference"}
# A statement is shown with the kind of what it cites (its source), not a kind of its own.
CITES_LABELS = {"statistic": "Cites a statistic", "law": "Cites a law", "resource": "Cites a help resource",
                "reference": "Cites a reference"}


def _section(title: str, name: str) -> nodes.section:
    section = nodes.section(ids=[f"lk-review-{nodes.make_id(name)}"], classes=["lk-review"])
    section += nodes.title("", title)
    return section


class Packet:
    """Builds the packet's nodes from the domain, the sources and the settings."""

    def __init__(self, env: BuildEnvironment, domain: LessonkitDomain, sources: Sources,
                 settings: KitSettings, language: str) -> None:
        self.env, self.domain, self.sources = env, domain, sources
        self.settings, self.language = settings, language

    def nodes(self) -> list[nodes.Node]:
        return [self.summary(), self.lessons(), self.pages(), self.resources(), self.all_sources()]

    @staticmethod
    def reviewed(date: str, reviewer: str) -> str:
        return str(labels._("Last reviewed: {date}")).format(date=labels.review_label(date or "?", reviewer))

    def title(self, docname: str) -> str:
        title = self.env.titles.get(docname)
        return title.astext() if title else docname

    def summary(self) -> nodes.paragraph:
        cited = sum(len(found) for found in self.domain.citations.values())
        unverified = len(self.sources.unverified())
        # The curriculum's version is shown here, on this one page, not on every page of the kit: a new
        # version then changes only the pages whose text changed.
        release = self.env.config.release
        version = str(labels._("Version {version} of the curriculum.")).format(version=release) if release else ""
        counts = str(labels._("Lessons: {lessons}. Statements with a source: {statements}. "
                              "Sources: {sources}, of which to verify: {unverified}.")).format(
            lessons=len(self.domain.lessons), statements=cited, sources=len(self.sources.entries),
            unverified=unverified)
        return nodes.paragraph("", f"{version} {counts}".strip(), classes=["lk-review-summary"])

    def lessons(self) -> nodes.section:
        section = _section(labels.word("Lessons"), "lessons")
        for band in self.settings.bands:
            for info in self.domain.band_lessons(band):
                part = _section(self.title(info.docname), info.docname)
                facts = nodes.paragraph(classes=["lk-review-facts"])
                facts += doc_link(info.docname, nodes.Text(labels.band_label(self.settings, band)))
                facts += nodes.Text(f" · {self.reviewed(info.reviewed, info.reviewed_by)}")
                part += facts
                part += self.statements(self.domain.citations.get(info.docname, []))
                section += part
        return section

    def pages(self) -> nodes.section:
        section = _section(labels.word("Pages"), "pages")
        for docname in sorted(self.domain.citations):
            if docname in self.domain.lessons:
                continue
            part = _section(self.title(docname), docname)
            part += self.statements(self.domain.citations[docname])
            section += part
        if len(section) == 1:
            section += nodes.paragraph("", labels.word("No statement on the other pages cites a source."))
        return section

    def statements(self, found: list[Citation]) -> nodes.Element:
        if not found:
            return nodes.paragraph("", labels.word("No statement of this lesson cites a source."))
        items = nodes.bullet_list(classes=["lk-review-statements"])
        for kind in KINDS:
            for citation in found:
                source = self.sources.get(citation.key)
                if (source.kind if source else "reference") != kind:
                    continue
                item = nodes.list_item()
                said = nodes.paragraph()
                said += nodes.strong("", labels.word(CITES_LABELS[kind]) + " ")
                where = labels.block_label(citation.block) if citation.block else ""
                said += nodes.Text(f"({where}) " if where else "")
                said += nodes.Text(citation.statement)
                item += said
                if source is None:
                    item += nodes.paragraph("", str(labels._("Unknown source '{key}'.")).format(key=citation.key))
                else:
                    item += description(source, self.language)
                items += item
        return items

    def resources(self) -> nodes.section:
        section = _section(labels.word("Help resources"), "resources")
        help_page = HELP_PAGE.removesuffix(".md")
        if help_page in self.env.found_docs:
            meta = self.env.metadata.get(help_page, {})
            facts = nodes.paragraph(classes=["lk-review-facts"])
            facts += doc_link(help_page, nodes.Text(self.title(help_page)))
            facts += nodes.Text(" · " + self.reviewed(str(meta.get("reviewed") or ""),
                                                      str(meta.get(REVIEWER) or "").strip()))
            section += facts
        resources = [s for s in self.sources.entries.values() if s.kind == "resource"]
        if not resources:
            section += nodes.paragraph("", labels.word("sources.yaml lists no help resource."))
            return section
        section += self.source_list(resources)
        return section

    def all_sources(self) -> nodes.section:
        section = _section(labels.word("All sources"), "sources")
        section += self.source_list(list(self.sources.entries.values()), cited_by=True)
        return section

    def source_list(self, sources: list[Source], cited_by: bool = False) -> nodes.bullet_list:
        items = nodes.bullet_list(classes=["lk-review-sources"])
        for source in sources:
            item = nodes.list_item()
            status = labels.word("Verified") if source.verified else labels.word("To verify")
            head = nodes.paragraph()
            head += nodes.strong("", f"{labels.word(KIND_LABELS.get(source.kind, 'Reference'))} · {status}")
            head += nodes.Text(f" ({source.key})")
            item += head
            item += description(source, self.language)
            if note := source.text("note", self.language):
                item += nodes.paragraph("", f"{labels.word('Note:')} {note}")
            if cited_by:
                users = [self.title(doc) for doc, found in sorted(self.domain.citations.items())
                         if any(c.key == source.key for c in found)]
                text = labels.word("Cited in:") + " " + "; ".join(users) if users else labels.word("Not cited.")
                item += nodes.paragraph("", text)
            items += item
        return items
