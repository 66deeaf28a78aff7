"""The layers contract: data flows one way, spider → item → pipeline → db → link → criteria → monitor.

Read from the code with grimp (import-linter's graph), which sees every import statement of a module,
function-level ones included. A failure names the importing module and what it imported.
"""
from __future__ import annotations

from collections import defaultdict

import pytest

grimp = pytest.importorskip("grimp", reason="grimp (the dev extras) is needed to read the import graph")

PACKAGES = ("core", "texts", "db", "crawlers", "linking", "criteria", "monitor", "simulation")

# What each top-level package may import of the others: the folders in the order data flows through
# them. `texts` (the pure text analysers of downloaded files and promulgated acts) sits below the
# crawlers, which run it at download time, the linker, which reads its output, and the criteria.
ALLOWED = {
    "core": set(),
    "texts": {"core"},
    "db": {"core"},
    "crawlers": {"core", "texts", "db"},
    "linking": {"core", "texts", "db"},
    "criteria": {"core", "texts"},
    "monitor": {"core", "texts", "db", "crawlers", "linking", "criteria"},
    "simulation": {"core", "texts", "db", "crawlers", "linking", "criteria"},
}
# The criteria modules that read the database: the contract's assembly and the findings store. The
# rules engine itself takes a validated contract and never touches it.
CRITERIA_DB_READERS = {"criteria.assemble", "criteria.store"}
# Outside tests and bench/, only the demo runs the simulation.
SIMULATION_USERS = {"monitor.commands.demo"}


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES, include_external_packages=False)


def _imports(graph):
    for module in sorted(graph.modules):
        for target in sorted(graph.find_modules_directly_imported_by(module)):
            yield module, target


def _within(module: str, prefixes) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_no_layer_imports_upward(graph):
    wrong = []
    for module, target in _imports(graph):
        here, there = module.split(".")[0], target.split(".")[0]
        if here == there:
            continue
        if there == "simulation" and module in SIMULATION_USERS:
            continue
        if here == "criteria" and there == "db" and module in CRITERIA_DB_READERS:
            continue
        if not _within(target, ALLOWED[here]):
            wrong.append(f"{module} imports {target}")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_import_cycles(graph):
    """No two modules import each other, directly or through others (function-level imports count)."""
    edges = defaultdict(set)
    for module, target in _imports(graph):
        if module != target and not module.startswith(target + "."):  # a module's own package __init__
            edges[module].add(target)
    cycles = _strongly_connected(edges)
    assert not cycles, "import cycles:\n" + "\n".join(" ↔ ".join(sorted(c)) for c in cycles)


def _strongly_connected(edges: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's components of more than one module (iterative: the graph is deep)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = 0
    nodes = set(edges) | {t for ts in edges.values() for t in ts}
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
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
                if len(component) > 1:
                    found.append(component)
    return found


def test_the_contract_sees_a_cycle():
    """The cycle finder is not vacuous: a three-module ring and a pair are found, a chain is not."""
    ring = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"e"}, "e": {"d"}, "f": {"g"}}
    assert sorted(sorted(c) for c in _strongly_connected(ring)) == [["a", "b", "c"], ["d", "e"]]
