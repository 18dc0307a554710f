"""The guides and the command line's own help: built for real, complete, and telling the truth."""

from __future__ import annotations

import ast
import dataclasses
import io
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from lessonkit.blocks import BLOCKS
from lessonkit.cli import Console, main
from lessonkit.progress import ProgressBar
from lessonkit.scaffold import init_project
from lessonkit.settings import KitSettings

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
sys.path.insert(0, str(DOCS / "_ext"))
from lessonkit_docs import command_names  # noqa: E402


class Terminal(io.StringIO):
    """Output that says it is a terminal."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def run(*args: str, out: io.StringIO | None = None, err: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = out or io.StringIO(), err or io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def guides(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The guides built as `make docs` builds them: warnings are errors."""
    out = tmp_path_factory.mktemp("docs")
    result = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
                             str(DOCS), str(out)], capture_output=True, text=True, check=False, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return out


def page(guides: Path, name: str) -> str:
    return (guides / f"{name}.html").read_text(encoding="utf-8")


def between(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def error_codes() -> set[str]:
    """Every code passed to Problem(...) anywhere in the tool."""
    codes = set()
    for source in (REPO / "lessonkit").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem" and len(node.args) >= 3
                    and isinstance(node.args[2], ast.Constant)):
                codes.add(node.args[2].value)
    return codes


def test_every_error_code_is_explained_in_the_writers_guide() -> None:
    codes = error_codes()
    assert {"unknown-band", "durations-total", "translation-parity", "yaml-syntax", "band-page-missing"} <= codes
    guide = (DOCS / "writers-guide.md").read_text(encoding="utf-8")
    explained = set(re.findall(r"^`([a-z0-9-]+)`\n: ", guide, re.MULTILINE))
    assert codes - explained == set(), "codes lessonkit check emits that the writers' guide does not explain"
    assert explained - codes == set(), "codes the writers' guide explains that lessonkit no longer emits"


def test_every_block_is_rendered_live_with_where_it_goes(guides: Path) -> None:
    html = page(guides, "writers-guide")
    for kind in BLOCKS:
        assert f'class="lk-block lk-{kind}' in html, kind  # drawn by lessonkit's own HTML writer
        assert f"The {kind} block appears on the lesson page" in html, kind
    assert "The answer-key block appears on the lesson page and in the teacher guide; never in the student " \
           "edition of the site, the handout, the family letter or the cut-out cards." in html
    assert 'class="lk-answer"' in html and 'class="task-list-item-checkbox"' in html
    # The get-help block is filled from the starter's source/get-help.md, as in a real kit.
    assert "Kids Help Phone" in between(html, 'id="get-help"', 'id="what-lessonkit-adds-by-itself"')


def test_one_lesson_is_shown_as_the_three_documents(guides: Path) -> None:
    html = page(guides, "writers-guide")
    teacher = between(html, "The teacher guide:", "The student handout:")
    handout = between(html, "The student handout:", "The family letter:")
    family = between(html, "The family letter:", "And this is how the printed documents look")
    assert "lk-teacher-note" in teacher and "lk-answer-key" in teacher and "lk-activity" in teacher
    assert "lk-handout" in handout and "lk-answer" in handout and "lk-get-help" in handout
    for teacher_only in ("lk-teacher-note", "lk-answer-key", "Teacher only"):
        assert teacher_only not in handout and teacher_only not in family
    assert "lk-activity" not in handout and "lk-activity" not in family
    # the letter, then what the child will learn; the children's help list is not for parents
    assert family.index("lk-family-letter") < family.index("lk-summary") and "lk-get-help" not in family
    for image in ("teacher-guide", "handout", "family-letter"):
        assert f'src="_images/{image}.png"' in html
        assert (guides / "_images" / f"{image}.png").is_file()


def test_the_boards_guide_lists_every_setting_and_shows_the_help_page(guides: Path) -> None:
    html = page(guides, "boards-guide")
    text = unescape(html).replace("’", "'").replace("‘", "'")  # Sphinx curls the quotes of prose
    for field in dataclasses.fields(KitSettings):
        assert f"lessonkit_{field.name}" in html
        assert field.metadata["help"] in text
    assert "::::{kit-text} help-resources" in html  # the starter's page, as a board gets it
    for topic in ("Branding", "Local contacts", "Choosing lessons", "Building", "Bundles", "Adding a language"):
        assert f">{topic}" in html, topic


def test_the_command_reference_is_the_help_of_every_command(guides: Path) -> None:
    html = page(guides, "commands")
    names = command_names()
    assert {"init", "new", "check", "build", "i18n", "serve", "help"} <= set(names)
    for name in [*names, "settings"]:
        assert f"lessonkit help {name}" in html, name
    for name in names:
        assert f"usage: lessonkit {name}" in html, name


def test_every_command_help_says_what_it_does_with_examples_and_exit_codes() -> None:
    for name in command_names():
        code, out, _ = run("help", name)
        assert code == 0, name
        assert f"usage: lessonkit {name}" in out
        examples = out.split("examples:\n", 1)[1]
        assert f"lessonkit {name}" in examples, name
        assert "exit codes: 0 success, 1 content errors found, 2 usage errors." in out, name
        assert all(len(line) <= 100 for line in out.splitlines() if not line.startswith("  ")), name
    assert run("help", "serve")[1] == run("serve", "--help")[1]


def test_help_settings_lists_every_setting_of_conf_py() -> None:
    code, out, _ = run("help", "settings")
    assert code == 0
    for field in dataclasses.fields(KitSettings):
        assert f"lessonkit_{field.name}\n    {field.metadata['help']}" in out
    assert "default: ['en', 'fr']" in out and "default: 4 entries: ages-5-7, ages-8-10" in out


def test_help_of_an_unknown_topic_is_a_usage_error() -> None:
    code, out, err = run("help", "biuld")
    assert code == 2 and out == ""
    assert "invalid choice: 'biuld'" in err and "'build'" in err


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and re.fullmatch(r"lessonkit \d+\.\d+\.\d+\n", out)


def test_errors_are_coloured_on_a_terminal_unless_no_color(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, _, err = run("-C", str(tmp_path), "check", err=Terminal())
    assert "\x1b[31merror:\x1b[0m no curriculum found" in err
    _, _, err = run("-C", str(tmp_path), "check")  # not a terminal
    assert "\x1b[" not in err and "error: no curriculum found" in err
    monkeypatch.setenv("NO_COLOR", "1")
    _, _, err = run("-C", str(tmp_path), "check", err=Terminal())
    assert "\x1b[" not in err and "error: no curriculum found" in err


def test_build_draws_a_progress_bar_on_a_terminal_and_lines_elsewhere(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "140")  # room for the name of the page being built
    root = tmp_path / "kit"
    init_project(root)
    code, out, err = run("-C", str(root), "build", "--format", "html", "--lang", "en", out=Terminal())
    assert (code, err) == (0, "")
    steps = out.split("\r\x1b[2K")
    assert steps[1].startswith("[1/1] English HTML") and "   0%" in steps[1]
    assert any("lessons/ages-8-10/private-information-and-livestreaming" in step for step in steps)
    percents = [int(m) for m in re.findall(r"(\d+)%", out)]
    assert percents == sorted(percents) and percents[-1] == 100
    assert "built build/html/en\n" in out and "\x1b[32m" not in out  # NO_COLOR: a bar, but no colour
    (root / "lessons" / "ages-5-7" / "index.md").touch()  # a change, so that the build has work to do
    code, out, err = run("-C", str(root), "build", "--format", "html", "--lang", "en")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["[1/1] English HTML", "built build/html/en", "built build/html/index.html"]
    code, out, err = run("-C", str(root), "build", "--format", "html", "--lang", "en")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["[1/1] English HTML: up to date", "built build/html/index.html"]
    code, out, err = run("-C", str(root), "-q", "build", "--format", "html", "--lang", "en", out=Terminal())
    assert (code, out, err) == (0, "", "")


def test_the_progress_bar_follows_sphinx_passes_and_never_goes_back() -> None:
    screen = Terminal()
    bar = ProgressBar(screen)
    bar.start("[1/2] Français HTML")
    for line in ("building [mo]: [100%] locale/fr/x.mo\r", "reading sources... [ 50%] lessons/a\r",
                 "reading sources... [100%] lessons/b\r", "writing output... [ 50%] lessons/a\r"):
        bar.write(line)
    bar.finish()
    drawn = [int(m) for m in re.findall(r"(\d+)%", screen.getvalue())]
    assert drawn == sorted(drawn) and drawn[-1] == 100
    assert screen.getvalue().endswith("100%\n")


def test_a_failed_step_ends_its_line_without_claiming_100() -> None:
    console = Console(Terminal(), io.StringIO())
    with pytest.raises(KeyboardInterrupt), console.progress() as (_status, step):
        step("[1/1] English HTML")
        raise KeyboardInterrupt
    assert console.out.getvalue().endswith("  0%\n")  # type: ignore[attr-defined]


def test_readme_leads_with_the_project_shows_real_pictures_and_links_the_guides() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first = readme.split("\n## ", 1)[0]
    assert "lessonkit" in first and "without internet" in first
    for link in ("docs/writers-guide.md", "docs/boards-guide.md", "docs/commands.md"):
        assert f"]({link})" in readme and (REPO / link).is_file()
    pictures = re.findall(r"!\[[^\]]+\]\((docs/images/[^)]+\.png)\)", readme)
    assert "docs/images/kit-page.png" in pictures and "docs/images/handout.png" in pictures
    for picture in pictures:
        data = (REPO / picture).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) < 150_000, picture
    assert "make kit" in readme and "make test" in readme
