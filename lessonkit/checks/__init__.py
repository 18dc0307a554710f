"""``lessonkit check``: the rules, by what they are applied to.

- ``lessons``: the lesson format, applied to lesson files and pages;
- ``catalogs``: translation catalogs (readable, right headers, same markup as the source);
- ``texts``: what a text says (statistics cite sources, the glossary's terms), for all three;
- ``cache``: what the last check found in each file, so that checking again reads only what changed.

This file imports nothing, so that importing one of these modules loads no other.
"""
