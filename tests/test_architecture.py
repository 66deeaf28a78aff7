"""The layers contract: data flows one way, spider → item → pipeline → db → link → criteria → monitor.

The contract itself is import-linter's, in pyproject.toml ([tool.importlinter]); `lint-imports` prints
which contract broke and the chain of imports. Cycles between modules are read here from the same
import graph (grimp), which sees every import statement, function-level ones included.
"""
from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

grimp = pytest.importorskip("grimp", reason="grimp (the dev extras) is needed to read the import graph")

PACKAGES = ("core", "texts", "db", "crawlers", "linking", "criteria", "monitor", "simulation")
REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(*args: str) -> subprocess.CompletedProcess:
    if not LINT_IMPORTS.exists():
        pytest.skip("import-linter (the dev extras) is needed to check the layers contract")
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", *args], cwd=REPO, capture_output=True, text=True, timeout=120)


def test_layers_contract_is_kept():
    """The contracts in pyproject.toml ([tool.importlinter]): the layers in the order data flows, the
    rules engine apart from the crawl and the database, the simulation outside production."""
    proc = lint_imports()
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "Contracts: 3 kept, 0 broken." in proc.stdout


def test_layers_contract_sees_an_upward_import(tmp_path):
    """The contract is not vacuous on this code: forbidding an import the code really makes breaks it,
    naming the importer."""
    config = tmp_path / "contract.toml"
    config.write_text('''[tool.importlinter]
root_packages = ["db", "crawlers"]
[[tool.importlinter.contracts]]
name = "crawlers without db"
type = "forbidden"
source_modules = ["crawlers"]
forbidden_modules = ["db"]
''', encoding="utf-8")
    proc = lint_imports(str(config))
    assert proc.returncode == 1 and "BROKEN" in proc.stdout and "crawlers." in proc.stdout and " -> db" in proc.stdout, proc.stdout[-3000:]


def test_every_package_folder_is_in_the_graph():
    """A folder of modules without __init__.py is a namespace package the import graph skips
    (monitor/commands was, so the contract never saw the CLI's commands)."""
    missing = [str(d.relative_to(REPO)) for top in PACKAGES for d in (REPO / top).rglob("*")
               if d.is_dir() and "__pycache__" not in d.parts and any(d.glob("*.py")) and not (d / "__init__.py").exists()
               and not d.relative_to(REPO).as_posix().startswith("db/migrations")]  # Alembic loads these by path
    assert not missing, missing


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES, include_external_packages=False)


def _imports(graph):
    for module in sorted(graph.modules):
        for target in sorted(graph.find_modules_directly_imported_by(module)):
            yield module, target


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
