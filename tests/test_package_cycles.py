"""The package's parts import one another in one direction only: no cycle between its
subpackages (``match``, ``store``...) and its top-level modules (``model``, ``trace``...).

A cycle hides where a concept lives (records read by the module that should only use them)
and makes any part drag in the whole package. Read from the source with ``ast`` (imports
inside functions count too), so a lazy import cannot hide one.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import networkx as nx

import newstrace

PACKAGE = Path(newstrace.__file__).parent


def _part(module: str) -> str:
    """The part a dotted module name belongs to: its subpackage, or the top-level module."""
    parts = module.split(".")
    if len(parts) == 1:
        return "newstrace"
    return parts[1] if (PACKAGE / parts[1]).is_dir() else f"newstrace.{parts[1]}"


def import_graph() -> dict[str, dict[str, list[str]]]:
    """part -> imported part -> files of the first part that import it."""
    edges: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        module = ".".join(("newstrace", *relative.with_suffix("").parts))
        source = _part(module.removesuffix(".__init__"))
        package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _imported(node, package):
                if target.split(".")[0] == "newstrace" and _part(target) != source:
                    edges[source][_part(target)].append(str(relative))
    return edges


def _imported(node: ast.AST, package: str) -> list[str]:
    """The modules an import statement names (relative ones resolved against ``package``)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base = package.split(".")[:len(package.split(".")) - node.level + 1]
        return [".".join([*base, *([node.module] if node.module else [])])]
    return [node.module] if node.module else []


def test_no_import_cycles_between_the_packages_parts() -> None:
    edges = import_graph()
    graph = nx.DiGraph((a, b) for a, targets in edges.items() for b in targets)
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    found = {f"{a} -> {b}": sorted(set(edges[a][b])) for cycle in cycles
             for a in cycle for b in cycle if b in edges.get(a, {})}
    assert not cycles, found


def test_the_graph_sees_lazy_imports() -> None:
    """An import inside a function is an edge like any other."""
    edges = import_graph()
    assert edges["store"]["match"] and edges["match"]["model"]  # parts, not files
    assert edges["newstrace.trace"]["report"]  # trace.py builds the report
    assert "stages/semantic.py" in edges["stages"]["match"]


def test_relative_and_plain_imports_are_read() -> None:
    tree = ast.parse("import newstrace.match.kinds\nfrom ..model import Document\n"
                     "from . import quotes\n")
    read = [m for node in ast.walk(tree) for m in _imported(node, "newstrace.text")]
    assert read == ["newstrace.match.kinds", "newstrace.model", "newstrace.text"]


def test_only_the_engines_start_processes() -> None:
    """Every parallel step goes through the ``Engine`` seam (``map``, ``map_async``,
    ``map_shared``): no part outside ``engine/`` forks or pools by itself, so a cluster
    engine runs every stage. Shared memory (``store.arena``) holds data, starts nothing."""
    starting = {"multiprocessing", "multiprocessing.pool", "concurrent.futures",
                "newstrace.engine.forked", "os.fork"}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "engine":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = _imported(node, "newstrace")
            if isinstance(node, ast.ImportFrom) and node.module:
                names += [f"{node.module}.{alias.name}" for alias in node.names]
            found += [f"{relative}: {n}" for n in names if n in starting]
            if isinstance(node, ast.Attribute) and node.attr in ("fork", "Pool", "Process") \
                    and isinstance(node.value, ast.Name) and node.value.id in ("os", "mp"):
                found.append(f"{relative}: {node.value.id}.{node.attr}")
    assert not found, found


#: The package's layers, lowest first (docs/how-it-works.md draws them). A part imports only
#: parts of its own layer or of lower ones: records and readers at the bottom, the steps of
#: the flow in the middle, what a user runs on top.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"model", "newstrace.errors", "newstrace.config", "newstrace.version",
               "newstrace.bounded", "newstrace.memory", "newstrace.unionfind"}),
    frozenset({"text", "engine"}),
    frozenset({"clean", "index"}),
    frozenset({"ingest", "match"}),
    frozenset({"changes"}),
    frozenset({"provenance"}),
    frozenset({"store"}),
    frozenset({"stages"}),
    frozenset({"report"}),
    frozenset({"newstrace.trace", "newstrace.compare", "evaluate"}),
    frozenset({"cli", "newstrace.__main__", "newstrace"}),
)


def _layer(part: str) -> int:
    return next(n for n, layer in enumerate(LAYERS) if part in layer)


def test_every_part_sits_in_one_layer() -> None:
    parts = {p for a, targets in import_graph().items() for p in (a, *targets)}
    parts |= {_part(".".join(("newstrace", *p.relative_to(PACKAGE).with_suffix("").parts)))
              for p in PACKAGE.rglob("*.py") if p.name != "__init__.py"}
    listed = [p for layer in LAYERS for p in layer]
    assert len(listed) == len(set(listed))
    assert parts <= set(listed), sorted(parts - set(listed))


def _upward(edges: dict[str, dict[str, list[str]]]) -> dict[str, list[str]]:
    """The imports from a part into a part of a higher layer, with the files that make them."""
    return {f"{a} -> {b}": sorted(set(files)) for a, targets in edges.items()
            for b, files in targets.items() if _layer(b) > _layer(a)}


def test_no_part_imports_a_higher_layer() -> None:
    upward = _upward(import_graph())
    assert not upward, upward


def test_an_upward_import_is_seen() -> None:
    """The rule can fail: the text readers importing the store would break it."""
    edges = import_graph()
    edges["text"]["store"].append("text/quotes.py")
    assert _upward(edges) == {"text -> store": ["text/quotes.py"]}
