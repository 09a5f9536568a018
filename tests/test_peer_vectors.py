"""pkilint's own vectors with the plugin active: every stock expectation holds exactly.

Every plugin finding on them must be listed, with a justification, in
tests/peer_vector_findings.csv; an unlisted finding or a listed one that disappears fails.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers import require_corpora, vector_profile
from pkilint_semantic_dn.adapter import linting

# Subprocesses, new venvs, downloads or whole corpora: `pytest -m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

REVIEWED = Path(__file__).with_name("peer_vector_findings.csv")


def _peer_vectors():
    root = require_corpora() / "pkilint-vectors" / "integration_certificate"
    files = sorted(root.glob("**/*.crttest"))
    assert (
        len(files) == 435
    ), f"expected pkilint 0.13.3's 435 vectors, found {len(files)}"
    return root, files


def _reviewed() -> set[tuple[str, str, str]]:
    with REVIEWED.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        out = set()
        for r in rows:
            assert r["justification"].strip(), f"unjustified row {r}"
            out.add((r["vector"], r["node_path"], r["code"]))
        return out


def test_stock_findings_unchanged_and_plugin_findings_reviewed():
    root, files = _peer_vectors()
    stock_mismatches = []
    plugin_findings = set()
    for path in files:
        pem, expected = linting.read_crttest(path.read_text(encoding="utf-8"))
        actual = linting.lint(
            vector_profile(path, root), linting.load_pem(pem, path.name)
        )
        stock = {f for f in actual if not f.code.startswith("semantic_dn.")}
        if stock != expected:
            stock_mismatches.append(
                (path.relative_to(root).as_posix(), expected - stock, stock - expected)
            )
        for f in actual - stock:
            plugin_findings.add(
                (path.relative_to(root).as_posix(), f.node_path, f.code)
            )
    assert not stock_mismatches, stock_mismatches
    reviewed = _reviewed()
    assert (
        plugin_findings - reviewed == set()
    ), "new plugin findings: review and list them"
    assert reviewed - plugin_findings == set(), "listed findings no longer appear"
