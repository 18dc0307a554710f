"""The catalogs themselves: valid for GNU gettext, written as GNU gettext writes them, compiled, complete."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from lessonkit import i18n, pofile

REPO = Path(__file__).resolve().parent.parent
PACKAGE_LOCALE = REPO / "lessonkit" / "locale"
CATALOGS = sorted([*(REPO / "locale").rglob("*.po"), *PACKAGE_LOCALE.rglob("*.po")])
# the catalogs `i18n update` writes: the curriculum's and the starter's (lessonkit's own are hand-kept)
UPDATED = sorted([*(REPO / "locale").rglob("*.po"), *(REPO / "lessonkit" / "starter" / "locale").rglob("*.po")])
MSGMERGE = ["msgmerge", "--quiet", "--previous", "--lang=fr", "--sort-by-file", "--output-file=-"]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_msgfmt_check_passes(catalog: Path) -> None:
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalog)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == "", result.stderr


@pytest.mark.parametrize("catalog", UPDATED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_the_writer_reproduces_each_catalog_byte_for_byte(catalog: Path) -> None:
    text = catalog.read_text(encoding="utf-8")
    assert pofile.dumps(i18n.read(catalog)) == text


def _edited(tmp_path: Path) -> tuple[Path, Path]:
    """A real catalog and a template in which one message changed, one went and one came."""
    source = REPO / "locale" / "fr" / "LC_MESSAGES" / "lessons" / "ages-11-13" / "sextortion-is-a-scam.po"
    catalog = i18n.read(source)
    catalog[3].flags, catalog[3].previous_msgid = ["fuzzy"], "An older « wording » of it"
    catalog[4].tcomment = "Checked with the board's counsellor."
    template = polib.POFile()
    template.metadata = {"Project-Id-Version": "lessonkit curriculum", "POT-Creation-Date": "2030-01-01 00:00+0000",
                         "Content-Type": "text/plain; charset=UTF-8"}
    for number, entry in enumerate(catalog):
        msgid = entry.msgid.replace("scam", "swindle", 1) if number == 1 else entry.msgid
        if number != 6:
            template.append(polib.POEntry(msgid=msgid, occurrences=entry.occurrences))
    template.append(polib.POEntry(msgid="A new paragraph, just written.", occurrences=[("../../x.md", "9")]))
    (tmp_path / "fr.po").write_text(pofile.dumps(catalog), encoding="utf-8")
    template.save(str(tmp_path / "all.pot"))
    return tmp_path / "fr.po", tmp_path / "all.pot"


def test_update_keeps_translations_marks_changes_fuzzy_and_keeps_the_old_as_obsolete(tmp_path: Path) -> None:
    po, pot = _edited(tmp_path)
    merged = i18n.merge(i18n.read(po), i18n.read(pot), "fr")
    changed = next(e for e in merged if "swindle" in e.msgid)
    assert changed.fuzzy and changed.previous_msgid == changed.msgid.replace("swindle", "scam")
    assert changed.msgstr and merged.metadata["POT-Creation-Date"] == "2030-01-01 00:00+0000"
    assert [e.msgid for e in merged.obsolete_entries()] == [i18n.read(po)[6].msgid]
    assert not i18n.merge(i18n.read(po), i18n.read(pot), "fr", prune=True).obsolete_entries()
    assert merged.find("A new paragraph, just written.").msgstr == ""


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext's msgmerge is not installed")
def test_update_writes_what_gnu_msgmerge_writes(tmp_path: Path) -> None:
    po, pot = _edited(tmp_path)
    gnu = subprocess.run([*MSGMERGE, str(po), str(pot)], capture_output=True, text=True, check=True).stdout
    assert pofile.dumps(i18n.merge(i18n.read(po), i18n.read(pot), "fr")) == gnu


@pytest.mark.parametrize("catalog", sorted(PACKAGE_LOCALE.rglob("*.po")), ids=lambda p: p.name)
def test_lessonkit_catalogs_are_compiled_and_complete(catalog: Path) -> None:
    source = polib.pofile(str(catalog))
    compiled = polib.mofile(str(catalog.with_suffix(".mo")))
    assert {e.msgid: e.msgstr for e in source} == {e.msgid: e.msgstr for e in compiled}, "run `make catalogs`"
    assert source.percent_translated() == 100 and not source.fuzzy_entries()


@pytest.mark.parametrize("text", ["Une partie de cette page n’est pas encore traduite\u00a0: elle"])
def test_french_interface_words_use_french_typography(text: str) -> None:
    french = polib.pofile(str(PACKAGE_LOCALE / "fr" / "LC_MESSAGES" / "lessonkit.po"))
    assert any(text in e.msgstr for e in french)
    for entry in french:
        for mark in (" :", " ;", " ?", " !", "'"):
            assert mark not in entry.msgstr, f"{entry.msgid!r}: use no-break spaces and ’ ({mark!r})"


def test_every_interface_word_of_the_tool_has_a_french_translation() -> None:
    """Each word the tool writes (labels.word, block and band labels) is in lessonkit's French catalog."""
    import re

    from lessonkit.blocks import BLOCKS, DISCLOSURE
    from lessonkit.settings import DEFAULT_BANDS, DEFAULT_TOPICS

    french = {e.msgid: e.msgstr for e in polib.pofile(str(PACKAGE_LOCALE / "fr" / "LC_MESSAGES" / "lessonkit.po"))}
    used = {kind.label for kind in BLOCKS.values()} | {DISCLOSURE.label}
    used |= {band["grades"] for band in DEFAULT_BANDS.values()} | set(DEFAULT_TOPICS.values())  # type: ignore[arg-type]
    for path in (REPO / "lessonkit").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'\bword\(\s*"([^"]+)"', source))
        used |= set(re.findall(r'\b_\(\s*"([^"]+)"\)', source))
    missing = sorted(word for word in used if not french.get(word))
    assert missing == []


@pytest.mark.parametrize("language", ["es", "ar"])
@pytest.mark.parametrize("name", ["lessonkit", "sphinx"])
def test_the_family_languages_have_every_interface_word_of_the_french_catalog(language: str, name: str) -> None:
    """Spanish and Arabic family editions print the tool's own words (labels, headings, notices) in their
    language: every message of the French catalog, translated, not fuzzy, placeholders kept, compiled."""
    import gettext
    import re

    french = polib.pofile(str(PACKAGE_LOCALE / "fr" / "LC_MESSAGES" / f"{name}.po"))
    path = PACKAGE_LOCALE / language / "LC_MESSAGES" / f"{name}.po"
    catalog = polib.pofile(str(path))
    assert catalog.metadata["Language"] == language
    assert catalog.metadata["Plural-Forms"] == i18n.PLURAL_FORMS[language]
    ids, french_ids = {e.msgid for e in catalog}, {e.msgid for e in french}
    # the theme's catalog may add words Sphinx's own catalog of the language lacks (Link to this heading)
    assert ids == french_ids if name == "lessonkit" else ids >= french_ids, sorted(ids ^ french_ids)
    assert catalog.percent_translated() == 100 and not catalog.fuzzy_entries() and not catalog.obsolete_entries()
    for entry in catalog:
        assert sorted(re.findall(r"\{\w*\}|%\(\w+\)s|<[^>]+>", entry.msgstr)) == \
            sorted(re.findall(r"\{\w*\}|%\(\w+\)s|<[^>]+>", entry.msgid)), entry.msgid
    compiled = gettext.translation(name, str(PACKAGE_LOCALE), languages=[language])
    assert all(compiled.gettext(entry.msgid) == entry.msgstr for entry in catalog), "run `make catalogs`"
