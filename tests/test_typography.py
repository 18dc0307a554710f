"""French typography applied to the text of the pages and PDFs (lessonkit.typography)."""

from __future__ import annotations

import pytest

from lessonkit.typography import NON_BREAKING_HYPHEN, join_pronouns


@pytest.mark.parametrize(("written", "joined"), [
    ("Arrête, bloque, garde les mots, parles-en", "parles‑en"),
    ("Dis-le à un adulte.", "Dis‑le"),
    ("Vas-y !", "Vas‑y"),
    ("Va-t-il venir ?", "Va‑t‑il"),
    ("Allez-vous-en.", "Allez‑vous‑en"),
    ("Qu’est-ce que c’est ?", "est‑ce"),
])
def test_a_verb_and_its_pronoun_do_not_break_at_the_hyphen(written: str, joined: str) -> None:
    assert joined in join_pronouns(written)


@pytest.mark.parametrize("written", ["peut-être", "grand-mère", "arc-en-ciel", "celui-ci", "lui-même",
                                     "1-800-668-6868", "Saint-Laurent", "porte-monnaie"])
def test_other_hyphens_still_break(written: str) -> None:
    assert NON_BREAKING_HYPHEN not in join_pronouns(written)
