"""Help-line contacts typed into a lesson: phone numbers, web and e-mail addresses.

The content guide says lessons never hard-code a help line: the ``get-help`` block prints the
help resources of ``source/get-help.md`` in the reader's language, so that a board corrects a
number in one place and every lesson, handout and family letter follows. A service may be
named (Kids Help Phone, 9-8-8, Cybertip.ca); what is reported is a way to reach it written out:
a phone number, a web address written as one (``https://``, ``www.``, a path after the
domain), or an e-mail address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# North American numbers, 7 to 11 digits: 1-800-668-6868, (613) 555-0199, 1 866 658 9022, 555-0199.
_PHONE = re.compile(r"(?<![\w-])(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])?\d{3}[ .-]\d{4}(?![\w-])")
_ADDRESS = re.compile(
    r"(?<![\w@/.-])(?:https?://[^\s)>\]]+|www\.[\w-]+(?:\.[\w-]+)+[^\s)>\]]*|[\w-]+(?:\.[\w-]+)*\.(?:ca|com|org|net)"
    r"/[^\s)>\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)", re.IGNORECASE)
# Code, link targets of other pages and citations are not contacts.
_SKIP = re.compile(r"`[^`]*`|\]\((?!https?:|mailto:|www\.)[^)]*\)")


@dataclass(frozen=True)
class Contact:
    """A phone number or an address as written, and where it starts in the text."""

    text: str
    kind: str
    start: int


def contacts_in(text: str) -> Iterator[Contact]:
    """The phone numbers and addresses of ``text`` (one line or paragraph of a lesson)."""
    masked = _SKIP.sub(lambda found: " " * len(found.group()), text)
    for found in _PHONE.finditer(masked):
        yield Contact(found.group().strip(), "phone number", found.start())
    for found in _ADDRESS.finditer(masked):
        written = found.group().rstrip(".,;:!?")
        yield Contact(written, "e-mail address" if "@" in written else "web address", found.start())
