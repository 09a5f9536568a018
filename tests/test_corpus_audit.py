"""The plugin's findings on the peer corpora are exactly the reviewed ones.

`tools/audit_corpora.py` lints every certificate of `../shared/corpora` (pkilint's vectors,
zlint's test data, cryptography's x509 vectors, the Debian CA bundle) through pkilint's stock
factories with the plugin active. Each plugin finding must be recorded, with a verdict and a
reason, in `tests/corpus_findings_reviewed.csv`. When this test fails:

    python tools/audit_corpora.py --update

rewrites the file (existing verdicts kept, new rows UNREVIEWED); review the new rows, and fix
the rule for every false positive instead of recording it.
"""

from __future__ import annotations

import pytest

import audit_corpora
from helpers import broken_rule, require_corpora  # noqa: F401  (a fixture)

# Subprocesses, new venvs, downloads or whole corpora: `pytest -m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

_HOW = (
    "run `python tools/audit_corpora.py --update`, then review every UNREVIEWED row of "
    "tests/corpus_findings_reviewed.csv (verdict true_positive or false_positive, and a "
    "one-line reason); a false positive is fixed in its rule, not recorded"
)


@pytest.fixture(scope="module")
def audit():
    return audit_corpora.run(require_corpora(), jobs=2)


def _describe_finding(f) -> str:
    return (
        f"{f.path} #{f.index} (sha256 {f.sha256[:16]}...) {f.node_path}: {f.code} "
        f"[{f.severity}] value {f.value!r}: {f.message}"
    )


def _describe_row(r) -> str:
    return (
        f"{r['path']} #{r['index']} (sha256 {r['sha256'][:16]}...) {r['node_path']}: "
        f"{r['code']} value {r['value']!r} (verdict {r['verdict']}: {r['reason']})"
    )


def test_corpora_were_read(audit):
    kinds = {}
    for item in audit.items:
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    per_corpus = {}
    for o in audit.outcomes:
        per_corpus[audit_corpora.corpus_of(o.path)] = (
            per_corpus.get(audit_corpora.corpus_of(o.path), 0) + 1
        )
    # Sizes of the corpora as shipped (see their README); a much smaller number means the
    # reader lost a format.
    assert per_corpus.get("pkilint-vectors", 0) >= 435
    assert per_corpus.get("zlint-testdata", 0) >= 1300
    assert per_corpus.get("cryptography-x509", 0) >= 500
    assert per_corpus.get("debian-ca-certificates.crt", 0) >= 140
    linted = sum(1 for o in audit.outcomes if o.status == "linted")
    assert linted >= 2000, kinds


def test_no_plugin_validator_raised(audit):
    crashes = [
        f"{o.path} #{o.index}: {c}" for o in audit.outcomes for c in o.plugin_crashes
    ]
    failed = [
        _describe_finding(f)
        for f in audit.findings
        if f.code == "semantic_dn.rule_failed"
    ]
    assert (
        not crashes
    ), "a FATAL finding from a plugin validator, or rule_failed:\n" + "\n".join(crashes)
    assert not failed, "a rule raised (semantic_dn.rule_failed):\n" + "\n".join(failed)


def test_findings_are_exactly_the_reviewed_ones(audit):
    problems = audit_corpora.compare(audit.findings, audit_corpora.read_reviewed())
    lines = []
    if problems["new"]:
        lines.append(
            f"{len(problems['new'])} finding(s) on the corpora are not in "
            "tests/corpus_findings_reviewed.csv (new, never reviewed):"
        )
        lines += ["  NEW " + _describe_finding(f) for f in problems["new"]]
    if problems["disappeared"]:
        lines.append(
            f"{len(problems['disappeared'])} reviewed finding(s) are no longer reported "
            "(a rule or the corpora changed; check that this is intended):"
        )
        lines += ["  GONE " + _describe_row(r) for r in problems["disappeared"]]
    assert not lines, "\n".join(lines + [_HOW])


def test_reviewed_file_is_complete():
    """Every row carries a verdict and a reason (no corpora needed)."""
    problems = audit_corpora.compare([], audit_corpora.read_reviewed())
    lines = ["  UNREVIEWED " + _describe_row(r) for r in problems["unreviewed"]]
    lines += [
        "  BAD VERDICT/REASON " + _describe_row(r) for r in problems["bad_verdict"]
    ]
    assert (
        not lines
    ), "rows of tests/corpus_findings_reviewed.csv need review:\n" + "\n".join(
        lines + [_HOW]
    )


def test_no_false_positive_is_left_in_the_reviewed_file():
    """A false positive recorded in the file is a rule bug waiting for its fix."""
    rows = [
        r
        for r in audit_corpora.read_reviewed().values()
        if r["verdict"] == "false_positive"
    ]
    assert not rows, (
        "false positives on real certificates must be fixed in the rule that reports "
        "them:\n" + "\n".join("  FP " + _describe_row(r) for r in rows)
    )


# The bookkeeping itself, on made-up findings (no corpora needed).


def _finding(path="a.pem", index=0, code="semantic_dn.x", value="v"):
    return audit_corpora.PluginFinding(
        path,
        index,
        "00" * 32,
        "tls_br/root_ca",
        "certificate.tbsCertificate.subject",
        code,
        "ERROR",
        value,
        "message",
    )


def _parse(text):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(text)))
    return {tuple(r[c] for c in audit_corpora.KEY_COLUMNS): r for r in rows}


def test_update_keeps_verdicts_and_marks_new_rows_unreviewed():
    old_finding, new_finding = _finding(value="old"), _finding(value="new")
    reviewed = _parse(audit_corpora.render_reviewed([old_finding], {}))
    (row,) = reviewed.values()
    assert row["verdict"] == audit_corpora.UNREVIEWED
    row["verdict"], row["reason"] = "true_positive", "pasted DN"
    updated = _parse(
        audit_corpora.render_reviewed([old_finding, new_finding], reviewed)
    )
    assert updated[old_finding.key()]["verdict"] == "true_positive"
    assert updated[old_finding.key()]["reason"] == "pasted DN"
    assert updated[new_finding.key()]["verdict"] == audit_corpora.UNREVIEWED
    # A finding that went away is dropped by --update.
    assert list(_parse(audit_corpora.render_reviewed([new_finding], updated))) == [
        new_finding.key()
    ]


def test_compare_names_new_vanished_and_unreviewed_rows():
    kept, gone, new = (
        _finding(value="kept"),
        _finding(value="gone"),
        _finding(value="new"),
    )
    reviewed = _parse(audit_corpora.render_reviewed([kept, gone], {}))
    reviewed[kept.key()].update(verdict="true_positive", reason="r")
    problems = audit_corpora.compare([kept, new], reviewed)
    assert problems["new"] == [new]
    assert [r["value"] for r in problems["disappeared"]] == ["gone"]
    assert [r["value"] for r in problems["unreviewed"]] == ["gone"]
    reviewed[kept.key()].update(verdict="maybe")
    assert audit_corpora.compare([kept], reviewed)["bad_verdict"]


def test_a_broken_rule_makes_the_audit_fail(broken_rule):
    """The crash check above can fail: with one rule made to raise, a corpus certificate's
    outcome records the failure (as the engine's `rule_failed`)."""
    items = [
        i
        for i in audit_corpora.discover(require_corpora())
        if "pkilint-vectors" in i.path
    ]
    outcome = next(
        o for o in map(audit_corpora.lint_item, items[:50]) if o.status == "linted"
    )
    assert outcome.plugin_crashes
    assert all("semantic_dn.rule_failed" in c for c in outcome.plugin_crashes)
