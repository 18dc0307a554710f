"""lessonkit diff: what a board's reviewers read when a new version of the curriculum arrives."""

from __future__ import annotations

import io
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from kitcopy import copy_curriculum

from lessonkit.cli import main

LESSON = Path("lessons/ages-8-10/be-an-upstander.md")
CATALOG = Path("locale/fr/LC_MESSAGES/lessons/ages-8-10/be-an-upstander.po")
ENGLISH = ("save the words for an adult, and tell.", "save the words for a trusted adult, and tell.")
# The same sentence in the catalog, as `i18n update` wraps it, and its French.
MSGID = ('"forward, check in privately, save the words for an adult, and tell."',
         '"forward, check in privately, save the words for a trusted adult, and tell."')
FRENCH = ('"privé, garder les mots pour un adulte, et en parler."',
          '"privé, garder les mots pour un adulte de confiance, et en parler."')


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def edit(path: Path, before: str, after: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert before in text, f"{before!r} not in {path}"
    path.write_text(text.replace(before, after, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def upstream(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The current curriculum, as a board received it."""
    return copy_curriculum(tmp_path_factory.mktemp("versions") / "old")


@pytest.fixture
def new(upstream: Path, tmp_path: Path) -> Path:
    """A copy of it, to change into the next version."""
    return Path(shutil.copytree(upstream, tmp_path / "new"))


def edit_one_lesson(root: Path, translated: bool = True) -> None:
    """Change one sentence of one lesson in English, and (``translated``) its French as a translator would."""
    edit(root / LESSON, *ENGLISH)
    edit(root / CATALOG, *MSGID)
    if translated:
        edit(root / CATALOG, *FRENCH)
    else:  # as `i18n update` leaves it: the old translation, marked fuzzy
        edit(root / CATALOG, "#: ../../lessons/ages-8-10/be-an-upstander.md:15\nmsgid",
             "#: ../../lessons/ages-8-10/be-an-upstander.md:15\n#, fuzzy\nmsgid")


def test_one_edited_lesson_is_the_only_change_listed_in_both_languages(upstream: Path, new: Path,
                                                                       tmp_path: Path) -> None:
    edit_one_lesson(new)
    code, out, _ = run("diff", str(upstream), str(new), "-o", str(tmp_path / "report.html"))
    assert code == 0
    assert "Lessons: 1 changed, 0 added, 0 removed. Pages: 0 changed, 0 added, 0 removed. Sources: 0 changed. " \
           "Catalogs that need a translator: 0." in out
    assert re.findall(r"^(changed|added|removed): (.*)$", out, re.MULTILINE) == [
        ("changed", "Be an upstander (be-an-upstander), lessons/ages-8-10/be-an-upstander.md")]
    english, french = out.split("  English, line 15:\n")[1].split("  French, line 15:\n")
    assert "- Students learn what a bystander can do" in english and "for an adult, and tell." in english
    assert "+ Students learn" in english and "for a trusted adult, and tell." in english
    assert "words: 'an' -> 'a trusted'" in english
    assert "garder les mots pour un adulte, et en parler." in french
    assert "garder les mots pour un adulte de confiance, et en parler." in french
    assert "words: added 'de confiance'" in french

    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count('<span class="status">changed</span>') == 1
    assert "Be an upstander" in html and "No page changed." in html and "No source changed." in html
    assert 'lang="en">' in html and "for <del>an</del> adult" in html and "for <ins>a trusted</ins> adult" in html
    assert 'lang="fr">' in html and "un adulte<ins> de confiance</ins>, et en parler" in html


def test_two_copies_of_one_version_have_nothing_to_report(upstream: Path, new: Path) -> None:
    # Catalogs that `i18n update` rewrote (a new date in their header) are not changes either.
    edit(new / CATALOG, '"POT-Creation-Date: ', '"POT-Creation-Date: 1999-01-01 00:00+0000\\n"\n"X-Old: ')
    code, out, _ = run("diff", str(upstream), str(new))
    assert code == 0
    assert "Lessons: 0 changed, 0 added, 0 removed. Pages: 0 changed, 0 added, 0 removed. Sources: 0 changed." \
           in out
    assert "==" not in out


def test_a_change_of_english_only_asks_for_a_translator(upstream: Path, new: Path, tmp_path: Path) -> None:
    edit_one_lesson(new, translated=False)
    other = Path("lessons/ages-5-7/my-safe-adults.md")
    edit(new / other, "\n# ", "\n# Still: ")  # its catalog not updated at all
    code, out, _ = run("diff", str(upstream), str(new), "-o", str(tmp_path))
    assert code == 0
    catalogs = out.split("== Catalogs that need a translator ==\n")[1]
    assert "French: lessons/ages-8-10/be-an-upstander.po: 1 fuzzy, 0 untranslated\n" in catalogs
    assert ("French: lessons/ages-5-7/my-safe-adults.po: 0 fuzzy, 0 untranslated, the English changed but "
            "the catalog did not: run lessonkit i18n update") in catalogs
    assert "French, line 15 (needs a translator: the English changed and this translation is marked fuzzy)" in out
    html = (tmp_path / "change-report.html").read_text(encoding="utf-8")
    assert "needs a translator" in html and "lessons/ages-5-7/my-safe-adults.po" in html


def test_front_matter_sources_and_citations_that_changed_are_listed(upstream: Path, new: Path) -> None:
    lesson = new / LESSON
    lesson.write_text(re.sub(r"^reviewed: .*$", "reviewed: 2027-01-15", lesson.read_text(encoding="utf-8"),
                             count=1, flags=re.MULTILINE), encoding="utf-8")
    edit(new / "sources.yaml", "  checked: 2026-12-06\n", "  checked: 2027-01-10\n")
    edit(new / "sources.yaml", "  status: verified\n", "  status: to-verify\n")  # the first source's
    page = new / "source/get-help.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new fact {source}`c3p-livestream-2019`.\n",
                    encoding="utf-8")
    code, out, _ = run("diff", str(upstream), str(new))
    assert code == 0
    assert re.search(r"^  reviewed: \d{4}-\d\d-\d\d -> 2027-01-15$", out, re.MULTILINE)
    sources = out.split("== Sources (sources.yaml) ==\n")[1]
    assert sources.startswith("changed: c3p-livestream-2019\n")
    assert "  checked: 2026-12-06 -> 2027-01-10\n" in sources and "  status: verified -> to-verify\n" in sources
    assert "changed: Get help, source/get-help.md" in out and "now cites: c3p-livestream-2019" in out


def test_added_and_removed_lessons(upstream: Path, new: Path) -> None:
    moved = new / "lessons/ages-8-10/passwords.md"
    (new / LESSON).rename(moved)
    edit(moved, "id: be-an-upstander", "id: passwords")
    code, out, _ = run("diff", str(upstream), str(new))
    assert code == 0
    assert "Lessons: 0 changed, 1 added, 1 removed." in out
    assert "added: Be an upstander (passwords), lessons/ages-8-10/passwords.md" in out
    assert "removed: Be an upstander (be-an-upstander), lessons/ages-8-10/be-an-upstander.md" in out


def test_the_boards_own_edits_are_kept_apart_from_upstreams(upstream: Path, new: Path, tmp_path: Path) -> None:
    edit_one_lesson(new)
    board = Path(shutil.copytree(upstream, tmp_path / "board"))
    edit(board / LESSON, "save the words for an adult", "save the words for a grown-up")  # upstream changed it too
    helpline = "- Ottawa Valley board counsellors: 613-555-0100\n"
    edit(board / "source/get-help.md", "\n## ", f"\n{helpline}\n## ")  # upstream did not change it
    (board / "lessons/ages-8-10/my-own-lesson.md").write_text(
        "---\nid: my-own-lesson\n---\n\n# Our board's own lesson\n", encoding="utf-8")
    (board / "lessons/ages-5-7/cameras-and-screens.md").unlink()  # left out of the board's kit

    code, out, _ = run("diff", str(upstream), str(new), "--board", str(board), "-o", str(tmp_path / "r.html"))
    assert code == 0
    upstream_part, board_part = out.split("== The board's own edits (")
    assert "changed: Be an upstander (be-an-upstander)" in upstream_part
    assert "  the board edited it too: merge by hand, then review the result" in upstream_part
    assert "Get help" not in upstream_part
    assert "changed: Get help, source/get-help.md" in board_part and f"+ {helpline.strip()}" in board_part
    assert "added: Our board's own lesson (my-own-lesson)" in board_part
    assert "Be an upstander" not in board_part and "cameras" not in board_part
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "The board's own edits, which upstream did not change" in html
    assert '<p class="board edited">the board edited it too' in html


def test_a_lesson_upstream_changed_and_the_board_did_not_is_taken_as_it_is(upstream: Path, new: Path,
                                                                          tmp_path: Path) -> None:
    edit_one_lesson(new)
    board = Path(shutil.copytree(upstream, tmp_path / "board"))
    code, out, _ = run("diff", str(upstream), str(new), "--board", str(board))
    assert code == 0
    assert "  the board has not edited it: take upstream's version as it is" in out
    assert out.endswith("which upstream did not change: keep them ==\nnone\n")


def test_git_revisions_can_be_compared(upstream: Path, tmp_path: Path) -> None:
    repo = Path(shutil.copytree(upstream, tmp_path / "repo"))

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                       check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "2026.11")
    git("tag", "v2026.11")
    edit_one_lesson(repo)
    edit(repo / "conf.py", 'release = "2026.11"', 'release = "2026.12"')
    git("commit", "-q", "-am", "2026.12")
    code, out, _ = run("-C", str(repo), "diff", "v2026.11", "HEAD")
    assert code == 0, out
    assert out.startswith("Changes from 2026.11 (v2026.11) to 2026.12 (HEAD)\nLessons: 1 changed, 0 added")
    assert "French, line 15:" in out


def test_the_html_report_stands_alone_and_runs_nothing(upstream: Path, new: Path, tmp_path: Path) -> None:
    edit_one_lesson(new)
    edit(new / LESSON, "\n# Be an upstander", "\n# Be an upstander <script>alert(1)</script>")
    assert run("diff", str(upstream), str(new), "-o", str(tmp_path / "r.html"))[0] == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';" \
        in html
    assert "<script" not in html and "&lt;script&gt;" in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')


def test_a_version_that_is_neither_a_folder_nor_a_revision_is_a_usage_error(upstream: Path,
                                                                            tmp_path: Path) -> None:
    code, out, err = run("-C", str(tmp_path), "diff", str(upstream), "no-such-version")
    assert code == 2 and out == ""
    assert "error: no-such-version: no such folder, and not a revision of a git repository" in err
    (tmp_path / "empty").mkdir()
    code, _, err = run("diff", str(upstream), str(tmp_path / "empty"))
    assert code == 2 and "no conf.py there" in err


def guide_commands(heading: str) -> list[str]:
    """The command lines of the ```sh blocks of one section of the boards' guide, in order."""
    guide = (Path(__file__).resolve().parent.parent / "docs" / "boards-guide.md").read_text(encoding="utf-8")
    section = guide.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^ *```sh\n(.*?)^ *```", section, re.MULTILINE | re.DOTALL)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_the_boards_guide_takes_a_new_version_with_commands_that_work_as_written(
        upstream: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(upstream, tmp_path / "upstream-2026.11")
    board = Path(shutil.copytree(upstream, tmp_path / "my-board-kit"))
    edit(board / "source/get-help.md", "\n## For parents", "\n- **Board helpline**: 613-555-0100.\n\n## For parents")
    new = Path(shutil.copytree(upstream, tmp_path / "upstream-2026.12"))
    edit_one_lesson(new)
    monkeypatch.chdir(tmp_path)
    commands = guide_commands("Taking a new version of the curriculum")
    assert [c.split()[0] for c in commands] == ["lessonkit", "cp", "cp", "lessonkit", "lessonkit", "lessonkit",
                                                "lessonkit"]
    for line in commands:
        if line.endswith(" build"):
            continue  # building the whole curriculum is tested elsewhere (test_cli), and takes minutes
        if line.startswith("lessonkit "):
            code, out, err = run(*shlex.split(line)[1:])
        else:
            done = subprocess.run(line, shell=True, capture_output=True, text=True, check=False)
            code, out, err = done.returncode, done.stdout, done.stderr
        assert code == 0, (line, out, err)
        if line.startswith("lessonkit diff"):
            assert "  the board has not edited it: take upstream's version as it is" in out
            assert "changed: Get help, source/get-help.md" in out.split("== The board's own edits")[1]
        if line.endswith(" i18n update"):  # the translator's turn: the board's own new line
            catalog = board / "locale/fr/LC_MESSAGES/source/get-help.po"
            text = catalog.read_text(encoding="utf-8")
            assert 'msgid "**Board helpline**: 613-555-0100."\nmsgstr ""' in text
            french = 'msgstr "**Ligne d\u2019aide du conseil**\u00a0: 613-555-0100."'
            catalog.write_text(text.replace('msgid "**Board helpline**: 613-555-0100."\nmsgstr ""',
                                            f'msgid "**Board helpline**: 613-555-0100."\n{french}'), encoding="utf-8")
            # the family languages' translators too (those this installation can print): the board's
            # line, and the changed sentence of the lesson's letter, which `i18n update` marked fuzzy
            for po in sorted(board.glob("locale/[!f]*/LC_MESSAGES/**/*.po")):
                family = polib.pofile(str(po))
                for entry in family:
                    if entry.fuzzy or not entry.msgstr:
                        entry.msgstr = f"{entry.msgid} ({po.relative_to(board / 'locale').parts[0]})"
                        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
                family.save()
    assert (board / LESSON).read_text(encoding="utf-8") == (new / LESSON).read_text(encoding="utf-8")
    assert "Board helpline" in (board / "source/get-help.md").read_text(encoding="utf-8")
    assert (tmp_path / "change-report.html").is_file()
