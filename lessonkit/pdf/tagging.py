"""Tagged PDF (PDF/UA-1): the logical structure of what the flowables draw.

reportlab has no tagging API, so lessonkit draws one in three steps, each in one place:

1. The translator builds the structure tree while it walks a doctree: an ``Element`` per
   heading, paragraph, list, item, table cell, figure, note or lesson block, in reading order.
   The flowables it makes carry the element their drawing belongs to.
2. When a flowable draws, ``Tagger.content`` wraps what it draws in a marked-content sequence
   with the element's role and a marked-content identifier (MCID), and records the pair on the
   element. Every page opens an ``/Artifact`` sequence that tagged content interrupts, so what
   no element claims (running headers, footers, rules, box backgrounds, repeated table
   headers) is an artifact. Links and form fields are recorded as the annotations of a
   ``Link`` or ``Form`` element.
3. Once reportlab has written the file, ``finish`` writes the tree from those records with
   pikepdf (StructTreeRoot, ParentTree, MarkInfo, the PDF/UA identification in XMP, tab
   order), and ``graft`` keeps each part's tree when PDFs are bound into one.

The structure comes from the doctree, never from guessing at what a page shows.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, String
from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfgen.canvas import Canvas

from lessonkit.pdf.fonts import repair_to_unicode

ARTIFACT = "/Artifact BMC"


@dataclass(frozen=True)
class Content:
    """A marked-content sequence: the page (index) it is on, and its MCID there."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annotation:
    """An annotation an element owns: a link (the n-th drawn on its page) or a field (its name)."""

    page: int
    link: int = -1
    field: str = ""


@dataclass(eq=False)
class Element:
    """A structure element: its standard role, place in the tree, and what it holds."""

    role: str
    parent: Element | None = None
    alt: str = ""  # alternate description (figures)
    title: str = ""  # /T: what a reader lists when it offers to skip the element
    lang: str = ""
    id: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)  # owner "O" and its attributes
    links: dict[str, str] = field(default_factory=dict)  # link targets in this element -> their text
    keep_empty: bool = False  # kept without content (table cells keep a table regular)
    kids: list[Element | Content | Annotation] = field(default_factory=list)

    def add(self, role: str, **details: Any) -> Element:
        """A new last child of this element."""
        child = Element(role, self, **details)
        self.kids.append(child)
        return child

    def root(self) -> Element:
        element = self
        while element.parent is not None:
            element = element.parent
        return element

    def find(self, element_id: str) -> Element | None:
        if self.id == element_id:
            return self
        for kid in self.kids:
            if isinstance(kid, Element) and (found := kid.find(element_id)) is not None:
                return found
        return None


def heading(level: int) -> str:
    """The role of a heading at ``level`` (1 for a document's title)."""
    return f"H{min(max(level, 1), 6)}"


class Tagger:
    """What one PDF's drawing records: the marked content of each page and its annotations."""

    def __init__(self) -> None:
        self.page = 0
        self.mcid = 0
        self.links = 0  # link annotations made on this page so far
        self.current: list[Element] = []  # elements whose content is being drawn, innermost last
        self.drawn: set[int] = set()  # flowables drawn already (a repeated table header is not read twice)
        self.keep: list[object] = []  # the flowables of ``drawn``, alive so that their ids stay theirs

    def begin_page(self, canvas: Canvas) -> None:
        self.page = canvas.getPageNumber() - 1
        self.mcid = 0
        self.links = 0
        canvas.addLiteral(ARTIFACT)

    def end_page(self, canvas: Canvas) -> None:
        canvas.addLiteral("EMC")

    @contextmanager
    def content(self, canvas: Canvas, element: Element | None, flowable: object | None) -> Iterator[None]:
        """Mark what is drawn inside the block as ``element``'s content.

        ``flowable`` drawn a second time (a table's header row on the next page) is an artifact:
        a reader hears it once. None: draw it as content however often it is drawn.
        """
        if element is None or self.current or id(flowable) in self.drawn:
            yield
            return
        if flowable is not None:
            self.drawn.add(id(flowable))
            self.keep.append(flowable)
        mcid, self.mcid = self.mcid, self.mcid + 1
        element.kids.append(Content(self.page, mcid))
        canvas.addLiteral(f"EMC /{element.role} <</MCID {mcid}>> BDC")
        self.current.append(element)
        try:
            yield
        finally:
            self.current.pop()
            canvas.addLiteral("EMC " + ARTIFACT)

    def link(self, target: str) -> str:
        """Record a link annotation about to be made; its description."""
        owner = self.current[-1] if self.current else None
        description = (owner.links.get(target) if owner else None) or target.lstrip("#")
        if owner is not None:
            link = owner.add("Link", alt=description)
            link.kids.append(Annotation(self.page, link=self.links))
        self.links += 1
        return description

    def field(self, element: Element | None, name: str) -> None:
        """Record the form field ``name`` made on this page as ``element``'s annotation."""
        if element is not None:
            element.kids.append(Annotation(self.page, field=name))


def tagger_of(canvas: Canvas) -> Tagger | None:
    return getattr(canvas, "tagger", None)


@contextmanager
def marked(canvas: Canvas, element: Element | None, flowable: object | None) -> Iterator[None]:
    """Mark what ``flowable`` draws as ``element``'s content, on a canvas that tags."""
    tagger = tagger_of(canvas)
    if tagger is None:
        yield
        return
    with tagger.content(canvas, element, flowable):
        yield


@contextmanager
def actual_text(canvas: Canvas, text: str) -> Iterator[None]:
    """Mark what is drawn inside the block as reading ``text``: a ``/Span`` with ``/ActualText``.

    A shaped Arabic word's glyphs (letters in their joined forms, dots apart) do not spell it:
    the span gives a reader, a search or a copy its characters (see righttoleft.py).
    """
    canvas.addLiteral(f"/Span <</ActualText <FEFF{text.encode('utf-16-be').hex().upper()}>>> BDC")
    try:
        yield
    finally:
        canvas.addLiteral("EMC")


class Tagged:
    """A flowable whose drawing is the content of its ``element`` (mixed in before the flowable)."""

    element: Element | None = None

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        with marked(canvas, self.element, self):
            super().drawOn(canvas, x, y, _sW)  # type: ignore[misc]


class TaggedCanvas(Canvas):
    """A canvas that gives every link a description and records it for the structure tree."""

    def __init__(self, *args: Any, tagger: Tagger, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tagger = tagger

    def linkURL(self, url: str, rect: Any, relative: int = 0, thickness: float = 0, color: Any = None,
                dashArray: Any = None, kind: str = "URI", **kw: Any) -> None:
        kw["Contents"] = PDFString(self.tagger.link(url))
        super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)

    def linkRect(self, contents: str, destinationname: str, Rect: Any = None, addtopage: int = 1,
                 name: Any = None, relative: int = 1, thickness: float = 0, color: Any = None,
                 dashArray: Any = None, **kw: Any) -> Any:
        description = self.tagger.link("#" + destinationname)
        return super().linkRect(contents or description, destinationname, Rect, addtopage, name, relative,
                                thickness, color, dashArray, **kw)


# -- writing the tree ---------------------------------------------------------------------


@dataclass
class _Writer:
    pdf: Pdf
    parent_tree: dict[int, Any] = field(default_factory=dict)
    page_kids: dict[int, dict[int, Dictionary]] = field(default_factory=dict)  # page -> MCID -> element
    next_key: int = 0
    ids: list[tuple[str, Dictionary]] = field(default_factory=list)

    def links_of(self, page: int) -> list[Dictionary]:
        annots = self.pdf.pages[page].obj.get(Name.Annots, Array())
        return [a for a in annots if a.get(Name.Subtype) == Name.Link]

    def widget(self, page: int, name: str) -> Dictionary:
        for annot in self.pdf.pages[page].obj.get(Name.Annots, Array()):
            if annot.get(Name.Subtype) == Name.Widget and str(annot.get(Name.T, "")) == name:
                return annot
        raise LookupError(f"form field {name!r} is not on page {page + 1}")

    def annotation(self, record: Annotation) -> Dictionary:
        if record.field:
            return self.widget(record.page, record.field)
        return self.links_of(record.page)[record.link]

    def write(self, element: Element, parent: Dictionary) -> Dictionary | None:
        """``element`` as a structure element under ``parent``; None when it holds nothing."""
        node = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + element.role), P=parent))
        kids = Array()
        for kid in element.kids:
            if isinstance(kid, Element):
                written = self.write(kid, node)
                if written is not None:
                    kids.append(written)
            elif isinstance(kid, Content):
                page = self.pdf.pages[kid.page].obj
                if Name.Pg not in node:
                    node.Pg = page
                kids.append(kid.mcid if node.Pg.objgen == page.objgen
                            else Dictionary(Type=Name.MCR, Pg=page, MCID=kid.mcid))
                self.page_kids.setdefault(kid.page, {})[kid.mcid] = node
            else:
                annot = self.annotation(kid)
                key = self.next_key
                self.next_key += 1
                annot.StructParent = key
                self.parent_tree[key] = node
                kids.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=self.pdf.pages[kid.page].obj))
        if not len(kids) and not element.keep_empty:
            return None
        node.K = kids[0] if len(kids) == 1 else kids  # one kid on its own, as writers usually do
        if element.alt:
            node.Alt = text_string(element.alt)
        if element.title:
            node.T = text_string(element.title)
        if element.lang:
            node.Lang = String(element.lang)
        if element.id:
            node.ID = text_string(element.id)
            self.ids.append((element.id, node))
        if element.attributes:
            node.A = Dictionary({"/" + k: _value(v) for k, v in element.attributes.items()})
        return node


def text_string(text: str) -> String:
    """A PDF text string: ASCII as it is, anything else in UTF-16 (read the same by every reader)."""
    if text.isascii():
        return String(text)
    return String(b"\xfe\xff" + text.encode("utf-16-be"))


def _value(value: Any) -> Any:
    if isinstance(value, str):
        return Name("/" + value)
    return value


def write_tree(pdf: Pdf, root: Element) -> None:
    """Write ``root`` (the Document element) as ``pdf``'s structure tree."""
    tree_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    pages = len(pdf.pages)
    writer = _Writer(pdf, next_key=pages)  # pages take the first keys of the parent tree
    document = writer.write(root, tree_root)
    if document is None:
        document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=tree_root, K=Array()))
    nums = Array()
    for index in range(pages):
        marks = writer.page_kids.get(index, {})
        pdf.pages[index].obj.StructParents = index
        nums.extend([index, pdf.make_indirect(Array([marks.get(m) for m in range(len(marks))]))])
    for key, node in sorted(writer.parent_tree.items()):
        nums.extend([key, node])
    tree_root.K = document
    tree_root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    tree_root.ParentTreeNextKey = writer.next_key
    if writer.ids:
        tree_root.IDTree = Dictionary(Names=Array([x for i, n in sorted(writer.ids, key=lambda p: p[0])
                                                   for x in (String(i), n)]))
    pdf.Root.StructTreeRoot = tree_root
    for page in pdf.pages:
        if Name.Annots in page.obj:
            page.obj.Tabs = Name.S  # tab order follows the structure


def identify(pdf: Pdf, title: str, language: str) -> None:
    """What PDF/UA asks of the catalog and metadata besides the tree."""
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String(language)
    preferences = pdf.Root.get(Name.ViewerPreferences, Dictionary())
    preferences.DisplayDocTitle = True
    pdf.Root.ViewerPreferences = preferences
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        meta["pdfuaid:part"] = "1"


def finish(data: bytes, root: Element, title: str, language: str) -> bytes:
    """reportlab's PDF ``data`` with its structure tree and PDF/UA identification."""
    with Pdf.open(io.BytesIO(data)) as pdf:
        write_tree(pdf, root)
        identify(pdf, title, language)
        repair_to_unicode(pdf)
        return save(pdf)


def save(pdf: Pdf) -> bytes:
    output = io.BytesIO()
    pdf.save(output, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none,
             deterministic_id=True)
    return output.getvalue()


# -- binding tagged PDFs into one ------------------------------------------------------------


def _tree(pdf: Pdf, language: str) -> tuple[Dictionary, Dictionary]:
    """``pdf``'s structure tree root and Document element, made when it has none."""
    if Name.StructTreeRoot not in pdf.Root:
        tree_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, ParentTreeNextKey=0))
        tree_root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array()))
        tree_root.K = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=tree_root,
                                                   K=Array(), Lang=String(language)))
        pdf.Root.StructTreeRoot = tree_root
    tree_root = pdf.Root.StructTreeRoot
    return tree_root, tree_root.K


def _kids(element: Dictionary) -> list[Any]:
    """``element``'s kids (a single kid is written on its own, not in an array)."""
    kids = element.get(Name.K)
    return [] if kids is None else list(kids) if isinstance(kids, Array) else [kids]


def _append(element: Dictionary, kid: Any) -> None:
    kids = element.get(Name.K)
    if isinstance(kids, Array):
        kids.append(kid)
    else:
        element.K = Array([kid]) if kids is None else Array([kids, kid])


def _elements(element: Dictionary) -> Iterator[Dictionary]:
    yield element
    for kid in _kids(element):
        if isinstance(kid, Dictionary) and kid.get(Name.Type, Name.StructElem) == Name.StructElem \
                and Name.S in kid:
            yield from _elements(kid)


def graft(target: Pdf, source: Pdf, title: str, language: str) -> None:
    """Append ``source``'s pages to ``target`` with their structure, as a Part of its Document.

    The part keeps its language (a bilingual letter reads each half in its own) and its
    title; its marked content and annotations are numbered after ``target``'s own.
    """
    tree_root, document = _tree(target, language)
    first = len(target.pages)
    target.add_pages_from(source, forms="preserve", outlines="ignore")
    if Name.StructTreeRoot not in source.Root:
        raise ValueError("the part to bind is not a tagged PDF")
    source_root = source.Root.StructTreeRoot
    offset = int(tree_root.ParentTreeNextKey)
    part = source_root.K
    del part[Name.P]  # copy the part's elements, not its tree root
    part = target.copy_foreign(part)  # later copies of the same objects return these copies
    part.S = Name.Part
    part.P = document
    part.T = text_string(title)
    part.Lang = String(language)
    _append(document, part)
    source_nums = source_root.ParentTree.Nums
    owners = {int(source_nums[i]): source_nums[i + 1] for i in range(0, len(source_nums), 2)}
    for page in target.pages[first:]:
        if Name.StructParents in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annot in page.obj.get(Name.Annots, Array()):
            if Name.StructParent not in annot:
                continue
            key = int(annot.StructParent)
            # Copying the pages made their annotations anew (form fields are rebuilt): the
            # element that owns one is told which, by the key they share.
            owner = target.copy_foreign(owners[key])
            for kid in _kids(owner):
                if isinstance(kid, Dictionary) and kid.get(Name.Type) == Name.OBJR and \
                        int(kid.Obj.get(Name.StructParent, -1)) == key:
                    kid.Obj, kid.Pg = annot, page.obj
            annot.StructParent = key + offset
        if Name.Annots in page.obj:
            page.obj.Tabs = Name.S
    nums = tree_root.ParentTree.Nums
    for key, owner in sorted(owners.items()):
        nums.extend([key + offset, target.copy_foreign(owner)])
    tree_root.ParentTreeNextKey = offset + int(source_root.ParentTreeNextKey)
    # Identifiers stay unique: each part's are prefixed with its number.
    number = len(_kids(document))
    ids = source_root.get(Name.IDTree, Dictionary()).get(Name.Names, Array())
    if len(ids) and Name.IDTree not in tree_root:
        tree_root.IDTree = Dictionary(Names=Array())
    for index in range(1, len(ids), 2):
        element = target.copy_foreign(ids[index])
        element.ID = String(f"part{number}-{element.ID}")
        tree_root.IDTree.Names.extend([element.ID, element])


def bound(pdf: Pdf, title: str, language: str) -> None:
    """Finish a PDF bound from tagged parts: its identifier index in order, and what PDF/UA asks."""
    tree_root, _ = _tree(pdf, language)
    names = tree_root.get(Name.IDTree, Dictionary()).get(Name.Names)
    if names is not None:
        pairs = sorted(((bytes(names[i]), names[i + 1]) for i in range(0, len(names), 2)), key=lambda p: p[0])
        tree_root.IDTree = Dictionary(Names=Array([x for key, element in pairs for x in (String(key), element)]))
    identify(pdf, title, language)


def elements_by_id(pdf: Pdf) -> dict[str, Dictionary]:
    """The structure elements of ``pdf`` that have an identifier."""
    if Name.StructTreeRoot not in pdf.Root:
        return {}
    return {str(e.ID): e for e in _elements(pdf.Root.StructTreeRoot.K) if Name.ID in e}


def link_element(pdf: Pdf, owner: Dictionary, annot: Dictionary, page: Dictionary, description: str) -> None:
    """Make ``annot`` (a link on ``page`` added after tagging) a Link element in ``owner``."""
    tree_root = pdf.Root.StructTreeRoot
    key = int(tree_root.ParentTreeNextKey)
    link = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Link, P=owner,
                                        K=Dictionary(Type=Name.OBJR, Obj=annot, Pg=page)))
    _append(owner, link)
    annot.StructParent = key
    annot.Contents = text_string(description)
    tree_root.ParentTree.Nums.extend([key, link])
    tree_root.ParentTreeNextKey = key + 1
    page.Tabs = Name.S
