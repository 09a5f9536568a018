import sys
from pathlib import Path

# tests/helpers.py and tools/ are imported by name.
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tools")]


def _starts_processes(module) -> set[str]:
    """Names of the module's own helper functions that start a process."""
    import inspect

    names = set()
    for name, obj in vars(module).items():
        if inspect.isfunction(obj) and obj.__module__ == module.__name__:
            try:
                if "subprocess." in inspect.getsource(obj):
                    names.add(name)
            except (OSError, TypeError):
                pass
    return names


def pytest_collection_modifyitems(config, items):
    """Every test that starts a process (directly or through one of its module's helpers) is
    `slow`, like the modules and tests marked so by hand (venvs, downloads, whole corpora):
    `python -m pytest -q -m "not slow"` runs the fast tests alone."""
    import inspect
    import re

    import pytest

    helpers: dict[str, set[str]] = {}
    for item in items:
        module = getattr(item, "module", None)
        function = getattr(item, "function", None)
        if module is None or function is None or item.get_closest_marker("slow"):
            continue
        if module.__name__ not in helpers:
            helpers[module.__name__] = _starts_processes(module)
        try:
            source = inspect.getsource(function)
        except (OSError, TypeError):
            continue
        calls = helpers[module.__name__]
        if "subprocess." in source or any(
            re.search(rf"\b{re.escape(n)}\(", source) for n in calls
        ):
            item.add_marker(pytest.mark.slow)
