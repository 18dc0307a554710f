"""A board tailors the kit: its name in each language, fewer bands, fewer lessons (issue 21, "Tailoring")."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from lessonkit.project import ProjectError, load_project
from lessonkit.settings import KitSettings, SettingsError, abbreviation

BILINGUAL = ("Ottawa Valley District School Board / "
             "Conseil scolaire du district de la Vallée-de-l'Outaouais")


def chars_past_the_margin(pdf: Path, margin: float = 18.0) -> list[str]:
    """'page n: text' for each line of characters drawn past the page's right edge less ``margin``."""
    found = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            past = [char for char in page.chars if char["x1"] > page.width - margin]
            if past:
                found.append(f"page {number}: {''.join(char['text'] for char in past)}")
    return found


@pytest.mark.sphinx("kitpdf", testroot="pdf-print", freshenv=True,
                    confoverrides={"lessonkit_board_name": BILINGUAL})
def test_a_long_bilingual_board_name_stays_on_the_page_in_letters_covers_and_footers(app) -> None:
    app.build()
    out = Path(app.outdir)
    letter, kit = out / "ages-8-10" / "words-family.pdf", out / "ages-8-10-kit.pdf"
    for pdf in (letter, kit, out / "ages-8-10" / "words-teacher.pdf"):
        assert chars_past_the_margin(pdf) == [], pdf.name
    with pdfplumber.open(letter) as document:
        first = document.pages[0].extract_text()
    # Broken after the slash, each language on its line, nothing cut.
    assert "Ottawa Valley District School Board /" in first
    assert "Conseil scolaire du district de la Vallée-de-l'Outaouais" in first


@pytest.mark.sphinx("kitpdf", testroot="pdf-print", freshenv=True,
                    confoverrides={"language": "fr", "lessonkit_board_name": {
                        "en": "Ottawa Valley District School Board",
                        "fr": "Conseil scolaire du district de la Vallée-de-l'Outaouais"}})
def test_a_board_name_per_language_prints_the_readers_own(app) -> None:
    app.build()
    letter = Path(app.outdir) / "ages-8-10" / "words-family.pdf"
    with pdfplumber.open(letter) as document:
        first = document.pages[0].extract_text()
    assert "Conseil scolaire du district de la Vallée-de-l'Outaouais" in first
    assert "Ottawa Valley" not in first
    assert chars_past_the_margin(letter) == []


def write_conf(root: Path, extra: str) -> None:
    conf = root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\n" + extra + "\n", encoding="utf-8")


def test_a_board_name_per_language_is_accepted_by_every_command(curriculum: Path) -> None:
    write_conf(curriculum, "lessonkit_board_name = {'en': 'Ottawa Valley DSB', 'fr': 'CSD de la Vallée'}")
    settings = load_project(curriculum).settings
    assert (settings.board("en"), settings.board("fr")) == ("Ottawa Valley DSB", "CSD de la Vallée")
    assert settings.board_in(["en", "fr"]) == "Ottawa Valley DSB / CSD de la Vallée"


@pytest.mark.parametrize(("line", "message"), [
    ("lessonkit_board_name = ['Ottawa']", "lessonkit_board_name must be a text in quotes, or one text per language"),
    ("lessonkit_board_name = {'en': 'A', 'de': 'B'}", "has a text for 'de', which is not one of lessonkit_languages"),
    ("lessonkit_footer_credits = 'no'", "lessonkit_footer_credits must be True or False"),
    ("lessonkit_board_short_name = 'Ottawa Valley District School Board'", "keep it to 30"),
    ("lessonkit_board_nmae = 'Ottawa'", "lessonkit_board_nmae is not a lessonkit setting; did you mean "
                                        "lessonkit_board_name?"),
    ("lessonkit_paper_size = 11", "lessonkit_paper_size must be a text in quotes"),
])
def test_a_mistake_in_conf_py_stops_check_and_build_alike_naming_the_setting(curriculum: Path, line: str,
                                                                            message: str) -> None:
    write_conf(curriculum, line)
    with pytest.raises(ProjectError, match=r"conf\.py: error: ") as raised:
        load_project(curriculum)
    assert message in str(raised.value)


def test_sphinx_itself_refuses_what_lessonkit_refuses() -> None:
    from sphinx.errors import ConfigError

    from lessonkit.kitpdf import check_settings

    class App:  # check_settings reads nothing of the application
        pass

    values = {f"lessonkit_{name}": value for name, value in KitSettings.defaults().items()}
    values["lessonkit_board_name"] = {"en": "A", "fr": "B"}
    check_settings(App(), values)  # type: ignore[arg-type]
    values["lessonkit_board_name"] = 3
    with pytest.raises(ConfigError, match="lessonkit_board_name must be a text"):
        check_settings(App(), values)  # type: ignore[arg-type]


def test_a_short_name_is_the_name_if_it_fits_else_its_initials() -> None:
    assert abbreviation("Ottawa Valley District School Board") == "OVDSB"
    assert abbreviation(BILINGUAL) == "OVDSB"
    settings = KitSettings(board_name=BILINGUAL)
    assert settings.short_board("en") == "OVDSB"
    assert KitSettings(board_name="Riverside School Board").short_board("en") == "Riverside School Board"
    assert KitSettings(board_name=BILINGUAL, board_short_name={"en": "OVDSB", "fr": "CSDVO"}).short_board("fr") \
        == "CSDVO"
    with pytest.raises(SettingsError):
        KitSettings(board_short_name="x" * 31).validate()


def test_the_zim_title_is_the_short_name_and_its_picture_the_boards_logo(curriculum: Path, tmp_path: Path) -> None:
    import datetime
    import io

    from libzim.reader import Archive
    from libzim.writer import Creator
    from PIL import Image

    from lessonkit.bundles import zim
    from lessonkit.bundles.model import Contents

    Image.new("RGB", (120, 60), (200, 20, 30)).save(curriculum / "logo.png")
    write_conf(curriculum, f"lessonkit_board_name = {BILINGUAL!r}\nlessonkit_board_logo = 'logo.png'")
    project = load_project(curriculum)
    contents = Contents(project, tmp_path, tmp_path, ["en", "fr"], ["ages-8-10", "ages-11-13"], "teacher",
                        datetime.datetime(2026, 11, 18), [], [])
    meta = zim.metadata(contents)
    assert meta["Title"] == "OVDSB"
    assert meta["Publisher"] == BILINGUAL
    assert meta["Description"] == "Ottawa Valley District School Board"
    assert meta["LongDescription"] == f"{BILINGUAL}: Digital-safety lessons, ages 8–13 (teacher edition)"
    picture = zim.illustration(project, [])
    with Image.open(io.BytesIO(picture)) as image:
        assert image.size == (48, 48)
        assert image.convert("RGBA").getpixel((24, 24)) == (200, 20, 30, 255)  # the logo, centred
        assert image.convert("RGBA").getpixel((24, 2))[3] == 0  # a wide logo leaves the top transparent
    # libzim takes it as the illustration Kiwix shows
    with Creator(str(tmp_path / "t.zim")) as creator:
        creator.add_metadata("Title", meta["Title"])
        creator.add_illustration(48, picture)
    assert bytes(Archive(tmp_path / "t.zim").get_illustration_item(48).content) == picture
    write_conf(curriculum, "lessonkit_board_short_name = {'en': 'Ottawa Valley DSB', 'fr': 'CSD Vallée'}")
    assert zim.metadata(Contents(load_project(curriculum), tmp_path, tmp_path, ["fr", "en"], ["ages-8-10"],
                                 "student", datetime.datetime(2026, 11, 18), [], []))["Title"] == "CSD Vallée"


def run(*args: str) -> tuple[int, str, str]:
    import io

    from lessonkit.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def board(tmp_path: Path) -> Path:
    """A new curriculum, as `lessonkit init` makes it."""
    assert run("init", str(tmp_path / "board"))[0] == 0
    return tmp_path / "board"


def test_a_deleted_lesson_stays_deleted_through_i18n_update(board: Path) -> None:
    lesson = "lessons/ages-8-10/private-information-and-livestreaming"
    catalog = board / "locale/fr/LC_MESSAGES" / f"{lesson}.po"
    assert run("-C", str(board), "i18n", "update")[0] == 0  # leaves the lesson's template in build/gettext
    (board / f"{lesson}.md").unlink()
    catalog.unlink()
    code, out, err = run("-C", str(board), "i18n", "update")
    assert (code, err) == (0, "")
    assert not catalog.exists()
    assert not (board / "build/gettext" / f"{lesson}.pot").exists()
    code, out, err = run("-C", str(board), "i18n", "status", "--fail-under", "100")
    assert (code, err) == (0, ""), out
    assert "private-information" not in out


def test_i18n_update_names_the_catalogs_of_deleted_pages_and_prune_deletes_them(board: Path) -> None:
    lesson = "lessons/ages-8-10/private-information-and-livestreaming"
    catalog = board / "locale/fr/LC_MESSAGES" / f"{lesson}.po"
    (board / f"{lesson}.md").unlink()
    code, out, _ = run("-C", str(board), "i18n", "update")
    assert code == 0 and catalog.exists()
    assert (f"locale/fr/LC_MESSAGES/{lesson}.po: its page no longer exists; delete it, or run "
            "`lessonkit i18n update --prune`") in out
    code, out, _ = run("-C", str(board), "i18n", "update", "--prune")
    assert code == 0 and not catalog.exists()
    assert f"deleted locale/fr/LC_MESSAGES/{lesson}.po: its page no longer exists" in out


def test_leaving_a_band_out_as_the_guide_says_checks_and_builds_and_the_pages_follow(board: Path) -> None:
    import shutil

    shutil.rmtree(board / "lessons/ages-14-17")
    shutil.rmtree(board / "locale/fr/LC_MESSAGES/lessons/ages-14-17")
    code, out, err = run("-C", str(board), "check")
    assert code == 0, out + err
    code, out, err = run("-C", str(board), "build", "--format", "html")
    assert (code, err) == (0, ""), err
    home = (board / "build/html/en/index.html").read_text(encoding="utf-8")
    assert "grouped in three age bands, for ages 5–7, 8–10 and 11–13." in home
    assert "four age bands" not in home and "ages-14-17" not in home
    accueil = (board / "build/html/fr/index.html").read_text(encoding="utf-8")
    assert "réparties en trois groupes d’âge, pour les 5–7, 8–10 et 11–13\u00a0ans." in accueil
    guide = (board / "build/html/en/using-this-kit.html").read_text(encoding="utf-8")
    assert "grouped in three age bands" in guide and "Ages 14" not in guide
    # the navigation lists the bands that are left, in order, after "Using this kit"
    nav = home.split('class="sidebar-tree"')[1]
    assert [nav.index(f"lessons/{band}/index.html") for band in ("ages-5-7", "ages-8-10", "ages-11-13")] \
        == sorted(nav.index(f"lessons/{band}/index.html") for band in ("ages-5-7", "ages-8-10", "ages-11-13"))
    assert nav.index("using-this-kit.html") < nav.index("lessons/ages-5-7/index.html") < nav.index("get-help.html")
    # and back: the band's page comes back in the next build, with no change to the home page
    shutil.copytree(Path(__file__).parent.parent / "lessonkit/starter/lessons/ages-14-17", board / "lessons/ages-14-17")
    code, out, err = run("-C", str(board), "build", "--format", "html", "--lang", "en")
    assert (code, err) == (0, ""), err
    home = (board / "build/html/en/index.html").read_text(encoding="utf-8")
    assert "grouped in four age bands, for ages 5–7, 8–10, 11–13 and 14–17." in home
    assert "lessons/ages-14-17/index.html" in home.split('class="sidebar-tree"')[1]


def test_check_finds_a_table_of_contents_entry_that_a_build_would_stop_on(board: Path) -> None:
    index = board / "source/index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("get-help\n", "get-help\n/lessons/ages-14-17/index\nfamilys\n", 1),
                     encoding="utf-8")
    line = text[:text.index("get-help\n", text.index("{toctree}"))].count("\n") + 2
    code, out, _ = run("-C", str(board), "check")
    assert code == 1
    assert (f"source/index.md:{line + 1}: error: the table of contents lists 'familys', which is no page of the kit "
            "(did you mean 'families'?); a build would stop here") in out
    assert "lists '/lessons/ages-14-17/index'" not in out  # still there
    import shutil

    shutil.rmtree(board / "lessons/ages-14-17")
    code, out, _ = run("-C", str(board), "check")
    assert f"source/index.md:{line}: error: the table of contents lists '/lessons/ages-14-17/index'" in out
