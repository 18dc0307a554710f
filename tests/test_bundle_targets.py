"""The other offline targets, opened with their real readers: ZIM (libzim), Kolibri, Common Cartridge."""

from __future__ import annotations

import hashlib
import json
import re
import struct
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from kitcopy import copy_curriculum
from libzim.reader import Archive
from libzim.search import Query, Searcher
from lxml import etree
from test_bundle import PREFIX, PROJECT, TITLE, bundle, dangling_links, members, run

from lessonkit.scaffold import slugify

CC = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
LOM = "{http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
CC11_SCHEMA = Path(__file__).parent / "schemas" / "cc11" / "ccv1p1_imscp_v1p2_v1p0.xsd"


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_curriculum(tmp_path_factory.mktemp("targets") / "curriculum")


@pytest.fixture(scope="module")
def zim(kit: Path) -> Archive:
    path = bundle(kit, "--target", "zim", "--band", "ages-14-17")
    assert path.name == f"{PREFIX}-ages-14-17-teacher.zim"
    return Archive(path)


def test_the_zim_has_the_metadata_kiwix_requires(zim: Archive) -> None:
    meta = {key: bytes(zim.get_metadata(key)).decode() for key in zim.metadata_keys if not key.startswith("Illus")}
    assert meta["Name"] == f"{slugify(PROJECT.name)}_mul_teacher"
    assert meta["Title"] == TITLE[:30] and len(meta["Title"]) <= 30
    assert meta["Language"] in ("eng,fra,spa", "eng,fra,spa,ara")  # Arabic where its PDFs can be made
    assert meta["Creator"] and meta["Publisher"]
    assert meta["Date"] == "2026-11-18"
    assert meta["Description"] == f"{TITLE}: Digital-safety lessons, ages 14–17 (teacher edition)"
    assert meta["LongDescription"] == meta["Description"]
    assert len(meta["Description"]) <= 80
    assert "Illustration_48x48@1" in zim.metadata_keys and zim.has_illustration(48)
    png = bytes(zim.get_illustration_item(48).content)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and struct.unpack(">II", png[16:24]) == (48, 48)
    assert zim.check()  # libzim's own checksum of the whole file


def test_the_zim_opens_on_the_chooser_and_holds_every_file(zim: Archive) -> None:
    assert zim.has_main_entry and zim.main_entry.get_item().path == "index.html"
    chooser = bytes(zim.main_entry.get_item().content).decode()
    assert 'href="html/en/index.html"' in chooser and 'href="html/fr/index.html"' in chooser
    manifest = json.loads(bytes(zim.get_entry_by_path("manifest.json").get_item().content))
    assert manifest["target"] == "zim"
    for item in manifest["files"]:
        entry = zim.get_entry_by_path(item["path"]).get_item()
        assert hashlib.sha256(bytes(entry.content)).hexdigest() == item["sha256"], item["path"]
    page = zim.get_entry_by_path("html/fr/lessons/ages-14-17/stopping-the-spread.html").get_item()
    title = next(lesson["titles"]["fr"] for lesson in manifest["lessons"] if lesson["id"] == "stopping-the-spread")
    assert page.mimetype == "text/html" and page.title.startswith(f"{title} - ")


def test_the_zim_has_a_full_text_index_in_both_languages(zim: Archive) -> None:
    assert zim.has_fulltext_index and zim.has_title_index
    for word, page in (("sextortion", "html/en/lessons/ages-14-17/financial-sextortion.html"),
                       ("sextorsion", "html/fr/lessons/ages-14-17/financial-sextortion.html"),
                       ("consent", "html/en/lessons/ages-14-17/consent-law-and-images.html")):
        search = Searcher(zim).search(Query().set_query(word))
        assert page in list(search.getResults(0, search.getEstimatedMatches())), word


def test_verify_checks_a_zim_and_its_checksum(zim: Archive, tmp_path: Path) -> None:
    code, out, err = run("verify", str(zim.filename))
    assert (code, err) == (0, "") and "files match the manifest" in out
    damaged = tmp_path / "damaged.zim"
    data = bytearray(Path(zim.filename).read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    code, _, err = run("verify", str(damaged))
    assert code == 1 and "damaged.zim: its checksum does not match: the file was changed or damaged" in err
    code, _, err = run("verify", str(zim.filename), "--extract", str(tmp_path / "out"))
    assert code == 2 and "is a ZIM file: Kiwix reads it as it is, there is nothing to extract" in err


def test_kolibri_gets_an_html5_app_with_nothing_from_the_network(kit: Path) -> None:
    made = bundle(kit, "--target", "kolibri", "--band", "ages-5-7")
    assert made.name == f"{PREFIX}-ages-5-7-teacher-kolibri.zip"
    files = members(made)
    assert "index.html" in files and 'href="html/fr/index.html"' in files["index.html"].decode()
    assert json.loads(files["manifest.json"])["target"] == "kolibri"
    assert not [name for name in files if name.endswith(".txt") and "/" not in name]  # no README in an app
    assert dangling_links(files) == []
    network = re.compile(r"""(?:<(?:script|img|iframe|audio|video|source|embed)\b[^>]*\ssrc|<link\b[^>]*\shref)"""
                         r"""\s*=\s*["']?(?:https?:)?//""", re.I)
    remote_css = re.compile(r"""(?:url\(|@import)\s*["']?(?:https?:)?//""", re.I)
    remote_js = re.compile(r"""(?:fetch|XMLHttpRequest|importScripts|import)\s*\(\s*["'`](?:https?:)?//""")
    for name, data in files.items():
        text = data.decode("utf-8", errors="replace")
        if name.endswith(".html"):
            assert not network.search(text), name
        elif name.endswith(".css"):
            assert not remote_css.search(text), name
        elif name.endswith(".js"):
            assert not remote_js.search(text), name
    assert bundle(kit, "--target", "kolibri", "--band", "ages-5-7").read_bytes() == made.read_bytes()
    assert run("verify", str(made))[0] == 0


@pytest.fixture(scope="module")
def cartridge(kit: Path) -> tuple[ET.Element, dict[str, bytes]]:
    path = bundle(kit, "--target", "imscc")
    assert path.name == f"{PREFIX}-teacher.imscc"
    assert run("verify", str(path))[0] == 0
    files = members(path)
    return ET.fromstring(files["imsmanifest.xml"]), files


def test_the_cartridge_declares_common_cartridge_1_1(cartridge: tuple[ET.Element, dict[str, bytes]]) -> None:
    root, _ = cartridge
    assert root.tag == f"{CC}manifest"
    assert root.findtext(f"{CC}metadata/{CC}schema") == "IMS Common Cartridge"
    assert root.findtext(f"{CC}metadata/{CC}schemaversion") == "1.1.0"
    locations = root.get(f"{XSI}schemaLocation").split()
    pairs = dict(zip(locations[::2], locations[1::2], strict=True))
    assert pairs["http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"].endswith("/ccv1p1_imscp_v1p2_v1p0.xsd")
    assert pairs["http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"].endswith("/ccv1p1_lommanifest_v1p0.xsd")
    title = root.findtext(f"{CC}metadata/{LOM}lom/{LOM}general/{LOM}title/{LOM}string")
    assert title == f"{TITLE} (Teacher edition)"


def test_the_cartridge_manifest_validates_against_the_common_cartridge_1_1_schemas(
        cartridge: tuple[ET.Element, dict[str, bytes]]) -> None:
    _, files = cartridge
    schema = etree.XMLSchema(etree.parse(str(CC11_SCHEMA)))
    valid = schema.validate(etree.fromstring(files["imsmanifest.xml"]))
    assert valid, "\n".join(f"{e.line}: {e.message}" for e in schema.error_log)


def test_moodle_recognises_the_cartridge_as_common_cartridge_1_1(
        cartridge: tuple[ET.Element, dict[str, bytes]]) -> None:
    """Moodle's imscc11 converter (backup/converter/imscc11/lib.php, detect_format) reads the manifest's
    first 1024 bytes, lowercased, without white space or quotes, and looks for the 1.1 namespace."""
    _, files = cartridge
    snippet = re.sub(r"\s*", "", files["imsmanifest.xml"][:1024].decode("utf-8", "replace").lower())
    snippet = snippet.replace("'", "").replace('"', "")
    assert "xmlns=http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" in snippet


def test_a_common_cartridge_1_3_on_request(kit: Path) -> None:
    path = bundle(kit, "--target", "imscc13", "--band", "ages-5-7", "--format", "html")
    assert path.name == f"{PREFIX}-ages-5-7-teacher-cc13.imscc"
    files = members(path)
    root = ET.fromstring(files["imsmanifest.xml"])
    cc13 = "{http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1}"
    assert root.tag == f"{cc13}manifest" and root.findtext(f"{cc13}metadata/{cc13}schemaversion") == "1.3.0"
    locations = root.get(f"{XSI}schemaLocation").split()
    assert locations[1] == "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd"
    assert json.loads(files["manifest.json"])["target"] == "imscc13"
    assert {r.get("type") for r in root.iter(f"{cc13}resource")} == {"webcontent"}


def test_the_cartridge_has_an_item_per_band_and_lesson(cartridge: tuple[ET.Element, dict[str, bytes]]) -> None:
    root, files = cartridge
    manifest = json.loads(files["manifest.json"])
    organizations = root.findall(f"{CC}organizations/{CC}organization")
    assert len(organizations) == 1 and organizations[0].get("structure") == "rooted-hierarchy"
    (top,) = organizations[0].findall(f"{CC}item")
    bands = top.findall(f"{CC}item")
    assert [band.findtext(f"{CC}title") for band in bands] == [
        "Ages 5 to 7 / De 5 à 7 ans", "Ages 8 to 10 / De 8 à 10 ans", "Ages 11 to 13 / De 11 à 13 ans",
        "Ages 14 to 17 / De 14 à 17 ans"]
    resources = {r.get("identifier"): r for r in root.iter(f"{CC}resource")}
    for band, expected in zip(bands, [b["id"] for b in manifest["bands"]], strict=True):
        lessons = [lesson for lesson in manifest["lessons"] if lesson["band"] == expected]
        items = band.findall(f"{CC}item")
        assert [item.findtext(f"{CC}title") for item in items] == [
            lesson["titles"][lang] for lang in ("en", "fr") for lesson in lessons]
        for item in items:
            assert not item.findall(f"{CC}item")  # an item that opens a resource holds no other item
            resource = resources[item.get("identifierref")]
            assert resource.get("href") in [lesson["pages"][lang] for lesson in lessons for lang in ("en", "fr")]


def test_every_identifier_is_unique_and_every_reference_resolves(
        cartridge: tuple[ET.Element, dict[str, bytes]]) -> None:
    root, files = cartridge
    identifiers = [element.get("identifier") for element in root.iter() if element.get("identifier")]
    assert [i for i, n in Counter(identifiers).items() if n > 1] == []
    assert all(re.match(r"^[A-Za-z_][\w.-]*$", i) for i in identifiers)  # XML ids
    resources = {r.get("identifier"): r for r in root.iter(f"{CC}resource")}
    for element in root.iter():
        if element.get("identifierref"):
            assert element.get("identifierref") in resources
    listed: list[str] = []
    for resource in resources.values():
        assert resource.get("type") == "webcontent"
        hrefs = [f.get("href") for f in resource.findall(f"{CC}file")]
        assert resource.get("href") in hrefs
        listed += hrefs
    assert [href for href in listed if href not in files] == []  # every href is in the zip
    assert sorted(listed) == sorted(set(files) - {"imsmanifest.xml"})  # and every file once, in a resource
    pdfs = [name for name in files if name.endswith(".pdf")]
    assert all(any(r.get("href") == pdf for r in resources.values()) for pdf in pdfs)
