"""Text is rewritten so that every character has a glyph in the embedded faces."""

from __future__ import annotations

from lessonkit.pdf.fonts import GlyphFilter, Run, load_fonts

FRENCH = "« » œ Œ é è ê ë à â ç Ç É È À ù û î ï ô ’ – — … \u00a0"


def test_french_characters_are_all_in_the_text_face() -> None:
    fonts = load_fonts()
    for face in (fonts.text, fonts.bold, fonts.italic, fonts.bold_italic, fonts.mono):
        drawn, lost = GlyphFilter(face)(FRENCH)
        assert (drawn, lost) == (FRENCH, ""), face.name


def test_narrow_no_break_space_becomes_a_no_break_space() -> None:
    drawn, lost = GlyphFilter(load_fonts().text)("Pourquoi\u202f? Oui\u202f! «\u202fici\u202f»")
    assert drawn == "Pourquoi\u00a0? Oui\u00a0! «\u00a0ici\u00a0»"
    assert lost == ""


def test_missing_characters_fall_back_and_are_reported() -> None:
    glyphs = GlyphFilter(load_fonts().text)
    assert glyphs("a\u2192b \u2011 \u200bc") == ("a->b - c", "")  # arrow, no-break hyphen, zero width
    assert glyphs("ŵ") == ("w", "")  # a base letter the face has
    # with no fallback face, a character is printed as its name
    drawn, lost = glyphs("smile \U0001F600")
    assert drawn == "smile [grinning face]" and lost == "\U0001F600"


def test_an_emoji_is_drawn_from_the_emoji_face_and_a_character_no_face_has_as_its_name() -> None:
    fonts = load_fonts()
    assert [face.family for face in fonts.fallbacks] == ["Noto Emoji", "Noto Sans Symbols", "Noto Sans"]
    glyphs = GlyphFilter(fonts.text, fonts.fallbacks)
    runs, found = glyphs.runs("Play \U0001F3AE\ufe0f now \U0001F44D\U0001F3FD, \U00013000!")
    assert runs == [Run("Play "), Run("\U0001F3AE", "LK-Emoji"), Run(" now "), Run("\U0001F44D", "LK-Emoji"),
                    Run(", [egyptian hieroglyph a001]!")]
    assert [(f.char, f.family, f.description) for f in found] == [
        ("\U0001F3AE", "Noto Emoji", ""), ("\U0001F44D", "Noto Emoji", ""),
        ("\U00013000", "", "[egyptian hieroglyph a001]")]
    # where only the text face can be used (running headers, labels), an emoji is its name too
    assert glyphs("Games \U0001F3AE") == ("Games [video game]", "\U0001F3AE")
    # French and the spaces that shape lines are never a fallback
    assert list(glyphs.fallbacks_in(FRENCH + "\u202f")) == []


def test_the_font_packages_found_by_name_are_the_families_fontpkg_finds() -> None:
    import fontpkg

    from lessonkit.pdf import fonts

    for family in (fonts.TEXT_FAMILY, fonts.MONO_FAMILY):
        assert fonts._installed(family) == fontpkg.family(family)
