"""The three layers, one direction: core (`core/`, `rules/`) <- pkilint adapter (`adapter/`)
<- front ends (`check`, `scan`, `cli`, ...). Only the adapter imports pkilint or pyasn1, and
the package has no import cycle. Checked on the source (every import statement, also the ones
inside functions) and, for the core and `check`, in a fresh interpreter.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "pkilint_semantic_dn"
NAME = "pkilint_semantic_dn"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(module: str, path: Path) -> set[str]:
    """Every module `module` imports (absolute names), wherever the statement is."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            out.add(prefix)
            for a in node.names:  # `from pkg import module`
                if f"{prefix}.{a.name}" in MODULES:
                    out.add(f"{prefix}.{a.name}")
    return out


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "package"  # __init__: the lazy public API
    if parts[1] in ("core", "rules"):
        return "core"
    if parts[1] == "adapter":
        return "adapter"
    return "front end"


RANK = {"core": 0, "adapter": 1, "front end": 2}


def _internal(imports: set[str]) -> set[str]:
    return {i for i in imports if i in MODULES}


def test_layers_are_classified():
    layers = {layer(m) for m in MODULES}
    assert layers == {"package", "core", "adapter", "front end"}
    assert {m for m in MODULES if layer(m) == "adapter"} >= {
        f"{NAME}.adapter.validators",
        f"{NAME}.adapter.registration",
        f"{NAME}.adapter.hook",
    }


def test_only_the_adapter_imports_pkilint_or_pyasn1():
    offenders = []
    for module, path in MODULES.items():
        if layer(module) == "adapter":
            continue
        for i in _imports(module, path):
            if i.split(".")[0] in ("pkilint", "pyasn1", "pyasn1_alt_modules"):
                offenders.append(f"{module} imports {i}")
    assert not offenders


def test_imports_point_down_the_layers():
    offenders = []
    for module, path in MODULES.items():
        mine = layer(module)
        if mine == "package":
            continue
        for i in _internal(_imports(module, path)):
            theirs = layer(i)
            if theirs == "package":
                continue
            if RANK[theirs] > RANK[mine]:
                offenders.append(f"{module} ({mine}) imports {i} ({theirs})")
    assert not offenders


def test_rules_never_import_each_other():
    rules = {m for m in MODULES if m.startswith(f"{NAME}.rules.")}
    offenders = [
        f"{m} imports {i}"
        for m in rules
        for i in _internal(_imports(m, MODULES[m]))
        if i in rules
    ]
    assert not offenders


def _cycle() -> list[str] | None:
    graph = {
        m: sorted(i for i in _internal(_imports(m, p)) if i != m)
        for m, p in MODULES.items()
    }
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        trail.append(m)
        for n in graph[m]:
            # A module imports its package's __init__ on the way: not an edge back.
            if m.startswith(n + "."):
                continue
            if state.get(n) == 1:
                return trail[trail.index(n) :] + [n]
            if n not in state:
                found = visit(n)
                if found:
                    return found
        trail.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state:
            found = visit(m)
            if found:
                return found
    return None


def test_no_import_cycles():
    assert _cycle() is None, " -> ".join(_cycle())


def test_the_cycle_test_can_fail(monkeypatch, tmp_path):
    """A deliberately added back edge (core.text importing core.engine) is found."""
    fake = tmp_path / "text.py"
    fake.write_text(
        MODULES[f"{NAME}.core.text"].read_text(encoding="utf-8")
        + "\nfrom pkilint_semantic_dn.core import engine\n",
        encoding="utf-8",
    )
    monkeypatch.setitem(MODULES, f"{NAME}.core.text", fake)
    assert _cycle() is not None


_FRESH = r"""
import json, sys
from pkilint_semantic_dn.core import catalogue, engine, registry
from pkilint_semantic_dn import check
report = check.check("C=JP,ST=Tokyo\\, C\\=JP,O=Example")
codes = sorted({f.code for f in report.findings})
rules = [r.name for r in registry.rules()]
rows = len(catalogue.entries())
from pkilint_semantic_dn import scan  # the semantic-only front end
linter = scan.Linter(semantic_only=True)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("pkilint", "pyasn1", "pyasn1_alt_modules"))
print(json.dumps({"codes": codes, "rules": rules, "rows": rows, "loaded": loaded}))
"""


def test_core_check_and_semantic_scan_run_without_pkilint_or_pyasn1():
    p = subprocess.run(
        [sys.executable, "-c", _FRESH],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["loaded"] == []
    assert "semantic_dn.embedded_attribute_assignment" in out["codes"]
    assert len(out["rules"]) >= 11
    assert out["rows"] > len(out["rules"])


def test_python_dash_m_runs_the_command_line():
    p = subprocess.run(
        [sys.executable, "-m", NAME, "check", "C=JP,ST=Tokyo\\, C\\=JP,O=Example"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert p.returncode == 1, p.stderr
    assert "semantic_dn.embedded_attribute_assignment" in p.stdout


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) == "core"))
def test_core_module_imports_nothing_of_pkilint_when_imported_alone(module):
    # Cheap per module: the static test above covers statements; this covers what they do.
    code = (
        f"import importlib, sys; importlib.import_module({module!r}); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pkilint', 'pyasn1', 'pyasn1_alt_modules')))"
    )
    p = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"
