"""Reading a tagged PDF back as a reader would: its structure tree, its text and its checks.

The structure and its text come from poppler (``pdfinfo -struct-text``), an independent
reader; the links between the tree, the pages and the annotations are checked with pikepdf.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


@dataclass
class Node:
    """A structure element as poppler reads it: its role, attributes and text, and its kids."""

    role: str
    depth: int
    attributes: list[str] = field(default_factory=list)
    text: str = ""
    kids: list[Node] = field(default_factory=list)

    def walk(self) -> list[Node]:
        return [self, *(node for kid in self.kids for node in kid.walk())]

    def all_text(self) -> str:
        return " ".join(part for part in (self.text, *(kid.all_text() for kid in self.kids)) if part)

    def find(self, role: str) -> list[Node]:
        return [node for node in self.walk() if node.role == role]


_ELEMENT = re.compile(r'^(\s*)([A-Za-z0-9]+)(?: <[^>]*>)?(?: "(.*)")?(?: \((block|inline)\))?:?$')


def structure(pdf: Path) -> Node:
    """The structure tree of ``pdf``, with each element's text, as poppler reads it."""
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is missing: apt-get install poppler-utils (.ci/run does it)")
    out = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], capture_output=True, check=True).stdout
    root = Node("", -1)
    stack = [root]
    for raw in out.decode("utf-8", "replace").splitlines():
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip())
        line = raw.strip()
        if line.startswith('"') and line.endswith('"'):
            stack[-1].text = (stack[-1].text + " " + line[1:-1]).strip()
            continue
        if line.startswith("/") or line.startswith("Object "):
            stack[-1].attributes.append(line)
            continue
        match = _ELEMENT.match(raw)
        if match is None:
            continue
        node = Node(match.group(2), indent)
        while stack[-1].depth >= indent:
            stack.pop()
        stack[-1].kids.append(node)
        stack.append(node)
    assert len(root.kids) == 1, "a tagged PDF has one root element"
    return root.kids[0]


def outline_of(node: Node, roles: tuple[str, ...]) -> list[tuple[str, str]]:
    """(role, text) of the elements of ``roles``, in reading order."""
    return [(n.role, " ".join(n.all_text().split())) for n in node.walk() if n.role in roles]


def _elements(element: Dictionary) -> list[Dictionary]:
    found = [element]
    kids = element.get(Name.K)
    for kid in kids if isinstance(kids, Array) else [kids]:
        if isinstance(kid, Dictionary) and Name.S in kid:
            found += _elements(kid)
    return found


def _kids(element: Dictionary) -> list[object]:
    kids = element.get(Name.K)
    return list(kids) if isinstance(kids, Array) else [] if kids is None else [kids]


def check_tagged(path: Path) -> list[str]:
    """What is wrong with how ``path`` is tagged (empty when nothing is)."""
    problems = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if root.get(Name.MarkInfo, {}).get(Name.Marked) is not True:
            problems.append("not marked as tagged")
        if not str(root.get(Name.Lang, "")):
            problems.append("no document language")
        if root.get(Name.ViewerPreferences, {}).get(Name.DisplayDocTitle) is not True:
            problems.append("the file name is shown instead of the title")
        meta = pdf.open_metadata()
        if meta.get("pdfuaid:part") != "1" or not meta.get("dc:title"):
            problems.append("no PDF/UA identification or title in the XMP metadata")
        tree = root.StructTreeRoot
        parents = tree.ParentTree.Nums
        parent_tree = {int(parents[i]): parents[i + 1] for i in range(0, len(parents), 2)}
        elements = _elements(tree.K)
        owners: dict[tuple[tuple[int, int], int], Dictionary] = {}  # (page, mcid) -> element
        objects: dict[tuple[int, int], Dictionary] = {}  # annotation -> element
        for element in elements:
            for kid in _kids(element):
                if isinstance(kid, int):
                    owners[(element.Pg.objgen, kid)] = element
                elif isinstance(kid, Dictionary) and kid.get(Name.Type) == Name.MCR:
                    owners[(kid.Pg.objgen, int(kid.MCID))] = element
                elif isinstance(kid, Dictionary) and kid.get(Name.Type) == Name.OBJR:
                    objects[kid.Obj.objgen] = element
            if str(element.S) == "/Figure" and not str(element.get(Name.Alt, "")).strip():
                problems.append("a figure without alternate text")
        for number, page in enumerate(pdf.pages, 1):
            marks = _marked_content(page)
            for mcid in marks.mcids:
                element = owners.get((page.obj.objgen, mcid))
                if element is None:
                    problems.append(f"page {number}: MCID {mcid} belongs to no element")
                elif parent_tree[int(page.obj.StructParents)][mcid].objgen != element.objgen:
                    problems.append(f"page {number}: the parent tree does not lead MCID {mcid} to its element")
            if marks.unmarked:
                problems.append(f"page {number}: {marks.unmarked} text operators neither tagged nor artifacts")
            annots = list(page.obj.get(Name.Annots, Array()))
            if annots and page.obj.get(Name.Tabs) != Name.S:
                problems.append(f"page {number}: tab order does not follow the structure")
            for annot in annots:
                subtype = annot.get(Name.Subtype)
                element = objects.get(annot.objgen)
                if element is None:
                    problems.append(f"page {number}: a {subtype} annotation is not in the structure")
                elif parent_tree.get(int(annot.get(Name.StructParent, -1))) is None or \
                        parent_tree[int(annot.StructParent)].objgen != element.objgen:
                    problems.append(f"page {number}: the parent tree does not lead a {subtype} to its element")
                if subtype == Name.Link and not str(annot.get(Name.Contents, "")).strip():
                    problems.append(f"page {number}: a link without a description")
                if subtype == Name.Widget and not str(annot.get(Name.TU, "")).strip():
                    problems.append(f"page {number}: a form field without an accessible name")
    return problems


@dataclass
class Marks:
    mcids: list[int] = field(default_factory=list)
    artifact_text: int = 0  # text-showing operators inside artifacts
    unmarked: int = 0  # text-showing operators outside any marked content


def _marked_content(page: pikepdf.Page) -> Marks:
    marks = Marks()
    stack: list[str] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            stack.append(tag)
            if op == "BDC" and isinstance(operands[1], Dictionary) and Name.MCID in operands[1]:
                marks.mcids.append(int(operands[1].MCID))
        elif op == "EMC":
            stack.pop()
        elif op in TEXT_SHOWING:
            if not stack:
                marks.unmarked += 1
            elif "/Artifact" in stack:
                marks.artifact_text += 1
    return marks


def artifact_text_per_page(path: Path) -> list[int]:
    """How many text-showing operators each page draws as artifacts (running header and footer)."""
    with pikepdf.open(path) as pdf:
        return [_marked_content(page).artifact_text for page in pdf.pages]


def pdfua_findings(path: Path) -> list[str]:
    """What the ``pdfua`` checker finds in ``path``, errors and warnings alike, and rules it could not run."""
    from pdfua import validate

    report = validate(str(path))
    found = [f"{f.rule_id}: {f.message}" for f in report.findings]
    return found + [f"{o.rule_id} not evaluated: {o.skipped_reason}" for o in report.skipped]
