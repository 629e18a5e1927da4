"""The layering rules of docs/architecture.md, checked on the source: arrows point down, never in a circle.

Only module-level imports count (an import inside a function runs later and
cannot make a cycle at import time, but one at module level can).
"""

import ast
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("archive", "search")
# The only modules that may import the views: the URL configurations and the views themselves.
MAY_IMPORT_VIEWS = ("archive.urls", "archive.views")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                found[_module_name(path)] = path
    return found


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.parse(path.read_text()).body:  # module level only
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                origin = _resolve(name, path, node)
                targets = [origin]
                targets += [f"{origin}.{alias.name}" for alias in node.names if f"{origin}.{alias.name}" in modules]
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def test_the_graph_sees_the_imports_it_checks():
    graph = import_graph()
    assert "archive.models" in graph["search.index"]
    assert "archive.visibility" in graph["archive.models.base"]
    assert "archive.views.listing" in graph["archive.views.events"]


def test_no_module_below_the_views_imports_them():
    offenders = sorted(
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        if not module.startswith(MAY_IMPORT_VIEWS)
        for target in targets
        if target == "archive.views" or target.startswith("archive.views.")
    )
    assert offenders == []


@pytest.mark.parametrize("lower", ["archive.models", "archive.visibility", "archive.states"])
def test_the_models_layer_does_not_import_search_services_or_admin(lower):
    graph = import_graph()
    reach, todo = set(), [m for m in graph if m == lower or m.startswith(lower + ".")]
    while todo:
        module = todo.pop()
        if module not in reach:
            reach.add(module)
            todo.extend(graph[module])
    upward = sorted(m for m in reach if m.startswith(("search", "archive.admin", "archive.views", "archive.services")))
    assert upward == []


def test_no_import_cycles():
    graph = import_graph()
    cycles, state = [], {}

    def visit(module, stack):
        state[module] = "open"
        stack.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                # A package importing its own submodules is how packages work, not a cycle.
                cycle = stack[stack.index(target) :] + [target]
                if not all(b.startswith(a + ".") or a.startswith(b + ".") for a, b in pairwise(cycle)):
                    cycles.append(" → ".join(cycle))
            elif target not in state:
                visit(target, stack)
        stack.pop()
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert cycles == []


def test_reader_templates_ask_the_visibility_module_instead_of_comparing_states():
    """`source.is_public`, `item.is_scheduled`, `|needs_warning`: a template never spells a status or rating."""
    import re

    compare = re.compile(r"\b(status|reliability)\s*(==|!=|in)\s", re.IGNORECASE)
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "templates").rglob("*.html")
        if "admin" not in path.relative_to(ROOT).parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if compare.search(line)
    ]
    assert offenders == []
