"""The drift tests' way into a patched pkilint tree: the shared pkilint source with the whole
series applied, and its pure modules (`pkilint/common/*.py`, no ASN.1) loaded from their
files under their own names, beside the installed pkilint."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pkimetal_harness as harness
import upstream_suite as suite


def patched_tree(tmp_path_factory, name: str) -> Path:
    """The shared pkilint source (PKILINT_SOURCE_ARCHIVE, or where the pkimetal tests find
    the peers) with `upstream/series` applied, under a fresh directory `name`. Skips when the
    archive is missing, or fails under SEMANTIC_DN_REQUIRE_CORPORA=1 (CI), like the
    pkimetal tests."""
    archive = Path(os.environ.get("PKILINT_SOURCE_ARCHIVE", harness.PKILINT_SOURCE))
    harness.require_peers(archive)
    source = suite.unpack(tmp_path_factory.mktemp(name), archive)
    suite.apply(source, suite.series())
    return source


def load_modules(monkeypatch, source: Path, modules) -> dict:
    """Loads `pkilint/common/<name>.py` of `source` for each name in order (a later module
    imports the earlier ones by name): name -> module. `monkeypatch` (a fixture's, or a
    `pytest.MonkeyPatch.context()`) puts sys.modules back afterwards."""
    loaded = {}
    for module in modules:
        spec = importlib.util.spec_from_file_location(
            f"pkilint.common.{module}", source / "pkilint" / "common" / f"{module}.py"
        )
        loaded[module] = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, spec.name, loaded[module])
        spec.loader.exec_module(loaded[module])
    return loaded


def load_common(monkeypatch, source: Path, modules) -> object:
    """`load_modules`, the last of them."""
    return load_modules(monkeypatch, source, modules)[modules[-1]]
