"""pkilint's own vectors with the plugin active: every stock expectation holds exactly.

Every plugin finding on them must be listed, with a justification, in
tests/peer_vector_findings.csv; an unlisted finding or a listed one that disappears fails.

The vectors and their expectations are pkilint 0.13.3's. On another pkilint (0.12.13 in the
oldest-version pass of .ci/run) they are not that pkilint's expectations: there its own findings
differ on 7 vectors and one ETSI type (6 vectors) does not exist. There the test proves what
the plugin is responsible for: on every vector whose profile exists, the stock findings with
the plugin are exactly that pkilint's findings without it (a process with
PKILINT_SEMANTIC_DN=0), and the plugin's findings are the reviewed ones.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from helpers import ROOT, require_corpora, vector_profile
from pkilint_semantic_dn.adapter import linting

# Subprocesses, new venvs, downloads or whole corpora: `pytest -m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

REVIEWED = Path(__file__).with_name("peer_vector_findings.csv")
# The pkilint release whose own vectors and expectations ../shared/corpora holds.
RECORDED_ON = "0.13.3"
PKILINT = version("pkilint")


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


def _profile_exists(profile: str) -> bool:
    try:
        linting.linter(profile)
    except KeyError:  # a certificate type this pkilint does not have
        return False
    return True


# Lints the vectors named on stdin (JSON [[profile, path], ...]) in a process with the plugin
# switched off, and prints each one's findings: this pkilint's own expectations.
_WITHOUT_PLUGIN = """
import json, sys
from pkilint_semantic_dn.adapter import linting
out = {}
for profile, path in json.load(sys.stdin):
    pem, _ = linting.read_crttest(open(path, encoding="utf-8").read())
    out[path] = sorted(linting.lint(profile, linting.load_pem(pem, path)))
print(json.dumps(out))
"""


def _findings_without_plugin(vectors) -> dict[str, set[linting.Finding]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PKILINT_")}
    env["PKILINT_SEMANTIC_DN"] = "0"
    p = subprocess.run(
        [sys.executable, "-c", _WITHOUT_PLUGIN],
        input=json.dumps([[profile, str(path)] for profile, path in vectors]),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    assert p.returncode == 0, p.stderr[-4000:]
    return {
        path: {linting.Finding(*f) for f in found}
        for path, found in json.loads(p.stdout).items()
    }


def test_stock_findings_unchanged_and_plugin_findings_reviewed():
    root, files = _peer_vectors()
    vectors = [(vector_profile(path, root), path) for path in files]
    if PKILINT != RECORDED_ON:
        vectors = [
            (profile, path) for profile, path in vectors if _profile_exists(profile)
        ]
        # 0.12.13 lacks one ETSI type (6 vectors); far fewer means something else broke.
        assert len(vectors) >= 400, f"only {len(vectors)} vectors lintable"
        own = _findings_without_plugin(vectors)
        assert not [
            f
            for found in own.values()
            for f in found
            if f.code.startswith("semantic_dn.")
        ]
    stock_mismatches = []
    plugin_findings = set()
    for profile, path in vectors:
        pem, expected = linting.read_crttest(path.read_text(encoding="utf-8"))
        if PKILINT != RECORDED_ON:
            expected = own[str(path)]
        actual = linting.lint(profile, linting.load_pem(pem, path.name))
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
    linted = {path.relative_to(root).as_posix() for _, path in vectors}
    reviewed = {row for row in _reviewed() if row[0] in linted}
    assert (
        plugin_findings - reviewed == set()
    ), "new plugin findings: review and list them"
    assert reviewed - plugin_findings == set(), "listed findings no longer appear"
