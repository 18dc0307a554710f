"""`lessonkit bundle` on the repository's curriculum: what a school board receives, and what it can check."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import posixpath
import re
import shutil
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pikepdf
import pytest
from conftest import REPO
from kitcopy import copy_curriculum

from lessonkit.building.build import build
from lessonkit.building.request import BuildRequest
from lessonkit.bundles import BundleError, BundleRequest
from lessonkit.bundles.assemble import assemble, keep_languages, site_files
from lessonkit.bundles.manifest import build_date
from lessonkit.cli import main
from lessonkit.lesson import parse_lesson
from lessonkit.project import load_project
from lessonkit.scaffold import slugify

EPOCH = "1794960000"  # 2026-11-18 00:00:00 UTC
# What the bundles are named after: the project and release of the repository's conf.py.
PROJECT = load_project(REPO)
PREFIX = f"{slugify(PROJECT.name)}-{PROJECT.version}"
TITLE = PROJECT.settings.board_name or PROJECT.name
NAME = f"{PREFIX}-teacher.zip"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def bundle(kit: Path, *args: str) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        code, out, err = run("-C", str(kit), "bundle", *args)
    assert (code, err) == (0, ""), err
    found = re.search(r"^bundled (\S+): (\d+) files", out, re.M)
    assert found, out
    return kit / found.group(1)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.addresses += [value for name, value in attrs if name in ("href", "src") and value]


def dangling_links(files: dict[str, bytes]) -> list[str]:
    """Every link of every page that leads to no file of the bundle (other sites are fine)."""
    found = []
    for name, data in files.items():
        if not name.endswith(".html"):
            continue
        parser = _Links()
        parser.feed(data.decode("utf-8"))
        for address in parser.addresses:
            parts = urlsplit(address)
            if parts.scheme or address.startswith("//") or not parts.path:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
            if target not in files:
                found.append(f"{name} -> {address}")
    return found


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_curriculum(tmp_path_factory.mktemp("bundle") / "curriculum")


@pytest.fixture(scope="module")
def teacher(kit: Path) -> Path:
    """The default bundle: both languages, every band, the teacher edition."""
    return bundle(kit)


def test_the_default_bundle_holds_the_site_in_both_languages(kit: Path, teacher: Path) -> None:
    assert teacher == kit / "build" / "bundles" / NAME
    files = members(teacher)
    for name in ("index.html", "manifest.json", "README.txt", "LISEZ-MOI.txt", "html/index.html",
                 "html/en/index.html", "html/fr/index.html", "html/en/search.html", "html/fr/searchindex.js",
                 "html/en/lessons/ages-8-10/be-an-upstander.html",
                 "html/fr/lessons/ages-14-17/financial-sextortion.html"):
        assert name in files, name
    chooser = files["index.html"].decode()
    assert 'href="html/en/index.html"' in chooser and 'href="html/fr/index.html"' in chooser
    assert "Choisissez la langue de la trousse" in chooser
    assert not [name for name in files if any(part.startswith(".") for part in name.split("/"))]
    assert not [name for name in files if name.endswith(".pdf") and not name.startswith("pdf/")]
    # the build that made it was done aside, and removed: build/html and build/pdf are not made
    left = sorted(p.name for p in (kit / "build").iterdir())
    assert not [n for n in left if n in ("html", "pdf") or n.startswith(".bundle-")], left
    sidecar = (kit / "build" / "bundles" / f"{NAME}.sha256").read_text(encoding="utf-8")
    assert sidecar == f"{hashlib.sha256(teacher.read_bytes()).hexdigest()}  {NAME}\n"


def _sections(element: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """The structure elements under ``element`` that are sections (a lesson block each)."""
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            if pikepdf.Name.Sect == kid.S:
                yield kid
            yield from _sections(kid)


def _pages_of(element: pikepdf.Dictionary, pdf: pikepdf.Pdf) -> set[int]:
    """The pages (numbered from 1) that hold ``element``'s content."""
    pages = {pikepdf.Page(element.Pg).index + 1} if "/Pg" in element else set()
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and ("/S" in kid or "/Pg" in kid):
            pages |= _pages_of(kid, pdf)
    return pages


def test_every_exit_ticket_prints_on_one_page_to_be_cut_out(teacher: Path) -> None:
    files = members(teacher)
    handouts = sorted(name for name in files if name.endswith("-handout.pdf"))
    assert handouts
    tickets = 0
    for name in handouts:
        with pikepdf.open(io.BytesIO(files[name])) as pdf:
            for section in _sections(pdf.Root.StructTreeRoot):
                if str(section.get("/T", "")).startswith(("Exit ticket", "Billet de sortie")):
                    tickets += 1
                    assert len(_pages_of(section, pdf)) == 1, name
    assert tickets >= len(handouts) // 2


def test_entries_are_sorted_with_fixed_times_and_permissions(teacher: Path) -> None:
    with zipfile.ZipFile(teacher) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(2026, 11, 18, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert not [i for i in infos if i.is_dir()]


def test_the_manifest_describes_the_curriculum_and_every_file(kit: Path, teacher: Path) -> None:
    files = members(teacher)
    manifest = json.loads(files["manifest.json"])
    assert manifest["format"] == "lessonkit-bundle/1"
    assert manifest["tool"] == {"name": "lessonkit", "version": "0.1.0"}
    assert manifest["curriculum"] == {"name": PROJECT.name, "version": PROJECT.version,
                                      "board": PROJECT.settings.board_name}
    assert (manifest["edition"], manifest["target"]) == ("teacher", "zip")
    assert manifest["build_date"] == "2026-11-18T00:00:00Z"
    assert manifest["languages"] == load_project(kit).settings.all_languages  # en, fr, es (ar with its extra)
    assert [band["id"] for band in manifest["bands"]] == ["ages-5-7", "ages-8-10", "ages-11-13", "ages-14-17"]
    # every file but the manifest itself, with its true size and SHA-256
    listed = {item["path"]: item for item in manifest["files"]}
    assert set(listed) == set(files) - {"manifest.json"}
    for name, item in listed.items():
        assert item["size"] == len(files[name]) and item["sha256"] == hashlib.sha256(files[name]).hexdigest()
    # every lesson, in band order, with its review date and its title in each language
    sources = {lesson.meta["id"]: lesson
               for lesson in (parse_lesson(path, path.name) for path in load_project(kit).lesson_files())}
    lessons = manifest["lessons"]
    assert sorted(lesson["id"] for lesson in lessons) == sorted(sources)
    assert [lesson["band"] for lesson in lessons] == sorted((lesson["band"] for lesson in lessons),
                                                            key=[b["id"] for b in manifest["bands"]].index)
    for lesson in lessons:
        assert lesson["reviewed"] == str(sources[lesson["id"]].meta["reviewed"])
        for language in ("en", "fr"):
            page = files[lesson["pages"][language]].decode()
            heading = re.search(r"<h1>(.*?)<a class=\"headerlink\"", page).group(1)
            assert lesson["titles"][language] == heading.replace("&amp;", "&")
            assert all(pdf in files for pdf in lesson["pdfs"][language])
    upstander = next(lesson for lesson in lessons if lesson["id"] == "be-an-upstander")
    assert upstander["titles"]["en"] == "Be an upstander" and upstander["titles"]["fr"] != "Be an upstander"


def test_the_readme_says_how_to_open_the_kit_in_both_languages(teacher: Path) -> None:
    files = members(teacher)
    english, french = files["README.txt"].decode(), files["LISEZ-MOI.txt"].decode()
    assert "How to open this kit" in english and "open index.html with a web browser" in english
    assert f"Teacher edition, version {PROJECT.version}, built on 2026-11-18" in english
    assert "Comment ouvrir cette trousse" in french and "ouvrez index.html avec un navigateur Web" in french
    assert f"Édition enseignante, version {PROJECT.version}, produite le 2026-11-18" in french
    for text in (english, french):
        assert f"\n    lessonkit verify {NAME}\n" in text
        # Notepad does not wrap: the text is broken at 76 characters; commands are never broken.
        assert max(len(line) for line in text.splitlines() if not line.startswith("    ")) <= 76


def test_no_page_links_to_a_file_the_bundle_lacks(teacher: Path) -> None:
    assert dangling_links(members(teacher)) == []


def test_verify_accepts_the_bundle_and_names_a_changed_page(kit: Path, teacher: Path, tmp_path: Path) -> None:
    code, out, err = run("verify", str(teacher))
    assert (code, err) == (0, "")
    languages = ", ".join(load_project(kit).settings.all_languages)
    assert re.search(rf"all \d+ files match the manifest \({re.escape(PROJECT.name)} {re.escape(PROJECT.version)}, "
                     rf"teacher edition, {languages}; built 2026-11-18T00:00:00Z\)", out)
    tampered = tmp_path / NAME
    with zipfile.ZipFile(teacher) as source, zipfile.ZipFile(tampered, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "html/fr/get-help.html":
                data = data.replace(b"Jeunesse", b"JEUNESSE")
            copy.writestr(info, data)
    code, _, err = run("verify", str(tampered))
    assert code == 1
    assert "html/fr/get-help.html: SHA-256 differs from the manifest" in err
    code, out, _ = run("verify", str(teacher), "--extract", str(tmp_path / "usb"))
    assert code == 0 and (tmp_path / "usb" / "index.html").is_file()
    assert (tmp_path / "usb" / "html" / "fr" / "get-help.html").read_bytes() == members(teacher)[
        "html/fr/get-help.html"]


def test_verify_rests_on_the_checksum_file_not_on_the_manifest_it_checks(teacher: Path, tmp_path: Path) -> None:
    code, out, _ = run("verify", str(teacher))
    assert code == 0 and f"integrity: checksum file matched ({teacher.name}.sha256)" in out
    # a page changed, and the manifest rewritten to match it, the .sha256 kept: the manifest agrees...
    forged = tmp_path / teacher.name
    with zipfile.ZipFile(teacher) as source:
        manifest = json.loads(source.read("manifest.json"))
        page = source.read("html/fr/get-help.html").replace(b"Jeunesse", b"JEUNESSE")
        for entry in manifest["files"]:
            if entry["path"] == "html/fr/get-help.html":
                entry["size"], entry["sha256"] = len(page), hashlib.sha256(page).hexdigest()
        with zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in source.infolist():
                data = {"manifest.json": json.dumps(manifest).encode(), "html/fr/get-help.html": page}.get(
                    info.filename, source.read(info))
                copy.writestr(info, data)
    shutil.copyfile(teacher.with_name(teacher.name + ".sha256"), forged.with_name(forged.name + ".sha256"))
    # ...but the checksum file does not: the copy is refused, and nothing is extracted
    code, _, err = run("verify", str(forged))
    assert code == 1 and f"{forged.name}: its SHA-256 is " in err and "the file changed after it was built" in err
    code, _, _ = run("verify", str(forged), "--extract", str(tmp_path / "usb"))
    usb = tmp_path / "usb"
    assert code == 1 and (not usb.exists() or not any(usb.iterdir()))
    # without a checksum file, the tool says what it cannot prove
    forged.with_name(forged.name + ".sha256").unlink()
    code, out, _ = run("verify", str(forged))
    assert code == 0 and "integrity not proven: no checksum file (.sha256) beside the bundle" in out


def test_a_subset_in_one_language_and_one_band_is_whole_and_reproducible(kit: Path) -> None:
    first = bundle(kit, "--lang", "fr", "--band", "ages-5-7")
    assert first.name == f"{PREFIX}-ages-5-7-fr-teacher.zip"
    data = first.read_bytes()
    files = members(first)
    manifest = json.loads(files["manifest.json"])
    assert manifest["languages"] == ["fr"] and [b["id"] for b in manifest["bands"]] == ["ages-5-7"]
    assert {lesson["band"] for lesson in manifest["lessons"]} == {"ages-5-7"} and len(manifest["lessons"]) == 4
    assert not [name for name in files if name.startswith(("html/en/", "pdf/en/"))]
    assert not [name for name in files if "/lessons/" in name and "/ages-5-7/" not in name]
    assert "LISEZ-MOI.txt" in files and "README.txt" not in files
    # no page offers the language or the bands left out
    assert dangling_links(files) == []
    assert not [name for name, page in files.items() if name.endswith(".html") and b'hreflang="en"' in page]
    # same sources, same SOURCE_DATE_EPOCH: the same bytes
    os.utime(kit / "lessons" / "ages-5-7" / "my-safe-adults.md")
    assert bundle(kit, "--lang", "fr", "--band", "ages-5-7").read_bytes() == data


def test_the_language_switcher_of_a_bundle_links_only_its_languages() -> None:
    switcher = ('<nav class="lk-language-nav" aria-label="Language">\n  <ul class="lk-languages">\n'
                '    <li><span aria-current="true" lang="en">English</span></li>\n'
                '    <li><a href="../fr/index.html" hreflang="fr" lang="fr">Fran&ccedil;ais</a></li>\n  </ul>\n</nav>')
    other = '<ul class="other"><li><a href="fr.html" hreflang="fr">Fr</a></li></ul>'  # not the switcher: kept
    page = f"<body>{switcher}\n{other}</body>"
    assert keep_languages(page, ["en"]) == page.replace(
        '\n    <li><a href="../fr/index.html" hreflang="fr" lang="fr">Fran&ccedil;ais</a></li>', "")
    assert keep_languages(page, ["en", "fr"]) == page


def test_bundle_sign_signs_the_manifest_with_the_boards_key(kit: Path, tmp_path: Path) -> None:
    assert run("keygen", str(tmp_path / "board"))[0] == 0
    signed = bundle(kit, "--lang", "fr", "--band", "ages-5-7", "--format", "html", "--sign", str(tmp_path / "board"),
                    "-o", str(tmp_path / "signed.zip"))
    files = members(signed)
    assert len(files["manifest.sig"]) == 64
    assert "manifest.sig" not in [entry["path"] for entry in json.loads(files["manifest.json"])["files"]]
    code, out, err = run("verify", str(signed), "--key", str(tmp_path / "board.pub"))
    assert (code, err) == (0, "")
    assert "integrity: checksum file matched (signed.zip.sha256); signature valid (key sha256:" in out
    # a public key for --sign, or a private key that is not conf.py's board key, is refused before any build
    code, _, err = run("-C", str(kit), "bundle", "--sign", str(tmp_path / "board.pub"))
    assert code == 2 and "is a public key; --sign needs the private one" in err
    assert run("keygen", str(kit / "keys" / "board"))[0] == 0
    conf = (kit / "conf.py").read_text(encoding="utf-8")
    try:
        (kit / "conf.py").write_text(conf + '\nlessonkit_signing_key = "keys/board.pub"\n', encoding="utf-8")
        code, _, err = run("-C", str(kit), "bundle", "--sign", str(tmp_path / "board"))
        assert code == 2 and "is not the private key of keys/board.pub (lessonkit_signing_key in conf.py)" in err
    finally:
        (kit / "conf.py").write_text(conf, encoding="utf-8")
        shutil.rmtree(kit / "keys")


def test_a_withdrawn_lesson_is_gone_from_the_next_bundle(tmp_path: Path) -> None:
    kit = copy_curriculum(tmp_path / "kit")
    before = members(bundle(kit, "--lang", "en", "--band", "ages-5-7"))
    assert [name for name in before if "cameras-and-screens" in name]
    (kit / "lessons" / "ages-5-7" / "cameras-and-screens.md").unlink()
    after = members(bundle(kit, "--lang", "en", "--band", "ages-5-7"))
    assert [name for name in after if "cameras-and-screens" in name] == []
    ids = [[lesson["id"] for lesson in json.loads(files["manifest.json"])["lessons"]] for files in (before, after)]
    assert ids[1] == [lesson for lesson in ids[0] if lesson != "cameras-and-screens"]


def test_without_source_date_epoch_the_newest_source_dates_the_bundle(kit: Path) -> None:
    project = load_project(kit)
    moment = datetime.datetime(2026, 10, 1, 8, 0, tzinfo=datetime.UTC).timestamp()
    for path in [kit / "conf.py", *(p for p in kit.rglob("*") if p.is_file() and "build" not in p.parts)]:
        os.utime(path, (moment - 3600, moment - 3600))
    os.utime(kit / "locale" / "fr" / "LC_MESSAGES" / "source" / "get-help.po", (moment, moment))
    assert build_date(project, {}) == datetime.datetime(2026, 10, 1, 8, 0, tzinfo=datetime.UTC)
    assert build_date(project, {"SOURCE_DATE_EPOCH": EPOCH}).isoformat() == "2026-11-18T00:00:00+00:00"


def test_bad_requests_are_usage_errors(kit: Path) -> None:
    for args, message in ((["--band", "ages-99"], "unknown band ages-99"),
                          (["--lang", "de"], "unknown language de"),
                          (["--format", "epub"], "unknown format epub"),
                          (["--format", "pdf"], "--format must include html")):
        code, _, err = run("-C", str(kit), "bundle", *args)
        assert code == 2 and message in err, err
    code, _, err = run("-C", str(kit), "bundle", "--target", "scorm")
    assert code == 2 and "invalid choice: 'scorm'" in err
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "yesterday")
        code, _, err = run("-C", str(kit), "bundle")
    assert code == 2 and "SOURCE_DATE_EPOCH must be a whole number of seconds" in err


def test_a_bundle_never_replaces_a_file_it_did_not_make_nor_lands_among_the_sources(
        kit: Path, teacher: Path, tmp_path: Path) -> None:
    conf = (kit / "conf.py").read_bytes()
    code, _, err = run("-C", str(kit), "bundle", "-o", str(kit / "conf.py"))
    assert code == 2 and "conf.py is inside the curriculum's sources" in err and "--force" in err
    code, _, err = run("-C", str(kit), "bundle", "-o", str(kit / "lessons" / "kit.zip"))
    assert code == 2 and "inside the curriculum's sources" in err
    notes = tmp_path / "notes.zip"
    notes.write_text("a teacher's own file", encoding="utf-8")
    code, _, err = run("-C", str(kit), "bundle", "-o", str(notes))
    assert code == 2 and "notes.zip exists and is not a bundle lessonkit made (no notes.zip.sha256" in err
    assert (kit / "conf.py").read_bytes() == conf and notes.read_text(encoding="utf-8") == "a teacher's own file"
    # a bundle lessonkit made (its .sha256 beside it) is replaced by the next one
    again = tmp_path / "again.zip"
    shutil.copyfile(teacher, again)
    shutil.copyfile(teacher.with_name(teacher.name + ".sha256"), again.with_name("again.zip.sha256"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert run("-C", str(kit), "-q", "bundle", "-o", str(again))[0] == 0


def test_a_lesson_with_errors_makes_no_bundle(tmp_path: Path, teacher: Path) -> None:
    kit = copy_curriculum(tmp_path / "kit")
    lesson = kit / "lessons" / "ages-8-10" / "be-an-upstander.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("band: ages-8-10", "band: ages-8"),
                      encoding="utf-8")
    code, _, err = run("-C", str(kit), "bundle")
    assert code == 1
    assert "[unknown-band]" in err and "no bundle was made" in err and "Traceback" not in err
    assert not (kit / "build" / "bundles").exists()


@pytest.fixture(scope="module")
def built(kit: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An HTML build of one band in both languages, made aside, before any bundle is packed from it."""
    root = tmp_path_factory.mktemp("built")
    build(load_project(kit), BuildRequest(formats=["html"], band="ages-14-17"), output_root=root)
    return root


DATE = datetime.datetime(2026, 11, 18, tzinfo=datetime.UTC)
BAND_REQUEST = BundleRequest(languages=["en", "fr"], band="ages-14-17", formats=["html", "pdf"])


def fake_pdfs(root: Path) -> list[str]:
    # Stand-ins for the kitpdf builder's output, so that this test does not depend on it:
    # the bundle must carry whatever build/pdf/ holds, and give students the handouts only.
    names = [f"pdf/{lang}/ages-14-17/{name}" for lang in ("en", "fr") for name in (
        "financial-sextortion-teacher.pdf", "financial-sextortion-handout.pdf", "financial-sextortion-family.pdf",
        "stopping-the-spread-handout.pdf")] + ["pdf/en/ages-14-17-kit.pdf", "pdf/fr/ages-14-17-kit.pdf"]
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"%PDF-1.7 stand-in")
    return names


def test_pdfs_are_bundled_when_built_and_students_get_handouts_only(kit: Path, built: Path,
                                                                     tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(built, root)
    pdfs = fake_pdfs(root)
    contents = assemble(load_project(kit), root, tmp_path / "overlay", BAND_REQUEST, DATE)
    assert contents.pdfs() == sorted(pdfs)
    lessons = {lesson.id: lesson for lesson in contents.lessons}
    assert lessons["financial-sextortion"].pdfs["fr"] == [
        f"pdf/fr/ages-14-17/financial-sextortion-{kind}.pdf" for kind in ("family", "handout", "teacher")]
    assert lessons["stopping-the-spread"].pdfs["en"] == ["pdf/en/ages-14-17/stopping-the-spread-handout.pdf"]
    assert sorted(name for name in site_files(root, "student", ["html", "pdf"]) if name.startswith("pdf/")) == sorted(
        name for name in pdfs if name.endswith("-handout.pdf"))


def test_a_dangling_link_or_a_network_load_stops_the_bundle(kit: Path, built: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(built, root)
    page = root / "html" / "fr" / "get-help.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", '<a href="lessons/ages-5-7/index.html">5-7</a><a href="#duty-to-report">duty</a>'
                   '<a href="index.html#no-such-part">home</a>'
                   '<script src="https://cdn.example.org/tracker.js"></script></body>'), encoding="utf-8")
    with pytest.raises(BundleError) as caught:
        assemble(load_project(kit), root, tmp_path / "overlay", BAND_REQUEST, DATE)
    assert [str(f) for f in caught.value.findings] == [
        "html/fr/get-help.html: link to lessons/ages-5-7/index.html leads nowhere: the bundle has no "
        "html/fr/lessons/ages-5-7/index.html",
        "html/fr/get-help.html: link to #duty-to-report leads nowhere: this page has no element with id "
        "'duty-to-report'",
        "html/fr/get-help.html: link to index.html#no-such-part leads nowhere: html/fr/index.html has no element "
        "with id 'no-such-part'",
        "html/fr/get-help.html: loads https://cdn.example.org/tracker.js from the network; "
        "a kit must work offline",
    ]
