"""The drift tests' way into a patched pkilint tree: its pure modules (`pkilint/common/*.py`,
no ASN.1) loaded from their files under their own names, beside the installed pkilint.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


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
