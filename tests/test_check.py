"""`lessonkit check`: every rule of the lesson format, with its exact message, file and line."""

from __future__ import annotations

import datetime
import io
import json
import re
from pathlib import Path

import pytest

from lessonkit.cli import main

CONF = """\
project = "Test curriculum"
extensions = ["lessonkit.sphinxext"]
root_doc = "source/index"
exclude_patterns = ["build"]
myst_enable_extensions = ["colon_fence", "deflist", "tasklist"]
"""

GOOD = """\
---
id: secrets-and-surprises
band: ages-5-7
duration: 30
topics: [trusted-adults]
sensitive: true
reviewed: 2026-11-15
---

# Secrets and surprises

:::{summary}
Children learn to tell a happy surprise from a secret that makes them feel worried.
:::

:::{objectives}
- I can say how a surprise is different from a secret.
:::

:::{teacher-note}
Use the puppet story, not personal stories.
:::

:::{activity} Sort it out
:duration: 15

Read each card aloud.
:::

::::{handout} My helping hand
:duration: 13

Draw or write one adult on each finger.

:::{answer-lines} 5
:::
::::

:::{family-letter}
Today we talked about surprises and secrets.
:::

:::{get-help}
:::
"""

LESSON = "lessons/ages-5-7/secrets-and-surprises.md"
HELP_PAGE_REVIEWED = "---\nreviewed: 2026-11-15\n---\n"
FAMILY_HELP = "\n::::{kit-text} family-help\n- **Help Line**: for your child.\n::::\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    band = tmp_path / "lessons" / "ages-5-7"
    band.mkdir(parents=True)
    (band / "index.md").write_text("# Ages 5 to 7\n\n:::{lesson-list}\n:::\n", encoding="utf-8")
    (tmp_path / LESSON).write_text(GOOD, encoding="utf-8")
    return tmp_path


def run(project: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["-C", str(project), "check", *args], out, err)
    return code, out.getvalue(), err.getvalue()


def problems_of(project: Path, text: str, name: str = LESSON) -> list[str]:
    (project / name).write_text(text, encoding="utf-8")
    code, found, summary = run(project)
    assert code == 1, summary
    return [line for line in found.splitlines() if ": error: " in line]


def test_a_good_lesson_passes(project: Path) -> None:
    code, out, err = run(project)
    assert (code, out) == (0, "")
    assert err == "1 lesson checked, 0 errors, 0 warnings\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("band: ages-5-7", "band: ages-5-8",
         "lessons/ages-5-7/secrets-and-surprises.md:3: error: band 'ages-5-8' is not declared in "
         "conf.py; did you mean 'ages-5-7'? (declared: ages-5-7, ages-8-10, ages-11-13, ages-14-17) "
         "[unknown-band]"),
        ("band: ages-5-7", "band: ages-8-10",
         "lessons/ages-5-7/secrets-and-surprises.md:3: error: band 'ages-8-10' does not match the "
         "folder 'ages-5-7'; move the file to lessons/ages-8-10/ or correct the band [band-folder]"),
        ("topics: [trusted-adults]", "topics: [trusted-adult]",
         "lessons/ages-5-7/secrets-and-surprises.md:5: error: topic 'trusted-adult' is not declared "
         "in conf.py; did you mean 'trusted-adults'? [unknown-topic]"),
        ("duration: 30", "duration: 300",
         "lessons/ages-5-7/secrets-and-surprises.md:4: error: duration 300 must be a number of "
         "minutes from 5 to 240 [front-matter-invalid]"),
        ("duration: 30", "duration: 10",
         "lessons/ages-5-7/secrets-and-surprises.md:4: error: the timed blocks (activity, discussion, handout, "
         "exit-ticket) add up to 28 minutes but must fill 9 to 10 of the lesson's 10; cut content (an activity, a "
         "part of the handout) until they fit, or raise the duration if the lesson really takes longer "
         "[durations-total]"),
        ("duration: 30", "duration: 45",
         "lessons/ages-5-7/secrets-and-surprises.md:4: error: the timed blocks (activity, discussion, handout, "
         "exit-ticket) add up to 28 minutes but must fill 41 to 45 of the lesson's 45; give the missing minutes "
         "to the blocks that need them, or lower the duration [durations-total]"),
        ("duration: 30", "duration: 31", None),  # 28 is 90% of 31, rounded up
        ("duration: 30", "duration: 32",
         "lessons/ages-5-7/secrets-and-surprises.md:4: error: the timed blocks (activity, discussion, handout, "
         "exit-ticket) add up to 28 minutes but must fill 29 to 32 of the lesson's 32; give the missing minutes "
         "to the blocks that need them, or lower the duration [durations-total]"),
        ("reviewed: 2026-11-15", "reviewed: last week",
         "lessons/ages-5-7/secrets-and-surprises.md:7: error: reviewed 'last week' must be a date "
         "written YYYY-MM-DD [front-matter-invalid]"),
        ("reviewed: 2026-11-15", "reviewd: 2026-11-15",
         "lessons/ages-5-7/secrets-and-surprises.md:1: error: the front matter has no 'reviewed'; add "
         "'reviewed:' between the '---' lines [front-matter-key-missing]"),
        ("id: secrets-and-surprises", "id: Secrets and Surprises",
         "lessons/ages-5-7/secrets-and-surprises.md:2: error: id 'Secrets and Surprises' must use only "
         "a-z, 0-9 and '-', e.g. 'my-safe-adults' [front-matter-invalid]"),
        ("topics: [trusted-adults]", "topics: [trusted-adults",
         "lessons/ages-5-7/secrets-and-surprises.md:6: error: the front matter is not valid YAML "
         "(expected ',' or ']', but got ':'); write one 'key: value' per line and "
         "put lists in brackets, e.g. topics: [privacy, reporting] [yaml-syntax]"),
        (":::{teacher-note}", ":::{teacher-notes}",
         "lessons/ages-5-7/secrets-and-surprises.md:20: error: unknown block '{teacher-notes}'; did "
         "you mean 'teacher-note'? [unknown-directive]"),
        (":duration: 15\n", "",
         "lessons/ages-5-7/secrets-and-surprises.md:24: error: the activity has no duration; add ':duration: N' "
         "(the minutes it takes in class) on the line after its first line; together the timed blocks (activity, "
         "discussion, handout, exit-ticket) take 27 to 30 minutes of this lesson, and the others already take 13 "
         "[block-duration-missing]"),
        (":duration: 15\n", ":durration: 15\n",
         "lessons/ages-5-7/secrets-and-surprises.md:25: error: the activity block takes no option ':durration:'; "
         "did you mean ':duration:'? (it takes :duration:, :class:) [unknown-option]"),
        (":duration: 15\n", ":duration: ten\n",
         "lessons/ages-5-7/secrets-and-surprises.md:25: error: ':duration: ten' is not a number of minutes from 1 "
         "to 240; write the minutes the activity takes, e.g. ':duration: 5'; together the timed blocks (activity, "
         "discussion, handout, exit-ticket) take 27 to 30 minutes of this lesson, and the others already take 13 "
         "[block-duration-invalid]"),
        ("Read each card aloud.", "Read each card aloud. This is not stranger danger training.",
         None),
        ("Read each card aloud.", "Read each card aloud, {teachr}`slowly`.",
         "lessons/ages-5-7/secrets-and-surprises.md:27: error: unknown role '{teachr}'; did you mean '{teacher}'? "
         "Correct it: the build stops at a role it does not know [unknown-role]"),
        ("Read each card aloud.", "Remind them about stranger danger.",
         "lessons/ages-5-7/secrets-and-surprises.md:27: error: 'stranger danger' is ruled out by the "
         "content guide: teach warning signs of behaviour, not 'stranger danger' [ruled-out-language]"),
        ("Read each card aloud.", "They should have known better.",
         "lessons/ages-5-7/secrets-and-surprises.md:27: error: 'should have known' is ruled out by the "
         "content guide: never blame the child [ruled-out-language]"),
        ("Read each card aloud.", "Ce n’est jamais de ta faute.", None),
        ("Read each card aloud.", "C’est de ta faute.",
         "lessons/ages-5-7/secrets-and-surprises.md:27: error: 'de ta faute' is ruled out by the "
         "content guide: ne jamais blâmer l'enfant (sauf « ce n'est pas de ta faute ») "
         "[ruled-out-language]"),
    ],
)
def test_each_rule_names_file_line_and_fix(project: Path, old: str, new: str, expected: str | None) -> None:
    text = GOOD.replace(old, new, 1)
    assert text != GOOD
    if expected is None:
        (project / LESSON).write_text(text, encoding="utf-8")
        assert run(project)[0] == 0
    else:
        assert expected in problems_of(project, text)


def test_check_of_one_file_reports_only_its_problems(project: Path) -> None:
    other = "lessons/ages-5-7/other.md"
    (project / other).write_text(GOOD.replace("secrets-and-surprises", "other").replace("duration: 30", "duration: 3"),
                                 encoding="utf-8")
    code, out, _ = run(project)
    assert code == 1 and f"{other}:4: error: " in out
    code, out, err = run(project, LESSON)  # the writer's own lesson: fine, whatever the other says
    assert (code, out) == (0, "") and "0 errors" in err
    code, out, _ = run(project, str(project / other))
    assert code == 1 and out.splitlines() and all(line.startswith(f"{other}:") for line in out.splitlines())
    code, _, err = run(project, "lessons/ages-5-7/missing.md")
    assert code == 2 and "lessons/ages-5-7/missing.md: no such file in the curriculum" in err


def test_missing_blocks_are_all_reported(project: Path) -> None:
    text = GOOD.split(":::{summary}")[0]
    found = problems_of(project, text)
    found = [line for line in found if line.endswith("[missing-block]")]
    assert len(found) == 5
    assert found[0] == (f"{LESSON}:10: error: the lesson has no 'summary' block; add ':::{{summary}}' ... "
                        "':::' (see `lessonkit new` for a template) [missing-block]")
    assert [line.split("'")[1] for line in found] == [
        "summary", "objectives", "activity", "family-letter", "get-help"]


def test_missing_title(project: Path) -> None:
    assert f"{LESSON}:9: error: the lesson has no title; add a '# Title' line after the front matter [missing-title]" \
        in problems_of(project, GOOD.replace("# Secrets and surprises\n", ""))


def test_sensitive_lesson_needs_teacher_note(project: Path) -> None:
    text = GOOD.replace(":::{teacher-note}\nUse the puppet story, not personal stories.\n:::\n", "")
    assert problems_of(project, text) == [
        f"{LESSON}:6: error: a sensitive lesson needs a 'teacher-note' block that prepares the teacher "
        "[sensitive-without-note]"]


def test_images_need_alt_text_and_a_local_file(project: Path) -> None:
    (project / "lessons" / "ages-5-7" / "hand.png").write_bytes(b"\x89PNG\r\n")
    text = GOOD.replace("Read each card aloud.", "![](hand.png)\n\n![A hand](https://example.org/a.png)\n\n"
                        "![A cat](cat.png)\n\n```{figure} hand.png\n```")
    assert problems_of(project, text) == [
        f"{LESSON}:27: error: the image 'hand.png' has no alt text; describe it for readers who cannot "
        "see it: ![what it shows](path) or :alt: in a figure [image-alt]",
        f"{LESSON}:29: error: the image 'https://example.org/a.png' is on the network; the kit must work "
        "offline: save the file in the project and give its path [image-remote]",
        f"{LESSON}:31: error: the image 'cat.png' is not a file in the project [image-missing]",
        f"{LESSON}:33: error: the image 'hand.png' has no alt text; describe it for readers who cannot "
        "see it: ![what it shows](path) or :alt: in a figure [image-alt]",
    ]


def test_no_file_from_outside_the_project_is_published(project: Path, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "secret.png").write_bytes(b"\x89PNG\r\n")
    relative = Path("..", "..", "..", *elsewhere.parts[1:], "secret.png").as_posix()
    text = GOOD.replace("Read each card aloud.", f"![Notes]({relative})\n\n![Passwords](/../../etc/passwd)")
    assert problems_of(project, text) == [
        f"{LESSON}:27: error: the image '{relative}' lies outside the project, and the kit publishes only the "
        "project's own files; copy it into the project (next to the lesson) and give its path there "
        "[path-outside-project]",
        f"{LESSON}:29: error: the image '/../../etc/passwd' lies outside the project, and the kit publishes only "
        "the project's own files; copy it into the project (next to the lesson) and give its path there "
        "[path-outside-project]",
    ]
    # a lesson that is a link to a file outside the project
    (elsewhere / "linked.md").write_text(GOOD.replace("id: secrets-and-surprises", "id: linked"), encoding="utf-8")
    (project / "lessons" / "ages-5-7" / "linked.md").symlink_to(elsewhere / "linked.md")
    code, found, _ = run(project)
    assert code == 1 and ("lessons/ages-5-7/linked.md:1: error: this lesson is a link to a file outside the "
                          "project, which the kit would publish; copy the lesson into ages-5-7/ instead of "
                          "linking to it [path-outside-project]") in found


def test_a_student_block_inside_a_teacher_only_block_is_refused(project: Path) -> None:
    text = GOOD.replace(":::{teacher-note}\nUse the puppet story, not personal stories.\n:::\n",
                        "::::{teacher-note}\nUse the puppet story, not personal stories.\n\n"
                        ":::{exit-ticket}\n:duration: 1\n\nName one adult.\n:::\n::::\n")
    found = [line for line in problems_of(project, text) if "[student-block-in-teacher-block]" in line]
    assert found == [
        f"{LESSON}:23: error: the 'exit-ticket' block is inside a 'teacher-note' block (line 20), which only "
        "teachers see, so students would never get it; close the 'teacher-note' block before it "
        "[student-block-in-teacher-block]"]


def test_teacher_text_where_only_teachers_read_is_a_warning_and_in_a_student_block_is_fine(project: Path) -> None:
    text = GOOD.replace(":::{teacher-note}\nUse the puppet story, not personal stories.\n:::\n",
                        "::::{teacher-note}\nUse the puppet story, {teacher}`not personal stories`.\n\n"
                        ":::{teacher}\nAsk quietly.\n:::\n::::\n")
    text = text.replace(":::{activity} Sort it out\n:duration: 15\n\nRead each card aloud.\n:::",
                        "::::{activity} Sort it out\n:duration: 15\n\nRead each card aloud. {teacher}`Smile card: "
                        "a surprise.`\n\n:::{teacher}\nCheck that every child has a card.\n:::\n::::")
    text = text.replace("# Secrets and surprises\n", "# Secrets and surprises\n\nPrint {teacher}`the cards`.\n")
    (project / LESSON).write_text(text, encoding="utf-8")
    code, out, _ = run(project)
    assert code == 0, out  # a warning: the lesson still builds as written
    found = [line for line in out.splitlines() if "[teacher-text-not-needed]" in line]
    assert found == [
        f"{LESSON}:12: warning: {{teacher}}`…` is outside every block, where only teachers read anyway (text "
        "outside blocks is the teacher's); write the text without the role, or put it in the block students "
        "see [teacher-text-not-needed]",
        f"{LESSON}:23: warning: {{teacher}}`…` is inside a 'teacher-note' block (line 22), which only teachers "
        "see already; write the text without the role [teacher-text-not-needed]",
        f"{LESSON}:25: warning: this ':::{{teacher}}' is inside a 'teacher-note' block (line 22), which only "
        "teachers see already; remove the ':::{teacher}' lines and keep the text [teacher-text-not-needed]"]


def test_raw_html_is_refused_in_lessons_pages_and_translations(project: Path) -> None:
    text = GOOD.replace("Read each card aloud.", "Read each card aloud. <img src=x onerror=alert(1)>\n\n"
                        "<script>alert(1)</script>")
    assert [line for line in problems_of(project, text) if "[raw-html]" in line] == [
        f"{LESSON}:27: error: raw HTML ('<img src=x onerror=alert(1)>') is not allowed in the kit: it could run "
        "script on the machines it is copied to; write Markdown instead (**bold**, lists, [links](page.md), "
        "![pictures](file.png)), and % for a comment [raw-html]",
        f"{LESSON}:29: error: raw HTML ('<script>alert(1)</script>') is not allowed in the kit: it could run "
        "script on the machines it is copied to; write Markdown instead (**bold**, lists, [links](page.md), "
        "![pictures](file.png)), and % for a comment [raw-html]",
    ]
    page = project / "source" / "help.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# Help\n\nCall us.\n\n<iframe src=\"https://example.org\"></iframe>\n", encoding="utf-8")
    catalog = project / CATALOG
    catalog.parent.mkdir(parents=True)
    catalog.write_text(PO_HEADER + '\nmsgid "Read each card aloud."\n'
                       'msgstr "Lis chaque carte. <img src=\\"data:,\\" onerror=\\"alert(1)\\">"\n', encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1
    assert "source/help.md:5: error: raw HTML ('<iframe src=\"https://example.org\"></ifra…')" in found  # cut short
    assert f"{CATALOG}:7: error: 'Read each card aloud.': raw HTML ('<img src=\"data:,\" onerror=\"alert(1)\">')" \
        in found


def test_id_must_match_the_file_name(project: Path) -> None:
    (project / "lessons" / "ages-5-7" / "copy.md").write_text(GOOD, encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1
    assert ("lessons/ages-5-7/copy.md:2: error: id 'secrets-and-surprises' differs from the file name 'copy.md'; "
            "rename the file to secrets-and-surprises.md or change the id [id-filename]") in found


def test_duplicate_ids_name_both_files(project: Path) -> None:
    (project / "lessons" / "ages-5-7" / "copy.md").write_text(GOOD, encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1
    assert (f"lessons/ages-5-7/{'secrets-and-surprises.md'}:2: error: id 'secrets-and-surprises' is already "
            "used by lessons/ages-5-7/copy.md; give each lesson its own id [duplicate-id]") in found


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", f"{LESSON}:1: error: the file is empty; start from `lessonkit new` [empty-file]"),
        (b"---\nid: x\n\xff\xfe\n---\n",
         f"{LESSON}:3: error: the file is not UTF-8; save it as UTF-8 in your editor [not-utf8]"),
        (b"# Just a title\n",
         f"{LESSON}:1: error: the lesson has no front matter; start the file with a '---' line, the keys "
         "id, band, duration, topics and reviewed, and another '---' line [front-matter-missing]"),
        (b"---\nid: x\n",
         f"{LESSON}:1: error: the front matter is not closed; add a '---' line after its last key "
         "[front-matter-unclosed]"),
        (b"---\n- a list\n---\n# T\n",
         f"{LESSON}:2: error: the front matter must be 'key: value' lines [yaml-syntax]"),
    ],
)
def test_unreadable_files_get_one_precise_error(project: Path, content: bytes, expected: str) -> None:
    (project / LESSON).write_bytes(content)
    code, found, _ = run(project)
    assert code == 1
    assert found.splitlines()[0] == expected


def test_all_problems_of_all_files_in_one_run(project: Path) -> None:
    (project / "lessons" / "ages-5-7" / "other.md").write_text(
        GOOD.replace("secrets-and-surprises", "other").replace("duration: 30", "duration: 3"), encoding="utf-8")
    (project / LESSON).write_text(GOOD.replace("band: ages-5-7", "band: nowhere"), encoding="utf-8")
    code, found, summary = run(project)
    assert code == 1
    assert "[unknown-band]" in found and "[front-matter-invalid]" in found
    assert summary == "error: 2 lessons checked, 2 errors, 0 warnings\n"


def test_json_output_for_ci_tools(project: Path) -> None:
    (project / LESSON).write_text(GOOD.replace("topics: [trusted-adults]", "topics: [nope]"), encoding="utf-8")
    code, out, _ = run(project, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert (report["lessons"], report["errors"], report["warnings"]) == (1, 1, 0)
    assert report["problems"] == [{"path": LESSON, "line": 5, "code": "unknown-topic",
                                   "message": "topic 'nope' is not declared in conf.py", "severity": "error"}]


def test_no_project_is_a_usage_error(tmp_path: Path) -> None:
    err = io.StringIO()
    assert main(["-C", str(tmp_path), "check"], io.StringIO(), err) == 2
    assert "no curriculum found" in err.getvalue() and "lessonkit init" in err.getvalue()


def test_broken_conf_py_is_reported_without_traceback(project: Path) -> None:
    (project / "conf.py").write_text("lessonkit_bands = {'Bad Id': {}}\n", encoding="utf-8")
    err = io.StringIO()
    assert main(["-C", str(project), "check"], io.StringIO(), err) == 2
    assert err.getvalue() == "error: conf.py: error: lessonkit_bands: 'Bad Id' is not a valid id (a-z, 0-9, '-')\n"
    (project / "conf.py").write_text("project = (\n", encoding="utf-8")
    err = io.StringIO()
    assert main(["-C", str(project), "check"], io.StringIO(), err) == 2
    assert "conf.py:1: error:" in err.getvalue() and "Traceback" not in err.getvalue()


CATALOG = "locale/fr/LC_MESSAGES/lessons/ages-5-7/secrets-and-surprises.po"
PO_HEADER = '''msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
'''


def test_translations_keep_the_markup_of_their_source(project: Path) -> None:
    path = project / CATALOG
    path.parent.mkdir(parents=True)
    path.write_text(PO_HEADER + '''
msgid "Draw or write one adult on each finger."
msgstr "Dessine un adulte sur chaque doigt.\\n- Et un autre ici."

msgid "See ![a hand](hand.png) and [the help page](../../source/get-help.md)."
msgstr "Regarde [la page d'aide](aide.md)."

msgid "Read each card **aloud**."
msgstr "Lis chaque carte **à voix haute."

msgid "Today we talked about surprises and secrets."
msgstr "Aujourd'hui, nous avons parlé des surprises et des secrets."
''', encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1
    found = [line for line in found.splitlines() if line.startswith(CATALOG)]
    assert found == [
        f"{CATALOG}:7: error: 'Draw or write one adult on each finger.': the translation has 1 list items where the "
        "source has 0 [translation-parity]",
        f"{CATALOG}:10: error: 'See ![a hand](hand.png) and [the help page](../../…': the translation has 0 images "
        "where the source has 1 [translation-parity]",
        f"{CATALOG}:10: error: 'See ![a hand](hand.png) and [the help page](../../…': the translation links to "
        "aide.md where the source links to ../../source/get-help.md, hand.png; keep the link targets as they are "
        "[translation-parity]",
        f"{CATALOG}:13: error: 'Read each card **aloud**.': the translation has an unclosed '**' (bold), so the "
        "page shows the '**'; close it as the source does [translation-parity]",
    ]


def test_translator_mistakes_that_show_on_the_page_are_found(project: Path) -> None:
    """A translated role name, a lost closing '*', and plain spaces where French needs no-break ones."""
    path = project / CATALOG
    path.parent.mkdir(parents=True)
    path.write_text(PO_HEADER + '''
msgid "Ask a {abbr}`TA (teaching assistant)` to help."
msgstr "Demande à une {abréviation}`TES (technicienne en éducation spécialisée)` de t'aider."

msgid "Say *no*, then go and tell."
msgstr "Dis *non, puis va le dire."

msgid "What would you do? Who would you tell: a parent, a teacher?"
msgstr "Que ferais-tu ? À qui le dirais-tu : un parent, un enseignant\u00a0?"

msgid "Say \\"No, go, tell\\"."
msgstr "Dis « Non, va-t’en, dis-le\u00a0»."

msgid "The *plan d'intervention* of a student."
msgstr "Le plan d’intervention d’un élève\u00a0: une aide."
'''.replace("\\u00a0", "\u00a0"), encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1
    assert [line for line in found.splitlines() if line.startswith(CATALOG)] == [
        f"{CATALOG}:7: error: 'Ask a {{abbr}}`TA (teaching assistant)` to help.': the translation writes the role "
        "{abréviation} where the source has {abbr}, so the page would show it as plain text; role names stay in "
        "English: translate only the text between the backquotes [translation-parity]",
        f"{CATALOG}:10: error: 'Say *no*, then go and tell.': the translation has a '*' that opens no italics (or "
        "closes none), so the page shows it as it is; close each *italics* as the source does, or drop the mark "
        "[translation-parity]",
        f"{CATALOG}:13: error: 'What would you do? Who would you tell: a parent, a…': a plain space where French "
        "needs a no-break space ('ferais-tu ?'; 'dirais-tu :'), so a line could end there and leave the mark "
        "alone; type a no-break space (U+00A0) before : ? instead, as the rest of the catalog does (Windows: "
        "Alt+0160; macOS: Option+Space) [french-spacing]",
        f"{CATALOG}:16: error: 'Say \"No, go, tell\".': a plain space where French needs a "
        "no-break space ('« Non,'), so a line could end there and leave the mark alone; "
        "type a no-break space (U+00A0) inside « » "
        "instead, as the rest of the catalog does (Windows: Alt+0160; macOS: Option+Space) [french-spacing]",
    ]


def test_a_quote_mark_typed_for_an_apostrophe_is_found(project: Path) -> None:
    """What earlier builds printed, and word processors type: L”« adulte », qu”**ils**."""
    path = project / CATALOG
    path.parent.mkdir(parents=True)
    path.write_text(PO_HEADER + '''
msgid "The \\"adult\\" says: stop."
msgstr "L”«\u00a0adulte\u00a0» dit\u00a0: arrête."

msgid "They heard that **they will not be in trouble**."
msgstr "Ils ont entendu qu”**ils n\'auront pas d\'ennuis**."

msgid "Say \\"No\\"."
msgstr "Dis «\u00a0Non\u00a0» et l\'«\u00a0adulte\u00a0» t\'aide, comme “prévu”."
'''.replace("\\u00a0", "\u00a0"), encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1
    assert [line for line in found.splitlines() if line.startswith(CATALOG)] == [
        f"{CATALOG}:7: error: 'The \"adult\" says: stop.': a quote mark stands where an apostrophe belongs "
        "('L”«'); type an apostrophe ' (or ’) instead: the kit shows it as ’ even before « » or bold text "
        "[quote-for-apostrophe]",
        f"{CATALOG}:10: error: 'They heard that **they will not be in trouble**.': a quote mark stands where an "
        "apostrophe belongs ('qu”*'); type an apostrophe ' (or ’) instead: the kit shows it as ’ even before "
        "« » or bold text [quote-for-apostrophe]",
    ]


def test_a_catalog_is_read_as_strictly_as_msgfmt_reads_it(project: Path) -> None:
    path = project / CATALOG
    path.parent.mkdir(parents=True)
    # a text whose closing quote is missing: polib would keep "Bonjou" and the page would show it
    path.write_text(PO_HEADER + '\nmsgid "Hello"\nmsgstr "Bonjour\n\nmsgid "Bye"\nmsgstr "Salut"\n', encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1 and (f"{CATALOG}:8: error: this line is not PO syntax (a text without its closing quote, or a "
                          "quote inside a text written \" instead of \\\"); fix it in a PO editor such as Poedit "
                          "[catalog-syntax]") in found
    # an unfinished plural expression
    path.write_text(PO_HEADER.replace("plural=(n > 1);", "plural=(n >") + '\nmsgid "Bye"\nmsgstr "Salut"\n',
                    encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1 and (f"{CATALOG}:1: error: the catalog's Plural-Forms expression '(n >' is incomplete or "
                          "invalid; for French write 'nplurals=2; plural=(n > 1);' [catalog-header]") in found


def test_i18n_update_refuses_a_catalog_it_would_cut_short(project: Path) -> None:
    """polib reads a text without its closing quote one character short; writing it back would keep the cut."""
    path = project / CATALOG
    path.parent.mkdir(parents=True)
    broken = PO_HEADER + '\nmsgid "Secrets and surprises"\nmsgstr "Secrets et surprises\n'
    path.write_text(broken, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["-C", str(project), "i18n", "update"], out, err) == 1
    assert err.getvalue() == (
        "error: the catalogs were not updated; fix the file named below and run the command again:\n"
        f"{CATALOG}:8: error: this line is not PO syntax (a text without its closing quote, or a quote inside a "
        "text written \" instead of \\\"); fix it in a PO editor such as Poedit [catalog-syntax]\n")
    assert path.read_text(encoding="utf-8") == broken


def test_catalog_headers_are_checked(project: Path) -> None:
    path = project / CATALOG
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n', encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1
    assert (f"{CATALOG}:1: error: the catalog's header says Language: en but it is in the 'fr' folder; "
            "set 'Language: fr' [catalog-header]") in found
    assert f"{CATALOG}:1: error: the catalog's header has no Plural-Forms; run `lessonkit i18n update` " \
           "[catalog-header]" in found


def test_a_translation_that_reads_as_a_list_is_refused(project: Path) -> None:
    path = project / CATALOG
    path.parent.mkdir(parents=True)
    path.write_text(PO_HEADER + '\nmsgid "16 is the age of consent."\nmsgstr "16. C\'est l\'âge du consentement."\n',
                    encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1
    assert (f"{CATALOG}:7: error: '16 is the age of consent.': the translation starts like a list item, so Sphinx "
            "ignores it and shows the source; escape the mark, e.g. '16\\. ' instead of '16. ' "
            "[translation-parity]") in found


def test_no_input_makes_a_traceback(project: Path) -> None:
    """Damaged lessons (lines dropped, duplicated, cut, bytes flipped) always get messages, never a crash."""
    import random

    rng = random.Random(20261130)
    lines = GOOD.encode("utf-8").splitlines(keepends=True)
    for _ in range(150):
        damaged = list(lines)
        for _ in range(rng.randint(1, 4)):
            where = rng.randrange(len(damaged))
            action = rng.choice(("drop", "copy", "cut", "flip", "colons"))
            if action == "drop" and len(damaged) > 1:
                del damaged[where]
            elif action == "copy":
                damaged.insert(where, damaged[rng.randrange(len(damaged))])
            elif action == "cut":
                damaged[where] = damaged[where][: rng.randrange(len(damaged[where]) + 1)]
            elif action == "flip" and damaged[where]:
                at = rng.randrange(len(damaged[where]))
                damaged[where] = damaged[where][:at] + bytes([rng.randrange(256)]) + damaged[where][at + 1:]
            else:
                damaged[where] = b"::::" + damaged[where]
        (project / LESSON).write_bytes(b"".join(damaged))
        code, out, err = run(project)
        assert code in (0, 1) and "Traceback" not in err + out
        assert all(re.match(r"^lessons/\S+:\d+: error: .+ \[[a-z0-9-]+\]$", line) for line in out.splitlines()), out
        assert re.fullmatch(r"(error: )?[01] lessons? checked, \d+ errors?, 0 warnings\n", err), err


def test_a_second_check_reads_only_what_changed_and_finds_the_same(project: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import lessonkit.checks.lessons

    (project / "lessons" / "ages-5-7" / "hand.png").write_bytes(b"\x89PNG\r\n")
    text = GOOD.replace("Read each card aloud.", "![A hand](hand.png)\n\nRead each card aloud.")
    (project / LESSON).write_text(text.replace("duration: 30", "duration: 10"), encoding="utf-8")
    first = run(project)
    assert first[0] == 1 and "[durations-total]" in first[1]
    assert (project / "build" / ".doctrees" / "check-cache.pickle").is_file()

    checked: list[str] = []
    real = lessonkit.checks.lessons.check_lesson
    monkeypatch.setattr(lessonkit.checks.lessons, "check_lesson",
                        lambda path, *rest: checked.append(path.name) or real(path, *rest))
    assert run(project) == first and checked == []  # the same answer, from the cache
    (project / LESSON).write_text(text, encoding="utf-8")  # fixed
    assert run(project)[0] == 0 and checked == ["secrets-and-surprises.md"]
    # what a lesson points at is part of its result: a deleted image is noticed
    (project / "lessons" / "ages-5-7" / "hand.png").unlink()
    code, found, _ = run(project)
    assert code == 1 and "the image 'hand.png' is not a file in the project [image-missing]" in found
    # and so are the settings: a topic removed from conf.py
    (project / "lessons" / "ages-5-7" / "hand.png").write_bytes(b"\x89PNG\r\n")
    (project / "conf.py").write_text(CONF + 'lessonkit_topics = {"privacy": "Privacy"}\n', encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1 and "topic 'trusted-adults' is not declared" in found


def test_a_damaged_check_cache_is_ignored(project: Path) -> None:
    assert run(project)[0] == 0
    cache = project / "build" / ".doctrees" / "check-cache.pickle"
    cache.write_bytes(b"not a pickle")
    code, out, err = run(project)
    assert (code, out) == (0, "") and "1 lesson checked, 0 errors, 0 warnings" in err


def nested(depth: int) -> str:
    """``depth`` note blocks, each inside the one before (the outer fence has the most colons)."""
    opening = "".join(":" * (3 + depth - level) + "{note}\n" for level in range(depth))
    return opening + "deep\n" + "".join(":" * (4 + level) + "\n" for level in range(depth))


def test_blocks_nested_too_deep_are_an_error_at_the_first_block_too_deep(project: Path) -> None:
    lesson = GOOD + "\n" + nested(8)  # eight levels fit, on the page and in the PDF
    (project / LESSON).write_text(lesson, encoding="utf-8")
    assert run(project)[0] == 0
    first = GOOD.count("\n") + 2  # the line of the outer block
    for depth in (9, 200):  # 200 used to end the build with a RecursionError
        assert problems_of(project, GOOD + "\n" + nested(depth)) == [
            f"{LESSON}:{first + 8}: error: this block is inside 8 other blocks; at most 8 levels fit on a printed "
            "page (and far deeper ones stop the build): close the blocks around it first, or make it a list or a "
            "heading [block-nesting]"]
    page = project / "source" / "help.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    (project / LESSON).write_text(GOOD, encoding="utf-8")
    page.write_text("# Help\n\n" + nested(200), encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1 and "source/help.md:11: error: this block is inside 8 other blocks" in found


def test_a_file_that_is_not_a_picture_is_an_error_whatever_its_name(project: Path) -> None:
    folder = project / "lessons" / "ages-5-7"
    (folder / "hand.png").write_text("I am a text file, not a picture", encoding="utf-8")
    (folder / "real.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    (folder / "drawing.svg").write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>\n',
                                        encoding="utf-8")
    text = GOOD.replace("Read each card aloud.", "![A hand](hand.png) ![Real](real.png) ![Drawing](drawing.svg)")
    assert problems_of(project, text) == [
        f"{LESSON}:27: error: the image 'hand.png' is not a PNG, JPEG, GIF, WebP or SVG picture, whatever its name "
        "says; open it in an image editor and export it as PNG or JPEG [image-format]"]


def test_a_lesson_named_md_in_capitals_or_in_a_folder_of_its_band_is_an_error(project: Path) -> None:
    band = project / "lessons" / "ages-5-7"
    (band / "Shouting.MD").write_text(GOOD, encoding="utf-8")
    (band / "extra").mkdir()
    (band / "extra" / "secrets-and-surprises.md").write_text(GOOD, encoding="utf-8")
    (project / "lessons" / "loose.md").write_text(GOOD, encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1
    assert ("lessons/ages-5-7/Shouting.MD:1: error: 'Shouting.MD' is not read: lessons and pages end in '.md', in "
            "lower case (the build reads no other name); rename it to 'Shouting.md' [file-suffix]") in found
    assert ("lessons/ages-5-7/extra/secrets-and-surprises.md:1: error: a lesson sits directly in its band's folder, "
            "where the build looks for it; move it to lessons/ages-5-7/secrets-and-surprises.md "
            "[lesson-folder]") in found
    assert "lessons/loose.md:1: error: a lesson sits directly in its band's folder, where the build looks for it; " \
           "move it to lessons/BAND/loose.md [lesson-folder]" in found


def test_a_latin_1_catalog_is_an_error_naming_it(project: Path) -> None:
    path = project / CATALOG
    path.parent.mkdir(parents=True)
    latin = PO_HEADER.replace("charset=UTF-8", "charset=ISO-8859-1") + '\nmsgid "Read each card aloud."\n' \
        'msgstr "Lis chaque carte à voix haute."\n'
    path.write_bytes(latin.encode("latin-1"))
    code, found, _ = run(project)
    assert code == 1 and "Traceback" not in found
    assert (f"{CATALOG}:1: error: the catalog is not UTF-8 (invalid continuation byte); save it as UTF-8 "
            "(Poedit: Catalog > Properties > Charset) [catalog-syntax]") in found
    # UTF-8 bytes under a header that says otherwise would be read as Latin-1 by the build
    path.write_text(latin, encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1 and (f"{CATALOG}:1: error: the catalog's header says charset=ISO-8859-1, but lessonkit reads "
                          "catalogs as UTF-8; save it as UTF-8 and set 'Content-Type: text/plain; charset=UTF-8' "
                          "[catalog-header]") in found


def test_a_tab_in_the_front_matter_says_to_replace_it_with_spaces(project: Path) -> None:
    assert problems_of(project, GOOD.replace("band: ages-5-7", "\tband: ages-5-7")) == [
        f"{LESSON}:3: error: this line of the front matter has a tab, which YAML does not accept there; replace the "
        "tab with spaces (write 'key: value' with one space after the colon) [yaml-syntax]"]


@pytest.mark.parametrize(("old", "new", "expected"), [
    (":duration: 15\n", ":duration: 15 minutes\n",
     f"{LESSON}:25: error: ':duration: 15 minutes' is not a number of minutes from 1 to 240; write the number of "
     "minutes only, without a unit: ':duration: 15'; together the timed blocks"),
    (":duration: 15\n", "\n:duration: 15 minutes\n",
     f"{LESSON}:26: error: the activity's duration is not read: ':duration: 15 minutes' is read as text, because it "
     "is not right under ':::{activity}' (a blank line or other text comes before it); move it to the line right "
     "after the block's first line, written ':duration: 15' [block-duration-missing]"),
    (":duration: 15\n", ":Duration: 15\n",
     f"{LESSON}:25: error: the activity's duration is not read: the option is ':Duration:', and only ':duration:' "
     "(in lower case) is understood; write ':duration: 15' [block-duration-missing]"),
    ("duration: 30", "duration: 30 minutes",
     f"{LESSON}:4: error: duration '30 minutes' must be a number of minutes from 5 to 240; write the number only, "
     "without a unit: 'duration: 30' [front-matter-invalid]"),
])
def test_a_duration_lessonkit_cannot_read_says_what_is_wrong_with_it(project: Path, old: str, new: str,
                                                                     expected: str) -> None:
    found = problems_of(project, GOOD.replace(old, new, 1))
    assert any(line.startswith(expected) for line in found), found


def test_a_new_lesson_takes_its_band_s_usual_duration_and_comes_last(project: Path) -> None:
    from lessonkit.project import load_project
    from lessonkit.scaffold import new_lesson

    (project / LESSON).write_text(GOOD.replace("reviewed:", "order: 3\nreviewed:"), encoding="utf-8")
    text = new_lesson(load_project(project), "ages-5-7", "Passwords are private").read_text(encoding="utf-8")
    assert "\nduration: 30\n" in text and "\norder: 4\n" in text
    (project / "lessons/ages-5-7/passwords-are-private.md").unlink()
    (project / LESSON).write_text(GOOD.replace("duration: 30", "duration: 45"), encoding="utf-8")
    text = new_lesson(load_project(project), "ages-5-7", "Passwords are private").read_text(encoding="utf-8")
    assert "\nduration: 45\n" in text and "order:" not in text  # a number would put it before the unnumbered


def test_the_untouched_template_fails_until_its_placeholders_are_replaced(project: Path) -> None:
    from lessonkit.project import load_project
    from lessonkit.scaffold import PLACEHOLDER, new_lesson

    (project / LESSON).unlink()
    path = new_lesson(load_project(project), "ages-5-7", "Secrets and surprises")
    text = path.read_text(encoding="utf-8")
    assert ":::{video}" in text
    found = problems_of(project, text)
    placeholders = [line for line in found if line.endswith("[template-placeholder]")]
    lines_with_placeholders = {number for number, line in enumerate(text.splitlines()) if PLACEHOLDER.search(line)}
    assert len(placeholders) == len(lines_with_placeholders)
    assert f"{LESSON}:14: error: '[[In one or two sentences, say what st…]]': text of the lesson template; replace " \
           "it, brackets included, with the lesson's own words (or delete the block if this lesson does not need " \
           "it) [template-placeholder]" in placeholders
    assert any("and 4 more on this line" in line for line in placeholders)  # the rubric's row
    video = text[text.index(":::{video}"):text.index(":::\n", text.index(":::{video}")) + 4]
    filled = PLACEHOLDER.sub(lambda found: found.group()[2:-2], text.replace(video, ""))
    (project / LESSON).write_text(filled, encoding="utf-8")
    code, found_after, _ = run(project)
    assert (code, found_after) == (0, "")


EXIT_TICKET = ":::{exit-ticket}\n:duration: 2\n\nWho will you tell?\n\n:::{answer-lines} 2\n:::\n:::\n\n"


def test_a_block_with_too_few_colons_is_found_with_the_fix(project: Path) -> None:
    text = GOOD.replace(":::{family-letter}", EXIT_TICKET + ":::{family-letter}")
    text = text.replace(":duration: 13", ":duration: 11")
    found = [line for line in problems_of(project, text) if "[block-" in line]
    assert found == [
        f"{LESSON}:44: error: the 'answer-lines' block is never closed: its closing ':::' closed the 'exit-ticket' "
        "block of line 39 instead, which has no more colons than it (:::); a block that holds another takes one more "
        "colon: open the 'exit-ticket' block with '::::{exit-ticket}' and close it with '::::' [block-unclosed]",
        f"{LESSON}:46: error: this ':::' closes no block, so it opens an empty one that swallows what follows (to "
        "line 50): the 'exit-ticket' block of line 39 was already closed by the ':::' of the block it holds; a block "
        "that holds another takes one more colon: open it with '::::{exit-ticket}' and close it here with '::::' "
        "[block-stray-close]",
    ]
    fixed = text.replace(EXIT_TICKET, EXIT_TICKET.replace(":::{exit-ticket}", "::::{exit-ticket}")
                         .replace(":::\n:::\n", ":::\n::::\n"))
    (project / LESSON).write_text(fixed, encoding="utf-8")
    assert run(project)[:2] == (0, "")
    # a block opened with four colons and closed with three
    wrong = EXIT_TICKET.replace(":::{exit-ticket}", "::::{exit-ticket}")
    found = [line for line in problems_of(project, GOOD.replace(":::{family-letter}", wrong + ":::{family-letter}"))
             if "[block-" in line]
    assert found[0] == (f"{LESSON}:39: error: the 'exit-ticket' block is never closed, so it takes in everything "
                        "after it; add a '::::' line where it ends [block-unclosed]")


def test_a_block_left_open_before_the_next_is_one_error_with_the_fix(project: Path) -> None:
    # the activity's closing ':::' forgotten: the handout that follows ends up inside it
    text = GOOD.replace("Read each card aloud.\n:::\n", "Read each card aloud.\n")
    lines = text.splitlines()
    activity = lines.index(":::{activity} Sort it out") + 1
    handout = lines.index("::::{handout} My helping hand") + 1
    assert [line for line in problems_of(project, text) if ": error: " in line] == [
        f"{LESSON}:{handout}: error: the 'activity' block of line {activity} is not closed before this 'handout' "
        "block, which ends up inside it; add a ':::' line before this one to close the 'activity' block "
        "[block-left-open]"]


def test_a_help_line_typed_into_a_lesson_is_an_error(project: Path) -> None:
    letter = ("Today we talked about surprises and secrets. Call Kids Help Phone at 1-800-668-6868, visit "
              "www.kidshelpphone.ca or write to counsellor@board.example.ca.")
    found = problems_of(project, GOOD.replace("Today we talked about surprises and secrets.", letter))
    assert found == [
        f"{LESSON}:40: error: '{contact}' is {kind} typed into the lesson; lessons never write out help lines or "
        "contacts: the {get-help} block prints them from source/get-help.md in the reader's language, where one "
        "edit corrects every lesson. Delete it (name the service if you like, e.g. 'Kids Help Phone'), and add it "
        "to source/get-help.md if it is missing there [help-line-in-lesson]"
        for contact, kind in (("1-800-668-6868", "a phone number"), ("www.kidshelpphone.ca", "a web address"),
                              ("counsellor@board.example.ca", "an e-mail address"))]
    # naming a service is fine, and so is a web page to read outside the letter
    named = GOOD.replace("Read each card aloud.", "Name Kids Help Phone, 9-8-8 and Cybertip.ca. "
                                                  "Read https://example.org/guide first.")
    (project / LESSON).write_text(named, encoding="utf-8")
    assert run(project)[:2] == (0, "")


def test_a_link_to_a_page_that_does_not_exist_names_the_likely_page(project: Path) -> None:
    (project / "source").mkdir()
    (project / "source" / "get-help.md").write_text(f"{HELP_PAGE_REVIEWED}# Get help\n\nSee [a lesson]"
                                                    f"(../lessons/ages-5-7/nope.md).\n{FAMILY_HELP}", encoding="utf-8")
    text = GOOD.replace("Read each card aloud.", "Read each card aloud; see [Get help](../../source/get-hlep.md).")
    (project / LESSON).write_text(text, encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1 and found.splitlines() == [
        f"{LESSON}:27: error: the link to '../../source/get-hlep.md' leads to no page of the kit; did you mean "
        "'../../source/get-help.md'? A link to a page gives its file, relative to this file's folder "
        "(lessons/ages-5-7), e.g. [Get help](../../source/get-help.md) from a lesson [page-link]",
        "source/get-help.md:6: error: the link to '../lessons/ages-5-7/nope.md' leads to no page of the kit; a link "
        "to a page gives its file, relative to this file's folder (source), e.g. [Get help](../../source/get-help.md) "
        "from a lesson [page-link]",
    ]
    (project / LESSON).write_text(text.replace("get-hlep", "get-help"), encoding="utf-8")
    (project / "source" / "get-help.md").write_text(f"{HELP_PAGE_REVIEWED}# Get help\n\nSee [a lesson](../lessons/"
                                                    f"ages-5-7/secrets-and-surprises.md#sort-it-out).\n{FAMILY_HELP}",
                                                    encoding="utf-8")
    assert run(project)[:2] == (0, "")


def test_a_lesson_records_who_reviewed_it_and_goes_stale_like_a_source(project: Path) -> None:
    reviewed = GOOD.replace("reviewed: 2026-11-15", "reviewed: 2020-01-15\nreviewed-by: Safe Schools Office")
    (project / LESSON).write_text(reviewed, encoding="utf-8")
    code, found, _ = run(project)
    assert code == 0 and found == (
        f"{LESSON}:7: warning: this lesson was last reviewed on 2020-01-15, more than 24 months ago; have it "
        "reviewed again (its facts, its help lines, its safety language), then set 'reviewed: "
        f"{datetime.date.today().isoformat()}' (lessonkit_review_max_age_months in conf.py sets the limit) "
        "[review-stale]\n")
    assert run(project, "--strict")[0] == 1
    (project / LESSON).write_text(GOOD.replace("reviewed: 2026-11-15", "reviewed: 2026-11-15\nreviewed-by: [a, b]"),
                                  encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1 and found == (
        f"{LESSON}:8: error: reviewed-by ['a', 'b'] must name who reviewed it, on one line, e.g. 'reviewed-by: "
        "Safe Schools Office, Ottawa Valley DSB' [front-matter-invalid]\n")


def test_the_help_page_is_under_the_review_rule_of_lessons(project: Path) -> None:
    page = project / "source" / "get-help.md"
    page.parent.mkdir()
    page.write_text("# Get help\n\n- Kids Help Phone: 1-800-668-6868\n" + FAMILY_HELP, encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1 and found.startswith(
        "source/get-help.md:1: error: the help page has no review date, and its phone numbers are what every lesson "
        "sends children to; check every number and address, then start the file with '---', 'reviewed: ")
    assert found.endswith("[help-page-review-missing]\n")
    page.write_text("---\nreviewed: 2019-05-01\nreviewed-by: Ottawa Valley DSB safe schools\n---\n"
                    + page.read_text(encoding="utf-8"), encoding="utf-8")
    code, found, _ = run(project)
    assert code == 0 and found.startswith(
        "source/get-help.md:2: warning: the help page (its phone numbers) was last reviewed on 2019-05-01, more than "
        "24 months ago;")
    (project / "conf.py").write_text(CONF + "\nlessonkit_review_max_age_months = 240\n", encoding="utf-8")
    assert run(project)[:2] == (0, "")


def test_the_help_page_has_help_for_families_and_age_marks_that_name_ages(project: Path) -> None:
    page = project / "source" / "get-help.md"
    page.parent.mkdir()
    page.write_text(f"{HELP_PAGE_REVIEWED}# Get help\n\n::::{{kit-text}} help-resources\n"
                    "- **Teen Line**: for teens. {ages}`teens`\n- **Kids Line**: for everyone.\n::::\n",
                    encoding="utf-8")
    code, found, _ = run(project)
    assert code == 1 and found.splitlines() == [
        "source/get-help.md:7: error: the mark {ages}`teens` names no ages; write the youngest and oldest students "
        "who see the item, e.g. {ages}`11-17`, or {ages}`13+` [help-ages-invalid]",
        "source/get-help.md:1: warning: the help page has no help written for parents and guardians, so family "
        "letters print the children's list ('if you are in danger…'); add a '::::{kit-text} family-help' block to "
        "it, as the starter's source/get-help.md does [family-help-missing]"]
    page.write_text(page.read_text(encoding="utf-8").replace("{ages}`teens`", "{ages}`13-17`") + FAMILY_HELP,
                    encoding="utf-8")
    assert run(project)[:2] == (0, "")
