"""The ``lessonkit`` console script: the command line, with the process's arguments and streams."""

from __future__ import annotations

import sys


def main() -> int:
    from lessonkit import cli

    return cli.main(sys.argv[1:])
