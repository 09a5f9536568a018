"""Every vector under vectors/ gives exactly the findings its CSV lists (stock and plugin).

Vectors are linted through pkilint's stock factory calls: the plugin's findings appear only
because the automatic registration put its validators there.
"""

from __future__ import annotations

import pytest

from helpers import VECTORS
from pkilint_semantic_dn.adapter import linting

FILES = sorted(VECTORS.glob("*/**/*.crttest"))


def _id(path):
    return path.relative_to(VECTORS).as_posix()


def test_vectors_exist():
    from pkilint_semantic_dn import rules

    folders = {p.relative_to(VECTORS).parts[0] for p in FILES}
    assert folders == set(rules.BUILTIN)
    assert len(FILES) >= 300


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_vector(path):
    rule, *profile_parts, _ = path.relative_to(VECTORS).parts
    profile = "/".join(profile_parts)
    pem, expected = linting.read_crttest(path.read_text(encoding="utf-8"))
    actual = linting.lint(profile, linting.load_pem(pem, path.name))
    assert actual - expected == set(), "unexpected findings"
    assert expected - actual == set(), "missing findings"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_vector_proves_something_about_its_rule(path):
    """A violation vector must carry a semantic_dn finding; a near miss must carry no ERROR or
    WARNING from this plugin (NOTICEs from heuristics are allowed, and listed in its CSV).
    """
    from pkilint_semantic_dn.core import registry

    rule = path.relative_to(VECTORS).parts[0]
    rules = {r.name: r for r in registry.rules()}
    codes = set(rules[rule].codes)
    # A vector may prove that the rule yields to one it defers to: then it carries only that
    # other rule's findings.
    deferred = {c for name in rules[rule].defer_to for c in rules[name].codes}
    pem, expected = linting.read_crttest(path.read_text(encoding="utf-8"))
    ours = [f for f in expected if f.code.startswith("semantic_dn.")]
    if path.stem.startswith("near_miss"):
        assert not [f for f in ours if f.severity in ("ERROR", "WARNING")], ours
    elif not path.stem.startswith("clean"):
        assert ours, "a violation vector without a semantic_dn finding proves nothing"
        found = {f.code for f in ours}
        assert codes & found or found <= deferred, f"no finding of rule {rule}"
