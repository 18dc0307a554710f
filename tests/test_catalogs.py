"""The catalogs themselves: valid for GNU gettext, compiled, complete."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE_LOCALE = REPO / "lessonkit" / "locale"
CATALOGS = sorted([*(REPO / "locale").rglob("*.po"), *PACKAGE_LOCALE.rglob("*.po")])


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_msgfmt_check_passes(catalog: Path) -> None:
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalog)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == "", result.stderr


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
