"""A board ships the kit: bundles schools can trust and open (issue 21, "Shipping")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_cli import run

from lessonkit.bundles import BundleRequest
from lessonkit.bundles.make import _target, bundle_name
from lessonkit.project import load_project


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new curriculum, as `lessonkit init` makes it."""
    root = tmp_path_factory.mktemp("shipping") / "board"
    assert run("init", str(root))[0] == 0
    return root


def test_an_output_folder_that_does_not_exist_yet_gets_the_bundle_inside(board: Path, tmp_path: Path) -> None:
    project = load_project(board)
    name = bundle_name(project, BundleRequest()) + ".zip"
    assert _target(project, BundleRequest(output=tmp_path / "kits", output_folder=True)) == tmp_path / "kits" / name
    # without the slash too: a name without the bundle's extension is a folder
    assert _target(project, BundleRequest(output=tmp_path / "kits")) == tmp_path / "kits" / name
    assert _target(project, BundleRequest(output=tmp_path / "kit.zip")) == tmp_path / "kit.zip"
    assert _target(project, BundleRequest(output=tmp_path / "kit.zim", target="zim")) == tmp_path / "kit.zim"
    assert _target(project, BundleRequest(output=tmp_path / "kit.zim", output_folder=True, target="zim")) \
        == tmp_path / "kit.zim" / (bundle_name(project, BundleRequest()) + ".zim")


def test_bundle_o_with_a_trailing_slash_writes_into_that_new_folder(board: Path, tmp_path: Path) -> None:
    code, out, err = run("-C", str(board), "bundle", "--lang", "en", "--band", "ages-8-10", "--format", "html",
                         "-o", f"{tmp_path}/somefolder/")
    assert (code, err) == (0, ""), err
    written = re.search(r"^bundled (\S+):", out, re.M)
    assert written and Path(written.group(1)).parent == tmp_path / "somefolder"
    assert Path(written.group(1)).suffix == ".zip" and Path(written.group(1)).is_file()
    assert Path(written.group(1) + ".sha256").is_file()


LESSON = "lessons/ages-8-10/private-information-and-livestreaming"


@pytest.fixture
def own_board(board: Path, tmp_path: Path) -> Path:
    """A copy of the new curriculum that a test may change."""
    import shutil

    return Path(shutil.copytree(board, tmp_path / "board", ignore=shutil.ignore_patterns("build")))


def test_a_bundle_refuses_french_pages_not_fully_translated_and_names_them(own_board: Path) -> None:
    import polib

    catalog = own_board / "locale/fr/LC_MESSAGES" / f"{LESSON}.po"
    po = polib.pofile(str(catalog))
    translated = [entry for entry in po if entry.msgstr]
    translated[3].msgstr = ""
    translated[5].flags.append("fuzzy")
    po.save()
    code, out, err = run("-C", str(own_board), "bundle", "--band", "ages-8-10", "--format", "html")
    assert code == 1 and "bundled" not in out
    assert (f"html/fr/{LESSON}.html: 1 message(s) untranslated and 1 fuzzy in locale/fr/LC_MESSAGES/{LESSON}.po; "
            "translate them and clear the fuzzy flags") in err
    assert "1 page(s) not fully translated; no bundle was made" in err and "--allow-untranslated" in err
    assert not (own_board / "build/bundles").exists() or not list((own_board / "build/bundles").iterdir())
    code, out, err = run("-C", str(own_board), "bundle", "--band", "ages-8-10", "--format", "html",
                         "--allow-untranslated")
    assert (code, err) == (0, ""), err
    # an English-only bundle has nothing to translate
    code, out, err = run("-C", str(own_board), "bundle", "--band", "ages-8-10", "--format", "html", "--lang", "en")
    assert (code, err) == (0, ""), err


def test_a_bundle_refuses_a_page_whose_catalog_lags_behind_its_english(own_board: Path) -> None:
    lesson = own_board / f"{LESSON}.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(
        ":::{objectives}", "A sentence added after the translation.\n\n:::{objectives}", 1), encoding="utf-8")
    code, out, err = run("-C", str(own_board), "bundle", "--band", "ages-8-10", "--format", "html")
    assert code != 0 and "bundled" not in out
    assert f"{LESSON}.md" in err and "not translated into 'fr'" in err


def test_a_bundle_refuses_a_page_with_no_catalog(own_board: Path) -> None:
    (own_board / "locale/fr/LC_MESSAGES/source/families.po").unlink()
    code, _, err = run("-C", str(own_board), "bundle", "--band", "ages-8-10", "--format", "html")
    assert code == 1
    assert ("html/fr/families.html: not translated: source/families.md has no catalog in locale/fr/LC_MESSAGES; "
            "run `lessonkit i18n update --lang fr` and translate it") in err


def commands(readme: str, heading: str) -> list[str]:
    """The commands (indented lines) that follow ``heading`` in a README."""
    lines = readme.splitlines()
    return [line.strip() for line in lines[lines.index(heading) + 1:] if line.startswith("    ")]


def test_the_readme_gives_checks_every_school_computer_can_run_in_both_languages(board: Path, tmp_path: Path) -> None:
    import datetime
    import hashlib
    import shutil
    import subprocess

    from lessonkit.bundles import texts

    project = load_project(board)
    date = datetime.datetime(2026, 11, 18)
    english = texts.readme(project, "en", "teacher", date, True, "kit.zip")
    french = texts.readme(project, "fr", "teacher", date, True, "kit.zip")
    for text, heading in ((english, "How to check a copy"), (french, "Comment vérifier une copie")):
        assert commands(text, heading)[:3] == [
            "sha256sum -c kit.zip.sha256", "shasum -a 256 -c kit.zip.sha256",
            "(Get-FileHash kit.zip).Hash -eq (Get-Content kit.zip.sha256).Split(' ')[0]"]
        assert "certutil -hashfile kit.zip SHA256" in text and "manifest.sig" not in text
        assert max(len(line) for line in text.splitlines() if not line.startswith("    ")) <= 76
    assert "Comment ouvrir cette trousse" in french and "affiche OK" in french
    signed = texts.readme(project, "fr", "teacher", date, True, "kit.zip", signed=True)
    assert ("openssl pkeyutl -verify -pubin -inkey board.pub -rawin -in manifest.json -sigfile manifest.sig"
            in commands(signed, "Comment vérifier une copie"))
    assert "lessonkit verify kit.zip --key board.pub" in signed
    # The Linux command, as written, checks a copy and catches a damaged one.
    (tmp_path / "kit.zip").write_bytes(b"the kit")
    (tmp_path / "kit.zip.sha256").write_text(f"{hashlib.sha256(b'the kit').hexdigest()}  kit.zip\n")
    if shutil.which("sha256sum"):
        check = commands(english, "How to check a copy")[0].split()
        assert subprocess.run(check, cwd=tmp_path, capture_output=True).returncode == 0
        (tmp_path / "kit.zip").write_bytes(b"the kit, damaged")
        assert subprocess.run(check, cwd=tmp_path, capture_output=True).returncode != 0


def footers(site: Path) -> dict[str, str]:
    """Page -> the HTML of its footer's bottom part, for every page of a built site."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if '<div class="bottom-of-page">' in text:
            found[page.relative_to(site).as_posix()] = text.split('<div class="bottom-of-page">')[1].split(
                "</footer>")[0]
    return found


def test_the_student_edition_footer_links_nowhere_and_says_what_the_board_chose(own_board: Path) -> None:
    conf = own_board / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nlessonkit_footer = {'en': 'Riverside School Board\\n"
                    "Licence: CC BY-NC-SA 4.0 · digital.learning@riverside.example', 'fr': 'Conseil scolaire "
                    "Riverside\\nLicence : CC BY-NC-SA 4.0 · apprentissage.numerique@riverside.example'}\n",
                    encoding="utf-8")
    code, _, err = run("-C", str(own_board), "build", "--audience", "student", "--format", "html")
    assert (code, err) == (0, ""), err
    found = footers(own_board / "build/html")
    assert len(found) > 20 and any(page.startswith("fr/") for page in found)
    for page, footer in found.items():
        assert "href=" not in footer, page
        french = page.startswith("fr/")
        assert ("Conseil scolaire Riverside" if french else "Riverside School Board") in footer, page
        assert ("Fait avec Sphinx et Furo" if french else "Made with Sphinx and Furo") in footer, page
        assert "Your school board" in footer  # the copyright line of conf.py
    index = (own_board / "build/html/en/index.html").read_text(encoding="utf-8")
    assert 'class="related-pages"' in index  # Furo's next and previous links are kept


def test_the_teacher_edition_credits_link_to_their_sites_unless_the_board_says_no(own_board: Path) -> None:
    code, _, err = run("-C", str(own_board), "build", "--format", "html", "--lang", "en")
    assert (code, err) == (0, ""), err
    footer = footers(own_board / "build/html")["en/index.html"]
    assert '<a href="https://www.sphinx-doc.org/">Sphinx</a>' in footer and "pradyunsg.me" not in footer
    conf = own_board / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nlessonkit_footer_credits = False\n", encoding="utf-8")
    code, _, err = run("-C", str(own_board), "build", "--format", "html", "--lang", "en")
    assert (code, err) == (0, ""), err
    assert all("Made with" not in footer and "href=" not in footer
               for footer in footers(own_board / "build/html").values())


def guide_blocks(heading: str) -> list[tuple[str, str]]:
    """(language, code) of each fenced block of the boards' guide's section ``heading``."""
    guide = (Path(__file__).parent.parent / "docs" / "boards-guide.md").read_text(encoding="utf-8")
    section = guide.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^```(\w+)\n(.*?)^```$", section, re.M | re.S)


def test_the_guides_tailoring_and_shipping_commands_work_as_written(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    from PIL import Image

    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum is missing")
    start, settings, ship = guide_blocks("Tailoring and shipping, start to finish")
    assert (start[0], settings[0], ship[0]) == ("sh", "python", "sh")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "SOURCE_DATE_EPOCH": "1794960000"}

    def shell(script: str, where: Path) -> str:
        done = subprocess.run(["bash", "-e", "-c", script], cwd=where, env=env, capture_output=True, text=True,
                              timeout=1200)
        assert done.returncode == 0, f"{script}\n{done.stdout}\n{done.stderr}"
        return done.stdout

    shell(start[1].replace("\ncd ovdsb-kit\n", "\n"), tmp_path)
    kit = tmp_path / "ovdsb-kit"
    Image.new("RGB", (300, 120), (20, 70, 140)).save(kit / "logo.png")
    with (kit / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("\n" + settings[1])
    out = shell(ship[1], kit)
    assert "digital-safety-curriculum-1.0-teacher.zip: OK" in out
    bundles = kit / "build" / "bundles"
    for name in ("digital-safety-curriculum-1.0-teacher-kolibri.zip", "digital-safety-curriculum-1.0-teacher.zim"):
        assert (bundles / name).is_file() and (bundles / f"{name}.sha256").is_file()
    assert (tmp_path / "usb" / "digital-safety-curriculum-1.0-student.zip").is_file()
    home = (kit / "build/html/fr/index.html").read_text(encoding="utf-8")
    assert "trois groupes d’âge" in home and "Conseil scolaire du district de la Vallée-de-l" in home
