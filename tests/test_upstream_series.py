"""The pkilint patch series (upstream/series) on the shared pkilint source, without and with
this plugin.

The fast part of `tools/upstream_suite.py`, for CI: the series applies in order to the pkilint
source with its tests (`../shared/peers/pkilint/pkilint-0.13.3-src-31d62c9.tar.gz`, or the
archive named by PKILINT_SOURCE_ARCHIVE); pkilint's tests that the series adds or touches pass
(tests/test_plugin.py, tests/common, the finding metadata CSV test, and every integration vector
the series adds, run through pkilint's own test runner); the stock CLI of the patched pkilint
reports the incident with no plugin installed; with this plugin installed too, no finding is
reported twice, and the plugin keeps the rules where pkilint's factories lack them (the PKIX
linter). pkilint's full suite is `python tools/upstream_suite.py` (minutes; see
docs/upstream.md for the figures).

The tests that need no process check the mapping between pkilint's codes and ours against the
registry, the patches and upstream/README.md, and the step-aside logic on a validator tree.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import textwrap
from pathlib import Path

import pytest

import environments
import upstream_suite as suite
from helpers import ROOT
from pkilint_semantic_dn.adapter import upstream_detect
from pkilint_semantic_dn.core import registry

INCIDENT = ROOT / "examples" / "incident_tokyo_c_jp.pem"
README = ROOT / "upstream" / "README.md"
PATCHES = suite.series()
INCIDENT_CODE = "cabf.name.attribute_value_contains_attribute_assignment"
INCIDENT_NODE = "certificate.tbsCertificate.subject.rdnSequence.1.0"

# What the series adds to pkilint's tests (exact: a vector or test lost or added fails here).
ADDED_VECTORS = 107
ADDED_UNIT_TESTS = 59
PLUGIN_TESTS = 24


def _archive() -> Path:
    return Path(os.environ.get("PKILINT_SOURCE_ARCHIVE", suite.SOURCE))


def _source(tmp_path_factory) -> Path:
    archive = _archive()
    if not archive.is_file():
        pytest.skip(f"the pkilint source archive is not here: {archive}")
    work = tmp_path_factory.mktemp("upstream-series")
    source = suite.unpack(work, archive)
    suite.apply(source, PATCHES)
    return source


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    """(patched source, venv with the patched pkilint and pytest, no plugin)."""
    source = _source(tmp_path_factory)
    venv = environments.create_venv(tmp_path_factory, "series", [source, "pytest"])
    return source, venv


@pytest.fixture(scope="module")
def series_and_plugin(tmp_path_factory, series):
    """(patched source, venv with the patched pkilint and this plugin's wheel)."""
    source, _ = series
    venv = environments.create_venv(
        tmp_path_factory,
        "series-plugin",
        [source, environments.wheel(tmp_path_factory)],
    )
    return source, venv


def _env(venv, **overrides) -> dict[str, str]:
    env = environments._clean_env(**overrides)
    env["PATH"] = f"{venv.bin}{os.pathsep}{env.get('PATH', '')}"
    return env


def _run(venv, args, cwd=None, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=_env(venv, **env),
        timeout=900,
    )


def _lint(venv, linter: str, pem: Path, *options) -> set[tuple[str, str, str]]:
    p = _run(venv, [venv.bin / linter, "lint", *options, "-f", "JSON", pem])
    assert p.stdout.startswith("{"), p.stderr
    return {
        (r["node_path"], fd["severity"], fd["code"])
        for r in json.loads(p.stdout)["results"]
        for fd in r["finding_descriptions"]
    }


@pytest.mark.slow  # new venvs and processes
def test_pkilint_tests_added_by_the_series_pass(series):
    source, venv = series
    p = _run(
        venv,
        [
            venv.python,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_plugin.py",
            "tests/test_finding_metadata_csv_smoke.py",
            "tests/common",
        ],
        cwd=source,
    )
    assert p.returncode == 0, p.stdout[-4000:] + p.stderr[-2000:]
    summary = p.stdout.strip().splitlines()[-1]
    passed = int(re.search(r"(\d+) passed", summary).group(1))
    # test_plugin.py (patch 01), the three metadata CSV tests, the unit tests of 02-04
    assert passed == PLUGIN_TESTS + 3 + ADDED_UNIT_TESTS, summary


# Runs in the patched source tree: every vector the series adds, through pkilint's own
# integration test runner, with the validators built as its integration test modules build
# them. Prints "passed failed" and the failures.
_RUN_VECTORS = textwrap.dedent("""
    import sys, traceback
    from pkilint import etsi, loader
    from pkilint.cabf import serverauth, smime
    from pkilint.cabf.serverauth import serverauth_constants
    from pkilint.cabf.smime import smime_constants
    from pkilint.etsi import etsi_constants
    from pkilint.pkix import certificate
    from tests import integration_test_common

    def build(parts):
        if parts[0] == "tls_br":
            t = serverauth_constants.CertificateType[parts[1].upper()]
            return certificate.create_pkix_certificate_validator_container(
                serverauth.create_decoding_validators(), serverauth.create_validators(t)
            ), serverauth.create_serverauth_finding_filters(t)
        if parts[0] == "smime_br":
            level = smime_constants.ValidationLevel[parts[1].upper()]
            generation = smime_constants.Generation[parts[2].upper()]
            return certificate.create_pkix_certificate_validator_container(
                smime.create_decoding_validators(),
                smime.create_subscriber_validators(level, generation),
            ), None
        t = etsi_constants.CertificateType[parts[1].upper()]
        return certificate.create_pkix_certificate_validator_container(
            etsi.create_decoding_validators(t), etsi.create_validators(t)
        ), etsi.create_etsi_finding_filters(t)

    passed, failed = 0, []
    for path in sys.argv[1:]:
        validator, filters = build(path.split("/")[2:-1])
        try:
            integration_test_common.run_test(
                "-----END CERTIFICATE-----",
                loader.load_pem_certificate,
                path,
                validator,
                filters,
            )
            passed += 1
        except AssertionError as e:
            failed.append(f"{path}: {e}")
    print(passed, len(failed))
    print("\\n".join(failed))
    """)


@pytest.mark.slow  # new venvs and processes
def test_series_vectors_pass_pkilints_test_runner(series):
    source, venv = series
    vectors = suite.added_vectors(PATCHES)
    assert len(vectors) == ADDED_VECTORS
    p = _run(venv, [venv.python, "-c", _RUN_VECTORS, *vectors], cwd=source)
    lines = p.stdout.splitlines()
    assert lines and lines[0] == f"{ADDED_VECTORS} 0", p.stdout[-4000:] + p.stderr
    assert p.stderr == ""


@pytest.mark.slow  # new venvs and processes
def test_stock_cli_of_patched_pkilint_reports_the_incident_without_plugin(series):
    _, venv = series
    # this plugin is not installed here (cwd: not this repository, which `-c` would import)
    p = _run(venv, [venv.python, "-c", "import pkilint_semantic_dn"], cwd=venv.bin)
    assert "ModuleNotFoundError" in p.stderr, p.stderr
    findings = _lint(venv, "lint_cabf_serverauth_cert", INCIDENT, "-d")
    assert (INCIDENT_NODE, "ERROR", INCIDENT_CODE) in findings
    assert not [f for f in findings if f[2].startswith("semantic_dn.")]


@pytest.mark.slow  # new venvs and processes
def test_with_plugin_installed_nothing_is_reported_twice(series_and_plugin):
    source, venv = series_and_plugin
    tree = suite.Tree(source, venv.python.parent.parent, venv.python, venv.bin)
    seen, problems = suite.duplicate_check(tree, PATCHES)
    assert problems == []
    assert (
        seen > 60
    )  # the ported rules' findings on the series' vectors and the incident

    findings = _lint(venv, "lint_cabf_serverauth_cert", INCIDENT, "-d")
    assert (INCIDENT_NODE, "ERROR", INCIDENT_CODE) in findings
    assert (
        INCIDENT_NODE,
        "ERROR",
        "semantic_dn.embedded_attribute_assignment",
    ) not in (findings)


@pytest.mark.slow  # new venvs and processes
def test_with_plugin_installed_pkix_linter_keeps_the_rules(series_and_plugin):
    # pkilint registers the ported validators for the CA/B Forum linters only; where its
    # factories lack them, the plugin still runs its own rules.
    _, venv = series_and_plugin
    findings = _lint(venv, "lint_pkix_cert", INCIDENT)
    assert (INCIDENT_NODE, "ERROR", "semantic_dn.embedded_attribute_assignment") in (
        findings
    )
    assert not [f for f in findings if f[2].startswith("cabf.name.")]


# --- no process ---------------------------------------------------------------------------


def test_mapping_covers_whole_rules_of_the_registry():
    rules = {r.name: r for r in registry.rules()}
    for u in upstream_detect.UPSTREAM_RULES:
        ours = [code for _, code in u.codes]
        assert sorted(ours) == sorted(f.code for f in rules[u.rule].findings), u.rule
        assert all(code.startswith("cabf.name.") for code, _ in u.codes)
    mapped = [c for u in upstream_detect.UPSTREAM_RULES for c, _ in u.codes]
    assert len(mapped) == len(set(mapped))


def test_mapping_matches_the_patches():
    text = "\n".join(p.read_text(encoding="utf-8") for p in PATCHES)
    severities = {f.code: f.severity for r in registry.rules() for f in r.findings}
    for u in upstream_detect.UPSTREAM_RULES:
        assert f"+class {u.validator}(validation.Validator):" in text, u.validator
        for pkilint_code, ours in u.codes:
            # declared with our severity, and listed in both CA/B metadata files
            declared = re.search(
                rf"ValidationFindingSeverity\.(\w+),\s*\+\s*\"{re.escape(pkilint_code)}\"",
                text,
            )
            assert declared and declared.group(1) == severities[ours], pkilint_code
            rows = re.findall(
                rf"^\+{severities[ours]},{re.escape(pkilint_code)},", text, re.M
            )
            assert len(rows) == 2, pkilint_code


def test_readme_lists_the_series_and_the_mapping():
    text = README.read_text(encoding="utf-8")
    order = [text.index(f"`{p.name}`") for p in PATCHES]
    assert order == sorted(order)
    table = {
        (m.group(1), m.group(2))
        for m in re.finditer(
            r"^\| `(cabf\.name\.[a-z_]+)` \| `(semantic_dn\.[a-z_]+)` \|", text, re.M
        )
    }
    assert table == {
        (code, ours) for u in upstream_detect.UPSTREAM_RULES for code, ours in u.codes
    }


class _Finding:
    def __init__(self, code):
        self.code = code


def _native(name: str, module: str = "pkilint.cabf.cabf_name"):
    u = next(u for u in upstream_detect.UPSTREAM_RULES if u.validator == name)
    cls = type(name, (), {"__module__": module})
    v = cls()
    v.validations = [_Finding(code) for code, _ in u.codes]
    return v


def test_step_aside_drops_only_the_rules_pkilint_has():
    from pkilint import validation

    from pkilint_semantic_dn.adapter.validators import SemanticDnValidator

    ours = SemanticDnValidator()
    subject = validation.ValidatorContainer(
        validators=[_native("EmbeddedAttributeAssignmentValidator"), ours]
    )
    names = upstream_detect.step_aside(
        [validation.ValidatorContainer(validators=[subject])]
    )
    assert names == {"embedded_attribute_assignment"}
    running = {r.name for r in ours.engine.rules}
    assert "embedded_attribute_assignment" not in running
    assert {"whitespace", "placeholder_value"} <= running


def test_step_aside_ignores_look_alikes():
    from pkilint_semantic_dn.adapter.validators import SemanticDnValidator

    ours = SemanticDnValidator()
    everything = {r.name for r in ours.engine.rules}
    # Same name elsewhere (this plugin's own generated class is called so too), or the right
    # module without the codes: not pkilint's validator.
    look_alikes = [_native("AttributeValueWhitespaceValidator", "elsewhere")]
    stripped = _native("PlaceholderValueValidator")
    stripped.validations = []
    assert upstream_detect.step_aside([*look_alikes, stripped, ours]) == frozenset()
    assert {r.name for r in ours.engine.rules} == everything
