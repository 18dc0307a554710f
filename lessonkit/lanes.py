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

from lessonkit.sphinxrun import BuildError


@dataclass(frozen=True)
class Step:
    """One step of a lane: its label ("[2/4] English PDF") and the work, given a status stream."""

    label: str
    work: Callable[[TextIO | None], None]


@runtime_checkable
class LaneStatus(Protocol):
    """A status display that can follow several steps at once (the terminal's progress bar)."""

    def begin(self, lane: str, label: str, index: int, count: int) -> None: ...

    def feed(self, lane: str, text: str) -> None: ...


def can_run_side_by_side() -> bool:
    """Whether this platform can fork (Sphinx's own parallel build needs it too)."""
    return "fork" in multiprocessing.get_all_start_methods()


class _PipeStream:
    """What a lane's Sphinx writes as status, sent to the parent process."""

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
class _Finale:
    """What runs once every lane has finished its steps, in the lane that finished last."""

    finished: Any  # a multiprocessing.Value: how many lanes have finished their steps
    lanes: int
    work: Callable[[], str] | None

    def run_if_last(self) -> str:
        with self.finished.get_lock():
            self.finished.value += 1
            last = self.finished.value == self.lanes
        return self.work() if last and self.work is not None else ""


def _lane(steps: Sequence[Step], connection: Connection, *, with_status: bool, finale: _Finale) -> None:
    """The child process: run the steps in order; report each, then how it ended."""
    with contextlib.suppress(OSError):  # a group of its own: stopping the lane stops what Sphinx starts for it
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
        note = finale.run_if_last()
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


class _Lines:
    """Status text of several lanes, written whole lines at a time, each line marked with its lane."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.pending: dict[str, str] = {}

    def feed(self, lane: str, text: str) -> None:
        *lines, self.pending[lane] = (self.pending.get(lane, "") + text).split("\n")
        for line in lines:
            self.stream.write(f"{lane}| {line}\n")
        self.stream.flush()


def _aside(work: Callable[[], None], connection: Connection) -> None:
    """The child process that runs ``meanwhile``, at a low priority: report how it ended."""
    with contextlib.suppress(OSError):
        os.nice(10)
    try:
        work()
    except Exception as error:  # sent whole, to be raised again in the parent
        try:
            connection.send(("raised", error))
        except Exception:  # an exception that cannot be pickled is reported with its traceback
            connection.send(("crash", traceback.format_exc()))
    else:
        connection.send(("done", ""))
    finally:
        connection.close()


def run_side_by_side(lanes: dict[str, list[Step]], status: TextIO | None,
                     progress: Callable[[str], None], meanwhile: Callable[[], None] = lambda: None,
                     last: Callable[[], str] | None = None) -> None:
    """Run each lane in a process of its own; raise the first lane's BuildError, if any.

    ``meanwhile`` (the check) runs in a process of its own too, at a lower priority than the
    lanes: it takes the time a core is left idle (the lanes seldom end together) rather than
    slowing them. When it raises, the lanes are stopped and its exception is the one raised.

    ``last`` (work that needs every lane's output) runs in the lane that finishes its steps
    last, once every lane has: that process has loaded what it needs, and this one need not
    load it. What it returns is announced through ``progress``.

    ``status`` receives the lanes' Sphinx output: a LaneStatus follows each lane; a plain stream
    gets whole lines marked with the lane's name. Without a LaneStatus, each step is announced
    through ``progress`` as it begins.
    """
    context = multiprocessing.get_context("fork")
    children: dict[Connection, tuple[str, multiprocessing.process.BaseProcess]] = {}
    lines = _Lines(status) if status is not None and not isinstance(status, LaneStatus) else None
    finale = _Finale(context.Value("i", 0), len(lanes), last)

    def start(name: str, target: Callable[..., None], *args: object) -> None:
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(target=target, args=(*args, sending), name=f"lessonkit-{name}")
        process.start()
        with contextlib.suppress(OSError):  # also here, so that no stop can come before it
            os.setpgid(process.pid or 0, process.pid or 0)
        sending.close()
        children[receiving] = (name, process)

    try:
        for name, steps in lanes.items():
            start(name, partial(_lane, steps, with_status=status is not None, finale=finale))
        start("check", _aside, meanwhile)
        running = dict(children)
        begun = dict.fromkeys(lanes, 0)
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
                    if isinstance(status, LaneStatus):
                        status.begin(name, payload, begun[name], len(lanes[name]))
                    else:
                        progress(payload)
                    begun[name] += 1
                elif kind == "text":
                    if isinstance(status, LaneStatus):
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
