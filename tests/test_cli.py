"""The command line, in-process: init, new, build and i18n as a user runs them."""

from __future__ import annotations

import datetime
import io
import json
import os
import re
import shutil
from pathlib import Path

import polib
import pytest

from lessonkit.cli import main
from lessonkit.scaffold import PLACEHOLDER, STARTER, slugify

REPO = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A curriculum made by `lessonkit init`, built once in both languages."""
    root = tmp_path_factory.mktemp("board") / "kit"
    assert run("init", str(root))[0] == 0
    code, out, err = run("-C", str(root), "build", "--format", "html")
    assert (code, err) == (0, ""), err
    assert "[1/2] English HTML" in out and "[2/2] Français HTML" in out
    return root


def test_init_makes_a_curriculum_that_checks_clean(board: Path) -> None:
    for path in ("conf.py", "source/index.md", "source/get-help.md", "lessons/ages-5-7/index.md",
                 "locale/fr/LC_MESSAGES/source/get-help.po"):
        assert (board / path).is_file(), path
    assert len(list((board / "lessons").glob("*/*.md"))) == 8  # four bands: a page and a lesson each
    assert run("-C", str(board), "check")[0] == 0


def test_init_refuses_a_folder_in_use(board: Path, tmp_path: Path) -> None:
    code, _, err = run("init", str(board))
    assert code == 2 and "already holds a curriculum" in err
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("init", str(tmp_path))
    assert code == 2 and "is not empty" in err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_build_writes_both_languages_and_a_chooser(board: Path) -> None:
    html = board / "build" / "html"
    chooser = (html / "index.html").read_text(encoding="utf-8")
    assert 'href="en/index.html"' in chooser and 'href="fr/index.html"' in chooser
    assert "Choisissez la langue de la trousse" in chooser
    french = (html / "fr" / "lessons" / "ages-8-10" / "private-information-and-livestreaming.html")
    page = french.read_text(encoding="utf-8")
    assert 'lang="fr"' in page and "Objectifs d’apprentissage" in page
    assert 'href="../../../en/lessons/ages-8-10/private-information-and-livestreaming.html"' in page
    home = (html / "fr" / "index.html").read_text(encoding="utf-8")
    assert "maternelle à 2e année" in home and "6e année à secondaire 2" in home
    assert not list(html.glob("*/source"))
    # the starter is fully translated: no page may say otherwise
    assert not [p for p in (html / "fr").rglob("*.html") if "pas encore traduite" in p.read_text("utf-8")]


def test_a_failed_build_keeps_the_previous_output(board: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(board, copy)
    before = {p: p.stat().st_mtime_ns for p in (copy / "build" / "html").rglob("*.html")}
    lesson = next((copy / "lessons" / "ages-5-7").glob("my-*.md"))
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("band: ages-5-7", "band: ages-5"),
                      encoding="utf-8")
    code, _, err = run("-C", str(copy), "build", "--format", "html")
    assert code == 1
    assert "[unknown-band]" in err and "the previous output is untouched" in err
    assert {p: p.stat().st_mtime_ns for p in (copy / "build" / "html").rglob("*.html")} == before
    assert "Traceback" not in err


def test_a_sphinx_warning_fails_the_build_and_keeps_the_output(board: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(board, copy)
    page = copy / "source" / "families.md"
    # a heading that does not exist: the check reads links to pages, Sphinx their headings
    page.write_text(page.read_text(encoding="utf-8") + "\n[broken](get-help.md#nowhere)\n", encoding="utf-8")
    code, _, err = run("-C", str(copy), "build", "--format", "html", "--lang", "en")
    assert code == 1
    assert re.search(r"source/families\.md:\d+: WARNING: .*nowhere", err)
    assert (copy / "build" / "html" / "en" / "families.html").exists()


def test_build_options_are_checked(board: Path) -> None:
    assert run("-C", str(board), "build", "--lang", "de")[0] == 2
    code, _, err = run("-C", str(board), "build", "--band", "ages-99")
    assert code == 2 and "unknown band ages-99" in err
    code, _, err = run("-C", str(board), "build", "--format", "epub")
    assert code == 2 and "unknown format epub" in err


def test_build_one_band_in_one_language(board: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(board, copy, ignore=shutil.ignore_patterns("build"))
    code, _, err = run("-C", str(copy), "build", "--format", "html", "--lang", "fr", "--band", "ages-8-10")
    assert (code, err) == (0, "")
    site = copy / "build" / "html"
    assert (site / "fr" / "lessons" / "ages-8-10" / "index.html").exists()
    assert not (site / "fr" / "lessons" / "ages-5-7").exists() and not (site / "en").exists()


def test_new_lesson_has_every_block_and_refuses_to_overwrite(board: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(board, copy, ignore=shutil.ignore_patterns("build"))
    code, out, _ = run("-C", str(copy), "new", "--band", "ages-8-10", "Les mots de passe, c’est privé !")
    assert code == 0 and "lessons/ages-8-10/les-mots-de-passe-c-est-prive.md" in out
    text = (copy / "lessons" / "ages-8-10" / "les-mots-de-passe-c-est-prive.md").read_text(encoding="utf-8")
    for block in ("summary", "objectives", "success-criteria", "vocabulary", "materials", "teacher-note",
                  "accommodations", "rubric", "activity", "video",
                  "discussion", "handout", "answer-lines", "answer-key", "exit-ticket", "extension",
                  "family-letter", "get-help"):
        assert f":{{{block}}}" in text, block
    assert f"reviewed: {datetime.date.today().isoformat()}" in text
    code, found, _ = run("-C", str(copy), "check")  # the template's [[placeholders]] must not ship
    assert code == 1 and "[template-placeholder]" in found
    video = text[text.index(":::{video}"):text.index(":::\n", text.index(":::{video}")) + 4]
    filled = PLACEHOLDER.sub(lambda found: found.group()[2:-2], text.replace(video, ""))
    (copy / "lessons" / "ages-8-10" / "les-mots-de-passe-c-est-prive.md").write_text(filled, encoding="utf-8")
    code, found, _ = run("-C", str(copy), "check")
    assert code == 0 and ": error: " not in found
    code, _, err = run("-C", str(copy), "new", "--band", "ages-8-10", "Les mots de passe, c’est privé !")
    assert code == 2 and "already exists" in err
    assert run("-C", str(copy), "new", "--band", "nope", "Title")[0] == 2


def test_slugify() -> None:
    assert slugify("Stop, block & tell!") == "stop-block-tell"
    assert slugify("Œuvres à l’école") == "oeuvres-a-l-ecole"


def test_help_and_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("lessonkit ")
    code, out, _ = run()
    assert code == 2 and "exit codes: 0 success, 1 content errors found, 2 usage errors" in out


def test_i18n_update_keeps_work_and_marks_changes_fuzzy(board: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Without GNU gettext on PATH (as on a teacher's Windows or macOS machine)."""
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert shutil.which("msgmerge") is None and shutil.which("msgfmt") is None
    copy = tmp_path / "kit"
    shutil.copytree(board, copy, ignore=shutil.ignore_patterns("build"))
    catalog = copy / "locale" / "fr" / "LC_MESSAGES" / "source" / "get-help.po"
    before = catalog.read_text(encoding="utf-8")
    code, out, _ = run("-C", str(copy), "i18n", "update")
    assert code == 0 and "0 catalog(s) changed" in out
    assert catalog.read_text(encoding="utf-8") == before
    page = copy / "source" / "get-help.md"
    first = polib.pofile(str(catalog))[1]
    page.write_text(page.read_text(encoding="utf-8").replace(first.msgid.split(" ")[0], "Whenever", 1),
                    encoding="utf-8")
    assert run("-C", str(copy), "i18n", "update")[0] == 0
    updated = polib.pofile(str(catalog))
    changed = next(e for e in updated if e.msgid.startswith("Whenever"))
    assert changed.fuzzy and changed.msgstr == first.msgstr and changed.previous_msgid == first.msgid
    code, out, _ = run("-C", str(copy), "i18n", "status", "--fail-under", "100", "--format", "json")
    assert code == 1
    report = json.loads(out)["fr"]
    assert report["total"]["fuzzy"] == 1 and report["percent"] < 100


def test_i18n_update_names_a_catalog_it_cannot_read(board: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(board, copy, ignore=shutil.ignore_patterns("build"))
    catalog = copy / "locale" / "fr" / "LC_MESSAGES" / "source" / "get-help.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + '\nmsgid "a "quoted" word"\nmsgstr ""\n',
                       encoding="utf-8")
    before = catalog.read_text(encoding="utf-8")
    code, _, err = run("-C", str(copy), "i18n", "update")
    assert code == 1 and "get-help.po:" in err and "[catalog-syntax]" in err
    assert "catalogs were not updated" in err and "the build" not in err
    assert catalog.read_text(encoding="utf-8") == before


def test_repository_catalogs_are_complete() -> None:
    code, out, err = run("-C", str(REPO), "i18n", "status", "--fail-under", "100")
    assert code == 0, err
    assert re.search(r"TOTAL\s+\d+\s+0\s+0\s+100\.0%", out)


def test_warnings_are_listed_but_stop_no_build(board: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(board, copy)
    sources = copy / "sources.yaml"
    sources.write_text(re.sub(r"checked: \d{4}-\d{2}-\d{2}", "checked: 2019-05-01", sources.read_text("utf-8")),
                       encoding="utf-8")
    code, out, err = run("-C", str(copy), "check")
    assert code == 0 and ": warning: " in out and "[source-stale]" in out and ": error: " not in out
    assert re.search(r"4 lessons checked, 0 errors, \d+ warnings", err)
    code, _, err = run("-C", str(copy), "build", "--format", "html", "--lang", "en")
    assert (code, err) == (0, "")
    code, out, _ = run("-C", str(copy), "check", "--strict")
    assert code == 1 and ": warning: " not in out and "[source-stale]" in out


def test_starter_matches_the_curriculum() -> None:
    """`make starter` copies these from the repository; they must not drift apart."""
    for path in STARTER.rglob("*"):
        relative = path.relative_to(STARTER)
        if path.is_file() and relative.parts[0] in ("source", "lessons", "locale", "glossary", "sources.yaml"):
            assert path.read_bytes() == (REPO / relative).read_bytes(), f"run `make starter`: {relative}"
    # a new curriculum gets the glossaries, so that the glossary-variant rule applies to it
    for glossary in (REPO / "glossary").glob("*.yaml"):
        assert (STARTER / "glossary" / glossary.name).is_file(), f"run `make starter`: glossary/{glossary.name}"


def test_full_build_links_every_pdf_and_pairs_the_family_letters(board: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    copy = tmp_path / "kit"
    shutil.copytree(board, copy, ignore=shutil.ignore_patterns("build"))
    code, _, err = run("-C", str(copy), "build", "-j", "2")
    assert (code, err) == (0, "")
    site, pdfs = copy / "build" / "html", copy / "build" / "pdf"
    lesson = site / "fr" / "lessons" / "ages-8-10" / "private-information-and-livestreaming.html"
    links = re.findall(r'<a href="([^"]+\.pdf)" type="application/pdf">([^<]+)</a>', lesson.read_text("utf-8"))
    assert [label for _, label in links] == ["Guide pédagogique (PDF)", "Cartes à découper (PDF)",
                                             "Fiche de l’élève (PDF)", "Lettre aux familles (PDF)",
                                             "Lettre aux familles bilingue (PDF)"]
    for href, _ in links:
        assert (lesson.parent / href).resolve().is_file(), href
    home = (site / "en" / "index.html").read_text("utf-8")
    for band in ("ages-5-7", "ages-8-10", "ages-11-13", "ages-14-17"):
        assert f'href="../../pdf/en/{band}-kit.pdf"' in home and (pdfs / "en" / f"{band}-kit.pdf").is_file()
    letter = PdfReader(str(pdfs / "fr" / "ages-8-10" / "private-information-and-livestreaming-family-bilingual.pdf"))
    text = " ".join(page.extract_text() for page in letter.pages)
    assert text.index("Chères familles") < text.index("Dear families")
    handout = PdfReader(str(pdfs / "fr" / "ages-8-10" / "private-information-and-livestreaming-handout.pdf"))
    first_page = handout.pages[0].extract_text()
    assert re.search("Nom[\u00a0 ]:", first_page) and "Nom:" not in first_page  # French spacing


def strip_colours(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_rebuilds_do_only_what_changed_and_forget_deleted_lessons(tmp_path: Path) -> None:
    copy = tmp_path / "kit"
    assert run("init", str(copy))[0] == 0
    site = copy / "build" / "html" / "en"
    assert run("-C", str(copy), "build", "--format", "html", "--lang", "en")[0] == 0
    code, out, _ = run("-C", str(copy), "build", "--format", "html", "--lang", "en")
    assert code == 0 and "[1/1] English HTML: up to date" in out
    lesson = copy / "lessons" / "ages-8-10" / "private-information-and-livestreaming.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("Students sort private", "Pupils sort private", 1),
                      encoding="utf-8")
    def pages() -> dict[str, int]:
        return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*.html")
                if path.name not in ("search.html", "genindex.html")}  # Sphinx writes these every time

    before = pages()
    code, out, _ = run("-C", str(copy), "-v", "build", "--format", "html", "--lang", "en")
    assert code == 0 and "up to date" not in out
    assert "0 added, 1 changed, 0 removed" in strip_colours(out)  # the band page is not read again
    assert "Pupils sort private" in (site / "lessons" / "ages-8-10" / lesson.with_suffix(".html").name
                                    ).read_text(encoding="utf-8")
    # the lesson, its band page, the pages drawn from every lesson (review packet, framework pages) and
    # the page whose contents list them (Sphinx writes a page again with its entries); nothing else
    after = pages()
    assert sorted(name for name in after if after[name] != before.get(name)) == [
        "curriculum-ontario-1-8.html", "curriculum-ontario-9-12.html", "curriculum-quebec.html",  # they list lessons
        "index.html", "lessons/ages-8-10/index.html", "lessons/ages-8-10/private-information-and-livestreaming.html",
        "review.html"]
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(re.sub(r"^# .*$", "# Private things stay private", text, count=1, flags=re.MULTILINE),
                      encoding="utf-8")
    assert run("-C", str(copy), "build", "--format", "html", "--lang", "en")[0] == 0
    band_page = site / "lessons" / "ages-8-10" / "index.html"
    assert "Private things stay private" in band_page.read_text(encoding="utf-8")  # a new title is listed
    other = Path("lessons") / "ages-8-10" / "online-friend-or-tricky-behaviour.md"  # order: 2
    for path in (other, Path("locale") / "fr" / "LC_MESSAGES" / other.with_suffix(".po")):
        shutil.copyfile(REPO / path, copy / path)
    pictures = Path("lessons") / "ages-8-10" / "pictures"  # the lesson's cards show pictures
    shutil.copytree(REPO / pictures, copy / pictures, dirs_exist_ok=True)
    assert run("-C", str(copy), "build", "--format", "html", "--lang", "en")[0] == 0
    listed = band_page.read_text(encoding="utf-8")
    assert listed.index("Private things stay private") < listed.index("Online friend or tricky behaviour?")
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("order: 1", "order: 5", 1), encoding="utf-8")
    assert run("-C", str(copy), "build", "--format", "html", "--lang", "en")[0] == 0
    listed = band_page.read_text(encoding="utf-8")
    assert listed.index("Online friend or tricky behaviour?") < listed.index("Private things stay private")
    other_page = site / "lessons" / "ages-8-10" / "online-friend-or-tricky-behaviour.html"
    (copy / other).unlink()
    (copy / "locale" / "fr" / "LC_MESSAGES" / other.with_suffix(".po")).unlink()
    assert run("-C", str(copy), "build", "--format", "html", "--lang", "en")[0] == 0
    assert not other_page.exists()
    lesson.unlink()
    (copy / "locale" / "fr" / "LC_MESSAGES" / "lessons" / "ages-8-10" / lesson.with_suffix(".po").name).unlink()
    assert run("-C", str(copy), "build", "--format", "html", "--lang", "en")[0] == 0
    assert not (site / "lessons" / "ages-8-10" / lesson.with_suffix(".html").name).exists()


def test_a_build_leaves_no_process_behind(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = tmp_path / "kit"

    def lessonkit_processes() -> set[str]:
        """Processes building this test's kit (its forks keep the command line): not another build of the machine."""
        found = set()
        for proc in Path("/proc").iterdir():
            try:
                if proc.name.isdigit() and str(root).encode() in (proc / "cmdline").read_bytes():
                    found.add(proc.name)
            except OSError:
                continue  # ended while we looked
        return found

    assert run("init", str(root))[0] == 0
    before = lessonkit_processes()
    command = [sys.executable, "-c", "from lessonkit.cli import console_script; raise SystemExit(console_script())",
               "-C", str(root), "-q", "build", "-j", "2"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert (result.returncode, result.stderr) == (0, "")
    assert lessonkit_processes() - before == set()  # the build's own processes, and no other, are gone


def test_a_killed_builds_staging_folder_is_removed_by_the_next_build(tmp_path: Path) -> None:
    import os

    root = tmp_path / "kit"
    assert run("init", str(root))[0] == 0
    (root / "build").mkdir()
    abandoned = root / "build" / ".staging-999999999-x1y2"  # no process has that id
    beside = root / "build" / f".staging-{os.getpid()}-x3y4"  # a build still running, beside this one
    for folder in (abandoned, beside):
        (folder / "html").mkdir(parents=True)
    assert run("-C", str(root), "-q", "build", "--format", "html", "--lang", "en")[0] == 0
    assert not abandoned.exists() and beside.is_dir()
    assert [p.name for p in (root / "build").glob(".staging-*")] == [beside.name]  # and its own is gone


def test_a_new_version_of_the_theme_makes_every_output_stale(tmp_path: Path) -> None:
    from lessonkit.building import record

    root = tmp_path / "kit"
    assert run("init", str(root))[0] == 0
    arguments = ("-C", str(root), "build", "--format", "html", "--lang", "en")
    assert run(*arguments)[0] == 0
    assert "up to date" in run(*arguments)[1]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(record, "package_versions", lambda: "furo=2099.1.1")  # as after an upgrade
        code, out, _ = run(*arguments)
    assert code == 0 and "up to date" not in out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_file_where_an_output_folder_belongs_stops_the_build_before_any_swap(board: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(board, copy)
    before = snapshot(copy / "build" / "html")
    (copy / "build" / "pdf").write_text("not a folder", encoding="utf-8")  # works as root, unlike chmod
    code, out, err = run("-C", str(copy), "build")
    assert code == 1 and "Traceback" not in err
    assert "build/pdf: a file stands where a folder is needed: move the file away; nothing was built" in err
    assert "[1/4]" not in out  # refused before the first step: no time spent on a build it cannot keep
    assert snapshot(copy / "build" / "html") == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="chmod denies nothing to root")
def test_a_read_only_output_folder_stops_the_build_before_any_swap(board: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(board, copy)
    before = snapshot(copy / "build" / "html")
    (copy / "build" / "pdf").mkdir()
    for folder in (copy / "build" / "pdf", copy / "build"):
        folder.chmod(0o555)
        try:
            code, _, err = run("-C", str(copy), "build")
        finally:
            folder.chmod(0o755)
        assert code == 1 and "Traceback" not in err
        assert f"{folder.relative_to(copy).as_posix()}: cannot write there: make it writable" in err
        assert snapshot(copy / "build" / "html") == before


def test_a_failed_swap_puts_back_the_outputs_already_swapped(board: Path, tmp_path: Path) -> None:
    from lessonkit.building import staging

    copy = tmp_path / "kit"
    shutil.copytree(board, copy)
    before = snapshot(copy / "build" / "html")
    page = copy / "source" / "families.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line for families.\n", encoding="utf-8")
    real_replace, failed = os.replace, []

    def replace(source: str | Path, target: str | Path) -> None:
        if Path(target).parts[-2:] == ("html", "fr") and not failed:  # the second swap fails
            failed.append(target)
            raise PermissionError(13, "Permission denied", str(target))
        real_replace(source, target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(staging.os, "replace", replace)
        code, _, err = run("-C", str(copy), "build", "--format", "html")
    assert code == 1 and "Traceback" not in err
    assert "html/fr: permission denied" in err and "nothing was swapped in, and the previous output is untouched" in err
    after = snapshot(copy / "build" / "html")
    assert after == before  # English, swapped in first, was put back: no new English beside old French
    assert not list((copy / "build").glob(".staging-*"))
    # and once the folder takes it, the next build swaps both in
    assert run("-C", str(copy), "-q", "build", "--format", "html")[0] == 0
    assert b"One more line for families" in (copy / "build" / "html" / "en" / "families.html").read_bytes()


def test_a_full_disk_during_a_build_is_one_line_and_keeps_the_previous_output(board: Path, tmp_path: Path) -> None:
    import errno

    from lessonkit.building import build

    copy = tmp_path / "kit"
    shutil.copytree(board, copy)
    before = snapshot(copy / "build" / "html")
    page = copy / "source" / "families.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")

    def full(project: object, path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "write_chooser", full)
        code, _, err = run("-C", str(copy), "build", "--format", "html", "--lang", "en")
    assert code == 1 and "Traceback" not in err
    assert re.search(r"error: \S+/html/index\.html: the disk is full: free some space, then run the command "
                     r"again; nothing was swapped in, and the previous output is untouched", err)
    assert snapshot(copy / "build" / "html") == before


def test_a_footnote_in_a_summary_reaches_the_family_letter(board: Path, tmp_path: Path) -> None:
    import pypdf

    copy = tmp_path / "kit"
    shutil.copytree(board, copy)
    lesson = next((copy / "lessons" / "ages-8-10").glob("private-*.md"))
    text = lesson.read_text(encoding="utf-8")
    summary_end = text.index(":::", text.index(":::{summary}") + 12)
    lesson.write_text(text[:summary_end].rstrip("\n") + "[^why]\n" + text[summary_end:]
                      + "\n[^why]: Families asked for this lesson.\n", encoding="utf-8")
    code, _, err = run("-C", str(copy), "build", "--format", "pdf", "--lang", "en", "--band", "ages-8-10")
    assert (code, err) == (0, ""), err  # it used to end in reportlab's ValueError: undefined destination
    letter = copy / "build" / "pdf" / "en" / "ages-8-10" / f"{lesson.stem}-family.pdf"
    assert "Families asked for this lesson." in "".join(page.extract_text() for page in pypdf.PdfReader(letter).pages)
