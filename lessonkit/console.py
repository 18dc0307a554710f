"""The ``lessonkit`` console script: a build goes to the build daemon when one answers.

Kept small: a build that the daemon runs never imports the command line's modules here.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from lessonkit import daemon

_VALUED = ("-C", "--project")  # the options before the command that take a value


def command_of(argv: Sequence[str]) -> str | None:
    """The command named in ``argv`` (after any -C DIR, -q, -v), or None."""
    words = iter(argv)
    for word in words:
        if word in _VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main() -> int:
    argv = sys.argv[1:]
    warm = command_of(argv) == "build" and daemon.enabled()
    if warm:
        code = daemon.run_remote(argv)
        if code is not None:
            return code
    from lessonkit import cli

    try:
        return cli.main(argv)
    finally:
        if warm and daemon.start_in_background() and not {"-q", "--quiet"} & set(argv):
            print("started the build daemon: later builds start sooner ('lessonkit daemon stop' ends it)")
