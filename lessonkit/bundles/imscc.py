"""The IMS Common Cartridge target (web content): version 1.1 by default, 1.3 on request.

Moodle's importer recognises a cartridge by the 1.1 (or 1.0) namespace on the manifest's root and
validates it against the 1.1 schemas, so 1.1 is the default; 1.3 is for platforms that ask for it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lessonkit.building.chooser import home_page
from lessonkit.bundles import texts
from lessonkit.bundles.manifest import add_manifest
from lessonkit.bundles.model import MANIFEST, Contents, Lesson
from lessonkit.bundles.zipwriter import write_zip
from lessonkit.sphinxext.labels import band_name

XSI = "http://www.w3.org/2001/XMLSchema-instance"


@dataclass(frozen=True)
class Version:
    """The namespaces and schemas of one version of Common Cartridge."""

    number: str  # as in schemaversion: 1.1.0
    short: str  # as in names: 1p1

    @property
    def namespace(self) -> str:
        return f"http://www.imsglobal.org/xsd/imscc{self.tag}/imscp_v1p1"

    @property
    def tag(self) -> str:
        return f"v{self.short}"

    def lom(self, part: str) -> str:
        return f"http://ltsc.ieee.org/xsd/imscc{self.tag}/LOM/{part}"

    @property
    def schema_location(self) -> str:
        profile = f"http://www.imsglobal.org/profile/cc/cc{self.tag}"
        return " ".join([
            self.namespace, f"{profile}/cc{self.tag}_imscp_v1p2_v1p0.xsd",
            self.lom("manifest"), f"{profile}/LOM/cc{self.tag}_lommanifest_v1p0.xsd",
            self.lom("resource"), f"{profile}/LOM/cc{self.tag}_lomresource_v1p0.xsd",
        ])


# by target name: `imscc` is the version Moodle reads
VERSIONS = {"imscc": Version("1.1.0", "1p1"), "imscc13": Version("1.3.0", "1p3")}
CARTRIDGE_MANIFEST = "imsmanifest.xml"


# Names are written with their prefixes, declared once on the root: ElementTree's own namespace
# handling would need its process-wide prefix registry.
def _cc(tag: str) -> str:
    return tag


def _lom(tag: str) -> str:
    return f"lomimscc:{tag}"


class _Identifiers:
    """XML ids (letters, digits, '_', '-', '.'; a letter first), each given once."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, prefix: str, *parts: str) -> str:
        base = re.sub(r"[^A-Za-z0-9_.-]", "_", "_".join([prefix, *parts]))
        ident, number = base, 1
        while ident in self.used:
            number += 1
            ident = f"{base}_{number}"
        self.used.add(ident)
        return ident


class _Cartridge:
    """Builds imsmanifest.xml from a bundle's contents."""

    def __init__(self, contents: Contents, version: Version) -> None:
        self.contents, self.version = contents, version
        self.ids = _Identifiers()
        # Moodle looks for xmlns=<the 1.1 namespace> in the manifest's first 1024 bytes: keep it near the top
        self.root = ET.Element(_cc("manifest"), {
            "xmlns": version.namespace, "identifier": self.ids("M", "lessonkit"),
            "xmlns:lomimscc": version.lom("manifest"), "xmlns:xsi": XSI,
            "xsi:schemaLocation": version.schema_location})
        self._metadata()
        organizations = ET.SubElement(self.root, _cc("organizations"))
        organization = ET.SubElement(organizations, _cc("organization"),
                                     {"identifier": self.ids("O", "kit"), "structure": "rooted-hierarchy"})
        self.top = ET.SubElement(organization, _cc("item"), {"identifier": self.ids("I", "root")})
        self.resources = ET.SubElement(self.root, _cc("resources"))

    def _metadata(self) -> None:
        contents, language = self.contents, self.contents.languages[0]
        metadata = ET.SubElement(self.root, _cc("metadata"))
        ET.SubElement(metadata, _cc("schema")).text = "IMS Common Cartridge"
        ET.SubElement(metadata, _cc("schemaversion")).text = self.version.number
        general = ET.SubElement(ET.SubElement(metadata, _lom("lom")), _lom("general"))
        title = f"{texts.kit_title(contents.project, [language])} ({texts.edition_name(contents.audience, language)})"
        ET.SubElement(ET.SubElement(general, _lom("title")), _lom("string"), {"language": language}).text = title
        for code in contents.languages:
            ET.SubElement(general, _lom("language")).text = code

    def resource(self, ident: str, href: str, files: list[str], depends: Sequence[str] = ()) -> str:
        element = ET.SubElement(self.resources, _cc("resource"),
                                {"identifier": ident, "type": "webcontent", "href": href})
        for name in files:
            ET.SubElement(element, _cc("file"), {"href": name})
        for other in depends:
            ET.SubElement(element, _cc("dependency"), {"identifierref": other})
        return ident

    def build(self) -> bytes:
        contents = self.contents
        lesson_pages = {page for lesson in contents.lessons for page in lesson.pages.values()}
        pdf_ids = {name: self.resource(self.ids("R_pdf", name), name, [name]) for name in contents.pdfs()}
        self.resource(self.ids("R", "kit"), "index.html", ["index.html", "html/index.html", MANIFEST])
        sites = {}
        for language in contents.languages:
            folder = f"html/{language}/"
            files = [n for n in contents.files if n.startswith(folder) and n not in lesson_pages]
            depends = [pdf_ids[n] for n in pdf_ids if n.startswith(f"pdf/{language}/")]
            home = f"{folder}{home_page(contents.project, language)}"  # a family language's: its families page
            sites[language] = self.resource(self.ids("R_site", language), home, files, depends)
        for band in contents.bands:
            self._band(band, [lesson for lesson in contents.lessons if lesson.band == band], sites, pdf_ids)
        ET.indent(self.root)
        return ET.tostring(self.root, encoding="utf-8", xml_declaration=True) + b"\n"

    def _band(self, band: str, lessons: list[Lesson], sites: dict[str, str], pdf_ids: dict[str, str]) -> None:
        ages = self.contents.project.settings.band(band).ages
        # in the languages of its items: a family language has no lesson page to list
        shown = [lang for lang in self.contents.languages if any(lang in lesson.pages for lesson in lessons)]
        names = dict.fromkeys(band_name(ages, texts.words(lang)) for lang in shown or self.contents.languages)
        item = ET.SubElement(self.top, _cc("item"), {"identifier": self.ids("I_band", band)})
        ET.SubElement(item, _cc("title")).text = " / ".join(names)
        for language in self.contents.languages:
            for lesson in lessons:
                if language not in lesson.pages:
                    continue  # a family language has the lesson's letter (a PDF of its site), not its page
                depends = [sites[language], *(pdf_ids[name] for name in lesson.pdfs[language])]
                ref = self.resource(self.ids("R", language, lesson.id), lesson.pages[language],
                                    [lesson.pages[language]], depends)
                child = ET.SubElement(item, _cc("item"), {"identifier": self.ids("I", language, lesson.id),
                                                          "identifierref": ref})
                ET.SubElement(child, _cc("title")).text = lesson.titles[language]


def pack(contents: Contents, target: Path, name: str = "imscc") -> None:
    """A cartridge: imsmanifest.xml, the site and the PDFs as web content, and manifest.json."""
    contents.add(CARTRIDGE_MANIFEST, _Cartridge(contents, VERSIONS[name]).build())
    add_manifest(contents, name)
    write_zip(target, [(file, contents.path(file)) for file in contents.files], contents.date)


def pack_v1p3(contents: Contents, target: Path) -> None:
    """The same cartridge as Common Cartridge 1.3."""
    pack(contents, target, "imscc13")
