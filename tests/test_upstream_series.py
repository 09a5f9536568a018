"""The pkilint patch series (upstream/series) on the shared pkilint source, without and with
this plugin.

The fast part of `tools/upstream_suite.py`, for CI: the series applies in order to the pkilint
source with its tests (`../shared/peers/pkilint/pkilint-0.13.3-src-31d62c9.tar.gz`, or the
archive named by PKILINT_SOURCE_ARCHIVE; without it the tests skip, or fail under
SEMANTIC_DN_REQUIRE_CORPORA=1 as in CI); pkilint's tests that the series adds or touches pass
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
import pkimetal_harness as harness
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
ADDED_VECTORS = 458
ADDED_UNIT_TESTS = 432
PLUGIN_TESTS = 24


def _archive() -> Path:
    """The shared pkilint source: PKILINT_SOURCE_ARCHIVE, or where the pkimetal tests find it
    (../shared/peers beside the clone, or beside SEMANTIC_DN_CORPORA)."""
    return Path(os.environ.get("PKILINT_SOURCE_ARCHIVE", harness.PKILINT_SOURCE))


def _source(tmp_path_factory) -> Path:
    archive = _archive()
    # skips, or fails under SEMANTIC_DN_REQUIRE_CORPORA=1 (CI), like the pkimetal tests
    harness.require_peers(archive)
    work = tmp_path_factory.mktemp("upstream-series")
    source = suite.unpack(work, archive)
    suite.apply(source, PATCHES)
    return source


@pytest.fixture(scope="module")
def patched_source(tmp_path_factory) -> Path:
    """The shared pkilint source with the series applied (no venv)."""
    return _source(tmp_path_factory)


@pytest.fixture(scope="module")
def series(tmp_path_factory, patched_source):
    """(patched source, venv with the patched pkilint and pytest, no plugin)."""
    source = patched_source
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
    # test_plugin.py (patch 01), the three metadata CSV tests, the unit tests of 02-05
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


def test_missing_source_archive_fails_in_ci_and_skips_elsewhere(
    monkeypatch, tmp_path, tmp_path_factory
):
    monkeypatch.setenv("PKILINT_SOURCE_ARCHIVE", str(tmp_path / "missing.tar.gz"))
    monkeypatch.setenv("SEMANTIC_DN_REQUIRE_CORPORA", "1")
    with pytest.raises(pytest.fail.Exception, match="missing.tar.gz"):
        _source(tmp_path_factory)
    monkeypatch.delenv("SEMANTIC_DN_REQUIRE_CORPORA")
    with pytest.raises(pytest.skip.Exception, match="missing.tar.gz"):
        _source(tmp_path_factory)


def test_source_archive_is_found_where_the_pkimetal_tests_find_the_peers(monkeypatch):
    monkeypatch.delenv("PKILINT_SOURCE_ARCHIVE", raising=False)
    assert _archive() == harness.PEERS / "pkilint" / suite.SOURCE.name


# --- the ported string logic against the plugin's rule -------------------------------------


def _load_ported_module(monkeypatch, source: Path, name: str):
    """pkilint/common/<name>.py of the patched source, importable beside the installed
    pkilint: the module and the dn_string it imports are loaded from their files."""
    import importlib.util
    import sys

    loaded = None
    for module in ("dn_string", name):
        spec = importlib.util.spec_from_file_location(
            f"pkilint.common.{module}", source / "pkilint" / "common" / f"{module}.py"
        )
        loaded = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, spec.name, loaded)
        spec.loader.exec_module(loaded)
    return loaded


_PIECES = (
    "State", "S", "C", "ST", "Region", "City", "Zip Code", "Company", "E", ":", "=", " ",
    ",", "/", "|", "{", "}", "[", "]", "<", ">", "</", "$", "%", "%s", "%(x)s", '"', "'",
    "`", "\u201c", "\u201d", "\u2018", "\u2019", "Tokyo", "JP", "EMEA", "t", "Example Ltd",
    "\uff33\uff34", "\uff1a", "\\,", "\\2C", "your", "city", "name", "123", "(", ".", "-",
)  # fmt: skip


# the plugin's codes -> the kinds of pkilint/common/structured_data.py (patch 05)
_STRUCTURED_DATA_KINDS = {
    "semantic_dn.structured_data": "structured_data",
    "semantic_dn.template_placeholder": "template_variable",
    "semantic_dn.field_label": "field_label",
    "semantic_dn.possible_field_label": "possible_field_label",
    "semantic_dn.quoted_value": "quoted_value",
    "semantic_dn.possible_quoted_value": "possible_quoted_value",
}


def test_structured_data_port_matches_the_plugin_rule(monkeypatch, patched_source):
    # The port is the plugin's logic re-written: same findings, same messages, on the rule's
    # examples and near misses and 3,000 random values (labels, keywords, brackets, quotes,
    # escapes, fullwidth forms) in a subject. Catches a change to one side only.
    import random

    from pkilint_semantic_dn.rules import structured_data_leak as rule

    port = _load_ported_module(monkeypatch, patched_source, "structured_data")
    (examples,) = [
        r.examples + r.near_misses
        for r in registry.rules()
        if r.name == "structured_data_leak"
    ]
    rnd = random.Random(11)
    oids = ("2.5.4.8", "2.5.4.7", "2.5.4.10", "2.5.4.11", "2.5.4.13", "2.5.4.6")
    values = [("2.5.4.8", e.split("=", 1)[1]) for e in examples] + [
        (rnd.choice(oids), "".join(rnd.choices(_PIECES, k=rnd.randint(1, 8))))
        for _ in range(3000)
    ]
    reported = 0
    for oid, value in values:
        subject = [("2.5.4.6", "JP"), ("2.5.4.8", "EMEA"), (oid, value)]
        ours = [
            (_STRUCTURED_DATA_KINDS[h.code], h.message)
            for h in rule.check(oid, value, subject)
        ]
        theirs = [
            (f.kind, f.message)
            for f in port.find_structured_data(
                oid, value, lambda o: [v for t, v in subject if t == o]
            )
        ]
        assert theirs == ours, (oid, value)
        reported += bool(ours)
    assert reported > 300


# characters the characters port (patch 03) tells apart: controls, white space, invisible
# format characters, and letters of the scripts that need some of them
_CHARACTER_PIECES = (
    "Example", "Ltd", "a", " ", "  ", "\u00a0", "\u3000", "\t", "\n", "\r", "\x00", "\x7f",
    "\x85", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u202e",
    "\u2066", "\u2069", "\u00ad", "\u034f", "\u2060", "\ufffa", "บริษัท", "ຄານ", "ཏེ", "שלום",
    "\u05d0", "شركة", "نرم", "क्ष", "株式会社", "\U0001f600", "\uff25", "\u0301", "-",
)  # fmt: skip


def test_characters_port_matches_the_plugin_rules(monkeypatch, patched_source):
    # Patch 03 ports two plugin rules: control_and_invisible_character and whitespace. The
    # ported string functions, with the messages its two validators build from them, give
    # the plugin rules' findings on the rules' examples and near misses and 3,000 random
    # values of controls, spaces, invisible characters and letters of the scripts that need
    # them (the right-to-left marks among them). Catches a change to one side only.
    import random
    import sys

    from pkilint_semantic_dn.rules import control_and_invisible_character as characters
    from pkilint_semantic_dn.rules import whitespace

    port = _load_ported_module(
        monkeypatch, patched_source, "attribute_value_characters"
    )
    dn_string = sys.modules["pkilint.common.dn_string"]
    codes = {
        characters.CONTROL_CHARACTER: "control",
        characters.INVISIBLE_CHARACTER: "invisible",
        whitespace.LEADING_OR_TRAILING_WHITESPACE: "edge",
        whitespace.REPEATED_WHITESPACE: "repeated",
    }

    def ours(oid, value):
        return [
            (codes[h.code], h.message)
            for rule in (characters, whitespace)
            for h in rule.check(oid, value, ())
        ]

    def theirs(oid, value):
        # AttributeValueControlCharacterValidator, then AttributeValueWhitespaceValidator
        found = []
        if not value:
            return found
        name = dn_string.attribute_name(oid)
        if not (value.isascii() and value.isprintable()):
            escaped = dn_string.quote(port.escape(value))
            control = port.find_control_character(value)
            if control is not None:
                found.append(
                    (
                        "control",
                        f"{name} value {escaped} contains the control character "
                        f"{port.describe_character(control)}",
                    )
                )
            invisible = port.find_invisible_character(value)
            if invisible is not None:
                found.append(
                    (
                        "invisible",
                        f"{name} value {escaped} contains the invisible character "
                        f"{port.describe_character(invisible)}",
                    )
                )
        where = port.find_leading_or_trailing_space(value)
        if where is not None:
            found.append(
                (
                    "edge",
                    f"{name} value {dn_string.quote(value)} has {where} white space",
                )
            )
        if port.has_repeated_space(value):
            found.append(
                (
                    "repeated",
                    f"{name} value {dn_string.quote(value)} contains consecutive spaces",
                )
            )
        return found

    examples = [
        e
        for r in registry.rules()
        if r.name in ("control_and_invisible_character", "whitespace")
        for e in r.examples + r.near_misses
    ]
    assert len(examples) > 10
    rnd = random.Random(3)
    oids = ("2.5.4.8", "2.5.4.7", "2.5.4.10", "2.5.4.11", "2.5.4.3", "2.5.4.9")
    values = [("2.5.4.10", e.split("=", 1)[1]) for e in examples] + [
        (
            rnd.choice(oids),
            "".join(rnd.choices(_CHARACTER_PIECES, k=rnd.randint(1, 6))),
        )
        for _ in range(3000)
    ]
    # the case the plugin's fix and the port's share: a mark in a value without other
    # right-to-left text is reported
    values.append(("2.5.4.10", "Example\u200f Corporation"))
    reported = {kind: 0 for kind in codes.values()}
    for oid, value in values:
        expected = ours(oid, value)
        assert theirs(oid, value) == expected, (oid, value)
        for kind, _ in expected:
            reported[kind] += 1
    assert ours("2.5.4.10", "Example\u200f Corporation")[0][0] == "invisible"
    assert min(reported.values()) > 50, reported
