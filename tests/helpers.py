"""Shared test helpers: where things are, how vector paths map to pkilint profiles, and a
bounded wait for work that may hang."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "vectors"
CORPORA = Path(
    os.environ.get("SEMANTIC_DN_CORPORA", ROOT.parent / "shared" / "corpora")
)


def require_corpora() -> Path:
    """The peer corpora folder; skips (or fails under SEMANTIC_DN_REQUIRE_CORPORA=1) if absent."""
    if not CORPORA.is_dir():
        message = f"peer corpora not found at {CORPORA} (set SEMANTIC_DN_CORPORA)"
        if os.environ.get("SEMANTIC_DN_REQUIRE_CORPORA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return CORPORA


def vector_profile(path: Path, suite_root: Path) -> str:
    """`tls_br/ov_final_certificate` for `<suite_root>/tls_br/ov_final_certificate/x.crttest`."""
    return path.parent.relative_to(suite_root).as_posix()


def record_calls(monkeypatch, owner, name: str) -> list:
    """`owner.name` replaced, for the test, by a wrapper that appends each call's positional
    arguments to the list returned and then calls the original. For tests that count work
    (counted, not timed)."""
    calls = []
    real = getattr(owner, name)

    def recorded(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(owner, name, recorded)
    return calls


@pytest.fixture
def broken_rule(monkeypatch):
    """The built-in `placeholder_value` rule (for every attribute type) made to raise on
    every value, in every linter built while the test runs (the cached linters are rebuilt
    before and after). For tests that prove a failure check can fail."""
    from pkilint_semantic_dn.adapter import linting
    from pkilint_semantic_dn.core import registry

    broken = next(r for r in registry.rules() if r.name == "placeholder_value")

    def explode(attribute_oid, value, subject):
        raise ZeroDivisionError("deliberately broken")

    monkeypatch.setattr(
        registry,
        "_declared",
        {
            **registry._declared,
            # Declared for every key, so that it runs on every value it may report on.
            broken.name: broken._replace(function=explode, keys=None),
        },
    )
    linting.linter.cache_clear()
    yield broken.name
    linting.linter.cache_clear()


@pytest.fixture
def declared():
    """Rules declared in a test are removed afterwards; linters are rebuilt around it (the
    built-in rules are loaded first, so the copy restored holds them)."""
    from pkilint_semantic_dn.adapter import linting
    from pkilint_semantic_dn.core import registry

    registry.load()
    before = dict(registry._declared)
    linting.linter.cache_clear()
    yield
    registry._declared.clear()
    registry._declared.update(before)
    linting.linter.cache_clear()


def within(seconds: float, work):
    """work()'s result, or a test failure if it has not returned after `seconds` (it may
    hang: the thread is left behind as a daemon)."""
    done = []
    thread = threading.Thread(target=lambda: done.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert done, f"still running after {seconds} s"
    return done[0]
