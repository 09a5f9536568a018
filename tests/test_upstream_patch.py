"""The upstream plugin mechanism (upstream/pkilint-0.13.3-entry-points.patch) with this plugin.

One venv per session: the pkilint 0.13.3 sdist from the registry with the patch applied
(`git apply`), and this repository's wheel, which declares the `pkilint.subject_validators`
entry point. Shows:

- the patch applies and its own tests pass;
- with the start-up hook disabled (PKILINT_SEMANTIC_DN=0), the stock CLI and a pkimetal-style
  driver with no change at all report the plugin's findings: pkilint loads the entry point;
- with the hook enabled it steps aside (pkilint's subject factory is not wrapped) and no finding
  is reported twice, also when the driver runs the .pth hook or calls activate();
- pkilint's own switch (PKILINT_DISABLE_PLUGINS) turns the plugin off, and the hook does not
  bring it back.

Skips only if the package registry is unreachable.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap

import pytest

import environments
import pkimetal_harness as harness
from helpers import ROOT, VECTORS
from pkilint_semantic_dn.adapter import linting

# Subprocesses, new venvs, downloads or whole corpora: `pytest -m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

PATCH = ROOT / "upstream" / "pkilint-0.13.3-entry-points.patch"
INCIDENT = ROOT / "examples" / "incident_tokyo_c_jp.pem"
INCIDENT_VECTOR = (
    VECTORS
    / "embedded_attribute_assignment"
    / "tls_br"
    / "ov_final_certificate"
    / "incident_tokyo_c_jp.crttest"
)
CODE = "semantic_dn.embedded_attribute_assignment"


@pytest.fixture(scope="module")
def patched(tmp_path_factory):
    """(pkilint source tree with the patch applied, venv with it and this plugin)."""
    source = environments.pkilint_sdist(tmp_path_factory, "0.13.3")
    git = shutil.which("git")
    if git is None:
        pytest.fail("git is needed to apply the upstream patch (git apply)")
    environments.run(
        [git, "apply", "--verbose", PATCH],
        what="git apply of the patch",
        cwd=source,
        # a plain directory: never let git find a repository above it
        GIT_CEILING_DIRECTORIES=str(source.parent),
    )
    venv = environments.create_venv(
        tmp_path_factory,
        "patched",
        [source, environments.wheel(tmp_path_factory), "pytest"],
    )
    return source, venv


def _env(venv, **overrides):
    env = harness.process_environment(**overrides)
    env["PATH"] = f"{venv.bin}:{env.get('PATH', '')}"
    return env


def _run(venv, args, **env) -> subprocess.CompletedProcess:
    p = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        env=_env(venv, **env),
        timeout=300,
    )
    return p


def _lint_incident(venv, **env) -> tuple[set[linting.Finding], str]:
    p = _run(
        venv,
        [venv.bin / "lint_cabf_serverauth_cert", "lint", "-d", "-f", "JSON", INCIDENT],
        **env,
    )
    assert p.stdout.startswith("{"), p.stderr
    findings = {
        linting.Finding(
            r["node_path"],
            r["validator"],
            fd["severity"],
            fd["code"],
            fd["message"] or "",
        )
        for r in json.loads(p.stdout)["results"]
        for fd in r["finding_descriptions"]
    }
    return findings, p.stderr


def _validations(venv, **env) -> list[str]:
    p = _run(
        venv,
        [
            venv.bin / "lint_cabf_serverauth_cert",
            "validations",
            "-t",
            "OV-FINAL-CERTIFICATE",
        ],
        **env,
    )
    assert p.returncode == 0, p.stderr
    return p.stdout.splitlines()


_FACTORY_STATE = textwrap.dedent("""
    import pkilint.pkix.certificate as c
    from pkilint_semantic_dn.adapter import registration
    print(
        hasattr(c.create_subject_validator_container, "__wrapped__"),
        hasattr(c.create_pkix_certificate_validator_container, "__wrapped__"),
        registration.is_installed(),
    )
    """)


def _expected_incident_findings():
    _, expected = linting.read_crttest(INCIDENT_VECTOR.read_text(encoding="utf-8"))
    return expected


def test_patch_applies_and_its_tests_pass(patched):
    source, venv = patched
    p = subprocess.run(
        [
            venv.python,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_plugin.py",
        ],
        cwd=source,
        capture_output=True,
        text=True,
        env=_env(venv),
        timeout=600,
    )
    assert p.returncode == 0, p.stdout[-4000:] + p.stderr[-2000:]
    assert " passed" in p.stdout


def test_stock_cli_reports_plugin_through_entry_point_with_hook_disabled(patched):
    _, venv = patched
    state = _run(venv, [venv.python, "-c", _FACTORY_STATE], PKILINT_SEMANTIC_DN="0")
    # Nothing of ours wraps pkilint, yet its subject factory adds the plugin's validators.
    assert state.stdout.split() == ["False", "False", "True"], state.stderr

    findings, stderr = _lint_incident(venv, PKILINT_SEMANTIC_DN="0")
    assert stderr == ""
    assert findings == _expected_incident_findings()
    assert [f.code for f in harness.semantic(findings)] == [CODE]

    listing = _validations(venv, PKILINT_SEMANTIC_DN="0")
    assert f"ERROR,{CODE}" in listing


def test_hook_steps_aside_and_nothing_is_reported_twice(patched):
    _, venv = patched
    state = _run(venv, [venv.python, "-c", _FACTORY_STATE])
    # Subject factory left to pkilint; only the (registering nothing) dedup wrapper is ours.
    assert state.stdout.split() == ["False", "True", "True"], state.stderr

    hook_on, stderr = _lint_incident(venv)
    hook_off, _ = _lint_incident(venv, PKILINT_SEMANTIC_DN="0")
    assert stderr == ""
    assert hook_on == hook_off == _expected_incident_findings()
    assert _validations(venv) == _validations(venv, PKILINT_SEMANTIC_DN="0")


def test_pkilint_disable_plugins_switches_the_plugin_off(patched):
    _, venv = patched
    expected = _expected_incident_findings()
    for value in ("semantic_dn", "1"):
        findings, _ = _lint_incident(venv, PKILINT_DISABLE_PLUGINS=value)
        assert findings == expected - harness.semantic(expected), value
    listing = _validations(venv, PKILINT_DISABLE_PLUGINS="semantic_dn")
    assert not [line for line in listing if "semantic_dn." in line]


_EXPLICIT = textwrap.dedent("""
    import pkilint_semantic_dn
    from pkilint import loader
    from pkilint.cabf import serverauth, smime
    from pkilint.cabf.serverauth import serverauth_constants
    from pkilint.cabf.smime import smime_constants
    from pkilint.pkix import certificate

    def codes(container, pem):
        results = container.validate(loader.load_pem_certificate(pem, "").root)
        return [
            fd.finding.code
            for r in results
            for fd in r.finding_descriptions
            if fd.finding.code.startswith("semantic_dn.")
        ]

    tls_pem, smime_pem = open({tls!r}).read(), open({smime!r}).read()
    ct = serverauth_constants.CertificateType.OV_FINAL_CERTIFICATE
    tls = certificate.create_pkix_certificate_validator_container(
        serverauth.create_decoding_validators(),
        serverauth.create_validators(
            ct, additional_name_validators=pkilint_semantic_dn.create_name_validators()
        ),
    )
    validators = smime.create_subscriber_validators(
        smime_constants.ValidationLevel.ORGANIZATION, smime_constants.Generation.STRICT
    )
    validators.append(pkilint_semantic_dn.create_subject_validator_container())
    smime_container = certificate.create_pkix_certificate_validator_container(
        smime.create_decoding_validators(), validators
    )
    print(len(codes(tls, tls_pem)), len(codes(smime_container, smime_pem)))
    """)


def test_explicit_api_and_entry_point_never_duplicate(patched, tmp_path):
    _, venv = patched
    smime_pem, _ = linting.read_crttest(
        (
            VECTORS
            / "embedded_attribute_assignment/smime_br/organization/strict/smime_organization_name.crttest"
        ).read_text(encoding="utf-8")
    )
    smime_file = tmp_path / "smime.pem"
    smime_file.write_text(smime_pem, encoding="ascii")
    code = _EXPLICIT.format(tls=str(INCIDENT), smime=str(smime_file))
    p = _run(venv, [venv.python, "-c", code])
    assert p.stdout.split() == ["1", "1"], p.stderr
    # Hook disabled: pkilint itself leaves out plugin validators passed explicitly.
    p = _run(venv, [venv.python, "-c", code], PKILINT_SEMANTIC_DN="0")
    assert p.stdout.split()[0] == "1", p.stderr


@pytest.fixture(scope="module")
def drivers(patched):
    _, venv = patched
    started = {
        # pkimetal's driver unchanged, hook disabled: only the entry point can add the plugin.
        "stock_hook_disabled": harness.Driver(
            venv.base_python,
            venv.site_packages,
            env=harness.process_environment(PKILINT_SEMANTIC_DN="0"),
        ),
        # The .pth hook runs too (driver patch), and activate() is called: still once.
        "driver_patch_and_activate": harness.Driver(
            venv.base_python,
            venv.site_packages,
            prelude=harness.PRELUDE_DRIVER_PATCH,
            after_imports=harness.AFTER_IMPORTS_ACTIVATE,
        ),
    }
    yield started
    for d in started.values():
        d.close()


@pytest.mark.parametrize(
    "variant", ["stock_hook_disabled", "driver_patch_and_activate"]
)
def test_pkimetal_style_driver_reports_plugin_findings_once(drivers, variant):
    driver = drivers[variant]
    expected = _expected_incident_findings()
    # Read from pkimetal's driver here, not at import: without the peer files this test
    # skips (fails in CI) and the module's other tests still run.
    ov = harness.PROFILE_IDS["tls_br/ov_final_certificate"]
    for profile in (ov, harness.PROFILE_IDS["tls"]):
        assert (
            driver.findings(profile, INCIDENT.read_text(encoding="ascii")) == expected
        )
    near_miss_pem, near_miss_expected = linting.read_crttest(
        (
            VECTORS
            / "embedded_attribute_assignment/tls_br/ov_final_certificate/near_miss_secom_co_ltd.crttest"
        ).read_text(encoding="utf-8")
    )
    assert driver.findings(ov, near_miss_pem) == near_miss_expected
    assert harness.semantic(near_miss_expected) == set()
    assert driver.stderr() == ""


def test_proposal_incident_table():
    """Every row of the incident table in docs/upstream.md is caught as it says (no network)."""
    from pkilint_semantic_dn.core import attributes, engine

    oids = {a.name: a.oid for a in attributes.ATTRIBUTE_TYPES}
    text = (ROOT / "docs" / "upstream.md").read_text(encoding="utf-8")
    table = text.split("<!-- incident-table:start -->")[1].split(
        "<!-- incident-table:end -->"
    )[0]
    rows = [line for line in table.strip().splitlines()[2:] if line.startswith("|")]
    assert len(rows) >= 10
    for row in rows:
        incident, value, attribute, country, code = [
            c.strip() for c in row.strip().strip("|").split("|")
        ]
        value, code = value[1:-1], code[1:-1]  # inside the backticks
        oid = oids[attribute]
        subject = (("2.5.4.6", country), (oid, value))
        if "EV" in incident:  # an EV subject carries businessCategory
            subject += (("2.5.4.15", "Private Organization"),)
        found = [h.code for h in engine.check_attribute(oid, value, subject)]
        assert code in found, (incident, value, found)
