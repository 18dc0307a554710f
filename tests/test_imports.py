"""lessonkit's modules import one another without a cycle, and a light module loads nothing heavy."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import lessonkit

PACKAGE = Path(lessonkit.__file__).resolve().parent
SKIPPED = ("starter",)  # the curriculum a new project starts from, not lessonkit's code


def module_names() -> dict[str, Path]:
    """Every module of lessonkit, by its dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if any(part in SKIPPED for part in parts):
            continue
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def module_level_imports(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The imports run when the module is imported: not in a function, not under ``if TYPE_CHECKING:``."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            if not _type_checking(node.test):
                yield from module_level_imports(node.body)
            yield from module_level_imports(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(handler.body for handler in node.handlers)):
                yield from module_level_imports(block)
        elif isinstance(node, ast.With | ast.ClassDef):
            yield from module_level_imports(node.body)


def imported(name: str, path: Path, node: ast.Import | ast.ImportFrom, modules: set[str]) -> set[str]:
    """The lessonkit modules that ``node`` (in module ``name``) runs, its packages' ``__init__`` included."""
    if isinstance(node, ast.Import):
        targets = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
            base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
        # ``from package import module`` runs the module; ``from module import name`` does not add one.
        targets = [base, *(f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules)]
    found = set()
    for target in targets:
        parts = target.split(".")
        # importing a.b.c runs a, then a.b, then a.b.c
        found |= {".".join(parts[:end]) for end in range(1, len(parts) + 1)} & modules
    return found - {name}


def import_graph() -> dict[str, set[str]]:
    modules = module_names()
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[name] = {target for node in module_level_imports(tree.body)
                       for target in imported(name, path, node, set(modules))}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` as the path that closes it (first module repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def test_the_finder_reports_a_cycle_with_its_path() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_graph_sees_imports_of_modules_and_of_their_packages() -> None:
    graph = import_graph()
    assert "lessonkit.building.request" in graph["lessonkit.building.build"]
    assert "lessonkit.building" in graph["lessonkit.building.build"]  # its package's __init__ runs first
    assert "lessonkit.pdf.translator" not in graph["lessonkit.pdf.body"]  # only under TYPE_CHECKING


def test_no_module_of_lessonkit_imports_itself_through_others() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_extensions_labels_load_neither_its_html_builder_nor_its_other_modules() -> None:
    """``lessonkit.sphinxext.labels`` is read by the PDF builder and the checks: it must not bring the
    whole extension (its HTML builder, Sphinx's) with it."""
    script = ("import sys, lessonkit.sphinxext.labels;"
              "print([m for m in ('sphinx.builders.html', 'lessonkit.sphinxext.html', 'lessonkit.sphinxext.reading')"
              " if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout
