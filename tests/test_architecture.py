"""The layering the README describes, checked on every import in the tree (function-local ones too, since a
local import is how a cycle hides): no cycle, pure libraries import no service, nothing but the entry
point reaches into the command line."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPLICATION = ("settings", "imaging", "clinical", "detector", "nlu", "store", "workers", "bot", "admin")
PACKAGES = (*APPLICATION, "bcdbot", "telegram_emulator")
SERVICES = frozenset({"nlu", "store", "workers", "bot", "admin", "bcdbot", "telegram_emulator"})
# What each package may import from this project (beside itself).
ALLOWED = {
    "settings": frozenset(),
    "imaging": frozenset(),
    "clinical": frozenset(),
    "detector": frozenset({"imaging"}),
    "nlu": frozenset({"clinical"}),
    "store": frozenset({"settings", "imaging", "clinical"}),
    "workers": frozenset({"settings", "detector", "store"}),
    "bot": frozenset({"settings", "imaging", "clinical", "nlu", "store", "workers"}),
    "admin": frozenset({"settings", "clinical", "store", "detector"}),  # the detector's reader shows a DICOM
    "telegram_emulator": frozenset(),
}
COMMAND_LINE = frozenset({"bcdbot.cli", "bcdbot.detector_cli", "bcdbot.store_cli", "bcdbot.demo"})


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(*packages: str) -> Iterator[Path]:
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


@cache
def project_imports() -> tuple[Import, ...]:
    """Every import of a project module, resolved to the module it names (`from a import b` names `a.b`
    when that is a module)."""
    known = {module_name(path) for path in modules(*PACKAGES, "tests", "bench")}
    found: list[Import] = []
    for path in modules(*PACKAGES, "tests", "bench"):
        importer = module_name(path)
        package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
        for node in runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                    for alias in node.names
                ]
            else:
                continue
            for target in targets:
                if target.split(".")[0] in (*PACKAGES, "tests", "bench"):
                    found.append(Import(importer, target, node.lineno))
    return tuple(found)


def runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except those under `if TYPE_CHECKING:`, which never run."""
    pending = [tree]
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            pending.extend(node.orelse)
            continue
        pending.extend(ast.iter_child_nodes(node))


def top(module: str) -> str:
    return module.split(".")[0]


def test_the_import_walk_sees_the_tree() -> None:
    """The walk finds the imports it should (so the checks below cannot pass on an empty list)."""
    pairs = {(found.importer, found.imported) for found in project_imports()}
    assert ("bot.turns", "bot.conversation") in pairs
    assert ("store.repository", "imaging") in pairs
    assert ("bcdbot.__main__", "bcdbot.cli") in pairs


def test_no_module_imports_itself_through_others() -> None:
    graph: dict[str, set[str]] = {}
    for found in project_imports():
        if top(found.importer) in PACKAGES and found.importer != found.imported:
            graph.setdefault(found.importer, set()).add(found.imported)
    cycles = [sorted(component) for component in strongly_connected(graph) if len(component) > 1]
    assert cycles == []


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_package_imports_only_what_sits_below_it(package: str) -> None:
    wrong = [
        f"{found.importer}:{found.line} imports {found.imported}"
        for found in project_imports()
        if top(found.importer) == package
        and top(found.imported) != package
        and top(found.imported) not in ALLOWED[package]
    ]
    assert wrong == []


def test_pure_libraries_import_no_service() -> None:
    for package in ("settings", "imaging", "clinical", "detector"):
        assert not ALLOWED[package] & SERVICES, package


def test_only_the_entry_point_reaches_the_command_line() -> None:
    wrong = [
        f"{found.importer}:{found.line} imports {found.imported}"
        for found in project_imports()
        if found.imported in COMMAND_LINE
        and top(found.importer) != "bcdbot"
        and not (found.imported == "bcdbot.cli" and top(found.importer) == "tests")
    ]
    assert wrong == []


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative (the graph has hundreds of modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph.get(successor, ())))))
                    advanced = True
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components


MAX_LINES = 400


def test_no_file_outside_migrations_is_over_400_lines() -> None:
    long = [
        f"{path.relative_to(ROOT)}: {lines}"
        for path in modules(*PACKAGES, "tests", "bench")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert long == []


def test_every_package_says_what_lives_there() -> None:
    silent = [
        str(init.relative_to(ROOT))
        for package in (*PACKAGES, "tests", "bench")
        for init in (ROOT / package).rglob("__init__.py")
        if "migrations" not in init.parts
        and not ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    ]
    assert silent == []
