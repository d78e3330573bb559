"""How the course package imports itself: no cycles between its modules, its own modules imported at
the top of each module, no ``except ImportError`` around them, and ``import course`` kept light.

The import graph is read from the source with ``ast`` (nothing is imported), counting every import of
the package's own modules, including those inside functions: a cycle hidden by a late import is still
a cycle. Imports under ``if TYPE_CHECKING:`` are left out (they never run).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "course"

# Modules allowed to import the package's own modules inside functions, and why. Anywhere else, such an
# import needs a ``# import-time: <reason>`` comment on the line above it.
LATE_IMPORTS_ALLOWED = {
    "course/__init__.py": "the notebook functions: `import course` must stay quick, so each one imports "
    "its module (and the heavy libraries behind it) when first called",
}
HEAVY = ("matplotlib", "ipywidgets", "pydantic", "nbformat")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_nodes(tree: ast.Module) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for n in ast.walk(node))
    return skipped


def _own_imports(path: Path, root: Path, modules: set[str]) -> list[tuple[ast.stmt, str]]:
    """(import statement, module it reaches) for every import of the package's own modules in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[ast.stmt, str]] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(node, a.name) for a in node.names if a.name.split(".")[0] == root.name]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != root.name:
                continue
            for alias in node.names:  # `from . import models` reaches the module, not the package
                sub = f"{target}.{alias.name}"
                found.append((node, sub if sub in modules else target))
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """module -> the package's own modules it imports (anywhere in its code)."""
    files = sorted(root.rglob("*.py"))
    modules = {module_name(p, root) for p in files}
    return {
        module_name(p, root): {t for _, t in _own_imports(p, root, modules) if t != module_name(p, root)} for p in files
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, ..., a], or None when the graph has none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle:
                return cycle
    return None


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_the_cycle_check_finds_a_cycle_hidden_inside_a_function(tmp_path: Path) -> None:
    pkg = _write(
        tmp_path / "pkg",
        {
            "__init__.py": "",
            "a.py": "from .b import helper\n",
            "b.py": "def helper():\n    from . import a\n    return a\n",
            "c.py": "from .sub import d\n",
            "sub/__init__.py": "",
            "sub/d.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..c import x\n",
        },
    )
    graph = import_graph(pkg)
    assert graph["pkg.c"] == {"pkg.sub.d"} and graph["pkg.sub.d"] == set()  # TYPE_CHECKING left out
    assert find_cycle(graph) in (["pkg.a", "pkg.b", "pkg.a"], ["pkg.b", "pkg.a", "pkg.b"])
    assert find_cycle({"x": {"y"}, "y": set()}) is None


def test_no_import_cycles_between_the_course_modules() -> None:
    graph = import_graph(PACKAGE)
    assert len(graph) > 50 and graph["course.cli"], "the graph should cover the whole package"
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_own_modules_are_imported_at_the_top() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p, PACKAGE) for p in files}
    late = []
    for path in files:
        rel = path.relative_to(REPO).as_posix()
        if rel in LATE_IMPORTS_ALLOWED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {
            n.lineno
            for stmt in tree.body
            if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.If, ast.Try))
            for n in ast.walk(stmt)
            if isinstance(n, (ast.Import, ast.ImportFrom))
        }
        lines = path.read_text(encoding="utf-8").splitlines()
        for node, target in _own_imports(path, PACKAGE, modules):
            if node.lineno in top or "# import-time:" in lines[node.lineno - 2]:
                continue
            late.append(f"{rel}:{node.lineno}: imports {target} inside a function")
    assert not late, "\n".join(late)


def test_no_import_error_guard_around_own_modules() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p, PACKAGE) for p in files}
    guarded = []
    for path in files:
        own = {node.lineno for node, _ in _own_imports(path, PACKAGE, modules)}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Try):
                continue
            catches = " ".join(ast.unparse(h.type) for h in node.handlers if h.type is not None)
            if "ImportError" in catches or "ModuleNotFoundError" in catches:
                if any(getattr(n, "lineno", None) in own for stmt in node.body for n in ast.walk(stmt)):
                    guarded.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not guarded, f"except ImportError around the package's own modules: {guarded}"


@pytest.mark.parametrize("heavy", HEAVY)
def test_import_course_does_not_import_heavy_libraries(heavy: str) -> None:
    code = f"import sys, course; print({heavy!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "False", f"import course imported {heavy}"
