"""The search index's stems, kept between builds: French stemming is slow, and words repeat."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path
from typing import Any

import sphinx

from lessonkit.files import load_cache, store_cache
from lessonkit.sphinxext import compat


class StemCache:
    """Wraps a search language's ``stem``: each word is stemmed once, then read from the cache.

    The cache is a file beside the environment, one per language and edition; it is kept only
    for the same language, stemmer and Sphinx (a stem is a function of nothing else).
    """

    def __init__(self, path: Path, language: Any) -> None:
        self.path = path
        self.key = (sphinx.__version__, _version("snowballstemmer"), type(language).__module__,
                    type(language).__qualname__, language.lang)
        self.stems: dict[str, str] = load_cache(path, self.key) or {}
        self.known = len(self.stems)
        self.stem_word = compat.stem_with(language, self.stem)

    def stem(self, word: str) -> str:
        try:
            return self.stems[word]
        except KeyError:
            stem = self.stems[word] = self.stem_word(word)
            return stem

    def save(self) -> None:
        """Keep the stems for the next build, if this one learnt words."""
        if len(self.stems) != self.known:
            store_cache(self.path, self.key, self.stems)
            self.known = len(self.stems)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""
