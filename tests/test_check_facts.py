"""`lessonkit check` on what the kit states: figures cite a source, sources are known and fresh,
the glossary's terms are used, and the timed blocks fill the lesson."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from test_check import CATALOG, CONF, LESSON, PO_HEADER, run

from lessonkit.sources import KINDS
from lessonkit.statistics import find_statistic

GOOD = """\
---
id: secrets-and-surprises
band: ages-5-7
duration: 30
topics: [trusted-adults]
reviewed: 2026-11-15
---

# Secrets and surprises

:::{summary}
Children learn to tell a happy surprise from a secret that makes them feel worried.
:::

:::{objectives}
- I can name two adults I can tell.
:::

:::{teacher-note}
Why this lesson matters.
:::

:::{activity} Sort it out
:duration: 15

Read each card aloud.
:::

::::{handout} My helping hand
:duration: 13

Draw or write one adult on each finger.
::::

:::{family-letter}
Today we talked about surprises and secrets.
:::

:::{get-help}
:::
"""
NOTE = "Why this lesson matters."
NOTE_LINE = 20
TODAY = datetime.date.today().isoformat()
SOURCES = f"""\
c3p-livestream-2019:
  kind: statistic
  publisher: Canadian Centre for Child Protection
  title: A report title
  date: 2020-02
  checked: {TODAY}
  counts: reports to Cybertip.ca of adults contacting 8- to 12-year-olds over live stream, 2018 and 2019
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    band = tmp_path / "lessons" / "ages-5-7"
    band.mkdir(parents=True)
    (band / "index.md").write_text("# Ages 5 to 7\n\n:::{lesson-list}\n:::\n", encoding="utf-8")
    (tmp_path / LESSON).write_text(GOOD, encoding="utf-8")
    return tmp_path


def write(project: Path, name: str, text: str) -> None:
    (project / name).parent.mkdir(parents=True, exist_ok=True)
    (project / name).write_text(text, encoding="utf-8")


def reported(project: Path, *args: str) -> tuple[int, list[str]]:
    code, found, _ = run(project, *args)
    return code, found.splitlines()


UNSOURCED = ("states a percentage with no source; cite the publication that states it, in the same paragraph, "
             "right after the figure: {source}`key` (the key of its entry in sources.yaml), or say it without the "
             "figure [unsourced-statistic]")


def test_a_figure_without_a_source_fails_with_file_and_line(project: Path) -> None:
    write(project, LESSON, GOOD.replace(NOTE, "Reports to the tipline went up.\nThey rose by 57% in 2019."))
    assert reported(project) == (1, [f"{LESSON}:{NOTE_LINE + 1}: error: '57%' {UNSOURCED}"])


def test_the_same_figure_citing_its_source_passes(project: Path) -> None:
    write(project, "sources.yaml", SOURCES)
    write(project, LESSON, GOOD.replace(NOTE, "Reports to the tipline went up.\nThey rose by 57% in 2019 "
                                              "{source}`c3p-livestream-2019`."))
    code, out, err = run(project)
    assert (code, out) == (0, "") and "1 lesson checked, 0 errors, 0 warnings" in err


def test_a_source_in_another_paragraph_does_not_count(project: Path) -> None:
    write(project, "sources.yaml", SOURCES)
    write(project, LESSON, GOOD.replace(NOTE, "- Reports rose from 68 to 107.\n"
                                              "- Read more {source}`c3p-livestream-2019`."))
    assert reported(project) == (1, [
        f"{LESSON}:{NOTE_LINE}: error: 'rose from 68' states a trend with no source; cite the publication that "
        "states it, in the same paragraph, right after the figure: {source}`key` (the key of its entry in "
        "sources.yaml), or say it without the figure [unsourced-statistic]"])


def test_a_french_translation_with_a_figure_and_no_source_fails_at_its_entry(project: Path) -> None:
    write(project, CATALOG, PO_HEADER + '''
#: ../../lessons/ages-5-7/secrets-and-surprises.md:20
msgid "Reports to the tipline went up."
msgstr ""
"Les signalements à la centrale ont connu une hausse de 88\u00a0% pendant la "
"pandémie."
''')
    assert reported(project) == (1, [f"{CATALOG}:7: error: 'Reports to the tipline went up.': '88\u00a0%' {UNSOURCED}"])


def test_pages_and_band_pages_are_checked_too(project: Path) -> None:
    write(project, "source/index.md", "# Home\n\nThe tipline saw an 88% rise in reports.\n\nCall 9-8-8, 24/7.\n")
    write(project, "lessons/ages-5-7/index.md", "# Ages 5 to 7\n\nAbout ten reports a day.\n\n:::{lesson-list}\n:::\n")
    assert reported(project) == (1, [
        f"source/index.md:3: error: '88%' {UNSOURCED}",
        "lessons/ages-5-7/index.md:3: error: 'ten reports a day' states a count per period with no source; cite "
        "the publication that states it, in the same paragraph, right after the figure: {source}`key` (the key of "
        "its entry in sources.yaml), or say it without the figure [unsourced-statistic]"])


@pytest.mark.parametrize("text", [
    "an 88% rise", "57 % des jeunes", "57 per cent", "57 pour cent", "ten reports a day", "40 reports a month",
    "10 par jour", "40 signalements par mois", "dix signalements de sextorsion par jour", "hundreds of reports a week",
    "Reports rose from 68 in 2018 to 107 in 2019.", "Reports doubled.", "La sextorsion a doublé.",
    "une hausse de 88 % des signalements", "Les signalements sont passés de 68 à 107.", "one in five teens",
    "a rise of 30 reports", "une augmentation de 40 signalements", "La sextorsion a augmenté : environ 40 cas.",
])
def test_what_counts_as_a_statistic(text: str) -> None:
    assert find_statistic(text) is not None


@pytest.mark.parametrize("text", [
    "The activity takes 10 minutes.", "Ages 8 to 10", "Grade 4", "Grades 3 to 5", "Call 1-866-658-9022",
    "Call or text 9-8-8.", "In May 2020, a briefing note", "1. **Pick your band.**", "Open 24/7.",
    "Open 24 hours a day, 7 days a week.", "boys aged 15 to 17", "8- to 12-year-olds", "de la 3e à la 5e année",
    "les enfants de 8 à 10 ans", "Rose is 12 years old.", "She grew up with two brothers.", "a safe grown-up",
    "s. 163.1 of the Criminal Code", "Read the 3 cards.", "Text CONNECT to 686868.", "Practise three times a week.",
    "une fois par jour", "(5, then 25, then 125: 155 people.)", "The age of consent is 16.",
])
def test_what_does_not(text: str) -> None:
    assert find_statistic(text) is None


def test_an_unknown_source_gets_a_suggestion(project: Path) -> None:
    write(project, "sources.yaml", SOURCES)
    write(project, LESSON, GOOD.replace(NOTE, "Reports rose {source}`c3p-livestream-2091`."))
    assert reported(project) == (1, [
        f"{LESSON}:{NOTE_LINE}: error: source 'c3p-livestream-2091' is not in sources.yaml; did you mean "
        "'c3p-livestream-2019'? Correct the key, or add an entry 'c3p-livestream-2091:' to sources.yaml "
        "[source-unknown]"])


def test_a_citation_without_sources_yaml_says_to_create_it(project: Path) -> None:
    write(project, CATALOG, PO_HEADER + '\nmsgid "Reports rose {source}`c3p-2019`."\n'
                                        'msgstr "Les signalements ont augmenté {source}`c3p-2019`."\n')
    assert reported(project) == (1, [
        f"{CATALOG}:7: error: 'Reports rose {{source}}`c3p-2019`.': source 'c3p-2019' is cited but the curriculum has "
        "no sources.yaml; create it beside conf.py with an entry 'c3p-2019:' (kind, publisher, title, date, "
        "checked) [source-unknown]"])


def test_a_broken_sources_file_is_reported_at_its_line(project: Path) -> None:
    write(project, "sources.yaml", SOURCES.replace("  kind: statistic", "  kind: statistic\n  title: [unclosed"))
    code, lines = reported(project)
    assert code == 1 and lines[0].startswith("sources.yaml:4: error: the file is not valid YAML")
    assert lines[0].endswith("[sources-syntax]")
    write(project, "sources.yaml", SOURCES.replace("kind: statistic", "kind: statistics"))
    assert reported(project) == (1, [
        f"sources.yaml:2: error: source 'c3p-livestream-2019' has kind 'statistics'; use one of {', '.join(KINDS)} "
        "[sources-syntax]"])


STALE = ("sources.yaml:1: {severity}: source 'c3p-livestream-2019' was last checked on 2020-01-15, more than 24 "
         f"months ago; check that it still says what the lessons quote, then set 'checked: {TODAY}' "
         "[source-stale]")


def test_a_stale_source_is_a_warning_and_an_error_with_strict(project: Path) -> None:
    write(project, "sources.yaml", SOURCES.replace(TODAY, "2020-01-15"))
    code, out, err = run(project)
    assert (code, out.splitlines()) == (0, [STALE.format(severity="warning")])
    assert "1 lesson checked, 0 errors, 1 warning" in err
    code, out, err = run(project, "--strict")
    assert (code, out.splitlines(), err) == (1, [STALE.format(severity="error")],
                                             "error: 1 lesson checked, 1 error, 0 warnings\n")
    code, out, _ = run(project, "--format", "json")
    assert code == 0 and json.loads(out)["problems"][0]["severity"] == "warning"
    # a board that checks its sources less often says so in conf.py
    write(project, "conf.py", CONF + "lessonkit_source_max_age_months = 120\n")
    assert run(project)[:2] == (0, "")


def test_the_age_setting_is_validated(project: Path) -> None:
    write(project, "conf.py", CONF + "lessonkit_source_max_age_months = '24'\n")
    code, _, err = run(project)
    # settings are checked for their type first, the same way for every command
    assert code == 2 and err == ("error: conf.py: error: lessonkit_source_max_age_months must be a whole number, "
                                 "not str '24', e.g. lessonkit_source_max_age_months = 24\n")


def test_each_source_still_to_verify_is_a_warning(project: Path) -> None:
    write(project, "sources.yaml", SOURCES + "  status: to-verify\n  note: the page has moved\n")
    assert reported(project) == (0, [
        "sources.yaml:1: warning: source 'c3p-livestream-2019' is marked 'status: to-verify', and every citation "
        "of it shows 'to verify'; check what the lessons quote against the publication, then set 'status: "
        f"verified' and 'checked: {TODAY}' [source-unverified]"])


GLOSSARY_EN = """\
- term: trusted adult
  avoid: [safe adult, safe grown-up]
  note: one name in every band
- term: school counsellor
  avoid: [counsellor]
"""
GLOSSARY_FR = """\
- term: centre de services scolaire
  avoid: [centre de services scolaire ou conseil scolaire, conseil scolaire]
- term: dévoilement
  avoid: [divulgation]
"""


def test_a_glossary_variant_in_a_lesson_and_in_a_translation(project: Path) -> None:
    write(project, "glossary/en.yaml", GLOSSARY_EN)
    write(project, "glossary/fr.yaml", GLOSSARY_FR)
    write(project, LESSON, GOOD.replace(NOTE, "Tell a Safe Grown\u2011up or the school counsellor.\n"
                                              "Two safe adults, or a counsellor."))
    write(project, CATALOG, PO_HEADER + '''
msgid "Tell the school board."
msgstr "Informez le centre de services scolaire ou conseil scolaire après une divulgation."
''')
    assert reported(project)[1] == [
        f"{LESSON}:{NOTE_LINE + 1}: error: write 'trusted adult' instead of 'safe adults' (glossary/en.yaml) "
        "[glossary-variant]",
        f"{LESSON}:{NOTE_LINE + 1}: error: write 'school counsellor' instead of 'counsellor' (glossary/en.yaml) "
        "[glossary-variant]",
        f"{CATALOG}:7: error: 'Tell the school board.': write 'centre de services scolaire' instead of 'centre de "
        "services scolaire ou conseil scolaire' (glossary/fr.yaml) [glossary-variant]",
        f"{CATALOG}:7: error: 'Tell the school board.': write 'dévoilement' instead of 'divulgation' "
        "(glossary/fr.yaml) [glossary-variant]",
    ]


def test_a_broken_glossary_is_reported_at_its_line(project: Path) -> None:
    write(project, "glossary/fr.yaml", GLOSSARY_FR.replace("  avoid: [divulgation]", "  avoid: divulgation"))
    assert reported(project) == (1, [
        "glossary/fr.yaml:4: error: 'dévoilement' needs 'avoid:', a list of the variants to report, e.g. avoid: "
        "[safe adult, safe grown-up] [glossary-syntax]"])


def test_a_discussion_without_a_duration(project: Path) -> None:
    write(project, LESSON, GOOD.replace(":::{family-letter}", ":::{discussion}\n- Who can you tell?\n:::\n\n"
                                                                ":::{family-letter}"))
    assert reported(project) == (1, [
        f"{LESSON}:35: error: the discussion has no duration; add ':duration: N' (the minutes it takes in class) on "
        "the line after its first line; together the timed blocks (activity, discussion, handout, exit-ticket) take "
        "27 to 30 minutes of this lesson, and the others already take 28 [block-duration-missing]"])


def test_changing_sources_or_the_glossary_checks_again(project: Path) -> None:
    write(project, "sources.yaml", SOURCES)
    write(project, LESSON, GOOD.replace(NOTE, "Reports rose by 57% {source}`c3p-livestream-2019`."))
    assert run(project)[0] == 0
    write(project, "sources.yaml", SOURCES.replace("c3p-livestream-2019", "c3p-livestream-2020"))
    code, lines = reported(project)
    assert code == 1 and lines[0].endswith("[source-unknown]"), lines
    write(project, "sources.yaml", SOURCES)
    assert run(project)[0] == 0
    write(project, "glossary/en.yaml", GLOSSARY_EN.replace("[safe adult, safe grown-up]", "[reports]"))
    code, lines = reported(project)
    assert code == 1 and lines == [f"{LESSON}:{NOTE_LINE}: error: write 'trusted adult' instead of 'Reports' "
                                   "(glossary/en.yaml) [glossary-variant]"]
