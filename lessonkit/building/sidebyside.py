"""Languages built side by side: one process per language, its steps one after the other.

Each Sphinx run is serial between its parallel phases, and its parallel phases pay to send
doctrees between processes. Two languages are two independent builds: running them in two
processes keeps both cores busy for the whole build, with nothing to send between them.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol, TextIO, runtime_checkable

from lessonkit.building.sphinxjobs import BuildError


@dataclass(frozen=True)
class Step:
    """One step of a language's build: its label ("[2/4] English PDF") and the work, given a status stream."""

    label: str
    work: Callable[[TextIO | None], None]


@runtime_checkable
class SideBySideStatus(Protocol):
    """A status display that can follow several languages at once (the terminal's progress bar)."""

    def begin(self, language: str, label: str, index: int, count: int) -> None: ...

    def feed(self, language: str, text: str) -> None: ...


def can_run_side_by_side() -> bool:
    """Whether this platform can fork (Sphinx's own parallel build needs it too)."""
    return "fork" in multiprocessing.get_all_start_methods()


class _PipeStream:
    """What a language's Sphinx writes as status, sent to the parent process."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def write(self, text: str) -> int:
        if text:
            self.connection.send(("text", text))
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


@dataclass(frozen=True)
class _WhenAllFinished:
    """Work that runs once every language has finished its steps, in the process that finished last."""

    finished: Any  # a multiprocessing.Value: how many languages have finished their steps
    languages: int
    work: Callable[[], str] | None

    def run_if_last(self) -> str:
        with self.finished.get_lock():
            self.finished.value += 1
            last = self.finished.value == self.languages
        return self.work() if last and self.work is not None else ""


def _build_language(steps: Sequence[Step], connection: Connection, *, with_status: bool,
                    when_all_finished: _WhenAllFinished) -> None:
    """The child process of one language: run its steps in order; report each, then how it ended."""
    with contextlib.suppress(OSError):  # a group of its own: stopping the process stops what Sphinx starts for it
        os.setpgid(0, 0)
    stream = _PipeStream(connection) if with_status else None
    # A build makes millions of short-lived objects (document nodes, layout boxes): collect them
    # less often, and never scan what the parent process had loaded. About a tenth less time.
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)
    try:
        for step in steps:
            connection.send(("begin", step.label))
            step.work(stream)  # type: ignore[arg-type]
        note = when_all_finished.run_if_last()
        if note:
            connection.send(("note", note))
    except BuildError as error:
        connection.send(("error", str(error)))
    except OSError as error:  # a full disk: raised again in the parent, which says what to do
        connection.send(("raised", error))
    except Exception:  # anything else is reported by the parent, not lost
        connection.send(("crash", traceback.format_exc()))
    else:
        connection.send(("done", ""))
    finally:
        connection.close()


class _LabelledLines:
    """Status text of several languages, written whole lines at a time, each line marked with its language."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.pending: dict[str, str] = {}

    def feed(self, language: str, text: str) -> None:
        *lines, self.pending[language] = (self.pending.get(language, "") + text).split("\n")
        for line in lines:
            self.stream.write(f"{language}| {line}\n")
        self.stream.flush()


def _check_at_low_priority(check: Callable[[], None], connection: Connection) -> None:
    """The child process that checks the lessons, at a low priority: report how it ended."""
    with contextlib.suppress(OSError):
        os.nice(10)
    try:
        check()
    except Exception as error:  # sent whole, to be raised again in the parent
        try:
            connection.send(("raised", error))
        except Exception:  # an exception that cannot be pickled is reported with its traceback
            connection.send(("crash", traceback.format_exc()))
    else:
        connection.send(("done", ""))
    finally:
        connection.close()


def run_side_by_side(languages: dict[str, list[Step]], status: TextIO | None,
                     progress: Callable[[str], None], check: Callable[[], None] = lambda: None,
                     when_all_finished: Callable[[], str] | None = None) -> None:
    """Run each language's steps in a process of its own; raise the first BuildError, if any.

    ``check`` (of the lessons) runs in a process of its own too, at a lower priority than the
    languages: it takes the time a core is left idle (the languages seldom end together) rather
    than slowing them. When it raises, the languages are stopped and its exception is the one raised.

    ``when_all_finished`` (work that needs every language's output) runs in the process that
    finishes its steps last, once every one has: that process has loaded what it needs, and this
    one need not load it. What it returns is announced through ``progress``.

    ``status`` receives the languages' Sphinx output: a SideBySideStatus follows each language; a
    plain stream gets whole lines marked with the language. Without a SideBySideStatus, each step
    is announced through ``progress`` as it begins.
    """
    context = multiprocessing.get_context("fork")
    children: dict[Connection, tuple[str, multiprocessing.process.BaseProcess]] = {}
    lines = _LabelledLines(status) if status is not None and not isinstance(status, SideBySideStatus) else None
    last = _WhenAllFinished(context.Value("i", 0), len(languages), when_all_finished)

    def start(name: str, target: Callable[..., None], *args: object) -> None:
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(target=target, args=(*args, sending), name=f"lessonkit-{name}")
        process.start()
        with contextlib.suppress(OSError):  # also here, so that no stop can come before it
            os.setpgid(process.pid or 0, process.pid or 0)
        sending.close()
        children[receiving] = (name, process)

    try:
        for name, steps in languages.items():
            start(name, partial(_build_language, steps, with_status=status is not None, when_all_finished=last))
        start("check", _check_at_low_priority, check)
        running = dict(children)
        begun = dict.fromkeys(languages, 0)
        while running:
            for connection in wait(list(running)):
                assert isinstance(connection, Connection)
                name, process = running[connection]
                what = "the check of the lessons" if name == "check" else f"the {name} build"
                try:
                    kind, payload = connection.recv()
                except EOFError:
                    process.join()
                    raise BuildError(f"{what} stopped unexpectedly (exit code {process.exitcode})") from None
                if kind == "begin":
                    if isinstance(status, SideBySideStatus):
                        status.begin(name, payload, begun[name], len(languages[name]))
                    else:
                        progress(payload)
                    begun[name] += 1
                elif kind == "text":
                    if isinstance(status, SideBySideStatus):
                        status.feed(name, payload)
                    elif lines is not None:
                        lines.feed(name, payload)
                elif kind == "note":
                    progress(payload)
                elif kind == "error":
                    raise BuildError(payload)
                elif kind == "raised":
                    raise payload
                elif kind == "crash":
                    raise RuntimeError(f"{what} failed unexpectedly:\n{payload}")
                else:  # done
                    del running[connection]
                    process.join()
    finally:
        for connection, (_, process) in children.items():
            if process.is_alive() and process.pid is not None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    process.terminate()
            process.join()
            connection.close()
